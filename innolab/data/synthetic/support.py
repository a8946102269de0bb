"""The support log and the peer-review ratings of a synthetic study."""

from __future__ import annotations

import numpy as np

from innolab.data import vocab

from .names import pick_one
from .waves import random_date

__all__ = ["make_support", "make_peer_review"]

_SUPPORT_TYPES = list(vocab.SUPPORT_TYPES)
# BRIEF §3: support that fits a weak dimension.
_SUPPORT_FOR_DIM = {
    1: ("community_management", "facilitation"), 2: ("network_skills",),
    3: ("communication_it",), 4: ("community_management",),
    5: ("facilitation", "project_skills"), 6: ("innovation", "project_skills"),
    7: ("communication_it", "innovation"),
}


def make_support(rng, areas, latent, criteria, schedule):
    """Rows of ``support.csv``: sparring hours, leaning towards the area's weakest dimensions."""
    rows = []
    dims = np.array([int(c.split(".")[0]) for c in criteria])
    for ai, area in enumerate(areas):
        if area.role not in ("selected", "peer") and not area.kehra:
            continue  # support goes to the selected areas, and a little to Kehrä areas and peers
        # sparring leans towards the support that fits the area's two weakest dimensions
        level = np.array([latent[ai, dims == d, 0].mean() for d in range(1, 8)])
        p = np.ones(len(_SUPPORT_TYPES))
        for d in np.argsort(level, kind="stable")[:2] + 1:
            for stype in _SUPPORT_FOR_DIM[int(d)]:
                p[_SUPPORT_TYPES.index(stype)] += 1.5
        p /= p.sum()
        for w, _, start, end in schedule[1:]:
            n = int(rng.integers(3, 8)) if area.role == "selected" else int(rng.random() < 0.35)
            for _ in range(n):
                date = random_date(rng, start, end)
                stype = _SUPPORT_TYPES[int(rng.choice(len(p), p=p))]
                hours = round(float(rng.uniform(2, 12)) * 2) / 2
                rows.append((area.area_id, date.isoformat(), w, stype, f"{hours:.1f}"))
    rows.sort(key=lambda r: (r[2], r[0], r[1], r[3]))
    return rows


_PRACTICES = (
    ("Open local forums", "Avoimet aluefoorumit", "both"),
    ("Tripartite local development group (Kehrä)", "Kolmikantainen kehittämisryhmä (Kehrä)",
     "helsinki"),
    ("Small grants for local projects", "Pienavustukset paikallisille hankkeille",
     "uusimaa_leader"),
    ("Participatory budgeting", "Osallistuva budjetointi", "both"),
    ("Shared online platform for the area", "Alueen yhteinen verkkoalusta", "helsinki"),
    ("Mentoring new activists", "Uusien aktiivien mentorointi", "both"),
    ("Joint projects with local entrepreneurs", "Yhteishankkeet paikallisten yrittäjien kanssa",
     "uusimaa_leader"),
    ("Village and district development plans", "Kylä- ja aluesuunnitelmat", "uusimaa_leader"),
    ("Networking across district and municipal boundaries",
     "Kaupunginosa- ja kuntarajat ylittävä verkostoituminen", "both"),
    ("Regular self-assessment", "Säännöllinen itsearviointi", "helsinki"),
)
_NOTES = ("Toimii hyvin pienellä budjetilla", "Vaatii vetäjän", "Kokeiltu vasta kerran",
          "Hyvä malli Helsinkiin", "Riippuu vapaaehtoisista")


def make_peer_review(rng, areas, act):
    """Rows of ``peer_review.csv``: each organisation rates the practices; its own rate higher."""
    orgs = [("Helka ry", "helsinki")]
    for ai, area in enumerate(areas):
        if area.role == "selected" and area.municipality == "Helsinki":
            idx = np.flatnonzero((act.area == ai) & np.array(
                [k == "association" for k in act.kind]))
            if len(idx):
                orgs.append((act.name[idx[0]], "helsinki"))
    orgs += [("EMO ry", "uusimaa_leader"), ("KEHU ry", "uusimaa_leader")]
    n_practices = int(rng.integers(8, 11))
    rows = []
    for org, group in orgs:
        for p in range(n_practices):
            en, fi, home = _PRACTICES[p]
            mu = 3.2 + (0.8 if home == group else (-0.5 if home != "both" else 0.0))
            rating = int(np.clip(np.rint(rng.normal(mu, 0.8)), 1, 5))
            note = pick_one(rng, _NOTES) if rng.random() < 0.15 else ""
            rows.append((org, group, f"P{p + 1}", en, fi, rating, note))
    return rows
