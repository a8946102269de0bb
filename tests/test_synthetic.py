"""Tests of the synthetic example-study generator (innolab.synthetic).

The numbers asserted here are properties the generator is built to have (BRIEF §2 and §5): the mix
of areas of the plan, People–Public–Private shares, sector homophily, growth over the waves. They
are checked on the default study (seed 0), which is also the committed ``data/example``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from innolab import StudyWarning, load_study
from innolab.data import vocab
from innolab.data.study import helsinki_districts
from innolab.data.synthetic import MIN_AREAS, make_study
from innolab.errors import ParameterError

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
FILES = ("README.md", "study.yaml", "areas.csv", "actors.csv", "ties.csv", "events.csv",
         "participation.csv", "assessments.csv", "innovations.csv", "support.csv",
         "peer_review.csv")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _load_quietly(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", StudyWarning)
        return load_study(folder)


@pytest.fixture(scope="module")
def default_dir(tmp_path_factory) -> Path:
    return make_study(tmp_path_factory.mktemp("syn") / "example")


@pytest.fixture(scope="module")
def study(default_dir):
    return _load_quietly(default_dir)


@pytest.fixture(scope="module")
def lookup(study) -> pd.DataFrame:
    """Per actor: area, sector, type, Kehrä membership, country and area role."""
    areas = study.areas.set_index("area_id")
    actors = study.actors.set_index("actor_id")
    return actors.assign(country=actors["area_id"].map(areas["country"]),
                         role=actors["area_id"].map(areas["role"]))


# --- determinism and validity -------------------------------------------------------------------

def test_same_arguments_write_identical_bytes(default_dir, tmp_path):
    again = make_study(tmp_path / "again")
    assert _bytes(again) == _bytes(default_dir)
    assert sorted(_bytes(again)) == sorted(FILES)


def test_committed_example_is_the_default_study(default_dir):
    # data/example must be regenerated (make_study("data/example")) whenever the generator changes
    assert EXAMPLE.is_dir()
    assert _bytes(EXAMPLE) == _bytes(default_dir)


def test_different_seeds_differ(default_dir, tmp_path):
    other = _bytes(make_study(tmp_path / "seed1", seed=1))
    base = _bytes(default_dir)
    for name in ("actors.csv", "ties.csv", "assessments.csv", "innovations.csv"):
        assert other[name] != base[name]


def test_loads_without_problems_or_warnings(study, default_dir):
    assert study.warnings == []
    assert study.synthetic is True
    assert study.name == "example" and study.language == "fi"
    assert study.waves["label"].tolist() == ["Syksy 2015", "Talvi 2016", "Kevät 2016",
                                             "Kesä 2016"]
    assert study.waves["date"].iloc[0] == pd.Timestamp("2015-11-30")
    assert study.waves["date"].iloc[-1] == pd.Timestamp("2016-07-31")
    readme = (default_dir / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and "invented" in readme.lower()


def test_plain_utf8_comma_csv(default_dir):
    for name in FILES:
        raw = (default_dir / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        raw.decode("utf-8")
    assert (default_dir / "ties.csv").read_text().splitlines()[0] == \
        "source,target,wave,type,weight"


def test_scales_to_fifty_areas_of_four_hundred(tmp_path):
    # how fast: benchmarks/bench_study.py (tests hold no timing assertions)
    folder = make_study(tmp_path / "big", seed=3, n_areas=50, actors_per_area=400)
    big = _load_quietly(folder)
    assert len(big.areas) == 50
    assert 17_000 <= len(big.actors) <= 23_000
    assert big.ties["wave"].nunique() == 4


# --- areas --------------------------------------------------------------------------------------

def test_areas_of_the_plan(study):
    areas = study.areas.set_index("area_id")
    assert len(areas) >= 10
    named = {"maunula": "401", "herttoniemi": "602", "roihuvuori": "602", "laajasalo": "603",
             "arabianranta": "305"}
    for area_id, code in named.items():
        assert areas.loc[area_id, "district_code"] == code
        assert areas.loc[area_id, "municipality"] == "Helsinki"
    hki = areas[areas["municipality"] == "Helsinki"]
    assert (hki["role"] == "selected").sum() == 3
    assert set(hki["role"]) == {"selected", "applicant"}
    valid = set(helsinki_districts()["peruspiiri_code"].astype(str))
    assert set(hki["district_code"]) <= valid
    rest = areas[areas["municipality"] != "Helsinki"]
    assert rest["district_code"].isna().all()
    uusimaa = rest[rest["country"] == "FI"]
    assert {"selected", "peer"} <= set(uusimaa["role"])
    assert set(uusimaa["municipality"]) <= {"Tuusula", "Nurmijärvi", "Espoo", "Vantaa",
                                            "Hyvinkää"}
    foreign = rest[rest["country"] != "FI"]
    assert foreign["country"].nunique() >= 2
    assert set(foreign["role"]) == {"comparison"}
    assert (areas["population"] > 1000).all()


def test_more_areas_use_peruspiiri_then_sub_areas(tmp_path):
    areas = _load_quietly(make_study(tmp_path / "many", n_areas=80, actors_per_area=20)).areas
    assert areas["area_id"].is_unique and areas["name"].is_unique
    assert set(areas["country"]) == {"FI", "EE", "LV", "SE", "AX"}
    districts = helsinki_districts()
    hki = areas[areas["municipality"] == "Helsinki"]
    assert len(hki) > 40  # more than the peruspiiri can give
    sub_of = {sub: code for code, subs in zip(districts["peruspiiri_code"],
                                             districts["osa_alueet_fi"], strict=True)
              for sub in subs.split(";")}
    subs = hki[~hki["name"].isin(districts["peruspiiri_fi"])]
    assert len(subs) > 10
    assert (subs["district_code"] == subs["name"].map(sub_of)).all()


def test_too_few_areas_is_a_clear_value_error(tmp_path):
    with pytest.raises(ValueError, match=f"at least {MIN_AREAS} areas"):
        make_study(tmp_path / "small", n_areas=MIN_AREAS - 1)
    with pytest.raises(ValueError, match="actors_per_area"):
        make_study(tmp_path / "small", actors_per_area=5)
    assert not (tmp_path / "small").exists()


def test_refuses_to_overwrite_other_data_but_replaces_a_synthetic_study(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "actors.csv").write_text("actor_id\nx\n")
    with pytest.raises(ParameterError, match="refusing to overwrite"):
        make_study(precious)
    assert (precious / "actors.csv").read_text() == "actor_id\nx\n"
    first = make_study(tmp_path / "again", seed=1)
    (first / "stale.csv").write_text("old\n")
    make_study(first, seed=2)
    assert not (first / "stale.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again", "precious"]  # no temp left


# --- actors and ties ----------------------------------------------------------------------------

def test_people_public_private_mix(study):
    share = study.actors["sector"].value_counts(normalize=True)
    assert 0.48 <= share["people"] <= 0.62
    assert 0.11 <= share["public"] <= 0.19
    assert 0.14 <= share["private"] <= 0.22
    assert 0.02 <= share["knowledge"] <= 0.09 and 0.02 <= share["intermediary"] <= 0.09
    kinds = study.actors.groupby("kind")["type"].agg(set)
    assert kinds["resident"] == {"individual"}
    assert kinds["entrepreneur"] == {"individual"}
    assert kinds["company"] == kinds["association"] == kinds["housing_company"] == {"organisation"}
    individuals = study.actors[study.actors["type"] == "individual"]
    assert individuals["target_group"].isna().mean() > 0.6
    assert set(individuals["target_group"].dropna()) == set(vocab.TARGET_GROUPS)
    assert study.actors.loc[study.actors["type"] == "organisation", "target_group"].isna().all()


def test_kehra_core_is_tripartite_and_in_helsinki(study, lookup):
    core = lookup[lookup["kehra_member"]]
    sizes = core.groupby("area_id").size()
    assert len(sizes) == 6 and sizes.between(8, 12).all()  # Kehrä in six Helsinki areas
    assert set(core["country"]) == {"FI"}
    assert set(study.areas.set_index("area_id").loc[sizes.index, "municipality"]) == {"Helsinki"}
    for _, members in core.groupby("area_id"):
        assert {"people", "public", "private"} <= set(members["sector"])
    assert (core["joined_wave"] == 0).all()


def test_sector_homophily(study, lookup):
    # within-sector share of ties against the share expected when partners were random
    expected = (study.actors["sector"].value_counts(normalize=True) ** 2).sum()
    for _, ties in study.ties.groupby("wave"):
        within = (lookup.loc[ties["source"], "sector"].to_numpy()
                  == lookup.loc[ties["target"], "sector"].to_numpy()).mean()
        assert within > expected + 0.1


def test_kehra_core_is_denser_than_the_rest(study, lookup):
    ties = study.ties[study.ties["wave"] == 0]
    both = (lookup.loc[ties["source"], "kehra_member"].to_numpy()
            & lookup.loc[ties["target"], "kehra_member"].to_numpy())
    core = lookup[lookup["kehra_member"]].groupby("area_id").size()
    core_pairs = (core * (core - 1)).sum()
    others = lookup[~lookup["kehra_member"] & (lookup["joined_wave"] == 0)]
    other_pairs = (others.groupby("area_id").size() ** 2).sum()
    assert both.sum() / core_pairs > 5 * (len(ties) - both.sum()) / other_pairs


def test_ties_are_directed_partly_reciprocal_and_persist(study):
    ties = study.ties
    assert (ties["weight"] > 0).all() and set(ties["weight"]) <= {1, 2, 3}
    assert set(ties["type"]) == set(vocab.TIE_TYPES)
    for w, g in ties.groupby("wave"):
        pairs = set(zip(g["source"], g["target"], strict=True))
        reciprocated = np.mean([(t, s) in pairs for s, t in pairs])
        assert 0.2 < reciprocated < 0.8
        if w:
            prev = ties[ties["wave"] == w - 1]
            before = set(zip(prev["source"], prev["target"], prev["type"], strict=True))
            now = set(zip(g["source"], g["target"], g["type"], strict=True))
            assert 0.5 < len(before & now) / len(before) < 0.95  # persistence with churn


def test_cross_area_and_cross_border_ties_grow(study, lookup):
    counts = []
    for _, g in study.ties.groupby("wave"):
        src, tgt = lookup.loc[g["source"]], lookup.loc[g["target"]]
        cross_area = (src["area_id"].to_numpy() != tgt["area_id"].to_numpy()).sum()
        border = ((src["country"].to_numpy() != tgt["country"].to_numpy())
                  & (src["type"].to_numpy() == "organisation")
                  & (tgt["type"].to_numpy() == "organisation")
                  & (g["type"].to_numpy() == "collaboration"))
        orgs = set(g["source"][border]) | set(g["target"][border])  # RCO87-type, BRIEF §4
        counts.append((cross_area, len(orgs)))
    cross_area, orgs = zip(*counts, strict=True)
    assert orgs[0] >= 1
    assert list(orgs) == sorted(orgs) and orgs[-1] >= 3 * orgs[0]
    assert list(cross_area) == sorted(cross_area) and cross_area[-1] > 3 * cross_area[0]


def test_active_actors_grow_faster_in_selected_areas(study, lookup):
    waves = study.wave_ids
    for area_id in study.areas.loc[study.areas["role"] == "selected", "area_id"]:
        active = []
        for w in waves:
            g = study.ties[study.ties["wave"] == w]
            ids = pd.unique(pd.concat([g["source"], g["target"]]))
            active.append(int((lookup.loc[ids, "area_id"] == area_id).sum()))
        assert active == sorted(active) and active[-1] > 1.2 * active[0], (area_id, active)
    late = lookup["joined_wave"] > 0
    assert late[lookup["role"] == "selected"].mean() > late[lookup["role"] == "comparison"].mean()
    assert (lookup["joined_wave"] == 0).mean() > 0.5


# --- events, assessments, innovations, support, peer review -------------------------------------

def test_events_fall_in_their_wave_and_participation_grows(study):
    dates = [dt.date(2015, 9, 1)] + [d.date() for d in study.waves["date"]]
    ev = study.events
    for row in ev.itertuples():
        assert dates[row.wave] <= row.date.date() <= dates[row.wave + 1]
        if row.wave:
            assert row.date.date() > dates[row.wave]
    last = max(study.wave_ids)
    assert set(ev.loc[ev["type"] == "peer_review", "wave"]) == {last}
    part = study.participation.merge(ev, on="event_id")
    home = part["area_id"] == part["actor_id"].map(study.actors.set_index("actor_id")["area_id"])
    visitors = (~home).groupby(part["wave"]).mean()
    assert visitors.iloc[-1] > visitors.iloc[0] > 0
    assert set(part["role"]) == {"participant", "organiser"}
    mobilised = part.groupby("wave")["actor_id"].nunique()
    assert mobilised.iloc[-1] > mobilised.iloc[0]


def test_assessments(study, lookup):
    a = study.assessments
    criteria = set(study.criteria["criterion_id"])
    assert len(criteria) == 29
    per_sheet = a.groupby(["area_id", "wave", "assessor", "respondent_id"])["criterion_id"]
    assert (per_sheet.nunique() == 29).all()
    assert 0.01 < a["score"].isna().mean() < 0.1
    assert set(a["score"].dropna()) <= {0, 1, 2, 3, 4}
    selfs = a[a["assessor"] == "self"]
    assert selfs["respondent_sector"].tolist() == \
        lookup.loc[selfs["respondent_id"], "sector"].tolist()
    assert selfs.groupby(["area_id", "wave"])["respondent_id"].nunique().min() >= 3
    app = a[a["assessor"] == "application"]
    assert set(app["wave"]) == {0} and set(app["respondent_sector"]) == {"steering_group"}
    assert 4 <= app["respondent_id"].nunique() <= 5
    areas = study.areas.set_index("area_id")
    assert set(areas.loc[app["area_id"].unique(), "country"]) == {"FI"}
    ext = a[a["assessor"] == "external"]
    assert set(ext["respondent_id"]) == {"ext_helka", "ext_uni"}
    means = a.groupby(["area_id", "wave", "assessor"])["score"].mean().unstack()
    optimism = (means["self"] - means["external"]).mean()
    assert 0.2 < optimism < 0.6
    role = means.index.get_level_values("area_id").map(areas["role"])
    growth = means["self"].groupby([role, means.index.get_level_values("wave")]).mean().unstack()
    assert growth.loc["selected"].iloc[-1] - growth.loc["selected"].iloc[0] > 0.4
    assert growth.loc["selected"].diff().iloc[-1] > growth.loc["comparison"].diff().iloc[-1] - 0.3


def test_innovations_move_monotonely_through_stages(study, lookup):
    inn = study.innovations
    order = {s: i for i, s in enumerate(vocab.STAGES)}
    for _, rows in inn.sort_values("wave").groupby("innovation_id"):
        stages = rows["stage"].map(order).to_numpy()
        assert (np.diff(stages) >= 0).all()
        assert (np.diff(rows["wave"].to_numpy()) == 1).all()  # observed in consecutive waves
    assert inn["stage"].map(order).max() >= order["sustained"]
    assert (inn.groupby("innovation_id")["stage"].nunique() == 1).any()  # some stall
    ready = inn[inn["ready_for_funding"]]
    assert len(ready) and (ready["stage"].map(order) >= order["pilot"]).all()
    two_sectors = inn["partners"].map(lambda p: lookup.loc[list(p), "sector"].nunique() >= 2)
    assert two_sectors.mean() > 0.5
    home = inn["area_id"].map(study.areas.set_index("area_id")["country"])
    abroad = [any(lookup.loc[p, "country"] != c for p in ps)
              for ps, c in zip(inn["partners"], home, strict=True)]
    assert 0 < np.mean(abroad) < 0.4


def test_support_and_peer_review(study):
    sup = study.support
    assert (sup["wave"] >= 1).all() and sup["hours"].between(2, 12).all()
    selected = set(study.areas.loc[study.areas["role"] == "selected", "area_id"])
    by_area = sup.groupby("area_id")["hours"].sum()
    assert selected <= set(by_area.index)
    others = by_area.drop(sorted(selected))
    assert len(others) and by_area[sorted(selected)].min() > others.max()
    dates = [d.date() for d in study.waves["date"]]
    for row in sup.itertuples():
        assert dates[row.wave - 1] < row.date.date() <= dates[row.wave]
    pr = study.peer_review
    assert {"EMO ry", "KEHU ry"} <= set(pr.loc[pr["group"] == "uusimaa_leader", "organisation"])
    assert "helsinki" in set(pr["group"])
    assert 8 <= pr["practice_id"].nunique() <= 10
    assert pr["rating"].between(1, 5).all()
