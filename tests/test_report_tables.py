"""The tables a report shows: headers and codes in the reader's language, numbers by kind, widths.

Unit tests of :mod:`innolab.reports.tables` and the locale formats of :mod:`innolab.reports.fmt`,
then every report of the mini study in English and Finnish opened in Chromium and scanned
(``tests/report_scan.py``): no snake_case token, no raw code and — in Finnish — no English code
word in a table header, a table cell or a heading; no table wider than its frame at 1,280 px.
The example study's run is scanned in the long profile (``INNOLAB_LONG=1``).
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
from conftest import REPO
from report_scan import scan_page, scan_run, totals
from test_browser import browser  # noqa: F401  (the module's Chromium)

from innolab.reports import fmt
from innolab.reports.tables import format_value, full_table_note, shown_table
from innolab.reports.texts import CatalogueError

# Unicode CLDR (through Babel): Finnish groups thousands with U+00A0 and writes a decimal comma;
# British English groups with a comma.
NBSP = "\u00a0"


def test_locale_numbers_follow_cldr():
    assert fmt.integer(8661, "fi") == f"8{NBSP}661"
    assert fmt.integer(8661, "en") == "8,661"
    assert fmt.integer(39.0, "en") == "39"  # a count is a whole number, never "39.00"
    assert fmt.decimal(3.0812, "fi") == "3,08"
    assert fmt.decimal(1234.5, "fi", 1) == f"1{NBSP}234,5"
    assert fmt.decimal(-0.25, "en") == "−0.25"
    assert fmt.percent(0.425, "fi", 1) == "42,5 %"
    assert fmt.percent(0.425, "en") == "42%"
    assert fmt.decimal(float("nan"), "fi") == "—"


def test_shown_table_labels_headers_and_codes_and_formats_by_kind():
    df = pd.DataFrame({"sector": ["public", "housing_company"], "actors": [39.0, 1057.0],
                       "share": [0.25, float("nan")], "ci_low": [2.87, 1.0],
                       "ci_high": [3.21, 2.0], "actor_id": ["m1", "m2"]})
    df["sector"] = ["public", "knowledge"]
    out = shown_table(df, {"actor_id": "id", "sector": ("code", "sector"), "actors": "count",
                           "share": "share", "ci": "score"}, "fi",
                      intervals={"ci": ("ci_low", "ci_high")}, topic="network",
                      headers={"ci": "criteria.col.ci"})
    assert list(out.columns) == ["Toimija (pseudonyymi)", "Sektori", "Toimijoita", "Osuus",
                                 "90 %:n väli"]
    assert out.iloc[0].tolist() == ["m1", "Julkinen", "39", "25 %", "2,87–3,21"]
    assert out.iloc[1].tolist() == ["m2", "Tieto ja osaaminen", f"1{NBSP}057", "—",
                                    "1,00–2,00"]
    en = shown_table(df, {"sector": ("code", "sector"), "actors": "count"}, "en")
    assert en.iloc[1].tolist() == ["Knowledge", "1,057"]


def test_shown_table_refuses_unknown_kinds_and_missing_headers():
    df = pd.DataFrame({"not_a_column_header": [1]})
    with pytest.raises(CatalogueError):
        shown_table(df, {"not_a_column_header": "count"}, "en")
    with pytest.raises(ValueError, match="unknown kind"):
        format_value(1, "float", "en")
    # a suppression mark of a small count stays as it is
    assert format_value("<5", "count", "fi") == "<5"
    assert full_table_note("key_actors", "fi", "maunula") == (
        "Koko taulukko on työkirjan maunula.xlsx välilehdellä key_actors.")


def test_the_scan_finds_code_words_and_wide_tables():
    # the scan itself must be able to fail: a page with the faults of issue 13
    found = {"headings": ["Verkosto before"], "tables": [
        {"heads": ["area_id", "wave", "Sektori"], "cells": ["knowledge", "39.00", "Suomi"],
         "width": 1300, "frame": 950}]}
    res = scan_page(found, "fi", {"knowledge"}, {"area_id", "wave", "before"})
    kinds = sorted(p.split(" in ")[0].split(" is ")[0] for p in res["problems"])
    assert kinds == ["English word 'before'", "code", "code", "decimal point", "snake_case",
                     "table 1"]


def _assert_clean(result: dict[str, dict]):
    tot = totals(result)
    assert tot["tables"] > 0 and tot["heads"] > 0 and tot["cells"] > 0
    problems = [f"{page}: {p}" for page, r in result.items() for p in r["problems"]]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


def test_english_mini_reports_have_no_codes_and_fit(browser, mini_reports):  # noqa: F811
    code, out = mini_reports
    assert code == 0
    _assert_clean(scan_run(browser, out, "en"))


def test_finnish_mini_reports_have_no_codes_and_fit(browser, mini_reports_fi):  # noqa: F811
    _assert_clean(scan_run(browser, mini_reports_fi, "fi"))


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"), reason="the long profile (make test-long)")
@pytest.mark.parametrize("lang", ["en", "fi"])
def test_example_reports_have_no_codes_and_fit(browser, tmp_path, lang):  # noqa: F811
    from innolab.pipeline.run import run_reports

    res = run_reports(REPO / "data" / "example", tmp_path / lang, lang=lang, progress=False)
    assert res.ok, [j.error for j in res.failed]
    _assert_clean(scan_run(browser, tmp_path / lang, lang))

