"""Importing a Network Canvas CSV export (Interviewer / Fresco): egos, alters and their ties.

The CSV export (a folder, or the ``.zip`` as exported) holds per interview — or merged over
interviews — an ego file ``<caseId>_<sessionId>_ego.csv``, one
``<caseId>_<sessionId>_attributeList_<NodeType>.csv`` per node type and one
``…_edgeList_<EdgeType>.csv`` per edge type (BRIEF §7). Rows belong together by
``networkCanvasEgoUUID``; edges name their nodes by ``networkCanvasSourceUUID`` /
``networkCanvasTargetUUID`` (or, in older exports, by ``from`` / ``to`` = ``nodeID``).

Each interview's ego becomes an actor, and so does each alter; the ego names every alter, which
gives an ego → alter tie (type from the mapping: ``nodes.<Type>.tie``, else ``ego_tie``); an
alter–alter edge becomes a tie from → to of the type ``edges.<EdgeType>`` gives. A categorical
variable's TRUE/FALSE option columns (``sector_people``, ``sector_public`` …) are read as one
value (see :class:`~innolab.data.importers.mapping.Field`). The export's GraphML files (a
``.graphml`` file, or a folder of them without CSV files) are read into the same tables
(:mod:`innolab.data.importers.nc_graphml`), so one mapping file serves both.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from innolab.data.importers.ids import name_key
from innolab.data.importers.mapping import Collector, Mapping, check_keys, make_field
from innolab.data.importers.model import ACTOR_FIELDS, Imported, ImportedActor, ImportedTie
from innolab.data.importers.nc_graphml import graphml_tables
from innolab.data.importers.tables import Rows, read_csv_rows

__all__ = ["read_network_canvas"]

_EGO = re.compile(r"^(?P<prefix>.*?)_?ego\.csv$", re.IGNORECASE)
_NODES = re.compile(r"^(?P<prefix>.*)_attributeList_(?P<type>.+)\.csv$")
_EDGES = re.compile(r"^(?P<prefix>.*)_edgeList_(?P<type>.+)\.csv$")
_EGO_ID = "networkCanvasEgoUUID"
_UUID = "networkCanvasUUID"


def _files(path: Path, out: Collector) -> dict[str, bytes]:
    if path.is_file() and path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            return {Path(n).name: z.read(n) for n in z.namelist() if n.lower().endswith(".csv")}
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.rglob("*.csv"))}
    out.add(str(path), None, None, None, "a Network Canvas export: its CSV folder or .zip, or "
            "its .graphml file")
    return {}


def _fields(m: Mapping, section: dict, where: str, names, out: Collector) -> dict:
    return {n: f for n in names if n in section
            for f in [make_field(n, section[n], f"{where}.{n}", m.path, out)] if f is not None}


def _actor(fields: dict, row: dict, file: str, num: int, out: Collector, key_fallback: str,
           inherit: dict | None = None, own: bool = True) -> ImportedActor | None:
    values, where = {}, {"_record": (file, num, None)}
    for name in ACTOR_FIELDS:
        f = fields.get(name)
        v = f.get(row, file, num, out) if f is not None else None
        if v is None and inherit is not None:
            v = inherit.get(name)
        values[name] = v
        if f is not None:
            where[name] = (file, num, f.column or f.where)
    name = fields["name"].get(row, file, num, out) if "name" in fields else None
    key = name_key(name, key_fallback)
    return ImportedActor(key=key, name=name, values=values, where=where, own=own)


def read_network_canvas(path, mapping: Mapping, out: Collector, wave: int) -> Imported:
    """Read a Network Canvas CSV export (or its GraphML) into an :class:`Imported`.

    Parameters
    ----------
    path : str or pathlib.Path
        The export folder or ``.zip``, or the export's ``.graphml`` file.
    mapping : Mapping
        The checked mapping file (sections ``ego``, ``nodes``, ``edges``, ``ego_tie``).
    out : Collector
        Where problems go.
    wave : int
        The wave of the ties (unless ``ego.wave`` reads it from an ego variable).

    Returns
    -------
    Imported
    """
    path = Path(path)
    imported = Imported(source=str(path))
    tables: dict[str, list[tuple[str, Rows]]] = {"ego": [], "nodes": [], "edges": []}
    if path.is_file() and path.suffix.lower() == ".graphml":
        graphml = [path]
    elif path.is_dir() and not any(path.rglob("*.csv")):  # an export of GraphML files only
        graphml = sorted(path.rglob("*.graphml"))
    else:
        graphml = []
    files = {} if graphml else _files(path, out)
    for p in graphml:
        for kind, found in graphml_tables(p, out).items():
            tables[kind].extend(found)
    for name, raw in files.items():
        for kind, rx in (("nodes", _NODES), ("edges", _EDGES), ("ego", _EGO)):
            m = rx.match(name)
            if m:
                rows = read_csv_rows(raw, name, out)
                if rows is not None:
                    tables[kind].append((m.groupdict().get("type", ""), rows))
                break
    if files and not tables["ego"]:
        out.add(str(path), None, None, None, "an ego file (…_ego.csv) of a Network Canvas export")

    ego_map = check_keys(mapping.data.get("ego"), ("name", *ACTOR_FIELDS, "wave"), "ego",
                         mapping.path, out)
    check_keys(mapping.data, ("source", "wave", "areas", "ego", "nodes", "edges", "ego_tie"),
               "", mapping.path, out)
    ego_fields = _fields(mapping, ego_map, "ego", ("name", *ACTOR_FIELDS), out)
    wave_field = make_field("wave", ego_map["wave"], "ego.wave", mapping.path, out) \
        if "wave" in ego_map else None
    egos: dict[str, tuple[str, dict, int]] = {}  # egoUUID → (key, values, wave)
    for _, rows in tables["ego"]:
        for num, row in rows:
            if _EGO_ID not in row:
                out.add(rows.file, None, _EGO_ID, None, "the column networkCanvasEgoUUID of a "
                        "Network Canvas ego file")
                break
            case = row.get("networkCanvasCaseID") or row[_EGO_ID]
            a = _actor(ego_fields, row, rows.file, num, out, f"case:{case}")
            w = wave_field.get(row, rows.file, num, out) if wave_field else wave
            imported.add_actor(a)
            egos[row[_EGO_ID]] = (a.key, a.values, wave if w is None else w)

    node_maps = mapping.section("nodes")
    default_tie = mapping.data.get("ego_tie")
    node_keys: dict[tuple, str] = {}  # (egoUUID, networkCanvasUUID or nodeID) → key
    for node_type, rows in tables["nodes"]:
        spec = node_maps.get(node_type)
        if not isinstance(spec, dict):
            out.add(rows.file, None, None, node_type, "a node type listed under 'nodes' in the "
                    f"mapping file (listed: {', '.join(node_maps) or 'none'})")
            continue
        where = f"nodes.{node_type}"
        check_keys(spec, ("name", *ACTOR_FIELDS, "tie"), where, mapping.path, out)
        fields = _fields(mapping, {"name": {"column": "name"}, **spec}, where,
                         ("name", *ACTOR_FIELDS), out)
        tie_spec = spec.get("tie", default_tie)
        tie = (make_field("tie_type", tie_spec, f"{where}.tie", mapping.path, out)
               if tie_spec is not None else None)
        for num, row in rows:
            ego = egos.get(row.get(_EGO_ID, ""))
            if ego is None:
                out.add(rows.file, num, _EGO_ID, row.get(_EGO_ID),
                        "the networkCanvasEgoUUID of an interview in the ego file")
                continue
            ego_key, ego_values, ego_wave = ego
            fallback = f"node:{row.get(_UUID) or row.get('nodeID')}"
            a = _actor(fields, row, rows.file, num, out, fallback,
                       inherit={"area": ego_values.get("area")}, own=False)
            imported.add_actor(a)
            for ref in (row.get(_UUID), row.get("nodeID")):
                if ref:
                    node_keys[(row[_EGO_ID], ref)] = a.key
            t = tie.get(row, rows.file, num, out) if tie is not None else None
            if t is not None:
                imported.add_tie(ImportedTie(ego_key, a.key, t, ego_wave,
                                             where=(rows.file, num, None)))

    edge_maps = mapping.section("edges")
    for edge_type, rows in tables["edges"]:
        spec = edge_maps.get(edge_type)
        if spec is None:
            out.add(rows.file, None, None, edge_type, "an edge type listed under 'edges' in the "
                    f"mapping file (listed: {', '.join(edge_maps) or 'none'})")
            continue
        spec = spec if isinstance(spec, dict) and "column" not in spec else {"tie_type": spec}
        where = f"edges.{edge_type}"
        check_keys(spec, ("tie_type", "weight"), where, mapping.path, out)
        tie = make_field("tie_type", spec.get("tie_type"), f"{where}.tie_type", mapping.path, out)
        if tie is None and spec.get("tie_type") is None:
            out.add(mapping.path.name, None, f"{where}.tie_type", None,
                    "a tie type for this edge type: collaboration, information, resources, "
                    "advice, or {column: …}")
        weight = (make_field("weight", spec["weight"], f"{where}.weight", mapping.path, out)
                  if "weight" in spec else None)
        for num, row in rows:
            ego = egos.get(row.get(_EGO_ID, ""))
            ends = []
            for uuid_col, id_col in (("networkCanvasSourceUUID", "from"),
                                     ("networkCanvasTargetUUID", "to")):
                key = node_keys.get((row.get(_EGO_ID), row.get(uuid_col))) or node_keys.get(
                    (row.get(_EGO_ID), row.get(id_col)))
                if key is None:
                    out.add(rows.file, num, uuid_col, row.get(uuid_col) or row.get(id_col),
                            "a node of the same interview (a networkCanvasUUID of its "
                            "attributeList files)")
                ends.append(key)
            t = tie.get(row, rows.file, num, out) if tie is not None else None
            w = weight.get(row, rows.file, num, out) if weight is not None else 1.0
            if ego is None or None in ends or t is None:
                continue
            imported.add_tie(ImportedTie(ends[0], ends[1], t, ego[2],
                                         1.0 if w is None else w, where=(rows.file, num, None)))
    return imported
