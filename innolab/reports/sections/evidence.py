"""The evidence pack for a Central Baltic application, as a report section."""

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
from ..section import Section, Table
from .common import dim_name

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
    from innolab.evidence import indicators as evidence
    from innolab.evidence import pack as ep
    from innolab.stats.suppression import suppress_counts

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
             f"{fmt.join(sel_names, lang)}" + ("" if marked else
                                                 " (yhtään aluetta ei ole merkitty valituksi: "
                                                 "mukana kaikki)") + ". ") if fi else
            (f"The study covers {len(study.areas)} areas and the waves {period}. Selected "
             f"areas: {fmt.join(sel_names, lang)}" + ("" if marked else
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
        out = fmt.num(r["active_change"], lang, 1)
        if np.isfinite(r["active_change_lo"]):
            out += (" (90 %:n väli " if fi else " (90 % interval ") + \
                f"{fmt.num(r['active_change_lo'], lang, 1)}–{fmt.num(r['active_change_hi'], lang, 1)})"
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
        row_label = (names.get(r.area_id, r.area_id) if not g.endswith("_mean") else
                 ("Valitut, keskiarvo" if fi else "Selected, mean") if g == "selected_mean"
                 else ("Muut, keskiarvo" if fi else "Others, mean"))
        row = {("Alue" if fi else "Area"): row_label}
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
                txt += f" [{fmt.num(scale * lo, lang, 0 if pct else 1)}{sep}" \
                       f"{fmt.num(scale * hi, lang, 0 if pct else 1)}]"
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
    shown = sup.rename(columns={c: (label("target_group", c, lang)
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
    for item in section.of_type(Table):
        if item.name not in skip:
            sheet = item.name[len(prefix):] if item.name.startswith(prefix) else item.name
            out[sheet] = item.shown if item.index else item.shown.reset_index(drop=True)
    return out
