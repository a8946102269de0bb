"""The study template (issue 15): a sheet per table with the format's codes as headers, an
instructions sheet in the chosen language, drop-down lists read back from the workbook's data
validations, and a filled-in template that loads as a study."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from conftest import DATA
from openpyxl import load_workbook

import innolab
from innolab.cli import main
from innolab.data import vocab
from innolab.data.study import TABLES
from innolab.forms.template import BOOLEAN_LIST, REFERENCES, ROWS, make_template
from innolab.reports.texts import t


@pytest.fixture(scope="module", params=["en", "fi"])
def template(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(f"template_{request.param}") / "template.xlsx"
    return request.param, make_template(path, lang=request.param)


def _validations(ws) -> dict[str, object]:
    """Column letter → the one data validation covering rows 2 … ROWS + 1 of it."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert (rng.min_row, rng.max_row) == (2, ROWS + 1)
            assert rng.min_col == rng.max_col
            letter = rng.coord.split(":")[0].rstrip("0123456789")
            assert letter not in out
            out[letter] = dv
    return out


def test_a_sheet_per_table_headed_by_the_column_codes(template):
    lang, path = template
    wb = load_workbook(path)
    assert wb.sheetnames == [t("template.sheet.instructions", lang), *TABLES]
    for name, spec in TABLES.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == spec.column_names
        for cell in ws[1]:
            assert cell.comment is not None and cell.comment.text.strip()
        assert ws.freeze_panes == "A2"


def test_the_instructions_are_in_the_chosen_language(template):
    lang, path = template
    ws = load_workbook(path)[t("template.sheet.instructions", lang)]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[0] == t("template.title", lang)
    assert t("template.intro.validate", lang) in texts
    for table, spec in TABLES.items():
        for col in spec.columns:
            assert any(s.startswith(t(f"template.col.{table}.{col.name}", lang)) for s in texts)
    other = "fi" if lang == "en" else "en"
    assert t("template.intro.validate", other) not in texts


def test_every_vocabulary_boolean_and_id_column_has_its_drop_down(template):
    _, path = template
    wb = load_workbook(path)
    checked = 0
    for table, spec in TABLES.items():
        dvs = _validations(wb[table])
        for i, col in enumerate(spec.columns):
            letter = wb[table].cell(1, i + 1).column_letter
            if (table, col.name) in REFERENCES:
                sheet, ref = REFERENCES[table, col.name]
                ref_letter = chr(ord("A") + TABLES[sheet].column_names.index(ref))
                expected = f"{sheet}!${ref_letter}$2:${ref_letter}${ROWS + 1}"
                assert wb[sheet].cell(1, ord(ref_letter) - 64).value == ref
            elif col.kind == "vocab":
                expected = '"' + ",".join(vocab.VOCABULARIES[col.vocabulary]) + '"'
            elif col.kind == "bool":
                expected = '"' + ",".join(BOOLEAN_LIST) + '"'
            else:
                continue
            dv = dvs[letter]
            assert (dv.type, dv.formula1) == ("list", expected), (table, col.name)
            assert dv.allow_blank and dv.showErrorMessage
            checked += 1
    assert checked == 26  # 14 vocabulary, 2 boolean, 10 id columns
    # the ids of areas and actors, as the issue asks
    assert _validations(wb["actors"])["B"].formula1 == f"areas!$A$2:$A${ROWS + 1}"
    assert _validations(wb["ties"])["A"].formula1 == f"actors!$A$2:$A${ROWS + 1}"
    assert _validations(wb["ties"])["B"].formula1 == f"actors!$A$2:$A${ROWS + 1}"
    assert _validations(wb["ties"])["D"].formula1 == '"collaboration,information,resources,advice"'
    assert _validations(wb["peer_review"])["F"].type == "whole"


def test_every_sheet_prints_on_a4_fit_to_width(template):
    _, path = template
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    for name in TABLES:
        assert wb[name].print_title_rows == "$1:$1"


def _number(text: str):
    """A cell as a person would type it: numbers as numbers, the rest as text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _fill(path, folder):
    """Type the mini study's rows into the template and save it as FOLDER/study.xlsx."""
    wb = load_workbook(path)
    for table in TABLES:
        src = DATA / "mini_study" / f"{table}.csv"
        if not src.exists():
            continue
        with open(src, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            wb[table].append([_number(row.get(c, "")) if row.get(c, "") != "" else None
                              for c in TABLES[table].column_names])
    folder.mkdir()
    wb.save(folder / "study.xlsx")
    shutil.copy(DATA / "mini_study" / "study.yaml", folder / "study.yaml")
    return folder


def test_the_filled_template_loads_as_the_same_study(template, tmp_path):
    lang, path = template
    folder = _fill(path, tmp_path / "study")
    with pytest.warns(innolab.StudyWarning) as caught:
        got = innolab.load_study(folder)
    # the only remark: the instructions sheet is not a table
    assert [str(w.message) for w in caught] == [
        f"study.xlsx: sheet {t('template.sheet.instructions', lang)!r} is not a table of the "
        f"format and was ignored"]
    want = innolab.load_study(DATA / "mini_study")
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(got, table), getattr(want, table),
                                      check_dtype=False, obj=table)
    assert got.wave_ids == want.wave_ids


def test_an_unknown_language_is_refused(tmp_path):
    with pytest.raises(innolab.ParameterError, match="Unknown language 'sv'"):
        make_template(tmp_path / "t.xlsx", lang="sv")
    assert not (tmp_path / "t.xlsx").exists()


def test_innolab_template_writes_a_workbook_that_validates_once_filled(tmp_path, capsys):
    out = tmp_path / "study_fi.xlsx"
    assert main(["template", "--out", str(out), "--lang", "fi"]) == 0
    assert str(out) in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == t("template.sheet.instructions", "fi")
    folder = _fill(out, tmp_path / "filled")
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("OK")


def test_innolab_template_refuses_an_unknown_language(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["template", "--out", str(tmp_path / "t.xlsx"), "--lang", "sv"])
    assert exc.value.code == 2
    assert "invalid choice: 'sv'" in capsys.readouterr().err
