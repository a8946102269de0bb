"""Pure statistics on arrays and tables: reliability and agreement coefficients, bootstrap
intervals, Sobol sensitivity indices and small-cell suppression. Nothing here knows a Study."""
