"""The network an export carries: the actor graph of an area or the whole study in one wave, with
the per-actor measures of the network reports on every node.

:func:`export_graph` starts from :func:`innolab.analysis.network.build_graph` (actors keyed by
their pseudonymous ``actor_id``; names never enter the graph) and keeps only the attributes in
:data:`NODE_ATTRIBUTES`. ``target_group`` is left out on purpose: for a person it can say, e.g.,
that they live with a disability, which does not belong in a file passed to other tools.
"""

from __future__ import annotations

import math

import networkx as nx

from innolab.analysis import network

__all__ = ["NODE_ATTRIBUTES", "NODE_MEASURES", "EDGE_ATTRIBUTES", "export_graph"]

#: Node attributes taken from the study (codes, never names), in the order files show them.
NODE_ATTRIBUTES = ("sector", "type", "kind", "area_id", "country", "kehra_member")
#: Per-actor measures added to every node: distinct contacts, the Gould–Fernandez brokerage role
#: counts (groups = sector) and their total, Burt's constraint and effective size (unweighted,
#: as in the network report's key actors).
NODE_MEASURES = ("degree", "in_degree", "out_degree", *network.ROLES, "brokerage_total",
                 "constraint", "effective_size")
#: Edge attributes: summed tie weight and the tie types joined with ``;`` (as ``build_graph``).
EDGE_ATTRIBUTES = ("weight", "types")


def _present(value) -> bool:
    if value is None:
        return False
    return not (isinstance(value, float) and math.isnan(value))


def export_graph(study, area_id: str | None = None, wave: int | None = None) -> nx.DiGraph:
    """The directed, weighted actor graph of one area (or the whole study) and wave, for export.

    Parameters
    ----------
    study : innolab.Study
        The study.
    area_id : str, optional
        Only this area's actors and the ties among them; ``None`` is the whole study.
    wave : int, optional
        The wave of ties; ``None`` is the latest wave with ties (as ``build_graph``).

    Returns
    -------
    networkx.DiGraph
        The nodes and arcs of ``build_graph(study, area_id, wave)``. Node attributes: those of
        :data:`NODE_ATTRIBUTES` that are given (a missing value is left out, not written as
        empty) and :data:`NODE_MEASURES` (``constraint`` is left out for an actor without
        contacts, where it is undefined). Arc attributes: ``weight`` (float) and ``types``. Graph
        attributes: ``area_id`` (``""`` for the whole study) and ``wave``.

    Raises
    ------
    ParameterError
        For an unknown area or wave.
    """
    G = network.build_graph(study, area_id=area_id, wave=wave)
    out = nx.DiGraph(area_id=area_id or "", wave=-1 if G.graph["wave"] is None
                     else int(G.graph["wave"]))
    for node, data in G.nodes(data=True):
        attrs = {k: data[k] for k in NODE_ATTRIBUTES if _present(data.get(k))}
        if "kehra_member" in attrs:
            attrs["kehra_member"] = bool(attrs["kehra_member"])
        out.add_node(str(node), **attrs)
    for u, v, data in G.edges(data=True):
        out.add_edge(str(u), str(v), weight=float(data["weight"]), types=str(data["types"]))
    if out.number_of_nodes():
        _add_measures(out)
    return out


def _add_measures(G: nx.DiGraph) -> None:
    bro = network.brokerage(G, "sector").set_index("actor_id")
    con = network.constraint(G).set_index("actor_id")
    es = network.effective_size(G).set_index("actor_id")
    for node in G.nodes:
        d = G.nodes[node]
        d["degree"] = int(con.at[node, "degree"])
        d["in_degree"] = int(G.in_degree(node))
        d["out_degree"] = int(G.out_degree(node))
        for role in network.ROLES:
            d[role] = int(bro.at[node, role])
        d["brokerage_total"] = int(bro.at[node, "total"])
        c = float(con.at[node, "constraint"])
        if _present(c):
            d["constraint"] = c
        d["effective_size"] = float(es.at[node, "effective_size"])
