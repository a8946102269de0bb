"""Closure and boundaries: tripartite triangles (kolmikanta), ties across areas and countries,
attribute assortativity and Louvain communities.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from innolab.data import vocab
from innolab.errors import InnolabError, ParameterError

from .graph import MISSING, arcs, is_missing

__all__ = ["tripartite_closure", "boundary_spanning", "assortativity", "communities"]


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
    nodes, src, dst, _ = arcs(G)
    n = len(nodes)
    flags = {}
    for key, col in (("area_id", "cross_area"), ("municipality", "cross_municipality"),
                     ("country", "cross_country")):
        vals = [G.nodes[v].get(key) for v in nodes]
        codes = np.array([-1 if is_missing(x) else hash(x) for x in vals], dtype=np.int64)
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
        H.nodes[v][attr] = MISSING if is_missing(x) else x
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
