"""The one bilingual text catalogue: every word a reader sees, in English and Finnish.

The texts live in ``innolab/resources/texts/*.yaml``, one file per topic (``common``, ``vocab``,
``network``, …) so that a translator finds them by subject; together they form one catalogue with
one namespace of keys. A key that two files define is an error. Each entry maps a language to a
text, or to a ``one``/``other`` pair for a count::

    network.no_ties:
      en: The data hold no ties.
      fi: Aineistossa ei ole suhteita.
    peer_review.organisations:
      en: {one: "{count} organisation", other: "{count} organisations"}
      fi: {one: "{count} organisaatio", other: "{count} organisaatiota"}

Texts are :meth:`str.format` templates; callers pass numbers already formatted for the language
(:mod:`innolab.reports.fmt`). Vocabulary labels are the keys ``vocab.<vocabulary>.<code>``
(:func:`label`), column headers ``col.<column>`` (:func:`column`).
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from ..data import vocab

__all__ = ["CatalogueError", "catalogue", "t", "has", "label", "labels", "column", "columns",
           "relabel_codes", "relabel", "kind_label", "wave_name", "wave_names"]

_PLURAL_FORMS = ("one", "other")


class CatalogueError(KeyError):
    """A key is missing from the text catalogue, or an entry is malformed."""


@functools.cache
def catalogue() -> dict[str, dict]:
    """The whole catalogue: key → {language: text or {"one": …, "other": …}}.

    Returns
    -------
    dict

    Raises
    ------
    CatalogueError
        When two files define the same key or an entry is not a mapping of languages.
    """
    out: dict[str, dict] = {}
    where: dict[str, str] = {}
    folder = resources.files("innolab.resources").joinpath("texts")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        for key, value in data.items():
            if key in out:
                raise CatalogueError(f"Text key {key!r} is defined in both {where[key]} and "
                                     f"{entry.name}.")
            if not isinstance(value, dict):
                raise CatalogueError(f"Text key {key!r} in {entry.name} must map languages to "
                                     f"texts, got {value!r}.")
            out[key] = value
            where[key] = entry.name
    return out


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def has(key: str) -> bool:
    """Whether the catalogue holds ``key``.

    Parameters
    ----------
    key : str
        A catalogue key.

    Returns
    -------
    bool
    """
    return key in catalogue()


def t(key: str, lang: str = "en", /, count: int | None = None, **values) -> str:
    """A text of the catalogue in the chosen language, its ``{fields}`` filled in.

    Parameters
    ----------
    key : str
        A catalogue key, e.g. ``"network.no_ties"``.
    lang : {"en", "fi"}
        The language.
    count : int, optional
        For an entry with ``one``/``other`` forms: the number that chooses the form (also
        available to the template as ``{count}``).
    **values
        The template's fields, already formatted for the language.

    Returns
    -------
    str

    Raises
    ------
    CatalogueError
        When the key or its language is missing.

    Examples
    --------
    >>> t("common.yes", "fi")
    'kyllä'
    """
    vocab.check_lang(lang)
    try:
        text = catalogue()[key][lang]
    except KeyError:
        raise CatalogueError(f"The text catalogue has no {lang!r} text for {key!r}.") from None
    if isinstance(text, dict):
        if count is None:
            raise CatalogueError(f"Text {key!r} has plural forms: pass count=.")
        text = text["one" if count == 1 else "other"]
        values.setdefault("count", count)
    elif count is not None:
        values.setdefault("count", count)
    return text.format(**values) if values else text


def label(vocabulary: str, code, lang: str = "en") -> str:
    """The label of one code of a vocabulary (``vocab.<vocabulary>.<code>`` in the catalogue).

    Parameters
    ----------
    vocabulary : str
        A key of :data:`innolab.data.vocab.VOCABULARIES`, e.g. ``"sector"``.
    code : str
        The code, e.g. ``"public"``. A code the catalogue does not know is returned as it is.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str

    Examples
    --------
    >>> label("sector", "public", "fi")
    'Julkinen'
    """
    key = f"vocab.{vocabulary}.{code}"
    if not has(key):
        vocab.check_lang(lang)
        return str(code)
    return t(key, lang)


def wave_name(study, wave, lang: str = "en") -> str:
    """A wave as a reader sees it: the study's own label (``study.yaml``), else ``Aalto 2``.

    A study that labels its waves (``Syksy 2015``) is shown in its own words in every language;
    a wave without a label is numbered in the reader's language (``Wave 2`` / ``Aalto 2``),
    never in English on a Finnish page.

    Parameters
    ----------
    study : Study
        The study (its ``waves`` table: ``wave``, ``label``).
    wave : int
        The wave.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> study = SimpleNamespace(waves=pd.DataFrame({"wave": [0, 1], "label": ["Syksy 2015", None]}))
    >>> wave_name(study, 0, "fi"), wave_name(study, 1, "fi")
    ('Syksy 2015', 'Aalto 1')
    """
    return wave_names(study, lang).get(int(wave), t("common.wave_n", lang, n=int(wave)))


def wave_names(study, lang: str = "en") -> dict[int, str]:
    """:func:`wave_name` of each wave of the study's ``waves`` table, wave → name.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict
    """
    vocab.check_lang(lang)
    return {int(w): lab if isinstance(lab, str) and lab else t("common.wave_n", lang, n=int(w))
            for w, lab in zip(study.waves["wave"], study.waves["label"], strict=True)}


def labels(vocabulary: str, lang: str = "en") -> dict[str, str]:
    """All labels of one vocabulary, code to label, in the vocabulary's order.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`innolab.data.vocab.VOCABULARIES`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of str to str
    """
    return {code: label(vocabulary, code, lang) for code in vocab.VOCABULARIES[vocabulary]}


def column(name: str, lang: str = "en") -> str:
    """The header of a table column for readers (``col.<name>`` in the catalogue).

    Parameters
    ----------
    name : str
        The column's code, e.g. ``"area_id"``.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str

    Raises
    ------
    CatalogueError
        When the catalogue has no header for the column.
    """
    return t(f"col.{name}", lang)


def columns(frame, lang: str = "en", **extra):
    """A copy of a table whose column headers are the catalogue's labels.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table whose columns are codes.
    lang : {"en", "fi"}
        The language.
    **extra
        Column code → header for columns whose header is made by the caller.

    Returns
    -------
    pandas.DataFrame
    """
    names = {c: extra[c] if c in extra else column(c, lang) for c in frame.columns}
    return frame.rename(columns=names)


def relabel_codes(values, vocabulary: str, lang: str = "en") -> list[str]:
    """Labels for a sequence of codes of one vocabulary (missing values stay a dash).

    Parameters
    ----------
    values : iterable
        Codes.
    vocabulary : str
        The vocabulary.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    list of str
    """
    return [label(vocabulary, v, lang) if isinstance(v, str) else "—" for v in values]


def relabel(table, lang: str = "en", index: str | None = None, columns: dict | None = None,
            column_vocab: str | None = None):
    """A copy of a table with codes turned into labels for people.

    Parameters
    ----------
    table : pandas.DataFrame
        A table keyed by codes.
    lang : {"en", "fi"}
        The language.
    index : str, optional
        Vocabulary of the index codes (e.g. ``"sector"``); the index is named by
        ``common.<vocabulary>`` when the catalogue has it.
    columns : dict, optional
        Column name to a catalogue key for its header.
    column_vocab : str, optional
        Vocabulary of the column codes.

    Returns
    -------
    pandas.DataFrame
    """
    out = table.copy()
    name = index or out.index.name
    if index is not None:
        out.index = [label(index, c, lang) for c in out.index]
    out.index.name = t(f"common.{name}", lang) if name and has(f"common.{name}") else None
    if column_vocab is not None:
        out.columns = [label(column_vocab, c, lang) if c in vocab.VOCABULARIES[column_vocab]
                       else c for c in out.columns]
    if columns:
        out = out.rename(columns={k: t(v, lang) for k, v in columns.items()})
    return out


def kind_label(kind, lang: str = "en") -> str:
    """An actor's kind as a reader sees it: its catalogue label (``kind.<kind>``) when the
    catalogue knows the kind, else the text as the study writes it, underscores as spaces.

    Parameters
    ----------
    kind : str or None
        The ``kind`` of an actor (free text in the data format).
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
        The label; an empty string for a missing kind.

    Examples
    --------
    >>> kind_label("housing_company", "fi")
    'taloyhtiö'
    """
    vocab.check_lang(lang)
    if not isinstance(kind, str) or not kind.strip():
        return ""
    key = f"kind.{kind.strip()}"
    return t(key, lang) if has(key) else kind.strip().replace("_", " ")
