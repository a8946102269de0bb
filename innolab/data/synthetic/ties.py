"""The ties of a synthetic study, wave by wave: persistence with churn, sector homophily, a dense
Kehrä core, brokers, networking across district boundaries and cross-border ties that grow.
"""

from __future__ import annotations

import numpy as np

from innolab.data import vocab

from .actors import Actors
from .areas import Area

__all__ = ["TIE_TYPES", "make_ties"]

#: The tie types in order; the type column of a wave's rows is an index into this list.
TIE_TYPES = list(vocab.TIE_TYPES)


_HOMOPHILY = 10.0  # odds of choosing a same-sector partner (brokers excepted)
_KEHRA_PULL = 4.0  # odds of a tie between two Kehrä members


def _sample_types(rng: np.random.Generator, n: int, p) -> np.ndarray:
    p = np.asarray(p, float)
    return rng.choice(len(TIE_TYPES), size=n, p=p / p.sum())


def make_ties(rng: np.random.Generator, areas: list[Area], act: Actors,
              waves: int) -> list[np.ndarray]:
    """Per wave an int array of rows (source, target, type, weight), unique on the first three."""
    n_total = len(act.actor_id)
    country = np.array([a.country for a in areas])
    muni = np.array([a.municipality for a in areas])
    role = np.array([a.role for a in areas])
    selected = role == "selected"
    a_country = country[act.area]
    networker = act.org | act.kehra | act.broker
    is_resident = np.array([k == "resident" for k in act.kind])
    base_deg = np.where(act.org, 2.4, np.where(is_resident, 0.8, 1.5)) * act.activity
    base_deg += 3.0 * act.kehra + 3.0 * act.broker
    attract = act.activity * np.where(act.org, 1.5, 1.0) * np.where(act.kehra, 3.0, 1.0)
    attract *= np.where(act.broker, 2.0, 1.0)
    log_attract = np.log(attract)
    members = [np.flatnonzero(act.area == ai) for ai in range(len(areas))]
    cb_base = np.array([{"selected": 0.03, "peer": 0.03, "comparison": 0.035,
                         "applicant": 0.005}[r] for r in role])

    per_wave: list[np.ndarray] = []
    prev = np.zeros((0, 4), np.int64)
    for w in range(waves):
        active = act.joined <= w
        chunks = []
        # persistence with churn: core and cross-border collaborations last longer
        if len(prev):
            s, t, ty = prev[:, 0], prev[:, 1], prev[:, 2]
            keep_p = np.where(selected[act.area[s]], 0.74, 0.68)
            keep_p[act.kehra[s] & act.kehra[t]] = 0.88
            keep_p[(a_country[s] != a_country[t]) & (ty == 0)] = 0.85
            kept = prev[rng.random(len(prev)) < keep_p].copy()
            drift = rng.integers(-1, 2, size=len(kept))
            kept[:, 3] = np.clip(kept[:, 3] + drift * (rng.random(len(kept)) < 0.3), 1, 3)
            chunks.append(kept)
        # new ties inside each area: homophily, a dense Kehrä core, brokers who bridge sectors
        for ai, idx in enumerate(members):
            loc = idx[active[idx]]
            m = len(loc)
            if m < 2:
                continue
            growth = 1.0 + (0.35 * w if selected[ai] else 0.05 * w)
            rate = base_deg[loc] * (1.0 if w == 0 else 0.38 * growth)
            n_new = np.minimum(rng.poisson(rate), m - 1)
            sec, keh, brk = act.sector[loc], act.kehra[loc], act.broker[loc]
            same = sec[:, None] == sec[None, :]
            logw = np.broadcast_to(log_attract[loc][None, :], (m, m)).copy()
            logw += np.where(same & ~brk[:, None], np.log(_HOMOPHILY), 0.0)
            logw += np.where(~same & brk[:, None], np.log(1.8), 0.0)
            logw += np.where(keh[:, None] & keh[None, :], np.log(_KEHRA_PULL), 0.0)
            np.fill_diagonal(logw, -np.inf)
            keys = logw + rng.gumbel(size=(m, m))
            order = np.argsort(-keys, axis=1, kind="stable")
            take = np.arange(m)[None, :] < n_new[:, None]
            src = loc[np.repeat(np.arange(m), n_new)]
            tgt = loc[order[take]]
            both_k = act.kehra[src] & act.kehra[tgt]
            p_type = np.where(act.broker[src][:, None], [[0.3, 0.3, 0.1, 0.3]],
                              np.where(both_k[:, None], [[0.6, 0.25, 0.1, 0.05]],
                                       [[0.4, 0.35, 0.1, 0.15]]))
            u = rng.random(len(src))
            ty = (u[:, None] > np.cumsum(p_type, axis=1)).sum(axis=1)
            ty = np.minimum(ty, len(TIE_TYPES) - 1)
            wt = rng.integers(1, 3, size=len(src)) + ((ty == 0) & (rng.random(len(src)) < 0.4))
            wt = np.minimum(wt + both_k, 3)
            new = np.column_stack([src, tgt, ty, wt])
            # a second kind of tie on some pairs, partial reciprocity
            multi = new[rng.random(len(new)) < 0.1].copy()
            multi[:, 2] = (multi[:, 2] + rng.integers(1, 4, size=len(multi))) % 4
            multi[:, 3] = 1
            recip_p = np.where(both_k, 0.55, 0.3)
            recip = new[rng.random(len(new)) < recip_p][:, [1, 0, 2, 3]]
            chunks += [new, multi, recip]
        # networking across district boundaries, within a country; more in selected areas
        src_pool = np.flatnonzero(active & networker)
        lam = 0.08 * (1 + 0.6 * w) * np.where(selected[act.area[src_pool]], 2.0, 1.0)
        lam *= np.where(act.broker[src_pool], 2.0, 1.0)
        cnt = rng.poisson(lam)
        src = np.repeat(src_pool, cnt)
        tgt = np.full(len(src), -1)
        for c in sorted(set(country.tolist())):
            pool = src_pool[a_country[src_pool] == c]
            sel = np.flatnonzero(a_country[src] == c)
            if len(pool) < 2 or not len(sel):
                continue
            for _ in range(6):  # redraw those that landed in their own area
                todo = sel[tgt[sel] < 0]
                if not len(todo):
                    break
                draw = pool[rng.integers(len(pool), size=len(todo))]
                same_muni = muni[act.area[draw]] == muni[act.area[src[todo]]]
                ok = (act.area[draw] != act.area[src[todo]]) & (
                    same_muni | (rng.random(len(todo)) < 0.4))
                tgt[todo[ok]] = draw[ok]
        src, tgt = src[tgt >= 0], tgt[tgt >= 0]
        ty = _sample_types(rng, len(src), [0.45, 0.45, 0.0, 0.1])
        chunks.append(np.column_stack([src, tgt, ty, rng.integers(1, 3, size=len(src))]))
        # cross-border ties between organisations, growing over the waves
        org_pool = np.flatnonzero(active & act.org)
        lam = cb_base[act.area[org_pool]] * (1 + 1.2 * w)
        src = np.repeat(org_pool, rng.poisson(lam))
        tgt = np.full(len(src), -1)
        pref = np.where(role[act.area[org_pool]] == "applicant", 0.2, 1.0)
        for c in sorted(set(country.tolist())):
            sel = np.flatnonzero(a_country[src] == c)
            cand = a_country[org_pool] != c
            if not len(sel) or not cand.any():
                continue
            p = pref[cand] / pref[cand].sum()
            tgt[sel] = rng.choice(org_pool[cand], size=len(sel), p=p)
        src, tgt = src[tgt >= 0], tgt[tgt >= 0]
        ty = _sample_types(rng, len(src), [0.65, 0.35, 0.0, 0.0])
        cb = np.column_stack([src, tgt, ty, rng.integers(1, 3, size=len(src))])
        cb_recip = cb[rng.random(len(cb)) < 0.4][:, [1, 0, 2, 3]]
        chunks += [cb, cb_recip]

        rows = np.concatenate([c.astype(np.int64).reshape(-1, 4) for c in chunks])
        rows = rows[rows[:, 0] != rows[:, 1]]
        key = (rows[:, 0] * n_total + rows[:, 1]) * 4 + rows[:, 2]
        _, first = np.unique(key, return_index=True)
        rows = rows[np.sort(first)]
        per_wave.append(rows)
        prev = rows
    return per_wave
