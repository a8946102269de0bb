"""Validation names causes before their consequences (issue 14).

A file that is empty, has no rows, is not text or cannot be parsed is reported first and by
name; the problems that follow from it say so, and repeats of one kind in one column are
summarised with their first rows and a count. The cases are the users' reports: an
``actors.csv`` with only its header row, a workbook or PDF saved under a ``.csv`` name, a table
saved as UTF-16.
"""

from __future__ import annotations

import pytest
from conftest import read_rows, write_rows

from innolab import StudyError, load_study
from innolab.cli import main
from innolab.errors import GROUP_AFTER, Problem, summarise


def _error(path) -> StudyError:
    with pytest.raises(StudyError) as info:
        load_study(path)
    return info.value


def _many_ties(mini, n: int) -> None:
    """Give the mini study ``n`` ties between its first two actors, one per wave-0 row."""
    rows = read_rows(mini / "ties.csv")
    header, first = rows[0], rows[1]
    write_rows(mini / "ties.csv", [header] + [first] * n)


def test_actors_csv_with_only_its_header_row_is_reported_first(mini, capsys):
    _many_ties(mini, 1252)
    write_rows(mini / "actors.csv", read_rows(mini / "actors.csv")[:1])
    err = _error(mini)
    first = err.summary[0]
    assert (first.file, first.row) == ("actors.csv", None)
    assert "only its header row" in first.expected
    # every tie is still a problem of its own for callers ...
    sources = [p for p in err.problems if p.file == "ties.csv" and p.column == "source"]
    assert len(sources) == 1252
    # ... but the message shows them as one summary that names the cause
    line = next(str(p) for p in err.summary if p.file == "ties.csv" and p.column == "source")
    assert "(1,252 rows)" in line and "rows 2, 3, 4, 5, 6 …" in line
    assert "but actors.csv has no rows" in line
    assert len(str(err).splitlines()) < 20
    assert main(["validate", str(mini)]) == 2
    out = capsys.readouterr().err
    lines = out.splitlines()
    assert "actors.csv — the table has only its header row" in lines[1]
    assert "Traceback" not in out


def test_areas_csv_with_only_its_header_row_is_a_problem(mini):
    write_rows(mini / "areas.csv", read_rows(mini / "areas.csv")[:1])
    err = _error(mini)
    assert str(err.summary[0]).startswith("areas.csv — the table has only its header row")
    refs = [p for p in err.problems if p.file == "actors.csv" and p.column == "area_id"]
    assert refs and all("but areas.csv has no rows" in p.expected for p in refs)


@pytest.mark.parametrize("content, what", [
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "a zip file (an Excel workbook .xlsx"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
    ("actor_id,area_id\nm1,maunula\n".encode("utf-16-le"), "UTF-16 text without a byte-order"),
    (b"\x00\x01\x02\x03" * 50, "a binary file"),
], ids=["xlsx-renamed", "pdf", "utf16-no-bom", "binary"])
def test_a_file_that_is_not_text_is_reported_by_name_before_its_consequences(mini, content,
                                                                             what):
    (mini / "actors.csv").write_bytes(content)
    err = _error(mini)
    first = err.summary[0]
    assert first.file == "actors.csv" and first.row is None
    assert "the file is not text but " + what in first.expected
    later = [p for p in err.problems if p.file == "ties.csv" and p.column == "source"]
    assert later and all("but actors.csv cannot be read" in p.expected for p in later)


def test_a_table_saved_as_utf16_with_its_byte_order_mark_is_read(mini):
    n_ties = len(read_rows(mini / "ties.csv")) - 1
    (mini / "actors.csv").write_bytes((mini / "actors.csv").read_text(encoding="utf-8")
                                      .encode("utf-16"))  # UTF-16 with its BOM
    # as Excel saves "Unicode text": UTF-16 (little-endian, with BOM) and tab separated
    tabbed = "\n".join("\t".join(r) for r in read_rows(mini / "ties.csv")) + "\n"
    (mini / "ties.csv").write_bytes(tabbed.encode("utf-16"))
    study = load_study(mini)
    assert "m1" in set(study.actors["actor_id"])
    assert len(study.ties) == n_ties


def test_repeated_bad_values_in_one_column_are_summarised_with_their_first_rows(mini):
    rows = read_rows(mini / "ties.csv")
    col = rows[0].index("weight")
    for r in rows[1:]:
        r[col] = "heavy"
    write_rows(mini / "ties.csv", rows)
    err = _error(mini)
    n = len(rows) - 1
    assert n > GROUP_AFTER
    weights = [p for p in err.summary if p.column == "weight"]
    assert len(weights) == 1 and weights[0].count == n
    assert weights[0].rows == tuple(range(2, 2 + GROUP_AFTER))


def test_a_few_problems_of_a_kind_are_still_listed_one_by_one():
    few = [Problem("ties.csv", r, "weight", "x", "expected a number") for r in (2, 3)]
    assert summarise(few) == few
    cause = Problem("actors.csv", None, None, None, "the table is empty")
    assert summarise(few + [cause])[0] == cause


def test_an_application_round_study_without_actors_yet_loads(mini):
    """An open application round rates areas before any network is known: actors.csv and
    ties.csv with only their header rows are valid then; nothing else names an actor."""
    for table in ("actors", "ties", "participation", "events", "innovations"):
        path = mini / f"{table}.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text(header + "\n", encoding="utf-8")
    study = load_study(mini)
    assert study.actors.empty and len(study.areas) == 3
