"""The criteria set of an innovative neighbourhood (BRIEF §3) and scoring on it."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from innolab.data import vocab
from innolab.data.study import _builtin_criteria, read_table
from innolab.errors import InnolabError, ParameterError
from innolab.stats.reliability import _pairwise_cov

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
    from innolab.reports.texts import t  # FIXME(issue 12): labels belong to the report layer

    return {k: t(f"vocab.scale_anchor.{k}", lang) for k in vocab.SCALE}


# =============================================================================================
# Scoring: composite index, uncertainty, sensitivity, item analysis, support plan.
# Formulas and choices: docs/methods.md, "Criteria scores". Everything below is vectorised over
# Monte Carlo draws: an assessment becomes a cube areas × respondents × criteria, a draw is a row
# of uniforms, and one core function turns a batch of uniform rows into indices.

NORMALISATIONS = ("minmax", "zscore", "rank", "none")
AGGREGATIONS = ("arithmetic", "geometric")
DEFAULT_THRESHOLDS = (2.0, 3.0)

#: The maturity stage of an area on the criteria set (BRIEF §3), with English and Finnish labels.
MATURITY_STAGES = {
    "early": ("early", "varhainen"),
    "developing": ("developing", "kehittyvä"),
    "mature": ("mature", "kypsä"),
}

#: Support types (vocab.SUPPORT_TYPES) that fit a weak dimension, in order (BRIEF §3).
DIMENSION_SUPPORT = {
    "D1": ("community_management", "facilitation"),
    "D2": ("network_skills",),
    "D3": ("communication_it",),
    "D4": ("community_management",),
    "D5": ("facilitation", "project_skills"),
    "D6": ("innovation", "project_skills"),
    "D7": ("communication_it", "innovation"),
}

#: The uncertain choices of :func:`uncertainty` and :func:`sensitivity`, with their labels.
FACTORS = {
    "normalisation": ("Normalisation", "Normalisointi"),
    "aggregation": ("Aggregation", "Aggregointi"),
    "weights": ("Weights", "Painot"),
    "respondents": ("Respondents (bootstrap)", "Vastaajat (bootstrap)"),
}

_GEO_TOP = 100.0  # geometric aggregation works on values mapped to [1, _GEO_TOP]
_BATCH = 1000  # Monte Carlo draws per vectorised batch (fixed: results do not depend on it)

__all__ += [
    "NORMALISATIONS", "AGGREGATIONS", "DEFAULT_THRESHOLDS", "MATURITY_STAGES",
    "DIMENSION_SUPPORT", "FACTORS", "stage_label", "assessed_waves", "score",
    "dimension_intervals", "self_vs_external", "item_analysis", "uncertainty", "sensitivity",
    "sobol", "support_plan",
]


def stage_label(stage: str, lang: str = "en") -> str:
    """The label of a maturity stage (``early``, ``developing``, ``mature``) in a language.

    Parameters
    ----------
    stage : str
        A key of :data:`MATURITY_STAGES`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    vocab.check_lang(lang)
    if stage not in MATURITY_STAGES:
        return str(stage)
    return MATURITY_STAGES[stage][vocab.LANGUAGES.index(lang)]


# ---------------------------------------------------------------------------------------------
# From a study to arrays


def _check_assessor(assessor: str) -> str:
    if assessor not in vocab.ASSESSORS:
        raise ParameterError(f"Unknown assessor {assessor!r}: expected one of "
                             f"{', '.join(vocab.ASSESSORS)}.")
    return assessor


def assessed_waves(study, assessor: str = "self") -> list[int]:
    """The waves in which ``assessor`` gave at least one answer, ascending.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    assessor : {"self", "external", "application"}
        Whose assessments.

    Returns
    -------
    list of int
    """
    _check_assessor(assessor)
    a = study.assessments
    a = a[(a["assessor"] == assessor) & a["score"].notna()]
    return sorted(int(w) for w in a["wave"].unique())


def _pick_wave(study, wave, assessor: str) -> int:
    waves = assessed_waves(study, assessor)
    if wave is None:
        if not waves:
            raise InnolabError(f"Study {study.name!r} has no {assessor} assessments with a "
                               "score.")
        return waves[-1]
    if isinstance(wave, bool) or not isinstance(wave, int | np.integer):
        raise ParameterError(f"`wave` must be a whole number or None, got {wave!r}.")
    if int(wave) not in waves:
        have = ", ".join(map(str, waves)) or "none"
        raise ParameterError(f"Wave {wave} of study {study.name!r} has no {assessor} "
                             f"assessments; waves with {assessor} assessments: {have}.")
    return int(wave)


def _assessment_long(study, wave, assessor: str) -> pd.DataFrame:
    """One wave's answers of one assessor, criteria of the set only, direction −1 reversed."""
    _check_assessor(assessor)
    w = _pick_wave(study, wave, assessor)
    a = study.assessments
    a = a[(a["assessor"] == assessor) & (a["wave"] == w)]
    crit = study.criteria.set_index("criterion_id")
    a = a[a["criterion_id"].isin(crit.index)].copy()
    c = crit.loc[a["criterion_id"]]
    flip = c["direction"].to_numpy() < 0
    score = a["score"].to_numpy(dtype=float)
    lo, hi = c["scale_min"].to_numpy(dtype=float), c["scale_max"].to_numpy(dtype=float)
    a["score"] = np.where(flip, lo + hi - score, score)
    a = a[a.groupby(["area_id", "respondent_id"])["score"].transform("count") > 0]
    return a.reset_index(drop=True)


class _Cube:
    """Areas × respondents × criteria of one wave and assessor, with the set's structure."""

    def __init__(self, study, wave, assessor: str, weights=None):
        long = _assessment_long(study, wave, assessor)
        self.wave = int(long["wave"].iloc[0]) if len(long) else _pick_wave(study, wave,
                                                                           assessor)
        self.assessor = assessor
        crit = study.criteria.reset_index(drop=True)
        self.criteria = crit
        self.criterion_ids = crit["criterion_id"].tolist()
        self.dims = list(dict.fromkeys(crit["dimension_id"]))
        self.dim_of = np.array([self.dims.index(d) for d in crit["dimension_id"]])
        order = [a for a in study.area_ids if a in set(long["area_id"])]
        self.area_ids = order
        names = study.areas.set_index("area_id")["name"]
        self.names = [str(names.get(a, a)) for a in order]
        resp = (long[["area_id", "respondent_id"]].drop_duplicates()
                .groupby("area_id", sort=False)["respondent_id"].apply(list))
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
        self.crit_w, self.dim_w = _weights(crit, self.dims, weights)

    @property
    def shape(self):
        return self.X.shape


def _weights(crit: pd.DataFrame, dims: list[str], weights) -> tuple[np.ndarray, np.ndarray]:
    """Criterion weights (from the set, overridable) and dimension weights (default equal)."""
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


def _criterion_means(cube: _Cube, counts: np.ndarray) -> np.ndarray:
    """(D, A, C) weighted means over respondents; ``counts`` (D, A, R) respondent weights."""
    present = ~np.isnan(cube.X)
    X0 = np.where(present, cube.X, 0.0)
    cw = np.ascontiguousarray(counts.transpose(1, 0, 2))  # (A, D, R)
    num = np.matmul(cw, X0)
    den = np.matmul(cw, present.astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return means.transpose(1, 0, 2)


def _normalise(M: np.ndarray, method: str, cube: _Cube):
    """Normalise (D, A, C) criterion means across areas; returns values and their (lo, hi)."""
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


def _combine(V: np.ndarray, W: np.ndarray, geometric: bool, lo, hi) -> np.ndarray:
    """Weighted arithmetic or geometric mean over the last axis of V with weights W.

    V (D, A, K) with NaN = missing, W (K, J) or (D, K, J). Missing parts are left out and the
    weights of the others renormalised; a result without any present part is NaN. Geometric:
    values are mapped linearly from [lo, hi] to [1, _GEO_TOP], averaged in logs and mapped back,
    so that a zero (the bottom of the range) is a large penalty, not a crash.
    """
    present = ~np.isnan(V)
    P = present.astype(float)
    if geometric:
        span = hi - lo
        G = 1.0 + (_GEO_TOP - 1.0) * (V - lo) / span
        V0 = np.where(present, np.log(np.maximum(G, 1.0)), 0.0)
    else:
        V0 = np.where(present, V, 0.0)
    num = np.matmul(V0, W)
    den = np.matmul(P, W)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    if geometric:
        out = lo + (np.exp(out) - 1.0) * span / (_GEO_TOP - 1.0)
    return out


def _aggregate(N, lo, hi, cube: _Cube, dim_w: np.ndarray, geometric: bool):
    """Criteria → dimensions → index. N (D, A, C); dim_w (D, J). Returns (index, dims)."""
    J = len(cube.dims)
    Wcj = np.zeros((len(cube.criterion_ids), J))
    Wcj[np.arange(len(cube.criterion_ids)), cube.dim_of] = cube.crit_w
    dims = _combine(N, Wcj, geometric, lo, hi)  # (D, A, J)
    index = _combine(dims, dim_w[:, :, None], geometric, lo, hi)[..., 0]
    return index, dims


def _check_choice(value, allowed, what):
    if value not in allowed:
        raise ParameterError(f"Unknown {what} {value!r}: expected one of {', '.join(allowed)}.")
    return value


def _check_thresholds(thresholds, cube: _Cube):
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


def _stage_codes(values: np.ndarray, thresholds) -> np.ndarray:
    """0 early, 1 developing, 2 mature, -1 for NaN."""
    code = np.digitize(values, thresholds)
    return np.where(np.isnan(values), -1, code)


_STAGE_KEYS = list(MATURITY_STAGES)


# ---------------------------------------------------------------------------------------------
# The core of every Monte Carlo: a batch of uniform rows → indices


def _layout(cube: _Cube) -> dict:
    A, R, _ = cube.shape
    J = len(cube.dims)
    return {"normalisation": slice(0, 1), "aggregation": slice(1, 2),
            "weights": slice(2, 2 + J), "respondents": slice(2 + J, 2 + J + A * R),
            "k": 2 + J + A * R}


def _respondent_counts(cube: _Cube, U: np.ndarray | None, D: int) -> np.ndarray:
    """(D, A, R) how often each respondent is drawn; U (D, A·R) uniforms, None = everybody once."""
    A, R, _ = cube.shape
    valid = np.arange(R)[None, :] < cube.m[:, None]  # (A, R)
    if U is None:
        return np.broadcast_to(valid.astype(float), (D, A, R)).copy()
    pick = np.minimum((U.reshape(D, A, R) * cube.m[None, :, None]).astype(np.int64),
                      cube.m[None, :, None] - 1)
    flat = (np.arange(D)[:, None, None] * A + np.arange(A)[None, :, None]) * R + pick
    flat = flat[np.broadcast_to(valid, (D, A, R))]
    return np.bincount(flat, minlength=D * A * R).reshape(D, A, R).astype(float)


def _evaluate(cube: _Cube, U: np.ndarray, normalisations, aggregations, weight_noise: float,
              bootstrap: bool, thresholds=None, want_dims: bool = False):
    """Indices for each row of uniforms U (D, k) laid out as :func:`_layout`.

    Returns (index (D, A), index_scale (D, A), dims_scale (D, A, J) or None).
    """
    lay = _layout(cube)
    D = U.shape[0]
    counts = _respondent_counts(cube, U[:, lay["respondents"]] if bootstrap else None, D)
    M = _criterion_means(cube, counts)
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
        N, lo, hi = _normalise(Ms, "none", cube)
        idx_s, dims_s = _aggregate(N, lo, hi, cube, dim_w[sel_g], geometric)
        index_scale[sel_g] = idx_s
        if want_dims:
            dims_scale[sel_g] = dims_s
        for j, norm in enumerate(normalisations):
            sel = sel_g & (ni == j)
            if not sel.any():
                continue
            N, lo, hi = _normalise(M[sel], norm, cube)
            index[sel] = _aggregate(N, lo, hi, cube, dim_w[sel], geometric)[0]
    return index, index_scale, dims_scale


def _ranks(index: np.ndarray) -> np.ndarray:
    """Rank 1 = highest index, ties share the best rank (R's ties.method = "min"), NaN kept."""
    with np.errstate(invalid="ignore"):
        return stats.rankdata(-index, axis=-1, method="min", nan_policy="omit")


def _nominal(cube: _Cube, normalise: str, aggregate: str):
    """Index, scale index and dimension scores of the nominal choices (no noise, no bootstrap)."""
    counts = _respondent_counts(cube, None, 1)
    M = _criterion_means(cube, counts)
    geometric = aggregate == "geometric"
    dim_w = cube.dim_w[None, :]
    N, lo, hi = _normalise(M, normalise, cube)
    index, _ = _aggregate(N, lo, hi, cube, dim_w, geometric)
    N, lo, hi = _normalise(M, "none", cube)
    index_scale, dims_scale = _aggregate(N, lo, hi, cube, dim_w, geometric)
    return M[0], index[0], index_scale[0], dims_scale[0]


# ---------------------------------------------------------------------------------------------
# Public scoring functions


def score(study, wave: int | None = None, assessor: str = "self", normalise: str = "minmax",
          aggregate: str = "arithmetic", weights: dict | None = None,
          thresholds=DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """Score every assessed area on the criteria set: criteria, dimensions, index, rank, stage.

    Steps (JRC/OECD Handbook 2008; COINr): the criterion mean of an area is the mean over its
    respondents who answered (criteria with ``direction`` −1 reversed on their scale first);
    criterion means are normalised across areas; criteria are aggregated into dimensions with the
    criterion weights, and dimensions into the index with the dimension weights (renormalised
    over what is present: a criterion nobody in an area answered is left out of that area's
    dimension, and a criterion nobody answered at all is left out everywhere). The stage is read
    from ``index_scale``: the same weights and aggregation applied to the criterion means on
    their original scale, so that the thresholds keep the meaning of the 0–4 anchors.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int, optional
        The wave; default the latest wave with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.
    normalise : {"minmax", "zscore", "rank", "none"}
        ``minmax``: (x − min)/(max − min) across areas, 0–1 (0.5 if all areas are equal);
        ``zscore``: (x − mean)/SD across areas (0 if all equal); ``rank``: (rank − 1)/(n − 1) of
        the area among areas (ties averaged); ``none``: the original scale.
    aggregate : {"arithmetic", "geometric"}
        Weighted arithmetic mean, or weighted geometric mean on values mapped linearly onto
        [1, 100] (the bottom of the range, e.g. a 0, maps to 1) and mapped back, so zeros are
        penalised but do not make the index 0 or crash; see docs/methods.md.
    weights : dict, optional
        Dimension id → dimension weight (default all 1) and/or criterion id → criterion weight
        (default the set's ``weight``).
    thresholds : tuple of two floats
        ``index_scale`` below the first is ``early``, from the second on ``mature``, between
        ``developing``. Default (2, 3) on the 0–4 scale (BRIEF §3: early 0–1.x, mature 3–4).

    Returns
    -------
    pandas.DataFrame
        One row per area with assessments, in the order of the areas table. Columns
        ``area_id, name, wave, assessor, n_respondents, index, rank, index_scale, stage``, then one
        column per dimension id (``D1`` …: dimension score on the original scale, same
        aggregation), then one per criterion id (``1.1`` …: the criterion mean on the original
        scale, NaN if nobody in the area answered). ``index`` is on the normalised scale and only
        comparable within this table; ``rank`` 1 is the highest index (ties share the best rank).
    """
    _check_choice(normalise, NORMALISATIONS, "normalisation")
    _check_choice(aggregate, AGGREGATIONS, "aggregation")
    cube = _Cube(study, wave, assessor, weights)
    t = _check_thresholds(thresholds, cube)
    M, index, index_scale, dims = _nominal(cube, normalise, aggregate)
    out = pd.DataFrame({
        "area_id": cube.area_ids, "name": cube.names, "wave": cube.wave, "assessor": assessor,
        "n_respondents": cube.m, "index": index, "rank": _ranks(index),
        "index_scale": index_scale,
    })
    codes = _stage_codes(index_scale, t)
    out["stage"] = [(_STAGE_KEYS[c] if c >= 0 else None) for c in codes]
    for j, d in enumerate(cube.dims):
        out[d] = dims[:, j]
    means = pd.DataFrame(M, columns=cube.criterion_ids)
    return pd.concat([out, means], axis=1)


def _batches(n: int, progress: bool, desc: str):
    starts = range(0, n, _BATCH)
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc=desc, total=len(starts), unit="batch")
    for s in starts:
        yield s, min(s + _BATCH, n)


def dimension_intervals(study, area_id: str | None = None, wave: int | None = None,
                        assessor: str = "self", n: int = 1000, seed: int = 0,
                        aggregate: str = "arithmetic", ci: float = 0.90,
                        weights: dict | None = None) -> pd.DataFrame:
    """Dimension scores with bootstrap intervals over respondents (for the profile figure).

    The respondents of each area are resampled with replacement ``n`` times; each resample gives
    criterion means and dimension scores on the original scale. The interval is the percentile
    interval of those scores.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    area_id : str, optional
        Only this area (the study mean column still uses every area).
    wave : int, optional
        The wave; default the latest with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.
    n : int
        Bootstrap resamples.
    seed : int
        Random seed: the same seed gives the same table.
    aggregate : {"arithmetic", "geometric"}
        Aggregation of criteria into dimensions.
    ci : float
        Coverage of the percentile interval (0.90: 5th–95th percentile).
    weights : dict, optional
        As in :func:`score`.

    Returns
    -------
    pandas.DataFrame
        One row per area and dimension: ``area_id, wave, assessor, dimension_id, score, ci_low,
        ci_high, study_mean, n_respondents``. ``score`` is the nominal dimension score,
        ``study_mean`` the mean of that dimension over all assessed areas. With one respondent
        the interval collapses to the score (there is nothing to resample).
    """
    _check_choice(aggregate, AGGREGATIONS, "aggregation")
    if not 0 < ci < 1:
        raise ParameterError(f"`ci` must be between 0 and 1, got {ci!r}.")
    n = _check_n(n)
    cube = _Cube(study, wave, assessor, weights)
    _, _, _, dims = _nominal(cube, "none", aggregate)
    rng = np.random.default_rng(seed)
    lay = _layout(cube)
    draws = np.empty((n, *dims.shape))
    for s, e in _batches(n, False, ""):
        U = rng.random((e - s, lay["k"]))
        draws[s:e] = _evaluate(cube, U, ("none",), (aggregate,), 0.0, True,
                               want_dims=True)[2]
    q = [(1 - ci) / 2 * 100, (1 + ci) / 2 * 100]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanpercentile(draws, q, axis=0)
        study_mean = np.nanmean(dims, axis=0)
    rows = []
    for a, area in enumerate(cube.area_ids):
        if area_id is not None and area != area_id:
            continue
        for j, d in enumerate(cube.dims):
            rows.append({"area_id": area, "wave": cube.wave, "assessor": assessor,
                         "dimension_id": d, "score": dims[a, j], "ci_low": lo[a, j],
                         "ci_high": hi[a, j], "study_mean": study_mean[j],
                         "n_respondents": int(cube.m[a])})
    if area_id is not None and not rows:
        study.check_area(area_id)
        raise ParameterError(f"Area {area_id!r} has no {assessor} assessments in wave "
                             f"{cube.wave}.")
    return pd.DataFrame(rows)


def _check_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ParameterError(f"`n` must be a whole number ≥ 2, got {n!r}.")
    return int(n)


def uncertainty(study, n: int = 1000, seed: int = 0, wave: int | None = None,
                assessor: str = "self", normalisations=("minmax", "zscore", "rank"),
                aggregations=AGGREGATIONS, weight_noise: float = 0.25, bootstrap: bool = True,
                weights: dict | None = None, thresholds=DEFAULT_THRESHOLDS,
                nominal: tuple = ("minmax", "arithmetic"), progress: bool = False
                ) -> pd.DataFrame:
    """Monte Carlo over the choices a reasonable analyst could make: rank intervals and stages.

    Each of the ``n`` draws picks a normalisation and an aggregation uniformly from the given
    options, multiplies every dimension weight by an independent uniform factor in
    ``[1 − weight_noise, 1 + weight_noise]`` (COINr's weight perturbation), and (``bootstrap``)
    resamples each area's respondents with replacement. Each draw ranks the areas; the stage is
    read from the draw's index on the original scale.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    n : int
        Number of draws.
    seed : int
        Random seed: the same seed gives the same table.
    wave : int, optional
        The wave; default the latest with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.
    normalisations : sequence of str
        Normalisations to draw from (see :func:`score`).
    aggregations : sequence of str
        Aggregations to draw from.
    weight_noise : float
        Relative half-width of the weight perturbation (0 = fixed weights), in [0, 1).
    bootstrap : bool
        Resample respondents within areas.
    weights : dict, optional
        Nominal weights, as in :func:`score`.
    thresholds : tuple of two floats
        Stage thresholds on the original scale, as in :func:`score`.
    nominal : tuple of (str, str)
        The nominal normalisation and aggregation (those of :func:`score`'s defaults).
    progress : bool
        Show a tqdm progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per area: ``area_id, name, n_respondents, nominal_rank, median_rank,
        rank_p05, rank_p95, mean_abs_rank_shift, index_scale, index_scale_p05,
        index_scale_p95, stage, p_early, p_developing, p_mature, n_draws``. Ranks: 1 = best;
        ``rank_p05``–``rank_p95`` is the 5th–95th percentile interval (linear interpolation, R's
        type 7); ``mean_abs_rank_shift`` is the mean of |draw rank − nominal rank| (COINr);
        ``stage`` is the nominal stage and ``p_*`` the share of draws in each stage.
    """
    n = _check_n(n)
    normalisations = tuple(_check_choice(x, NORMALISATIONS, "normalisation")
                           for x in normalisations)
    aggregations = tuple(_check_choice(x, AGGREGATIONS, "aggregation") for x in aggregations)
    if not normalisations or not aggregations:
        raise ParameterError("Give at least one normalisation and one aggregation.")
    if not 0 <= weight_noise < 1:
        raise ParameterError(f"`weight_noise` must be in [0, 1), got {weight_noise!r}.")
    cube = _Cube(study, wave, assessor, weights)
    t = _check_thresholds(thresholds, cube)
    _, idx0, scale0, _ = _nominal(cube, *nominal)
    rank0 = _ranks(idx0)
    rng = np.random.default_rng(seed)
    lay = _layout(cube)
    A = cube.shape[0]
    ranks = np.empty((n, A))
    stage_counts = np.zeros((A, 3))
    scales = np.empty((n, A))
    for s, e in _batches(n, progress, "Monte Carlo"):
        U = rng.random((e - s, lay["k"]))
        index, index_scale, _ = _evaluate(cube, U, normalisations, aggregations, weight_noise,
                                          bootstrap)
        ranks[s:e] = _ranks(index)
        scales[s:e] = index_scale
        codes = _stage_codes(index_scale, t)
        for c in range(3):
            stage_counts[:, c] += (codes == c).sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r05, rmed, r95 = np.nanpercentile(ranks, [5, 50, 95], axis=0)
        s05, s95 = np.nanpercentile(scales, [5, 95], axis=0)
        shift = np.nanmean(np.abs(ranks - rank0[None, :]), axis=0)
    codes0 = _stage_codes(scale0, t)
    out = pd.DataFrame({
        "area_id": cube.area_ids, "name": cube.names, "n_respondents": cube.m,
        "nominal_rank": rank0, "median_rank": rmed, "rank_p05": r05, "rank_p95": r95,
        "mean_abs_rank_shift": shift, "index_scale": scale0, "index_scale_p05": s05,
        "index_scale_p95": s95,
        "stage": [(_STAGE_KEYS[c] if c >= 0 else None) for c in codes0],
    })
    for c, key in enumerate(_STAGE_KEYS):
        out[f"p_{key}"] = stage_counts[:, c] / n
    out["n_draws"] = n
    return out


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
    n = _check_n(n)
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


def sensitivity(study, n: int = 512, seed: int = 0, wave: int | None = None,
                assessor: str = "self", normalisations=("minmax", "zscore", "rank"),
                aggregations=AGGREGATIONS, weight_noise: float = 0.25, bootstrap: bool = True,
                weights: dict | None = None, nominal: tuple = ("minmax", "arithmetic"),
                n_boot: int = 200) -> pd.DataFrame:
    """Sobol indices of each uncertain choice on the mean absolute rank shift (COINr's target).

    The model: one draw of :func:`uncertainty` (normalisation, aggregation, weight noise,
    respondent bootstrap — each one group of uniform inputs), and its output the mean over areas
    of |rank in the draw − nominal rank|. Indices by :func:`sobol`. A choice with one option
    (or ``weight_noise=0``, ``bootstrap=False``) changes nothing and gets indices of exactly 0.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    n : int
        Base sample size (rounded up to a power of 2); the model runs ``6 n`` times.
    seed : int
        Random seed.
    wave, assessor, normalisations, aggregations, weight_noise, bootstrap, weights, nominal
        As in :func:`uncertainty`.
    n_boot : int
        Bootstrap resamples for the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per factor (``normalisation, aggregation, weights, respondents``): ``factor,
        S1, S1_low, S1_high, ST, ST_low, ST_high, n, target`` (``target`` =
        ``"mean_abs_rank_shift"``). Intervals are 95 % percentile bootstrap intervals.
    """
    normalisations = tuple(_check_choice(x, NORMALISATIONS, "normalisation")
                           for x in normalisations)
    aggregations = tuple(_check_choice(x, AGGREGATIONS, "aggregation") for x in aggregations)
    if not normalisations or not aggregations:
        raise ParameterError("Give at least one normalisation and one aggregation.")
    if not 0 <= weight_noise < 1:
        raise ParameterError(f"`weight_noise` must be in [0, 1), got {weight_noise!r}.")
    cube = _Cube(study, wave, assessor, weights)
    _, idx0, _, _ = _nominal(cube, *nominal)
    rank0 = _ranks(idx0)
    lay = _layout(cube)

    def model(U):
        out = np.empty(U.shape[0])
        for s in range(0, U.shape[0], _BATCH):
            index = _evaluate(cube, U[s:s + _BATCH], normalisations, aggregations,
                              weight_noise, bootstrap)[0]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out[s:s + _BATCH] = np.nanmean(np.abs(_ranks(index) - rank0[None, :]), axis=1)
        return out

    groups = [(name, lay[name].stop - lay[name].start) for name in FACTORS]
    res = sobol(model, groups, n=n, seed=seed, n_boot=n_boot)
    res["target"] = "mean_abs_rank_shift"
    return res


# ---------------------------------------------------------------------------------------------
# Self vs external, item analysis, support plan


def self_vs_external(study, wave: int | None = None, threshold: float = 0.5) -> pd.DataFrame:
    """Where an area sees itself differently from the external assessment, per dimension.

    Per area and criterion, the mean of the self-assessment respondents and the mean of the
    external raters; per dimension, the (criterion-weighted) mean of each side over the criteria
    both sides answered, and the gap self − external on the original scale.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int, optional
        The wave; default the latest wave with both self and external assessments.
    threshold : float
        A gap of at least this size (scale points) is a difference worth discussing.

    Returns
    -------
    pandas.DataFrame
        One row per area with both assessments and per dimension, plus ``dimension_id`` ``"all"``
        (all criteria): ``area_id, wave, dimension_id, self, external, gap, abs_gap, direction,
        n_criteria, n_self, n_external``. ``direction`` is ``self_higher`` (gap ≥ threshold),
        ``self_lower`` (gap ≤ −threshold) or ``aligned``.
    """
    if wave is None:
        both = sorted(set(assessed_waves(study, "self")) & set(assessed_waves(study,
                                                                              "external")))
        if not both:
            raise InnolabError(f"Study {study.name!r} has no wave with both self and external "
                               "assessments.")
        wave = both[-1]
    s = _assessment_long(study, wave, "self")
    e = _assessment_long(study, wave, "external")
    crit = study.criteria.set_index("criterion_id")
    ms = s.groupby(["area_id", "criterion_id"])["score"].mean().rename("self")
    me = e.groupby(["area_id", "criterion_id"])["score"].mean().rename("external")
    both = pd.concat([ms, me], axis=1, join="inner").dropna().reset_index()
    if both.empty:
        raise InnolabError(f"No area has both self and external assessments of the same "
                           f"criteria in wave {wave}.")
    both["dimension_id"] = both["criterion_id"].map(crit["dimension_id"])
    both["w"] = both["criterion_id"].map(crit["weight"]).astype(float)
    n_self = s.groupby("area_id")["respondent_id"].nunique()
    n_ext = e.groupby("area_id")["respondent_id"].nunique()
    dims = list(dict.fromkeys(crit["dimension_id"]))
    rows = []
    order = [a for a in study.area_ids if a in set(both["area_id"])]
    for area in order:
        b = both[both["area_id"] == area]
        for dim in [*dims, "all"]:
            sub = b if dim == "all" else b[b["dimension_id"] == dim]
            if sub.empty or sub["w"].sum() <= 0:
                sv = ev = np.nan
            else:
                sv = float(np.average(sub["self"], weights=sub["w"]))
                ev = float(np.average(sub["external"], weights=sub["w"]))
            gap = sv - ev
            direction = ("self_higher" if gap >= threshold else "self_lower"
                         if gap <= -threshold else "aligned" if np.isfinite(gap) else None)
            rows.append({"area_id": area, "wave": int(wave), "dimension_id": dim, "self": sv,
                         "external": ev, "gap": gap, "abs_gap": abs(gap),
                         "direction": direction, "n_criteria": len(sub),
                         "n_self": int(n_self.get(area, 0)),
                         "n_external": int(n_ext.get(area, 0))})
    return pd.DataFrame(rows)


def _icc1_groups(values: np.ndarray, groups: np.ndarray) -> float:
    """ICC(1) of a one-way ANOVA with unequal group sizes (n0 of Snedecor & Cochran)."""
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


def item_analysis(study, wave: int | None = None, assessor: str = "self",
                  min_icc: float = 0.05, min_item_rest: float = 0.3,
                  max_missing: float = 0.2, merge_r: float = 0.85) -> pd.DataFrame:
    """Evidence for keeping, merging or dropping each criterion when the set is crystallised.

    Over the respondents of one wave (rows) and the criteria (columns): how well a criterion
    tells areas apart (SD of the area means; ICC(1) of a one-way ANOVA with areas as groups),
    how well it fits the rest (item–rest correlation, Cronbach's alpha without it, both from the
    pairwise-complete covariance matrix as ``psych::alpha(use="pairwise")``), the most similar
    criterion, and how often it was left unanswered.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int, optional
        The wave; default the latest with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.
    min_icc, min_item_rest, max_missing, merge_r : float
        Thresholds of the flags.

    Returns
    -------
    pandas.DataFrame
        One row per criterion of the set: ``criterion_id, dimension_id, n_answers,
        missing_share, mean, sd, between_area_sd, icc1, item_rest_r, alpha_if_deleted, alpha,
        most_similar, max_r, flags``. ``alpha`` is the whole set's (same on every row).
        ``flags`` joins with ``;``: ``unanswered``, ``often_missing`` (missing_share >
        max_missing), ``low_spread`` (icc1 < min_icc), ``weak_fit`` (item_rest_r <
        min_item_rest), ``raises_alpha`` (alpha_if_deleted > alpha), ``merge_candidate``
        (max_r ≥ merge_r). A criterion nobody answered has NaN statistics and the flag
        ``unanswered``.
    """
    long = _assessment_long(study, wave, assessor)
    w = int(long["wave"].iloc[0])
    crit = study.criteria
    ids = crit["criterion_id"].tolist()
    wide = long.pivot(index=["area_id", "respondent_id"], columns="criterion_id",
                      values="score").reindex(columns=ids)
    X = wide.to_numpy(dtype=float)
    areas = wide.index.get_level_values("area_id").to_numpy()
    n_resp = len(wide)
    answered = (~np.isnan(X)).sum(axis=0)
    usable = answered >= 2
    cov = _pairwise_cov(X[:, usable]) if usable.sum() >= 2 else np.full((0, 0), np.nan)
    from innolab.stats.reliability import _alpha_from_cov

    alpha = _alpha_from_cov(cov) if cov.size else float("nan")
    with np.errstate(invalid="ignore", divide="ignore"):
        sd_u = np.sqrt(np.diag(cov)) if cov.size else np.array([])
        corr = cov / np.outer(sd_u, sd_u) if cov.size else cov
    ucols = np.flatnonzero(usable)
    rows = []
    for k, cid in enumerate(ids):
        x = X[:, k]
        rec = {"criterion_id": cid, "dimension_id": crit["dimension_id"].iloc[k],
               "n_answers": int(answered[k]),
               "missing_share": 1.0 - answered[k] / n_resp if n_resp else np.nan}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            rec["mean"] = float(np.nanmean(x)) if answered[k] else np.nan
            rec["sd"] = float(np.nanstd(x, ddof=1)) if answered[k] >= 2 else np.nan
            area_means = pd.Series(x).groupby(areas).mean()
            rec["between_area_sd"] = float(area_means.std(ddof=1)) if area_means.count() >= 2 \
                else np.nan
        rec["icc1"] = _icc1_groups(x, areas)
        rec.update(item_rest_r=np.nan, alpha_if_deleted=np.nan, most_similar=None,
                   max_r=np.nan)
        if usable[k] and cov.size:
            i = int(np.flatnonzero(ucols == k)[0])
            rest = np.delete(np.arange(len(ucols)), i)
            c_rest = cov[i, rest].sum()
            v_rest = cov[np.ix_(rest, rest)].sum()
            if cov[i, i] > 0 and v_rest > 0:
                rec["item_rest_r"] = float(c_rest / np.sqrt(cov[i, i] * v_rest))
            rec["alpha_if_deleted"] = _alpha_from_cov(cov[np.ix_(rest, rest)])
            r = corr[i, rest]
            if np.isfinite(r).any():
                j = rest[int(np.nanargmax(r))]
                rec["most_similar"] = ids[ucols[j]]
                rec["max_r"] = float(np.nanmax(r))
        flags = []
        if answered[k] == 0:
            flags.append("unanswered")
        elif rec["missing_share"] > max_missing:
            flags.append("often_missing")
        if rec["icc1"] < min_icc:
            flags.append("low_spread")
        if rec["item_rest_r"] < min_item_rest:
            flags.append("weak_fit")
        if rec["alpha_if_deleted"] > alpha:
            flags.append("raises_alpha")
        if rec["max_r"] >= merge_r:
            flags.append("merge_candidate")
        rec["flags"] = ";".join(flags)
        rows.append(rec)
    out = pd.DataFrame(rows)
    out.insert(out.columns.get_loc("item_rest_r") + 2, "alpha", alpha)
    out.insert(2, "wave", w)
    return out


def support_plan(study, area_id: str, wave: int | None = None, assessor: str = "self",
                 n_weakest: int = 2, lang: str = "en", thresholds=DEFAULT_THRESHOLDS,
                 weights: dict | None = None) -> pd.DataFrame:
    """An area's weakest dimensions, the support types that fit them, and the criteria behind.

    The dimensions are ordered by the area's score on the original scale (arithmetic mean of its
    criterion means); the ``n_weakest`` lowest (and any tied with the last of them) get the
    support types of BRIEF §3 (:data:`DIMENSION_SUPPORT`), the weakest first ("weakest
    dimension first", as the Community Readiness Model does). The criteria behind the verdict
    are the dimension's criteria at or below the dimension score, lowest first.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    area_id : str
        The area.
    wave : int, optional
        The wave; default the latest with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.
    n_weakest : int
        How many weakest dimensions.
    lang : {"en", "fi"}
        Language of the ``dimension``, ``support`` and ``criteria_text`` columns.
    thresholds : tuple of two floats
        Stage thresholds, for the dimension's ``stage``.
    weights : dict, optional
        Criterion weights, as in :func:`score`.

    Returns
    -------
    pandas.DataFrame
        One row per weak dimension and fitting support type: ``area_id, wave, priority,
        dimension_id, dimension, score, study_mean, stage, support_type, support,
        hours_received, criteria, criteria_text``. ``priority`` 1 is the weakest;
        ``hours_received`` sums the area's support of that type up to the wave (rows without a
        wave count); ``criteria`` holds criterion ids joined by ``;``.
    """
    vocab.check_lang(lang)
    study.check_area(area_id)
    if isinstance(n_weakest, bool) or not isinstance(n_weakest, int | np.integer) \
            or n_weakest < 1:
        raise ParameterError(f"`n_weakest` must be a whole number ≥ 1, got {n_weakest!r}.")
    table = score(study, wave=wave, assessor=assessor, normalise="none",
                  aggregate="arithmetic", weights=weights, thresholds=thresholds)
    w = int(table["wave"].iloc[0])
    if area_id not in set(table["area_id"]):
        raise ParameterError(f"Area {area_id!r} has no {assessor} assessments in wave {w}; "
                             f"areas assessed then: {', '.join(table['area_id'])}.")
    crit = study.criteria
    dims = list(dict.fromkeys(crit["dimension_id"]))
    row = table.set_index("area_id").loc[area_id]
    scores = pd.Series({d: row[d] for d in dims}, dtype=float).dropna()
    if scores.empty:
        raise InnolabError(f"Area {area_id!r} answered no criterion in wave {w}.")
    scores = scores.sort_values(kind="stable")
    cut = scores.iloc[min(n_weakest, len(scores)) - 1]
    weak = scores[scores <= cut]
    from innolab.reports.texts import label  # FIXME(issue 12): labels belong to the report layer

    names = dimensions(crit, lang)
    t = _check_thresholds(thresholds, _Cube(study, w, assessor))
    sup = study.support
    sup = sup[sup["area_id"] == area_id]
    swave = pd.to_numeric(sup["wave"], errors="coerce")
    sup = sup[swave.isna() | (swave <= w)]
    hours = sup.groupby("type")["hours"].sum()
    ctext = crit.set_index("criterion_id")[f"criterion_{lang}"]
    rows = []
    for priority, (dim, value) in enumerate(weak.items(), start=1):
        ids = crit.loc[crit["dimension_id"] == dim, "criterion_id"].tolist()
        cm = pd.Series({c: row[c] for c in ids}, dtype=float).dropna().sort_values(
            kind="stable")
        behind = cm[cm <= value + 1e-12]
        crit_ids = ";".join(behind.index)
        text = "; ".join(f"{c} {ctext.get(c, '')} ({v:.1f})" for c, v in behind.items())
        code = _stage_codes(np.array([value]), t)[0]
        for stype in DIMENSION_SUPPORT.get(dim, (None,)):
            rows.append({
                "area_id": area_id, "wave": w, "priority": priority, "dimension_id": dim,
                "dimension": names.get(dim, dim), "score": float(value),
                "study_mean": float(table[dim].mean()),
                "stage": _STAGE_KEYS[code] if code >= 0 else None,
                "support_type": stype,
                "support": label("support_type", stype, lang) if stype else None,
                "hours_received": float(hours.get(stype, 0.0)) if stype else np.nan,
                "criteria": crit_ids, "criteria_text": text,
            })
    return pd.DataFrame(rows)
