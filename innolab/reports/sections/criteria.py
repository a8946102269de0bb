"""Report sections on the criteria scores: the area profile's criteria part and the study report."""

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

_FLAGS = {
    "unanswered": ("nobody answered", "kukaan ei vastannut"),
    "often_missing": ("often unanswered", "usein vastaamatta"),
    "low_spread": ("tells areas little apart", "erottelee alueita heikosti"),
    "weak_fit": ("weak item–rest correlation", "heikko osio–loput-korrelaatio"),
    "raises_alpha": ("alpha rises without it", "alfa nousee ilman sitä"),
    "merge_candidate": ("close to another criterion", "lähellä toista kriteeriä"),
}


def _flags(flags: str, lang: str) -> str:
    return ", ".join(_FLAGS.get(f, (f, f))[int(lang == "fi")] for f in flags.split(";"))


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
    vocab.check_lang(lang)
    study.check_area(area_id)
    fi = lang == "fi"
    sec = Section().heading(t("common.criteria", lang))
    name = study.area(area_id)["name"]
    self_rows = study.assessments[(study.assessments["assessor"] == "self")
                                  & (study.assessments["area_id"] == area_id)]
    if self_rows["score"].notna().sum() == 0:
        return sec.say(f"Alueelle {name} ei ole itsearviointeja aineistossa." if fi else
                       f"The data hold no self-assessment for {name}.")
    try:
        unc = _criteria.uncertainty(study, n=n, seed=seed)
        di = _criteria.dimension_intervals(study, area_id, n=n, seed=seed)
        plan = _criteria.support_plan(study, area_id, lang=lang)
    except InnolabError as exc:
        return sec.say(str(exc))
    row = unc.set_index("area_id").loc[area_id]
    wave = int(di["wave"].iloc[0])
    stage = row["stage"]
    p_stage = row[f"p_{stage}"]
    rng = (f"{fmt.num(row['index_scale_p05'], lang)}–{fmt.num(row['index_scale_p95'], lang)}")
    ranks = f"{int(row['rank_p05'])}–{int(row['rank_p95'])}"
    if fi:
        sec.say(f"Itsearvioinnin ({study.wave_label(wave)}, {int(row['n_respondents'])} "
                f"vastaajaa) mukaan {name} on vaiheessa **{_criteria.stage_label(stage, lang)}** "
                f"(todennäköisyys {fmt.pct(p_stage, lang)}). Kokonaisindeksi on "
                f"{fmt.num(row['index_scale'], lang)} asteikolla 0–4 (90 %:n vaihteluväli {rng}); "
                f"sijoitus {int(row['nominal_rank'])}/{len(unc)} (5–95 %: {ranks}).")
    else:
        sec.say(f"By self-assessment ({study.wave_label(wave)}, {int(row['n_respondents'])} "
                f"respondents) {name} is at stage **{_criteria.stage_label(stage, lang)}** "
                f"(probability {fmt.pct(p_stage, lang)}). Its overall index is "
                f"{fmt.num(row['index_scale'], lang)} on the 0–4 scale (90% range {rng}); rank "
                f"{int(row['nominal_rank'])} of {len(unc)} (5th–95th percentile: {ranks}).")
    sec.say("Vaiheen todennäköisyys ja vaihteluvälit kertovat, kuinka pysyvä tulos on, kun "
            "painoja, normalisointia, aggregointia ja vastaajia vaihdellaan (ks. menetelmät)."
            if fi else
            "The probability and ranges say how firm the verdict is when weights, "
            "normalisation, aggregation and the respondents are varied (see the methods).")
    sec.figure("criteria_profile", plots.dimension_profile(di, area_id, lang=lang,
                                                           criteria=study.criteria))
    shown = di[["dimension_id", "score", "ci_low", "ci_high", "study_mean"]].copy()
    shown.insert(1, "dimension", [dim_name(study.criteria, d, lang)
                                  for d in shown["dimension_id"]])
    sec.table("criteria_profile", di, shown.drop(columns="dimension_id").round(2), index=False)

    try:
        gaps = _criteria.self_vs_external(study)
    except InnolabError:
        gaps = pd.DataFrame()
    gaps = gaps[gaps["area_id"] == area_id] if len(gaps) else gaps
    if len(gaps):
        sec.heading("Itsearvio ja ulkoinen arvio" if fi else "Self-assessment and external view",
                    3)
        dims = gaps[(gaps["dimension_id"] != "all") & (gaps["direction"] != "aligned")
                    & gaps["gap"].notna()]
        if len(dims):
            parts = [f"{dim_name(study.criteria, r.dimension_id, lang)} "
                     f"({'+' if r.gap > 0 else '−'}{fmt.num(abs(r.gap), lang)})"
                     for r in dims.itertuples()]
            sec.say(("Alue arvioi itsensä eri tavoin kuin ulkoinen arvioija näissä "
                     f"ulottuvuuksissa: {fmt.join(parts, lang)} (+ = itsearvio korkeampi)."
                     ) if fi else
                    ("The area sees itself differently from the external assessment in "
                     f"{fmt.join(parts, lang)} (+ = self-assessment higher)."))
        else:
            sec.say("Itsearvio ja ulkoinen arvio ovat linjassa kaikissa ulottuvuuksissa." if fi
                    else "Self-assessment and external assessment agree in every dimension.")
        sec.figure("self_vs_external", plots.self_external_gaps(gaps, area_id, lang=lang,
                                                                criteria=study.criteria))
        sec.table("self_vs_external", gaps, index=False)
    else:
        sec.say("Ulkoista arviota ei ole tälle alueelle." if fi else
                "There is no external assessment of this area.")

    if len(plan):
        sec.heading("Tukisuunnitelma" if fi else "Support plan", 3)
        weakest = plan.drop_duplicates("dimension_id")
        dims = fmt.join([f"{dim_name(study.criteria, r.dimension_id, lang)} "
                           f"({fmt.num(r.score, lang)})" for r in weakest.itertuples()], lang)
        support = fmt.join(list(dict.fromkeys(plan["support"])), lang)
        sec.say(f"Heikoimmat ulottuvuudet: {dims}. Niihin sopiva tuki: {support.lower()}." if fi
                else f"Weakest dimensions: {dims}. Support that fits them: {support.lower()}.")
        cols = ["priority", "dimension", "score", "study_mean", "support", "hours_received",
                "criteria_text"]
        sec.table("support_plan", plan, plan[cols].round(2), index=False)
    return sec


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
    from innolab.stats import reliability

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        scores = _criteria.score(study)
    except InnolabError as exc:
        return sec.heading(t("common.criteria", lang)).say(str(exc))
    dims = [d for d in _criteria.dimensions(study.criteria).index if d in scores.columns]
    sec.heading("Pisteet ja vaiheet" if fi else "Scores and stages")
    counts = scores["stage"].value_counts()
    parts = [f"{_criteria.stage_label(s, lang)} {int(counts.get(s, 0))}"
             for s in _criteria.MATURITY_STAGES]
    top = scores.sort_values("rank").iloc[0]
    n_areas = len(scores)
    sec.say(f"Arvioituja alueita on {n_areas}; vaiheittain: {fmt.join(parts, lang)}. "
            f"Korkein indeksi on alueella {top['name']} ({fmt.num(top['index_scale'], lang)})."
            if fi else
            f"{n_areas} area{'s are' if n_areas != 1 else ' is'} assessed; by stage: "
            f"{fmt.join(parts, lang)}. The highest index is {top['name']}'s "
            f"({fmt.num(top['index_scale'], lang)}).")
    shown = scores[["name", "n_respondents", "index_scale", "rank", "stage", *dims]].copy()
    shown["stage"] = [_criteria.stage_label(s, lang) for s in shown["stage"]]
    sec.table("criteria_scores", scores, shown.round(2), index=False)

    unc = _criteria.uncertainty(study, n=n, seed=seed)
    sec.heading("Sijoitusten epävarmuus" if fi else "How firm the ranking is", 3)
    wide = unc[(unc["rank_p95"] - unc["rank_p05"]) >= 3]
    sec.say((f"Monte Carlo -simulaatio ({n} toistoa) vaihtelee painoja, normalisointia, "
             "aggregointia ja vastaajia. ") if fi else
            (f"A Monte Carlo simulation ({n} draws) varies the weights, normalisation, "
             "aggregation and respondents. "),
            (f"Epävarmimmat sijoitukset: {fmt.join(list(wide['name']), lang)}." if len(wide)
             else "Kaikkien alueiden sijoitus on vakaa.") if fi else
            (f"The least certain ranks: {fmt.join(list(wide['name']), lang)}." if len(wide)
             else "Every area's rank is stable."))
    sec.figure("rank_intervals", plots.rank_intervals(unc, lang=lang))
    sec.table("rank_intervals", unc, unc.drop(columns=["area_id"]).round(2), index=False)

    agree = reliability.agreement(study)
    sec.heading("Vastaajien yksimielisyys" if fi else "Agreement between respondents")
    overall = agree[agree["dimension_id"] == "all"]
    low = overall[overall["kripp_alpha"] < 0.4]
    names = study.areas.set_index("area_id")["name"]
    sec.say(("Taulukko näyttää alueittain r_wg(J):n (0–1, yli 0,7 = vastaajat ovat yksimielisiä) "
             "ja Krippendorffin alfan kriteerien yli. ") if fi else
            ("The table shows, per area, r_wg(J) (0–1; above 0.7 the respondents agree) and "
             "Krippendorff's alpha over the criteria. "),
            (f"Alfa jää alle 0,4:n alueilla {fmt.join(list(names[low['area_id']]), lang)}."
             if fi else
             f"Alpha is below 0.4 in {fmt.join(list(names[low['area_id']]), lang)}.")
            if len(low) else "")
    pivot = agree.pivot_table(index="area_id", columns="dimension_id", values="rwg_j")
    sec.table("agreement", agree, pivot.round(2).join(
        overall.set_index("area_id")[["n_respondents", "kripp_alpha"]].round(2)), index=True)

    items = _criteria.item_analysis(study)
    sec.heading("Kriteerien toimivuus" if fi else "How the criteria work")
    flagged = items[items["flags"].astype(str) != ""]
    listed = fmt.join([f"{r.criterion_id} ({_flags(r.flags, lang)})"
                         for r in flagged.itertuples()], lang)
    sec.say(("Kriteerien karsintaa ja yhdistämistä varten: alueiden välinen hajonta, "
             "osio–loput-korrelaatio, alfa ilman osiota ja puuttuvien osuus. ") if fi else
            ("For crystallising the set: between-area spread, item–rest correlation, alpha if "
             "deleted and the share of missing answers. "),
            (f"Huomioita: {listed}." if fi else f"Flagged: {listed}.") if len(flagged) else
            ("Yksikään kriteeri ei saanut huomautusta." if fi else "No criterion is flagged."))
    sec.table("item_analysis", items, items.drop(columns=["wave"]).round(2), index=False)

    sens = _criteria.sensitivity(study, n=n_sobol, seed=seed)
    sec.heading("Herkkyysanalyysi" if fi else "Sensitivity")
    lead = sens.sort_values("ST", ascending=False).iloc[0]
    factor = _criteria.FACTORS.get(lead["factor"], (lead["factor"],) * 2)[int(fi)].lower()
    if lead["ST"] < 0.01:
        sec.say("Mikään valinta ei muuta sijoituksia." if fi else
                "No choice changes the ranks.")
    else:
        sec.say((f"Sobolin kokonaisindeksien mukaan sijoituksia muuttaa eniten {factor} "
                 f"(S_T = {fmt.num(lead['ST'], lang)}); negatiiviset S1-arviot luetaan nollina "
                 "luottamusvälinsä sisällä.") if fi else
                (f"By Sobol total indices, the choice that moves the ranks most is the {factor} "
                 f"(S_T = {fmt.num(lead['ST'], lang)}); a slightly negative S1 reads as 0 within "
                 "its interval."))
    sec.figure("sensitivity", plots.sobol_bars(sens, lang=lang))
    sec.table("sensitivity", sens, sens.round(3), index=False)

    try:
        gaps = _criteria.self_vs_external(study)
    except InnolabError:
        gaps = pd.DataFrame()
    if len(gaps):
        sec.heading("Itsearvio ja ulkoinen arvio" if fi else "Self-assessment and external view")
        sec.figure("self_vs_external", plots.self_external_gaps(gaps, lang=lang,
                                                                criteria=study.criteria))
        sec.table("self_vs_external", gaps, index=False)
    return sec


