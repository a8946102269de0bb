"""Report sections of the area profile: the area in brief, its actors, Kehrä group and activity."""

from __future__ import annotations

import pandas as pd

from innolab.analysis import profile
from innolab.data import vocab
from innolab.data.study import Study
from innolab.stats.suppression import HIDDEN, hide_with, suppress_counts, suppressed

from .. import fmt, plots
from ..section import Section, guarded
from ..tables import shown_table
from ..texts import label, labels, t, wave_name

__all__ = ["area_facts", "profile_sentences", "area_actors", "area_kehra", "area_activity"]


def _facts_table(study: Study, area_id: str, lang: str,
                 suppress: int | None = None) -> pd.DataFrame:
    f = profile.facts(study, area_id)
    organisations = fmt.count(f["organisations"])
    if suppress is not None and 0 < f["actors"] - f["organisations"] < suppress:
        # the actors less the organisations would give a small count of individuals away
        organisations = HIDDEN
    district = "—"
    if f["district_code"] is not None:
        district = f"{f['district_code']} {f['district_fi']} ({f['major_district_fi']})"
    rows = [
        ("area", f["name"]),
        ("municipality", f["municipality"]),
        ("country", label("country", f["country"], lang)),
        ("role", label("area_role", f["role"], lang) if f["role"] else "—"),
        ("district", district),
        ("population", fmt.count(f["population"]) if f["population"] is not None else "—"),
        ("actors", fmt.count(f["actors"])),
        ("organisations", organisations),
        ("kehra_members", fmt.count(f["kehra_members"])),
        ("events", fmt.count(f["events"])),
        ("waves", fmt.join([wave_name(study, w, lang) for w in f["waves"]], lang) or "—"),
    ]
    return pd.DataFrame([(t(f"profile.fact.{k}", lang), v) for k, v in rows],
                        columns=["fact", "value"])


def _people(value, lang: str) -> str:
    """A count of individuals as shown: the number, or the mark of a suppressed count."""
    return value if isinstance(value, str) else fmt.count(value)


def profile_sentences(study: Study, area_id: str, lang: str = "en",
                      suppress: int | None = 5) -> list[str]:
    """Short prose that reads the area's numbers: actor mix, Kehrä group, activity, target groups.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    suppress : int or None
        Counts of 1 … suppress − 1 individuals by target group are shown as ``<suppress``;
        None (internal reports) shows them exactly.

    Returns
    -------
    list of str
        One sentence per topic; a single sentence when the area has no actors.
    """
    vocab.check_lang(lang)
    name = study.area(area_id)["name"]
    mix = profile.actor_mix(study, area_id)
    n = int(mix["total"].sum())
    if n == 0:
        return [t("profile.no_actors", lang, name=name)]

    def sector(s):
        return label("sector", s, lang).lower()

    parts = [f"{sector(s)} {fmt.pct(mix.loc[s, 'share'], lang)}" for s in vocab.PPP_SECTORS]
    out = [t("profile.actor_mix", lang, name=name, n=fmt.count(n), parts=fmt.join(parts, lang),
             largest=sector(mix["total"].idxmax()))]
    k = profile.kehra(study, area_id)
    if k["members"] == 0:
        out.append(t("profile.no_kehra", lang))
    elif k["tripartite"]:
        out.append(t("profile.kehra_tripartite", lang, members=fmt.count(k["members"])))
    else:
        out.append(t("profile.kehra_not_tripartite", lang, count=len(k["missing"]),
                     members=fmt.count(k["members"]),
                     missing=fmt.join([sector(s) for s in k["missing"]], lang)))
    act = profile.activity(study, area_id)
    if len(act) >= 2:
        first, last = act.index[0], act.index[-1]
        a0, a1 = int(act.loc[first, "active"]), int(act.loc[last, "active"])
        trend = "grew" if a1 > a0 else ("fell" if a1 < a0 else "same")
        out.append(t("profile.activity_trend", lang, trend=t(f"profile.trend.{trend}", lang),
                     a0=fmt.count(a0), a1=fmt.count(a1), l0=wave_name(study, first, lang),
                     l1=wave_name(study, last, lang)))
    elif len(act) == 1:
        out.append(t("profile.one_wave", lang, a0=fmt.count(act["active"].iloc[0])))
    tg = profile.target_groups(study, area_id)
    present = tg[tg["actors"] > 0]
    if len(present):
        counts = [r.actors if suppress is None else suppressed(r.actors, suppress)
                  for _, r in present.iterrows()]
        groups = fmt.join([f"{label('target_group', g, lang).lower()} ({_people(c, lang)})"
                           for g, c in zip(present.index, counts, strict=True)], lang)
        out.append(t("profile.target_groups_present", lang, groups=groups))
    else:
        out.append(t("profile.target_groups_none", lang))
    return out


@guarded("common.facts")
def area_facts(study: Study, area_id: str, lang: str = "en", suppress: int | None = 5) -> Section:
    """The area in brief: a table of facts and sentences that read the area's numbers.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    suppress : int or None
        Threshold of small-cell suppression of counts of individuals (see
        :func:`profile_sentences`); None shows them exactly.

    Returns
    -------
    Section
    """
    facts = _facts_table(study, area_id, lang, suppress)
    sec = Section().heading(t("common.facts", lang))
    sec.table("facts", facts, facts.rename(columns={"fact": "", "value": " "}), index=False)
    return sec.say(*profile_sentences(study, area_id, lang, suppress))


@guarded("common.actors")
def area_actors(study: Study, area_id: str, lang: str = "en", suppress: int | None = 5) -> Section:
    """The area's actors by sector and type, and its actors from target groups.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    suppress : int or None
        Counts of 1 … suppress − 1 individuals (by sector, by target group) are shown as
        ``<suppress``, with the totals and shares that would give them away hidden as ``x``;
        the figure then shows organisations only. None (internal reports) shows them exactly.
        Organisations are never suppressed.

    Returns
    -------
    Section
    """
    sec = Section().heading(t("common.actors", lang))
    mix = profile.actor_mix(study, area_id)
    if int(mix["total"].sum()) == 0:
        return sec.note(t("profile.no_actors", lang, name=study.area(area_id)["name"]))
    if suppress is not None:
        return _actors_suppressed(sec, study, area_id, lang, mix, suppress)
    sec.figure("actors_by_sector", plots.barh_counts(
        mix["total"], labels=labels("sector", lang), title=t("common.actors_by_sector", lang),
        xlabel=t("common.number_of_actors", lang)), alt=t("figure.actors_by_sector", lang))
    sec.table("actors_by_sector", mix, shown_table(
        mix.rename_axis("sector"), {"individual": "count", "organisation": "count",
                                    "total": "count", "share": "share"}, lang,
        index=("code", "sector")))
    sec.heading(t("common.target_groups", lang), 3)
    tg = profile.target_groups(study, area_id)
    sec.table("target_groups", tg, shown_table(
        tg.rename_axis("target_group"), {"actors": "count", "share_of_individuals": "share"},
        lang, index=("code", "target_group")))
    return sec


def _actors_suppressed(sec: Section, study: Study, area_id: str, lang: str, mix: pd.DataFrame,
                       threshold: int) -> Section:
    """:func:`area_actors` with counts of individuals suppressed (tables, figure)."""
    safe = hide_with(mix, suppress_counts(mix, ["individual"], threshold),
                     {"individual": ["total", "share"]}, threshold)
    if (safe["total"] == "x").any():
        sec.figure("actors_by_sector", plots.barh_counts(
            mix["organisation"], labels=labels("sector", lang),
            title=t("profile.organisations_by_sector", lang),
            xlabel=t("common.number_of_actors", lang)), alt=t("figure.actors_by_sector", lang))
    else:
        sec.figure("actors_by_sector", plots.barh_counts(
            mix["total"], labels=labels("sector", lang),
            title=t("common.actors_by_sector", lang), xlabel=t("common.number_of_actors", lang)),
            alt=t("figure.actors_by_sector", lang))
    shown = safe.copy()
    shown["share"] = [v if isinstance(v, str) else fmt.pct(v, lang) for v in shown["share"]]
    shown.index = [label("sector", s, lang) for s in shown.index]
    shown.index.name = t("common.sector", lang)
    sec.table("actors_by_sector", safe, shown.rename(columns={
        c: t(f"common.{c}", lang) for c in mix.columns}))
    sec.heading(t("common.target_groups", lang), 3)
    tg = profile.target_groups(study, area_id)
    safe = hide_with(tg, suppress_counts(tg, ["actors"], threshold),
                     {"actors": ["share_of_individuals"]}, threshold)
    shown = safe.copy()
    shown["share_of_individuals"] = [v if isinstance(v, str) else fmt.pct(v, lang)
                                     for v in shown["share_of_individuals"]]
    shown.index = [label("target_group", g, lang) for g in shown.index]
    shown.index.name = t("common.target_group", lang)
    sec.table("target_groups", safe, shown.rename(columns={
        "actors": t("common.actors", lang),
        "share_of_individuals": t("common.share_of_individuals", lang)}))
    return sec.note(t("profile.suppressed_note", lang, threshold=fmt.count(threshold)))


@guarded("common.kehra")
def area_kehra(study: Study, area_id: str, lang: str = "en") -> Section:
    """The area's Kehrä development group by sector.

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
    Section
    """
    sec = Section().heading(t("common.kehra", lang))
    k = profile.kehra(study, area_id)
    if not k["members"]:
        return sec.note(t("profile.no_kehra", lang))
    sec.figure("kehra_by_sector", plots.barh_counts(
        k["by_sector"], labels=labels("sector", lang), title=t("common.kehra", lang),
        xlabel=t("common.members", lang)), alt=t("figure.kehra_by_sector", lang))
    table = k["by_sector"].rename("members").to_frame()
    return sec.table("kehra_by_sector", table, shown_table(
        table.rename_axis("sector"), {"members": "count"}, lang, index=("code", "sector")))


@guarded("common.activity")
def area_activity(study: Study, area_id: str, lang: str = "en") -> Section:
    """The area's activity over the waves: active actors by sector, events and ties.

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
    Section
    """
    sec = Section().heading(t("common.activity", lang))
    act = profile.activity(study, area_id)
    if act.empty:
        sec.table("activity_by_wave", act)
        return sec.note(t("profile.no_waves", lang))
    bars = act[list(vocab.SECTORS)].rename(index=study.wave_label)
    sec.figure("active_by_sector", plots.stacked_bars(
        bars, labels=labels("sector", lang), title=t("common.active_by_sector", lang),
        ylabel=t("common.active", lang), legend_title=t("common.sector", lang)),
               alt=t("figure.active_by_sector", lang))
    shown = shown_table(act.rename(index=study.wave_label).rename_axis("wave"),
                        dict.fromkeys([*vocab.SECTORS, "active", "events", "ties"], "count"),
                        lang, headers={s: f"vocab.sector.{s}" for s in vocab.SECTORS},
                        index="text")
    return sec.table("activity_by_wave", act, shown)
