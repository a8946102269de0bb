"""The study data format (BRIEF §5): reading, validating and holding a study.

A study is a folder of CSV files (one per table) or one ``study.xlsx`` workbook (one sheet per
table), with an optional ``study.yaml``. :func:`load_study` reads it, checks every rule of the
format and returns a :class:`Study` whose tables are typed DataFrames. All problems are collected
and raised together as one :class:`~innolab.errors.StudyError`; nothing is written anywhere.

CSV files may be plain UTF-8 with ``,`` or as Finnish Excel saves them: ``;`` separated, decimal
comma, in cp1252 or UTF-8 with a byte-order mark. The dialect is detected per file.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from innolab.data import vocab
from innolab.errors import ParameterError, Problem, StudyError, StudyWarning

__all__ = [
    "Column",
    "TableSpec",
    "TABLES",
    "Study",
    "load_study",
    "read_table",
    "helsinki_districts",
]

_EMPTY = ""
_ROW = "__row__"  # spreadsheet row number, kept beside the data until loading ends
_FILE = "__file__"


# ---------------------------------------------------------------------------------------------
# The schema


@dataclass(frozen=True)
class Column:
    """One column of a table of the study format.

    Attributes
    ----------
    name : str
        Column name as in the file header.
    kind : str
        ``str``, ``int``, ``float``, ``bool``, ``date``, ``list`` (``;``-separated ids) or
        ``vocab`` (a code of ``innolab.data.vocab.VOCABULARIES[vocabulary]``).
    required : bool
        The column must be present and every value filled in.
    vocabulary : str, optional
        For ``kind="vocab"``: the key into :data:`innolab.vocab.VOCABULARIES`.
    default : object, optional
        Value used when the cell (or the whole optional column) is empty.
    minimum, maximum : float, optional
        Allowed range (inclusive unless ``exclusive_minimum``).
    exclusive_minimum : bool
        The value must be strictly above ``minimum``.
    """

    name: str
    kind: str = "str"
    required: bool = False
    vocabulary: str | None = None
    default: object = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One table of the study format: its columns, whether it is required, and its unique keys."""

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    unique: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        """Names of all columns, in order."""
        return [c.name for c in self.columns]


def _c(name, kind="str", required=False, **kw) -> Column:
    return Column(name=name, kind=kind, required=required, **kw)


def _v(name, vocabulary, required=False, **kw) -> Column:
    return Column(name=name, kind="vocab", required=required, vocabulary=vocabulary, **kw)


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        TableSpec("areas", (
            _c("area_id", required=True), _c("name", required=True),
            _c("municipality", required=True), _v("country", "country", required=True),
            _v("role", "area_role"), _c("district_code"),
            _c("population", "int", minimum=0),
        ), required=True, unique=(("area_id",),)),
        TableSpec("actors", (
            _c("actor_id", required=True), _c("area_id", required=True),
            _v("sector", "sector", required=True), _v("type", "actor_type", required=True),
            _c("kind"), _c("name"), _v("target_group", "target_group"),
            _c("kehra_member", "bool", default=False), _c("joined_wave", "int", minimum=0),
        ), required=True, unique=(("actor_id",),)),
        TableSpec("ties", (
            _c("source", required=True), _c("target", required=True),
            _c("wave", "int", required=True, minimum=0), _v("type", "tie_type", required=True),
            _c("weight", "float", default=1.0, minimum=0, exclusive_minimum=True),
        ), required=True, unique=(("source", "target", "wave", "type"),)),
        TableSpec("events", (
            _c("event_id", required=True), _c("area_id", required=True),
            _c("date", "date", required=True), _c("wave", "int", required=True, minimum=0),
            _v("type", "event_type", required=True), _c("title"),
        ), unique=(("event_id",),)),
        TableSpec("participation", (
            _c("event_id", required=True), _c("actor_id", required=True),
            _v("role", "participation_role", default="participant"),
        ), unique=(("event_id", "actor_id"),)),
        TableSpec("assessments", (
            _c("area_id", required=True), _c("wave", "int", required=True, minimum=0),
            _v("assessor", "assessor", required=True), _c("respondent_id", required=True),
            _v("respondent_sector", "respondent_sector"), _c("criterion_id", required=True),
            _c("score", "float"),
        ), unique=(("area_id", "wave", "assessor", "respondent_id", "criterion_id"),)),
        TableSpec("criteria", (
            _c("criterion_id", required=True), _c("dimension_id", required=True),
            _c("dimension_en"), _c("dimension_fi"), _c("criterion_en"), _c("criterion_fi"),
            _c("scale_min", "float", default=0.0), _c("scale_max", "float", default=4.0),
            _c("weight", "float", default=1.0, minimum=0), _c("direction", "int", default=1),
        ), unique=(("criterion_id",),)),
        TableSpec("innovations", (
            _c("innovation_id", required=True), _c("area_id", required=True),
            _c("wave", "int", required=True, minimum=0), _c("title"),
            _v("theme", "theme", required=True), _v("stage", "stage", required=True),
            _c("partners", "list", default=()), _c("ready_for_funding", "bool", default=False),
        ), unique=(("innovation_id", "wave"),)),
        TableSpec("support", (
            _c("area_id", required=True), _c("date", "date", required=True),
            _c("wave", "int", minimum=0), _v("type", "support_type", required=True),
            _c("hours", "float", required=True, minimum=0),
        )),
        TableSpec("peer_review", (
            _c("organisation", required=True), _v("group", "peer_group", required=True),
            _c("practice_id", required=True), _c("practice_en"), _c("practice_fi"),
            _c("rating", "int", required=True, minimum=1, maximum=5), _c("note"),
        )),
    ]
}

_YAML_KEYS = {"name", "title", "language", "waves", "synthetic", "description"}


# ---------------------------------------------------------------------------------------------
# The study object


@dataclass
class Study:
    """A validated study: one typed DataFrame per table of the format.

    Attributes
    ----------
    path : pathlib.Path
        The study folder.
    name, title : str
        From ``study.yaml`` (the folder name when absent).
    language : str
        The study's language (``fi`` or ``en``).
    synthetic : bool
        True for generated example data.
    waves : pandas.DataFrame
        Columns ``wave`` (int), ``label`` (str), ``date`` (datetime64 or NaT), one row per wave.
    areas, actors, ties, events, participation, assessments, criteria, innovations, support,
    peer_review : pandas.DataFrame
        The tables (absent optional tables are empty frames with the right columns; an absent
        ``criteria`` table is the built-in set). ``innovations.partners`` holds tuples of ids.
    data_hash : str
        SHA-256 over the names and bytes of the files read: the identity of the data.
    files : dict of str to str
        SHA-256 of each file read.
    warnings : list of str
        What was allowed but worth a look (unknown columns, stray files).
    """

    path: Path
    name: str
    title: str
    language: str
    synthetic: bool
    waves: pd.DataFrame
    areas: pd.DataFrame
    actors: pd.DataFrame
    ties: pd.DataFrame
    events: pd.DataFrame
    participation: pd.DataFrame
    assessments: pd.DataFrame
    criteria: pd.DataFrame
    innovations: pd.DataFrame
    support: pd.DataFrame
    peer_review: pd.DataFrame
    data_hash: str
    files: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"Study({self.name!r}: {len(self.areas)} areas, {len(self.actors)} actors, "
                f"{len(self.ties)} ties, {len(self.waves)} waves, data {self.short_hash})")

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`data_hash`."""
        return self.data_hash[:12]

    @property
    def area_ids(self) -> list[str]:
        """The area ids in table order."""
        return self.areas["area_id"].tolist()

    @property
    def wave_ids(self) -> list[int]:
        """The waves, ascending."""
        return [int(w) for w in self.waves["wave"]]

    def check_area(self, area_id: str) -> str:
        """Return ``area_id`` if the study has it, else raise a ParameterError that names the ids.

        Parameters
        ----------
        area_id : str
            An area id.

        Returns
        -------
        str
            The area id.
        """
        if area_id not in set(self.area_ids):
            hint = _did_you_mean(str(area_id), self.area_ids)
            raise ParameterError(
                f"Unknown area {area_id!r} in study {self.name!r}{hint}; "
                f"the areas are: {', '.join(self.area_ids)}."
            )
        return area_id

    def area(self, area_id: str) -> pd.Series:
        """One area's row of the ``areas`` table.

        Parameters
        ----------
        area_id : str
            An area id of the study.

        Returns
        -------
        pandas.Series
        """
        self.check_area(area_id)
        return self.areas.set_index("area_id").loc[area_id]

    def wave_label(self, wave: int) -> str:
        """The label of a wave (from ``study.yaml``), or ``"wave N"``."""
        row = self.waves[self.waves["wave"] == wave]
        if len(row) and isinstance(row["label"].iloc[0], str) and row["label"].iloc[0]:
            return row["label"].iloc[0]
        return f"wave {wave}"


# ---------------------------------------------------------------------------------------------
# Reading raw tables as text


@dataclass
class _RawTable:
    """A table as text: header, string cells ('' for empty), spreadsheet row numbers."""

    file: str
    header: list[str]
    frame: pd.DataFrame  # all str, columns = unique header names
    rows: np.ndarray  # spreadsheet row number of each frame row


def _decode(raw: bytes, file: str, problems: list[Problem]) -> str | None:
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
                 problems: list[Problem]) -> _RawTable | None:
    """Turn (row number, cells) records — the first being the header — into a _RawTable."""
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
        cells = cells + [_EMPTY] * (width - len(cells))
        data.append(cells)
        rownums.append(rownum)
    frame = pd.DataFrame(data, columns=header, dtype=object)
    if frame.empty:
        frame = pd.DataFrame({h: pd.Series([], dtype=object) for h in header})
    return _RawTable(file, header, frame, np.asarray(rownums, dtype=int))


def _padded(text: str, delimiter: str) -> bool:
    """Whether any cell may start or end with white space (plain substring tests: fast)."""
    marks = [f" {delimiter}", f"{delimiter} ", " \n", "\n ", " \r", "\t"]
    if delimiter == "\t":
        marks = [" \t", "\t ", " \n", "\n ", " \r"]
    return text[:1].isspace() or text.rstrip("\r\n")[-1:].isspace() or any(m in text
                                                                          for m in marks)


def _read_csv_fast(text: str, delimiter: str, label: str,
                   problems: list[Problem]) -> _RawTable | None | bool:
    """Read with pandas' C parser; False when the file needs the careful reader's messages."""
    try:
        cells = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=object,
                            na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return False  # ragged rows or broken quotes: the csv-module path says where
    cells = cells.fillna(_EMPTY)
    header = [str(h).strip() for h in cells.iloc[0]]
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    body = cells.iloc[1:]
    if width < len(header):
        if (body.iloc[:, width:] != _EMPTY).to_numpy().any():
            return False
        body = body.iloc[:, :width]
    if not _header_ok(label, 1, header[:width], problems):
        return None
    if _padded(text, delimiter):  # only pay for stripping when a value is padded
        body = body.apply(lambda col: col.str.strip())
    keep = (body != _EMPTY).to_numpy().any(axis=1)
    rows = np.arange(2, len(cells) + 1)[keep]
    frame = body[keep].copy()
    frame.columns = header[:width]
    frame.index = pd.RangeIndex(len(frame))
    return _RawTable(label, header[:width], frame, rows)


def _read_csv(path: Path, label: str, problems: list[Problem]) -> _RawTable | None:
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


def _cell_text(value) -> str:
    """A workbook cell as the text the CSV reader would see."""
    if value is None:
        return _EMPTY
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


def _read_workbook(path: Path, problems: list[Problem]) -> dict[str, _RawTable]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as an Excel workbook (.xlsx): {exc}"))
        return {}
    out = {}
    try:
        for sheet in wb.worksheets:
            name = sheet.title.strip()
            if name not in TABLES:
                continue
            records = [(i, [_cell_text(v) for v in row])
                       for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
            raw = _rows_to_raw(f"{path.name}:{name}", records, problems)
            if raw is not None:
                out[name] = raw
        others = [s.title for s in wb.worksheets if s.title.strip() not in TABLES]
    finally:
        wb.close()
    out["__others__"] = others  # type: ignore[assignment]
    return out


# ---------------------------------------------------------------------------------------------
# Parsing cells into typed values


_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_TRUE = {"true", "tosi", "1", "yes", "kyllä"}
_FALSE = {"false", "epätosi", "0", "no", "ei"}


def _did_you_mean(value: str, options, labels: dict[str, str] | None = None) -> str:
    options = list(options)
    low = value.strip().lower()
    if labels:
        for code, names in labels.items():
            if low in names:
                return f" (did you mean {code!r}?)"
    for opt in options:
        if opt.lower() == low:
            return f" (did you mean {opt!r}?)"
    close = difflib.get_close_matches(low, [o.lower() for o in options], n=1, cutoff=0.6)
    if close:
        match = next(o for o in options if o.lower() == close[0])
        return f" (did you mean {match!r}?)"
    # a part of a code ("food" for "local_food", "leader" for "uusimaa_leader")
    if len(low) >= 3:
        parts = [o for o in options if low in o.lower().split("_") or o.lower() in low]
        if len(parts) == 1:
            return f" (did you mean {parts[0]!r}?)"
    return ""


def _vocab_hints(vocabulary: str) -> dict[str, set[str]]:
    """Code -> lower-case labels (English and Finnish) for "did you mean"."""
    return vocab.label_hints(vocabulary)


def _range_text(col: Column) -> str:
    if col.minimum is not None and col.maximum is not None:
        return f" from {col.minimum:g} to {col.maximum:g}"
    if col.minimum is not None:
        if col.exclusive_minimum:
            return f" above {col.minimum:g}"
        return f" of at least {col.minimum:g}"
    return ""


def _parse_column(raw: _RawTable, col: Column, problems: list[Problem]) -> pd.Series:
    """Typed values of one column; problems appended for every bad cell."""
    n = len(raw.frame)
    if col.name in raw.frame.columns:
        text = raw.frame[col.name].astype(str)
    else:
        text = pd.Series([_EMPTY] * n, dtype=object)
    empty = (text == _EMPTY).to_numpy()

    def bad(mask, expected):
        for i in np.flatnonzero(mask):
            problems.append(Problem(raw.file, int(raw.rows[i]), col.name, text.iloc[i], expected))

    if col.required:
        bad(empty, "a value is required here")

    kind = col.kind
    if kind == "str":
        return pd.Series(np.where(empty, None, text.to_numpy(dtype=object)), dtype=object)
    if kind == "vocab":
        options = list(vocab.VOCABULARIES[col.vocabulary])
        known = text.isin(options).to_numpy()
        hints = _vocab_hints(col.vocabulary)
        for i in np.flatnonzero(~known & ~empty):
            v = text.iloc[i]
            problems.append(Problem(
                raw.file, int(raw.rows[i]), col.name, v,
                f"expected one of: {', '.join(options)}{_did_you_mean(v, options, hints)}",
            ))
        return pd.Series(np.where(empty, col.default, np.where(known, text.to_numpy(dtype=object),
                                                              None)), dtype=object)
    if kind in ("int", "float"):
        values, ok = _to_numbers(text, empty, whole=kind == "int")
        what = "a whole number" if kind == "int" else "a number"
        hint = "" if kind == "int" else " (decimal point or comma)"
        bad(~ok & ~empty, f"expected {what}{_range_text(col)}{hint}")
        _check_range(raw, col, text, values, problems, what)
        if col.default is not None:
            values = values.fillna(col.default)
        return values.astype(float)
    if kind == "bool":
        low = text.str.lower()
        is_true = low.isin(_TRUE).to_numpy()
        is_false = low.isin(_FALSE).to_numpy()
        bad(~is_true & ~is_false & ~empty, "expected true or false")
        return pd.Series(np.where(empty, bool(col.default), is_true), dtype=bool)
    if kind == "date":
        iso = pd.to_datetime(text.where(~empty, None), format="%Y-%m-%d", errors="coerce")
        fin = pd.to_datetime(text.where(~empty, None), format="%d.%m.%Y", errors="coerce")
        values = iso.fillna(fin)
        bad(values.isna().to_numpy() & ~empty, "expected a date as YYYY-MM-DD (e.g. 2016-03-15)")
        return values
    if kind == "list":
        return pd.Series([tuple(p.strip() for p in t.split(";") if p.strip()) for t in text],
                         dtype=object)
    raise AssertionError(f"unknown column kind {kind}")  # pragma: no cover - schema bug


def _to_numbers(text: pd.Series, empty: np.ndarray, whole: bool) -> tuple[pd.Series, np.ndarray]:
    """Numbers from text (decimal point or comma); the mask of cells that are valid numbers.

    The C-speed ``pandas.to_numeric`` does the bulk; only the cells it cannot read are looked at
    again with the stricter patterns (a decimal comma, or not a number at all).
    """
    raw = text.to_numpy(dtype=object)
    try:  # the common case, every filled cell a plain number: numpy's C conversion
        filled = raw[~empty].astype(float)
        values = pd.Series(np.full(len(raw), np.nan), index=text.index)
        values.iloc[np.flatnonzero(~empty)] = filled
    except ValueError:
        values = pd.to_numeric(text.where(~empty, None), errors="coerce").astype(float)
    retry = values.isna().to_numpy() & ~empty
    if retry.any():
        idx = np.flatnonzero(retry)
        cand = text.iloc[idx]
        pattern = _INT_RE if whole else _FLOAT_RE
        good = cand.str.match(pattern).to_numpy()
        fixed = pd.to_numeric(cand[good].str.replace(",", ".", regex=False), errors="coerce")
        values.iloc[idx[good]] = fixed.to_numpy(dtype=float)
    v = values.to_numpy()
    ok = np.isfinite(v) & ~empty
    if whole:
        with np.errstate(invalid="ignore"):
            ok &= np.mod(v, 1) == 0
    values = values.where(ok | empty)
    return values, ok


def _check_range(raw, col, text, values, problems, what):
    low_bad = np.zeros(len(values), dtype=bool)
    high_bad = np.zeros(len(values), dtype=bool)
    v = values.to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        if col.minimum is not None:
            low_bad = (v <= col.minimum) if col.exclusive_minimum else (v < col.minimum)
        if col.maximum is not None:
            high_bad = v > col.maximum
    for i in np.flatnonzero(low_bad | high_bad):
        problems.append(Problem(raw.file, int(raw.rows[i]), col.name, text.iloc[i],
                                f"expected {what}{_range_text(col)}"))


def _typed_frame(raw: _RawTable | None, spec: TableSpec, problems: list[Problem],
                 warn: list[str]) -> pd.DataFrame:
    """Check the header and parse every column; returns the typed frame (empty if raw is None)."""
    if raw is None:
        return _empty_frame(spec)
    missing = [c.name for c in spec.columns if c.required and c.name not in raw.header]
    for name in missing:
        hint = _did_you_mean(name, [h for h in raw.header if h not in spec.column_names])
        problems.append(Problem(raw.file, 1, name, None,
                                f"the required column {name!r} is missing from the header{hint}"))
    if missing:
        return _empty_frame(spec)
    extra = [h for h in raw.header if h not in spec.column_names]
    if extra:
        hints = "; ".join(f"{h!r}{_did_you_mean(h, spec.column_names)}" for h in extra)
        warn.append(f"{raw.file}: unknown column(s) kept as they are: {hints}")
    out = {c.name: _parse_column(raw, c, problems) for c in spec.columns}
    for h in extra:
        cells = raw.frame[h].to_numpy(dtype=object)
        out[h] = pd.Series(np.where(cells == _EMPTY, None, cells), dtype=object)
    out[_ROW] = pd.Series(raw.rows, dtype="int64")
    out[_FILE] = pd.Series([raw.file] * len(raw.rows), dtype=object)
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _empty_frame(spec: TableSpec) -> pd.DataFrame:
    dtypes = {"str": object, "vocab": object, "int": "int64", "float": float, "bool": bool,
              "date": "datetime64[ns]", "list": object}
    frame = pd.DataFrame({c.name: pd.Series([], dtype=dtypes[c.kind]) for c in spec.columns})
    frame[_ROW] = pd.Series([], dtype="int64")
    frame[_FILE] = pd.Series([], dtype=object)
    return frame


def _finalise_dtypes(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Give int columns a proper dtype once the values are known to be valid."""
    for c in spec.columns:
        if c.kind == "int" and c.name in frame:
            col = frame[c.name]
            if col.isna().any():
                frame[c.name] = col.astype("Int64")
            else:
                frame[c.name] = col.astype("int64")
    return frame


# ---------------------------------------------------------------------------------------------
# Rules that span rows and tables


def _rownum(frame: pd.DataFrame, i: int) -> int:
    return int(frame[_ROW].iloc[i])


def _file(frame: pd.DataFrame) -> str:
    return str(frame[_FILE].iloc[0])


def _check_unique(frame: pd.DataFrame, spec: TableSpec, problems: list[Problem]) -> None:
    for key in spec.unique:
        if frame.empty or any(k not in frame for k in key):
            continue
        sub = frame[list(key)].astype(str)
        dup = sub.duplicated(keep="first").to_numpy()
        if not dup.any():
            continue
        first_row = {}
        for i, tup in enumerate(map(tuple, sub.to_numpy())):
            if tup not in first_row:
                first_row[tup] = _rownum(frame, i)
            elif dup[i]:
                shown = ", ".join(f"{k}={v}" for k, v in zip(key, tup, strict=True))
                problems.append(Problem(
                    _file(frame), _rownum(frame, i), ", ".join(key), shown,
                    f"({', '.join(key)}) must be unique: already on row {first_row[tup]}",
                ))


def _check_refs(frame: pd.DataFrame, column: str, known, what: str, problems: list[Problem],
                skip=None) -> None:
    if frame.empty or column not in frame:
        return
    known = set(known)
    values = frame[column]
    mask = values.notna().to_numpy() & ~values.isin(known).to_numpy()
    if skip is not None:
        mask &= ~skip
    options = sorted(known)
    for i in np.flatnonzero(mask):
        v = values.iloc[i]
        hint = _did_you_mean(str(v), options)
        problems.append(Problem(_file(frame), _rownum(frame, i), column, str(v),
                                f"expected a known {what}{hint}"))


def _check_waves(frame: pd.DataFrame, declared: set[int] | None, problems: list[Problem]) -> None:
    if declared is None or frame.empty or "wave" not in frame:
        return
    w = frame["wave"]
    mask = w.notna().to_numpy() & ~w.isin(declared).to_numpy()
    for i in np.flatnonzero(mask):
        problems.append(Problem(
            _file(frame), _rownum(frame, i), "wave", str(int(w.iloc[i])),
            f"expected a wave declared in study.yaml: {', '.join(map(str, sorted(declared)))}",
        ))


def helsinki_districts() -> pd.DataFrame:
    """Helsinki's 34 districts (peruspiiri) with their major district and sub-areas.

    Returns
    -------
    pandas.DataFrame
        Columns ``suurpiiri_code, suurpiiri_fi, peruspiiri_code, peruspiiri_fi, osa_alueet_fi``
        (codes as strings), from the City of Helsinki's district division.
    """
    with resources.files("innolab.resources").joinpath("helsinki_districts.csv").open(
            "r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str)


def _check_areas(areas: pd.DataFrame, problems: list[Problem]) -> None:
    if areas.empty:
        return
    codes = set(helsinki_districts()["peruspiiri_code"])
    for i, row in enumerate(areas.itertuples(index=False)):
        muni = row.municipality
        in_hki = isinstance(muni, str) and muni.strip().lower() in {"helsinki", "helsingfors"}
        code = row.district_code
        r = _rownum(areas, i)
        if in_hki and pd.notna(row.country) and row.country != "FI":
            problems.append(Problem(_file(areas), r, "country", row.country,
                                    "an area in Helsinki must have country FI"))
        if pd.notna(code):
            if not in_hki:
                problems.append(Problem(
                    _file(areas), r, "district_code", code,
                    f"a district_code is for Helsinki areas only, but municipality is {muni!r}: "
                    "leave it empty or set municipality to Helsinki"))
            elif code not in codes:
                problems.append(Problem(
                    _file(areas), r, "district_code", code,
                    "expected a Helsinki district (peruspiiri) code such as 401 (Maunula)"
                    f"{_did_you_mean(code, sorted(codes))}"))


def _check_ties(ties: pd.DataFrame, problems: list[Problem]) -> None:
    if ties.empty:
        return
    self_tie = (ties["source"] == ties["target"]).to_numpy() & ties["source"].notna().to_numpy()
    for i in np.flatnonzero(self_tie):
        problems.append(Problem(_file(ties), _rownum(ties, i), "target",
                                str(ties["target"].iloc[i]),
                                "a tie must join two different actors (no self-ties)"))


def _check_criteria(criteria: pd.DataFrame, problems: list[Problem]) -> None:
    if criteria.empty:
        return
    for i, row in enumerate(criteria.itertuples(index=False)):
        r = _rownum(criteria, i)
        if pd.notna(row.scale_min) and pd.notna(row.scale_max) and row.scale_min >= row.scale_max:
            problems.append(Problem(_file(criteria), r, "scale_max", f"{row.scale_max:g}",
                                    f"expected scale_max above scale_min ({row.scale_min:g})"))
        if pd.notna(row.direction) and row.direction not in (1, -1):
            problems.append(Problem(_file(criteria), r, "direction", f"{row.direction}",
                                    "expected 1 (higher is better) or -1 (lower is better)"))


def _check_scores(assessments: pd.DataFrame, criteria: pd.DataFrame,
                  problems: list[Problem]) -> None:
    if assessments.empty or criteria.empty:
        return
    scale = criteria.set_index("criterion_id")[["scale_min", "scale_max"]]
    joined = assessments[["criterion_id", "score"]].join(scale, on="criterion_id")
    with np.errstate(invalid="ignore"):
        out = ((joined["score"] < joined["scale_min"]) | (joined["score"] > joined["scale_max"]))
    for i in np.flatnonzero(out.to_numpy()):
        j = joined.iloc[i]
        problems.append(Problem(
            _file(assessments), _rownum(assessments, i), "score", f"{j['score']:g}",
            f"expected a score from {j['scale_min']:g} to {j['scale_max']:g} for criterion "
            f"{j['criterion_id']} (or empty when not answered)"))


# ---------------------------------------------------------------------------------------------
# study.yaml


def _read_yaml(path: Path, problems: list[Problem], warn: list[str]) -> dict:
    if not path.exists():
        return {}
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem("study.yaml", None, None, None, f"not readable as YAML: {exc}"))
        return {}
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problems.append(Problem("study.yaml", None, None, None,
                                "expected a mapping with keys such as name, language, waves"))
        return {}
    for key in sorted(set(meta) - _YAML_KEYS):
        warn.append(f"study.yaml: unknown key {key!r} ignored"
                    f"{_did_you_mean(str(key), sorted(_YAML_KEYS))}")
    lang = meta.get("language", "en")
    if lang not in vocab.LANGUAGES:
        problems.append(Problem("study.yaml", None, "language", str(lang),
                                f"expected one of: {', '.join(vocab.LANGUAGES)}"))
    waves = meta.get("waves")
    if waves is not None:
        if not isinstance(waves, list):
            problems.append(Problem("study.yaml", None, "waves", str(waves),
                                    "expected a list of {wave, label, date} entries"))
        else:
            seen = set()
            for k, w in enumerate(waves, start=1):
                if not isinstance(w, dict) or "wave" not in w:
                    problems.append(Problem("study.yaml", None, f"waves[{k}]", str(w),
                                            "expected an entry with at least 'wave'"))
                    continue
                if not isinstance(w["wave"], int) or isinstance(w["wave"], bool) or w["wave"] < 0:
                    problems.append(Problem("study.yaml", None, f"waves[{k}].wave",
                                            str(w["wave"]), "expected a whole number ≥ 0"))
                elif w["wave"] in seen:
                    problems.append(Problem("study.yaml", None, f"waves[{k}].wave",
                                            str(w["wave"]), "each wave may be declared once"))
                seen.add(w["wave"])
                d = w.get("date")
                if d is not None and not isinstance(d, _dt.date):
                    try:
                        _dt.date.fromisoformat(str(d))
                    except ValueError:
                        problems.append(Problem("study.yaml", None, f"waves[{k}].date", str(d),
                                                "expected a date as YYYY-MM-DD"))
    return meta


# ---------------------------------------------------------------------------------------------
# Loading


def _find_csv(folder: Path) -> dict[str, Path]:
    return {p.name.lower(): p for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() == ".csv"}


def read_table(path, table: str) -> pd.DataFrame:
    """Read and validate one table file on its own (the rules that need no other table).

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV file in either dialect.
    table : str
        The table it holds, a key of :data:`TABLES`.

    Returns
    -------
    pandas.DataFrame
        The typed table.

    Raises
    ------
    StudyError
        With every problem found.
    """
    path = Path(path)
    if table not in TABLES:
        raise ParameterError(f"Unknown table {table!r}: expected one of {', '.join(TABLES)}.")
    spec = TABLES[table]
    problems: list[Problem] = []
    warn: list[str] = []
    raw = _read_csv(path, path.name, problems)
    frame = _typed_frame(raw, spec, problems, warn)
    _check_unique(frame, spec, problems)
    if table == "criteria":
        _check_criteria(frame, problems)
    if problems:
        raise StudyError(str(path), problems)
    return _strip_internal(_finalise_dtypes(frame, spec))


_CRITERIA_RESOURCE = resources.files("innolab.resources").joinpath("criteria.csv")


def _builtin_criteria() -> pd.DataFrame:
    with resources.as_file(_CRITERIA_RESOURCE) as p:
        return read_table(p, "criteria")


def load_study(path) -> Study:
    """Read a study folder, check every rule of the data format, and return it.

    Parameters
    ----------
    path : str or pathlib.Path
        The study folder: CSV files named after the tables (``areas.csv``, ``actors.csv``, …) or
        one ``study.xlsx`` with one sheet per table, and optionally ``study.yaml``.

    Returns
    -------
    Study
        The validated study.

    Raises
    ------
    StudyError
        Listing every problem found (file, spreadsheet row, column, value, what was expected).

    Warns
    -----
    StudyWarning
        For unknown extra columns (kept), unknown files and unknown ``study.yaml`` keys.

    Examples
    --------
    >>> study = load_study("data/example")  # doctest: +SKIP
    >>> study.actors.groupby("sector").size()  # doctest: +SKIP
    """
    folder = Path(path)
    if not folder.is_dir():
        raise StudyError(str(folder), [Problem(str(folder), None, None, None,
                                               "expected a study folder; none exists here")])
    problems: list[Problem] = []
    warn: list[str] = []
    files_read: list[Path] = []

    meta = _read_yaml(folder / "study.yaml", problems, warn)
    if (folder / "study.yaml").exists():
        files_read.append(folder / "study.yaml")

    csvs = _find_csv(folder)
    workbook = folder / "study.xlsx"
    raws: dict[str, _RawTable | None] = {}
    if workbook.exists():
        if any(f"{t}.csv" in csvs for t in TABLES):
            problems.append(Problem(
                str(folder), None, None, None,
                "found both study.xlsx and table CSV files: keep one form of the study, so that "
                "it is clear which data is meant"))
        files_read.append(workbook)
        sheets = _read_workbook(workbook, problems)
        for other in sheets.pop("__others__", []):
            warn.append(f"study.xlsx: sheet {other!r} is not a table of the format and was "
                        f"ignored{_did_you_mean(other, list(TABLES))}")
        raws = dict(sheets)
        missing_label = "study.xlsx"
    else:
        for name in TABLES:
            p = csvs.get(f"{name}.csv")
            if p is not None:
                files_read.append(p)
                raws[name] = _read_csv(p, p.name, problems)
        for fname, p in csvs.items():
            if fname[:-4] not in TABLES:
                warn.append(f"{p.name}: not a table of the format and ignored"
                            f"{_did_you_mean(fname[:-4], list(TABLES))}")
        missing_label = str(folder)
    for name, spec in TABLES.items():
        if spec.required and name not in raws:
            where = "a sheet" if workbook.exists() else f"a file {name}.csv"
            strays = [f for f in csvs if f[:-4] not in TABLES]
            hint = _did_you_mean(name + ".csv", strays) if strays else ""
            problems.append(Problem(missing_label, None, None, None,
                                    f"the required table {name!r} is missing: expected "
                                    f"{where}{hint}"))

    frames = {name: _typed_frame(raws.get(name), spec, problems, warn)
              for name, spec in TABLES.items()}
    if raws.get("criteria") is None and not any(p.file.startswith("criteria") for p in problems):
        with resources.as_file(_CRITERIA_RESOURCE) as p:
            frames["criteria"] = _typed_frame(_read_csv(p, "criteria (built-in)", problems),
                                              TABLES["criteria"], problems, warn)

    for name, spec in TABLES.items():
        _check_unique(frames[name], spec, problems)

    areas, actors, ties = frames["areas"], frames["actors"], frames["ties"]
    events, participation = frames["events"], frames["participation"]
    assessments, criteria = frames["assessments"], frames["criteria"]
    innovations, support = frames["innovations"], frames["support"]

    area_ids = set(areas["area_id"].dropna())
    actor_ids = set(actors["actor_id"].dropna())
    _check_areas(areas, problems)
    _check_refs(actors, "area_id", area_ids, "area_id (from areas)", problems)
    _check_refs(ties, "source", actor_ids, "actor_id (from actors)", problems)
    _check_refs(ties, "target", actor_ids, "actor_id (from actors)", problems)
    _check_ties(ties, problems)
    _check_refs(events, "area_id", area_ids, "area_id (from areas)", problems)
    _check_refs(participation, "event_id", set(events["event_id"].dropna()),
                "event_id (from events)", problems)
    _check_refs(participation, "actor_id", actor_ids, "actor_id (from actors)", problems)
    _check_refs(assessments, "area_id", area_ids, "area_id (from areas)", problems)
    _check_refs(assessments, "criterion_id", set(criteria["criterion_id"].dropna()),
                "criterion_id (from the criteria set)", problems)
    _check_criteria(criteria, problems)
    _check_scores(assessments, criteria, problems)
    _check_refs(innovations, "area_id", area_ids, "area_id (from areas)", problems)
    _check_refs(support, "area_id", area_ids, "area_id (from areas)", problems)
    if not innovations.empty:
        for i, partners in enumerate(innovations["partners"]):
            for pid in partners:
                if pid not in actor_ids:
                    problems.append(Problem(
                        _file(innovations), _rownum(innovations, i), "partners", pid,
                        "expected actor ids (from actors) separated by ';'"
                        f"{_did_you_mean(pid, sorted(actor_ids))}"))

    declared = None
    if isinstance(meta.get("waves"), list):
        declared = {w["wave"] for w in meta["waves"] if isinstance(w, dict)
                    and isinstance(w.get("wave"), int)}
    for name in ("ties", "events", "assessments", "innovations", "support"):
        _check_waves(frames[name], declared, problems)
    if declared is not None and not actors.empty:
        _check_waves(actors.rename(columns={"joined_wave": "wave"}), declared, problems)

    if problems:
        raise StudyError(str(folder), problems)

    for name, spec in TABLES.items():
        frames[name] = _finalise_dtypes(frames[name], spec)
    for msg in warn:
        warnings.warn(msg, StudyWarning, stacklevel=2)

    return Study(
        path=folder,
        name=str(meta.get("name") or folder.name),
        title=str(meta.get("title") or meta.get("name") or folder.name),
        language=meta.get("language", "en"),
        synthetic=bool(meta.get("synthetic", False)),
        waves=_waves_frame(meta, frames),
        **{name: _strip_internal(frames[name]) for name in TABLES},
        data_hash=_hash_files(folder, files_read),
        files={p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files_read},
        warnings=warn,
    )


def _strip_internal(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[_ROW, _FILE])


def _waves_frame(meta: dict, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    if isinstance(meta.get("waves"), list):
        rows = [{"wave": int(w["wave"]), "label": str(w.get("label") or f"wave {w['wave']}"),
                 "date": pd.Timestamp(str(w["date"])) if w.get("date") else pd.NaT}
                for w in meta["waves"]]
    else:
        seen: set[int] = set()
        for name in ("ties", "events", "assessments", "innovations"):
            if not frames[name].empty:
                seen.update(int(w) for w in frames[name]["wave"].dropna())
        rows = [{"wave": w, "label": f"wave {w}", "date": pd.NaT} for w in sorted(seen)]
    waves = pd.DataFrame(rows, columns=["wave", "label", "date"])
    waves["wave"] = waves["wave"].astype("int64")
    waves["date"] = pd.to_datetime(waves["date"])
    return waves.sort_values("wave", ignore_index=True)


def _hash_files(folder: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(files, key=lambda p: p.name):
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()
