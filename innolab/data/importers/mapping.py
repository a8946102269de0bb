"""The mapping file of an import: which column or node type gives which field of the study format.

A mapping file is YAML (see ``docs/data-format.md``, "Importing from other tools"). Each field of
an actor or tie (``area``, ``sector``, ``type``, ``kind``, ``target_group``, ``kehra_member``,
``name``, ``wave``, ``tie_type``, ``weight``) is given either as a fixed value::

    type: individual

or as a column of the source, with optional recoding of its values and a default for empty cells::

    sector: {column: Type, values: {Yhdistys: people, Kaupunki: public}, default: people}

:func:`read_mapping` reads and checks the file (every problem names the mapping file, the key and
the value); :class:`Field` turns a row of the source into a value of the format, collecting what
cannot be mapped as :class:`~innolab.errors.Problem` s (file, row, column, value, expected).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from innolab.data import vocab
from innolab.errors import ImportDataError, Problem

__all__ = ["SOURCES", "FIELD_VOCABULARIES", "Field", "Mapping", "Collector", "read_mapping",
           "is_true", "convert", "make_field", "check_keys"]

SOURCES = ("network_canvas", "kumu", "gephi", "survey")

#: The fields whose values must be codes of a vocabulary.
FIELD_VOCABULARIES = {"sector": "sector", "type": "actor_type", "target_group": "target_group",
                      "tie_type": "tie_type"}
_FIELD_KINDS = {"area": "str", "name": "str", "id": "str", "actor_id": "str", "kind": "str",
                "kehra_member": "bool",
                "wave": "int", "weight": "float", **{k: "vocab" for k in FIELD_VOCABULARIES}}
_SPEC_KEYS = {"column", "values", "default", "separator"}
_TRUE = {"true", "1", "yes", "y", "x", "tosi", "kyllä", "checked", "selected"}
_FALSE = {"false", "0", "no", "n", "", "epätosi", "ei", "not selected", "unchecked"}


def is_true(text: str) -> bool | None:
    """Whether an option cell is ticked: TRUE/FALSE, 1/0, Y/empty; None when it is neither.

    Parameters
    ----------
    text : str
        The cell.

    Returns
    -------
    bool or None
    """
    t = str(text).strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    return None


class Collector:
    """The problems of one import, gathered from every file before anything is written."""

    def __init__(self):
        self.problems: list[Problem] = []
        self._seen: set = set()
        self.rows: set = set()  # (file, row) with a problem: a value lost there is not re-reported

    def add(self, file, row, column, value, expected) -> None:
        """Add a problem once (the same missing column is reported once per file, not per row)."""
        key = (str(file), row, column, None if value is None else str(value), expected)
        if key not in self._seen:
            self._seen.add(key)
            self.rows.add((str(file), row))
            self.problems.append(Problem(str(file), row, column,
                                         None if value is None else str(value), expected))

    def raise_if_any(self, path) -> None:
        """Raise :class:`ImportDataError` with every problem, if there is any."""
        if self.problems:
            raise ImportDataError(str(path), self.problems)


def _hint(value: str, options) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass
class Field:
    """How one field of the format is found in a row of the source.

    Attributes
    ----------
    name : str
        The field (``sector``, ``area``, ``tie_type``, …).
    where : str
        Its key in the mapping file, for messages (``nodes.Person.sector``).
    value : object
        The fixed value when no column is given.
    column : str or None
        The source column that holds it.
    values : dict
        Source value → value of the format (matched exactly, then ignoring case).
    default : object
        The value for an empty cell.
    separator : str or None
        The cell holds several values separated by this (Kumu's ``|``); the one that maps is used.
    """

    name: str
    where: str
    value: object = None
    column: str | None = None
    values: dict = field(default_factory=dict)
    default: object = None
    separator: str | None = None

    def get(self, row: dict, file, rownum, out: Collector):
        """The field's value in ``row`` (a dict column → text), or None when empty.

        Parameters
        ----------
        row : dict
            The source row; keys are column names, values text.
        file : str
            The file name, for problems.
        rownum : int or None
            The row as the spreadsheet shows it, for problems.
        out : Collector
            Where problems go.

        Returns
        -------
        object or None
        """
        if self.column is None:
            return self.value
        if self.column in row:
            cell = "" if row[self.column] is None else str(row[self.column]).strip()
            if cell.upper() == "ENCRYPTED":
                out.add(file, rownum, self.column, cell, "a readable value: the export holds it "
                        "encrypted; export again with the protocol's passphrase")
                return None
            parts = ([p.strip() for p in cell.split(self.separator)] if self.separator
                     else [cell])
            parts = [p for p in parts if p]
            if not parts:
                return self.default
            return self._pick(parts, file, rownum, self.column, out, many=bool(self.separator))
        # Network Canvas writes a categorical variable as one TRUE/FALSE column per option.
        prefix = f"{self.column}_"
        options = [c for c in row if c.startswith(prefix)]
        if options:
            ticked = [c for c in options if is_true(row[c])]
            for c in options:
                if is_true(row[c]) is None:
                    out.add(file, rownum, c, row[c], "TRUE or FALSE (an option of "
                            f"{self.column!r})")
            if not ticked:
                return self.default
            if len(ticked) > 1:
                out.add(file, rownum, ", ".join(ticked), "TRUE",
                        f"one option of {self.column!r} ticked for {self.where!r}, not several")
                return None
            return self._pick([ticked[0][len(prefix):]], file, rownum, ticked[0], out)
        out.add(file, None, self.column, None,
                f"a column {self.column!r} (named by {self.where!r} in the mapping file)"
                f"{_hint(self.column, list(row))}")
        return None

    def _pick(self, parts, file, rownum, column, out, many=False):
        found, bad = [], []
        for p in parts:
            v = self._convert(p)
            (bad if v is None else found).append(p if v is None else v)
        found = list(dict.fromkeys(found))
        if many:  # a list cell (Kumu tags): values that map nothing are other tags
            if len(found) > 1:
                out.add(file, rownum, column, self.separator.join(parts),
                        f"one value for {self.where!r}; several map: {', '.join(map(str, found))}")
                return None
            if found:
                return found[0]
            return self.default
        if bad:
            out.add(file, rownum, column, bad[0], self._expected())
            return None
        return found[0]

    def _convert(self, text: str):
        mapped = self.values.get(text)
        if mapped is None:
            lower = {str(k).strip().lower(): v for k, v in self.values.items()}
            mapped = lower.get(text.lower())
        if mapped is not None:
            return mapped
        return convert(self.name, text)

    def _expected(self) -> str:
        kind = _FIELD_KINDS[self.name]
        if kind == "vocab":
            codes = vocab.VOCABULARIES[FIELD_VOCABULARIES[self.name]]
            what = f"a {self.name} code ({', '.join(codes)})"
        else:
            what = {"int": "a whole number ≥ 0", "float": "a number > 0",
                    "bool": "true or false"}.get(kind, "a value")
        listed = f" or a value listed under {self.where}.values" if self.values else ""
        return f"{what}{listed} — add it to {self.where}.values in the mapping file"


def convert(name: str, text: str):
    """A source value as a value of field ``name``, or None when it is not one.

    Codes are matched ignoring case, and innolab's own labels (``Julkinen``, ``Public``) are read
    as their code.

    Parameters
    ----------
    name : str
        The field (``sector``, ``wave``, ``weight``, …).
    text : str
        The value as the source has it.

    Returns
    -------
    object or None
        A code, whole number, number, boolean or text; None when ``text`` is not a value of the
        field.
    """
    kind = _FIELD_KINDS[name]
    t = str(text).strip()
    if kind == "vocab":
        vocabulary = FIELD_VOCABULARIES[name]
        codes = vocab.VOCABULARIES[vocabulary]
        if t.lower() in codes:
            return t.lower()
        for code, labels in vocab.label_hints(vocabulary).items():
            if t.lower() in labels:
                return code
        return None
    if kind == "int":
        try:
            f = float(t.replace(",", "."))
        except ValueError:
            return None
        return int(f) if f == int(f) and f >= 0 else None
    if kind == "float":
        try:
            f = float(t.replace(",", "."))
        except ValueError:
            return None
        return f if f > 0 else None
    if kind == "bool":
        return is_true(t)
    return t or None


@dataclass
class Mapping:
    """A checked mapping file: its path, its source kind and its sections as plain data."""

    path: Path
    source: str
    data: dict
    areas: list = field(default_factory=list)

    def section(self, key: str) -> dict:
        """A section (``ego``, ``nodes``, …) as a dict; empty when absent."""
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}


def make_field(name: str, spec, where: str, path, out: Collector) -> Field | None:
    """Check one field's entry of the mapping file and return it as a :class:`Field`.

    Parameters
    ----------
    name : str
        The field (``sector``, ``area``, ``tie_type``, …).
    spec : object
        Its entry: a fixed value, or ``{column: …, values: …, default: …, separator: …}``.
    where : str
        Its key in the mapping file, for messages (``nodes.Person.sector``).
    path : str or pathlib.Path
        The mapping file, for messages.
    out : Collector
        Where problems go.

    Returns
    -------
    Field or None
        None when the entry is empty or wrong (the problem is in ``out``).
    """
    file = Path(path).name
    if isinstance(spec, dict):
        unknown = set(spec) - _SPEC_KEYS
        if unknown:
            out.add(file, None, where, ", ".join(sorted(map(str, unknown))),
                    f"the keys of a field: {', '.join(sorted(_SPEC_KEYS))}")
        column = spec.get("column")
        if not isinstance(column, str) or not column:
            out.add(file, None, where, spec.get("column"),
                    "a column name under 'column' (or a fixed value instead of the mapping)")
            return None
        values = spec.get("values") or {}
        if not isinstance(values, dict):
            out.add(file, None, f"{where}.values", values, "source value: code pairs")
            values = {}
        good = {}
        for k, v in values.items():
            c = convert(name, str(v)) if v is not None else None
            if c is None:
                out.add(file, None, f"{where}.values.{k}", v, _bare_expected(name))
            else:
                good[str(k)] = c
        default = spec.get("default")
        if default is not None:
            d = convert(name, str(default))
            if d is None:
                out.add(file, None, f"{where}.default", default, _bare_expected(name))
            default = d
        sep = spec.get("separator")
        return Field(name, where, column=column, values=good, default=default,
                     separator=None if sep in (None, "") else str(sep))
    if spec is None:
        return None
    value = convert(name, str(spec)) if not isinstance(spec, bool) else spec
    if value is None:
        out.add(file, None, where, spec, _bare_expected(name)
                + " (or {column: …} to read it from the source)")
        return None
    return Field(name, where, value=value)


def check_keys(section, allowed, where: str, path, out: Collector) -> dict:
    """Report the keys of a mapping section that are not ``allowed``; return it as a dict.

    Parameters
    ----------
    section : object
        The section as YAML gave it (None when absent).
    allowed : sequence of str
        Its keys.
    where : str
        The section's key, for messages (empty for the top level).
    path : str or pathlib.Path
        The mapping file, for messages.
    out : Collector
        Where problems go.

    Returns
    -------
    dict
        The section ({} when absent or not a mapping).
    """
    if section is None:
        return {}
    if not isinstance(section, dict):
        out.add(Path(path).name, None, where, section, "a mapping of keys: "
                f"{', '.join(allowed)}")
        return {}
    for key in section:
        if key not in allowed:
            out.add(Path(path).name, None, f"{where}.{key}" if where else str(key), key,
                    f"one of the keys {', '.join(allowed)}{_hint(str(key), allowed)}")
    return section


def _bare_expected(name: str) -> str:
    kind = _FIELD_KINDS.get(name, "str")
    if kind == "vocab":
        codes = vocab.VOCABULARIES[FIELD_VOCABULARIES[name]]
        return f"a {name} code: {', '.join(codes)}"
    return {"int": "a whole number ≥ 0", "float": "a number > 0",
            "bool": "true or false"}.get(kind, "a value")


_AREA_KEYS = ("area_id", "name", "municipality", "country", "role", "district_code", "population")


def read_mapping(path, source: str, out: Collector) -> Mapping:
    """Read a mapping file and check its common keys (``source``, ``wave``, ``areas``).

    Parameters
    ----------
    path : str or pathlib.Path
        The YAML file.
    source : str
        The kind of source being imported, one of :data:`SOURCES`.
    out : Collector
        Where problems go (they name the mapping file and the key).

    Returns
    -------
    Mapping
    """
    path = Path(path)
    file = path.name
    data: dict = {}
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        out.add(str(path), None, None, None, "a mapping file (YAML); none exists here")
        loaded = {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        out.add(file, None, None, None, f"a YAML file: {exc}".splitlines()[0])
        loaded = {}
    if isinstance(loaded, dict):
        data = loaded
    elif loaded is not None:
        out.add(file, None, None, type(loaded).__name__, "a YAML mapping of keys (source: …)")
    given = data.get("source", source)
    if given != source:
        out.add(file, None, "source", given, f"{source!r}: this mapping file is for another "
                "kind of source")
    areas = data.get("areas") or []
    if not isinstance(areas, list):
        out.add(file, None, "areas", areas, "a list of areas: {area_id: …, name: …, "
                "municipality: …, country: …}")
        areas = []
    rows = []
    for i, a in enumerate(areas):
        if not isinstance(a, dict) or not a.get("area_id"):
            out.add(file, None, f"areas[{i}]", a, "an area with at least area_id, name, "
                    "municipality and country")
            continue
        extra = set(a) - set(_AREA_KEYS)
        if extra:
            out.add(file, None, f"areas[{i}]", ", ".join(sorted(extra)),
                    f"the columns of areas: {', '.join(_AREA_KEYS)}")
        row = {k: "" if a.get(k) is None else str(a[k]).strip() for k in _AREA_KEYS}
        for k in ("name", "municipality", "country"):
            if not row[k]:
                out.add(file, None, f"areas[{i}].{k}", None, f"the area's {k}: it is required")
        for k, codes in (("country", vocab.COUNTRIES), ("role", vocab.AREA_ROLES)):
            if row[k] and row[k] not in codes:
                out.add(file, None, f"areas[{i}].{k}", row[k], f"one of {', '.join(codes)}"
                        f"{_hint(row[k], codes)}")
        rows.append(row)
    wave = data.get("wave", 0)
    if isinstance(wave, bool) or not isinstance(wave, int) or wave < 0:
        out.add(file, None, "wave", wave, "a whole number ≥ 0 (the wave of this import)")
    return Mapping(path=path, source=source, data=data, areas=rows)
