"""The tables of the evidence pack for Interreg Central Baltic applications (BRIEF §4).

:mod:`innolab.evidence` counts the indicators; this module arranges them, with what the other
modules compute, into the tables an application needs: the indicator table, the intervention
logic, mobilisation and network change across the selected areas, the innovation pipeline, the
innovations ready for funding, potential cross-border partners and the mapping of every indicator
to the programme objectives. Counts of individuals are suppressed below a threshold
(:func:`innolab.report.suppress_counts`); counts of organisations and innovations are not. No table
names a person: actors appear as counts or, for organisations abroad, by their pseudonymous id.
"""

from __future__ import annotations

import io
from importlib.resources import files

import numpy as np
import pandas as pd

from innolab.analysis import criteria as _criteria
from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.data.study import Study
from innolab.errors import ParameterError
from innolab.evidence import indicators as evidence
from innolab.reports.texts import label  # FIXME(issue 12): labels belong to the report layer
from innolab.stats.suppression import suppress_counts, suppressed

__all__ = ["OBJECTIVES_2021_2027", "SO_2014_2020", "programme_mapping", "selected_areas",
           "indicator_table", "intervention_logic", "change_table", "innovation_stages",
           "pipeline", "ready_for_funding", "cross_border_partners", "workbook_about",
           "write_workbook"]

#: Interreg Central Baltic 2021–2027 objectives the indicators can serve (BRIEF §4).
OBJECTIVES_2021_2027 = {
    "6": ("Improved employment opportunities", "Paremmat työllistymismahdollisuudet"),
    "7": ("Improved public services and solutions for the citizens",
          "Paremmat julkiset palvelut ja ratkaisut asukkaille"),
}
#: Central Baltic 2014–2020 specific objectives (BRIEF §4).
SO_2014_2020 = {
    "4.1": ("More people benefiting from stronger Central Baltic communities",
            "Useampi hyötyy vahvemmista Keskisen Itämeren yhteisöistä"),
    "2.3": ("Better urban planning", "Parempi kaupunkisuunnittelu"),
}

_STAGE_ORDER = {s: i for i, s in enumerate(vocab.STAGES)}


def _t(en: str, fi: str, lang: str) -> str:
    return fi if lang == "fi" else en


def _check_threshold(threshold) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or \
            threshold < 1:
        raise ParameterError(f"`threshold` must be a whole number ≥ 1, got {threshold!r}.")
    return int(threshold)


def programme_mapping(lang: str = "en") -> pd.DataFrame:
    """Which programme objectives each indicator can serve, with the common indicator codes.

    Parameters
    ----------
    lang : {"en", "fi"}
        Language of the labels and reasons.

    Returns
    -------
    pandas.DataFrame
        ``indicator, label, common_indicator`` (Interreg common indicator code, empty for a
        local or programme-specific one), ``objectives_2021_2027`` (e.g. "7 Improved public
        services …; 6 …"), ``so_2014_2020`` ("SO 4.1 …"), ``why``. One row per indicator of
        :data:`innolab.evidence.INDICATORS`.
    """
    vocab.check_lang(lang)
    k = vocab.LANGUAGES.index(lang)
    raw = pd.read_csv(files("innolab") / "resources" / "programme_mapping.csv", dtype=str,
                      keep_default_na=False)
    rows = []
    for r in raw.itertuples():
        ind = evidence.INDICATORS[r.indicator]
        rows.append({
            "indicator": r.indicator,
            "label": getattr(ind, f"label_{lang}"),
            "common_indicator": r.common_indicator,
            "objectives_2021_2027": "; ".join(f"{o} {OBJECTIVES_2021_2027[o][k]}"
                                              for o in r.objectives_2021_2027.split(";") if o),
            "so_2014_2020": "; ".join(f"SO {o} {SO_2014_2020[o][k]}"
                                      for o in r.so_2014_2020.split(";") if o),
            "why": r.why_fi if lang == "fi" else r.why_en,
        })
    return pd.DataFrame(rows)


def selected_areas(study: Study) -> list[str]:
    """The areas with role ``selected`` (in table order); all areas when none is marked.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    list of str
    """
    sel = study.areas.loc[study.areas["role"] == "selected", "area_id"].tolist()
    return sel or study.area_ids


def _names(study: Study) -> dict:
    return study.areas.set_index("area_id")["name"].to_dict()


def indicator_table(study: Study, lang: str = "en", threshold: int = 5,
                    areas=None) -> pd.DataFrame:
    """The indicator table of the pack: definitions' labels, baseline and latest values.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        Language of the labels.
    threshold : int
        Counts of individuals (``people_mobilised``) from 1 to ``threshold − 1`` are shown as
        ``"<threshold"``.
    areas : list of str, optional
        Areas with a column of their own (default :func:`selected_areas`).

    Returns
    -------
    pandas.DataFrame
        ``indicator, common_indicator, label, baseline, value`` (the whole study: first wave
        and all waves), then one column per area (its value over all waves, headed by the area
        name), ``source``.
    """
    vocab.check_lang(lang)
    threshold = _check_threshold(threshold)
    areas = selected_areas(study) if areas is None else list(areas)
    ind = evidence.indicators(study)
    names = _names(study)
    rows = []
    for code, block in ind.groupby("indicator", sort=False):
        spec = evidence.INDICATORS[code]
        people = code == "people_mobilised"
        by = block.set_index("area_id")

        def show(v, people=people):
            return suppressed(v, threshold) if people else v

        row = {"indicator": code, "common_indicator": spec.interreg,
               "label": getattr(spec, f"label_{lang}"),
               "baseline": show(by.at[evidence.ALL, "baseline"]),
               "value": show(by.at[evidence.ALL, "value"])}
        for a in areas:
            row[names.get(a, a)] = show(by.at[a, "value"])
        row["source"] = by.at[evidence.ALL, "source"]
        rows.append(row)
    return pd.DataFrame(rows)


def _first_last_self(study: Study):
    waves = _criteria.assessed_waves(study, "self")
    return (waves[0], waves[-1]) if waves else (None, None)


def intervention_logic(study: Study, lang: str = "en", threshold: int = 5,
                       areas=None) -> pd.DataFrame:
    """Needs → activities → outputs → results, one row per selected area.

    - **needs**: the two weakest dimensions of the area's first self-assessment
      (:func:`innolab.criteria.support_plan`), with the support that fits them;
    - **activities**: support received (hours by type, the support log) and events held (by type);
    - **outputs**: events, pilot actions (RCO84-type) and jointly developed solutions
      (RCO116-type, local reading);
    - **results**: organisations cooperating across borders (RCO87) and still in the last wave
      (RCR84), solutions taken up (RCR104), people mobilised (suppressed below ``threshold``),
      and the criteria stage in the first and last self-assessment.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        Language of the texts.
    threshold : int
        Small-count threshold for people.
    areas : list of str, optional
        Default :func:`selected_areas`.

    Returns
    -------
    pandas.DataFrame
        ``area_id, area, needs, activities, outputs, results`` (texts) and the numbers behind
        them: ``support_hours, events, pilots, solutions, orgs_cross_border,
        orgs_cross_border_last_wave, solutions_taken_up, people_mobilised, stage_first,
        stage_last``.
    """
    vocab.check_lang(lang)
    threshold = _check_threshold(threshold)
    areas = selected_areas(study) if areas is None else list(areas)
    names = _names(study)
    ind = evidence.indicators(study).set_index(["indicator", "area_id"])["value"]
    first, last = _first_last_self(study)
    scores = {}
    for w in {first, last} - {None}:
        scores[w] = _criteria.score(study, wave=w).set_index("area_id")
    sup, ev = study.support, study.events
    rows = []
    for a in areas:
        needs = ""
        if first is not None and a in scores[first].index:
            plan = _criteria.support_plan(study, a, wave=first, lang=lang)
            parts = []
            for dim, block in plan.groupby("dimension_id", sort=False):
                parts.append(f"{dim} {block['dimension'].iloc[0]} "
                             f"({block['score'].iloc[0]:.1f}) → "
                             f"{', '.join(dict.fromkeys(block['support']))}")
            needs = "; ".join(parts)
        s = sup[sup["area_id"] == a]
        hours = s.groupby("type")["hours"].sum()
        e = ev[ev["area_id"] == a]
        e_types = e["type"].value_counts()
        activities = "; ".join(
            [f"{label('support_type', t, lang)} {h:g} h" for t, h in hours.items()]
            + [f"{label('event_type', t, lang)} × {n}" for t, n in e_types.items()])

        def val(code, a=a):
            v = ind.get((code, a), pd.NA)
            return None if pd.isna(v) else int(v)

        stage = {}
        for key, w in (("stage_first", first), ("stage_last", last)):
            st = scores[w]["stage"].get(a) if w is not None and a in scores[w].index else None
            stage[key] = _criteria.stage_label(st, lang) if isinstance(st, str) else ""
        people = suppressed(val("people_mobilised"), threshold)
        row = {
            "area_id": a, "area": names.get(a, a), "needs": needs,
            "activities": activities,
            "support_hours": float(hours.sum()), "events": len(e),
            "pilots": val("rco84_pilot_actions"),
            "solutions": val("rco116_joint_solutions_sectors"),
            "orgs_cross_border": val("rco87_orgs_cross_border"),
            "orgs_cross_border_last_wave": val("rcr84_orgs_cross_border_last_wave"),
            "solutions_taken_up": val("rcr104_solutions_taken_up"),
            "people_mobilised": people, **stage,
        }
        row["outputs"] = _t(
            f"events {len(e)}; pilot actions {row['pilots']}; jointly developed solutions "
            f"{row['solutions']}",
            f"tapahtumat {len(e)}; pilotit {row['pilots']}; yhdessä kehitetyt ratkaisut "
            f"{row['solutions']}", lang)
        stage_txt = (f"{stage['stage_first']} → {stage['stage_last']}"
                     if stage["stage_first"] else "")
        row["results"] = _t(
            f"organisations cooperating across borders {row['orgs_cross_border']} (still in "
            f"the last wave {row['orgs_cross_border_last_wave']}); solutions taken up "
            f"{row['solutions_taken_up']}; people mobilised {people}"
            + (f"; stage {stage_txt}" if stage_txt else ""),
            f"rajat ylittävää yhteistyötä tekevät organisaatiot {row['orgs_cross_border']} "
            f"(yhä viimeisessä aallossa {row['orgs_cross_border_last_wave']}); käyttöön otetut "
            f"ratkaisut {row['solutions_taken_up']}; mobilisoidut toimijat {people}"
            + (f"; vaihe {stage_txt}" if stage_txt else ""), lang)
        rows.append(row)
    cols = ["area_id", "area", "needs", "activities", "outputs", "results", "support_hours",
            "events", "pilots", "solutions", "orgs_cross_border", "orgs_cross_border_last_wave",
            "solutions_taken_up", "people_mobilised", "stage_first", "stage_last"]
    return pd.DataFrame(rows, columns=cols)


def _boot_mean(values: np.ndarray, n_boot: int, seed: int, level: float = 0.90):
    v = values[np.isfinite(values)]
    if len(v) == 0:
        return np.nan, np.nan, np.nan
    if len(v) == 1:
        return float(v[0]), np.nan, np.nan
    rng = np.random.default_rng(seed)
    means = rng.choice(v, size=(n_boot, len(v)), replace=True).mean(axis=1)
    lo, hi = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return float(v.mean()), float(lo), float(hi)


#: The measures of :func:`change_table`: (column, is a count of actors).
CHANGE_MEASURES = (("active", True), ("ties", False), ("cross_sector_share", False),
                   ("cross_area_share", False), ("cross_country_share", False))


def change_table(study: Study, areas=None, threshold: int = 5, n_boot: int = 2000,
                 seed: int = 0) -> pd.DataFrame:
    """Mobilisation and network change from the first to the last wave, with intervals.

    Per area: active actors (:func:`innolab.mobilisation.area_summary`), ties and the shares of
    ties that cross sectors, areas and countries (:func:`innolab.network.area_measures`) in the
    first and last wave and the change. Then one row per group — the given (selected) areas and
    the other areas — with the mean change and its 90 % percentile bootstrap interval over
    areas (``n_boot`` resamples, seeded; no interval for a group of one).

    Parameters
    ----------
    study : Study
        The study.
    areas : list of str, optional
        The areas of interest (default :func:`selected_areas`).
    threshold : int
        Active-actor counts from 1 to ``threshold − 1`` are suppressed, and with them the
        change and the group's mean, which would give them away (shown as ``"x"``).
    n_boot : int
        Bootstrap resamples.
    seed : int
        Random seed.

    Returns
    -------
    pandas.DataFrame
        ``area_id, group`` (``selected`` / ``other`` for area rows, ``selected_mean`` /
        ``other_mean`` for the summaries), then for each measure ``<m>_first, <m>_last,
        <m>_change`` and, on the summary rows, ``<m>_change_lo, <m>_change_hi``. ``attrs`` has
        ``wave_first`` and ``wave_last``.
    """
    from innolab.analysis import mobilisation, network

    threshold = _check_threshold(threshold)
    areas = selected_areas(study) if areas is None else list(areas)
    waves = study.wave_ids
    w0, w1 = waves[0], waves[-1]
    summary = mobilisation.area_summary(study).set_index("area_id")
    m0 = network.area_measures(study, wave=w0, n=1).set_index("area_id")
    m1 = network.area_measures(study, wave=w1, n=1).set_index("area_id")
    rows = []
    for a in study.area_ids:
        row = {"area_id": a, "group": "selected" if a in areas else "other",
               "active_first": summary.at[a, "active_first"],
               "active_last": summary.at[a, "active_last"]}
        for m, _ in CHANGE_MEASURES[1:]:
            row[f"{m}_first"] = m0.at[a, m] if a in m0.index else np.nan
            row[f"{m}_last"] = m1.at[a, m] if a in m1.index else np.nan
        for m, _ in CHANGE_MEASURES:
            row[f"{m}_change"] = row[f"{m}_last"] - row[f"{m}_first"]
        rows.append(row)
    t = pd.DataFrame(rows)
    summaries = []
    for k, g in enumerate(("selected", "other")):
        sub = t[t["group"] == g]
        if sub.empty:
            continue
        row = {"area_id": f"{g}_mean", "group": f"{g}_mean"}
        for m, _ in CHANGE_MEASURES:
            for part in ("first", "last"):
                row[f"{m}_{part}"] = float(sub[f"{m}_{part}"].astype(float).mean())
            mean, lo, hi = _boot_mean(sub[f"{m}_change"].to_numpy(dtype=float), n_boot,
                                      seed + k)
            row[f"{m}_change"], row[f"{m}_change_lo"], row[f"{m}_change_hi"] = mean, lo, hi
        summaries.append(row)
    t = pd.concat([t, pd.DataFrame(summaries)], ignore_index=True)
    # counts of people: hide 1–4, and the change when either end is hidden
    area_rows = ~t["group"].str.endswith("_mean")
    hide = area_rows & (t["active_first"].between(1, threshold - 1)
                        | t["active_last"].between(1, threshold - 1))
    sup = suppress_counts(t.loc[area_rows], ["active_first", "active_last"], threshold)
    for c in ("active_first", "active_last", "active_change"):
        t[c] = t[c].astype(object)
    t.loc[area_rows, ["active_first", "active_last"]] = sup[["active_first", "active_last"]]
    t.loc[hide, "active_change"] = "x"
    # a group mean over areas with hidden counts would give them away: hide it too
    for g in ("selected", "other"):
        if (hide & (t["group"] == g)).any():
            summary = t["group"] == f"{g}_mean"
            t.loc[summary, ["active_first", "active_last", "active_change"]] = "x"
            t.loc[summary, ["active_change_lo", "active_change_hi"]] = np.nan
    t.attrs.update({"wave_first": w0, "wave_last": w1})
    return t


def innovation_stages(study: Study) -> pd.DataFrame:
    """Each innovation once, at the furthest stage it reached in any wave.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        ``innovation_id, area_id, title, theme, stage`` (furthest), ``stage_last`` (in its last
        observed wave), ``ready_for_funding`` (in its last observed wave), ``partners`` (tuple:
        union over its rows, in order of appearance), ``first_wave, last_wave``.
    """
    inn = study.innovations
    cols = ["innovation_id", "area_id", "title", "theme", "stage", "stage_last",
            "ready_for_funding", "partners", "first_wave", "last_wave"]
    if inn.empty:
        return pd.DataFrame(columns=cols)
    inn = inn.sort_values(["innovation_id", "wave"], kind="stable")
    rows = []
    for iid, block in inn.groupby("innovation_id", sort=False):
        order = block["stage"].map(_STAGE_ORDER)
        partners = tuple(dict.fromkeys(p for ps in block["partners"] for p in (ps or ())))
        last = block.iloc[-1]
        rows.append({"innovation_id": iid, "area_id": last["area_id"],
                     "title": last.get("title", ""), "theme": last["theme"],
                     "stage": block["stage"].iloc[int(np.argmax(order.to_numpy()))],
                     "stage_last": last["stage"],
                     "ready_for_funding": bool(pd.notna(last.get("ready_for_funding"))
                                               and last.get("ready_for_funding")),
                     "partners": partners, "first_wave": int(block["wave"].min()),
                     "last_wave": int(block["wave"].max())})
    return pd.DataFrame(rows, columns=cols)


def pipeline(study: Study, lang: str = "en") -> pd.DataFrame:
    """Innovations by theme and furthest stage (a count table; themes × stages).

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        Language of the row and column labels.

    Returns
    -------
    pandas.DataFrame
        Index: themes present (vocabulary order, labelled); columns: every stage in order
        (labelled) and a total.
    """
    vocab.check_lang(lang)
    st = innovation_stages(study)
    table = pd.crosstab(st["theme"], st["stage"]) if len(st) else pd.DataFrame()
    themes = [t for t in vocab.THEMES if t in table.index]
    table = table.reindex(index=themes, columns=list(vocab.STAGES), fill_value=0)
    table[_t("Total", "Yhteensä", lang)] = table.sum(axis=1)
    table.index = [label("theme", t, lang) for t in table.index]
    table.columns = [label("stage", c, lang) if c in vocab.STAGES else c
                     for c in table.columns]
    table.index.name = _t("Theme", "Teema", lang)
    return table


def _partner_counts(partners, actors: pd.DataFrame, country_of: pd.Series, lang: str,
                    threshold: int) -> dict:
    a = actors.reindex(list(partners))
    a = a[a["type"].notna()]
    orgs = a[a["type"] == "organisation"]
    people = a[a["type"] == "individual"]
    by_sector = orgs["sector"].value_counts().reindex(list(vocab.SECTORS)).dropna()
    by_country = orgs["area_id"].map(country_of).value_counts()
    return {
        "organisations_by_sector": ", ".join(f"{label('sector', s, lang)} {int(n)}"
                                             for s, n in by_sector.items()),
        "organisations_by_country": ", ".join(f"{c} {int(n)}" for c, n in
                                              by_country.sort_index().items()),
        "individuals": suppressed(len(people), threshold),
        "sectors": a["sector"].nunique(),
        "countries": a["area_id"].map(country_of).nunique(),
    }


def ready_for_funding(study: Study, lang: str = "en", threshold: int = 5) -> pd.DataFrame:
    """The innovations ready for funding, with their partners by sector and country.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        Language of the labels.
    threshold : int
        The number of individual partners is suppressed from 1 to ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        ``innovation_id, area, title, theme, stage`` (furthest reached), ``organisations_by_sector,
        organisations_by_country`` (counts of partner organisations), ``individuals`` (count of
        individual partners, suppressed), ``sectors, countries`` (distinct, over all partners),
        furthest stage first.
    """
    vocab.check_lang(lang)
    threshold = _check_threshold(threshold)
    st = innovation_stages(study)
    st = st[st["ready_for_funding"]]
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = _names(study)
    rows = []
    for r in st.itertuples():
        rows.append({"innovation_id": r.innovation_id, "area": names.get(r.area_id, r.area_id),
                     "title": r.title, "theme": label("theme", r.theme, lang),
                     "stage": label("stage", r.stage, lang),
                     "_order": _STAGE_ORDER[r.stage],
                     **_partner_counts(r.partners, actors, country_of, lang, threshold)})
    cols = ["innovation_id", "area", "title", "theme", "stage", "organisations_by_sector",
            "organisations_by_country", "individuals", "sectors", "countries"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["_order", "innovation_id"],
                                         ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def cross_border_partners(study: Study, areas=None, lang: str = "en",
                          threshold: int = 5) -> pd.DataFrame:
    """Organisations in other countries already tied to the areas: potential partners.

    A tie of any type, in either direction, between an actor of one of ``areas`` and an
    organisation whose area is in another country than that actor's area.

    Parameters
    ----------
    study : Study
        The study.
    areas : list of str, optional
        The areas (default :func:`selected_areas`).
    lang : {"en", "fi"}
        Language of the labels.
    threshold : int
        The number of local individuals tied to a partner is suppressed from 1 to
        ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        One row per partner organisation: ``actor_id`` (pseudonymous id; names are never
        shown), ``country, area, sector, kind, tied_to`` (names of the areas it is tied to),
        ``local_organisations`` (distinct organisations of those areas tied to it),
        ``local_individuals`` (distinct individuals, suppressed), ``ties`` (distinct
        (local actor, wave, tie type): a tie that both ends reported counts once),
        ``tie_types, collaboration, first_wave, last_wave``; most ties first.
    """
    vocab.check_lang(lang)
    areas = selected_areas(study) if areas is None else list(areas)
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = _names(study)
    threshold = _check_threshold(threshold)
    cols = ["actor_id", "country", "area", "sector", "kind", "tied_to", "local_organisations",
            "local_individuals", "ties",
            "tie_types", "collaboration", "first_wave", "last_wave"]
    t = study.ties
    if t.empty:
        return pd.DataFrame(columns=cols)
    both = pd.concat([t.rename(columns={"source": "local", "target": "partner"}),
                      t.rename(columns={"target": "local", "source": "partner"})],
                     ignore_index=True)
    both["local_area"] = both["local"].map(actors["area_id"])
    both["partner_area"] = both["partner"].map(actors["area_id"])
    both = both[both["local_area"].isin(areas)
                & (both["partner"].map(actors["type"]) == "organisation")
                & (both["partner_area"].map(country_of) != both["local_area"].map(country_of))]
    if both.empty:
        return pd.DataFrame(columns=cols)
    both = both.drop_duplicates(["local", "partner", "wave", "type"])
    rows = []
    for pid, g in both.groupby("partner", sort=True):
        rows.append({
            "actor_id": pid, "country": country_of[actors.at[pid, "area_id"]],
            "area": names.get(actors.at[pid, "area_id"], actors.at[pid, "area_id"]),
            "sector": label("sector", actors.at[pid, "sector"], lang),
            "kind": actors.at[pid, "kind"] if isinstance(actors.at[pid, "kind"], str) else "",
            "tied_to": ", ".join(names.get(a, a) for a in areas if a in set(g["local_area"])),
            "local_organisations": g.loc[g["local"].map(actors["type"]) == "organisation",
                                         "local"].nunique(),
            "local_individuals": suppressed(
                g.loc[g["local"].map(actors["type"]) == "individual", "local"].nunique(),
                threshold),
            "ties": len(g),
            "tie_types": ", ".join(label("tie_type", x, lang)
                                   for x in vocab.TIE_TYPES if x in set(g["type"])),
            "collaboration": bool((g["type"] == "collaboration").any()),
            "first_wave": int(g["wave"].min()), "last_wave": int(g["wave"].max()),
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["ties", "actor_id"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def workbook_about(study: Study, parameters: dict, lang: str = "en") -> dict:
    """The provenance block of the workbook's definitions sheet.

    Parameters
    ----------
    study : Study
        The study.
    parameters : dict
        The parameters the pack was made with.
    lang : {"en", "fi"}
        Language of the keys.

    Returns
    -------
    dict
        Study, data hash, parameters (without the folders, which differ between machines),
        innolab version and the suppression rule.
    """
    from innolab.reports.output import package_versions

    vocab.check_lang(lang)
    threshold = parameters.get("threshold", 5)
    return {
        _t("Study", "Aineisto", lang): study.title,
        _t("Data hash (SHA-256)", "Aineiston tiiviste (SHA-256)", lang): study.data_hash,
        _t("Parameters", "Parametrit", lang): ", ".join(
            f"{k}={v}" for k, v in parameters.items() if not k.endswith("_dir")),
        "innolab": package_versions().get("innolab", ""),
        _t("Suppression", "Peittäminen", lang): _t(
            f"counts of 1–{threshold - 1} people are shown as <{threshold}; x = hidden so that "
            "a suppressed count cannot be worked out from a total; organisations are not "
            "suppressed",
            f"1–{threshold - 1} ihmisen luvut näytetään muodossa <{threshold}; x = peitetty, "
            "jotta pientä lukua ei voi päätellä summasta; organisaatioita ei peitetä", lang),
    }


def write_workbook(tables: dict, path, definitions: pd.DataFrame, about: dict | None = None):
    """Write the pack's tables to one XLSX: a sheet per table and a definitions sheet.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Sheet name → table (names are cut to Excel's 31 characters).
    path : str or pathlib.Path
        The workbook to write (atomically).
    definitions : pandas.DataFrame
        The definitions sheet (:func:`innolab.evidence.indicator_definitions` and the notes).
    about : dict, optional
        Key → value rows for an "about" block above the definitions (data hash, parameters).

    Returns
    -------
    pathlib.Path
        The workbook.
    """
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        start = 0
        if about:
            pd.DataFrame({"": list(about), " ": [str(v) for v in about.values()]}).to_excel(
                xw, sheet_name="definitions", index=False, header=False)
            start = len(about) + 1
        definitions.to_excel(xw, sheet_name="definitions", index=False, startrow=start)
        for name, table in tables.items():
            index = table.index.name is not None
            table.to_excel(xw, sheet_name=name[:31], index=index)
        for ws in xw.book.worksheets:
            for col in ws.columns:
                width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(max(width, 8), 60) + 2
    return atomic_write(path, buf.getvalue())
