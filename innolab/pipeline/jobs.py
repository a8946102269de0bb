"""The jobs of a run: one notebook for one area (or the study), its cache key and its result.

A job is plain data that a worker process (or a Dask worker) can receive. Its key is the SHA-256
of what its output depends on — the data files its notebook reads, the notebook, its parameters
and the innolab version — so that an unchanged job is not run again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from innolab.data.study import Study

from .execute import execute_and_place
from .notebooks import notebook_tables

__all__ = ["Job", "JobResult", "RunResult", "job_key", "previous_jobs", "unchanged", "run_job"]


@dataclass
class JobResult:
    """The outcome of one notebook execution."""

    notebook: str
    area_id: str | None
    status: str  # "ok" or "failed"
    seconds: float
    html: str | None  # path relative to the output folder
    ipynb: str  # path relative to the output folder
    error: str | None = None
    key: str = ""  # what the job's output depends on (see job_key)
    skipped: bool = False  # unchanged since the last successful run: not executed again


@dataclass
class RunResult:
    """The outcome of a run: one :class:`JobResult` per job."""

    out_dir: Path
    jobs: list[JobResult] = field(default_factory=list)

    @property
    def failed(self) -> list[JobResult]:
        """The jobs that failed."""
        return [j for j in self.jobs if j.status != "ok"]

    @property
    def ok(self) -> bool:
        """True when every job succeeded."""
        return not self.failed


@dataclass(frozen=True)
class Job:
    """One notebook execution, as plain data that a worker process can receive."""

    nb_path: Path
    nb_name: str
    area_id: str | None
    study_dir: str
    out_dir: str
    lang: str
    timeout: int
    title: str
    key: str = ""
    internal: bool = False  # exact counts of individuals (not for sharing)
    threshold: int = 5  # counts of fewer individuals are suppressed unless internal
    fresh_kernels: bool = False  # a new kernel for this report instead of the worker's warm one
    cache: str | None = None  # the run's folder of study-wide results (innolab.data.cache)


def job_key(study: Study, nb_path: Path, area_id: str | None, lang: str, *,
            internal: bool = False, threshold: int = 5) -> str:
    """SHA-256 of what a job's output depends on.

    Parameters
    ----------
    study : Study
        The study (its files' hashes).
    nb_path : pathlib.Path
        The notebook; only the data files it reads count (all of them when it does not say).
    area_id : str or None
        The area of a per-area job.
    lang : str
        The language.
    internal : bool
        Exact counts of individuals (an internal report).
    threshold : int
        The threshold of small-cell suppression.

    Returns
    -------
    str
    """
    from innolab import __version__

    tables = notebook_tables(nb_path)
    files = {name: digest for name, digest in sorted(study.files.items())
             if tables is None or name in ("study.yaml", "study.xlsx")
             or Path(name).stem in tables}
    payload = {"innolab": __version__, "files": files,
               "notebook": hashlib.sha256(Path(nb_path).read_bytes()).hexdigest(),
               "parameters": {"study_dir": str(study.path), "area_id": area_id, "lang": lang,
                              "internal": bool(internal), "threshold": threshold}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def previous_jobs(out_dir: Path) -> dict:
    """(notebook, area_id) → the job entry of the last manifest (empty when there is none).

    Parameters
    ----------
    out_dir : pathlib.Path
        The run's output folder.

    Returns
    -------
    dict
    """
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        return {(j["notebook"], j["area_id"]): j for j in manifest.get("jobs", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def unchanged(job: Job, previous: dict, out_dir: Path) -> JobResult | None:
    """The job's earlier result when its key is unchanged and its outputs are in place.

    Parameters
    ----------
    job : Job
        The job.
    previous : dict
        :func:`previous_jobs` of the output folder.
    out_dir : pathlib.Path
        The run's output folder.

    Returns
    -------
    JobResult or None
    """
    prev = previous.get((job.nb_name, job.area_id))
    if not prev or prev.get("status") != "ok" or prev.get("key") != job.key:
        return None
    if not all(prev.get(k) and (out_dir / prev[k]).is_file() for k in ("html", "ipynb")):
        return None
    return JobResult(job.nb_name, job.area_id, "ok", 0.0, prev["html"], prev["ipynb"],
                     key=job.key, skipped=True)


def run_job(job: Job) -> JobResult:
    """Execute one job's notebook and put its notebook and page in place.

    Parameters
    ----------
    job : Job
        The job.

    Returns
    -------
    JobResult
        Status ``"ok"``, or ``"failed"`` with the error (the executed notebook is kept).
    """
    out_dir = Path(job.out_dir)
    job_out = out_dir / (job.area_id or "study")
    params = {"study_dir": job.study_dir, "output_dir": str(job_out), "lang": job.lang,
              "internal": job.internal, "threshold": job.threshold}
    if job.area_id is not None:
        params["area_id"] = job.area_id
    placed = execute_and_place(job.nb_path, params, job_out, job.nb_name, job.title, job.timeout,
                               warm=not job.fresh_kernels, cache=job.cache)
    html = placed.html.relative_to(out_dir).as_posix() if placed.html else None
    return JobResult(job.nb_name, job.area_id, "ok" if placed.ok else "failed", placed.seconds,
                     html, placed.ipynb.relative_to(out_dir).as_posix(), placed.error,
                     key=job.key)
