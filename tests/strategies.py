"""Hypothesis strategies that make valid study folders of many shapes (docs/data-format.md).

``studies()`` draws a :class:`StudySpec` — the rows of every table and the ``study.yaml`` — and
``StudySpec.write(folder)`` writes it as UTF-8 CSV files into a folder the test owns (a
``tempfile`` folder, so that a function-scoped fixture is not shared between examples). Shapes
covered: 1 to 60 areas; areas with 0, 1, 2 or many actors; 1 to 6 waves (declared in
``study.yaml`` or not); any subset of the optional tables (``participation`` only with
``events``); an area whose actors are all of one sector; a study without any ties; a study whose
applicants are all outside Helsinki; criteria answered by one respondent; unanswered criteria
(empty scores); now and then a study's own small criteria set on another scale.

``StudySpec.shape`` names the shape's features, so that a test can count the shapes it tried.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

SECTORS = ["people", "public", "private", "knowledge", "intermediary"]
TYPES = ["individual", "organisation"]
TARGET_GROUPS = ["", "youth", "senior", "immigrant", "unemployed", "disability"]
TIE_TYPES = ["collaboration", "information", "resources", "advice"]
EVENT_TYPES = ["kehra_meeting", "workshop", "forum", "public_event", "training", "peer_review"]
THEMES = ["group_renovation", "energy", "local_food", "community_space", "accessibility",
          "seniors", "safety", "other"]
STAGES = ["idea", "proposal", "prototype", "pilot", "sustained", "scaled"]
SUPPORT_TYPES = ["facilitation", "communication_it", "network_skills", "community_management",
                 "innovation", "project_skills", "mentoring"]
PEER_GROUPS = ["helsinki", "uusimaa_leader", "other"]
ROLES = ["applicant", "selected", "peer", "comparison"]
DISTRICTS = ["101", "201", "401", "603", "302"]
OUTSIDE = [("Tuusula", "FI"), ("Tallinn", "EE"), ("Riga", "LV"), ("Stockholm", "SE"),
           ("Mariehamn", "AX")]
OPTIONAL = ["events", "assessments", "innovations", "support", "peer_review"]
# A subset of the built-in criteria (innolab/resources/criteria.csv), two per dimension.
BUILTIN = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2",
           "7.1", "7.2"]

HEADERS = {
    "areas": ["area_id", "name", "municipality", "country", "role", "district_code",
              "population"],
    "actors": ["actor_id", "area_id", "sector", "type", "kind", "name", "target_group",
               "kehra_member", "joined_wave"],
    "ties": ["source", "target", "wave", "type", "weight"],
    "events": ["event_id", "area_id", "date", "wave", "type", "title"],
    "participation": ["event_id", "actor_id", "role"],
    "assessments": ["area_id", "wave", "assessor", "respondent_id", "respondent_sector",
                    "criterion_id", "score"],
    "criteria": ["criterion_id", "dimension_id", "dimension_en", "dimension_fi", "criterion_en",
                 "criterion_fi", "scale_min", "scale_max", "weight", "direction"],
    "innovations": ["innovation_id", "area_id", "wave", "title", "theme", "stage", "partners",
                    "ready_for_funding"],
    "support": ["area_id", "date", "wave", "type", "hours"],
    "peer_review": ["organisation", "group", "practice_id", "practice_en", "practice_fi",
                    "rating", "note"],
}


@dataclass
class StudySpec:
    """The tables of one generated study (rows of text cells) and what shape it has."""

    tables: dict[str, list[list[str]]]
    waves: list[int]
    declare_waves: bool
    shape: set[str] = field(default_factory=set)

    @property
    def area_ids(self) -> list[str]:
        return [row[0] for row in self.tables["areas"]]

    def write(self, folder: Path) -> Path:
        """Write the study as CSV files (and ``study.yaml``) into ``folder``; return it."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.tables.items():
            with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(HEADERS[name])
                w.writerows(rows)
        lines = ["name: generated", "title: A generated study"]
        if self.declare_waves:
            lines.append("waves:")
            lines += [f"  - {{wave: {w}, label: \"Wave {w}\", date: 2016-{1 + w % 12:02d}-15}}"
                      for w in self.waves]
        (folder / "study.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder


def _date(wave: int, day: int) -> str:
    return f"2016-{1 + wave % 12:02d}-{1 + day % 28:02d}"


@st.composite
def studies(draw, max_areas: int = 60) -> StudySpec:
    """A valid study of one of many shapes (see the module docstring)."""
    shape: set[str] = set()
    n_areas = draw(st.one_of(st.integers(1, 4), st.integers(1, max_areas)))
    n_waves = draw(st.integers(1, 6))
    waves = list(range(n_waves)) if draw(st.booleans()) else sorted(
        draw(st.sets(st.integers(0, 9), min_size=n_waves, max_size=n_waves)))
    declare = draw(st.booleans())
    outside_only = draw(st.booleans())
    no_ties = draw(st.integers(0, 5)) == 0
    optional = draw(st.sets(st.sampled_from(OPTIONAL)))
    own_criteria = "assessments" in optional and draw(st.integers(0, 5)) == 0
    shape |= {f"areas={'1' if n_areas == 1 else '2-4' if n_areas <= 4 else '5+'}",
              f"waves={n_waves}", *(f"table:{t}" for t in optional)}
    if outside_only:
        shape.add("applicants only outside Helsinki")
    if no_ties:
        shape.add("no ties at all")
    if own_criteria:
        shape.add("own criteria set")

    areas, actors, by_area = [], [], {}
    for i in range(n_areas):
        aid = f"a{i}"
        role = draw(st.sampled_from(ROLES + [""]))
        helsinki = draw(st.booleans()) and not (outside_only and role == "applicant")
        if helsinki:
            municipality, country = "Helsinki", "FI"
            district = draw(st.sampled_from(DISTRICTS + [""]))
        else:
            municipality, country = draw(st.sampled_from(OUTSIDE))
            district = ""
        population = draw(st.sampled_from(["", "0", "1200", "15000"]))
        areas.append([aid, f"Area {i}", municipality, country, role, district, population])
        size = draw(st.sampled_from([0, 1, 2, "many"]))
        n_act = draw(st.integers(3, 14)) if size == "many" else size
        shape.add(f"area with {size} actors")
        one_sector = n_act > 1 and draw(st.integers(0, 3)) == 0
        if one_sector:
            shape.add("area of one sector")
            sector_one = draw(st.sampled_from(SECTORS))
        ids = []
        for j in range(n_act):
            xid = f"x{i}_{j}"
            ids.append(xid)
            sector = sector_one if one_sector else draw(st.sampled_from(SECTORS))
            joined = draw(st.sampled_from(waves + [None]))
            actors.append([xid, aid, sector, draw(st.sampled_from(TYPES)), "",
                           f"Person {i} {j}", draw(st.sampled_from(TARGET_GROUPS)),
                           draw(st.sampled_from(["true", "false", ""])),
                           "" if joined is None else str(joined)])
        by_area[aid] = ids
    all_ids = [a[0] for a in actors]

    ties, seen = [], set()
    if not no_ties and len(all_ids) >= 2:
        for ids in by_area.values():
            if len(ids) < 2:
                continue
            for _ in range(draw(st.integers(0, 3 * len(ids)))):
                src, tgt = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
                if draw(st.integers(0, 9)) == 0:  # now and then a tie across areas
                    tgt = draw(st.sampled_from(all_ids))
                key = (src, tgt, draw(st.sampled_from(waves)), draw(st.sampled_from(TIE_TYPES)))
                if src != tgt and key not in seen:
                    seen.add(key)
                    ties.append([src, tgt, str(key[2]), key[3],
                                 draw(st.sampled_from(["", "1", "2", "0.5"]))])
    tables = {"areas": areas, "actors": actors, "ties": ties}
    area_ids = [a[0] for a in areas]

    if "events" in optional:
        events = []
        for k in range(draw(st.integers(0, 2 * n_areas + 2))):
            w = draw(st.sampled_from(waves))
            events.append([f"e{k}", draw(st.sampled_from(area_ids)), _date(w, k), str(w),
                           draw(st.sampled_from(EVENT_TYPES)), ""])
        tables["events"] = events
        if draw(st.booleans()):
            shape.add("table:participation")
            part, pseen = [], set()
            if events and all_ids:
                for _ in range(draw(st.integers(0, 4 * len(events)))):
                    pair = (draw(st.sampled_from(events))[0], draw(st.sampled_from(all_ids)))
                    if pair not in pseen:
                        pseen.add(pair)
                        part.append([*pair, draw(st.sampled_from(["", "participant",
                                                                   "organiser"]))])
            tables["participation"] = part

    if "assessments" in optional:
        if own_criteria:
            crit = [["c1", "D1", "One", "Yksi", "c one", "k yksi", "1", "5", "1", "1"],
                    ["c2", "D1", "One", "Yksi", "c two", "k kaksi", "1", "5", "2", "-1"],
                    ["c3", "D2", "Two", "Kaksi", "c three", "k kolme", "1", "5", "", ""]]
            tables["criteria"] = crit
            cids, lo, hi = ["c1", "c2", "c3"], 1, 5
        else:
            cids = draw(st.lists(st.sampled_from(BUILTIN), min_size=1, unique=True))
            lo, hi = 0, 4
        rows = []
        for aid in draw(st.lists(st.sampled_from(area_ids), unique=True)):
            for w in draw(st.lists(st.sampled_from(waves), min_size=1, unique=True)):
                for assessor in draw(st.lists(st.sampled_from(["self", "external",
                                                               "application"]),
                                              min_size=1, unique=True)):
                    n_resp = draw(st.sampled_from([1, 1, 2, 3, 5]))
                    if n_resp == 1:
                        shape.add("criteria answered by one respondent")
                    for r in range(n_resp):
                        rsector = draw(st.sampled_from(SECTORS + ["steering_group", ""]))
                        for cid in cids:
                            missing = draw(st.integers(0, 6)) == 0
                            if missing:
                                shape.add("missing answers")
                            score = "" if missing else str(draw(st.integers(lo, hi)))
                            rows.append([aid, str(w), assessor, f"r{r}", rsector, cid, score])
        tables["assessments"] = rows

    if "innovations" in optional:
        rows = []
        for k in range(draw(st.integers(0, n_areas + 2))):
            aid = draw(st.sampled_from(area_ids))
            theme = draw(st.sampled_from(THEMES))
            for w in draw(st.lists(st.sampled_from(waves), min_size=1, unique=True)):
                partners = draw(st.lists(st.sampled_from(all_ids), unique=True, max_size=3)) \
                    if all_ids else []
                rows.append([f"i{k}", aid, str(w), "", theme, draw(st.sampled_from(STAGES)),
                             ";".join(partners), draw(st.sampled_from(["true", "false", ""]))])
        tables["innovations"] = rows

    if "support" in optional:
        rows = []
        for k in range(draw(st.integers(0, 2 * n_areas))):
            w = draw(st.sampled_from(waves + [None]))
            rows.append([draw(st.sampled_from(area_ids)), _date(0 if w is None else w, k),
                         "" if w is None else str(w), draw(st.sampled_from(SUPPORT_TYPES)),
                         draw(st.sampled_from(["0", "1", "2.5", "8"]))])
        tables["support"] = rows

    if "peer_review" in optional:
        rows = []
        practices = [f"P{p}" for p in range(draw(st.integers(1, 4)))]
        for o in range(draw(st.integers(0, 8))):
            group = draw(st.sampled_from(PEER_GROUPS))
            for p in draw(st.lists(st.sampled_from(practices), unique=True)):
                rows.append([f"Org {o}", group, p, f"Practice {p}", f"Käytäntö {p}",
                             str(draw(st.integers(1, 5))), ""])
        tables["peer_review"] = rows

    return StudySpec(tables=tables, waves=waves, declare_waves=declare, shape=shape)
