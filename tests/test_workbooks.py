"""Every workbook innolab writes prints: A4, fit to the page's width, header rows repeated on
every page and a title in the page header (innolab.reports.output.print_setup)."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from conftest import DATA

import innolab
from innolab.evidence.pack import build_pack
from innolab.forms.checklist_xlsx import make_xlsx
from innolab.forms.template import make_template
from innolab.pipeline.index import write_workbook as write_folder_workbook
from innolab.reports.evidence_views import write_workbook


def _check(ws, title_rows: str | None) -> None:
    where = f"sheet {ws.title!r}"
    assert int(ws.page_setup.paperSize) == 9, where  # 9 is A4 in OOXML (ECMA-376 §18.3.1.63)
    assert ws.sheet_properties.pageSetUpPr.fitToPage, where
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, where
    if title_rows is None:
        assert not ws.print_title_rows, where
    else:
        assert ws.print_title_rows.replace("$", "") == title_rows, where
    assert ws.oddHeader.center.text, where


def _visible(path):
    wb = openpyxl.load_workbook(path)
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_template_prints(tmp_path, lang):
    sheets = _visible(make_template(tmp_path / "t.xlsx", lang=lang))
    _check(sheets[0], None)  # the instructions: no table header
    for ws in sheets[1:]:
        _check(ws, "1:1")


def test_checklist_prints_one_criterion_a_line(tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", lang="fi")
    (ws,) = _visible(path)
    rows = ws.print_title_rows.replace("$", "")
    first = int(rows.split(":")[0])
    _check(ws, rows)
    # the repeated row is the header of the criteria: id, dimension, criterion, score, meaning
    assert ws.cell(first, 1).value == "id" and ws.cell(first + 1, 1).value is not None
    assert ws.page_setup.orientation == "portrait"


def test_evidence_workbook_prints(tmp_path):
    pack = build_pack(innolab.load_study(DATA / "mini_study"), n_boot=20)
    path = write_workbook(pack, tmp_path / "evidence.xlsx", "fi")
    sheets = _visible(path)
    assert "application_indicators" in [ws.title for ws in sheets]
    for ws in sheets:
        if ws.title == "definitions":
            # the definitions' header row, below the provenance block
            r = int(ws.print_title_rows.replace("$", "").split(":")[0])
            assert ws.cell(r, 1).value == "indicator"
            _check(ws, f"{r}:{r}")
        else:
            _check(ws, "1:1")
        assert pack.study.title in ws.oddHeader.center.text.replace("&&", "&")


def test_area_workbooks_print(tmp_path):
    for folder in ("maunula", "study"):
        tables = tmp_path / folder / "tables"
        tables.mkdir(parents=True)
        pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).to_csv(tables / "one.csv", index=False)
        pd.DataFrame({"c": [3]}).to_csv(tables / "two.csv", index=False)
    for folder in ("maunula", "study"):
        write_folder_workbook(tmp_path, folder)
    for folder in ("maunula", "study"):
        sheets = _visible(tmp_path / folder / f"{folder}.xlsx")
        assert [ws.title for ws in sheets] == ["one", "two"]
        for ws in sheets:
            _check(ws, "1:1")
            assert folder in ws.oddHeader.center.text
