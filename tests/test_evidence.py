"""Tests of innolab.evidence: the evidence indicators of BRIEF §4 ("Evidence indicators, exact
definitions") on a hand-built study whose every count was worked out by hand from those
definitions, and their invariants on the example study.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import REPO, write_rows

import innolab
from innolab.errors import InnolabError, ParameterError
from innolab.evidence import indicators as ev
from innolab.reports import evidence_views as views

AREAS = ["A", "B", "E", "S"]
IDS = list(ev.INDICATORS)


def _write_study(folder, waves=(0, 1, 2), tables=None, skip=()):
    """Write a study folder from plain rows (tables: name -> (header, rows)) and load it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yaml").write_text(yaml.safe_dump({
        "name": "evidence", "language": "en",
        "waves": [{"wave": w, "label": f"W{w}", "date": f"2016-0{w + 1}-28"} for w in waves]}))
    for name, (header, rows) in tables.items():
        if name not in skip:
            write_rows(folder / f"{name}.csv", [header] + [list(map(str, r)) for r in rows])
    return innolab.load_study(folder)


# The hand-built study. Areas: A (Helsinki, FI), B (Espoo, FI), E (Tallinn, EE), S (Stockholm,
# SE). Waves 0, 1, 2. Every actor has a made-up "name" that must never reach the output.
HAND = {
    "areas": (["area_id", "name", "municipality", "country", "role"], [
        ("A", "Alfa", "Helsinki", "FI", "selected"),
        ("B", "Beeta", "Espoo", "FI", "peer"),
        ("E", "Eesti", "Tallinn", "EE", "comparison"),
        ("S", "Svea", "Stockholm", "SE", "comparison"),
    ]),
    "actors": (["actor_id", "area_id", "sector", "type", "name", "target_group"], [
        ("a1", "A", "people", "organisation", "Secret Name Aino", ""),
        ("a2", "A", "private", "organisation", "Secret Name Kalle", ""),
        ("a3", "A", "people", "individual", "Secret Name Ville", "youth"),
        ("a4", "A", "public", "organisation", "Secret Name Virasto", ""),
        ("b1", "B", "knowledge", "organisation", "Secret Name Koulu", ""),
        ("b2", "B", "people", "organisation", "Secret Name Seura", ""),
        ("e1", "E", "public", "organisation", "Secret Name Linnavalitsus", ""),
        ("s1", "S", "private", "organisation", "Secret Name Företag", ""),
        ("s2", "S", "people", "individual", "Secret Name Sven", "senior"),
    ]),
    "ties": (["source", "target", "wave", "type"], [
        ("a1", "e1", 0, "collaboration"),   # FI org – EE org: cross-border (wave 0 only)
        ("a1", "s1", 2, "collaboration"),   # the same FI org – SE org: a second border, last wave
        ("a2", "e1", 0, "collaboration"),   # FI – EE, reported by both ends (counts once) …
        ("e1", "a2", 0, "collaboration"),   # … and only in wave 0 (not in rcr84)
        ("a4", "b1", 0, "collaboration"),   # A – B: cross-district, same country
        ("b2", "b1", 2, "collaboration"),   # within B: neither
        ("a3", "s1", 1, "collaboration"),   # individual a3 across a border: does not count
        ("a4", "e1", 2, "information"),     # information tie across a border: does not count
        ("b2", "s2", 1, "collaboration"),   # org to an individual across a border: does not count
    ]),
    "innovations": (["innovation_id", "area_id", "wave", "theme", "stage", "partners"], [
        ("i1", "A", 0, "energy", "prototype", "a1"),
        ("i1", "A", 1, "energy", "pilot", "a1;a4"),      # reached pilot …
        ("i1", "A", 2, "energy", "prototype", "a1"),     # … and fell back: still a pilot action
        ("i2", "A", 0, "local_food", "idea", "a1"),
        ("i2", "A", 1, "local_food", "pilot", "a1;b2"),  # partners from one sector (people)
        ("i3", "E", 0, "safety", "pilot", "e1"),         # one partner in wave 0 …
        ("i3", "E", 2, "safety", "sustained", "a2"),     # … another later: EE + FI, public+private
        ("i4", "B", 0, "seniors", "sustained", "b1"),    # sustained from the first wave
        ("i4", "B", 1, "seniors", "scaled", "b1"),
        ("i5", "S", 2, "other", "idea", "s1;s2"),        # two sectors but never piloted
    ]),
    "events": (["event_id", "area_id", "date", "wave", "type"], [
        ("ev0", "A", "2016-01-10", 0, "workshop"),
        ("ev1", "B", "2016-02-10", 1, "forum"),
        ("ev2", "E", "2016-03-10", 2, "peer_review"),
    ]),
    "participation": (["event_id", "actor_id", "role"], [
        ("ev0", "a1", "participant"),
        ("ev2", "a1", "participant"),  # a1 at two events: once
        ("ev0", "a3", "participant"),  # a3 (of A) at events of A and of B: once, for A
        ("ev1", "a3", "participant"),
        ("ev1", "b2", "organiser"),    # organisers count too
        ("ev2", "e1", "participant"),
        ("ev0", "s2", "participant"),  # s2 (of S) at A's event: counts for S
    ]),
}


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """The hand-built study above, loaded."""
    return _write_study(tmp_path_factory.mktemp("evidence"), tables=HAND)


@pytest.fixture(scope="module")
def hand_ind(hand):
    return ev.indicators(hand)


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


@pytest.fixture(scope="module")
def example_ind(example):
    return ev.indicators(example)


def _get(table, indicator, column="value") -> dict:
    rows = table[table["indicator"] == indicator]
    return {a: (None if pd.isna(v) else int(v)) for a, v in zip(rows["area_id"], rows[column],
                                                               strict=True)}


# ---------------------------------------------------------------------------------------------
# Shape


def test_columns_rows_and_order(hand, hand_ind):
    """One row per indicator (in INDICATORS order) per area (areas table order), then "all"."""
    assert list(hand_ind.columns) == ["indicator", "area_id", "value", "baseline", "source"]
    # the report layer adds the bilingual definitions, keeping the rows and the counts
    with_defs = views.indicators_with_definitions(hand)
    assert list(with_defs.columns) == ["indicator", "area_id", "value", "baseline",
                                       "definition_en", "definition_fi", "source"]
    pd.testing.assert_frame_equal(with_defs.drop(columns=["definition_en", "definition_fi"]),
                                  hand_ind)
    assert hand_ind["indicator"].tolist() == [i for i in IDS for _ in range(5)]
    assert hand_ind["area_id"].tolist() == (AREAS + ["all"]) * len(IDS)
    assert str(hand_ind["value"].dtype) == "Int64" and str(hand_ind["baseline"].dtype) == "Int64"
    assert IDS == ["rco87_orgs_cross_border", "orgs_cross_district",
                   "rcr84_orgs_cross_border_last_wave", "rco84_pilot_actions",
                   "rco116_joint_solutions_sectors", "rco116_joint_solutions_countries",
                   "rcr104_solutions_taken_up", "people_mobilised"]


# ---------------------------------------------------------------------------------------------
# BRIEF §4: organisations cooperating across borders / district boundaries


def test_rco87_orgs_cross_border(hand_ind):
    """BRIEF §4 RCO87-type, over all waves. Collaboration org–org ties across a country border:
    a1–e1 (w0), a1–s1 (w2), a2–e1 (w0, both directions). So a1 (tied to EE and SE: once) and a2
    count in A, e1 in E, s1 in S. a3 is an individual (its tie to s1 does not count); a4's tie to
    e1 is an information tie; b2's tie across the border goes to an individual (s2); a4–b1 is
    cross-district but in one country."""
    assert _get(hand_ind, "rco87_orgs_cross_border") == {
        "A": 2, "B": 0, "E": 1, "S": 1, "all": 4}


def test_rco87_baseline(hand_ind):
    """BRIEF §4 baseline = first wave (w0) alone: a1–e1 and a2–e1 (both directions) → a1, a2 in
    A, e1 in E; a1–s1 is a wave-2 tie, so S has 0."""
    assert _get(hand_ind, "rco87_orgs_cross_border", "baseline") == {
        "A": 2, "B": 0, "E": 1, "S": 0, "all": 3}


def test_orgs_cross_district(hand_ind):
    """BRIEF §4 "another area" instead of "another country": every cross-border org (a1, a2, e1,
    s1) plus the same-country pair a4 (A) – b1 (B). b2–b1 is within B; b2–s2 goes to an
    individual. A: a1, a2, a4 = 3; B: b1 = 1; E: e1; S: s1; all 6."""
    assert _get(hand_ind, "orgs_cross_district") == {"A": 3, "B": 1, "E": 1, "S": 1, "all": 6}


def test_orgs_cross_district_baseline(hand_ind):
    """Wave 0: a1–e1, a2–e1, a4–b1 → A: a1, a2, a4; B: b1; E: e1; S: none; all 5."""
    assert _get(hand_ind, "orgs_cross_district", "baseline") == {
        "A": 3, "B": 1, "E": 1, "S": 0, "all": 5}


def test_rcr84_still_cooperating_in_last_wave(hand_ind):
    """BRIEF §4 RCR84-type: of the rco87 orgs (a1, a2, e1, s1), those with a cross-border
    collaboration tie in the last wave (2): only a1–s1. a2 and e1 cooperated across the border in
    wave 0 only; a4–e1 in wave 2 is an information tie. A: a1; S: s1; all 2."""
    assert _get(hand_ind, "rcr84_orgs_cross_border_last_wave") == {
        "A": 1, "B": 0, "E": 0, "S": 1, "all": 2}


def test_rcr84_baseline_is_rco87_baseline(hand_ind):
    """The baseline period is the first wave alone, so its last wave is that wave: the rcr84
    baseline equals the rco87 baseline (A 2, E 1, all 3)."""
    assert _get(hand_ind, "rcr84_orgs_cross_border_last_wave", "baseline") == {
        "A": 2, "B": 0, "E": 1, "S": 0, "all": 3}


# ---------------------------------------------------------------------------------------------
# BRIEF §4: pilot actions, joint solutions, solutions taken up


def test_rco84_pilot_actions(hand_ind):
    """BRIEF §4 RCO84-type: furthest stage pilot or later. i1 (A) reached pilot in w1 and fell
    back to prototype: counts. i2 (A) pilot; i3 (E) sustained; i4 (B) scaled; i5 (S) only an
    idea. A 2, B 1, E 1, S 0, all 4."""
    assert _get(hand_ind, "rco84_pilot_actions") == {"A": 2, "B": 1, "E": 1, "S": 0, "all": 4}


def test_rco84_baseline(hand_ind):
    """Wave 0 rows alone: i1 prototype, i2 idea, i3 pilot (E), i4 sustained (B) → B 1, E 1."""
    assert _get(hand_ind, "rco84_pilot_actions", "baseline") == {
        "A": 0, "B": 1, "E": 1, "S": 0, "all": 2}


def test_rco116_sectors(hand_ind):
    """BRIEF §4 RCO116-type, local reading: at pilot or later and partners (union over rows) from
    ≥ 2 sectors. i1: a1 people + a4 public → yes (A). i2: a1, b2 both people → no. i3: e1
    public + a2 private → yes (E). i4: b1 only → no. i5: two sectors but an idea → no."""
    assert _get(hand_ind, "rco116_joint_solutions_sectors") == {
        "A": 1, "B": 0, "E": 1, "S": 0, "all": 2}


def test_rco116_countries(hand_ind):
    """BRIEF §4 RCO116-type, strict reading: partners from ≥ 2 countries. Only i3: e1 (EE) in
    w0 and a2 (FI) in w2. i1's and i2's partners are all in Finland; i5 is not at pilot."""
    assert _get(hand_ind, "rco116_joint_solutions_countries") == {
        "A": 0, "B": 0, "E": 1, "S": 0, "all": 1}


def test_rco116_baseline(hand_ind):
    """Wave 0: the innovations at pilot or later are i3 (partner e1 only: one sector, one
    country) and i4 (b1 only): neither reading counts anything."""
    for ind in ("rco116_joint_solutions_sectors", "rco116_joint_solutions_countries"):
        assert _get(hand_ind, ind, "baseline") == {"A": 0, "B": 0, "E": 0, "S": 0, "all": 0}


def test_rcr104_solutions_taken_up(hand_ind):
    """BRIEF §4 RCR104-type: furthest stage sustained or scaled: i3 (E, sustained in w2) and i4
    (B, scaled). Baseline (w0): i4 was already sustained, i3 only a pilot."""
    assert _get(hand_ind, "rcr104_solutions_taken_up") == {
        "A": 0, "B": 1, "E": 1, "S": 0, "all": 2}
    assert _get(hand_ind, "rcr104_solutions_taken_up", "baseline") == {
        "A": 0, "B": 1, "E": 0, "S": 0, "all": 1}


# ---------------------------------------------------------------------------------------------
# BRIEF §4: people mobilised


def test_people_mobilised(hand_ind):
    """BRIEF §4: distinct actors at ≥ 1 event, each in its own area (as innolab.mobilisation).
    a1 (2 events) and a3 (events of A and of B) count once each, for A; b2 (organiser) for B; e1
    for E; s2 (at A's event) for S. So B has 1 although a3 also came to its event, and "all" is
    5 distinct actors."""
    assert _get(hand_ind, "people_mobilised") == {"A": 2, "B": 1, "E": 1, "S": 1, "all": 5}


def test_people_mobilised_baseline(hand_ind):
    """Wave 0 has only ev0 (area A): a1, a3 (of A) and s2 (of S)."""
    assert _get(hand_ind, "people_mobilised", "baseline") == {
        "A": 2, "B": 0, "E": 0, "S": 1, "all": 3}


def test_people_mobilised_by_sector(hand):
    """The same five actors by sector: A a1, a3 people; B b2 people; E e1 public; S s2 people."""
    t = ev.people_mobilised_by(hand, "sector")
    assert list(t.columns) == ["area_id", "sector", "people_mobilised"]
    assert len(t) == 5 * 5  # (4 areas + all) × 5 sectors
    got = {(a, s): int(n) for a, s, n in t.itertuples(index=False) if n}
    assert got == {("A", "people"): 2, ("B", "people"): 1, ("E", "public"): 1,
                   ("S", "people"): 1, ("all", "people"): 4, ("all", "public"): 1}


def test_people_mobilised_by_target_group_and_wave(hand):
    """By target group: a3 youth (A), s2 senior (S), a1, b2, e1 in none. Wave 1 alone: ev1 in B
    had a3 (counted for A) and b2 (for B)."""
    t = ev.people_mobilised_by(hand, "target_group")
    assert t["target_group"].unique().tolist() == [
        "youth", "senior", "immigrant", "unemployed", "disability", "none"]
    got = {(a, g): int(n) for a, g, n in t.itertuples(index=False) if n}
    assert got == {("A", "youth"): 1, ("A", "none"): 1, ("B", "none"): 1, ("E", "none"): 1,
                   ("S", "senior"): 1, ("all", "youth"): 1, ("all", "senior"): 1,
                   ("all", "none"): 3}
    w1 = ev.people_mobilised_by(hand, "sector", wave=1)
    got = {(a, s): int(n) for a, s, n in w1.itertuples(index=False) if n}
    assert got == {("A", "people"): 1, ("B", "people"): 1, ("all", "people"): 2}


def test_people_mobilised_by_bad_arguments(hand):
    with pytest.raises(ParameterError, match="sector"):
        ev.people_mobilised_by(hand, "kind")
    with pytest.raises(ParameterError, match="0, 1, 2"):
        ev.people_mobilised_by(hand, "sector", wave=7)


# ---------------------------------------------------------------------------------------------
# Definitions, source, privacy


def test_definitions_and_source(hand, hand_ind):
    """Each row carries its indicator's bilingual definition and names its tables and the data."""
    with_defs = views.indicators_with_definitions(hand)
    for ind in ev.INDICATORS.values():
        rows = with_defs[with_defs["indicator"] == ind.id]
        assert (rows["definition_en"] == views.indicator_definition(ind.id, "en")).all()
        assert (rows["definition_fi"] == views.indicator_definition(ind.id, "fi")).all()
        rows = hand_ind[hand_ind["indicator"] == ind.id]
        assert (rows["source"] == f"{', '.join(ind.tables)} · data {hand.short_hash}").all()
    assert len(hand.short_hash) == 12
    src = hand_ind.set_index("indicator")["source"]
    assert src["rco87_orgs_cross_border"].iloc[0].startswith("ties, actors, areas · data ")
    assert src["people_mobilised"].iloc[0].startswith("participation, events, actors · ")
    fi = " ".join(views.indicator_definition(d, "fi") for d in ev.INDICATORS)
    assert "ä" in fi and "ö" in fi
    assert "own area" in views.indicator_definition("people_mobilised", "en")
    assert "omalle alueelleen" in views.indicator_definition("people_mobilised", "fi")
    # a definition is its own sentence, then the shared ones (ties, stages, the period)
    pilots = views.indicator_definition("rco84_pilot_actions", "en")
    assert pilots.startswith("Pilot actions (RCO84-type): innovations that reached stage pilot "
                             "or later. Stages in order: idea < proposal < prototype < pilot")
    assert pilots.endswith(" Value: over all waves of the study; baseline: the same count over "
                           "the first wave alone.")


def test_indicator_definitions_table():
    for lang in ("en", "fi"):
        t = views.indicator_definitions(lang)
        assert list(t.columns) == ["indicator", "interreg", "label", "definition", "tables"]
        assert t["indicator"].tolist() == IDS
        assert t["definition"].str.len().min() > 100
    fi = views.indicator_definitions("fi").set_index("indicator")
    assert fi.loc["rco84_pilot_actions", "label"] == "Pilottitoimet"
    assert fi.loc["rco87_orgs_cross_border", "interreg"] == "RCO87"
    assert fi.loc["orgs_cross_district", "interreg"] == ""
    with pytest.raises(ParameterError):
        views.indicator_definitions("sv")


def test_names_never_in_output(hand, hand_ind, example, example_ind):
    """BRIEF §5: actors' names are personal data and never appear in a report."""
    for study, table in ((hand, hand_ind), (example, example_ind)):
        names = set(study.actors["name"].dropna())
        assert names
        text = table.to_csv() + views.indicators_with_definitions(study).to_csv()
        for by in ("sector", "target_group"):
            text += ev.people_mobilised_by(study, by).to_csv()
        assert not any(n in text for n in names)
        assert not (set(table.to_numpy().ravel().astype(str)) & names)


# ---------------------------------------------------------------------------------------------
# Missing tables, one wave, a reserved id


def test_absent_tables_give_na_and_say_why(tmp_path):
    """No innovations, events or participation files: those indicators are NA (value and
    baseline) everywhere and the definitions say which table is missing; the tie indicators are
    still counted."""
    study = _write_study(tmp_path / "s", tables=HAND,
                         skip=("innovations", "events", "participation"))
    t = views.indicators_with_definitions(study)
    assert ev.missing_tables(study, "people_mobilised") == ["participation", "events"]
    assert ev.missing_tables(study, "rco87_orgs_cross_border") == []
    for ind in ("rco84_pilot_actions", "rco116_joint_solutions_sectors",
                "rco116_joint_solutions_countries", "rcr104_solutions_taken_up"):
        rows = t[t["indicator"] == ind]
        assert rows["value"].isna().all() and rows["baseline"].isna().all()
        assert rows["definition_en"].str.contains("Not measured: the study's innovations table "
                                                  "has no rows").all()
        assert rows["definition_fi"].str.contains("Ei mitattu: tutkimuksen innovations-"
                                                  "taulukossa").all()
    rows = t[t["indicator"] == "people_mobilised"]
    assert rows["value"].isna().all() and rows["baseline"].isna().all()
    assert rows["definition_en"].str.contains("the study's participation, events tables have no "
                                              "rows").all()
    assert rows["definition_fi"].str.contains("taulukoissa participation, events ei").all()
    assert _get(t, "rco87_orgs_cross_border") == {"A": 2, "B": 0, "E": 1, "S": 1, "all": 4}
    assert not t[t["indicator"] == "rco87_orgs_cross_border"]["definition_en"].str.contains(
        "Not measured").any()
    by = ev.people_mobilised_by(study, "sector")
    assert len(by) == 25 and by["people_mobilised"].isna().all()


def test_empty_ties_table_gives_na(tmp_path):
    """A ties table with a header and no rows: the three tie indicators are NA."""
    tables = dict(HAND, ties=(HAND["ties"][0], []))
    t = ev.indicators(_write_study(tmp_path / "s", tables=tables))
    for ind in IDS[:3]:
        assert t.loc[t["indicator"] == ind, "value"].isna().all()
    assert _get(t, "rco84_pilot_actions")["all"] == 4


def test_one_wave_period(tmp_path):
    """With one wave the baseline period is the whole period: value == baseline everywhere, and
    rcr84 (last wave = that wave) equals rco87. Only the wave-0 rows of HAND are kept: a1, a2 in
    A and e1 in E cooperate across borders."""
    tables = {name: (h, rows) for name, (h, rows) in HAND.items()}
    for name in ("ties", "innovations", "events"):
        h, rows = tables[name]
        w = h.index("wave")
        tables[name] = (h, [r for r in rows if r[w] == 0])
    keep = {r[0] for r in tables["events"][1]}
    tables["participation"] = (HAND["participation"][0],
                               [r for r in HAND["participation"][1] if r[0] in keep])
    t = ev.indicators(_write_study(tmp_path / "s", waves=(0,), tables=tables))
    assert (t["value"] == t["baseline"]).all()
    assert _get(t, "rcr84_orgs_cross_border_last_wave") == _get(t, "rco87_orgs_cross_border") == {
        "A": 2, "B": 0, "E": 1, "S": 0, "all": 3}


def test_area_called_all_is_refused(tmp_path):
    tables = dict(HAND)
    h, rows = HAND["areas"]
    tables["areas"] = (h, [("all" if r[0] == "S" else r[0], *r[1:]) for r in rows])
    h, rows = HAND["actors"]
    tables["actors"] = (h, [(r[0], "all" if r[1] == "S" else r[1], *r[2:]) for r in rows])
    h, rows = HAND["innovations"]
    tables["innovations"] = (h, [(r[0], "all" if r[1] == "S" else r[1], *r[2:]) for r in rows])
    study = _write_study(tmp_path / "s", tables=tables)
    with pytest.raises(InnolabError, match="'all'"):
        ev.indicators(study)


# ---------------------------------------------------------------------------------------------
# The example study


def test_example_study_shape_and_bounds(example, example_ind):
    """data/example: one row per indicator × (12 areas + all); no NA (every table exists); the
    whole-study count is at least each area's and at most their sum (distinct units, each
    counted in one area)."""
    assert len(example.areas) == 12
    assert len(example_ind) == len(IDS) * 13
    assert example_ind["area_id"].tolist() == (example.area_ids + ["all"]) * len(IDS)
    assert not example_ind[["value", "baseline"]].isna().any().any()
    for column in ("value", "baseline"):
        wide = example_ind.pivot(index="indicator", columns="area_id", values=column)
        areas = wide[example.area_ids].astype("int64")
        total = wide["all"].astype("int64")
        assert (total >= areas.max(axis=1)).all()
        assert (total <= areas.sum(axis=1)).all()
    wide = example_ind.pivot(index="indicator", columns="area_id", values="value")
    assert (wide.loc["rcr84_orgs_cross_border_last_wave"] <= wide.loc["rco87_orgs_cross_border"]
            ).all()
    assert (wide.loc["rco87_orgs_cross_border"] <= wide.loc["orgs_cross_district"]).all()
    assert (wide.loc["rco116_joint_solutions_sectors"] <= wide.loc["rco84_pilot_actions"]).all()
    assert (wide.loc["rcr104_solutions_taken_up"] <= wide.loc["rco84_pilot_actions"]).all()
    assert int(wide.loc["people_mobilised", "all"]) > 0


def test_example_people_by_sums_to_people_mobilised(example, example_ind):
    """people_mobilised_by splits people_mobilised: per area, the categories sum to it."""
    want = _get(example_ind, "people_mobilised")
    for by in ("sector", "target_group"):
        t = ev.people_mobilised_by(example, by)
        sums = t.groupby("area_id", sort=False)["people_mobilised"].sum()
        assert {a: int(v) for a, v in sums.items()} == want
    last = example.wave_ids[-1]
    base = ev.people_mobilised_by(example, "sector", wave=example.wave_ids[0])
    sums = base.groupby("area_id", sort=False)["people_mobilised"].sum()
    assert {a: int(v) for a, v in sums.items()} == _get(example_ind, "people_mobilised",
                                                         "baseline")
    assert np.all(ev.people_mobilised_by(example, "sector", wave=last)["people_mobilised"] >= 0)
