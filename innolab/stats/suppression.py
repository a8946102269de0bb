"""Small-cell suppression: counts of individuals that could point at a person are not shown.

Statistical disclosure control for shared outputs: a count of 1 … threshold − 1 people is shown as
``"<threshold"``, and where a total is shown elsewhere, the smallest other part of a row with one
suppressed part is hidden too (secondary suppression), so that it cannot be had by subtraction.
Counts of organisations are never suppressed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["HIDDEN", "suppressed", "suppress_counts"]


#: How a count hidden by secondary suppression is shown (:func:`suppress_counts`).
HIDDEN = "x"


def suppressed(value, threshold: int = 5):
    """A count of individuals as it may be shown: ``"<5"`` for 1 … threshold − 1, else the count.

    Small-cell suppression (statistical disclosure control): a count of 1–4 people could point
    at someone, so it is shown as ``"<threshold"``. Zero and NA are shown as they are: they
    identify nobody. Counts of organisations are never suppressed.

    Parameters
    ----------
    value : int or NA
        The count.
    threshold : int
        Counts below it (and above zero) are suppressed; default 5.

    Returns
    -------
    int, str or NA

    Examples
    --------
    >>> [suppressed(v) for v in (0, 3, 5, 12)]
    [0, '<5', 5, 12]
    """
    if value is None or pd.isna(value):
        return value
    v = int(value)
    return f"<{threshold}" if 0 < v < threshold else v


def suppress_counts(table: pd.DataFrame, columns, threshold: int = 5,
                    secondary: bool = False) -> pd.DataFrame:
    """Suppress small counts of individuals in ``columns`` of a table (see :func:`suppressed`).

    Parameters
    ----------
    table : pandas.DataFrame
        The table.
    columns : list of str
        The columns holding counts of individuals.
    threshold : int
        Counts from 1 to ``threshold − 1`` become ``"<threshold"``.
    secondary : bool
        The columns are the parts of a total shown elsewhere: in a row where exactly one part is
        suppressed, the smallest other non-zero part is hidden too (shown as :data:`HIDDEN`,
        ``"x"``), so that the suppressed count cannot be had by subtraction.

    Returns
    -------
    pandas.DataFrame
        A copy; the count columns hold integers, NA, ``"<threshold"`` or :data:`HIDDEN`
        strings (dtype object).
    """
    out = table.copy()
    cols = list(columns)
    for c in cols:
        out[c] = pd.Series([suppressed(v, threshold) for v in table[c]], index=out.index,
                           dtype=object)
    if secondary and len(cols) > 1:
        mark = f"<{threshold}"
        for i in range(len(out)):
            row = out.iloc[i][cols]
            hidden = [c for c in cols if isinstance(row[c], str) and row[c] == mark]
            if len(hidden) != 1:
                continue
            shown = {c: row[c] for c in cols if isinstance(row[c], int | np.integer) and
                     row[c] > 0}
            if shown:
                c = min(shown, key=shown.get)
                out.iat[i, out.columns.get_loc(c)] = HIDDEN
    return out
