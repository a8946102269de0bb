"""Where jobs run: a pool of worker processes on this machine, or a Dask distributed cluster.

An executor takes ``[(index, job), …]``, the number of workers, the scheduler address, a
callback ``finished(index, result)`` and, for workers without a shared disk, the run's
``files`` (:func:`~innolab.pipeline.jobs.bundle`); the registry :data:`EXECUTORS` names them.
"""

from __future__ import annotations

from innolab.errors import ParameterError

from .execute import warm_worker
from .jobs import run_job

__all__ = ["EXECUTORS", "run_serial", "run_local", "run_dask"]


def run_serial(jobs, workers, scheduler, finished, files=None) -> None:
    """One job after another in this process."""
    for i, job in jobs:
        finished(i, run_job(job))


def run_local(jobs, workers, scheduler, finished, files=None) -> None:
    """A pool of worker processes; an interrupt cancels what has not started."""
    if workers == 1:
        return run_serial(jobs, workers, scheduler, finished)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                               initializer=warm_worker, initargs=(True,))
    try:
        futures = {pool.submit(run_job, job): i for i, job in jobs}
        for fut in as_completed(futures):
            finished(futures[fut], fut.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(jobs, workers, scheduler, finished, files=None) -> None:
    """Send the jobs to a Dask distributed scheduler and collect them as they finish.

    With ``files`` (no shared disk) they go to every worker once (``Client.scatter`` with
    ``broadcast``) and each job runs on its worker's disk (:func:`~innolab.pipeline.jobs.run_job`).
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        raise ParameterError("The dask executor needs the 'distributed' package: "
                             "pip install 'innolab[cluster]'.") from exc
    try:
        client = Client(scheduler, timeout=30)
    except OSError as exc:
        raise ParameterError(f"Cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        extra = [client.scatter(files, broadcast=True)] if files is not None else []
        futures = {client.submit(run_job, job, *extra, pure=False,
                                 key=f"innolab-{i}-{job.key[:12]}"): i for i, job in jobs}
        for fut in as_completed(list(futures)):
            finished(futures[fut], fut.result())


#: Executor name → function.
EXECUTORS = {"local": run_local, "dask": run_dask}
