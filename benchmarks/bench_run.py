"""How fast `innolab run` writes every report of a study, beside one kernel per report.

Measured in one run, on the same machine, study, notebooks and parameters, each into a new
output folder:

- **baseline**: ``innolab run --force --fresh-kernels --no-cache`` — a new kernel for every
  report, and every study-wide result computed in each report that needs it (innolab before
  warm kernels);
- **new**: ``innolab run --force`` — warm kernels, study-wide results once per run;
- **unchanged rerun**: ``innolab run`` again on the new run's folder (every job skipped).

For every report of the new run, its **overhead** is its job time (execution and conversion to
HTML, as ``manifest.json`` records it) minus its own compute (the sum of its cells' times as
papermill records them). **Peak memory** is the largest sum of resident memory over innolab and
all its child processes (workers, kernels), sampled every 0.2 s, with the largest single process.

Goals: new ≤ 0.4 × baseline; new ≤ 150 s for 50 areas × 200 actors on the 2-core machine;
mean overhead per report ≤ 0.5 s; unchanged rerun ≤ 0.1 × baseline.

Run: ``.venv/bin/python benchmarks/bench_run.py --areas 50`` (a synthetic study of 50 areas ×
200 actors, 4 waves; ``make bench-run``), or ``--study FOLDER`` for a study of your own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tree_rss(proc) -> tuple[int, int]:
    """(sum, largest) resident bytes of a process and all its descendants."""
    import psutil

    total = largest = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            rss = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest


def timed_run(args: list[str]) -> tuple[float, int, int]:
    """Run ``innolab run ARGS``: (seconds, peak total resident bytes, peak single process)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "innolab"), "run", "--quiet", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = [0, 0]

    def sample():
        while proc.poll() is None:
            total, largest = _tree_rss(ps)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"innolab run {' '.join(args)} failed:\n{out.decode()}{err.decode()}")
    return seconds, peak[0], peak[1]


def cell_seconds(ipynb: Path) -> float:
    """The report's own compute: the sum of its cells' times as papermill records them."""
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    return float(sum(c.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
                     for c in nb["cells"] if c["cell_type"] == "code"))


def overheads(out: Path) -> list[tuple[float, str]]:
    """(job seconds − own compute, report) for every report of a run."""
    jobs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    return sorted(((j["seconds"] - cell_seconds(out / j["ipynb"]),
                    f"{j['notebook']} for {j['area_id'] or 'the study'}") for j in jobs),
                  reverse=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--study", help="a study folder (default: a synthetic one, --areas)")
    parser.add_argument("--areas", type=int, default=50,
                        help="areas of the synthetic study (default 50)")
    parser.add_argument("--actors-per-area", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="innolab-bench-") as tmp:
        tmp = Path(tmp)
        if args.study:
            study = Path(args.study).resolve()
        else:
            from innolab.data.synthetic import make_study

            study = tmp / "study"
            make_study(study, n_areas=args.areas, actors_per_area=args.actors_per_area)
        from innolab import load_study

        s = load_study(study)
        common = ["--study", str(study), "--force"] + (
            ["--workers", str(args.workers)] if args.workers else [])
        baseline, base_mem, base_one = timed_run(
            [*common, "--out", str(tmp / "baseline"), "--fresh-kernels", "--no-cache"])
        new, new_mem, new_one = timed_run([*common, "--out", str(tmp / "new")])
        over = overheads(tmp / "new")  # before the rerun records its skips
        rerun, _, _ = timed_run(["--study", str(study), "--out", str(tmp / "new")])
        n = len(over)

    mean = statistics.mean(o for o, _ in over)
    p95 = sorted(o for o, _ in over)[int(0.95 * (n - 1))]
    gib = 2 ** 30
    print(f"study: {len(s.areas)} areas, {len(s.actors)} actors, {len(s.ties)} ties, "
          f"{len(s.waves)} waves; {n} reports")
    print(f"baseline (--fresh-kernels --no-cache): {baseline:7.1f} s, "
          f"peak memory {base_mem / gib:.2f} GiB (largest process {base_one / gib:.2f} GiB)")
    print(f"new (warm kernels, cache):             {new:7.1f} s = {new / baseline:.2f} x "
          f"baseline (goal <= 0.4; <= 150 s at 50 areas), peak memory {new_mem / gib:.2f} GiB "
          f"(largest process {new_one / gib:.2f} GiB)")
    print(f"unchanged rerun:                       {rerun:7.1f} s = {rerun / baseline:.3f} x "
          "baseline (goal <= 0.1)")
    print(f"overhead per report (job time - its cells' time): mean {mean:.2f} s (goal <= 0.5), "
          f"95th percentile {p95:.2f} s, largest {over[0][0]:.2f} s ({over[0][1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
