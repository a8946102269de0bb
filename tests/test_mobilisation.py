"""Tests of innolab.analysis.mobilisation: flows on hand-built studies with known answers, diffusion
fits on exact curves, the edge cases (one wave, no activity, too few points, flat data), and the
note codes with which the results explain themselves (each has an English and a Finnish text).

Model forms: the logistic curve of Verhulst (1838), N(t) = K / (1 + exp(-r (t - t0))); Bass's
(1969) cumulative adoption, N(t) = m (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}) — F. M. Bass, "A
new product growth for model consumer durables", Management Science 15(5), 215–227. The Bass values
p = 0.03, q = 0.38 are the mean coefficients of Sultan, Farley & Lehmann's (1990) meta-analysis.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import DATA, REPO

import innolab
from innolab.analysis import mobilisation as mb
from innolab.errors import InnolabError, ParameterError
from innolab.reports import plots, texts
from innolab.reports.notes import note_text
from innolab.reports.sections.mobilisation import headline_sentences


def _write(folder, name, header, rows):
    lines = [",".join(header)] + [",".join(str(v) for v in r) for r in rows]
    (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _study(tmp_path, waves, areas, actors, ties, events=(), participation=(), support=()):
    """Write a study folder from plain rows and load it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "study.yaml").write_text(yaml.safe_dump({
        "name": "hand", "language": "en",
        "waves": [{"wave": w, "label": f"W{w}", "date": f"2016-0{w + 1}-28"} for w in waves]}))
    _write(tmp_path, "areas", ["area_id", "name", "municipality", "country", "role"], areas)
    _write(tmp_path, "actors", ["actor_id", "area_id", "sector", "type", "target_group",
                                "kehra_member", "joined_wave"], actors)
    _write(tmp_path, "ties", ["source", "target", "wave", "type"], ties)
    _write(tmp_path, "events", ["event_id", "area_id", "date", "wave", "type"], events)
    _write(tmp_path, "participation", ["event_id", "actor_id", "role"], participation)
    _write(tmp_path, "support", ["area_id", "date", "wave", "type", "hours"], support)
    return innolab.load_study(tmp_path)


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """Four waves. Area A: a1 active 0,1,3 (lapses in 2, returns in 3); a2 active in 0 at events
    of A *and* B (counted once) and in 1 at B's event only; a3 new in 1 (receives a tie), back in
    3; a4 new in 3 at B's event; a5 never active. Wave 2: nothing in A. Area B: b1 active in 1
    and 2. Area C: no actor is ever active."""
    return _study(
        tmp_path_factory.mktemp("hand"), [0, 1, 2, 3],
        areas=[("A", "Alpha", "Helsinki", "FI", "selected"),
               ("B", "Beta", "Espoo", "FI", "applicant"),
               ("C", "Gamma", "Espoo", "FI", "comparison")],
        actors=[("a1", "A", "people", "individual", "", "true", 0),
                ("a2", "A", "public", "organisation", "", "false", 0),
                ("a3", "A", "private", "individual", "youth", "false", 0),
                ("a4", "A", "people", "individual", "senior", "true", 0),
                ("a5", "A", "people", "individual", "", "false", 3),
                ("b1", "B", "knowledge", "organisation", "", "false", 0),
                ("c1", "C", "people", "individual", "youth", "false", 0)],
        ties=[("a1", "b1", 1, "collaboration"), ("b1", "a3", 1, "information")],
        events=[("eA0", "A", "2016-01-10", 0, "forum"), ("eB0", "B", "2016-01-11", 0, "forum"),
                ("eB1", "B", "2016-02-10", 1, "workshop"),
                ("eB2", "B", "2016-03-10", 2, "workshop"),
                ("eA3", "A", "2016-04-10", 3, "forum"), ("eB3", "B", "2016-04-11", 3, "forum")],
        participation=[("eA0", "a1", "organiser"), ("eA0", "a2", "participant"),
                       ("eB0", "a2", "participant"), ("eB1", "a2", "participant"),
                       ("eB2", "b1", "organiser"), ("eA3", "a1", "organiser"),
                       ("eA3", "a3", "participant"), ("eB3", "a4", "participant")],
        support=[("A", "2016-02-01", 1, "facilitation", 5),
                 ("A", "2016-04-01", "", "innovation", 3)],
    )


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """One wave; area S has one active actor, area Z none."""
    return _study(
        tmp_path_factory.mktemp("single"), [0],
        areas=[("S", "Solo", "Helsinki", "FI", "selected"), ("Z", "Zero", "Espoo", "FI", "peer")],
        actors=[("s1", "S", "people", "individual", "immigrant", "true", 0),
                ("s2", "S", "private", "organisation", "", "false", 0),
                ("z1", "Z", "people", "individual", "", "false", 0)],
        ties=[("s1", "s2", 0, "advice")],
        events=[("e", "S", "2016-01-10", 0, "forum")],
        participation=[("e", "s1", "organiser")],
        support=[("S", "2016-01-05", 0, "mentoring", 2)],
    )


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


COLS = ["wave", "active", "new", "retained", "returned", "lapsed"]


def test_flows_known_answers(hand):
    f = mb.flows(hand, "A")
    assert list(f.columns) == COLS
    assert f.values.tolist() == [[0, 2, 2, 0, 0, 0],
                                 [1, 3, 1, 2, 0, 0],
                                 [2, 0, 0, 0, 0, 3],   # a wave with no activity in A
                                 [3, 3, 1, 0, 2, 0]]
    assert (f["active"] == f["new"] + f["retained"] + f["returned"]).all()
    assert mb.flows(hand, "B").values.tolist() == [[0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0],
                                                   [2, 1, 0, 1, 0, 0], [3, 0, 0, 0, 0, 1]]
    assert mb.flows(hand, "C")[COLS[1:]].to_numpy().sum() == 0  # an area without activity


def test_flows_by_sector_and_target_group(hand):
    s = mb.flows(hand, "A", by="sector")
    assert list(s.columns) == ["wave", "sector", *COLS[1:]]
    assert len(s) == 4 * 5
    total = s.groupby("wave")[COLS[1:]].sum().reset_index()
    pd.testing.assert_frame_equal(total, mb.flows(hand, "A"), check_dtype=False)
    w3 = s[s["wave"] == 3].set_index("sector")
    assert w3.loc["people", ["active", "new", "returned"]].tolist() == [2, 1, 1]  # a4 new, a1 back
    assert w3.loc["private", ["active", "returned"]].tolist() == [1, 1]           # a3 back
    w2 = s[s["wave"] == 2].set_index("sector")
    assert w2["lapsed"].to_dict() == {"people": 1, "public": 1, "private": 1, "knowledge": 0,
                                      "intermediary": 0}
    g = mb.flows(hand, "A", by="target_group")
    assert set(g["target_group"]) == {"youth", "senior", "immigrant", "unemployed",
                                      "disability", "none"}
    w1 = g[g["wave"] == 1].set_index("target_group")
    assert w1.loc["youth", "new"] == 1 and w1.loc["none", "retained"] == 2
    with pytest.raises(ParameterError, match="by="):
        mb.flows(hand, "A", by="kind")


def test_flows_single_wave_and_unknown_area(single, hand):
    assert mb.flows(single, "S").values.tolist() == [[0, 2, 2, 0, 0, 0]]
    assert mb.flows(single, "Z").values.tolist() == [[0, 0, 0, 0, 0, 0]]
    with pytest.raises(ParameterError, match="Unknown area"):
        mb.flows(hand, "nowhere")


def test_flows_on_mini_study():
    # tests/data/mini_study: m1 is in ties and events of both waves (and Tuusula's event e3)
    study = innolab.load_study(DATA / "mini_study")
    f = mb.flows(study, "maunula")
    assert f.values.tolist() == [[0, 3, 3, 0, 0, 0], [1, 4, 2, 2, 0, 1]]  # m2 lapses in wave 1


def test_presence_is_the_crosstab_of_active_actors(hand, single, example):
    """presence fills its table from indexes; the reference is its definition in pandas terms:
    the crosstab of actor by wave of active_actors, every wave of the study a column, sorted,
    present = at least once (dtypes and index names included; areas with no one active too)."""
    from innolab.analysis.profile import active_actors

    for study in (hand, single, example):
        for area in study.area_ids:
            act = active_actors(study, area)
            waves = sorted(set(study.wave_ids) | {int(w) for w in act["wave"]})
            expected = pd.crosstab(act["actor_id"], act["wave"]).reindex(
                columns=waves, fill_value=0).sort_index() > 0
            expected.columns.name = "wave"
            got_waves, got = mb.presence(study, area)
            assert got_waves == waves
            pd.testing.assert_frame_equal(got, expected)


def test_funnel(hand):
    fu = mb.funnel(hand, "A")
    assert list(fu.columns) == ["wave", "sector", "active", "participants", "organisers",
                                "kehra_members"]
    x = fu.set_index(["wave", "sector"])
    assert x.loc[(0, "people")].tolist() == [1, 1, 1, 1]   # a1 organised, Kehrä member
    assert x.loc[(0, "public")].tolist() == [1, 1, 0, 0]   # a2 at two events, counted once
    assert x.loc[(1, "people")].tolist() == [1, 0, 0, 0]   # a1 active by a tie only
    assert x.loc[(3, "people")].tolist() == [2, 2, 1, 2]
    assert x.loc[2].to_numpy().sum() == 0
    assert (fu["active"] >= fu["participants"]).all()
    assert (fu["participants"] >= fu[["organisers", "kehra_members"]].max(axis=1)).all()


def test_inclusion(hand):
    inc = mb.inclusion(hand, "A")
    x = inc.set_index(["wave", "target_group"])
    # wave 0: active individuals {a1}; base: a1, a3, a4 (a5 joins in wave 3)
    assert x.loc[(0, "youth"), ["active", "active_total", "base", "base_total"]].tolist() == \
        [0, 1, 1, 3]
    assert x.loc[(0, "youth"), "base_share"] == pytest.approx(1 / 3)
    assert x.loc[(1, "youth"), ["new", "new_total", "new_share"]].tolist() == [1, 1, 1.0]
    assert np.isnan(x.loc[(2, "any"), "active_share"])        # nobody active: share undefined
    assert x.loc[(2, "any"), "active_total"] == 0
    assert x.loc[(3, "any"), ["active", "active_total", "base_total"]].tolist() == [2, 3, 4]
    assert x.loc[(3, "any"), "active_share"] == pytest.approx(2 / 3)
    every = mb.inclusion(hand, "A", among="all")
    assert every.set_index(["wave", "target_group"]).loc[(0, "any"), "active_total"] == 2


def test_dimension_means_on_mini_study():
    study = innolab.load_study(DATA / "mini_study")
    d = mb.dimension_means(study).set_index(["area_id", "wave", "dimension_id"])
    # maunula wave 0, self: 1.1 → 2, 2; 1.2 → 3 and one unanswered
    assert d.loc[("maunula", 0, "D1"), "score"] == pytest.approx(7 / 3)
    assert d.loc[("maunula", 0, "D1"), "n"] == 3


# --- diffusion fits ------------------------------------------------------------------------------


def test_logistic_recovers_exact_parameters():
    t = np.arange(0, 11.0)
    fit = mb.diffusion_fit(t, mb.logistic(t, 120.0, 0.9, 3.0), "logistic")
    assert fit.params["parameter"].tolist() == ["K", "r", "t0"]
    np.testing.assert_allclose(fit.params["estimate"], [120.0, 0.9, 3.0], rtol=1e-6)
    assert (fit.params["se"] < 1e-6).all()
    assert fit.gof["r_squared"] == pytest.approx(1.0) and fit.gof["dof"] == 8
    np.testing.assert_allclose(fit.forecast["fitted"], mb.logistic([11, 12], 120, 0.9, 3),
                               rtol=1e-6)


@pytest.mark.parametrize("m, p, q, origin", [(500.0, 0.03, 0.38, 0.0), (80.0, 0.2, 0.6, -1.0)])
def test_bass_recovers_exact_parameters(m, p, q, origin):
    t = np.arange(1, 16.0) + origin
    fit = mb.diffusion_fit(t, mb.bass(t, m, p, q, t_origin=origin), "bass", t_origin=origin)
    np.testing.assert_allclose(fit.params["estimate"], [m, p, q], rtol=1e-5)
    assert fit.t_origin == origin


def test_bass_formula():
    # N(t) = m F(t); the adoption rate dF/dt = (p + q F)(1 − F) (Bass 1969, eq. 1)
    t = np.linspace(0.5, 20, 50)
    m, p, q = 1.0, 0.03, 0.38
    f = mb.bass(t, m, p, q)
    dfdt = np.gradient(mb.bass(np.concatenate([t - 1e-5, t + 1e-5]), m, p, q).reshape(2, -1),
                       axis=0)[0] / 2e-5
    np.testing.assert_allclose(dfdt, (p + q * f) * (1 - f), rtol=1e-4)


def test_standard_errors_and_intervals_are_calibrated():
    # Noisy logistic data: the curve_fit standard errors match the spread of the estimates over
    # repeated samples, and 95 % intervals cover the true K about 95 % of the time.
    rng = np.random.default_rng(1)
    t = np.arange(0, 12.0)
    truth = mb.logistic(t, 100.0, 0.8, 5.0)
    est, se, cover = [], [], 0
    for _ in range(150):
        y = np.maximum.accumulate(np.maximum(truth + rng.normal(0, 1.0, t.size), 0))
        fit = mb.diffusion_fit(t, y)
        k = fit.params.iloc[0]
        est.append(k["estimate"])
        se.append(k["se"])
        cover += k["lower"] <= 100.0 <= k["upper"]
    assert np.std(est) == pytest.approx(np.mean(se), rel=0.3)
    assert 0.85 <= cover / 150 <= 1.0


def test_forecast_interval_is_the_delta_method():
    rng = np.random.default_rng(2)
    t = np.arange(0, 10.0)
    y = np.maximum.accumulate(mb.logistic(t, 60.0, 0.7, 4.0) + rng.normal(0, 1.0, t.size))
    fit = mb.diffusion_fit(t, y, horizon=2)
    assert fit.interval_method == "delta"
    assert fit.forecast["t"].tolist() == [10.0, 11.0]
    # delta method = first-order propagation: compare with simulation from N(theta, cov)
    draws = rng.multivariate_normal(fit._theta, fit._cov, size=20000)
    sim = mb.logistic(11.0, draws[:, 0], draws[:, 1], draws[:, 2])
    row = fit.forecast.iloc[1]
    assert row["se"] == pytest.approx(np.std(sim), rel=0.1)
    crit = __import__("scipy").stats.t.ppf(0.975, fit.gof["dof"])
    assert row["upper"] - row["fitted"] == pytest.approx(crit * row["se"])
    s2 = fit.gof["rss"] / fit.gof["dof"]
    assert row["pred_upper"] - row["fitted"] == pytest.approx(crit * np.sqrt(row["se"]**2 + s2))
    assert list(fit.curve.columns) == list(fit.forecast.columns)


def test_fit_refuses_too_few_points_and_bad_data():
    with pytest.raises(ParameterError, match="needs at least 3 points"):
        mb.diffusion_fit([0, 1], [1, 2])
    with pytest.raises(ParameterError, match="needs at least 3 points"):
        mb.diffusion_fit([0, 0, 1], [1, 2, 3], "bass", t_origin=-1)  # 2 distinct times
    with pytest.raises(ParameterError, match="flat"):
        mb.diffusion_fit([0, 1, 2, 3], [5, 5, 5, 5])
    with pytest.raises(ParameterError, match="cannot fall"):
        mb.diffusion_fit([0, 1, 2, 3], [5, 7, 6, 8])
    with pytest.raises(ParameterError, match="finite"):
        mb.diffusion_fit([0, 1, 2, 3], [1, np.nan, 3, 4])
    with pytest.raises(ParameterError, match="negative"):
        mb.diffusion_fit([0, 1, 2], [-1, 0, 1])
    with pytest.raises(ParameterError, match="Unknown diffusion model"):
        mb.diffusion_fit([0, 1, 2], [1, 2, 3], "gompertz")
    with pytest.raises(ParameterError, match="after the launch"):
        mb.diffusion_fit([0, 1, 2], [1, 2, 3], "bass", t_origin=0)
    assert issubclass(ParameterError, InnolabError)


def test_fit_without_degrees_of_freedom_says_so():
    fit = mb.diffusion_fit([0, 1, 2], [10, 20, 26])
    assert fit.gof["dof"] == 0
    assert fit.params["se"].isna().all() and fit.forecast["lower"].isna().all()
    assert mb.Note("mobilisation.fit.no_dof", {"n": 3, "params": 3}) in fit.notes
    assert any("no degrees of freedom" in note_text(n, "en") for n in fit.notes)


def test_growth_without_slowing_is_flagged():
    t = np.arange(6.0)
    fit = mb.diffusion_fit(t, 10 * np.exp(0.3 * t))  # exponential: K not identified
    assert not fit.gof["identified"]
    assert fit.params["se"].isna().all()
    assert mb.Note("mobilisation.fit.no_slowing", {"param": "K", "cap": 100.0}) in fit.notes
    assert note_text(fit.notes[0], "en").startswith(
        "The data show no slowing of growth: the saturation level K ran to its cap (100 × the "
        "largest count)")
    assert fit.forecast["fitted"].notna().all()


def test_mobilisation_curve_edge_cases(hand, single, example):
    c = mb.mobilisation_curve(single, "S")
    assert c.fit is None and c.note == mb.Note("mobilisation.curve.too_few_waves",
                                               {"count": 1, "model": "logistic", "params": 3})
    assert note_text(c.note, "en").startswith("The study has 1 wave; the logistic curve has 3")
    assert c.data.values.tolist() == [[0, 2, 2, 2]]
    z = mb.mobilisation_curve(hand, "C")
    assert z.fit is None and z.note.code == "mobilisation.curve.flat"
    assert "flat" in note_text(z.note, "en")
    a = mb.mobilisation_curve(hand, "A")
    assert a.data["cumulative"].tolist() == [2, 3, 3, 4]
    assert a.fit is not None and a.fit.gof["n"] == 4
    r = mb.mobilisation_curve(example, "rinkeby", model="bass")
    assert r.fit.t_origin == -1.0 and len(r.fit.forecast) == 2
    with pytest.raises(ParameterError):
        mb.mobilisation_curve(hand, "A", model="x")


# --- support, areas, headline --------------------------------------------------------------------


def test_support_vs_change(example, hand):
    sc = mb.support_vs_change(example, n_boot=300, seed=3)
    p = sc.panel
    assert len(p) == 12 * 3 and {"hours", "hours_facilitation", "active_change",
                                 "D1_change"} <= set(p.columns)
    assert (p["active_change"] == p["active_after"] - p["active_before"]).all()
    assert (p["change_to"] == p["wave"]).all()  # lag 0: support of w beside the change into w
    row = sc.associations.query("predictor == 'hours' and outcome == 'active_change'").iloc[0]
    assert row["slope"] == pytest.approx(np.polyfit(p["hours"], p["active_change"], 1)[0])
    assert row["r"] == pytest.approx(np.corrcoef(p["hours"], p["active_change"])[0, 1])
    assert row["slope_lower"] <= row["slope"] <= row["slope_upper"]
    fits = sc.associations.query("fits_dimension")
    pairs = set(zip(fits.predictor, fits.outcome, strict=True))
    assert ("hours_network_skills", "D2_change") in pairs
    again = mb.support_vs_change(example, n_boot=300, seed=3)
    pd.testing.assert_frame_equal(sc.associations, again.associations)
    other = mb.support_vs_change(example, n_boot=300, seed=4)
    assert not other.associations["slope_lower"].equals(sc.associations["slope_lower"])
    assert sc.caution == mb.ASSOCIATION_NOTE
    assert "not effects" in texts.t(sc.caution, "en")
    assert "eivät tuen vaikutuksia" in texts.t(sc.caution, "fi")
    # hand study: the support row without a wave is placed by its date (2016-04-01 → wave 3)
    h = mb.support_vs_change(hand, n_boot=50)
    hp = h.panel.set_index(["area_id", "wave"])
    assert hp.loc[("A", 1), "hours"] == 5 and hp.loc[("A", 3), "hours_innovation"] == 3
    assert mb.Note("mobilisation.support.placed", {"count": 1}) in h.notes
    lag1 = mb.support_vs_change(hand, lag=1, n_boot=50).panel
    assert (lag1["change_from"] == lag1["wave"]).all()


def test_the_cached_support_analysis_is_the_computed_one(example, hand, tmp_path):
    """support_vs_change is the same in every area's report, so a run computes it once
    (innolab.data.cache); what the cache hands back is what the analysis computes, and a
    custom score function is never cached."""
    from innolab.data import cache

    with cache.enabled(tmp_path):
        cached = mb.support_vs_change(example, n_boot=200, seed=5)
        again = mb.support_vs_change(example, n_boot=200, seed=5)
        assert list(tmp_path.rglob("_default_scores-*.pkl"))
        custom = mb.support_vs_change(hand, n_boot=50, scores=mb.dimension_means)
    plain = mb.support_vs_change(example, n_boot=200, seed=5)
    for got in (cached, again):
        pd.testing.assert_frame_equal(got.panel, plain.panel)
        pd.testing.assert_frame_equal(got.associations, plain.associations)
        assert got.notes == plain.notes
    assert len(list(tmp_path.rglob("*.pkl"))) == 1
    pd.testing.assert_frame_equal(custom.panel, mb.support_vs_change(hand, n_boot=50).panel)


def test_active_actors_of_one_area_are_the_whole_tables_rows(example, hand):
    """The area-restricted table (what an area's report asks for) is the whole study's table
    cut to the area: on the hand study (a2 at events of A and B, b1 tied to a1 and a3) and on
    every area of the example."""
    from innolab.analysis.profile import active_actors

    for study in (hand, example):
        whole = active_actors(study)
        for area_id in study.area_ids:
            want = whole[whole["area_id"] == area_id].reset_index(drop=True)
            pd.testing.assert_frame_equal(active_actors(study, area_id), want)
    got = active_actors(hand, "A")
    assert sorted(got.loc[got["wave"] == 1, "actor_id"]) == ["a1", "a2", "a3"]  # hand count


def test_support_vs_change_single_wave(single):
    sc = mb.support_vs_change(single, n_boot=20)
    assert sc.panel.empty and mb.Note("mobilisation.support.one_wave") in sc.notes
    assert (sc.associations["note"] == "mobilisation.assoc.too_few").all()


def test_area_summary_compare_and_headline(hand, single, example):
    s = mb.area_summary(hand).set_index("area_id")
    assert s.loc["A", ["active_first", "active_last", "mobilised", "new_after_first",
                       "retained", "at_risk"]].tolist() == [2, 3, 4, 2, 2, 5]
    assert s.loc["A", "retention"] == pytest.approx(2 / 5)
    assert s.loc["A", "target_group_share"] == pytest.approx(2 / 3)  # a3, a4 of a1, a3, a4
    assert s.loc["A", "support_hours"] == 8 and bool(s.loc["A", "selected"])
    assert np.isnan(s.loc["C", "retention"])
    one = mb.area_summary(single).set_index("area_id")
    assert np.isnan(one.loc["S", "retention"])
    g = mb.compare_groups(mb.area_summary(example))
    assert list(g.columns) == ["measure", "group", "areas", "n", "mean", "median", "min", "max"]
    assert g.query("measure == 'support_hours' and group == 'selected'")["areas"].item() == 4
    h = mb.headline(hand, "A")
    assert h["active_last"] == 3 and h["returned_last"] == 2 and h["retention_last"] is None
    assert h["target_group_share_last"] == pytest.approx(2 / 3)
    hs = mb.headline(single, "Z")
    assert hs["waves"] == 1 and hs["retention_last"] is None
    assert hs["target_group_share_last"] is None
    for st, area in ((hand, "A"), (single, "S"), (single, "Z"), (example, "maunula")):
        for lang in ("en", "fi"):
            sentences = headline_sentences(st, area, lang)
            assert sentences and not any("nan" in x.lower() for x in sentences)
    assert all(not (isinstance(v, float) and np.isnan(v)) for v in mb.headline(hand, "C").values())


def test_no_names_in_tables(example):
    names = set(example.actors["name"].dropna())
    tables = [mb.flows(example, "maunula", by="sector"), mb.funnel(example, "maunula"),
              mb.inclusion(example, "maunula"), mb.area_summary(example)]
    for t in tables:
        assert not names & set(t.astype(str).to_numpy().ravel())


def test_figures_run_on_edge_cases(hand, single, example):
    for st, area, lang in ((hand, "A", "en"), (hand, "C", "fi"), (single, "S", "fi"),
                           (single, "Z", "en"), (example, "maunula", "fi")):
        labels = {w: st.wave_label(w) for w in st.wave_ids}
        if lang:
            plots.flows_chart(mb.flows(st, area), lang=lang, wave_labels=labels)
            plots.flows_by_sector(mb.flows(st, area, by="sector"), lang=lang,
                                  wave_labels=labels)
            ax = plots.mobilisation_curve_plot(mb.mobilisation_curve(st, area), lang=lang,
                                               wave_labels=labels)
            assert ax.get_ylabel()
            plots.inclusion_plot(mb.inclusion(st, area), lang=lang, wave_labels=labels)
            plots.selected_vs_other(mb.area_summary(st), "retention", lang=lang)
            plt.close("all")


def test_every_note_code_has_english_and_finnish_texts():
    """Each note code the analysis can produce words in both languages with its own values."""
    cat = texts.catalogue()
    for code, fields in mb.NOTE_CODES.items():
        assert code in cat and {"en", "fi"} <= set(cat[code]), code
        values = {f: (2 if f in ("count", "n", "params", "n_defined", "n_boot") else
                      1.5 if f in ("cap", "bound", "value") else "K") for f in fields}
        for lang in ("en", "fi"):
            text = note_text(mb.Note(code, values), lang)
            assert text and "{" not in text, (code, lang)
    assert mb.ASSOCIATION_NOTE in mb.NOTE_CODES


def test_note_codes_produced_are_known(hand, single, example):
    """Every note a result carries is a code of NOTE_CODES with exactly its fields."""
    t = np.arange(6.0)
    notes = (mb.diffusion_fit([0, 1, 2], [10, 20, 26]).notes
             + mb.diffusion_fit(t, 10 * np.exp(0.3 * t)).notes
             + mb.support_vs_change(hand, n_boot=20).notes
             + mb.support_vs_change(single, n_boot=20).notes)
    for st, area in ((single, "S"), (hand, "C"), (hand, "A"), (example, "maunula")):
        c = mb.mobilisation_curve(st, area)
        notes += [c.note] if c.fit is None else c.fit.notes
    assert {n.code for n in notes} >= {"mobilisation.fit.no_dof", "mobilisation.fit.no_slowing",
                                       "mobilisation.curve.too_few_waves",
                                       "mobilisation.curve.flat", "mobilisation.support.placed",
                                       "mobilisation.support.one_wave"}
    for n in notes:
        assert set(n.values) == set(mb.NOTE_CODES[n.code]), n
    codes = set(mb.support_vs_change(single, n_boot=20).associations["note"]) - {""}
    assert codes <= set(mb.NOTE_CODES)


def test_the_analysis_holds_no_language():
    """No public function of the package takes a language; every name of __all__ exists."""
    import inspect

    for name in mb.__all__:
        obj = getattr(mb, name)
        if inspect.isfunction(obj):
            assert "lang" not in inspect.signature(obj).parameters, name
    from innolab.analysis.mobilisation import NO_TARGET_GROUP  # innolab.evidence needs it

    assert NO_TARGET_GROUP == "none"
