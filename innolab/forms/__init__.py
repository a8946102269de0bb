"""The self-assessment checklist as forms (fillable PDF, printable PDF, XLSX) and reading filled
forms back into ``assessments`` rows."""
