"""The areas of a synthetic study: the plan's named Helsinki areas, Uusimaa LEADER areas and
comparison areas abroad, with their ids, roles and populations.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from importlib import resources

import numpy as np

__all__ = ["MIN_AREAS", "Area", "make_areas", "area_capacity", "area_language"]

# The named Helsinki areas of the plan: (area_id, name, peruspiiri code, role).
_NAMED_HELSINKI = (
    ("maunula", "Maunula", "401", "selected"),
    ("herttoniemi", "Herttoniemi", "602", "selected"),
    ("arabianranta", "Arabianranta", "305", "selected"),
    ("roihuvuori", "Roihuvuori", "602", "applicant"),
    ("laajasalo", "Laajasalo", "603", "applicant"),
)
# Uusimaa areas outside Helsinki, in EMO ry's LEADER territory: (name, municipality).
_UUSIMAA = (
    ("Hyrylä", "Tuusula"), ("Klaukkala", "Nurmijärvi"), ("Kauklahti", "Espoo"),
    ("Tikkurila", "Vantaa"), ("Hyvinkään keskusta", "Hyvinkää"), ("Jokela", "Tuusula"),
    ("Rajamäki", "Nurmijärvi"), ("Hakunila", "Vantaa"), ("Espoonlahti", "Espoo"),
    ("Paavola", "Hyvinkää"),
)
_FOREIGN = {
    "EE": ("Tallinn", ("Kalamaja", "Kopli", "Pelguranna", "Kadriorg", "Nõmme", "Lasnamäe",
                       "Mustamäe", "Pirita")),
    "LV": ("Rīga", ("Āgenskalns", "Torņakalns", "Grīziņkalns", "Purvciems", "Ķengarags",
                    "Imanta", "Sarkandaugava", "Čiekurkalns")),
    "SE": ("Stockholm", ("Skärholmen", "Rinkeby", "Farsta", "Bagarmossen", "Hammarbyhöjden",
                         "Tensta", "Husby", "Hägersten")),
    "AX": ("Mariehamn", ("Norrböle", "Strandnäs", "Västernäs", "Sjökvarteret")),
}
# The order in which areas beyond the required mix are added (kinds are skipped once used up).
_EXTRA_PATTERN = ("hel", "SE", "hel", "EE", "uus", "hel", "LV", "hel", "AX", "hel", "hel", "EE",
                  "hel", "SE", "uus", "hel", "hel", "LV", "hel", "hel")
_KEHRA_AREAS = 6  # "a Kehrä already in six Helsinki areas"
MIN_AREAS = len(_NAMED_HELSINKI) + 2 + 2
"""The fewest areas that hold the required mix: the five named Helsinki areas, two Uusimaa areas
(one selected, one peer) and comparison areas in two other countries."""


@dataclass
class Area:
    """One area of the study (the columns of ``areas.csv``, and whether it has a Kehrä and lies
    in Uusimaa)."""

    area_id: str
    name: str
    municipality: str
    country: str
    role: str
    district_code: str
    population: int
    kehra: bool = False
    uusimaa: bool = False


def _helsinki_districts() -> list[tuple[str, str, list[str]]]:
    with resources.files("innolab.resources").joinpath("helsinki_districts.csv").open(
            "r", encoding="utf-8", newline="") as f:
        return [(r["peruspiiri_code"], r["peruspiiri_fi"], r["osa_alueet_fi"].split(";"))
                for r in csv.DictReader(f)]


def make_areas(rng: np.random.Generator, n_areas: int) -> list[Area]:
    """The ``n_areas`` areas: the required mix first, then more as ``_EXTRA_PATTERN`` orders."""
    districts = _helsinki_districts()
    named_codes = {code for _, _, code, _ in _NAMED_HELSINKI}
    used = {name for _, name, _, _ in _NAMED_HELSINKI}
    # Helsinki candidates: the other peruspiiri first, then sub-areas with their peruspiiri's code
    whole = [(code, name, "piiri") for code, name, _ in districts if code not in named_codes]
    parts = [(code, sub, "osa") for code, _, subs in districts for sub in subs
             if sub not in used and sub not in {n for _, n, _ in whole}]
    hel_pool = [whole[i] for i in rng.permutation(len(whole))]
    hel_pool += [parts[i] for i in rng.permutation(len(parts))]
    pools = {"hel": hel_pool, "uus": list(_UUSIMAA[2:])}
    for country, (_, names) in _FOREIGN.items():
        pools[country] = list(names[1:])

    areas = [Area(aid, name, "Helsinki", "FI", role, code,
                   int(rng.integers(6000, 16000)), kehra=True)
             for aid, name, code, role in _NAMED_HELSINKI]
    areas.append(Area("", _UUSIMAA[0][0], _UUSIMAA[0][1], "FI", "selected", "",
                       int(rng.integers(8000, 20000)), uusimaa=True))
    areas.append(Area("", _UUSIMAA[1][0], _UUSIMAA[1][1], "FI", "peer", "",
                       int(rng.integers(8000, 20000)), uusimaa=True))
    for country in ("EE", "LV"):
        muni, names = _FOREIGN[country]
        areas.append(Area("", names[0], muni, country, "comparison", "",
                           int(rng.integers(6000, 40000))))
    k = 0
    n_uus_extra = 0
    while len(areas) < n_areas:
        kind = _EXTRA_PATTERN[k % len(_EXTRA_PATTERN)]
        k += 1
        if not pools[kind]:
            continue
        item = pools[kind].pop(0)
        if kind == "hel":
            code, name, level = item
            pop = rng.integers(8000, 32000) if level == "piiri" else rng.integers(1500, 12000)
            areas.append(Area("", name, "Helsinki", "FI", "applicant", code, int(pop)))
        elif kind == "uus":
            name, muni = item
            role = "applicant" if n_uus_extra % 2 == 0 else "peer"
            n_uus_extra += 1
            areas.append(Area("", name, muni, "FI", role, "", int(rng.integers(4000, 25000)),
                               uusimaa=True))
        else:
            areas.append(Area("", item, _FOREIGN[kind][0], kind, "comparison", "",
                               int(rng.integers(6000, 45000))))
    n_kehra = sum(a.kehra for a in areas)
    for a in areas:  # the sixth Kehrä goes to the first further Helsinki applicant
        if a.municipality == "Helsinki" and not a.kehra and n_kehra < _KEHRA_AREAS:
            a.kehra = True
            n_kehra += 1
    taken: dict[str, int] = {}
    for a in areas:
        if not a.area_id:
            base = _slug(a.name)
            taken[base] = taken.get(base, 0) + 1
            a.area_id = base if taken[base] == 1 else f"{base}_{taken[base]}"
    return areas


def area_capacity() -> int:
    """The most areas a study can have: every Helsinki district and sub-area, Uusimaa and abroad."""
    n_hel = sum(1 + len(subs) for _, _, subs in _helsinki_districts())
    return n_hel + len(_UUSIMAA) + sum(len(v[1]) for v in _FOREIGN.values())


def area_language(area: Area) -> str:
    """The language of the names in an area (``fi``, ``et``, ``lv`` or ``sv``)."""
    return {"FI": "fi", "EE": "et", "LV": "lv", "SE": "sv", "AX": "sv"}[area.country]


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    out = "".join(c if c.isalnum() else "_" for c in plain.lower())
    return "_".join(p for p in out.split("_") if p)
