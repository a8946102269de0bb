"""The criteria set of an innovative neighbourhood (BRIEF §3) and scoring on it.

:func:`load_criteria` reads the set; :func:`score` scores the assessed areas (criteria,
dimensions, index, rank, stage); :func:`dimension_intervals` gives bootstrap intervals of an
area's dimension profile; :func:`uncertainty` and :func:`sensitivity` say how firm the ranking is
(Monte Carlo and Sobol indices over the analyst's choices); :func:`support_plan` gives the support
that fits an area's weakest dimensions. :func:`self_vs_external` and :func:`item_analysis` live in
:mod:`innolab.analysis.items` and are re-exported here, as are :func:`assessed_waves`
(:mod:`innolab.analysis.assessments`) and :func:`sobol` (:mod:`innolab.stats.sobol`). Results
are codes and numbers; the report layer words them (:mod:`innolab.reports.criteria_text`). The
engine under the scores is :mod:`innolab.analysis.composite`; formulas and choices:
docs/methods.md, "Criteria scores".
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from innolab.analysis import composite
from innolab.analysis.assessments import assessed_waves
from innolab.analysis.composite import (
    AGGREGATIONS,
    DEFAULT_THRESHOLDS,
    FACTORS,
    MATURITY_STAGES,
    NORMALISATIONS,
)
from innolab.analysis.items import item_analysis, self_vs_external
from innolab.data.cache import study_cached
from innolab.data.study import builtin_criteria, read_table
from innolab.errors import InnolabError, ParameterError
from innolab.stats.sobol import sobol

__all__ = [
    "load_criteria", "NORMALISATIONS", "AGGREGATIONS", "DEFAULT_THRESHOLDS", "MATURITY_STAGES",
    "DIMENSION_SUPPORT", "FACTORS", "assessed_waves", "score", "dimension_intervals",
    "self_vs_external", "item_analysis", "uncertainty", "sensitivity", "sobol", "support_plan",
]

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
        return builtin_criteria()
    return read_table(Path(path), "criteria")



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
    composite.check_choice(normalise, NORMALISATIONS, "normalisation")
    composite.check_choice(aggregate, AGGREGATIONS, "aggregation")
    cube = composite.Cube(study, wave, assessor, weights)
    t = composite.check_thresholds(thresholds, cube)
    M, index, index_scale, dims = composite.nominal(cube, normalise, aggregate)
    out = pd.DataFrame({
        "area_id": cube.area_ids, "name": cube.names, "wave": cube.wave, "assessor": assessor,
        "n_respondents": cube.m, "index": index, "rank": composite.ranks(index),
        "index_scale": index_scale,
    })
    codes = composite.stage_codes(index_scale, t)
    out["stage"] = composite.stage_names(codes)
    for j, d in enumerate(cube.dims):
        out[d] = dims[:, j]
    means = pd.DataFrame(M, columns=cube.criterion_ids)
    return pd.concat([out, means], axis=1)


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
    composite.check_choice(aggregate, AGGREGATIONS, "aggregation")
    if not 0 < ci < 1:
        raise ParameterError(f"`ci` must be between 0 and 1, got {ci!r}.")
    n = composite.check_n(n)
    boot = _dimension_bootstrap(study, wave, assessor, n, seed, aggregate, ci, weights)
    rows = []
    for a, area in enumerate(boot["area_ids"]):
        if area_id is not None and area != area_id:
            continue
        for j, d in enumerate(boot["dims"]):
            rows.append({"area_id": area, "wave": boot["wave"], "assessor": assessor,
                         "dimension_id": d, "score": boot["score"][a, j],
                         "ci_low": boot["lo"][a, j], "ci_high": boot["hi"][a, j],
                         "study_mean": boot["study_mean"][j],
                         "n_respondents": int(boot["m"][a])})
    if area_id is not None and not rows:
        study.check_area(area_id)
        raise ParameterError(f"Area {area_id!r} has no {assessor} assessments in wave "
                             f"{boot['wave']}.")
    return pd.DataFrame(rows)


@study_cached(tables=("areas", "waves", "assessments", "criteria"))
def _dimension_bootstrap(study, wave, assessor, n, seed, aggregate, ci, weights) -> dict:
    """The bootstrap of every area's dimension scores behind :func:`dimension_intervals`
    (each area's report shows its own rows: computed once per run)."""
    cube = composite.Cube(study, wave, assessor, weights)
    _, _, _, dims = composite.nominal(cube, "none", aggregate)
    rng = np.random.default_rng(seed)
    lay = composite.draw_layout(cube)
    draws = np.empty((n, *dims.shape))
    for s, e in composite.batches(n, False, ""):
        U = rng.random((e - s, lay["k"]))
        draws[s:e] = composite.evaluate(cube, U, ("none",), (aggregate,), 0.0, True,
                                        want_dims=True)[2]
    q = [(1 - ci) / 2 * 100, (1 + ci) / 2 * 100]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanpercentile(draws, q, axis=0)
        study_mean = np.nanmean(dims, axis=0)
    return {"area_ids": list(cube.area_ids), "dims": list(cube.dims), "wave": cube.wave,
            "m": cube.m, "score": dims, "lo": lo, "hi": hi, "study_mean": study_mean}


@study_cached(tables=("areas", "waves", "assessments", "criteria"))
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
    n = composite.check_n(n)
    normalisations = tuple(composite.check_choice(x, NORMALISATIONS, "normalisation")
                           for x in normalisations)
    aggregations = tuple(composite.check_choice(x, AGGREGATIONS, "aggregation")
                         for x in aggregations)
    if not normalisations or not aggregations:
        raise ParameterError("Give at least one normalisation and one aggregation.")
    if not 0 <= weight_noise < 1:
        raise ParameterError(f"`weight_noise` must be in [0, 1), got {weight_noise!r}.")
    cube = composite.Cube(study, wave, assessor, weights)
    t = composite.check_thresholds(thresholds, cube)
    _, idx0, scale0, _ = composite.nominal(cube, *nominal)
    rank0 = composite.ranks(idx0)
    rng = np.random.default_rng(seed)
    lay = composite.draw_layout(cube)
    A = cube.shape[0]
    ranks = np.empty((n, A))
    stage_counts = np.zeros((A, 3))
    scales = np.empty((n, A))
    for s, e in composite.batches(n, progress, "Monte Carlo"):
        U = rng.random((e - s, lay["k"]))
        index, index_scale, _ = composite.evaluate(cube, U, normalisations, aggregations,
                                                   weight_noise, bootstrap)
        ranks[s:e] = composite.ranks(index)
        scales[s:e] = index_scale
        codes = composite.stage_codes(index_scale, t)
        for c in range(3):
            stage_counts[:, c] += (codes == c).sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r05, rmed, r95 = np.nanpercentile(ranks, [5, 50, 95], axis=0)
        s05, s95 = np.nanpercentile(scales, [5, 95], axis=0)
        shift = np.nanmean(np.abs(ranks - rank0[None, :]), axis=0)
    codes0 = composite.stage_codes(scale0, t)
    out = pd.DataFrame({
        "area_id": cube.area_ids, "name": cube.names, "n_respondents": cube.m,
        "nominal_rank": rank0, "median_rank": rmed, "rank_p05": r05, "rank_p95": r95,
        "mean_abs_rank_shift": shift, "index_scale": scale0, "index_scale_p05": s05,
        "index_scale_p95": s95,
        "stage": composite.stage_names(codes0),
    })
    for c, key in enumerate(MATURITY_STAGES):
        out[f"p_{key}"] = stage_counts[:, c] / n
    out["n_draws"] = n
    return out


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
    normalisations = tuple(composite.check_choice(x, NORMALISATIONS, "normalisation")
                           for x in normalisations)
    aggregations = tuple(composite.check_choice(x, AGGREGATIONS, "aggregation")
                         for x in aggregations)
    if not normalisations or not aggregations:
        raise ParameterError("Give at least one normalisation and one aggregation.")
    if not 0 <= weight_noise < 1:
        raise ParameterError(f"`weight_noise` must be in [0, 1), got {weight_noise!r}.")
    cube = composite.Cube(study, wave, assessor, weights)
    _, idx0, _, _ = composite.nominal(cube, *nominal)
    rank0 = composite.ranks(idx0)
    lay = composite.draw_layout(cube)

    def model(U):
        out = np.empty(U.shape[0])
        step = composite.BATCH
        for s in range(0, U.shape[0], step):
            index = composite.evaluate(cube, U[s:s + step], normalisations, aggregations,
                                       weight_noise, bootstrap)[0]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                shift = np.abs(composite.ranks(index) - rank0[None, :])
                out[s:s + step] = np.nanmean(shift, axis=1)
        return out

    groups = [(name, lay[name].stop - lay[name].start) for name in FACTORS]
    res = sobol(model, groups, n=n, seed=seed, n_boot=n_boot)
    res["target"] = "mean_abs_rank_shift"
    return res


# ---------------------------------------------------------------------------------------------
# Support plan (self vs external and item analysis: innolab.analysis.items)


def support_plan(study, area_id: str, wave: int | None = None, assessor: str = "self",
                 n_weakest: int = 2, thresholds=DEFAULT_THRESHOLDS,
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
    thresholds : tuple of two floats
        Stage thresholds, for the dimension's ``stage``.
    weights : dict, optional
        Criterion weights, as in :func:`score`.

    Returns
    -------
    pandas.DataFrame
        One row per weak dimension and fitting support type: ``area_id, wave, priority,
        dimension_id, score, study_mean, stage, support_type, hours_received, criteria,
        criteria_scores``. ``priority`` 1 is the weakest; ``hours_received`` sums the area's
        support of that type up to the wave (rows without a wave count); ``criteria`` holds
        the criterion ids behind the verdict joined by ``;`` and ``criteria_scores`` the tuple
        of their means, in the same order. Labels (dimension names, support types, criteria
        texts) are the report layer's.
    """
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
    t = composite.check_thresholds(thresholds, composite.Cube(study, w, assessor))
    sup = study.support
    sup = sup[sup["area_id"] == area_id]
    swave = pd.to_numeric(sup["wave"], errors="coerce")
    sup = sup[swave.isna() | (swave <= w)]
    hours = sup.groupby("type")["hours"].sum()
    rows = []
    for priority, (dim, value) in enumerate(weak.items(), start=1):
        ids = crit.loc[crit["dimension_id"] == dim, "criterion_id"].tolist()
        cm = pd.Series({c: row[c] for c in ids}, dtype=float).dropna().sort_values(
            kind="stable")
        behind = cm[cm <= value + 1e-12]
        crit_ids = ";".join(behind.index)
        values = tuple(float(v) for v in behind)
        code = composite.stage_codes(np.array([value]), t)[0]
        for stype in DIMENSION_SUPPORT.get(dim, (None,)):
            rows.append({
                "area_id": area_id, "wave": w, "priority": priority, "dimension_id": dim,
                "score": float(value), "study_mean": float(table[dim].mean()),
                "stage": composite.stage_names([code])[0], "support_type": stype,
                "hours_received": float(hours.get(stype, 0.0)) if stype else np.nan,
                "criteria": crit_ids, "criteria_scores": values,
            })
    plan = pd.DataFrame(rows)
    return plan
