"""Importing a network from Gephi: its node and edge spreadsheets, or a GEXF or GraphML file.

Gephi's spreadsheet import (BRIEF §7) takes a nodes table (``Id``, optional ``Label``, any
attributes) and an edges table (``Source``, ``Target``, optional ``Id``, ``Type``
``Directed``/``Undirected``, ``Weight``, ``Label``), as CSV or XLSX. Give the folder that holds
them (files whose names contain ``nodes`` and ``edges``) or one workbook with sheets ``nodes``
and ``edges``. A ``.gexf`` (1.3, typed attributes, ``viz`` ignored) or ``.graphml`` file is read
with networkx and presented in the same columns: ``Id``, ``Label`` and the node attributes by
their titles; ``Source``, ``Target``, ``Type``, ``Weight``, ``Label`` and the edge attributes.
"""

from __future__ import annotations

from pathlib import Path

from innolab.data.importers.graph import Layout, read_node_edge_tables
from innolab.data.importers.mapping import Collector, Mapping, check_keys
from innolab.data.importers.model import Imported
from innolab.data.importers.tables import Rows, read_rows, read_xlsx_sheets

__all__ = ["GEPHI", "read_gephi", "graph_file_rows"]

GEPHI = Layout(nodes="nodes", edges="edges", id_column="Id", label_column="Label",
               source="Source", target="Target", direction="Type", undirected=("undirected",),
               weight="Weight")
_TABLE_SUFFIXES = (".csv", ".xlsx")


def _text(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def graph_file_rows(path: Path, out: Collector) -> tuple[Rows, Rows] | None:
    """A GEXF or GraphML file as a nodes table and an edges table in Gephi's column names."""
    import networkx as nx

    try:
        g = nx.read_gexf(path) if path.suffix.lower() == ".gexf" else nx.read_graphml(path)
    except Exception as exc:  # networkx raises parser errors of several libraries
        out.add(path.name, None, None, None, f"a readable {path.suffix[1:].upper()} file: "
                f"{exc}".splitlines()[0])
        return None
    node_rows = []
    for i, (n, data) in enumerate(g.nodes(data=True), start=1):
        row = {"Id": str(n), "Label": _text(data.get("label", ""))}
        row.update({str(k): _text(v) for k, v in data.items()
                    if k not in ("label", "viz") and not isinstance(v, dict)})
        node_rows.append((i, row))
    kind = "Directed" if g.is_directed() else "Undirected"
    edge_rows = []
    for i, (s, t, data) in enumerate(g.edges(data=True), start=1):
        row = {"Source": str(s), "Target": str(t), "Type": kind,
               "Weight": _text(data.get("weight", "")), "Label": _text(data.get("label", ""))}
        row.update({str(k): _text(v) for k, v in data.items()
                    if k not in ("weight", "label", "viz", "id") and not isinstance(v, dict)})
        edge_rows.append((i, row))
    return (Rows(f"{path.name}:nodes", _header(node_rows, ["Id", "Label"]), node_rows),
            Rows(f"{path.name}:edges", _header(edge_rows, ["Source", "Target"]), edge_rows))


def _header(rows: list, first: list) -> list:
    return list(dict.fromkeys([*first, *(k for _, r in rows for k in r)]))


def read_gephi(path, mapping: Mapping, out: Collector, wave: int) -> Imported:
    """Read Gephi's node and edge tables, or a GEXF / GraphML file, into an :class:`Imported`.

    Parameters
    ----------
    path : str or pathlib.Path
        A folder with the nodes and edges tables, a workbook with sheets ``nodes`` and
        ``edges``, or a ``.gexf`` / ``.graphml`` file.
    mapping : Mapping
        The checked mapping file (sections ``nodes`` and ``edges``).
    out : Collector
        Where problems go.
    wave : int
        The wave of the ties.

    Returns
    -------
    Imported
    """
    path = Path(path)
    check_keys(mapping.data, ("source", "wave", "areas", "nodes", "edges"), "", mapping.path, out)
    imported = Imported(source=str(path))
    nodes = edges = None
    if path.is_dir():
        files = [p for p in sorted(path.iterdir()) if p.suffix.lower() in _TABLE_SUFFIXES]
        found = {k: [p for p in files if k in p.name.lower()] for k in ("nodes", "edges")}
        for k, ps in found.items():
            if len(ps) != 1:
                out.add(str(path), None, None, ", ".join(p.name for p in ps) or None,
                        f"one {k} table (a .csv or .xlsx file with '{k}' in its name)")
        if len(found["nodes"]) == 1:
            nodes = read_rows(found["nodes"][0], out)
        if len(found["edges"]) == 1:
            edges = read_rows(found["edges"][0], out)
    elif path.suffix.lower() in (".gexf", ".graphml") and path.is_file():
        tables = graph_file_rows(path, out)
        if tables is not None:
            nodes, edges = tables
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        sheets = {k.strip().lower(): v for k, v in read_xlsx_sheets(path, out).items()}
        nodes, edges = sheets.get("nodes"), sheets.get("edges")
        if nodes is None or edges is None:
            out.add(path.name, None, None, ", ".join(sheets), "sheets 'nodes' and 'edges'")
    else:
        out.add(str(path), None, None, None, "a folder of Gephi node and edge tables, a "
                "workbook, or a .gexf / .graphml file")
    if nodes is None:
        return imported
    return read_node_edge_tables(nodes, edges, mapping, out, wave, GEPHI, imported)
