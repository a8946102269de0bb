"""Agreement and consistency of ratings: Krippendorff's alpha, Cronbach's alpha, ICC, r_wg.

Every statistic here is tested against a published value (``tests/test_reliability.py`` names the
source of each number); the formulas and choices are written out in ``docs/methods.md``,
section "Agreement and reliability".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from innolab.errors import ParameterError

__all__ = ["krippendorff_alpha", "cronbach_alpha", "icc", "icc1_groups", "rwg_j",
           "pairwise_cov", "alpha_from_cov"]

LEVELS = ("nominal", "ordinal", "interval", "ratio")


# ---------------------------------------------------------------------------------------------
# Krippendorff's alpha


def _reliability_matrix(data, unit: str, rater: str, value: str) -> np.ndarray:
    """Raters × units float matrix (NaN = missing) from an array or a long DataFrame."""
    if isinstance(data, pd.DataFrame) and {unit, rater, value} <= set(data.columns):
        if data.duplicated([unit, rater]).any():
            raise ParameterError(
                f"Each ({unit}, {rater}) pair may hold one value; duplicates found.")
        wide = data.pivot(index=rater, columns=unit, values=value)
        return wide.to_numpy(dtype=float)
    try:
        matrix = np.asarray(data, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ParameterError(
            "Reliability data must be numeric: raters × units (NaN for missing) or a long "
            f"DataFrame with columns {unit!r}, {rater!r}, {value!r}.") from exc
    if matrix.ndim != 2:
        raise ParameterError(f"Reliability data must be 2-dimensional (raters × units), "
                             f"got {matrix.ndim} dimension(s).")
    return matrix


def _delta2(level: str, domain: np.ndarray, n_c: np.ndarray) -> np.ndarray:
    """Squared difference function of Krippendorff (2011) between every pair of values."""
    c = domain[:, None]
    k = domain[None, :]
    if level == "nominal":
        return (c != k).astype(float)
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        s = c + k
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(s == 0, 0.0, (c - k) / np.where(s == 0, 1.0, s))
        return d ** 2
    # ordinal: ranks of the values, in the order of the domain
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    i = np.arange(len(domain))
    lo = np.minimum(i[:, None], i[None, :])
    hi = np.maximum(i[:, None], i[None, :])
    between = cum[hi + 1] - cum[lo]  # sum of n_g for g from lo to hi inclusive
    return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2


def krippendorff_alpha(data, level: str = "interval", values=None, *, unit: str = "unit",
                       rater: str = "rater", value: str = "value") -> float:
    """Krippendorff's alpha reliability coefficient, with missing values.

    Computed from the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's
    alpha-reliability": ``alpha = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck``. Units with fewer
    than two values are not pairable and are left out.

    Parameters
    ----------
    data : array-like or pandas.DataFrame
        Either raters × units (rows are raters, columns units, NaN for a missing value) or a long
        DataFrame with the columns named by ``unit``, ``rater`` and ``value``.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement, which chooses the difference function δ².
    values : sequence of float, optional
        The full scale, in its order (for ``ordinal`` the order of ranks). Values that nobody
        used carry no weight in any level; given, it checks that every observed value is on it.
    unit, rater, value : str
        Column names for long input.

    Returns
    -------
    float
        Alpha (1 = perfect agreement, 0 = agreement at chance level, < 0 = systematic
        disagreement). NaN when no unit has two values, or when all pairable values are equal
        (no variation: the expected disagreement is 0 and alpha is undefined).

    Examples
    --------
    >>> krippendorff_alpha([[1, 2, 3], [1, 2, 3]], level="interval")
    1.0
    """
    if level not in LEVELS:
        raise ParameterError(f"Unknown level {level!r}: expected one of {', '.join(LEVELS)}.")
    matrix = _reliability_matrix(data, unit, rater, value)
    observed = ~np.isnan(matrix)
    pairable = observed.sum(axis=0) >= 2
    matrix = matrix[:, pairable]
    observed = observed[:, pairable]
    if values is None:
        domain = np.unique(matrix[observed])
    else:
        domain = np.asarray(list(values), dtype=float)
        if len(np.unique(domain)) != len(domain):
            raise ParameterError("`values` must not repeat a value.")
        off = np.setdiff1d(np.unique(matrix[observed]), domain)
        if len(off):
            raise ParameterError(f"Values {off.tolist()} are not on the given scale "
                                 f"{domain.tolist()}.")
    if matrix.shape[1] == 0 or len(domain) == 0:
        return float("nan")
    index = {v: i for i, v in enumerate(domain.tolist())}
    rows, cols = np.nonzero(observed.T)  # unit, rater
    codes = np.array([index[v] for v in matrix.T[rows, cols].tolist()], dtype=int)
    counts = np.zeros((matrix.shape[1], len(domain)))
    np.add.at(counts, (rows, codes), 1.0)
    m_u = counts.sum(axis=1)
    scaled = counts / (m_u - 1.0)[:, None]
    coincidence = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    d2 = _delta2(level, domain, n_c)
    expected = (np.outer(n_c, n_c) * d2).sum()
    if expected == 0:
        return float("nan")
    return float(1.0 - (n - 1.0) * (coincidence * d2).sum() / expected)


# ---------------------------------------------------------------------------------------------
# Cronbach's alpha


def alpha_from_cov(cov: np.ndarray) -> float:
    """Cronbach's alpha of items from their covariance matrix: k/(k−1) · (1 − tr Σ / ΣΣ).

    Parameters
    ----------
    cov : numpy.ndarray
        (k, k) covariance matrix of the items.

    Returns
    -------
    float
        NaN for fewer than two items or a total variance that is not positive.
    """
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or not np.isfinite(total) or total <= 0:
        return float("nan")
    return float(k / (k - 1.0) * (1.0 - np.trace(cov) / total))


def pairwise_cov(x: np.ndarray) -> np.ndarray:
    """Covariance matrix of the columns of x over pairwise-complete rows (ddof 1).

    As ``psych::alpha(use="pairwise")`` and :meth:`pandas.DataFrame.cov`: each entry uses the
    rows where both columns are present (at least two; NaN otherwise).

    Parameters
    ----------
    x : numpy.ndarray
        (n, k) values, NaN = missing.

    Returns
    -------
    numpy.ndarray
        (k, k).
    """
    return pd.DataFrame(x).cov(min_periods=2).to_numpy()


def cronbach_alpha(items, ci: float = 0.95, missing: str = "listwise") -> pd.DataFrame:
    """Cronbach's alpha with Feldt's confidence interval.

    ``alpha = k/(k−1) · (1 − Σ var(item) / var(total))`` (Cronbach 1951). The interval is
    Feldt's (Feldt, Woodruff & Salih 1987): with ``n`` subjects and ``k`` items,
    ``1 − (1 − alpha) · F_{(1±ci)/2}(n − 1, (n − 1)(k − 1))`` (upper quantile for the lower
    bound), as pingouin and R ``psych::alpha`` report it.

    Parameters
    ----------
    items : array-like or pandas.DataFrame
        Subjects (rows) × items (columns), NaN for a missing answer.
    ci : float
        Confidence level of the interval.
    missing : {"listwise", "pairwise"}
        Deletion rule for missing answers. ``listwise`` (default) drops every subject with a
        missing answer, and ``n`` is the number of complete subjects. ``pairwise`` computes
        alpha as ``psych::alpha(use="pairwise")``: from the covariance matrix of
        :func:`pairwise_cov` over every available answer (each variance over the subjects who
        answered that item, each covariance over those who answered both; a subject who
        answered one item still counts in its variance), and the interval's ``n`` is the
        number of subjects with at least one answer — psych's ``n``, the number of rows, when
        no row is empty. :func:`innolab.analysis.items.item_analysis` computes its alpha the
        same way, so the two agree on the same answers.

    Returns
    -------
    pandas.DataFrame
        One row: ``alpha, ci_low, ci_high, n_subjects, n_items, n_dropped`` (``n_dropped`` =
        subjects left out by the deletion rule). ``alpha`` is NaN when the total score does not
        vary.

    Raises
    ------
    ParameterError
        Fewer than two items, or fewer than two subjects left after deletion.
    """
    x = np.asarray(items, dtype=float)
    if x.ndim != 2:
        raise ParameterError("`items` must be subjects × items (2-dimensional).")
    if not 0 < ci < 1:
        raise ParameterError(f"`ci` must be between 0 and 1, got {ci!r}.")
    k = x.shape[1]
    if k < 2:
        raise ParameterError(f"Cronbach's alpha needs at least two items, got {k}.")
    if missing == "listwise":
        keep = ~np.isnan(x).any(axis=1)
        used = x[keep]
        cov = np.cov(used, rowvar=False, ddof=1) if len(used) >= 2 else None
    elif missing == "pairwise":
        # psych::alpha (R/alpha.R, psych 2.5.3): C <- cov(x, use="pairwise") over all rows, and
        # alpha.ci(alpha, nsub, nvar) with nsub <- dim(x)[1]
        keep = ~np.isnan(x).all(axis=1)
        used = x[keep]
        cov = pairwise_cov(used) if len(used) >= 2 else None
    else:
        raise ParameterError(f"Unknown missing rule {missing!r}: expected 'listwise' or "
                             "'pairwise'.")
    n = len(used)
    if n < 2:
        raise ParameterError(
            f"Cronbach's alpha needs at least two subjects after {missing} deletion of missing "
            f"answers; {n} of {len(x)} left.")
    alpha = alpha_from_cov(cov)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lo = 1.0 - (1.0 - alpha) * stats.f.isf((1.0 - ci) / 2.0, df1, df2)
    hi = 1.0 - (1.0 - alpha) * stats.f.isf((1.0 + ci) / 2.0, df1, df2)
    return pd.DataFrame([{"alpha": alpha, "ci_low": lo, "ci_high": hi, "n_subjects": n,
                          "n_items": k, "n_dropped": len(x) - n}])


# ---------------------------------------------------------------------------------------------
# Intraclass correlation


_ICC_TYPES = [
    ("ICC1", "single rater, absolute agreement, one-way random (Shrout-Fleiss ICC(1,1))"),
    ("ICC2", "single random rater, absolute agreement, two-way random (ICC(2,1))"),
    ("ICC3", "single fixed rater, consistency, two-way mixed (ICC(3,1))"),
    ("ICC1k", "mean of k raters, one-way random (ICC(1,k))"),
    ("ICC2k", "mean of k random raters, two-way random (ICC(2,k))"),
    ("ICC3k", "mean of k fixed raters, two-way mixed (ICC(3,k))"),
]


def icc(data, *, target: str = "target", rater: str = "rater", rating: str = "rating",
        ci: float = 0.95) -> pd.DataFrame:
    """The six intraclass correlations of Shrout & Fleiss (1979) with F tests and intervals.

    Mean squares from the two-way ANOVA of targets × raters; F tests of ICC = 0; confidence
    intervals as in Shrout & Fleiss (1979) and McGraw & Wong (1996) — the same formulas as R
    ``psych::ICC`` (ANOVA version).

    Parameters
    ----------
    data : array-like or pandas.DataFrame
        Targets (rows) × raters (columns), or a long DataFrame with the columns named by
        ``target``, ``rater`` and ``rating``. Targets with a missing rating are dropped
        (complete cases, as ``psych::ICC`` without lmer).
    target, rater, rating : str
        Column names for long input.
    ci : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Six rows ``ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k``; columns ``type, description, icc,
        F, df1, df2, p_value, ci_low, ci_high, n_targets, n_raters``.

    Raises
    ------
    ParameterError
        Fewer than two complete targets or fewer than two raters.
    """
    if isinstance(data, pd.DataFrame) and {target, rater, rating} <= set(data.columns):
        x = data.pivot_table(index=target, columns=rater, values=rating,
                             aggfunc="mean", dropna=False).to_numpy(dtype=float)
    else:
        x = np.asarray(data, dtype=float)
    if x.ndim != 2:
        raise ParameterError("ICC data must be targets × raters (2-dimensional).")
    x = x[~np.isnan(x).any(axis=1)]
    n, k = x.shape
    if n < 2 or k < 2:
        raise ParameterError(f"The ICC needs at least two complete targets and two raters; got "
                             f"{n} complete target(s) and {k} rater(s).")
    gm = x.mean()
    ss_total = ((x - gm) ** 2).sum()
    ss_rows = k * ((x.mean(axis=1) - gm) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - gm) ** 2).sum()
    ss_err = ss_total - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msw = (ss_total - ss_rows) / (n * (k - 1))
    msc = ss_cols / (k - 1)
    mse = ss_err / ((n - 1) * (k - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        icc1 = (msr - msw) / (msr + (k - 1) * msw)
        icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
        icc3 = (msr - mse) / (msr + (k - 1) * mse)
        icc1k = (msr - msw) / msr
        icc2k = (msr - mse) / (msr + (msc - mse) / n)
        icc3k = (msr - mse) / msr
        f1 = msr / msw
        f3 = msr / mse
        a = 1.0 - ci
        df1n, df1d = n - 1, n * (k - 1)
        df3n, df3d = n - 1, (n - 1) * (k - 1)
        f1l = f1 / stats.f.ppf(1 - a / 2, df1n, df1d)
        f1u = f1 * stats.f.ppf(1 - a / 2, df1d, df1n)
        f3l = f3 / stats.f.ppf(1 - a / 2, df3n, df3d)
        f3u = f3 * stats.f.ppf(1 - a / 2, df3d, df3n)
        l1, u1 = (f1l - 1) / (f1l + k - 1), (f1u - 1) / (f1u + k - 1)
        l3, u3 = (f3l - 1) / (f3l + k - 1), (f3u - 1) / (f3u + k - 1)
        # ICC(2,1): Satterthwaite degrees of freedom (McGraw & Wong 1996, as psych::ICC)
        fj = msc / mse
        vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
        vd = (n - 1) * k ** 2 * icc2 ** 2 * fj ** 2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
        v = vn / vd
        fu = stats.f.ppf(1 - a / 2, n - 1, v)
        fl = stats.f.ppf(1 - a / 2, v, n - 1)
        l2 = n * (msr - fu * mse) / (fu * (k * msc + (k * n - k - n) * mse) + n * msr)
        u2 = n * (fl * msr - mse) / (k * msc + (k * n - k - n) * mse + n * fl * msr)
    p1 = stats.f.sf(f1, df1n, df1d)
    p3 = stats.f.sf(f3, df3n, df3d)
    rows = [
        (icc1, f1, df1n, df1d, p1, l1, u1),
        (icc2, f3, df3n, df3d, p3, l2, u2),
        (icc3, f3, df3n, df3d, p3, l3, u3),
        (icc1k, f1, df1n, df1d, p1, 1 - 1 / f1l, 1 - 1 / f1u),
        (icc2k, f3, df3n, df3d, p3, l2 * k / (1 + l2 * (k - 1)), u2 * k / (1 + u2 * (k - 1))),
        (icc3k, f3, df3n, df3d, p3, 1 - 1 / f3l, 1 - 1 / f3u),
    ]
    out = pd.DataFrame(rows, columns=["icc", "F", "df1", "df2", "p_value", "ci_low", "ci_high"])
    out.insert(0, "description", [d for _, d in _ICC_TYPES])
    out.insert(0, "type", [t for t, _ in _ICC_TYPES])
    out["n_targets"] = n
    out["n_raters"] = k
    return out.astype({"df1": float, "df2": float})


# ---------------------------------------------------------------------------------------------
# Within-group agreement


def rwg_j(ratings, scale_min: float = 0.0, scale_max: float = 4.0) -> float:
    """Within-group agreement r_wg(J) of James, Demaree & Wolf (1984) against a uniform null.

    ``r_wg(J) = J (1 − s̄²/σ²_EU) / (J (1 − s̄²/σ²_EU) + s̄²/σ²_EU)``, where ``s̄²`` is the mean
    over the J items of the variance (ddof 1) between respondents and
    ``σ²_EU = (A² − 1)/12`` the variance of a uniform answer over the ``A`` scale points.
    When ``s̄² > σ²_EU`` (more disagreement than random answers) the value is set to 0, as
    LeBreton & Senter (2008) recommend.

    Parameters
    ----------
    ratings : array-like
        Respondents (rows) × items (columns) of one group; NaN for missing. Each item's
        variance uses the respondents who answered it.
    scale_min, scale_max : float
        The scale, whose whole points are the ``A = scale_max − scale_min + 1`` options.

    Returns
    -------
    float
        r_wg(J) in [0, 1]; NaN when no item has two answers (e.g. one respondent).
    """
    x = np.asarray(ratings, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    answered = (~np.isnan(x)).sum(axis=0)
    x = x[:, answered >= 2]
    if x.shape[1] == 0:
        return float("nan")
    s2 = float(np.nanvar(x, axis=0, ddof=1).mean())
    a = scale_max - scale_min + 1.0
    sigma_eu = (a ** 2 - 1.0) / 12.0
    j = x.shape[1]
    ratio = s2 / sigma_eu
    if ratio >= 1.0:
        return 0.0
    return float(j * (1 - ratio) / (j * (1 - ratio) + ratio))


def icc1_groups(values: np.ndarray, groups: np.ndarray) -> float:
    """ICC(1) of a one-way ANOVA with unequal group sizes (n0 of Snedecor & Cochran).

    Parameters
    ----------
    values : numpy.ndarray
        One value per observation, NaN = missing (left out).
    groups : numpy.ndarray
        The group of each observation.

    Returns
    -------
    float
        ``(MSB − MSW) / (MSB + (n0 − 1) MSW)``; NaN with fewer than two groups, no
        within-group degrees of freedom or a denominator that is not positive.
    """
    ok = ~np.isnan(values)
    y, g = values[ok], groups[ok]
    labels, gi = np.unique(g, return_inverse=True)
    G, N = len(labels), len(y)
    if G < 2 or N <= G:
        return float("nan")
    n_g = np.bincount(gi)
    means = np.bincount(gi, weights=y) / n_g
    gm = y.mean()
    msb = (n_g * (means - gm) ** 2).sum() / (G - 1)
    msw = ((y - means[gi]) ** 2).sum() / (N - G)
    n0 = (N - (n_g ** 2).sum() / N) / (G - 1)
    den = msb + (n0 - 1) * msw
    return float((msb - msw) / den) if den > 0 else float("nan")
