"""The criteria one by one: self vs external assessment, and item analysis of the set.

:func:`self_vs_external` compares an area's view of itself with the external raters' per
dimension; :func:`item_analysis` gives, per criterion, the evidence for keeping, merging or
dropping it when the set is crystallised (spread between areas, fit with the rest, missing
answers). Both read the answers through :mod:`innolab.analysis.assessments` and return codes and
numbers. Formulas: docs/methods.md, "Criteria scores".
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from innolab.analysis.assessments import assessed_waves, assessment_long
from innolab.data.cache import study_cached
from innolab.errors import InnolabError
from innolab.stats.reliability import alpha_from_cov, icc1_groups, pairwise_cov

__all__ = ["self_vs_external", "item_analysis"]


@study_cached(tables=("areas", "assessments", "criteria"))
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
    s = assessment_long(study, wave, "self")
    e = assessment_long(study, wave, "external")
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
    assessed = set(both["area_id"])
    order = [a for a in study.area_ids if a in assessed]
    by_area = dict(list(both.groupby("area_id", sort=False)))  # rows keep their order
    for area in order:
        b = by_area[area]
        by_dim = dict(list(b.groupby("dimension_id", sort=False)))
        for dim in [*dims, "all"]:
            sub = b if dim == "all" else by_dim.get(dim, b.iloc[:0])
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


def item_analysis(study, wave: int | None = None, assessor: str = "self",
                  min_icc: float = 0.05, min_item_rest: float = 0.3,
                  max_missing: float = 0.2, merge_r: float = 0.85) -> pd.DataFrame:
    """Evidence for keeping, merging or dropping each criterion when the set is crystallised.

    Over the respondents of one wave (rows) and the criteria (columns): how well a criterion
    tells areas apart (SD of the area means; ICC(1) of a one-way ANOVA with areas as groups),
    how well it fits the rest (item–rest correlation, Cronbach's alpha without it, both from the
    pairwise-complete covariance matrix as ``psych::alpha(use="pairwise")``), the most similar
    criterion, and how often it was left unanswered. The set's ``alpha`` equals
    ``stats.reliability.cronbach_alpha(..., missing="pairwise")`` on the same answers.

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
    long = assessment_long(study, wave, assessor)
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
    cov = pairwise_cov(X[:, usable]) if usable.sum() >= 2 else np.full((0, 0), np.nan)
    alpha = alpha_from_cov(cov) if cov.size else float("nan")
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
        rec["icc1"] = icc1_groups(x, areas)
        rec.update(item_rest_r=np.nan, alpha_if_deleted=np.nan, most_similar=None,
                   max_r=np.nan)
        if usable[k] and cov.size:
            i = int(np.flatnonzero(ucols == k)[0])
            rest = np.delete(np.arange(len(ucols)), i)
            c_rest = cov[i, rest].sum()
            v_rest = cov[np.ix_(rest, rest)].sum()
            if cov[i, i] > 0 and v_rest > 0:
                rec["item_rest_r"] = float(c_rest / np.sqrt(cov[i, i] * v_rest))
            rec["alpha_if_deleted"] = alpha_from_cov(cov[np.ix_(rest, rest)])
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
