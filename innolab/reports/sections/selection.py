"""The steering group's selection memo."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...analysis import criteria as _criteria
from ...data import vocab
from ...data.study import Study
from ...errors import InnolabError
from .. import plots
from .. import fmt
from ..texts import label, labels, t
from ..section import Section
from .common import dim_name

# --------------------------------------------------------------------------------------------
# selection memo


def _alpha_reading(alpha: float, lang: str) -> str:
    """Krippendorff (2004, §11.4): α ≥ .800 reliable; .667 ≤ α < .800 tentative conclusions."""
    fi = lang == "fi"
    if pd.isna(alpha):
        return ("alfaa ei voi laskea (arvioissa ei ole vaihtelua)" if fi else
                "alpha cannot be computed (the ratings do not vary)")
    if alpha >= 0.8:
        return "luotettava (≥ 0,800)" if fi else "reliable (≥ 0.800)"
    if alpha >= 0.667:
        return ("riittää varovaisiin johtopäätöksiin (0,667–0,800)" if fi else
                "enough for tentative conclusions (0.667–0.800)")
    return ("alle Krippendorffin suosittaman rajan 0,667: arvioijat näkivät hakemukset eri tavoin"
            if fi else "below Krippendorff's recommended minimum of 0.667: the raters read the "
            "applications differently")


def _selection_problem(study: Study, n_helsinki: int, n_outside: int) -> str:
    """Why no selection can be made, in Finnish (the English text is the error message)."""
    a = study.assessments
    rated = set(a.loc[(a["assessor"] == "application") & a["score"].notna(), "area_id"])
    if not rated:
        return ("Aineistossa ei ole ohjausryhmän hakuarvioita (assessments-taulukon rivit, "
                "joiden assessor on application).")
    muni = study.areas.set_index("area_id")["municipality"]
    n_in = sum(muni.get(x) == "Helsinki" for x in rated)
    parts = []
    for k, have, where in ((n_helsinki, n_in, "Helsingistä"),
                           (n_outside, len(rated) - n_in, "Helsingin ulkopuolelta")):
        if have < k:
            parts.append(f"{where} pitäisi valita {k}, mutta hakuarvioita on vain {have} "
                         "hakijalla")
    return (fmt.join(parts, "fi") + ". Lisää puuttuvat hakuarviot tai valitse "
            "vähemmän alueita.")


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

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        ranking = selection.rank_applicants(study, n_helsinki, n_outside, n_draws, seed,
                                            weight_noise=weight_noise)
    except InnolabError as exc:
        return sec.heading(t("common.selection", lang)).say(
            _selection_problem(study, n_helsinki, n_outside) if fi else str(exc))
    a = ranking.attrs
    names = study.areas.set_index("area_id")["name"].to_dict()
    roles = study.areas.set_index("area_id")["role"].to_dict()
    chosen = ranking[ranking["selected"]]
    hel = [names[x] for x in chosen.loc[chosen["in_helsinki"], "area_id"]]
    out = [names[x] for x in chosen.loc[~chosen["in_helsinki"], "area_id"]]
    n, k = len(ranking), a["n_raters"]
    sec.heading("Suositus" if fi else "Recommendation")
    sec.say((f"Ohjausryhmän {k} arvioijaa pisteyttivät {n} hakija-aluetta kriteeristön "
             f"{len(study.criteria)} kriteerillä (hakukierros {study.wave_label(a['wave'])}). "
             f"Suositus: Helsingistä {fmt.join(hel, lang)}" +
             (f" ja Helsingin ulkopuolelta {fmt.join(out, lang)}." if out else ".")) if fi else
            (f"{k} steering-group raters scored {n} applicant areas on the "
             f"{len(study.criteria)} criteria of the set (application round "
             f"{study.wave_label(a['wave'])}). Recommended: {fmt.join(hel, lang)} in Helsinki"
             + (f" and {fmt.join(out, lang)} outside Helsinki." if out else ".")),
            (f"Pisteet ovat kriteeristön indeksi asteikolla 0–4. Epävarmuus: {a['n_draws']} "
             "Monte Carlo -toistoa, joissa arvioijat poimitaan uudelleen palauttaen ja "
             f"ulottuvuuksien painoja vaihdellaan ±{100 * a['weight_noise']:.0f} %. "
             "Väli on sijoituksen 5.–95. persentiili ja 'valittu' kertoo, kuinka suuressa osassa "
             "toistoja alue päätyi suositeltuun joukkoon." if fi else
             f"The score is the criteria index on the 0–4 scale. Uncertainty: {a['n_draws']} "
             "Monte Carlo draws that resample the raters with replacement and vary the "
             f"dimension weights by ±{100 * a['weight_noise']:.0f} %. The interval is the 5th–95th "
             "percentile of the rank; 'selected in' is the share of draws in which the area "
             "lands in the recommended set."))
    sec.figure("selection_ranking", plots.selection_chart(ranking, names, lang))
    shown = pd.DataFrame({
        ("Alue" if fi else "Area"): [names[x] for x in ranking["area_id"]],
        ("Helsingissä" if fi else "In Helsinki"): [t("common.yes" if h else "common.no", lang)
                                                   for h in ranking["in_helsinki"]],
        ("Pisteet 0–4" if fi else "Score 0–4"): ranking["score"].round(2),
        ("Sijoitus" if fi else "Rank"): ranking["rank"],
        ("Väli (5.–95. %)" if fi else "Interval (5th–95th)"): [
            f"{lo}–{hi}" for lo, hi in zip(ranking["rank_q05"], ranking["rank_q95"],
                                           strict=True)],
        ("Valittu toistoista" if fi else "Selected in"): [fmt.pct(p, lang)
                                                          for p in ranking["p_selected"]],
        ("Suositus" if fi else "Recommended"): [t("common.yes" if x else "common.no", lang)
                                                for x in ranking["selected"]],
        ("Rooli aineistossa" if fi else "Role in the data"): [
            label("area_role", roles.get(x), lang) if isinstance(roles.get(x), str)
            else "—" for x in ranking["area_id"]],
    })
    sec.table("selection_ranking", ranking, shown, index=False)
    recorded = {x for x, r in roles.items() if r == "selected"} & set(ranking["area_id"])
    recommended = set(chosen["area_id"])
    if recorded and recorded != recommended:
        only_rec = [names[x] for x in ranking["area_id"] if x in recommended - recorded]
        only_data = [names[x] for x in ranking["area_id"] if x in recorded - recommended]
        sec.say(f"Aineistossa valituiksi merkityistä poiketen suositus nostaa mukaan "
                 f"{fmt.join(only_rec, lang) or t('common.none', lang)} ja jättää pois "
                 f"{fmt.join(only_data, lang) or t('common.none', lang)}: päätöksen perustelut "
                 "kannattaa kirjata muistioon." if fi else
                 f"Unlike the areas marked as selected in the data, the recommendation brings in "
                 f"{fmt.join(only_rec, lang) or t('common.none', lang)} and leaves out "
                 f"{fmt.join(only_data, lang) or t('common.none', lang)}: the reasons for the "
                 "decision belong in the memo.")

    calls = selection.close_calls(ranking)
    sec.heading("Tiukat tapaukset" if fi else "Close calls", 3)
    if calls.empty:
        sec.say("Yksikään alue ei ole rajalla: jokainen päätyi suositeltuun joukkoon joko yli "
                "80 %:ssa tai alle 20 %:ssa toistoista." if fi else
                "No area is on the edge: every area was in the recommended set in more than "
                "80 % or fewer than 20 % of the draws.")
    else:
        parts = [f"{names[r.area_id]} ({fmt.pct(r.p_selected, lang)}, "
                 f"{'ero' if fi else 'margin'} {fmt.num(r.margin, lang)})"
                 for r in calls.itertuples()]
        sec.say((f"Epävarmat valinnat (valittu 20–80 %:ssa toistoista; ero = pisteiden ero "
                 f"ryhmän rajalla): {fmt.join(parts, lang)}. Näistä kannattaa keskustella "
                 "ennen päätöstä.") if fi else
                (f"Uncertain choices (selected in 20–80 % of the draws; margin = score "
                 f"difference at the group's cut-off): {fmt.join(parts, lang)}. These deserve "
                 "a discussion before the decision."))

    spread = selection.rater_disagreement(study, a["wave"], top=0)
    sec.heading("Arvioijien yksimielisyys" if fi else "Where the raters disagreed")
    sec.say((f"Krippendorffin alfa (järjestysasteikko) kaikkien alue × kriteeri -parien yli on "
             f"{fmt.num(a['alpha'], lang, 3)}: {_alpha_reading(a['alpha'], lang)}.") if fi else
            (f"Krippendorff's alpha (ordinal) over all area × criterion units is "
             f"{fmt.num(a['alpha'], lang, 3)}: {_alpha_reading(a['alpha'], lang)}."),
            ("Kartta näyttää arvioijien välisen keskihajonnan alueittain ja ulottuvuuksittain; "
             "taulukko listaa suurimmat erimielisyydet." if fi else
             "The map shows the standard deviation between raters by area and dimension; the "
             "table lists the largest disagreements.") if len(spread) else "")
    if len(spread):
        sec.figure("rater_spread", plots.rater_spread(spread, names, study.criteria, lang))
        top = spread.head(10)
        crit = study.criteria.set_index("criterion_id")
        col = "criterion_fi" if fi else "criterion_en"
        shown = pd.DataFrame({
            ("Alue" if fi else "Area"): [names[x] for x in top["area_id"]],
            ("Kriteeri" if fi else "Criterion"): [f"{c} {crit.at[c, col]}"
                                                  for c in top["criterion_id"]],
            ("Arvioijia" if fi else "Raters"): top["n_raters"],
            ("Keskiarvo" if fi else "Mean"): top["mean"].round(2),
            ("Keskihajonta" if fi else "SD"): top["sd"].round(2),
            ("Pienin–suurin" if fi else "Lowest–highest"): [
                f"{lo:g}–{hi:g}" for lo, hi in zip(top["min"], top["max"], strict=True)],
        })
        sec.table("rater_disagreement", spread, shown, index=False)

    sec.heading("Tuki valituille alueille" if fi else "Support for the selected areas")
    sec.say("Kunkin valitun alueen kaksi heikointa ulottuvuutta hakuarvioiden mukaan ja niihin "
            "sopivat tukimuodot (kriteeristön tukitaulukko; heikoin ensin)." if fi else
            "Each selected area's two weakest dimensions by the application ratings, and the "
            "support types that fit them (the criteria set's support table; weakest first).")
    plans = []
    for area_id in chosen["area_id"]:
        plan = _criteria.support_plan(study, area_id, wave=a["wave"], assessor="application",
                                      lang=lang)
        plans.append(plan)
    if plans:
        plan = pd.concat(plans, ignore_index=True)
        shown = pd.DataFrame({
            ("Alue" if fi else "Area"): [names[x] for x in plan["area_id"]],
            ("Ulottuvuus" if fi else "Dimension"): plan["dimension_id"] + " " + plan["dimension"],
            ("Pisteet" if fi else "Score"): plan["score"].round(2),
            ("Hakijoiden keskiarvo" if fi else "Mean of applicants"): plan["study_mean"].round(2),
            ("Tuki" if fi else "Support"): plan["support"],
            ("Heikoimmat kriteerit" if fi else "Weakest criteria"): plan["criteria_text"],
        })
        sec.table("selection_support", plan, shown, index=False)
    return sec


