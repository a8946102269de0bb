"""Figures of the evidence pack."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...data import vocab
from ..texts import label, t
from .base import OKABE_ITO, SECTOR_COLORS, STAGE_COLORS, new_axes, style
from .mobilisation import TARGET_GROUP_COLORS

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
        The indicator table of :func:`innolab.reports.evidence_views.pack_tables` (with its
        ``label`` column).
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
               t("evidence.plot.baseline", lang),
               OKABE_ITO["sky_blue"], 0.2),
              ("value", t("evidence.plot.all_waves", lang), OKABE_ITO["blue"], -0.2))
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
    axes[0].set_xlabel(t("evidence.plot.orgs_or_innovations", lang))
    axes[1].set_xlabel(t("evidence.plot.people", lang))
    axes[0].set_title(title or "")
    return axes


def pipeline_chart(table: pd.DataFrame, lang: str = "en", ax=None, title=None):
    """The innovation pipeline: innovations by theme, stacked by the furthest stage reached.

    Parameters
    ----------
    table : pandas.DataFrame
        The labelled pipeline of :func:`innolab.reports.evidence_views.pack_tables` (its last
        column is the total).
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
    ax.set_xlabel(t("evidence.plot.innovations_furthest", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=t("evidence.plot.stage", lang))
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
        The table of :func:`innolab.evidence.pack.change_table`.
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
    measures = [("active", t("evidence.plot.active_actors", lang)),
                ("cross_sector_share", t("evidence.plot.share_sectors", lang)),
                ("cross_area_share", t("evidence.plot.share_areas", lang)),
                ("cross_country_share", t("evidence.plot.share_countries", lang))]
    if axes is None:
        style()
        fig, axes = plt.subplots(1, 4, figsize=(11.0, 3.6))
    groups = [("selected", t("evidence.plot.selected", lang), OKABE_ITO["orange"]),
              ("other", t("evidence.plot.other", lang), OKABE_ITO["blue"])]
    for ax, (m, measure_label) in zip(np.ravel(axes), measures, strict=True):
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
        ax.set_title("\n".join(_wrap(measure_label, 24)), fontsize=9)
    np.ravel(axes)[0].set_ylabel(t("evidence.plot.change_axis", lang), fontsize=8)
    np.ravel(axes)[1].set_ylabel(t("evidence.plot.percentage_points", lang),
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
        lab = (label(category, c, lang) if c in vocab.VOCABULARIES[category]
               else t("evidence.plot.none_of_these", lang))
        handles.append(Patch(color=color, label=lab))
    ax.set_yticks(y, table.index)
    ax.set_xlabel(xlabel or t("evidence.plot.people", lang))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title(title or "")
    return ax
