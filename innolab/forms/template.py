"""The study template: an Excel workbook to enter a study by hand (``innolab template``).

One sheet per table of the data format (:data:`innolab.data.study.TABLES`; sheet names and header
cells are the table and column codes, so the filled workbook saved as ``study.xlsx`` loads with
``innolab validate``), an instructions sheet in the chosen language, a note on every header cell
saying what to enter, and data validations: a drop-down list of codes for every vocabulary column,
``true``/``false`` for booleans, the ids already entered for columns that refer to areas, actors,
events or criteria, and number ranges. The criteria sheet is prefilled with the built-in set.
Every word comes from the catalogue (``innolab/resources/texts/template.yaml``).
"""

from __future__ import annotations

import io
from pathlib import Path

from innolab.analysis.criteria import load_criteria
from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.data.study import TABLES, Column
from innolab.reports.output import print_setup
from innolab.reports.texts import labels, t

__all__ = ["ROWS", "REFERENCES", "BOOLEAN_LIST", "make_template"]

#: Rows below the header that carry the drop-down lists and checks.
ROWS = 5000
#: (table, column) → (table, column) whose entered ids the drop-down lists.
REFERENCES = {
    ("actors", "area_id"): ("areas", "area_id"),
    ("ties", "source"): ("actors", "actor_id"),
    ("ties", "target"): ("actors", "actor_id"),
    ("events", "area_id"): ("areas", "area_id"),
    ("participation", "event_id"): ("events", "event_id"),
    ("participation", "actor_id"): ("actors", "actor_id"),
    ("assessments", "area_id"): ("areas", "area_id"),
    ("assessments", "criterion_id"): ("criteria", "criterion_id"),
    ("innovations", "area_id"): ("areas", "area_id"),
    ("support", "area_id"): ("areas", "area_id"),
}
#: The list of a boolean column.
BOOLEAN_LIST = ("true", "false")

_DARK = "1F4E79"
_LIGHT = "DDEBF7"


def _letter(table: str, column: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(TABLES[table].column_names.index(column) + 1)


def _help(table: str, col: Column, lang: str) -> str:
    """What to enter in a column: its catalogue text, then its codes or the sheet it refers to."""
    parts = [t(f"template.col.{table}.{col.name}", lang)]
    if col.kind == "vocab":
        codes = [f"{code} ({name})" if name != code else code
                 for code, name in labels(col.vocabulary, lang).items()]
        parts.append(t("template.codes", lang, codes=", ".join(codes)))
    elif col.kind == "bool":
        parts.append(t("template.boolean", lang))
    if (table, col.name) in REFERENCES:
        parts.append(t("template.refers", lang, sheet=REFERENCES[table, col.name][0]))
    return " ".join(parts)


def _validation(table: str, col: Column, lang: str):
    """The data validation of a column, or None when any text goes."""
    from openpyxl.worksheet.datavalidation import DataValidation

    last = ROWS + 1
    list_error = {"error": t("template.error.list", lang)}
    if (table, col.name) in REFERENCES:
        sheet, ref = REFERENCES[table, col.name]
        letter = _letter(sheet, ref)
        dv = DataValidation(type="list", formula1=f"{sheet}!${letter}$2:${letter}${last}",
                            **list_error)
    elif col.kind == "vocab":
        codes = ",".join(vocab.VOCABULARIES[col.vocabulary])
        dv = DataValidation(type="list", formula1=f'"{codes}"', **list_error)
    elif col.kind == "bool":
        dv = DataValidation(type="list", formula1=f'"{",".join(BOOLEAN_LIST)}"', **list_error)
    elif col.kind in ("int", "float") and col.minimum is not None:
        kind = "whole" if col.kind == "int" else "decimal"
        error = {"error": t("template.error.number", lang)}
        if col.maximum is not None:
            dv = DataValidation(type=kind, operator="between", formula1=str(col.minimum),
                                formula2=str(col.maximum), **error)
        else:
            op = "greaterThan" if col.exclusive_minimum else "greaterThanOrEqual"
            dv = DataValidation(type=kind, operator=op, formula1=str(col.minimum), **error)
    else:
        return None
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorTitle = t("template.error.title", lang)[:32]
    dv.showInputMessage = True
    dv.promptTitle = col.name[:32]
    dv.prompt = _help(table, col, lang)[:255]
    letter = _letter(table, col.name)
    dv.add(f"{letter}2:{letter}{last}")
    return dv


def _table_sheet(wb, table: str, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    spec = TABLES[table]
    ws = wb.create_sheet(table)
    for i, col in enumerate(spec.columns, start=1):
        cell = ws.cell(1, i, col.name)
        fill = _DARK if col.required else _LIGHT
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(bold=True, color="FFFFFF" if col.required else "000000")
        note = Comment(_help(table, col, lang), "innolab")
        note.width, note.height = 300, 150
        cell.comment = note
        ws.column_dimensions[cell.column_letter].width = max(14, len(col.name) + 4)
        dv = _validation(table, col, lang)
        if dv is not None:
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    print_setup(ws, f"{t('template.title', lang)} — {table}", header_rows=1,
                landscape=len(spec.columns) > 5)


def _instructions(ws, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.title = t("template.sheet.instructions", lang)
    for letter, width in zip("ABCD", (16, 22, 12, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws["A1"] = t("template.title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    r = 3
    for key in ("sheets", "required", "lists", "values", "privacy", "criteria", "validate"):
        text = t(f"template.intro.{key}", lang)
        ws.cell(r, 1, text).alignment = wrap
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.row_dimensions[r].height = 15 * (len(text) // 115 + 1)
        r += 1
    r += 1
    head = ("sheet", "column", "required", "help")
    for i, key in enumerate(head, start=1):
        cell = ws.cell(r, i, t(f"template.head.{key}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_LIGHT)
    for table, spec in TABLES.items():
        r += 1
        ws.cell(r, 1, table).font = Font(bold=True)
        ws.cell(r, 4, t(f"template.table.{table}", lang)).alignment = wrap
        for col in spec.columns:
            r += 1
            ws.cell(r, 1, table)
            ws.cell(r, 2, col.name).font = Font(bold=col.required)
            ws.cell(r, 3, t("template.required" if col.required else "template.optional", lang))
            text = _help(table, col, lang)
            ws.cell(r, 4, text).alignment = wrap
            ws.row_dimensions[r].height = 15 * (len(text) // 85 + 1)
    print_setup(ws, t("template.title", lang), header_rows=0, landscape=False)


def _prefill_criteria(ws) -> None:
    crit = load_criteria()
    for row in crit[TABLES["criteria"].column_names].itertuples(index=False):
        values = []
        for v in row:
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            values.append(v.item() if hasattr(v, "item") else v)
        ws.append(values)


def make_template(path, lang: str = "en") -> Path:
    """Write the study template workbook.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file to write (atomically). Saved as ``study.xlsx`` in a folder of its own
        once filled in, it is a study.
    lang : {"en", "fi"}
        The language of the instructions, header notes and input messages (codes stay codes).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook

    vocab.check_lang(lang)
    wb = Workbook()
    _instructions(wb.active, lang)
    for table in TABLES:
        _table_sheet(wb, table, lang)
    _prefill_criteria(wb["criteria"])
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(path, buf.getvalue())
