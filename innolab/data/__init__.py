"""The data layer: the study format and everything that reads or writes study files.

``vocab`` (the codes of the shared vocabulary), ``schema`` (the tables and their columns),
``reading`` (CSV dialects and workbooks as text cells), ``validation`` (parsing cells and the rules
across rows and tables), ``study`` (:class:`~innolab.data.study.Study` and
:func:`~innolab.data.study.load_study`), ``files`` (atomic file writing) and ``synthetic`` (the
example-study generator). The layer imports nothing from the layers above it.
"""
