"""A Study in, tidy tables out: networks, criteria scores, mobilisation, selection, peer review
and an area's profile. No language, no prose, no files: results are codes and numbers, and an
explanation is a note code with its values that the report layer words."""
