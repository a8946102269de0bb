"""The actors of a synthetic study: People–Public–Private sectors, kinds, names, target groups, a
tripartite Kehrä core, the wave each one joins, and who brokers between sectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from innolab.data import vocab

from .areas import Area, area_language
from .names import org_name, person

__all__ = ["MIN_ACTORS_PER_AREA", "SECTORS", "Actors", "make_actors"]

MIN_ACTORS_PER_AREA = 20
"""The fewest actors per area that leave room for a tripartite Kehrä core and all sectors."""


#: The sector codes in order; ``Actors.sector`` holds indices into this list.
SECTORS = list(vocab.SECTORS)
_SECTOR_SHARE = {"people": 0.58, "public": 0.14, "private": 0.17, "knowledge": 0.06,
                 "intermediary": 0.05}
_SECTOR_MIN = {"people": 4, "public": 3, "private": 3, "knowledge": 1, "intermediary": 1}
# kind, type, share within the sector
_KINDS = {
    "people": (("resident", "individual", 0.72), ("association", "organisation", 0.12),
               ("housing_company", "organisation", 0.10), ("ngo", "organisation", 0.06)),
    "public": (("official", "individual", 0.40), ("city_office", "organisation", 0.25),
               ("library", "organisation", 0.10), ("youth_services", "organisation", 0.10),
               ("service_centre", "organisation", 0.08), ("health_centre", "organisation", 0.07)),
    "private": (("company", "organisation", 0.50), ("entrepreneur", "individual", 0.42),
                ("cooperative", "organisation", 0.08)),
    "knowledge": (("school", "organisation", 0.45), ("university", "organisation", 0.20),
                  ("researcher", "individual", 0.20), ("adult_education", "organisation", 0.15)),
    "intermediary": (("coordinator", "individual", 0.55),
                     ("development_network", "organisation", 0.45)),
}
_TARGET_GROUPS = list(vocab.TARGET_GROUPS)
_RESIDENT_TG = np.array([0.09, 0.13, 0.07, 0.05, 0.03])  # youth senior immigrant unemployed disab.


@dataclass
class Actors:
    """The actor table as parallel arrays (index = position in the table)."""

    actor_id: list
    area: np.ndarray  # area index
    sector: np.ndarray  # index into SECTORS
    org: np.ndarray  # bool
    kind: list
    name: list
    target_group: list
    kehra: np.ndarray
    joined: np.ndarray
    broker: np.ndarray
    activity: np.ndarray


def _largest_remainder(total: int, shares: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    counts = minimum.copy()
    rest = total - counts.sum()
    raw = shares / shares.sum() * rest
    counts += np.floor(raw).astype(int)
    left = total - counts.sum()
    order = np.argsort(-(raw - np.floor(raw)), kind="stable")
    counts[order[:left]] += 1
    return counts


def make_actors(rng: np.random.Generator, areas: list[Area], actors_per_area: int,
                waves: int) -> Actors:
    """The actors of every area, drawn in area order; ``actors_per_area`` is the mean count."""
    cols: dict[str, list] = {k: [] for k in ("actor_id", "area", "sector", "org", "kind", "name",
                                             "tg", "kehra", "joined", "broker", "activity")}
    shares = np.array([_SECTOR_SHARE[s] for s in SECTORS])
    minimum = np.array([_SECTOR_MIN[s] for s in SECTORS])
    for ai, area in enumerate(areas):
        lang = area_language(area)
        size_f = {"selected": 1.1, "applicant": 1.0, "peer": 1.0, "comparison": 0.9}[area.role]
        n = max(MIN_ACTORS_PER_AREA, round(actors_per_area * size_f * rng.uniform(0.85, 1.15)))
        counts = _largest_remainder(n, rng.dirichlet(shares * 150), minimum)
        sector = np.repeat(np.arange(len(SECTORS)), counts)
        kinds, orgs = [], []
        for si, s in enumerate(SECTORS):
            table = _KINDS[s]
            if s == "intermediary" and area.uusimaa:
                table = (("coordinator", "individual", 0.4), ("leader_group", "organisation", 0.6))
            p = np.array([t[2] for t in table])
            pick = rng.choice(len(table), size=counts[si], p=p / p.sum())
            if s == "intermediary" and area.uusimaa:
                pick[0] = 1  # every Uusimaa area has its LEADER group
            for j in pick:
                kinds.append(table[j][0])
                orgs.append(table[j][1] == "organisation")
        orgs = np.array(orgs)
        # target groups: residents carry most of them; other individuals are sometimes immigrants
        tg = [""] * n
        u = rng.random(n)
        tg_pick = rng.choice(len(_TARGET_GROUPS), size=n, p=_RESIDENT_TG / _RESIDENT_TG.sum())
        for i in range(n):
            if kinds[i] == "resident" and u[i] < _RESIDENT_TG.sum():
                tg[i] = _TARGET_GROUPS[tg_pick[i]]
            elif not orgs[i] and kinds[i] != "resident" and u[i] < 0.05:
                tg[i] = "immigrant"
        names = []
        leader_seen = 0
        for i in range(n):
            if kinds[i] == "leader_group":
                base = {"selected": "EMO ry", "peer": "KEHU ry"}.get(area.role, "EMO ry")
                names.append(base if leader_seen == 0 else f"{base}, {area.municipality}")
                leader_seen += 1
            elif orgs[i]:
                names.append(org_name(rng, area, kinds[i]))
            else:
                names.append(person(rng, lang, tg[i] == "immigrant"))
        # a tripartite Kehrä core in Kehrä areas
        kehra = np.zeros(n, bool)
        if area.kehra:
            size = int(rng.integers(8, 13))
            want = {"people": 4, "public": 3, "private": 2, "knowledge": 1, "intermediary": 1}
            order = rng.permutation(n)
            for si, s in enumerate(SECTORS):
                cand = [i for i in order if sector[i] == si
                        and (orgs[i] or kinds[i] in ("official", "coordinator", "entrepreneur",
                                                     "resident"))]
                cand.sort(key=lambda i: (not orgs[i] and kinds[i] == "resident"))
                for i in cand[: want[s]]:
                    kehra[i] = True
            extra = [i for i in order if not kehra[i] and orgs[i]]
            for i in extra[: max(0, size - int(kehra.sum()))]:
                kehra[i] = True
        # joining: most at wave 0, more later, faster in selected areas
        p0 = {"selected": 0.5, "applicant": 0.66 if not area.kehra else 0.6, "peer": 0.65,
              "comparison": 0.72}[area.role]
        p0_i = np.where(orgs, np.minimum(p0 + 0.15, 0.95), p0)
        later_w = (np.arange(1, waves, dtype=float) if area.role == "selected"
                   else np.ones(waves - 1))
        later = 1 + rng.choice(waves - 1, size=n, p=later_w / later_w.sum())
        joined = np.where((rng.random(n) < p0_i) | kehra, 0, later)
        broker = (sector == SECTORS.index("intermediary")) | (
            np.array([k == "official" for k in kinds]) & (rng.random(n) < 0.3))
        activity = rng.gamma(2.0, 0.5, size=n)
        perm = rng.permutation(n)  # ids in no sector order, as in a real register
        sector, orgs, kehra, joined = sector[perm], orgs[perm], kehra[perm], joined[perm]
        broker, activity = broker[perm], activity[perm]
        kinds, names, tg = ([x[i] for i in perm] for x in (kinds, names, tg))
        start = len(cols["actor_id"])
        prefix = area.area_id[:3]
        cols["actor_id"] += [f"{prefix}{start + i + 1:05d}" for i in range(n)]
        cols["area"] += [ai] * n
        cols["sector"] += sector.tolist()
        cols["org"] += orgs.tolist()
        cols["kind"] += kinds
        cols["name"] += names
        cols["tg"] += tg
        cols["kehra"] += kehra.tolist()
        cols["joined"] += joined.tolist()
        cols["broker"] += broker.tolist()
        cols["activity"] += activity.tolist()
    return Actors(cols["actor_id"], np.array(cols["area"]), np.array(cols["sector"]),
                   np.array(cols["org"], bool), cols["kind"], cols["name"], cols["tg"],
                   np.array(cols["kehra"], bool), np.array(cols["joined"]),
                   np.array(cols["broker"], bool), np.array(cols["activity"]))
