"""How long reading and validating a large study takes, beside a plain pandas read of its files.

The synthetic generator writes a 50-area study (about 20,000 actors and 200,000 ties over four
waves). ``load_study`` reads every table as text, parses and checks every rule of the data format;
the baseline only reads the same CSV files with ``pandas.read_csv`` and no checks. The ratio says
what validation costs; the goal is at most 10× the bare read and under 10 s on the 2-core machine.

Run: ``.venv/bin/python benchmarks/bench_study.py [--areas 50 --actors 400]`` (or ``make bench``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from innolab import load_study
from innolab.data.synthetic import make_study


def _best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=50)
    parser.add_argument("--actors", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        folder = make_study(Path(tmp) / "bench", seed=1, n_areas=args.areas,
                            actors_per_area=args.actors)
        generate = time.perf_counter() - start
        study = load_study(folder)
        baseline = _best_of(lambda: [pd.read_csv(p) for p in sorted(folder.glob("*.csv"))],
                            args.repeat)
        loaded = _best_of(lambda: load_study(folder), args.repeat)
    print(f"study: {len(study.areas)} areas, {len(study.actors):,} actors, "
          f"{len(study.ties):,} ties, {len(study.assessments):,} assessment rows")
    print(f"generate (make_study):        {generate:6.2f} s")
    print(f"baseline (pandas.read_csv):   {baseline:6.2f} s")
    print(f"load_study (read + validate): {loaded:6.2f} s  = {loaded / baseline:.1f}x baseline "
          f"(goal: <= 10x and < 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
