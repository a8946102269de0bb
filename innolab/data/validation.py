"""Checking a study: parsing text cells by the kind of their column, and the rules across rows
and tables (BRIEF §5).

:func:`typed_frame` parses one :class:`~innolab.data.reading.RawTable` against its
:class:`~innolab.data.schema.TableSpec`; :func:`check_study` applies the rules that need more
than one cell (unique keys, references between tables, score ranges, declared waves);
:func:`read_study_yaml` checks ``study.yaml``. Every problem is appended to a list, so that all
of them are reported together; nothing raises here. :func:`did_you_mean` writes the hint at the
end of a message.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from innolab.data import vocab
from innolab.data.reading import EMPTY, RawTable
from innolab.data.schema import TABLES, Column, TableSpec, helsinki_districts
from innolab.errors import Problem

__all__ = ["typed_frame", "finalise_dtypes", "strip_internal", "check_unique", "check_criteria",
           "check_study", "read_study_yaml", "did_you_mean", "vocab_hints"]

_ROW = "__row__"  # spreadsheet row number, kept beside the data until loading ends
_FILE = "__file__"
_YAML_KEYS = {"name", "title", "language", "waves", "synthetic", "description"}


# ---------------------------------------------------------------------------------------------
# Parsing cells into typed values


_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_TRUE = {"true", "tosi", "1", "yes", "kyllä"}
_FALSE = {"false", "epätosi", "0", "no", "ei"}


def did_you_mean(value: str, options, labels: dict[str, set[str]] | None = None) -> str:
    """A hint naming the option the user probably meant, for the end of an error message.

    Tried in turn: ``value`` is one of the ``labels`` of a code; an option equal but for case;
    the closest option by spelling (:func:`difflib.get_close_matches`, cutoff 0.6); the one
    option that ``value`` is a ``_``-separated part of (``"food"`` for ``"local_food"``).

    Parameters
    ----------
    value : str
        What the user wrote.
    options : iterable of str
        The allowed values.
    labels : dict of str to set of str, optional
        Code → its lower-case labels (see :func:`vocab_hints`), so that a label typed where
        the code belongs is recognised.

    Returns
    -------
    str
        ``" (did you mean 'x'?)"``, or ``""`` when no option is close.

    Examples
    --------
    >>> did_you_mean("pubic", ["people", "public", "private"])
    " (did you mean 'public'?)"
    """
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


def vocab_hints(vocabulary: str) -> dict[str, set[str]]:
    """Code → its labels in every language, lower-cased, for :func:`did_you_mean`.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`innolab.data.vocab.VOCABULARIES`, e.g. ``"sector"``.

    Returns
    -------
    dict of str to set of str
        From :func:`innolab.data.vocab.label_hints`.
    """
    return vocab.label_hints(vocabulary)


def _range_text(col: Column) -> str:
    if col.minimum is not None and col.maximum is not None:
        return f" from {col.minimum:g} to {col.maximum:g}"
    if col.minimum is not None:
        if col.exclusive_minimum:
            return f" above {col.minimum:g}"
        return f" of at least {col.minimum:g}"
    return ""


def _parse_column(raw: RawTable, col: Column, problems: list[Problem]) -> pd.Series:
    """Typed values of one column; problems appended for every bad cell."""
    n = len(raw.frame)
    if col.name in raw.frame.columns:
        text = raw.frame[col.name].astype(str)
    else:
        text = pd.Series([EMPTY] * n, dtype=object)
    empty = (text == EMPTY).to_numpy()

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
        hints = vocab_hints(col.vocabulary)
        for i in np.flatnonzero(~known & ~empty):
            v = text.iloc[i]
            problems.append(Problem(
                raw.file, int(raw.rows[i]), col.name, v,
                f"expected one of: {', '.join(options)}{did_you_mean(v, options, hints)}",
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


def typed_frame(raw: RawTable | None, spec: TableSpec, problems: list[Problem],
                warn: list[str]) -> pd.DataFrame:
    """Check a table's header and parse every column into typed values.

    Parameters
    ----------
    raw : RawTable or None
        The table as text; None for a table that is absent or could not be read.
    spec : TableSpec
        Its schema.
    problems : list of Problem
        Where problems found are appended (a missing required column, a bad cell).
    warn : list of str
        Where warnings are appended (unknown columns, which are kept as text).

    Returns
    -------
    pandas.DataFrame
        The typed table (empty with the schema's columns when ``raw`` is None or a required
        column is missing), with two bookkeeping columns (spreadsheet row and file) that the
        checks across rows use; :func:`strip_internal` removes them.
    """
    if raw is None:
        return _empty_frame(spec)
    missing = [c.name for c in spec.columns if c.required and c.name not in raw.header]
    for name in missing:
        hint = did_you_mean(name, [h for h in raw.header if h not in spec.column_names])
        problems.append(Problem(raw.file, 1, name, None,
                                f"the required column {name!r} is missing from the header{hint}"))
    if missing:
        return _empty_frame(spec)
    extra = [h for h in raw.header if h not in spec.column_names]
    if extra:
        hints = "; ".join(f"{h!r}{did_you_mean(h, spec.column_names)}" for h in extra)
        warn.append(f"{raw.file}: unknown column(s) kept as they are: {hints}")
    out = {c.name: _parse_column(raw, c, problems) for c in spec.columns}
    for h in extra:
        cells = raw.frame[h].to_numpy(dtype=object)
        out[h] = pd.Series(np.where(cells == EMPTY, None, cells), dtype=object)
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


def finalise_dtypes(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Give int columns a proper dtype once the values are known to be valid.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`typed_frame` with no problems.
    spec : TableSpec
        Its schema.

    Returns
    -------
    pandas.DataFrame
        The same frame (changed in place): ``int64``, or ``Int64`` where a value is missing.
    """
    for c in spec.columns:
        if c.kind == "int" and c.name in frame:
            col = frame[c.name]
            if col.isna().any():
                frame[c.name] = col.astype("Int64")
            else:
                frame[c.name] = col.astype("int64")
    return frame


def strip_internal(frame: pd.DataFrame) -> pd.DataFrame:
    """The table without the bookkeeping columns :func:`typed_frame` added.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`typed_frame`.

    Returns
    -------
    pandas.DataFrame
        A new frame holding only the table's own columns.
    """
    return frame.drop(columns=[_ROW, _FILE])


# ---------------------------------------------------------------------------------------------
# Rules that span rows and tables


def check_study(frames: dict[str, pd.DataFrame], meta: dict, problems: list[Problem],
                unusable: dict[str, str] | None = None) -> None:
    """Check the rules that span rows and tables: unique keys, references, scores, waves.

    Parameters
    ----------
    frames : dict of str to pandas.DataFrame
        Every table of :data:`~innolab.data.schema.TABLES`, from :func:`typed_frame`.
    meta : dict
        ``study.yaml`` as :func:`read_study_yaml` returns it (its ``waves``, when listed, are
        the only waves allowed).
    problems : list of Problem
        Where problems are appended, in the order of the rules.
    unusable : dict of str to str, optional
        Table → why it gives no rows (``"actors.csv has no rows"``): a reference to it then
        says so, as its cause.
    """
    def but(table: str) -> str:
        return f", but {unusable[table]}" if table in (unusable or {}) else ""

    def ref(column: str, table: str) -> str:
        return f"{column} (from {table}){but(table)}"

    for name, spec in TABLES.items():
        check_unique(frames[name], spec, problems)

    areas, actors, ties = frames["areas"], frames["actors"], frames["ties"]
    events, participation = frames["events"], frames["participation"]
    assessments, criteria = frames["assessments"], frames["criteria"]
    innovations, support = frames["innovations"], frames["support"]

    area_ids = set(areas["area_id"].dropna())
    actor_ids = set(actors["actor_id"].dropna())
    _check_areas(areas, problems)
    _check_refs(actors, "area_id", area_ids, ref("area_id", "areas"), problems)
    _check_refs(ties, "source", actor_ids, ref("actor_id", "actors"), problems)
    _check_refs(ties, "target", actor_ids, ref("actor_id", "actors"), problems)
    _check_ties(ties, problems)
    _check_refs(events, "area_id", area_ids, ref("area_id", "areas"), problems)
    _check_refs(participation, "event_id", set(events["event_id"].dropna()),
                ref("event_id", "events"), problems)
    _check_refs(participation, "actor_id", actor_ids, ref("actor_id", "actors"), problems)
    _check_refs(assessments, "area_id", area_ids, ref("area_id", "areas"), problems)
    _check_refs(assessments, "criterion_id", set(criteria["criterion_id"].dropna()),
                "criterion_id (from the criteria set)", problems)
    check_criteria(criteria, problems)
    _check_scores(assessments, criteria, problems)
    _check_refs(innovations, "area_id", area_ids, ref("area_id", "areas"), problems)
    _check_refs(support, "area_id", area_ids, ref("area_id", "areas"), problems)
    if not innovations.empty:
        for i, partners in enumerate(innovations["partners"]):
            for pid in partners:
                if pid not in actor_ids:
                    problems.append(Problem(
                        _file(innovations), _rownum(innovations, i), "partners", pid,
                        f"expected actor ids (from actors) separated by ';'{but('actors')}"
                        f"{did_you_mean(pid, sorted(actor_ids))}"))

    declared = None
    if isinstance(meta.get("waves"), list):
        declared = {w["wave"] for w in meta["waves"] if isinstance(w, dict)
                    and isinstance(w.get("wave"), int)}
    for name in ("ties", "events", "assessments", "innovations", "support"):
        _check_waves(frames[name], declared, problems)
    if declared is not None and not actors.empty:
        _check_waves(actors.rename(columns={"joined_wave": "wave"}), declared, problems)


def _rownum(frame: pd.DataFrame, i: int) -> int:
    return int(frame[_ROW].iloc[i])


def _file(frame: pd.DataFrame) -> str:
    return str(frame[_FILE].iloc[0])


def check_unique(frame: pd.DataFrame, spec: TableSpec, problems: list[Problem]) -> None:
    """Append a problem for every row that repeats a unique key of the table.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`typed_frame`.
    spec : TableSpec
        Its schema (``spec.unique`` holds the keys).
    problems : list of Problem
        Where problems are appended.
    """
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
        hint = did_you_mean(str(v), options)
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
                    f"{did_you_mean(code, sorted(codes))}"))


def _check_ties(ties: pd.DataFrame, problems: list[Problem]) -> None:
    if ties.empty:
        return
    self_tie = (ties["source"] == ties["target"]).to_numpy() & ties["source"].notna().to_numpy()
    for i in np.flatnonzero(self_tie):
        problems.append(Problem(_file(ties), _rownum(ties, i), "target",
                                str(ties["target"].iloc[i]),
                                "a tie must join two different actors (no self-ties)"))


def check_criteria(criteria: pd.DataFrame, problems: list[Problem]) -> None:
    """Append a problem for each criterion whose scale is empty or whose direction is not ±1.

    Parameters
    ----------
    criteria : pandas.DataFrame
        The ``criteria`` table from :func:`typed_frame`.
    problems : list of Problem
        Where problems are appended.
    """
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


def read_study_yaml(path: Path, problems: list[Problem], warn: list[str]) -> dict:
    """Read and check ``study.yaml``: its keys, its language and its list of waves.

    Parameters
    ----------
    path : pathlib.Path
        The file (it may be absent).
    problems : list of Problem
        Where problems are appended.
    warn : list of str
        Where warnings are appended (unknown keys).

    Returns
    -------
    dict
        The mapping read, or ``{}`` when the file is absent, empty or unreadable.
    """
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
                    f"{did_you_mean(str(key), sorted(_YAML_KEYS))}")
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
