"""The study format of BRIEF §5: loading, and a bad-input case for every validation rule.

Each bad-input case breaks one thing in a valid copy of the mini study and checks that the error
names the file, the spreadsheet row, the column, the value and what was expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import warnings

import openpyxl
import pandas as pd
import pytest
from conftest import DATA, append_row, read_rows, set_cell, write_rows

import innolab
from innolab import StudyError, StudyWarning, load_study
from innolab.data.study import TABLES


def problems_of(path) -> list[str]:
    with pytest.raises(StudyError) as info:
        load_study(path)
    assert info.value.problems, "a StudyError must list its problems"
    return [str(p) for p in info.value.problems]


def assert_problem(path, *parts):
    """Exactly one problem mentions all parts (file, row, column, value, expectation)."""
    found = [p for p in problems_of(path) if all(part in p for part in parts)]
    assert found, f"no problem with {parts}; got {problems_of(path)}"
    return found[0]


# ---------------------------------------------------------------------------------------------
# A valid study


def test_mini_study_loads_with_typed_tables(mini):
    study = load_study(mini)
    assert study.name == "mini" and study.language == "fi"
    assert study.area_ids == ["maunula", "tuusula", "kalamaja"]
    assert study.wave_ids == [0, 1]
    assert study.wave_label(1) == "Kevät 2016"
    assert study.ties["wave"].dtype == "int64"
    assert study.ties["weight"].tolist()[2] == 2.0
    assert study.actors["kehra_member"].dtype == bool
    assert study.actors.loc[study.actors.actor_id == "m2", "target_group"].item() == "senior"
    assert pd.isna(study.actors.loc[study.actors.actor_id == "m1", "target_group"].item())
    assert study.innovations["partners"].tolist()[1] == ("m1", "m3", "m4")
    assert study.events["date"].iloc[0] == pd.Timestamp("2015-12-02")
    # an unanswered score stays missing, it is not zero
    assert study.assessments["score"].isna().sum() == 1
    # the criteria table is absent, so the built-in set of BRIEF §3 applies
    assert len(study.criteria) == 29
    assert study.warnings == []


def test_absent_optional_tables_are_empty_frames_with_columns(mini):
    for name in ("events", "participation", "assessments", "innovations", "support",
                 "peer_review"):
        (mini / f"{name}.csv").unlink()
    study = load_study(mini)
    for name in ("events", "participation", "assessments", "innovations", "support",
                 "peer_review"):
        frame = getattr(study, name)
        assert frame.empty
        assert list(frame.columns) == TABLES[name].column_names


def test_data_hash_is_stable_and_changes_with_the_data(mini, tmp_path):
    h1 = load_study(mini).data_hash
    assert load_study(mini).data_hash == h1 and len(h1) == 64
    set_cell(mini / "ties.csv", 2, "weight", "3")
    assert load_study(mini).data_hash != h1


def test_builtin_criteria_set():
    crit = innolab.load_criteria()
    assert crit["criterion_id"].tolist()[:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert crit["criterion_id"].iloc[-1] == "7.4"
    assert crit.groupby("dimension_id").size().to_dict() == {
        "D1": 4, "D2": 4, "D3": 4, "D4": 5, "D5": 4, "D6": 4, "D7": 4}
    assert (crit["scale_min"] == 0).all() and (crit["scale_max"] == 4).all()
    row = crit.set_index("criterion_id").loc["2.2"]
    assert row["criterion_fi"] == "Kaupunginosarajat ylittävä verkostoituminen"
    assert row["dimension_en"] == "Networks"


def test_study_criteria_table_replaces_the_builtin_set(mini):
    write_rows(mini / "criteria.csv", [
        ["criterion_id", "dimension_id", "criterion_en", "scale_min", "scale_max"],
        ["1.1", "D1", "Active parties", "0", "4"],
        ["1.2", "D1", "Tripartite", "0", "4"],
        ["8.1", "D8", "A new one", "1", "10"],
    ])
    append_row(mini / "assessments.csv", {"area_id": "maunula", "wave": "0", "assessor": "self",
                                          "respondent_id": "m1", "criterion_id": "8.1",
                                          "score": "7"})
    study = load_study(mini)
    assert study.criteria["criterion_id"].tolist() == ["1.1", "1.2", "8.1"]
    assert study.criteria["weight"].tolist() == [1.0, 1.0, 1.0]  # the default


# ---------------------------------------------------------------------------------------------
# Dialects: Finnish Excel CSV and the workbook give the same tables


def _tables(study):
    return {name: getattr(study, name) for name in TABLES}


def _assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=False,
                                      obj=name)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_finnish_excel_csv_dialect(mini, tmp_path, encoding):
    reference = load_study(mini)
    excel = tmp_path / "excel"
    excel.mkdir()
    shutil.copy(mini / "study.yaml", excel / "study.yaml")
    for f in mini.glob("*.csv"):
        rows = read_rows(f)
        rows = [[c.replace(".", ",") if f.stem in ("ties", "support") and c[:1].isdigit()
                 and "." in c and h in ("weight", "hours") else c
                 for c, h in zip(r, rows[0], strict=False)] for r in rows]
        # Excel writes dates as d.m.yyyy in Finnish locale and booleans in capitals
        if f.stem == "events":
            rows = [rows[0]] + [[r[0], r[1], "{2}.{1}.{0}".format(*map(int, r[2].split("-"))),
                                 *r[3:]] for r in rows[1:]]
        if f.stem == "actors":
            rows = [[c.upper() if c in ("true", "false") else c for c in r] for r in rows]
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
        (excel / f.name).write_bytes(buf.getvalue().encode(encoding))
    raw = (excel / "events.csv").read_bytes()
    assert (b"Kehr\xe4n" in raw) if encoding == "cp1252" else raw.startswith(b"\xef\xbb\xbf")
    assert b'"m1;m3"' in (excel / "innovations.csv").read_bytes()
    study = load_study(excel)
    assert (excel / "support.csv").read_text(encoding=encoding).count("3,5") == 1
    _assert_same_tables(reference, study)


def _write_workbook(src, dest):
    """The mini study as study.xlsx with typed cells, as Excel would store them."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for f in sorted(src.glob("*.csv")):
        ws = wb.create_sheet(f.stem)
        rows = read_rows(f)
        ws.append(rows[0])
        for r in rows[1:]:
            cells = []
            for h, c in zip(rows[0], r, strict=True):
                if c in ("true", "false"):
                    cells.append(c == "true")
                elif h == "date":
                    cells.append(dt.datetime.fromisoformat(c))
                elif h in ("wave", "joined_wave", "rating", "score", "weight", "hours") and c:
                    cells.append(float(c) if "." in c else int(c))
                else:
                    cells.append(c or None)
            ws.append(cells)
    wb.create_sheet("notes").append(["anything"])
    wb.save(dest / "study.xlsx")


def test_workbook_gives_the_same_tables(mini, tmp_path):
    reference = load_study(mini)
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(mini / "study.yaml", book / "study.yaml")
    _write_workbook(mini, book)
    with pytest.warns(StudyWarning, match="sheet 'notes' is not a table"):
        study = load_study(book)
    _assert_same_tables(reference, study)


def test_workbook_errors_name_the_sheet_and_row(mini, tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    _write_workbook(mini, book)
    wb = openpyxl.load_workbook(book / "study.xlsx")
    wb["actors"]["C3"] = "residents"  # sector of m2, spreadsheet row 3
    wb.save(book / "study.xlsx")
    assert_problem(book, "study.xlsx:actors, row 3, column 'sector'", "'residents'",
                   "expected one of: people, public")


def test_workbook_and_csv_together_is_an_error(mini, tmp_path):
    _write_workbook(mini, mini)
    assert_problem(mini, "both study.xlsx and table CSV files")


def test_damaged_workbook(mini, tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    (book / "study.xlsx").write_bytes(b"not a zip file")
    assert_problem(book, "study.xlsx", "not readable as an Excel workbook")


# ---------------------------------------------------------------------------------------------
# Files and headers


def test_not_a_folder(tmp_path):
    assert_problem(tmp_path / "nowhere", "expected a study folder")


@pytest.mark.parametrize("table", ["areas", "actors", "ties"])
def test_required_table_missing(mini, table):
    (mini / f"{table}.csv").unlink()
    assert_problem(mini, f"the required table {table!r} is missing", f"{table}.csv")


def test_misnamed_table_file_gets_a_hint_and_a_warning(mini):
    (mini / "actors.csv").rename(mini / "actor.csv")
    assert_problem(mini, "the required table 'actors' is missing", "did you mean 'actor.csv'")


def test_stray_file_is_a_warning(mini):
    (mini / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.warns(StudyWarning, match="notes.csv: not a table of the format"):
        load_study(mini)


def test_required_column_missing(mini):
    rows = read_rows(mini / "actors.csv")
    i = rows[0].index("sector")
    write_rows(mini / "actors.csv", [r[:i] + r[i + 1:] for r in rows])
    assert_problem(mini, "actors.csv, row 1, column 'sector'", "required column 'sector'")


def test_misspelt_required_column_gets_a_hint(mini):
    set_cell(mini / "ties.csv", 1, "weight", "wieght")
    set_cell(mini / "ties.csv", 1, "target", "targte")
    assert_problem(mini, "ties.csv, row 1, column 'target'", "did you mean 'targte'")


def test_duplicate_column_in_header(mini):
    set_cell(mini / "areas.csv", 1, "population", "name")
    assert_problem(mini, "areas.csv, row 1, column 'name'", "only once in the header")


def test_unknown_extra_column_is_kept_with_a_warning(mini):
    rows = read_rows(mini / "actors.csv")
    write_rows(mini / "actors.csv", [r + (["email"] if i == 0 else ["x@example.org"])
                                     for i, r in enumerate(rows)])
    with pytest.warns(StudyWarning, match="unknown column.*'email'"):
        study = load_study(mini)
    assert "email" in study.actors.columns
    assert study.warnings


def test_row_with_too_many_values(mini):
    with open(mini / "ties.csv", "a", encoding="utf-8") as f:
        f.write("m1,m5,1,advice,1,surplus\n")
    assert_problem(mini, "ties.csv, row 12", "the row has 6 values but the header names 5")


def test_empty_file(mini):
    (mini / "events.csv").write_text("", encoding="utf-8")
    assert_problem(mini, "events.csv", "the table is empty: expected a header row")


def test_undecodable_bom_file(mini):
    (mini / "areas.csv").write_bytes(b"\xef\xbb\xbfarea_id,name\n\xff\xfe,x\n")
    assert_problem(mini, "areas.csv", "byte-order mark but is not UTF-8")


def test_row_numbers_count_blank_rows_as_the_spreadsheet_does(mini):
    text = (mini / "actors.csv").read_text(encoding="utf-8").splitlines()
    text.insert(2, "")  # an empty spreadsheet row 3; m2 moves to row 4
    (mini / "actors.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert load_study(mini).actors["actor_id"].tolist()[1] == "m2"
    set_cell(mini / "actors.csv", 4, "type", "person")
    assert_problem(mini, "actors.csv, row 4, column 'type'", "'person'")


# ---------------------------------------------------------------------------------------------
# Values: one case per rule. (file, spreadsheet row, column, bad value, expected text)

VALUE_CASES = [
    ("areas.csv", 2, "area_id", "", "a value is required"),
    ("areas.csv", 3, "country", "Finland", "expected one of: FI, EE, LV, SE, AX"),
    ("areas.csv", 3, "country", "fi", "did you mean 'FI'"),
    ("areas.csv", 2, "role", "chosen", "expected one of: applicant, selected, peer, comparison"),
    ("areas.csv", 2, "population", "many", "expected a whole number of at least 0"),
    ("areas.csv", 2, "population", "-5", "expected a whole number of at least 0"),
    ("areas.csv", 3, "district_code", "401", "a district_code is for Helsinki areas only"),
    ("areas.csv", 2, "district_code", "999", "expected a Helsinki district (peruspiiri) code"),
    ("areas.csv", 2, "country", "EE", "an area in Helsinki must have country FI"),
    ("actors.csv", 3, "sector", "Julkinen", "did you mean 'public'"),
    ("actors.csv", 3, "sector", "pubic", "did you mean 'public'"),
    ("actors.csv", 3, "sector", "", "a value is required"),
    ("actors.csv", 3, "type", "person", "expected one of: individual, organisation"),
    ("actors.csv", 3, "target_group", "youths", "did you mean 'youth'"),
    ("actors.csv", 3, "kehra_member", "maybe", "expected true or false"),
    ("actors.csv", 3, "joined_wave", "first", "expected a whole number of at least 0"),
    ("actors.csv", 3, "joined_wave", "-1", "expected a whole number of at least 0"),
    ("actors.csv", 3, "area_id", "maunla", "expected a known area_id (from areas) (did you mean "
                                           "'maunula'?)"),
    ("ties.csv", 2, "source", "m9", "expected a known actor_id (from actors)"),
    ("ties.csv", 2, "target", "m1", "no self-ties"),
    ("ties.csv", 2, "wave", "-1", "expected a whole number of at least 0"),
    ("ties.csv", 2, "wave", "1.5", "expected a whole number"),
    ("ties.csv", 2, "type", "collab", "did you mean 'collaboration'"),
    ("ties.csv", 2, "weight", "0", "expected a number above 0"),
    ("ties.csv", 2, "weight", "heavy", "expected a number above 0"),
    ("events.csv", 2, "date", "yesterday", "expected a date as YYYY-MM-DD"),
    ("events.csv", 2, "date", "2015-13-01", "expected a date as YYYY-MM-DD"),
    ("events.csv", 2, "area_id", "nowhere", "expected a known area_id"),
    ("events.csv", 2, "type", "meeting", "expected one of: kehra_meeting"),
    ("participation.csv", 2, "event_id", "e9", "expected a known event_id (from events)"),
    ("participation.csv", 2, "actor_id", "x1", "expected a known actor_id"),
    ("participation.csv", 2, "role", "host", "expected one of: participant, organiser"),
    ("assessments.csv", 2, "score", "5", "expected a score from 0 to 4 for criterion 1.1"),
    ("assessments.csv", 2, "score", "good", "expected a number"),
    ("assessments.csv", 2, "criterion_id", "8.1", "expected a known criterion_id"),
    ("assessments.csv", 2, "assessor", "peer", "expected one of: self, external, application"),
    ("assessments.csv", 2, "respondent_sector", "city", "steering_group"),
    ("innovations.csv", 2, "stage", "done", "expected one of: idea, proposal, prototype, pilot"),
    ("innovations.csv", 2, "theme", "food", "did you mean 'local_food'"),
    ("innovations.csv", 2, "partners", "m99", "expected actor ids (from actors)"),
    ("innovations.csv", 2, "ready_for_funding", "perhaps", "expected true or false"),
    ("support.csv", 2, "hours", "-2", "expected a number of at least 0"),
    ("support.csv", 2, "type", "coaching", "expected one of: facilitation"),
    ("support.csv", 2, "date", "March", "expected a date"),
    ("support.csv", 2, "area_id", "helsinki", "expected a known area_id"),
    ("peer_review.csv", 2, "rating", "6", "expected a whole number from 1 to 5"),
    ("peer_review.csv", 2, "rating", "3.5", "expected a whole number from 1 to 5"),
    ("peer_review.csv", 2, "group", "leader", "did you mean 'uusimaa_leader'"),
]


@pytest.mark.parametrize(("file", "row", "column", "value", "expected"), VALUE_CASES,
                         ids=[f"{c[0][:-4]}-{c[2]}-{c[3] or 'empty'}" for c in VALUE_CASES])
def test_bad_value(mini, file, row, column, value, expected):
    set_cell(mini / file, row, column, "m1;m99" if value == "m99" else value)
    shown = f"{value!r}" if value not in ("",) else ""
    assert_problem(mini, f"{file}, row {row}, column {column!r}", shown, expected)


UNIQUE_CASES = [
    ("areas.csv", {"area_id": "maunula", "name": "Toinen", "municipality": "Helsinki",
                   "country": "FI"}, "(area_id) must be unique: already on row 2"),
    ("actors.csv", {"actor_id": "m1", "area_id": "maunula", "sector": "people",
                    "type": "individual"}, "(actor_id) must be unique: already on row 2"),
    ("ties.csv", {"source": "m1", "target": "m2", "wave": "0", "type": "collaboration",
                  "weight": "2"}, "(source, target, wave, type) must be unique"),
    ("events.csv", {"event_id": "e1", "area_id": "maunula", "date": "2016-01-01", "wave": "0",
                    "type": "forum"}, "(event_id) must be unique"),
    ("participation.csv", {"event_id": "e1", "actor_id": "m2"},
     "(event_id, actor_id) must be unique: already on row 3"),
    ("assessments.csv", {"area_id": "maunula", "wave": "0", "assessor": "self",
                         "respondent_id": "m1", "criterion_id": "1.1", "score": "3"},
     "(area_id, wave, assessor, respondent_id, criterion_id) must be unique"),
    ("innovations.csv", {"innovation_id": "i1", "area_id": "maunula", "wave": "1",
                         "theme": "energy", "stage": "scaled"},
     "(innovation_id, wave) must be unique: already on row 3"),
]


@pytest.mark.parametrize(("file", "row", "expected"), UNIQUE_CASES,
                         ids=[c[0][:-4] for c in UNIQUE_CASES])
def test_duplicate_keys(mini, file, row, expected):
    n = append_row(mini / file, row)
    assert_problem(mini, f"{file}, row {n}", expected)


def test_criteria_table_rules(mini):
    write_rows(mini / "criteria.csv", [
        ["criterion_id", "dimension_id", "scale_min", "scale_max", "weight", "direction"],
        ["1.1", "D1", "4", "0", "1", "1"],
        ["1.2", "D1", "0", "4", "-1", "1"],
        ["1.3", "D1", "0", "4", "1", "2"],
        ["1.3", "D1", "0", "4", "1", "1"],
    ])
    got = problems_of(mini)
    assert any("criteria.csv, row 2, column 'scale_max'" in p and "above scale_min" in p
               for p in got)
    assert any("row 3, column 'weight'" in p and "at least 0" in p for p in got)
    assert any("row 4, column 'direction'" in p and "expected 1 (higher is better) or -1" in p
               for p in got)
    assert any("row 5" in p and "(criterion_id) must be unique" in p for p in got)


# ---------------------------------------------------------------------------------------------
# study.yaml and waves


def test_wave_not_declared_in_study_yaml(mini):
    set_cell(mini / "ties.csv", 3, "wave", "2")
    assert_problem(mini, "ties.csv, row 3, column 'wave'", "'2'",
                   "expected a wave declared in study.yaml: 0, 1")


def test_joined_wave_not_declared(mini):
    set_cell(mini / "actors.csv", 2, "joined_wave", "7")
    assert_problem(mini, "actors.csv, row 2, column 'wave'", "'7'", "declared in study.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("name: x\nlanguage: sv\n", "expected one of: en, fi"),
    ("waves: 3\n", "expected a list of {wave, label, date}"),
    ("waves:\n  - {wave: 0}\n  - {wave: 0}\n", "each wave may be declared once"),
    ("waves:\n  - {wave: 0, date: spring}\n  - {wave: 1}\n", "expected a date as YYYY-MM-DD"),
    ("waves:\n  - {label: x}\n", "expected an entry with at least 'wave'"),
    ("name: [unclosed\n", "not readable as YAML"),
    ("- a list\n", "expected a mapping"),
])
def test_bad_study_yaml(mini, text, expected):
    (mini / "study.yaml").write_text(text, encoding="utf-8")
    assert_problem(mini, "study.yaml", expected)


def test_unknown_yaml_key_is_a_warning(mini):
    with open(mini / "study.yaml", "a", encoding="utf-8") as f:
        f.write("langauge: en\n")
    with pytest.warns(StudyWarning, match="did you mean 'language'"):
        load_study(mini)


def test_waves_come_from_the_data_without_study_yaml(mini):
    (mini / "study.yaml").unlink()
    study = load_study(mini)
    assert study.wave_ids == [0, 1] and study.name == "mini"
    assert study.wave_label(1) == "wave 1"


# ---------------------------------------------------------------------------------------------
# All problems at once


def test_every_problem_is_reported_at_once(mini):
    set_cell(mini / "actors.csv", 3, "sector", "citizens")
    set_cell(mini / "ties.csv", 4, "weight", "-1")
    set_cell(mini / "events.csv", 2, "date", "soon")
    with pytest.raises(StudyError) as info:
        load_study(mini)
    files = {p.file for p in info.value.problems}
    assert {"actors.csv", "ties.csv", "events.csv"} <= files
    message = str(info.value)
    assert "has 3 problems:" in message
    assert "actors.csv, row 3, column 'sector': 'citizens'" in message


def test_problem_fields_are_structured(mini):
    set_cell(mini / "ties.csv", 5, "type", "friendship")
    with pytest.raises(StudyError) as info:
        load_study(mini)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.value) == ("ties.csv", 5, "type", "friendship")
    assert "collaboration" in p.expected


def test_loading_writes_nothing(mini):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in mini.iterdir())
    set_cell(mini / "ties.csv", 5, "type", "friendship")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in mini.iterdir())
    with pytest.raises(StudyError), warnings.catch_warnings():
        load_study(mini)
    assert sorted((p.name, p.stat().st_mtime_ns) for p in mini.iterdir()) == before


def test_reference_copy_is_unchanged():
    # tests/data/mini_study is the brief's reference study, copied; keep it valid.
    assert len(load_study(DATA / "mini_study").actors) == 9
