"""The peer-review workshop: how two groups of local developers rate the same practices.

The ``peer_review`` table (BRIEF §5) holds each organisation's rating (1–5) of shared practices.
:func:`compare_practices` compares two groups practice by practice — Helsinki's local developers
and Uusimaa's LEADER groups by default — with a bootstrap interval for each group's mean, a
rank-based test (Mann–Whitney U, exact by enumerating the permutations when the groups are small)
and the rank-biserial correlation as effect size. :func:`learning_table` turns the comparison into
"what to learn from each other".
"""

from __future__ import annotations

from math import comb

import numpy as np
import pandas as pd
from scipy import stats

from innolab.data import vocab
from innolab.errors import InnolabError, ParameterError
from innolab.stats.bootstrap import mean_interval

__all__ = ["compare_practices", "learning_table", "min_p_value"]


def min_p_value(n1: int, n2: int) -> float:
    """The smallest two-sided p-value an exact Mann–Whitney test can give for groups n1, n2.

    With no ties it is ``2 / C(n1 + n2, n1)``: only the two most extreme orderings are as extreme
    as the observed one. It tells the reader whether a small workshop could show a "significant"
    difference at all.

    Parameters
    ----------
    n1, n2 : int
        The group sizes.

    Returns
    -------
    float

    Examples
    --------
    >>> round(min_p_value(3, 2), 3)
    0.2
    """
    if n1 < 1 or n2 < 1:
        return 1.0
    return min(1.0, 2.0 / comb(n1 + n2, n1))


def compare_practices(study, groups=("helsinki", "uusimaa_leader"), *, n_boot: int = 2000,
                      level: float = 0.90, seed: int = 0, alpha: float = 0.05) -> pd.DataFrame:
    """Compare two groups' ratings of each practice: means with intervals and a rank test.

    Per practice and group: the number of organisations that rated it, the mean and median
    rating and a percentile bootstrap interval of the mean (``n_boot`` resamples of the group's
    organisations, seeded). Between the groups: the Mann–Whitney U statistic of the first group,
    its two-sided p-value — exact (all permutations enumerated, ties handled by the permutation
    distribution; :class:`scipy.stats.PermutationMethod`) when there are at most 9,999
    rearrangements, else the normal approximation with tie correction — the p-values adjusted
    over the practices by Benjamini–Hochberg, and the rank-biserial correlation
    ``r = 2U / (n1 n2) − 1`` (positive: the first group rates higher; Kerby 2014). A practice
    that a group rated with fewer than two organisations gets no test (NaN): one rating cannot
    be told from chance.

    Parameters
    ----------
    study : innolab.Study
        A loaded study with a ``peer_review`` table.
    groups : tuple of two str
        The two groups of the ``group`` column to compare (codes of ``vocab.PEER_GROUPS``).
    n_boot : int
        Bootstrap resamples per interval.
    level : float
        Level of the intervals (default 0.90).
    seed : int
        Random seed.
    alpha : float
        Significance level for ``leader`` (on the adjusted p-value).

    Returns
    -------
    pandas.DataFrame
        One row per practice (in the order of first appearance): ``practice_id, practice_en,
        practice_fi``, for each group ``g`` in ``groups``: ``n_<g>, mean_<g>, median_<g>,
        lo_<g>, hi_<g>``; then ``difference`` (mean of the first minus the second), ``u``,
        ``p_value``, ``p_adjusted``, ``rank_biserial``, ``leader`` (the group with the higher
        mean, or ``None`` when the means are equal) and ``clear`` (the adjusted p-value is below
        ``alpha``). ``attrs["min_p"]`` is the smallest p-value the largest pair of groups could
        reach (:func:`min_p_value`).

    Raises
    ------
    innolab.errors.InnolabError
        When the study has no peer-review ratings, or a group has none.
    """
    if len(groups) != 2 or groups[0] == groups[1]:
        raise ParameterError(f"`groups` must be two different groups, got {groups!r}.")
    for g in groups:
        if g not in vocab.PEER_GROUPS:
            raise ParameterError(f"Unknown peer-review group {g!r}: expected one of "
                                 f"{', '.join(vocab.PEER_GROUPS)}.")
    if not 0 < level < 1:
        raise ParameterError(f"`level` must be between 0 and 1, got {level!r}.")
    table = study.peer_review
    if table.empty:
        raise InnolabError(f"Study {study.name!r} has no peer_review table: the workshop's "
                           "ratings go in peer_review.csv (BRIEF §5).")
    table = table[table["rating"].notna()]
    for g in groups:
        if not (table["group"] == g).any():
            have = ", ".join(sorted(table["group"].unique())) or "none"
            raise InnolabError(f"No peer-review ratings from group {g!r} "
                               f"({g!r}); groups present: {have}.")
    rng = np.random.default_rng(seed)
    rows = []
    practices = table.drop_duplicates("practice_id")
    for p in practices.itertuples():
        sub = table[table["practice_id"] == p.practice_id]
        row = {"practice_id": p.practice_id, "practice_en": p.practice_en,
               "practice_fi": p.practice_fi}
        xs = []
        for g in groups:
            x = sub.loc[sub["group"] == g, "rating"].to_numpy(dtype=float)
            xs.append(x)
            _, lo, hi = mean_interval(x, n_boot, level, rng)
            row.update({f"n_{g}": len(x), f"mean_{g}": x.mean() if len(x) else np.nan,
                        f"median_{g}": float(np.median(x)) if len(x) else np.nan,
                        f"lo_{g}": lo, f"hi_{g}": hi})
        x, y = xs
        row["difference"] = row[f"mean_{groups[0]}"] - row[f"mean_{groups[1]}"]
        if len(x) < 2 or len(y) < 2:  # one organisation cannot be told from chance
            row["u"] = row["p_value"] = row["rank_biserial"] = np.nan
        elif np.ptp(np.concatenate([x, y])) > 0:
            n_perm = comb(len(x) + len(y), len(x))
            method = (stats.PermutationMethod(n_resamples=9999, random_state=seed)
                      if n_perm <= 9999 else "asymptotic")
            res = stats.mannwhitneyu(x, y, alternative="two-sided", method=method)
            row["u"], row["p_value"] = float(res.statistic), float(res.pvalue)
            row["rank_biserial"] = 2 * row["u"] / (len(x) * len(y)) - 1
        else:  # every rating equal: no difference to test
            row["u"], row["p_value"], row["rank_biserial"] = len(x) * len(y) / 2, 1.0, 0.0
        rows.append(row)
    out = pd.DataFrame(rows)
    ok = out["p_value"].notna()
    out["p_adjusted"] = np.nan
    if ok.any():
        out.loc[ok, "p_adjusted"] = stats.false_discovery_control(out.loc[ok, "p_value"])
    diff = out["difference"]
    out["leader"] = pd.Series([groups[0] if d > 0 else groups[1] if d < 0 else None
                               for d in diff], index=out.index, dtype=object)
    out["clear"] = out["p_adjusted"] < alpha
    cols = ["practice_id", "practice_en", "practice_fi",
            *[f"{k}_{g}" for g in groups for k in ("n", "mean", "median", "lo", "hi")],
            "difference", "u", "p_value", "p_adjusted", "rank_biserial", "leader", "clear"]
    out = out[cols]
    n1 = int(out[f"n_{groups[0]}"].max())
    n2 = int(out[f"n_{groups[1]}"].max())
    out.attrs.update({"groups": tuple(groups), "level": level, "n_boot": n_boot, "seed": seed,
                      "alpha": alpha, "min_p": min_p_value(n1, n2)})
    return out


def learning_table(comparison: pd.DataFrame, study=None,
                   min_difference: float = 0.5) -> pd.DataFrame:
    """What each group could learn from the other: practices where the other leads.

    Parameters
    ----------
    comparison : pandas.DataFrame
        The table of :func:`compare_practices`.
    study : innolab.Study, optional
        The study, to quote the leading group's notes on the practice.
    min_difference : float
        The smallest difference of means (rating points) that counts as a lead.

    Returns
    -------
    pandas.DataFrame
        ``learner, teacher, practice_id, practice_en, practice_fi, teacher_mean,
        learner_mean, difference, p_adjusted, clear, notes``: one row per practice where
        ``teacher`` rates it at least ``min_difference`` higher, the largest differences first
        within each learner. ``learner`` and ``teacher`` are group codes (``vocab.PEER_GROUPS``);
        ``notes`` joins the teacher group's notes on the practice (organisations, not people,
        write them).
    """
    g1, g2 = comparison.attrs.get("groups", ("helsinki", "uusimaa_leader"))
    notes = None
    if study is not None and "note" in study.peer_review:
        pr = study.peer_review
        notes = (pr[pr["note"].fillna("").astype(str).str.strip() != ""]
                 .groupby(["group", "practice_id"])["note"]
                 .apply(lambda s: " · ".join(dict.fromkeys(s.astype(str)))))
    rows = []
    for r in comparison.itertuples():
        if pd.isna(r.difference) or abs(r.difference) < min_difference:
            continue
        teacher, learner = (g1, g2) if r.difference > 0 else (g2, g1)
        rows.append({
            "learner": learner, "teacher": teacher, "practice_id": r.practice_id,
            "practice_en": r.practice_en, "practice_fi": r.practice_fi,
            "teacher_mean": getattr(r, f"mean_{teacher}"),
            "learner_mean": getattr(r, f"mean_{learner}"),
            "difference": abs(r.difference),
            "p_adjusted": r.p_adjusted,
            "clear": bool(r.clear),
            "notes": (notes.get((teacher, r.practice_id), "") if notes is not None else ""),
        })
    out = pd.DataFrame(rows, columns=["learner", "teacher", "practice_id", "practice_en",
                                      "practice_fi",
                                      "teacher_mean", "learner_mean", "difference",
                                      "p_adjusted", "clear", "notes"])
    return out.sort_values(["learner", "difference"], ascending=[True, False],
                           kind="stable").reset_index(drop=True)
