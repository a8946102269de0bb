"""The self-assessment checklist of the criteria set (BRIEF §1 and §3), and reading it back.

Three forms of the same checklist:

* a fillable A4 PDF (:func:`make_pdf`, :mod:`innolab.forms.checklist_pdf`): header text fields,
  one radio group per criterion, a notes field per dimension; every text is also printed on the
  page, so it reads on paper too;
* a printable short version (:func:`make_pdf` with ``printable=True``): no form fields, empty tick
  boxes and lines, at most two A4 pages for the built-in set;
* an Excel workbook (:func:`make_xlsx`, :mod:`innolab.forms.checklist_xlsx`): input cells with
  drop-down lists, the rest protected.

:func:`read_filled` turns one filled PDF or workbook into rows of the ``assessments`` table
(BRIEF §5); :func:`ingest_checklists` does that for a folder of forms and writes one CSV (both in
:mod:`innolab.forms.read`). The field names and the criteria-set hash they share are in
:mod:`innolab.forms.common`; this module gathers the public names and writes the form a file name
asks for (:func:`make_checklist`).
"""

from __future__ import annotations

from pathlib import Path

from innolab.errors import ParameterError

from .checklist_pdf import make_pdf
from .checklist_xlsx import make_xlsx
from .common import (
    ASSESSMENT_COLUMNS,
    FORM_VERSION,
    HEADER_FIELDS,
    criteria_hash,
    criterion_field,
    notes_field,
)
from .read import ChecklistError, ingest_checklists, read_filled

__all__ = [
    "HEADER_FIELDS",
    "ASSESSMENT_COLUMNS",
    "FORM_VERSION",
    "ChecklistError",
    "criterion_field",
    "notes_field",
    "criteria_hash",
    "make_checklist",
    "make_pdf",
    "make_xlsx",
    "read_filled",
    "ingest_checklists",
]


def make_checklist(path, lang: str = "en", criteria=None, area_id: str | None = None,
                   printable: bool = False, waves: dict | None = None) -> Path:
    """Write the checklist in the form the file name asks for: ``.pdf`` or ``.xlsx``.

    Parameters
    ----------
    path : str or pathlib.Path
        Ends with ``.pdf`` (:func:`make_pdf`) or ``.xlsx`` (:func:`make_xlsx`).
    lang : {"en", "fi"}
        The language of the form.
    criteria : pandas.DataFrame or path, optional
        A criteria set; default the built-in set.
    area_id : str, optional
        Prefilled area id.
    printable : bool
        The printable short PDF (only with ``.pdf``).
    waves : dict of int to str, optional
        The study's waves (id → label): the wave field is a choice of them.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return make_pdf(path, lang, criteria, area_id, printable, waves)
    if suffix == ".xlsx":
        if printable:
            raise ParameterError("The printable version is a PDF: give an output file ending "
                                 "in .pdf, or leave out --print for the workbook.")
        return make_xlsx(path, lang, criteria, area_id, waves)
    raise ParameterError(f"Cannot tell the checklist's form from {str(path)!r}: expected a file "
                         "name ending in .pdf or .xlsx.")
