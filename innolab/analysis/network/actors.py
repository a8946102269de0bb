"""Key actors: the strongest brokers and bridges of a network, by pseudonymous id only."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from innolab.errors import InnolabError

from .ei import ei_by_actor
from .gould_fernandez import brokerage
from .structural_holes import constraint, effective_size

__all__ = ["key_actors"]


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
        groups (all but coordinator); ``betweenness`` is normalised to [0, 1] on the undirected
        skeleton (exact up to 3,000 actors, by igraph; else networkx's estimate from 256 sampled
        sources). Sorted by ``brokerage_between``, then ``betweenness`` (equal to 12 decimals
        is a tie), then ``effective_size``, then ``actor_id``. Names are never included.

    Notes
    -----
    Built from :func:`brokerage`, :func:`effective_size`, :func:`constraint`, :func:`ei_by_actor`
    and igraph's betweenness; each of those is checked separately (betweenness against
    networkx's and the values networkx's tests give for Krackhardt's kite).
    """
    if G.number_of_nodes() == 0:
        raise InnolabError("key_actors needs a network with at least one actor.")
    b = brokerage(G, attr)
    es = effective_size(G)
    cs = constraint(G)
    ei = ei_by_actor(G, attr)
    bc = _betweenness(G)
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
        "betweenness": bc,
        "effective_size": es["effective_size"].to_numpy(),
        "constraint": cs["constraint"].to_numpy(),
    })
    # betweenness is a sum of path shares, exact only up to its last bits (which depend on the
    # order it is summed in): actors equal to 12 decimals are tied on it
    order = df.assign(betweenness=df["betweenness"].round(12)).sort_values(
        ["brokerage_between", "betweenness", "effective_size", "actor_id"],
        ascending=[False, False, False, True], kind="stable").index
    df = df.loc[order].head(n)
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)


def _betweenness(G) -> np.ndarray:
    """Normalised betweenness of each node of ``G`` (in its order), on the undirected skeleton.

    Up to 3,000 actors exact, by igraph (Brandes' algorithm in C; networkx's takes about 25
    times as long); the raw undirected count is normalised as networkx normalises it, by
    (n − 1)(n − 2) / 2. Larger networks: networkx's estimate from 256 sources sampled with
    seed 0.
    """
    U = nx.Graph(G)
    n = U.number_of_nodes()
    if n > 3000:
        est = nx.betweenness_centrality(U, k=256, seed=0, normalized=True)
        return np.array([est[v] for v in G.nodes], dtype=float)
    import igraph

    pos = {v: i for i, v in enumerate(G.nodes)}
    g = igraph.Graph(n=n, edges=[(pos[u], pos[v]) for u, v in U.edges() if u != v])
    raw = np.asarray(g.betweenness(directed=False), dtype=float)
    return raw * (2.0 / ((n - 1) * (n - 2))) if n > 2 else raw
