"""The ``innolab`` command: argument parsing and exit codes; the work is done by the modules.

Exit codes: 0 success; 1 a run finished but some reports failed; 2 the data or the parameters
are wrong (the message says what and where; no traceback).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

from innolab import __version__
from innolab.errors import InnolabError, StudyError, StudyWarning

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``innolab`` command.

    Returns
    -------
    argparse.ArgumentParser
    """
    p = argparse.ArgumentParser(
        prog="innolab",
        description="From development networks to innovation platforms: validate a study, "
                    "run its reports, make the example study.",
    )
    p.add_argument("--version", action="version", version=f"innolab {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check a study folder against the data format",
                       description="Check a study folder against the data format. Prints every "
                                   "problem (file, row, column, value, what was expected); exit "
                                   "status 0 when valid, 2 when not.")
    v.add_argument("path", help="the study folder")

    r = sub.add_parser("run", help="run the report notebooks of a study",
                       description="Validate the study, run the per-area report notebooks with "
                                   "papermill, and write HTML reports, index.html and "
                                   "manifest.json. Exit status 1 when any report failed.")
    r.add_argument("--study", required=True, help="the study folder")
    r.add_argument("--out", required=True, help="output folder, e.g. reports/<study>")
    r.add_argument("--areas", nargs="+", metavar="AREA_ID",
                   help="only these areas (default: all)")
    r.add_argument("--lang", choices=["en", "fi"], default="en",
                   help="language of the reports (default: en)")
    r.add_argument("--notebooks", nargs="+", metavar="NAME",
                   help="only these notebooks, e.g. 04_mobilisation (default: all)")
    r.add_argument("--workers", type=int, default=None,
                   help="notebooks run side by side (default: the number of cores)")
    r.add_argument("--timeout", type=int, default=600,
                   help="seconds one report may take (default 600); a slower one fails")
    r.add_argument("--force", action="store_true",
                   help="rerun every report, also those whose inputs are unchanged")
    r.add_argument("--internal", action="store_true",
                   help="show exact counts of individuals (default: fewer than --threshold are "
                        "shown as <N); every output then says it is not for sharing")
    r.add_argument("--threshold", type=int, default=5,
                   help="counts of fewer individuals than this are shown as <N (default: 5)")
    r.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local process pool (default) or a Dask distributed cluster")
    r.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --executor dask)")
    r.add_argument("--no-shared-disk", action="store_true",
                   help="(with --executor dask) the workers do not see this machine's files: "
                        "the study and the notebooks go to each worker once, the reports come "
                        "back")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.add_argument("--pdf", action="store_true",
                   help="also print every report to PDF beside its HTML (A4; needs Chromium)")
    r.add_argument("--fresh-kernels", action="store_true",
                   help="a new kernel for every report (slower; by default each worker runs its "
                        "reports on one warm kernel, reset between them: the same reports)")
    r.add_argument("--no-cache", action="store_true",
                   help="compute study-wide results in every report instead of once per run "
                        "(kept in OUT/.cache)")

    e = sub.add_parser("example", help="write the synthetic example study",
                       description="Write a synthetic study (invented data and names) in the "
                                   "data format. The defaults give data/example/. An earlier "
                                   "synthetic study in --out is replaced; any other non-empty "
                                   "folder is refused.")
    e.add_argument("--out", required=True, help="the folder to write")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--n-areas", type=int, default=None)
    e.add_argument("--actors-per-area", type=int, default=None)
    e.add_argument("--waves", type=int, default=None)

    k = sub.add_parser("checklist", help="write the self-assessment checklist (PDF or XLSX)",
                       description="Write the self-assessment checklist of the criteria set: a "
                                   "fillable PDF form, with --print a short PDF for paper (no "
                                   "form fields, at most two pages), or an Excel workbook when "
                                   "--out ends in .xlsx.")
    k.add_argument("--lang", required=True, choices=["fi", "en"],
                   help="language of the form")
    k.add_argument("--out", required=True, help="the file to write: FILE.pdf or FILE.xlsx")
    k.add_argument("--area", metavar="AREA_ID", help="prefill the area id")
    k.add_argument("--print", action="store_true", dest="printable",
                   help="the printable short version (PDF, no form fields)")
    k.add_argument("--study", metavar="PATH",
                   help="use this study's criteria set and check --area against its areas")

    g = sub.add_parser("ingest-checklists", help="read filled checklists into assessments",
                       description="Read every filled checklist (*.pdf, *.xlsx) in a folder "
                                   "and write their answers as one assessments CSV. Every "
                                   "problem of every form is listed and nothing is written "
                                   "when there is any (exit status 2).")
    g.add_argument("folder", help="the folder of filled forms")
    g.add_argument("--out", required=True, help="the assessments CSV to write")
    g.add_argument("--allow-missing", action="store_true",
                   help="keep unanswered criteria as empty scores instead of reporting them")
    g.add_argument("--study", metavar="PATH",
                   help="use this study's criteria set; area ids must be its areas")
    g.add_argument("--notes", metavar="FILE.csv",
                   help="also write the notes of each dimension to this CSV")

    ev = sub.add_parser("evidence", help="build the evidence pack for funding applications",
                        description="Build the evidence pack for an Interreg Central Baltic "
                                    "application: indicators with definitions, baseline and "
                                    "values, intervention logic, change across the selected "
                                    "areas, innovation pipeline, cross-border partners and "
                                    "programme objectives — OUT/<lang>/evidence.html, "
                                    "evidence.xlsx and figures/ (PNG 300 dpi, SVG).")
    ev.add_argument("--study", required=True, help="the study folder")
    ev.add_argument("--out", required=True, help="the folder for the pack")
    ev.add_argument("--lang", nargs="+", choices=["en", "fi"], default=["en", "fi"],
                    help="languages (default: en fi)")
    ev.add_argument("--threshold", type=int, default=5,
                    help="counts of fewer people than this are shown as <N (default: 5)")
    ev.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    ev.add_argument("--timeout", type=int, default=600,
                    help="seconds one language's pack may take (default: 600)")
    ev.add_argument("--quiet", action="store_true", help="no progress lines")
    ev.add_argument("--docx", action="store_true",
                    help="also write OUT/<lang>/evidence.docx (Word, for the application)")
    ev.add_argument("--pdf", action="store_true",
                    help="also print the pack to PDF beside its HTML (A4; needs Chromium)")
    memo = sub.add_parser("memo", help="write the steering group's selection memo as Word",
                          description="Write the selection memo (ranking, close calls, rater "
                                      "disagreement, support) as a Word document.")
    memo.add_argument("--study", required=True, help="the study folder")
    memo.add_argument("--out", required=True, metavar="FILE.docx", help="the document to write")
    memo.add_argument("--lang", choices=["en", "fi"], default="en",
                      help="language (default: en)")
    memo.add_argument("--n-helsinki", type=int, default=3,
                      help="areas to select in Helsinki (default: 3)")
    memo.add_argument("--n-outside", type=int, default=1,
                      help="areas to select outside Helsinki (default: 1)")
    memo.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    _add_template_parser(sub)
    _add_export_parser(sub)
    _add_import_parser(sub)
    return p


#: The forms of ``innolab export`` (the keys of ``innolab.exports.FORMATS``; a test keeps them
#: equal, so that ``--help`` needs no import of the network libraries).
EXPORT_FORMATS = ("graphml", "gexf", "kumu", "csv", "pajek")


def _add_template_parser(sub) -> None:
    tp = sub.add_parser("template", help="write a workbook to enter a study by hand",
                        description="Write an Excel workbook with a sheet per table of the data "
                                    "format, an instructions sheet, and drop-down lists for "
                                    "codes, true/false and the ids already entered. Filled in "
                                    "and saved as study.xlsx in a folder of its own, it is a "
                                    "study (check it with innolab validate).")
    tp.add_argument("--out", required=True, help="the workbook to write, e.g. study.xlsx")
    tp.add_argument("--lang", choices=["en", "fi"], default="en",
                    help="language of the instructions and notes (default: en)")


def _add_export_parser(sub) -> None:
    xp = sub.add_parser("export", help="write the networks for Gephi, Kumu, R, UCINET, …",
                        description="Write the actor network of the whole study (default) or of "
                                    "each area, for every wave or one, as GraphML, GEXF, a Kumu "
                                    "workbook, Gephi's nodes and edges CSV, or Pajek. Nodes "
                                    "carry sector, type, kind, area and the per-actor measures "
                                    "(degree, brokerage roles, constraint, effective size); ties "
                                    "their types and weight. Actors appear by id, never by name.")
    xp.add_argument("--study", required=True, help="the study folder")
    xp.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the file form")
    xp.add_argument("--out", required=True, help="the folder to write the files into")
    where = xp.add_mutually_exclusive_group()
    where.add_argument("--areas", nargs="+", metavar="AREA_ID",
                       help="one network per area given (default: the whole study)")
    where.add_argument("--each-area", action="store_true", help="one network per area")
    xp.add_argument("--wave", type=int, help="only this wave (default: one file set per wave)")

def _add_import_parser(sub) -> None:
    i = sub.add_parser("import", help="import data from Network Canvas, Kumu, Gephi or a survey",
                       description="Import actors and ties from another tool into a study "
                                   "folder, as a mapping file (YAML) says; a new wave adds to "
                                   "the study without duplicating actors. Every problem is "
                                   "listed and nothing is written when there is any (exit "
                                   "status 2). See docs/data-format.md.")
    i.add_argument("source", choices=["network_canvas", "kumu", "gephi", "survey"],
                   metavar="SOURCE", help="network_canvas, kumu, gephi or survey")
    i.add_argument("input", help="the export: a folder, .zip, .xlsx, .csv, .gexf or .graphml")
    i.add_argument("--mapping", required=True, metavar="MAP.yaml", help="the mapping file")
    i.add_argument("--out", required=True, metavar="STUDY_DIR",
                   help="the study folder to create or add to")
    i.add_argument("--wave", type=int, default=None,
                   help="the wave of this import (default: 'wave' of the mapping file, or 0)")


@contextmanager
def _study_warnings():
    """Show each StudyWarning raised inside as one line on standard error, after the block."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StudyWarning)
        yield
    for w in caught:
        if issubclass(w.category, StudyWarning):
            print(f"warning: {w.message}", file=sys.stderr)


def _validate(args) -> int:
    from innolab.data.study import load_study

    with _study_warnings():
        study = load_study(args.path)
    print(f"OK: {args.path} follows the data format — {len(study.areas)} areas, "
          f"{len(study.actors)} actors, {len(study.ties)} ties, {len(study.waves)} waves; "
          f"data hash {study.short_hash}.")
    return 0


def _run(args) -> int:
    from innolab.pipeline.run import run_reports

    with _study_warnings():
        result = run_reports(args.study, args.out, areas=args.areas, lang=args.lang,
                             notebooks=args.notebooks, workers=args.workers,
                             timeout=args.timeout, force=args.force, executor=args.executor,
                             scheduler=args.scheduler, internal=args.internal,
                             threshold=args.threshold, progress=not args.quiet, pdf=args.pdf,
                             fresh_kernels=args.fresh_kernels, cache=not args.no_cache,
                             shared_disk=not args.no_shared_disk)
    index = Path(result.out_dir) / "index.html"
    n_ok = len(result.jobs) - len(result.failed)
    n_skipped = sum(j.skipped for j in result.jobs)
    unchanged = f" ({n_skipped} unchanged, not rerun)" if n_skipped else ""
    print(f"{n_ok} of {len(result.jobs)} reports written{unchanged}; open {index}")
    for j in result.failed:
        where = j.area_id or "study"  # a study-level report is in study/, as its line says
        print(f"FAILED {where} {j.notebook}: {j.error} (see {result.out_dir / j.ipynb})",
              file=sys.stderr)
    return 0 if result.ok else 1


def _example(args) -> int:
    from innolab.data.synthetic import make_study

    kw = {k: getattr(args, k) for k in ("n_areas", "actors_per_area", "waves")
          if getattr(args, k) is not None}
    path = make_study(args.out, seed=args.seed, **kw)
    print(f"Wrote a synthetic study to {path}")
    return 0


def _load_study(path):
    from innolab.data.study import load_study

    with _study_warnings():
        return load_study(path)


def _checklist(args) -> int:
    from innolab.forms.checklist import make_checklist
    from innolab.reports.texts import wave_names

    criteria = waves = None
    if args.study:
        study = _load_study(args.study)
        criteria = study.criteria
        # the wave field becomes a choice of the study's waves
        waves = wave_names(study, args.lang) or None
        if args.area:
            study.check_area(args.area)
    path = make_checklist(args.out, lang=args.lang, criteria=criteria, area_id=args.area,
                          printable=args.printable, waves=waves)
    kind = ("printable checklist" if args.printable else "checklist form")
    print(f"Wrote the {kind} to {path}")
    return 0


def _ingest(args) -> int:
    from innolab.forms.checklist import ingest_checklists

    criteria = areas = None
    if args.study:
        study = _load_study(args.study)
        criteria, areas = study.criteria, study.area_ids
    df = ingest_checklists(args.folder, out=args.out, criteria=criteria,
                           allow_missing=args.allow_missing, areas=areas, notes_out=args.notes)
    n_forms = df.groupby(["area_id", "wave", "assessor", "respondent_id"]).ngroups
    notes = f"; notes in {args.notes}" if args.notes else ""
    print(f"Wrote {len(df)} answers from {n_forms} forms to {args.out}{notes}")
    return 0


def _evidence(args) -> int:
    from innolab.pipeline.run import run_evidence

    with _study_warnings():
        paths = run_evidence(args.study, args.out, args.lang, threshold=args.threshold,
                             seed=args.seed, timeout=args.timeout, progress=not args.quiet,
                             docx=args.docx, pdf=args.pdf)
    print("Evidence pack written: " + ", ".join(str(p) for p in paths))
    return 0


def _memo(args) -> int:
    from innolab.reports.docx import memo_docx

    study = _load_study(args.study)
    path = memo_docx(study, args.out, args.lang, n_helsinki=args.n_helsinki,
                     n_outside=args.n_outside, seed=args.seed)
    print(f"Wrote the selection memo to {path}")
    return 0


def _template(args) -> int:
    from innolab.forms.template import make_template

    path = make_template(args.out, lang=args.lang)
    print(f"Wrote the study template to {path}")
    return 0


def _export(args) -> int:
    from innolab.exports import write_exports

    study = _load_study(args.study)
    areas = study.area_ids if args.each_area else args.areas
    paths = write_exports(study, args.out, args.format, areas=areas, wave=args.wave)
    print(f"Wrote {len(paths)} file{'' if len(paths) == 1 else 's'}:")
    for path in paths:
        print(f"  {path}")
    return 0


def _import(args) -> int:
    from innolab.data.importers.main import import_study

    with _study_warnings():
        r = import_study(args.source, args.input, args.mapping, args.out, wave=args.wave)
    areas = ", ".join(r.areas_added) or "none"
    waves = ", ".join(map(str, r.waves)) or "none"
    present = f" ({r.ties_present} already there)" if r.ties_present else ""
    print(f"Imported {args.input} into {r.study_dir}: areas added: {areas}; actors: "
          f"{r.actors_new} new, {r.actors_kept} already in the study; ties added: "
          f"{r.ties_added}{present}; waves: {waves}.")
    return 0


def main(argv=None) -> int:
    """Run the ``innolab`` command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status.
    """
    args = build_parser().parse_args(argv)
    handlers = {"validate": _validate, "run": _run, "example": _example,
                "checklist": _checklist, "ingest-checklists": _ingest,
                "evidence": _evidence, "memo": _memo, "template": _template, "export": _export,
                "import": _import}
    try:
        return handlers[args.command](args)
    except StudyError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except InnolabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
