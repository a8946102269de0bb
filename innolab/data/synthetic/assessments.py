"""The assessments of a synthetic study: a latent level per area, criterion and wave, and the
self, external and application ratings drawn from it.
"""

from __future__ import annotations

import numpy as np

from .actors import SECTORS

__all__ = ["criterion_ids", "make_latent", "make_assessments"]

_OPTIMISM = 0.3  # self-assessment above external, before rounding and clipping
_EMPTY_RATE_ITEMS = {"4.4": 0.08, "6.1": 0.08, "7.3": 0.1}


def criterion_ids() -> list[str]:
    """The ids of the built-in criteria set, in its order."""
    from innolab.data.study import builtin_criteria

    return [str(c) for c in builtin_criteria()["criterion_id"]]


def make_latent(rng, areas, criteria, waves):
    """Latent level (area, criterion, wave) on the 0–4 scale, before rater effects."""
    dims = np.array([int(c.split(".")[0]) for c in criteria])
    base_mu = {"selected": 2.0, "applicant": 1.55, "peer": 2.2, "comparison": 1.8}
    base = np.array([rng.normal(base_mu[a.role], 0.35) for a in areas])
    dim_off = rng.normal(0, 0.4, size=(len(areas), 7))
    crit_off = rng.normal(0, 0.25, size=len(criteria)) - 0.3 * (dims >= 6)
    dim_growth = np.array([1.3, 1.3, 1.0, 0.6, 1.0, 1.3, 0.8])
    total = np.array([0.9 if a.role == "selected" else (0.2 if a.kehra else 0.1) for a in areas])
    steps = np.arange(waves) / max(waves - 1, 1)
    lat = (base[:, None, None] + dim_off[:, dims - 1][:, :, None] + crit_off[None, :, None]
           + total[:, None, None] * dim_growth[dims - 1][None, :, None] * steps[None, None, :])
    return lat


def _scores(rng, latent: np.ndarray, shift: float, sd: float, missing: np.ndarray) -> list[str]:
    raw = np.clip(np.rint(latent + shift + rng.normal(0, sd, size=latent.shape)), 0, 4)
    gone = rng.random(latent.shape) < missing
    return ["" if g else str(int(v)) for v, g in zip(raw, gone, strict=True)]


def make_assessments(rng, areas, act, criteria, latent, waves):
    """Rows of ``assessments.csv``: self-assessments by a Kehrä panel, external ratings, and
    the application ratings of the steering group."""
    rows = []
    sectors = np.array(SECTORS)
    miss = np.array([0.04 + _EMPTY_RATE_ITEMS.get(c, 0.0) for c in criteria])
    n_sg = int(rng.integers(4, 6))
    sg_bias = rng.normal(0, 0.3, size=n_sg)
    ext = (("ext_helka", "intermediary", 0.0), ("ext_uni", "knowledge", -0.15))
    for ai, area in enumerate(areas):
        idx = np.flatnonzero(act.area == ai)
        core = idx[act.kehra[idx]]
        if len(core) < 4:
            core = idx[(act.joined[idx] == 0) & (act.org[idx] | act.broker[idx])]
        panel = core[rng.permutation(len(core))[:6]]
        bias = rng.normal(0, 0.3, size=len(panel))
        for w in range(waves):
            lat = latent[ai, :, w]
            answered = rng.random(len(panel)) < 0.75
            answered[: 3] = True
            for r, b, ok in zip(panel, bias, answered, strict=True):
                if not ok:
                    continue
                sc = _scores(rng, lat, _OPTIMISM + b, 0.55, miss)
                rows += [(area.area_id, w, "self", act.actor_id[r], sectors[act.sector[r]], c, s)
                         for c, s in zip(criteria, sc, strict=True)]
            every = area.role in ("selected", "peer")
            if every or w in (0, waves - 1):
                for rid, rsec, rb in ext:
                    if area.country != "FI" and rid == "ext_helka":
                        continue
                    sc = _scores(rng, lat, rb, 0.4, np.full(len(criteria), 0.02))
                    rows += [(area.area_id, w, "external", rid, rsec, c, s)
                             for c, s in zip(criteria, sc, strict=True)]
            if w == 0 and area.country == "FI" and area.role in ("applicant", "selected"):
                for k in range(n_sg):
                    sc = _scores(rng, lat, 0.1 + sg_bias[k], 0.5, np.full(len(criteria), 0.03))
                    rows += [(area.area_id, 0, "application", f"sg{k + 1}", "steering_group", c, s)
                             for c, s in zip(criteria, sc, strict=True)]
    return rows
