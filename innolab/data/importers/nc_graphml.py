"""A Network Canvas GraphML export read into the tables of its CSV export.

Network Canvas writes one ``<graph>`` per interview, with the session on the graph's attributes
(``nc:caseId``, ``nc:sessionUUID``, … in the namespace ``http://schema.networkcanvas.com/xmlns``)
and the ego's variables as the graph's own ``<data>`` (among them ``networkCanvasUUID``, the
ego's id). Each ``<node>`` has the data ``networkCanvasType`` (the node type's name) and
``networkCanvasUUID``; each ``<edge>`` its ``source`` and ``target`` node ids and its type.
``<key>`` elements give each data key's variable name (``attr.name``); a categorical variable is
one boolean key per option (``sector_people``), as in the CSV export. :func:`graphml_tables`
returns the same ego, node and edge tables as the CSV files, so one mapping file reads both.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from innolab.data.importers.mapping import Collector
from innolab.data.importers.tables import Rows

__all__ = ["graphml_tables"]

_G = "{http://graphml.graphdrawing.org/xmlns}"
_NC = "{http://schema.networkcanvas.com/xmlns}"
_TYPE, _UUID = "networkCanvasType", "networkCanvasUUID"


def _data(element, names: dict) -> dict:
    return {names.get(d.get("key"), d.get("key")): (d.text or "").strip()
            for d in element.findall(f"{_G}data")}


def _rows(label: str, rows: list) -> Rows:
    header = list(dict.fromkeys(k for _, r in rows for k in r))
    return Rows(label, header, rows)


def graphml_tables(path: Path, out: Collector) -> dict[str, list[tuple[str, Rows]]]:
    """The ego, node and edge tables of a Network Canvas GraphML file.

    Parameters
    ----------
    path : pathlib.Path
        The ``.graphml`` file.
    out : Collector
        Where problems go (a file that is not GraphML).

    Returns
    -------
    dict
        ``{"ego": [("", Rows)], "nodes": [(node type, Rows), …], "edges": [(edge type, Rows),
        …]}``; a row number is the element's place among those of its kind (1 = the first).
    """
    tables: dict[str, list] = {"ego": [], "nodes": [], "edges": []}
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        out.add(path.name, None, None, None, f"a GraphML file: {exc}")
        return tables
    names = {k.get("id"): k.get("attr.name") or k.get("id") for k in root.iter(f"{_G}key")}
    egos, nodes, edges = [], {}, {}
    for graph in root.iter(f"{_G}graph"):
        ego = _data(graph, names)
        ego_id = ego.pop(_UUID, "") or graph.get(f"{_NC}sessionUUID") or graph.get("id", "")
        case = (graph.get(f"{_NC}caseId") or graph.get(f"{_NC}caseID")
                or root.get(f"{_NC}caseID") or root.get(f"{_NC}caseId") or ego_id)
        egos.append((len(egos) + 1, {"networkCanvasEgoUUID": ego_id, "networkCanvasCaseID": case,
                                     **ego}))
        uuid_of = {}
        for node in graph.findall(f"{_G}node"):
            d = _data(node, names)
            kind = d.pop(_TYPE, "") or "Node"
            uuid_of[node.get("id")] = d.get(_UUID) or node.get("id")
            rows = nodes.setdefault(kind, [])
            rows.append((len(rows) + 1, {"nodeID": node.get("id", ""),
                                         "networkCanvasEgoUUID": ego_id,
                                         _UUID: uuid_of[node.get("id")], **d}))
        for edge in graph.findall(f"{_G}edge"):
            d = _data(edge, names)
            kind = d.pop(_TYPE, "") or "Edge"
            s, t = edge.get("source", ""), edge.get("target", "")
            rows = edges.setdefault(kind, [])
            rows.append((len(rows) + 1, {
                "edgeID": edge.get("id", ""), "from": s, "to": t, "networkCanvasEgoUUID": ego_id,
                "networkCanvasSourceUUID": uuid_of.get(s, s),
                "networkCanvasTargetUUID": uuid_of.get(t, t), **d}))
    tables["ego"].append(("", _rows(f"{path.name}:ego", egos)))
    tables["nodes"] = [(k, _rows(f"{path.name}:{k} nodes", r)) for k, r in nodes.items()]
    tables["edges"] = [(k, _rows(f"{path.name}:{k} edges", r)) for k, r in edges.items()]
    return tables
