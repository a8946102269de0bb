"""Potential cross-border partners of the evidence pack: organisations in other countries already
tied to the selected areas, by pseudonymous id, with the local actors they are tied to (local
individuals only as a suppressed count)."""

from __future__ import annotations

import pandas as pd

from innolab.data import vocab
from innolab.data.study import Study
from innolab.stats.suppression import suppressed

from .common import area_names, check_threshold, selected_areas

__all__ = ["cross_border_partners"]


def cross_border_partners(study: Study, areas=None, threshold: int = 5) -> pd.DataFrame:
    """Organisations in other countries already tied to the areas: potential partners.

    A tie of any type, in either direction, between an actor of one of ``areas`` and an
    organisation whose area is in another country than that actor's area.

    Parameters
    ----------
    study : Study
        The study.
    areas : list of str, optional
        The areas (default :func:`selected_areas`).
    threshold : int
        The number of local individuals tied to a partner is suppressed from 1 to
        ``threshold − 1``.

    Returns
    -------
    pandas.DataFrame
        One row per partner organisation: ``actor_id`` (pseudonymous id; names are never
        shown), ``country, area`` (name), ``sector`` (code), ``kind, tied_to`` (names of the
        areas it is tied to), ``local_organisations`` (distinct organisations of those areas
        tied to it), ``local_individuals`` (distinct individuals, suppressed), ``ties``
        (distinct (local actor, wave, tie type): a tie that both ends reported counts once),
        ``tie_types`` (tuple of tie type codes, vocabulary order), ``collaboration,
        first_wave, last_wave``; most ties first.
    """
    areas = selected_areas(study) if areas is None else list(areas)
    actors = study.actors.set_index("actor_id")
    country_of = study.areas.set_index("area_id")["country"]
    names = area_names(study)
    threshold = check_threshold(threshold)
    cols = ["actor_id", "country", "area", "sector", "kind", "tied_to", "local_organisations",
            "local_individuals", "ties",
            "tie_types", "collaboration", "first_wave", "last_wave"]
    t = study.ties
    if t.empty:
        return pd.DataFrame(columns=cols)
    both = pd.concat([t.rename(columns={"source": "local", "target": "partner"}),
                      t.rename(columns={"target": "local", "source": "partner"})],
                     ignore_index=True)
    both["local_area"] = both["local"].map(actors["area_id"])
    both["partner_area"] = both["partner"].map(actors["area_id"])
    both = both[both["local_area"].isin(areas)
                & (both["partner"].map(actors["type"]) == "organisation")
                & (both["partner_area"].map(country_of) != both["local_area"].map(country_of))]
    if both.empty:
        return pd.DataFrame(columns=cols)
    both = both.drop_duplicates(["local", "partner", "wave", "type"])
    rows = []
    for pid, g in both.groupby("partner", sort=True):
        tied = set(g["local_area"])
        rows.append({
            "actor_id": pid, "country": country_of[actors.at[pid, "area_id"]],
            "area": names.get(actors.at[pid, "area_id"], actors.at[pid, "area_id"]),
            "sector": actors.at[pid, "sector"],
            "kind": actors.at[pid, "kind"] if isinstance(actors.at[pid, "kind"], str) else "",
            "tied_to": ", ".join(names.get(a, a) for a in areas if a in tied),
            "local_organisations": g.loc[g["local"].map(actors["type"]) == "organisation",
                                         "local"].nunique(),
            "local_individuals": suppressed(
                g.loc[g["local"].map(actors["type"]) == "individual", "local"].nunique(),
                threshold),
            "ties": len(g),
            "tie_types": tuple(x for x in vocab.TIE_TYPES if x in set(g["type"])),
            "collaboration": bool((g["type"] == "collaboration").any()),
            "first_wave": int(g["wave"].min()), "last_wave": int(g["wave"].max()),
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["ties", "actor_id"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)
