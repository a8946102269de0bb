"""The innovations of a synthetic study: their themes, partners and progress through the stages."""

from __future__ import annotations

import numpy as np

from innolab.data import vocab

from .actors import SECTORS
from .names import pick_one

__all__ = ["make_innovations"]

_STAGES = list(vocab.STAGES)
_THEMES = list(vocab.THEMES)
_THEME_P = np.array([0.15, 0.12, 0.15, 0.2, 0.1, 0.12, 0.08, 0.08])


_INNOVATION_TITLES = {
    "group_renovation": ("Putkiremonttien ryhmäkorjaus", "Hissien ryhmähankinta",
                         "Julkisivukorjausten yhteishankinta"),
    "energy": ("Taloyhtiöiden aurinkovoimala", "Maalämmön yhteishankinta",
               "Energianeuvonnan pop up -piste"),
    "local_food": ("Ruokaosuuskunta", "REKO-lähiruokarengas", "Korttelipuutarha"),
    "community_space": ("Olohuone kirjastoon", "Asukastila tyhjään liiketilaan",
                        "Koulun tilat iltakäyttöön"),
    "accessibility": ("Esteetön reitti ostarille", "Esteettömyyskartoitus"),
    "seniors": ("Senioreiden digituki", "Kotona asumisen tukiverkko", "Ikäihmisten kävelyryhmät"),
    "safety": ("Naapuriapuverkosto", "Valaistuskävely ja korjausehdotukset"),
    "other": ("Kaupunginosan verkkoalusta", "Nuorten kesätyökokeilu"),
}
_INNOVATION_TITLES_EN = {
    "group_renovation": ("Joint renovation of housing blocks",),
    "energy": ("Solar panels for housing co-operatives",),
    "local_food": ("Community garden network", "Local food circle"),
    "community_space": ("Shared neighbourhood living room",),
    "accessibility": ("Barrier-free routes",),
    "seniors": ("Digital help for seniors",),
    "safety": ("Neighbourhood watch network",),
    "other": ("Local online platform",),
}


def make_innovations(rng, areas, act, waves):
    """Rows of ``innovations.csv``: one per innovation and wave it is observed in."""
    rows = []
    sectors = act.sector
    n_inno = 0
    foreign_org = {c: np.flatnonzero(act.org & (np.array([a.country for a in areas])[act.area]
                                                != c))
                   for c in sorted({a.country for a in areas})}
    for ai, area in enumerate(areas):
        idx = np.flatnonzero(act.area == ai)
        lo, hi = {"selected": (4, 7), "applicant": (2, 4) if area.kehra else (1, 3),
                  "peer": (2, 5), "comparison": (1, 3)}[area.role]
        advance = 0.55 if area.role == "selected" else 0.3
        for k in range(int(rng.integers(lo, hi))):
            n_inno += 1
            iid = f"i{n_inno:03d}"
            if area.area_id == "maunula" and k == 0:  # group renovation, piloted 2007–2013
                theme, stage, first = "group_renovation", _STAGES.index("pilot"), 0
                title = "Putkiremonttien ryhmäkorjaus"
            else:
                theme = _THEMES[rng.choice(len(_THEMES), p=_THEME_P / _THEME_P.sum())]
                stage = int(rng.choice(4, p=[0.6, 0.25, 0.1, 0.05]))
                first = 0 if rng.random() < 0.6 else int(rng.integers(0, waves))
                titles = (_INNOVATION_TITLES if area.country == "FI" else _INNOVATION_TITLES_EN)
                title = pick_one(rng, titles[theme])
            pool = idx[(act.joined[idx] <= first) & (act.org[idx] | act.kehra[idx]
                                                      | act.broker[idx])]
            n_p = min(len(pool), int(rng.integers(2, 5)))
            partners = rng.choice(pool, size=n_p, replace=False).tolist() if n_p else []
            if len(partners) >= 2 and rng.random() < 0.7:  # make sure of two sectors mostly
                other = pool[sectors[pool] != sectors[partners[0]]]
                if len(other) and all(sectors[p] == sectors[partners[0]] for p in partners):
                    partners[1] = int(rng.choice(other))
            ready = False
            for w in range(first, waves):
                if w > first:
                    if stage <= 1 and rng.random() < 0.1:  # abandoned ideas stop being observed
                        break
                    if stage < len(_STAGES) - 1 and rng.random() < advance:
                        stage += 1
                    if stage >= 3 and rng.random() < 0.5:  # a company comes in for the pilot
                        priv = idx[(act.joined[idx] <= w)
                                   & (sectors[idx] == SECTORS.index("private"))
                                   & act.org[idx]]
                        priv = [p for p in priv.tolist() if p not in partners]
                        if priv:
                            partners.append(pick_one(rng, priv))
                    if (area.role in ("selected", "peer", "comparison") and rng.random() < 0.12
                            and not any(act.area[p] != ai for p in partners)):
                        pool_f = foreign_org[area.country]
                        pool_f = pool_f[act.joined[pool_f] <= w]
                        if len(pool_f):
                            partners.append(int(rng.choice(pool_f)))
                ready = ready or (stage >= 3 and rng.random() < 0.5)
                rows.append((iid, area.area_id, w, title, theme, _STAGES[stage],
                             ";".join(act.actor_id[p] for p in dict.fromkeys(partners)),
                             "true" if ready else "false"))
    return rows
