"""Figures: one palette, one style, functions that take ``ax=None`` and return the axes.

The palette is Okabe & Ito's colour-blind-safe set (Okabe & Ito 2008, "Color Universal Design"),
used for sectors everywhere in innolab so that a colour means the same sector in every figure.
Functions here draw what other modules computed; they never compute statistics themselves.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from innolab.data import vocab

__all__ = ["OKABE_ITO", "SECTOR_COLORS", "STAGE_COLORS", "sector_color", "style", "new_axes",
           "stacked_bars", "barh_counts", "annotated_heatmap"]

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
    # DejaVu Sans (matplotlib's own) draws every figure. An SVG keeps its text as text (editable,
    # searchable, a fifth of the drawing's time less) and names the fonts a viewer without
    # DejaVu Sans uses instead, of similar width, before the generic sans-serif.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Liberation Sans", "Helvetica"],
    "svg.fonttype": "none",
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


def annotated_heatmap(values: pd.DataFrame, text, *, ax, cmap: str, xticklabels, yticklabels,
                      vmin=None, vmax=None, center=None, cbar_label: str | None = None,
                      fontsize: int = 8):
    """A heatmap with each cell's value printed in it, drawn as seaborn's ``heatmap`` draws it.

    Empty (NaN) cells are left blank. The cell texts are given already formatted for the
    reader's language (decimal sign, percent sign). As in seaborn 0.13: a ``pcolormesh`` with
    white lines between the cells, no spines, the first row at the top, ticks in the middle of
    each cell, the rows' labels level, the columns' labels turned upright only when they would
    overlap, a colour bar 0.8 of the height without an outline, ``center`` recentring the colour
    map, and each text dark (``.15``) on a light cell and white on a dark one (relative
    luminance above 0.408). Unlike seaborn, which draws the whole figure once to see whether the
    column labels overlap, only the labels are measured.

    Parameters
    ----------
    values : pandas.DataFrame
        The numbers that colour the cells.
    text : array-like of str or None
        The text printed in each cell, the shape of ``values``; None prints none (a matrix too
        large for its numbers to be read in the cells).
    ax : matplotlib.axes.Axes
        Axes to draw on.
    cmap : str
        A matplotlib colour map.
    xticklabels, yticklabels : list of str
        The column and row labels.
    vmin, vmax, center : float, optional
        The colour scale (``center`` for a diverging map).
    cbar_label : str, optional
        The colour bar's label.
    fontsize : int
        Size of the cell texts.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib as mpl
    import numpy as np
    from seaborn.utils import relative_luminance

    data = values.astype(float)
    plot = np.ma.masked_invalid(data.to_numpy())
    finite = plot.compressed()
    if vmin is None:
        vmin = float(finite.min()) if finite.size else 0.0
    if vmax is None:
        vmax = float(finite.max()) if finite.size else vmin + 1.0
    colours = plt.get_cmap(cmap)
    if center is not None:  # the part of the map either side of the centre the data reach
        span = max(vmax - center, center - vmin)
        low, high = mpl.colors.Normalize(center - span, center + span)([vmin, vmax])
        colours = mpl.colors.ListedColormap(colours(np.linspace(low, high, 256)))
    for side in ax.spines.values():
        side.set_visible(False)
    mesh = ax.pcolormesh(plot, cmap=colours, vmin=vmin, vmax=vmax, linewidths=0.5,
                         edgecolor="white")
    n_rows, n_cols = plot.shape
    ax.set(xlim=(0, n_cols), ylim=(0, n_rows))
    ax.invert_yaxis()
    bar = ax.figure.colorbar(mesh, ax=ax, shrink=0.8, **({"label": cbar_label}
                                                        if cbar_label else {}))
    bar.outline.set_linewidth(0)
    ax.set_xticks(np.arange(n_cols) + 0.5, list(xticklabels))
    ax.set_yticks(np.arange(n_rows) + 0.5, list(yticklabels), rotation=0, va="center")
    renderer = ax.figure.canvas.get_renderer()
    step = ax.get_window_extent(renderer).width / max(n_cols, 1)
    widths = [label.get_window_extent(renderer).width for label in ax.get_xticklabels()]
    if any((a + b) / 2 > step for a, b in zip(widths, widths[1:], strict=False)):
        ax.tick_params(axis="x", rotation=90)
    ax.set_xlabel(data.columns.name or "")
    ax.set_ylabel(data.index.name or "")
    if text is not None:
        mesh.update_scalarmappable()
        light = np.asarray(relative_luminance(mesh.get_facecolors())).reshape(-1) > 0.408
        cells = np.asarray(text, dtype=object)
        filled = ~np.ma.getmaskarray(plot).reshape(-1)  # a face colour per cell, row by row
        for i, (row, col) in enumerate(np.ndindex(n_rows, n_cols)):
            if filled[i]:
                ax.text(col + 0.5, row + 0.5, str(cells[row, col]), ha="center", va="center",
                        color=".15" if light[i] else "w", fontsize=fontsize)
    return ax
