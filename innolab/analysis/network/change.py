"""How a network changed between two waves: ties kept, added and dropped, and the measures."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from innolab.errors import InnolabError

from .boundaries import tripartite_closure
from .ei import ei_index
from .graph import build_graph

__all__ = ["network_change"]


def network_change(study, area_id=None, wave_from=None, wave_to=None, types=None,
                   attr: str = "sector") -> dict:
    """How an area's network changed between two waves.

    Parameters
    ----------
    study : innolab.Study
        The study.
    area_id : str, optional
        The area; ``None`` is the whole study.
    wave_from, wave_to : int
        The two waves (``wave_to`` defaults to the latest, ``wave_from`` to the first).
    types : str or list of str, optional
        Tie types to keep.
    attr : str
        Grouping attribute for the sector pairs and the E-I index.

    Returns
    -------
    dict
        ``ties``: DataFrame, one row per (source <attr>, target <attr>) pair with columns
        ``source_<attr>, target_<attr>, before, after, added, dropped, kept``. ``measures``:
        DataFrame with columns ``measure, before, after, change`` for ``actors, ties, density,
        ei_index, tripartite_share`` (E-I is NaN for a wave without ties — the row says so in
        ``ties`` = 0).

    Notes
    -----
    A tie is a (source, target) pair over the kept tie types. Checked by hand on the mini study
    (Maunula wave 0 → 1).
    """
    waves = sorted(int(x) for x in pd.unique(study.ties["wave"].dropna()))
    if not waves:
        raise InnolabError("The study has no ties, so there is no change to show.")
    wave_from = waves[0] if wave_from is None else wave_from
    wave_to = waves[-1] if wave_to is None else wave_to
    G0 = build_graph(study, area_id=area_id, wave=wave_from, types=types)
    G1 = build_graph(study, area_id=area_id, wave=wave_to, types=types)
    e0, e1 = set(G0.edges), set(G1.edges)
    allg = {**{v: G0.nodes[v].get(attr) for v in G0}, **{v: G1.nodes[v].get(attr) for v in G1}}
    rows: dict = {}
    for status, edges in (("kept", e0 & e1), ("added", e1 - e0), ("dropped", e0 - e1)):
        for u, v in edges:
            key = (allg.get(u), allg.get(v))
            rows.setdefault(key, {"added": 0, "dropped": 0, "kept": 0})[status] += 1
    ties = pd.DataFrame([{f"source_{attr}": k[0], f"target_{attr}": k[1], **c}
                         for k, c in rows.items()],
                        columns=[f"source_{attr}", f"target_{attr}", "added", "dropped", "kept"])
    ties["before"] = ties["kept"] + ties["dropped"]
    ties["after"] = ties["kept"] + ties["added"]
    ties = ties[[f"source_{attr}", f"target_{attr}", "before", "after", "added", "dropped",
                 "kept"]].sort_values([f"source_{attr}", f"target_{attr}"]).reset_index(drop=True)

    def measures(G):
        m = {"actors": G.number_of_nodes(), "ties": G.number_of_edges(),
             "density": nx.density(G) if G.number_of_nodes() > 1 else 0.0}
        m["ei_index"] = ei_index(G, attr) if G.number_of_edges() else float("nan")
        m["tripartite_share"] = tripartite_closure(G)["share"]
        return m

    a, b = measures(G0), measures(G1)
    meas = pd.DataFrame({"measure": list(a), "before": list(a.values()),
                         "after": list(b.values())})
    meas["change"] = meas["after"] - meas["before"]
    return {"ties": ties, "measures": meas, "wave_from": wave_from, "wave_to": wave_to}
