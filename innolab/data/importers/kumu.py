"""Importing a Kumu map (stakeholder or system map) from its Excel workbook.

Kumu's import workbook (BRIEF §7) has an ``Elements`` sheet — ``Label`` in A1 (or a leading
``ID``), then ``Type``, ``Description``, ``Tags`` and any fields — and a ``Connections`` sheet with
``From``, ``To``, then ``Type``, ``Direction`` (``directed``, ``undirected``, ``mutual``),
``Label``, ``Strength``, …. Connections name elements by ``ID`` when the Elements sheet has one,
else by ``Label``. Several values in a cell are separated by ``|`` (give ``separator: "|"`` in the
mapping's field). Sheets whose names contain "(ignore)" are skipped, as Kumu does.
"""

from __future__ import annotations

from pathlib import Path

from innolab.data.importers.graph import Layout, read_node_edge_tables
from innolab.data.importers.mapping import Collector, Mapping, check_keys
from innolab.data.importers.model import Imported
from innolab.data.importers.tables import read_xlsx_sheets

__all__ = ["KUMU", "read_kumu"]

KUMU = Layout(nodes="elements", edges="connections", id_column="ID", label_column="Label",
              source="From", target="To", direction="Direction",
              undirected=("undirected", "mutual"), weight="Strength")


def read_kumu(path, mapping: Mapping, out: Collector, wave: int) -> Imported:
    """Read a Kumu workbook into an :class:`Imported`.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` workbook.
    mapping : Mapping
        The checked mapping file (sections ``elements`` and ``connections``).
    out : Collector
        Where problems go.
    wave : int
        The wave of the ties.

    Returns
    -------
    Imported
    """
    path = Path(path)
    check_keys(mapping.data, ("source", "wave", "areas", "elements", "connections"), "",
               mapping.path, out)
    imported = Imported(source=str(path))
    if not path.is_file():
        out.add(str(path), None, None, None, "a Kumu workbook (.xlsx); none exists here")
        return imported
    sheets = {name: rows for name, rows in read_xlsx_sheets(path, out).items()
              if "(ignore)" not in name.lower()}
    elements = _sheet(sheets, "elements", ("Label", "ID"))
    connections = _sheet(sheets, "connections", ("From",))
    if elements is None:
        if sheets:
            out.add(path.name, None, None, ", ".join(sheets), "a sheet 'Elements' with Label "
                    "(or ID) in A1")
        return imported
    return read_node_edge_tables(elements, connections, mapping, out, wave, KUMU, imported)


def _sheet(sheets: dict, name: str, first: tuple):
    for title, rows in sheets.items():
        if title.strip().lower() == name:
            return rows
    for rows in sheets.values():
        if rows.header and rows.header[0] in first:
            return rows
    return None
