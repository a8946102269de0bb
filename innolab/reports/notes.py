"""Note codes of analysis results, worded for readers.

An analysis result explains itself with a note: a code that is a key of the text catalogue and the
values its sentence needs (e.g. :class:`innolab.analysis.mobilisation.Note`, or a
``(code, values)`` pair). :func:`note_text` formats the values for the language and fills in the
catalogue's sentence; nothing here chooses words itself.
"""

from __future__ import annotations

import numbers

from . import fmt
from .texts import t

__all__ = ["note_values", "note_text"]


def note_values(values: dict, lang: str = "en") -> dict:
    """A note's values formatted for a sentence in ``lang``.

    Whole numbers go through :func:`innolab.reports.fmt.count`; other numbers are written in
    their shortest form (``100``, ``1e-12``) with a decimal comma in Finnish; codes and other
    values are left as they are.

    Parameters
    ----------
    values : dict
        Field name → value.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of str to str
    """
    out = {}
    for key, v in values.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Number):
            out[key] = str(v)
        elif isinstance(v, numbers.Integral):
            out[key] = fmt.count(v)
        else:
            s = f"{float(v):g}"
            out[key] = s.replace(".", t("fmt.decimal_sign", lang))
    return out


def note_text(note, lang: str = "en") -> str:
    """The sentence of a note in ``lang``.

    Parameters
    ----------
    note : object with ``code`` and ``values``, or tuple ``(code, values)``
        The note; ``code`` is a catalogue key. A ``count`` among the values chooses the
        sentence's one/other form.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str

    Raises
    ------
    innolab.reports.texts.CatalogueError
        When the catalogue has no text for the code.
    """
    code, values = (note if isinstance(note, tuple) else (note.code, note.values))
    values = dict(values or {})
    count = values.pop("count", None)
    if count is None:
        return t(code, lang, **note_values(values, lang))
    return t(code, lang, count=int(count), **note_values(values, lang))
