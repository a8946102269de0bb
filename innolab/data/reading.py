"""Reading the study's files as text cells, before anything is parsed or checked.

CSV files may be plain UTF-8 with ``,`` or as Finnish Excel saves them: ``;`` separated, in
cp1252 or UTF-8 with a byte-order mark; the dialect is detected per file (:func:`read_csv`). A
``study.xlsx`` workbook is read sheet by sheet (:func:`read_workbook`), its typed cells turned
into the text a CSV would hold (:func:`cell_text`). Either way a table becomes a
:class:`RawTable` of str cells with the spreadsheet row numbers, for
:mod:`innolab.data.validation` to parse.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from innolab.data.schema import TABLES
from innolab.errors import Problem

__all__ = ["EMPTY", "RawTable", "read_csv", "read_workbook", "cell_text"]

#: The text of an empty cell.
EMPTY = ""


@dataclass
class RawTable:
    """A table as text, before any cell is parsed.

    Attributes
    ----------
    file : str
        The name problems are reported under (a file name, or ``study.xlsx:<sheet>``).
    header : list of str
        The column names of the header row (stripped; each one unique and non-empty).
    frame : pandas.DataFrame
        One str column per header name; an empty cell is :data:`EMPTY`. Blank rows are dropped.
    rows : numpy.ndarray
        The spreadsheet row number (1 = header) of each row of ``frame``.
    """

    file: str
    header: list[str]
    frame: pd.DataFrame  # all str, columns = unique header names
    rows: np.ndarray  # spreadsheet row number of each frame row


#: The first bytes of files that are not text, and what they are.
_NOT_TEXT = {b"PK\x03\x04": "a zip file (an Excel workbook .xlsx renamed .csv?)",
             b"%PDF": "a PDF file", b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)"}


def _not_text(raw: bytes, file: str, problems: list[Problem]) -> bool:
    """Whether ``raw`` is not text (a workbook, a PDF, UTF-16 without its byte-order mark)."""
    what = next((w for magic, w in _NOT_TEXT.items() if raw.startswith(magic)), None)
    if what is None and b"\0" in raw[:4096]:
        head = raw[:4096]
        odd_nul = head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
        what = ("UTF-16 text without a byte-order mark" if odd_nul
                else "a binary file (it holds NUL bytes)")
    if what is not None:
        problems.append(Problem(file, None, None, None,
                                f"the file is not text but {what}: expected a CSV file; save "
                                f"the table as CSV (UTF-8)"))
    return what is not None


def _decode(raw: bytes, file: str, problems: list[Problem]) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            problems.append(Problem(file, None, None, None,
                                    f"the file starts with a UTF-16 byte-order mark but is not "
                                    f"UTF-16 (byte {exc.start}); save it again as UTF-8"))
            return None
    if _not_text(raw, file, problems):
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(file, None, None, None,
                                    f"the file starts with a UTF-8 byte-order mark but is not "
                                    f"UTF-8 (byte {exc.start + 3}); save it again as UTF-8"))
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, None, None, None,
                                f"cannot read the text: neither UTF-8 nor cp1252 (byte "
                                f"{exc.start}); save it as UTF-8"))
        return None


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_ok(file: str, header_row: int, header: list[str], problems: list[Problem]) -> bool:
    ok = True
    seen: set[str] = set()
    for i, h in enumerate(header):
        if h == "":
            problems.append(Problem(file, header_row, f"#{i + 1}", "",
                                    "every column needs a name in the header row"))
            ok = False
        elif h in seen:
            problems.append(Problem(file, header_row, h, h,
                                    "each column name may appear only once in the header"))
            ok = False
        seen.add(h)
    return ok


def _rows_to_raw(file: str, records: list[tuple[int, list[str]]],
                 problems: list[Problem]) -> RawTable | None:
    """Turn (row number, cells) records — the first being the header — into a RawTable."""
    if not records:
        problems.append(Problem(file, None, None, None,
                                "the table is empty: expected a header row"))
        return None
    header_row, header = records[0]
    header = [h.strip() for h in header]
    while header and header[-1] == "":
        header.pop()
    if not _header_ok(file, header_row, header, problems):
        return None
    width = len(header)
    data, rownums = [], []
    for rownum, cells in records[1:]:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len(cells) > width:
            extra = cells[width:]
            if any(extra):
                problems.append(Problem(
                    file, rownum, None, ";".join(extra),
                    f"the row has {len(cells)} values but the header names {width} columns",
                ))
                continue
            cells = cells[:width]
        cells = cells + [EMPTY] * (width - len(cells))
        data.append(cells)
        rownums.append(rownum)
    frame = pd.DataFrame(data, columns=header, dtype=object)
    if frame.empty:
        frame = pd.DataFrame({h: pd.Series([], dtype=object) for h in header})
    return RawTable(file, header, frame, np.asarray(rownums, dtype=int))


def _padded(text: str, delimiter: str) -> bool:
    """Whether any cell may start or end with white space (plain substring tests: fast)."""
    marks = [f" {delimiter}", f"{delimiter} ", " \n", "\n ", " \r", "\t"]
    if delimiter == "\t":
        marks = [" \t", "\t ", " \n", "\n ", " \r"]
    return text[:1].isspace() or text.rstrip("\r\n")[-1:].isspace() or any(m in text
                                                                          for m in marks)


def _read_csv_fast(text: str, delimiter: str, label: str,
                   problems: list[Problem]) -> RawTable | None | bool:
    """Read with pandas' C parser; False when the file needs the careful reader's messages."""
    try:
        cells = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=object,
                            na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return False  # ragged rows or broken quotes: the csv-module path says where
    cells = cells.fillna(EMPTY)
    header = [str(h).strip() for h in cells.iloc[0]]
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    body = cells.iloc[1:]
    if width < len(header):
        if (body.iloc[:, width:] != EMPTY).to_numpy().any():
            return False
        body = body.iloc[:, :width]
    if not _header_ok(label, 1, header[:width], problems):
        return None
    if _padded(text, delimiter):  # only pay for stripping when a value is padded
        body = body.apply(lambda col: col.str.strip())
    keep = (body != EMPTY).to_numpy().any(axis=1)
    rows = np.arange(2, len(cells) + 1)[keep]
    frame = body[keep].copy()
    frame.columns = header[:width]
    frame.index = pd.RangeIndex(len(frame))
    return RawTable(label, header[:width], frame, rows)


def read_csv(path: Path, label: str, problems: list[Problem]) -> RawTable | None:
    """Read a CSV file of either dialect as text cells.

    The encoding (UTF-8, UTF-8 with a byte-order mark, UTF-16 with a byte-order mark,
    cp1252) and the separator (``,``, ``;``
    or tab, whichever the header row holds most of) are detected. Well-formed files go through
    pandas' C parser; a file it rejects is read again with the :mod:`csv` module, whose errors
    say where the file breaks.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    label : str
        The name problems are reported under.
    problems : list of Problem
        Where problems found are appended.

    Returns
    -------
    RawTable or None
        None when the file cannot be read as a table (its problems are in ``problems``): it
        is not text (a workbook or PDF renamed ``.csv``, UTF-16 without a byte-order mark), is
        empty, or cannot be parsed.
    """
    text = _decode(path.read_bytes(), label, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(label, None, None, None,
                                "the table is empty: expected a header row"))
        return None
    first = text.split("\n", 1)[0]
    fast = _read_csv_fast(text, _sniff_delimiter(first), label, problems)
    if fast is not False:
        return fast
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    try:
        records = [(i, row) for i, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        problems.append(Problem(label, reader.line_num, None, None,
                                f"not readable as CSV ({exc}); check the quotes"))
        return None
    return _rows_to_raw(label, records, problems)


def cell_text(value) -> str:
    """The text a CSV file would hold for a typed workbook cell.

    A workbook (``study.xlsx``) gives typed values where a CSV gives text; this turns them back
    into the text the rest of the reading expects, so both forms of a study are checked alike.

    Parameters
    ----------
    value : object
        A cell value as openpyxl reads it: None, bool, int, float, str, ``datetime.date`` or
        ``datetime.datetime``.

    Returns
    -------
    str
        :data:`EMPTY` for None; ``true``/``false`` for a bool; ISO format for a date (a
        datetime at midnight as its date only); a whole float without its ``.0``; else
        ``str(value)``.

    Examples
    --------
    >>> cell_text(3.0), cell_text(2.5), cell_text(True), cell_text(None)
    ('3', '2.5', 'true', '')
    """
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_workbook(path: Path, problems: list[Problem]) -> tuple[dict[str, RawTable], list[str]]:
    """Read the sheets of a ``study.xlsx`` that are tables of the format as text cells.

    Parameters
    ----------
    path : pathlib.Path
        The workbook.
    problems : list of Problem
        Where problems found are appended (an unreadable workbook, a bad header row).

    Returns
    -------
    tables : dict of str to RawTable
        Table name → its sheet (sheet names are matched after stripping white space).
    others : list of str
        The names of the sheets that are not tables of the format.
    """
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as an Excel workbook (.xlsx): {exc}"))
        return {}, []
    out = {}
    try:
        for sheet in wb.worksheets:
            name = sheet.title.strip()
            if name not in TABLES:
                continue
            records = [(i, [cell_text(v) for v in row])
                       for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
            raw = _rows_to_raw(f"{path.name}:{name}", records, problems)
            if raw is not None:
                out[name] = raw
        others = [s.title for s in wb.worksheets if s.title.strip() not in TABLES]
    finally:
        wb.close()
    return out, others

