"""Figures of networks: the actor map, the mixing matrix as a heatmap, brokerage by sector."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...data import vocab
from .. import fmt
from ..texts import label, t
from .base import OKABE_ITO, SECTOR_COLORS, annotated_heatmap, new_axes, sector_color

__all__ = ["DENSE_MAP", "network_layout", "network_map", "mixing_heatmap",
           "brokerage_by_sector"]

#: From this many arcs on, a network map draws ties as lines without arrowheads.
DENSE_MAP = 150

_LAYOUTS: dict = {}  # the last layouts: the static and the interactive map share theirs

# Figures of innolab.analysis.network results. They draw actor ids' positions only — never names
# or ids as labels — so a figure can go into a report as it is. They draw what the section
# computed: a mixing matrix, a brokerage table; their words come from the text catalogue.


def network_layout(G, seed: int = 0) -> dict:
    """Node positions for :func:`network_map`: a spring layout, the same for the same seed.

    The actors with ties are laid out by igraph's Fruchterman-Reingold (500 steps, on a grid
    from 1,000 actors on; its random numbers drawn from a generator seeded with ``seed``) and
    scaled into [-1, 1]; actors without ties stand in rows below them.

    The static and the interactive map of a report ask for the same layout: the last eight
    are kept (by nodes, ties and seed), so each is computed once.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    seed : int
        Layout seed.

    Returns
    -------
    dict
        Node to (x, y).
    """
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes, key=str))
    edges = ((u, v) for u, v in G.edges if u != v)
    U.add_edges_from(sorted(edges, key=lambda e: tuple(map(str, e))))
    if U.number_of_nodes() == 0:
        return {}
    key = (tuple(U.nodes), tuple(U.edges), seed)
    if key not in _LAYOUTS:
        if len(_LAYOUTS) >= 8:
            _LAYOUTS.pop(next(iter(_LAYOUTS)))
        _LAYOUTS[key] = _spring(U, seed)
    return {v: xy.copy() for v, xy in _LAYOUTS[key].items()}


def _spring(U, seed: int) -> dict:
    import random

    import igraph
    import networkx as nx

    # Isolates would be pushed to the rim and squeeze the connected part into a clump: lay out
    # the connected part alone and put the isolates in rows below it.
    isolates = [v for v in U.nodes if U.degree(v) == 0]
    core = [v for v in U.nodes if U.degree(v) > 0]
    pos = {}
    if core:
        # igraph's Fruchterman-Reingold (500 steps, in C): networkx's took 0.3-0.6 s of an area
        # report at 200 actors, and pushed a small separate component so far out that the
        # main one shrank to a clump. igraph draws its random numbers from the generator it is
        # given: one seeded for this layout, then its default (the random module) again.
        index = {v: i for i, v in enumerate(core)}
        g = igraph.Graph(n=len(core), edges=[(index[u], index[v]) for u, v in U.edges])
        igraph.set_random_number_generator(random.Random(seed))
        try:
            xy = np.asarray(g.layout_fruchterman_reingold().coords, dtype=float)
        finally:
            igraph.set_random_number_generator(random)
        pos = dict(zip(core, nx.rescale_layout(xy), strict=True))  # a tie joins two actors
    if isolates:
        per_row = max(8, int(np.ceil(np.sqrt(len(isolates)) * 2)))
        for i, v in enumerate(isolates):
            row, col = divmod(i, per_row)
            pos[v] = np.array([-1.0 + 2.0 * (col + 0.5) / per_row, -1.25 - 0.12 * row])
    return pos


def network_map(G, lang: str = "en", seed: int = 0, ax=None, title=None, pos=None):
    """The actor network coloured by sector, node size by degree, legend in Finnish or English.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network from :func:`innolab.analysis.network.build_graph` (node attribute
        ``sector``).
    lang : {"en", "fi"}
        Language of the legend.
    seed : int
        Layout seed: the same seed gives the same picture.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.
    pos : dict, optional
        Precomputed positions (e.g. to compare waves on one layout).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    vocab.check_lang(lang)
    ax = new_axes(ax, figsize=(6.0, 6.0))
    pos = network_layout(G, seed=seed) if pos is None else pos
    nodes = list(G.nodes)
    deg = dict(G.degree())
    top = max(deg.values(), default=0) or 1
    sizes = [25 + 300 * deg.get(v, 0) / top for v in nodes]
    colors = [sector_color(G.nodes[v].get("sector")) for v in nodes]
    if G.number_of_edges():
        # A sparse map shows each arc's direction. A dense one (150 arcs and more) draws its
        # ties as faint lines: arrowheads there hide the nodes, and each one is a patch of its
        # own that costs a second per figure at a few hundred arcs.
        sparse = G.number_of_edges() < DENSE_MAP
        arrows = {"arrows": True, "arrowsize": 6} if sparse and G.is_directed() else {
            "arrows": False}
        nx.draw_networkx_edges(G, pos, ax=ax, edge_color=OKABE_ITO["grey"],
                               alpha=0.6 if sparse else 0.35, width=0.7, node_size=sizes,
                               **arrows)
    if nodes:
        nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=sizes, node_color=colors,
                               edgecolors="white", linewidths=0.6, ax=ax)
    present = [s for s in SECTOR_COLORS if any(G.nodes[v].get("sector") == s for v in nodes)]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                      markerfacecolor=SECTOR_COLORS[s], markeredgecolor="white",
                      label=label("sector", s, lang)) for s in present]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  title=t("common.sector", lang))
    ax.set_axis_off()
    ax.set_title(title or "")
    return ax


#: A mixing matrix of more rows or columns than this is drawn without the numbers in its cells.
PRINTED_CELLS = 15


def mixing_heatmap(table: pd.DataFrame, attr: str = "sector", share: bool = False,
                   lang: str = "en", ax=None, title=None):
    """A mixing matrix (ties by the groups of their source and target) as a heatmap with values.

    Up to :data:`PRINTED_CELLS` rows and columns each cell prints its value; a larger matrix (the
    areas of a whole city) grows with its size and leaves the numbers to its table.

    Parameters
    ----------
    table : pandas.DataFrame
        The matrix, e.g. :func:`innolab.analysis.network.mixing_matrix` (sources as rows,
        targets as columns); the section computes it.
    attr : str
        What the rows and columns are: ``"sector"`` codes are drawn with their labels, anything
        else as it is (e.g. area names the section put in).
    share : bool
        The cells are shares of all ties (``mixing_matrix(..., normalized=True)``): print them
        as percentages instead of counts.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame (a figure draws a matrix; it does not compute one).
    """
    vocab.check_lang(lang)
    if not isinstance(table, pd.DataFrame):
        raise TypeError("mixing_heatmap draws a mixing matrix (a DataFrame), e.g. "
                        "innolab.analysis.network.mixing_matrix(G); got "
                        f"{type(table).__name__}.")
    side = max(table.shape)
    printed = side <= PRINTED_CELLS
    # a large matrix (areas of a city) gets a cell of 0.17 in per row and column, labels of 7 pt
    # and no numbers in its cells: they could not be read there (the table beside has them)
    ax = new_axes(ax, figsize=(5.5, 4.5) if printed else (
        min(3.0 + 0.17 * table.shape[1], 16.0), min(2.4 + 0.17 * table.shape[0], 16.0)))

    def lab(code):
        return label("sector", code, lang) if attr == "sector" else str(code)

    text = [[fmt.pct(v, lang) if share else fmt.count(v) for v in row]
            for row in table.to_numpy(dtype=float)] if printed else None
    annotated_heatmap(table, text, ax=ax, cmap="Blues", vmin=0,
                      xticklabels=[lab(c) for c in table.columns],
                      yticklabels=[lab(c) for c in table.index])
    if not printed:
        ax.tick_params(labelsize=7)
    ax.tick_params(axis="x", rotation=35 if printed else 90)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right" if printed else "center")
    ax.set_xlabel(t("network.plot.target", lang))
    ax.set_ylabel(t("network.plot.source", lang))
    ax.set_title(title or "")
    return ax


def brokerage_by_sector(table: pd.DataFrame, attr: str = "sector", lang: str = "en",
                        ax=None, title=None):
    """Brokerage roles summed by the broker's sector, as stacked horizontal bars.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group (the index), one column per role of
        :data:`innolab.analysis.network.ROLES`: the section sums the per-actor table of
        :func:`innolab.analysis.network.brokerage` by group.
    attr : str
        What the index holds: ``"sector"`` codes are drawn with their labels, in the
        vocabulary's order; anything else as it is.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``table`` is the per-actor table (a figure draws the sums; it does not compute them).
    """
    from innolab.analysis.network import ROLES

    vocab.check_lang(lang)
    if "actor_id" in table.columns:
        raise ValueError("brokerage_by_sector draws brokerage summed by group, e.g. "
                         "brokerage(G).groupby('sector')[list(ROLES)].sum(), not the table "
                         "per actor.")
    roles = list(ROLES)
    if attr == "sector":
        order = [s for s in vocab.SECTORS if s in table.index]
        table = table.loc[order + [s for s in table.index if s not in order]]
    ax = new_axes(ax)
    role_colors = [OKABE_ITO[c] for c in ("grey", "sky_blue", "yellow", "blue", "vermillion")]
    left = pd.Series(0.0, index=table.index)
    names = [label("sector", s, lang) if attr == "sector" else str(s) for s in table.index]
    for role, color in zip(roles, role_colors, strict=True):
        ax.barh(names, table[role].astype(float), left=left, color=color,
                label=t(f"network.role.{role}", lang), edgecolor="white", linewidth=0.5)
        left = left + table[role].astype(float)
    ax.invert_yaxis()
    ax.set_xlabel(t("network.plot.brokerage_axis", lang))
    if len(table):
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax
