"""Reading the tables other tools write — CSV in any common dialect, XLSX sheets — as text rows.

Each row is a dict column → text, with its row number as the spreadsheet shows it (header = 1),
so that problems can name the row an analyst sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from innolab.data.importers.mapping import Collector

__all__ = ["Rows", "read_csv_rows", "read_xlsx_sheets", "read_rows"]


class Rows:
    """A table as text: its file label, header and rows ``(row number, {column: text})``."""

    def __init__(self, file: str, header: list[str], rows: list[tuple[int, dict]]):
        self.file = file
        self.header = header
        self.rows = rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def _decode(raw: bytes, file: str, out: Collector) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    out.add(file, None, None, None, "a text file in UTF-8 or cp1252")
    return None


def read_csv_rows(raw: bytes, file: str, out: Collector) -> Rows | None:
    """Read a CSV file's bytes (``,``, ``;`` or tab separated; UTF-8, with BOM, or cp1252).

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        Its name, for problems.
    out : Collector
        Where problems go.

    Returns
    -------
    Rows or None
        None when the file cannot be read (the problem is in ``out``).
    """
    text = _decode(raw, file, out)
    if text is None:
        return None
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not records or not any(c.strip() for c in records[0]):
        out.add(file, 1, None, None, "a header row with the column names")
        return None
    return _rows(file, [(i + 1, r) for i, r in enumerate(records)], out)


def _rows(file: str, records: list, out: Collector) -> Rows:
    header = [str(c).strip() for c in records[0][1]]
    rows = []
    for num, rec in records[1:]:
        cells = ["" if c is None else str(c).strip() for c in rec]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        if len(cells) > len(header) and any(cells[len(header):]):
            out.add(file, num, None, cells[len(header)],
                    f"at most {len(header)} cells, as many as the header has")
        rows.append((num, {h: c for h, c in zip(header, cells, strict=False) if h}))
    return Rows(file, header, rows)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_xlsx_sheets(path: Path, out: Collector) -> dict[str, Rows]:
    """Every sheet of a workbook as :class:`Rows` (sheet name → rows); {} when unreadable."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        out.add(path.name, None, None, None, f"an Excel workbook (.xlsx): {exc}")
        return {}
    sheets = {}
    for ws in wb.worksheets:
        records = [(i + 1, [_cell(v) for v in row])
                   for i, row in enumerate(ws.iter_rows(values_only=True))]
        label = f"{path.name}:{ws.title}"
        if not records or not any(records[0][1]):
            sheets[ws.title] = Rows(label, [], [])
            continue
        sheets[ws.title] = _rows(label, records, out)
    wb.close()
    return sheets


def read_rows(path: Path, out: Collector, sheet: str | None = None) -> Rows | None:
    """One table from a CSV file, or from a workbook's sheet (the first one by default)."""
    if not path.exists():
        out.add(str(path), None, None, None, "a file; none exists here")
        return None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = read_xlsx_sheets(path, out)
        if not sheets:
            return None
        if sheet is None:
            return next(iter(sheets.values()))
        if sheet not in sheets:
            out.add(path.name, None, None, sheet, f"a sheet of the workbook: "
                    f"{', '.join(sheets)}")
            return None
        return sheets[sheet]
    return read_csv_rows(path.read_bytes(), path.name, out)
