"""Krackhardt & Stern's (1988) E-I index: of the network, per group, per actor, and its test.

``E-I = (E − I) / (E + I)`` with E the ties between groups and I the ties within: −1 when all
ties stay inside groups, +1 when all cross. The permutation test shuffles the group labels over
the actors and keeps the ties, as UCINET does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.errors import InnolabError, ParameterError

from .graph import arcs, node_groups, sector_order

__all__ = ["ei_index", "ei_by_group", "ei_by_actor", "ei_permutation_test"]


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
    nodes, codes, _ = node_groups(G, attr)
    _, src, dst, w = arcs(G, weight)
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
    nodes, codes, labels = node_groups(G, attr)
    _, src, dst, w = arcs(G, weight)
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
    order = sector_order(labels) if attr == "sector" else sorted(labels, key=str)
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
    nodes, codes, labels = node_groups(G, attr)
    _, src, dst, w = arcs(G, weight)
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
    nodes, codes, _ = node_groups(G, attr)
    _, src, dst, w = arcs(G, weight)
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
