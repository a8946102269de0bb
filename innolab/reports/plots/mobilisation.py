"""Figures of mobilisation: flows, growth curves, inclusion, selected vs other areas."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...data import vocab
from .. import fmt
from ..notes import note_text
from ..texts import has, label, labels
from ..texts import t as text
from .base import OKABE_ITO, new_axes, stacked_bars, style

# --- mobilisation -----------------------------------------------------------------------------
# Figures of innolab.analysis.mobilisation results: flows per wave, the mobilisation curve with its
# fit and forecast band, inclusion of target groups over time, and selected areas beside the
# others. Every word is a key of resources/texts/mobilisation.yaml ("mobilisation.flow.<flow>").
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


def _mob_wave_names(waves, wave_labels) -> list[str]:
    wave_labels = wave_labels or {}
    return [str(wave_labels.get(int(w), w)) for w in waves]


def flows_chart(table: pd.DataFrame, lang: str = "en", wave_labels=None, ax=None, title=None):
    """Flows per wave: retained, returned and new actors stacked up, lapsed ones down.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.analysis.mobilisation.flows` (without ``by``; a split table
        is summed over its groups).
    lang : {"en", "fi"}
        Language of the labels.
    wave_labels : dict, optional
        Wave id to the label on the axis (e.g. ``texts.wave_names(study, lang)``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title : str, optional
        Title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    vocab.check_lang(lang)
    t = table.groupby("wave")[["new", "retained", "returned", "lapsed"]].sum()
    ax = new_axes(ax)
    x = _mob_wave_names(t.index, wave_labels)
    bottom = pd.Series(0.0, index=t.index)
    for flow in ("retained", "returned", "new"):
        v = t[flow].astype(float)
        ax.bar(x, v, bottom=bottom, color=FLOW_COLORS[flow],
               label=text(f"mobilisation.flow.{flow}", lang), edgecolor="white", linewidth=0.5)
        bottom = bottom + v
    ax.bar(x, -t["lapsed"].astype(float), color=FLOW_COLORS["lapsed"],
           label=text("mobilisation.flow.lapsed", lang), edgecolor="white", linewidth=0.5)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(text("common.actors", lang))
    ax.set_xlabel(text("common.wave", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "")
    return ax


def flows_by_sector(table: pd.DataFrame, lang: str = "en", wave_labels=None, axes=None,
                    title=None):
    """New, retained, returned and lapsed actors per wave, each a panel of bars by sector.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`innolab.analysis.mobilisation.flows` with ``by="sector"``.
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
    if axes is None:
        style()
        # laid out when drawn (reports lay a figure out once, as they save it)
        fig, axes = plt.subplots(1, 4, figsize=(12.0, 3.6), sharey=True, layout="tight")
    else:
        fig = axes[0].figure
    sectors = [s for s in vocab.SECTORS if s in set(table["sector"])]
    for flow, ax in zip(("new", "retained", "returned", "lapsed"), axes, strict=True):
        wide = table.pivot(index="wave", columns="sector", values=flow).reindex(columns=sectors)
        wide.index = _mob_wave_names(wide.index, wave_labels)
        stacked_bars(wide, labels=labels("sector", lang), ax=ax,
                     title=text(f"mobilisation.flow.{flow}", lang))
        if ax is not axes[-1] and ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.tick_params(axis="x", labelrotation=30)
    axes[0].set_ylabel(text("common.actors", lang))
    if title:
        fig.suptitle(title, fontweight="bold")
    return fig


def mobilisation_curve_plot(curve, lang: str = "en", wave_labels=None, ax=None, title=None):
    """Cumulative mobilised actors per wave with the fitted curve and its forecast band.

    Shows the data points, the fitted curve (solid over the data, dashed beyond), the confidence
    band of the curve and the prediction band of the forecast, and R² of the fit. When the curve
    could not be fitted, the points and the reason are shown.

    Parameters
    ----------
    curve : innolab.analysis.mobilisation.MobilisationCurve
        From :func:`innolab.analysis.mobilisation.mobilisation_curve`.
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
    model = text(f"mobilisation.model.{curve.model}", lang)
    if fit is not None:
        c = fit.curve
        last = float(d["wave"].max())
        pct = fmt.pct(fit.level, lang)
        if c["pred_lower"].notna().any():
            fut = c[c["t"] >= last]
            ax.fill_between(fut["t"], fut["pred_lower"], fut["pred_upper"],
                            color=OKABE_ITO["sky_blue"], alpha=0.2, linewidth=0,
                            label=text("mobilisation.plot.prediction_band", lang, level=pct))
        if c["lower"].notna().any():
            ax.fill_between(c["t"], c["lower"], c["upper"], color=OKABE_ITO["blue"], alpha=0.2,
                            linewidth=0,
                            label=text("mobilisation.plot.curve_band", lang, level=pct))
        inside, beyond = c[c["t"] <= last], c[c["t"] >= last]
        r2 = fit.gof["r_squared"]
        ax.plot(inside["t"], inside["fitted"], color=OKABE_ITO["blue"],
                label=text("mobilisation.plot.fit", lang, model=model, r2=fmt.num(r2, lang, 2)))
        ax.plot(beyond["t"], beyond["fitted"], color=OKABE_ITO["blue"], linestyle="--",
                label=text("mobilisation.plot.forecast", lang))
        if fit.notes:
            ax.text(0.01, 0.99, textwrap.fill(note_text(fit.notes[0], lang), 70),
                    transform=ax.transAxes, va="top", ha="left", fontsize=7,
                    color=OKABE_ITO["grey"])
    else:
        ax.text(0.5, 0.5, textwrap.fill(note_text(curve.note, lang), 60), transform=ax.transAxes,
                ha="center", va="center", fontsize=8, color=OKABE_ITO["grey"])
    ax.plot(d["wave"], d["cumulative"], "o", color=OKABE_ITO["black"],
            label=text("mobilisation.plot.mobilised_so_far", lang))
    ax.set_xticks(list(d["wave"]), _mob_wave_names(d["wave"], wave_labels))
    ax.set_ylabel(text("mobilisation.plot.cumulative", lang))
    ax.set_xlabel(text("common.wave", lang))
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
        The table of :func:`innolab.analysis.mobilisation.inclusion`.
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
        name = (text("mobilisation.plot.any_target_group", lang) if g == "any"
                else label("target_group", g, lang))
        color = TARGET_GROUP_COLORS[g]
        ax.plot(range(len(waves)), rows[f"{which}_share"], marker="o", color=color, label=name,
                linewidth=2.2 if g == "any" else 1.4)
        ax.plot(range(len(waves)), rows["base_share"], linestyle=":", color=color, linewidth=1)
    ax.plot([], [], linestyle=":", color=OKABE_ITO["grey"],
            label=text("mobilisation.plot.actor_base", lang))
    ax.set_xticks(range(len(waves)), _mob_wave_names(waves, wave_labels))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(bottom=0)
    ax.set_ylabel(text(f"mobilisation.plot.share_{which}", lang))
    ax.set_xlabel(text("common.wave", lang))
    if not present:
        ax.text(0.5, 0.5, text("mobilisation.plot.no_target_group", lang),
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
        The table of :func:`innolab.analysis.mobilisation.area_summary`.
    measure : str
        A column of that table.
    lang : {"en", "fi"}
        Language of the labels.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    title, ylabel : str, optional
        Texts (default y label: the measure's column header in the catalogue).

    Returns
    -------
    matplotlib.axes.Axes
    """

    vocab.check_lang(lang)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    groups = [(True, text("mobilisation.plot.selected", lang), OKABE_ITO["orange"]),
              (False, text("mobilisation.plot.other_areas", lang), OKABE_ITO["blue"])]
    names = []
    for k, (sel, name, color) in enumerate(groups):
        v = summary.loc[summary["selected"] == sel, measure].astype(float)
        d = v.dropna().to_numpy()
        missing = len(v) - len(d)
        names.append(name + ("\n" + text("mobilisation.plot.without_value", lang,
                                          n=fmt.count(missing)) if missing else ""))
        jitter = np.linspace(-0.12, 0.12, len(d)) if len(d) > 1 else np.zeros(len(d))
        ax.scatter(k + jitter, d, color=color, alpha=0.8, zorder=3)
        if len(d):
            med = float(np.median(d))
            ax.plot([k - 0.25, k + 0.25], [med, med], color="black", linewidth=2)
    ax.set_xticks([0, 1], names)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylabel(ylabel or (text(f"col.{measure}", lang) if has(f"col.{measure}") else measure))
    ax.set_title(title or "")
    return ax


