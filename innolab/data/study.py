"""The study data format (BRIEF §5): loading a study and holding it.

A study is a folder of CSV files (one per table) or one ``study.xlsx`` workbook (one sheet per
table), with an optional ``study.yaml``. :func:`load_study` reads it, checks every rule of the
format and returns a :class:`Study` whose tables are typed DataFrames. All problems are collected
and raised together as one :class:`~innolab.errors.StudyError`; nothing is written anywhere.

The work is shared with three modules: :mod:`innolab.data.schema` (the tables and columns),
:mod:`innolab.data.reading` (files to text cells, CSV dialects, workbooks) and
:mod:`innolab.data.validation` (parsing cells, the rules across rows and tables). The names
other modules use from those are re-exported here, so ``from innolab.data.study import ...``
keeps working.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import pandas as pd

from innolab.data import cache
from innolab.data.reading import RawTable, cell_text, read_csv, read_workbook
from innolab.data.schema import TABLES, Column, TableSpec, helsinki_districts
from innolab.data.validation import (
    check_criteria,
    check_study,
    check_unique,
    did_you_mean,
    finalise_dtypes,
    read_study_yaml,
    strip_internal,
    typed_frame,
    vocab_hints,
)
from innolab.errors import ParameterError, Problem, StudyError, StudyWarning

__all__ = [
    "Column",
    "TableSpec",
    "TABLES",
    "Study",
    "load_study",
    "study_files",
    "read_table",
    "builtin_criteria",
    "helsinki_districts",
    "cell_text",
    "did_you_mean",
    "vocab_hints",
]


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
        Columns ``wave`` (int), ``label`` (str; None where ``study.yaml`` gives none), ``date``
        (datetime64 or NaT), one row per wave.
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
            hint = did_you_mean(str(area_id), self.area_ids)
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
        """The label of a wave (from ``study.yaml``), or ``"wave N"``.

        Reports name a wave in the reader's language where the study gives no label
        (:func:`innolab.reports.texts.wave_name`); the ``waves`` table holds None there.
        """
        row = self.waves[self.waves["wave"] == wave]
        if len(row) and isinstance(row["label"].iloc[0], str) and row["label"].iloc[0]:
            return row["label"].iloc[0]
        return f"wave {wave}"


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
    raw = read_csv(path, path.name, problems)
    frame = typed_frame(raw, spec, problems, warn)
    check_unique(frame, spec, problems)
    if table == "criteria":
        check_criteria(frame, problems)
    if problems:
        raise StudyError(str(path), problems)
    return strip_internal(finalise_dtypes(frame, spec))


_CRITERIA_RESOURCE = resources.files("innolab.resources").joinpath("criteria.csv")


def builtin_criteria() -> pd.DataFrame:
    """The built-in criteria set (BRIEF §3), used when a study brings no ``criteria`` table.

    Returns
    -------
    pandas.DataFrame
        The typed ``criteria`` table read from ``innolab/resources/criteria.csv``.
    """
    with resources.as_file(_CRITERIA_RESOURCE) as p:
        return read_table(p, "criteria")


def load_study(path, *, reuse: bool = False) -> Study:
    """Read a study folder, check every rule of the data format, and return it.

    Parameters
    ----------
    path : str or pathlib.Path
        The study folder: CSV files named after the tables (``areas.csv``, ``actors.csv``, …) or
        one ``study.xlsx`` with one sheet per table, and optionally ``study.yaml``.
    reuse : bool
        Keep the loaded study in this process and, while no file that could be read has
        changed (same names, same bytes), return a copy of it instead of reading and checking
        it again (the same warnings are issued). Warm kernels load a study once so
        (:mod:`innolab.pipeline.kernels`). The copy's tables share the kept ones' data (pandas'
        copy-on-write copies what is changed), and what depends on the kept tables alone is
        taken once per process (:func:`innolab.data.cache.pristine`).

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
    if not reuse:
        return _load(folder)
    key = (str(folder.resolve()), _fingerprint(folder))
    kept = _LOADED.get(key[0])
    if kept is None or kept[0] != key[1]:
        _LOADED.clear()  # one study at a time
        cache.forget_pristine()
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            kept = _LOADED[key[0]] = (key[1], _load(folder))
        # nobody is handed the kept tables, only copies: what is derived from them alone is
        # taken once (innolab.data.cache.pristine)
        cache.keep_pristine(getattr(kept[1], name) for name in (*TABLES, "waves"))
    study = kept[1]
    for msg in study.warnings:
        warnings.warn(msg, StudyWarning, stacklevel=2)
    # with copy-on-write a copy shares the data until it is changed, and is then changed alone
    deep = not cache.copy_on_write()
    return replace(study, **{name: getattr(study, name).copy(deep=deep)
                             for name in (*TABLES, "waves")},
                   files=dict(study.files), warnings=list(study.warnings))


#: Studies kept by ``load_study(..., reuse=True)``: folder → (fingerprint, study).
_LOADED: dict[str, tuple] = {}


def study_files(path) -> list[Path]:
    """Every file of a study folder that :func:`load_study` could read (CSV, ``study.xlsx``,
    ``study.yaml``), in name order.

    Parameters
    ----------
    path : str or pathlib.Path
        The study folder.

    Returns
    -------
    list of pathlib.Path
    """
    return [p for p in sorted(Path(path).iterdir())
            if p.is_file() and (p.suffix.lower() == ".csv"
                                or p.name in ("study.yaml", "study.xlsx"))]


def _fingerprint(folder: Path) -> tuple:
    """Name and SHA-256 of every file :func:`load_study` could read in ``folder``."""
    return tuple((p.name, hashlib.sha256(p.read_bytes()).hexdigest())
                 for p in study_files(folder))


def _load(folder: Path) -> Study:
    problems: list[Problem] = []
    warn: list[str] = []
    files_read: list[Path] = []

    meta = read_study_yaml(folder / "study.yaml", problems, warn)
    if (folder / "study.yaml").exists():
        files_read.append(folder / "study.yaml")

    csvs = _find_csv(folder)
    workbook = folder / "study.xlsx"
    raws: dict[str, RawTable | None] = {}
    if workbook.exists():
        if any(f"{t}.csv" in csvs for t in TABLES):
            problems.append(Problem(
                str(folder), None, None, None,
                "found both study.xlsx and table CSV files: keep one form of the study, so that "
                "it is clear which data is meant"))
        files_read.append(workbook)
        sheets, others = read_workbook(workbook, problems)
        for other in others:
            warn.append(f"study.xlsx: sheet {other!r} is not a table of the format and was "
                        f"ignored{did_you_mean(other, list(TABLES))}")
        raws = dict(sheets)
        missing_label = "study.xlsx"
        labels = {name: f"study.xlsx:{name}" for name in TABLES}
    else:
        labels = {name: f"{name}.csv" for name in TABLES}
        for name in TABLES:
            p = csvs.get(f"{name}.csv")
            if p is not None:
                files_read.append(p)
                labels[name] = p.name
                raws[name] = read_csv(p, p.name, problems)
        for fname, p in csvs.items():
            if fname[:-4] not in TABLES:
                warn.append(f"{p.name}: not a table of the format and ignored"
                            f"{did_you_mean(fname[:-4], list(TABLES))}")
        missing_label = str(folder)
    for name, spec in TABLES.items():
        if spec.required and name not in raws:
            where = "a sheet" if workbook.exists() else f"a file {name}.csv"
            strays = [f for f in csvs if f[:-4] not in TABLES]
            hint = did_you_mean(name + ".csv", strays) if strays else ""
            problems.append(Problem(missing_label, None, None, None,
                                    f"the required table {name!r} is missing: expected "
                                    f"{where}{hint}"))

    frames = {name: typed_frame(raws.get(name), spec, problems, warn)
              for name, spec in TABLES.items()}
    if raws.get("criteria") is None and not any(p.file.startswith("criteria") for p in problems):
        with resources.as_file(_CRITERIA_RESOURCE) as p:
            frames["criteria"] = typed_frame(read_csv(p, "criteria (built-in)", problems),
                                             TABLES["criteria"], problems, warn)

    check_study(frames, meta, problems, _unusable(raws, frames, labels, problems))
    if problems:
        raise StudyError(str(folder), problems)

    for name, spec in TABLES.items():
        frames[name] = finalise_dtypes(frames[name], spec)
    for msg in warn:
        warnings.warn(msg, StudyWarning, stacklevel=3)  # the caller of load_study

    return Study(
        path=folder,
        name=str(meta.get("name") or folder.name),
        title=str(meta.get("title") or meta.get("name") or folder.name),
        language=meta.get("language", "en"),
        synthetic=bool(meta.get("synthetic", False)),
        waves=_waves_frame(meta, frames),
        **{name: strip_internal(frames[name]) for name in TABLES},
        data_hash=_hash_files(folder, files_read),
        files={p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files_read},
        warnings=warn,
    )


#: The required tables a study cannot do without a row of, and what one row is. A study may
#: have no actor yet (an open application round rates areas before any network is known), but
#: then no other table may name one: :data:`_NAME_ACTORS` lists the tables that do.
_NEEDS_ROWS = {"areas": "an area", "actors": "an actor"}
_NAME_ACTORS = ("ties", "participation")


def _unusable(raws: dict, frames: dict, labels: dict[str, str],
              problems: list[Problem]) -> dict[str, str]:
    """Why each table that gives no rows gives none, for the problems that follow from it.

    A required table with a header but no rows is a problem of its own, reported by its file.
    """
    why = {}
    for name, frame in frames.items():
        if not frame.empty:
            continue
        raw = raws.get(name)
        if name not in raws:
            why[name] = f"the table {name!r} is missing"
        elif raw is None:
            why[name] = f"{labels[name]} cannot be read"
        elif len(raw.frame) == 0:
            why[name] = f"{raw.file} has no rows"
            names_actors = any(not frames[t].empty for t in _NAME_ACTORS if t in frames)
            if name == "areas" or (name == "actors" and names_actors):
                problems.append(Problem(raw.file, None, None, None,
                                        f"the table has only its header row: expected at least "
                                        f"one row, {_NEEDS_ROWS[name]} each"))
        else:
            why[name] = f"{raw.file} lacks a required column"
    return why


def _waves_frame(meta: dict, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    if isinstance(meta.get("waves"), list):
        rows = [{"wave": int(w["wave"]), "label": str(w["label"]) if w.get("label") else None,
                 "date": pd.Timestamp(str(w["date"])) if w.get("date") else pd.NaT}
                for w in meta["waves"]]
    else:
        seen: set[int] = set()
        for name in ("ties", "events", "assessments", "innovations"):
            if not frames[name].empty:
                seen.update(int(w) for w in frames[name]["wave"].dropna())
        rows = [{"wave": w, "label": None, "date": pd.NaT} for w in sorted(seen)]
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
