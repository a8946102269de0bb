"""Report sections on mobilisation: the area headline, the area report and the study overview.

Every sentence comes from the text catalogue (``innolab/resources/texts/mobilisation.yaml``); the
analysis (:mod:`innolab.analysis.mobilisation`) gives numbers and note codes, which
:func:`innolab.reports.notes.note_text` words.
"""

from __future__ import annotations

import pandas as pd

from ...analysis import mobilisation as mb
from ...data.study import Study
from ...stats.suppression import hide_with, suppress_counts
from .. import fmt, plots
from ..notes import note_text
from ..section import Section, guarded
from ..tables import full_table_note, shown_table
from ..texts import has, label, t, wave_name, wave_names
from .common import dim_name

__all__ = ["headline_sentences", "profile_mobilisation_headline", "area_mobilisation",
           "study_mobilisation", "association_notes"]


def headline_sentences(study: Study, area_id: str, lang: str = "en") -> list[str]:
    """The headline numbers of :func:`innolab.analysis.mobilisation.headline` as short sentences.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    list of str
    """
    h = mb.headline(study, area_id)
    if h["mobilised"] == 0:
        return [t("mobilisation.headline.nobody_active", lang)]
    first, last = wave_name(study, h["first_wave"], lang), wave_name(study, h["last_wave"], lang)
    out = []
    if h["waves"] == 1:
        out.append(t("mobilisation.headline.one_wave", lang, wave=first,
                     active=fmt.count(h["active_last"])))
    else:
        out.append(t("mobilisation.headline.active", lang, first=fmt.count(h["active_first"]),
                     first_wave=first, last=fmt.count(h["active_last"]), last_wave=last,
                     mobilised=fmt.count(h["mobilised"])))
        ret = h["retention_last"]
        retention = (fmt.pct(ret, lang) if ret is not None
                     else t("mobilisation.headline.no_retention", lang))
        out.append(t("mobilisation.headline.last_wave", lang, new=fmt.count(h["new_last"]),
                     returned=fmt.count(h["returned_last"]),
                     lapsed=fmt.count(h["lapsed_last"]), retention=retention))
    share = h["target_group_share_last"]
    if share is not None:
        out.append(t("mobilisation.headline.target_groups", lang, share=fmt.pct(share, lang)))
    return out


@guarded("common.mobilisation")
def profile_mobilisation_headline(study: Study, area_id: str, lang: str = "en",
                                  link: str | None = "index") -> Section:
    """The mobilisation headline of the area profile, with a link to the area's other reports.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    link : str, optional
        ``"index"`` (default): a link to the area's card in the run's ``index.html``, which lists
        the reports that were actually written (the mobilisation report among them when it ran);
        any other string is used as the link target; None: no link.

    Returns
    -------
    Section
    """
    sec = Section().heading(t("common.mobilisation", lang))
    sec.say(*headline_sentences(study, area_id, lang))
    if link == "index":
        link = f"../index.html#area-{area_id}"
    if link:
        sec.say(t("mobilisation.headline.link", lang, link=link))
    return sec


def association_notes(sc: mb.SupportChange) -> list[mb.Note | None]:
    """The note of each row of ``sc.associations`` (None where a row has none).

    Parameters
    ----------
    sc : innolab.analysis.mobilisation.SupportChange
        From :func:`innolab.analysis.mobilisation.support_vs_change`.

    Returns
    -------
    list of Note or None
        One per row, in order; the values are those the row's code needs.
    """
    out = []
    for row in sc.associations.itertuples(index=False):
        values = {"mobilisation.assoc.too_few": {"n": int(row.n)},
                  "mobilisation.assoc.few_resamples": {"n_defined": int(row.n_defined),
                                                       "n_boot": int(sc.n_boot)}}
        out.append(mb.Note(row.note, values.get(row.note, {})) if row.note else None)
    return out


def _predictor(code: str, lang: str) -> str:
    """``hours`` (all support) or ``hours_<support type>`` as readers name it."""
    if code == "hours":
        return t("mobilisation.predictor.hours", lang)
    return label("support_type", code.removeprefix("hours_"), lang)


def _outcome(code: str, study: Study, lang: str) -> str:
    """``active_change`` or ``<dimension>_change`` as readers name it."""
    if code == "active_change":
        return t("col.active_change", lang)
    return t("mobilisation.outcome", lang,
             dimension=dim_name(study.criteria, code.removesuffix("_change"), lang))


def _associations_tables(sc: mb.SupportChange, lang: str, study: Study
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CSV table of the associations (its ``note`` column in English, as it always was) and
    the rows shown to the reader (the overall hours and the support that fits a dimension, the
    note in the reader's language)."""
    notes = association_notes(sc)
    # the CSV keeps plain numbers in its English notes (no thousands space), byte for byte
    english = [t(n.code, "en", **{k: str(v) for k, v in n.values.items()}) if n else ""
               for n in notes]
    data = sc.associations.drop(columns="n_defined").assign(note=english)
    # each name once: a row per predictor and outcome repeats them many times
    predictors = {p: _predictor(p, lang) for p in dict.fromkeys(data["predictor"])}
    outcomes = {o: _outcome(o, study, lang) for o in dict.fromkeys(data["outcome"])}
    shown = data.assign(note=[note_text(n, lang) if n else "" for n in notes],
                        predictor=data["predictor"].map(predictors),
                        outcome=data["outcome"].map(outcomes))
    fits = sc.associations["fits_dimension"] | (sc.associations["predictor"] == "hours")
    shown = shown[fits.to_numpy()]
    return data, shown_table(shown, {"predictor": "text", "outcome": "text", "n_areas": "count",
                                     "slope": "score", "slope_interval": "score",
                                     "r": "score", "note": "text"}, lang,
                             intervals={"slope_interval": ("slope_lower", "slope_upper")})


#: The inclusion table's counts of individuals → the shares each of them gives away.
_INCLUSION_COUNTS = {"active": ["active_share"], "new": ["new_share"], "base": ["base_share"],
                     "active_total": ["active_share"], "new_total": ["new_share"],
                     "base_total": ["base_share"]}


def _inclusion_safe(inc: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The inclusion table with small counts suppressed, and its numbers for the figure (the
    hidden shares NaN, drawn as gaps)."""
    safe = hide_with(inc, suppress_counts(inc, list(_INCLUSION_COUNTS), threshold),
                     _INCLUSION_COUNTS, threshold)
    drawn = inc.copy()
    for c in ("active_share", "new_share", "base_share"):
        drawn[c] = drawn[c].where(safe[c] != "x")
    return safe, drawn


@guarded("mobilisation.who_joins")
def area_mobilisation(study: Study, area_id: str, lang: str = "en", *, n_boot: int = 2000,
                      seed: int = 0, suppress: int | None = 5) -> Section:
    """The per-area mobilisation report: flows, funnel, growth curve, inclusion, support.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    n_boot : int
        Bootstrap resamples of the support–change associations.
    seed : int
        Seed of the bootstrap.
    suppress : int or None
        Counts of 1 … suppress − 1 individuals by target group (the inclusion table) are shown as
        ``<suppress`` and the shares that would give them away as ``x`` (gaps in the figure);
        None (internal reports) shows them exactly.

    Returns
    -------
    Section
    """
    wl = wave_names(study, lang)
    sec = Section().heading(t("mobilisation.who_joins", lang))
    sec.say(*headline_sentences(study, area_id, lang))
    flows = mb.flows(study, area_id)
    sec.figure("flows", plots.flows_chart(flows, lang=lang, wave_labels=wl),
               alt=t("figure.flows", lang))
    flow_kinds = {"wave": "text", "active": "count", "new": "count", "retained": "count",
                  "returned": "count", "lapsed": "count"}
    sec.table("flows", flows, shown_table(flows.assign(wave=flows["wave"].map(wl)), flow_kinds,
                                          lang), index=False)
    by_sector = mb.flows(study, area_id, by="sector")
    if len(study.wave_ids) and by_sector["active"].sum():
        sec.figure("flows_by_sector", plots.flows_by_sector(by_sector, lang=lang,
                                                             wave_labels=wl),
                   alt=t("figure.flows_by_sector", lang))
    sec.table("flows_by_sector", by_sector, shown_table(
        by_sector.assign(wave=by_sector["wave"].map(wl)),
        {"wave": "text", "sector": ("code", "sector"), **flow_kinds}, lang), index=False)

    sec.heading(t("mobilisation.funnel_heading", lang), 3)
    funnel = mb.funnel(study, area_id)
    totals = funnel.groupby("wave")[["participants", "organisers", "kehra_members"]].sum()
    if len(totals):
        last = totals.iloc[-1]
        sec.say(t("mobilisation.funnel_last_wave", lang,
                  participants=fmt.count(last["participants"]),
                  organisers=fmt.count(last["organisers"]),
                  kehra=fmt.count(last["kehra_members"])))
    sec.table("funnel", funnel, shown_table(
        funnel.assign(wave=funnel["wave"].map(wl)),
        {"wave": "text", "sector": ("code", "sector"), "active": "count",
         "participants": "count", "organisers": "count", "kehra_members": "count"}, lang),
        index=False)

    sec.heading(t("mobilisation.curve_heading", lang), 3)
    curve = mb.mobilisation_curve(study, area_id)
    sec.figure("mobilisation_curve", plots.mobilisation_curve_plot(curve, lang=lang,
                                                                    wave_labels=wl),
               alt=t("figure.mobilisation_curve", lang))
    if curve.fit is None:
        sec.say(note_text(curve.note, lang))
    else:
        sec.say(*[note_text(n, lang) for n in curve.fit.notes])
        params = curve.fit.params.assign(parameter=[
            t(f"mobilisation.param.{q}", lang) if has(f"mobilisation.param.{q}") else q
            for q in curve.fit.params["parameter"]])
        sec.table("mobilisation_fit", curve.fit.params, shown_table(
            params, {"parameter": "text", "estimate": ("index", 3),
                               "se": ("index", 3), "estimate_interval": ("index", 3)}, lang,
            intervals={"estimate_interval": ("lower", "upper")}), index=False)
        sec.table("mobilisation_forecast", curve.fit.forecast, shown_table(
            curve.fit.forecast, {"t": ("index", 1), "fitted": ("index", 1),
                                 "interval": ("index", 1), "pred_interval": ("index", 1)},
            lang, intervals={"interval": ("lower", "upper"),
                             "pred_interval": ("pred_lower", "pred_upper")}), index=False)

    sec.heading(t("mobilisation.target_groups_heading", lang), 3)
    inc = mb.inclusion(study, area_id)
    safe, drawn = (inc, inc) if suppress is None else _inclusion_safe(inc, suppress)
    anyrow = inc[inc["target_group"] == mb.ANY_TARGET_GROUP]
    if len(anyrow) and anyrow["active_total"].iloc[-1]:
        r = safe.loc[anyrow.index[-1]]
        sec.say(t("mobilisation.inclusion_last_wave", lang,
                  active_share=_share(r["active_share"], lang),
                  base_share=_share(r["base_share"], lang)))
        sec.figure("inclusion", plots.inclusion_plot(drawn, lang=lang, wave_labels=wl),
                   alt=t("figure.inclusion", lang))
    else:
        sec.say(t("mobilisation.no_active_individuals", lang))
    groups = safe["target_group"].astype(object).where(
        safe["target_group"] != mb.ANY_TARGET_GROUP)
    sec.table("inclusion", safe, shown_table(
        safe.assign(wave=safe["wave"].map(wl), target_group=[
            label("target_group", g, lang) if isinstance(g, str)
            else t("mobilisation.plot.any_target_group", lang) for g in groups]),
        {"wave": "text", "target_group": "text", "active": "count", "new": "count",
         "base": "count", "active_share": "share", "new_share": "share", "base_share": "share"},
        lang), index=False)
    sec.say(full_table_note("inclusion", lang, area_id))
    if suppress is not None:
        sec.note(t("profile.suppressed_note", lang, threshold=fmt.count(suppress)))

    sec.heading(t("mobilisation.support_heading", lang), 3)
    sc = mb.support_vs_change(study, n_boot=n_boot, seed=seed)
    panel = sc.panel[sc.panel["area_id"] == area_id]
    hours = float(panel["hours"].sum()) if len(panel) else 0.0
    sec.say(t("mobilisation.support_hours", lang, hours=fmt.num(hours, lang, 1)),
            t(sc.caution, lang))
    sec.table("support_panel", panel, shown_table(
        panel.assign(period=[t("mobilisation.period", lang, first=wl.get(a, a), last=wl.get(b, b))
                             for a, b in zip(panel["change_from"], panel["change_to"],
                                             strict=True)]),
        {"period": "text", "hours": ("index", 1), "active_before": "count",
         "active_after": "count", "active_change": ("signed", 0)}, lang), index=False)
    sec.say(full_table_note("support_panel", lang, area_id))
    data, shown = _associations_tables(sc, lang, study)
    sec.table("support_associations", data, shown, index=False)
    return sec


def _share(value, lang: str) -> str:
    """A share as shown: a percentage, or the mark of a hidden value."""
    return value if isinstance(value, str) else fmt.pct(value, lang)


@guarded("mobilisation.selected_vs_other_heading")
def study_mobilisation(study: Study, lang: str = "en") -> Section:
    """Selected areas compared with the others: growth, retention, inclusion and support.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    Section
    """
    sec = Section().heading(t("mobilisation.selected_vs_other_heading", lang))
    summ = mb.area_summary(study)
    groups = mb.compare_groups(summ)
    g = groups.set_index(["measure", "group"])
    if ("active_change", "selected") in g.index and ("active_change", "other") in g.index:
        sel, oth = g.loc[("active_change", "selected")], g.loc[("active_change", "other")]
        sec.say(t("mobilisation.selected_vs_other", lang, n_selected=fmt.count(sel["areas"]),
                  mean_selected=fmt.num(sel["mean"], lang, 1), n_other=fmt.count(oth["areas"]),
                  mean_other=fmt.num(oth["mean"], lang, 1)))
    else:
        sec.say(t("mobilisation.comparison_needs_both", lang))
    for measure in ("active_change", "retention", "target_group_share"):
        if summ[measure].notna().any():
            sec.figure(f"selected_vs_other_{measure}",
                       plots.selected_vs_other(summ, measure, lang=lang),
                       alt=t("figure.selected_vs_other", lang))
    names = study.areas.set_index("area_id")["name"]
    sec.table("area_mobilisation", summ, shown_table(
        summ.assign(name=names[summ["area_id"]].to_numpy()),
        {"name": "text", "role": ("code", "area_role"), "active_first": "count",
         "active_last": "count", "active_change": ("signed", 0), "mobilised": "count",
         "retention": "share", "target_group_share": "share",
         "support_hours": ("index", 1)}, lang), index=False)
    sec.say(full_table_note("area_mobilisation", lang))
    sec.table("selected_vs_other", groups, shown_table(
        groups, {"measure": ("key", "col"), "group": ("key", "mobilisation.group"),
                 "areas": "count", "n": "count", "mean": ("index", 2), "median": ("index", 2),
                 "min": ("index", 2), "max": ("index", 2)}, lang), index=False)
    return sec
