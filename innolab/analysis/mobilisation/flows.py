"""Who is active when: an area's actors per wave, their flows (new, retained, returned, lapsed)
and the funnel from participants to organisers and Kehrä members.

An actor belongs to its own area (``actors.area_id``). It is *active in wave w* when it took part
in at least one event of wave w (any area, any role) or sent or received at least one tie in wave w
— the one definition of :func:`innolab.analysis.profile.active_actors`, reused here. "The previous
wave" of a wave is the one before it in the study's list of waves (:attr:`innolab.Study.wave_ids`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.analysis.profile import active_actors
from innolab.data import vocab
from innolab.data.cache import scoped
from innolab.data.study import Study
from innolab.errors import ParameterError

__all__ = ["FLOW_COLUMNS", "NO_TARGET_GROUP", "presence", "flow_arrays", "actor_attribute",
           "flows", "funnel"]

FLOW_COLUMNS = ("active", "new", "retained", "returned", "lapsed")
NO_TARGET_GROUP = "none"  # the by="target_group" code of actors outside every target group


@scoped
def presence(study: Study, area_id: str) -> tuple[list[int], pd.DataFrame]:
    """The study's waves and a boolean actor × wave table of the area's active actors.

    The table most of an area's mobilisation measures start from: inside a
    :func:`innolab.data.cache.scope` (a report section) it is built once per study and area.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    waves : list of int
        Every wave of the study (ascending).
    table : pandas.DataFrame
        Rows: every actor of the area that was active at least once (sorted ids); columns: the
        waves, so a wave without activity is a column of False.
    """
    study.check_area(area_id)
    act = active_actors(study, area_id)
    waves = sorted(set(study.wave_ids) | {int(w) for w in act["wave"]})
    rows = pd.Index(sorted(set(act["actor_id"])), name="actor_id")
    columns = pd.Index(waves, dtype="int64", name="wave")
    on = np.zeros((len(rows), len(columns)), dtype=bool)
    on[rows.get_indexer(act["actor_id"]), columns.get_indexer(act["wave"])] = True
    return waves, pd.DataFrame(on, index=rows, columns=columns)


def flow_arrays(table: pd.DataFrame) -> dict[str, np.ndarray]:
    """Actor × wave boolean arrays of each flow (see :func:`flows`).

    Parameters
    ----------
    table : pandas.DataFrame
        The presence table of :func:`presence`.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per name of :data:`FLOW_COLUMNS`, the shape of ``table``.
    """
    a = table.to_numpy(dtype=bool)
    prev = np.zeros_like(a)
    prev[:, 1:] = a[:, :-1]
    before = np.zeros_like(a)  # active in some earlier wave
    if a.shape[1] > 1:
        before[:, 1:] = np.logical_or.accumulate(a, axis=1)[:, :-1]
    return {
        "active": a,
        "new": a & ~before,
        "retained": a & prev,
        "returned": a & ~prev & before,
        "lapsed": prev & ~a,
    }


def actor_attribute(study: Study, ids, by: str) -> pd.Series:
    """One column of ``study.actors`` for the given actor ids.

    Parameters
    ----------
    study : Study
        The study.
    ids : sequence of str
        Actor ids.
    by : str
        A column of the actors table; for ``"target_group"`` a missing value becomes
        :data:`NO_TARGET_GROUP`.

    Returns
    -------
    pandas.Series
        Indexed by actor id, in the order of ``ids``.
    """
    attr = study.actors.set_index("actor_id")[by].reindex(ids)
    if by == "target_group":
        attr = attr.astype(object).where(attr.notna(), NO_TARGET_GROUP)
    return attr


def flows(study: Study, area_id: str, by: str | None = None) -> pd.DataFrame:
    """Who is active, new, retained, returned and lapsed in each wave of an area.

    With A(w) the set of the area's actors active in wave w and w⁻ the previous wave of the
    study:

    * **active**: |A(w)|;
    * **new**: active in w and in no earlier wave;
    * **retained**: active in w and in w⁻;
    * **returned**: active in w, not in w⁻, but in some wave before w⁻;
    * **lapsed**: active in w⁻ and not in w.

    So ``active = new + retained + returned`` and ``active(w) = active(w⁻) − lapsed(w) + new(w) +
    returned(w)``. In the first wave every active actor is new. An actor counts once per wave in
    its own area, however many events (of however many areas) it took part in.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    by : {None, "sector", "target_group"}
        Split the counts by the actor's sector (all five codes, in vocabulary order) or target
        group (the five codes and ``"none"`` for actors in no target group).

    Returns
    -------
    pandas.DataFrame
        Columns ``wave`` (int), then ``sector`` or ``target_group`` when ``by`` is given, then
        ``active, new, retained, returned, lapsed`` (int). One row per wave of the study (and
        group), a wave without activity included with zeros; sorted by wave (and group order).
    """
    if by not in (None, "sector", "target_group"):
        raise ParameterError(f"Unknown split by={by!r}: expected None, 'sector' or "
                             "'target_group'.")
    waves, table = presence(study, area_id)
    arrays = flow_arrays(table)
    if by is None:
        out = pd.DataFrame({"wave": waves})
        for name in FLOW_COLUMNS:
            out[name] = arrays[name].sum(axis=0).astype("int64")
        return out
    groups = (list(vocab.SECTORS) if by == "sector"
              else list(vocab.TARGET_GROUPS) + [NO_TARGET_GROUP])
    attr = actor_attribute(study, table.index, by).to_numpy()
    rows = []
    for g in groups:
        mask = attr == g
        for j, w in enumerate(waves):
            rows.append([w, g] + [int(arrays[name][mask, j].sum()) for name in FLOW_COLUMNS])
    out = pd.DataFrame(rows, columns=["wave", by, *FLOW_COLUMNS])
    out["wave"] = out["wave"].astype("int64")
    order = {g: i for i, g in enumerate(groups)}
    out = out.sort_values(["wave", by], key=lambda s: s.map(order) if s.name == by else s,
                          ignore_index=True)
    return out


def funnel(study: Study, area_id: str) -> pd.DataFrame:
    """Per wave and sector: active actors → event participants → organisers → Kehrä members.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave, sector, active, participants, organisers, kehra_members`` (int); one row
        per wave of the study and sector (all five, vocabulary order). Counts are of the area's
        own actors in that wave: ``active`` as in :func:`flows`; ``participants`` took part in at
        least one event of the wave (any area, any role); ``organisers`` organised at least one;
        ``kehra_members`` are the participants who are Kehrä members (``kehra_member`` is one
        flag per actor, not dated). So ``active ≥ participants ≥ organisers`` and
        ``participants ≥ kehra_members``.
    """
    waves, table = presence(study, area_id)
    actors = study.actors[study.actors["area_id"] == area_id].set_index("actor_id")
    part = study.participation.merge(study.events[["event_id", "wave"]], on="event_id")
    part = part[part["actor_id"].isin(actors.index)].copy()
    part["sector"] = actors["sector"].reindex(part["actor_id"]).to_numpy()
    part["kehra"] = actors["kehra_member"].reindex(part["actor_id"]).to_numpy(dtype=bool)
    part["organiser"] = part["role"].eq("organiser").fillna(False).astype(bool)
    per_actor = part.groupby(["wave", "actor_id", "sector"], as_index=False).agg(
        organiser=("organiser", "any"), kehra=("kehra", "first"))
    # melt, not stack: a study without any wave gives an empty table that keeps its columns
    act = table.reset_index().melt(id_vars="actor_id", var_name="wave", value_name="on")
    act = act[act["on"].astype(bool)]
    act["sector"] = actors["sector"].reindex(act["actor_id"]).to_numpy()
    index = pd.MultiIndex.from_product([waves, list(vocab.SECTORS)], names=["wave", "sector"])
    out = pd.DataFrame(index=index)
    out["active"] = act.groupby(["wave", "sector"]).size()
    out["participants"] = per_actor.groupby(["wave", "sector"]).size()
    out["organisers"] = per_actor[per_actor["organiser"]].groupby(["wave", "sector"]).size()
    out["kehra_members"] = per_actor[per_actor["kehra"]].groupby(["wave", "sector"]).size()
    out = out.fillna(0).astype("int64").reset_index()
    out["wave"] = out["wave"].astype("int64")
    return out

