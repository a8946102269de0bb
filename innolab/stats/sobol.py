"""Sobol sensitivity indices of a model of independent uniform inputs (Saltelli / Jansen).

A generic estimator: it knows nothing of a study. :func:`innolab.analysis.criteria.sensitivity`
uses it for the criteria index; formulas in docs/methods.md, "Criteria scores".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.errors import ParameterError

__all__ = ["sobol"]


def sobol(func, groups, n: int = 1024, seed: int = 0, n_boot: int = 200,
          ci: float = 0.95) -> pd.DataFrame:
    """First-order and total Sobol indices of a model of independent uniform inputs.

    Saltelli's design: two base matrices A and B (the halves of one scrambled Sobol' sequence of
    ``n`` points — rounded up to a power of 2 — in 2k dimensions) and, for each group of inputs,
    A with that group's columns from B. First-order index: Saltelli et al. (2010),
    ``S_i = mean(f(B)·(f(AB_i) − f(A))) / V``; total index: Jansen (1999),
    ``ST_i = mean((f(A) − f(AB_i))²) / (2V)``; ``V`` the variance of f over A and B together.
    A group that ``func`` ignores gets exactly 0. Intervals: percentile bootstrap over the ``n``
    rows. If the output never varies, every index is 0.

    Parameters
    ----------
    func : callable
        ``func(U) -> Y``: U an (N, k) array of uniforms on [0, 1), Y an (N,) array.
    groups : int or sequence of (str, int)
        ``k`` single inputs named ``x1`` … ``xk``, or named groups of consecutive columns
        (a group's indices are those of the group as a whole).
    n : int
        Base sample size (the model is evaluated ``n · (groups + 2)`` times).
    seed : int
        Seed of the scrambling and of the bootstrap.
    n_boot : int
        Bootstrap resamples for the intervals (0 = none).
    ci : float
        Coverage of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``factor, S1, S1_low, S1_high, ST, ST_low, ST_high, n``.
    """
    from scipy.stats import qmc

    if isinstance(groups, int | np.integer):
        groups = [(f"x{i + 1}", 1) for i in range(int(groups))]
    groups = [(str(name), int(size)) for name, size in groups]
    if not groups or any(size < 1 for _, size in groups):
        raise ParameterError("`groups` must name at least one group of ≥ 1 input.")
    k = sum(size for _, size in groups)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ParameterError(f"`n` must be a whole number ≥ 2, got {n!r}.")
    n = int(n)
    m = int(np.ceil(np.log2(n)))
    rng = np.random.default_rng(seed)
    if 2 * k <= 21201:
        base = qmc.Sobol(d=2 * k, scramble=True, seed=rng).random_base2(m)
    else:  # pragma: no cover - beyond the direction numbers of scipy's Sobol'
        base = rng.random((2 ** m, 2 * k))
    N = base.shape[0]
    A, B = base[:, :k], base[:, k:]
    blocks = [A, B]
    start = 0
    for _, size in groups:
        AB = A.copy()
        AB[:, start:start + size] = B[:, start:start + size]
        blocks.append(AB)
        start += size
    Y = np.asarray(func(np.vstack(blocks)), dtype=float).reshape(len(blocks), N)
    fA, fB, fAB = Y[0], Y[1], Y[2:]

    def indices(rows):
        a, b, ab = fA[rows], fB[rows], fAB[:, rows]
        V = np.var(np.concatenate([a, b]))
        if not V > 0:
            return np.zeros(len(groups)), np.zeros(len(groups))
        s1 = np.mean(b[None, :] * (ab - a[None, :]), axis=1) / V
        st = np.mean((a[None, :] - ab) ** 2, axis=1) / (2 * V)
        return s1, st

    s1, st = indices(np.arange(N))
    lo1 = hi1 = lot = hit = np.full(len(groups), np.nan)
    if n_boot:
        boot = [indices(rng.integers(0, N, N)) for _ in range(int(n_boot))]
        b1 = np.array([b[0] for b in boot])
        bt = np.array([b[1] for b in boot])
        q = [(1 - ci) / 2 * 100, (1 + ci) / 2 * 100]
        lo1, hi1 = np.percentile(b1, q, axis=0)
        lot, hit = np.percentile(bt, q, axis=0)
    return pd.DataFrame({"factor": [g for g, _ in groups], "S1": s1, "S1_low": lo1,
                         "S1_high": hi1, "ST": st, "ST_low": lot, "ST_high": hit, "n": N})

