"""Report sections: what a notebook shows for one finding, computed and worded in one call.

A section is an ordered list of headings, sentences, tables and figures built from innolab's
analysis functions. ``Section.show(output_dir)`` saves its tables (CSV) and figures (PNG, SVG) and
displays everything in the notebook. Notebooks stay thin: one call per section. A section whose data
are missing (no assessments, no ties) says so in a sentence instead of failing the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import criteria as _criteria
from . import plots, vocab
from .errors import InnolabError
from .report import fmt_pct, join_words, save_figure, save_table, text
from .study import Study

__all__ = ["Section", "area_criteria", "study_criteria", "area_network", "study_networks",
           "profile_mobilisation_headline", "area_mobilisation", "study_mobilisation",
           "selection_memo", "peer_review_report", "evidence_pack", "pack_tables"]


@dataclass
class Section:
    """An ordered list of report items: ``("md", text)``, ``("table", name, data, shown)``,
    ``("figure", name, fig)``."""

    items: list = field(default_factory=list)
    dpi: int = 200

    def heading(self, title: str, level: int = 2) -> Section:
        """Add a heading."""
        self.items.append(("md", f"{'#' * level} {title}"))
        return self

    def say(self, *sentences: str) -> Section:
        """Add a paragraph of sentences (empty ones are skipped)."""
        body = " ".join(s.strip() for s in sentences if s and s.strip())
        if body:
            self.items.append(("md", body))
        return self

    def table(self, name: str, data: pd.DataFrame, shown=None, index: bool = True) -> Section:
        """Add a table: ``data`` is saved as CSV, ``shown`` (default ``data``) is displayed."""
        self.items.append(("table", name, data, shown if shown is not None else data, index))
        return self

    def figure(self, name: str, fig) -> Section:
        """Add a figure (a Figure or Axes)."""
        self.items.append(("figure", name, getattr(fig, "figure", fig)))
        return self

    @property
    def text(self) -> str:
        """All Markdown of the section, for tests and for prose reuse."""
        return "\n\n".join(i[1] for i in self.items if i[0] == "md")

    def show(self, output_dir=None) -> None:
        """Save the tables and figures under ``output_dir`` and display everything in order.

        Parameters
        ----------
        output_dir : str or pathlib.Path, optional
            The report's output folder; nothing is saved when None.
        """
        import matplotlib.pyplot as plt
        from IPython.display import Markdown, display

        for item in self.items:
            kind = item[0]
            if kind == "md":
                display(Markdown(item[1]))
            elif kind == "table":
                _, name, data, shown, index = item
                if output_dir is not None:
                    save_table(data, output_dir, name, index=index)
                # an undefined value shows as a dash; the section's prose says why
                styled = shown.style.format(precision=2, na_rep="—")
                display(styled if index else styled.hide(axis="index"))
            else:
                _, name, fig = item
                if output_dir is not None:
                    save_figure(fig, output_dir, name, dpi=self.dpi)
                display(fig)
                plt.close(fig)




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


def _num(x: float, lang: str, digits: int = 2) -> str:
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "fi" else s


def _dim_name(crit: pd.DataFrame, dim: str, lang: str) -> str:
    names = _criteria.dimensions(crit, lang)
    return f"{dim} {names.get(dim, dim)}"


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
    sec = Section().heading(text("criteria", lang))
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
    rng = (f"{_num(row['index_scale_p05'], lang)}–{_num(row['index_scale_p95'], lang)}")
    ranks = f"{int(row['rank_p05'])}–{int(row['rank_p95'])}"
    if fi:
        sec.say(f"Itsearvioinnin ({study.wave_label(wave)}, {int(row['n_respondents'])} "
                f"vastaajaa) mukaan {name} on vaiheessa **{_criteria.stage_label(stage, lang)}** "
                f"(todennäköisyys {fmt_pct(p_stage, lang)}). Kokonaisindeksi on "
                f"{_num(row['index_scale'], lang)} asteikolla 0–4 (90 %:n vaihteluväli {rng}); "
                f"sijoitus {int(row['nominal_rank'])}/{len(unc)} (5–95 %: {ranks}).")
    else:
        sec.say(f"By self-assessment ({study.wave_label(wave)}, {int(row['n_respondents'])} "
                f"respondents) {name} is at stage **{_criteria.stage_label(stage, lang)}** "
                f"(probability {fmt_pct(p_stage, lang)}). Its overall index is "
                f"{_num(row['index_scale'], lang)} on the 0–4 scale (90% range {rng}); rank "
                f"{int(row['nominal_rank'])} of {len(unc)} (5th–95th percentile: {ranks}).")
    sec.say("Vaiheen todennäköisyys ja vaihteluvälit kertovat, kuinka pysyvä tulos on, kun "
            "painoja, normalisointia, aggregointia ja vastaajia vaihdellaan (ks. menetelmät)."
            if fi else
            "The probability and ranges say how firm the verdict is when weights, "
            "normalisation, aggregation and the respondents are varied (see the methods).")
    sec.figure("criteria_profile", plots.dimension_profile(di, area_id, lang=lang,
                                                           criteria=study.criteria))
    shown = di[["dimension_id", "score", "ci_low", "ci_high", "study_mean"]].copy()
    shown.insert(1, "dimension", [_dim_name(study.criteria, d, lang)
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
            parts = [f"{_dim_name(study.criteria, r.dimension_id, lang)} "
                     f"({'+' if r.gap > 0 else '−'}{_num(abs(r.gap), lang)})"
                     for r in dims.itertuples()]
            sec.say(("Alue arvioi itsensä eri tavoin kuin ulkoinen arvioija näissä "
                     f"ulottuvuuksissa: {join_words(parts, lang)} (+ = itsearvio korkeampi)."
                     ) if fi else
                    ("The area sees itself differently from the external assessment in "
                     f"{join_words(parts, lang)} (+ = self-assessment higher)."))
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
        dims = join_words([f"{_dim_name(study.criteria, r.dimension_id, lang)} "
                           f"({_num(r.score, lang)})" for r in weakest.itertuples()], lang)
        support = join_words(list(dict.fromkeys(plan["support"])), lang)
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
    from . import reliability

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        scores = _criteria.score(study)
    except InnolabError as exc:
        return sec.heading(text("criteria", lang)).say(str(exc))
    dims = [d for d in _criteria.dimensions(study.criteria).index if d in scores.columns]
    sec.heading("Pisteet ja vaiheet" if fi else "Scores and stages")
    counts = scores["stage"].value_counts()
    parts = [f"{_criteria.stage_label(s, lang)} {int(counts.get(s, 0))}"
             for s in _criteria.MATURITY_STAGES]
    top = scores.sort_values("rank").iloc[0]
    n_areas = len(scores)
    sec.say(f"Arvioituja alueita on {n_areas}; vaiheittain: {join_words(parts, lang)}. "
            f"Korkein indeksi on alueella {top['name']} ({_num(top['index_scale'], lang)})."
            if fi else
            f"{n_areas} area{'s are' if n_areas != 1 else ' is'} assessed; by stage: "
            f"{join_words(parts, lang)}. The highest index is {top['name']}'s "
            f"({_num(top['index_scale'], lang)}).")
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
            (f"Epävarmimmat sijoitukset: {join_words(list(wide['name']), lang)}." if len(wide)
             else "Kaikkien alueiden sijoitus on vakaa.") if fi else
            (f"The least certain ranks: {join_words(list(wide['name']), lang)}." if len(wide)
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
            (f"Alfa jää alle 0,4:n alueilla {join_words(list(names[low['area_id']]), lang)}."
             if fi else
             f"Alpha is below 0.4 in {join_words(list(names[low['area_id']]), lang)}.")
            if len(low) else "")
    pivot = agree.pivot_table(index="area_id", columns="dimension_id", values="rwg_j")
    sec.table("agreement", agree, pivot.round(2).join(
        overall.set_index("area_id")[["n_respondents", "kripp_alpha"]].round(2)), index=True)

    items = _criteria.item_analysis(study)
    sec.heading("Kriteerien toimivuus" if fi else "How the criteria work")
    flagged = items[items["flags"].astype(str) != ""]
    listed = join_words([f"{r.criterion_id} ({_flags(r.flags, lang)})"
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
                 f"(S_T = {_num(lead['ST'], lang)}); negatiiviset S1-arviot luetaan nollina "
                 "luottamusvälinsä sisällä.") if fi else
                (f"By Sobol total indices, the choice that moves the ranks most is the {factor} "
                 f"(S_T = {_num(lead['ST'], lang)}); a slightly negative S1 reads as 0 within "
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


# --------------------------------------------------------------------------------------------
# networks


def _ei_reading(row, lang: str) -> str:
    """Read an E-I test: direction against the permutation mean, and whether chance explains it."""
    fi = lang == "fi"
    p = row["ei_p_value"]
    if p >= 0.05:
        return ("ero satunnaiseen sektorijakoon ei ole tilastollisesti merkitsevä" if fi else
                "no clearer than a random assignment of sectors would give")
    if row["ei"] < row["ei_perm_mean"]:
        return ("toimijat solmivat suhteita oman sektorinsa sisällä useammin kuin sattuma selittää"
                if fi else "actors tie within their own sector more often than chance explains")
    return ("toimijat solmivat suhteita sektorien välillä useammin kuin sattuma selittää" if fi
            else "actors tie across sectors more often than chance explains")


def _actor_desc(row, lang: str) -> str:
    kind = f", {row.kind}" if isinstance(row.kind, str) and row.kind else ""
    return f"{row.actor_id} ({vocab.label('sector', row.sector, lang).lower()}{kind})"


def area_network(study: Study, area_id: str, lang: str = "en", *, n: int = 1000,
                 seed: int = 0) -> Section:
    """The network section of the area profile: map, measures, brokers, change over the waves.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    n : int
        Permutations of the E-I test.
    seed : int
        Seed of the permutations and of the map's layout.

    Returns
    -------
    Section
    """
    from . import network

    vocab.check_lang(lang)
    study.check_area(area_id)
    fi = lang == "fi"
    sec = Section().heading("Verkosto" if fi else "Network")
    name = study.area(area_id)["name"]
    if study.ties.empty:
        return sec.say("Aineistossa ei ole suhteita." if fi else "The data hold no ties.")
    row = network.area_measures(study, areas=[area_id], n=n, seed=seed).iloc[0]
    wave = int(row["wave"])
    label = study.wave_label(wave)
    if row["ties"] == 0:
        return sec.say(f"Alueen {name} toimijoiden välille ei ole kirjattu suhteita aallossa "
                       f"{label}." if fi else
                       f"No ties among {name}'s actors are recorded in {label}.")
    G = network.build_graph(study, area_id=area_id, wave=wave)
    p_text = _num(row["ei_p_value"], lang, 3)
    ei_text = (f"E-I = {_num(row['ei'], lang)}, permutaatiotesti p = {p_text}"
               f" (satunnainen sektorijako antaisi {_num(row['ei_perm_mean'], lang)}): "
               if fi else
               f"E-I = {_num(row['ei'], lang)}, permutation p = {p_text}"
               f" (a random assignment of sectors would give {_num(row['ei_perm_mean'], lang)}): ")
    sec.say((f"Aallossa {label} alueen {name} verkostossa on {int(row['actors'])} toimijaa ja "
             f"{int(row['ties'])} suhdetta (tiheys {_num(row['density'], lang, 3)}). "
             f"{fmt_pct(row['cross_sector_share'], lang)} suhteista ylittää sektorirajan; ")
            if fi else
            (f"In {label}, {name}'s network has {int(row['actors'])} actors and "
             f"{int(row['ties'])} ties (density {_num(row['density'], lang, 3)}). "
             f"{fmt_pct(row['cross_sector_share'], lang)} of the ties cross sectors; "),
            ei_text + _ei_reading(row, lang) + ".")
    if row["triangles"]:
        sec.say(f"{int(row['tripartite_triangles'])} kolmiota {int(row['triangles'])}:stä "
                f"({fmt_pct(row['tripartite_share'], lang)}) yhdistää asukkaan tai järjestön, "
                "julkisen ja yksityisen toimijan – kolmikannan." if fi else
                f"{int(row['tripartite_triangles'])} of {int(row['triangles'])} triangles "
                f"({fmt_pct(row['tripartite_share'], lang)}) join a people, a public and a "
                "private actor — the tripartite kolmikanta.")
    if pd.notna(row["cross_area_share"]):
        sec.say(f"Alueen toimijoiden suhteista {fmt_pct(row['cross_area_share'], lang)} ulottuu "
                f"toiselle alueelle ja {fmt_pct(row['cross_country_share'], lang)} toiseen maahan."
                if fi else
                f"Of the ties that touch the area, {fmt_pct(row['cross_area_share'], lang)} reach "
                f"another area and {fmt_pct(row['cross_country_share'], lang)} another country.")
    keys = network.key_actors(G, n=3)
    keys = keys[keys["brokerage_between"] > 0]
    if len(keys):
        sec.say("Tärkeimmät välittäjät (pseudonyymit tunnisteet): " if fi else
                "The main brokers (pseudonymous ids): ",
                join_words([_actor_desc(r, lang) for r in keys.itertuples()], lang) + ".")
    sec.figure("network_map", plots.network_map(G, lang=lang, seed=seed))
    measures = pd.DataFrame({"measure": row.index[2:], "value": row.values[2:]})
    sec.table("network_measures", row.to_frame().T, measures, index=False)
    sec.figure("sector_mixing", plots.mixing_heatmap(G, lang=lang))
    bro = network.brokerage(G)
    sec.figure("brokerage_by_sector", plots.brokerage_by_sector(bro, lang=lang))
    sec.table("key_actors", network.key_actors(G, n=10).round(3), index=False)

    waves = sorted(int(w) for w in study.ties["wave"].unique())
    if len(waves) >= 2:
        first = waves[0]
        change = network.network_change(study, area_id, wave_from=first, wave_to=wave)
        m = change["measures"].set_index("measure")
        sec.heading("Muutos aalloittain" if fi else "Change over the waves", 3)
        sec.say(f"Aallosta {study.wave_label(first)} aaltoon {label} suhteiden määrä muuttui "
                f"{int(m.loc['ties', 'before'])} → {int(m.loc['ties', 'after'])} ja toimijoiden "
                f"{int(m.loc['actors', 'before'])} → {int(m.loc['actors', 'after'])}." if fi else
                f"From {study.wave_label(first)} to {label} the ties went from "
                f"{int(m.loc['ties', 'before'])} to {int(m.loc['ties', 'after'])} and the actors "
                f"from {int(m.loc['actors', 'before'])} to {int(m.loc['actors', 'after'])}.")
        sec.table("network_change", change["measures"], change["measures"].round(3),
                  index=False)
        sec.table("network_change_by_sector", change["ties"], index=False)
    return sec


def study_networks(study: Study, lang: str = "en", *, n: int = 1000, seed: int = 0) -> Section:
    """The study-level network report: areas compared, cross-area and cross-border ties.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.
    n : int
        Permutations of each area's E-I test.
    seed : int
        Seed.

    Returns
    -------
    Section
    """
    from . import network

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section().heading("Alueiden verkostot" if fi else "The areas' networks")
    if study.ties.empty:
        return sec.say("Aineistossa ei ole suhteita." if fi else "The data hold no ties.")
    m = network.area_measures(study, n=n, seed=seed)
    names = study.areas.set_index("area_id")["name"]
    wave = int(m["wave"].iloc[0])
    tested = m.dropna(subset=["ei"])
    homophilous = tested[(tested["ei_p_value"] < 0.05) & (tested["ei"] < tested["ei_perm_mean"])]
    most = m.loc[m["cross_sector_share"].idxmax()] if m["cross_sector_share"].notna().any() \
        else None
    sec.say((f"Aalto {study.wave_label(wave)}. Alueista {len(homophilous)}/{len(tested)} "
             "solmii suhteita oman sektorinsa sisällä useammin kuin sattuma selittää (E-I-testi, "
             "p < 0,05).") if fi else
            (f"Wave {study.wave_label(wave)}. In {len(homophilous)} of {len(tested)} areas actors "
             "tie within their own sector more often than chance explains (E-I test, p < 0.05)."),
            ((f"Eniten sektorirajat ylittäviä suhteita on alueella {names[most['area_id']]} "
              f"({fmt_pct(most['cross_sector_share'], lang)}).") if fi else
             (f"{names[most['area_id']]} has the largest share of ties across sectors "
              f"({fmt_pct(most['cross_sector_share'], lang)}).")) if most is not None else "")
    shown = m.drop(columns=["wave"]).copy()
    shown.insert(1, "name", names[shown["area_id"]].to_numpy())
    sec.table("area_network_measures", m, shown.round(3), index=False)
    ei = m.set_index("area_id")["ei"].dropna()
    if len(ei):
        sec.figure("ei_by_area", plots.barh_counts(
            ei.sort_values(ascending=False), labels=names.to_dict(), colors={},
            title="E-I-indeksi alueittain (sektori)" if fi else "E-I index by area (sector)",
            xlabel="E-I (−1 sisäinen … +1 ulkoinen)" if fi else "E-I (−1 internal … +1 external)",
            fmt="{:.2f}"))

    G = network.build_graph(study, wave=wave)
    span = network.boundary_spanning(G, level="total").iloc[0]
    sec.heading("Alueiden ja maiden rajat ylittävät suhteet" if fi else
                "Ties across areas and borders", 3)
    sec.say(f"Koko aineistossa {int(span['ties'])} suhteesta {int(span['cross_area'])} "
            f"({fmt_pct(span['share_cross_area'], lang)}) yhdistää eri alueita ja "
            f"{int(span['cross_country'])} ({fmt_pct(span['share_cross_country'], lang)}) eri "
            "maita." if fi else
            f"Of the study's {int(span['ties'])} ties, {int(span['cross_area'])} "
            f"({fmt_pct(span['share_cross_area'], lang)}) join different areas and "
            f"{int(span['cross_country'])} ({fmt_pct(span['share_cross_country'], lang)}) "
            "different countries.")
    areas = network.mixing_matrix(G, attr="area_id")
    areas.index = [names.get(a, a) for a in areas.index]
    areas.columns = [names.get(a, a) for a in areas.columns]
    sec.figure("ties_between_areas", plots.mixing_heatmap(
        areas, attr="area_id", lang=lang,
        title="Suhteet alueiden välillä" if fi else "Ties between areas"))
    sec.table("ties_between_areas", areas)
    countries = network.mixing_matrix(G, attr="country")
    sec.table("ties_between_countries", countries)
    per_actor = network.boundary_spanning(G, level="actor")
    border = per_actor[per_actor["cross_country"] > 0]
    if len(border):
        orgs = study.actors.set_index("actor_id")["type"]
        border = border[orgs[border["actor_id"]].to_numpy() == "organisation"]
        sec.say(f"{len(border)} organisaatiolla on suhde toisen maan toimijaan." if fi else
                f"{len(border)} organisations have a tie to an actor in another country.")
        sec.table("cross_border_organisations",
                  border.sort_values("cross_country", ascending=False), index=False)
    return sec


# --------------------------------------------------------------------------------------------
# mobilisation


_FI_NOTES = [
    (r"The study has (\d+) waves?; the (\w+) curve has (\d+) parameters and needs at least "
     r"\d+ waves, so no curve is fitted\.",
     lambda m: f"Aineistossa on {m[1]} {'aalto' if m[1] == '1' else 'aaltoa'}; käyrässä on "
               f"{m[3]} parametria, joten sen "
               f"sovittamiseen tarvitaan vähintään {m[3]} aaltoa. Käyrää ei sovitettu."),
    (r"The data show no slowing of growth.*", lambda m: (
        "Kasvu ei aineistossa vielä hidastu: kyllästystasoa ei voida arvioida näistä tiedoista. "
        "Sovitettu käyrä näytetään ilman keskivirheitä ja luottamusvälejä.")),
    (r"The parameters are not separately determined.*", lambda m: (
        "Aineisto ei erottele mallin parametreja toisistaan; keskivirheitä ja luottamusvälejä "
        "ei anneta.")),
    (r"(\d+) points for (\d+) parameters leave no degrees of freedom.*", lambda m: (
        f"{m[1]} havaintoa ja {m[2]} parametria: vapausasteita ei jää, joten käyrä kulkee "
        "havaintojen kautta eikä keskivirheitä voida arvioida.")),
    (r"Parameter (\w+) is poorly determined.*", lambda m: (
        f"Parametri {m[1]} on huonosti määritetty (keskivirhe ylittää estimaatin).")),
    (r"Parameter (\w+) sits on its lower bound \(([^)]*)\).*", lambda m: (
        f"Parametri {m[1]} on alarajallaan ({m[2]}); sen keskivirhe ei ole luotettava.")),
    (r"The inflection point t0 lies beyond the data.*", lambda m: (
        "Käännepiste t0 on havaintojen ulkopuolella: kasvun hidastumista ei ole vielä nähty, "
        "ja kyllästystaso on ekstrapolaatio.")),
]


def _fi_note(note: str) -> str:
    """A fit note of :mod:`innolab.mobilisation` in Finnish (English when it is not known)."""
    import re

    for pattern, make in _FI_NOTES:
        m = re.fullmatch(pattern, note, flags=re.S)
        if m:
            return make(m)
    return note


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
    from . import mobilisation as mb

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section().heading(text("mobilisation", lang))
    sec.say(*mb.headline_sentences(study, area_id, lang))
    if link == "index":
        link = f"../index.html#area-{area_id}"
    if link:
        sec.say(f"Koko mobilisoitumisraportti ja alueen muut raportit: [hakemisto]({link})." if fi
                else f"The full mobilisation report and the area's other reports: "
                     f"[index]({link}).")
    return sec


def area_mobilisation(study: Study, area_id: str, lang: str = "en", *, n_boot: int = 2000,
                      seed: int = 0) -> Section:
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

    Returns
    -------
    Section
    """
    from . import mobilisation as mb

    vocab.check_lang(lang)
    study.check_area(area_id)
    fi = lang == "fi"
    wl = {w: study.wave_label(w) for w in study.wave_ids}
    sec = Section().heading("Kuka tulee mukaan ja kuka jää" if fi else "Who joins and who stays")
    sec.say(*mb.headline_sentences(study, area_id, lang))
    flows = mb.flows(study, area_id)
    sec.figure("flows", plots.flows_chart(flows, lang=lang, wave_labels=wl))
    sec.table("flows", flows, flows.assign(wave=flows["wave"].map(wl)), index=False)
    by_sector = mb.flows(study, area_id, by="sector")
    if len(study.wave_ids) and by_sector["active"].sum():
        sec.figure("flows_by_sector", plots.flows_by_sector(by_sector, lang=lang,
                                                             wave_labels=wl))
    sec.table("flows_by_sector", by_sector, index=False)

    sec.heading("Osallistujista järjestäjiksi ja Kehrään" if fi else
                "From participants to organisers and the Kehrä", 3)
    funnel = mb.funnel(study, area_id)
    totals = funnel.groupby("wave")[["participants", "organisers", "kehra_members"]].sum()
    last = totals.iloc[-1] if len(totals) else None
    if last is not None:
        sec.say(f"Viimeisessä aallossa tapahtumiin osallistui {int(last['participants'])} "
                f"alueen toimijaa, joista {int(last['organisers'])} järjesti ja "
                f"{int(last['kehra_members'])} on Kehrän jäseniä." if fi else
                f"In the last wave {int(last['participants'])} of the area's actors took part in "
                f"events; {int(last['organisers'])} organised and {int(last['kehra_members'])} "
                "are Kehrä members.")
    sec.table("funnel", funnel, funnel.assign(
        wave=funnel["wave"].map(wl),
        sector=[vocab.label("sector", s, lang) for s in funnel["sector"]]), index=False)

    sec.heading("Kasvukäyrä" if fi else "Growth curve", 3)
    curve = mb.mobilisation_curve(study, area_id)
    sec.figure("mobilisation_curve", plots.mobilisation_curve_plot(curve, lang=lang,
                                                                    wave_labels=wl))
    if curve.fit is None:
        sec.say(_fi_note(curve.message) if fi else curve.message)
    else:
        sec.say(*[_fi_note(m) if fi else m for m in (curve.fit.notes or [])])
        sec.table("mobilisation_fit", curve.fit.params, curve.fit.params.round(3), index=False)
        sec.table("mobilisation_forecast", curve.fit.forecast, curve.fit.forecast.round(1),
                  index=False)

    sec.heading("Kohderyhmät" if fi else "Target groups", 3)
    inc = mb.inclusion(study, area_id)
    anyrow = inc[inc["target_group"] == "any"]
    if len(anyrow) and anyrow["active_total"].iloc[-1]:
        r = anyrow.iloc[-1]
        sec.say(f"Viimeisessä aallossa {fmt_pct(r['active_share'], lang)} aktiivisista "
                f"henkilöistä kuuluu johonkin kohderyhmään (alueen kaikista henkilötoimijoista "
                f"{fmt_pct(r['base_share'], lang)})." if fi else
                f"In the last wave {fmt_pct(r['active_share'], lang)} of the active individuals "
                f"belong to a target group ({fmt_pct(r['base_share'], lang)} of all the area's "
                "individuals).")
        sec.figure("inclusion", plots.inclusion_plot(inc, lang=lang, wave_labels=wl))
    else:
        sec.say("Alueella ei ole aktiivisia henkilötoimijoita." if fi else
                "The area has no active individuals.")
    sec.table("inclusion", inc, index=False)

    sec.heading("Tuki ja muutos" if fi else "Support and change", 3)
    sc = mb.support_vs_change(study, n_boot=n_boot, seed=seed)
    panel = sc.panel[sc.panel["area_id"] == area_id]
    hours = float(panel["hours"].sum()) if len(panel) else 0.0
    sec.say((f"Alue sai tukea yhteensä {_num(hours, lang, 1)} tuntia. " if fi else
             f"The area received {_num(hours, lang, 1)} hours of support in all. "),
            sc.caution[lang])
    sec.table("support_panel", panel, panel.round(2), index=False)
    fits = sc.associations[sc.associations["fits_dimension"]
                           | (sc.associations["predictor"] == "hours")]
    sec.table("support_associations", sc.associations, fits.round(3), index=False)
    return sec


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
    from . import mobilisation as mb

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section().heading("Valitut alueet ja muut" if fi else "Selected areas and the others")
    summ = mb.area_summary(study)
    groups = mb.compare_groups(summ)
    g = groups.set_index(["measure", "group"])
    if ("active_change", "selected") in g.index and ("active_change", "other") in g.index:
        sel, oth = g.loc[("active_change", "selected")], g.loc[("active_change", "other")]
        sec.say(f"Valituilla alueilla ({int(sel['areas'])}) aktiivisten toimijoiden määrä kasvoi "
                f"keskimäärin {_num(sel['mean'], lang, 1)}, muilla ({int(oth['areas'])}) "
                f"{_num(oth['mean'], lang, 1)}. Ero on kuvaileva: alueet valittiin, niitä ei "
                "arvottu." if fi else
                f"In the selected areas ({int(sel['areas'])}) the number of active actors grew "
                f"by {_num(sel['mean'], lang, 1)} on average, in the others ({int(oth['areas'])}) "
                f"by {_num(oth['mean'], lang, 1)}. The difference is descriptive: the areas were "
                "selected, not assigned at random.")
    else:
        sec.say("Vertailuun tarvitaan sekä valittuja että muita alueita." if fi else
                "The comparison needs both selected and other areas.")
    for measure in ("active_change", "retention", "target_group_share"):
        if summ[measure].notna().any():
            sec.figure(f"selected_vs_other_{measure}",
                       plots.selected_vs_other(summ, measure, lang=lang))
    names = study.areas.set_index("area_id")["name"]
    sec.table("area_mobilisation", summ, summ.assign(name=names[summ["area_id"]].to_numpy())
              .round(3), index=False)
    sec.table("selected_vs_other", groups, groups.round(3), index=False)
    return sec


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
    return (join_words(parts, "fi") + ". Lisää puuttuvat hakuarviot tai valitse "
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
    from . import selection

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        ranking = selection.rank_applicants(study, n_helsinki, n_outside, n_draws, seed,
                                            weight_noise=weight_noise)
    except InnolabError as exc:
        return sec.heading(text("selection", lang)).say(
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
             f"Suositus: Helsingistä {join_words(hel, lang)}" +
             (f" ja Helsingin ulkopuolelta {join_words(out, lang)}." if out else ".")) if fi else
            (f"{k} steering-group raters scored {n} applicant areas on the "
             f"{len(study.criteria)} criteria of the set (application round "
             f"{study.wave_label(a['wave'])}). Recommended: {join_words(hel, lang)} in Helsinki"
             + (f" and {join_words(out, lang)} outside Helsinki." if out else ".")),
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
        ("Helsingissä" if fi else "In Helsinki"): [text("yes" if h else "no", lang)
                                                   for h in ranking["in_helsinki"]],
        ("Pisteet 0–4" if fi else "Score 0–4"): ranking["score"].round(2),
        ("Sijoitus" if fi else "Rank"): ranking["rank"],
        ("Väli (5.–95. %)" if fi else "Interval (5th–95th)"): [
            f"{lo}–{hi}" for lo, hi in zip(ranking["rank_q05"], ranking["rank_q95"],
                                           strict=True)],
        ("Valittu toistoista" if fi else "Selected in"): [fmt_pct(p, lang)
                                                          for p in ranking["p_selected"]],
        ("Suositus" if fi else "Recommended"): [text("yes" if x else "no", lang)
                                                for x in ranking["selected"]],
        ("Rooli aineistossa" if fi else "Role in the data"): [
            vocab.label("area_role", roles.get(x), lang) if isinstance(roles.get(x), str)
            else "—" for x in ranking["area_id"]],
    })
    sec.table("selection_ranking", ranking, shown, index=False)
    recorded = {x for x, r in roles.items() if r == "selected"} & set(ranking["area_id"])
    recommended = set(chosen["area_id"])
    if recorded and recorded != recommended:
        only_rec = [names[x] for x in ranking["area_id"] if x in recommended - recorded]
        only_data = [names[x] for x in ranking["area_id"] if x in recorded - recommended]
        sec.say(f"Aineistossa valituiksi merkityistä poiketen suositus nostaa mukaan "
                 f"{join_words(only_rec, lang) or text('none', lang)} ja jättää pois "
                 f"{join_words(only_data, lang) or text('none', lang)}: päätöksen perustelut "
                 "kannattaa kirjata muistioon." if fi else
                 f"Unlike the areas marked as selected in the data, the recommendation brings in "
                 f"{join_words(only_rec, lang) or text('none', lang)} and leaves out "
                 f"{join_words(only_data, lang) or text('none', lang)}: the reasons for the "
                 "decision belong in the memo.")

    calls = selection.close_calls(ranking)
    sec.heading("Tiukat tapaukset" if fi else "Close calls", 3)
    if calls.empty:
        sec.say("Yksikään alue ei ole rajalla: jokainen päätyi suositeltuun joukkoon joko yli "
                "80 %:ssa tai alle 20 %:ssa toistoista." if fi else
                "No area is on the edge: every area was in the recommended set in more than "
                "80 % or fewer than 20 % of the draws.")
    else:
        parts = [f"{names[r.area_id]} ({fmt_pct(r.p_selected, lang)}, "
                 f"{'ero' if fi else 'margin'} {_num(r.margin, lang)})"
                 for r in calls.itertuples()]
        sec.say((f"Epävarmat valinnat (valittu 20–80 %:ssa toistoista; ero = pisteiden ero "
                 f"ryhmän rajalla): {join_words(parts, lang)}. Näistä kannattaa keskustella "
                 "ennen päätöstä.") if fi else
                (f"Uncertain choices (selected in 20–80 % of the draws; margin = score "
                 f"difference at the group's cut-off): {join_words(parts, lang)}. These deserve "
                 "a discussion before the decision."))

    spread = selection.rater_disagreement(study, a["wave"], top=0)
    sec.heading("Arvioijien yksimielisyys" if fi else "Where the raters disagreed")
    sec.say((f"Krippendorffin alfa (järjestysasteikko) kaikkien alue × kriteeri -parien yli on "
             f"{_num(a['alpha'], lang, 3)}: {_alpha_reading(a['alpha'], lang)}.") if fi else
            (f"Krippendorff's alpha (ordinal) over all area × criterion units is "
             f"{_num(a['alpha'], lang, 3)}: {_alpha_reading(a['alpha'], lang)}."),
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


# --------------------------------------------------------------------------------------------
# peer review


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
    from . import peer_review

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        comp = peer_review.compare_practices(study, groups, n_boot=n_boot, seed=seed)
    except InnolabError as exc:
        return sec.heading(text("peer_review", lang)).say(str(exc))
    g1, g2 = groups
    l1, l2 = (vocab.label("peer_group", g, lang) for g in groups)
    pr = study.peer_review
    n_orgs = {g: pr.loc[pr["group"] == g, "organisation"].nunique() for g in groups}
    sec.heading("Käytännöt ryhmittäin" if fi else "Practices by group")
    min_p = comp.attrs["min_p"]
    def _n(k, one, many):
        return f"{k} {one if k == 1 else many}"

    sec.say((f"{_n(n_orgs[g1], 'organisaatio', 'organisaatiota')} ryhmästä {l1} ja "
             f"{n_orgs[g2]} ryhmästä {l2} arvioivat "
             f"{_n(len(comp), 'käytännön', 'käytäntöä')} asteikolla 1–5. Kuvassa ryhmien "
             "keskiarvot ja niiden 90 %:n bootstrap-välit.") if fi else
            (f"{_n(n_orgs[g1], 'organisation', 'organisations')} of {l1} and {n_orgs[g2]} of "
             f"{l2} rated {_n(len(comp), 'practice', 'practices')} on a 1–5 scale. The figure "
             "shows each group's mean with a 90 % bootstrap interval."),
            ("Ryhmiä verrataan Mann–Whitneyn U-testillä (tarkka permutaatiojakauma) ja "
             "p-arvot korjataan Benjamini–Hochbergin menetelmällä. " if fi else
             "The groups are compared with the Mann–Whitney U test (exact permutation "
             "distribution) and the p-values adjusted by Benjamini–Hochberg. "),
            ((f"Näin pienillä ryhmillä pienin mahdollinen p-arvo on {_num(min_p, lang, 2)}, "
              "joten erot ovat kuvailevia eivätkä voi olla tilastollisesti merkitseviä 5 %:n "
              "tasolla." if fi else
              f"With groups this small the smallest possible p-value is {_num(min_p, lang, 2)}, "
              "so the differences are descriptive and cannot be significant at the 5 % level.")
             if min_p >= 0.05 else ""),
            ("Käytännöille, joita jompikumpi ryhmä arvioi alle kahden organisaation voimin, ei "
             "tehdä testiä." if fi else "Practices that a group rated with fewer than two "
             "organisations are not tested.") if comp["p_value"].isna().any() else "")
    sec.figure("peer_review", plots.peer_review_chart(comp, lang))
    col = "practice_fi" if fi else "practice_en"

    def _ci(g, r):
        return f"{_num(r[f'mean_{g}'], lang)} ({_num(r[f'lo_{g}'], lang)}–" \
               f"{_num(r[f'hi_{g}'], lang)})"

    shown = pd.DataFrame({
        ("Käytäntö" if fi else "Practice"): comp[col],
        f"{l1} (n)": comp[f"n_{g1}"],
        f"{l1}: {'ka. (90 % väli)' if fi else 'mean (90 % interval)'}": [
            _ci(g1, r) for _, r in comp.iterrows()],
        f"{l2} (n)": comp[f"n_{g2}"],
        f"{l2}: {'ka. (90 % väli)' if fi else 'mean (90 % interval)'}": [
            _ci(g2, r) for _, r in comp.iterrows()],
        ("Ero" if fi else "Difference"): comp["difference"].round(2),
        "p": comp["p_value"].round(3),
        ("p (korjattu)" if fi else "p (adjusted)"): comp["p_adjusted"].round(3),
        ("Rangibiseriaalinen r" if fi else "Rank-biserial r"): comp["rank_biserial"].round(2),
    })
    sec.table("peer_review_comparison", comp, shown, index=False)

    sec.heading("Missä kumpikin ryhmä on vahvempi" if fi else "Where each group leads", 3)
    for g, lab in ((g1, l1), (g2, l2)):
        lead = comp[(comp["leader"] == g) & (comp["difference"].abs() >= 0.5)]
        lead = lead.reindex(lead["difference"].abs().sort_values(ascending=False).index)
        items = [f"{r[col]} (+{_num(abs(r['difference']), lang, 1)})"
                 for _, r in lead.iterrows()]
        none = ("ei vähintään puolen pisteen etumatkaa missään käytännössä" if fi else
                "no practice with a lead of half a point or more")
        sec.say(f"{lab}: {join_words(items, lang) if items else none}.")
    learn = peer_review.learning_table(comp, study, lang)
    sec.heading("Mitä oppia toisilta" if fi else "What to learn from each other")
    if learn.empty:
        sec.say("Ryhmien arviot ovat niin lähellä toisiaan, ettei oppimistaulukkoa synny." if fi
                else "The groups' ratings are too close for a learning table.")
    else:
        sec.say("Taulukko listaa käytännöt, joissa toinen ryhmä arvioi itsensä vähintään puoli "
                "pistettä vahvemmaksi, suurin ero ensin, ja ryhmän omat huomiot niistä." if fi
                else "The table lists the practices the other group rates at least half a point "
                "higher, the largest difference first, with that group's own notes on them.")
        shown = pd.DataFrame({
            ("Oppija" if fi else "Learner"): learn["learner"],
            ("Keneltä" if fi else "From"): learn["teacher"],
            ("Käytäntö" if fi else "Practice"): learn["practice"],
            ("Ero" if fi else "Difference"): learn["difference"].round(2),
            ("Huomioita" if fi else "Notes"): learn["notes"],
        })
        sec.table("peer_review_learning", learn, shown, index=False)
    return sec


# --------------------------------------------------------------------------------------------
# evidence pack


def _arrow(first, last, change, digits: int, lang: str, pct: bool = False) -> str:
    """"a → b (+c)" for a measure in the first and last wave; suppressed parts stay marks."""
    def f(v, signed=False):
        if isinstance(v, str):
            return v
        if v is None or pd.isna(v):
            return "—"
        if pct:
            s = f"{100 * v:+.0f}" if signed else f"{100 * v:.0f}"
            return s + (" %-yks." if lang == "fi" and signed else " pp" if signed else " %")
        s = f"{v:+.{digits}f}" if signed else f"{v:.{digits}f}"
        return s.replace(".", ",") if lang == "fi" else s
    return f"{f(first)} → {f(last)} ({f(change, True)})"


def evidence_pack(study: Study, lang: str = "en", *, threshold: int = 5, n_boot: int = 2000,
                  seed: int = 0) -> Section:
    """The evidence pack for a Central Baltic application: indicators, logic, change, pipeline.

    Every count of individuals is suppressed from 1 to ``threshold − 1`` (shown as
    ``"<threshold"``; a part that would give a suppressed one away by subtraction as ``x``).
    Figures are saved at 300 dpi for print. The section's tables are also what
    :func:`innolab.evidence_pack.write_workbook` puts in ``evidence.xlsx``.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.
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
    from . import evidence
    from . import evidence_pack as ep
    from .report import suppress_counts

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section(dpi=300)
    names = study.areas.set_index("area_id")["name"].to_dict()
    sel = ep.selected_areas(study)
    sel_names = [names[a] for a in sel]
    marked = bool((study.areas["role"] == "selected").any())
    w0, w1 = study.wave_ids[0], study.wave_ids[-1]
    period = f"{study.wave_label(w0)} – {study.wave_label(w1)}"

    # 1 indicators
    table = ep.indicator_table(study, lang, threshold, sel)
    sec.heading("Indikaattorit" if fi else "Indicators")
    ind = table.set_index("indicator")
    sec.say((f"Aineisto kattaa {len(study.areas)} aluetta ja aallot {period}. Valitut alueet: "
             f"{join_words(sel_names, lang)}" + ("" if marked else
                                                 " (yhtään aluetta ei ole merkitty valituksi: "
                                                 "mukana kaikki)") + ". ") if fi else
            (f"The study covers {len(study.areas)} areas and the waves {period}. Selected "
             f"areas: {join_words(sel_names, lang)}" + ("" if marked else
                                                        " (no area is marked selected: all "
                                                        "are shown)") + ". "),
            ("Koko aineistossa rajojen yli yhteistyötä tekeviä organisaatioita on "
             f"{ind.at['rco87_orgs_cross_border', 'value']} (lähtötaso "
             f"{ind.at['rco87_orgs_cross_border', 'baseline']}), pilotteja "
             f"{ind.at['rco84_pilot_actions', 'value']} ja käyttöön otettuja ratkaisuja "
             f"{ind.at['rcr104_solutions_taken_up', 'value']}.") if fi else
            ("Across the study: organisations cooperating across borders "
             f"{ind.at['rco87_orgs_cross_border', 'value']} (baseline "
             f"{ind.at['rco87_orgs_cross_border', 'baseline']}), pilot actions "
             f"{ind.at['rco84_pilot_actions', 'value']}, solutions taken up "
             f"{ind.at['rcr104_solutions_taken_up', 'value']}."),
            (f"Alle {threshold} ihmisen luvut näytetään muodossa <{threshold}; organisaatioita "
             "ei peitetä." if fi else
             f"Counts of fewer than {threshold} people are shown as <{threshold}; counts of "
             "organisations are not suppressed."))
    sec.figure("evidence_indicators", plots.indicator_chart(table, lang)[0].figure)
    sec.say((f"Lähde-sarake nimeää taulut, joista luku on laskettu; kaikki luvut tulevat "
             f"aineistosta, jonka tiiviste on {study.short_hash} (koko tiiviste määritelmien "
             "välilehdellä ja raportin lopussa).") if fi else
            (f"The source column names the tables each number comes from; every number comes "
             f"from the data with hash {study.short_hash} (the full hash is on the definitions "
             "sheet and at the end of the report)."))
    shown = table.assign(source=table["source"].str.split(" · ").str[0]).rename(columns={
        "indicator": "Tunnus" if fi else "Id",
        "common_indicator": "Yhteinen indikaattori" if fi else "Common indicator",
        "label": "Indikaattori" if fi else "Indicator",
        "baseline": ("Lähtötaso" if fi else "Baseline") + f" ({study.wave_label(w0)})",
        "value": "Kaikki aallot" if fi else "All waves", "source": "Lähde" if fi else "Source"})
    sec.table("evidence_indicators", table, shown, index=False)
    defs = evidence.indicator_definitions(lang)
    sec.table("evidence_definitions", defs, defs.rename(columns={
        "indicator": "Tunnus" if fi else "Id", "interreg": "Interreg",
        "label": "Indikaattori" if fi else "Indicator",
        "definition": "Määritelmä" if fi else "Definition",
        "tables": "Taulukot" if fi else "Tables"}), index=False)

    # 2 programme mapping
    mapping = ep.programme_mapping(lang)
    sec.heading("Ohjelman tavoitteet" if fi else "Programme objectives", 3)
    sec.say("Mihin Central Baltic -ohjelman tavoitteisiin (2021–2027: tavoitteet 6 ja 7; "
            "2014–2020: erityistavoitteet 4.1 ja 2.3) kukin indikaattori sopii, ja ohjelman "
            "yhteinen indikaattorikoodi." if fi else
            "Which Central Baltic programme objectives (2021–2027: objectives 6 and 7; "
            "2014–2020: specific objectives 4.1 and 2.3) each indicator can serve, with the "
            "programme's common indicator code.")
    sec.table("evidence_programme_mapping", mapping, mapping.drop(columns=["indicator"]).rename(
        columns={"label": "Indikaattori" if fi else "Indicator",
                 "common_indicator": "Koodi" if fi else "Code",
                 "objectives_2021_2027": "2021–2027", "so_2014_2020": "2014–2020",
                 "why": "Perustelu" if fi else "Why"}), index=False)

    # 3 intervention logic
    logic = ep.intervention_logic(study, lang, threshold, sel)
    sec.heading("Interventiologiikka" if fi else "Intervention logic")
    sec.say("Tarpeet (heikoimmat ulottuvuudet ensimmäisessä itsearvioinnissa) → toiminta "
            "(tuki ja tapahtumat) → tuotokset → tulokset kullekin valitulle alueelle." if fi else
            "Needs (the weakest dimensions in the first self-assessment) → activities (support "
            "and events) → outputs → results, for each selected area.")
    sec.table("evidence_intervention_logic", logic, logic[["area", "needs", "activities", "outputs",
                                                  "results"]].rename(columns={
        "area": "Alue" if fi else "Area", "needs": "Tarpeet" if fi else "Needs",
        "activities": "Toiminta" if fi else "Activities",
        "outputs": "Tuotokset" if fi else "Outputs",
        "results": "Tulokset" if fi else "Results"}), index=False)

    # 4 change across the selected areas
    change = ep.change_table(study, sel, threshold, n_boot, seed)
    sec.heading("Mobilisoituminen ja verkostojen muutos" if fi else
                "Mobilisation and network change")
    s_mean = change[change["group"] == "selected_mean"]
    o_mean = change[change["group"] == "other_mean"]
    def _ci(r):
        if isinstance(r["active_change"], str):
            return r["active_change"]
        out = _num(r["active_change"], lang, 1)
        if np.isfinite(r["active_change_lo"]):
            out += (" (90 %:n väli " if fi else " (90 % interval ") + \
                f"{_num(r['active_change_lo'], lang, 1)}–{_num(r['active_change_hi'], lang, 1)})"
        return out

    if len(s_mean) and len(o_mean) and not isinstance(s_mean.iloc[0]["active_change"], str) \
            and not isinstance(o_mean.iloc[0]["active_change"], str):
        r, o = s_mean.iloc[0], o_mean.iloc[0]
        sec.say((f"Valituilla alueilla aktiivisten toimijoiden määrä muuttui keskimäärin "
                 f"{_ci(r)}, muilla {_ci(o)}. Välit ovat bootstrap-välejä alueiden yli; ne "
                 "kuvaavat vaihtelua, eivät tuen vaikutusta.") if fi else
                (f"In the selected areas the number of active actors changed by {_ci(r)} on "
                 f"average, in the others by {_ci(o)}. Intervals are bootstrap intervals over "
                 "areas; they describe spread, not an effect of support."))
    sec.figure("evidence_change", plots.change_chart(change, names, lang)[0].figure)
    rows = []
    for r in change.itertuples():
        g = r.group
        label = (names.get(r.area_id, r.area_id) if not g.endswith("_mean") else
                 ("Valitut, keskiarvo" if fi else "Selected, mean") if g == "selected_mean"
                 else ("Muut, keskiarvo" if fi else "Others, mean"))
        row = {("Alue" if fi else "Area"): label}
        for m, lab, digits, pct in (
                ("active", "Aktiiviset toimijat" if fi else "Active actors", 1, False),
                ("cross_sector_share", "Sektorirajat ylittävät" if fi else "Across sectors", 0,
                 True),
                ("cross_area_share", "Aluerajat ylittävät" if fi else "Across areas", 0, True),
                ("cross_country_share", "Maarajat ylittävät" if fi else "Across countries", 0,
                 True)):
            first, last, ch = (getattr(r, f"{m}_first"), getattr(r, f"{m}_last"),
                               getattr(r, f"{m}_change"))
            if m == "active" and not g.endswith("_mean"):
                digits = 0
            txt = _arrow(first, last, ch, digits, lang, pct)
            lo = getattr(r, f"{m}_change_lo", np.nan) if g.endswith("_mean") else np.nan
            if isinstance(lo, float) and np.isfinite(lo):
                hi = getattr(r, f"{m}_change_hi")
                scale = 100 if pct else 1
                sep = "; " if fi else ", "
                txt += f" [{_num(scale * lo, lang, 0 if pct else 1)}{sep}" \
                       f"{_num(scale * hi, lang, 0 if pct else 1)}]"
            row[lab] = txt
        if g == "selected" or g.endswith("_mean"):
            rows.append(row)
    sec.table("evidence_mobilisation_network_change", change, pd.DataFrame(rows), index=False)

    # people mobilised by target group: suppressed
    by = evidence.people_mobilised_by(study, "target_group")
    by = by[by["area_id"].isin([*sel, evidence.ALL])]
    wide = by.pivot(index="area_id", columns="target_group", values="people_mobilised")
    wide = wide.reindex(index=[*sel, evidence.ALL],
                        columns=[c for c in by["target_group"].unique()])
    wide.index = [names.get(a, "Kaikki alueet" if fi else "All areas") for a in wide.index]
    sup = suppress_counts(wide.reset_index(), list(wide.columns), threshold,
                          secondary=True).set_index("index")
    sup.index.name = "Alue" if fi else "Area"
    sec.heading("Tavoitetut kohderyhmät" if fi else "Target groups reached", 3)
    sec.say("Tapahtumiin osallistuneet toimijat kohderyhmittäin (tavoite 6: nuoret, ikääntyneet, "
            "maahanmuuttajat, erityisryhmät); kuvassa vain kohderyhmät. Pienet luvut on "
            "peitetty; x = peitetty, jotta pientä lukua ei voi päätellä summasta." if fi else
            "Actors who took part in events, by target group (objective 6: youth, seniors, "
            "immigrants, people with special needs); the figure shows the target groups only. "
            "Small counts are suppressed; x = hidden so that a small count cannot be worked out "
            "from the total.")
    sec.figure("evidence_target_groups", plots.suppressed_bars(
        sup[[c for c in sup.columns if c in vocab.TARGET_GROUPS]], "target_group", lang))
    shown = sup.rename(columns={c: (vocab.label("target_group", c, lang)
                                    if c in vocab.TARGET_GROUPS else
                                    ("Ei kohderyhmää" if fi else "No target group"))
                                for c in sup.columns})
    sec.table("evidence_people_by_target_group", sup, shown, index=True)

    # 5 innovation pipeline
    pipe = ep.pipeline(study, lang)
    ready = ep.ready_for_funding(study, lang, threshold)
    sec.heading("Innovaatioputki" if fi else "Innovation pipeline")
    if pipe.empty:
        sec.say("Aineistossa ei ole innovaatioita." if fi else "The study has no innovations.")
    else:
        sec.say((f"Innovaatiot ({int(pipe.iloc[:, -1].sum())}) teemoittain ja pisimmälle "
                 f"edenneen vaiheen mukaan; rahoitusvalmiita: {len(ready)}.") if fi else
                (f"Innovations ({int(pipe.iloc[:, -1].sum())}) by theme and the furthest stage "
                 f"they reached; ready for funding: {len(ready)}."))
        sec.figure("evidence_pipeline", plots.pipeline_chart(pipe, lang))
        sec.table("evidence_innovation_pipeline", pipe, pipe, index=True)
        if len(ready):
            sec.heading("Rahoitusvalmiit innovaatiot" if fi else "Ready for funding", 3)
            sec.say("Kumppanit: organisaatiot sektoreittain ja maittain; yksittäiset ihmiset "
                    f"vain lukumääränä (alle {threshold} peitetty)." if fi else
                    "Partners: organisations by sector and country; individual people only as "
                    f"a count (fewer than {threshold} suppressed).")
            sec.table("evidence_ready_for_funding", ready, ready.rename(columns={
                "innovation_id": "Id", "area": "Alue" if fi else "Area",
                "title": "Nimi" if fi else "Title", "theme": "Teema" if fi else "Theme",
                "stage": "Vaihe" if fi else "Stage",
                "organisations_by_sector": ("Organisaatiot sektoreittain" if fi else
                                            "Organisations by sector"),
                "organisations_by_country": ("Organisaatiot maittain" if fi else
                                             "Organisations by country"),
                "individuals": "Yksityishenkilöt" if fi else "Individuals",
                "sectors": "Sektoreita" if fi else "Sectors",
                "countries": "Maita" if fi else "Countries"}), index=False)

    # 6 cross-border partners
    partners = ep.cross_border_partners(study, sel, lang, threshold)
    sec.heading("Mahdolliset rajat ylittävät kumppanit" if fi else
                "Potential cross-border partners")
    if partners.empty:
        sec.say("Valituilla alueilla ei ole suhteita muiden maiden organisaatioihin." if fi else
                "The selected areas have no ties to organisations in other countries.")
    else:
        countries = partners["country"].value_counts()
        sec.say((f"Muiden maiden organisaatioita, joilla on jo suhde valittuihin alueisiin: "
                 f"{len(partners)} ({', '.join(f'{c} {n}' for c, n in countries.items())}); "
                 f"niistä jo yhteistyössä: {int(partners['collaboration'].sum())}. "
                 "Organisaatiot näkyvät tunnisteella; nimet löytyvät omasta aineistosta.")
                if fi else
                ("Organisations in other countries already tied to the selected areas: "
                 f"{len(partners)} ({', '.join(f'{c} {n}' for c, n in countries.items())}); "
                 f"of them already collaborating: {int(partners['collaboration'].sum())}. They "
                 "are listed by id; the names are in the study's own data."))
        sec.table("evidence_cross_border_partners", partners, partners.rename(columns={
            "actor_id": "Id", "country": "Maa" if fi else "Country",
            "area": "Alue" if fi else "Area", "sector": "Sektori" if fi else "Sector",
            "kind": "Laji" if fi else "Kind", "tied_to": "Suhteet alueisiin" if fi else "Tied to",
            "local_organisations": ("Paikallisia organisaatioita" if fi else
                                    "Local organisations"),
            "local_individuals": "Paikallisia henkilöitä" if fi else "Local individuals",
            "ties": "Suhteita" if fi else "Ties", "tie_types": "Suhdetyypit" if fi else "Types",
            "collaboration": "Yhteistyö" if fi else "Collaboration",
            "first_wave": "Ensimmäinen aalto" if fi else "First wave",
            "last_wave": "Viimeinen aalto" if fi else "Last wave"}), index=False)
    return sec


def pack_tables(section: Section, prefix: str = "evidence_", skip=("evidence_definitions",)
                ) -> dict:
    """The tables of a section as shown (sheet name → table), for the pack's workbook.

    Parameters
    ----------
    section : Section
        A section, e.g. :func:`evidence_pack`.
    prefix : str
        Cut from the start of table names to make the sheet names.
    skip : tuple of str
        Tables left out (the definitions have a sheet of their own).

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    out = {}
    for item in section.items:
        if item[0] == "table" and item[1] not in skip:
            _, name, _, shown, index = item
            sheet = name[len(prefix):] if name.startswith(prefix) else name
            out[sheet] = shown if index else shown.reset_index(drop=True)
    return out
