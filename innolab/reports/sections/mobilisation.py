"""Report sections on mobilisation: the area headline, the area report and the study overview."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...analysis import criteria as _criteria
from ...data import vocab
from ...data.study import Study
from ...errors import InnolabError
from .. import plots
from .. import fmt
from ..texts import label, labels, t
from ..section import Section
from .common import dim_name

# --------------------------------------------------------------------------------------------
# mobilisation


_FI_NOTES = [
    (r"The study has (\d+) waves?; the (\w+) curve has (\d+) parameters and needs at least "
     r"\d+ waves, so no curve is fitted\.",
     lambda m: f"Aineistossa on {m[1]} {'aalto' if m[1] == '1' else 'aaltoa'}; käyrässä on "
               f"{m[3]} parametria, joten sen "
               f"sovittamiseen tarvitaan vähintään {m[3]} aaltoa. Käyrää ei sovitettu."),
    (r"The data show no slowing of growth.*", lambda m: (
        "Kasvu ei aineistossa vielä hidastu: kyllästystasoa ei voida arvioida näistä tiedoista. "
        "Sovitettu käyrä näytetään ilman keskivirheitä ja luottamusvälejä.")),
    (r"The parameters are not separately determined.*", lambda m: (
        "Aineisto ei erottele mallin parametreja toisistaan; keskivirheitä ja luottamusvälejä "
        "ei anneta.")),
    (r"(\d+) points for (\d+) parameters leave no degrees of freedom.*", lambda m: (
        f"{m[1]} havaintoa ja {m[2]} parametria: vapausasteita ei jää, joten käyrä kulkee "
        "havaintojen kautta eikä keskivirheitä voida arvioida.")),
    (r"Parameter (\w+) is poorly determined.*", lambda m: (
        f"Parametri {m[1]} on huonosti määritetty (keskivirhe ylittää estimaatin).")),
    (r"Parameter (\w+) sits on its lower bound \(([^)]*)\).*", lambda m: (
        f"Parametri {m[1]} on alarajallaan ({m[2]}); sen keskivirhe ei ole luotettava.")),
    (r"The inflection point t0 lies beyond the data.*", lambda m: (
        "Käännepiste t0 on havaintojen ulkopuolella: kasvun hidastumista ei ole vielä nähty, "
        "ja kyllästystaso on ekstrapolaatio.")),
]


def _fi_note(note: str) -> str:
    """A fit note of :mod:`innolab.mobilisation` in Finnish (English when it is not known)."""
    import re

    for pattern, make in _FI_NOTES:
        m = re.fullmatch(pattern, note, flags=re.S)
        if m:
            return make(m)
    return note


def profile_mobilisation_headline(study: Study, area_id: str, lang: str = "en",
                                  link: str | None = "index") -> Section:
    """The mobilisation headline of the area profile, with a link to the area's other reports.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    link : str, optional
        ``"index"`` (default): a link to the area's card in the run's ``index.html``, which lists
        the reports that were actually written (the mobilisation report among them when it ran);
        any other string is used as the link target; None: no link.

    Returns
    -------
    Section
    """
    from innolab.analysis import mobilisation as mb

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section().heading(t("common.mobilisation", lang))
    sec.say(*headline_sentences(study, area_id, lang))
    if link == "index":
        link = f"../index.html#area-{area_id}"
    if link:
        sec.say(f"Koko mobilisoitumisraportti ja alueen muut raportit: [hakemisto]({link})." if fi
                else f"The full mobilisation report and the area's other reports: "
                     f"[index]({link}).")
    return sec


def area_mobilisation(study: Study, area_id: str, lang: str = "en", *, n_boot: int = 2000,
                      seed: int = 0) -> Section:
    """The per-area mobilisation report: flows, funnel, growth curve, inclusion, support.

    Parameters
    ----------
    study : Study
        The study.
    area_id : str
        The area.
    lang : {"en", "fi"}
        The language.
    n_boot : int
        Bootstrap resamples of the support–change associations.
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    Section
    """
    from innolab.analysis import mobilisation as mb

    vocab.check_lang(lang)
    study.check_area(area_id)
    fi = lang == "fi"
    wl = {w: study.wave_label(w) for w in study.wave_ids}
    sec = Section().heading("Kuka tulee mukaan ja kuka jää" if fi else "Who joins and who stays")
    sec.say(*headline_sentences(study, area_id, lang))
    flows = mb.flows(study, area_id)
    sec.figure("flows", plots.flows_chart(flows, lang=lang, wave_labels=wl))
    sec.table("flows", flows, flows.assign(wave=flows["wave"].map(wl)), index=False)
    by_sector = mb.flows(study, area_id, by="sector")
    if len(study.wave_ids) and by_sector["active"].sum():
        sec.figure("flows_by_sector", plots.flows_by_sector(by_sector, lang=lang,
                                                             wave_labels=wl))
    sec.table("flows_by_sector", by_sector, index=False)

    sec.heading("Osallistujista järjestäjiksi ja Kehrään" if fi else
                "From participants to organisers and the Kehrä", 3)
    funnel = mb.funnel(study, area_id)
    totals = funnel.groupby("wave")[["participants", "organisers", "kehra_members"]].sum()
    last = totals.iloc[-1] if len(totals) else None
    if last is not None:
        sec.say(f"Viimeisessä aallossa tapahtumiin osallistui {int(last['participants'])} "
                f"alueen toimijaa, joista {int(last['organisers'])} järjesti ja "
                f"{int(last['kehra_members'])} on Kehrän jäseniä." if fi else
                f"In the last wave {int(last['participants'])} of the area's actors took part in "
                f"events; {int(last['organisers'])} organised and {int(last['kehra_members'])} "
                "are Kehrä members.")
    sec.table("funnel", funnel, funnel.assign(
        wave=funnel["wave"].map(wl),
        sector=[label("sector", s, lang) for s in funnel["sector"]]), index=False)

    sec.heading("Kasvukäyrä" if fi else "Growth curve", 3)
    curve = mb.mobilisation_curve(study, area_id)
    sec.figure("mobilisation_curve", plots.mobilisation_curve_plot(curve, lang=lang,
                                                                    wave_labels=wl))
    if curve.fit is None:
        sec.say(_fi_note(curve.message) if fi else curve.message)
    else:
        sec.say(*[_fi_note(m) if fi else m for m in (curve.fit.notes or [])])
        sec.table("mobilisation_fit", curve.fit.params, curve.fit.params.round(3), index=False)
        sec.table("mobilisation_forecast", curve.fit.forecast, curve.fit.forecast.round(1),
                  index=False)

    sec.heading("Kohderyhmät" if fi else "Target groups", 3)
    inc = mb.inclusion(study, area_id)
    anyrow = inc[inc["target_group"] == "any"]
    if len(anyrow) and anyrow["active_total"].iloc[-1]:
        r = anyrow.iloc[-1]
        sec.say(f"Viimeisessä aallossa {fmt.pct(r['active_share'], lang)} aktiivisista "
                f"henkilöistä kuuluu johonkin kohderyhmään (alueen kaikista henkilötoimijoista "
                f"{fmt.pct(r['base_share'], lang)})." if fi else
                f"In the last wave {fmt.pct(r['active_share'], lang)} of the active individuals "
                f"belong to a target group ({fmt.pct(r['base_share'], lang)} of all the area's "
                "individuals).")
        sec.figure("inclusion", plots.inclusion_plot(inc, lang=lang, wave_labels=wl))
    else:
        sec.say("Alueella ei ole aktiivisia henkilötoimijoita." if fi else
                "The area has no active individuals.")
    sec.table("inclusion", inc, index=False)

    sec.heading("Tuki ja muutos" if fi else "Support and change", 3)
    sc = mb.support_vs_change(study, n_boot=n_boot, seed=seed)
    panel = sc.panel[sc.panel["area_id"] == area_id]
    hours = float(panel["hours"].sum()) if len(panel) else 0.0
    sec.say((f"Alue sai tukea yhteensä {fmt.num(hours, lang, 1)} tuntia. " if fi else
             f"The area received {fmt.num(hours, lang, 1)} hours of support in all. "),
            sc.caution[lang])
    sec.table("support_panel", panel, panel.round(2), index=False)
    fits = sc.associations[sc.associations["fits_dimension"]
                           | (sc.associations["predictor"] == "hours")]
    sec.table("support_associations", sc.associations, fits.round(3), index=False)
    return sec


def study_mobilisation(study: Study, lang: str = "en") -> Section:
    """Selected areas compared with the others: growth, retention, inclusion and support.

    Parameters
    ----------
    study : Study
        The study.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    Section
    """
    from innolab.analysis import mobilisation as mb

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section().heading("Valitut alueet ja muut" if fi else "Selected areas and the others")
    summ = mb.area_summary(study)
    groups = mb.compare_groups(summ)
    g = groups.set_index(["measure", "group"])
    if ("active_change", "selected") in g.index and ("active_change", "other") in g.index:
        sel, oth = g.loc[("active_change", "selected")], g.loc[("active_change", "other")]
        sec.say(f"Valituilla alueilla ({int(sel['areas'])}) aktiivisten toimijoiden määrä kasvoi "
                f"keskimäärin {fmt.num(sel['mean'], lang, 1)}, muilla ({int(oth['areas'])}) "
                f"{fmt.num(oth['mean'], lang, 1)}. Ero on kuvaileva: alueet valittiin, niitä ei "
                "arvottu." if fi else
                f"In the selected areas ({int(sel['areas'])}) the number of active actors grew "
                f"by {fmt.num(sel['mean'], lang, 1)} on average, in the others ({int(oth['areas'])}) "
                f"by {fmt.num(oth['mean'], lang, 1)}. The difference is descriptive: the areas were "
                "selected, not assigned at random.")
    else:
        sec.say("Vertailuun tarvitaan sekä valittuja että muita alueita." if fi else
                "The comparison needs both selected and other areas.")
    for measure in ("active_change", "retention", "target_group_share"):
        if summ[measure].notna().any():
            sec.figure(f"selected_vs_other_{measure}",
                       plots.selected_vs_other(summ, measure, lang=lang))
    names = study.areas.set_index("area_id")["name"]
    sec.table("area_mobilisation", summ, summ.assign(name=names[summ["area_id"]].to_numpy())
              .round(3), index=False)
    sec.table("selected_vs_other", groups, groups.round(3), index=False)
    return sec


def headline_sentences(study: Study, area_id: str, lang: str = "en") -> list[str]:
    """The headline numbers as short sentences in Finnish or English.

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
    """
    from innolab.analysis import mobilisation as mb

    vocab.check_lang(lang)
    fi = lang == "fi"
    h = mb.headline(study, area_id)
    first, last = study.wave_label(h["first_wave"]), study.wave_label(h["last_wave"])
    out = []
    if h["mobilised"] == 0:
        return ["Alueen toimijoista kukaan ei ollut aktiivinen yhdessäkään aallossa." if fi else
                "None of the area's actors was active in any wave."]
    if h["waves"] == 1:
        out.append(f"Aineistossa on yksi aalto ({first}); aktiivisia toimijoita "
                   f"{fmt.count(h['active_last'])}." if fi else
                   f"The data have one wave ({first}), with {fmt.count(h['active_last'])} active "
                   "actors.")
    else:
        out.append(f"Aktiivisia toimijoita: {fmt.count(h['active_first'])} ({first}) → "
                   f"{fmt.count(h['active_last'])} ({last}); kaikkiaan "
                   f"{fmt.count(h['mobilised'])} eri toimijaa on ollut mukana." if fi else
                   f"Active actors: {fmt.count(h['active_first'])} ({first}) → "
                   f"{fmt.count(h['active_last'])} ({last}); {fmt.count(h['mobilised'])} different "
                   "actors took part over the waves.")
        ret = h["retention_last"]
        ret_txt = (f"{fmt.pct(ret, lang)}" if ret is not None else "–")
        out.append(f"Viimeisessä aallossa uusia {fmt.count(h['new_last'])}, palanneita "
                   f"{fmt.count(h['returned_last'])} ja poisjääneitä {fmt.count(h['lapsed_last'])}; "
                   f"edellisen aallon aktiivisista jatkoi {ret_txt}." if fi else
                   f"In the last wave {fmt.count(h['new_last'])} were new, "
                   f"{fmt.count(h['returned_last'])} returned and {fmt.count(h['lapsed_last'])} "
                   f"lapsed; {ret_txt} of the previous wave's active actors stayed.")
    share = h["target_group_share_last"]
    if share is not None:
        out.append(f"Viimeisen aallon aktiivisista henkilöistä {fmt.pct(share, lang)} kuuluu "
                   "kohderyhmiin." if fi else
                   f"{fmt.pct(share, lang)} of the last wave's active individuals belong to a "
                   "target group.")
    return out
