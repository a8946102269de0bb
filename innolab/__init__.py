"""innolab: from development networks to innovation platforms.

Actor networks, criteria scores and evidence for place-based innovation in neighbourhoods, with the
statistics that make them trustworthy. Start with :func:`load_study`.
"""

from importlib.metadata import PackageNotFoundError, version

from .criteria import load_criteria
from .errors import InnolabError, ParameterError, Problem, StudyError, StudyWarning
from .study import Study, load_study

try:
    __version__ = version("innolab")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "InnolabError",
    "ParameterError",
    "Problem",
    "Study",
    "StudyError",
    "StudyWarning",
    "load_criteria",
    "load_study",
    "__version__",
]
