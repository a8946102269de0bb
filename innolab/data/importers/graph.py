"""A network as a node table and an edge table (Kumu, Gephi) into actors and ties.

Kumu's Elements and Connections and Gephi's nodes and edges tables have the same shape: one row
per actor, with an id or label the edges refer to, and one row per edge between two of them.
:func:`read_node_edge_tables` reads both with the mapping's node section (``elements`` /
``nodes``) and edge section (``connections`` / ``edges``).
"""

from __future__ import annotations

from dataclasses import dataclass

from innolab.data.importers.ids import KEEP_ID, name_key
from innolab.data.importers.mapping import Collector, Mapping, check_keys, make_field
from innolab.data.importers.model import ACTOR_FIELDS, Imported, ImportedActor, ImportedTie
from innolab.data.importers.tables import Rows

__all__ = ["Layout", "read_node_edge_tables"]

_EDGE_KEYS = ("tie_type", "weight", "wave", "undirected")


@dataclass(frozen=True)
class Layout:
    """The column names of a tool's node and edge tables and the names of the mapping sections."""

    nodes: str  # mapping section of the node table: "elements" (Kumu) or "nodes" (Gephi)
    edges: str  # mapping section of the edge table: "connections" or "edges"
    id_column: str | None  # the node id the edges refer to (Kumu: ID when present, else Label)
    label_column: str
    source: str
    target: str
    direction: str  # the column saying whether an edge is directed
    undirected: tuple  # its values (lower case) that mean "undirected"
    weight: str  # the usual weight column


def read_node_edge_tables(nodes: Rows, edges: Rows | None, mapping: Mapping, out: Collector,
                          wave: int, layout: Layout, imported: Imported) -> Imported:
    """Read a node table and an edge table into ``imported``.

    Parameters
    ----------
    nodes, edges : Rows
        The tables (``edges`` may be None: a map without connections).
    mapping : Mapping
        The checked mapping file.
    out : Collector
        Where problems go.
    wave : int
        The wave of the ties unless the edge section's ``wave`` reads it from a column.
    layout : Layout
        The tool's column names.
    imported : Imported
        Filled and returned.

    Returns
    -------
    Imported
    """
    node_map = check_keys(mapping.data.get(layout.nodes), ("name", "actor_id", *ACTOR_FIELDS),
                          layout.nodes, mapping.path, out)
    node_map = {"name": {"column": layout.label_column}, **node_map}
    fields = {n: f for n in ("name", "actor_id", *ACTOR_FIELDS) if n in node_map
              for f in [make_field(n, node_map[n], f"{layout.nodes}.{n}", mapping.path, out)]
              if f is not None}
    id_column = layout.id_column if layout.id_column in nodes.header else layout.label_column
    if id_column not in nodes.header:
        out.add(nodes.file, 1, None, ", ".join(nodes.header[:3]),
                f"a header with the column {id_column!r}")
        return imported
    keys: dict[str, str] = {}
    for num, row in nodes:
        ref = row.get(id_column, "")
        if not ref:
            out.add(nodes.file, num, id_column, "", "an id or label: every node needs one")
            continue
        if ref in keys:
            out.add(nodes.file, num, id_column, ref, f"a {id_column} used by one row only")
            continue
        values, where = {}, {"_record": (nodes.file, num, None)}
        for name in ACTOR_FIELDS:
            f = fields.get(name)
            values[name] = f.get(row, nodes.file, num, out) if f is not None else None
            if f is not None:
                where[name] = (nodes.file, num, f.column or f.where)
        name = fields["name"].get(row, nodes.file, num, out) if "name" in fields else None
        # an innolab export back in: the node's actor_id is kept as it is (ids.KEEP_ID)
        kept = (fields["actor_id"].get(row, nodes.file, num, out) if "actor_id" in fields
                else None)
        key = KEEP_ID + kept if kept else name_key(name, f"id:{ref}")
        actor = ImportedActor(key=key, name=name, values=values, where=where)
        imported.add_actor(actor)
        keys[ref] = actor.key
    if edges is None:
        return imported

    edge_map = check_keys(mapping.data.get(layout.edges), _EDGE_KEYS, layout.edges,
                          mapping.path, out)
    where = layout.edges
    tie = make_field("tie_type", edge_map.get("tie_type"), f"{where}.tie_type", mapping.path, out)
    if tie is None and edge_map.get("tie_type") is None:
        out.add(mapping.path.name, None, f"{where}.tie_type", None, "a tie type: collaboration, "
                "information, resources, advice, or {column: …} to read it from the edges")
    weight_spec = edge_map.get("weight", {"column": layout.weight}
                               if layout.weight in edges.header else None)
    weight = (make_field("weight", weight_spec, f"{where}.weight", mapping.path, out)
              if weight_spec is not None else None)
    wave_f = (make_field("wave", edge_map["wave"], f"{where}.wave", mapping.path, out)
              if "wave" in edge_map else None)
    both = edge_map.get("undirected", "both")
    if both not in ("both", "one"):
        out.add(mapping.path.name, None, f"{where}.undirected", both,
                "both (an undirected edge is a tie each way) or one (as the row has it)")
    for col in (layout.source, layout.target):
        if col not in edges.header:
            out.add(edges.file, 1, None, col, f"a column {col!r} naming the edge's end")
            return imported
    for num, row in edges:
        ends = []
        for col in (layout.source, layout.target):
            ref = row.get(col, "")
            if ref not in keys:
                out.add(edges.file, num, col, ref, f"a {id_column} of the node table "
                        f"({nodes.file})")
            ends.append(keys.get(ref))
        t = tie.get(row, edges.file, num, out) if tie is not None else None
        w = weight.get(row, edges.file, num, out) if weight is not None else None
        v = wave_f.get(row, edges.file, num, out) if wave_f is not None else wave
        if None in ends or t is None or v is None:
            continue
        w = 1.0 if w is None else w
        imported.add_tie(ImportedTie(ends[0], ends[1], t, v, w, where=(edges.file, num, None)))
        direction = row.get(layout.direction, "").strip().lower()
        if direction in layout.undirected and both == "both":
            imported.add_tie(ImportedTie(ends[1], ends[0], t, v, w,
                                         where=(edges.file, num, None)))
    return imported
