"""Monte Carlo uncertainty of the criteria index: vectorised innolab vs a per-draw pandas loop.

The data are built with numpy (seeded): ``--areas`` areas × ``--respondents`` respondents × the 29
criteria of the built-in set, scores 0–4 with 5 % missing, written as a study folder and loaded
with ``load_study``. ``innolab.criteria.uncertainty`` then runs ``--draws`` Monte Carlo draws
(normalisation, aggregation, weight noise, respondent bootstrap). The baseline computes the very
same draws (same uniforms) one at a time with pandas groupby/merge; it runs ``--baseline-draws``
draws and its time is scaled to ``--draws``. Goal: at least 10× faster and under 10 s.

Run: ``.venv/bin/python benchmarks/bench_criteria.py [--draws 10000 --areas 50]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from innolab import load_study
from innolab.analysis import composite
from innolab.analysis.criteria import load_criteria, uncertainty

NORMS = ("minmax", "zscore", "rank")
AGGS = ("arithmetic", "geometric")


def make_study_folder(folder: Path, n_areas: int = 50, n_respondents: int = 5,
                      seed: int = 0, missing: float = 0.05) -> Path:
    """Write a study of random assessments (numpy, seeded) and return its folder."""
    rng = np.random.default_rng(seed)
    crit = load_criteria()
    folder.mkdir(parents=True, exist_ok=True)
    areas = [f"a{i:03d}" for i in range(n_areas)]
    pd.DataFrame({"area_id": areas, "name": areas, "municipality": "Espoo",
                  "country": "FI"}).to_csv(folder / "areas.csv", index=False)
    pd.DataFrame({"actor_id": [f"x{a}" for a in areas], "area_id": areas, "sector": "people",
                  "type": "organisation"}).to_csv(folder / "actors.csv", index=False)
    pd.DataFrame(columns=["source", "target", "wave", "type"]).to_csv(folder / "ties.csv",
                                                                       index=False)
    level = rng.uniform(0.5, 3.5, n_areas)
    rows = []
    ids = crit["criterion_id"].tolist()
    for i, a in enumerate(areas):
        for r in range(n_respondents):
            scores = np.clip(np.rint(level[i] + rng.normal(0, 0.8, len(ids))), 0, 4)
            for c, s in zip(ids, scores, strict=True):
                rows.append((a, 0, "self", f"{a}r{r}", "people", c,
                             "" if rng.random() < missing else f"{s:g}"))
    pd.DataFrame(rows, columns=["area_id", "wave", "assessor", "respondent_id",
                                "respondent_sector", "criterion_id", "score"]).to_csv(
        folder / "assessments.csv", index=False)
    return folder


# ---------------------------------------------------------------------------------------------
# The baseline: one draw at a time, in pandas


def _baseline_draw(long: pd.DataFrame, resp: dict, cube: composite.Cube, u: np.ndarray, lay: dict,
                   weight_noise: float) -> pd.Series:
    """The index of one draw computed with pandas (same definition as innolab's core)."""
    norm = NORMS[min(int(u[0] * len(NORMS)), len(NORMS) - 1)]
    agg = AGGS[min(int(u[1] * len(AGGS)), len(AGGS) - 1)]
    dim_w = pd.Series(cube.dim_w * (1 + weight_noise * (2 * u[lay["weights"]] - 1)),
                      index=cube.dims)
    A, R, _ = cube.shape
    ub = u[lay["respondents"]].reshape(A, R)
    picks = []
    for a, area in enumerate(cube.area_ids):
        for r in range(cube.m[a]):
            picks.append((area, resp[area][min(int(ub[a, r] * cube.m[a]), cube.m[a] - 1)]))
    counts = pd.DataFrame(picks, columns=["area_id", "respondent_id"]).value_counts()
    d = long.merge(counts.rename("w").reset_index(), on=["area_id", "respondent_id"])
    d = d[d["score"].notna()]
    d["ws"] = d["score"] * d["w"]
    g = d.groupby(["area_id", "criterion_id"])[["ws", "w"]].sum()
    means = (g["ws"] / g["w"]).rename("x").reset_index()
    by = means.groupby("criterion_id")["x"]
    if norm == "minmax":
        span = by.transform("max") - by.transform("min")
        means["v"] = np.where(span > 0, (means["x"] - by.transform("min")) / span, 0.5)
        lo, hi = 0.0, 1.0
    elif norm == "zscore":
        sd = by.transform("std").fillna(0)
        means["v"] = np.where(sd > 0, (means["x"] - by.transform("mean")) / sd, 0.0)
        lo, hi = means["v"].min(), means["v"].max()
        hi = hi if hi > lo else lo + 1
    else:
        n = by.transform("count")
        means["v"] = np.where(n > 1, (by.rank(method="average") - 1) / (n - 1), 0.5)
        lo, hi = 0.0, 1.0
    crit = cube.criteria.set_index("criterion_id")
    means["dim"] = means["criterion_id"].map(crit["dimension_id"])
    means["cw"] = means["criterion_id"].map(crit["weight"])

    def combine(frame, value, weight, key):
        if agg == "geometric":
            t = np.log(1 + 99 * (frame[value] - lo) / (hi - lo))
        else:
            t = frame[value]
        f = frame.assign(t=t * frame[weight])
        s = f.groupby(key)[["t", weight]].sum()
        out = s["t"] / s[weight]
        return lo + (np.exp(out) - 1) * (hi - lo) / 99 if agg == "geometric" else out

    dims = combine(means, "v", "cw", ["area_id", "dim"]).rename("s").reset_index()
    dims["dw"] = dims["dim"].map(dim_w)
    index = combine(dims, "s", "dw", "area_id")
    return index.reindex(cube.area_ids)


def baseline(study, n: int, seed: int = 0, weight_noise: float = 0.25) -> np.ndarray:
    """Ranks (n, areas) of the first ``n`` draws of ``uncertainty(study, seed=seed)``."""
    cube = composite.Cube(study, None, "self")
    lay = composite.draw_layout(cube)
    long = study.assessments[study.assessments["assessor"] == "self"]
    resp = {a: long.loc[long["area_id"] == a, "respondent_id"].unique() for a in cube.area_ids}
    rng = np.random.default_rng(seed)
    ranks = []
    for s in range(0, n, composite.BATCH):
        U = rng.random((min(composite.BATCH, n - s), lay["k"]))
        for u in U:
            index = _baseline_draw(long, resp, cube, u, lay, weight_noise)
            ranks.append(index.rank(ascending=False, method="min").to_numpy())
    return np.array(ranks)


def summarise(study, ranks: np.ndarray) -> pd.DataFrame:
    """The rank columns of ``uncertainty`` from a (draws, areas) array of ranks."""
    cube = composite.Cube(study, None, "self")
    rank0 = composite.ranks(composite.nominal(cube, "minmax", "arithmetic")[1])
    r05, rmed, r95 = np.percentile(ranks, [5, 50, 95], axis=0)
    return pd.DataFrame({"area_id": cube.area_ids, "nominal_rank": rank0, "median_rank": rmed,
                         "rank_p05": r05, "rank_p95": r95,
                         "mean_abs_rank_shift": np.abs(ranks - rank0).mean(axis=0)})


def vectorised(study, n: int, seed: int = 0) -> pd.DataFrame:
    """innolab's own Monte Carlo."""
    return uncertainty(study, n=n, seed=seed, normalisations=NORMS, aggregations=AGGS)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=50)
    parser.add_argument("--respondents", type=int, default=5)
    parser.add_argument("--baseline-draws", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        study = load_study(make_study_folder(Path(tmp) / "bench", args.areas, args.respondents))
    start = time.perf_counter()
    res = vectorised(study, args.draws)
    t_vec = time.perf_counter() - start
    start = time.perf_counter()
    ranks = baseline(study, args.baseline_draws)
    t_base = (time.perf_counter() - start) / args.baseline_draws * args.draws
    check = vectorised(study, args.baseline_draws)
    same = np.allclose(summarise(study, ranks)[["median_rank", "mean_abs_rank_shift"]],
                       check[["median_rank", "mean_abs_rank_shift"]])
    print(f"{args.areas} areas × 29 criteria × {args.respondents} respondents, "
          f"{args.draws} draws")
    print(f"innolab.criteria.uncertainty : {t_vec:8.2f} s")
    print(f"pandas per-draw loop         : {t_base:8.2f} s (timed on {args.baseline_draws} "
          f"draws, scaled to {args.draws})")
    print(f"speed-up                     : {t_base / t_vec:8.1f}×  (goal ≥ 10×, < 10 s)")
    print(f"same ranks as the baseline on {args.baseline_draws} draws: {same}")
    return 0 if len(res) == args.areas and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
