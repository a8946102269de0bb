"""Report sections on the networks: the area profile's network part and the study comparison."""

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
    return f"{row.actor_id} ({label('sector', row.sector, lang).lower()}{kind})"


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
    from innolab.analysis import network

    vocab.check_lang(lang)
    study.check_area(area_id)
    fi = lang == "fi"
    sec = Section().heading("Verkosto" if fi else "Network")
    name = study.area(area_id)["name"]
    if study.ties.empty:
        return sec.say("Aineistossa ei ole suhteita." if fi else "The data hold no ties.")
    row = network.area_measures(study, areas=[area_id], n=n, seed=seed).iloc[0]
    wave = int(row["wave"])
    wave_name = study.wave_label(wave)
    if row["ties"] == 0:
        return sec.say(f"Alueen {name} toimijoiden välille ei ole kirjattu suhteita aallossa "
                       f"{wave_name}." if fi else
                       f"No ties among {name}'s actors are recorded in {wave_name}.")
    G = network.build_graph(study, area_id=area_id, wave=wave)
    p_text = fmt.num(row["ei_p_value"], lang, 3)
    ei_text = (f"E-I = {fmt.num(row['ei'], lang)}, permutaatiotesti p = {p_text}"
               f" (satunnainen sektorijako antaisi {fmt.num(row['ei_perm_mean'], lang)}): "
               if fi else
               f"E-I = {fmt.num(row['ei'], lang)}, permutation p = {p_text}"
               f" (a random assignment of sectors would give {fmt.num(row['ei_perm_mean'], lang)}): ")
    sec.say((f"Aallossa {wave_name} alueen {name} verkostossa on {int(row['actors'])} toimijaa ja "
             f"{int(row['ties'])} suhdetta (tiheys {fmt.num(row['density'], lang, 3)}). "
             f"{fmt.pct(row['cross_sector_share'], lang)} suhteista ylittää sektorirajan; ")
            if fi else
            (f"In {wave_name}, {name}'s network has {int(row['actors'])} actors and "
             f"{int(row['ties'])} ties (density {fmt.num(row['density'], lang, 3)}). "
             f"{fmt.pct(row['cross_sector_share'], lang)} of the ties cross sectors; "),
            ei_text + _ei_reading(row, lang) + ".")
    if row["triangles"]:
        sec.say(f"{int(row['tripartite_triangles'])} kolmiota {int(row['triangles'])}:stä "
                f"({fmt.pct(row['tripartite_share'], lang)}) yhdistää asukkaan tai järjestön, "
                "julkisen ja yksityisen toimijan – kolmikannan." if fi else
                f"{int(row['tripartite_triangles'])} of {int(row['triangles'])} triangles "
                f"({fmt.pct(row['tripartite_share'], lang)}) join a people, a public and a "
                "private actor — the tripartite kolmikanta.")
    if pd.notna(row["cross_area_share"]):
        sec.say(f"Alueen toimijoiden suhteista {fmt.pct(row['cross_area_share'], lang)} ulottuu "
                f"toiselle alueelle ja {fmt.pct(row['cross_country_share'], lang)} toiseen maahan."
                if fi else
                f"Of the ties that touch the area, {fmt.pct(row['cross_area_share'], lang)} reach "
                f"another area and {fmt.pct(row['cross_country_share'], lang)} another country.")
    keys = network.key_actors(G, n=3)
    keys = keys[keys["brokerage_between"] > 0]
    if len(keys):
        sec.say("Tärkeimmät välittäjät (pseudonyymit tunnisteet): " if fi else
                "The main brokers (pseudonymous ids): ",
                fmt.join([_actor_desc(r, lang) for r in keys.itertuples()], lang) + ".")
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
        sec.say(f"Aallosta {study.wave_label(first)} aaltoon {wave_name} suhteiden määrä muuttui "
                f"{int(m.loc['ties', 'before'])} → {int(m.loc['ties', 'after'])} ja toimijoiden "
                f"{int(m.loc['actors', 'before'])} → {int(m.loc['actors', 'after'])}." if fi else
                f"From {study.wave_label(first)} to {wave_name} the ties went from "
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
    from innolab.analysis import network

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
              f"({fmt.pct(most['cross_sector_share'], lang)}).") if fi else
             (f"{names[most['area_id']]} has the largest share of ties across sectors "
              f"({fmt.pct(most['cross_sector_share'], lang)}).")) if most is not None else "")
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
            f"({fmt.pct(span['share_cross_area'], lang)}) yhdistää eri alueita ja "
            f"{int(span['cross_country'])} ({fmt.pct(span['share_cross_country'], lang)}) eri "
            "maita." if fi else
            f"Of the study's {int(span['ties'])} ties, {int(span['cross_area'])} "
            f"({fmt.pct(span['share_cross_area'], lang)}) join different areas and "
            f"{int(span['cross_country'])} ({fmt.pct(span['share_cross_country'], lang)}) "
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


