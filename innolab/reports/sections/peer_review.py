"""The peer-review workshop report."""

from __future__ import annotations

import pandas as pd

from ...data.study import Study
from .. import fmt, plots
from ..section import Section, guarded
from ..tables import format_value
from ..texts import label, t

__all__ = ["peer_review_report", "learning_table_text"]

#: The columns of the learning table as the report saves it (``peer_review_learning.csv``).
LEARNING_COLUMNS = ["learner", "teacher", "practice_id", "practice", "teacher_mean",
                    "learner_mean", "difference", "p_adjusted", "clear", "notes"]


def learning_table_text(learn: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The learning table for readers: group labels and the practice in the language.

    Parameters
    ----------
    learn : pandas.DataFrame
        The table of :func:`innolab.analysis.peer_review.learning_table` (group codes, both
        practice names).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    pandas.DataFrame
        :data:`LEARNING_COLUMNS`: ``learner`` and ``teacher`` are the groups' labels and
        ``practice`` the practice's name in the language (the study's ``practice_<lang>``),
        sorted by learner label, the largest difference first within each learner.
    """
    out = learn.copy()
    out["learner"] = [label("peer_group", g, lang) for g in out["learner"]]
    out["teacher"] = [label("peer_group", g, lang) for g in out["teacher"]]
    out["practice"] = out[f"practice_{lang}"]
    out = out.reindex(columns=LEARNING_COLUMNS)
    return out.sort_values(["learner", "difference"], ascending=[True, False],
                           kind="stable").reset_index(drop=True)


@guarded("common.peer_review")
def peer_review_report(study: Study, lang: str = "en", *, groups=("helsinki", "uusimaa_leader"),
                       n_boot: int = 2000, seed: int = 0) -> Section:
    """The peer-review workshop report: practice by practice, who leads, what to learn.

    Parameters
    ----------
    study : Study
        The study, with a ``peer_review`` table.
    lang : {"en", "fi"}
        The language.
    groups : tuple of two str
        The groups compared.
    n_boot : int
        Bootstrap resamples for the intervals.
    seed : int
        Random seed.

    Returns
    -------
    Section
    """
    from innolab.analysis import peer_review

    sec = Section()
    comp = peer_review.compare_practices(study, groups, n_boot=n_boot, seed=seed)
    g1, g2 = groups
    l1, l2 = (label("peer_group", g, lang) for g in groups)
    pr = study.peer_review
    n_orgs = {g: pr.loc[pr["group"] == g, "organisation"].nunique() for g in groups}
    sec.heading(t("peer_review.practices_heading", lang))
    min_p = comp.attrs["min_p"]
    sec.say(t("peer_review.rated", lang,
              first=t("peer_review.organisations_of", lang, count=n_orgs[g1], group=l1),
              second=t("peer_review.organisations_of", lang, count=n_orgs[g2], group=l2),
              practices=t("peer_review.practices", lang, count=len(comp))),
            t("peer_review.test", lang),
            t("peer_review.min_p", lang, min_p=fmt.num(min_p, lang, 2)) if min_p >= 0.05
            else "",
            t("peer_review.untested", lang) if comp["p_value"].isna().any() else "")
    sec.figure("peer_review", plots.peer_review_chart(comp, lang),
               alt=t("figure.peer_review", lang))
    col = f"practice_{lang}"  # the study's own bilingual column

    def _ci(g, r):
        return f"{fmt.num(r[f'mean_{g}'], lang)} ({fmt.num(r[f'lo_{g}'], lang)}–" \
               f"{fmt.num(r[f'hi_{g}'], lang)})"

    shown = pd.DataFrame({
        t("peer_review.col.practice", lang): comp[col],
        t("peer_review.col.n", lang, group=l1): [format_value(v, "count", lang)
                                                 for v in comp[f"n_{g1}"]],
        t("peer_review.col.mean_interval", lang, group=l1): [
            _ci(g1, r) for _, r in comp.iterrows()],
        t("peer_review.col.n", lang, group=l2): [format_value(v, "count", lang)
                                                 for v in comp[f"n_{g2}"]],
        t("peer_review.col.mean_interval", lang, group=l2): [
            _ci(g2, r) for _, r in comp.iterrows()],
        t("peer_review.col.difference", lang): [format_value(v, "signed", lang)
                                                for v in comp["difference"]],
        t("peer_review.col.p_value", lang): [format_value(v, ("index", 3), lang)
                                             for v in comp["p_value"]],
        t("peer_review.col.p_adjusted", lang): [format_value(v, ("index", 3), lang)
                                                for v in comp["p_adjusted"]],
        t("peer_review.col.rank_biserial", lang): [format_value(v, "index", lang)
                                                   for v in comp["rank_biserial"]],
    })
    sec.table("peer_review_comparison", comp, shown, index=False)

    sec.heading(t("peer_review.leads_heading", lang), 3)
    for g, lab in ((g1, l1), (g2, l2)):
        lead = comp[(comp["leader"] == g) & (comp["difference"].abs() >= 0.5)]
        lead = lead.reindex(lead["difference"].abs().sort_values(ascending=False).index)
        items = [t("peer_review.lead_item", lang, practice=r[col],
                   difference=fmt.num(abs(r["difference"]), lang, 1))
                 for _, r in lead.iterrows()]
        sec.say(t("peer_review.leads", lang, group=lab,
                  items=fmt.join(items, lang) if items else t("peer_review.no_lead", lang)))
    learn = learning_table_text(peer_review.learning_table(comp, study), lang)
    sec.heading(t("peer_review.learn_heading", lang))
    if learn.empty:
        sec.say(t("peer_review.no_learning", lang))
    else:
        sec.say(t("peer_review.learning_intro", lang))
        shown = pd.DataFrame({
            t("peer_review.col.learner", lang): learn["learner"],
            t("peer_review.col.teacher", lang): learn["teacher"],
            t("peer_review.col.practice", lang): learn["practice"],
            t("peer_review.col.difference", lang): [format_value(v, "signed", lang)
                                                    for v in learn["difference"]],
            t("peer_review.col.notes", lang): learn["notes"],
        })
        sec.table("peer_review_learning", learn, shown, index=False)
    return sec
