"""Selecting areas from the open application: ranking under the Helsinki / outside constraint.

The steering group rates each applicant area on the criteria set (``assessor == "application"``
in the ``assessments`` table). :func:`rank_applicants` scores the applicants with innolab's
criteria scoring, recommends the best ``n_helsinki`` areas in Helsinki and the best ``n_outside``
outside it, and says how sure that recommendation is: a Monte Carlo over the raters (bootstrap) and
the dimension weights (noise) gives each area a rank interval and the probability that it lands in
the recommended set. :func:`rater_disagreement` and :func:`close_calls` give the memo its "where
raters disagreed" and "close calls".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.analysis import composite
from innolab.analysis.assessments import assessed_waves, assessment_long
from innolab.errors import InnolabError, ParameterError
from innolab.stats.reliability import krippendorff_alpha

__all__ = ["rank_applicants", "selection_constraint", "rater_disagreement", "close_calls"]

_BATCH = 256


def _check_count(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ParameterError(f"`{what}` must be a whole number ≥ {minimum}, got {value!r}.")
    return int(value)


def selection_constraint(in_helsinki, score, n_helsinki: int = 3, n_outside: int = 1,
                         order=None) -> np.ndarray:
    """The recommended set: the best ``n_helsinki`` areas in Helsinki and ``n_outside`` outside.

    Parameters
    ----------
    in_helsinki : array-like of bool
        Whether each area is in Helsinki.
    score : array-like of float
        The areas' scores (higher is better; NaN is never selected).
    n_helsinki, n_outside : int
        How many areas to pick in and outside Helsinki.
    order : array-like of int, optional
        Tie-break among equal scores: the lower value first (default: the given order).

    Returns
    -------
    numpy.ndarray of bool
        True for the selected areas.

    Raises
    ------
    innolab.errors.InnolabError
        When there are fewer scored areas in (or outside) Helsinki than asked for.

    Examples
    --------
    >>> selection_constraint([True, True, False, True], [3.0, 2.5, 1.0, 4.0], 2, 1).tolist()
    [True, False, True, True]
    """
    h = np.asarray(in_helsinki, dtype=bool)
    s = np.asarray(score, dtype=float)
    o = np.arange(len(s)) if order is None else np.asarray(order)
    out = np.zeros(len(s), dtype=bool)
    for group, k, where, param in ((h, n_helsinki, "in Helsinki", "n_helsinki"),
                                   (~h, n_outside, "outside Helsinki", "n_outside")):
        if k == 0:
            continue
        idx = np.flatnonzero(group & ~np.isnan(s))
        if len(idx) < k:
            raise InnolabError(
                f"{k} area{'s' if k != 1 else ''} {where} should be selected, but only "
                f"{len(idx)} applicant{'s' if len(idx) != 1 else ''} {where} "
                f"{'has' if len(idx) == 1 else 'have'} application ratings. Add the missing "
                f"applications' ratings, or lower `{param}`.")
        best = idx[np.lexsort((o[idx], -s[idx]))][:k]
        out[best] = True
    return out


def _design(cube) -> tuple[bool, np.ndarray, list]:
    """Whether every applicant was rated by the same raters (a crossed design); rater ids."""
    sets = [tuple(sorted(r)) for r in cube.respondents]
    raters = sorted({r for s in sets for r in s})
    crossed = all(set(s) == set(raters) for s in sets)
    return crossed, np.array(raters, dtype=object), sets


def _joint_counts(cube, rng: np.random.Generator, D: int, raters) -> np.ndarray:
    """(D, A, R) weights when the same bootstrap sample of raters rates every area."""
    A, R, _ = cube.shape
    k = len(raters)
    draws = rng.integers(0, k, size=(D, k))
    mult = np.stack([np.bincount(d, minlength=k) for d in draws]).astype(float)  # (D, k)
    pos = {r: i for i, r in enumerate(raters)}
    counts = np.zeros((D, A, R))
    for a, resp in enumerate(cube.respondents):
        for j, r in enumerate(resp):
            counts[:, a, j] = mult[:, pos[r]]
    return counts


def rank_applicants(study, n_helsinki: int = 3, n_outside: int = 1, n_draws: int = 1000,
                    seed: int = 0, *, wave: int | None = None, weight_noise: float = 0.25,
                    aggregate: str = "arithmetic", weights: dict | None = None,
                    level: str = "ordinal", progress: bool = False) -> pd.DataFrame:
    """Rank the applicant areas and recommend the selection, with its uncertainty.

    The score of an area is innolab's criteria index
    (:func:`innolab.analysis.criteria.score`) of its ``application`` ratings on the original 0–4
    scale: the mean over raters of each criterion (reversed criteria flipped), criteria
    aggregated into dimensions with the set's weights and dimensions into the index with equal
    (or the given) weights. The recommended set is the best
    ``n_helsinki`` areas in Helsinki (municipality Helsinki) and the best ``n_outside`` outside
    (equal scores: the areas table's order decides).

    Uncertainty (``n_draws`` Monte Carlo draws, seeded): each draw resamples the steering-group
    raters with replacement — jointly for all areas when every area was rated by the same raters
    (a crossed design, so that a strict rater weighs on every area alike), otherwise within each
    area — and multiplies each dimension weight by an independent uniform factor in
    [1 − ``weight_noise``, 1 + ``weight_noise``]. Each draw ranks the areas and applies the
    constraint; ``rank_q05``/``rank_q95`` are the 5th/95th percentiles of an area's rank and
    ``p_selected`` the share of draws in which it is in the recommended set.

    Parameters
    ----------
    study : innolab.Study
        A loaded study with ``application`` assessments.
    n_helsinki, n_outside : int
        How many areas to select in Helsinki and outside (BRIEF: three and at least one).
    n_draws : int
        Monte Carlo draws (0: no uncertainty; intervals equal the rank).
    seed : int
        Random seed; same seed, same table.
    wave : int, optional
        The application round (wave); default the latest with application ratings.
    weight_noise : float
        Relative noise on the dimension weights, in [0, 1).
    aggregate : {"arithmetic", "geometric"}
        Aggregation of criteria and dimensions, as in :func:`innolab.analysis.criteria.score`.
    weights : dict, optional
        Dimension or criterion weights, as in :func:`innolab.analysis.criteria.score`.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement for the raters' Krippendorff alpha (default ordinal: an anchored
        0–4 scale).
    progress : bool
        Show a progress bar over the draws.

    Returns
    -------
    pandas.DataFrame
        One row per applicant with ratings, best first: ``area_id, in_helsinki, score, rank,
        rank_q05, rank_q95, p_selected, selected``. ``rank`` 1 is the best score among all
        applicants (ties share the best rank). ``attrs`` holds ``wave``, ``n_raters``,
        ``crossed`` (whether all areas had the same raters), ``alpha`` (Krippendorff's alpha of
        the raters over all area × criterion units), ``alpha_level``, ``n_draws``, ``seed``,
        ``weight_noise``, ``n_helsinki`` and ``n_outside``.

    Raises
    ------
    innolab.errors.InnolabError
        When the study has no application ratings, or fewer applicants in or outside Helsinki
        than are to be selected (for instance no applicant outside Helsinki).
    innolab.errors.ParameterError
        For a bad count, noise or choice.
    """
    n_helsinki = _check_count(n_helsinki, "n_helsinki", 0)
    n_outside = _check_count(n_outside, "n_outside", 0)
    n_draws = _check_count(n_draws, "n_draws", 0)
    if n_helsinki + n_outside == 0:
        raise ParameterError("Nothing to select: `n_helsinki` and `n_outside` are both 0.")
    try:
        weight_noise = float(weight_noise)
    except (TypeError, ValueError):
        raise ParameterError(f"`weight_noise` must be a number, got {weight_noise!r}.") from None
    if not 0 <= weight_noise < 1:
        raise ParameterError(f"`weight_noise` must be in [0, 1), got {weight_noise!r}.")
    composite.check_choice(aggregate, composite.AGGREGATIONS, "aggregation")
    if not assessed_waves(study, "application"):
        raise InnolabError(
            f"Study {study.name!r} has no application ratings: the steering group's ratings are "
            "rows of the assessments table with assessor 'application' (BRIEF §5).")
    cube = composite.Cube(study, wave, "application", weights)
    geometric = aggregate == "geometric"

    municipality = study.areas.set_index("area_id")["municipality"]
    in_helsinki = np.array([municipality.get(a) == "Helsinki" for a in cube.area_ids])
    order = np.arange(len(cube.area_ids))
    _, _, index_scale, _ = composite.nominal(cube, "none", aggregate)
    selected = selection_constraint(in_helsinki, index_scale, n_helsinki, n_outside, order)
    nominal_rank = composite.ranks(index_scale)

    A = len(cube.area_ids)
    ranks = np.empty((n_draws, A))
    chosen = np.zeros(A)
    crossed, raters, _ = _design(cube)
    rng = np.random.default_rng(seed)
    starts = range(0, n_draws, _BATCH)
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc="selection draws", unit="batch")
    for s in starts:
        D = min(_BATCH, n_draws - s)
        if crossed:
            counts = _joint_counts(cube, rng, D, raters)
        else:
            U = rng.random((D, A * cube.shape[1]))
            counts = composite.respondent_counts(cube, U, D)
        M = composite.criterion_means(cube, counts)
        dim_w = cube.dim_w[None, :] * (1 + weight_noise * (2 * rng.random((D, len(cube.dims)))
                                                            - 1))
        N, lo, hi = composite.normalise(M, "none", cube)
        idx, _ = composite.aggregate(N, lo, hi, cube, dim_w, geometric)
        ranks[s:s + D] = composite.ranks(idx)
        for d in range(D):
            chosen += selection_constraint(in_helsinki, idx[d], n_helsinki, n_outside, order)

    if n_draws:
        q05, q95 = np.percentile(ranks, [5, 95], axis=0, method="inverted_cdf")
        p_sel = chosen / n_draws
    else:
        q05 = q95 = nominal_rank
        p_sel = selected.astype(float)
    out = pd.DataFrame({
        "area_id": cube.area_ids, "in_helsinki": in_helsinki, "score": index_scale,
        "rank": nominal_rank.astype(int), "rank_q05": np.asarray(q05).astype(int),
        "rank_q95": np.asarray(q95).astype(int), "p_selected": p_sel, "selected": selected,
    })
    out = out.iloc[np.lexsort((order, -index_scale))].reset_index(drop=True)
    long = assessment_long(study, cube.wave, "application")
    long = long.assign(unit=long["area_id"] + "|" + long["criterion_id"])
    alpha = krippendorff_alpha(long, level=level, unit="unit", rater="respondent_id",
                               value="score")
    out.attrs.update({"wave": cube.wave, "n_raters": len(raters), "crossed": crossed,
                      "alpha": alpha, "alpha_level": level, "n_draws": n_draws, "seed": seed,
                      "weight_noise": weight_noise, "n_helsinki": n_helsinki,
                      "n_outside": n_outside})
    return out


def rater_disagreement(study, wave: int | None = None, top: int = 10) -> pd.DataFrame:
    """Where the steering-group raters disagreed most: area × criterion with the widest spread.

    Parameters
    ----------
    study : innolab.Study
        A loaded study with ``application`` assessments.
    wave : int, optional
        The application round; default the latest.
    top : int
        How many area × criterion pairs to return (all with ``top=0``).

    Returns
    -------
    pandas.DataFrame
        ``area_id, criterion_id, dimension_id, n_raters, mean, sd, min, max, range`` sorted by
        the standard deviation between raters (descending), then range; reversed criteria are
        flipped as in scoring. Pairs with fewer than two raters are left out.
    """
    top = _check_count(top, "top", 0)
    long = assessment_long(study, wave, "application")
    long = long[long["score"].notna()]
    g = long.groupby(["area_id", "criterion_id"], sort=False)["score"]
    t = g.agg(n_raters="count", mean="mean", sd="std", min="min", max="max").reset_index()
    t = t[t["n_raters"] >= 2]
    t["range"] = t["max"] - t["min"]
    dim = study.criteria.set_index("criterion_id")["dimension_id"]
    t.insert(2, "dimension_id", t["criterion_id"].map(dim))
    t = t.sort_values(["sd", "range", "area_id", "criterion_id"],
                      ascending=[False, False, True, True], kind="stable")
    return (t.head(top) if top else t).reset_index(drop=True)


def close_calls(ranking: pd.DataFrame, low: float = 0.2, high: float = 0.8) -> pd.DataFrame:
    """The applicants whose selection is uncertain: ``low < p_selected < high``.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`rank_applicants`.
    low, high : float
        The band of selection probabilities that counts as a close call.

    Returns
    -------
    pandas.DataFrame
        The rows of ``ranking`` in the band, with ``margin``: the score difference to the
        last selected area of the same group (in or outside Helsinki) for an area not selected,
        or to the first area not selected of the group for a selected one (NaN when there is
        none).
    """
    if not 0 <= low < high <= 1:
        raise ParameterError(f"Need 0 ≤ low < high ≤ 1, got low={low!r}, high={high!r}.")
    rows = []
    for _, r in ranking.iterrows():
        if not low < r["p_selected"] < high:
            continue
        same = ranking[ranking["in_helsinki"] == r["in_helsinki"]]
        other = same[same["selected"] != r["selected"]]["score"]
        if other.empty:
            margin = np.nan
        elif r["selected"]:
            margin = r["score"] - other.max()
        else:
            margin = r["score"] - same[same["selected"]]["score"].min()
        rows.append({**r.to_dict(), "margin": margin})
    cols = [*ranking.columns, "margin"]
    return pd.DataFrame(rows, columns=cols)
