"""Notes: how a mobilisation result explains itself without words.

A result that has something to say (a curve that cannot be fitted, a parameter the data do not pin
down, support rows left out) carries a :class:`Note`: a code and the values its sentence needs.
The code is the key of the sentence in the text catalogue
(``innolab/resources/texts/mobilisation.yaml``); the report layer words it with
``t(note.code, lang, **formatted values)``. The values are plain numbers and codes, never words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Note", "NOTE_CODES"]


@dataclass(frozen=True)
class Note:
    """A note code and the values of its sentence.

    Attributes
    ----------
    code : str
        A key of :data:`NOTE_CODES` (and of the text catalogue).
    values : dict
        Field name → number or code, e.g. ``{"param": "K", "cap": 100.0}``. A note whose
        sentence has one/other forms carries the number that chooses the form as ``count``.
    """

    code: str
    values: dict = field(default_factory=dict)


# Every note code an analysis of this package can produce, with the fields of its values.
NOTE_CODES = {
    # mobilisation_curve: why there is no curve
    "mobilisation.curve.too_few_waves": ("count", "model", "params"),
    "mobilisation.curve.flat": ("value", "model"),
    "mobilisation.curve.no_convergence": ("model",),
    # diffusion_fit: cautions about a fitted curve
    "mobilisation.fit.no_slowing": ("param", "cap"),
    "mobilisation.fit.not_identified": (),
    "mobilisation.fit.no_dof": ("n", "params"),
    "mobilisation.fit.poorly_determined": ("param",),
    "mobilisation.fit.on_lower_bound": ("param", "bound"),
    "mobilisation.fit.inflection_beyond": (),
    # support_vs_change: data left out
    "mobilisation.support.placed": ("count",),
    "mobilisation.support.not_placed": ("count",),
    "mobilisation.support.one_wave": (),
    # support_vs_change: the plain statement that associations are not effects
    "mobilisation.support.caution": (),
    # support_vs_change associations: why a value is missing (the ``note`` column)
    "mobilisation.assoc.too_few": ("n",),
    "mobilisation.assoc.no_support_variation": (),
    "mobilisation.assoc.no_outcome_variation": (),
    "mobilisation.assoc.one_area": (),
    "mobilisation.assoc.few_resamples": ("n_defined", "n_boot"),
}
