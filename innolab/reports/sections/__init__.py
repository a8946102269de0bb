"""Report sections: what a notebook shows for one finding, computed and worded in one call.

One module per topic. Each function takes a study (and an area), the language and its own
parameters, and returns a :class:`~innolab.reports.section.Section`. A section whose data are
missing (no assessments, no ties) says so in a sentence instead of failing the report.
"""

from .criteria import area_criteria, study_criteria
from .evidence import evidence_pack, evidence_workbook, pack_or_none
from .mobilisation import area_mobilisation, profile_mobilisation_headline, study_mobilisation
from .network import area_network, study_networks
from .peer_review import peer_review_report
from .profile import area_activity, area_actors, area_facts, area_kehra, profile_sentences
from .selection import selection_memo

__all__ = ["area_facts", "area_actors", "area_kehra", "area_activity", "profile_sentences",
           "area_criteria", "study_criteria", "area_network", "study_networks",
           "profile_mobilisation_headline", "area_mobilisation", "study_mobilisation",
           "selection_memo", "peer_review_report", "evidence_pack", "evidence_workbook",
           "pack_or_none"]
