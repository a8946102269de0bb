"""Actor graphs built from a study, and the array helpers the other measures share.

:func:`build_graph` gives a :class:`networkx.DiGraph`: actors are nodes keyed by their pseudonymous
``actor_id``; a tie is an arc from the actor who reported it. Names never enter a graph, so nothing
computed from one can leak them.

The helpers (:func:`node_groups`, :func:`arcs`, :func:`directed_arcs`, :func:`sector_order`,
:func:`is_missing`, :data:`MISSING`) turn a graph into integer arrays once, so that every family of
measures in :mod:`innolab.analysis.network` counts ties the same way: an undirected edge is one tie
for the E-I index and the mixing matrix, and two arcs (both directions) for brokerage, as R's
``sna`` treats an undirected network; self-ties are never ties.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from innolab.data import vocab
from innolab.data.cache import scoped
from innolab.errors import InnolabError, ParameterError

__all__ = ["NODE_ATTRIBUTES", "MISSING", "build_graph", "is_missing", "node_groups", "arcs",
           "directed_arcs", "sector_order"]

#: Node attributes :func:`build_graph` copies from the study (never ``name``).
NODE_ATTRIBUTES = ("sector", "type", "kind", "area_id", "municipality", "country",
                   "target_group", "kehra_member")

#: The group of actors whose attribute is missing, in group tables and mixing matrices.
MISSING = "(none)"


def is_missing(value) -> bool:
    """Whether a value is missing (None, NaN, NA); a value pandas cannot test is not missing.

    Parameters
    ----------
    value : object
        A node attribute or table cell.

    Returns
    -------
    bool
    """
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def node_groups(G, attr: str) -> tuple[list, np.ndarray, list]:
    """Nodes, an integer group code per node and the group labels.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    attr : str
        Node attribute defining the groups; a missing value forms the group :data:`MISSING`.

    Returns
    -------
    nodes : list
        The nodes in graph order.
    codes : numpy.ndarray
        ``codes[i]`` is the index in ``labels`` of node ``i``'s group.
    labels : list
        The group values in order of first appearance.

    Raises
    ------
    ParameterError
        If no node of a non-empty network has the attribute.
    """
    nodes = list(G.nodes)
    if nodes and not any(attr in G.nodes[v] for v in nodes):
        raise ParameterError(f"No actor in the network has the attribute {attr!r}.")
    values = []
    for v in nodes:
        x = G.nodes[v].get(attr)
        values.append(MISSING if is_missing(x) else x)
    labels: list = []
    index: dict = {}
    codes = np.empty(len(nodes), dtype=np.int64)
    for i, x in enumerate(values):
        if x not in index:
            index[x] = len(labels)
            labels.append(x)
        codes[i] = index[x]
    return nodes, codes, labels


def arcs(G, weight=None) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes and the ties as arrays of node positions; an undirected edge is one tie.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network.
    weight : str, optional
        Edge attribute read into ``w`` (1.0 where an edge lacks it); ``None`` gives all ones.

    Returns
    -------
    nodes : list
        The nodes in graph order.
    src, dst : numpy.ndarray
        Positions in ``nodes`` of each tie's ends (an undirected edge in networkx's order).
    w : numpy.ndarray
        Tie weights. Self-ties are left out.
    """
    nodes = list(G.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    m = G.number_of_edges()
    src = np.empty(m, dtype=np.int64)
    dst = np.empty(m, dtype=np.int64)
    w = np.ones(m, dtype=float)
    for k, (u, v, d) in enumerate(G.edges(data=True)):
        src[k] = pos[u]
        dst[k] = pos[v]
        if weight is not None:
            w[k] = float(d.get(weight, 1.0))
    keep = src != dst  # self-ties are not ties here (the data format forbids them)
    return nodes, src[keep], dst[keep], w[keep]


def directed_arcs(G) -> tuple[list, np.ndarray, np.ndarray]:
    """Nodes and binary arcs; an undirected edge gives both directions (as ``sna`` does).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Actor network; weights are ignored.

    Returns
    -------
    nodes : list
        The nodes in graph order.
    src, dst : numpy.ndarray
        Each distinct arc once, sorted by (source, target) position.
    """
    nodes, src, dst, _ = arcs(G)
    if not G.is_directed():
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    if len(src):
        key = np.unique(src * max(len(nodes), 1) + dst)
        src, dst = key // len(nodes), key % len(nodes)
    return nodes, src, dst


def sector_order(labels) -> list:
    """Sector codes in the vocabulary's order, then any other values sorted as text.

    Parameters
    ----------
    labels : iterable
        Group values, e.g. the ``labels`` of :func:`node_groups`.

    Returns
    -------
    list
    """
    order = list(vocab.SECTORS)
    known = [s for s in order if s in labels]
    return known + sorted((s for s in labels if s not in order), key=str)


@scoped
def build_graph(study, area_id=None, wave=None, types=None, include_external: bool = False
                ) -> nx.DiGraph:
    """The actor network of a study, an area or a wave as a directed, weighted graph.

    Inside a :func:`innolab.data.cache.scope` (a report section), built once per study and
    arguments (each caller gets its own copy).

    Parameters
    ----------
    study : innolab.Study or object with ``actors``, ``ties`` and ``areas`` DataFrames
        The study (BRIEF §5 columns).
    area_id : str, optional
        Only the actors of this area and the ties among them. ``None`` is the whole study with
        cross-area ties kept.
    wave : int, optional
        The wave of ties to use; ``None`` is the latest wave present in the study's ties.
    types : str or list of str, optional
        Tie types to keep (``collaboration``, ``information``, ``resources``, ``advice``);
        ``None`` keeps all.
    include_external : bool
        With ``area_id``, also keep ties between the area's actors and actors elsewhere (those
        actors become nodes too), e.g. for :func:`boundary_spanning`.

    Returns
    -------
    networkx.DiGraph
        Nodes: ``actor_id`` with attributes ``sector, type, kind, area_id, municipality, country,
        target_group`` (None when empty) and ``kehra_member`` — never ``name``. Actors present in
        the wave (``joined_wave`` empty or not after it) are nodes even without ties. Arcs:
        source → target with ``weight`` (sum over the kept tie types) and ``types`` (the tie
        types joined with ``;``). Graph attributes: ``wave``, ``area_id``, ``types``.

    Notes
    -----
    Checked against the hand-written mini study (``tests/data/mini_study``), whose arcs and
    weights per wave were counted by hand.
    """
    actors = study.actors
    ties = study.ties
    areas = getattr(study, "areas", None)
    if types is not None:
        types = [types] if isinstance(types, str) else list(types)
        unknown = [t for t in types if t not in vocab.TIE_TYPES]
        if unknown:
            raise ParameterError(f"Unknown tie type(s) {unknown}: expected some of "
                                 f"{', '.join(vocab.TIE_TYPES)}.")
    present_waves = sorted(int(x) for x in pd.unique(ties["wave"].dropna())) if len(ties) else []
    if wave is None:
        wave = present_waves[-1] if present_waves else None
    else:
        try:
            wave = int(wave)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"wave must be an integer, not {wave!r}.") from exc
        known = set(present_waves)
        waves_table = getattr(study, "waves", None)
        if waves_table is not None and len(waves_table) and "wave" in waves_table:
            known |= {int(x) for x in waves_table["wave"].dropna()}
        if wave not in known:
            raise ParameterError(f"Unknown wave {wave}: the study has waves "
                                 f"{sorted(known) or 'none'}.")
    if area_id is not None:
        known_areas = set(actors["area_id"]) | (set(areas["area_id"]) if areas is not None
                                                else set())
        if area_id not in known_areas:
            raise ParameterError(f"Unknown area {area_id!r}: the study has areas "
                                 f"{', '.join(sorted(map(str, known_areas)))}.")

    area_info: dict = {}
    if areas is not None and len(areas):
        for row in areas.itertuples(index=False):
            area_info[row.area_id] = (getattr(row, "municipality", None),
                                      getattr(row, "country", None))

    t = ties
    if wave is not None:
        t = t[t["wave"] == wave]
    if types is not None:
        t = t[t["type"].isin(types)]
    if area_id is not None:  # the area's ties first: what follows then works on few rows
        in_area = set(actors.loc[actors["area_id"] == area_id, "actor_id"])
        t = t[t["source"].isin(in_area) | t["target"].isin(in_area)]
    if "weight" in t.columns:
        w = pd.to_numeric(t["weight"], errors="coerce").fillna(1.0).astype(float)
    else:
        w = pd.Series(1.0, index=t.index)
    t = pd.DataFrame({"source": t["source"].to_numpy(), "target": t["target"].to_numpy(),
                      "type": t["type"].astype(str).to_numpy(), "weight": w.to_numpy()})
    t = t[t["source"] != t["target"]]

    ids = actors["actor_id"]
    mask = pd.Series(True, index=actors.index) if area_id is None else actors["area_id"] == area_id
    if wave is not None and "joined_wave" in actors.columns:
        joined = pd.to_numeric(actors["joined_wave"], errors="coerce")
        mask &= joined.isna() | (joined.fillna(0).astype(int) <= wave)
    if area_id is not None and not include_external:  # t holds the area's ties already
        t = t[t["source"].isin(in_area) & t["target"].isin(in_area)]

    node_ids = ids[mask].tolist()
    sources, targets = t["source"].tolist(), t["target"].tolist()
    seen = set(node_ids)
    for a in sources + targets:
        if a not in seen:
            seen.add(a)
            node_ids.append(a)
    position = pd.Index(ids).get_indexer(node_ids)
    if (position < 0).any():
        unknown = node_ids[int(np.flatnonzero(position < 0)[0])]
        raise InnolabError(f"Tie end {unknown!r} is not a known actor of the study.")
    # the attributes column by column (a missing value is None), not a dict per actor from
    # pandas and a test per value: a graph of a few hundred actors was mostly that
    rows = actors.iloc[position]
    columns = {}
    for key in ("sector", "type", "kind", "area_id", "target_group", "kehra_member"):
        if key not in rows.columns:
            columns[key] = [None] * len(node_ids)
            continue
        values = rows[key].astype(object).tolist()
        for i in np.flatnonzero(rows[key].isna().to_numpy()):
            values[i] = None
        columns[key] = values
    columns["kehra_member"] = [x is not None and bool(x) for x in columns["kehra_member"]]
    place = {area: (None if is_missing(m) else m, None if is_missing(c) else c)
             for area, (m, c) in area_info.items()}
    where = [place.get(area, (None, None)) for area in columns["area_id"]]

    G = nx.DiGraph(wave=wave, area_id=area_id, types=None if types is None else tuple(types))
    G.add_nodes_from(
        (aid, {"sector": sector, "type": kind_of, "kind": kind, "area_id": area,
               "target_group": group, "kehra_member": member,
               "municipality": municipality, "country": country})
        for aid, sector, kind_of, kind, area, group, member, (municipality, country) in zip(
            node_ids, columns["sector"], columns["type"], columns["kind"], columns["area_id"],
            columns["target_group"], columns["kehra_member"], where, strict=True))
    if len(t):
        # the weights summed by pandas as before (the same sums to the last bit), the types of
        # each arc gathered in one pass: an arc's own Python function per group cost ~0.1 s a
        # graph at 2,000 arcs
        weight = t.groupby(["source", "target"], sort=True)["weight"].sum()
        kinds: dict = {}
        for u, v, kind in zip(sources, targets, t["type"].tolist(), strict=True):
            kinds.setdefault((u, v), set()).add(kind)
        G.add_edges_from((u, v, {"weight": float(w), "types": ";".join(sorted(kinds[(u, v)]))})
                         for (u, v), w in weight.items())
    return G
