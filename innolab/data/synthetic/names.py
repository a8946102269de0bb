"""Names of people and organisations for the synthetic studies, in the language of each area.

The lists hold common first names, surnames, words and street names of Finland, Estonia,
Latvia and Sweden; :func:`org_name` builds an organisation's name from its kind (a
library, a housing company, a school, …) and its area. They are synthetic DATA written into the
example study, not text for the reports.
"""

from __future__ import annotations

import numpy as np

from .areas import Area, area_language

__all__ = ["pick_one", "person", "org_name"]

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


def pick_one(rng: np.random.Generator, seq):
    """One element of ``seq``, drawn uniformly with ``rng``."""
    return seq[int(rng.integers(len(seq)))]


def person(rng: np.random.Generator, lang: str, migrant: bool) -> str:
    """A person's name in the language ``lang`` (or an immigrant's name)."""
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
    return f"{pick_one(rng, first)} {pick_one(rng, last)}"


def org_name(rng: np.random.Generator, area: Area, kind: str) -> str:
    """The name of an organisation of kind ``kind`` in ``area``, in the area's language."""
    lang = area_language(area)
    a = area.name
    w = pick_one(rng, _WORDS[lang])
    street = f"{pick_one(rng, _STREETS[lang])} {int(rng.integers(1, 40))}"
    if lang == "fi":
        g = _fi_genitive(a)
        mg = _FI_MUNI_GEN[area.municipality]
        surname = pick_one(rng, _FI_LAST)
        options = {
            "association": [f"{a}-seura ry", f"Asukasyhdistys {a} ry", f"Lähiruokapiiri {a} ry",
                            f"Eläkeläiset {a} ry"]
                           + ([f"{g} kulttuuriyhdistys ry", f"{g} omakotiyhdistys ry"]
                              if g else []),
            "housing_company": [f"As Oy {street}", f"Asunto Oy {street}"],
            "ngo": [f"Naapuriapu {a} ry", f"Setlementti {a} ry",
                    f"Monikulttuurinen yhdistys {a} ry"]
                   + ([f"{g} Martat ry", f"{g} partiolaiset ry"] if g else []),
            "city_office": ([f"Helsingin kaupunki, {pick_one(rng, _HKI_OFFICES)}"]
                            if area.municipality == "Helsinki" else
                            [f"{mg} {_FI_MUNI_BODY.get(area.municipality, 'kaupunki')}, "
                             f"{pick_one(rng, _FI_MUNI_UNITS)}"]),
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
            "company": [f"{w} OÜ", f"Kohvik {w}", f"{pick_one(rng, _EE_NAMES[1])} Ehitus OÜ"],
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
    return pick_one(rng, options[kind])
