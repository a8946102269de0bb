"""The kernel's side of a warm kernel: what it imports once, and how it is reset between reports.

A warm kernel (:mod:`innolab.pipeline.kernels`) runs :func:`warm_up` once after it starts and
:func:`prepare` before every report. :func:`prepare` gives the next notebook what a new kernel
would give it: an empty namespace with the execution counter at 1, no open figures, the
matplotlib settings and warning filters as they were after start-up (so a warning shown by one
report is shown by the next one again), the report's working directory and cache folder.
What stays is what a report cannot change: imported modules, the text catalogue, and loaded
studies, which :func:`innolab.data.study.load_study` hands out as copies after checking that
the files are unchanged.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings

__all__ = ["WARM_IMPORTS", "warm_up", "prepare"]

#: What every report notebook imports: loaded once per kernel.
WARM_IMPORTS = ("innolab.reports.sections", "innolab.reports.notebook", "innolab.reports.texts",
                "innolab.analysis.network", "innolab.analysis.criteria",
                "innolab.analysis.mobilisation", "innolab.evidence.pack", "innolab.reports.docx",
                "innolab.reports.interactive", "matplotlib.pyplot", "seaborn", "scipy.stats",
                "igraph", "openpyxl", "IPython.display")

_STATE: dict = {}


def warm_up() -> None:
    """Import what the reports need and remember the settings :func:`prepare` restores."""
    import importlib

    for name in WARM_IMPORTS:
        importlib.import_module(name)
    import matplotlib

    from innolab.reports.texts import t

    t("common.area_profile", "en")  # reads the catalogue
    from innolab.data.cache import ENV

    # A report makes and drops hundreds of thousands of small objects (figures, artists): the
    # collector's youngest generation is looked at every 10,000 allocations, not every 700, and
    # the older ones half as often: an area's two reports collect about 15 times instead of 250,
    # and spend about 1.5 % less time. What a report computes does not depend on it.
    gc.set_threshold(10_000, 20, 20)
    _STATE["rc"] = matplotlib.rcParams.copy()
    _STATE["filters"] = list(warnings.filters)
    _STATE["environ"] = {k: v for k, v in os.environ.items() if k != ENV}
    _STATE["path"] = list(sys.path)


def prepare(cwd: str, cache: str | None) -> None:
    """Make the kernel as a new one for the next report.

    Parameters
    ----------
    cwd : str
        The report's working directory.
    cache : str or None
        The run's cache folder (``INNOLAB_CACHE``), None for none.
    """
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    from innolab.data import cache as _cache

    os.chdir(cwd)  # first: the last report's folder may be gone (a worker without shared disk)
    plt.close("all")
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)  # empty namespace, execution count 1; collects garbage
    # what is left is long-lived (modules, the catalogue, the kept study): the garbage
    # collector need not look at it again in the next report (CPython's gc.freeze)
    gc.freeze()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_STATE.get("rc", {}))
    warnings.resetwarnings()  # also forgets which warnings were shown once
    warnings.filters[:] = _STATE.get("filters", [])
    os.environ.clear()
    os.environ.update(_STATE.get("environ", {}))
    if cache:
        os.environ[_cache.ENV] = cache
    sys.path[:] = _STATE.get("path", sys.path)
