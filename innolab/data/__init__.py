"""The study format: table schemas, reading CSV dialects and workbooks, validation, the shared
vocabulary, atomic file writing and the synthetic example generator."""
