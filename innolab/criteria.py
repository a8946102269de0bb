"""The criteria set of an innovative neighbourhood (BRIEF §3) and scoring on it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import vocab
from .study import _builtin_criteria, read_table

__all__ = ["load_criteria", "scale_anchors", "dimensions"]


def load_criteria(path=None) -> pd.DataFrame:
    """The criteria set: the built-in version 1 of BRIEF §3, or a study's own ``criteria.csv``.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A ``criteria.csv`` in the study format. Default: the built-in set.

    Returns
    -------
    pandas.DataFrame
        Columns ``criterion_id, dimension_id, dimension_en, dimension_fi, criterion_en,
        criterion_fi, scale_min, scale_max, weight, direction``; one row per criterion (29 in the
        built-in set, ids ``"1.1"`` … ``"7.4"``, dimensions ``D1`` … ``D7``, scale 0–4).

    Examples
    --------
    >>> crit = load_criteria()
    >>> crit.loc[0, ["criterion_id", "dimension_id", "criterion_fi"]].tolist()
    ['1.1', 'D1', 'Aktiivisten toimijoiden määrä']
    """
    if path is None:
        return _builtin_criteria()
    return read_table(Path(path), "criteria")


def dimensions(criteria: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Dimension id to its name in the chosen language, in the order of the criteria set.

    Parameters
    ----------
    criteria : pandas.DataFrame
        A criteria set, as from :func:`load_criteria`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    pandas.Series
        Indexed by ``dimension_id``.
    """
    vocab.check_lang(lang)
    d = criteria.drop_duplicates("dimension_id").set_index("dimension_id")[f"dimension_{lang}"]
    return d.fillna(pd.Series(d.index, index=d.index))


def scale_anchors(lang: str = "en") -> dict[int, str]:
    """The anchor labels of the 0–4 scale in the chosen language.

    Parameters
    ----------
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of int to str
        ``{0: "not present", …, 4: "exemplary, owned by the community"}`` in English.
    """
    vocab.check_lang(lang)
    i = vocab.LANGUAGES.index(lang)
    return {k: v[i] for k, v in vocab.SCALE_ANCHORS.items()}
