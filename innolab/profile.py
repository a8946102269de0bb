"""Descriptive facts of one area: who its actors are, its Kehrä group, and activity over waves.

These feed the area profile notebook. They return tables keyed by codes (sector, wave, …); the
notebook turns codes into labels. Actors appear only by pseudonymous id, never by name.
"""

from __future__ import annotations

import pandas as pd

from . import vocab
from .report import fmt_int, fmt_pct, join_words, text
from .study import Study, helsinki_districts

__all__ = [
    "active_actors",
    "area_facts",
    "actor_mix",
    "target_groups",
    "kehra",
    "activity",
    "profile_sentences",
]


def active_actors(study: Study) -> pd.DataFrame:
    """Which actor was active in which wave.

    An actor is *active in wave w* when it took part in at least one event of wave w (any area,
    any role) or sent or received at least one tie in wave w.

    Parameters
    ----------
    study : Study
        The study.

    Returns
    -------
    pandas.DataFrame
        Columns ``wave, actor_id, area_id, sector`` (the actor's own area and sector), one row per
        active actor and wave, sorted.
    """
    parts = []
    if not study.participation.empty:
        ev = study.participation.merge(study.events[["event_id", "wave"]], on="event_id")
        parts.append(ev[["wave", "actor_id"]])
    if not study.ties.empty:
        parts.append(study.ties[["wave", "source"]].rename(columns={"source": "actor_id"}))
        parts.append(study.ties[["wave", "target"]].rename(columns={"target": "actor_id"}))
    if not parts:
        return pd.DataFrame({"wave": pd.Series([], dtype="int64"), "actor_id": [], "area_id": [],
                             "sector": []})
    act = pd.concat(parts, ignore_index=True).drop_duplicates()
    act = act.merge(study.actors[["actor_id", "area_id", "sector"]], on="actor_id")
    act["wave"] = act["wave"].astype("int64")
    return act.sort_values(["wave", "actor_id"], ignore_index=True)


def area_facts(study: Study, area_id: str, lang: str = "en") -> pd.DataFrame:
    """The area in brief: a two-column table of labelled facts.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        Language of the labels.

    Returns
    -------
    pandas.DataFrame
        Columns ``fact, value`` (both text), in reading order.
    """
    vocab.check_lang(lang)
    a = study.area(area_id)
    actors = study.actors[study.actors["area_id"] == area_id]
    fi = lang == "fi"
    district = "—"
    if pd.notna(a["district_code"]):
        d = helsinki_districts().set_index("peruspiiri_code").loc[a["district_code"]]
        district = f"{a['district_code']} {d['peruspiiri_fi']} ({d['suurpiiri_fi']})"
    events = study.events[study.events["area_id"] == area_id]
    rows = [
        ("Alue" if fi else "Area", a["name"]),
        ("Kunta" if fi else "Municipality", a["municipality"]),
        ("Maa" if fi else "Country", vocab.label("country", a["country"], lang)),
        ("Rooli" if fi else "Role",
         vocab.label("area_role", a["role"], lang) if pd.notna(a["role"]) else "—"),
        ("Peruspiiri" if fi else "District (peruspiiri)", district),
        ("Asukasluku" if fi else "Population",
         fmt_int(a["population"]) if pd.notna(a["population"]) else "—"),
        ("Toimijoita" if fi else "Actors", fmt_int(len(actors))),
        ("joista organisaatioita" if fi else "of which organisations",
         fmt_int((actors["type"] == "organisation").sum())),
        ("Kehrän jäseniä" if fi else "Kehrä members", fmt_int(actors["kehra_member"].sum())),
        ("Tapahtumia" if fi else "Events", fmt_int(len(events))),
        ("Aallot" if fi else "Waves",
         join_words([study.wave_label(w) for w in study.wave_ids], lang) or "—"),
    ]
    return pd.DataFrame(rows, columns=["fact", "value"])


def actor_mix(study: Study, area_id: str) -> pd.DataFrame:
    """The area's actors by sector and type.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    pandas.DataFrame
        Index: sector codes in vocabulary order (all five, zero when absent); columns
        ``individual, organisation, total, share`` (share of all the area's actors, 0–1).
    """
    study.check_area(area_id)
    actors = study.actors[study.actors["area_id"] == area_id]
    table = (pd.crosstab(actors["sector"], actors["type"])
             .reindex(index=list(vocab.SECTORS), columns=list(vocab.ACTOR_TYPES), fill_value=0))
    table.index.name = "sector"
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    n = table["total"].sum()
    table["share"] = table["total"] / n if n else 0.0
    return table


def target_groups(study: Study, area_id: str) -> pd.DataFrame:
    """The area's actors who belong to a target group (youth, seniors, …).

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    pandas.DataFrame
        Index: target-group codes in vocabulary order; columns ``actors`` (count) and
        ``share_of_individuals`` (0–1; 0 when the area has no individuals).
    """
    study.check_area(area_id)
    actors = study.actors[study.actors["area_id"] == area_id]
    counts = actors["target_group"].value_counts().reindex(list(vocab.TARGET_GROUPS),
                                                            fill_value=0)
    n_ind = int((actors["type"] == "individual").sum())
    out = pd.DataFrame({"actors": counts.astype(int)})
    out["share_of_individuals"] = out["actors"] / n_ind if n_ind else 0.0
    out.index.name = "target_group"
    return out


def kehra(study: Study, area_id: str) -> dict:
    """The area's Kehrä group: its members by sector and whether it is tripartite.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    dict
        ``members`` (int), ``by_sector`` (Series indexed by sector code, all five),
        ``tripartite`` (bool: people, public and private all present) and ``missing`` (list of
        People–Public–Private sectors without a member).
    """
    study.check_area(area_id)
    actors = study.actors[(study.actors["area_id"] == area_id) & study.actors["kehra_member"]]
    by_sector = actors["sector"].value_counts().reindex(list(vocab.SECTORS), fill_value=0)
    missing = [s for s in vocab.PPP_SECTORS if by_sector[s] == 0]
    return {"members": int(len(actors)), "by_sector": by_sector.astype(int),
            "tripartite": len(actors) > 0 and not missing, "missing": missing}


def activity(study: Study, area_id: str) -> pd.DataFrame:
    """The area's activity per wave: active actors by sector, events, and ties.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.

    Returns
    -------
    pandas.DataFrame
        Index: every wave of the study; columns: one per sector code (active actors of the area
        in that sector), ``active`` (all active actors of the area), ``events`` (events held in
        the area), ``ties`` (ties reported in the wave with at least one end in the area).
        See :func:`active_actors` for the definition of active.
    """
    study.check_area(area_id)
    waves = study.wave_ids
    act = active_actors(study)
    act = act[act["area_id"] == area_id]
    by_sector = (pd.crosstab(act["wave"], act["sector"])
                 .reindex(index=waves, columns=list(vocab.SECTORS), fill_value=0))
    out = by_sector.copy()
    out["active"] = by_sector.sum(axis=1)
    ev = study.events[study.events["area_id"] == area_id]
    out["events"] = ev.groupby("wave").size().reindex(waves, fill_value=0)
    members = set(study.actors.loc[study.actors["area_id"] == area_id, "actor_id"])
    t = study.ties
    touching = t[t["source"].isin(members) | t["target"].isin(members)]
    out["ties"] = touching.groupby("wave").size().reindex(waves, fill_value=0)
    out.index.name = "wave"
    out.columns.name = None
    return out.astype(int)


def profile_sentences(study: Study, area_id: str, lang: str = "en") -> list[str]:
    """Short prose that reads the area's numbers, in the chosen language.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    list of str
        Sentences about the actor mix, the Kehrä group and the change in activity.
    """
    vocab.check_lang(lang)
    fi = lang == "fi"
    a = study.area(area_id)
    mix = actor_mix(study, area_id)
    n = int(mix["total"].sum())
    out = []
    if n == 0:
        out.append(f"Alueelle {a['name']} ei ole kirjattu toimijoita." if fi else
                   f"No actors are recorded for {a['name']}.")
        return out
    ppp = mix.loc[list(vocab.PPP_SECTORS)]
    parts = [f"{vocab.label('sector', s, lang).lower()} {fmt_pct(mix.loc[s, 'share'], lang)}"
             for s in ppp.index]
    largest = mix["total"].idxmax()
    if fi:
        out.append(f"Alueella {a['name']} on {fmt_int(n)} toimijaa: {join_words(parts, lang)}. "
                   f"Suurin sektori on {vocab.label('sector', largest, lang).lower()}.")
    else:
        out.append(f"{a['name']} has {fmt_int(n)} actors: {join_words(parts, lang)}. "
                   f"The largest sector is {vocab.label('sector', largest, lang).lower()}.")
    k = kehra(study, area_id)
    if k["members"] == 0:
        out.append("Alueella ei ole Kehrä-ryhmää aineistossa." if fi else
                   "The data record no Kehrä group in this area.")
    elif k["tripartite"]:
        out.append(f"Kehrä-ryhmässä on {k['members']} jäsentä, ja se on kolmikantainen: mukana "
                   "on asukkaita ja järjestöjä, julkisia ja yksityisiä toimijoita." if fi else
                   f"The Kehrä group has {k['members']} members and is tripartite: people, "
                   "public and private actors all take part.")
    else:
        miss = join_words([vocab.label("sector", s, lang).lower() for s in k["missing"]], lang)
        out.append(f"Kehrä-ryhmässä on {k['members']} jäsentä, mutta siitä puuttuu sektori: "
                   f"{miss}." if fi else
                   f"The Kehrä group has {k['members']} members but is not tripartite: "
                   f"{miss} {'is' if len(k['missing']) == 1 else 'are'} missing.")
    act = activity(study, area_id)
    if len(act) >= 2:
        first, last = act.index[0], act.index[-1]
        a0, a1 = int(act.loc[first, "active"]), int(act.loc[last, "active"])
        l0, l1 = study.wave_label(first), study.wave_label(last)
        if fi:
            trend = "kasvoi" if a1 > a0 else ("väheni" if a1 < a0 else "pysyi ennallaan")
            out.append(f"Aktiivisten toimijoiden määrä {trend}: {a0} ({l0}) → {a1} ({l1}).")
        else:
            trend = "grew" if a1 > a0 else ("fell" if a1 < a0 else "stayed the same")
            out.append(f"The number of active actors {trend}: {a0} ({l0}) → {a1} ({l1}).")
    elif len(act) == 1:
        a0 = int(act["active"].iloc[0])
        out.append(f"Aineistossa on yksi aalto; aktiivisia toimijoita {a0}." if fi else
                   f"The data have one wave, with {a0} active actors.")
    tg = target_groups(study, area_id)
    present = tg[tg["actors"] > 0]
    if len(present):
        groups = join_words([f"{vocab.label('target_group', g, lang).lower()} ({int(r.actors)})"
                             for g, r in present.iterrows()], lang)
        out.append(f"Kohderyhmiin kuuluvia toimijoita: {groups}." if fi else
                   f"Actors from target groups: {groups}.")
    else:
        out.append(f"Kohderyhmiin kuuluvia toimijoita: {text('none', lang)}." if fi else
                   "No actor is recorded as belonging to a target group.")
    return out
