"""The application's indicator table: what the Jems form asks of each programme indicator.

For every indicator of :data:`innolab.evidence.indicators.INDICATORS` that stands in for an
Interreg common indicator (RCO87, RCO84, RCO116 in both readings, RCR84, RCR104) the table gives,
as codes and numbers: the code, the measurement unit, the baseline with its wave and date, the
value reached, and a projected value for the end of a follow-on project with its interval and the
code of the method — and the source of the data. The words are the report layer's
(:mod:`innolab.reports.evidence_views`, catalogue ``resources/texts/evidence.yaml``).

**The projection** (:func:`linear_projection`) is a least-squares straight line through the
indicator's cumulative value at the end of each wave (:func:`cumulative_by_wave`: the indicator
counted on the waves up to and including that wave), extended ``horizon`` waves past the last one,
with the two-sided prediction interval of a new observation of ordinary least squares,

    ŷ₀ ± t(1 − (1 − level)/2; n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Σ(xᵢ − x̄)²),

where ``s`` is the residual standard deviation with ``n − 2`` degrees of freedom (NIST/SEMATECH
e-Handbook of Statistical Methods, §4.1.4.2 and §4.5.2.2; Montgomery, Peck & Vining,
*Introduction to Linear Regression Analysis*, 5th ed., eq. 2.48). The lower end is not taken
below zero (a count). With fewer than three waves no line is fitted (method
``too_few_waves``): the table never extrapolates without saying so. An indicator that is not
measured (a table it needs has no rows) has the method ``not_measured``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats as _stats

from innolab.data.study import Study
from innolab.errors import ParameterError

from . import indicators as evidence

__all__ = ["UNITS", "METHODS", "APPLICATION_COLUMNS", "application_indicators",
           "cumulative_by_wave", "linear_projection", "application_table"]

#: Measurement unit of each Interreg common indicator (BRIEF §4, "What the application form
#: asks"); unit names are the catalogue's ``evidence.unit_name.<unit>``.
UNITS = {"RCO87": "organisations", "RCR84": "organisations", "RCO84": "pilot_actions",
         "RCO116": "solutions", "RCR104": "solutions"}

#: Projection method codes; words: ``evidence.method.<code>``.
METHODS = ("trend", "too_few_waves", "not_measured")

#: The columns of :func:`application_table`.
APPLICATION_COLUMNS = ("code", "indicator", "kind", "unit", "baseline", "baseline_wave",
                       "baseline_date", "value", "value_wave", "projection", "projection_lo",
                       "projection_hi", "projection_wave", "method", "n_waves", "level",
                       "source")

_MIN_WAVES = 3


def application_indicators() -> list[str]:
    """The ids of the indicators that stand in for an Interreg common indicator, in pack order.

    Returns
    -------
    list of str
        Ids of :data:`~innolab.evidence.indicators.INDICATORS` with an ``interreg`` code.
    """
    return [ind.id for ind in evidence.INDICATORS.values() if ind.interreg]


def _up_to(study: Study, wave: int) -> Study:
    """The study with the rows of the waves after ``wave`` left out (waves, ties, events,
    innovations; participation follows its events)."""
    return replace(
        study,
        waves=study.waves[study.waves["wave"] <= wave].reset_index(drop=True),
        ties=study.ties[study.ties["wave"] <= wave],
        events=study.events[study.events["wave"] <= wave],
        innovations=study.innovations[study.innovations["wave"] <= wave],
    )


def cumulative_by_wave(study: Study, indicators=None) -> pd.DataFrame:
    """Each indicator for the whole study, counted on the waves up to the end of each wave.

    The value at the last wave is the ``value`` of :func:`innolab.evidence.indicators.indicators`
    (all waves); at the first wave it is the ``baseline``. A table that has rows in the study but
    none yet by a wave counts 0 there.

    Parameters
    ----------
    study : Study
        The study.
    indicators : list of str, optional
        Indicator ids (default :func:`application_indicators`).

    Returns
    -------
    pandas.DataFrame
        ``indicator, wave, value`` (``Int64``; NA throughout for an indicator that is not
        measured), one row per indicator and wave, indicators in the given order.
    """
    ids = application_indicators() if indicators is None else list(indicators)
    measured = {i: not evidence.missing_tables(study, i) for i in ids}
    totals = {}
    for w in study.wave_ids:
        ind = evidence.indicators(_up_to(study, w))
        totals[w] = ind[ind["area_id"] == evidence.ALL].set_index("indicator")["value"]
    rows = []
    for i in ids:
        for w, total in totals.items():
            v = total.get(i, pd.NA)
            if measured[i] and pd.isna(v):
                v = 0  # the table has rows, none yet by this wave
            rows.append({"indicator": i, "wave": w, "value": v})
    out = pd.DataFrame(rows, columns=["indicator", "wave", "value"])
    out["value"] = pd.array(out["value"], dtype="Int64")
    return out


def linear_projection(x, y, at: float, level: float = 0.90) -> tuple[float, float, float]:
    """A least-squares straight line through ``(x, y)``, evaluated at ``at``, with the
    prediction interval of a new observation there (formula in the module docstring).

    Parameters
    ----------
    x, y : array-like of float
        At least three points, at least two distinct ``x``.
    at : float
        Where to project.
    level : float
        Coverage of the two-sided interval, in (0, 1).

    Returns
    -------
    tuple of float
        ``(estimate, lo, hi)``.

    Raises
    ------
    ParameterError
        For fewer than three points, a constant ``x`` or a level outside (0, 1).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    if n < _MIN_WAVES or len(y) != n:
        raise ParameterError(f"A linear projection needs at least {_MIN_WAVES} points of x and "
                             f"y of equal length; got {n} and {len(y)}.")
    if not 0 < level < 1:
        raise ParameterError(f"level={level!r}: expected a number between 0 and 1.")
    sxx = float(((x - x.mean()) ** 2).sum())
    if sxx == 0:
        raise ParameterError("A linear projection needs at least two distinct x values.")
    fit = _stats.linregress(x, y)
    estimate = fit.intercept + fit.slope * at
    resid = y - (fit.intercept + fit.slope * x)
    s = np.sqrt(float((resid ** 2).sum()) / (n - 2))
    half = (_stats.t.ppf(1 - (1 - level) / 2, n - 2) * s
            * np.sqrt(1 + 1 / n + (at - x.mean()) ** 2 / sxx))
    return float(estimate), float(estimate - half), float(estimate + half)


def application_table(study: Study, horizon: int = 2, level: float = 0.90) -> pd.DataFrame:
    """The indicator table of an application form, one row per programme indicator.

    Parameters
    ----------
    study : Study
        The study.
    horizon : int
        How many waves past the last one the follow-on project ends (the projection's target).
    level : float
        Coverage of the projection's prediction interval.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`APPLICATION_COLUMNS`: ``code`` (RCO87, …), ``indicator`` (the id
        of :data:`~innolab.evidence.indicators.INDICATORS`; RCO116 has two rows, the local
        and the strict reading), ``kind`` (``output`` for RCO, ``result`` for RCR), ``unit``
        (:data:`UNITS`), ``baseline`` with ``baseline_wave`` and ``baseline_date`` (the first
        wave; NaT without a date), ``value`` (all waves) with ``value_wave`` (the last),
        ``projection, projection_lo, projection_hi`` at ``projection_wave`` (last wave +
        ``horizon``; NaN when not projected), ``method`` (:data:`METHODS`), ``n_waves`` (the
        points of the line), ``level`` and ``source`` (as the indicators give it). ``baseline``
        and ``value`` are those of :func:`innolab.evidence.indicators.indicators` for the whole
        study.

    Raises
    ------
    ParameterError
        For a horizon that is not a whole number ≥ 1.
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
        raise ParameterError(f"horizon={horizon!r}: expected a whole number of waves ≥ 1.")
    ids = application_indicators()
    ind = evidence.indicators(study)
    total = ind[ind["area_id"] == evidence.ALL].set_index("indicator")
    waves = study.wave_ids
    dates = study.waves.set_index("wave")["date"]
    series = cumulative_by_wave(study, ids) if len(waves) >= _MIN_WAVES else None
    target = waves[-1] + horizon if waves else None
    rows = []
    for i in ids:
        code = evidence.INDICATORS[i].interreg
        value, baseline = total.at[i, "value"], total.at[i, "baseline"]
        proj = (np.nan, np.nan, np.nan)
        if pd.isna(value):
            method = "not_measured"
        elif series is None:
            method = "too_few_waves"
        else:
            s = series[series["indicator"] == i]
            est, lo, hi = linear_projection(s["wave"], s["value"].astype(float), target, level)
            proj, method = (est, max(lo, 0.0), hi), "trend"
        rows.append({
            "code": code, "indicator": i, "kind": "output" if code.startswith("RCO") else
            "result", "unit": UNITS[code], "baseline": baseline,
            "baseline_wave": waves[0] if waves else None,
            "baseline_date": dates.get(waves[0], pd.NaT) if waves else pd.NaT,
            "value": value, "value_wave": waves[-1] if waves else None,
            "projection": proj[0], "projection_lo": proj[1], "projection_hi": proj[2],
            "projection_wave": target, "method": method,
            "n_waves": len(waves) if method == "trend" else 0, "level": level,
            "source": total.at[i, "source"]})
    out = pd.DataFrame(rows, columns=list(APPLICATION_COLUMNS))
    out["baseline"] = pd.array(out["baseline"], dtype="Int64")
    out["value"] = pd.array(out["value"], dtype="Int64")
    return out
