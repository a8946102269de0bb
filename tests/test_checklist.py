"""The self-assessment checklist: PDF, printable PDF and XLSX forms, reading them back, ingest."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import DATA
from pypdf import PdfReader, PdfWriter

import innolab
from innolab.cli import main
from innolab.errors import StudyError
from innolab.forms import checklist as ck
from innolab.forms import common as ck_common

CRIT = innolab.load_criteria()
HEADER = {"area_id": "maunula", "respondent_id": "m7", "respondent_sector": "people",
          "wave": "1", "assessor": "self"}


def seeded_scores(seed: int) -> dict[str, int]:
    """A random score per criterion, with both ends of the scale present."""
    rng = np.random.default_rng(seed)
    scores = {cid: int(rng.integers(0, 5)) for cid in CRIT["criterion_id"]}
    scores["1.1"], scores["7.4"] = 0, 4
    return scores


def fill_pdf(src: Path, dst: Path, values: dict[str, str]) -> Path:
    """Fill text fields and radio groups (value '/3' style for radios) with pypdf."""
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(dst)
    return dst


def pdf_answers(scores: dict[str, int | None], header=HEADER, notes=None) -> dict[str, str]:
    values = dict(header)
    values.update({ck.criterion_field(c): f"/{s}" for c, s in scores.items() if s is not None})
    values.update(notes or {})
    return values


def fill_xlsx(src: Path, dst: Path, values: dict) -> Path:
    wb = openpyxl.load_workbook(src)
    for name, value in values.items():
        ((sheet, ref),) = wb.defined_names[name].destinations
        wb[sheet][ref.replace("$", "")] = value
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    """The empty forms, made once: fi/en PDF, printable fi PDF, en XLSX."""
    d = tmp_path_factory.mktemp("forms")
    return {"fi": ck.make_pdf(d / "fi.pdf", "fi"), "en": ck.make_pdf(d / "en.pdf", "en"),
            "print": ck.make_pdf(d / "print.pdf", "fi", printable=True),
            "xlsx": ck.make_xlsx(d / "en.xlsx", "en")}


# ---------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_pdf_round_trip(forms, tmp_path, lang):
    scores = seeded_scores(seed=3 if lang == "fi" else 4)
    notes = {"notes_D1": "Yhteistyö käynnistyi syksyllä; Åke ja Öhman mukana.",
             "notes_D7": "Second line\nthird"}
    filled = fill_pdf(forms[lang], tmp_path / "filled.pdf", pdf_answers(scores, notes=notes))
    df = ck.read_filled(filled)
    assert list(df.columns) == list(ck.ASSESSMENT_COLUMNS)
    assert df["criterion_id"].tolist() == CRIT["criterion_id"].tolist()
    assert dict(zip(df["criterion_id"], df["score"], strict=True)) == scores
    assert {0, 4} <= set(df["score"])
    for field in ("area_id", "respondent_id", "respondent_sector", "assessor"):
        assert set(df[field]) == {HEADER[field]}
    assert set(df["wave"]) == {1} and df["wave"].dtype == "int64"
    assert df.attrs["notes"] == {"D1": notes["notes_D1"], "D7": notes["notes_D7"]}
    assert df.attrs["file"] == "filled.pdf"


def test_radio_set_only_on_its_button(forms, tmp_path):
    # some viewers switch the chosen button on (/AS) and leave the group's /V unset
    scores = seeded_scores(seed=8)
    writer = PdfWriter(clone_from=fill_pdf(forms["en"], tmp_path / "f.pdf", pdf_answers(scores)))
    for page in writer.pages:
        for annot in page.get("/Annots", []):
            parent = annot.get_object().get("/Parent")
            if parent is not None and parent.get_object().get("/T") == "criterion_2_2":
                parent.get_object().pop("/V", None)
    writer.write(tmp_path / "g.pdf")
    assert PdfReader(tmp_path / "g.pdf").get_fields()["criterion_2_2"].get("/V") is None
    df = ck.read_filled(tmp_path / "g.pdf")
    assert dict(zip(df["criterion_id"], df["score"], strict=True)) == scores


def test_xlsx_round_trip(forms, tmp_path):
    scores = seeded_scores(seed=5)
    values = {"area_id": "tuusula", "respondent_id": "t2", "respondent_sector": "Public",
              "wave": 0, "assessor": "external", "notes_D4": "Kirjasto on tärkeä."}
    # what Excel stores after a pick from the list (a number) and a typed-in text both count
    values.update({ck.criterion_field(c): (s if i % 2 else str(s))
                   for i, (c, s) in enumerate(scores.items())})
    df = ck.read_filled(fill_xlsx(forms["xlsx"], tmp_path / "filled.xlsx", values))
    assert dict(zip(df["criterion_id"], df["score"], strict=True)) == scores
    assert df.iloc[0][["area_id", "wave", "assessor", "respondent_id",
                       "respondent_sector"]].tolist() == ["tuusula", 0, "external", "t2",
                                                          "public"]
    assert df.attrs["notes"] == {"D4": "Kirjasto on tärkeä."}


def test_pdf_fields_and_metadata(forms):
    reader = PdfReader(forms["fi"])
    fields = reader.get_fields()
    expected = set(ck.HEADER_FIELDS) | {ck.criterion_field(c) for c in CRIT["criterion_id"]} \
        | {f"notes_D{i}" for i in range(1, 8)}
    assert set(fields) == expected and "criterion_1_1" in fields
    assert fields["criterion_4_5"]["/_States_"] == ["/0", "/1", "/2", "/3", "/4"]
    assert fields["assessor"]["/V"] == "self" and fields["area_id"].get("/V") in (None, "")
    assert ck.criteria_hash(CRIT) in reader.metadata["/Subject"]
    # every criterion and dimension is page text, readable without the form
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    for _, row in CRIT.iterrows():
        assert " ".join(row["criterion_fi"].split()[:2]) in flat
        assert row["dimension_fi"] in flat
    assert "Sivu 1/" in flat and ck.criteria_hash(CRIT)[:12] in flat


def test_prefilled_area(tmp_path):
    path = ck.make_pdf(tmp_path / "a.pdf", "en", area_id="maunula")
    assert PdfReader(path).get_fields()["area_id"]["/V"] == "maunula"
    wb = openpyxl.load_workbook(ck.make_xlsx(tmp_path / "a.xlsx", "fi", area_id="maunula"))
    ((sheet, ref),) = wb.defined_names["area_id"].destinations
    assert wb[sheet][ref.replace("$", "")].value == "maunula"


def test_xlsx_form_is_protected_with_dropdowns(forms):
    wb = openpyxl.load_workbook(forms["xlsx"])
    ws = wb[wb.sheetnames[0]]
    assert ws.protection.sheet
    assert wb["innolab"].sheet_state == "hidden"
    ((_, ref),) = wb.defined_names["criterion_2_3"].destinations
    cell = ws[ref.replace("$", "")]
    assert cell.protection.locked is False
    assert ws[f"A{cell.row}"].value == "2.3" and ws[f"B{cell.row}"].value == "D2"
    assert ws[f"A{cell.row}"].protection.locked is True
    lists = [dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"0,1,2,3,4"']
    assert len(lists) == 1 and cell.coordinate in lists[0].sqref
    assert "not present" in lists[0].prompt and "exemplary" in lists[0].prompt
    assert "CHOOSE" in ws[f"E{cell.row}"].value  # the chosen anchor's label is shown


# ---------------------------------------------------------------------------------------------
# Finnish characters are drawn, not only encoded


def _glyph_runs(pdf_bytes: bytes, chars: str, scale: float = 6.0) -> dict[str, list[int]]:
    """For each char, the number of separate ink runs down its box, per occurrence on page 1.

    A letter with dots or a ring above (ä, ö, å, Ä, Ö) has two runs (marks, gap, body); a
    missing glyph drawn as a box, or a plain letter, has one.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    page = pdf[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    img = page.render(scale=scale, grayscale=True).to_numpy()
    img = img[..., 0] if img.ndim == 3 else img
    height = page.get_height()
    out: dict[str, list[int]] = {}
    for ch in chars:
        out[ch] = []
        for i, c in enumerate(text):
            if c != ch:
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            crop = img[max(0, int((height - top) * scale) - 1):int((height - bottom) * scale) + 2,
                       max(0, int(left * scale) - 1):int(right * scale) + 2]
            rows = (crop < 140).any(axis=1).astype(int)
            out[ch].append(int((np.diff(np.concatenate([[0], rows, [0]])) == 1).sum()))
    pdf.close()
    return out


def test_finnish_glyphs_are_drawn(forms):
    data = forms["fi"].read_bytes()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Itsearvioinnin tarkistuslista: kehittämisverkostosta" in " ".join(text.split())
    assert "Aktiivisten toimijoiden määrä" in text
    runs = _glyph_runs(data, "äö")
    # the first page holds many: the title, the instructions, the anchors, the criteria of D1
    assert len(runs["ä"]) >= 20 and len(runs["ö"]) >= 5
    assert all(r == 2 for r in runs["ä"] + runs["ö"]), runs


def test_more_finnish_glyphs_and_the_check_can_fail(tmp_path):
    # å, Ä and Ö do not occur in the built-in texts: a criteria set of our own brings them in
    crit = CRIT.head(2).copy()
    crit.loc[0, "criterion_fi"] = "Åbo, Äänekoski, Örö ja Sääksmäki: å ä ö"
    data = ck.make_pdf(tmp_path / "c.pdf", "fi", criteria=crit).read_bytes()
    runs = _glyph_runs(data, "åÄÖ")
    assert all(len(runs[c]) >= 1 for c in "åÄÖ")
    assert all(r == 2 for c in "åÄÖ" for r in runs[c]), runs

    # The same text in a font without these glyphs (Computer Modern, from matplotlib) does not
    # pass: the letters are not found in the text, or their box is one solid run.
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmr10.ttf"
    pdfmetrics.registerFont(TTFont("TestNoUmlauts", str(ttf)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("TestNoUmlauts", 24)
    c.drawString(50, 700, "Sääksmäki Örö Åbo å Ä Ö")
    c.save()
    bad = _glyph_runs(buf.getvalue(), "äöåÄÖ")
    assert not any(r == 2 for c in "äöåÄÖ" for r in bad[c]), bad


# ---------------------------------------------------------------------------------------------
# The printable version


def test_printable_is_short_and_has_no_fields(forms):
    reader = PdfReader(forms["print"])
    assert len(reader.pages) <= 2
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert not reader.get_fields()
    assert all("/Annots" not in p for p in reader.pages)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Toimijat ja osallistuminen" in text and "Luottamus ja vastavuoroisuus" in text
    assert "Rastita yksi ruutu" in text


# ---------------------------------------------------------------------------------------------
# Errors


def _problems(exc: StudyError) -> dict[str | None, list]:
    out: dict[str | None, list] = {}
    for p in exc.problems:
        out.setdefault(p.column, []).append(p)
    return out


def test_bad_form_lists_every_problem(forms, tmp_path):
    scores = seeded_scores(seed=6)
    scores["3.2"] = None  # unanswered
    # a label is read as its code (the choice lists show labels); a misspelt one is a problem
    header = {**HEADER, "respondent_id": "", "wave": "kaksi", "assessor": "Self-assesment"}
    filled = fill_pdf(forms["fi"], tmp_path / "bad.pdf", pdf_answers(scores, header))
    with pytest.raises(StudyError) as info:
        ck.read_filled(filled)
    probs = _problems(info.value)
    assert set(probs) == {"respondent_id", "wave", "assessor", "criterion_3_2"}
    assert all(p.file == "bad.pdf" and p.row is None for p in info.value.problems)
    assert probs["wave"][0].value == "kaksi" and "whole number" in probs["wave"][0].expected
    assert "did you mean 'self'" in probs["assessor"][0].expected
    assert "not answered" in probs["criterion_3_2"][0].expected
    msg = str(info.value)
    assert "bad.pdf, column 'wave': 'kaksi'" in msg and "4 problems" in msg

    # allow_missing keeps the unanswered criterion as an empty score
    fixed = fill_pdf(forms["fi"], tmp_path / "ok.pdf", pdf_answers(scores))
    df = ck.read_filled(fixed, allow_missing=True)
    assert len(df) == len(CRIT) and df.set_index("criterion_id")["score"].isna()["3.2"]
    assert df["score"].notna().sum() == len(CRIT) - 1


def test_missing_header_field_and_bad_score_in_xlsx(forms, tmp_path):
    path = fill_xlsx(forms["xlsx"], tmp_path / "f.xlsx",
                     {"respondent_id": "r1", "wave": 2, "area_id": "maunula",
                      **{ck.criterion_field(c): 2 for c in CRIT["criterion_id"]},
                      "criterion_1_3": 7, "criterion_1_4": "paljon"})
    wb = openpyxl.load_workbook(path)
    del wb.defined_names["wave"]  # the field is gone from the form
    wb.save(path)
    with pytest.raises(StudyError) as info:
        ck.read_filled(path)
    probs = _problems(info.value)
    assert set(probs) == {"wave", "criterion_1_3", "criterion_1_4"}
    assert "has no field 'wave'" in probs["wave"][0].expected
    assert probs["criterion_1_3"][0].value == "7"
    assert "from 0 to 4" in probs["criterion_1_3"][0].expected


def test_form_of_another_criteria_set(tmp_path):
    short = ck.make_pdf(tmp_path / "short.pdf", "en", criteria=CRIT.head(3))
    filled = fill_pdf(short, tmp_path / "filled.pdf", pdf_answers(
        {c: 1 for c in CRIT["criterion_id"].head(3)}))
    assert len(ck.read_filled(filled, criteria=CRIT.head(3))) == 3
    with pytest.raises(StudyError) as info:
        ck.read_filled(filled)
    probs = _problems(info.value)
    assert "criterion_7_4" in probs and "has no field" in probs["criterion_7_4"][0].expected


@pytest.mark.parametrize("name,content", [
    ("renamed.pdf", b"area_id,wave\nmaunula,1\n"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj <<"),
    ("renamed.xlsx", b"PK\x03\x04 not really a zip"),
    ("notes.txt", b"hello"),
])
def test_unreadable_files(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(StudyError) as info:
        ck.read_filled(path)
    (problem,) = info.value.problems
    assert problem.file == name and problem.row is None
    assert str(info.value).startswith(f"The checklist {name} has 1 problem:")


def test_foreign_pdf_and_workbook_are_not_checklists(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "letter.pdf"))
    c.drawString(50, 700, "Hello")
    c.acroForm.textfield(name="email", x=50, y=600)
    c.save()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "area_id"
    wb.save(tmp_path / "table.xlsx")
    for name in ("letter.pdf", "table.xlsx"):
        with pytest.raises(StudyError) as info:
            ck.read_filled(tmp_path / name)
        assert "not an innolab checklist" in info.value.problems[0].expected


# ---------------------------------------------------------------------------------------------
# The command line


def test_cli_checklist_forms(tmp_path, capsys):
    pdf, short, xlsx = tmp_path / "x.pdf", tmp_path / "x_print.pdf", tmp_path / "x.xlsx"
    assert main(["checklist", "--lang", "en", "--out", str(pdf)]) == 0
    assert "Wrote the checklist form" in capsys.readouterr().out
    assert len(PdfReader(pdf).get_fields()) == 5 + len(CRIT) + 7
    assert main(["checklist", "--lang", "fi", "--out", str(short), "--print"]) == 0
    reader = PdfReader(short)
    assert len(reader.pages) <= 2 and not reader.get_fields()
    assert main(["checklist", "--lang", "fi", "--out", str(xlsx), "--area", "maunula",
                 "--study", str(DATA / "mini_study")]) == 0
    assert openpyxl.load_workbook(xlsx).defined_names["criterion_7_4"] is not None


def test_cli_checklist_names_unlabelled_waves_in_the_forms_language(tmp_path):
    """A study whose waves have no labels: the Finnish form offers "0 · Aalto 0", … as its
    waves, not the data layer's English "wave 0"."""
    study = shutil.copytree(DATA / "mini_study", tmp_path / "study")
    (study / "study.yaml").write_text("name: nolabels\n", encoding="utf-8")
    xlsx = tmp_path / "form.xlsx"
    assert main(["checklist", "--lang", "fi", "--out", str(xlsx), "--study", str(study)]) == 0
    lists = " ".join(dv.formula1 or "" for ws in openpyxl.load_workbook(xlsx)
                     for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert "Aalto 1" in lists and "wave" not in lists.lower()


def test_cli_checklist_errors(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["checklist", "--lang", "en", "--out", str(out), "--area", "unknown",
                 "--study", str(DATA / "mini_study")]) == 2
    err = capsys.readouterr().err
    assert "Unknown area 'unknown'" in err and "maunula" in err and "Traceback" not in err
    assert main(["checklist", "--lang", "en", "--out", str(tmp_path / "x.xlsx"),
                 "--print"]) == 2
    assert "printable version is a PDF" in capsys.readouterr().err
    assert main(["checklist", "--lang", "en", "--out", str(tmp_path / "x.docx")]) == 2
    assert "ending in .pdf or .xlsx" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


GOOD = {"a_maunula.pdf": seeded_scores(10), "b_tuusula.xlsx": seeded_scores(11)}


@pytest.fixture(scope="module")
def good_forms(forms, tmp_path_factory) -> Path:
    """A folder with two good filled forms: a PDF (maunula, m8) and an XLSX (tuusula, t1)."""
    folder = tmp_path_factory.mktemp("good")
    fill_pdf(forms["fi"], folder / "a_maunula.pdf",
             pdf_answers(GOOD["a_maunula.pdf"], {**HEADER, "respondent_id": "m8", "wave": "0"},
                         notes={"notes_D2": "Verkostot kasvoivat."}))
    fill_xlsx(forms["xlsx"], folder / "b_tuusula.xlsx",
              {"area_id": "tuusula", "respondent_id": "t1", "respondent_sector": "private",
               "wave": 1, **{ck.criterion_field(c): s for c, s in GOOD["b_tuusula.xlsx"].items()}})
    return folder


def test_ingest_writes_a_loadable_assessments_table(good_forms, tmp_path, mini, capsys):
    folder, expected = good_forms, GOOD
    out, notes = tmp_path / "out" / "assessments.csv", tmp_path / "out" / "notes.csv"
    assert main(["ingest-checklists", str(folder), "--out", str(out), "--study", str(mini),
                 "--notes", str(notes)]) == 0
    assert f"Wrote {2 * len(CRIT)} answers from 2 forms" in capsys.readouterr().out
    got = pd.read_csv(out, dtype={"criterion_id": str})
    assert list(got.columns) == list(ck.ASSESSMENT_COLUMNS) and len(got) == 2 * len(CRIT)
    assert got.groupby("respondent_id")["score"].apply(list).to_dict() == {
        "m8": list(expected["a_maunula.pdf"].values()),
        "t1": list(expected["b_tuusula.xlsx"].values())}
    n = pd.read_csv(notes)
    assert n[["file", "dimension_id", "notes"]].values.tolist() == [
        ["a_maunula.pdf", "D2", "Verkostot kasvoivat."]]

    # the CSV is the assessments table of a study
    shutil.copy(out, mini / "assessments.csv")
    study = innolab.load_study(mini)
    assert len(study.assessments) == 2 * len(CRIT)
    assert study.assessments["score"].sum() == sum(sum(s.values()) for s in expected.values())
    # appended to the study's own assessments it loads too
    shutil.copytree(DATA / "mini_study", tmp_path / "mini2")
    own = pd.read_csv(tmp_path / "mini2" / "assessments.csv", dtype=str, keep_default_na=False)
    both = pd.concat([own, pd.read_csv(out, dtype=str, keep_default_na=False)])
    both.to_csv(tmp_path / "mini2" / "assessments.csv", index=False)
    assert len(innolab.load_study(tmp_path / "mini2").assessments) == len(both)


def test_ingest_with_a_bad_form_writes_nothing(forms, good_forms, tmp_path, capsys):
    folder = Path(shutil.copytree(good_forms, tmp_path / "in"))
    fill_pdf(forms["en"], folder / "c_bad.pdf",
             pdf_answers(seeded_scores(12), {**HEADER, "wave": "kaksi", "area_id": "mauula"}))
    (folder / "d_scan.pdf").write_bytes(b"JFIF not a pdf")
    (folder / "readme.txt").write_text("ignored")
    out = tmp_path / "out.csv"
    assert main(["ingest-checklists", str(folder), "--out", str(out),
                 "--study", str(DATA / "mini_study")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "The checklists in" in err
    assert "c_bad.pdf, column 'wave': 'kaksi'" in err
    assert "c_bad.pdf, column 'area_id': 'mauula'" in err and "did you mean 'maunula'" in err
    assert "d_scan.pdf" in err and "not readable as a PDF" in err
    assert "readme.txt" not in err
    assert not out.exists()


def test_ingest_reports_a_duplicate_across_forms(forms, good_forms, tmp_path, capsys):
    folder = Path(shutil.copytree(good_forms, tmp_path / "in"))
    fill_pdf(forms["en"], folder / "c_again.pdf",
             pdf_answers(seeded_scores(13), {**HEADER, "respondent_id": "m8", "wave": "0"}))
    out = tmp_path / "out.csv"
    with pytest.raises(StudyError) as info:
        ck.ingest_checklists(folder, out)
    (problem,) = info.value.problems
    assert problem.file == "c_again.pdf" and problem.column == "respondent_id"
    assert "a_maunula.pdf" in problem.expected and f"{len(CRIT)} criteria" in problem.expected
    assert main(["ingest-checklists", str(folder), "--out", str(out)]) == 2
    assert "c_again.pdf" in capsys.readouterr().err and not out.exists()


def test_ingest_empty_or_missing_folder(tmp_path, capsys):
    assert main(["ingest-checklists", str(tmp_path), "--out", str(tmp_path / "o.csv")]) == 2
    assert "No checklist forms" in capsys.readouterr().err
    assert main(["ingest-checklists", str(tmp_path / "nope"), "--out", "o.csv"]) == 2
    assert "is not a folder" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Fields with a fixed vocabulary are choice lists of labels, read back as codes


def test_pdf_choice_fields_show_labels_and_read_back_codes(forms, tmp_path):
    from innolab.reports.texts import labels

    fields = PdfReader(forms["fi"]).get_fields()
    for field in ck_common.CHOICE_FIELDS:
        assert fields[field]["/FT"] == "/Ch", field
        opts = [list(o) for o in fields[field]["/Opt"]]
        shown = [o[1] for o in opts if o[0]]
        assert shown == list(labels(field, "fi").values())
        assert [o[0] for o in opts if o[0]] == list(labels(field, "fi"))  # export values
    assert fields["assessor"]["/V"] == "self"
    # a viewer stores the export value (the code); one that stores the label reads the same
    scores = seeded_scores(seed=8)
    for sector in ("knowledge", "Tieto ja osaaminen"):
        header = dict(HEADER, respondent_sector=sector, assessor="external")
        df = ck.read_filled(fill_pdf(forms["fi"], tmp_path / "c.pdf", pdf_answers(scores, header)))
        assert set(df["respondent_sector"]) == {"knowledge"}
        assert set(df["assessor"]) == {"external"}
        assert dict(zip(df["criterion_id"], df["score"], strict=True)) == scores


def test_xlsx_choice_fields_are_lists_of_labels(tmp_path):
    from innolab.reports.texts import label, labels

    path = ck.make_xlsx(tmp_path / "fi.xlsx", "fi")
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[0]]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    for field in ck_common.CHOICE_FIELDS:
        assert '"' + ",".join(labels(field, "fi").values()) + '"' in formulas
    ((sheet, ref),) = wb.defined_names["assessor"].destinations
    assert wb[sheet][ref.replace("$", "")].value == label("assessor", "self", "fi")
    scores = seeded_scores(seed=9)
    values = {"area_id": "maunula", "respondent_id": "m2", "wave": 1,
              "respondent_sector": label("respondent_sector", "steering_group", "fi"),
              **{ck.criterion_field(c): s for c, s in scores.items()}}
    df = ck.read_filled(fill_xlsx(path, tmp_path / "filled.xlsx", values))
    # the preset assessor label and the chosen sector label read back as codes
    assert df.iloc[0][["assessor", "respondent_sector"]].tolist() == ["self", "steering_group"]
    assert dict(zip(df["criterion_id"], df["score"], strict=True)) == scores


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_a_form_made_for_a_study_offers_its_waves_as_choices(tmp_path, suffix):
    """With the study's waves known (``innolab checklist --study``) the wave field is a choice
    of "0 · Syksy 2015", … in the PDF and the XLSX, and the chosen wave reads back as its
    number."""
    study = innolab.load_study(DATA / "mini_study")
    waves = {w: study.wave_label(w) for w in study.wave_ids}
    options = ck_common.wave_options(waves)
    assert [code for _, code in options] == [str(w) for w in study.wave_ids]
    form = ck.make_checklist(tmp_path / f"form.{suffix}", "fi", area_id="maunula", waves=waves)
    scores = seeded_scores(seed=6)
    chosen = options[0][0]  # the first wave, as its label
    if suffix == "pdf":
        fields = PdfReader(form).get_fields()
        assert fields["wave"].get("/FT") == "/Ch"
        opts = [o[1] if isinstance(o, list) else o for o in fields["wave"]["/Opt"]]
        assert [str(o) for o in opts] == [lab for lab, _ in options] or \
            [str(o) for o in opts] == [code for _, code in options]
        filled = fill_pdf(form, tmp_path / "filled.pdf",
                          pdf_answers(scores, header={**HEADER, "wave": options[0][1]}))
    else:
        wb = openpyxl.load_workbook(form)
        lists = [dv.formula1 for ws in wb for dv in ws.data_validations.dataValidation
                 if dv.type == "list"]
        assert any(chosen in (f or "") for f in lists)
        values = {"area_id": "maunula", "respondent_id": "m2", "wave": chosen,
                  "assessor": "self", **{ck.criterion_field(c): s for c, s in scores.items()}}
        filled = fill_xlsx(form, tmp_path / "filled.xlsx", values)
    df = ck.read_filled(filled)
    assert set(df["wave"]) == {study.wave_ids[0]}
    assert ck_common.wave_from_text("2 · Kevät 2016") == 2
    assert ck_common.wave_from_text("Kevät 2016") is None
