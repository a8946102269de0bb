"""Evidence for Interreg Central Baltic: the programme indicators of BRIEF §4 and the evidence
pack built from them, as data that the report layer shows and writes."""
