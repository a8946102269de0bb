"""innolab: from development networks to innovation platforms.

Actor networks, criteria scores and evidence for place-based innovation in neighbourhoods, with the
statistics that make them trustworthy. Start with :func:`load_study`.

The package is built in layers, each importing only those before it:
``data`` (the study format) → ``stats`` (statistics on arrays) → ``analysis`` (a Study in, tidy
tables out) → ``evidence`` (the programme indicators and the evidence pack) → ``forms`` and
``reports`` (everything a reader sees, worded from one text catalogue) → ``pipeline`` (running the
report notebooks) and ``cli``. ``docs/architecture.md`` draws the whole house.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("innolab")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

from innolab.analysis.criteria import load_criteria  # noqa: E402
from innolab.data.study import Study, load_study  # noqa: E402
from innolab.errors import (  # noqa: E402
    InnolabError,
    ParameterError,
    Problem,
    StudyError,
    StudyWarning,
)

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
