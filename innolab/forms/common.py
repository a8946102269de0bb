"""What every form of the self-assessment checklist shares: field names, the criteria set, words.

The field names are the same in the PDF and (as defined names) in the workbook: ``area_id``,
``respondent_id``, ``respondent_sector``, ``wave``, ``assessor`` (:data:`HEADER_FIELDS`);
``criterion_<id>`` per criterion with the id's dot replaced by an underscore (``criterion_1_1``,
:func:`criterion_field`), whose value is the score; and ``notes_<dimension id>`` per dimension
(``notes_D1``, :func:`notes_field`). :func:`criteria_hash` is a form's identity,
:func:`prepare_criteria` checks a criteria set for a form. The forms' words are the catalogue's
``checklist.*`` texts (``resources/texts/checklist.yaml``), through :func:`form_text`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from innolab.analysis.criteria import load_criteria
from innolab.data import vocab
from innolab.data.study import TABLES
from innolab.errors import ParameterError
from innolab.reports.criteria_text import dimension_names, scale_anchors
from innolab.reports.texts import labels, t

__all__ = [
    "HEADER_FIELDS",
    "CHOICE_FIELDS",
    "wave_options",
    "wave_from_text",
    "ASSESSMENT_COLUMNS",
    "FORM_VERSION",
    "REQUIRED_HEADER",
    "MARKER",
    "MARKER_SHEET",
    "MAX_POINTS",
    "form_text",
    "header_hint",
    "criterion_field",
    "notes_field",
    "criteria_hash",
    "prepare_criteria",
    "criterion_text",
    "anchored",
    "anchor_labels",
    "scale_text",
    "dimension_groups",
]

#: The header fields of every form, in order.
HEADER_FIELDS = ("area_id", "respondent_id", "respondent_sector", "wave", "assessor")
#: The header fields with a fixed vocabulary: choice lists of labels in the form's language,
#: read back as codes (waves differ between studies: a whole number is typed).
CHOICE_FIELDS = ("respondent_sector", "assessor")
#: The columns of the rows :func:`innolab.forms.read.read_filled` returns: those of the
#: ``assessments`` table.
ASSESSMENT_COLUMNS = tuple(TABLES["assessments"].column_names)
#: The version of the form layout; written into each form's metadata.
FORM_VERSION = "1"
#: The header fields a filled form must give (``respondent_sector`` may be empty).
REQUIRED_HEADER = ("area_id", "respondent_id", "wave", "assessor")
#: The marker of a checklist: in a PDF's subject and keywords, in the workbook's hidden sheet.
MARKER = "innolab checklist"
#: The name of the workbook's hidden sheet that marks it as a checklist.
MARKER_SHEET = "innolab"
#: The most points a form's scale may have.
MAX_POINTS = 11


def form_text(key: str, lang: str, **values) -> str:
    """A text of the forms (the catalogue's ``checklist.<key>``), its fields filled in.

    Parameters
    ----------
    key : str
        The key without ``checklist.`` (``"title"``, ``"footer"``, ``"area_id"``, …).
    lang : {"en", "fi"}
        The language.
    **values
        The template's fields.

    Returns
    -------
    str
    """
    return t(f"checklist.{key}", lang, **values)


def header_hint(field: str, lang: str) -> str:
    """The hint printed beside a header field: the codes to use, or what to write.

    Parameters
    ----------
    field : str
        One of :data:`HEADER_FIELDS`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    if field == "respondent_sector":
        return ", ".join(f"{c} = {v}" for c, v in labels("respondent_sector", lang).items())
    if field == "assessor":
        return ", ".join(f"{c} = {v}" for c, v in labels("assessor", lang).items())
    return form_text(f"hint_{field}", lang)


def anchor_labels(lang: str) -> dict[int, str]:
    """The anchor labels of the 0–4 scale (:func:`innolab.reports.criteria_text.scale_anchors`).

    Parameters
    ----------
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of int to str
    """
    return scale_anchors(lang)


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", str(text))


def criterion_field(criterion_id: str) -> str:
    """The form field of a criterion: ``"1.1"`` → ``"criterion_1_1"``.

    Parameters
    ----------
    criterion_id : str
        A criterion id.

    Returns
    -------
    str
        ``criterion_`` and the id with every character other than a letter, digit or underscore
        replaced by an underscore.
    """
    return f"criterion_{_safe(criterion_id)}"


def notes_field(dimension_id: str) -> str:
    """The notes field of a dimension: ``"D1"`` → ``"notes_D1"``.

    Parameters
    ----------
    dimension_id : str
        A dimension id.

    Returns
    -------
    str
    """
    return f"notes_{_safe(dimension_id)}"


def criteria_hash(criteria: pd.DataFrame) -> str:
    """SHA-256 of a criteria set (its columns of the study format), the identity of a form.

    Parameters
    ----------
    criteria : pandas.DataFrame
        A criteria set, as from :func:`innolab.load_criteria`.

    Returns
    -------
    str
        64 hex digits; forms show the first 12.
    """
    cols = [c for c in TABLES["criteria"].column_names if c in criteria.columns]
    text = criteria[cols].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare_criteria(criteria) -> pd.DataFrame:
    """The criteria set with whole-number scale bounds ``lo``/``hi``, checked for a form.

    Parameters
    ----------
    criteria : pandas.DataFrame or path or None
        A criteria set in the study format, a file of one, or None for the built-in set.

    Returns
    -------
    pandas.DataFrame
        A copy with the columns ``lo`` and ``hi`` (int) added and the ids as strings.

    Raises
    ------
    ParameterError
        For an empty set, a scale that is not 2 to :data:`MAX_POINTS` whole numbers, or ids that
        give the same form field.
    """
    if criteria is None:
        crit = load_criteria()
    elif isinstance(criteria, str | Path):
        crit = load_criteria(criteria)
    else:
        crit = criteria
    crit = crit.reset_index(drop=True).copy()
    if crit.empty:
        raise ParameterError("The criteria set is empty: a checklist needs at least one "
                             "criterion.")
    lo = pd.to_numeric(crit["scale_min"], errors="coerce").fillna(0.0)
    hi = pd.to_numeric(crit["scale_max"], errors="coerce").fillna(4.0)
    bad = [cid for cid, a, b in zip(crit["criterion_id"], lo, hi, strict=True)
           if not (float(a).is_integer() and float(b).is_integer() and a < b
                   and b - a + 1 <= MAX_POINTS)]
    if bad:
        raise ParameterError(
            f"A checklist needs a scale of whole numbers with 2 to {MAX_POINTS} points; the "
            f"scale of criteria {', '.join(map(str, bad))} is not one.")
    crit["lo"] = lo.astype(int)
    crit["hi"] = hi.astype(int)
    crit["criterion_id"] = crit["criterion_id"].astype(str)
    crit["dimension_id"] = crit["dimension_id"].astype(str)
    for kind, ids in (("criterion", crit["criterion_id"]),
                      ("dimension", crit["dimension_id"].drop_duplicates())):
        make = criterion_field if kind == "criterion" else notes_field
        names = [make(i) for i in ids]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ParameterError(f"The {kind} ids {', '.join(ids[[make(i) in dup for i in ids]])}"
                                 f" give the same form field ({', '.join(dup)}); rename them.")
    return crit


def criterion_text(row: pd.Series, what: str, lang: str) -> str:
    """A criterion's (or dimension's) text from the set's own bilingual columns.

    Parameters
    ----------
    row : pandas.Series
        A row of the criteria set.
    what : {"criterion", "dimension"}
        Which text.
    lang : {"en", "fi"}
        The language wanted; the other language, then the id, when it is empty.

    Returns
    -------
    str
    """
    # the reader's language first, then the others (a set may fill in only one)
    for col in [f"{what}_{x}" for x in (lang, *vocab.LANGUAGES)]:
        v = row.get(col)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return str(row[f"{what}_id"])


def anchored(lo: int, hi: int) -> bool:
    """Whether a scale from ``lo`` to ``hi`` is the anchored 0–4 scale.

    Parameters
    ----------
    lo, hi : int
        The scale's bounds.

    Returns
    -------
    bool
    """
    return (lo, hi) == (min(vocab.SCALE), max(vocab.SCALE))


def scale_text(crit: pd.DataFrame, lang: str) -> str:
    """The scale of a prepared criteria set in words (its anchors, or ``lo–hi``).

    Parameters
    ----------
    crit : pandas.DataFrame
        A set from :func:`prepare_criteria`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    ranges = set(zip(crit["lo"], crit["hi"], strict=True))
    if len(ranges) != 1:
        return form_text("scale_each", lang)
    lo, hi = ranges.pop()
    if anchored(lo, hi):
        return ", ".join(f"{k} {v}" for k, v in anchor_labels(lang).items())
    return f"{lo}–{hi}"


def dimension_groups(crit: pd.DataFrame, lang: str):
    """The dimensions of a prepared criteria set, in the set's order.

    Parameters
    ----------
    crit : pandas.DataFrame
        A set from :func:`prepare_criteria`.
    lang : {"en", "fi"}
        Language of the dimension names.

    Yields
    ------
    tuple
        (dimension id, dimension name, its criteria rows, lo, hi).
    """
    names = dimension_names(crit, lang)
    for dim in dict.fromkeys(crit["dimension_id"]):
        rows = crit[crit["dimension_id"] == dim]
        yield dim, str(names.get(dim, dim)), rows, int(rows["lo"].min()), int(rows["hi"].max())


def wave_options(waves: dict | None) -> list[tuple[str, str]]:
    """The choices of the wave field when the study's waves are known: ``("0 · Syksy 2015",
    "0")``, … — the label leads with the wave's number, so a filled form reads back as the code.

    Parameters
    ----------
    waves : dict of int to str, or None
        Wave id → its label (e.g. ``innolab.reports.texts.wave_names(study, lang)``).

    Returns
    -------
    list of (str, str)
        (label, code) pairs; empty without waves (the field is then a whole number).
    """
    return [(f"{int(w)} · {lab}", str(int(w))) for w, lab in (waves or {}).items()]


def wave_from_text(text: str) -> int | None:
    """The wave of a filled wave field: a whole number, or a choice ``"2 · Kevät 2016"``.

    Parameters
    ----------
    text : str
        The field's text.

    Returns
    -------
    int or None
        None when the text is neither.
    """
    m = re.fullmatch(r"\+?(\d+)(\.0*)?(\s*·.*)?", text.strip(), flags=re.S)
    return int(m.group(1)) if m else None
