"""Figures of criteria scores: dimension profiles, rank intervals, gaps, Sobol indices."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ...data import vocab
from .. import criteria_text, fmt
from ..texts import t
from .base import OKABE_ITO, annotated_heatmap, new_axes

# --- criteria ---------------------------------------------------------------------------------
# Figures of innolab.criteria results: a dimension profile with its uncertainty, rank intervals of
# all areas, self vs external gaps, and Sobol indices. Dimension names come from the criteria set
# (the built-in one unless a study's own set is given).


def dimension_names(criteria, lang: str) -> dict:
    """Dimension id → name for axis labels (the built-in set when ``criteria`` is None).

    Parameters
    ----------
    criteria : pandas.DataFrame or None
        The criteria set.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict
        Also ``"all"`` → the label of all criteria together.
    """
    from innolab.analysis.criteria import load_criteria

    table = load_criteria() if criteria is None else criteria
    names = criteria_text.dimension_names(table, lang).to_dict()
    names["all"] = t("criteria.plot.all", lang)
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
    # the scale's full width below the labels, the legend under the axis (not beside it)
    ax = new_axes(ax, figsize=(7.0, 0.45 * max(len(table), 3) + 1.8))
    names = dimension_names(criteria, lang)
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
                elinewidth=2, capsize=3, markersize=7, label=t("criteria.plot.interval", lang))
    ax.scatter(table["study_mean"], y, marker="D", s=30, color=OKABE_ITO["grey"], zorder=3,
               label=t("criteria.plot.study_mean", lang))
    ax.set_yticks(y, labels)
    ax.set_xlim(lo_x - 0.05, hi_x + 0.05)
    ax.set_xticks([v for v in range(int(lo_x), int(hi_x) + 1)])
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(t("criteria.plot.score", lang))
    ax.text(lo_x + 0.05, 1.0, criteria_text.stage_label("early", lang),
            transform=ax.get_xaxis_transform(), va="bottom", fontsize=8,
            color=OKABE_ITO["vermillion"])
    ax.text(hi_x - 0.05, 1.0, criteria_text.stage_label("mature", lang),
            transform=ax.get_xaxis_transform(), va="bottom", ha="right", fontsize=8,
            color=OKABE_ITO["bluish_green"])
    # centred under the figure, not the axes: the axes stand right of their long labels, and a
    # legend centred under them would reach past the figure's right edge
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.55 / (0.45 * max(len(table), 3))),
              bbox_transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes),
              ncol=2)
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
              label=t("criteria.plot.rank_interval", lang))
    ax.scatter(table["nominal_rank"], y, color=colors, s=40, zorder=3,
               label=t("criteria.plot.nominal", lang))
    ax.scatter(table["median_rank"], y, facecolors="none", edgecolors=colors, s=60, zorder=4,
               marker="D", label=t("criteria.plot.median", lang))
    ax.set_yticks(y, table["name"] if "name" in table else table["area_id"])
    n = len(table)
    ax.set_xlim(n + 0.5, 0.5)  # rank 1 on the right: best at the right end
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t("criteria.plot.rank", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


def self_external_gaps(gaps: pd.DataFrame, area_id: str | None = None, lang: str = "en",
                       criteria=None, ax=None, title=None, area_names=None):
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
    names = dimension_names(criteria, lang)
    if area_id is not None:
        table = gaps[gaps["area_id"] == area_id]
        ax = new_axes(ax, figsize=(7.0, 0.45 * max(len(table), 3) + 1.2))
        y = list(range(len(table)))[::-1]
        for yi, (_, r) in zip(y, table.iterrows(), strict=True):
            color = {"self_higher": OKABE_ITO["vermillion"],
                     "self_lower": OKABE_ITO["blue"]}.get(r["direction"], OKABE_ITO["grey"])
            ax.plot([r["self"], r["external"]], [yi, yi], color=color, lw=2.5, alpha=0.7)
        ax.scatter(table["self"], y, color=OKABE_ITO["orange"], s=45, zorder=3,
                   label=t("criteria.plot.self", lang))
        ax.scatter(table["external"], y, color=OKABE_ITO["black"], marker="s", s=35,
                   zorder=3, label=t("criteria.plot.external", lang))
        ax.set_yticks(y, [names.get(d, d) for d in table["dimension_id"]])
        ax.set_xlim(-0.05, 4.05)
        ax.set_xlabel(t("criteria.plot.score", lang))
        handles, labels = ax.get_legend_handles_labels()
        handles += [Line2D([], [], color=OKABE_ITO["vermillion"], lw=2.5),
                    Line2D([], [], color=OKABE_ITO["blue"], lw=2.5)]
        labels += [t("criteria.plot.self_higher", lang), t("criteria.plot.self_lower", lang)]
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title or "")
        return ax
    table = gaps.pivot(index="area_id", columns="dimension_id", values="gap")
    order = list(dict.fromkeys(gaps["area_id"]))
    cols = [c for c in dict.fromkeys(gaps["dimension_id"])]
    table = table.loc[order, cols]
    ax = new_axes(ax, figsize=(1.0 + 0.8 * len(cols), 0.4 * max(len(order), 3) + 1.8))
    values = table.to_numpy(dtype=float)
    top = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
    text = [["" if not np.isfinite(v) else fmt.signed(v, lang, 1) for v in row] for row in values]
    annotated_heatmap(table, text, ax=ax, cmap="RdBu_r", vmin=-top, vmax=top, center=0,
                      xticklabels=[names.get(c, c) for c in cols],
                      yticklabels=[(area_names or {}).get(a, a) for a in order],
                      cbar_label=t("criteria.plot.gap", lang), fontsize=7)
    ax.tick_params(axis="x", rotation=35)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    ax.set_xlabel("")
    ax.set_ylabel("")
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
    vocab.check_lang(lang)
    ax = new_axes(ax)
    y = np.arange(len(sensitivity))[::-1]
    h = 0.38
    for off, key, color in ((h / 2, "S1", OKABE_ITO["sky_blue"]),
                            (-h / 2, "ST", OKABE_ITO["blue"])):
        v = sensitivity[key].to_numpy(dtype=float)
        lo = sensitivity[f"{key}_low"].to_numpy(dtype=float)
        hi = sensitivity[f"{key}_high"].to_numpy(dtype=float)
        err = np.vstack([np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)])
        ax.barh(y + off, v, height=h, color=color, label=t(f"criteria.plot.{key}", lang),
                xerr=None if np.isnan(err).all() else np.nan_to_num(err), capsize=2)
    ax.axvline(0, color=OKABE_ITO["black"], lw=0.8)
    ax.set_yticks(y, [criteria_text.factor_label(f, lang) for f in sensitivity["factor"]])
    ax.set_xlabel(t("criteria.plot.sobol", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


