"""People–Public–Private actor networks: graphs, composition, E-I, brokerage, Burt, centralization.

Every measure here is checked in ``tests/test_network.py`` against a published value and the test
names its source; ``docs/methods.md`` ("Networks") gives each formula and the choices made.

Conventions
-----------
* :func:`build_graph` gives a :class:`networkx.DiGraph`: actors are nodes keyed by their
  pseudonymous ``actor_id``; a tie is an arc from the actor who reported it. Names never enter a
  graph, so nothing computed here can leak them.
* Functions accept a :class:`networkx.Graph` too; an undirected edge then counts as one tie for the
  E-I index and as two arcs (both directions) for brokerage, as R's ``sna`` treats an undirected
  network.
* Values that are undefined are never silently NaN in a scalar result: a scalar that cannot be
  computed raises :class:`~innolab.errors.InnolabError` with the reason. In per-actor or per-group
  tables a NaN appears only where the docstring says so (e.g. the E-I index of an actor without
  ties), next to the counts that explain it.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from innolab.data import vocab
from innolab.errors import InnolabError, ParameterError

__all__ = [
    "NODE_ATTRIBUTES",
    "ROLES",
    "build_graph",
    "composition",
    "ppp_balance",
    "mixing_matrix",
    "ei_index",
    "ei_by_group",
    "ei_by_actor",
    "ei_permutation_test",
    "brokerage",
    "brokerage_summary",
    "constraint",
    "effective_size",
    "centralization",
    "centralizations",
    "tripartite_closure",
    "boundary_spanning",
    "assortativity",
    "communities",
    "key_actors",
    "network_change",
    "area_measures",
    "MEASURE_COLUMNS",
]

#: Node attributes :func:`build_graph` copies from the study (never ``name``).
NODE_ATTRIBUTES = ("sector", "type", "kind", "area_id", "municipality", "country",
                   "target_group", "kehra_member")

#: Gould–Fernandez roles in the order of R ``sna::brokerage`` (w_I, w_O, b_IO, b_OI, b_O).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
_SNA_NAMES = dict(zip(ROLES, ("w_I", "w_O", "b_IO", "b_OI", "b_O"), strict=True))

_MISSING = "(none)"


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _node_groups(G, attr: str) -> tuple[list, np.ndarray, list]:
    """Nodes, an integer group code per node and the group labels (missing -> "(none)")."""
    nodes = list(G.nodes)
    if nodes and not any(attr in G.nodes[v] for v in nodes):
        raise ParameterError(f"No actor in the network has the attribute {attr!r}.")
    values = []
    for v in nodes:
        x = G.nodes[v].get(attr)
        values.append(_MISSING if _is_missing(x) else x)
    labels: list = []
    index: dict = {}
    codes = np.empty(len(nodes), dtype=np.int64)
    for i, x in enumerate(values):
        if x not in index:
            index[x] = len(labels)
            labels.append(x)
        codes[i] = index[x]
    return nodes, codes, labels


def _arcs(G, weight=None) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes and arrays (src, dst, w) of ties; an undirected edge is one tie (src < dst order)."""
    nodes = list(G.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    m = G.number_of_edges()
    src = np.empty(m, dtype=np.int64)
    dst = np.empty(m, dtype=np.int64)
    w = np.ones(m, dtype=float)
    for k, (u, v, d) in enumerate(G.edges(data=True)):
        src[k] = pos[u]
        dst[k] = pos[v]
        if weight is not None:
            w[k] = float(d.get(weight, 1.0))
    keep = src != dst  # self-ties are not ties here (the data format forbids them)
    return nodes, src[keep], dst[keep], w[keep]


def _directed_arcs(G) -> tuple[list, np.ndarray, np.ndarray]:
    """Nodes and binary arcs; an undirected edge gives both directions (as ``sna`` does)."""
    nodes, src, dst, _ = _arcs(G)
    if not G.is_directed():
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    if len(src):
        key = np.unique(src * max(len(nodes), 1) + dst)
        src, dst = key // len(nodes), key % len(nodes)
    return nodes, src, dst


def _sector_order(labels) -> list:
    order = list(vocab.SECTORS)
    known = [s for s in order if s in labels]
    return known + sorted((s for s in labels if s not in order), key=str)


# --------------------------------------------------------------------------------------------
# building graphs
# --------------------------------------------------------------------------------------------

def build_graph(study, area_id=None, wave=None, types=None, include_external: bool = False
                ) -> nx.DiGraph:
    """The actor network of a study, an area or a wave as a directed, weighted graph.

    Parameters
    ----------
    study : innolab.Study or object with ``actors``, ``ties`` and ``areas`` DataFrames
        The study (BRIEF §5 columns).
    area_id : str, optional
        Only the actors of this area and the ties among them. ``None`` is the whole study with
        cross-area ties kept.
    wave : int, optional
        The wave of ties to use; ``None`` is the latest wave present in the study's ties.
    types : str or list of str, optional
        Tie types to keep (``collaboration``, ``information``, ``resources``, ``advice``);
        ``None`` keeps all.
    include_external : bool
        With ``area_id``, also keep ties between the area's actors and actors elsewhere (those
        actors become nodes too), e.g. for :func:`boundary_spanning`.

    Returns
    -------
    networkx.DiGraph
        Nodes: ``actor_id`` with attributes ``sector, type, kind, area_id, municipality, country,
        target_group`` (None when empty) and ``kehra_member`` — never ``name``. Actors present in
        the wave (``joined_wave`` empty or not after it) are nodes even without ties. Arcs:
        source → target with ``weight`` (sum over the kept tie types) and ``types`` (the tie
        types joined with ``;``). Graph attributes: ``wave``, ``area_id``, ``types``.

    Notes
    -----
    Checked against the hand-written mini study (``tests/data/mini_study``), whose arcs and
    weights per wave were counted by hand.
    """
    actors = study.actors
    ties = study.ties
    areas = getattr(study, "areas", None)
    if types is not None:
        types = [types] if isinstance(types, str) else list(types)
        unknown = [t for t in types if t not in vocab.TIE_TYPES]
        if unknown:
            raise ParameterError(f"Unknown tie type(s) {unknown}: expected some of "
                                 f"{', '.join(vocab.TIE_TYPES)}.")
    present_waves = sorted(int(x) for x in pd.unique(ties["wave"].dropna())) if len(ties) else []
    if wave is None:
        wave = present_waves[-1] if present_waves else None
    else:
        try:
            wave = int(wave)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"wave must be an integer, not {wave!r}.") from exc
        known = set(present_waves)
        waves_table = getattr(study, "waves", None)
        if waves_table is not None and len(waves_table) and "wave" in waves_table:
            known |= {int(x) for x in waves_table["wave"].dropna()}
        if wave not in known:
            raise ParameterError(f"Unknown wave {wave}: the study has waves "
                                 f"{sorted(known) or 'none'}.")
    if area_id is not None:
        known_areas = set(actors["area_id"]) | (set(areas["area_id"]) if areas is not None
                                                else set())
        if area_id not in known_areas:
            raise ParameterError(f"Unknown area {area_id!r}: the study has areas "
                                 f"{', '.join(sorted(map(str, known_areas)))}.")

    area_info: dict = {}
    if areas is not None and len(areas):
        for row in areas.itertuples(index=False):
            area_info[row.area_id] = (getattr(row, "municipality", None),
                                      getattr(row, "country", None))

    t = ties
    if wave is not None:
        t = t[t["wave"] == wave]
    if types is not None:
        t = t[t["type"].isin(types)]
    if "weight" in t.columns:
        w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).astype(float)
    else:
        w = pd.Series(1.0, index=t.index)
    t = pd.DataFrame({"source": t["source"].to_numpy(), "target": t["target"].to_numpy(),
                      "type": t["type"].astype(str).to_numpy(), "weight": w.to_numpy()})
    t = t[t["source"] != t["target"]]

    actors_by_id = actors.set_index("actor_id", drop=False)
    in_area = set(actors["actor_id"]) if area_id is None else set(
        actors.loc[actors["area_id"] == area_id, "actor_id"])
    if area_id is not None:
        both = t["source"].isin(in_area) & t["target"].isin(in_area)
        either = t["source"].isin(in_area) | t["target"].isin(in_area)
        t = t[either if include_external else both]

    def present(aid) -> bool:
        if "joined_wave" not in actors_by_id.columns or wave is None:
            return True
        jw = actors_by_id.at[aid, "joined_wave"]
        return _is_missing(jw) or int(jw) <= wave

    node_ids = [a for a in actors["actor_id"] if a in in_area and present(a)]
    seen = set(node_ids)
    for a in list(t["source"]) + list(t["target"]):
        if a not in seen:
            seen.add(a)
            node_ids.append(a)

    G = nx.DiGraph(wave=wave, area_id=area_id, types=None if types is None else tuple(types))
    for aid in node_ids:
        if aid not in actors_by_id.index:
            raise InnolabError(f"Tie end {aid!r} is not a known actor of the study.")
        row = actors_by_id.loc[aid]
        attrs = {}
        for key in ("sector", "type", "kind", "area_id", "target_group", "kehra_member"):
            value = row.get(key) if key in row.index else None
            attrs[key] = None if _is_missing(value) else value
        if attrs["kehra_member"] is not None:
            attrs["kehra_member"] = bool(attrs["kehra_member"])
        else:
            attrs["kehra_member"] = False
        municipality, country = area_info.get(attrs["area_id"], (None, None))
        attrs["municipality"] = None if _is_missing(municipality) else municipality
        attrs["country"] = None if _is_missing(country) else country
        G.add_node(aid, **attrs)
    if len(t):
        agg = t.groupby(["source", "target"], sort=True).agg(
            weight=("weight", "sum"), types=("type", lambda s: ";".join(sorted(set(s)))))
        for (u, v), row in agg.iterrows():
            G.add_edge(u, v, weight=float(row["weight"]), types=row["types"])
    return G


# --------------------------------------------------------------------------------------------
# composition
# --------------------------------------------------------------------------------------------

def ppp_balance(G, attr: str = "sector") -> float:
    """PPP balance: normalised Shannon entropy of actors over people / public / private.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute holding the sector.

    Returns
    -------
    float
        ``H / ln 3`` with ``H = -Σ p_k ln p_k`` over the three PPP sectors (other sectors are
        left out): 1 when the three are equally many, 0 when only one of them is present or
        none is.

    Notes
    -----
    Pielou's evenness J (Shannon entropy divided by its maximum, Pielou 1966); checked against
    hand values: (1, 1, 1) → 1, (1, 0, 0) → 0, (2, 1, 1) → 0.9464 (= 1.0397 / 1.0986).
    """
    counts = Counter(G.nodes[v].get(attr) for v in G.nodes)
    n = np.array([counts.get(s, 0) for s in vocab.PPP_SECTORS], dtype=float)
    if n.sum() == 0:
        return 0.0
    p = n[n > 0] / n.sum()
    return float(max(0.0, -(p * np.log(p)).sum() / math.log(len(vocab.PPP_SECTORS))))


def composition(G, attr: str = "sector") -> pd.DataFrame:
    """Counts and shares of actors by an attribute, with the PPP balance score.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute, by default ``sector``.

    Returns
    -------
    pandas.DataFrame
        Columns ``<attr>, n, share``: one row per value (for ``sector``: every sector of the
        vocabulary in its order, zeros included; missing values as ``"(none)"``). ``share`` is
        0 for an empty network. ``df.attrs["ppp_balance"]`` holds :func:`ppp_balance` when
        ``attr == "sector"`` and ``df.attrs["n_actors"]`` the number of actors.

    Notes
    -----
    Checked against counts done by hand on the mini study.
    """
    values = [G.nodes[v].get(attr) for v in G.nodes]
    values = [_MISSING if _is_missing(x) else x for x in values]
    counts = Counter(values)
    if attr == "sector":
        keys = list(vocab.SECTORS) + sorted((k for k in counts if k not in vocab.SECTORS), key=str)
    else:
        keys = sorted(counts, key=str)
    total = sum(counts.values())
    df = pd.DataFrame({attr: keys, "n": [int(counts.get(k, 0)) for k in keys]})
    df["share"] = df["n"] / total if total else 0.0
    df.attrs["n_actors"] = int(total)
    if attr == "sector":
        df.attrs["ppp_balance"] = ppp_balance(G, attr)
    return df


def mixing_matrix(G, attr: str = "sector", weight=None, normalized: bool = False
                  ) -> pd.DataFrame:
    """Ties counted by the attribute of their source (rows) and target (columns).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; an undirected edge is counted once, in both cells (i, j) and (j, i)
        halved — i.e. the matrix is symmetric and sums to the number of edges.
    attr : str
        Node attribute.
    weight : str, optional
        Edge attribute to sum instead of counting ties.
    normalized : bool
        Divide by the total so that the cells sum to 1.

    Returns
    -------
    pandas.DataFrame
        Square table, index = source value, columns = target value (sectors in vocabulary order).

    Notes
    -----
    Checked by hand on the mini study; its diagonal / off-diagonal sums give the I and E of
    :func:`ei_index`.
    """
    nodes, codes, labels = _node_groups(G, attr)
    _, src, dst, w = _arcs(G, weight)
    k = len(labels)
    M = np.zeros((k, k))
    if len(src):
        np.add.at(M, (codes[src], codes[dst]), w)
    if not G.is_directed():
        M = (M + M.T) / 2.0
    order = _sector_order(labels) if attr == "sector" else sorted(labels, key=str)
    df = pd.DataFrame(M, index=labels, columns=labels).loc[order, order]
    df.index.name, df.columns.name = f"source_{attr}", f"target_{attr}"
    if normalized:
        total = df.to_numpy().sum()
        if total > 0:
            df = df / total
    return df


# --------------------------------------------------------------------------------------------
# E-I index (Krackhardt & Stern 1988)
# --------------------------------------------------------------------------------------------

def _ei(external: float, internal: float) -> float:
    return (external - internal) / (external + internal)


def ei_index(G, attr: str = "sector", weight=None) -> float:
    """Krackhardt & Stern's E-I index of the whole network.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network. In a digraph every arc is a tie (a mutual pair counts twice, as in UCINET
        on a directed matrix); in a graph every edge is one tie.
    attr : str
        Node attribute defining the groups.
    weight : str, optional
        Edge attribute to sum instead of counting ties.

    Returns
    -------
    float
        ``(E − I) / (E + I)``: E ties between groups, I within; −1 all within, +1 all between.

    Raises
    ------
    InnolabError
        If the network has no ties (the index is undefined).

    Notes
    -----
    Checked against the published output of R ``homophily::ei_index`` on the Koschade (2006)
    Jemaah Islamiyah network (0.3650794) and by hand.
    """
    nodes, codes, _ = _node_groups(G, attr)
    _, src, dst, w = _arcs(G, weight)
    if len(src) == 0 or w.sum() == 0:
        raise InnolabError("The E-I index is undefined for a network without ties.")
    same = codes[src] == codes[dst]
    return float(_ei(w[~same].sum(), w[same].sum()))


def ei_by_group(G, attr: str = "sector", weight=None) -> pd.DataFrame:
    """E-I index of each group: the ties of its members to outsiders against ties inside.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute defining the groups.
    weight : str, optional
        Edge attribute to sum instead of counting ties.

    Returns
    -------
    pandas.DataFrame
        Columns ``<attr>, n_actors, internal, external, ei``. ``internal``: ties with both ends
        in the group; ``external``: ties with exactly one end in it (either direction).
        ``ei = (external − internal) / (external + internal)``, NaN only where the group has no
        ties at all (``internal + external == 0``).

    Notes
    -----
    Krackhardt & Stern (1988) group E-I; checked by hand on the Koschade (2006) network (e.g.
    "Team Lima": 6 internal, 4 external ties → −0.2).
    """
    nodes, codes, labels = _node_groups(G, attr)
    _, src, dst, w = _arcs(G, weight)
    k = len(labels)
    same = codes[src] == codes[dst]
    internal = np.bincount(codes[src][same], weights=w[same], minlength=k)
    external = (np.bincount(codes[src][~same], weights=w[~same], minlength=k)
                + np.bincount(codes[dst][~same], weights=w[~same], minlength=k))
    n_actors = np.bincount(codes, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        ei = (external - internal) / (external + internal)
    df = pd.DataFrame({attr: labels, "n_actors": n_actors, "internal": internal,
                       "external": external, "ei": ei})
    if weight is None:
        df[["internal", "external"]] = df[["internal", "external"]].astype(int)
    order = _sector_order(labels) if attr == "sector" else sorted(labels, key=str)
    return df.set_index(attr).loc[order].reset_index()


def ei_by_actor(G, attr: str = "sector", weight=None, direction: str = "both") -> pd.DataFrame:
    """E-I index of each actor: its ties to other groups against ties to its own.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute defining the groups.
    weight : str, optional
        Edge attribute to sum instead of counting ties.
    direction : {"both", "out", "in"}
        Which ties of an actor count in a digraph: all incident arcs, sent ones, or received ones.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_id, <attr>, internal, external, ei`` in node order; ``ei`` is NaN only
        for an actor without ties in that direction (``internal + external == 0``).

    Notes
    -----
    Checked against the published node-level output of R ``homophily::ei_index`` on the
    Koschade (2006) network (e.g. MUKLAS 0.5555556, SAMUDRA 0.7333333, RAUF −0.2).
    """
    if direction not in ("both", "out", "in"):
        raise ParameterError(f"direction must be 'both', 'out' or 'in', not {direction!r}.")
    nodes, codes, labels = _node_groups(G, attr)
    _, src, dst, w = _arcs(G, weight)
    n = len(nodes)
    same = codes[src] == codes[dst]
    internal = np.zeros(n)
    external = np.zeros(n)
    ends = []
    if direction in ("both", "out") or not G.is_directed():
        ends.append(src)
    if direction in ("both", "in") or not G.is_directed():
        ends.append(dst)
    for e in ends:
        internal += np.bincount(e[same], weights=w[same], minlength=n)
        external += np.bincount(e[~same], weights=w[~same], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        ei = (external - internal) / (external + internal)
    df = pd.DataFrame({"actor_id": nodes, attr: [labels[c] for c in codes],
                       "internal": internal, "external": external, "ei": ei})
    if weight is None:
        df[["internal", "external"]] = df[["internal", "external"]].astype(int)
    return df


def ei_permutation_test(G, attr: str = "sector", n: int = 1000, seed=0, weight=None) -> dict:
    """Permutation test of the E-I index: group labels shuffled over actors, ties kept.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute defining the groups.
    n : int
        Number of permutations.
    seed : int or numpy.random.Generator
        Random seed; the same seed gives the same result.
    weight : str, optional
        Edge attribute to sum instead of counting ties.

    Returns
    -------
    dict
        ``observed`` (the E-I index), ``perm_mean``, ``perm_sd``, ``perm_min``, ``perm_max`` of
        the permutation distribution, ``p_greater`` (share of permutations with E-I ≥ observed),
        ``p_less`` (≤ observed), ``p_value`` (two-sided: |perm − mean| ≥ |observed − mean|),
        ``n_permutations``, ``seed``. p-values use the (count + 1) / (n + 1) estimate (Phipson &
        Smyth 2010), so they are never 0.

    Raises
    ------
    InnolabError
        If the network has no ties.

    Notes
    -----
    As UCINET's E-I permutation test (labels permuted, group sizes fixed). Checked: with one
    group every permutation equals the observed −1 (p = 1); on a perfectly segregated network the
    observed −1 is the minimum and ``p_less`` = 1/(n+1); the permutation mean matches the exact
    expectation ``1 − 2·P(same group)`` under random labelling within Monte Carlo error.
    """
    if n < 1:
        raise ParameterError(f"n (permutations) must be at least 1, not {n}.")
    nodes, codes, _ = _node_groups(G, attr)
    _, src, dst, w = _arcs(G, weight)
    if len(src) == 0 or w.sum() == 0:
        raise InnolabError("The E-I index is undefined for a network without ties.")
    total = w.sum()
    observed = float(_ei(w[codes[src] != codes[dst]].sum(), w[codes[src] == codes[dst]].sum()))
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    # Only the actors that have ties matter; permuting all labels keeps group sizes fixed.
    chunk = max(1, min(n, 4_000_000 // max(len(src), 1)))
    perm = np.empty(n)
    done = 0
    while done < n:
        b = min(chunk, n - done)
        lab = rng.permuted(np.broadcast_to(codes, (b, len(codes))), axis=1)
        internal = ((lab[:, src] == lab[:, dst]) * w).sum(axis=1)
        perm[done:done + b] = (total - 2.0 * internal) / total
        done += b
    mean = float(perm.mean())
    tol = 1e-12
    p_greater = (np.sum(perm >= observed - tol) + 1) / (n + 1)
    p_less = (np.sum(perm <= observed + tol) + 1) / (n + 1)
    p_two = (np.sum(np.abs(perm - mean) >= abs(observed - mean) - tol) + 1) / (n + 1)
    return {"observed": observed, "perm_mean": mean, "perm_sd": float(perm.std(ddof=1))
            if n > 1 else 0.0, "perm_min": float(perm.min()), "perm_max": float(perm.max()),
            "p_greater": float(p_greater), "p_less": float(p_less),
            "p_value": float(min(1.0, p_two)), "n_permutations": int(n),
            "seed": seed if not isinstance(seed, np.random.Generator) else None}


# --------------------------------------------------------------------------------------------
# Gould–Fernandez brokerage, counted as R sna::brokerage
# --------------------------------------------------------------------------------------------

def _two_paths(n: int, src: np.ndarray, dst: np.ndarray, max_chunk: int = 5_000_000):
    """Yield arrays (a, v, b) of open two-paths a→v→b (a≠b, a→b absent), in chunks."""
    if len(src) == 0:
        return
    order = np.argsort(src, kind="stable")
    s_sorted, d_sorted = src[order], dst[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, s_sorted + 1, 1)
    indptr = np.cumsum(indptr)
    outdeg = np.diff(indptr)
    arc_keys = np.sort(src * n + dst)
    counts = outdeg[dst]  # for arc (a, v): the number of v's out-arcs
    cum = np.cumsum(counts)
    start = 0
    while start < len(src):
        base = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, base + max_chunk, side="right"))
        stop = max(stop, start + 1)
        c = counts[start:stop]
        tot = int(c.sum())
        if tot:
            a = np.repeat(src[start:stop], c)
            v = np.repeat(dst[start:stop], c)
            offs = np.repeat(np.cumsum(c) - c, c)
            b = d_sorted[np.repeat(indptr[dst[start:stop]], c) + (np.arange(tot) - offs)]
            keep = a != b
            a, v, b = a[keep], v[keep], b[keep]
            key = a * n + b
            pos = np.searchsorted(arc_keys, key)
            pos[pos >= len(arc_keys)] = 0
            open_ = arc_keys[pos] != key
            yield a[open_], v[open_], b[open_]
        start = stop


def _brokerage_counts(n: int, codes: np.ndarray, src: np.ndarray, dst: np.ndarray
                      ) -> np.ndarray:
    """n × 5 counts in ROLES order (sna's w_I, w_O, b_IO, b_OI, b_O)."""
    out = np.zeros((n, 5), dtype=np.int64)
    for a, v, b in _two_paths(n, src, dst):
        ga, gv, gb = codes[a], codes[v], codes[b]
        role = np.full(len(a), 4, dtype=np.int64)          # liaison: all three differ
        role[(ga != gv) & (ga == gb)] = 1                   # itinerant: a, b in one group, v not
        role[(ga != gv) & (gv == gb)] = 3                   # gatekeeper: v, b together
        role[(ga == gv) & (gv != gb)] = 2                   # representative: a, v together
        role[(ga == gv) & (gv == gb)] = 0                   # coordinator: all in one group
        out += np.bincount(v * 5 + role, minlength=n * 5).reshape(n, 5)
    return out


def _brokerage_moments(n_group: np.ndarray, N: float, d: float):
    """sna's expected values and variances: per broker group (k × 6) and global (6,)."""
    n = n_group.astype(float)
    k = len(n)
    q = d * d * (1 - d)
    c3 = d ** 3 * (1 - d) ** 3
    ebr = np.zeros((k, 6))
    vbr = np.zeros((k, 6))

    def choose2(x):
        return x * (x - 1) / 2.0

    for i in range(k):
        ni = n[i]
        no = np.delete(n, i)
        ebr[i, 0] = q * (ni - 1) * (ni - 2)
        vbr[i, 0] = ebr[i, 0] * (1 - q) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3
        ebr[i, 1] = q * np.sum(no * (no - 1))
        vbr[i, 1] = ebr[i, 1] * (1 - q) + 2 * np.sum(no * (no - 1) * (no - 2)) * c3
        ebr[i, 2] = q * (N - ni) * (ni - 1)
        vbr[i, 2] = ebr[i, 2] * (1 - q) + 2 * ((ni - 1) * choose2(N - ni)
                                               + (N - ni) * choose2(ni - 1)) * c3
        ebr[i, 3], vbr[i, 3] = ebr[i, 2], vbr[i, 2]
        ebr[i, 4] = q * (np.sum(np.outer(no, no)) - np.sum(no ** 2))
        vbr[i, 4] = ebr[i, 4] * (1 - q) + 4 * np.sum(no * choose2(N - no - ni) * c3)
        ebr[i, 5] = q * (N - 1) * (N - 2)
        vbr[i, 5] = ebr[i, 5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * c3
    d3, d4, d5 = d ** 3 * (1 - d) ** 3, d ** 4 * (1 - d) ** 2, d ** 5 * (1 - d)
    eg = np.zeros(6)
    vg = np.zeros(6)
    eg[0] = q * np.sum(n * (n - 1) * (n - 2))
    vg[0] = eg[0] * (1 - q) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * d3
                                                            - 4 * (n - 3) * d4 + (n - 3) * d5))
    eg[1] = q * np.sum(n * (N - n) * (n - 1))
    x, y = np.meshgrid(n, n, indexing="ij")
    vg[1] = eg[1] * (1 - q) + (np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * d3
                                                         + (N - x - 1) * d5))
                               - np.sum(n * n * (n - 1) * ((4 * n - 6) * d3 + (N - n - 1) * d5)))
    eg[2] = q * np.sum(n * (N - n) * (n - 1))
    vg[2] = eg[2] * (1 - q) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * d3 + (n - 2) * d5))
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = q * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    vg[4] = eg[4] * (1 - q)
    for i in range(k):
        for j in range(k):
            for m in range(k):
                if i != j and j != m and i != m:
                    vg[4] += n[i] * n[j] * n[m] * (
                        (4 * (N - n[j]) - 2 * (n[i] + n[m] + 1)) * d3
                        - (4 * (N - n[m]) - 2 * (n[i] + n[j] + 1)) * d4
                        + (N - (n[i] + n[m] + 1)) * d5)
    eg[5] = q * N * (N - 1) * (N - 2)
    vg[5] = eg[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * d3 - 4 * (N - 3) * d4
                                                       + (N - 3) * d5)
    return ebr, vbr, eg, vg


def _zscore(obs, exp, var):
    obs, exp, var = np.asarray(obs, float), np.asarray(exp, float), np.asarray(var, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (obs - exp) / np.sqrt(var)


def _brokerage_all(G, attr):
    nodes, codes, labels = _node_groups(G, attr)
    _, src, dst = _directed_arcs(G)
    N = len(nodes)
    counts = _brokerage_counts(N, codes, src, dst)
    counts = np.column_stack([counts, counts.sum(axis=1)])
    d = len(src) / (N * (N - 1)) if N > 1 else 0.0
    n_group = np.bincount(codes, minlength=len(labels))
    ebr, vbr, eg, vg = _brokerage_moments(n_group, float(N), d)
    return nodes, codes, labels, counts, d, ebr, vbr, eg, vg


def brokerage(G, attr: str = "sector") -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every actor, counted exactly as R ``sna::brokerage``.

    Actor v brokers on every open two-path a → v → b (a ≠ b, no arc a → b). The role follows the
    groups of a, v and b: coordinator (all one group, sna ``w_I``), itinerant / consultant (a and
    b in one group, v in another, ``w_O``), representative (a with v, b elsewhere, ``b_IO``),
    gatekeeper (v with b, a elsewhere, ``b_OI``), liaison (all three differ, ``b_O``).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Actor network (an undirected edge counts as two arcs, as in sna). Weights are ignored.
    attr : str
        Node attribute defining the groups (missing values form the group ``"(none)"``).

    Returns
    -------
    pandas.DataFrame
        One row per actor (node order), columns ``actor_id, <attr>, coordinator, itinerant,
        representative, gatekeeper, liaison, total`` and ``z_coordinator … z_liaison, z_total``:
        ``(count − E) / sd`` with sna's expected values and variances under a Bernoulli digraph of
        the observed density ``d = arcs / (N (N − 1))``, by the broker's group. A z-score is NaN
        exactly where sna's is, i.e. where the variance is 0 (a role that cannot occur for that
        broker: e.g. coordinator in a one-member group, or d = 0 or 1).

    Notes
    -----
    Checked against the published ``sna::brokerage`` output (``raw.nli``) for Michael's (1997)
    strike network with its three groups (r4sna lab 5, statnet), and the sna expected values and
    variances against exact enumeration of all digraphs on 4 actors.
    """
    nodes, codes, labels, counts, d, ebr, vbr, eg, vg = _brokerage_all(G, attr)
    cols = list(ROLES) + ["total"]
    df = pd.DataFrame(counts, columns=cols)
    z = _zscore(counts, ebr[codes], vbr[codes]) if len(nodes) else np.zeros((0, 6))
    for j, c in enumerate(cols):
        df[f"z_{c}"] = z[:, j]
    df.insert(0, attr, [labels[c] for c in codes])
    df.insert(0, "actor_id", nodes)
    df.attrs["density"] = d
    return df


def brokerage_summary(G, attr: str = "sector") -> pd.DataFrame:
    """Network totals of the brokerage roles with sna's global expectations and z-scores.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Actor network.
    attr : str
        Node attribute defining the groups.

    Returns
    -------
    pandas.DataFrame
        One row per role (``coordinator, itinerant, representative, gatekeeper, liaison,
        total``), columns ``role, sna_name, observed, expected, sd, z`` (sna's ``raw.gli``,
        ``exp.gli``, ``sd.gli``, ``z.gli``). ``z`` is NaN only where the variance is 0.

    Notes
    -----
    Global moments follow the formulas of R ``sna::brokerage`` (Butts, sna source ``gli.R``);
    checked against exact enumeration of all digraphs on 4 actors in the tests.
    """
    nodes, codes, labels, counts, d, ebr, vbr, eg, vg = _brokerage_all(G, attr)
    obs = counts.sum(axis=0)
    roles = list(ROLES) + ["total"]
    return pd.DataFrame({"role": roles,
                         "sna_name": [_SNA_NAMES.get(r, "t") for r in roles],
                         "observed": obs.astype(int), "expected": eg, "sd": np.sqrt(vg),
                         "z": _zscore(obs, eg, vg)})


# --------------------------------------------------------------------------------------------
# Burt: constraint and effective size
# --------------------------------------------------------------------------------------------

def _burt_matrices(G, weight):
    nodes, src, dst, w = _arcs(G, weight)
    n = len(nodes)
    if n == 0:
        return nodes, None, None, None, np.zeros(0, dtype=np.int64)
    A = sp.csr_matrix((w, (src, dst)), shape=(n, n))
    M = (A + A.T).tocsr()  # mutual tie strength a_ij + a_ji (an undirected edge: both)
    M.eliminate_zeros()
    rowsum = np.asarray(M.sum(axis=1)).ravel()
    rowmax = M.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        P = sp.diags(np.where(rowsum > 0, 1.0 / rowsum, 0.0)) @ M
        Mx = sp.diags(np.where(rowmax > 0, 1.0 / rowmax, 0.0)) @ M
    B = M.copy()
    B.data[:] = 1.0
    return nodes, P.tocsr(), Mx.tocsr(), B.tocsr(), np.diff(M.indptr)


def constraint(G, weight=None) -> pd.DataFrame:
    """Burt's constraint of every actor, for directed, undirected and weighted graphs.

    ``c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)²`` with ``p_ij = (a_ij + a_ji) /
    Σ_k (a_ik + a_ki)`` (mutual tie strength, Burt 1992), ``N(i)`` all in- and out-neighbours.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    weight : str, optional
        Edge attribute holding tie strength; ``None`` counts every tie as 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_id, degree, constraint`` (degree = number of distinct contacts).
        ``constraint`` is NaN for an actor without contacts (undefined), as in networkx.

    Notes
    -----
    Vectorised with sparse matrices. Checked against networkx's test values (computed with
    UCINET / igraph and by hand) for directed, weighted directed, undirected and weighted
    undirected graphs, incl. Borgatti's (1997) example (G 0.400, A 0.595, C 1.0).
    """
    nodes, P, _, B, deg = _burt_matrices(G, weight)
    if not nodes:
        return pd.DataFrame({"actor_id": [], "degree": [], "constraint": []})
    PP = (P @ P).multiply(B)  # indirect p_iq p_qj, only at contacts j of i
    C = (P + PP).tocsr()
    C.data **= 2
    c = np.asarray(C.sum(axis=1)).ravel().astype(float)
    c[deg == 0] = np.nan
    return pd.DataFrame({"actor_id": nodes, "degree": deg.astype(int), "constraint": c})


def effective_size(G, weight=None) -> pd.DataFrame:
    """Burt's effective size of every actor, correct for directed and weighted graphs.

    ``ES_i = Σ_{j ∈ N(i)} (1 − Σ_{q ≠ i, j} p_iq m_jq)`` with ``p`` as in :func:`constraint` and
    ``m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj)``. Unweighted undirected graphs reduce to
    Borgatti's (1997) ``n − 2t / n``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    weight : str, optional
        Edge attribute holding tie strength.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_id, degree, effective_size, efficiency`` (efficiency = effective size /
        degree). An actor without contacts has effective size 0 and efficiency NaN.

    Notes
    -----
    networkx 3.6's ``effective_size`` without ``nodes=`` gives wrong values for directed and
    weighted graphs (e.g. 1.333 instead of 1.167 on its own test digraph); this function agrees
    with networkx called *with* ``nodes=`` and with its test values (UCINET / igraph / by hand),
    and with Borgatti's (1997) example (G 4.67, A 2.50, C 1).
    """
    nodes, P, Mx, B, deg = _burt_matrices(G, weight)
    if not nodes:
        return pd.DataFrame({"actor_id": [], "degree": [], "effective_size": [],
                             "efficiency": []})
    BM = (B @ Mx).tocsr()  # Σ_{j ∈ N(i)} m_jq
    red = np.asarray(P.multiply(BM).sum(axis=1)).ravel()
    es = deg - red
    es[deg == 0] = 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(deg > 0, es / np.maximum(deg, 1), np.nan)
    return pd.DataFrame({"actor_id": nodes, "degree": deg.astype(int), "effective_size": es,
                         "efficiency": eff})


# --------------------------------------------------------------------------------------------
# Freeman centralization
# --------------------------------------------------------------------------------------------

def _skeleton_csr(G) -> tuple[list, sp.csr_matrix]:
    nodes, src, dst, _ = _arcs(G)
    n = len(nodes)
    A = sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    A = ((A + A.T) > 0).astype(float).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    return nodes, A


def _brandes_batch(A: sp.csr_matrix, sources: np.ndarray):
    """Level-synchronous Brandes for a batch of sources on an undirected 0/1 matrix.

    Returns the dependency matrix (n × b; δ_s(v), 0 at the source) and distances (n × b, −1
    unreachable).
    """
    n = A.shape[0]
    b = len(sources)
    cols = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int16 if n < 32000 else np.int32)
    sigma = np.zeros((n, b))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    frontier = sigma.copy()
    level = 0
    while True:
        nxt = A @ frontier
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


def _centralization_detail(G, measure: str, k=None, seed=0, mode: str = "all",
                           n_boot: int = 200, batch: int = 64, cache=None) -> dict:
    n_all = G.number_of_nodes()
    if measure not in ("degree", "betweenness", "closeness"):
        raise ParameterError(f"measure must be 'degree', 'betweenness' or 'closeness', "
                             f"not {measure!r}.")
    if n_all < 3:
        raise InnolabError(f"Freeman centralization needs at least 3 actors; this network has "
                           f"{n_all}.")
    out = {"measure": measure, "n": n_all, "exact": True, "k": None, "se": 0.0, "seed": None}
    if measure == "degree":
        if mode == "all" or not G.is_directed():
            _, A = _skeleton_csr(G)
            deg = np.diff(A.indptr).astype(float)
            out["value"] = _freeman(deg, (n_all - 1) * (n_all - 2))
        elif mode in ("in", "out"):
            _, src, dst = _directed_arcs(G)
            deg = np.bincount(dst if mode == "in" else src, minlength=n_all).astype(float)
            out["value"] = _freeman(deg, (n_all - 1) ** 2)
        else:
            raise ParameterError(f"mode must be 'all', 'in' or 'out', not {mode!r}.")
        out["note"] = "exact"
        return out

    paths = None if cache is None else cache.get(("paths", k, seed))
    if paths is None:
        nodes, A = _skeleton_csr(G)
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
            dl, ds = _brandes_batch(A, s)
            delta[:, start:start + len(s)] = dl
            dist[:, start:start + len(s)] = ds
        _, lab = sp.csgraph.connected_components(A, directed=False)
        paths = (A.shape[0], sources, delta, dist, lab, rng)
        if cache is not None:
            cache[("paths", k, seed)] = paths
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
            est = (per_source @ weights.T).astype(float) * (n / kk) / 2.0  # raw undirected BC
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
        out["note"] = (f"estimated from {kk} of {n} source nodes sampled uniformly (seed {seed}); "
                       f"bootstrap standard error over sources {out['se']:.4f} "
                       f"({n_boot} resamples)")
    else:
        out["note"] = "exact"
    if measure == "closeness" and out["share_in_component"] < 1:
        out["note"] += (f"; within the largest connected component "
                        f"({out['n']} of {n_all} actors)")
    return out


def centralization(G, measure: str = "degree", k=None, seed=0, mode: str = "all") -> float:
    """Freeman's (1979) centralization: 1 for a star, 0 when all actors are equally central.

    ``C = Σ_i (c* − c_i) / max Σ_i (c* − c_i)``, the maximum being reached by the star of the
    same size. Computed on the undirected skeleton of a digraph (a tie in either direction
    links two actors), except ``measure="degree"`` with ``mode="in"``/``"out"``.

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
        Degree only, for digraphs.

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
    betweenness and closeness agree with networkx on random graphs.
    """
    return _centralization_detail(G, measure, k=k, seed=seed, mode=mode)["value"]


def centralizations(G, k="auto", seed=0, exact_limit: int = 3000, n_boot: int = 200
                    ) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        Rows ``degree, betweenness, closeness``; columns ``measure, centralization, exact, k,
        se, n, note``. ``se`` is the bootstrap standard error of a sampled estimate (0 when
        exact); ``n`` the actors the index was computed on; ``note`` states the sampling.

    Notes
    -----
    See :func:`centralization` for the checks.
    """
    if k == "auto":
        k = None if G.number_of_nodes() <= exact_limit else 256
    rows = []
    cache: dict = {}  # betweenness and closeness share one shortest-path pass
    for m in ("degree", "betweenness", "closeness"):
        r = _centralization_detail(G, m, k=k, seed=seed, n_boot=n_boot, cache=cache)
        rows.append({"measure": m, "centralization": r["value"], "exact": r["exact"],
                     "k": r["k"], "se": r["se"], "n": r["n"], "note": r["note"]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# kolmikanta, boundaries, mixing, communities
# --------------------------------------------------------------------------------------------

def tripartite_closure(G, attr: str = "sector") -> dict:
    """Share of triangles that join a people, a public and a private actor (kolmikanta).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; triangles are counted on the undirected skeleton.
    attr : str
        Node attribute holding the sector.

    Returns
    -------
    dict
        ``n_triangles``, ``n_tripartite``, ``share`` (``n_tripartite / n_triangles``; 0.0 when
        there is no triangle, flagged by ``n_triangles == 0``) and ``triads``: a DataFrame with
        columns ``people, public, private`` (actor ids) listing the tripartite triangles.

    Notes
    -----
    Triangle count checked against ``networkx.triangles``; tripartite triads by hand.
    """
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    U.add_edges_from((u, v) for u, v in G.edges if u != v)
    order = {v: i for i, v in enumerate(U.nodes)}
    n_tri = 0
    triads = []
    ppp = set(vocab.PPP_SECTORS)
    for u in U:
        nu = {w for w in U[u] if order[w] > order[u]}
        for v in nu:
            for w in nu & set(U[v]):
                if order[w] <= order[v]:
                    continue
                n_tri += 1
                s = [G.nodes[x].get(attr) for x in (u, v, w)]
                if set(s) == ppp:
                    by = dict(zip(s, (u, v, w), strict=True))
                    triads.append((by["people"], by["public"], by["private"]))
    df = pd.DataFrame(triads, columns=list(vocab.PPP_SECTORS))
    return {"n_triangles": n_tri, "n_tripartite": len(triads),
            "share": len(triads) / n_tri if n_tri else 0.0, "triads": df}


def boundary_spanning(G, level: str = "actor") -> pd.DataFrame:
    """Ties that cross areas, municipalities and countries, per actor or in total.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network with node attributes ``area_id``, ``municipality``, ``country`` (as from
        :func:`build_graph`; use ``include_external=True`` there to keep an area's outside ties).
    level : {"actor", "total"}
        Per actor (all incident ties, either direction) or one row for the network.

    Returns
    -------
    pandas.DataFrame
        ``actor``: columns ``actor_id, sector, area_id, ties, cross_area, cross_municipality,
        cross_country``. ``total``: one row with ``ties, cross_area, cross_municipality,
        cross_country`` and ``share_cross_area, share_cross_municipality, share_cross_country``
        (0.0 when there are no ties). A tie whose end has no known area/municipality/country
        is not counted as crossing.

    Notes
    -----
    Checked by hand on the mini study (m1→t1 crosses areas, m1→k1 crosses the country border).
    """
    if level not in ("actor", "total"):
        raise ParameterError(f"level must be 'actor' or 'total', not {level!r}.")
    nodes, src, dst, _ = _arcs(G)
    n = len(nodes)
    flags = {}
    for key, col in (("area_id", "cross_area"), ("municipality", "cross_municipality"),
                     ("country", "cross_country")):
        vals = [G.nodes[v].get(key) for v in nodes]
        codes = np.array([-1 if _is_missing(x) else hash(x) for x in vals], dtype=np.int64)
        ok = (codes[src] != -1) & (codes[dst] != -1) if len(src) else np.zeros(0, bool)
        flags[col] = ok & (codes[src] != codes[dst])
    if level == "total":
        m = len(src)
        row = {"ties": m}
        for col, f in flags.items():
            row[col] = int(f.sum())
        for col in flags:
            row["share_" + col] = row[col] / m if m else 0.0
        return pd.DataFrame([row])
    df = pd.DataFrame({"actor_id": nodes,
                       "sector": [G.nodes[v].get("sector") for v in nodes],
                       "area_id": [G.nodes[v].get("area_id") for v in nodes],
                       "ties": np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)})
    for col, f in flags.items():
        df[col] = (np.bincount(src[f], minlength=n) + np.bincount(dst[f], minlength=n)
                   ).astype(int)
    return df


def assortativity(G, attr: str = "sector") -> float:
    """Newman's attribute assortativity coefficient of a categorical attribute.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network (directed ties count from source to target).
    attr : str
        Node attribute.

    Returns
    -------
    float
        r in [−1, 1]: 1 perfectly assortative, 0 random mixing.

    Raises
    ------
    InnolabError
        If there are no ties, or the ties all join actors of one value (r is 0/0 then).

    Notes
    -----
    Calls ``networkx.attribute_assortativity_coefficient`` (Newman 2003); checked against
    networkx's own test values (6/22 undirected, 1/3 directed "fish" graphs).
    """
    H = G.copy()
    for v in H.nodes:
        x = H.nodes[v].get(attr)
        H.nodes[v][attr] = _MISSING if _is_missing(x) else x
    H.remove_edges_from(nx.selfloop_edges(H))
    if H.number_of_edges() == 0:
        raise InnolabError("Assortativity is undefined for a network without ties.")
    ends = {H.nodes[v][attr] for e in H.edges for v in e}
    if len(ends) < 2:
        raise InnolabError(f"Assortativity is undefined: every tie joins actors with the same "
                           f"{attr} ({next(iter(ends))!r}).")
    with np.errstate(invalid="ignore", divide="ignore"):
        r = nx.attribute_assortativity_coefficient(H, attr)
    if not np.isfinite(r):
        raise InnolabError("Assortativity is undefined for this network (0/0).")
    return float(r)


def communities(G, seed=0, resolution: float = 1.0, weight="weight") -> pd.DataFrame:
    """Louvain communities of the undirected, weighted skeleton.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; a pair's weight is the sum of its arcs' weights.
    seed : int
        Random seed (the same seed gives the same partition).
    resolution : float
        Modularity resolution (1 = standard modularity).
    weight : str or None
        Edge attribute with tie strength.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_id, sector, community``; communities numbered 0, 1, … from the largest
        (ties broken by the smallest actor id). ``df.attrs["modularity"]`` holds the partition's
        modularity (0.0 without ties).

    Notes
    -----
    Calls ``networkx.community.louvain_communities`` (Blondel et al. 2008); checked on two
    cliques joined by one edge (found exactly) and on the karate club (modularity > 0.38, as
    networkx's own tests expect for Louvain).
    """
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = float(d.get(weight, 1.0)) if weight else 1.0
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    if U.number_of_nodes() == 0:
        df = pd.DataFrame({"actor_id": [], "sector": [], "community": []})
        df.attrs["modularity"] = 0.0
        return df
    if U.number_of_edges() == 0:
        parts = [{v} for v in U.nodes]
        q = 0.0
    else:
        parts = nx.community.louvain_communities(U, weight="weight", resolution=resolution,
                                                 seed=seed)
        q = float(nx.community.modularity(U, parts, weight="weight", resolution=resolution))
    parts = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    comm = {v: i for i, c in enumerate(parts) for v in c}
    df = pd.DataFrame({"actor_id": list(G.nodes),
                       "sector": [G.nodes[v].get("sector") for v in G.nodes],
                       "community": [comm[v] for v in G.nodes]})
    df.attrs["modularity"] = q
    return df


def key_actors(G, n: int = 10, attr: str = "sector") -> pd.DataFrame:
    """The strongest brokers and bridges, by pseudonymous actor id only.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    n : int
        Number of actors to list.
    attr : str
        Grouping attribute for brokerage and cross-group ties.

    Returns
    -------
    pandas.DataFrame
        Top ``n`` actors, columns ``rank, actor_id, sector, kind, area_id, degree,
        cross_group_ties, brokerage_total, brokerage_between, z_total, betweenness,
        effective_size, constraint``. ``brokerage_between`` counts the roles that join different
        groups (all but coordinator); ``betweenness`` is normalised to [0, 1] (exact up to
        3,000 actors, else 256 sampled sources). Sorted by ``brokerage_between``, then
        ``betweenness``, then ``effective_size``. Names are never included.

    Notes
    -----
    Built from :func:`brokerage`, :func:`effective_size`, :func:`constraint`, :func:`ei_by_actor`
    and networkx betweenness; each of those is checked separately.
    """
    if G.number_of_nodes() == 0:
        raise InnolabError("key_actors needs a network with at least one actor.")
    b = brokerage(G, attr)
    es = effective_size(G)
    cs = constraint(G)
    ei = ei_by_actor(G, attr)
    U = nx.Graph(G)
    N = U.number_of_nodes()
    kk = None if N <= 3000 else 256
    bc = nx.betweenness_centrality(U, k=kk, seed=0, normalized=True)
    df = pd.DataFrame({
        "actor_id": b["actor_id"],
        "sector": [G.nodes[v].get("sector") for v in G.nodes],
        "kind": [G.nodes[v].get("kind") for v in G.nodes],
        "area_id": [G.nodes[v].get("area_id") for v in G.nodes],
        "degree": es["degree"].to_numpy(),
        "cross_group_ties": ei["external"].to_numpy(),
        "brokerage_total": b["total"].to_numpy(),
        "brokerage_between": (b["total"] - b["coordinator"]).to_numpy(),
        "z_total": b["z_total"].to_numpy(),
        "betweenness": [bc[v] for v in G.nodes],
        "effective_size": es["effective_size"].to_numpy(),
        "constraint": cs["constraint"].to_numpy(),
    })
    df = df.sort_values(["brokerage_between", "betweenness", "effective_size", "actor_id"],
                        ascending=[False, False, False, True], kind="stable").head(n)
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)


def network_change(study, area_id=None, wave_from=None, wave_to=None, types=None,
                   attr: str = "sector") -> dict:
    """How an area's network changed between two waves.

    Parameters
    ----------
    study : innolab.Study
        The study.
    area_id : str, optional
        The area; ``None`` is the whole study.
    wave_from, wave_to : int
        The two waves (``wave_to`` defaults to the latest, ``wave_from`` to the first).
    types : str or list of str, optional
        Tie types to keep.
    attr : str
        Grouping attribute for the sector pairs and the E-I index.

    Returns
    -------
    dict
        ``ties``: DataFrame, one row per (source <attr>, target <attr>) pair with columns
        ``source_<attr>, target_<attr>, before, after, added, dropped, kept``. ``measures``:
        DataFrame with columns ``measure, before, after, change`` for ``actors, ties, density,
        ei_index, tripartite_share`` (E-I is NaN for a wave without ties — the row says so in
        ``ties`` = 0).

    Notes
    -----
    A tie is a (source, target) pair over the kept tie types. Checked by hand on the mini study
    (Maunula wave 0 → 1).
    """
    waves = sorted(int(x) for x in pd.unique(study.ties["wave"].dropna()))
    if not waves:
        raise InnolabError("The study has no ties, so there is no change to show.")
    wave_from = waves[0] if wave_from is None else wave_from
    wave_to = waves[-1] if wave_to is None else wave_to
    G0 = build_graph(study, area_id=area_id, wave=wave_from, types=types)
    G1 = build_graph(study, area_id=area_id, wave=wave_to, types=types)
    e0, e1 = set(G0.edges), set(G1.edges)
    allg = {**{v: G0.nodes[v].get(attr) for v in G0}, **{v: G1.nodes[v].get(attr) for v in G1}}
    rows: dict = {}
    for status, edges in (("kept", e0 & e1), ("added", e1 - e0), ("dropped", e0 - e1)):
        for u, v in edges:
            key = (allg.get(u), allg.get(v))
            rows.setdefault(key, {"added": 0, "dropped": 0, "kept": 0})[status] += 1
    ties = pd.DataFrame([{f"source_{attr}": k[0], f"target_{attr}": k[1], **c}
                         for k, c in rows.items()],
                        columns=[f"source_{attr}", f"target_{attr}", "added", "dropped", "kept"])
    ties["before"] = ties["kept"] + ties["dropped"]
    ties["after"] = ties["kept"] + ties["added"]
    ties = ties[[f"source_{attr}", f"target_{attr}", "before", "after", "added", "dropped",
                 "kept"]].sort_values([f"source_{attr}", f"target_{attr}"]).reset_index(drop=True)

    def measures(G):
        m = {"actors": G.number_of_nodes(), "ties": G.number_of_edges(),
             "density": nx.density(G) if G.number_of_nodes() > 1 else 0.0}
        m["ei_index"] = ei_index(G, attr) if G.number_of_edges() else float("nan")
        m["tripartite_share"] = tripartite_closure(G)["share"]
        return m

    a, b = measures(G0), measures(G1)
    meas = pd.DataFrame({"measure": list(a), "before": list(a.values()),
                         "after": list(b.values())})
    meas["change"] = meas["after"] - meas["before"]
    return {"ties": ties, "measures": meas, "wave_from": wave_from, "wave_to": wave_to}


# --------------------------------------------------------------------------------------------
# per-area profile
# --------------------------------------------------------------------------------------------

MEASURE_COLUMNS = ("area_id", "wave", "actors", "ties", "density", "cross_sector_share",
                   "ei", "ei_perm_mean", "ei_p_value", "ppp_balance", "triangles",
                   "tripartite_triangles", "tripartite_share", "degree_centralization",
                   "betweenness_centralization", "cross_area_share", "cross_country_share")


def _measures_of(G, G_ext, n: int, seed: int) -> dict:
    """One area's network measures; an undefined measure is None with the counts that explain it."""
    m = G.number_of_edges()
    out = {"actors": G.number_of_nodes(), "ties": m,
           "density": nx.density(G) if G.number_of_nodes() > 1 else None}
    out["ppp_balance"] = ppp_balance(G)
    ei = None
    if m:
        test = ei_permutation_test(G, "sector", n=n, seed=seed)
        ei = test["observed"]
        out.update(ei=ei, ei_perm_mean=test["perm_mean"], ei_p_value=test["p_value"])
    out["cross_sector_share"] = None if ei is None else (ei + 1) / 2
    tri = tripartite_closure(G)
    out.update(triangles=tri["n_triangles"], tripartite_triangles=tri["n_tripartite"],
               tripartite_share=tri["share"] if tri["n_triangles"] else None)
    if G.number_of_nodes() >= 3 and m:
        out["degree_centralization"] = centralization(G, "degree")
        exact = G.number_of_nodes() <= 3000
        out["betweenness_centralization"] = centralization(
            G, "betweenness", k=None if exact else 256, seed=seed)
    span = boundary_spanning(G_ext, level="total").iloc[0]
    if span["ties"]:
        out["cross_area_share"] = float(span["share_cross_area"])
        out["cross_country_share"] = float(span["share_cross_country"])
    return out


def area_measures(study, wave=None, areas=None, n: int = 1000, seed: int = 0) -> pd.DataFrame:
    """The headline network measures of every area, one row per area.

    Parameters
    ----------
    study : innolab.Study
        The study.
    wave : int, optional
        The wave (default: the latest wave with ties).
    areas : list of str, optional
        Area ids (default: all).
    n : int
        Permutations of the E-I test.
    seed : int
        Seed of the permutations (same seed, same p-values).

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, actors, ties, density, cross_sector_share`` (share of ties that
        join two sectors, ``(E-I + 1) / 2``), ``ei, ei_perm_mean, ei_p_value``
        (:func:`ei_permutation_test` on sector), ``ppp_balance``, ``triangles,
        tripartite_triangles, tripartite_share`` (:func:`tripartite_closure`),
        ``degree_centralization, betweenness_centralization`` (Freeman, undirected;
        betweenness exact up to 3,000 actors, else 256 sampled sources), ``cross_area_share,
        cross_country_share`` (of the ties touching the area, those whose other end is in another
        area / country; :func:`boundary_spanning` on the graph with outside partners). A measure
        that is undefined for an area — E-I without ties, closure without triangles,
        centralization with fewer than three actors — is NaN there, and ``ties``,
        ``triangles`` and ``actors`` say why.
    """
    if study.ties.empty:
        raise InnolabError(f"Study {study.name!r} has no ties: there is no network to measure.")
    wave = int(study.ties["wave"].max()) if wave is None else int(wave)
    rows = []
    for area_id in areas if areas is not None else study.area_ids:
        G = build_graph(study, area_id=area_id, wave=wave)
        G_ext = build_graph(study, area_id=area_id, wave=wave, include_external=True)
        rows.append({"area_id": area_id, "wave": wave, **_measures_of(G, G_ext, n, seed)})
    return pd.DataFrame(rows).reindex(columns=list(MEASURE_COLUMNS)).astype(
        {c: float for c in MEASURE_COLUMNS[4:]} | {"actors": int, "ties": int})
