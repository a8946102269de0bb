"""What the evidence modules share: the small-count threshold check, the areas' names and the
selected areas."""

from __future__ import annotations

import numpy as np

from innolab.data.study import Study
from innolab.errors import ParameterError

__all__ = ["check_threshold", "area_names", "selected_areas"]


def check_threshold(threshold) -> int:
    """The small-count threshold, checked: a whole number ≥ 1.

    Parameters
    ----------
    threshold : int
        Counts of people from 1 to ``threshold − 1`` are suppressed.

    Returns
    -------
    int

    Raises
    ------
    ParameterError
        For anything else.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or \
            threshold < 1:
        raise ParameterError(f"`threshold` must be a whole number ≥ 1, got {threshold!r}.")
    return int(threshold)


def area_names(study: Study) -> dict:
    """Area id → its name."""
    return study.areas.set_index("area_id")["name"].to_dict()


def selected_areas(study: Study) -> list[str]:
    """The areas with role ``selected`` (in table order); all areas when none is marked.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    list of str
    """
    sel = study.areas.loc[study.areas["role"] == "selected", "area_id"].tolist()
    return sel or study.area_ids
