"""Areas side by side, and an area's headline: mobilisation per area (:func:`area_summary`),
selected areas beside the others (:func:`compare_groups`) and an area's few headline numbers
(:func:`headline`; the report layer words them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.analysis.mobilisation.flows import flows, presence
from innolab.analysis.mobilisation.inclusion import ANY_TARGET_GROUP, inclusion
from innolab.data.study import Study
from innolab.errors import ParameterError

__all__ = ["area_summary", "compare_groups", "headline"]


def area_summary(study: Study) -> pd.DataFrame:
    """Mobilisation in every area of the study, one row each (for comparing selected areas).

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, role`` (NA when not given), ``selected`` (role is ``selected``),
        ``active_first, active_last`` (active actors in the study's first and last wave),
        ``active_change`` (last − first), ``mobilised`` (distinct actors active in any wave),
        ``new_after_first`` (of those, first active after the first wave),
        ``retained, at_risk`` (sum over waves of retained actors, and of actors active in the
        previous wave), ``retention`` (retained / at_risk; NaN when at_risk is 0: a single wave
        or no activity), ``target_group_share`` (share of the mobilised individuals who belong to a
        target group; NaN when no individual was mobilised), ``support_hours`` (all support).
    """
    support = study.support.groupby("area_id")["hours"].sum()
    rows = []
    for area_id, role in study.areas[["area_id", "role"]].itertuples(index=False):
        f = flows(study, area_id)
        _, table = presence(study, area_id)
        retained = int(f["retained"].iloc[1:].sum())
        at_risk = int(f["active"].iloc[:-1].sum())
        mob = table.index[table.any(axis=1)]
        ind = study.actors.set_index("actor_id").reindex(mob)
        ind = ind[ind["type"] == "individual"]
        rows.append({
            "area_id": area_id, "role": role, "selected": role == "selected",
            "active_first": int(f["active"].iloc[0]) if len(f) else 0,
            "active_last": int(f["active"].iloc[-1]) if len(f) else 0,
            "mobilised": int(len(mob)),
            "new_after_first": int(f["new"].iloc[1:].sum()),
            "retained": retained, "at_risk": at_risk,
            "retention": retained / at_risk if at_risk else np.nan,
            "target_group_share": (float(ind["target_group"].notna().mean()) if len(ind)
                                   else np.nan),
            "support_hours": float(support.get(area_id, 0.0)),
        })
    out = pd.DataFrame(rows)
    out["selected"] = out["selected"].fillna(False).astype(bool)
    out.insert(5, "active_change", out["active_last"] - out["active_first"])
    return out


def compare_groups(summary: pd.DataFrame, measures=None) -> pd.DataFrame:
    """Selected areas beside the others: per measure, count, mean, median, min and max.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table of :func:`area_summary`.
    measures : list of str, optional
        Columns to compare; default ``active_change, mobilised, new_after_first, retention,
        target_group_share, support_hours``.

    Returns
    -------
    pandas.DataFrame
        Columns ``measure, group`` (``selected`` / ``other``), ``areas`` (areas in the group),
        ``n`` (areas with a value), ``mean, median, min, max``. A group without any value has
        ``n = 0`` and NaN statistics.
    """
    measures = measures or ["active_change", "mobilised", "new_after_first", "retention",
                            "target_group_share", "support_hours"]
    unknown = [m for m in measures if m not in summary.columns]
    if unknown:
        raise ParameterError(f"Unknown measure(s) {', '.join(unknown)}; the summary has "
                             f"{', '.join(summary.columns)}.")
    rows = []
    for m in measures:
        for group, sel in (("selected", True), ("other", False)):
            v = summary.loc[summary["selected"] == sel, m].astype(float)
            d = v.dropna()
            rows.append({"measure": m, "group": group, "areas": int(len(v)), "n": int(len(d)),
                         "mean": d.mean() if len(d) else np.nan,
                         "median": d.median() if len(d) else np.nan,
                         "min": d.min() if len(d) else np.nan,
                         "max": d.max() if len(d) else np.nan})
    return pd.DataFrame(rows)


def headline(study: Study, area_id: str) -> dict:
    """The area's mobilisation in a few numbers (for the area profile's headline).

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    dict
        ``waves`` (number of waves), ``first_wave, last_wave`` (ids), ``active_first,
        active_last, active_change``, ``mobilised`` (distinct actors ever active), ``new_last,
        retained_last, returned_last, lapsed_last`` (flows of the last wave), ``retention_last``
        (retained_last / active in the wave before; None when there is no earlier wave or it had
        no active actor; in a study without any wave: ``waves`` 0, the wave ids None, the counts
        0), ``target_group_share_last`` (of the last wave's active individuals;
        None when there were none), ``support_hours`` (all support to the area). Every value is
        an int, a float or None — never NaN.
    """
    f = flows(study, area_id)
    if f.empty:  # a study without any wave: nobody was ever active
        zero = ["active_first", "active_last", "active_change", "mobilised", "new_last",
                "retained_last", "returned_last", "lapsed_last"]
        return {"waves": 0, "first_wave": None, "last_wave": None, **dict.fromkeys(zero, 0),
                "retention_last": None, "target_group_share_last": None,
                "support_hours": float(study.support.loc[study.support["area_id"] == area_id,
                                                         "hours"].sum())}
    last = f.iloc[-1]
    prev_active = int(f["active"].iloc[-2]) if len(f) > 1 else 0
    inc = inclusion(study, area_id)
    any_last = inc[(inc["wave"] == last["wave"]) & (inc["target_group"] == ANY_TARGET_GROUP)]
    share = any_last["active_share"].iloc[0] if len(any_last) else np.nan
    _, table = presence(study, area_id)
    return {
        "waves": int(len(f)),
        "first_wave": int(f["wave"].iloc[0]), "last_wave": int(last["wave"]),
        "active_first": int(f["active"].iloc[0]), "active_last": int(last["active"]),
        "active_change": int(last["active"] - f["active"].iloc[0]),
        "mobilised": int(table.any(axis=1).sum()),
        "new_last": int(last["new"]), "retained_last": int(last["retained"]),
        "returned_last": int(last["returned"]), "lapsed_last": int(last["lapsed"]),
        "retention_last": (int(last["retained"]) / prev_active if prev_active else None),
        "target_group_share_last": None if pd.isna(share) else float(share),
        "support_hours": float(study.support.loc[study.support["area_id"] == area_id,
                                                 "hours"].sum()),
    }
