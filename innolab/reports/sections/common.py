"""Helpers the report sections share: names of dimensions as readers see them."""

from __future__ import annotations

import pandas as pd

from ...analysis import criteria as _criteria

__all__ = ["dim_name"]


def dim_name(crit: pd.DataFrame, dim: str, lang: str) -> str:
    """A dimension as a reader sees it: its id and name in the language (``"D2 Networks"``).

    Parameters
    ----------
    crit : pandas.DataFrame
        The criteria set.
    dim : str
        The dimension id.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    names = _criteria.dimensions(crit, lang)
    return f"{dim} {names.get(dim, dim)}"
