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
