"""Importing a wide survey export (Webropol, KoboToolbox, LimeSurvey): one row per respondent.

Each respondent is an actor (``respondent`` section of the mapping: name, area, sector, …). Each
name-generator question (``questions``) gives ties from the respondent to the people or
organisations named, in one of three forms:

- ``columns``: one or several columns that each hold a name (or several, with ``separator``);
- ``options``: one column per listed option, ticked with 1/0, TRUE/FALSE or Y/empty, found by the
  prefix of their headers — Kobo's ``group/question/option`` (prefix ``group/question/``; Kobo's
  combined column ``group/question`` is not matched), LimeSurvey's ``Q6[SQ001]`` (prefix ``Q6[``;
  the closing ``]`` is dropped). ``names`` turns an option code into the name of the actor;
- ``repeat``: a Kobo repeat group, a sheet of its own with one row per person named, pointing to
  its answer by ``_parent_index``; the question's ``alter`` fields are read from that row.

Someone named who did not answer gets the fixed values of the ``alters`` section, and the area of
the respondent who named them unless ``alters.area`` says otherwise.
"""

from __future__ import annotations

from pathlib import Path

from innolab.data.importers.ids import name_key
from innolab.data.importers.mapping import (
    Collector,
    Mapping,
    check_keys,
    convert,
    is_true,
    make_field,
)
from innolab.data.importers.model import ACTOR_FIELDS, Imported, ImportedActor, ImportedTie
from innolab.data.importers.tables import read_rows

__all__ = ["read_survey"]

_QUESTION_KEYS = ("tie_type", "columns", "separator", "options", "names", "ignore", "weight",
                  "repeat", "alter")
_REPEAT_KEYS = ("sheet", "name", "parent", "index")


def _fields(mapping: Mapping, section: dict, where: str, names, out: Collector) -> dict:
    return {n: f for n in names if n in section
            for f in [make_field(n, section[n], f"{where}.{n}", mapping.path, out)]
            if f is not None}


def read_survey(path, mapping: Mapping, out: Collector, wave: int) -> Imported:
    """Read a wide survey export (CSV or XLSX) into an :class:`Imported`.

    Parameters
    ----------
    path : str or pathlib.Path
        The export: ``.csv`` (any common dialect) or ``.xlsx`` (the sheet ``sheet`` of the
        mapping, else the first).
    mapping : Mapping
        The checked mapping file (sections ``respondent``, ``questions``, ``alters``).
    out : Collector
        Where problems go.
    wave : int
        The wave of the ties unless ``respondent.wave`` reads it from a column.

    Returns
    -------
    Imported
    """
    path = Path(path)
    m = mapping
    check_keys(m.data, ("source", "wave", "areas", "sheet", "respondent", "questions", "alters"),
               "", m.path, out)
    imported = Imported(source=str(path))
    resp = check_keys(m.data.get("respondent"), ("name", "id", "wave", *ACTOR_FIELDS),
                      "respondent", m.path, out)
    fields = _fields(m, resp, "respondent", ("name", "id", "wave", *ACTOR_FIELDS), out)
    if "name" not in fields and "id" not in fields:
        out.add(m.path.name, None, "respondent.name", None, "the column of the respondent's "
                "name ({column: …}), or respondent.id for an anonymous respondent id")
    alters = check_keys(m.data.get("alters"), ACTOR_FIELDS, "alters", m.path, out)
    alter_fields = _fields(m, alters, "alters", ACTOR_FIELDS, out)
    for name, f in alter_fields.items():
        if f.column is not None:
            out.add(m.path.name, None, f"alters.{name}", f.column, "a fixed value: the people "
                    "named have no row of their own to read a column from")
    questions = m.data.get("questions")
    if not isinstance(questions, list) or not questions:
        out.add(m.path.name, None, "questions", questions, "a list of name-generator "
                "questions, each with tie_type and columns or options")
        questions = []
    rows = read_rows(path, out, m.data.get("sheet"))
    if rows is None:
        return imported
    plans = [_plan(q, i, m, rows.header, out, path) for i, q in enumerate(questions)]
    for num, row in rows:
        values = {n: (fields[n].get(row, rows.file, num, out) if n in fields else None)
                  for n in ACTOR_FIELDS}
        where = {n: (rows.file, num, fields[n].column or fields[n].where) for n in fields}
        where["_record"] = (rows.file, num, None)
        name = fields["name"].get(row, rows.file, num, out) if "name" in fields else None
        rid = fields["id"].get(row, rows.file, num, out) if "id" in fields else None
        key = name_key(name, f"respondent:{rid}" if rid else None)
        if key is None:
            column = (fields.get("name") or fields.get("id"))
            out.add(rows.file, num, column.column if column else None, "",
                    "the respondent's name (or id): every answer needs one")
            continue
        imported.add_actor(ImportedActor(key=key, name=name, values=values, where=where))
        w = fields["wave"].get(row, rows.file, num, out) if "wave" in fields else wave
        w = wave if w is None else w
        for plan in plans:
            if plan is None:
                continue
            tie_type, named, weight = plan
            for column, alter, told in named(row, rows.file, num):
                # told: values the roster row gives (file, row, values); else the alters' own
                t_file, t_num, t_values = told or (rows.file, num, {})
                a_values = {n: (t_values.get(n) if t_values.get(n) is not None else
                                alter_fields[n].value if n in alter_fields else None)
                            for n in ACTOR_FIELDS}
                if a_values["area"] is None:
                    a_values["area"] = values["area"]
                a_where = {n: (t_file, t_num, column) for n in ACTOR_FIELDS}
                a_where["_record"] = (t_file, t_num, column)
                a = ImportedActor(key=name_key(alter), name=alter, values=a_values,
                                  where=a_where, own=False)
                imported.add_actor(a)
                imported.add_tie(ImportedTie(key, a.key, tie_type, w, weight,
                                             where=(rows.file, num, column)))
    return imported


def _plan(q, i: int, m: Mapping, header: list, out: Collector, path: Path):
    """One question of the mapping as (tie type, a function row → [(column, name)], weight)."""
    where = f"questions[{i}]"
    q = check_keys(q, _QUESTION_KEYS, where, m.path, out)
    if not q:
        return None
    tie = make_field("tie_type", q.get("tie_type"), f"{where}.tie_type", m.path, out)
    if tie is None or tie.column is not None:
        if q.get("tie_type") is None or (tie is not None and tie.column is not None):
            out.add(m.path.name, None, f"{where}.tie_type", q.get("tie_type"),
                    "a tie type: collaboration, information, resources or advice")
        return None
    weight = convert("weight", str(q.get("weight", 1.0)))
    if weight is None:
        out.add(m.path.name, None, f"{where}.weight", q.get("weight"), "a number > 0")
        weight = 1.0
    ignore = {str(v).strip().lower() for v in (q.get("ignore") or [])}
    names = {str(k): str(v) for k, v in (q.get("names") or {}).items()}
    if "columns" in q:
        cols = q["columns"] if isinstance(q["columns"], list) else [q["columns"]]
        missing = [c for c in cols if c not in header]
        for c in missing:
            out.add(m.path.name, None, f"{where}.columns", c, "a column of the survey export")
        sep = q.get("separator")

        def named(row, file, num):
            for c in cols:
                cell = row.get(c, "")
                for part in (cell.split(sep) if sep else [cell]):
                    part = part.strip()
                    if part and part.lower() not in ignore:
                        yield c, names.get(part, part), None
        return tie.value, named, weight
    if "repeat" in q:
        return _repeat_plan(q, where, m, out, path, header, tie.value, weight, ignore, names)
    prefix = q.get("options")
    if not isinstance(prefix, str) or not prefix:
        out.add(m.path.name, None, where, None, "'columns' (columns of names) or 'options' "
                "(the header prefix of the 1/0 option columns)")
        return None
    option_cols = [c for c in header if c.startswith(prefix) and len(c) > len(prefix)]
    if not option_cols:
        out.add(m.path.name, None, f"{where}.options", prefix,
                "the start of the headers of option columns; none of the export starts so")
    def named(row, file, num):
        for c in option_cols:
            cell = row.get(c, "")
            ticked = is_true(cell)
            if ticked is None:
                out.add(file, num, c, cell, "a ticked option: 1/0, TRUE/FALSE or Y/empty")
            elif ticked:
                code = c[len(prefix):]
                code = code[:-1] if prefix.endswith("[") and code.endswith("]") else code
                if code.lower() not in ignore:
                    yield c, names.get(code, code), None
    return tie.value, named, weight


def _repeat_plan(q, where, m: Mapping, out: Collector, path: Path, header: list, tie_type,
                 weight, ignore, names):
    """A name roster kept as a Kobo repeat group: a sheet of its own, one row per person named.

    Each row of the sheet names its answer by ``_parent_index`` (= the answer's ``_index``);
    ``alter`` fields are read from the roster row (the named person's sector, type, …).
    """
    spec = check_keys(q["repeat"], _REPEAT_KEYS, f"{where}.repeat", m.path, out)
    sheet, column = spec.get("sheet"), spec.get("name")
    parent, index = spec.get("parent", "_parent_index"), spec.get("index", "_index")
    if not sheet or not column:
        out.add(m.path.name, None, f"{where}.repeat", q["repeat"],
                "{sheet: <the repeat group's sheet>, name: <its column of names>}")
        return None
    if index not in header:
        out.add(path.name, 1, None, index, f"a column {index!r} of the answers, which the "
                f"repeat group's {parent!r} refers to")
        return None
    roster = read_rows(path, out, str(sheet)) if path.suffix.lower() == ".xlsx" else None
    if roster is None:
        if path.suffix.lower() != ".xlsx":
            out.add(path.name, None, None, None, "an XLSX export: a repeat group is a sheet")
        return None
    for c in (column, parent):
        if c not in roster.header:
            out.add(roster.file, 1, None, c, f"a column {c!r} of the repeat group's sheet")
            return None
    told_fields = _fields(m, check_keys(q.get("alter"), ACTOR_FIELDS, f"{where}.alter", m.path,
                                        out), f"{where}.alter", ACTOR_FIELDS, out)
    by_parent: dict[str, list] = {}
    for num, r in roster:
        by_parent.setdefault(r.get(parent, ""), []).append((num, r))

    def named(row, file, num):
        for r_num, r in by_parent.get(row.get(index, ""), []):
            person = r.get(column, "").strip()
            if not person or person.lower() in ignore:
                continue
            told = {n: f.get(r, roster.file, r_num, out) for n, f in told_fields.items()}
            yield column, names.get(person, person), (roster.file, r_num, told)
    return tie_type, named, weight
