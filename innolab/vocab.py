"""The shared vocabulary of innolab and its Finnish and English labels.

Every name used in data, code and reports (sectors, tie types, stages, …) is defined here once, as
in BRIEF §5. Labels for people come from :func:`label`; codes never change with the language.
"""

from __future__ import annotations

__all__ = [
    "LANGUAGES",
    "SECTORS",
    "PPP_SECTORS",
    "ACTOR_TYPES",
    "TARGET_GROUPS",
    "AREA_ROLES",
    "COUNTRIES",
    "TIE_TYPES",
    "EVENT_TYPES",
    "PARTICIPATION_ROLES",
    "ASSESSORS",
    "RESPONDENT_SECTORS",
    "THEMES",
    "STAGES",
    "SUPPORT_TYPES",
    "PEER_GROUPS",
    "SCALE_ANCHORS",
    "VOCABULARIES",
    "label",
    "labels",
    "check_lang",
]

LANGUAGES = ("en", "fi")

# Each vocabulary maps a code to its (English, Finnish) labels. Order matters: it is the order in
# tables, legends and (for STAGES) the order of progress.
SECTORS = {
    "people": ("People", "Asukkaat ja järjestöt"),
    "public": ("Public", "Julkinen"),
    "private": ("Private", "Yksityinen"),
    "knowledge": ("Knowledge", "Tieto ja osaaminen"),
    "intermediary": ("Intermediary", "Välittäjät"),
}
PPP_SECTORS = ("people", "public", "private")

ACTOR_TYPES = {
    "individual": ("Individual", "Henkilö"),
    "organisation": ("Organisation", "Organisaatio"),
}

TARGET_GROUPS = {
    "youth": ("Youth", "Nuoret"),
    "senior": ("Seniors", "Ikääntyneet"),
    "immigrant": ("Immigrants", "Maahanmuuttajat"),
    "unemployed": ("Long-term unemployed", "Pitkäaikaistyöttömät"),
    "disability": ("People with disabilities", "Vammaiset"),
}

AREA_ROLES = {
    "applicant": ("Applicant", "Hakija"),
    "selected": ("Selected", "Valittu"),
    "peer": ("Peer", "Vertaisalue"),
    "comparison": ("Comparison", "Vertailualue"),
}

COUNTRIES = {
    "FI": ("Finland", "Suomi"),
    "EE": ("Estonia", "Viro"),
    "LV": ("Latvia", "Latvia"),
    "SE": ("Sweden", "Ruotsi"),
    "AX": ("Åland", "Ahvenanmaa"),
}

TIE_TYPES = {
    "collaboration": ("Collaboration", "Yhteistyö"),
    "information": ("Information", "Tiedonvaihto"),
    "resources": ("Resources", "Resurssit"),
    "advice": ("Advice", "Neuvonta"),
}

EVENT_TYPES = {
    "kehra_meeting": ("Kehrä meeting", "Kehrän kokous"),
    "workshop": ("Workshop", "Työpaja"),
    "forum": ("Forum", "Foorumi"),
    "public_event": ("Public event", "Yleisötilaisuus"),
    "training": ("Training", "Koulutus"),
    "peer_review": ("Peer review", "Vertaisarviointi"),
}

PARTICIPATION_ROLES = {
    "participant": ("Participant", "Osallistuja"),
    "organiser": ("Organiser", "Järjestäjä"),
}

ASSESSORS = {
    "self": ("Self-assessment", "Itsearviointi"),
    "external": ("External assessment", "Ulkoinen arviointi"),
    "application": ("Application rating", "Hakemuksen arviointi"),
}

RESPONDENT_SECTORS = {
    **SECTORS,
    "steering_group": ("Steering group", "Ohjausryhmä"),
}

THEMES = {
    "group_renovation": ("Group renovation", "Ryhmäkorjaaminen"),
    "energy": ("Distributed sustainable energy", "Hajautettu kestävä energia"),
    "local_food": ("Local food", "Lähiruoka"),
    "community_space": ("Community spaces", "Yhteisötilat"),
    "accessibility": ("Accessibility", "Esteettömyys"),
    "seniors": ("Senior services", "Senioripalvelut"),
    "safety": ("Safety", "Turvallisuus"),
    "other": ("Other", "Muu"),
}

STAGES = {
    "idea": ("Idea", "Idea"),
    "proposal": ("Proposal", "Ehdotus"),
    "prototype": ("Prototype", "Prototyyppi"),
    "pilot": ("Pilot", "Pilotti"),
    "sustained": ("Sustained", "Vakiintunut"),
    "scaled": ("Scaled", "Levitetty"),
}

SUPPORT_TYPES = {
    "facilitation": ("Facilitation", "Fasilitointi"),
    "communication_it": ("Communication / IT platform", "Viestintä / IT-alusta"),
    "network_skills": ("Network skills", "Verkosto-osaaminen"),
    "community_management": ("Community management", "Yhteisöjohtaminen"),
    "innovation": ("Innovation", "Innovointi"),
    "project_skills": ("Project skills", "Projektiosaaminen"),
    "mentoring": ("Mentoring", "Mentorointi"),
}

PEER_GROUPS = {
    "helsinki": ("Helsinki local developers", "Helsingin paikalliskehittäjät"),
    "uusimaa_leader": ("Uusimaa LEADER groups", "Uudenmaan Leader-ryhmät"),
    "other": ("Other", "Muu"),
}

# The anchored 0–4 scale of the criteria set (BRIEF §3).
SCALE_ANCHORS = {
    0: ("not present", "ei lainkaan"),
    1: ("emerging", "alkava"),
    2: ("developing", "kehittyvä"),
    3: ("established", "vakiintunut"),
    4: ("exemplary, owned by the community", "esimerkillinen, yhteisön omaa"),
}

VOCABULARIES = {
    "sector": SECTORS,
    "actor_type": ACTOR_TYPES,
    "target_group": TARGET_GROUPS,
    "area_role": AREA_ROLES,
    "country": COUNTRIES,
    "tie_type": TIE_TYPES,
    "event_type": EVENT_TYPES,
    "participation_role": PARTICIPATION_ROLES,
    "assessor": ASSESSORS,
    "respondent_sector": RESPONDENT_SECTORS,
    "theme": THEMES,
    "stage": STAGES,
    "support_type": SUPPORT_TYPES,
    "peer_group": PEER_GROUPS,
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise :class:`ParameterError`.

    Parameters
    ----------
    lang : str
        ``"en"`` or ``"fi"``.

    Returns
    -------
    str
        The language code.
    """
    from .errors import ParameterError

    if lang not in LANGUAGES:
        raise ParameterError(f"Unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}.")
    return lang


def label(vocabulary: str, code, lang: str = "en") -> str:
    """The label of one code in the chosen language.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`VOCABULARIES`, e.g. ``"sector"``.
    code : str
        The code, e.g. ``"public"``. An unknown code is returned as it is.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> label("sector", "public", "fi")
    'Julkinen'
    """
    check_lang(lang)
    entry = VOCABULARIES[vocabulary].get(code)
    if entry is None:
        return str(code)
    return entry[LANGUAGES.index(lang)]


def labels(vocabulary: str, lang: str = "en") -> dict[str, str]:
    """All labels of one vocabulary, code to label, in the vocabulary's order.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`VOCABULARIES`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    dict of str to str
    """
    check_lang(lang)
    i = LANGUAGES.index(lang)
    return {code: pair[i] for code, pair in VOCABULARIES[vocabulary].items()}
