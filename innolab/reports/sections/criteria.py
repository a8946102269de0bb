"""Report sections on the criteria scores: the area profile's criteria part and the study report."""

from __future__ import annotations

import pandas as pd

from ...analysis import criteria as _criteria
from ...analysis.agreement import agreement
from ...data.study import Study
from ...errors import InnolabError
from .. import fmt, plots
from ..criteria_text import dimension_names, factor_label, stage_label, support_plan_table
from ..section import Section, guarded
from ..tables import full_table_note, shown_table
from ..texts import t, wave_name
from .common import dim_name


def _flags(flags: str, lang: str) -> str:
    return ", ".join(t(f"criteria.flag.{f}", lang) for f in flags.split(";"))


@guarded("common.criteria")
def area_criteria(study: Study, area_id: str, lang: str = "en", *, n: int = 1000,
                  seed: int = 0) -> Section:
    """The criteria section of the area profile.

    The area's stage with its probability and rank interval (:func:`innolab.criteria.uncertainty`),
    its dimension profile with bootstrap intervals, the gap between self and external assessment,
    and the support plan for its weakest dimensions.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    n : int
        Monte Carlo draws and bootstrap resamples.
    seed : int
        Random seed (same seed, same numbers).

    Returns
    -------
    Section
    """
    sec = Section().heading(t("common.criteria", lang))
    name = study.area(area_id)["name"]
    self_rows = study.assessments[(study.assessments["assessor"] == "self")
                                  & (study.assessments["area_id"] == area_id)]
    if self_rows["score"].notna().sum() == 0:
        return sec.say(t("criteria.no_self_assessment", lang, name=name))
    unc = _criteria.uncertainty(study, n=n, seed=seed)
    di = _criteria.dimension_intervals(study, area_id, n=n, seed=seed)
    plan = support_plan_table(_criteria.support_plan(study, area_id), study.criteria, lang)
    row = unc.set_index("area_id").loc[area_id]
    wave = int(di["wave"].iloc[0])
    stage = row["stage"]
    sec.say(t("criteria.area_stage", lang, wave=wave_name(study, wave, lang),
              n=int(row["n_respondents"]), name=name, stage=stage_label(stage, lang),
              p=fmt.pct(row[f"p_{stage}"], lang), index=fmt.num(row["index_scale"], lang),
              range=(f"{fmt.num(row['index_scale_p05'], lang)}–"
                     f"{fmt.num(row['index_scale_p95'], lang)}"),
              rank=int(row["nominal_rank"]), n_areas=len(unc),
              ranks=f"{int(row['rank_p05'])}–{int(row['rank_p95'])}"))
    sec.say(t("criteria.stage_firmness", lang))
    sec.figure("criteria_profile", plots.dimension_profile(di, area_id, lang=lang,
                                                           criteria=study.criteria),
               alt=t("figure.criteria_profile", lang))
    shown = di.assign(dimension=[dim_name(study.criteria, d, lang) for d in di["dimension_id"]])
    sec.table("criteria_profile", di, shown_table(
        shown, {"dimension": "text", "score": "score", "ci": "score", "study_mean": "score"},
        lang, topic="criteria", intervals={"ci": ("ci_low", "ci_high")}), index=False)

    try:
        gaps = _criteria.self_vs_external(study)
    except InnolabError:
        gaps = pd.DataFrame()
    gaps = gaps[gaps["area_id"] == area_id] if len(gaps) else gaps
    if len(gaps):
        sec.heading(t("criteria.self_external_heading", lang), 3)
        dims = gaps[(gaps["dimension_id"] != "all") & (gaps["direction"] != "aligned")
                    & gaps["gap"].notna()]
        if len(dims):
            parts = [f"{dim_name(study.criteria, r.dimension_id, lang)} "
                     f"({'+' if r.gap > 0 else '−'}{fmt.num(abs(r.gap), lang)})"
                     for r in dims.itertuples()]
            sec.say(t("criteria.self_external_gaps", lang, parts=fmt.join(parts, lang)))
        else:
            sec.say(t("criteria.self_external_aligned", lang))
        sec.figure("self_vs_external", plots.self_external_gaps(gaps, area_id, lang=lang,
                                                                criteria=study.criteria),
                   alt=t("figure.self_vs_external", lang))
        sec.table("self_vs_external", gaps, _gaps_shown(gaps, study, lang), index=False)
    else:
        sec.say(t("criteria.no_external", lang))

    if len(plan):
        sec.heading(t("criteria.support_heading", lang), 3)
        weakest = plan.drop_duplicates("dimension_id")
        dims = fmt.join([f"{dim_name(study.criteria, r.dimension_id, lang)} "
                         f"({fmt.num(r.score, lang)})" for r in weakest.itertuples()], lang)
        support = fmt.join(list(dict.fromkeys(plan["support"])), lang)
        sec.say(t("criteria.support_summary", lang, dims=dims, support=support.lower()))
        sec.table("support_plan", plan, shown_table(
            plan, {"priority": "count", "dimension": "text", "score": "score",
                   "study_mean": "score", "support": "text", "hours_received": ("index", 1),
                   "criteria_text": "text"}, lang, topic="criteria"), index=False)
    return sec


def _gaps_shown(gaps: pd.DataFrame, study: Study, lang: str, areas: bool = False
                ) -> pd.DataFrame:
    """The self-vs-external table for readers: dimensions named, direction labelled, the gap
    signed (with the area's name when the table holds several areas)."""
    names = study.areas.set_index("area_id")["name"]
    shown = gaps.assign(
        name=names.reindex(gaps["area_id"]).to_numpy(),
        dimension=[t("criteria.col.all", lang) if d == "all" else dim_name(study.criteria, d, lang)
                   for d in gaps["dimension_id"]])
    kinds = {"name": "text"} if areas else {}
    kinds |= {"dimension": "text", "self": "score", "external": "score", "gap": "signed",
              "direction": ("key", "criteria.direction"), "n_self": "count",
              "n_external": "count"}
    return shown_table(shown, kinds, lang, topic="criteria")


@guarded("common.criteria")
def study_criteria(study: Study, lang: str = "en", *, n: int = 1000, n_sobol: int = 512,
                   seed: int = 0) -> Section:
    """The study-level criteria report: scores, rank intervals, agreement, items, sensitivity.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.
    n : int
        Monte Carlo draws for the rank intervals.
    n_sobol : int
        Base sample size of the Sobol design.
    seed : int
        Random seed.

    Returns
    -------
    Section
    """
    sec = Section()
    scores = _criteria.score(study)
    dims = [d for d in dimension_names(study.criteria, lang).index if d in scores.columns]
    sec.heading(t("criteria.scores_heading", lang))
    counts = scores["stage"].value_counts()
    parts = [t("criteria.stage_count", lang, stage=stage_label(s, lang),
               n=int(counts.get(s, 0))) for s in _criteria.MATURITY_STAGES]
    top = scores.sort_values("rank").iloc[0]
    sec.say(t("criteria.scores_summary", lang, count=len(scores), parts=fmt.join(parts, lang),
              top=top["name"], index=fmt.num(top["index_scale"], lang)))
    shown = scores.assign(stage=[stage_label(s, lang) for s in scores["stage"]])
    sec.table("criteria_scores", scores, shown_table(
        shown, {"name": "text", "n_respondents": "count", "index_scale": "score",
                "rank": "count", "stage": "text", **dict.fromkeys(dims, "score")}, lang,
        topic="criteria", names={d: d for d in dims}), index=False)
    sec.say(full_table_note("criteria_scores", lang))

    unc = _criteria.uncertainty(study, n=n, seed=seed)
    sec.heading(t("criteria.ranking_heading", lang), 3)
    wide = unc[(unc["rank_p95"] - unc["rank_p05"]) >= 3]
    sec.say(t("criteria.ranking_monte_carlo", lang, n=n),
            t("criteria.ranking_uncertain", lang, names=fmt.join(list(wide["name"]), lang))
            if len(wide) else t("criteria.ranking_stable", lang))
    sec.figure("rank_intervals", plots.rank_intervals(unc, lang=lang),
               alt=t("figure.rank_intervals", lang))
    shown = unc.assign(stage=[stage_label(s, lang) for s in unc["stage"]])
    sec.table("rank_intervals", unc, shown_table(
        shown, {"name": "text", "nominal_rank": "count", "rank_interval": "count",
                "index_scale": "score", "index_interval": "score", "stage": "text",
                "p_early": "share", "p_developing": "share", "p_mature": "share"}, lang,
        topic="criteria", intervals={"rank_interval": ("rank_p05", "rank_p95"),
                                     "index_interval": ("index_scale_p05", "index_scale_p95")}),
        index=False)
    sec.say(full_table_note("rank_intervals", lang))

    agree = agreement(study)
    sec.heading(t("criteria.agreement_heading", lang))
    overall = agree[agree["dimension_id"] == "all"]
    low = overall[overall["kripp_alpha"] < 0.4]
    names = study.areas.set_index("area_id")["name"]
    sec.say(t("criteria.agreement_intro", lang),
            t("criteria.agreement_low", lang,
              areas=fmt.join(list(names[low["area_id"]]), lang)) if len(low) else "")
    pivot = agree.pivot_table(index="area_id", columns="dimension_id", values="rwg_j")
    shown = pivot.join(overall.set_index("area_id")[["n_respondents", "kripp_alpha"]])
    shown.index = [names.get(a, a) for a in shown.index]
    shown.index.name = "name"
    sec.table("agreement", agree, shown_table(
        shown, {**dict.fromkeys(pivot.columns, "score"), "n_respondents": "count",
                "kripp_alpha": "score"}, lang, topic="criteria", index="text",
        names={d: t("criteria.col.all", lang) if d == "all" else d for d in pivot.columns}),
        index=True)

    items = _criteria.item_analysis(study)
    sec.heading(t("criteria.items_heading", lang))
    flagged = items[items["flags"].astype(str) != ""]
    listed = fmt.join([f"{r.criterion_id} ({_flags(r.flags, lang)})"
                       for r in flagged.itertuples()], lang)
    sec.say(t("criteria.items_intro", lang),
            t("criteria.items_flagged", lang, listed=listed) if len(flagged)
            else t("criteria.items_none", lang))
    shown = items.assign(flags=[_flags(f, lang) if f else ""
                                for f in items["flags"].fillna("").astype(str)])
    sec.table("item_analysis", items, shown_table(
        shown, {"criterion_id": "id", "n_answers": "count", "missing_share": "share",
                "mean": "score", "sd": "score", "icc1": "score", "item_rest_r": "score",
                "alpha_if_deleted": "score", "flags": "text"}, lang, topic="criteria"),
        index=False)
    sec.say(full_table_note("item_analysis", lang))

    sens = _criteria.sensitivity(study, n=n_sobol, seed=seed)
    sec.heading(t("criteria.sensitivity_heading", lang))
    lead = sens.sort_values("ST", ascending=False).iloc[0]
    if lead["ST"] < 0.01:
        sec.say(t("criteria.sensitivity_none", lang))
    else:
        sec.say(t("criteria.sensitivity_lead", lang,
                  factor=factor_label(lead["factor"], lang).lower(),
                  st=fmt.num(lead["ST"], lang)))
    sec.figure("sensitivity", plots.sobol_bars(sens, lang=lang), alt=t("figure.sensitivity", lang))
    shown = sens.assign(factor=[factor_label(f, lang) for f in sens["factor"]])
    sec.table("sensitivity", sens, shown_table(
        shown, {"factor": "text", "S1": ("index", 3), "S1_interval": ("index", 3),
                "ST": ("index", 3), "ST_interval": ("index", 3)}, lang, topic="criteria",
        intervals={"S1_interval": ("S1_low", "S1_high"), "ST_interval": ("ST_low", "ST_high")}),
        index=False)

    try:
        gaps = _criteria.self_vs_external(study)
    except InnolabError:
        gaps = pd.DataFrame()
    if len(gaps):
        sec.heading(t("criteria.self_external_heading", lang))
        sec.figure("self_vs_external", plots.self_external_gaps(
            gaps, lang=lang, criteria=study.criteria,
            area_names=study.areas.set_index("area_id")["name"].to_dict()),
                   alt=t("figure.self_vs_external_areas", lang))
        sec.table("self_vs_external", gaps, _gaps_shown(gaps, study, lang, areas=True),
                  index=False)
    return sec
