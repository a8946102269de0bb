"""The steering group's selection memo."""

from __future__ import annotations

import pandas as pd

from ...analysis import criteria as _criteria
from ...data.study import Study
from .. import fmt, plots
from ..criteria_text import support_plan_table
from ..section import Section, guarded
from ..tables import format_value
from ..texts import label, t, wave_name


def _alpha_reading(alpha: float, lang: str) -> str:
    """Krippendorff (2004, §11.4): α ≥ .800 reliable; .667 ≤ α < .800 tentative conclusions."""
    if pd.isna(alpha):
        return t("selection.alpha.undefined", lang)
    if alpha >= 0.8:
        return t("selection.alpha.reliable", lang)
    if alpha >= 0.667:
        return t("selection.alpha.tentative", lang)
    return t("selection.alpha.low", lang)


def _selection_problem(study: Study, n_helsinki: int, n_outside: int, lang: str) -> str | None:
    """Why no selection can be made, for readers; None when the ratings suffice."""
    a = study.assessments
    rated = set(a.loc[(a["assessor"] == "application") & a["score"].notna(), "area_id"])
    if not rated:
        return t("selection.no_ratings", lang)
    muni = study.areas.set_index("area_id")["municipality"]
    n_in = sum(muni.get(x) == "Helsinki" for x in rated)
    parts = [t(key, lang, count=have, k=k)
             for k, have, key in ((n_helsinki, n_in, "selection.too_few_helsinki"),
                                  (n_outside, len(rated) - n_in, "selection.too_few_outside"))
             if have < k]
    if not parts:
        return None
    return t("selection.too_few_end", lang, parts=fmt.join(parts, lang))


def _short(x, lang: str) -> str:
    """A score as short as it is exact: ``4`` or ``2,5``."""
    return format_value(x, ("score", 0 if float(x).is_integer() else 1), lang)


def _yes_no(values, lang: str) -> list[str]:
    return [t("common.yes" if v else "common.no", lang) for v in values]


@guarded("common.selection")
def selection_memo(study: Study, lang: str = "en", *, n_helsinki: int = 3, n_outside: int = 1,
                   n_draws: int = 1000, seed: int = 0, weight_noise: float = 0.25) -> Section:
    """The steering group's selection memo: ranking, close calls, rater disagreement, support.

    Parameters
    ----------
    study : Study
        The study, with ``application`` ratings.
    lang : {"en", "fi"}
        The language.
    n_helsinki, n_outside : int
        Areas to select in and outside Helsinki.
    n_draws : int
        Monte Carlo draws (:func:`innolab.selection.rank_applicants`).
    seed : int
        Random seed.
    weight_noise : float
        Relative noise on the dimension weights.

    Returns
    -------
    Section
    """
    from innolab.analysis import selection

    sec = Section()
    problem = _selection_problem(study, n_helsinki, n_outside, lang)
    if problem is not None:
        return sec.heading(t("common.selection", lang)).note(problem)
    ranking = selection.rank_applicants(study, n_helsinki, n_outside, n_draws, seed,
                                        weight_noise=weight_noise)
    a = ranking.attrs
    names = study.areas.set_index("area_id")["name"].to_dict()
    roles = study.areas.set_index("area_id")["role"].to_dict()
    chosen = ranking[ranking["selected"]]
    hel = [names[x] for x in chosen.loc[chosen["in_helsinki"], "area_id"]]
    out = [names[x] for x in chosen.loc[~chosen["in_helsinki"], "area_id"]]
    sec.heading(t("selection.recommendation_heading", lang))
    sec.say(t("selection.recommendation_outside" if out else "selection.recommendation", lang,
              k=a["n_raters"], n=len(ranking), n_criteria=len(study.criteria),
              wave=wave_name(study, a["wave"], lang), helsinki=fmt.join(hel, lang),
              outside=fmt.join(out, lang)),
            t("selection.method", lang, n_draws=a["n_draws"],
              noise=f"{100 * a['weight_noise']:.0f}"))
    sec.figure("selection_ranking", plots.selection_chart(ranking, names, lang),
               alt=t("figure.selection_ranking", lang))
    shown = pd.DataFrame({
        "area": [names[x] for x in ranking["area_id"]],
        "in_helsinki": _yes_no(ranking["in_helsinki"], lang),
        "score": [format_value(v, "score", lang) for v in ranking["score"]],
        "rank": [format_value(v, "count", lang) for v in ranking["rank"]],
        "interval": [f"{lo}–{hi}" for lo, hi in zip(ranking["rank_q05"], ranking["rank_q95"],
                                                    strict=True)],
        "p_selected": [fmt.pct(p, lang) for p in ranking["p_selected"]],
        "selected": _yes_no(ranking["selected"], lang),
        "role": [label("area_role", roles.get(x), lang) if isinstance(roles.get(x), str)
                 else "—" for x in ranking["area_id"]],
    })
    sec.table("selection_ranking", ranking, _headers(shown, lang), index=False)
    recorded = {x for x, r in roles.items() if r == "selected"} & set(ranking["area_id"])
    recommended = set(chosen["area_id"])
    if recorded and recorded != recommended:
        only_rec = [names[x] for x in ranking["area_id"] if x in recommended - recorded]
        only_data = [names[x] for x in ranking["area_id"] if x in recorded - recommended]
        sec.say(t("selection.differs_from_data", lang,
                  brought_in=fmt.join(only_rec, lang) or t("common.none", lang),
                  left_out=fmt.join(only_data, lang) or t("common.none", lang)))

    calls = selection.close_calls(ranking)
    sec.heading(t("selection.close_calls_heading", lang), 3)
    if calls.empty:
        sec.say(t("selection.no_close_calls", lang))
    else:
        parts = [t("selection.close_call", lang, name=names[r.area_id],
                   p=fmt.pct(r.p_selected, lang), margin=fmt.num(r.margin, lang))
                 for r in calls.itertuples()]
        sec.say(t("selection.close_calls", lang, parts=fmt.join(parts, lang)))

    spread = selection.rater_disagreement(study, a["wave"], top=0)
    sec.heading(t("selection.raters_heading", lang))
    sec.say(t("selection.raters_alpha", lang, alpha=fmt.num(a["alpha"], lang, 3),
              reading=_alpha_reading(a["alpha"], lang)),
            t("selection.raters_map", lang) if len(spread) else "")
    if len(spread):
        sec.figure("rater_spread", plots.rater_spread(spread, names, study.criteria, lang),
                   alt=t("figure.rater_spread", lang))
        top = spread.head(10)
        crit = study.criteria.set_index("criterion_id")
        col = f"criterion_{lang}"  # the study's own bilingual column
        shown = pd.DataFrame({
            "area": [names[x] for x in top["area_id"]],
            "criterion": [f"{c} {crit.at[c, col]}" for c in top["criterion_id"]],
            "n_raters": [format_value(v, "count", lang) for v in top["n_raters"]],
            "mean": [format_value(v, "score", lang) for v in top["mean"]],
            "sd": [format_value(v, "score", lang) for v in top["sd"]],
            "range": [f"{_short(lo, lang)}–{_short(hi, lang)}"
                      for lo, hi in zip(top["min"], top["max"], strict=True)],
        })
        sec.table("rater_disagreement", spread, _headers(shown, lang), index=False)

    sec.heading(t("selection.support_heading", lang))
    sec.say(t("selection.support_intro", lang))
    plans = [support_plan_table(_criteria.support_plan(study, area_id, wave=a["wave"],
                                                       assessor="application"),
                                study.criteria, lang)
             for area_id in chosen["area_id"]]
    if plans:
        plan = pd.concat(plans, ignore_index=True)
        shown = pd.DataFrame({
            "area": [names[x] for x in plan["area_id"]],
            "dimension": plan["dimension_id"] + " " + plan["dimension"],
            "plan_score": [format_value(v, "score", lang) for v in plan["score"]],
            "study_mean": [format_value(v, "score", lang) for v in plan["study_mean"]],
            "support": plan["support"],
            "criteria_text": plan["criteria_text"],
        })
        sec.table("selection_support", plan, _headers(shown, lang), index=False)
    return sec


def _headers(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    return shown.rename(columns={c: t(f"selection.col.{c}", lang) for c in shown.columns})
