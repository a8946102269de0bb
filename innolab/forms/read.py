"""Reading filled checklists back: one form (:func:`read_filled`) or a folder
(:func:`ingest_checklists`) into rows of the ``assessments`` table (BRIEF §5).

Every problem of every form is collected and raised at once as a :class:`ChecklistError` that
names the file and the field.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.data.reading import cell_text
from innolab.data.validation import did_you_mean
from innolab.errors import ParameterError, Problem, StudyError

from .common import (
    ASSESSMENT_COLUMNS,
    HEADER_FIELDS,
    MARKER,
    MARKER_SHEET,
    REQUIRED_HEADER,
    criterion_field,
    criterion_text,
    notes_field,
    prepare_criteria,
    wave_from_text,
)

__all__ = ["ChecklistError", "read_filled", "ingest_checklists"]


class ChecklistError(StudyError):
    """Filled checklist forms that cannot be used; ``problems`` lists every problem found.

    A :class:`~innolab.errors.StudyError` whose problems name the form's file (``file``), the
    form field (``column``), the value as read and what was expected; ``row`` is None.
    """

    def __init__(self, path: str, problems: list[Problem]):
        super().__init__(path, problems)
        n = len(self.problems)
        forms = sorted({p.file for p in self.problems})
        what = f"The checklist {forms[0]}" if len(forms) == 1 else \
            f"The checklists in {self.path}"
        head = f"{what} {'has' if len(forms) == 1 else 'have'} {n} problem{'s' * (n != 1)}:"
        shown = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = f"\n  … and {n - 200} more" if n > 200 else ""
        self.args = (f"{head}\n{shown}{more}",)

    def __str__(self) -> str:
        return self.args[0]


def _pdf_values(path: Path, problems: list[Problem]) -> dict[str, str | None] | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        fields = reader.get_fields() or {}
    except Exception as exc:  # pypdf raises many kinds for a damaged or foreign file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as a PDF form: {type(exc).__name__}: {exc}"))
        return None
    out: dict[str, str | None] = {}
    for name, field in fields.items():
        value = field.get("/V")
        if value is None or value == "":
            out[name] = None
        elif field.get("/FT") == "/Btn":
            text = str(value).lstrip("/")
            out[name] = None if text == "Off" else text
        elif isinstance(value, list):
            out[name] = ";".join(str(v) for v in value)
        else:
            out[name] = str(value)
        if out[name] is None and field.get("/FT") == "/Btn":
            # some viewers only switch the chosen button on (/AS) and leave the group's /V
            try:
                on = {str(kid.get_object().get("/AS", "/Off")).lstrip("/")
                      for kid in field.get("/Kids", [])} - {"Off"}
            except Exception:  # a damaged kid: keep the field unanswered
                on = set()
            if len(on) == 1:
                out[name] = on.pop()
    return out


def _xlsx_values(path: Path, problems: list[Problem]) -> dict[str, str | None] | None:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as an Excel workbook (.xlsx): "
                                f"{type(exc).__name__}: {exc}"))
        return None
    try:
        marked = (MARKER_SHEET in wb.sheetnames
                  and wb[MARKER_SHEET]["B1"].value == MARKER)
        out: dict[str, str | None] = {}
        for name, dn in wb.defined_names.items():
            try:
                dest = list(dn.destinations)
            except Exception:  # a name that is a formula, not a cell: not one of ours
                continue
            if len(dest) != 1 or dest[0][0] not in wb.sheetnames:
                continue
            sheet, ref = dest[0]
            try:
                value = wb[sheet][ref.replace("$", "")].value
            except Exception:  # a range, not a cell
                continue
            text = cell_text(value).strip()
            out[name] = text or None
    finally:
        wb.close()
    if not marked and not out:
        problems.append(Problem(path.name, None, None, None,
                                "not an innolab checklist workbook: it has neither the hidden "
                                "'innolab' sheet nor named input cells"))
        return None
    return out


def _check_form(file: str, values: dict[str, str | None], crit: pd.DataFrame,
                allow_missing: bool, areas, problems: list[Problem]):
    """Typed header, rows and notes of one form; problems appended for every bad field."""
    ours = [f for f in values if f in HEADER_FIELDS or f.startswith(("criterion_", "notes_"))]
    if not ours:
        problems.append(Problem(file, None, None, None,
                                "not an innolab checklist: the form has none of the fields "
                                f"{', '.join(HEADER_FIELDS)} or criterion_… (a printed or "
                                "flattened copy of a filled form keeps no answers)"))
        return None

    def absent(field: str) -> None:
        problems.append(Problem(file, None, field, None,
                                f"the form has no field {field!r}: expected a checklist made "
                                "by innolab from this criteria set"))

    head: dict[str, object] = {}
    for field in HEADER_FIELDS:
        if field not in values:
            absent(field)
            continue
        value = values[field]
        text = "" if value is None else str(value).strip()
        if not text:
            if field in REQUIRED_HEADER:
                problems.append(Problem(file, None, field, None,
                                        f"empty: expected {_EXPECTED[field]}"))
            head[field] = None
            continue
        if field == "wave":
            wave = wave_from_text(text)
            if wave is None:
                problems.append(Problem(file, None, field, text,
                                        f"expected {_EXPECTED[field]}"))
                continue
            head[field] = wave
        elif field in ("assessor", "respondent_sector"):
            codes = vocab.VOCABULARIES[field]
            # a choice list shows labels in the form's language: a label reads back as its code
            by_label = {lab: code for code, labs in vocab.label_hints(field).items()
                        for lab in labs}
            if text.lower() in codes:
                head[field] = text.lower()
            elif " ".join(text.lower().split()) in by_label:
                head[field] = by_label[" ".join(text.lower().split())]
            else:
                hint = did_you_mean(text, list(codes), vocab.label_hints(field))
                problems.append(Problem(file, None, field, text,
                                        f"expected {_EXPECTED[field]}{hint}"))
        elif field == "area_id" and areas is not None and text not in set(areas):
            hint = did_you_mean(text, list(areas))
            problems.append(Problem(file, None, field, text,
                                    f"expected an area id of the study{hint}; the areas are: "
                                    f"{', '.join(areas)}"))
        else:
            head[field] = text

    scores = []
    for _, row in crit.iterrows():
        cid, field = row["criterion_id"], criterion_field(row["criterion_id"])
        lo, hi = int(row["lo"]), int(row["hi"])
        expected = (f"a score from {lo} to {hi} for criterion {cid} "
                    f"({criterion_text(row, 'criterion', 'en')})")
        if field not in values:
            absent(field)
            continue
        value = values[field]
        if value is None or not str(value).strip():
            if allow_missing:
                scores.append((cid, None))
            else:
                problems.append(Problem(file, None, field, None,
                                        f"not answered: expected {expected}; "
                                        "--allow-missing (allow_missing=True) keeps it empty"))
            continue
        text = str(value).strip()
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = float("nan")
        if not (np.isfinite(number) and number.is_integer() and lo <= number <= hi):
            problems.append(Problem(file, None, field, text, f"expected {expected}"))
            continue
        scores.append((cid, int(number)))

    known = {criterion_field(c) for c in crit["criterion_id"]}
    known |= {notes_field(d) for d in crit["dimension_id"]}
    for field in values:
        if field.startswith(("criterion_", "notes_")) and field not in known:
            problems.append(Problem(file, None, field, values[field],
                                    "a field of this criteria set: the form was made from "
                                    "another criteria set"))
    notes = {}
    for dim in dict.fromkeys(crit["dimension_id"]):
        text = values.get(notes_field(dim))
        if text is not None and str(text).strip():
            notes[dim] = str(text).strip()
    return head, scores, notes


_EXPECTED = {
    "area_id": "the id of the assessed area",
    "respondent_id": "the respondent's id",
    "wave": "a whole number ≥ 0 (0 = the first wave)",
    "assessor": f"one of {', '.join(vocab.ASSESSORS)}",
    "respondent_sector": f"one of {', '.join(vocab.RESPONDENT_SECTORS)}, or empty",
}


def _frame(head: dict, scores: list) -> pd.DataFrame:
    df = pd.DataFrame({
        "area_id": head["area_id"],
        "wave": pd.Series([head["wave"]] * len(scores), dtype="int64"),
        "assessor": head["assessor"],
        "respondent_id": head["respondent_id"],
        "respondent_sector": head.get("respondent_sector"),
        "criterion_id": [c for c, _ in scores],
        "score": pd.array([s for _, s in scores], dtype="Int64"),
    }, columns=list(ASSESSMENT_COLUMNS))
    return df


def _read(path: Path, crit: pd.DataFrame, allow_missing: bool, areas,
          problems: list[Problem]):
    suffix = path.suffix.lower()
    if not path.is_file():
        problems.append(Problem(path.name, None, None, None,
                                "expected a filled checklist file; none exists here"))
        return None
    if suffix == ".pdf":
        values = _pdf_values(path, problems)
    elif suffix == ".xlsx":
        values = _xlsx_values(path, problems)
    else:
        problems.append(Problem(path.name, None, None, None,
                                "expected a checklist form ending in .pdf or .xlsx"))
        return None
    if values is None:
        return None
    return _check_form(path.name, values, crit, allow_missing, areas, problems)


def read_filled(path, criteria=None, allow_missing: bool = False, areas=None) -> pd.DataFrame:
    """Read one filled checklist (PDF or XLSX) into rows of the ``assessments`` table.

    The header must give ``area_id``, ``respondent_id``, ``wave`` (a whole number ≥ 0) and
    ``assessor`` (``self``, ``external`` or ``application``); ``respondent_sector`` may be empty
    or an actor sector or ``steering_group`` (codes are read case-insensitively, and so is a
    label in English or Finnish, as the forms' choice lists show them). Every criterion
    of the set must be answered with a whole number on its scale, unless ``allow_missing``.

    Parameters
    ----------
    path : str or pathlib.Path
        A form made by :func:`make_pdf` or :func:`make_xlsx` and filled in.
    criteria : pandas.DataFrame or path, optional
        The criteria set the form was made from; default the built-in set.
    allow_missing : bool
        Keep an unanswered criterion as a row with an empty score (the format allows it)
        instead of reporting it.
    areas : list of str, optional
        The known area ids (e.g. ``study.area_ids``); ``area_id`` must be one of them.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, assessor, respondent_id, respondent_sector, criterion_id,
        score`` (``score`` is a nullable integer, ``<NA>`` when not answered), one row per
        criterion in the order of the set. ``df.attrs["notes"]`` holds the notes as
        ``{dimension_id: text}`` (dimensions with notes only) and ``df.attrs["file"]`` the
        form's file name.

    Raises
    ------
    ChecklistError
        A :class:`~innolab.errors.StudyError` listing every problem of the form at once: not
        readable, not a checklist, a field missing from the form, an empty or bad header field,
        an unanswered or out-of-scale criterion. Each problem names the file and the field.
    """
    path = Path(path)
    crit = prepare_criteria(criteria)
    problems: list[Problem] = []
    result = _read(path, crit, allow_missing, None if areas is None else list(areas),
                   problems)
    if problems or result is None:
        raise ChecklistError(str(path), problems)
    head, scores, notes = result
    df = _frame(head, scores)
    df.attrs["notes"] = notes
    df.attrs["file"] = path.name
    return df


def _form_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in (".pdf", ".xlsx")
                  and not p.name.startswith(("~$", ".")))


def ingest_checklists(folder, out=None, criteria=None, allow_missing: bool = False,
                      areas=None, notes_out=None) -> pd.DataFrame:
    """Read every filled form of a folder into one ``assessments`` table, and write it.

    Reads ``*.pdf`` and ``*.xlsx`` in ``folder`` in sorted order (skipping hidden files and
    Excel's ``~$`` lock files) with :func:`read_filled`, collects the problems of all forms, and
    checks that no two forms answer the same criterion for the same area, wave, assessor and
    respondent. Nothing is written unless every form is good.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder of filled forms.
    out : str or pathlib.Path, optional
        The assessments CSV to write (atomically; UTF-8, ``,``-separated, the columns of the
        ``assessments`` table), loadable as a study's ``assessments.csv``.
    criteria : pandas.DataFrame or path, optional
        The criteria set of the forms; default the built-in set.
    allow_missing : bool
        Keep unanswered criteria as rows with an empty score.
    areas : list of str, optional
        The known area ids; every form's ``area_id`` must be one of them.
    notes_out : str or pathlib.Path, optional
        A CSV for the notes: ``file, area_id, wave, assessor, respondent_id, dimension_id,
        notes``, one row per form and dimension with notes.

    Returns
    -------
    pandas.DataFrame
        The rows of all forms, as :func:`read_filled` gives them, in file order;
        ``df.attrs["notes"]`` is a list of the notes records, ``df.attrs["files"]`` the file
        names read.

    Raises
    ------
    ChecklistError
        Listing every problem of every form (file and field), and duplicates across forms.
    ParameterError
        When ``folder`` is not a folder or holds no form.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"{str(folder)!r} is not a folder of filled checklists.")
    files = _form_files(folder)
    if not files:
        raise ParameterError(f"No checklist forms (*.pdf, *.xlsx) in {folder}.")
    crit = prepare_criteria(criteria)
    areas = None if areas is None else list(areas)
    problems: list[Problem] = []
    frames, notes = [], []
    seen: dict[tuple, tuple[str, set]] = {}
    for path in files:
        result = _read(path, crit, allow_missing, areas, problems)
        if result is None:
            continue
        head, scores, form_notes = result
        if any(head.get(f) is None for f in REQUIRED_HEADER):
            continue
        key = tuple(head[k] for k in ("area_id", "wave", "assessor", "respondent_id"))
        answered = {c for c, _ in scores}
        if key in seen and seen[key][1] & answered:
            first, other = seen[key]
            problems.append(Problem(
                path.name, None, "respondent_id", head["respondent_id"],
                f"a respondent not already in {first}: both forms answer "
                f"{len(other & answered)} criteria for area {key[0]!r}, wave {key[1]}, "
                f"assessor {key[2]!r}, respondent {key[3]!r}"))
            continue
        seen.setdefault(key, (path.name, set()))[1].update(answered)
        frames.append(_frame(head, scores))
        notes += [{"file": path.name, "area_id": key[0], "wave": key[1], "assessor": key[2],
                   "respondent_id": key[3], "dimension_id": d, "notes": t}
                  for d, t in form_notes.items()]
    if problems:
        raise ChecklistError(str(folder), problems)
    df = pd.concat(frames, ignore_index=True)
    df.attrs["notes"] = notes
    df.attrs["files"] = [p.name for p in files]
    if out is not None:
        atomic_write(out, df.to_csv(index=False, lineterminator="\n"))
    if notes_out is not None:
        cols = ["file", "area_id", "wave", "assessor", "respondent_id", "dimension_id", "notes"]
        atomic_write(notes_out, pd.DataFrame(notes, columns=cols).to_csv(
            index=False, lineterminator="\n"))
    return df
