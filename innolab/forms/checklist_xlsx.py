"""The checklist as an Excel workbook (:func:`make_xlsx`): input cells with drop-down lists, the
rest protected, every input cell named after its PDF field."""

from __future__ import annotations

import io
from pathlib import Path

from innolab import __version__
from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.errors import InnolabError
from innolab.reports.output import print_setup
from innolab.reports.texts import label, labels

from .common import (
    FORM_VERSION,
    HEADER_FIELDS,
    MARKER,
    MARKER_SHEET,
    anchor_labels,
    anchored,
    criteria_hash,
    criterion_field,
    criterion_text,
    dimension_groups,
    form_text,
    header_hint,
    notes_field,
    prepare_criteria,
    scale_text,
    wave_options,
)

__all__ = ["make_xlsx"]


def _choices(field: str, lang: str) -> str:
    """An in-cell list of a vocabulary's labels (Excel splits it at commas)."""
    names = list(labels(field, lang).values())
    if any("," in n or '"' in n for n in names):  # a catalogue change would break the list
        raise InnolabError(f"A label of {field} has a comma or a quote: {names}")
    return '"' + ",".join(names) + '"'


def make_xlsx(path, lang: str = "en", criteria=None, area_id: str | None = None,
              waves: dict | None = None) -> Path:
    """Write the checklist as an Excel workbook.

    One sheet holds a header (the five :data:`HEADER_FIELDS`, with drop-down lists for
    ``assessor`` and ``respondent_sector`` and a whole-number check for ``wave``), the scale's
    anchors, and one row per criterion (id, dimension, text, a score cell with a drop-down list
    of the scale's values, and the meaning of the chosen score) followed by a notes cell per
    dimension. Input cells are yellow and unlocked; the sheet is protected without a password.
    Every input cell has a workbook-level defined name equal to its PDF field name
    (``area_id``, ``criterion_1_1``, ``notes_D1`` …), and a hidden sheet ``innolab`` marks the
    workbook as a checklist, so that :func:`read_filled` finds the values wherever they are.

    Parameters
    ----------
    path : str or pathlib.Path
        The workbook to write (atomically).
    lang : {"en", "fi"}
        The language of the form.
    criteria : pandas.DataFrame or path, optional
        A criteria set in the study format; default the built-in set.
    area_id : str, optional
        Prefilled into the area cell.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    vocab.check_lang(lang)
    crit = prepare_criteria(criteria)
    h = criteria_hash(crit)
    wb = Workbook()
    ws = wb.active
    ws.title = form_text("sheet", lang)
    for col, width in zip("ABCDE", (7, 11, 64, 14, 36), strict=True):
        ws.column_dimensions[col].width = width
    yellow = PatternFill("solid", fgColor="FFF6C8")
    grey = PatternFill("solid", fgColor="E6E6E6")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    small = Font(size=8, color="555555")
    bold = Font(bold=True)

    def name(field: str, cell) -> None:
        ref = f"'{ws.title}'!${cell.column_letter}${cell.row}"
        wb.defined_names[field] = DefinedName(field, attr_text=ref)

    def input_cell(cell, field: str) -> None:
        cell.fill = yellow
        cell.border = box
        cell.protection = Protection(locked=False)
        name(field, cell)

    ws["A1"] = form_text("title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = form_text("intro_xlsx", lang, scale=scale_text(crit, lang))
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = wrap
    ws.row_dimensions[2].height = 62
    ws["A3"] = form_text("footer", lang, version=__version__, hash=h[:12], n=len(crit),
                  form=FORM_VERSION)
    ws["A3"].font = small

    r = 5
    for field in HEADER_FIELDS:
        ws.cell(r, 3, f"{form_text(field, lang)} ({field})").font = bold
        ws.cell(r, 3).alignment = Alignment(horizontal="right")
        cell = ws.cell(r, 4, {"area_id": area_id or None,
                              "assessor": label("assessor", "self", lang)}.get(field))
        input_cell(cell, field)
        ws.cell(r, 5, header_hint(field, lang)).font = small
        ws.cell(r, 5).alignment = Alignment(wrap_text=True, vertical="top")
        if field == "respondent_sector":
            ws.row_dimensions[r].height = 34
        r += 1
    # fixed vocabularies: lists of labels in the form's language, read back as codes
    dv_assessor = DataValidation(type="list", formula1=_choices("assessor", lang),
                                 allow_blank=False, showErrorMessage=True)
    dv_sector = DataValidation(type="list", formula1=_choices("respondent_sector", lang),
                               allow_blank=True, showErrorMessage=True)
    if waves:  # the study's waves are known: a list of "0 · Syksy 2015", … (read as numbers)
        options = [lab for lab, _ in wave_options(waves)]
        if any("," in o or '"' in o for o in options):
            raise InnolabError(f"A wave label has a comma or a quote: {options}")
        dv_wave = DataValidation(type="list", formula1='"' + ",".join(options) + '"',
                                 allow_blank=False, showErrorMessage=True)
    else:
        dv_wave = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                 allow_blank=False, showErrorMessage=True,
                                 error=header_hint("wave", lang))
    for dv, field in ((dv_assessor, "assessor"), (dv_sector, "respondent_sector"),
                      (dv_wave, "wave")):
        ws.add_data_validation(dv)
        dv.add(ws.cell(5 + HEADER_FIELDS.index(field), 4))

    r += 1
    ws.cell(r, 3, f"{form_text('scale', lang)}: {scale_text(crit, lang)}").font = bold
    ws.cell(r, 3).alignment = wrap
    ws.row_dimensions[r].height = 30
    r += 2
    for col, key in enumerate(("criterion", "dimension", "criterion", "score", "meaning"), 1):
        text = "id" if col == 1 else form_text(key, lang)
        ws.cell(r, col, text).font = bold
        ws.cell(r, col).fill = grey
    ws.freeze_panes = ws.cell(r + 1, 1)
    header_row = r
    r += 1

    validations: dict[tuple[int, int], DataValidation] = {}
    anchors = anchor_labels(lang)
    for dim, dname, rows, _, _ in dimension_groups(crit, lang):
        ws.cell(r, 1, dim).font = bold
        ws.cell(r, 3, dname).font = bold
        for col in range(1, 6):
            ws.cell(r, col).fill = grey
        r += 1
        for _, row in rows.iterrows():
            lo, hi = int(row["lo"]), int(row["hi"])
            ws.cell(r, 1, row["criterion_id"])
            ws.cell(r, 2, dim)
            ws.cell(r, 3, criterion_text(row, "criterion", lang)).alignment = wrap
            score = ws.cell(r, 4)
            input_cell(score, criterion_field(row["criterion_id"]))
            score.alignment = Alignment(horizontal="center", vertical="top")
            dv = validations.get((lo, hi))
            if dv is None:
                values = ",".join(str(v) for v in range(lo, hi + 1))
                prompt = (", ".join(f"{k} {v}" for k, v in anchors.items())
                          if anchored(lo, hi) else f"{lo}–{hi}")
                dv = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True,
                                    showErrorMessage=True, showInputMessage=True,
                                    promptTitle=form_text("scale", lang), prompt=prompt[:250],
                                    error=f"{lo}–{hi}")
                ws.add_data_validation(dv)
                validations[(lo, hi)] = dv
            dv.add(score)
            if anchored(lo, hi):
                ref = score.coordinate
                labels = ",".join(f'"{anchors[v]}"' for v in range(lo, hi + 1))
                ws.cell(r, 5, f'=IF({ref}="","",IFERROR(CHOOSE({ref}-{lo}+1,{labels}),""))')
                ws.cell(r, 5).font = small
            r += 1
        ws.cell(r, 1, form_text("notes", lang)).font = small
        ws.cell(r, 2, dim).font = small
        note = ws.cell(r, 3)
        input_cell(note, notes_field(dim))
        note.alignment = wrap
        ws.row_dimensions[r].height = 45
        r += 2
    ws.protection.sheet = True
    # one criterion a line (id, text, answer cells) across the page's width; the column
    # headings on every page
    print_setup(ws, form_text("title", lang), header_rows=(header_row, header_row),
                landscape=False)

    meta = wb.create_sheet(MARKER_SHEET)
    for i, (k, v) in enumerate((("marker", MARKER), ("form_version", FORM_VERSION),
                                ("lang", lang), ("criteria_sha256", h),
                                ("innolab", __version__)), start=1):
        meta.cell(i, 1, k)
        meta.cell(i, 2, v)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(path, buf.getvalue())
