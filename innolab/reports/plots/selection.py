"""Figures of the selection memo and the peer review."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...data import vocab
from .. import fmt
from ..texts import label, t
from .base import OKABE_ITO, annotated_heatmap, new_axes
from .criteria import dimension_names

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
    ax.set_xlabel(t("selection.plot.rank", lang))
    for yi, p in zip(y, ranking["p_selected"], strict=True):
        ax.annotate(f"{100 * p:.0f} %", (1.0, yi), xycoords=("axes fraction", "data"),
                    xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
    ax.annotate(t("selection.plot.selected_in", lang), (1.0, n - 0.4),
                xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                fontsize=8, color=OKABE_ITO["grey"])
    handles = [
        Line2D([], [], color=OKABE_ITO["orange"], lw=4,
               label=t("selection.plot.recommended", lang)),
        Line2D([], [], color=OKABE_ITO["blue"], lw=4,
               label=t("selection.plot.not_recommended", lang)),
        Line2D([], [], color="black", marker="o", ls="", label=t("selection.plot.helsinki", lang)),
        Line2D([], [], color="black", marker="s", ls="", label=t("selection.plot.outside", lang)),
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
    dims = dimension_names(criteria, lang)
    pivot = pivot[[d for d in dims if d in pivot.columns]]
    ax = new_axes(ax, figsize=(7.5, 0.4 * max(len(pivot), 4) + 1.6))
    values = pivot.to_numpy(dtype=float)
    text = [["" if not np.isfinite(v) else fmt.num(v, lang, 1) for v in row] for row in values]
    annotated_heatmap(pivot, text, ax=ax, cmap="Oranges", vmin=0,
                      xticklabels=list(pivot.columns),
                      yticklabels=[str((names or {}).get(a, a)) for a in pivot.index],
                      cbar_label=t("selection.plot.rater_sd", lang))
    ax.set_xlabel(t("selection.plot.dimension", lang))
    ax.set_ylabel("")
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
                   label=f"{label('peer_group', g, lang)} "
                         f"(n = {int(comparison[f'n_{g}'].max())})")
    ax.set_yticks(y, comparison[f"practice_{lang}"])  # the study's own bilingual column
    ax.set_xlim(0.8, 5.2)
    ax.set_xlabel(t("peer_review.plot.mean_rating", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


