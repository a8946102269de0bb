"""The events of a synthetic study and who took part, including the final peer-review workshop."""

from __future__ import annotations

import numpy as np

from .areas import Area
from .names import pick_one
from .waves import random_date

__all__ = ["make_events"]

_TITLES_FI = {
    "kehra_meeting": ("Kehrän kokous",),
    "workshop": ("Ryhmäkorjaustyöpaja", "Lähiruokatyöpaja", "Ideointityöpaja: yhteisötilat",
                 "Energiatyöpaja", "Esteettömyyskävely ja työpaja", "Turvallisuustyöpaja"),
    "forum": ("Aluefoorumi", "Asukasilta", "Kaupunginosafoorumi"),
    "public_event": ("Kaupunginosapäivä", "Siivoustalkoot", "Kirpputoripäivä", "Ravintolapäivä",
                     "Kesäjuhla puistossa"),
    "training": ("Viestintäkoulutus", "Fasilitointikoulutus", "Hankeosaamisen koulutus",
                 "Verkosto-osaamisen koulutus", "Yhteisöjohtamisen koulutus"),
}
_TITLES_EN = {
    "workshop": ("Neighbourhood workshop", "Community garden workshop"),
    "forum": ("Community forum", "Residents' evening"),
    "public_event": ("Neighbourhood day", "Street festival", "Clean-up day"),
    "training": ("Training for local activists",),
    "kehra_meeting": ("Local development group meeting",),
}
_EVENT_SIZE = {"kehra_meeting": (0, 3), "workshop": (8, 25), "forum": (15, 40),
               "public_event": (20, 60), "training": (6, 15), "peer_review": (0, 0)}


def _event_plan(rng: np.random.Generator, area: Area, w: int) -> list[str]:
    types: list[str] = []
    if area.kehra:
        types += ["kehra_meeting"] * (2 if area.role == "selected" else int(rng.integers(1, 3)))
    if area.role == "selected":
        types += ["workshop"] * int(rng.integers(1, 3) + (w >= 2))
        types += ["forum"] * int(rng.random() < 0.6)
        types += ["public_event"] * int(rng.random() < 0.6)
        types += ["training"] * int(w >= 1)
    elif area.role in ("applicant", "peer"):
        types += ["forum"] * int(rng.random() < (0.6 if area.role == "peer" else 0.4))
        types += ["public_event"] * int(rng.random() < 0.4)
        types += ["workshop"] * int(w >= 2 and rng.random() < 0.4)
    else:
        types += ["forum"] * int(rng.random() < 0.5)
        types += ["public_event"] * int(rng.random() < 0.4)
    return types


def make_events(rng, areas, act, schedule):
    """Rows of ``events.csv`` and ``participation.csv``, wave by wave in date order."""
    events, part = [], []
    members = [np.flatnonzero(act.area == ai) for ai in range(len(areas))]
    country = np.array([a.country for a in areas])
    networker = act.org | act.kehra | act.broker
    weight_all = act.activity * np.where(act.kehra, 4.0, 1.0) * np.where(act.org, 1.5, 1.0)
    organiser_ok = act.kehra | act.broker | np.array(
        [k in ("association", "ngo", "coordinator") for k in act.kind])
    waves = len(schedule)
    for w, _, start, end in schedule:
        active = act.joined <= w
        planned = []
        for ai, area in enumerate(areas):
            for etype in _event_plan(rng, area, w):
                planned.append((random_date(rng, start, end), ai, etype))
        if w == waves - 1:  # the full-day peer-review workshop: Helsinki meets Uusimaa LEADER
            host = next(i for i, a in enumerate(areas) if a.role == "selected")
            planned.append((random_date(rng, start + (end - start) / 2, end), host,
                            "peer_review"))
        planned.sort(key=lambda e: (e[0], e[1], e[2]))
        for date, ai, etype in planned:
            area = areas[ai]
            eid = f"e{len(events) + 1:04d}"
            if etype == "peer_review":
                title = "Vertaisarviointityöpaja: Helsingin paikalliskehittäjät ja Leader-ryhmät"
            else:
                titles = (_TITLES_FI if area.country == "FI" else _TITLES_EN)[etype]
                title = pick_one(rng, titles)
                if etype == "kehra_meeting" and area.country == "FI":
                    title = f"Kehrän kokous ({area.name})"
            events.append((eid, area.area_id, date.isoformat(), w, etype, title))
            loc = members[ai][active[members[ai]]]
            chosen: list[int] = []
            if etype == "kehra_meeting":
                core = loc[act.kehra[loc]]
                chosen = core[rng.random(len(core)) < 0.8].tolist()
            if etype == "peer_review":
                for aj, other in enumerate(areas):
                    if other.role in ("selected", "peer") and other.country == "FI":
                        o = members[aj][active[members[aj]] & (act.kehra[members[aj]]
                                                               | act.broker[members[aj]])]
                        k = min(len(o), 3)
                        if k:
                            chosen += rng.choice(o, size=k, replace=False).tolist()
            else:
                lo, hi = _EVENT_SIZE[etype]
                grow = 1 + (0.15 if area.role == "selected" else 0.05) * w
                k = min(int(rng.integers(lo, hi + 1) * grow), len(loc) - len(chosen))
                rest = np.array([i for i in loc if i not in set(chosen)], dtype=int)
                if k > 0 and len(rest):
                    p = weight_all[rest] / weight_all[rest].sum()
                    chosen += rng.choice(rest, size=k, replace=False, p=p).tolist()
                # visitors from other areas of the same country, more in later waves
                n_vis = rng.binomial(max(len(chosen), 1), 0.04 + 0.03 * w)
                vis_pool = np.flatnonzero(active & networker & (act.area != ai)
                                          & (country[act.area] == area.country))
                if n_vis and len(vis_pool):
                    chosen += rng.choice(vis_pool, size=min(n_vis, len(vis_pool)),
                                         replace=False).tolist()
            if not chosen:
                continue
            org_cands = [i for i in chosen if organiser_ok[i] and act.area[i] == ai]
            organisers = {org_cands[0]} if org_cands else set()
            if len(org_cands) > 1 and rng.random() < 0.3:
                organisers.add(org_cands[1])
            seen: set[int] = set()
            for i in chosen:
                if i in seen:
                    continue
                seen.add(i)
                part.append((eid, act.actor_id[i],
                             "organiser" if i in organisers else "participant"))
    return events, part
