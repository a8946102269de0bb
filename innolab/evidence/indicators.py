"""Evidence indicators for Interreg Central Baltic applications (BRIEF §4, issue 8).

Each indicator is a count of distinct organisations, innovations or actors, defined exactly as in
BRIEF §4 "Evidence indicators, exact definitions":

======================================  ======================================================
``rco87_orgs_cross_border``             organisations with a collaboration tie to an
                                        organisation of another country
``orgs_cross_district``                 the same with "another area" (cooperating across
                                        district boundaries)
``rcr84_orgs_cross_border_last_wave``   of the ``rco87`` organisations, those that still have
                                        such a tie in the last wave
``rco84_pilot_actions``                 innovations that reached stage ``pilot`` or later
``rco116_joint_solutions_sectors``      of those, the ones whose partners come from ≥ 2 sectors
``rco116_joint_solutions_countries``    of those, the ones whose partners come from ≥ 2
                                        countries
``rcr104_solutions_taken_up``           innovations that reached ``sustained`` or ``scaled``
``people_mobilised``                    distinct actors who took part in at least one event
======================================  ======================================================

Every count is made per area (an organisation or actor counts for its own area, ``actors.area_id``;
an innovation for its ``area_id``) and once for the whole study (``area_id == "all"``: distinct
units, not a sum over areas). ``value`` uses every wave of the study, ``baseline`` the first wave
alone. :data:`INDICATORS` holds the ids, tables and the parts of each definition; the words are in
the text catalogue (``resources/texts/evidence.yaml``) and the report layer gives them as a table
(:func:`innolab.reports.evidence_views.indicator_definitions`; with the counts:
:func:`innolab.reports.evidence_views.indicators_with_definitions`). Actors appear only as counts,
never by id or name. The method is written up in ``docs/methods.md``, section *Evidence
indicators*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from innolab.analysis.mobilisation import NO_TARGET_GROUP
from innolab.data import vocab
from innolab.data.study import Study
from innolab.errors import InnolabError, ParameterError

__all__ = [
    "ALL",
    "COLUMNS",
    "Indicator",
    "INDICATORS",
    "indicators",
    "missing_tables",
    "people_mobilised_by",
]

ALL = "all"  # the area_id of the whole-study rows
COLUMNS = ("indicator", "area_id", "value", "baseline", "source")

_STAGE_RANK = {code: i for i, code in enumerate(vocab.STAGES)}  # idea < … < scaled
_PILOT = _STAGE_RANK["pilot"]
_SUSTAINED = _STAGE_RANK["sustained"]

@dataclass(frozen=True)
class Indicator:
    """One evidence indicator: its id, Interreg counterpart, tables and the parts of its definition.

    The words (label, definition) are in the text catalogue (``evidence.indicator.<id>.label``,
    ``evidence.indicator.<id>.definition`` and ``evidence.clause.<clause>``); the report layer
    puts them together (:func:`innolab.reports.evidence_views.indicator_definitions`).

    Attributes
    ----------
    id : str
        The indicator id used in :func:`indicators` (e.g. ``"rco87_orgs_cross_border"``).
    interreg : str
        The Interreg common indicator it stands in for (``"RCO87"``), or ``""`` for a local one.
    tables : tuple of str
        The study tables it is computed from; the first is the one it cannot do without.
    clauses : tuple of str
        Codes of the shared sentences that follow its own definition, in order (``"ties"``,
        ``"partners"``, ``"stage"``, ``"period"``).
    """

    id: str
    interreg: str
    tables: tuple[str, ...]
    clauses: tuple[str, ...]


_LIST = [
    Indicator("rco87_orgs_cross_border", "RCO87", ("ties", "actors", "areas"),
              ("ties", "period")),
    Indicator("orgs_cross_district", "", ("ties", "actors", "areas"), ("ties", "period")),
    Indicator("rcr84_orgs_cross_border_last_wave", "RCR84", ("ties", "actors", "areas"),
              ("ties", "period")),
    Indicator("rco84_pilot_actions", "RCO84", ("innovations",), ("stage", "period")),
    Indicator("rco116_joint_solutions_sectors", "RCO116", ("innovations", "actors"),
              ("partners", "stage", "period")),
    Indicator("rco116_joint_solutions_countries", "RCO116", ("innovations", "actors", "areas"),
              ("partners", "stage", "period")),
    Indicator("rcr104_solutions_taken_up", "RCR104", ("innovations",), ("stage", "period")),
    Indicator("people_mobilised", "", ("participation", "events", "actors"), ("period",)),
]

INDICATORS: dict[str, Indicator] = {ind.id: ind for ind in _LIST}
"""The evidence indicators by id, in report order."""

# ---------------------------------------------------------------------------------------------
# Counting


def _check_no_all_area(study: Study) -> None:
    if ALL in set(study.area_ids):
        raise InnolabError(
            f"Study {study.name!r} has an area with area_id {ALL!r}, which the evidence tables "
            "use for the whole study: rename that area.")


def _lookups(study: Study) -> dict[str, pd.Series]:
    actors = study.actors.set_index("actor_id")
    country = study.areas.set_index("area_id")["country"]
    return {
        "area": actors["area_id"],
        "sector": actors["sector"],
        "country": actors["area_id"].map(country),
        "organisation": actors["type"].eq("organisation"),
    }


def _tie_units(study: Study, look: dict, waves, last_wave) -> dict[str, pd.Series]:
    """Area of each counted organisation (index: actor id), per tie indicator."""
    ties = study.ties
    keep = ties["type"].eq("collaboration")
    if waves is not None:
        keep &= ties["wave"].isin(waves)
    t = ties.loc[keep, ["source", "target", "wave"]]
    orgs = look["organisation"]
    t = t[t["source"].map(orgs).fillna(False).astype(bool).to_numpy()
          & t["target"].map(orgs).fillna(False).astype(bool).to_numpy()]
    src_area, tgt_area = t["source"].map(look["area"]), t["target"].map(look["area"])
    border = (t["source"].map(look["country"]) != t["target"].map(look["country"])).to_numpy()
    district = (src_area != tgt_area).to_numpy()
    ends = pd.DataFrame({
        "actor_id": pd.concat([t["source"], t["target"]], ignore_index=True),
        "area_id": pd.concat([src_area, tgt_area], ignore_index=True),
        "wave": pd.concat([t["wave"], t["wave"]], ignore_index=True),
    })
    border2, district2 = np.concatenate([border, border]), np.concatenate([district, district])
    last = ends["wave"].eq(last_wave).to_numpy()

    def units(mask) -> pd.Series:
        sel = ends.loc[mask].drop_duplicates("actor_id")
        return pd.Series(sel["area_id"].to_numpy(), index=sel["actor_id"].to_numpy())

    return {
        "rco87_orgs_cross_border": units(border2),
        "orgs_cross_district": units(district2),
        "rcr84_orgs_cross_border_last_wave": units(border2 & last),
    }


def _innovation_units(study: Study, look: dict, waves) -> dict[str, pd.Series]:
    """Area of each counted innovation (index: innovation id), per innovation indicator."""
    inv = study.innovations
    if waves is not None:
        inv = inv[inv["wave"].isin(waves)]
    rows = inv[["innovation_id", "area_id", "wave", "stage", "partners"]].assign(
        rank=inv["stage"].map(_STAGE_RANK)).sort_values(["innovation_id", "wave"], kind="stable")
    per = rows.groupby("innovation_id", sort=True).agg(area_id=("area_id", "last"),
                                                       rank=("rank", "max"))
    partners = rows[["innovation_id", "partners"]].explode("partners").dropna()
    n_sectors = (partners["partners"].map(look["sector"]).groupby(partners["innovation_id"])
                 .nunique().reindex(per.index, fill_value=0))
    n_countries = (partners["partners"].map(look["country"]).groupby(partners["innovation_id"])
                   .nunique().reindex(per.index, fill_value=0))
    pilot = per["rank"] >= _PILOT
    return {
        "rco84_pilot_actions": per.loc[pilot, "area_id"],
        "rco116_joint_solutions_sectors": per.loc[pilot & (n_sectors >= 2), "area_id"],
        "rco116_joint_solutions_countries": per.loc[pilot & (n_countries >= 2), "area_id"],
        "rcr104_solutions_taken_up": per.loc[per["rank"] >= _SUSTAINED, "area_id"],
    }


def _participants(study: Study, waves) -> pd.Index:
    """Distinct actor ids who took part in at least one event of the waves (None: all)."""
    events = study.events
    if waves is not None:
        events = events[events["wave"].isin(waves)]
    part = study.participation
    ids = part.loc[part["event_id"].isin(events["event_id"]), "actor_id"]
    return pd.Index(ids.unique())


def _people_units(study: Study, look: dict, waves) -> dict[str, pd.Series]:
    ids = _participants(study, waves)
    return {"people_mobilised": pd.Series(look["area"].reindex(ids).to_numpy(), index=ids)}


def missing_tables(study: Study, indicator: str) -> list[str]:
    """The tables an indicator needs that have no rows in the study (absent or empty).

    When the list is not empty the indicator is not measured: :func:`indicators` gives NA.
    ``actors`` and ``areas`` are not looked at: without rows there, there is nothing to count (0).

    Parameters
    ----------
    study : Study
        The study.
    indicator : str
        An indicator id of :data:`INDICATORS`.

    Returns
    -------
    list of str
        Table names, in the order of :attr:`Indicator.tables`.
    """
    ind = INDICATORS[indicator]
    return [t for t in ind.tables if t not in ("actors", "areas") and getattr(study, t).empty]


def _units(study: Study, look: dict, waves, last_wave, missing: dict) -> dict[str, pd.Series]:
    out: dict[str, pd.Series] = {}
    if not missing["rco87_orgs_cross_border"]:
        out.update(_tie_units(study, look, waves, last_wave))
    if not missing["rco84_pilot_actions"]:
        out.update(_innovation_units(study, look, waves))
    if not missing["people_mobilised"]:
        out.update(_people_units(study, look, waves))
    return out


def _counts(units: pd.Series | None, area_ids: list[str]) -> list:
    """Per-area counts (areas in order) and the whole-study count; NA when not measured."""
    if units is None:
        return [pd.NA] * (len(area_ids) + 1)
    per_area = units.value_counts().reindex(area_ids, fill_value=0)
    return [int(v) for v in per_area.to_numpy()] + [int(units.index.nunique())]


def indicators(study: Study) -> pd.DataFrame:
    """The evidence indicators of BRIEF §4, per area and for the whole study, with baselines.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, area_id, value, baseline, source``.
        For each indicator of :data:`INDICATORS` (in that order): one row per area of the study
        (in the order of the areas table), then one row with ``area_id == "all"`` that counts the
        distinct organisations, innovations or actors of the whole study. ``value`` counts over
        all waves, ``baseline`` over the first wave alone (both ``Int64``). ``source`` names the
        tables used and the first 12 hex digits of the study's data hash.

        When a table the indicator needs has no rows (``ties``, ``innovations``, ``events`` or
        ``participation`` absent or empty), ``value`` and ``baseline`` are NA for every row
        (:func:`missing_tables` names the tables); an existing but
        empty-for-a-period table gives 0. A study without any wave has NA baselines.

    Raises
    ------
    InnolabError
        When an area of the study has the id ``"all"``.

    Examples
    --------
    >>> ev = indicators(load_study("data/example"))  # doctest: +SKIP
    >>> ev[ev["area_id"] == "all"][["indicator", "value", "baseline"]]  # doctest: +SKIP
    """
    _check_no_all_area(study)
    look = _lookups(study)
    area_ids = study.area_ids
    waves = study.wave_ids
    missing = {ind.id: missing_tables(study, ind.id) for ind in INDICATORS.values()}
    value = _units(study, look, None, waves[-1] if waves else None, missing)
    baseline = (_units(study, look, {waves[0]}, waves[0], missing) if waves else {})

    n = len(area_ids) + 1
    frames = []
    for ind in INDICATORS.values():
        frames.append(pd.DataFrame({
            "indicator": [ind.id] * n,
            "area_id": area_ids + [ALL],
            "value": pd.array(_counts(value.get(ind.id), area_ids), dtype="Int64"),
            "baseline": pd.array(_counts(baseline.get(ind.id), area_ids), dtype="Int64"),
            "source": [f"{', '.join(ind.tables)} · data {study.short_hash}"] * n,
        }))
    out = pd.concat(frames, ignore_index=True)
    return out[list(COLUMNS)]


def people_mobilised_by(study: Study, by: str = "sector", wave: int | None = None) -> pd.DataFrame:
    """Distinct event participants per area and for the whole study, by sector or target group.

    The counts split ``people_mobilised`` of :func:`indicators`: an actor counts once, for its
    own area, whichever events it attended. No small counts are suppressed here; the report layer
    does that.

    Parameters
    ----------
    study : Study
        The study.
    by : {"sector", "target_group"}
        Split by the actor's sector (the five codes, vocabulary order) or target group (the five
        codes and ``"none"`` for actors in no target group).
    wave : int, optional
        Count the participants of this wave's events only; default: all waves.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id``, ``sector`` or ``target_group``, ``people_mobilised`` (``Int64``):
        one row per area (areas table order, then ``"all"``) and category. The counts of an area
        sum to its ``people_mobilised`` value. NA throughout when the study has no events or no
        participation.

    Raises
    ------
    ParameterError
        For an unknown ``by`` or a wave the study does not have.
    """
    if by not in ("sector", "target_group"):
        raise ParameterError(f"Unknown split by={by!r}: expected 'sector' or 'target_group'.")
    if wave is not None and wave not in study.wave_ids:
        raise ParameterError(f"Unknown wave {wave!r} in study {study.name!r}; the waves are: "
                             f"{', '.join(map(str, study.wave_ids))}.")
    _check_no_all_area(study)
    groups = (list(vocab.SECTORS) if by == "sector"
              else list(vocab.TARGET_GROUPS) + [NO_TARGET_GROUP])
    area_ids = study.area_ids
    index = pd.MultiIndex.from_product([area_ids + [ALL], groups], names=["area_id", by])
    if study.events.empty or study.participation.empty:
        counts = pd.array([pd.NA] * len(index), dtype="Int64")
    else:
        ids = _participants(study, None if wave is None else {wave})
        actors = study.actors.set_index("actor_id").reindex(ids)
        attr = actors[by].astype(object).where(actors[by].notna(), NO_TARGET_GROUP)
        table = (pd.DataFrame({"area_id": actors["area_id"].to_numpy(), by: attr.to_numpy()})
                 .groupby(["area_id", by]).size().unstack(fill_value=0)
                 .reindex(index=area_ids, columns=groups, fill_value=0))
        table.loc[ALL] = table.sum(axis=0)  # every actor has exactly one area and one category
        counts = pd.array(table.stack().reindex(index).to_numpy(), dtype="Int64")
    out = index.to_frame(index=False)
    out["people_mobilised"] = counts
    return out
