"""Report sections on the networks: the area profile's network part and the study comparison.

The sections compute with :mod:`innolab.analysis.network`, word the results from the catalogue
(``network.*`` in ``resources/texts/network.yaml``) and hand the figures what they draw. The
``data`` of every table is what the analysis returned (saved as CSV); ``shown`` is the same
numbers with the catalogue's headers and labels.
"""

from __future__ import annotations

import pandas as pd

from ...data.study import Study
from .. import fmt, plots
from ..interactive import map_html
from ..section import Html, Section, guarded
from ..tables import format_value, full_table_note, shown_table
from ..texts import has, kind_label, label, t, wave_name

__all__ = ["area_network", "study_networks"]

#: Significance level of the E-I permutation test in the prose.
ALPHA = 0.05


def _ei_reading(row, lang: str) -> str:
    """Read an E-I test: direction against the permutation mean, and whether chance explains it."""
    if row["ei_p_value"] >= ALPHA:
        return t("network.ei_reading.chance", lang)
    if row["ei"] < row["ei_perm_mean"]:
        return t("network.ei_reading.within", lang)
    return t("network.ei_reading.across", lang)


def _actor_desc(row, lang: str) -> str:
    sector = label("sector", row.sector, lang).lower()
    if isinstance(row.kind, str) and row.kind:
        return t("network.actor_kind", lang, actor=row.actor_id, sector=sector,
                 kind=kind_label(row.kind, lang))
    return t("network.actor", lang, actor=row.actor_id, sector=sector)


def _header(code: str, lang: str) -> str:
    """A column header or row label: a measure's name (``network.measure.<code>``), else the
    column's header (``network.col.<code>``)."""
    key = f"network.measure.{code}"
    return t(key if has(key) else f"network.col.{code}", lang)


def _shown(table: pd.DataFrame, lang: str, sectors=(), measures: str | None = None
           ) -> pd.DataFrame:
    """A table for readers: sector codes labelled, measure codes named, headers from the catalogue.

    Parameters
    ----------
    table : pandas.DataFrame
        The data table (codes and numbers).
    lang : {"en", "fi"}
        The language.
    sectors : iterable of str
        Columns holding sector codes.
    measures : str, optional
        A column of measure codes to replace by their names.
    """
    out = table.copy()
    for c in sectors:
        out[c] = [label("sector", v, lang) if isinstance(v, str) else v for v in out[c]]
    if measures is not None:
        out[measures] = [_header(m, lang) for m in out[measures]]
    return out.rename(columns={c: _header(c, lang) for c in out.columns})


#: How each network measure is shown: counts whole, shares as percentages, indices with decimals.
_MEASURE_KIND = {"actors": "count", "ties": "count", "triangles": "count",
                 "tripartite_triangles": "count", "cross_sector_share": "share",
                 "tripartite_share": "share", "cross_area_share": "share",
                 "cross_country_share": "share", "density": ("index", 3),
                 "ei_p_value": ("index", 3)}


def _measure_rows(table: pd.DataFrame, lang: str, values=("value",)) -> pd.DataFrame:
    """A table of one measure per row for readers: each value in its measure's kind."""
    out = pd.DataFrame({_header("measure", lang): [_header(m, lang) for m in table["measure"]]})
    for c in values:
        out[_header(c, lang)] = [format_value(v, _MEASURE_KIND.get(m, ("index", 2)), lang)
                                 for m, v in zip(table["measure"], table[c], strict=True)]
    if "change" in table.columns:
        out[_header("change", lang)] = [
            format_value(v, ("signed", 0) if _MEASURE_KIND.get(m) == "count" else
                         ("signed", 3), lang)
            for m, v in zip(table["measure"], table["change"], strict=True)]
    return out


def _matrix_shown(table: pd.DataFrame, lang: str, source: str, target: str,
                  vocabulary: str | None = None) -> pd.DataFrame:
    """A mixing matrix for readers: codes labelled, the axes named from the catalogue."""
    out = table.copy()
    if vocabulary is not None:
        out.index = [label(vocabulary, c, lang) for c in out.index]
        out.columns = [label(vocabulary, c, lang) for c in out.columns]
    out = out.map(lambda v: format_value(v, "count", lang))
    out.index.name = t(f"network.col.{source}", lang)
    out.columns.name = t(f"network.col.{target}", lang)
    return out


@guarded("network.title")
def area_network(study: Study, area_id: str, lang: str = "en", *, n: int = 1000,
                 seed: int = 0, convention: str = "symmetrised") -> Section:
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
    convention : {"symmetrised", "digraph"}
        The centralizations' convention (``analysis.network.freeman.CONVENTIONS``); a sentence under
        the measures says which.

    Returns
    -------
    Section
    """
    from innolab.analysis import network

    sec = Section().heading(t("network.title", lang))
    name = study.area(area_id)["name"]
    if study.ties.empty:
        return sec.note(t("network.no_ties", lang))
    row = network.area_measures(study, areas=[area_id], n=n, seed=seed,
                                convention=convention).iloc[0]
    wave = int(row["wave"])
    this_wave = wave_name(study, wave, lang)
    if row["ties"] == 0:
        return sec.note(t("network.no_area_ties", lang, name=name, wave=this_wave))
    G = network.build_graph(study, area_id=area_id, wave=wave)
    sec.say(t("network.summary", lang, wave=this_wave, name=name,
              actors=fmt.count(int(row["actors"])), ties=fmt.count(int(row["ties"])),
              density=fmt.num(row["density"], lang, 3),
              cross=fmt.pct(row["cross_sector_share"], lang)),
            t("network.ei_test", lang, ei=fmt.num(row["ei"], lang),
              p=fmt.num(row["ei_p_value"], lang, 3), mean=fmt.num(row["ei_perm_mean"], lang),
              reading=_ei_reading(row, lang)))
    if row["triangles"]:
        sec.say(t("network.tripartite", lang,
                  tripartite=fmt.count(int(row["tripartite_triangles"])),
                  triangles=fmt.count(int(row["triangles"])),
                  share=fmt.pct(row["tripartite_share"], lang)))
    if pd.notna(row["cross_area_share"]):
        sec.say(t("network.cross_area", lang, area=fmt.pct(row["cross_area_share"], lang),
                  country=fmt.pct(row["cross_country_share"], lang)))
    top10 = network.key_actors(G, n=10)  # its first three are key_actors(G, n=3)
    keys = top10.head(3)
    keys = keys[keys["brokerage_between"] > 0]
    if len(keys):
        sec.say(t("network.brokers", lang,
                  actors=fmt.join([_actor_desc(r, lang) for r in keys.itertuples()], lang)))
    sec.figure("network_map", plots.network_map(G, lang=lang, seed=seed),
               alt=t("figure.network_map", lang))
    sec.items.append(Html("network_map_interactive", map_html(study, area_id, lang, seed, wave)))
    measures = pd.DataFrame({"measure": row.index[2:], "value": row.values[2:]})
    sec.table("network_measures", row.to_frame().T, _measure_rows(measures, lang), index=False)
    sec.say(t(f"network.centralization_convention.{convention}", lang))
    sec.figure("sector_mixing", plots.mixing_heatmap(network.mixing_matrix(G), lang=lang),
               alt=t("figure.sector_mixing", lang))
    by_sector = network.brokerage(G).groupby("sector")[list(network.ROLES)].sum()
    sec.figure("brokerage_by_sector", plots.brokerage_by_sector(by_sector, lang=lang),
               alt=t("figure.brokerage_by_sector", lang))
    key_actors = top10.round(3)
    sec.table("key_actors", key_actors, shown_table(
        key_actors, {"rank": "count", "actor_id": "id", "sector": ("code", "sector"),
                     "degree": "count", "brokerage_between": "count",
                     "betweenness": ("index", 3), "effective_size": ("index", 2),
                     "constraint": ("index", 2)}, lang, topic="network"), index=False)
    sec.say(full_table_note("key_actors", lang, area_id))

    waves = sorted(int(w) for w in study.ties["wave"].unique())
    if len(waves) >= 2:
        first = waves[0]
        change = network.network_change(study, area_id, wave_from=first, wave_to=wave)
        m = change["measures"].set_index("measure")
        sec.heading(t("network.change_heading", lang), 3)
        sec.say(t("network.change", lang, first=wave_name(study, first, lang), last=this_wave,
                  ties_before=fmt.count(int(m.loc["ties", "before"])),
                  ties_after=fmt.count(int(m.loc["ties", "after"])),
                  actors_before=fmt.count(int(m.loc["actors", "before"])),
                  actors_after=fmt.count(int(m.loc["actors", "after"]))))
        sec.table("network_change", change["measures"],
                  _measure_rows(change["measures"], lang, values=("before", "after")),
                  index=False)
        sec.table("network_change_by_sector", change["ties"], shown_table(
            change["ties"], {"source_sector": ("code", "sector"),
                             "target_sector": ("code", "sector"), "before": "count",
                             "after": "count", "added": "count", "dropped": "count",
                             "kept": "count"}, lang, topic="network"), index=False)
    return sec


@guarded("network.study_title")
def study_networks(study: Study, lang: str = "en", *, n: int = 1000, seed: int = 0,
                   convention: str = "symmetrised") -> Section:
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
    convention : {"symmetrised", "digraph"}
        The centralizations' convention (``analysis.network.freeman.CONVENTIONS``); a sentence under
        the table says which.

    Returns
    -------
    Section
    """
    from innolab.analysis import network

    sec = Section().heading(t("network.study_title", lang))
    if study.ties.empty:
        return sec.note(t("network.no_ties", lang))
    m = network.area_measures(study, n=n, seed=seed, convention=convention)
    names = study.areas.set_index("area_id")["name"]
    wave = int(m["wave"].iloc[0])
    tested = m.dropna(subset=["ei"])
    homophilous = tested[(tested["ei_p_value"] < ALPHA) & (tested["ei"] < tested["ei_perm_mean"])]
    sentences = [t("network.homophily", lang, wave=wave_name(study, wave, lang),
                   homophilous=fmt.count(len(homophilous)), tested=fmt.count(len(tested)),
                   alpha=fmt.num(ALPHA, lang, 2))]
    if m["cross_sector_share"].notna().any():
        most = m.loc[m["cross_sector_share"].idxmax()]
        sentences.append(t("network.most_cross_sector", lang, name=names[most["area_id"]],
                           share=fmt.pct(most["cross_sector_share"], lang)))
    sec.say(*sentences)
    kinds = {"name": "text", **{c: _MEASURE_KIND.get(c, ("index", 2)) for c in (
        "actors", "ties", "density", "cross_sector_share", "ei", "ei_p_value",
        "cross_area_share", "cross_country_share")}}
    sec.table("area_network_measures", m, shown_table(
        m.assign(name=names[m["area_id"]].to_numpy()), kinds, lang,
        headers={c: f"network.measure.{c}" for c in kinds if c != "name"}
        | {"name": "network.col.name"}), index=False)
    sec.say(full_table_note("area_network_measures", lang))
    sec.say(t(f"network.centralization_convention.{convention}", lang))
    ei = m.set_index("area_id")["ei"].dropna()
    if len(ei):
        sec.figure("ei_by_area", plots.barh_counts(
            ei.sort_values(ascending=False), labels=names.to_dict(), colors={},
            title=t("network.ei_by_area", lang), xlabel=t("network.ei_axis", lang),
            fmt="{:.2f}"), alt=t("figure.ei_by_area", lang))

    G = network.build_graph(study, wave=wave)
    span = network.boundary_spanning(G, level="total").iloc[0]
    sec.heading(t("network.borders_heading", lang), 3)
    sec.say(t("network.borders", lang, ties=fmt.count(int(span["ties"])),
              cross_area=fmt.count(int(span["cross_area"])),
              share_area=fmt.pct(span["share_cross_area"], lang),
              cross_country=fmt.count(int(span["cross_country"])),
              share_country=fmt.pct(span["share_cross_country"], lang)))
    areas = network.mixing_matrix(G, attr="area_id")
    areas.index = [names.get(a, a) for a in areas.index]
    areas.columns = [names.get(a, a) for a in areas.columns]
    sec.figure("ties_between_areas", plots.mixing_heatmap(
        areas, attr="area_id", lang=lang, title=t("network.ties_between_areas", lang)),
               alt=t("figure.ties_between_areas", lang))
    sec.table("ties_between_areas", areas,
              _matrix_shown(areas, lang, "source_area", "target_area"))
    countries = network.mixing_matrix(G, attr="country")
    sec.table("ties_between_countries", countries,
              _matrix_shown(countries, lang, "source_country", "target_country", "country"))
    per_actor = network.boundary_spanning(G, level="actor")
    border = per_actor[per_actor["cross_country"] > 0]
    if len(border):
        orgs = study.actors.set_index("actor_id")["type"]
        border = border[orgs[border["actor_id"]].to_numpy() == "organisation"]
        sec.say(t("network.border_organisations", lang, count=len(border)))
        border = border.sort_values("cross_country", ascending=False)
        sec.table("cross_border_organisations", border, shown_table(
            border.assign(name=names.reindex(border["area_id"]).to_numpy()),
            {"actor_id": "id", "sector": ("code", "sector"), "name": "text", "ties": "count",
             "cross_area": "count", "cross_country": "count"}, lang, topic="network"),
            index=False)
    return sec
