"""Access to a study's assessments: which waves were assessed, which wave to use, the long table.

Every criteria computation (scores, agreement, item analysis, selection) starts from one wave of
one assessor's answers on the study's criteria set; this module reads them the same way for all:
criteria outside the set are left out and criteria with ``direction`` −1 are reversed on their
scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.data import vocab
from innolab.errors import InnolabError, ParameterError

__all__ = ["check_assessor", "assessed_waves", "pick_wave", "assessment_long"]


def check_assessor(assessor: str) -> str:
    """Check that ``assessor`` is one of ``vocab.ASSESSORS``.

    Parameters
    ----------
    assessor : str
        Whose assessments: ``self``, ``external`` or ``application``.

    Returns
    -------
    str
        ``assessor`` unchanged.

    Raises
    ------
    innolab.errors.ParameterError
        For an unknown assessor.
    """
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
    check_assessor(assessor)
    a = study.assessments
    a = a[(a["assessor"] == assessor) & a["score"].notna()]
    return sorted(int(w) for w in a["wave"].unique())


def pick_wave(study, wave, assessor: str) -> int:
    """The wave to use: ``wave`` if ``assessor`` answered in it, else the latest assessed.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int or None
        The wave asked for; None for the latest wave with answers by ``assessor``.
    assessor : {"self", "external", "application"}
        Whose assessments.

    Returns
    -------
    int

    Raises
    ------
    innolab.errors.InnolabError
        When ``assessor`` gave no scored answer at all.
    innolab.errors.ParameterError
        When ``wave`` is not a whole number or has no answers by ``assessor``.
    """
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


def assessment_long(study, wave, assessor: str) -> pd.DataFrame:
    """One wave's answers of one assessor: criteria of the set only, direction −1 reversed.

    Parameters
    ----------
    study : innolab.Study
        A loaded study.
    wave : int or None
        The wave (see :func:`pick_wave`).
    assessor : {"self", "external", "application"}
        Whose assessments.

    Returns
    -------
    pandas.DataFrame
        The rows of ``study.assessments`` of that wave and assessor, with ``score`` reversed
        (``scale_min + scale_max − score``) for criteria with ``direction`` −1; respondents
        without any answer on the set are left out.
    """
    check_assessor(assessor)
    w = pick_wave(study, wave, assessor)
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
