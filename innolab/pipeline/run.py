"""Running the report notebooks: papermill per area, HTML without code, an index and a manifest.

``innolab run`` (and :func:`run_reports`) validates the study and the parameters first — nothing is
written when they are wrong — then executes the per-area notebooks, converts each executed notebook
to HTML without code, and writes ``index.html`` and ``manifest.json``. A failing area does not stop
the others: its executed notebook is kept with the error, the index marks it, and the run reports
the failure at the end.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.data.study import Study, load_study
from innolab.errors import InnolabError, ParameterError
from innolab.reports.output import package_versions
from innolab.reports.texts import has, label, t

__all__ = ["notebooks_dir", "discover_notebooks", "run_reports", "RunResult", "JobResult",
           "notebook_to_html", "notebook_title", "run_evidence"]

_FIRST_NOTEBOOK = "01_area_profile"
_RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def notebooks_dir() -> Path:
    """The folder of innolab's notebooks (``notebooks/`` beside the package in a checkout).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ParameterError
        When the folder cannot be found (e.g. innolab installed without its repository).
    """
    env = os.environ.get("INNOLAB_NOTEBOOKS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "notebooks")
    for c in candidates:
        if (c / f"{_FIRST_NOTEBOOK}.ipynb").exists():
            return c
    raise ParameterError(
        "Cannot find innolab's notebooks folder (looked in "
        f"{', '.join(str(c) for c in candidates)}); run from a checkout of the repository or set "
        "INNOLAB_NOTEBOOKS to the folder that holds 01_area_profile.ipynb.")


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
    key: str = ""  # what the job's output depends on (see _job_key)
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


_KERNEL_ENV = {
    # this environment's kernel spec wins over a user-wide "python3" spec, so notebooks run
    # with the interpreter (and packages) that runs innolab
    "JUPYTER_PREFER_ENV_PATH": "1",
    # headless figures, shown inline in the executed notebook
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def _kernel_manager_class(sockets_dir: str):
    """A kernel manager on IPC transport: kernels started side by side cannot race for TCP
    ports (papermill issue #511), and nothing listens on the network. It derives from the
    *async* manager that nbclient expects: with the sync one, cell timeouts are not enforced."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(Path(tempfile.mkdtemp(dir=sockets_dir)) / "k"))
            super().__init__(**kwargs)

    return IPCKernelManager


# With several kernels side by side on few cores, numeric libraries' own thread pools would
# oversubscribe the machine; one thread per kernel is faster in total.
_SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def _execute(nb_path: Path, out_ipynb: Path, parameters: dict, cwd: Path, timeout: int) -> None:
    """Run one notebook with papermill; a kernel that fails to start is retried once.

    ``timeout`` bounds the whole job: each cell may take what is left of it.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    os.environ.update(_KERNEL_ENV)
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="innolab-kernel-") as sockets:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(
                    str(nb_path), str(out_ipynb), parameters=parameters, kernel_name="python3",
                    progress_bar=False, cwd=str(cwd), execution_timeout=timeout,
                    log_output=False, kernel_manager_class=_kernel_manager_class(sockets),
                    # every output is in: stop the kernel at once instead of a graceful
                    # shutdown (saves ~0.5 s a notebook)
                    shutdown_kernel="immediate",
                    # the job's time limit: each cell may take what is left of it
                    timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
                )
                return
            except PapermillExecutionError:
                raise  # a cell failed: the notebook ran, retrying would fail the same way
            except Exception:
                if attempt == 2 or _any_cell_ran(out_ipynb):
                    raise


def _any_cell_ran(ipynb: Path) -> bool:
    import nbformat

    if not ipynb.exists():
        return False
    nb = nbformat.read(str(ipynb), as_version=4)
    return any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def notebook_to_html(ipynb_path, title: str | None = None) -> str:
    """An executed notebook as self-contained HTML without code.

    Input cells, prompts and cells tagged ``remove-cell`` are left out; images are embedded as
    data URIs; the page loads no script or style from the network (innolab's template drops the
    lab template's require.js, MathJax, Mermaid and widget loaders).

    Parameters
    ----------
    ipynb_path : str or pathlib.Path
        The executed notebook.
    title : str, optional
        The page title (default: the notebook's file name).

    Returns
    -------
    str
        The HTML document.
    """
    import nbformat

    nb = nbformat.read(str(ipynb_path), as_version=4)
    name = title or Path(ipynb_path).stem
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


@functools.lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: building it (templates, preprocessors) costs seconds."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    logging.getLogger("traitlets").setLevel(logging.ERROR)  # nbconvert's alt-text notices
    exporter = HTMLExporter(template_name="innolab_report",
                            extra_template_basedirs=[str(_RESOURCES)])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove-cell"}),
                                   enabled=True)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


def _warm_worker(parallel: bool) -> None:
    """Start-up of a worker process: import what every job needs once, before the first job."""
    if parallel:
        os.environ.update(_SINGLE_THREAD)
    import papermill  # noqa: F401

    _exporter()


def discover_notebooks(nb_dir=None) -> tuple[list[str], list[str]]:
    """The report notebooks, split into per-area and study-level ones.

    A notebook named ``NN_name.ipynb`` whose parameters cell declares ``area_id`` runs once per
    area; the others run once for the whole study.

    Parameters
    ----------
    nb_dir : str or pathlib.Path, optional
        The notebooks folder (default :func:`notebooks_dir`).

    Returns
    -------
    tuple of (list of str, list of str)
        Notebook names without extension: (per area, study level), each in name order.
    """
    import papermill as pm

    nb_dir = Path(nb_dir) if nb_dir is not None else notebooks_dir()
    per_area, study_level = [], []
    for path in sorted(nb_dir.glob("[0-9][0-9]_*.ipynb")):
        params = pm.inspect_notebook(str(path))
        (per_area if "area_id" in params else study_level).append(path.stem)
    return per_area, study_level


def run_reports(study_dir, out_dir, areas=None, lang: str = "en", *, notebooks=None,
                workers: int | None = None, timeout: int = 600, force: bool = False,
                executor: str = "local", scheduler: str | None = None,
                progress: bool = True) -> RunResult:
    """Execute the report notebooks of a study and write HTML, an index and a manifest.

    Every per-area notebook runs for each area (into ``out_dir/<area_id>/``), every study-level
    notebook once (into ``out_dir/study/``).

    Parameters
    ----------
    study_dir : str or pathlib.Path
        The study folder (validated first; nothing is written when it has problems).
    out_dir : str or pathlib.Path
        Where the reports go (``reports/<study>`` by convention).
    areas : list of str, optional
        Area ids to report on; default every area of the study. Unknown ids are an error before
        any notebook runs.
    lang : {"en", "fi"}
        Language of the reports.
    notebooks : list of str, optional
        Only these notebooks (names without ``.ipynb``, e.g. ``["04_mobilisation"]``); default
        all. Unknown names are an error before any notebook runs.
    workers : int, optional
        Notebooks run side by side in this many processes (default: the number of cores).
        Kernels use IPC transport, so parallel starts cannot collide on ports.
    timeout : int
        Seconds one report (notebook execution) may take; a job that runs longer fails.
    force : bool
        Run every job, even those whose inputs are unchanged since their last successful run.
        By default such a job is skipped: its key — the hash of the data files its notebook
        reads, the notebook, its parameters and the innolab version — equals the key recorded in
        ``manifest.json`` and its outputs are in place.
    executor : {"local", "dask"}
        ``local``: a pool of worker processes on this machine. ``dask``: the jobs go to the Dask
        distributed scheduler at ``scheduler``; its workers must see the same file system
        (study, notebooks, output folder) and have innolab installed.
    scheduler : str, optional
        Address of the Dask scheduler (``tcp://host:8786``), for ``executor="dask"``.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    RunResult
        One entry per job; ``result.ok`` is False when any job failed.

    Raises
    ------
    StudyError
        When the study does not follow the data format.
    ParameterError
        For an unknown area or language.
    """
    from tqdm.auto import tqdm

    vocab.check_lang(lang)
    if executor not in ("local", "dask"):
        raise ParameterError(f"Unknown executor {executor!r}: expected 'local' or 'dask'.")
    if executor == "dask" and not scheduler:
        raise ParameterError("The dask executor needs the address of a scheduler "
                             "(--scheduler tcp://HOST:8786).")
    study_dir = Path(study_dir).resolve()
    study = load_study(study_dir)
    area_ids = list(areas) if areas else study.area_ids
    for a in area_ids:
        study.check_area(a)
    nb_dir = notebooks_dir()
    per_area, study_level = discover_notebooks(nb_dir)
    if notebooks is not None:
        known = per_area + study_level
        for name in notebooks:
            if name not in known:
                raise ParameterError(f"Unknown notebook {name!r}: expected one of "
                                     f"{', '.join(known)}.")
        per_area = [nb for nb in per_area if nb in notebooks]
        study_level = [nb for nb in study_level if nb in notebooks]
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    result = RunResult(out_dir=out_dir)
    previous = _previous_keys(out_dir)
    jobs, done = [], {}
    for nb_name, area_id in ([(nb, a) for a in area_ids for nb in per_area]
                             + [(nb, None) for nb in study_level]):
        subject = study.area(area_id)["name"] if area_id else study.title
        job = _Job(nb_dir / f"{nb_name}.ipynb", nb_name, area_id, str(study_dir), str(out_dir),
                   lang, timeout, f"{subject} — {notebook_title(nb_name, lang)}",
                   _job_key(study, nb_dir / f"{nb_name}.ipynb", area_id, lang))
        skip = _unchanged(job, previous, out_dir) if not force else None
        if skip is not None:
            done[len(jobs)] = skip
        jobs.append(job)
    todo = [i for i in range(len(jobs)) if i not in done]
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    bar = tqdm(total=len(jobs), initial=len(done), desc="innolab run", unit="report",
               disable=not progress, file=sys.stderr)

    def finished(i: int, res: JobResult) -> None:
        done[i] = res
        n_failed = sum(r.status != "ok" for r in done.values())
        running = min(workers, len(jobs) - len(done))
        bar.set_postfix_str(f"running {running}, failed {n_failed}")
        bar.update(1)

    if todo:
        _EXECUTORS[executor]([(i, jobs[i]) for i in todo], workers, scheduler, finished)
    bar.close()
    result.jobs = [done[i] for i in range(len(jobs))]
    _write_workbooks(result, out_dir, ran={jobs[i].area_id or "study" for i in todo})
    _write_index(study, result, out_dir, lang)
    _write_manifest(study, result, out_dir, lang, area_ids)
    return result


def _run_serial(jobs, workers, scheduler, finished) -> None:
    for i, job in jobs:
        finished(i, _run_job(job))


def _run_local(jobs, workers, scheduler, finished) -> None:
    """A pool of worker processes; an interrupt cancels what has not started."""
    if workers == 1:
        return _run_serial(jobs, workers, scheduler, finished)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                               initializer=_warm_worker, initargs=(True,))
    try:
        futures = {pool.submit(_run_job, job): i for i, job in jobs}
        for fut in as_completed(futures):
            finished(futures[fut], fut.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(jobs, workers, scheduler, finished) -> None:
    """Send the jobs to a Dask distributed scheduler and collect them as they finish."""
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
        futures = {client.submit(_run_job, job, pure=False, key=f"innolab-{i}-{job.key[:12]}"): i
                   for i, job in jobs}
        for fut in as_completed(list(futures)):
            finished(futures[fut], fut.result())


_EXECUTORS = {"local": _run_local, "dask": _run_dask}


def _notebook_tables(nb_path: Path) -> list[str] | None:
    """The study tables a notebook reads, from its metadata ``innolab.tables`` (None: all)."""
    meta = json.loads(Path(nb_path).read_text(encoding="utf-8")).get("metadata", {})
    tables = meta.get("innolab", {}).get("tables")
    return list(tables) if tables is not None else None


def _job_key(study: Study, nb_path: Path, area_id: str | None, lang: str) -> str:
    """SHA-256 of what a job's output depends on: the data files its notebook reads (all of them
    when the notebook does not say), the notebook, its parameters and the innolab version."""
    import hashlib

    from innolab import __version__

    tables = _notebook_tables(nb_path)
    files = {name: digest for name, digest in sorted(study.files.items())
             if tables is None or name in ("study.yaml", "study.xlsx")
             or Path(name).stem in tables}
    payload = {"innolab": __version__, "files": files,
               "notebook": hashlib.sha256(Path(nb_path).read_bytes()).hexdigest(),
               "parameters": {"study_dir": str(study.path), "area_id": area_id, "lang": lang}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def _previous_keys(out_dir: Path) -> dict:
    """(notebook, area_id) -> the job entry of the last manifest (empty when there is none)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        return {(j["notebook"], j["area_id"]): j for j in manifest.get("jobs", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _unchanged(job: _Job, previous: dict, out_dir: Path) -> JobResult | None:
    """The job's earlier result when its key is unchanged and its outputs are in place."""
    prev = previous.get((job.nb_name, job.area_id))
    if not prev or prev.get("status") != "ok" or prev.get("key") != job.key:
        return None
    if not all(prev.get(k) and (out_dir / prev[k]).is_file() for k in ("html", "ipynb")):
        return None
    return JobResult(job.nb_name, job.area_id, "ok", 0.0, prev["html"], prev["ipynb"],
                     key=job.key, skipped=True)


def _write_workbooks(result: RunResult, out_dir: Path, ran: set) -> None:
    """One XLSX per area (and one for the study level) with every table its reports wrote."""
    import io

    import pandas as pd

    for folder in sorted({j.area_id or "study" for j in result.jobs} & ran):
        tables = sorted((out_dir / folder / "tables").glob("*.csv"))
        if not tables:
            continue
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xw:
            for csv in tables:
                pd.read_csv(csv).to_excel(xw, sheet_name=csv.stem[:31], index=False)
        atomic_write(out_dir / folder / f"{folder}.xlsx", buf.getvalue())


@dataclass(frozen=True)
class _Job:
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


def _run_job(job: _Job) -> JobResult:
    """Execute one notebook into a temporary folder, then move the notebook and its HTML into
    place; a failed notebook is kept with its error and no HTML is left behind."""
    out_dir = Path(job.out_dir)
    job_out = out_dir / (job.area_id or "study")
    job_out.mkdir(parents=True, exist_ok=True)
    params = {"study_dir": job.study_dir, "output_dir": str(job_out), "lang": job.lang}
    if job.area_id is not None:
        params["area_id"] = job.area_id
    final_ipynb = job_out / f"{job.nb_name}.ipynb"
    final_html = job_out / f"{job.nb_name}.html"
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=job_out, prefix=".run-") as tmp:
        tmp_ipynb = Path(tmp) / f"{job.nb_name}.ipynb"
        try:
            _execute(job.nb_path, tmp_ipynb, params, job_out, job.timeout)
            doc = notebook_to_html(tmp_ipynb, title=job.title)
        except Exception as exc:  # papermill raises its own and kernel errors; keep the notebook
            if tmp_ipynb.exists():
                shutil.move(str(tmp_ipynb), final_ipynb)
            final_html.unlink(missing_ok=True)
            return JobResult(job.nb_name, job.area_id, "failed", time.perf_counter() - start,
                             None, _rel(final_ipynb, out_dir), _short_error(exc), key=job.key)
        shutil.move(str(tmp_ipynb), final_ipynb)
    atomic_write(final_html, doc)
    return JobResult(job.nb_name, job.area_id, "ok", time.perf_counter() - start,
                     _rel(final_html, out_dir), _rel(final_ipynb, out_dir), key=job.key)


def notebook_title(nb_name: str, lang: str = "en") -> str:
    """The title of a report notebook for people (its file name when innolab has none).

    Parameters
    ----------
    nb_name : str
        Notebook name without extension, e.g. ``"01_area_profile"``.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    key = nb_name.split("_", 1)[-1]
    return t(f"common.{key}", lang) if has(f"common.{key}") else nb_name


def _short_error(exc: Exception) -> str:
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return f"{ename}: {evalue}".strip()[:500]


def _rel(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _card_numbers(study: Study, area_id: str) -> dict:
    from innolab.analysis.profile import activity, kehra

    actors = study.actors[study.actors["area_id"] == area_id]
    act = activity(study, area_id)
    k = kehra(study, area_id)
    return {"actors": len(actors),
            "active": int(act["active"].iloc[-1]) if len(act) else 0,
            "kehra": k["members"], "tripartite": k["tripartite"]}


def _link(job: JobResult) -> dict:
    return {"title_en": notebook_title(job.notebook, "en"),
            "title_fi": notebook_title(job.notebook, "fi"),
            "href": job.html or job.ipynb, "status": job.status, "error": job.error}


def _stages(study: Study) -> dict:
    """Area id -> its stage by self-assessment in the latest assessed wave, for the index."""
    from innolab.analysis import criteria
    from innolab.errors import InnolabError

    try:
        scores = criteria.score(study)
    except InnolabError:  # no self-assessments: the cards show no stage
        return {}
    return {r.area_id: {"stage_en": criteria.stage_label(r.stage, "en"),
                        "stage_fi": criteria.stage_label(r.stage, "fi"),
                        "index": f"{r.index_scale:.2f}"} for r in scores.itertuples()}


def _write_index(study: Study, result: RunResult, out_dir: Path, lang: str) -> None:
    """A bilingual index page: a card per area with its reports, then the study-level reports."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("innolab", "resources"),
                      autoescape=select_autoescape(["html"]))
    by_area: dict[str, list[JobResult]] = {}
    for j in result.jobs:
        if j.area_id is not None:
            by_area.setdefault(j.area_id, []).append(j)
    cards = []
    for area_id, jobs in by_area.items():
        a = study.area(area_id)
        role = a["role"] if isinstance(a["role"], str) else None
        cards.append({
            "area_id": area_id, "name": a["name"], "municipality": a["municipality"],
            "country_en": label("country", a["country"], "en"),
            "country_fi": label("country", a["country"], "fi"),
            "role_en": label("area_role", role, "en") if role else "",
            "role_fi": label("area_role", role, "fi") if role else "",
            "status": "failed" if any(j.status != "ok" for j in jobs) else "ok",
            "links": [_link(j) for j in jobs], **_card_numbers(study, area_id),
        })
    stages = _stages(study)
    for card in cards:
        card.update(stages.get(card["area_id"], {}))
    study_links = [_link(j) for j in result.jobs if j.area_id is None]
    page = env.get_template("index.html.j2").render(
        study=study, cards=cards, study_links=study_links, lang=lang,
        versions=package_versions(), t=lambda key, lg: t(f"common.{key}", lg),
    )
    atomic_write(out_dir / "index.html", page)


def _write_manifest(study: Study, result: RunResult, out_dir: Path, lang: str,
                    area_ids: list[str]) -> None:
    manifest = {
        "study": study.name,
        "study_dir": str(study.path),
        "data_hash": study.data_hash,
        "files": study.files,
        "parameters": {"lang": lang, "areas": area_ids},
        "versions": package_versions(),
        "jobs": [
            {"notebook": j.notebook, "area_id": j.area_id, "status": j.status,
             "skipped": j.skipped, "seconds": round(j.seconds, 2), "html": j.html,
             "ipynb": j.ipynb, "error": j.error, "key": j.key}
            for j in result.jobs
        ],
    }
    atomic_write(out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))


_EVIDENCE_NOTEBOOK = "07_evidence"


def run_evidence(study_dir, out_dir, langs=("en", "fi"), *, threshold: int = 5, seed: int = 0,
                 timeout: int = 600, progress: bool = True) -> list[Path]:
    """Build the evidence pack of a study: ``out_dir/<lang>/evidence.html``, ``evidence.xlsx``,
    ``figures/`` (PNG at 300 dpi and SVG) and ``tables/`` for each language.

    The study and the parameters are checked before any kernel starts. The pack is the notebook
    ``07_evidence`` executed with papermill (as ``innolab run`` does) and converted to HTML
    without code; the executed notebook is kept beside it as ``evidence.ipynb``.

    Parameters
    ----------
    study_dir : str or pathlib.Path
        The study folder.
    out_dir : str or pathlib.Path
        Where the pack goes.
    langs : sequence of {"en", "fi"}
        The languages (default both).
    threshold : int
        Counts of fewer than ``threshold`` people are suppressed (default 5).
    seed : int
        Random seed of the bootstrap intervals.
    timeout : int
        Seconds one language's pack may take.
    progress : bool
        Print a line per language as it is done.

    Returns
    -------
    list of pathlib.Path
        The HTML files written.

    Raises
    ------
    StudyError
        When the study does not follow the data format.
    ParameterError
        For an unknown language or a bad threshold.
    InnolabError
        When the notebook fails (the executed notebook is kept with the error).
    """
    langs = list(dict.fromkeys(langs))
    if not langs:
        raise ParameterError("No language given: expected en, fi or both.")
    for lang in langs:
        vocab.check_lang(lang)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ParameterError(f"--threshold must be a whole number ≥ 1, got {threshold!r}.")
    study = load_study(study_dir)
    nb_path = notebooks_dir() / f"{_EVIDENCE_NOTEBOOK}.ipynb"
    if not nb_path.exists():
        raise InnolabError(f"The evidence notebook {nb_path} is missing.")
    written = []
    for lang in langs:
        out = Path(out_dir) / lang
        out.mkdir(parents=True, exist_ok=True)
        params = {"study_dir": str(Path(study.path).resolve()), "output_dir": str(out.resolve()),
                  "lang": lang, "threshold": threshold, "seed": seed}
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(dir=out, prefix=".run-") as tmp:
            tmp_ipynb = Path(tmp) / "evidence.ipynb"
            try:
                _execute(nb_path, tmp_ipynb, params, out, timeout)
                title = f"{study.title} — {notebook_title(_EVIDENCE_NOTEBOOK, lang)}"
                doc = notebook_to_html(tmp_ipynb, title=title)
            except Exception as exc:
                kept = out / "evidence.failed.ipynb"
                if tmp_ipynb.exists():
                    shutil.move(str(tmp_ipynb), kept)
                raise InnolabError(f"The evidence pack ({lang}) failed: {_short_error(exc)}"
                                   + (f" — see {kept}" if kept.exists() else "")) from None
            shutil.move(str(tmp_ipynb), out / "evidence.ipynb")
        (out / "evidence.failed.ipynb").unlink(missing_ok=True)
        written.append(atomic_write(out / "evidence.html", doc))
        if progress:
            print(f"{lang}: {out / 'evidence.html'} ({time.perf_counter() - start:.0f} s)",
                  file=sys.stderr)
    return written
