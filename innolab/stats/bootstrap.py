"""Bootstrap intervals: the percentile interval of a mean.

One implementation for every report that shows a mean with its uncertainty (the peer-review
workshop's group means, the evidence pack's change of the selected areas).
"""

from __future__ import annotations

import numpy as np

from innolab.errors import ParameterError

__all__ = ["mean_interval"]


def mean_interval(values, n_boot: int = 2000, level: float = 0.90, rng=0,
                  min_n: int = 1) -> tuple[float, float, float]:
    """The mean of ``values`` and a percentile bootstrap interval of it.

    ``n_boot`` resamples of the values with replacement (drawn as one ``(n_boot, n)`` matrix by
    ``rng.choice``); the interval is the ``(1 − level)/2`` and ``1 − (1 − level)/2`` quantiles
    (linear interpolation) of the resample means. Values that are not finite are left out.
    When every value is equal the interval is that value and no random numbers are drawn, so
    that a shared generator gives the same later draws whether or not such groups come first.

    Parameters
    ----------
    values : array-like of float
        The values.
    n_boot : int
        Bootstrap resamples (≥ 1).
    level : float
        Coverage of the interval, between 0 and 1.
    rng : numpy.random.Generator or int or None
        The generator (used and advanced as it is), or a seed for a new one.
    min_n : int
        With fewer finite values than this the interval is NaN (the mean is still given).

    Returns
    -------
    tuple of float
        ``(mean, low, high)``; all NaN without finite values.

    Raises
    ------
    innolab.errors.ParameterError
        For ``level`` outside (0, 1) or ``n_boot`` < 1.

    Examples
    --------
    >>> mean_interval([2.0, 2.0, 2.0])
    (2.0, 2.0, 2.0)
    >>> m, lo, hi = mean_interval([1.0, 2.0, 4.0, 5.0], n_boot=500, rng=1)
    >>> m, lo <= m <= hi
    (3.0, True)
    """
    if not 0 < level < 1:
        raise ParameterError(f"`level` must be between 0 and 1, got {level!r}.")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ParameterError(f"`n_boot` must be a whole number ≥ 1, got {n_boot!r}.")
    v = np.asarray(values, dtype=float).ravel()
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return np.nan, np.nan, np.nan
    m = float(v.mean())
    if len(v) < min_n:
        return m, np.nan, np.nan
    if np.all(v == v[0]):  # nothing varies: every resample mean is the mean
        return m, m, m
    gen = np.random.default_rng(rng)
    means = gen.choice(v, size=(int(n_boot), len(v)), replace=True).mean(axis=1)
    a = (1 - level) / 2
    lo, hi = np.quantile(means, [a, 1 - a])
    return m, float(lo), float(hi)
