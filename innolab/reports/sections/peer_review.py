"""The peer-review workshop report."""

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
# peer review


def peer_review_report(study: Study, lang: str = "en", *, groups=("helsinki", "uusimaa_leader"),
                       n_boot: int = 2000, seed: int = 0) -> Section:
    """The peer-review workshop report: practice by practice, who leads, what to learn.

    Parameters
    ----------
    study : Study
        The study, with a ``peer_review`` table.
    lang : {"en", "fi"}
        The language.
    groups : tuple of two str
        The groups compared.
    n_boot : int
        Bootstrap resamples for the intervals.
    seed : int
        Random seed.

    Returns
    -------
    Section
    """
    from innolab.analysis import peer_review

    vocab.check_lang(lang)
    fi = lang == "fi"
    sec = Section()
    try:
        comp = peer_review.compare_practices(study, groups, n_boot=n_boot, seed=seed)
    except InnolabError as exc:
        return sec.heading(t("common.peer_review", lang)).say(str(exc))
    g1, g2 = groups
    l1, l2 = (label("peer_group", g, lang) for g in groups)
    pr = study.peer_review
    n_orgs = {g: pr.loc[pr["group"] == g, "organisation"].nunique() for g in groups}
    sec.heading("Käytännöt ryhmittäin" if fi else "Practices by group")
    min_p = comp.attrs["min_p"]
    def _n(k, one, many):
        return f"{k} {one if k == 1 else many}"

    sec.say((f"{_n(n_orgs[g1], 'organisaatio', 'organisaatiota')} ryhmästä {l1} ja "
             f"{n_orgs[g2]} ryhmästä {l2} arvioivat "
             f"{_n(len(comp), 'käytännön', 'käytäntöä')} asteikolla 1–5. Kuvassa ryhmien "
             "keskiarvot ja niiden 90 %:n bootstrap-välit.") if fi else
            (f"{_n(n_orgs[g1], 'organisation', 'organisations')} of {l1} and {n_orgs[g2]} of "
             f"{l2} rated {_n(len(comp), 'practice', 'practices')} on a 1–5 scale. The figure "
             "shows each group's mean with a 90 % bootstrap interval."),
            ("Ryhmiä verrataan Mann–Whitneyn U-testillä (tarkka permutaatiojakauma) ja "
             "p-arvot korjataan Benjamini–Hochbergin menetelmällä. " if fi else
             "The groups are compared with the Mann–Whitney U test (exact permutation "
             "distribution) and the p-values adjusted by Benjamini–Hochberg. "),
            ((f"Näin pienillä ryhmillä pienin mahdollinen p-arvo on {fmt.num(min_p, lang, 2)}, "
              "joten erot ovat kuvailevia eivätkä voi olla tilastollisesti merkitseviä 5 %:n "
              "tasolla." if fi else
              f"With groups this small the smallest possible p-value is {fmt.num(min_p, lang, 2)}, "
              "so the differences are descriptive and cannot be significant at the 5 % level.")
             if min_p >= 0.05 else ""),
            ("Käytännöille, joita jompikumpi ryhmä arvioi alle kahden organisaation voimin, ei "
             "tehdä testiä." if fi else "Practices that a group rated with fewer than two "
             "organisations are not tested.") if comp["p_value"].isna().any() else "")
    sec.figure("peer_review", plots.peer_review_chart(comp, lang))
    col = "practice_fi" if fi else "practice_en"

    def _ci(g, r):
        return f"{fmt.num(r[f'mean_{g}'], lang)} ({fmt.num(r[f'lo_{g}'], lang)}–" \
               f"{fmt.num(r[f'hi_{g}'], lang)})"

    shown = pd.DataFrame({
        ("Käytäntö" if fi else "Practice"): comp[col],
        f"{l1} (n)": comp[f"n_{g1}"],
        f"{l1}: {'ka. (90 % väli)' if fi else 'mean (90 % interval)'}": [
            _ci(g1, r) for _, r in comp.iterrows()],
        f"{l2} (n)": comp[f"n_{g2}"],
        f"{l2}: {'ka. (90 % väli)' if fi else 'mean (90 % interval)'}": [
            _ci(g2, r) for _, r in comp.iterrows()],
        ("Ero" if fi else "Difference"): comp["difference"].round(2),
        "p": comp["p_value"].round(3),
        ("p (korjattu)" if fi else "p (adjusted)"): comp["p_adjusted"].round(3),
        ("Rangibiseriaalinen r" if fi else "Rank-biserial r"): comp["rank_biserial"].round(2),
    })
    sec.table("peer_review_comparison", comp, shown, index=False)

    sec.heading("Missä kumpikin ryhmä on vahvempi" if fi else "Where each group leads", 3)
    for g, lab in ((g1, l1), (g2, l2)):
        lead = comp[(comp["leader"] == g) & (comp["difference"].abs() >= 0.5)]
        lead = lead.reindex(lead["difference"].abs().sort_values(ascending=False).index)
        items = [f"{r[col]} (+{fmt.num(abs(r['difference']), lang, 1)})"
                 for _, r in lead.iterrows()]
        none = ("ei vähintään puolen pisteen etumatkaa missään käytännössä" if fi else
                "no practice with a lead of half a point or more")
        sec.say(f"{lab}: {fmt.join(items, lang) if items else none}.")
    learn = peer_review.learning_table(comp, study, lang)
    sec.heading("Mitä oppia toisilta" if fi else "What to learn from each other")
    if learn.empty:
        sec.say("Ryhmien arviot ovat niin lähellä toisiaan, ettei oppimistaulukkoa synny." if fi
                else "The groups' ratings are too close for a learning table.")
    else:
        sec.say("Taulukko listaa käytännöt, joissa toinen ryhmä arvioi itsensä vähintään puoli "
                "pistettä vahvemmaksi, suurin ero ensin, ja ryhmän omat huomiot niistä." if fi
                else "The table lists the practices the other group rates at least half a point "
                "higher, the largest difference first, with that group's own notes on them.")
        shown = pd.DataFrame({
            ("Oppija" if fi else "Learner"): learn["learner"],
            ("Keneltä" if fi else "From"): learn["teacher"],
            ("Käytäntö" if fi else "Practice"): learn["practice"],
            ("Ero" if fi else "Difference"): learn["difference"].round(2),
            ("Huomioita" if fi else "Notes"): learn["notes"],
        })
        sec.table("peer_review_learning", learn, shown, index=False)
    return sec


