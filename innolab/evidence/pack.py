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
from innolab.data import cache
from innolab.data.study import Study
from innolab.errors import InnolabError
from innolab.evidence import indicators as evidence
from innolab.stats.bootstrap import mean_interval
from innolab.stats.suppression import suppress_counts, suppressed

from .application import application_table
from .common import area_names, check_threshold, selected_areas
from .innovations import innovation_stages, pipeline, ready_for_funding
from .partners import cross_border_partners

__all__ = ["OBJECTIVES_2021_2027", "SO_2014_2020", "CHANGE_MEASURES", "Pack", "build_pack",
           "programme_mapping", "selected_areas", "indicator_table", "intervention_logic",
           "change_table", "people_by_target_group", "innovation_stages", "pipeline",
           "ready_for_funding", "cross_border_partners", "check_threshold", "LOGIC_COLUMNS"]

#: Interreg Central Baltic 2021–2027 objectives the indicators can serve (BRIEF §4); their names
#: are the catalogue's ``evidence.objective.<code>``.
OBJECTIVES_2021_2027 = ("6", "7")
#: Central Baltic 2014–2020 specific objectives (BRIEF §4); names ``evidence.so.<code>``.
SO_2014_2020 = ("4.1", "2.3")



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
    names = area_names(study)
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
    names = area_names(study)
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
    if not waves:
        err = InnolabError("the evidence pack compares the first and the last wave, and the "
                           "study has no wave: no tie, event, assessment, innovation or "
                           "study.yaml declares one")
        err.code = "evidence.no_waves"  # the reader's sentence (reports.section.guarded)
        raise err
    w0, w1 = waves[0], waves[-1]
    summary = mobilisation.area_summary(study).set_index("area_id")
    m0 = network.area_measures(study, wave=w0, n=1).set_index("area_id")
    # the last wave with the defaults: the rows the network report and the area profiles
    # compute (in a run, computed once and shared); only ties and shares are read here
    m1 = network.area_measures(study, wave=w1).set_index("area_id")
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
            mean, lo, hi = mean_interval(sub[f"{m}_change"].to_numpy(dtype=float), n_boot,
                                         0.90, rng=seed + k, min_n=2)
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
    application : pandas.DataFrame
        :func:`innolab.evidence.application.application_table`: the application form's
        indicator table with the projections.
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
    application: pd.DataFrame


def build_pack(study: Study, threshold: int = 5, n_boot: int = 2000, seed: int = 0,
               horizon: int = 2) -> Pack:
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
    horizon : int
        Waves past the last one to which the application table projects its indicators.

    Returns
    -------
    Pack

    Raises
    ------
    ParameterError
        For a threshold that is not a whole number ≥ 1.
    """
    threshold = check_threshold(threshold)
    # the study is read, not changed: what several tables start from (each area's active
    # actors per wave) is computed once (innolab.data.cache.scope)
    with cache.scope():
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
            application=application_table(study, horizon),
        )
