"""The innovation pipeline of the evidence pack: each innovation at its furthest stage, themes ×
stages, and the innovations ready for funding with their partners counted by sector and country
(individual partners only as a suppressed count)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from innolab.data import vocab
from innolab.data.study import Study
from innolab.stats.suppression import suppressed

from .common import area_names, check_threshold

__all__ = ["STAGE_ORDER", "innovation_stages", "pipeline", "partner_counts", "ready_for_funding"]

#: Stage code → its place in the order of progress (idea < … < scaled).
STAGE_ORDER = {s: i for i, s in enumerate(vocab.STAGES)}


def innovation_stages(study: Study) -> pd.DataFrame:
    """Each innovation once, at the furthest stage it reached in any wave.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        ``innovation_id, area_id, title, theme, stage`` (furthest), ``stage_last`` (in its last
        observed wave), ``ready_for_funding`` (in its last observed wave), ``partners`` (tuple:
        union over its rows, in order of appearance), ``first_wave, last_wave``.
    """
    inn = study.innovations
    cols = ["innovation_id", "area_id", "title", "theme", "stage", "stage_last",
            "ready_for_funding", "partners", "first_wave", "last_wave"]
    if inn.empty:
        return pd.DataFrame(columns=cols)
    inn = inn.sort_values(["innovation_id", "wave"], kind="stable")
    rows = []
    for iid, block in inn.groupby("innovation_id", sort=False):
        order = block["stage"].map(STAGE_ORDER)
        partners = tuple(dict.fromkeys(p for ps in block["partners"] for p in (ps or ())))
        last = block.iloc[-1]
        rows.append({"innovation_id": iid, "area_id": last["area_id"],
                     "title": last.get("title", ""), "theme": last["theme"],
                     "stage": block["stage"].iloc[int(np.argmax(order.to_numpy()))],
                     "stage_last": last["stage"],
                     "ready_for_funding": bool(pd.notna(last.get("ready_for_funding"))
                                               and last.get("ready_for_funding")),
                     "partners": partners, "first_wave": int(block["wave"].min()),
                     "last_wave": int(block["wave"].max())})
    return pd.DataFrame(rows, columns=cols)


def pipeline(study: Study) -> pd.DataFrame:
    """Innovations by theme and furthest stage (a count table; themes × stages).

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Index ``theme``: the theme codes present (vocabulary order); columns: every stage code
        in order and ``total``.
    """
    st = innovation_stages(study)
    table = pd.crosstab(st["theme"], st["stage"]) if len(st) else pd.DataFrame()
    themes = [t for t in vocab.THEMES if t in table.index]
    table = table.reindex(index=themes, columns=list(vocab.STAGES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "theme"
    table.columns.name = None
    return table


def partner_counts(partners, actors: pd.DataFrame, country_of: pd.Series,
                   threshold: int) -> dict:
    """An innovation's partners: organisations by sector and by country, individuals as a count.

    Parameters
    ----------
    partners : iterable of str
        The partners' actor ids.
    actors : pandas.DataFrame
        The study's actors indexed by ``actor_id``.
    country_of : pandas.Series
        Area id → country code.
    threshold : int
        Counts of individuals below it are suppressed.

    Returns
    -------
    dict
        ``organisations_by_sector`` (tuple of (sector, count)), ``organisations_by_country``
        (text such as ``"EE 1, FI 2"``),
        ``individuals`` (suppressed count), ``sectors`` and ``countries`` (numbers of them).
    """
    a = actors.reindex(list(partners))
    a = a[a["type"].notna()]
    orgs = a[a["type"] == "organisation"]
    people = a[a["type"] == "individual"]
    by_sector = orgs["sector"].value_counts().reindex(list(vocab.SECTORS)).dropna()
    by_country = orgs["area_id"].map(country_of).value_counts()
    return {
        "organisations_by_sector": tuple((s, int(n)) for s, n in by_sector.items()),
        "organisations_by_country": ", ".join(f"{c} {int(n)}" for c, n in
                                              by_country.sort_index().items()),
        "individuals": suppressed(len(people), threshold),
        "sectors": a["sector"].nunique(),
        "countries": a["area_id"].map(country_of).nunique(),
    }


def ready_for_funding(study: Study, threshold: int = 5) -> pd.DataFrame:
    """The innovations ready for funding, with their partners by sector and country.

    Parameters
    ----------
    study : Study
        The study.
    threshold : int
        The number of individual partners is suppressed from 1 to ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        ``innovation_id, area`` (name), ``title, theme, stage`` (codes; the furthest stage
        reached), ``organisations_by_sector`` (tuple of ``(sector code, count)`` of partner
        organisations, vocabulary order), ``organisations_by_country`` (e.g. ``"EE 1, FI 2"``),
        ``individuals`` (count of individual partners, suppressed), ``sectors, countries``
        (distinct, over all partners), furthest stage first.
    """
    threshold = check_threshold(threshold)
    st = innovation_stages(study)
    st = st[st["ready_for_funding"]]
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = area_names(study)
    rows = []
    for r in st.itertuples():
        rows.append({"innovation_id": r.innovation_id, "area": names.get(r.area_id, r.area_id),
                     "title": r.title, "theme": r.theme, "stage": r.stage,
                     "_order": STAGE_ORDER[r.stage],
                     **partner_counts(r.partners, actors, country_of, threshold)})
    cols = ["innovation_id", "area", "title", "theme", "stage", "organisations_by_sector",
            "organisations_by_country", "individuals", "sectors", "countries"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["_order", "innovation_id"],
                                         ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)
