"""The evidence pack for a Central Baltic application, as a report section.

The pack is built once (:func:`innolab.evidence.pack.build_pack`); its tables in the reader's
language come from :func:`innolab.reports.evidence_views.pack_tables`, the same tables the
workbook (:func:`innolab.reports.evidence_views.write_workbook`) holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...data import vocab
from ...data.study import Study
from ...errors import InnolabError
from ...evidence.pack import Pack, build_pack
from .. import fmt, plots
from ..evidence_views import pack_tables, write_workbook
from ..section import Section, guarded
from ..texts import t, wave_name

__all__ = ["evidence_pack", "evidence_workbook", "pack_or_none"]


def _count(v) -> str:
    """A count of the indicator table as a reader sees it (a suppression mark stays a mark)."""
    if isinstance(v, str):
        return v
    if v is None or pd.isna(v):
        return "—"
    return fmt.count(v)


def _mean_with_interval(r, lang: str) -> str:
    if isinstance(r["active_change"], str):
        return r["active_change"]
    mean = fmt.num(r["active_change"], lang, 1)
    if not np.isfinite(r["active_change_lo"]):
        return mean
    return t("evidence.mean_with_interval", lang, mean=mean,
             lo=fmt.num(r["active_change_lo"], lang, 1),
             hi=fmt.num(r["active_change_hi"], lang, 1))


@guarded("common.evidence")
def evidence_pack(study: Study, lang: str = "en", *, pack: Pack | None = None,
                  threshold: int = 5, n_boot: int = 2000, seed: int = 0) -> Section:
    """The evidence pack for a Central Baltic application: indicators, logic, change, pipeline.

    Every count of individuals is suppressed from 1 to ``threshold − 1`` (shown as
    ``"<threshold"``; a part that would give a suppressed one away by subtraction as ``x``).
    Figures are saved at 300 dpi for print. The section's tables are also what
    :func:`innolab.reports.evidence_views.write_workbook` puts in ``evidence.xlsx``.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.
    pack : Pack, optional
        The pack, built once by :func:`innolab.evidence.pack.build_pack` (then ``threshold``,
        ``n_boot`` and ``seed`` are the pack's own); built here when not given.
    threshold : int
        Small-count threshold for people (default 5).
    n_boot : int
        Bootstrap resamples for the intervals of change.
    seed : int
        Random seed.

    Returns
    -------
    Section
    """
    if pack is None:
        pack = build_pack(study, threshold=threshold, n_boot=n_boot, seed=seed)
    threshold = pack.threshold
    tables = pack_tables(pack, lang)
    sec = Section(dpi=300)
    names = study.areas.set_index("area_id")["name"].to_dict()
    sel_names = [names[a] for a in pack.areas]
    w0, w1 = study.wave_ids[0], study.wave_ids[-1]
    period = f"{wave_name(study, w0, lang)} – {wave_name(study, w1, lang)}"

    def table(name):
        item = tables[name]
        sec.table(item.name, item.data, item.shown, index=item.index)

    # 1 indicators
    ind = pack.indicators.set_index("indicator")
    sec.heading(t("evidence.heading.indicators", lang))
    sec.say(t("evidence.coverage" if pack.marked else "evidence.coverage_unmarked", lang,
              n_areas=fmt.count(len(study.areas)), period=period,
              areas=fmt.join(sel_names, lang)),
            t("evidence.across_study", lang,
              cross_border=_count(ind.at["rco87_orgs_cross_border", "value"]),
              cross_border_baseline=_count(ind.at["rco87_orgs_cross_border", "baseline"]),
              pilots=_count(ind.at["rco84_pilot_actions", "value"]),
              taken_up=_count(ind.at["rcr104_solutions_taken_up", "value"])),
            t("evidence.suppression", lang, threshold=threshold))
    sec.figure("evidence_indicators",
               plots.indicator_chart(tables["evidence_indicators"].data, lang)[0].figure,
               alt=t("figure.evidence_indicators", lang))
    sec.say(t("evidence.source_note", lang, hash=study.short_hash))
    table("evidence_indicators")
    table("evidence_definitions")

    # the application form's indicator table
    sec.heading(t("evidence.heading.application", lang), 3)
    sec.say(t("evidence.application_intro", lang))
    table("evidence_application_indicators")

    # 2 programme mapping
    sec.heading(t("evidence.heading.programme", lang), 3)
    sec.say(t("evidence.programme_intro", lang))
    table("evidence_programme_mapping")

    # 3 intervention logic
    sec.heading(t("evidence.heading.logic", lang))
    sec.say(t("evidence.logic_intro", lang))
    table("evidence_intervention_logic")

    # 4 change across the selected areas
    change = pack.change
    sec.heading(t("evidence.heading.change", lang))
    s_mean = change[change["group"] == "selected_mean"]
    o_mean = change[change["group"] == "other_mean"]
    if len(s_mean) and len(o_mean) and not isinstance(s_mean.iloc[0]["active_change"], str) \
            and not isinstance(o_mean.iloc[0]["active_change"], str):
        sec.say(t("evidence.change_summary", lang,
                  selected=_mean_with_interval(s_mean.iloc[0], lang),
                  other=_mean_with_interval(o_mean.iloc[0], lang)))
    sec.figure("evidence_change", plots.change_chart(change, names, lang)[0].figure,
               alt=t("figure.evidence_change", lang))
    table("evidence_mobilisation_network_change")

    # people mobilised by target group: suppressed
    sup = tables["evidence_people_by_target_group"].data
    sec.heading(t("evidence.heading.target_groups", lang), 3)
    sec.say(t("evidence.target_groups_intro", lang))
    sec.figure("evidence_target_groups", plots.suppressed_bars(
        sup[[c for c in sup.columns if c in vocab.TARGET_GROUPS]], "target_group", lang),
               alt=t("figure.evidence_target_groups", lang))
    table("evidence_people_by_target_group")

    # 5 innovation pipeline
    sec.heading(t("evidence.heading.pipeline", lang))
    if "evidence_innovation_pipeline" not in tables:
        sec.say(t("evidence.no_innovations", lang))
    else:
        pipe = tables["evidence_innovation_pipeline"].data
        sec.say(t("evidence.pipeline_intro", lang, n=fmt.count(int(pipe.iloc[:, -1].sum())),
                  ready=fmt.count(len(pack.ready))))
        sec.figure("evidence_pipeline", plots.pipeline_chart(pipe, lang),
                   alt=t("figure.evidence_pipeline", lang))
        table("evidence_innovation_pipeline")
        if "evidence_ready_for_funding" in tables:
            sec.heading(t("evidence.heading.ready", lang), 3)
            sec.say(t("evidence.ready_intro", lang, threshold=threshold))
            table("evidence_ready_for_funding")

    # 6 cross-border partners
    partners = pack.partners
    sec.heading(t("evidence.heading.partners", lang))
    if "evidence_cross_border_partners" not in tables:
        sec.say(t("evidence.no_partners", lang))
    else:
        countries = partners["country"].value_counts()
        sec.say(t("evidence.partners_intro", lang, n=fmt.count(len(partners)),
                  countries=", ".join(f"{c} {n}" for c, n in countries.items()),
                  collaborating=fmt.count(int(partners["collaboration"].sum()))))
        table("evidence_cross_border_partners")
    return sec


def pack_or_none(study: Study, *, threshold: int = 5, n_boot: int = 2000,
                 seed: int = 0) -> Pack | None:
    """The evidence pack of a study, or None when the study cannot give one.

    A study without any wave of data, say, has no pack; the sections given ``pack=None`` then
    try to build it themselves and say why they cannot, in the reader's language.

    Parameters
    ----------
    study : Study
        The study.
    threshold, n_boot, seed
        As for :func:`innolab.evidence.pack.build_pack`.

    Returns
    -------
    Pack or None
    """
    try:
        return build_pack(study, threshold=threshold, n_boot=n_boot, seed=seed)
    except InnolabError:
        return None


@guarded("common.evidence_workbook_heading")
def evidence_workbook(study: Study, lang: str = "en", *, path, pack: Pack | None = None,
                      parameters: dict | None = None, threshold: int = 5,
                      seed: int = 0) -> Section:
    """Write ``evidence.xlsx`` (a view of the pack) and say where it is and what it holds.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.
    path : str or pathlib.Path
        The workbook to write.
    pack : Pack, optional
        The pack (built here when not given).
    parameters : dict, optional
        The parameters stated in the workbook's provenance.
    threshold, seed : int
        Used when the pack is built here.

    Returns
    -------
    Section
    """
    if pack is None:
        pack = build_pack(study, threshold=threshold, seed=seed)
    write_workbook(pack, path, lang, parameters)
    return Section().say(t("common.evidence_workbook", lang))
