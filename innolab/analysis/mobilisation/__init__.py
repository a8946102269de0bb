"""Mobilisation over time: who joins, who stays, how fast it grows, and what support went with it.

The package holds one module per job:

* :mod:`.flows` — active, new, retained, returned and lapsed actors per wave; the funnel from
  participants to organisers and Kehrä members;
* :mod:`.diffusion` — logistic and Bass curves, their fit (:func:`diffusion_fit`) and an area's
  cumulative mobilisation with a curve (:func:`mobilisation_curve`);
* :mod:`.inclusion` — target groups among the active and new actors;
* :mod:`.support` — dimension means and support hours beside the change that followed;
* :mod:`.summary` — areas side by side, selected against the others, and an area's headline;
* :mod:`.notes` — :class:`Note`, the code and values with which a result explains itself.

Everything returns tidy DataFrames keyed by codes, and explanations as note codes with values;
the report layer turns codes into words (``innolab/resources/texts/mobilisation.yaml``). Actors
appear only by pseudonymous id, never by name. Nothing prints; the same seed gives the same
tables. The formulas, fitting and interval choices and their references are in
``docs/methods.md``, section *Mobilisation*.
"""

from innolab.analysis.mobilisation.diffusion import (
    MODELS,
    SATURATION_CAP,
    DiffusionFit,
    MobilisationCurve,
    bass,
    diffusion_fit,
    logistic,
    mobilisation_curve,
)
from innolab.analysis.mobilisation.flows import (
    FLOW_COLUMNS,
    NO_TARGET_GROUP,
    flows,
    funnel,
    presence,
)
from innolab.analysis.mobilisation.inclusion import ANY_TARGET_GROUP, inclusion
from innolab.analysis.mobilisation.notes import NOTE_CODES, Note
from innolab.analysis.mobilisation.summary import area_summary, compare_groups, headline
from innolab.analysis.mobilisation.support import (
    ASSOCIATION_NOTE,
    SUPPORT_FOR_DIMENSION,
    SupportChange,
    dimension_means,
    support_vs_change,
)

__all__ = [
    "FLOW_COLUMNS",
    "NO_TARGET_GROUP",
    "ANY_TARGET_GROUP",
    "MODELS",
    "SATURATION_CAP",
    "SUPPORT_FOR_DIMENSION",
    "ASSOCIATION_NOTE",
    "Note",
    "NOTE_CODES",
    "flows",
    "funnel",
    "presence",
    "DiffusionFit",
    "diffusion_fit",
    "logistic",
    "bass",
    "MobilisationCurve",
    "mobilisation_curve",
    "inclusion",
    "dimension_means",
    "SupportChange",
    "support_vs_change",
    "area_summary",
    "compare_groups",
    "headline",
]
