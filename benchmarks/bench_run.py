"""How fast `innolab run` writes the example study's reports, beside the plain papermill way.

Measured in one run, on the same notebooks and parameters:

- **cold**: ``innolab run --force`` (every report executed; worker processes, IPC kernels);
- **unchanged rerun**: ``innolab run`` again (every job's inputs unchanged: all skipped);
- **baseline**: the same notebooks one after another with the ``papermill`` command line, each
  followed by ``jupyter nbconvert --to html --no-input``;
- **floor**: a bare kernel start plus the imports a report notebook needs, shut down again.

Goals: cold ≤ 0.5 × baseline; unchanged rerun ≤ 0.1 × baseline; each notebook's time in the cold
run ≤ 1.5 × floor + its own compute (the time its cells after the imports cell took: loading the
study and everything after it).

Run: ``.venv/bin/python benchmarks/bench_run.py [--areas 4]`` (or ``make bench``); ``--areas``
limits the study to its first N areas to make the measurement quicker.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)
    return time.perf_counter() - start


def floor_seconds(repeat: int = 3) -> float:
    """Best of ``repeat``: start a python3 kernel, import what a report needs, shut it down."""
    from jupyter_client.manager import start_new_kernel

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        try:
            kc.execute_interactive(
                "import innolab, innolab.reports.sections, innolab.analysis.network, "
                "innolab.analysis.criteria, innolab.analysis.mobilisation, matplotlib.pyplot",
                timeout=120)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        best = min(best, time.perf_counter() - start)
    return best


def own_compute(ipynb: Path) -> float:
    """Seconds the notebook's cells took after its imports cell (papermill's cell timings)."""
    nb = nbformat.read(str(ipynb), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    durations = [c.metadata.get("papermill", {}).get("duration") or 0.0 for c in code]
    # cells: parameters, injected parameters, imports + load, then the sections
    first_import = next((i for i, c in enumerate(code) if "import innolab" in c.source), 0)
    return float(sum(durations[first_import + 1:]))


def _jobs(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--study", default=str(REPO / "data" / "example"))
    parser.add_argument("--areas", type=int, default=None,
                        help="only the first N areas of the study (default: all)")
    args = parser.parse_args(argv)

    from innolab import load_study
    from innolab.pipeline.run import discover_notebooks, notebooks_dir

    study = load_study(args.study)
    areas = study.area_ids[: args.areas] if args.areas else study.area_ids
    per_area, study_level = discover_notebooks()
    nb_dir = notebooks_dir()
    innolab_cli = [str(BIN / "innolab"), "run", "--study", str(study.path), "--quiet",
                   "--areas", *areas]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "innolab"
        cold = _timed([*innolab_cli, "--out", str(out), "--force"])
        jobs = _jobs(out)  # the cold run's timings, before the rerun records its skips
        assert all(j["status"] == "ok" for j in jobs), "a report failed; see its notebook"
        rerun = _timed([*innolab_cli, "--out", str(out)])
        assert all(j["skipped"] for j in _jobs(out)), "the unchanged rerun executed a job"

        base = tmp / "baseline"
        baseline = 0.0
        work = [(nb, a) for a in areas for nb in per_area] + [(nb, None) for nb in study_level]
        for nb, area in work:
            folder = base / (area or "study")
            folder.mkdir(parents=True, exist_ok=True)
            params = ["-p", "study_dir", str(study.path), "-p", "output_dir", str(folder),
                      "-p", "lang", "en"] + (["-p", "area_id", area] if area else [])
            target = folder / f"{nb}.ipynb"
            baseline += _timed([str(BIN / "papermill"), str(nb_dir / f"{nb}.ipynb"),
                                str(target), "-k", "python3", *params, "--no-progress-bar"])
            baseline += _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html",
                                "--no-input", str(target)])
        floor = floor_seconds()
        ratios = {(j["notebook"], j["area_id"] or "study"):
                  j["seconds"] / (1.5 * floor + own_compute(out / j["ipynb"])) for j in jobs}
        worst_job, worst = max(ratios.items(), key=lambda kv: kv[1])
        shutil.rmtree(base, ignore_errors=True)

    n = len(jobs)
    print(f"example study: {len(areas)} areas, {n} notebooks")
    print(f"baseline (papermill + nbconvert CLI, one after another): {baseline:7.1f} s")
    print(f"cold innolab run:      {cold:7.1f} s = {cold / baseline:.2f} x baseline (goal <= 0.5)")
    print(f"unchanged rerun:       {rerun:7.1f} s = {rerun / baseline:.3f} x baseline "
          "(goal <= 0.1)")
    print(f"floor (kernel + imports): {floor:5.2f} s per notebook")
    print(f"worst notebook: {worst:.2f} x (1.5 x floor + its own compute) (goal <= 1): "
          f"{worst_job[0]} for {worst_job[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
