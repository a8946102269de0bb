"""The waves of a synthetic study: their labels, first days and dates.

Wave ``w`` covers the days after the date of wave ``w - 1`` up to and including its own date
(wave 0: from 1 September 2015 up to its date); :func:`random_date` draws a day inside a wave.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

__all__ = ["wave_schedule", "random_date"]

_SEASONS = {12: "Talvi", 1: "Talvi", 2: "Talvi", 3: "Kevät", 4: "Kevät", 5: "Kevät", 6: "Kesä",
            7: "Kesä", 8: "Kesä", 9: "Syksy", 10: "Syksy", 11: "Syksy"}
_MONTHS_FI = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
              "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu")


def _month_end(year: int, month: int) -> _dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def wave_schedule(waves: int) -> list[tuple[int, str, _dt.date, _dt.date]]:
    """(wave, label, first day, date) per wave: the project's months, Nov 2015 – Jul 2016."""
    if waves == 4:  # the project's phases: baseline, application, sparring, refining
        offsets = [0, 2, 5, 8]
    elif waves <= 9:
        offsets = [round(i * 8 / (waves - 1)) for i in range(waves)]
    else:
        offsets = list(range(waves))
    dates = [_month_end(2015, 11 + k) for k in offsets]
    labels = [f"{_SEASONS[d.month]} {d.year}" for d in dates]
    if len(set(labels)) < len(labels):
        labels = [f"{_MONTHS_FI[d.month - 1].capitalize()} {d.year}" for d in dates]
    starts = [_dt.date(2015, 9, 1)] + [d + _dt.timedelta(days=1) for d in dates[:-1]]
    return [(w, labels[w], starts[w], dates[w]) for w in range(waves)]


def random_date(rng: np.random.Generator, start: _dt.date, end: _dt.date) -> _dt.date:
    """A day from ``start`` to ``end`` (both included), drawn uniformly with ``rng``."""
    return start + _dt.timedelta(days=int(rng.integers((end - start).days + 1)))
