"""Figures: one palette, one style, functions that take ``ax=None`` and return the axes.

The palette is Okabe & Ito's colour-blind-safe set (Okabe & Ito 2008, "Color Universal Design"),
used for sectors everywhere in innolab so that a colour means the same sector in every figure.
Functions here draw what other modules computed; they never compute statistics themselves.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import vocab

__all__ = [
    "OKABE_ITO",
    "SECTOR_COLORS",
    "STAGE_COLORS",
    "sector_color",
    "style",
    "new_axes",
    "stacked_bars",
    "barh_counts",
    # networks
    "network_layout",
    "network_map",
    "mixing_heatmap",
    "brokerage_by_sector",
    # criteria
    "dimension_profile",
    "rank_intervals",
    "self_external_gaps",
    "sobol_bars",
    # mobilisation
    "FLOW_COLORS",
    "TARGET_GROUP_COLORS",
    "flows_chart",
    "flows_by_sector",
    "mobilisation_curve_plot",
    "inclusion_plot",
    "selected_vs_other",
    # selection and peer review
    "selection_chart",
    "rater_spread",
    "peer_review_chart",
    # evidence pack
    "indicator_chart",
    "pipeline_chart",
    "change_chart",
    "suppressed_bars",
]

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

SECTOR_COLORS = {
    "people": OKABE_ITO["bluish_green"],
    "public": OKABE_ITO["blue"],
    "private": OKABE_ITO["orange"],
    "knowledge": OKABE_ITO["reddish_purple"],
    "intermediary": OKABE_ITO["vermillion"],
}

STAGE_COLORS = dict(
    zip(
        vocab.STAGES,
        ["#D9D9D9", OKABE_ITO["sky_blue"], OKABE_ITO["yellow"], OKABE_ITO["orange"],
         OKABE_ITO["bluish_green"], OKABE_ITO["blue"]],
        strict=True,
    )
)

_STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "figure.figsize": (7.0, 4.0),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "innolab",
}


def sector_color(sector: str) -> str:
    """The colour of a sector (grey for anything unknown).

    Parameters
    ----------
    sector : str
        A sector code of :data:`innolab.vocab.SECTORS`.

    Returns
    -------
    str
        A hex colour.
    """
    return SECTOR_COLORS.get(sector, OKABE_ITO["grey"])


def style() -> None:
    """Apply innolab's figure style to matplotlib (idempotent)."""
    plt.rcParams.update(_STYLE)


def new_axes(ax=None, figsize=None):
    """Return ``ax`` or a new styled axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    figsize : tuple of float, optional
        Size of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is not None:
        return ax
    style()
    _, ax = plt.subplots(figsize=figsize)
    return ax


def stacked_bars(table: pd.DataFrame, *, colors=None, labels=None, ax=None, title=None,
                 xlabel=None, ylabel=None, legend_title=None):
    """Stacked vertical bars: one bar per row of ``table``, one segment per column.

    Parameters
    ----------
    table : pandas.DataFrame
        Index: the bars (e.g. waves); columns: the stacked categories (e.g. sector codes).
    colors : dict, optional
        Column code to colour; default the sector colours.
    labels : dict, optional
        Column code to the label shown in the legend.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title, xlabel, ylabel, legend_title : str, optional
        Texts.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    colors = colors or SECTOR_COLORS
    labels = labels or {}
    bottom = pd.Series(0.0, index=table.index)
    x = [str(i) for i in table.index]
    for col in table.columns:
        values = table[col].astype(float)
        ax.bar(x, values, bottom=bottom, color=colors.get(col, OKABE_ITO["grey"]),
               label=labels.get(col, str(col)), edgecolor="white", linewidth=0.5)
        bottom = bottom + values
    ax.set_title(title or "")
    ax.set_xlabel(xlabel or "")
    ax.set_ylabel(ylabel or "")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(table.columns):
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def barh_counts(counts: pd.Series, *, colors=None, labels=None, ax=None, title=None, xlabel=None,
                fmt: str = "{:.0f}"):
    """Horizontal bars of counts, one per category, largest on top, with the count printed.

    Parameters
    ----------
    counts : pandas.Series
        Index: category codes; values: counts.
    colors : dict, optional
        Code to colour; default the sector colours (grey for others).
    labels : dict, optional
        Code to the label shown on the axis.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title, xlabel : str, optional
        Texts.
    fmt : str
        Format of the value printed beside each bar (``"{:.2f}"`` for indices).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    colors = SECTOR_COLORS if colors is None else colors
    labels = labels or {}
    counts = counts.iloc[::-1]
    names = [labels.get(c, str(c)) for c in counts.index]
    bars = ax.barh(names, counts.values,
                   color=[colors.get(c, OKABE_ITO["grey"]) for c in counts.index])
    ax.bar_label(bars, labels=[fmt.format(v) for v in counts.values], padding=3)
    if fmt == "{:.0f}":
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title or "")
    ax.set_xlabel(xlabel or "")
    return ax


# --- networks ---------------------------------------------------------------------------------
# Figures of innolab.network results. They draw actor ids' positions only — never names or ids as
# labels — so a figure can go into a report as it is.


def network_layout(G, seed: int = 0) -> dict:
    """Node positions for :func:`network_map`: a spring layout, the same for the same seed.

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
    # Isolates would be pushed to the rim and squeeze the connected part into a clump: lay out
    # the connected part alone and put the isolates in rows below it.
    isolates = [v for v in U.nodes if U.degree(v) == 0]
    core = U.subgraph([v for v in U.nodes if U.degree(v) > 0])
    pos = {}
    if core.number_of_nodes():
        k = 2.0 / np.sqrt(core.number_of_nodes())
        pos = nx.spring_layout(core, seed=seed, k=k, iterations=200)
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
        Actor network from :func:`innolab.network.build_graph` (node attribute ``sector``).
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
        nx.draw_networkx_edges(G, pos, ax=ax, edge_color=OKABE_ITO["grey"],
                               alpha=0.6 if G.number_of_edges() < 150 else 0.35,
                               width=0.7, arrows=G.is_directed(), arrowsize=6,
                               node_size=sizes)
    if nodes:
        nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=sizes, node_color=colors,
                               edgecolors="white", linewidths=0.6, ax=ax)
    present = [s for s in SECTOR_COLORS if any(G.nodes[v].get("sector") == s for v in nodes)]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                      markerfacecolor=SECTOR_COLORS[s], markeredgecolor="white",
                      label=vocab.label("sector", s, lang)) for s in present]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  title="Sektori" if lang == "fi" else "Sector")
    ax.set_axis_off()
    ax.set_title(title or "")
    return ax


def mixing_heatmap(data, attr: str = "sector", share: bool = False, lang: str = "en",
                   ax=None, title=None):
    """Sector × sector tie counts (or shares) as a heatmap with the values printed.

    Parameters
    ----------
    data : networkx.Graph, networkx.DiGraph or pandas.DataFrame
        A network (its :func:`innolab.network.mixing_matrix` is drawn) or a mixing matrix.
    attr : str
        Attribute of the mixing matrix when ``data`` is a network.
    share : bool
        Show shares of all ties instead of counts.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from . import network

    vocab.check_lang(lang)
    table = data if isinstance(data, pd.DataFrame) else network.mixing_matrix(
        data, attr=attr, normalized=share)
    ax = new_axes(ax, figsize=(5.5, 4.5))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap="Blues", vmin=0)

    def lab(code):
        return vocab.label("sector", code, lang) if attr == "sector" else str(code)

    ax.set_xticks(range(len(table.columns)), [lab(c) for c in table.columns], rotation=35,
                  ha="right")
    ax.set_yticks(range(len(table.index)), [lab(c) for c in table.index])
    top = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            text = f"{values[i, j]:.0%}" if share else f"{values[i, j]:g}"
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if top and values[i, j] > top / 2 else "black")
    ax.set_xlabel("Vastaanottaja" if lang == "fi" else "Target")
    ax.set_ylabel("Lähettäjä" if lang == "fi" else "Source")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    ax.set_title(title or "")
    return ax


_ROLE_LABELS = {
    "coordinator": ("Coordinator", "Koordinaattori"),
    "itinerant": ("Itinerant (consultant)", "Konsultti"),
    "representative": ("Representative", "Edustaja"),
    "gatekeeper": ("Gatekeeper", "Portinvartija"),
    "liaison": ("Liaison", "Yhdyshenkilö"),
}


def brokerage_by_sector(brokerage: pd.DataFrame, attr: str = "sector", lang: str = "en",
                        ax=None, title=None):
    """Brokerage roles summed by the broker's sector, as stacked horizontal bars.

    Parameters
    ----------
    brokerage : pandas.DataFrame
        The table of :func:`innolab.network.brokerage`.
    attr : str
        The grouping column of that table.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    i = vocab.LANGUAGES.index(lang)
    roles = list(_ROLE_LABELS)
    table = brokerage.groupby(attr)[roles].sum()
    if attr == "sector":
        order = [s for s in vocab.SECTORS if s in table.index]
        table = table.loc[order + [s for s in table.index if s not in order]]
    ax = new_axes(ax)
    role_colors = [OKABE_ITO[c] for c in ("grey", "sky_blue", "yellow", "blue", "vermillion")]
    left = pd.Series(0.0, index=table.index)
    names = [vocab.label("sector", s, lang) if attr == "sector" else str(s) for s in table.index]
    for role, color in zip(roles, role_colors, strict=True):
        ax.barh(names, table[role].astype(float), left=left, color=color,
                label=_ROLE_LABELS[role][i], edgecolor="white", linewidth=0.5)
        left = left + table[role].astype(float)
    ax.invert_yaxis()
    ax.set_xlabel("Välittäjäasemat (avoimet kahden askeleen polut)" if lang == "fi"
                  else "Brokerage (open two-paths)")
    if len(table):
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax



# --- criteria ---------------------------------------------------------------------------------
# Figures of innolab.criteria results: a dimension profile with its uncertainty, rank intervals of
# all areas, self vs external gaps, and Sobol indices. Dimension names come from the criteria set
# (the built-in one unless a study's own set is given).


_CRIT_TEXT = {
    "score": ("Score (0 = not present … 4 = exemplary)", "Pistemäärä (0 = ei lainkaan … 4 = "
              "esimerkillinen)"),
    "study_mean": ("Mean of all areas", "Kaikkien alueiden keskiarvo"),
    "interval": ("90 % interval (bootstrap over respondents)",
                 "90 %:n väli (vastaajien bootstrap)"),
    "early": ("early", "varhainen"),
    "mature": ("mature", "kypsä"),
    "rank": ("Rank (1 = highest index)", "Sijoitus (1 = korkein indeksi)"),
    "nominal": ("Nominal rank", "Nimellinen sijoitus"),
    "median": ("Median rank", "Sijoituksen mediaani"),
    "rank_interval": ("5th–95th percentile of ranks", "Sijoitusten 5.–95. persentiili"),
    "self": ("Self-assessment", "Itsearviointi"),
    "external": ("External assessment", "Ulkoinen arviointi"),
    "gap": ("Self − external", "Itsearvio − ulkoinen"),
    "all": ("All criteria", "Kaikki kriteerit"),
    "S1": ("First-order index", "Ensimmäisen kertaluvun indeksi"),
    "ST": ("Total index", "Kokonaisindeksi"),
    "sobol": ("Sobol index on the mean absolute rank shift",
              "Sobol-indeksi sijoituksen keskimääräiseen muutokseen"),
}


def _ct(key: str, lang: str) -> str:
    return _CRIT_TEXT[key][vocab.LANGUAGES.index(lang)]


def _dimension_names(criteria, lang: str) -> dict:
    from . import criteria as crit_mod

    table = crit_mod.load_criteria() if criteria is None else criteria
    names = crit_mod.dimensions(table, lang).to_dict()
    names["all"] = _ct("all", lang)
    return names


def dimension_profile(intervals: pd.DataFrame, area_id: str | None = None, lang: str = "en",
                      criteria=None, thresholds=(2.0, 3.0), ax=None, title=None):
    """One area's dimension scores with their bootstrap intervals and the mean of all areas.

    Parameters
    ----------
    intervals : pandas.DataFrame
        The table of :func:`innolab.criteria.dimension_intervals`.
    area_id : str, optional
        The area to draw (needed when the table holds several).
    lang : {"en", "fi"}
        Language of the labels.
    criteria : pandas.DataFrame, optional
        The criteria set whose dimension names label the axis (default the built-in set).
    thresholds : tuple of two floats
        Stage thresholds, shaded as the early and mature zones.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    table = intervals
    if area_id is not None:
        table = table[table["area_id"] == area_id]
    elif table["area_id"].nunique() > 1:
        raise ValueError("The table holds several areas: pass area_id.")
    ax = new_axes(ax, figsize=(7.0, 0.45 * max(len(table), 3) + 1.2))
    names = _dimension_names(criteria, lang)
    y = list(range(len(table)))[::-1]
    labels = [names.get(d, d) for d in table["dimension_id"]]
    lo_x, hi_x = 0.0, 4.0
    if criteria is not None:
        lo_x, hi_x = float(criteria["scale_min"].min()), float(criteria["scale_max"].max())
    ax.axvspan(lo_x, thresholds[0], color=OKABE_ITO["vermillion"], alpha=0.07, lw=0)
    ax.axvspan(thresholds[1], hi_x, color=OKABE_ITO["bluish_green"], alpha=0.07, lw=0)
    score = table["score"].to_numpy(dtype=float)
    err = [score - table["ci_low"].to_numpy(dtype=float),
           table["ci_high"].to_numpy(dtype=float) - score]
    ax.errorbar(score, y, xerr=err, fmt="o", color=OKABE_ITO["blue"], ecolor=OKABE_ITO["blue"],
                elinewidth=2, capsize=3, markersize=7, label=_ct("interval", lang))
    ax.scatter(table["study_mean"], y, marker="D", s=30, color=OKABE_ITO["grey"], zorder=3,
               label=_ct("study_mean", lang))
    ax.set_yticks(y, labels)
    ax.set_xlim(lo_x - 0.05, hi_x + 0.05)
    ax.set_xlabel(_ct("score", lang))
    ax.text(lo_x + 0.05, 1.0, _ct("early", lang), transform=ax.get_xaxis_transform(),
            va="bottom", fontsize=8, color=OKABE_ITO["vermillion"])
    ax.text(hi_x - 0.05, 1.0, _ct("mature", lang), transform=ax.get_xaxis_transform(),
            va="bottom", ha="right", fontsize=8, color=OKABE_ITO["bluish_green"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "", pad=16)
    return ax


def rank_intervals(uncertainty: pd.DataFrame, lang: str = "en", highlight: str | None = None,
                   ax=None, title=None):
    """Every area's nominal rank, median rank and 5th–95th percentile rank interval.

    Parameters
    ----------
    uncertainty : pandas.DataFrame
        The table of :func:`innolab.criteria.uncertainty`.
    lang : {"en", "fi"}
        Language of the labels.
    highlight : str, optional
        An area id drawn in a stronger colour.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    table = uncertainty.sort_values(["nominal_rank", "median_rank"], kind="stable")
    ax = new_axes(ax, figsize=(7.0, 0.35 * max(len(table), 4) + 1.2))
    y = list(range(len(table)))[::-1]
    colors = [OKABE_ITO["vermillion"] if a == highlight else OKABE_ITO["blue"]
              for a in table["area_id"]]
    ax.hlines(y, table["rank_p05"], table["rank_p95"], colors=colors, lw=3, alpha=0.6,
              label=_ct("rank_interval", lang))
    ax.scatter(table["nominal_rank"], y, color=colors, s=40, zorder=3,
               label=_ct("nominal", lang))
    ax.scatter(table["median_rank"], y, facecolors="none", edgecolors=colors, s=60, zorder=4,
               marker="D", label=_ct("median", lang))
    ax.set_yticks(y, table["name"] if "name" in table else table["area_id"])
    n = len(table)
    ax.set_xlim(n + 0.5, 0.5)  # rank 1 on the right: best at the right end
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_ct("rank", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


def self_external_gaps(gaps: pd.DataFrame, area_id: str | None = None, lang: str = "en",
                       criteria=None, ax=None, title=None):
    """Self vs external assessment: one area's dumbbells, or a gap heatmap of all areas.

    Parameters
    ----------
    gaps : pandas.DataFrame
        The table of :func:`innolab.criteria.self_vs_external`.
    area_id : str, optional
        Draw this area's self and external score per dimension; without it, a heatmap of the
        gap (self − external) of every area and dimension.
    lang : {"en", "fi"}
        Language of the labels.
    criteria : pandas.DataFrame, optional
        The criteria set whose dimension names label the axis (default the built-in set).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D

    vocab.check_lang(lang)
    names = _dimension_names(criteria, lang)
    if area_id is not None:
        table = gaps[gaps["area_id"] == area_id]
        ax = new_axes(ax, figsize=(7.0, 0.45 * max(len(table), 3) + 1.2))
        y = list(range(len(table)))[::-1]
        for yi, (_, r) in zip(y, table.iterrows(), strict=True):
            color = {"self_higher": OKABE_ITO["vermillion"],
                     "self_lower": OKABE_ITO["blue"]}.get(r["direction"], OKABE_ITO["grey"])
            ax.plot([r["self"], r["external"]], [yi, yi], color=color, lw=2.5, alpha=0.7)
        ax.scatter(table["self"], y, color=OKABE_ITO["orange"], s=45, zorder=3,
                   label=_ct("self", lang))
        ax.scatter(table["external"], y, color=OKABE_ITO["black"], marker="s", s=35,
                   zorder=3, label=_ct("external", lang))
        ax.set_yticks(y, [names.get(d, d) for d in table["dimension_id"]])
        ax.set_xlim(-0.05, 4.05)
        ax.set_xlabel(_ct("score", lang))
        handles, labels = ax.get_legend_handles_labels()
        handles += [Line2D([], [], color=OKABE_ITO["vermillion"], lw=2.5),
                    Line2D([], [], color=OKABE_ITO["blue"], lw=2.5)]
        labels += ["self > external" if lang == "en" else "itsearvio > ulkoinen",
                   "self < external" if lang == "en" else "itsearvio < ulkoinen"]
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title or "")
        return ax
    table = gaps.pivot(index="area_id", columns="dimension_id", values="gap")
    order = list(dict.fromkeys(gaps["area_id"]))
    cols = [c for c in dict.fromkeys(gaps["dimension_id"])]
    table = table.loc[order, cols]
    ax = new_axes(ax, figsize=(1.0 + 0.8 * len(cols), 0.4 * len(order) + 1.8))
    values = table.to_numpy(dtype=float)
    top = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
    im = ax.imshow(values, cmap="RdBu_r", vmin=-top, vmax=top, aspect="auto")
    ax.set_xticks(range(len(cols)), [names.get(c, c) for c in cols], rotation=35, ha="right")
    ax.set_yticks(range(len(order)), order)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if np.isfinite(values[i, j]):
                ax.text(j, i, f"{values[i, j]:+.1f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(values[i, j]) > top * 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=_ct("gap", lang))
    ax.set_title(title or "")
    return ax


def sobol_bars(sensitivity: pd.DataFrame, lang: str = "en", ax=None, title=None):
    """First-order and total Sobol indices of each uncertain choice, with their intervals.

    Parameters
    ----------
    sensitivity : pandas.DataFrame
        The table of :func:`innolab.criteria.sensitivity`.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .criteria import FACTORS

    vocab.check_lang(lang)
    i = vocab.LANGUAGES.index(lang)
    ax = new_axes(ax)
    y = np.arange(len(sensitivity))[::-1]
    h = 0.38
    for off, key, color in ((h / 2, "S1", OKABE_ITO["sky_blue"]),
                            (-h / 2, "ST", OKABE_ITO["blue"])):
        v = sensitivity[key].to_numpy(dtype=float)
        lo = sensitivity[f"{key}_low"].to_numpy(dtype=float)
        hi = sensitivity[f"{key}_high"].to_numpy(dtype=float)
        err = np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)])
        ax.barh(y + off, v, height=h, color=color, label=_ct(key, lang),
                xerr=None if np.isnan(err).all() else np.nan_to_num(err), capsize=2)
    ax.axvline(0, color=OKABE_ITO["black"], lw=0.8)
    ax.set_yticks(y, [FACTORS.get(f, (f, f))[i] for f in sensitivity["factor"]])
    ax.set_xlabel(_ct("sobol", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


# --- mobilisation -----------------------------------------------------------------------------
# Figures of innolab.mobilisation results: flows per wave, the mobilisation curve with its fit and
# forecast band, inclusion of target groups over time, and selected areas beside the others.

_FLOW_LABELS = {
    "new": ("New", "Uudet"),
    "retained": ("Retained", "Jatkaneet"),
    "returned": ("Returned", "Palanneet"),
    "lapsed": ("Lapsed", "Poisjääneet"),
    "active": ("Active", "Aktiiviset"),
}
FLOW_COLORS = {
    "retained": OKABE_ITO["blue"],
    "returned": OKABE_ITO["sky_blue"],
    "new": OKABE_ITO["orange"],
    "lapsed": OKABE_ITO["grey"],
}
TARGET_GROUP_COLORS = dict(zip(
    list(vocab.TARGET_GROUPS) + ["any"],
    [OKABE_ITO[c] for c in ("orange", "sky_blue", "bluish_green", "vermillion",
                            "reddish_purple", "black")],
    strict=True,
))


def _mob_text(en: str, fi: str, lang: str) -> str:
    return fi if lang == "fi" else en


def _mob_wave_names(waves, wave_labels) -> list[str]:
    wave_labels = wave_labels or {}
    return [str(wave_labels.get(int(w), w)) for w in waves]


def flows_chart(table: pd.DataFrame, lang: str = "en", wave_labels=None, ax=None, title=None):
    """Flows per wave: retained, returned and new actors stacked up, lapsed ones down.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.mobilisation.flows` (without ``by``; a split table is summed
        over its groups).
    lang : {"en", "fi"}
        Language of the labels.
    wave_labels : dict, optional
        Wave id to the label on the axis (e.g. ``{w: study.wave_label(w) ...}``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    i = vocab.LANGUAGES.index(lang)
    t = table.groupby("wave")[["new", "retained", "returned", "lapsed"]].sum()
    ax = new_axes(ax)
    x = _mob_wave_names(t.index, wave_labels)
    bottom = pd.Series(0.0, index=t.index)
    for flow in ("retained", "returned", "new"):
        v = t[flow].astype(float)
        ax.bar(x, v, bottom=bottom, color=FLOW_COLORS[flow], label=_FLOW_LABELS[flow][i],
               edgecolor="white", linewidth=0.5)
        bottom = bottom + v
    ax.bar(x, -t["lapsed"].astype(float), color=FLOW_COLORS["lapsed"],
           label=_FLOW_LABELS["lapsed"][i], edgecolor="white", linewidth=0.5)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(_mob_text("Actors", "Toimijat", lang))
    ax.set_xlabel(_mob_text("Wave", "Aalto", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


def flows_by_sector(table: pd.DataFrame, lang: str = "en", wave_labels=None, axes=None,
                    title=None):
    """New, retained, returned and lapsed actors per wave, each a panel of bars by sector.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.mobilisation.flows` with ``by="sector"``.
    lang : {"en", "fi"}
        Language of the labels.
    wave_labels : dict, optional
        Wave id to the label on the axis.
    axes : sequence of four matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title of the figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    vocab.check_lang(lang)
    i = vocab.LANGUAGES.index(lang)
    if axes is None:
        style()
        fig, axes = plt.subplots(1, 4, figsize=(12.0, 3.6), sharey=True)
    else:
        fig = axes[0].figure
    sectors = [s for s in vocab.SECTORS if s in set(table["sector"])]
    for flow, ax in zip(("new", "retained", "returned", "lapsed"), axes, strict=True):
        wide = table.pivot(index="wave", columns="sector", values=flow).reindex(columns=sectors)
        wide.index = _mob_wave_names(wide.index, wave_labels)
        stacked_bars(wide, labels=vocab.labels("sector", lang), ax=ax,
                     title=_FLOW_LABELS[flow][i])
        if ax is not axes[-1] and ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.tick_params(axis="x", labelrotation=30)
    axes[0].set_ylabel(_mob_text("Actors", "Toimijat", lang))
    if title:
        fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def mobilisation_curve_plot(curve, lang: str = "en", wave_labels=None, ax=None, title=None):
    """Cumulative mobilised actors per wave with the fitted curve and its forecast band.

    Shows the data points, the fitted curve (solid over the data, dashed beyond), the confidence
    band of the curve and the prediction band of the forecast, and R² of the fit. When the curve
    could not be fitted, the points and the reason are shown.

    Parameters
    ----------
    curve : innolab.mobilisation.MobilisationCurve
        From :func:`innolab.mobilisation.mobilisation_curve`.
    lang : {"en", "fi"}
        Language of the labels.
    wave_labels : dict, optional
        Wave id to the label on the axis.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import textwrap

    vocab.check_lang(lang)
    ax = new_axes(ax)
    d = curve.data
    fit = curve.fit
    model = {"logistic": _mob_text("logistic", "logistinen", lang), "bass": "Bass"}[curve.model]
    if fit is not None:
        c = fit.curve
        last = float(d["wave"].max())
        pct = f"{fit.level:.0%}"
        if c["pred_lower"].notna().any():
            fut = c[c["t"] >= last]
            ax.fill_between(fut["t"], fut["pred_lower"], fut["pred_upper"],
                            color=OKABE_ITO["sky_blue"], alpha=0.2, linewidth=0,
                            label=_mob_text(f"{pct} prediction band", f"{pct} ennustevyö", lang))
        if c["lower"].notna().any():
            ax.fill_between(c["t"], c["lower"], c["upper"], color=OKABE_ITO["blue"], alpha=0.2,
                            linewidth=0,
                            label=_mob_text(f"{pct} band of the curve",
                                            f"{pct} käyrän luottamusvyö", lang))
        inside, beyond = c[c["t"] <= last], c[c["t"] >= last]
        r2 = fit.gof["r_squared"]
        ax.plot(inside["t"], inside["fitted"], color=OKABE_ITO["blue"],
                label=_mob_text(f"{model} fit (R² {r2:.2f})", f"{model} sovite (R² {r2:.2f})", lang)
                .replace(".", "," if lang == "fi" else "."))
        ax.plot(beyond["t"], beyond["fitted"], color=OKABE_ITO["blue"], linestyle="--",
                label=_mob_text("forecast", "ennuste", lang))
        if fit.notes:
            ax.text(0.01, 0.99, textwrap.fill(fit.notes[0], 70), transform=ax.transAxes,
                    va="top", ha="left", fontsize=7, color=OKABE_ITO["grey"])
    else:
        ax.text(0.5, 0.5, textwrap.fill(curve.message, 60), transform=ax.transAxes,
                ha="center", va="center", fontsize=8, color=OKABE_ITO["grey"])
    ax.plot(d["wave"], d["cumulative"], "o", color=OKABE_ITO["black"],
            label=_mob_text("mobilised so far", "mukana olleet yhteensä", lang))
    ax.set_xticks(list(d["wave"]), _mob_wave_names(d["wave"], wave_labels))
    ax.set_ylabel(_mob_text("Distinct active actors (cumulative)",
                            "Eri aktiivisia toimijoita (kertymä)", lang))
    ax.set_xlabel(_mob_text("Wave", "Aalto", lang))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title(title or "")
    return ax


def inclusion_plot(table: pd.DataFrame, lang: str = "en", wave_labels=None, which="active",
                   ax=None, title=None):
    """Target groups' share of the active (or new) actors per wave, beside the actor base.

    Solid lines: the share among the active (or new) actors; dotted lines of the same colour:
    the share in the area's actor base. Waves where the denominator is 0 are gaps.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.mobilisation.inclusion`.
    lang : {"en", "fi"}
        Language of the labels.
    wave_labels : dict, optional
        Wave id to the label on the axis.
    which : {"active", "new"}
        Which share to draw.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import PercentFormatter

    vocab.check_lang(lang)
    ax = new_axes(ax)
    waves = sorted(table["wave"].unique())
    present = [g for g in TARGET_GROUP_COLORS
               if (table.loc[table["target_group"] == g, ["active", "base"]].to_numpy().sum()
                   > 0)]
    for g in present:
        rows = table[table["target_group"] == g].set_index("wave").reindex(waves)
        name = (_mob_text("Any target group", "Jokin kohderyhmä", lang) if g == "any"
                else vocab.label("target_group", g, lang))
        color = TARGET_GROUP_COLORS[g]
        ax.plot(range(len(waves)), rows[f"{which}_share"], marker="o", color=color, label=name,
                linewidth=2.2 if g == "any" else 1.4)
        ax.plot(range(len(waves)), rows["base_share"], linestyle=":", color=color, linewidth=1)
    ax.plot([], [], linestyle=":", color=OKABE_ITO["grey"],
            label=_mob_text("actor base (dotted)", "toimijapohja (pisteviiva)", lang))
    ax.set_xticks(range(len(waves)), _mob_wave_names(waves, wave_labels))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(bottom=0)
    ax.set_ylabel(_mob_text(f"Share of {which} individuals", "Osuus aktiivisista henkilöistä" if
                     which == "active" else "Osuus uusista henkilöistä", lang))
    ax.set_xlabel(_mob_text("Wave", "Aalto", lang))
    if not present:
        ax.text(0.5, 0.5, _mob_text("No actor from a target group",
                                    "Ei kohderyhmiin kuuluvia toimijoita", lang),
                transform=ax.transAxes, ha="center", va="center", color=OKABE_ITO["grey"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title(title or "")
    return ax


def selected_vs_other(summary: pd.DataFrame, measure: str = "active_change", lang: str = "en",
                      ax=None, title=None, ylabel=None):
    """Selected areas beside the others on one measure: a dot per area and each group's median.

    Areas without a value (e.g. retention in a one-wave study) are left out, and their number is
    written under the group.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table of :func:`innolab.mobilisation.area_summary`.
    measure : str
        A column of that table.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title, ylabel : str, optional
        Texts (default y label: the measure's code).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np

    vocab.check_lang(lang)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    groups = [(True, _mob_text("Selected", "Valitut", lang), OKABE_ITO["orange"]),
              (False, _mob_text("Other areas", "Muut alueet", lang), OKABE_ITO["blue"])]
    names = []
    for k, (sel, name, color) in enumerate(groups):
        v = summary.loc[summary["selected"] == sel, measure].astype(float)
        d = v.dropna().to_numpy()
        missing = len(v) - len(d)
        names.append(name + (f"\n({missing} {_mob_text('without value', 'ilman arvoa', lang)})"
                             if missing else ""))
        jitter = np.linspace(-0.12, 0.12, len(d)) if len(d) > 1 else np.zeros(len(d))
        ax.scatter(k + jitter, d, color=color, alpha=0.8, zorder=3)
        if len(d):
            med = float(np.median(d))
            ax.plot([k - 0.25, k + 0.25], [med, med], color="black", linewidth=2)
    ax.set_xticks([0, 1], names)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylabel(ylabel or measure)
    ax.set_title(title or "")
    return ax


# ---------------------------------------------------------------------------------------------
# selection and peer review

def selection_chart(ranking: pd.DataFrame, names=None, lang: str = "en", ax=None, title=None):
    """The applicants' ranks with their 5th–95th percentile intervals and selection chances.

    A dot at the nominal rank, a bar over the rank interval; orange for the recommended areas,
    blue for the others; circles for Helsinki, squares outside; the share of draws in which the
    area was selected is written at the right.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`innolab.selection.rank_applicants`.
    names : mapping, optional
        Area id → display name.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D

    vocab.check_lang(lang)
    n = len(ranking)
    ax = new_axes(ax, figsize=(7.5, 0.42 * max(n, 4) + 1.3))
    y = np.arange(n)[::-1]
    colors = [OKABE_ITO["orange"] if s else OKABE_ITO["blue"] for s in ranking["selected"]]
    ax.hlines(y, ranking["rank_q05"], ranking["rank_q95"], colors=colors, lw=4, alpha=0.55)
    for yi, r, c, h in zip(y, ranking["rank"], colors, ranking["in_helsinki"], strict=True):
        ax.scatter([r], [yi], color=c, marker="o" if h else "s", s=55, zorder=3)
    labels = [str((names or {}).get(a, a)) for a in ranking["area_id"]]
    ax.set_yticks(y, labels)
    ax.set_xlim(n + 0.5, 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_mob_text("Rank among applicants (1 = best; bar: 5th–95th percentile)",
                     "Sijoitus hakijoiden joukossa (1 = paras; palkki: 5.–95. persentiili)", lang))
    for yi, p in zip(y, ranking["p_selected"], strict=True):
        ax.annotate(f"{100 * p:.0f} %", (1.0, yi), xycoords=("axes fraction", "data"),
                    xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
    ax.annotate(_mob_text("selected in", "valittu", lang), (1.0, n - 0.4),
                xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                fontsize=8, color=OKABE_ITO["grey"])
    handles = [
        Line2D([], [], color=OKABE_ITO["orange"], lw=4, label=_mob_text("Recommended", "Suositeltu",
                                                                 lang)),
        Line2D([], [], color=OKABE_ITO["blue"], lw=4, label=_mob_text("Not recommended",
                                                               "Ei suositeltu", lang)),
        Line2D([], [], color="black", marker="o", ls="", label="Helsinki"),
        Line2D([], [], color="black", marker="s", ls="", label=_mob_text("Outside Helsinki",
                                                                   "Helsingin ulkopuolella",
                                                                   lang)),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.08, 1.0))
    ax.set_title(title or "")
    return ax


def rater_spread(spread: pd.DataFrame, names=None, criteria=None, lang: str = "en", ax=None,
                 title=None):
    """Heat map of how far the raters disagree: mean SD between raters per area and dimension.

    Parameters
    ----------
    spread : pandas.DataFrame
        The full table of :func:`innolab.selection.rater_disagreement` (``top=0``).
    names : mapping, optional
        Area id → display name.
    criteria : pandas.DataFrame, optional
        The criteria set, for the dimension names.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    pivot = spread.pivot_table(index="area_id", columns="dimension_id", values="sd",
                               aggfunc="mean", sort=False)
    dims = _dimension_names(criteria, lang)
    pivot = pivot[[d for d in dims if d in pivot.columns]]
    ax = new_axes(ax, figsize=(7.5, 0.4 * max(len(pivot), 4) + 1.6))
    im = ax.imshow(pivot.to_numpy(dtype=float), cmap="Oranges", aspect="auto", vmin=0)
    ax.set_xticks(range(pivot.shape[1]), list(pivot.columns))
    ax.set_xlabel(_mob_text("Dimension of the criteria set", "Kriteeristön ulottuvuus", lang))
    ax.set_yticks(range(len(pivot)), [str((names or {}).get(a, a)) for a in pivot.index])
    for (i, j), v in np.ndenumerate(pivot.to_numpy(dtype=float)):
        if np.isfinite(v):
            ax.text(j, i, f"{v:.1f}".replace(".", "," if lang == "fi" else "."), ha="center",
                    va="center", fontsize=8, color="white" if v > 0.7 * np.nanmax(pivot) else
                    "black")
    ax.figure.colorbar(im, ax=ax, label=_mob_text("Mean SD between raters (scale points)",
                                           "Arvioijien välinen keskihajonta (asteikon pistettä)",
                                           lang))
    ax.spines[:].set_visible(False)
    ax.set_title(title or "")
    return ax


def peer_review_chart(comparison: pd.DataFrame, lang: str = "en", ax=None, title=None):
    """Each practice's mean rating by the two groups with their intervals (a dumbbell chart).

    Parameters
    ----------
    comparison : pandas.DataFrame
        The table of :func:`innolab.peer_review.compare_practices`.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    groups = comparison.attrs.get("groups", ("helsinki", "uusimaa_leader"))
    n = len(comparison)
    ax = new_axes(ax, figsize=(7.5, 0.5 * max(n, 4) + 1.3))
    y = np.arange(n)[::-1].astype(float)
    colors = (OKABE_ITO["blue"], OKABE_ITO["orange"])
    for k, (g, c) in enumerate(zip(groups, colors, strict=True)):
        off = 0.12 if k == 0 else -0.12
        ax.hlines(y + off, comparison[f"lo_{g}"], comparison[f"hi_{g}"], color=c, lw=1.5,
                  alpha=0.8)
        ax.scatter(comparison[f"mean_{g}"], y + off, color=c, s=45, zorder=3,
                   label=f"{vocab.label('peer_group', g, lang)} "
                         f"(n = {int(comparison[f'n_{g}'].max())})")
    col = "practice_fi" if lang == "fi" else "practice_en"
    ax.set_yticks(y, comparison[col])
    ax.set_xlim(0.8, 5.2)
    ax.set_xlabel(_mob_text("Mean rating 1–5 (line: 90 % bootstrap interval)",
                     "Arvosanojen keskiarvo 1–5 (viiva: 90 %:n bootstrap-väli)", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


# ---------------------------------------------------------------------------------------------
# evidence pack

def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [text]


def _is_count(v) -> bool:
    return isinstance(v, int | float | np.integer | np.floating) and not pd.isna(v)


def indicator_chart(table: pd.DataFrame, lang: str = "en", axes=None, title=None):
    """Baseline (first wave) and value (all waves) of every indicator for the whole study.

    Organisations and innovations in the upper panel, people in the lower one (their counts
    are an order of magnitude larger). A suppressed count (a string such as ``"<5"``) is drawn as
    a hatched bar up to the threshold and labelled with the string, never the hidden number.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.evidence_pack.indicator_table`.
    lang : {"en", "fi"}
        Language of the labels.
    axes : pair of matplotlib.axes.Axes, optional
        Axes to draw on (upper, lower).
    title : str, optional
        Title.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
    """
    import textwrap

    from matplotlib.patches import Patch

    vocab.check_lang(lang)
    people = table["indicator"] == "people_mobilised"
    parts = [table[~people], table[people]]
    if axes is None:
        style()
        n = len(parts[0])
        _, axes = plt.subplots(2, 1, figsize=(8.0, 0.6 * n + 2.6),
                               gridspec_kw={"height_ratios": [max(n, 1), 1.2]})
    series = (("baseline",
               _mob_text("Baseline (first wave)", "Lähtötaso (ensimmäinen aalto)", lang),
               OKABE_ITO["sky_blue"], 0.2),
              ("value", _mob_text("All waves", "Kaikki aallot", lang), OKABE_ITO["blue"], -0.2))
    for ax, part in zip(axes, parts, strict=True):
        y = np.arange(len(part))[::-1].astype(float)
        top = max([float(v) for c in ("baseline", "value") for v in part[c] if _is_count(v)]
                  or [1])
        for col, _, color, off in series:
            for yi, v in zip(y, part[col], strict=True):
                if _is_count(v):
                    ax.barh(yi + off, float(v), height=0.38, color=color)
                    ax.text(float(v) + top * 0.01, yi + off, f"{int(v)}", va="center",
                            fontsize=8)
                elif isinstance(v, str):
                    k = float(v.lstrip("<")) if v.startswith("<") else 0.0
                    ax.barh(yi + off, k, height=0.38, color="white", edgecolor=color,
                            hatch="///")
                    ax.text(k + top * 0.01, yi + off, v, va="center", fontsize=8)
        labels = [f"{c + ' · ' if c else ''}{lab}" for c, lab in
                  zip(part["common_indicator"], part["label"], strict=True)]
        ax.set_yticks(y, [textwrap.fill(lab, 48) for lab in labels], fontsize=8)
        ax.set_xlim(0, top * 1.12)
    axes[0].legend(handles=[Patch(color=c, label=lab) for _, lab, c, _ in series],
                   loc="lower right", fontsize=8)
    axes[0].set_xlabel(_mob_text("Organisations or innovations",
                                 "Organisaatiot tai innovaatiot", lang))
    axes[1].set_xlabel(_mob_text("People", "Ihmiset", lang))
    axes[0].set_title(title or "")
    return axes


def pipeline_chart(table: pd.DataFrame, lang: str = "en", ax=None, title=None):
    """The innovation pipeline: innovations by theme, stacked by the furthest stage reached.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.evidence_pack.pipeline` (its last column is the total).
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    counts = table.iloc[:, :-1]
    colors = [STAGE_COLORS[s] for s in vocab.STAGES][:counts.shape[1]]
    ax = new_axes(ax, figsize=(8.0, 0.45 * max(len(counts), 4) + 1.5))
    left = np.zeros(len(counts))
    y = np.arange(len(counts))[::-1]
    for col, color in zip(counts.columns, colors, strict=True):
        v = counts[col].to_numpy(dtype=float)
        ax.barh(y, v, left=left, color=color, edgecolor="white", label=col)
        left += v
    ax.set_yticks(y, counts.index)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_mob_text("Innovations (furthest stage reached)",
                     "Innovaatiot (pisimmälle edennyt vaihe)", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=_mob_text("Stage", "Vaihe", lang))
    ax.set_title(title or "")
    return ax


def change_chart(change: pd.DataFrame, names=None, lang: str = "en", axes=None, title=None):
    """Change from the first to the last wave: selected areas beside the others.

    One panel per measure (active actors; shares of ties crossing sectors, areas and
    countries): a dot per area, and each group's mean with its 90 % bootstrap interval. Areas
    whose change is hidden (small counts) are left out of that panel.

    Parameters
    ----------
    change : pandas.DataFrame
        The table of :func:`innolab.evidence_pack.change_table`.
    names : mapping, optional
        Area id → name (unused in the drawing; kept for a common signature).
    lang : {"en", "fi"}
        Language of the labels.
    axes : array of matplotlib.axes.Axes, optional
        Four axes to draw on.
    title : str, optional
        Figure title.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    measures = [("active", _mob_text("Active actors", "Aktiiviset toimijat", lang)),
                ("cross_sector_share", _mob_text("Share of ties across sectors",
                                          "Sektorirajat ylittävien suhteiden osuus", lang)),
                ("cross_area_share", _mob_text("Share of ties across areas",
                                        "Aluerajat ylittävien suhteiden osuus", lang)),
                ("cross_country_share", _mob_text("Share of ties across countries",
                                           "Maarajat ylittävien suhteiden osuus", lang))]
    if axes is None:
        style()
        fig, axes = plt.subplots(1, 4, figsize=(11.0, 3.6))
    groups = [("selected", _mob_text("Selected", "Valitut", lang), OKABE_ITO["orange"]),
              ("other", _mob_text("Other", "Muut", lang), OKABE_ITO["blue"])]
    for ax, (m, label) in zip(np.ravel(axes), measures, strict=True):
        for k, (g, _glabel, color) in enumerate(groups):
            scale = 1.0 if m == "active" else 100.0  # shares in percentage points
            rows = change[change["group"] == g]
            vals = scale * np.array([float(v) for v in rows[f"{m}_change"] if _is_count(v)])
            jitter = np.linspace(-0.12, 0.12, len(vals)) if len(vals) > 1 else np.zeros(len(vals))
            ax.scatter(k + jitter, vals, color=color, alpha=0.6, s=22, zorder=3)
            summary = change[change["group"] == f"{g}_mean"]
            if len(summary) and _is_count(summary.iloc[0][f"{m}_change"]):
                r = summary.iloc[0]
                ax.plot([k + 0.3], [scale * r[f"{m}_change"]], marker="D", color="black",
                        zorder=4)
                if np.isfinite(r.get(f"{m}_change_lo", np.nan)):
                    ax.vlines(k + 0.3, scale * r[f"{m}_change_lo"],
                              scale * r[f"{m}_change_hi"], color="black", lw=1.5)
        ax.axhline(0, color="#999999", lw=0.8)
        ax.set_xticks([0, 1], [g[1] for g in groups])
        ax.set_xlim(-0.5, 1.6)
        ax.set_title("\n".join(_wrap(label, 24)), fontsize=9)
    np.ravel(axes)[0].set_ylabel(_mob_text("Change, first → last wave (◆ mean, 90 % interval)",
                                    "Muutos, ensimmäinen → viimeinen aalto (◆ ka., 90 % väli)",
                                    lang), fontsize=8)
    np.ravel(axes)[1].set_ylabel(_mob_text("Percentage points", "Prosenttiyksikköä", lang),
                                 fontsize=8)
    if title:
        np.ravel(axes)[0].figure.suptitle(title)
    return axes


def suppressed_bars(table: pd.DataFrame, category: str, lang: str = "en", ax=None,
                    title=None, xlabel=None):
    """Counts of people by category and area, with small counts suppressed (hatched, "<5").

    Parameters
    ----------
    table : pandas.DataFrame
        Index: areas; columns: categories; cells: counts or suppression marks (strings).
    category : str
        The vocabulary of the columns (``"sector"`` or ``"target_group"``), for colours and
        labels.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title, xlabel : str, optional
        Texts.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.patches import Patch

    vocab.check_lang(lang)
    colors = SECTOR_COLORS if category == "sector" else TARGET_GROUP_COLORS
    cats = list(table.columns)
    handles = []
    ax = new_axes(ax, figsize=(8.0, 0.5 * max(len(table), 3) * max(1, len(cats) / 3) + 1.2))
    h = 0.8 / max(len(cats), 1)
    y = np.arange(len(table))[::-1].astype(float)
    top = max([float(v) for c in cats for v in table[c] if _is_count(v)] or [1])
    for j, c in enumerate(cats):
        off = 0.4 - h * (j + 0.5)
        color = colors.get(c, OKABE_ITO["grey"])
        for yi, v in zip(y, table[c], strict=True):
            if _is_count(v):
                ax.barh(yi + off, float(v), height=h, color=color)
            elif isinstance(v, str):
                k = float(v.lstrip("<")) if v.startswith("<") else top * 0.02
                ax.barh(yi + off, k, height=h, color="white", edgecolor=color, hatch="///")
                ax.text(k + top * 0.01, yi + off, v, va="center", fontsize=7)
        lab = (vocab.label(category, c, lang) if c in vocab.VOCABULARIES[category]
               else _mob_text("None of these", "Ei mikään näistä", lang))
        handles.append(Patch(color=color, label=lab))
    ax.set_yticks(y, table.index)
    ax.set_xlabel(xlabel or _mob_text("People", "Ihmiset", lang))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title(title or "")
    return ax
