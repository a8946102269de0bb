"""Support and change: a simple dimension score per area and wave, and support hours set beside
the change in active actors and scores that followed, with cluster-bootstrap associations.

These are associations across areas and waves, not effects of support; the result says so with
the code :data:`ASSOCIATION_NOTE`, which the report layer words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from innolab.analysis.criteria import DIMENSION_SUPPORT
from innolab.analysis.mobilisation.notes import Note
from innolab.analysis.profile import active_actors
from innolab.data import vocab
from innolab.data.cache import study_cached
from innolab.data.study import Study
from innolab.errors import ParameterError

__all__ = ["SUPPORT_FOR_DIMENSION", "ASSOCIATION_NOTE", "dimension_means", "SupportChange",
           "support_vs_change"]

# BRIEF §3: the support that fits a weak dimension (one table, kept in innolab.analysis.criteria).
SUPPORT_FOR_DIMENSION = DIMENSION_SUPPORT

# The catalogue key of the plain statement that the associations are not effects of support.
ASSOCIATION_NOTE = "mobilisation.support.caution"


def dimension_means(study: Study, assessor: str = "self") -> pd.DataFrame:
    """A simple dimension score: the mean of an assessor's scores by area, wave and dimension.

    Scores are joined to ``study.criteria`` on ``criterion_id``; a criterion with direction −1 is
    reversed on its scale (``scale_min + scale_max − score``); unanswered scores are left out; the
    mean is over every respondent and criterion of the dimension, unweighted. (The default score
    source of :func:`support_vs_change`; ``innolab.criteria`` may offer a fuller one.)

    Parameters
    ----------
    study : Study
        The study.
    assessor : {"self", "external", "application"}
        Whose scores.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, dimension_id, score, n`` (n: scores averaged); only
        combinations with at least one score.
    """
    if assessor not in vocab.ASSESSORS:
        raise ParameterError(f"Unknown assessor {assessor!r}: expected one of "
                             f"{', '.join(vocab.ASSESSORS)}.")
    a = study.assessments
    a = a[(a["assessor"] == assessor) & a["score"].notna()]
    crit = study.criteria[["criterion_id", "dimension_id", "scale_min", "scale_max", "direction"]]
    a = a.merge(crit, on="criterion_id", how="inner")
    score = a["score"].where(a["direction"] >= 0, a["scale_min"] + a["scale_max"] - a["score"])
    a = a.assign(score=score.astype(float))
    out = (a.groupby(["area_id", "wave", "dimension_id"], as_index=False)
           .agg(score=("score", "mean"), n=("score", "size")))
    out["wave"] = out["wave"].astype("int64")
    return out.sort_values(["area_id", "wave", "dimension_id"], ignore_index=True)


@dataclass
class SupportChange:
    """Support hours beside the change that followed, and their bootstrap associations.

    Attributes
    ----------
    panel : pandas.DataFrame
        One row per area and change between consecutive waves: ``area_id, role``, ``wave`` (the
        wave whose support is shown), ``change_from, change_to`` (the waves of the change),
        ``hours`` (all support in the wave), ``hours_<type>`` for every support type,
        ``active_before, active_after, active_change``, and ``<dimension>_change`` for every
        dimension with scores (NaN where the area lacks a score in either wave).
    associations : pandas.DataFrame
        One row per predictor × outcome: ``predictor`` (``hours`` or ``hours_<type>``),
        ``outcome`` (``active_change`` or ``<dimension>_change``), ``fits_dimension`` (the support
        type is one BRIEF §3 names for that dimension), ``n`` (area-waves used), ``n_areas``,
        ``slope`` (change per hour of support, least squares), ``slope_lower, slope_upper``,
        ``r`` (Pearson), ``r_lower, r_upper`` (percentile bootstrap over areas), ``n_boot``
        (resamples with a defined value), ``n_defined`` (resamples in which the slope was defined,
        counted before too few of them led to none being used), ``note`` ("" or the code of
        why a value is missing: ``mobilisation.assoc.too_few`` (values: ``n``),
        ``…no_support_variation``, ``…no_outcome_variation``, ``…one_area``,
        ``…few_resamples`` (values: ``n_defined``, ``n_boot`` of the settings)).
    level, n_boot, seed, lag : float, int, int, int
        The settings used.
    notes : list of Note
        Data left out or placed (``mobilisation.support.placed``, ``…not_placed``, each with
        the ``count`` of support rows; ``…one_wave`` when there is no change at all).
    caution : str
        The catalogue key of the plain statement that these are associations, not effects
        (:data:`ASSOCIATION_NOTE`).
    """

    panel: pd.DataFrame
    associations: pd.DataFrame
    level: float
    n_boot: int
    seed: int
    lag: int
    notes: list = field(default_factory=list)
    caution: str = ASSOCIATION_NOTE


def _support_with_waves(study: Study, notes: list) -> pd.DataFrame:
    s = study.support.copy()
    if s.empty:
        return s.assign(wave=pd.Series([], dtype="int64"))
    missing = s["wave"].isna()
    if missing.any():
        dates = study.waves.dropna(subset=["date"]).sort_values("date")
        placed = 0
        if len(dates):
            idx = np.searchsorted(dates["date"].to_numpy(), s.loc[missing, "date"].to_numpy(),
                                  side="left")
            ok = idx < len(dates)
            w = np.where(ok, dates["wave"].to_numpy()[np.minimum(idx, len(dates) - 1)], -1)
            s.loc[missing, "wave"] = np.where(ok, w, np.nan)
            placed = int(ok.sum())
        lost = int(missing.sum()) - placed
        if placed:
            notes.append(Note("mobilisation.support.placed", {"count": placed}))
        if lost:
            notes.append(Note("mobilisation.support.not_placed", {"count": lost}))
        s = s[s["wave"].notna()]
    s["wave"] = s["wave"].astype("int64")
    return s


def _weighted_slope_r(w: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Least-squares slopes and Pearson r of y on each column of x, for each row of weights w.

    w: (B, n) row weights (0 leaves a row out); x: (n, P); y: (n,) finite where w > 0.
    Returns slope, r: (B, P), NaN where fewer than 3 rows carry weight or x (or, for r, y) does
    not vary.
    """
    y = np.where(w.any(axis=0), y, 0.0)
    sw = w.sum(axis=1)[:, None]
    safe = np.where(sw > 0, sw, 1.0)
    mx, my = (w @ x) / safe, (w @ y)[:, None] / safe
    sxx = w @ (x * x) - sw * mx**2
    sxy = w @ (x * y[:, None]) - sw * mx * my
    syy = (w @ (y * y))[:, None] - sw * my**2
    x_var = sxx > 1e-12 * np.maximum(w @ (x * x), 1e-300)
    y_var = syy > 1e-12 * np.maximum((w @ (y * y))[:, None], 1e-300)
    enough = (w > 0).sum(axis=1)[:, None] >= 3
    with np.errstate(all="ignore"):
        slope = np.where(enough & x_var, sxy / sxx, np.nan)
        r = np.where(enough & x_var & y_var, sxy / np.sqrt(sxx * syy), np.nan)
    return slope, r


def support_vs_change(study: Study, *, scores: Callable[[Study], pd.DataFrame] | None = None,
                      lag: int = 0, n_boot: int = 2000, seed: int = 0,
                      level: float = 0.95) -> SupportChange:
    """Support hours per area and wave beside the change in active actors and scores that followed.

    Support recorded in wave w was given in the period that ends with wave w's observation, so
    with ``lag=0`` it is set beside the change from the previous wave w⁻ to w; ``lag=1`` sets it
    beside the change from w to the next wave. Every area appears in every such wave (zero hours
    where no support was given). Associations are least-squares slopes (change per hour) and
    Pearson correlations over area-waves, with percentile intervals from a **cluster bootstrap
    over areas** (areas resampled with replacement, all their waves kept), seeded.

    These are **associations, not effects**: support was not given at random (see
    ``SupportChange.caution``).

    Parameters
    ----------
    study : Study
        The study.
    scores : callable, optional
        ``scores(study)`` returns columns ``area_id, wave, dimension_id, score``; default
        :func:`dimension_means` of the self-assessments.
    lag : {0, 1}
        Which change goes with a wave's support (see above).
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the resampling: the same seed gives the same intervals.
    level : float
        Confidence level of the intervals.

    Returns
    -------
    SupportChange
    """
    if lag not in (0, 1):
        raise ParameterError(f"lag must be 0 or 1, got {lag!r}.")
    if n_boot < 1:
        raise ParameterError(f"n_boot must be at least 1, got {n_boot!r}.")
    if not 0 < level < 1:
        raise ParameterError(f"level must be between 0 and 1, got {level!r}.")
    if scores is None:  # the same for every area's report: computed once per run
        return _default_scores(study, lag=lag, n_boot=n_boot, seed=seed, level=level)
    return _support_vs_change(study, scores, lag, n_boot, seed, level)


#: What :func:`support_vs_change` with its default scores reads.
_TABLES = ("areas", "waves", "support", "participation", "events", "ties", "actors",
           "assessments", "criteria")


@study_cached(tables=_TABLES)
def _default_scores(study: Study, lag: int, n_boot: int, seed: int,
                    level: float) -> SupportChange:
    return _support_vs_change(study, None, lag, n_boot, seed, level)


def _support_vs_change(study, scores, lag, n_boot, seed, level) -> SupportChange:
    notes: list[Note] = []
    waves = study.wave_ids
    areas = study.areas[["area_id", "role"]]
    # the change from wave a to wave b, and the support wave it goes with
    pairs = [(waves[i - 1], waves[i], waves[i] if lag == 0 else waves[i - 1])
             for i in range(1, len(waves))]
    support_types = list(vocab.SUPPORT_TYPES)
    s = _support_with_waves(study, notes)
    hours = (s.pivot_table(index=["area_id", "wave"], columns="type", values="hours",
                           aggfunc="sum") if len(s) else pd.DataFrame())
    hours = hours.reindex(columns=support_types).fillna(0.0) if len(hours) else hours
    act = active_actors(study).groupby(["area_id", "wave"]).size()
    sc = (scores or dimension_means)(study)
    dims = sorted(sc["dimension_id"].unique()) if len(sc) else []
    sc = sc.set_index(["area_id", "wave", "dimension_id"])["score"] if len(sc) else sc
    rows = []
    for area_id, role in areas.itertuples(index=False):
        for before, after, sw in pairs:
            row = {"area_id": area_id, "role": role, "wave": sw, "change_from": before,
                   "change_to": after}
            for st in support_types:
                key = (area_id, sw)
                row[f"hours_{st}"] = float(hours.loc[key, st]) if key in hours.index else 0.0
            row["hours"] = sum(row[f"hours_{st}"] for st in support_types)
            a0, a1 = int(act.get((area_id, before), 0)), int(act.get((area_id, after), 0))
            row.update(active_before=a0, active_after=a1, active_change=a1 - a0)
            for d in dims:
                v0, v1 = sc.get((area_id, before, d), np.nan), sc.get((area_id, after, d), np.nan)
                row[f"{d}_change"] = float(v1 - v0)
            rows.append(row)
    cols = (["area_id", "role", "wave", "change_from", "change_to", "hours"]
            + [f"hours_{st}" for st in support_types]
            + ["active_before", "active_after", "active_change"] + [f"{d}_change" for d in dims])
    panel = pd.DataFrame(rows, columns=cols)
    for c in ("wave", "change_from", "change_to", "active_before", "active_after",
              "active_change"):
        panel[c] = panel[c].astype("int64")
    if not pairs:
        notes.append(Note("mobilisation.support.one_wave"))
    assoc = _associations(panel, support_types, dims, n_boot, seed, level)
    return SupportChange(panel=panel, associations=assoc, level=level, n_boot=n_boot, seed=seed,
                         lag=lag, notes=notes)


def _associations(panel, support_types, dims, n_boot, seed, level) -> pd.DataFrame:
    predictors = ["hours"] + [f"hours_{st}" for st in support_types]
    outcomes = ["active_change"] + [f"{d}_change" for d in dims]
    cols = ["predictor", "outcome", "fits_dimension", "n", "n_areas", "slope", "slope_lower",
            "slope_upper", "r", "r_lower", "r_upper", "n_boot", "n_defined", "note"]
    area_codes = panel["area_id"].to_numpy()
    uniq, row_area = np.unique(area_codes, return_inverse=True)
    x = panel[predictors].to_numpy(dtype=float)
    # cluster bootstrap: draw areas with replacement; a row's weight is how often its area came
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, max(len(uniq), 1), size=(n_boot, len(uniq)))
    area_counts = np.zeros((n_boot, len(uniq)))
    np.add.at(area_counts, (np.repeat(np.arange(n_boot), len(uniq)), drawn.ravel()), 1.0)
    counts = area_counts[:, row_area] if len(panel) else np.zeros((n_boot, 0))
    alpha = (1 - level) / 2
    rows = []
    for out_col in outcomes:
        y = panel[out_col].to_numpy(dtype=float)
        ok = np.isfinite(y).astype(float)
        slope, r = (v[0] for v in _weighted_slope_r(ok[None, :], x, y))
        b_slope, b_r = _weighted_slope_r(counts * ok, x, y)
        n = int(ok.sum())
        n_areas = len(np.unique(area_codes[ok > 0]))
        for j, pred in enumerate(predictors):
            note = ""
            if n < 3:
                note = "mobilisation.assoc.too_few"
            elif np.isnan(slope[j]):
                note = "mobilisation.assoc.no_support_variation"
            elif np.isnan(r[j]):
                note = "mobilisation.assoc.no_outcome_variation"
            elif n_areas < 2:
                note = "mobilisation.assoc.one_area"
            bs = b_slope[:, j][np.isfinite(b_slope[:, j])] if not note else np.array([])
            br = b_r[:, j][np.isfinite(b_r[:, j])] if not note else np.array([])
            n_defined = len(bs)
            if not note and len(bs) < n_boot / 2:
                note = "mobilisation.assoc.few_resamples"
                bs, br = np.array([]), np.array([])

            def q(v):
                return ((float(np.quantile(v, alpha)), float(np.quantile(v, 1 - alpha)))
                        if len(v) else (np.nan, np.nan))

            (s_lo, s_hi), (r_lo, r_hi) = q(bs), q(br)
            st = pred.removeprefix("hours_")
            fits = (pred != "hours" and out_col != "active_change"
                    and st in SUPPORT_FOR_DIMENSION.get(out_col.removesuffix("_change"), ()))
            rows.append({"predictor": pred, "outcome": out_col, "fits_dimension": bool(fits),
                         "n": n, "n_areas": int(n_areas), "slope": float(slope[j]),
                         "slope_lower": s_lo, "slope_upper": s_hi, "r": float(r[j]),
                         "r_lower": r_lo, "r_upper": r_hi, "n_boot": int(len(bs)),
                         "n_defined": int(n_defined), "note": note})
    return pd.DataFrame(rows, columns=cols)

