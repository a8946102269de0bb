"""Running the report notebooks of a study: ``innolab run`` and ``innolab evidence``.

:func:`run_reports` validates the study and the parameters first — nothing is written when they
are wrong — then runs one job per notebook and area (or per study-level notebook) on an executor,
skips jobs whose inputs are unchanged, and writes the per-area workbooks, ``index.html`` and
``manifest.json``. A failing job does not stop the others: its executed notebook is kept with the
error, the index marks it, and the run reports the failure at the end. :func:`run_evidence`
writes the standalone evidence pack through the same execute-and-place step.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from innolab.data import vocab
from innolab.data.cache import prune as prune_cache
from innolab.data.study import load_study
from innolab.errors import InnolabError, ParameterError

from .execute import execute_and_place, notebook_to_html
from .executors import EXECUTORS
from .index import write_index, write_manifest, write_workbook
from .jobs import Job, JobResult, RunResult, bundle, job_key, place_files, previous_jobs, unchanged
from .notebooks import discover_notebooks, notebook_title, notebooks_dir
from .pdf import print_pdfs

__all__ = ["notebooks_dir", "discover_notebooks", "run_reports", "run_evidence", "RunResult",
           "JobResult", "notebook_to_html", "notebook_title", "EVIDENCE_NOTEBOOK"]

#: The notebook that makes the evidence pack.
EVIDENCE_NOTEBOOK = "07_evidence"


def run_reports(study_dir, out_dir, areas=None, lang: str = "en", *, notebooks=None,
                workers: int | None = None, timeout: int = 600, force: bool = False,
                executor: str = "local", scheduler: str | None = None,
                internal: bool = False, threshold: int = 5, progress: bool = True,
                pdf: bool = False, fresh_kernels: bool = False,
                cache: bool = True, shared_disk: bool = True) -> RunResult:
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
    internal : bool
        Internal reports: exact counts of individuals, and every page, the index and the
        workbooks say they are not for sharing. Default False: counts of 1 … threshold − 1
        individuals are suppressed in every report, table, figure and workbook.
    threshold : int
        Counts of individuals below it (and above zero) are suppressed; default 5.
    progress : bool
        Show a progress bar on standard error.
    pdf : bool
        Also print every report that succeeded to ``<report>.pdf`` beside its HTML (A4, page
        numbers; Chromium driven by Playwright, offline; see :mod:`innolab.pipeline.pdf`).
    fresh_kernels : bool
        Start a new kernel for every report (as before warm kernels; slower). By default each
        worker runs its reports one after another on one warm kernel, reset between them
        (:mod:`innolab.pipeline.kernels`); the reports are the same.
    cache : bool
        Compute study-wide results (the rank intervals of all areas) once per run and keep them
        in ``out_dir/.cache`` for the reports of every area and the next run
        (:mod:`innolab.data.cache`, keyed by the data, the parameters and innolab's code);
        False computes them in every report that needs them.
    shared_disk : bool
        The Dask workers see this machine's study, notebooks and output folder at the same
        paths (default). False (``--no-shared-disk``): the study's files and the notebooks go
        to each worker once, each report runs in the worker's temporary folder, and its
        outputs come back to be written here.

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
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ParameterError(f"--threshold must be a whole number ≥ 1, got {threshold!r}.")
    if executor not in EXECUTORS:
        raise ParameterError(f"Unknown executor {executor!r}: expected one of "
                             f"{', '.join(EXECUTORS)}.")
    if executor == "dask" and not scheduler:
        raise ParameterError("The dask executor needs the address of a scheduler "
                             "(--scheduler tcp://HOST:8786).")
    if not shared_disk and executor != "dask":
        raise ParameterError("--no-shared-disk is for workers on other machines: use it with "
                             "--executor dask.")
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

    cache_dir = out_dir / ".cache"
    if cache:
        prune_cache(cache_dir, keep=study.data_hash)
    result = RunResult(out_dir=out_dir)
    previous = previous_jobs(out_dir)
    jobs, done = [], {}
    for nb_name, area_id in ([(nb, a) for a in area_ids for nb in per_area]
                             + [(nb, None) for nb in study_level]):
        subject = study.area(area_id)["name"] if area_id else study.title
        job = Job(nb_dir / f"{nb_name}.ipynb", nb_name, area_id, str(study_dir), str(out_dir),
                   lang, timeout, f"{subject} — {notebook_title(nb_name, lang)}",
                   job_key(study, nb_dir / f"{nb_name}.ipynb", area_id, lang, internal=internal,
                           threshold=threshold), bool(internal), threshold,
                   bool(fresh_kernels), str(cache_dir) if cache else None)
        skip = unchanged(job, previous, out_dir) if not force else None
        if skip is not None:
            done[len(jobs)] = skip
        jobs.append(job)
    # the study-level reports first: each is longer than an area's, and the areas' reports
    # then fill the workers up to the end instead of one long report running alone
    todo = sorted((i for i in range(len(jobs)) if i not in done),
                  key=lambda i: jobs[i].area_id is not None)
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    bar = tqdm(total=len(jobs), initial=len(done), desc="innolab run", unit="report",
               disable=not progress, file=sys.stderr)
    folder = [j.area_id or "study" for j in jobs]
    pending = Counter(folder[i] for i in todo)  # reports still to run, per folder

    def finished(i: int, res: JobResult) -> None:
        done[i] = place_files(res, out_dir)
        n_failed = sum(r.status != "ok" for r in done.values())
        running = min(workers, len(jobs) - len(done))
        bar.set_postfix_str(f"running {running}, failed {n_failed}")
        bar.update(1)
        pending[folder[i]] -= 1
        if not pending[folder[i]]:  # its workbook now, while the other reports run
            write_workbook(out_dir, folder[i], internal=internal, lang=lang)

    if todo:
        files = None if shared_disk else bundle(study, {jobs[i].nb_path for i in todo})
        EXECUTORS[executor]([(i, jobs[i]) for i in todo], workers, scheduler, finished, files)
    bar.close()
    result.jobs = [done[i] for i in range(len(jobs))]
    write_index(study, result, out_dir, lang, internal=internal)
    write_manifest(study, result, out_dir, lang, area_ids)
    if pdf:
        print_pdfs([out_dir / j.html for j in result.jobs if j.status == "ok" and j.html])
    return result


def run_evidence(study_dir, out_dir, langs=("en", "fi"), *, threshold: int = 5, seed: int = 0,
                 timeout: int = 600, progress: bool = True, docx: bool = False,
                 pdf: bool = False) -> list[Path]:
    """Build the evidence pack of a study: ``out_dir/<lang>/evidence.html``, ``evidence.xlsx``,
    ``figures/`` (PNG at 300 dpi and SVG) and ``tables/`` for each language (and
    ``evidence.docx`` with ``docx``).

    The study and the parameters are checked before any kernel starts. The pack is the notebook
    ``07_evidence`` executed and put in place as every report of ``innolab run`` is
    (:func:`~innolab.pipeline.execute.execute_and_place`); the executed notebook is kept beside
    it as ``evidence.ipynb`` (``evidence.failed.ipynb`` when it failed).

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
    docx : bool
        Also write ``out_dir/<lang>/evidence.docx`` (:func:`innolab.reports.docx.evidence_docx`),
        in this process, from a pack built once with the same parameters.
    pdf : bool
        Also print each language's pack to ``evidence.pdf`` beside its HTML.

    Returns
    -------
    list of pathlib.Path
        The HTML files written (then the Word documents).

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
    nb_path = notebooks_dir() / f"{EVIDENCE_NOTEBOOK}.ipynb"
    if not nb_path.exists():
        raise InnolabError(f"The evidence notebook {nb_path} is missing.")
    written = []
    for lang in langs:
        out = Path(out_dir).resolve() / lang
        params = {"study_dir": str(Path(study.path).resolve()), "output_dir": str(out),
                  "lang": lang, "threshold": threshold, "seed": seed}
        title = f"{study.title} — {notebook_title(EVIDENCE_NOTEBOOK, lang)}"
        placed = execute_and_place(nb_path, params, out, "evidence", title, timeout,
                                   failed_stem="evidence.failed")
        if not placed.ok:
            raise InnolabError(f"The evidence pack ({lang}) failed: {placed.error}"
                               + (f" — see {placed.ipynb}" if placed.ipynb.exists() else ""))
        written.append(placed.html)
        if progress:
            print(f"{lang}: {placed.html} ({placed.seconds:.0f} s)", file=sys.stderr)
    if pdf:
        print_pdfs(written)
    if docx:
        from innolab.evidence.pack import build_pack
        from innolab.reports.docx import evidence_docx

        pack = build_pack(study, threshold=threshold, seed=seed)
        for lang in langs:
            path = evidence_docx(pack, Path(out_dir).resolve() / lang / "evidence.docx", lang,
                                 parameters={"threshold": threshold, "seed": seed})
            written.append(path)
            if progress:
                print(f"{lang}: {path}", file=sys.stderr)
    return written
