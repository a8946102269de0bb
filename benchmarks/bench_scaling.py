"""Does the cost of one area's reports grow with the number of areas in the study?

For synthetic studies of 10 and of 40 areas (200 actors each, 4 waves) this measures, in this
process:

- the **study-wide step**: the results every area's reports share (the Monte Carlo rank
  intervals of all areas, :func:`innolab.analysis.criteria.uncertainty`; the bootstrap of every
  area's dimension scores; the self vs external table; the support-vs-change panel and its
  bootstrap), computed once;
- the **per-area cost**: the sections of one area's profile and mobilisation report (as the
  notebooks call them, figures drawn, nothing saved), averaged over the same number of areas
  in both studies, with the study-wide result taken from the cache as in ``innolab run``;
- the same per-area cost **without the cache** (each area profile computes the study-wide step
  itself, as before this cache): that part grows with the number of areas.

Goal: per-area cost at 40 areas ≤ 1.25 × at 10 areas (the cost of a run grows linearly with
the number of areas); the study-wide step per area likewise.

Run: ``.venv/bin/python benchmarks/bench_scaling.py [--sample 4]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

SECTIONS = [("area_facts", {}), ("area_actors", {}), ("area_kehra", {}), ("area_activity", {}),
            ("profile_mobilisation_headline", {}), ("area_network", {"n": 1000, "seed": 0}),
            ("area_criteria", {"n": 1000, "seed": 0}),
            ("area_mobilisation", {"n_boot": 2000, "seed": 0})]


def per_area_seconds(study, areas) -> float:
    """Mean seconds to build the per-area report sections of ``areas``."""
    import matplotlib.pyplot as plt

    from innolab.reports import sections
    from innolab.reports.notebook import Report

    start = time.perf_counter()
    for area_id in areas:
        report = Report(study, "en", Path("."), {}, area_id)
        for name, kw in SECTIONS:
            report.section(getattr(sections, name), **kw)
        plt.close("all")
    return (time.perf_counter() - start) / len(areas)


def measure(n_areas: int, sample: int, tmp: Path) -> dict:
    from innolab.analysis import criteria, mobilisation
    from innolab.data import cache
    from innolab.data.study import load_study
    from innolab.data.synthetic import make_study

    study = load_study(make_study(tmp / f"s{n_areas}", n_areas=n_areas, actors_per_area=200))
    areas = study.area_ids[:sample]
    out = {"areas": n_areas}
    with cache.enabled():
        start = time.perf_counter()
        criteria.uncertainty(study, n=1000, seed=0)
        criteria.dimension_intervals(study, n=1000, seed=0)
        criteria.self_vs_external(study)
        mobilisation.support_vs_change(study, n_boot=2000, seed=0)
        out["study_wide"] = time.perf_counter() - start
        per_area_seconds(study, study.area_ids[-1:])  # first calls: imports, font cache
        out["per_area"] = per_area_seconds(study, areas)
    out["per_area_uncached"] = per_area_seconds(study, areas)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=4, help="areas timed in each study")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="innolab-scaling-") as tmp:
        small, large = (measure(n, args.sample, Path(tmp)) for n in (10, 40))
    ratio = large["per_area"] / small["per_area"]
    wide = (large["study_wide"] / 40) / (small["study_wide"] / 10)
    print(f"per-area cost (sections of one area's reports, study-wide result cached): "
          f"10 areas {small['per_area']:.2f} s, 40 areas {large['per_area']:.2f} s: "
          f"ratio {ratio:.2f} (goal <= 1.25)")
    print(f"study-wide step once per run: 10 areas {small['study_wide']:.2f} s, "
          f"40 areas {large['study_wide']:.2f} s: per area, ratio {wide:.2f} (goal <= 1.25)")
    print(f"without the cache (every area profile computes the study-wide step): "
          f"10 areas {small['per_area_uncached']:.2f} s, 40 areas "
          f"{large['per_area_uncached']:.2f} s per area: ratio "
          f"{large['per_area_uncached'] / small['per_area_uncached']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
