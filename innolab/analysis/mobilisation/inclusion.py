"""Inclusion of target groups: their share among an area's active and new actors per wave,
beside their share in the area's actor base."""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.analysis.mobilisation.flows import (
    NO_TARGET_GROUP,
    actor_attribute,
    flow_arrays,
    presence,
)
from innolab.data import vocab
from innolab.data.study import Study
from innolab.errors import ParameterError

__all__ = ["ANY_TARGET_GROUP", "inclusion"]

ANY_TARGET_GROUP = "any"  # the inclusion() row that pools every target group


def inclusion(study: Study, area_id: str, among: str = "individuals") -> pd.DataFrame:
    """The share of each target group among the area's active and new actors, per wave.

    The comparison is the area's own actor base in that wave: its actors who had joined by then
    (``joined_wave`` ≤ wave, or unknown). A share is a count divided by its denominator; where
    the denominator is 0 the share is NaN (there is nobody to take a share of), and the
    denominator columns show it.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    among : {"individuals", "all"}
        Denominators: individuals only (target groups describe people; as
        :func:`innolab.analysis.profile.target_groups`) or all actors.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave, target_group, active, new, base`` (int counts of the group),
        ``active_total, new_total, base_total`` (int denominators), ``active_share, new_share,
        base_share`` (0–1). One row per wave and target group (vocabulary order), then
        ``target_group = "any"``: members of any target group.
    """
    if among not in ("individuals", "all"):
        raise ParameterError(f"among must be 'individuals' or 'all', got {among!r}.")
    waves, table = presence(study, area_id)
    arrays = flow_arrays(table)
    actors = study.actors[study.actors["area_id"] == area_id]
    if among == "individuals":
        actors = actors[actors["type"] == "individual"]
    keep = table.index.isin(actors["actor_id"])
    tg = actor_attribute(study, table.index[keep], "target_group").to_numpy()
    base_tg = actors["target_group"].astype(object).where(actors["target_group"].notna(),
                                                          NO_TARGET_GROUP).to_numpy()
    joined = actors["joined_wave"].to_numpy(dtype=float) if "joined_wave" in actors else None
    groups = list(vocab.TARGET_GROUPS) + [ANY_TARGET_GROUP]
    rows = []
    for j, w in enumerate(waves):
        act = arrays["active"][keep, j]
        new = arrays["new"][keep, j]
        in_base = np.ones(len(actors), bool) if joined is None else ~(joined > w)
        for g in groups:
            is_g = tg != NO_TARGET_GROUP if g == ANY_TARGET_GROUP else tg == g
            b_g = base_tg != NO_TARGET_GROUP if g == ANY_TARGET_GROUP else base_tg == g
            rows.append((w, g, int((act & is_g).sum()), int((new & is_g).sum()),
                         int((in_base & b_g).sum()), int(act.sum()), int(new.sum()),
                         int(in_base.sum())))
    out = pd.DataFrame(rows, columns=["wave", "target_group", "active", "new", "base",
                                      "active_total", "new_total", "base_total"])
    for c in ("active", "new", "base"):
        den = out[f"{c}_total"].astype(float)
        out[f"{c}_share"] = out[c] / den.where(den > 0)
    out["wave"] = out["wave"].astype("int64")
    return out

