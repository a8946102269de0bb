"""Who is in a network and who ties to whom: composition, PPP balance and the mixing matrix.

The mixing matrix counts ties by the groups of their two ends; its diagonal and off-diagonal sums
are the I and E of :func:`innolab.analysis.network.ei.ei_index`.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from innolab.data import vocab

from .graph import MISSING, arcs, is_missing, node_groups, sector_order

__all__ = ["ppp_balance", "composition", "mixing_matrix"]


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
    values = [MISSING if is_missing(x) else x for x in values]
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
    nodes, codes, labels = node_groups(G, attr)
    _, src, dst, w = arcs(G, weight)
    k = len(labels)
    M = np.zeros((k, k))
    if len(src):
        np.add.at(M, (codes[src], codes[dst]), w)
    if not G.is_directed():
        M = (M + M.T) / 2.0
    order = sector_order(labels) if attr == "sector" else sorted(labels, key=str)
    df = pd.DataFrame(M, index=labels, columns=labels).loc[order, order]
    df.index.name, df.columns.name = f"source_{attr}", f"target_{attr}"
    if normalized:
        total = df.to_numpy().sum()
        if total > 0:
            df = df / total
    return df
