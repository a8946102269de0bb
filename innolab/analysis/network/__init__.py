"""People–Public–Private actor networks: graphs, composition, E-I, brokerage, Burt, centralization.

Every measure here is checked in ``tests/test_network.py`` against a published value and the test
names its source; ``docs/methods.md`` ("Networks") gives each formula and the choices made.

One module per family of measures (as networkx's ``algorithms``); this package re-exports their
public functions, so ``from innolab.analysis import network; network.build_graph(...)`` works:

==========================  ===================================================================
:mod:`.graph`               :func:`build_graph` and the array helpers the other modules share
:mod:`.mixing`              :func:`composition`, :func:`ppp_balance`, :func:`mixing_matrix`
:mod:`.ei`                  the E-I index: :func:`ei_index`, per group, per actor, permutation test
:mod:`.gould_fernandez`     Gould–Fernandez :func:`brokerage` (as R ``sna``), its summary
:mod:`.structural_holes`    Burt's :func:`constraint` and :func:`effective_size`
:mod:`.freeman`             Freeman :func:`centralization`, :func:`centralizations`
:mod:`.boundaries`          :func:`tripartite_closure`, :func:`boundary_spanning`,
                            :func:`assortativity`, :func:`communities`
:mod:`.actors`              :func:`key_actors`
:mod:`.change`              :func:`network_change`
:mod:`.measures`            :func:`area_measures` (one row of headline measures per area)
==========================  ===================================================================

Conventions
-----------
* :func:`build_graph` gives a :class:`networkx.DiGraph`: actors are nodes keyed by their
  pseudonymous ``actor_id``; a tie is an arc from the actor who reported it. Names never enter a
  graph, so nothing computed here can leak them.
* Functions accept a :class:`networkx.Graph` too; an undirected edge then counts as one tie for the
  E-I index and as two arcs (both directions) for brokerage, as R's ``sna`` treats an undirected
  network.
* Values that are undefined are never silently NaN in a scalar result: a scalar that cannot be
  computed raises :class:`~innolab.errors.InnolabError` with the reason. In per-actor or per-group
  tables a NaN appears only where the docstring says so (e.g. the E-I index of an actor without
  ties), next to the counts that explain it.
"""

from __future__ import annotations

from .actors import key_actors
from .boundaries import assortativity, boundary_spanning, communities, tripartite_closure
from .change import network_change
from .ei import ei_by_actor, ei_by_group, ei_index, ei_permutation_test
from .freeman import CONVENTIONS, centralization, centralizations
from .gould_fernandez import ROLES, brokerage, brokerage_summary
from .graph import NODE_ATTRIBUTES, build_graph
from .measures import MEASURE_COLUMNS, area_measures
from .mixing import composition, mixing_matrix, ppp_balance
from .structural_holes import constraint, effective_size

__all__ = [
    "NODE_ATTRIBUTES",
    "ROLES",
    "build_graph",
    "composition",
    "ppp_balance",
    "mixing_matrix",
    "ei_index",
    "ei_by_group",
    "ei_by_actor",
    "ei_permutation_test",
    "brokerage",
    "brokerage_summary",
    "constraint",
    "effective_size",
    "CONVENTIONS",
    "centralization",
    "centralizations",
    "tripartite_closure",
    "boundary_spanning",
    "assortativity",
    "communities",
    "key_actors",
    "network_change",
    "area_measures",
    "MEASURE_COLUMNS",
]
