"""Importing data from other tools into a study folder (``innolab import``).

Sources: Network Canvas CSV exports (:mod:`.network_canvas`), Kumu workbooks (:mod:`.kumu`),
Gephi spreadsheets, GEXF and GraphML (:mod:`.gephi`) and wide survey exports (:mod:`.survey`).
A mapping file (:mod:`.mapping`) says which column gives which field; :mod:`.ids` gives stable
pseudonymous actor ids; :mod:`.writer` merges the result into the study, or reports every problem
and writes nothing. :func:`innolab.data.importers.main.import_study` does it all.
"""
