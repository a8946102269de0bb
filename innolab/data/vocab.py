"""The shared vocabulary of innolab: the codes of sectors, tie types, stages, … (BRIEF §5).

Every code used in data, code and reports is defined here once; the order of a vocabulary is the
order in tables and legends (and, for :data:`STAGES`, the order of progress). Codes never change
with the language. Their labels for readers live in the text catalogue
(``innolab/resources/texts/vocab.yaml``, keys ``vocab.<vocabulary>.<code>``), which
:func:`innolab.reports.texts.label` reads; :func:`label_hints` lets validation recognise a label
typed where a code belongs.
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from innolab.errors import ParameterError

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
    "SCALE",
    "VOCABULARIES",
    "check_lang",
    "label_hints",
]

LANGUAGES = ("en", "fi")

SECTORS = ("people", "public", "private", "knowledge", "intermediary")
PPP_SECTORS = ("people", "public", "private")
ACTOR_TYPES = ("individual", "organisation")
TARGET_GROUPS = ("youth", "senior", "immigrant", "unemployed", "disability")
AREA_ROLES = ("applicant", "selected", "peer", "comparison")
COUNTRIES = ("FI", "EE", "LV", "SE", "AX")
TIE_TYPES = ("collaboration", "information", "resources", "advice")
EVENT_TYPES = ("kehra_meeting", "workshop", "forum", "public_event", "training", "peer_review")
PARTICIPATION_ROLES = ("participant", "organiser")
ASSESSORS = ("self", "external", "application")
RESPONDENT_SECTORS = (*SECTORS, "steering_group")
THEMES = ("group_renovation", "energy", "local_food", "community_space", "accessibility",
          "seniors", "safety", "other")
STAGES = ("idea", "proposal", "prototype", "pilot", "sustained", "scaled")
SUPPORT_TYPES = ("facilitation", "communication_it", "network_skills", "community_management",
                 "innovation", "project_skills", "mentoring")
PEER_GROUPS = ("helsinki", "uusimaa_leader", "other")
#: The anchored 0–4 scale of the criteria set (BRIEF §3); anchors are ``vocab.scale_anchor.<k>``.
SCALE = (0, 1, 2, 3, 4)

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
    if lang not in LANGUAGES:
        raise ParameterError(f"Unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}.")
    return lang


@functools.cache
def _catalogue_labels() -> dict:
    # The labels belong to the text catalogue; the data layer reads its file directly rather
    # than import innolab.reports, which sits above it.
    text = resources.files("innolab.resources").joinpath("texts").joinpath("vocab.yaml").read_text(
        encoding="utf-8")
    return yaml.safe_load(text)


def label_hints(vocabulary: str) -> dict[str, set[str]]:
    """Code → its labels in every language, lower-cased, for "did you mean" hints.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`VOCABULARIES`.

    Returns
    -------
    dict of str to set of str
        Every code of the vocabulary → the set of its labels (English and Finnish); a code
        without labels in the catalogue maps to an empty set.

    Examples
    --------
    >>> sorted(label_hints("sector")["public"])
    ['julkinen', 'public']
    """
    entries = _catalogue_labels()
    out = {}
    for code in VOCABULARIES[vocabulary]:
        entry = entries.get(f"vocab.{vocabulary}.{code}", {})
        out[code] = {str(v).lower() for v in entry.values()}
    return out
