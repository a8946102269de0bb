"""How far the respondents of each area agree on the criteria set, per dimension.

The study-level companion of the pure statistics in :mod:`innolab.stats.reliability`
(r_wg(J), Krippendorff's alpha): it reads one wave of one assessor's answers and computes them
per area and dimension. Formulas: docs/methods.md, "Agreement and reliability".
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from innolab.analysis.assessments import assessment_long
from innolab.errors import InnolabError
from innolab.stats.reliability import krippendorff_alpha, rwg_j

__all__ = ["agreement"]


def agreement(study, wave: int | None = None, assessor: str = "self",
              level: str = "interval") -> pd.DataFrame:
    """How far the respondents of each area agree, per dimension and over all criteria.

    For each area and dimension of the criteria set, over the area's respondents in one wave:
    the within-group agreement r_wg(J) (James, Demaree & Wolf 1984; uniform null on the
    criterion's scale), the mean standard deviation between respondents, and Krippendorff's
    alpha with respondents as raters and the dimension's criteria as units. Scores of criteria
    with ``direction`` −1 are reversed first.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int, optional
        The wave; default the latest wave with assessments by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose ratings.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement for Krippendorff's alpha.

    Returns
    -------
    pandas.DataFrame
        One row per area and dimension plus one row per area with ``dimension_id`` ``"all"``;
        columns ``area_id, wave, assessor, dimension_id, n_respondents, n_criteria, n_answers,
        mean, sd_between, rwg_j, kripp_alpha``. ``mean`` is the mean of all answers in the block,
        ``sd_between`` the mean over criteria of the
        SD between respondents. With one respondent (``n_respondents`` = 1) the agreement
        columns are NaN: there is nobody to agree with. Alpha is also NaN when all answers in
        the block are equal (no variation to explain; r_wg(J) is then 1).
    """
    long = assessment_long(study, wave, assessor)
    crit = study.criteria.set_index("criterion_id")
    w = int(long["wave"].iloc[0])
    rows = []
    dims = list(dict.fromkeys(crit["dimension_id"]))
    for area_id, block in long.groupby("area_id", sort=False):
        wide = block.pivot(index="respondent_id", columns="criterion_id", values="score")
        for dim in [*dims, "all"]:
            ids = [c for c in crit.index if dim == "all" or crit.at[c, "dimension_id"] == dim]
            sub = wide.reindex(columns=ids)
            x = sub.to_numpy(dtype=float)
            lo = float(crit.loc[ids, "scale_min"].min())
            hi = float(crit.loc[ids, "scale_max"].max())
            n_resp = int((~np.isnan(x)).any(axis=1).sum())
            n_ans = int((~np.isnan(x)).sum())
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                sd = np.nanstd(x, axis=0, ddof=1) if n_resp >= 2 else np.array([np.nan])
                sd_between = float(np.nanmean(sd)) if np.isfinite(sd).any() else np.nan
            rows.append({
                "area_id": area_id, "wave": w, "assessor": assessor, "dimension_id": dim,
                "n_respondents": n_resp,
                "n_criteria": int((~np.isnan(x)).any(axis=0).sum()),
                "n_answers": n_ans,
                "mean": float(np.nanmean(x)) if n_ans else np.nan,
                "sd_between": sd_between,
                "rwg_j": rwg_j(x, lo, hi) if n_resp >= 2 else np.nan,
                "kripp_alpha": krippendorff_alpha(x, level=level) if n_resp >= 2 else np.nan,
            })
    if not rows:  # pragma: no cover - assessment_long raises first
        raise InnolabError("No assessments to compare.")
    return pd.DataFrame(rows)
