"""Networks and tables out to other tools: GraphML, GEXF, Kumu, Gephi CSV and Pajek files.

The layer sits between ``evidence`` and ``reports``: it reads a :class:`~innolab.Study` through
the analysis layer and writes codes, ids and numbers only (no language, no names).
:func:`write_exports` is the entry point; :mod:`innolab.exports.network` builds the graph an
export carries and :mod:`innolab.exports.formats` writes each form.
"""

from innolab.exports.formats import FORMATS, export_files, write_exports
from innolab.exports.network import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, NODE_MEASURES, export_graph

__all__ = ["FORMATS", "EDGE_ATTRIBUTES", "NODE_ATTRIBUTES", "NODE_MEASURES", "export_files",
           "export_graph", "write_exports"]
