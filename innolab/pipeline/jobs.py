"""The jobs of a run: one notebook for one area (or the study), its cache key and its result.

A job is plain data that a worker process (or a Dask worker) can receive. Its key is the SHA-256
of what its output depends on — the data files its notebook reads, the notebook, its parameters
and the innolab version — so that an unchanged job is not run again.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from innolab.data.study import Study, study_files

from .execute import execute_and_place
from .notebooks import notebook_tables

__all__ = ["Job", "JobResult", "RunResult", "job_key", "previous_jobs", "unchanged", "run_job",
           "bundle", "place_files"]


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
    files: dict | None = None  # without a shared disk: the job's outputs, path -> bytes


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


def run_job(job: Job, files: dict | None = None) -> JobResult:
    """Execute one job's notebook and put its notebook and page in place.

    Parameters
    ----------
    job : Job
        The job.
    files : dict, optional
        :func:`bundle` of the run, for a worker that does not see the client's files (no
        shared disk): the study and the notebooks are written to this machine's temporary
        folder once, the job runs there, and its outputs come back in
        :attr:`JobResult.files` for :func:`place_files`.

    Returns
    -------
    JobResult
        Status ``"ok"``, or ``"failed"`` with the error (the executed notebook is kept).
    """
    if files is not None:
        return _run_here(job, files)
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


def bundle(study: Study, nb_paths) -> dict:
    """What a worker without the client's files needs: the study's files and the notebooks.

    Parameters
    ----------
    study : Study
        The study (the files of its folder that :func:`~innolab.data.study.load_study` reads).
    nb_paths : iterable of pathlib.Path
        The notebooks of the run.

    Returns
    -------
    dict
        ``data_hash``, ``study`` (file name → bytes), ``notebooks`` (file name → bytes).
    """
    return {"data_hash": study.data_hash,
            "study": {p.name: p.read_bytes() for p in study_files(study.path)},
            "notebooks": {Path(p).name: Path(p).read_bytes() for p in nb_paths}}


def _run_here(job: Job, files: dict) -> JobResult:
    """Run a job on a worker's own disk (see :func:`run_job`)."""
    from innolab.data.files import atomic_write

    root = Path(tempfile.gettempdir()) / "innolab-worker" / files["data_hash"][:16]
    for sub, content in (("study", files["study"]), ("notebooks", files["notebooks"])):
        for name, data in content.items():
            target = root / sub / name
            if not target.exists() or target.read_bytes() != data:
                atomic_write(target, data)
    with tempfile.TemporaryDirectory(prefix="innolab-out-") as out:
        here = replace(job, nb_path=root / "notebooks" / Path(job.nb_path).name,
                       study_dir=str(root / "study"), out_dir=out,
                       cache=str(root / "cache") if job.cache else None)
        result = run_job(here)
        result.files = {p.relative_to(out).as_posix(): p.read_bytes()
                        for p in sorted(Path(out).rglob("*")) if p.is_file()}
    return result


def place_files(result: JobResult, out_dir: Path) -> JobResult:
    """Write the outputs a worker without a shared disk sent back, each atomically.

    Parameters
    ----------
    result : JobResult
        With :attr:`JobResult.files` (nothing happens without).
    out_dir : pathlib.Path
        The run's output folder.

    Returns
    -------
    JobResult
        The result without its files.
    """
    from innolab.data.files import atomic_write

    if result.files:
        for rel, data in result.files.items():
            atomic_write(Path(out_dir) / rel, data)
    return replace(result, files=None)
