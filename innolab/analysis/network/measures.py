"""The headline network measures of every area, one row per area (the reports' network table)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from innolab.data import cache
from innolab.errors import InnolabError, ParameterError

from .boundaries import boundary_spanning, tripartite_closure
from .ei import ei_permutation_test
from .freeman import CONVENTIONS, centralization
from .graph import build_graph
from .mixing import ppp_balance

__all__ = ["MEASURE_COLUMNS", "area_measures"]

#: What an area's network measures read (build_graph: actors, ties, areas; waves).
_TABLES = ("actors", "ties", "areas", "waves")

#: The columns of :func:`area_measures`, in order.
MEASURE_COLUMNS = ("area_id", "wave", "actors", "ties", "density", "cross_sector_share",
                   "ei", "ei_perm_mean", "ei_p_value", "ppp_balance", "triangles",
                   "tripartite_triangles", "tripartite_share", "degree_centralization",
                   "betweenness_centralization", "cross_area_share", "cross_country_share")


def _measures_of(G, G_ext, n: int, seed: int, convention: str = "symmetrised") -> dict:
    """One area's network measures; an undefined measure is None with the counts that explain it."""
    m = G.number_of_edges()
    out = {"actors": G.number_of_nodes(), "ties": m,
           "density": nx.density(G) if G.number_of_nodes() > 1 else None}
    out["ppp_balance"] = ppp_balance(G)
    ei = None
    if m:
        test = ei_permutation_test(G, "sector", n=n, seed=seed)
        ei = test["observed"]
        out.update(ei=ei, ei_perm_mean=test["perm_mean"], ei_p_value=test["p_value"])
    out["cross_sector_share"] = None if ei is None else (ei + 1) / 2
    tri = tripartite_closure(G)
    out.update(triangles=tri["n_triangles"], tripartite_triangles=tri["n_tripartite"],
               tripartite_share=tri["share"] if tri["n_triangles"] else None)
    if G.number_of_nodes() >= 3 and m:
        out["degree_centralization"] = centralization(G, "degree", convention=convention)
        exact = G.number_of_nodes() <= 3000
        out["betweenness_centralization"] = centralization(
            G, "betweenness", k=None if exact else 256, seed=seed, convention=convention)
    span = boundary_spanning(G_ext, level="total").iloc[0]
    if span["ties"]:
        out["cross_area_share"] = float(span["share_cross_area"])
        out["cross_country_share"] = float(span["share_cross_country"])
    return out


def area_measures(study, wave=None, areas=None, n: int = 1000, seed: int = 0,
                  convention: str = "symmetrised") -> pd.DataFrame:
    """The headline network measures of every area, one row per area.

    Parameters
    ----------
    study : innolab.Study
        The study.
    wave : int, optional
        The wave (default: the latest wave with ties).
    areas : list of str, optional
        Area ids (default: all).
    n : int
        Permutations of the E-I test.
    seed : int
        Seed of the permutations (same seed, same p-values).
    convention : {"symmetrised", "digraph"}
        How the centralizations read the directed network (:data:`CONVENTIONS`): on the
        symmetrised graph (default), or as R ``sna`` does for digraphs (total degree, directed
        paths); see :func:`centralization`.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, actors, ties, density, cross_sector_share`` (share of ties that
        join two sectors, ``(E-I + 1) / 2``), ``ei, ei_perm_mean, ei_p_value``
        (:func:`ei_permutation_test` on sector), ``ppp_balance``, ``triangles,
        tripartite_triangles, tripartite_share`` (:func:`tripartite_closure`),
        ``degree_centralization, betweenness_centralization`` (Freeman, by ``convention``;
        betweenness exact up to 3,000 actors, else 256 sampled sources), ``cross_area_share,
        cross_country_share`` (of the ties touching the area, those whose other end is in another
        area / country; :func:`boundary_spanning` on the graph with outside partners). A measure
        that is undefined for an area — E-I without ties, closure without triangles,
        centralization with fewer than three actors — is NaN there, and ``ties``,
        ``triangles`` and ``actors`` say why.
    """
    if convention not in CONVENTIONS:
        raise ParameterError(f"convention must be one of {', '.join(CONVENTIONS)}, not "
                             f"{convention!r}.")
    if study.ties.empty:
        raise InnolabError(f"Study {study.name!r} has no ties: there is no network to measure.")
    wave = int(study.ties["wave"].max()) if wave is None else int(wave)
    # an area's row depends on nothing but its own network: in a run (cache on) the area
    # profile's row is the study-level report's row, computed once
    tables = cache.digests(study, _TABLES) if cache.is_on() and hasattr(study, "data_hash") \
        else None
    rows = []
    for area_id in areas if areas is not None else study.area_ids:
        def row(area_id=area_id):
            G = build_graph(study, area_id=area_id, wave=wave)
            G_ext = build_graph(study, area_id=area_id, wave=wave, include_external=True)
            return {"area_id": area_id, "wave": wave,
                    **_measures_of(G, G_ext, n, seed, convention)}

        rows.append(row() if tables is None else cache.fetch(
            study, "innolab.analysis.network.area_measures", {
                "area_id": area_id, "wave": wave, "n": n, "seed": seed,
                "convention": convention}, tables, row))
    return pd.DataFrame(rows).reindex(columns=list(MEASURE_COLUMNS)).astype(
        {c: float for c in MEASURE_COLUMNS[4:]} | {"actors": int, "ties": int})
