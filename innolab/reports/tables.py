"""The tables a report shows: every header and code in the reader's language, numbers by kind.

A section keeps its data table (codes and numbers, saved as CSV) and builds the table it shows
with :func:`shown_table`: it names the columns a reader needs and the kind of each, and gets back
a table of finished strings:

==============  ============================================================  ===============
kind            what it holds                                                 shown as
==============  ============================================================  ===============
``count``       a whole number                                                ``8 661``
``share``       a share 0–1                                                   ``42 %``
``score``       a score (2 decimals; ``("score", 3)`` for 3)                  ``3,08``
``index``       an index or a measure (2 decimals unless given)               ``0,42``
``signed``      a change with its sign                                        ``+0,25``
``code``        a code of a vocabulary: ``("code", "sector")``                ``Yksityinen``
``key``         a code worded by a catalogue prefix: ``("key", "criteria.direction")``
``bool``        true / false                                                  ``kyllä``
``id``          a pseudonymous identifier a reader may need to point at       ``m1``
``text``        words already in the reader's language (names, labels)        as it is
==============  ============================================================  ===============

Intervals are two columns joined into one (``intervals={"ci": ("ci_low", "ci_high")}``, shown
``2,87–3,21``). Headers come from the catalogue: ``<topic>.col.<column>`` when the section's topic
has one, else ``col.<column>`` (``resources/texts/columns.yaml``), or a key the caller names.
"""

from __future__ import annotations

import pandas as pd

from . import fmt
from .texts import has, label, t

__all__ = ["KINDS", "shown_table", "header", "format_value", "full_table_note"]

#: The kinds of column :func:`shown_table` knows.
KINDS = ("count", "share", "score", "index", "signed", "code", "key", "bool", "id", "text")


def header(column: str, lang: str, topic: str | None = None) -> str:
    """The header of a column: ``<topic>.col.<column>`` when it exists, else ``col.<column>``.

    Parameters
    ----------
    column : str
        The column's code.
    lang : {"en", "fi"}
        The language.
    topic : str, optional
        The section's topic (``criteria``, ``network``, …).

    Returns
    -------
    str

    Raises
    ------
    innolab.reports.texts.CatalogueError
        When neither key exists.
    """
    if topic is not None and has(f"{topic}.col.{column}"):
        return t(f"{topic}.col.{column}", lang)
    return t(f"col.{column}", lang)


def _missing(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def format_value(v, kind, lang: str) -> str:
    """One cell as a reader sees it, by its kind (see the module's table).

    Parameters
    ----------
    v : object
        The value.
    kind : str or tuple
        The kind, or ``(kind, argument)``: a vocabulary for ``code``, a catalogue prefix for
        ``key``, decimals for ``score``, ``index``, ``signed`` and ``share``.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    name, arg = (kind, None) if isinstance(kind, str) else kind
    if name not in KINDS:
        raise ValueError(f"unknown kind of table column {name!r}; expected one of {KINDS}")
    if name != "text" and _missing(v):
        return "—"
    if isinstance(v, str) and name in ("count", "share", "score", "index", "signed"):
        return v  # a suppression mark (``<5``) stays as it is
    if name == "count":
        return fmt.integer(v, lang)
    if name == "share":
        return fmt.percent(v, lang, arg or 0)
    if name in ("score", "index"):
        return fmt.decimal(v, lang, 2 if arg is None else arg)
    if name == "signed":
        s = fmt.decimal(abs(float(v)), lang, 2 if arg is None else arg)
        return ("+" if v > 0 else "−" if v < 0 else "") + s
    if name == "code":
        return label(arg, v, lang)
    if name == "key":
        return t(f"{arg}.{v}", lang)
    if name == "bool":
        return t("common.yes" if bool(v) else "common.no", lang)
    if _missing(v):
        return "—"
    return str(v)


def shown_table(frame: pd.DataFrame, kinds: dict, lang: str, *, topic: str | None = None,
                headers: dict | None = None, intervals: dict | None = None,
                index=None, names: dict | None = None) -> pd.DataFrame:
    """The table a report shows: the columns of ``kinds`` in their order, labelled and formatted.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data table (codes and numbers).
    kinds : dict
        Column → kind (see the module's table), in the order shown; an interval's name (a key
        of ``intervals``) stands where the interval goes, with the kind of its ends.
    lang : {"en", "fi"}
        The language.
    topic : str, optional
        The section's topic: ``<topic>.col.<column>`` headers are used where they exist.
    headers : dict, optional
        Column → catalogue key of its header, where the default key does not fit.
    intervals : dict, optional
        Name → (low column, high column), shown as one column ``low–high``.
    index : str or tuple, optional
        The kind of the index values; the index is then kept and named by its header.
    names : dict, optional
        Column → header already in the reader's language (an id readers know from the text,
        such as a dimension ``D1``, or a header made by the caller).

    Returns
    -------
    pandas.DataFrame
        Strings only; the index is reset unless ``index`` is given.

    Examples
    --------
    >>> df = pd.DataFrame({"sector": ["public"], "actors": [3.0], "share": [0.25]})
    >>> shown_table(df, {"sector": ("code", "sector"), "actors": "count", "share": "share"},
    ...             "fi").to_dict("records")
    [{'Sektori': 'Julkinen', 'Toimijoita': '3', 'Osuus': '25 %'}]
    """
    headers = headers or {}
    names = names or {}
    intervals = intervals or {}
    out = {}
    for col, kind in kinds.items():
        if col in intervals:
            lo, hi = intervals[col]
            values = [f"{format_value(a, kind, lang)}–{format_value(b, kind, lang)}"
                      if not (_missing(a) or _missing(b)) else "—"
                      for a, b in zip(frame[lo], frame[hi], strict=True)]
        else:
            values = [format_value(v, kind, lang) for v in frame[col]]
        if col in names:
            name = names[col]
        else:
            name = t(headers[col], lang) if col in headers else header(col, lang, topic)
        out[name] = values
    result = pd.DataFrame(out)
    if index is not None:
        result.index = [format_value(v, index, lang) for v in frame.index]
        name = frame.index.name
        result.index.name = (t(headers[name], lang) if name in headers
                             else header(name, lang, topic)) if name else None
    return result


def full_table_note(name: str, lang: str, area_id: str | None = None) -> str:
    """The sentence under a shortened table: where its full version is.

    Parameters
    ----------
    name : str
        The table's name (its CSV file and its workbook sheet).
    lang : {"en", "fi"}
        The language.
    area_id : str, optional
        The area of a per-area report (workbook ``<area_id>.xlsx``); else ``study.xlsx``.

    Returns
    -------
    str
    """
    return t("common.full_table", lang, workbook=f"{area_id or 'study'}.xlsx", sheet=name[:31])
