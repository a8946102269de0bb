"""One import from start to end: read the mapping, read the source, merge into the study folder."""

from __future__ import annotations

from pathlib import Path

from innolab.data.importers.mapping import SOURCES, Collector, read_mapping
from innolab.data.importers.writer import ImportResult, write_import
from innolab.errors import ParameterError

__all__ = ["import_study"]


def _reader(source: str):
    if source == "network_canvas":
        from innolab.data.importers.network_canvas import read_network_canvas as read
    elif source == "kumu":
        from innolab.data.importers.kumu import read_kumu as read
    elif source == "gephi":
        from innolab.data.importers.gephi import read_gephi as read
    else:
        from innolab.data.importers.survey import read_survey as read
    return read


def import_study(source: str, path, mapping, study_dir, wave: int | None = None) -> ImportResult:
    """Import data from another tool into a study folder.

    Parameters
    ----------
    source : str
        ``network_canvas``, ``kumu``, ``gephi`` or ``survey`` (``-`` may stand for ``_``).
    path : str or pathlib.Path
        The source: a Network Canvas export folder or .zip, a Kumu .xlsx, a Gephi folder of
        node and edge tables or a .gexf / .graphml file, a survey .csv / .xlsx.
    mapping : str or pathlib.Path
        The mapping file (YAML).
    study_dir : str or pathlib.Path
        The study folder to create or add to.
    wave : int, optional
        The wave of this import; overrides ``wave`` of the mapping file.

    Returns
    -------
    ImportResult
        What was added.

    Raises
    ------
    ImportDataError
        Listing every problem of the source and the mapping; nothing is written.
    """
    source = source.replace("-", "_").lower()
    if source not in SOURCES:
        raise ParameterError(f"Unknown source {source!r}: expected one of {', '.join(SOURCES)}.")
    if wave is not None and (isinstance(wave, bool) or wave < 0):
        raise ParameterError(f"The wave must be a whole number ≥ 0, not {wave!r}.")
    out = Collector()
    m = read_mapping(mapping, source, out)
    default = m.data.get("wave", 0)
    if wave is None:
        wave = default if isinstance(default, int) and not isinstance(default, bool) else 0
    imported = _reader(source)(Path(path), m, out, wave)
    return write_import(imported, study_dir, m.areas, out, wave)
