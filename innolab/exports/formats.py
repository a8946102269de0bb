"""Writing an export graph in the file forms other network tools read (BRIEF §7).

One function per form turns a graph of :func:`innolab.exports.network.export_graph` into files
(name suffix → bytes); :func:`write_exports` writes one set of files per area (or the whole
study) and wave, each file atomically. The forms:

* ``graphml`` — GraphML with typed keys (networkx, R igraph ``read_graph(format="graphml")``,
  Gephi, Cytoscape);
* ``gexf`` — GEXF 1.2draft with typed attributes (Gephi; networkx writes no GEXF 1.3);
* ``kumu`` — a Kumu workbook: sheet ``Elements`` (``Label`` in A1, then ``Type``,
  ``Description``, ``Tags`` and the attributes) and sheet ``Connections`` (``From``, ``To``,
  ``Type``, ``Strength``); several values in a cell are separated by ``|``;
* ``csv`` — Gephi's spreadsheet import: a nodes table (``Id``, ``Label``, attributes) and an edges
  table (``Source``, ``Target``, ``Type`` = ``Directed``, ``Weight``, ``Label``);
* ``pajek`` — a Pajek ``.net`` file of arcs with weights (Pajek, UCINET, R igraph
  ``read_graph(format="pajek")``); it holds ids and weights only.

Every file carries actor ids (pseudonyms) and codes only, never a name.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import networkx as nx

from innolab.data.files import atomic_write
from innolab.errors import ParameterError
from innolab.exports.network import NODE_ATTRIBUTES, NODE_MEASURES, export_graph

__all__ = ["FORMATS", "graphml", "gexf", "kumu", "gephi_csv", "pajek", "export_files",
           "write_exports"]

#: Kumu's separator of several values in one cell.
KUMU_SEPARATOR = "|"


def _columns(G: nx.DiGraph) -> list[str]:
    return [c for c in (*NODE_ATTRIBUTES, *NODE_MEASURES)
            if any(c in d for _, d in G.nodes(data=True))]


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def graphml(G: nx.DiGraph) -> dict[str, bytes]:
    """The graph as GraphML: ``{".graphml": bytes}``.

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.

    Returns
    -------
    dict of str to bytes
    """
    buf = io.BytesIO()
    nx.write_graphml(G, buf, encoding="utf-8", prettyprint=True)
    return {".graphml": buf.getvalue()}


def gexf(G: nx.DiGraph) -> dict[str, bytes]:
    """The graph as GEXF 1.2draft with typed node and edge attributes: ``{".gexf": bytes}``.

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.

    Returns
    -------
    dict of str to bytes
    """
    H = G.copy()
    H.graph = {}  # GEXF has no typed graph attributes; area and wave are in the file name
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    return {".gexf": buf.getvalue()}


def kumu(G: nx.DiGraph) -> dict[str, bytes]:
    """The graph as a Kumu workbook: ``{"_kumu.xlsx": bytes}``.

    ``Elements``: ``Label`` (the actor id), ``Type`` (``individual`` / ``organisation``),
    ``Description`` (empty: Kumu shows it as prose, and innolab writes no prose about a person),
    ``Tags`` (sector and kind, ``|``-separated), then the attributes and measures.
    ``Connections``: ``From``, ``To``, ``Type`` (the tie types, ``|``-separated), ``Strength``
    (the summed weight).

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.

    Returns
    -------
    dict of str to bytes
    """
    from openpyxl import Workbook

    wb = Workbook()
    el = wb.active
    el.title = "Elements"
    cols = [c for c in _columns(G) if c != "type"]
    el.append(["Label", "Type", "Description", "Tags", *cols])
    for node, d in G.nodes(data=True):
        tags = KUMU_SEPARATOR.join(str(d[k]) for k in ("sector", "kind") if k in d)
        el.append([node, d.get("type"), None, tags or None,
                   *[_value(d.get(c)) for c in cols]])
    co = wb.create_sheet("Connections")
    co.append(["From", "To", "Type", "Strength"])
    for u, v, d in G.edges(data=True):
        co.append([u, v, d["types"].replace(";", KUMU_SEPARATOR), d["weight"]])
    buf = io.BytesIO()
    wb.save(buf)
    return {"_kumu.xlsx": buf.getvalue()}


def _value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _csv_bytes(rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def gephi_csv(G: nx.DiGraph) -> dict[str, bytes]:
    """The graph as Gephi's spreadsheet import: ``{"_nodes.csv": …, "_edges.csv": …}``.

    Nodes: ``Id``, ``Label`` (both the actor id), then the attributes and measures. Edges:
    ``Source``, ``Target``, ``Type`` (``Directed``), ``Weight``, ``Label`` (the tie types, ``;``
    separated). UTF-8, ``,``-separated; a missing value is an empty cell.

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.

    Returns
    -------
    dict of str to bytes
    """
    cols = _columns(G)
    nodes = [["Id", "Label", *cols]]
    nodes += [[n, n, *[_cell(d.get(c)) for c in cols]] for n, d in G.nodes(data=True)]
    edges = [["Source", "Target", "Type", "Weight", "Label"]]
    edges += [[u, v, "Directed", _cell(d["weight"]), d["types"]]
              for u, v, d in G.edges(data=True)]
    return {"_nodes.csv": _csv_bytes(nodes), "_edges.csv": _csv_bytes(edges)}


def pajek(G: nx.DiGraph) -> dict[str, bytes]:
    """The graph as a Pajek ``.net`` file (vertices by actor id, arcs with weights).

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.

    Returns
    -------
    dict of str to bytes
    """
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    H.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in G.edges(data=True))
    text = "\n".join(nx.generate_pajek(H)) + "\n"
    return {".net": text.encode("utf-8")}


#: Export form → writer.
FORMATS = {"graphml": graphml, "gexf": gexf, "kumu": kumu, "csv": gephi_csv, "pajek": pajek}


def export_files(G: nx.DiGraph, format: str) -> dict[str, bytes]:
    """The files of one graph in one form: name suffix → bytes.

    Parameters
    ----------
    G : networkx.DiGraph
        An export graph.
    format : str
        A key of :data:`FORMATS`.

    Returns
    -------
    dict of str to bytes
    """
    if format not in FORMATS:
        raise ParameterError(f"Unknown export format {format!r}: expected one of "
                             f"{', '.join(FORMATS)}.")
    return FORMATS[format](G)


def write_exports(study, out_dir, format: str, areas=None, wave=None) -> list[Path]:
    """Write the network of each area (or of the whole study) and wave in one form.

    Parameters
    ----------
    study : innolab.Study
        The study.
    out_dir : str or pathlib.Path
        The folder to write into (created).
    format : {"graphml", "gexf", "kumu", "csv", "pajek"}
        The file form.
    areas : list of str, optional
        One set of files per area; ``None`` is one set for the whole study (cross-area ties
        kept).
    wave : int, optional
        Only this wave; ``None`` is one set per wave of the study.

    Returns
    -------
    list of pathlib.Path
        The files written, named ``<study>_<area or "study">_wave<N><suffix>``.

    Raises
    ------
    ParameterError
        For an unknown format, area or wave; nothing is written then.
    """
    if format not in FORMATS:
        raise ParameterError(f"Unknown export format {format!r}: expected one of "
                             f"{', '.join(FORMATS)}.")
    targets = [None] if areas is None else [study.check_area(a) for a in areas]
    if wave is not None:
        try:
            wave = int(wave)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"wave must be a whole number, not {wave!r}.") from exc
        if wave not in study.wave_ids:
            raise ParameterError(f"Unknown wave {wave}: the study has waves "
                                 f"{', '.join(map(str, study.wave_ids)) or 'none'}.")
    waves = [wave] if wave is not None else (study.wave_ids or [None])
    files: dict[Path, bytes] = {}
    out = Path(out_dir)
    for area_id in targets:
        for w in waves:
            G = export_graph(study, area_id=area_id, wave=w)
            stem = f"{study.name}_{area_id or 'study'}_wave{G.graph['wave']}"
            for suffix, data in FORMATS[format](G).items():
                files[out / f"{stem}{suffix}"] = data
    # every graph is built before the first file is written: a bad parameter writes nothing
    return [atomic_write(path, data) for path, data in files.items()]
