"""The evidence pack for Interreg Central Baltic applications, built once as data (BRIEF §4).

:mod:`innolab.evidence.indicators` counts the indicators; this module arranges them, with what the
other modules compute, into the tables an application needs: the indicator table, the programme
mapping, the intervention logic, mobilisation and network change across the selected areas, people
reached by target group, the innovation pipeline, the innovations ready for funding and potential
cross-border partners. :func:`build_pack` makes them all at once as a :class:`Pack` of codes and
numbers (no words: the report layer, :mod:`innolab.reports.evidence_views`, labels them for the
HTML section and the XLSX workbook alike). Counts of individuals are suppressed below a threshold
(:func:`innolab.stats.suppression.suppress_counts`); counts of organisations and innovations are
not. No table names a person: actors appear as counts or, for organisations abroad, by their
pseudonymous id.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import numpy as np
import pandas as pd

from innolab.analysis import criteria as _criteria
from innolab.data import vocab
from innolab.data.study import Study
from innolab.errors import ParameterError
from innolab.evidence import indicators as evidence
from innolab.stats.suppression import suppress_counts, suppressed

__all__ = ["OBJECTIVES_2021_2027", "SO_2014_2020", "CHANGE_MEASURES", "Pack", "build_pack",
           "programme_mapping", "selected_areas", "indicator_table", "intervention_logic",
           "change_table", "people_by_target_group", "innovation_stages", "pipeline",
           "ready_for_funding", "cross_border_partners", "check_threshold", "LOGIC_COLUMNS"]

#: Interreg Central Baltic 2021–2027 objectives the indicators can serve (BRIEF §4); their names
#: are the catalogue's ``evidence.objective.<code>``.
OBJECTIVES_2021_2027 = ("6", "7")
#: Central Baltic 2014–2020 specific objectives (BRIEF §4); names ``evidence.so.<code>``.
SO_2014_2020 = ("4.1", "2.3")

_STAGE_ORDER = {s: i for i, s in enumerate(vocab.STAGES)}


def check_threshold(threshold) -> int:
    """The small-count threshold, checked: a whole number ≥ 1.

    Parameters
    ----------
    threshold : int
        Counts of people from 1 to ``threshold − 1`` are suppressed.

    Returns
    -------
    int

    Raises
    ------
    ParameterError
        For anything else.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or \
            threshold < 1:
        raise ParameterError(f"`threshold` must be a whole number ≥ 1, got {threshold!r}.")
    return int(threshold)


def programme_mapping() -> pd.DataFrame:
    """Which programme objectives each indicator can serve, with the common indicator codes.

    Returns
    -------
    pandas.DataFrame
        ``indicator, common_indicator`` (Interreg common indicator code, empty for a local or
        programme-specific one), ``objectives_2021_2027`` (tuple of codes of
        :data:`OBJECTIVES_2021_2027`, e.g. ``("7", "6")``), ``so_2014_2020`` (tuple of codes of
        :data:`SO_2014_2020`). One row per indicator of
        :data:`innolab.evidence.indicators.INDICATORS`; the reason each serves its objectives is
        the catalogue's ``evidence.why.<indicator>``.
    """
    raw = pd.read_csv(files("innolab") / "resources" / "programme_mapping.csv", dtype=str,
                      keep_default_na=False)
    return pd.DataFrame({
        "indicator": raw["indicator"],
        "common_indicator": raw["common_indicator"],
        "objectives_2021_2027": [tuple(o for o in v.split(";") if o)
                                 for v in raw["objectives_2021_2027"]],
        "so_2014_2020": [tuple(o for o in v.split(";") if o) for v in raw["so_2014_2020"]],
    })


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


def indicator_table(study: Study, threshold: int = 5, areas=None) -> pd.DataFrame:
    """The indicator table of the pack: baseline and latest values, per selected area.

    Parameters
    ----------
    study : Study
        The study.
    threshold : int
        Counts of individuals (``people_mobilised``) from 1 to ``threshold − 1`` are shown as
        ``"<threshold"``.
    areas : list of str, optional
        Areas with a column of their own (default :func:`selected_areas`).

    Returns
    -------
    pandas.DataFrame
        ``indicator, common_indicator, baseline, value`` (the whole study: first wave and all
        waves), then one column per area (its value over all waves, headed by the area name),
        ``source``.
    """
    threshold = check_threshold(threshold)
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


#: The columns of :func:`intervention_logic`.
LOGIC_COLUMNS = ("area_id", "area", "needs", "support_by_type", "events_by_type",
                 "support_hours", "events", "pilots", "solutions", "orgs_cross_border",
                 "orgs_cross_border_last_wave", "solutions_taken_up", "people_mobilised",
                 "stage_first", "stage_last")


def intervention_logic(study: Study, threshold: int = 5, areas=None) -> pd.DataFrame:
    """Needs → activities → outputs → results, one row per selected area, as codes and numbers.

    - **needs**: the two weakest dimensions of the area's first self-assessment
      (:func:`innolab.analysis.criteria.support_plan`), with the support types that fit them;
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
    threshold : int
        Small-count threshold for people.
    areas : list of str, optional
        Default :func:`selected_areas`.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`LOGIC_COLUMNS`: ``area_id, area`` (name); ``needs`` (tuple of
        ``(dimension_id, score, support types)``, weakest first; empty without a
        self-assessment); ``support_by_type`` (tuple of ``(support type, hours)``);
        ``events_by_type`` (tuple of ``(event type, count)``, most frequent first); the numbers
        ``support_hours, events, pilots, solutions, orgs_cross_border,
        orgs_cross_border_last_wave, solutions_taken_up, people_mobilised`` (suppressed; None
        when not measured); ``stage_first, stage_last`` (maturity stage codes or None).
    """
    threshold = check_threshold(threshold)
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
        needs = ()
        if first is not None and a in scores[first].index:
            plan = _criteria.support_plan(study, a, wave=first)
            needs = tuple(
                (dim, float(block["score"].iloc[0]),
                 tuple(dict.fromkeys(block["support_type"])))
                for dim, block in plan.groupby("dimension_id", sort=False))
        s = sup[sup["area_id"] == a]
        hours = s.groupby("type")["hours"].sum()
        e = ev[ev["area_id"] == a]
        e_types = e["type"].value_counts()

        def val(code, a=a):
            v = ind.get((code, a), pd.NA)
            return None if pd.isna(v) else int(v)

        stage = {}
        for key, w in (("stage_first", first), ("stage_last", last)):
            st = scores[w]["stage"].get(a) if w is not None and a in scores[w].index else None
            stage[key] = st if isinstance(st, str) else None
        rows.append({
            "area_id": a, "area": names.get(a, a), "needs": needs,
            "support_by_type": tuple((t, float(h)) for t, h in hours.items()),
            "events_by_type": tuple((t, int(n)) for t, n in e_types.items()),
            "support_hours": float(hours.sum()), "events": len(e),
            "pilots": val("rco84_pilot_actions"),
            "solutions": val("rco116_joint_solutions_sectors"),
            "orgs_cross_border": val("rco87_orgs_cross_border"),
            "orgs_cross_border_last_wave": val("rcr84_orgs_cross_border_last_wave"),
            "solutions_taken_up": val("rcr104_solutions_taken_up"),
            "people_mobilised": suppressed(val("people_mobilised"), threshold), **stage,
        })
    return pd.DataFrame(rows, columns=list(LOGIC_COLUMNS))


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

    threshold = check_threshold(threshold)
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


def pipeline(study: Study) -> pd.DataFrame:
    """Innovations by theme and furthest stage (a count table; themes × stages).

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Index ``theme``: the theme codes present (vocabulary order); columns: every stage code
        in order and ``total``.
    """
    st = innovation_stages(study)
    table = pd.crosstab(st["theme"], st["stage"]) if len(st) else pd.DataFrame()
    themes = [t for t in vocab.THEMES if t in table.index]
    table = table.reindex(index=themes, columns=list(vocab.STAGES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "theme"
    table.columns.name = None
    return table


def _partner_counts(partners, actors: pd.DataFrame, country_of: pd.Series,
                    threshold: int) -> dict:
    a = actors.reindex(list(partners))
    a = a[a["type"].notna()]
    orgs = a[a["type"] == "organisation"]
    people = a[a["type"] == "individual"]
    by_sector = orgs["sector"].value_counts().reindex(list(vocab.SECTORS)).dropna()
    by_country = orgs["area_id"].map(country_of).value_counts()
    return {
        "organisations_by_sector": tuple((s, int(n)) for s, n in by_sector.items()),
        "organisations_by_country": ", ".join(f"{c} {int(n)}" for c, n in
                                              by_country.sort_index().items()),
        "individuals": suppressed(len(people), threshold),
        "sectors": a["sector"].nunique(),
        "countries": a["area_id"].map(country_of).nunique(),
    }


def ready_for_funding(study: Study, threshold: int = 5) -> pd.DataFrame:
    """The innovations ready for funding, with their partners by sector and country.

    Parameters
    ----------
    study : Study
        The study.
    threshold : int
        The number of individual partners is suppressed from 1 to ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        ``innovation_id, area`` (name), ``title, theme, stage`` (codes; the furthest stage
        reached), ``organisations_by_sector`` (tuple of ``(sector code, count)`` of partner
        organisations, vocabulary order), ``organisations_by_country`` (e.g. ``"EE 1, FI 2"``),
        ``individuals`` (count of individual partners, suppressed), ``sectors, countries``
        (distinct, over all partners), furthest stage first.
    """
    threshold = check_threshold(threshold)
    st = innovation_stages(study)
    st = st[st["ready_for_funding"]]
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = _names(study)
    rows = []
    for r in st.itertuples():
        rows.append({"innovation_id": r.innovation_id, "area": names.get(r.area_id, r.area_id),
                     "title": r.title, "theme": r.theme, "stage": r.stage,
                     "_order": _STAGE_ORDER[r.stage],
                     **_partner_counts(r.partners, actors, country_of, threshold)})
    cols = ["innovation_id", "area", "title", "theme", "stage", "organisations_by_sector",
            "organisations_by_country", "individuals", "sectors", "countries"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["_order", "innovation_id"],
                                         ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def cross_border_partners(study: Study, areas=None, threshold: int = 5) -> pd.DataFrame:
    """Organisations in other countries already tied to the areas: potential partners.

    A tie of any type, in either direction, between an actor of one of ``areas`` and an
    organisation whose area is in another country than that actor's area.

    Parameters
    ----------
    study : Study
        The study.
    areas : list of str, optional
        The areas (default :func:`selected_areas`).
    threshold : int
        The number of local individuals tied to a partner is suppressed from 1 to
        ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        One row per partner organisation: ``actor_id`` (pseudonymous id; names are never
        shown), ``country, area`` (name), ``sector`` (code), ``kind, tied_to`` (names of the
        areas it is tied to), ``local_organisations`` (distinct organisations of those areas
        tied to it), ``local_individuals`` (distinct individuals, suppressed), ``ties``
        (distinct (local actor, wave, tie type): a tie that both ends reported counts once),
        ``tie_types`` (tuple of tie type codes, vocabulary order), ``collaboration,
        first_wave, last_wave``; most ties first.
    """
    areas = selected_areas(study) if areas is None else list(areas)
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = _names(study)
    threshold = check_threshold(threshold)
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
            "sector": actors.at[pid, "sector"],
            "kind": actors.at[pid, "kind"] if isinstance(actors.at[pid, "kind"], str) else "",
            "tied_to": ", ".join(names.get(a, a) for a in areas if a in set(g["local_area"])),
            "local_organisations": g.loc[g["local"].map(actors["type"]) == "organisation",
                                         "local"].nunique(),
            "local_individuals": suppressed(
                g.loc[g["local"].map(actors["type"]) == "individual", "local"].nunique(),
                threshold),
            "ties": len(g),
            "tie_types": tuple(x for x in vocab.TIE_TYPES if x in set(g["type"])),
            "collaboration": bool((g["type"] == "collaboration").any()),
            "first_wave": int(g["wave"].min()), "last_wave": int(g["wave"].max()),
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["ties", "actor_id"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def people_by_target_group(study: Study, areas=None, threshold: int = 5) -> pd.DataFrame:
    """People who took part in events, by target group, for the areas and the whole study.

    The counts of :func:`innolab.evidence.indicators.people_mobilised_by` (by target group),
    suppressed: 1 to ``threshold − 1`` as ``"<threshold"``, and a second cell of the row as
    ``x`` where the small one could be worked out from the total.

    Parameters
    ----------
    study : Study
        The study.
    areas : list of str, optional
        The areas (default :func:`selected_areas`).
    threshold : int
        Small-count threshold.

    Returns
    -------
    pandas.DataFrame
        Index ``area_id`` (the areas, then ``"all"``); one column per target group code and
        ``"none"`` (in no target group).
    """
    threshold = check_threshold(threshold)
    areas = selected_areas(study) if areas is None else list(areas)
    by = evidence.people_mobilised_by(study, "target_group")
    by = by[by["area_id"].isin([*areas, evidence.ALL])]
    wide = by.pivot(index="area_id", columns="target_group", values="people_mobilised")
    wide = wide.reindex(index=[*areas, evidence.ALL],
                        columns=[c for c in by["target_group"].unique()])
    wide.columns.name = None
    out = suppress_counts(wide.reset_index(), list(wide.columns), threshold,
                          secondary=True).set_index("area_id")
    return out


@dataclass(frozen=True)
class Pack:
    """The evidence pack of a study, built once: codes and numbers, no words.

    The report layer shows it as an HTML section and writes it as an XLSX workbook
    (:mod:`innolab.reports.evidence_views`), both from these same tables.

    Attributes
    ----------
    study : Study
        The study it was built from (area names, wave labels, data hash).
    threshold, n_boot, seed : int
        The parameters it was built with.
    areas : list of str
        The selected areas (:func:`selected_areas`).
    marked : bool
        Whether any area is marked ``selected`` (else all areas are taken).
    indicators : pandas.DataFrame
        :func:`indicator_table`.
    definitions : pandas.DataFrame
        ``indicator, interreg, tables, missing``: per indicator its Interreg code, the tables it
        is computed from and those that have no rows (comma-separated; empty when measured).
    programme : pandas.DataFrame
        :func:`programme_mapping`.
    logic : pandas.DataFrame
        :func:`intervention_logic`.
    change : pandas.DataFrame
        :func:`change_table`.
    target_groups : pandas.DataFrame
        :func:`people_by_target_group`.
    pipeline : pandas.DataFrame
        :func:`pipeline`.
    ready : pandas.DataFrame
        :func:`ready_for_funding`.
    partners : pandas.DataFrame
        :func:`cross_border_partners`.
    """

    study: Study
    threshold: int
    n_boot: int
    seed: int
    areas: list
    marked: bool
    indicators: pd.DataFrame
    definitions: pd.DataFrame
    programme: pd.DataFrame
    logic: pd.DataFrame
    change: pd.DataFrame
    target_groups: pd.DataFrame
    pipeline: pd.DataFrame
    ready: pd.DataFrame
    partners: pd.DataFrame


def build_pack(study: Study, threshold: int = 5, n_boot: int = 2000, seed: int = 0) -> Pack:
    """Build the evidence pack of a study once, for every view of it.

    Parameters
    ----------
    study : Study
        The study.
    threshold : int
        Counts of people from 1 to ``threshold − 1`` are suppressed (default 5).
    n_boot : int
        Bootstrap resamples for the intervals of change.
    seed : int
        Random seed.

    Returns
    -------
    Pack

    Raises
    ------
    ParameterError
        For a threshold that is not a whole number ≥ 1.
    """
    threshold = check_threshold(threshold)
    areas = selected_areas(study)
    definitions = pd.DataFrame(
        [{"indicator": ind.id, "interreg": ind.interreg, "tables": ", ".join(ind.tables),
          "missing": ", ".join(evidence.missing_tables(study, ind.id))}
         for ind in evidence.INDICATORS.values()],
        columns=["indicator", "interreg", "tables", "missing"])
    return Pack(
        study=study, threshold=threshold, n_boot=n_boot, seed=seed, areas=areas,
        marked=bool((study.areas["role"] == "selected").any()),
        indicators=indicator_table(study, threshold, areas),
        definitions=definitions,
        programme=programme_mapping(),
        logic=intervention_logic(study, threshold, areas),
        change=change_table(study, areas, threshold, n_boot, seed),
        target_groups=people_by_target_group(study, areas, threshold),
        pipeline=pipeline(study),
        ready=ready_for_funding(study, threshold),
        partners=cross_border_partners(study, areas, threshold),
    )
