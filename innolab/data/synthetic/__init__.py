"""A generator of realistic, entirely synthetic example studies in the data format of BRIEF §5.

:func:`make_study` writes a study folder that looks like the real project: Helsinki applicant and
selected areas (Maunula, Herttoniemi, Roihuvuori, Laajasalo, Arabianranta, and more from
``resources/helsinki_districts.csv``), Uusimaa areas in EMO ry's LEADER territory, and comparison
areas in other Central Baltic countries; People–Public–Private actors with a Kehrä core; directed
ties per wave with sector homophily, brokers, cross-area and cross-border ties that grow; events and
participation; self, external and application ratings of the criteria set; innovations moving
through the stages; support logs; and peer-review ratings. Every name and number is invented.

Wave ``w`` covers the days after the date of wave ``w - 1`` up to and including its own date
(wave 0: the three months up to its date); event and support dates fall inside their wave.

The same arguments always write byte-identical files.

The generator is one job in steps, one module each, called in this order by
:mod:`~innolab.data.synthetic.writing` (the order of the random draws is part of the output):
:mod:`~innolab.data.synthetic.waves`, :mod:`~innolab.data.synthetic.areas`,
:mod:`~innolab.data.synthetic.actors` (with :mod:`~innolab.data.synthetic.names`),
:mod:`~innolab.data.synthetic.ties`, :mod:`~innolab.data.synthetic.events`,
:mod:`~innolab.data.synthetic.assessments`, :mod:`~innolab.data.synthetic.innovations`,
:mod:`~innolab.data.synthetic.support` (support and peer review).
"""

from __future__ import annotations

from .actors import MIN_ACTORS_PER_AREA
from .areas import MIN_AREAS
from .writing import make_study

__all__ = ["make_study", "MIN_AREAS", "MIN_ACTORS_PER_AREA"]
