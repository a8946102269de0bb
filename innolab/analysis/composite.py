"""The composite-index engine of the criteria scores, vectorised over Monte Carlo draws.

An assessment becomes a :class:`Cube` (areas × respondents × criteria, with the set's weights);
criterion means are normalised across areas (:func:`normalise`), combined into dimensions and the
index (:func:`combine`, :func:`aggregate`) and ranked (:func:`ranks`). A Monte Carlo draw is a
row of uniforms laid out by :func:`draw_layout`, and :func:`evaluate` turns a batch of such rows
into indices, so that the scores, their uncertainty, their sensitivity and the selection of
applicants all run through the same few functions. Stages are codes (:data:`MATURITY_STAGES`,
:func:`stage_codes`); formulas and choices: docs/methods.md, "Criteria scores".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from innolab.analysis.assessments import assessment_long, pick_wave
from innolab.errors import ParameterError

__all__ = [
    "NORMALISATIONS", "AGGREGATIONS", "DEFAULT_THRESHOLDS", "MATURITY_STAGES", "FACTORS",
    "GEO_TOP", "BATCH", "Cube", "criterion_weights", "criterion_means", "normalise", "combine",
    "aggregate", "check_choice", "check_thresholds", "check_n", "stage_codes", "stage_names",
    "draw_layout", "respondent_counts", "evaluate", "ranks", "nominal", "batches",
]

NORMALISATIONS = ("minmax", "zscore", "rank", "none")
AGGREGATIONS = ("arithmetic", "geometric")
DEFAULT_THRESHOLDS = (2.0, 3.0)

#: The maturity stages of an area on the criteria set (BRIEF §3), lowest first; their labels are
#: the catalogue's ``criteria.stage.<code>``.
MATURITY_STAGES = ("early", "developing", "mature")

#: The uncertain choices of the Monte Carlo (groups of a draw's uniforms, in layout order); their
#: labels are the catalogue's ``criteria.factor.<code>``.
FACTORS = ("normalisation", "aggregation", "weights", "respondents")

GEO_TOP = 100.0  # geometric aggregation works on values mapped to [1, GEO_TOP]
BATCH = 1000  # Monte Carlo draws per vectorised batch (fixed: results do not depend on it)


class Cube:
    """Areas × respondents × criteria of one wave and assessor, with the set's structure.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int or None
        The wave (None: the latest with answers by ``assessor``).
    assessor : {"self", "external", "application"}
        Whose assessments.
    weights : dict, optional
        Dimension or criterion weights (see :func:`criterion_weights`).

    Attributes
    ----------
    X : numpy.ndarray
        (A, R, C) scores, NaN where a respondent did not answer (or does not exist).
    wave, assessor, criteria, criterion_ids, dims, dim_of, area_ids, names : various
        The wave, assessor, criteria set, criterion and dimension ids, the dimension index of
        each criterion, and the assessed areas' ids and names (in the areas table's order).
    respondents : list of list of str
        Each area's respondent ids, in the order of the cube's second axis.
    m : numpy.ndarray
        Respondents per area.
    lo, hi : numpy.ndarray
        Each criterion's scale bounds.
    crit_w, dim_w : numpy.ndarray
        Criterion and dimension weights.
    """

    def __init__(self, study, wave, assessor: str, weights=None):
        long = assessment_long(study, wave, assessor)
        self.wave = (int(long["wave"].iloc[0]) if len(long)
                     else pick_wave(study, wave, assessor))
        self.assessor = assessor
        crit = study.criteria.reset_index(drop=True)
        self.criteria = crit
        self.criterion_ids = crit["criterion_id"].tolist()
        self.dims = list(dict.fromkeys(crit["dimension_id"]))
        self.dim_of = np.array([self.dims.index(d) for d in crit["dimension_id"]])
        assessed = set(long["area_id"])
        order = [a for a in study.area_ids if a in assessed]
        self.area_ids = order
        names = study.areas.set_index("area_id")["name"]
        self.names = [str(names.get(a, a)) for a in order]
        resp = (long[["area_id", "respondent_id"]].drop_duplicates()
                .groupby("area_id", sort=False)["respondent_id"].apply(list))
        self.respondents = [list(resp[a]) for a in order]
        self.m = np.array([len(resp[a]) for a in order], dtype=int)
        A, R, C = len(order), int(self.m.max()), len(self.criterion_ids)
        X = np.full((A, R, C), np.nan)
        ai = {a: i for i, a in enumerate(order)}
        ri = {(a, r): j for a in order for j, r in enumerate(resp[a])}
        ci = {c: k for k, c in enumerate(self.criterion_ids)}
        X[long["area_id"].map(ai).to_numpy(),
          [ri[(a, r)] for a, r in zip(long["area_id"], long["respondent_id"], strict=True)],
          long["criterion_id"].map(ci).to_numpy()] = long["score"].to_numpy(dtype=float)
        self.X = X
        self.lo = crit["scale_min"].to_numpy(dtype=float)
        self.hi = crit["scale_max"].to_numpy(dtype=float)
        self.crit_w, self.dim_w = criterion_weights(crit, self.dims, weights)

    @property
    def shape(self):
        """(areas, respondents, criteria) of :attr:`X`."""
        return self.X.shape


def criterion_weights(crit: pd.DataFrame, dims: list[str],
                      weights) -> tuple[np.ndarray, np.ndarray]:
    """Criterion weights (from the set, overridable) and dimension weights (default equal).

    Parameters
    ----------
    crit : pandas.DataFrame
        The criteria set.
    dims : list of str
        Its dimension ids, in order.
    weights : dict or None
        Dimension id or criterion id → weight (≥ 0).

    Returns
    -------
    tuple of numpy.ndarray
        (criterion weights, dimension weights).

    Raises
    ------
    innolab.errors.ParameterError
        For an unknown key, a weight that is not a number ≥ 0, or all dimension weights 0.
    """
    cw = crit["weight"].to_numpy(dtype=float).copy()
    dw = np.ones(len(dims))
    ids = crit["criterion_id"].tolist()
    for key, value in (weights or {}).items():
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ParameterError(f"Weight of {key!r} must be a number, got {value!r}.") from None
        if not np.isfinite(value) or value < 0:
            raise ParameterError(f"Weight of {key!r} must be ≥ 0, got {value!r}.")
        if key in dims:
            dw[dims.index(key)] = value
        elif key in ids:
            cw[ids.index(key)] = value
        else:
            raise ParameterError(f"Unknown weight key {key!r}: expected a dimension id "
                                 f"({', '.join(dims)}) or a criterion id of the set.")
    if dw.sum() <= 0:
        raise ParameterError("At least one dimension needs a weight above 0.")
    return cw, dw


def criterion_means(cube: Cube, counts: np.ndarray) -> np.ndarray:
    """(D, A, C) weighted means over respondents.

    Parameters
    ----------
    cube : Cube
        The assessment.
    counts : numpy.ndarray
        (D, A, R) weight of each respondent in each of D draws (see :func:`respondent_counts`).

    Returns
    -------
    numpy.ndarray
        (D, A, C) criterion means; NaN where nobody with weight answered.
    """
    present = ~np.isnan(cube.X)
    X0 = np.where(present, cube.X, 0.0)
    cw = np.ascontiguousarray(counts.transpose(1, 0, 2))  # (A, D, R)
    num = np.matmul(cw, X0)
    den = np.matmul(cw, present.astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return means.transpose(1, 0, 2)


def normalise(M: np.ndarray, method: str, cube: Cube):
    """Normalise (D, A, C) criterion means across areas.

    Parameters
    ----------
    M : numpy.ndarray
        (D, A, C) criterion means.
    method : {"minmax", "zscore", "rank", "none"}
        The normalisation (see :func:`innolab.analysis.criteria.score`).
    cube : Cube
        The assessment (for the scale of ``none``).

    Returns
    -------
    tuple of numpy.ndarray
        The normalised values and the (lo, hi) of their range, each broadcastable to (D, 1, 1).
    """
    D = M.shape[0]
    ok = ~np.isnan(M)
    with np.errstate(invalid="ignore", divide="ignore", all="ignore"):
        if method == "none":
            lo = np.full((D, 1, 1), cube.lo.min())
            hi = np.full((D, 1, 1), cube.hi.max())
            return M, lo, hi
        if method == "minmax":
            mn = np.nanmin(np.where(ok, M, np.inf), axis=1, keepdims=True)
            mx = np.nanmax(np.where(ok, M, -np.inf), axis=1, keepdims=True)
            span = mx - mn
            N = np.where(span > 0, (M - mn) / np.where(span > 0, span, 1.0), 0.5)
        elif method == "zscore":
            n = ok.sum(axis=1, keepdims=True)
            mu = np.where(ok, M, 0.0).sum(axis=1, keepdims=True) / np.maximum(n, 1)
            var = (np.where(ok, M - mu, 0.0) ** 2).sum(axis=1, keepdims=True) / np.maximum(
                n - 1, 1)
            sd = np.sqrt(var)
            N = np.where(sd > 0, (M - mu) / np.where(sd > 0, sd, 1.0), 0.0)
        elif method == "rank":
            r = stats.rankdata(np.where(ok, M, np.nan), axis=1, method="average",
                               nan_policy="omit")
            n = ok.sum(axis=1, keepdims=True)
            N = np.where(n > 1, (r - 1.0) / np.maximum(n - 1.0, 1.0), 0.5)
        else:  # pragma: no cover - checked by callers
            raise ParameterError(f"Unknown normalisation {method!r}.")
        N = np.where(ok, N, np.nan)
        if method == "zscore":
            lo = np.nanmin(np.where(ok, N, np.inf), axis=(1, 2), keepdims=True)
            hi = np.nanmax(np.where(ok, N, -np.inf), axis=(1, 2), keepdims=True)
            lo = np.where(np.isfinite(lo), lo, 0.0)
            hi = np.where(np.isfinite(hi) & (hi > lo), hi, lo + 1.0)
        else:
            lo, hi = np.zeros((D, 1, 1)), np.ones((D, 1, 1))
    return N, lo, hi


def combine(V: np.ndarray, W: np.ndarray, geometric: bool, lo, hi) -> np.ndarray:
    """Weighted arithmetic or geometric mean over the last axis of V with weights W.

    Missing parts are left out and the weights of the others renormalised; a result without any
    present part is NaN. Geometric: values are mapped linearly from [lo, hi] to [1, GEO_TOP],
    averaged in logs and mapped back, so that a zero (the bottom of the range) is a large
    penalty, not a crash.

    Parameters
    ----------
    V : numpy.ndarray
        (D, A, K) values, NaN = missing.
    W : numpy.ndarray
        (K, J) or (D, K, J) weights.
    geometric : bool
        Geometric instead of arithmetic mean.
    lo, hi : numpy.ndarray
        The range of the values (from :func:`normalise`).

    Returns
    -------
    numpy.ndarray
        (D, A, J).
    """
    present = ~np.isnan(V)
    P = present.astype(float)
    if geometric:
        span = hi - lo
        G = 1.0 + (GEO_TOP - 1.0) * (V - lo) / span
        V0 = np.where(present, np.log(np.maximum(G, 1.0)), 0.0)
    else:
        V0 = np.where(present, V, 0.0)
    num = np.matmul(V0, W)
    den = np.matmul(P, W)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    if geometric:
        out = lo + (np.exp(out) - 1.0) * span / (GEO_TOP - 1.0)
    return out


def aggregate(N, lo, hi, cube: Cube, dim_w: np.ndarray, geometric: bool):
    """Criteria → dimensions → index.

    Parameters
    ----------
    N : numpy.ndarray
        (D, A, C) normalised criterion means.
    lo, hi : numpy.ndarray
        Their range (from :func:`normalise`).
    cube : Cube
        The assessment (criterion weights, dimension of each criterion).
    dim_w : numpy.ndarray
        (D, J) dimension weights.
    geometric : bool
        Geometric instead of arithmetic means.

    Returns
    -------
    tuple of numpy.ndarray
        (index (D, A), dimension scores (D, A, J)).
    """
    J = len(cube.dims)
    Wcj = np.zeros((len(cube.criterion_ids), J))
    Wcj[np.arange(len(cube.criterion_ids)), cube.dim_of] = cube.crit_w
    dims = combine(N, Wcj, geometric, lo, hi)  # (D, A, J)
    index = combine(dims, dim_w[:, :, None], geometric, lo, hi)[..., 0]
    return index, dims


def check_choice(value, allowed, what):
    """Check that ``value`` is one of ``allowed``; ``what`` names it in the error.

    Parameters
    ----------
    value : str
        The choice.
    allowed : sequence of str
        The options.
    what : str
        What is chosen (``"normalisation"``, ``"aggregation"``).

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    innolab.errors.ParameterError
        When ``value`` is not allowed.
    """
    if value not in allowed:
        raise ParameterError(f"Unknown {what} {value!r}: expected one of {', '.join(allowed)}.")
    return value


def check_thresholds(thresholds, cube: Cube):
    """Check two increasing stage thresholds inside the criteria scale.

    Parameters
    ----------
    thresholds : sequence of two floats
        Below the first ``early``, from the second on ``mature``.
    cube : Cube
        The assessment (for the scale).

    Returns
    -------
    tuple of float

    Raises
    ------
    innolab.errors.ParameterError
        When they are not two increasing numbers inside the scale.
    """
    try:
        t = tuple(float(x) for x in thresholds)
    except (TypeError, ValueError):
        raise ParameterError(f"`thresholds` must be two numbers, got {thresholds!r}.") from None
    if len(t) != 2 or not t[0] < t[1]:
        raise ParameterError(f"`thresholds` must be two increasing numbers (early below the "
                             f"first, mature from the second), got {thresholds!r}.")
    lo, hi = cube.lo.min(), cube.hi.max()
    if not (lo < t[0] and t[1] <= hi):
        raise ParameterError(f"`thresholds` {t} must lie inside the scale {lo:g}–{hi:g}.")
    return t


def stage_codes(values: np.ndarray, thresholds) -> np.ndarray:
    """The stage of each value as an index into :data:`MATURITY_STAGES`.

    Parameters
    ----------
    values : numpy.ndarray
        Index values on the original scale.
    thresholds : tuple of two floats
        Checked thresholds (:func:`check_thresholds`).

    Returns
    -------
    numpy.ndarray of int
        0 early, 1 developing, 2 mature, −1 for NaN.
    """
    code = np.digitize(values, thresholds)
    return np.where(np.isnan(values), -1, code)


def stage_names(codes) -> list:
    """Stage codes of :func:`stage_codes` as stage names (``"early"`` …), None for −1.

    Parameters
    ----------
    codes : array-like of int
        Output of :func:`stage_codes`.

    Returns
    -------
    list of str or None
    """
    return [(MATURITY_STAGES[c] if c >= 0 else None) for c in codes]


# ---------------------------------------------------------------------------------------------
# The core of every Monte Carlo: a batch of uniform rows → indices


def draw_layout(cube: Cube) -> dict:
    """Which columns of a draw's uniforms drive which choice (the groups of :data:`FACTORS`).

    Parameters
    ----------
    cube : Cube
        The assessment.

    Returns
    -------
    dict
        Factor name → slice of columns, and ``"k"`` → the number of columns.
    """
    A, R, _ = cube.shape
    J = len(cube.dims)
    return {"normalisation": slice(0, 1), "aggregation": slice(1, 2),
            "weights": slice(2, 2 + J), "respondents": slice(2 + J, 2 + J + A * R),
            "k": 2 + J + A * R}


def respondent_counts(cube: Cube, U: np.ndarray | None, D: int) -> np.ndarray:
    """(D, A, R) how often each respondent is drawn in a bootstrap within areas.

    Parameters
    ----------
    cube : Cube
        The assessment.
    U : numpy.ndarray or None
        (D, A·R) uniforms; None = everybody once.
    D : int
        Number of draws.

    Returns
    -------
    numpy.ndarray
    """
    A, R, _ = cube.shape
    valid = np.arange(R)[None, :] < cube.m[:, None]  # (A, R)
    if U is None:
        return np.broadcast_to(valid.astype(float), (D, A, R)).copy()
    pick = np.minimum((U.reshape(D, A, R) * cube.m[None, :, None]).astype(np.int64),
                      cube.m[None, :, None] - 1)
    flat = (np.arange(D)[:, None, None] * A + np.arange(A)[None, :, None]) * R + pick
    flat = flat[np.broadcast_to(valid, (D, A, R))]
    return np.bincount(flat, minlength=D * A * R).reshape(D, A, R).astype(float)


def evaluate(cube: Cube, U: np.ndarray, normalisations, aggregations, weight_noise: float,
             bootstrap: bool, want_dims: bool = False):
    """Indices for each row of uniforms U (D, k) laid out as :func:`draw_layout`.

    Parameters
    ----------
    cube : Cube
        The assessment.
    U : numpy.ndarray
        (D, k) uniforms on [0, 1).
    normalisations, aggregations : sequence of str
        The options a draw picks from.
    weight_noise : float
        Relative half-width of the dimension-weight noise.
    bootstrap : bool
        Resample respondents within areas.
    want_dims : bool
        Also return the dimension scores on the original scale.

    Returns
    -------
    tuple
        (index (D, A), index_scale (D, A), dims_scale (D, A, J) or None).
    """
    lay = draw_layout(cube)
    D = U.shape[0]
    counts = respondent_counts(cube, U[:, lay["respondents"]] if bootstrap else None, D)
    M = criterion_means(cube, counts)
    ni = np.minimum((U[:, 0] * len(normalisations)).astype(int), len(normalisations) - 1)
    gi = np.minimum((U[:, 1] * len(aggregations)).astype(int), len(aggregations) - 1)
    mult = 1.0 + weight_noise * (2.0 * U[:, lay["weights"]] - 1.0)
    dim_w = cube.dim_w[None, :] * mult
    index = np.full((D, cube.shape[0]), np.nan)
    index_scale = np.full_like(index, np.nan)
    dims_scale = np.full((D, cube.shape[0], len(cube.dims)), np.nan) if want_dims else None
    for g, agg in enumerate(aggregations):
        sel_g = gi == g
        if not sel_g.any():
            continue
        geometric = agg == "geometric"
        Ms = M[sel_g]
        N, lo, hi = normalise(Ms, "none", cube)
        idx_s, dims_s = aggregate(N, lo, hi, cube, dim_w[sel_g], geometric)
        index_scale[sel_g] = idx_s
        if want_dims:
            dims_scale[sel_g] = dims_s
        for j, norm in enumerate(normalisations):
            sel = sel_g & (ni == j)
            if not sel.any():
                continue
            N, lo, hi = normalise(M[sel], norm, cube)
            index[sel] = aggregate(N, lo, hi, cube, dim_w[sel], geometric)[0]
    return index, index_scale, dims_scale


def ranks(index: np.ndarray) -> np.ndarray:
    """Rank 1 = highest index, ties share the best rank (R's ties.method = "min"), NaN kept.

    Parameters
    ----------
    index : numpy.ndarray
        Indices over the last axis.

    Returns
    -------
    numpy.ndarray
    """
    with np.errstate(invalid="ignore"):
        return stats.rankdata(-index, axis=-1, method="min", nan_policy="omit")


def nominal(cube: Cube, normalisation: str, aggregation: str):
    """Index, scale index and dimension scores of the nominal choices (no noise, no bootstrap).

    Parameters
    ----------
    cube : Cube
        The assessment.
    normalisation : str
        One of :data:`NORMALISATIONS`.
    aggregation : str
        One of :data:`AGGREGATIONS`.

    Returns
    -------
    tuple of numpy.ndarray
        (criterion means (A, C), index (A,), index on the original scale (A,), dimension scores
        on the original scale (A, J)).
    """
    counts = respondent_counts(cube, None, 1)
    M = criterion_means(cube, counts)
    geometric = aggregation == "geometric"
    dim_w = cube.dim_w[None, :]
    N, lo, hi = normalise(M, normalisation, cube)
    index, _ = aggregate(N, lo, hi, cube, dim_w, geometric)
    N, lo, hi = normalise(M, "none", cube)
    index_scale, dims_scale = aggregate(N, lo, hi, cube, dim_w, geometric)
    return M[0], index[0], index_scale[0], dims_scale[0]


def batches(n: int, progress: bool, desc: str):
    """(start, stop) of the batches of :data:`BATCH` draws, with an optional progress bar.

    Parameters
    ----------
    n : int
        Number of draws.
    progress : bool
        Show a tqdm progress bar.
    desc : str
        Its label (for analysts at the console).

    Yields
    ------
    tuple of int
    """
    starts = range(0, n, BATCH)
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc=desc, total=len(starts), unit="batch")
    for s in starts:
        yield s, min(s + BATCH, n)



def check_n(n) -> int:
    """Check a number of draws: a whole number ≥ 2.

    Parameters
    ----------
    n : int
        The number.

    Returns
    -------
    int

    Raises
    ------
    innolab.errors.ParameterError
        Otherwise.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ParameterError(f"`n` must be a whole number ≥ 2, got {n!r}.")
    return int(n)


