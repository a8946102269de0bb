"""Freeman's (1979) centralization of degree, betweenness and closeness.

Betweenness and closeness come from one level-synchronous Brandes pass over a batch of sources
(:func:`brandes_batch`), exact or on a uniform sample of sources (Brandes & Pich 2007) with a
bootstrap standard error. Two conventions for digraphs (:data:`CONVENTIONS`): ``symmetrised``
(the default; a tie in either direction links two actors) and ``digraph``, R ``sna``'s default
for digraphs (total, in- or out-degree with the digraph maximum; betweenness on directed paths).
The module is not called ``centralization`` so that ``innolab.analysis.network.centralization``
stays the function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from innolab.errors import InnolabError, ParameterError

from .graph import arcs, directed_arcs

__all__ = ["CONVENTIONS", "centralization", "centralizations", "skeleton_csr", "arc_csr",
           "brandes_batch"]

#: The centralization conventions for digraphs: ``symmetrised`` (innolab's default) and
#: ``digraph`` (R ``sna``'s default for digraphs).
CONVENTIONS = ("symmetrised", "digraph")


def skeleton_csr(G) -> tuple[list, sp.csr_matrix]:
    """The undirected skeleton of a network as a symmetric 0/1 sparse matrix.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; a tie in either direction links two actors, weights are ignored.

    Returns
    -------
    nodes : list
        The nodes in graph order (the matrix's rows and columns).
    A : scipy.sparse.csr_matrix
        ``A[i, j] = 1`` when i and j are tied, 0 on the diagonal.
    """
    nodes, src, dst, _ = arcs(G)
    n = len(nodes)
    A = sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    A = ((A + A.T) > 0).astype(float).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    return nodes, A


def arc_csr(G) -> tuple[list, sp.csr_matrix]:
    """The arcs of a network as a 0/1 sparse matrix (``A[i, j] = 1`` for an arc i → j).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; an undirected edge gives both arcs, weights and self-ties are ignored.

    Returns
    -------
    nodes : list
        The nodes in graph order.
    A : scipy.sparse.csr_matrix
        0/1, 0 on the diagonal.
    """
    nodes, src, dst = directed_arcs(G)
    n = len(nodes)
    return nodes, sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))


def brandes_batch(A: sp.csr_matrix, sources: np.ndarray, forward: sp.csr_matrix | None = None):
    """Level-synchronous Brandes (2001) for a batch of sources on a 0/1 matrix.

    Parameters
    ----------
    A : scipy.sparse.csr_matrix
        0/1 adjacency matrix: symmetric (as from :func:`skeleton_csr`), or the arcs
        ``A[i, j] = 1`` for i → j (as from :func:`arc_csr`) with ``forward = A.T``.
    sources : numpy.ndarray
        Positions of the b source nodes.
    forward : scipy.sparse.csr_matrix, optional
        The matrix of the forward (breadth-first) step, ``A.T`` for directed paths; default
        ``A`` (undirected).

    Returns
    -------
    delta : numpy.ndarray
        ``n × b`` dependencies δ_s(v) of each node on each source (0 at the source); summed over
        all sources (and halved when undirected) they give the raw betweenness.
    dist : numpy.ndarray
        ``n × b`` shortest-path distances from each source, −1 where unreachable.
    """
    n = A.shape[0]
    b = len(sources)
    step = A if forward is None else forward
    cols = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int16 if n < 32000 else np.int32)
    sigma = np.zeros((n, b))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    frontier = sigma.copy()
    level = 0
    while True:
        nxt = step @ frontier
        nxt *= dist < 0
        new = nxt > 0
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma += nxt
        frontier = nxt
    inv_sigma = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=sigma > 0)
    delta = np.zeros((n, b))
    for lv in range(level, 0, -1):
        x = (1.0 + delta) * inv_sigma
        x *= dist == lv
        contrib = A @ x
        contrib *= sigma
        contrib *= dist == lv - 1
        delta += contrib
    delta[sources, cols] = 0.0
    return delta, dist


def _freeman(values: np.ndarray, denom: float) -> float:
    if denom <= 0:
        return 0.0
    return float(np.sum(values.max() - values) / denom)


def _convention_code(G, measure: str, mode: str, convention: str) -> str:
    """The code of the convention used: symmetrised, digraph_total / _in / _out (degree),
    digraph (betweenness); an undirected network is its own symmetrised graph."""
    if convention not in CONVENTIONS:
        raise ParameterError(f"convention must be one of {', '.join(CONVENTIONS)}, not "
                             f"{convention!r}.")
    if mode not in ("all", "in", "out"):
        raise ParameterError(f"mode must be 'all', 'in' or 'out', not {mode!r}.")
    if measure != "degree" and mode != "all":
        raise ParameterError(f"mode {mode!r} is for degree only, not {measure}.")
    if not G.is_directed():
        return "symmetrised"
    if measure == "degree":
        if mode != "all":
            return f"digraph_{mode}"
        return "digraph_total" if convention == "digraph" else "symmetrised"
    if measure == "betweenness" and convention == "digraph":
        return "digraph"
    if measure == "closeness" and convention == "digraph":
        raise ParameterError("Closeness centralization has only the symmetrised convention "
                             "(directed distances are infinite between most pairs).")
    return "symmetrised"


def _centralization_detail(G, measure: str, k=None, seed=0, mode: str = "all",
                           n_boot: int = 200, batch: int = 64, cache=None,
                           convention: str = "symmetrised") -> dict:
    n_all = G.number_of_nodes()
    if measure not in ("degree", "betweenness", "closeness"):
        raise ParameterError(f"measure must be 'degree', 'betweenness' or 'closeness', "
                             f"not {measure!r}.")
    code = _convention_code(G, measure, mode, convention)
    if n_all < 3:
        raise InnolabError(f"Freeman centralization needs at least 3 actors; this network has "
                           f"{n_all}.")
    out = {"measure": measure, "n": n_all, "exact": True, "k": None, "se": 0.0, "seed": None,
           "convention": code}
    if measure == "degree":
        # sna 2.7-2, R/nli.R lines 203-216 (tmaxdev) and src/nli.c lines 222-249 (degree_R)
        if code == "symmetrised":
            _, A = skeleton_csr(G)
            deg = np.diff(A.indptr).astype(float)
            out["value"] = _freeman(deg, (n_all - 1) * (n_all - 2))
        else:
            _, src, dst = directed_arcs(G)
            indeg = np.bincount(dst, minlength=n_all).astype(float)
            outdeg = np.bincount(src, minlength=n_all).astype(float)
            if code == "digraph_total":  # an arc counts at both ends: max 2(n−1)(n−2)
                out["value"] = _freeman(indeg + outdeg, 2 * (n_all - 1) * (n_all - 2))
            else:
                deg = indeg if code == "digraph_in" else outdeg
                out["value"] = _freeman(deg, (n_all - 1) ** 2)
        out["note"] = "exact"
        return out

    directed = code == "digraph"
    paths = None if cache is None else cache.get(("paths", k, seed, directed))
    if paths is None:
        nodes, A = skeleton_csr(G)
        if directed:
            _, D = arc_csr(G)
            D_t = D.T.tocsr()
        n_full = A.shape[0]
        rng = np.random.default_rng(seed)
        if k is None or k >= n_full:
            sources = np.arange(n_full)
        else:
            if k < 2:
                raise ParameterError(f"k (sampled sources) must be at least 2, not {k}.")
            sources = np.sort(rng.choice(n_full, size=int(k), replace=False))
        delta = np.zeros((n_full, len(sources)), dtype=np.float32)
        dist = np.zeros((n_full, len(sources)), dtype=np.int32)
        for start in range(0, len(sources), batch):
            s = sources[start:start + batch]
            dl, ds = brandes_batch(D, s, forward=D_t) if directed else brandes_batch(A, s)
            delta[:, start:start + len(s)] = dl
            dist[:, start:start + len(s)] = ds
        _, lab = sp.csgraph.connected_components(A, directed=False)
        paths = (A.shape[0], sources, delta, dist, lab, rng)
        if cache is not None:
            cache[("paths", k, seed, directed)] = paths
    n_full, sources, delta, dist, lab, rng = paths
    if len(sources) < n_full:
        out.update(exact=False, k=len(sources), seed=seed)
    if measure == "betweenness":
        n = n_full
        per_source = delta
    else:
        big = np.argmax(np.bincount(lab))
        keep = np.flatnonzero(lab == big)
        n = len(keep)
        out["n"] = n
        out["share_in_component"] = n / n_all
        if n < 3:
            raise InnolabError("Freeman closeness centralization needs a connected component "
                               "of at least 3 actors.")
        in_comp = lab[sources] == big
        per_source = dist[np.ix_(keep, np.flatnonzero(in_comp))]
        if per_source.shape[1] < 2:
            raise InnolabError("Too few sampled sources fell in the largest component; "
                               "raise k.")
    kk = per_source.shape[1]

    def value_from(weights: np.ndarray) -> np.ndarray:
        # weights: (r, kk) multiplicities of sampled sources; returns r centralizations
        if measure == "betweenness":
            # sna 2.7-2, R/nli.R lines 49-51 (tmaxdev) and 81-82 (undirected halved)
            est = (per_source @ weights.T).astype(float) * (n / kk)
            if directed:  # raw betweenness on directed paths, max (n−1)²(n−2)
                denom = (n - 1) ** 2 * (n - 2)
            else:  # raw undirected betweenness, max (n−1)²(n−2)/2
                est /= 2.0
                denom = (n - 1) ** 2 * (n - 2) / 2.0
            return np.sum(est.max(axis=0) - est, axis=0) / denom
        farness = (per_source.astype(float) @ weights.T) * (n / kk)
        # a sampled node's own distance is 0; exact when all sources are used
        with np.errstate(divide="ignore"):
            c = np.where(farness > 0, (n - 1) / farness, 0.0)
        denom = (n - 1) * (n - 2) / (2 * n - 3)
        return np.sum(c.max(axis=0) - c, axis=0) / denom

    out["value"] = float(value_from(np.ones((1, kk)))[0])
    if not out["exact"]:
        boot = rng.multinomial(kk, np.full(kk, 1.0 / kk), size=n_boot).astype(float)
        reps = value_from(boot)
        out["se"] = float(reps.std(ddof=1))
        # estimated from k of n source nodes sampled uniformly; se: bootstrap over the sources
        out["note"] = "sampled"
    else:
        out["note"] = "exact"
    if measure == "closeness" and out["share_in_component"] < 1:
        out["note"] += ";largest_component"  # computed on n of the network's actors
    return out


def centralization(G, measure: str = "degree", k=None, seed=0, mode: str = "all",
                   convention: str = "symmetrised") -> float:
    """Freeman's (1979) centralization: 1 for a star, 0 when all actors are equally central.

    ``C = Σ_i (c* − c_i) / max Σ_i (c* − c_i)``, the maximum being reached by the star of the
    same size. ``convention="symmetrised"`` (default) computes on the undirected skeleton of a
    digraph (a tie in either direction links two actors), except ``measure="degree"`` with
    ``mode="in"``/``"out"``. ``convention="digraph"`` is R ``sna``'s default for digraphs,
    ``centralization(g, degree)`` and ``centralization(g, betweenness)`` with
    ``gmode="digraph"`` on the 0/1 network: total degree (in + out, a mutual pair counts twice)
    with the maximum 2(n−1)(n−2), and betweenness on directed paths with the maximum
    (n−1)²(n−2). On an undirected network both conventions are the same.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    measure : {"degree", "betweenness", "closeness"}
        Degree: raw degree, denominator (n−1)(n−2) (in/out: (n−1)²). Betweenness: raw
        betweenness, denominator (n−1)²(n−2)/2. Closeness: (n−1)/Σ d, denominator
        (n−1)(n−2)/(2n−3), within the largest connected component (Freeman's closeness needs a
        connected graph).
    k : int, optional
        For betweenness and closeness: the number of source nodes sampled for the shortest-path
        searches (Brandes & Pich 2007). ``None`` is exact. Use :func:`centralizations` to get the
        sampling statement and standard error with the value.
    seed : int
        Seed of the source sample.
    mode : {"all", "in", "out"}
        Degree only, for digraphs: ``in``/``out`` are in-/out-degree with the maximum (n−1)²
        (sna's ``cmode="indegree"``/``"outdegree"``) under either convention.
    convention : {"symmetrised", "digraph"}
        How a digraph is read (see above); closeness has the symmetrised convention only.

    Returns
    -------
    float
        The centralization in [0, 1].

    Raises
    ------
    InnolabError
        With fewer than 3 actors (the maximum is 0 and the index undefined).

    Notes
    -----
    Checked: star = 1 for all three (Freeman 1979); cycle and complete graph = 0; 5-node path
    degree 1/6, betweenness 5/12 and closeness 0.4222 by hand from Freeman's formulas; exact
    betweenness and closeness agree with networkx on random graphs. The digraph convention:
    small named digraphs computed by hand with the formulas of sna 2.7-2 (``R/gli.R``
    ``centralization``, ``R/nli.R`` ``degree`` and ``betweenness`` with ``tmaxdev=TRUE``,
    ``src/nli.c`` ``degree_R``), in ``tests/test_network.py``.
    """
    return _centralization_detail(G, measure, k=k, seed=seed, mode=mode,
                                  convention=convention)["value"]


def centralizations(G, k="auto", seed=0, exact_limit: int = 3000, n_boot: int = 200,
                    convention: str = "symmetrised") -> pd.DataFrame:
    """The three Freeman centralizations with how each was computed.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network (at least 3 actors).
    k : int, None or "auto"
        Sampled source nodes for betweenness and closeness. ``"auto"``: exact up to
        ``exact_limit`` actors, else 256 sampled sources. ``None``: exact.
    seed : int
        Seed of the source sample and of the bootstrap.
    exact_limit : int
        Network size up to which ``"auto"`` computes exactly.
    n_boot : int
        Bootstrap resamples of the sampled sources for the standard error.
    convention : {"symmetrised", "digraph"}
        How a digraph is read for degree and betweenness (see :func:`centralization`);
        closeness is always symmetrised.

    Returns
    -------
    pandas.DataFrame
        Rows ``degree, betweenness, closeness``; columns ``measure, centralization, exact, k,
        se, n, note, convention``. ``convention`` is the code of the convention used:
        ``symmetrised``, ``digraph_total`` (degree) or ``digraph`` (betweenness). ``se`` is
        the bootstrap standard error of a sampled estimate (0 when exact); ``n`` the actors
        the index was computed on; ``note`` is a code of how: ``exact`` or ``sampled`` (from
        ``k`` source nodes drawn uniformly with ``seed``, ``se`` over ``n_boot`` bootstrap
        resamples of them), with ``;largest_component`` when closeness was computed within the
        largest connected component only (``n`` actors).

    Notes
    -----
    See :func:`centralization` for the checks.
    """
    if k == "auto":
        k = None if G.number_of_nodes() <= exact_limit else 256
    rows = []
    cache: dict = {}  # betweenness and closeness share one shortest-path pass
    for m in ("degree", "betweenness", "closeness"):
        conv = "symmetrised" if m == "closeness" else convention
        r = _centralization_detail(G, m, k=k, seed=seed, n_boot=n_boot, cache=cache,
                                   convention=conv)
        rows.append({"measure": m, "centralization": r["value"], "exact": r["exact"],
                     "k": r["k"], "se": r["se"], "n": r["n"], "note": r["note"],
                     "convention": r["convention"]})
    return pd.DataFrame(rows)
