"""Running the report notebooks: jobs, executors (local pool, Dask), cache keys, one
execute-and-place for every job, the index page and the manifest."""
