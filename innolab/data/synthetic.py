"""A generator of realistic, entirely synthetic example studies in the data format of BRIEF §5.

:func:`make_study` writes a study folder that looks like the real project: Helsinki applicant and
selected areas (Maunula, Herttoniemi, Roihuvuori, Laajasalo, Arabianranta, and more from
``resources/helsinki_districts.csv``), Uusimaa areas in EMO ry's LEADER territory, and comparison
areas in other Central Baltic countries; People–Public–Private actors with a Kehrä core; directed
ties per wave with sector homophily, brokers, cross-area and cross-border ties that grow; events and
participation; self, external and application ratings of the criteria set; innovations moving
through the stages; support logs; and peer-review ratings. Every name and number is invented.

Wave ``w`` covers the days after the date of wave ``w - 1`` up to and including its own date
(wave 0: the three months up to its date); event and support dates fall inside their wave.

The same arguments always write byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from innolab.data import vocab
from innolab.errors import ParameterError

__all__ = ["make_study", "MIN_AREAS", "MIN_ACTORS_PER_AREA"]

_RESOURCES = Path(__file__).resolve().parents[1] / "resources"

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
MIN_ACTORS_PER_AREA = 20
"""The fewest actors per area that leave room for a tripartite Kehrä core and all sectors."""

_SECTORS = list(vocab.SECTORS)
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
_TIE_TYPES = list(vocab.TIE_TYPES)
_STAGES = list(vocab.STAGES)
_THEMES = list(vocab.THEMES)
_THEME_P = np.array([0.15, 0.12, 0.15, 0.2, 0.1, 0.12, 0.08, 0.08])
_SUPPORT_TYPES = list(vocab.SUPPORT_TYPES)
# BRIEF §3: support that fits a weak dimension.
_SUPPORT_FOR_DIM = {
    1: ("community_management", "facilitation"), 2: ("network_skills",),
    3: ("communication_it",), 4: ("community_management",),
    5: ("facilitation", "project_skills"), 6: ("innovation", "project_skills"),
    7: ("communication_it", "innovation"),
}
_HOMOPHILY = 10.0  # odds of choosing a same-sector partner (brokers excepted)
_KEHRA_PULL = 4.0  # odds of a tie between two Kehrä members
_OPTIMISM = 0.3  # self-assessment above external, before rounding and clipping
_EMPTY_RATE_ITEMS = {"4.4": 0.08, "6.1": 0.08, "7.3": 0.1}

# --- names --------------------------------------------------------------------------------------
_FI_FIRST = ("Aino", "Anna", "Elina", "Helena", "Johanna", "Kaisa", "Laura", "Liisa", "Maria",
             "Marja", "Minna", "Outi", "Päivi", "Riikka", "Sari", "Tiina", "Eeva", "Hanna",
             "Antti", "Eero", "Heikki", "Jari", "Juha", "Jukka", "Kari", "Markku", "Matti",
             "Mikko", "Pekka", "Petri", "Timo", "Ville", "Olli", "Lauri", "Tapio", "Sami",
             "Ilkka", "Veikko", "Seija", "Raili")
_FI_LAST = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
            "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
            "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo",
            "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
            "Savolainen", "Lahtinen", "Ahonen")
_MIGRANT = ((("Abdi", "Amina", "Hodan", "Ahmed", "Fadumo", "Mahad"),
             ("Warsame", "Hassan", "Mohamed", "Farah", "Ali")),
            (("Olga", "Tatjana", "Irina", "Natalia"),
             ("Ivanova", "Smirnova", "Petrova", "Volkova")),
            (("Sergei", "Dmitri", "Aleksei"), ("Ivanov", "Smirnov", "Petrov", "Volkov")),
            (("Leyla", "Zahra", "Hamid", "Omar", "Reza"),
             ("Karimi", "Rezai", "Ahmadi", "Hosseini")))
_EE_NAMES = (("Mari", "Kadri", "Liis", "Kertu", "Triin", "Tiina", "Andres", "Margus", "Tarmo",
              "Toomas", "Jaan", "Rein", "Priit", "Kristjan"),
             ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
              "Lepik", "Kuusk"))
_LV_NAMES_F = (("Anna", "Līga", "Ilze", "Inese", "Kristīne", "Laura", "Dace"),
               ("Bērziņa", "Kalniņa", "Ozoliņa", "Liepiņa", "Krūmiņa", "Jansone", "Zariņa"))
_LV_NAMES_M = (("Jānis", "Andris", "Māris", "Edgars", "Guntis", "Kārlis", "Pēteris"),
               ("Bērziņš", "Kalniņš", "Ozoliņš", "Liepiņš", "Krūmiņš", "Jansons", "Zariņš"))
_SE_NAMES = (("Anna", "Eva", "Karin", "Maria", "Sara", "Emma", "Lena", "Erik", "Lars", "Johan",
              "Anders", "Per", "Karl", "Mikael"),
             ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson", "Svensson", "Gustafsson", "Lindqvist", "Berg", "Mattsson", "Sundberg"))
_WORDS = {
    "fi": ("Kulma", "Kaari", "Tori", "Mylly", "Helmi", "Aalto", "Tuuli", "Lähde", "Kuusi", "Koivu",
           "Puisto", "Aamu", "Sointu", "Pilvi", "Tähti", "Kajo", "Satama", "Majakka", "Omena"),
    "et": ("Kalur", "Meri", "Laine", "Päike", "Kask", "Tamm", "Mänd", "Rand", "Sadam", "Õun"),
    "lv": ("Dzintars", "Saule", "Liepa", "Ozols", "Jūra", "Upe", "Zvaigzne", "Ābele"),
    "sv": ("Hamnen", "Linden", "Björk", "Solen", "Torget", "Kvarnen", "Ekan", "Gläntan"),
}
_STREETS = {
    "fi": ("Koivutie", "Männikkötie", "Rantakatu", "Puistotie", "Kuusikuja", "Mäkitie",
           "Niittypolku", "Kirkkotie", "Myllytie", "Lehtikuja"),
    "et": ("Kalaranna", "Soo", "Niine", "Sitsi", "Vabriku", "Tööstuse"),
    "lv": ("Kalnciema iela", "Mārupes iela", "Baložu iela", "Nometņu iela"),
    "sv": ("Storgatan", "Skolvägen", "Parkvägen", "Kyrkvägen", "Torggatan"),
}
_FI_MUNI_GEN = {"Helsinki": "Helsingin", "Tuusula": "Tuusulan", "Nurmijärvi": "Nurmijärven",
                "Espoo": "Espoon", "Vantaa": "Vantaan", "Hyvinkää": "Hyvinkään"}
_FI_MUNI_BODY = {"Tuusula": "kunta", "Nurmijärvi": "kunta"}
_HKI_OFFICES = ("nuorisoasiainkeskus", "kaupunkisuunnitteluvirasto", "rakennusvirasto",
                "sosiaali- ja terveysvirasto", "kulttuurikeskus", "liikuntavirasto",
                "opetusvirasto", "elinkeino-osasto")
_FI_MUNI_UNITS = ("vapaa-aikapalvelut", "kaavoitus", "elinvoimapalvelut")
_FI_GENITIVE_ENDINGS = (
    ("niemi", "niemen"), ("lahti", "lahden"), ("ranta", "rannan"), ("mäki", "mäen"),
    ("saari", "saaren"), ("järvi", "järven"), ("vuori", "vuoren"), ("salmi", "salmen"),
    ("pelto", "pellon"), ("haka", "haan"), ("joki", "joen"), ("kenttä", "kentän"),
    ("niitty", "niityn"), ("tammi", "tammen"), ("nummi", "nummen"), ("kaupunki", "kaupungin"),
    ("keskus", "keskuksen"), ("nki", "ngin"), ("kko", "kon"), ("kka", "kan"), ("ppi", "pin"),
    ("Jollas", "Jollaksen"),
)


def _fi_genitive(name: str) -> str | None:
    """A Finnish genitive of a place name, or None where the simple rules do not know it."""
    for end, gen in _FI_GENITIVE_ENDINGS:
        if name.endswith(end):
            return name[: len(name) - len(end)] + gen
    if name.endswith("t"):  # plural names (Linjat, Länsisaaret) need rules we do not have
        return None
    return name + ("n" if name[-1] in "aeiouyäö" else "in")


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    out = "".join(c if c.isalnum() else "_" for c in plain.lower())
    return "_".join(p for p in out.split("_") if p)


# --- waves --------------------------------------------------------------------------------------
_SEASONS = {12: "Talvi", 1: "Talvi", 2: "Talvi", 3: "Kevät", 4: "Kevät", 5: "Kevät", 6: "Kesä",
            7: "Kesä", 8: "Kesä", 9: "Syksy", 10: "Syksy", 11: "Syksy"}
_MONTHS_FI = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
              "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu")


def _month_end(year: int, month: int) -> _dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def _wave_schedule(waves: int) -> list[tuple[int, str, _dt.date, _dt.date]]:
    """(wave, label, first day, date) per wave: the project's months, Nov 2015 – Jul 2016."""
    if waves == 4:  # the project's phases: baseline, application, sparring, refining
        offsets = [0, 2, 5, 8]
    elif waves <= 9:
        offsets = [round(i * 8 / (waves - 1)) for i in range(waves)]
    else:
        offsets = list(range(waves))
    dates = [_month_end(2015, 11 + k) for k in offsets]
    labels = [f"{_SEASONS[d.month]} {d.year}" for d in dates]
    if len(set(labels)) < len(labels):
        labels = [f"{_MONTHS_FI[d.month - 1].capitalize()} {d.year}" for d in dates]
    starts = [_dt.date(2015, 9, 1)] + [d + _dt.timedelta(days=1) for d in dates[:-1]]
    return [(w, labels[w], starts[w], dates[w]) for w in range(waves)]


# --- areas --------------------------------------------------------------------------------------
@dataclass
class _Area:
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
    with open(_RESOURCES / "helsinki_districts.csv", encoding="utf-8", newline="") as f:
        return [(r["peruspiiri_code"], r["peruspiiri_fi"], r["osa_alueet_fi"].split(";"))
                for r in csv.DictReader(f)]


def _make_areas(rng: np.random.Generator, n_areas: int) -> list[_Area]:
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

    areas = [_Area(aid, name, "Helsinki", "FI", role, code,
                   int(rng.integers(6000, 16000)), kehra=True)
             for aid, name, code, role in _NAMED_HELSINKI]
    areas.append(_Area("", _UUSIMAA[0][0], _UUSIMAA[0][1], "FI", "selected", "",
                       int(rng.integers(8000, 20000)), uusimaa=True))
    areas.append(_Area("", _UUSIMAA[1][0], _UUSIMAA[1][1], "FI", "peer", "",
                       int(rng.integers(8000, 20000)), uusimaa=True))
    for country in ("EE", "LV"):
        muni, names = _FOREIGN[country]
        areas.append(_Area("", names[0], muni, country, "comparison", "",
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
            areas.append(_Area("", name, "Helsinki", "FI", "applicant", code, int(pop)))
        elif kind == "uus":
            name, muni = item
            role = "applicant" if n_uus_extra % 2 == 0 else "peer"
            n_uus_extra += 1
            areas.append(_Area("", name, muni, "FI", role, "", int(rng.integers(4000, 25000)),
                               uusimaa=True))
        else:
            areas.append(_Area("", item, _FOREIGN[kind][0], kind, "comparison", "",
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


def _capacity() -> int:
    n_hel = sum(1 + len(subs) for _, _, subs in _helsinki_districts())
    return n_hel + len(_UUSIMAA) + sum(len(v[1]) for v in _FOREIGN.values())


# --- actors -------------------------------------------------------------------------------------
def _language(area: _Area) -> str:
    return {"FI": "fi", "EE": "et", "LV": "lv", "SE": "sv", "AX": "sv"}[area.country]


def _pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(len(seq)))]


def _person(rng: np.random.Generator, lang: str, migrant: bool) -> str:
    if migrant:
        if lang in ("et", "lv"):
            first, last = _MIGRANT[1] if rng.random() < 0.5 else _MIGRANT[2]
        else:
            first, last = _MIGRANT[int(rng.integers(len(_MIGRANT)))]
    elif lang == "fi":
        first, last = _FI_FIRST, _FI_LAST
    elif lang == "et":
        first, last = _EE_NAMES
    elif lang == "lv":
        first, last = _LV_NAMES_F if rng.random() < 0.5 else _LV_NAMES_M
    else:
        first, last = _SE_NAMES
    return f"{_pick(rng, first)} {_pick(rng, last)}"


def _org_name(rng: np.random.Generator, area: _Area, kind: str) -> str:
    lang = _language(area)
    a = area.name
    w = _pick(rng, _WORDS[lang])
    street = f"{_pick(rng, _STREETS[lang])} {int(rng.integers(1, 40))}"
    if lang == "fi":
        g = _fi_genitive(a)
        mg = _FI_MUNI_GEN[area.municipality]
        surname = _pick(rng, _FI_LAST)
        options = {
            "association": [f"{a}-seura ry", f"Asukasyhdistys {a} ry", f"Lähiruokapiiri {a} ry",
                            f"Eläkeläiset {a} ry"]
                           + ([f"{g} kulttuuriyhdistys ry", f"{g} omakotiyhdistys ry"]
                              if g else []),
            "housing_company": [f"As Oy {street}", f"Asunto Oy {street}"],
            "ngo": [f"Naapuriapu {a} ry", f"Setlementti {a} ry",
                    f"Monikulttuurinen yhdistys {a} ry"]
                   + ([f"{g} Martat ry", f"{g} partiolaiset ry"] if g else []),
            "city_office": ([f"Helsingin kaupunki, {_pick(rng, _HKI_OFFICES)}"]
                            if area.municipality == "Helsinki" else
                            [f"{mg} {_FI_MUNI_BODY.get(area.municipality, 'kaupunki')}, "
                             f"{_pick(rng, _FI_MUNI_UNITS)}"]),
            "library": [f"{g} kirjasto" if g else f"Kirjasto, {a}"],
            "youth_services": [f"{g} nuorisotalo" if g else f"Nuorisotalo, {a}"],
            "service_centre": [f"{g} palvelukeskus" if g else f"Palvelukeskus, {a}"],
            "health_centre": [f"{g} terveysasema" if g else f"Terveysasema, {a}"],
            "company": [f"Kahvila {w} Oy", f"{w} Oy", f"Rakennus {surname} Oy",
                        f"Kukkakauppa {w}", f"Tilitoimisto {surname} Oy", f"Ravintola {w}",
                        f"Kiinteistöhuolto {surname} Oy", f"K-Market {a}"],
            "cooperative": [f"Osuuskunta {w}", f"Ruokaosuuskunta {w}", f"Energiaosuuskunta {w}"],
            "school": [f"{g} ala-asteen koulu", f"{g} peruskoulu", f"{g} lukio"] if g
                      else [f"Peruskoulu, {a}"],
            "university": ["Helsingin yliopisto", "Aalto-yliopisto",
                           "Metropolia Ammattikorkeakoulu", "Laurea-ammattikorkeakoulu",
                           "Haaga-Helia ammattikorkeakoulu"],
            "adult_education": [f"{mg} työväenopisto", f"Kansalaisopisto, {a}"],
            "development_network": [f"Kehittämisverkosto {a}", f"{a}-verkosto"],
        }
    elif lang == "et":
        options = {
            "association": [f"{a} Selts", f"MTÜ {a} Kogukond"],
            "housing_company": [f"Korteriühistu {street}"],
            "ngo": [f"MTÜ {w}", f"MTÜ {a} Noored"],
            "city_office": ["Tallinna Linnavalitsus", "Tallinna Kultuuriamet",
                            "Tallinna Sotsiaal- ja Tervishoiuamet"],
            "library": [f"Tallinna Keskraamatukogu, {a}"],
            "youth_services": [f"Noortekeskus {a}"],
            "service_centre": [f"Päevakeskus {a}"],
            "health_centre": [f"Perearstikeskus {a}"],
            "company": [f"{w} OÜ", f"Kohvik {w}", f"{_pick(rng, _EE_NAMES[1])} Ehitus OÜ"],
            "cooperative": [f"Tulundusühistu {w}"],
            "school": [f"{a} Põhikool", f"{a} Gümnaasium"],
            "university": ["Tallinna Ülikool", "Tallinna Tehnikaülikool"],
            "adult_education": [f"Rahvaülikool {a}"],
            "development_network": [f"{a} Arendusvõrgustik"],
        }
    elif lang == "lv":
        options = {
            "association": [f"Biedrība \"{a} apkaimes biedrība\""],
            "housing_company": [f"Dzīvokļu īpašnieku biedrība \"{street}\""],
            "ngo": [f"Biedrība \"{w}\""],
            "city_office": ["Rīgas pašvaldība", "Rīgas domes Izglītības, kultūras un sporta "
                            "departaments"],
            "library": [f"Rīgas Centrālā bibliotēka, {a} filiāle"],
            "youth_services": [f"Jauniešu centrs \"{w}\""],
            "service_centre": [f"Dienas centrs \"{w}\""],
            "health_centre": [f"Veselības centrs \"{w}\""],
            "company": [f"SIA \"{w}\"", f"Kafejnīca \"{w}\""],
            "cooperative": [f"Kooperatīvs \"{w}\""],
            "school": [f"Rīgas {int(rng.integers(1, 90))}. vidusskola"],
            "university": ["Latvijas Universitāte", "Rīgas Tehniskā universitāte"],
            "adult_education": [f"Mūžizglītības centrs \"{w}\""],
            "development_network": [f"{a} apkaimes tīkls"],
        }
    else:
        city = "Mariehamns stad" if area.country == "AX" else "Stockholms stad"
        options = {
            "association": [f"{a} hembygdsförening", f"Föreningen {a} Framåt"],
            "housing_company": [f"Brf {w}"],
            "ngo": [f"Föreningen {w}", f"{a} Folkets hus"],
            "city_office": [f"{city}, {a} stadsdelsförvaltning"
                            if area.country == "SE" else city],
            "library": [f"{a} bibliotek"],
            "youth_services": [f"Fritidsgården {a}"],
            "service_centre": [f"Träffpunkt {a}"],
            "health_centre": [f"Vårdcentralen {a}"],
            "company": [f"{w} AB", f"Café {w}"],
            "cooperative": [f"Kooperativet {w}"],
            "school": [f"{a}skolan"],
            "university": ["Högskolan på Åland"] if area.country == "AX"
                          else ["Stockholms universitet", "Södertörns högskola"],
            "adult_education": [f"Folkuniversitetet, {a}"],
            "development_network": [f"{a} utvecklingsnätverk"],
        }
    return _pick(rng, options[kind])


@dataclass
class _Actors:
    """The actor table as parallel arrays (index = position in the table)."""

    actor_id: list
    area: np.ndarray  # area index
    sector: np.ndarray  # index into _SECTORS
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


def _make_actors(rng: np.random.Generator, areas: list[_Area], actors_per_area: int,
                 waves: int) -> _Actors:
    cols: dict[str, list] = {k: [] for k in ("actor_id", "area", "sector", "org", "kind", "name",
                                             "tg", "kehra", "joined", "broker", "activity")}
    shares = np.array([_SECTOR_SHARE[s] for s in _SECTORS])
    minimum = np.array([_SECTOR_MIN[s] for s in _SECTORS])
    for ai, area in enumerate(areas):
        lang = _language(area)
        size_f = {"selected": 1.1, "applicant": 1.0, "peer": 1.0, "comparison": 0.9}[area.role]
        n = max(MIN_ACTORS_PER_AREA, round(actors_per_area * size_f * rng.uniform(0.85, 1.15)))
        counts = _largest_remainder(n, rng.dirichlet(shares * 150), minimum)
        sector = np.repeat(np.arange(len(_SECTORS)), counts)
        kinds, orgs = [], []
        for si, s in enumerate(_SECTORS):
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
                names.append(_org_name(rng, area, kinds[i]))
            else:
                names.append(_person(rng, lang, tg[i] == "immigrant"))
        # a tripartite Kehrä core in Kehrä areas
        kehra = np.zeros(n, bool)
        if area.kehra:
            size = int(rng.integers(8, 13))
            want = {"people": 4, "public": 3, "private": 2, "knowledge": 1, "intermediary": 1}
            order = rng.permutation(n)
            for si, s in enumerate(_SECTORS):
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
        broker = (sector == _SECTORS.index("intermediary")) | (
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
    return _Actors(cols["actor_id"], np.array(cols["area"]), np.array(cols["sector"]),
                   np.array(cols["org"], bool), cols["kind"], cols["name"], cols["tg"],
                   np.array(cols["kehra"], bool), np.array(cols["joined"]),
                   np.array(cols["broker"], bool), np.array(cols["activity"]))


# --- ties ---------------------------------------------------------------------------------------
def _sample_types(rng: np.random.Generator, n: int, p) -> np.ndarray:
    p = np.asarray(p, float)
    return rng.choice(len(_TIE_TYPES), size=n, p=p / p.sum())


def _make_ties(rng: np.random.Generator, areas: list[_Area], act: _Actors,
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
            ty = np.minimum(ty, len(_TIE_TYPES) - 1)
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


# --- events and participation -------------------------------------------------------------------
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


def _event_plan(rng: np.random.Generator, area: _Area, w: int) -> list[str]:
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


def _random_date(rng: np.random.Generator, start: _dt.date, end: _dt.date) -> _dt.date:
    return start + _dt.timedelta(days=int(rng.integers((end - start).days + 1)))


def _make_events(rng, areas, act, schedule):
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
                planned.append((_random_date(rng, start, end), ai, etype))
        if w == waves - 1:  # the full-day peer-review workshop: Helsinki meets Uusimaa LEADER
            host = next(i for i, a in enumerate(areas) if a.role == "selected")
            planned.append((_random_date(rng, start + (end - start) / 2, end), host,
                            "peer_review"))
        planned.sort(key=lambda e: (e[0], e[1], e[2]))
        for date, ai, etype in planned:
            area = areas[ai]
            eid = f"e{len(events) + 1:04d}"
            if etype == "peer_review":
                title = "Vertaisarviointityöpaja: Helsingin paikalliskehittäjät ja Leader-ryhmät"
            else:
                titles = (_TITLES_FI if area.country == "FI" else _TITLES_EN)[etype]
                title = _pick(rng, titles)
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


# --- assessments --------------------------------------------------------------------------------
def _criterion_ids() -> list[str]:
    from innolab.data.study import builtin_criteria

    return [str(c) for c in builtin_criteria()["criterion_id"]]


def _make_latent(rng, areas, criteria, waves):
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


def _make_assessments(rng, areas, act, criteria, latent, waves):
    rows = []
    sectors = np.array(_SECTORS)
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


# --- innovations --------------------------------------------------------------------------------
_INNOVATION_TITLES = {
    "group_renovation": ("Putkiremonttien ryhmäkorjaus", "Hissien ryhmähankinta",
                         "Julkisivukorjausten yhteishankinta"),
    "energy": ("Taloyhtiöiden aurinkovoimala", "Maalämmön yhteishankinta",
               "Energianeuvonnan pop up -piste"),
    "local_food": ("Ruokaosuuskunta", "REKO-lähiruokarengas", "Korttelipuutarha"),
    "community_space": ("Olohuone kirjastoon", "Asukastila tyhjään liiketilaan",
                        "Koulun tilat iltakäyttöön"),
    "accessibility": ("Esteetön reitti ostarille", "Esteettömyyskartoitus"),
    "seniors": ("Senioreiden digituki", "Kotona asumisen tukiverkko", "Ikäihmisten kävelyryhmät"),
    "safety": ("Naapuriapuverkosto", "Valaistuskävely ja korjausehdotukset"),
    "other": ("Kaupunginosan verkkoalusta", "Nuorten kesätyökokeilu"),
}
_INNOVATION_TITLES_EN = {
    "group_renovation": ("Joint renovation of housing blocks",),
    "energy": ("Solar panels for housing co-operatives",),
    "local_food": ("Community garden network", "Local food circle"),
    "community_space": ("Shared neighbourhood living room",),
    "accessibility": ("Barrier-free routes",),
    "seniors": ("Digital help for seniors",),
    "safety": ("Neighbourhood watch network",),
    "other": ("Local online platform",),
}


def _make_innovations(rng, areas, act, waves):
    rows = []
    sectors = act.sector
    n_inno = 0
    foreign_org = {c: np.flatnonzero(act.org & (np.array([a.country for a in areas])[act.area]
                                                != c))
                   for c in sorted({a.country for a in areas})}
    for ai, area in enumerate(areas):
        idx = np.flatnonzero(act.area == ai)
        lo, hi = {"selected": (4, 7), "applicant": (2, 4) if area.kehra else (1, 3),
                  "peer": (2, 5), "comparison": (1, 3)}[area.role]
        advance = 0.55 if area.role == "selected" else 0.3
        for k in range(int(rng.integers(lo, hi))):
            n_inno += 1
            iid = f"i{n_inno:03d}"
            if area.area_id == "maunula" and k == 0:  # group renovation, piloted 2007–2013
                theme, stage, first = "group_renovation", _STAGES.index("pilot"), 0
                title = "Putkiremonttien ryhmäkorjaus"
            else:
                theme = _THEMES[rng.choice(len(_THEMES), p=_THEME_P / _THEME_P.sum())]
                stage = int(rng.choice(4, p=[0.6, 0.25, 0.1, 0.05]))
                first = 0 if rng.random() < 0.6 else int(rng.integers(0, waves))
                titles = (_INNOVATION_TITLES if area.country == "FI" else _INNOVATION_TITLES_EN)
                title = _pick(rng, titles[theme])
            pool = idx[(act.joined[idx] <= first) & (act.org[idx] | act.kehra[idx]
                                                      | act.broker[idx])]
            n_p = min(len(pool), int(rng.integers(2, 5)))
            partners = rng.choice(pool, size=n_p, replace=False).tolist() if n_p else []
            if len(partners) >= 2 and rng.random() < 0.7:  # make sure of two sectors mostly
                other = pool[sectors[pool] != sectors[partners[0]]]
                if len(other) and all(sectors[p] == sectors[partners[0]] for p in partners):
                    partners[1] = int(rng.choice(other))
            ready = False
            for w in range(first, waves):
                if w > first:
                    if stage <= 1 and rng.random() < 0.1:  # abandoned ideas stop being observed
                        break
                    if stage < len(_STAGES) - 1 and rng.random() < advance:
                        stage += 1
                    if stage >= 3 and rng.random() < 0.5:  # a company comes in for the pilot
                        priv = idx[(act.joined[idx] <= w)
                                   & (sectors[idx] == _SECTORS.index("private"))
                                   & act.org[idx]]
                        priv = [p for p in priv.tolist() if p not in partners]
                        if priv:
                            partners.append(_pick(rng, priv))
                    if (area.role in ("selected", "peer", "comparison") and rng.random() < 0.12
                            and not any(act.area[p] != ai for p in partners)):
                        pool_f = foreign_org[area.country]
                        pool_f = pool_f[act.joined[pool_f] <= w]
                        if len(pool_f):
                            partners.append(int(rng.choice(pool_f)))
                ready = ready or (stage >= 3 and rng.random() < 0.5)
                rows.append((iid, area.area_id, w, title, theme, _STAGES[stage],
                             ";".join(act.actor_id[p] for p in dict.fromkeys(partners)),
                             "true" if ready else "false"))
    return rows


# --- support and peer review --------------------------------------------------------------------
def _make_support(rng, areas, latent, criteria, schedule):
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
                date = _random_date(rng, start, end)
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


def _make_peer_review(rng, areas, act):
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
            note = _pick(rng, _NOTES) if rng.random() < 0.15 else ""
            rows.append((org, group, f"P{p + 1}", en, fi, rating, note))
    return rows


# --- writing ------------------------------------------------------------------------------------
def _csv_text(header: list[str], rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _study_yaml(schedule) -> str:
    lines = [
        "name: example",
        "title: Synteettinen esimerkkitutkimus – kehittämisverkostoista innovaatioalustoiksi",
        "language: fi",
        "synthetic: true",
        "waves:",
    ]
    lines += [f'  - {{wave: {w}, label: "{label}", date: {date.isoformat()}}}'
              for w, label, _, date in schedule]
    return "\n".join(lines) + "\n"


def _readme(seed, n_areas, actors_per_area, waves) -> str:
    return (
        "# Synthetic example study\n\n"
        "**All data and all names in this folder are invented.** The study was generated by "
        "`innolab.synthetic.make_study` to look like the project *Kehittämisverkostoista "
        "innovaatioalustoiksi*; no person, organisation, rating, tie or event in it is real, even "
        "where an area, city or institution carries a real name.\n\n"
        f"Parameters: `seed={seed}, n_areas={n_areas}, actors_per_area={actors_per_area}, "
        f"waves={waves}`. The same parameters always write the same bytes:\n\n"
        "```python\n"
        "from innolab.synthetic import make_study\n"
        f"make_study(\"data/example\", seed={seed}, n_areas={n_areas}, "
        f"actors_per_area={actors_per_area}, waves={waves})\n"
        "```\n\n"
        "Wave *w* covers the days after the date of wave *w − 1* up to and including its own date "
        "(see `study.yaml`). The criteria table is absent, so the built-in set applies.\n"
    )


def _is_synthetic(folder: Path) -> bool:
    meta_path = folder / "study.yaml"
    if not meta_path.is_file():
        return False
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    return isinstance(meta, dict) and meta.get("synthetic") is True


def _check_int(name: str, value, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterError(f"{name} must be a whole number, got {value!r}.")
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise ParameterError(f"{name} must be at least {minimum}{upper}, got {value}.")
    return int(value)


def _build(seed: int, n_areas: int, actors_per_area: int, waves: int) -> dict[str, str]:
    rng = np.random.default_rng(seed)
    schedule = _wave_schedule(waves)
    areas = _make_areas(rng, n_areas)
    act = _make_actors(rng, areas, actors_per_area, waves)
    ties = _make_ties(rng, areas, act, waves)
    events, part = _make_events(rng, areas, act, schedule)
    criteria = _criterion_ids()
    latent = _make_latent(rng, areas, criteria, waves)
    assessments = _make_assessments(rng, areas, act, criteria, latent, waves)
    innovations = _make_innovations(rng, areas, act, waves)
    support = _make_support(rng, areas, latent, criteria, schedule)
    peer = _make_peer_review(rng, areas, act)

    ids = np.array(act.actor_id)
    tie_rows = []
    for w, rows in enumerate(ties):
        tie_rows += zip(ids[rows[:, 0]].tolist(), ids[rows[:, 1]].tolist(), [w] * len(rows),
                        [_TIE_TYPES[t] for t in rows[:, 2]], rows[:, 3].tolist(), strict=True)
    sectors = np.array(_SECTORS)
    actor_rows = zip(act.actor_id, [areas[a].area_id for a in act.area],
                     sectors[act.sector].tolist(),
                     ["organisation" if o else "individual" for o in act.org], act.kind,
                     act.name, act.target_group,
                     ["true" if k else "false" for k in act.kehra], act.joined.tolist(),
                     strict=True)
    return {
        "areas.csv": _csv_text(
            ["area_id", "name", "municipality", "country", "role", "district_code",
             "population"],
            [(a.area_id, a.name, a.municipality, a.country, a.role, a.district_code,
              a.population) for a in areas]),
        "actors.csv": _csv_text(
            ["actor_id", "area_id", "sector", "type", "kind", "name", "target_group",
             "kehra_member", "joined_wave"], actor_rows),
        "ties.csv": _csv_text(["source", "target", "wave", "type", "weight"], tie_rows),
        "events.csv": _csv_text(["event_id", "area_id", "date", "wave", "type", "title"], events),
        "participation.csv": _csv_text(["event_id", "actor_id", "role"], part),
        "assessments.csv": _csv_text(
            ["area_id", "wave", "assessor", "respondent_id", "respondent_sector", "criterion_id",
             "score"], assessments),
        "innovations.csv": _csv_text(
            ["innovation_id", "area_id", "wave", "title", "theme", "stage", "partners",
             "ready_for_funding"], innovations),
        "support.csv": _csv_text(["area_id", "date", "wave", "type", "hours"], support),
        "peer_review.csv": _csv_text(
            ["organisation", "group", "practice_id", "practice_en", "practice_fi", "rating",
             "note"], peer),
        "study.yaml": _study_yaml(schedule),
        "README.md": _readme(seed, n_areas, actors_per_area, waves),
    }


def make_study(path, seed: int = 0, n_areas: int = 12, actors_per_area: int = 60,
               waves: int = 4) -> Path:
    """Write a realistic, entirely synthetic study folder in the data format of BRIEF §5.

    The study holds the plan's Helsinki areas (Maunula, Herttoniemi, Arabianranta selected;
    Roihuvuori, Laajasalo and further Helsinki districts applying), Uusimaa areas in EMO ry's
    LEADER territory (one selected, one peer) and comparison areas in Estonia, Latvia and — with
    more areas — Sweden and Åland; actors, ties per wave, events, participation, assessments
    (self, external, application), innovations, support logs and peer-review ratings. Every name
    and number is invented; ``study.yaml`` says ``synthetic: true`` and ``README.md`` says so too.

    Parameters
    ----------
    path : str or pathlib.Path
        The study folder to write. It may be missing, empty, or an earlier synthetic study (which
        is replaced); any other non-empty folder is refused.
    seed : int
        Seed of :func:`numpy.random.default_rng`. The same arguments write byte-identical files.
    n_areas : int
        Number of areas, at least :data:`MIN_AREAS` (9) and at most the number of places known.
    actors_per_area : int
        Mean number of actors per area (selected areas have a little more, comparison areas a
        little fewer), at least :data:`MIN_ACTORS_PER_AREA` (20).
    waves : int
        Number of waves, 2 to 24. Four waves follow the project: autumn 2015 (baseline),
        winter 2016 (application), spring 2016 (sparring), summer 2016 (refining, peer review).

    Returns
    -------
    pathlib.Path
        The study folder.

    Raises
    ------
    ParameterError
        (a ``ValueError``) for arguments too small or too large to hold the required mix, or
        when ``path`` is a non-empty folder that is not a synthetic study.

    Examples
    --------
    >>> from innolab.synthetic import make_study
    >>> import innolab, tempfile
    >>> folder = make_study(tempfile.mkdtemp() + "/example")  # doctest: +SKIP
    >>> innolab.load_study(folder).synthetic  # doctest: +SKIP
    True
    """
    seed = _check_int("seed", seed, 0)
    capacity = _capacity()
    if isinstance(n_areas, int | np.integer) and not isinstance(n_areas, bool) \
            and n_areas < MIN_AREAS:
        raise ParameterError(
            f"n_areas={n_areas} is too small: a synthetic study needs at least {MIN_AREAS} areas "
            f"to hold the required mix (5 named Helsinki areas, 2 Uusimaa areas, comparison "
            f"areas in 2 other countries).")
    n_areas = _check_int("n_areas", n_areas, MIN_AREAS, capacity)
    actors_per_area = _check_int("actors_per_area", actors_per_area, MIN_ACTORS_PER_AREA)
    waves = _check_int("waves", waves, 2, 24)

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ParameterError(f"{path} is a file, not a study folder.")
    if path.is_dir() and any(path.iterdir()) and not _is_synthetic(path):
        raise ParameterError(
            f"{path} is not empty and is not a synthetic study (its study.yaml does not say "
            "'synthetic: true'); refusing to overwrite it. Choose a new or empty folder.")

    files = _build(seed, n_areas, actors_per_area, waves)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a study folder is for sharing
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
        if path.exists():  # swap: the old study stays in place until the new one is whole
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
            old.rmdir()
            path.rename(old)
            try:
                tmp.rename(path)
            except BaseException:
                old.rename(path)
                raise
            shutil.rmtree(old)
        else:
            tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path
