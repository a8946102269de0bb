"""innolab.criteria: composite scores, uncertainty, Sobol sensitivity, item analysis, support."""

from __future__ import annotations

import importlib.util

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import DATA, REPO, append_row

import innolab
from innolab.analysis import criteria as cr
from innolab.errors import ParameterError
from innolab.reports import plots
from innolab.reports.criteria_text import support_plan_table
from innolab.reports.texts import labels
from innolab.stats.reliability import cronbach_alpha
from innolab.stats.sobol import sobol

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def _add(folder, area, respondent, criterion, score, wave="0", assessor="self"):
    append_row(folder / "assessments.csv", {
        "area_id": area, "wave": wave, "assessor": assessor, "respondent_id": respondent,
        "respondent_sector": "people", "criterion_id": criterion, "score": score})


# --- score ------------------------------------------------------------------------------------


def test_score_columns_and_hand_computed_means(example):
    res = cr.score(example, wave=3)
    head = ["area_id", "name", "wave", "assessor", "n_respondents", "index", "rank",
            "index_scale", "stage"]
    assert list(res.columns[:9]) == head
    assert list(res.columns[9:16]) == [f"D{i}" for i in range(1, 8)]
    assert len(res.columns) == 9 + 7 + 29
    assert sorted(res["rank"]) == list(range(1, 13))
    # hand computation with pandas: criterion means over respondents, D1 = mean of 1.1-1.4
    a = example.assessments
    a = a[(a["assessor"] == "self") & (a["wave"] == 3) & (a["area_id"] == "maunula")]
    means = a.groupby("criterion_id")["score"].mean()
    row = res.set_index("area_id").loc["maunula"]
    assert row["1.3"] == pytest.approx(means["1.3"])
    assert row["D1"] == pytest.approx(means[["1.1", "1.2", "1.3", "1.4"]].mean())
    dims = row[[f"D{i}" for i in range(1, 8)]].astype(float)
    assert row["index_scale"] == pytest.approx(dims.mean())
    assert row["stage"] == {0: "early", 1: "developing", 2: "mature"}[
        int(np.digitize(row["index_scale"], (2.0, 3.0)))]


def test_score_normalisations_keep_their_documented_ranges(example):
    mm = cr.score(example, normalise="minmax")
    assert mm["index"].between(0, 1).all()
    none = cr.score(example, normalise="none")
    np.testing.assert_allclose(none["index"], none["index_scale"])
    z = cr.score(example, normalise="zscore")
    assert abs(z["index"].mean()) < 0.5
    rk = cr.score(example, normalise="rank")
    assert rk["index"].between(0, 1).all()
    # geometric ≤ arithmetic (AM-GM) on the same scale
    geo = cr.score(example, normalise="none", aggregate="geometric")
    assert (geo["index_scale"] <= none["index_scale"] + 1e-12).all()
    with pytest.raises(ParameterError, match="Unknown normalisation"):
        cr.score(example, normalise="softmax")


def test_geometric_aggregation_handles_zeros_as_documented(mini):
    # every criterion of D1 at 0 for a new area: geometric maps 0 to 1 on [1, 100], no crash
    for c in ("1.1", "1.2"):
        _add(mini, "tuusula", "t1", c, "0")
        _add(mini, "tuusula", "t2", c, "0")
    study = innolab.load_study(mini)
    for norm in cr.NORMALISATIONS:
        res = cr.score(study, normalise=norm, aggregate="geometric")
        assert np.isfinite(res["index"]).all()
    res = cr.score(study, normalise="none", aggregate="geometric").set_index("area_id")
    assert res.loc["tuusula", "index_scale"] == 0.0
    assert res.loc["tuusula", "stage"] == "early"
    # a single zero among positive values pulls the geometric mean far below the arithmetic one
    _add(mini, "kalamaja", "k1", "1.1", "0")
    _add(mini, "kalamaja", "k1", "1.2", "4")
    res = cr.score(innolab.load_study(mini), normalise="none",
                   aggregate="geometric").set_index("area_id")
    assert 0 < res.loc["kalamaja", "D1"] < 2.0


def test_weights_and_thresholds_are_parameters(example):
    only_d1 = {f"D{i}": 0 for i in range(2, 8)}
    res = cr.score(example, weights=only_d1)
    np.testing.assert_allclose(res["index_scale"], res["D1"])
    res = cr.score(example, weights={"1.1": 0, "1.2": 0, "1.3": 0})
    np.testing.assert_allclose(res["D1"], res["1.4"])
    strict = cr.score(example, thresholds=(3.5, 3.9))
    assert set(strict["stage"]) == {"early"}
    with pytest.raises(ParameterError, match="Unknown weight key"):
        cr.score(example, weights={"D9": 1})
    with pytest.raises(ParameterError, match="increasing"):
        cr.score(example, thresholds=(3, 2))
    with pytest.raises(ParameterError, match="inside the scale"):
        cr.score(example, thresholds=(2, 5))


def test_direction_minus_one_is_reversed_on_the_scale(mini):
    crit = cr.load_criteria()
    crit.loc[crit["criterion_id"] == "1.2", "direction"] = -1
    crit.to_csv(mini / "criteria.csv", index=False)
    res = cr.score(innolab.load_study(mini)).iloc[0]
    assert res["1.2"] == 1.0  # maunula's m1 answered 3 on 0-4: reversed to 1


def test_unanswered_criterion_and_one_respondent_are_documented_results(mini):
    _add(mini, "tuusula", "t1", "1.1", "3")
    study = innolab.load_study(mini)
    res = cr.score(study).set_index("area_id")
    # nobody answered 1.3 or any criterion of D2..D7: NaN, left out of the aggregation
    assert np.isnan(res.loc["maunula", "1.3"]) and np.isnan(res.loc["maunula", "D2"])
    assert res.loc["maunula", "index_scale"] == pytest.approx(res.loc["maunula", "D1"])
    assert res.loc["tuusula", "n_respondents"] == 1
    assert res.loc["tuusula", "index_scale"] == 3.0
    unc = cr.uncertainty(study, n=50).set_index("area_id")
    # one respondent: the bootstrap has nothing to resample, only weights/aggregation remain
    assert unc.loc["tuusula", "index_scale_p05"] == pytest.approx(3.0)
    assert unc.loc["tuusula", "index_scale_p95"] == pytest.approx(3.0)
    di = cr.dimension_intervals(study, "tuusula", n=20)
    d1 = di[di["dimension_id"] == "D1"].iloc[0]
    assert d1["ci_low"] == d1["ci_high"] == d1["score"] == 3.0


def test_wave_without_assessments_and_bad_parameters(example):
    study = innolab.load_study(DATA / "mini_study")
    for fn in (cr.score, cr.uncertainty, cr.item_analysis, cr.sensitivity):
        with pytest.raises(ParameterError, match="Wave 1 of study 'mini' has no self "
                                                 "assessments; waves with self assessments: 0"):
            fn(study, wave=1)
    with pytest.raises(ParameterError, match="Wave 1"):
        cr.self_vs_external(study, wave=1)
    with pytest.raises(ParameterError, match="Unknown assessor"):
        cr.score(example, assessor="peer")
    with pytest.raises(ParameterError, match="did you mean"):
        cr.support_plan(example, "maunla")


# --- uncertainty and sensitivity --------------------------------------------------------------


def test_uncertainty_is_reproducible_and_nominal_rank_inside_interval(example):
    a = cr.uncertainty(example, n=300, seed=7)
    b = cr.uncertainty(example, n=300, seed=7)
    pd.testing.assert_frame_equal(a, b)
    c = cr.uncertainty(example, n=300, seed=8)
    assert not a["mean_abs_rank_shift"].equals(c["mean_abs_rank_shift"])
    assert ((a["rank_p05"] <= a["nominal_rank"]) & (a["nominal_rank"] <= a["rank_p95"])).all()
    assert (a["rank_p05"] <= a["median_rank"]).all() and (a["median_rank"] <= a["rank_p95"]).all()
    np.testing.assert_allclose(a[["p_early", "p_developing", "p_mature"]].sum(axis=1), 1.0)
    nominal = cr.score(example).set_index("area_id")
    assert (a.set_index("area_id")["nominal_rank"] == nominal["rank"]).all()
    assert (a.set_index("area_id")["stage"] == nominal["stage"]).all()


def test_uncertainty_without_any_uncertain_choice_reproduces_the_nominal_ranks(example):
    res = cr.uncertainty(example, n=20, normalisations=("minmax",),
                         aggregations=("arithmetic",), weight_noise=0.0, bootstrap=False)
    assert (res["mean_abs_rank_shift"] == 0).all()
    assert (res["rank_p05"] == res["nominal_rank"]).all()
    assert (res["rank_p95"] == res["nominal_rank"]).all()


def test_sensitivity_gives_zero_to_a_choice_that_changes_nothing(example):
    res = cr.sensitivity(example, n=64, n_boot=20, normalisations=("minmax",), bootstrap=False)
    assert list(res.columns) == ["factor", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high",
                                 "n", "target"]
    r = res.set_index("factor")
    for f in ("normalisation", "respondents"):
        assert r.loc[f, "S1"] == 0.0 and r.loc[f, "ST"] == 0.0
    assert r.loc["aggregation", "ST"] > 0 and r.loc["weights", "ST"] > 0
    again = cr.sensitivity(example, n=64, n_boot=20, normalisations=("minmax",),
                           bootstrap=False)
    pd.testing.assert_frame_equal(res, again)


def test_sobol_linear_function_has_its_analytic_indices():
    # Y = x1 + 2 x2 + 3 x3, x ~ U(0,1) independent: S_i = ST_i = a_i^2 / sum a^2
    # (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, ch. 1, linear model).
    a = np.array([1.0, 2.0, 3.0])
    res = sobol(lambda U: U @ a, 3, n=4096, n_boot=0)
    np.testing.assert_allclose(res["S1"], a ** 2 / 14, atol=0.01)
    np.testing.assert_allclose(res["ST"], a ** 2 / 14, atol=0.01)


def test_sobol_ishigami_function_has_its_analytic_indices():
    # Ishigami & Homma (1990), a = 7, b = 0.1, x ~ U(-pi, pi): S = .3139 .4424 0,
    # ST = .5576 .4424 .2437 (analytic; e.g. Saltelli et al. 2010, SALib's documentation).
    def ishigami(U):
        x = -np.pi + 2 * np.pi * U
        return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

    res = sobol(ishigami, 3, n=2 ** 14, n_boot=50, seed=1)
    np.testing.assert_allclose(res["S1"], [0.3139, 0.4424, 0.0], atol=0.02)
    np.testing.assert_allclose(res["ST"], [0.5576, 0.4424, 0.2437], atol=0.02)
    assert ((res["S1_low"] <= res["S1"]) & (res["S1"] <= res["S1_high"])).all()


def test_sobol_ignored_group_is_exactly_zero():
    res = sobol(lambda U: U[:, 0] + U[:, 1] ** 2, [("a", 1), ("b", 1), ("off", 3)], n=256,
                   n_boot=10).set_index("factor")
    assert res.loc["off", "S1"] == 0 and res.loc["off", "ST"] == 0
    assert res.loc["off", "ST_high"] == 0


# --- gaps, items, support ---------------------------------------------------------------------


def test_self_vs_external_gap_by_hand(example):
    res = cr.self_vs_external(example, wave=3, threshold=0.5)
    assert list(res.columns) == ["area_id", "wave", "dimension_id", "self", "external", "gap",
                                 "abs_gap", "direction", "n_criteria", "n_self", "n_external"]
    a = example.assessments
    a = a[(a["wave"] == 3) & (a["area_id"] == "maunula") & a["criterion_id"].isin(
        ["1.1", "1.2", "1.3", "1.4"])]
    s = a[a["assessor"] == "self"].groupby("criterion_id")["score"].mean()
    e = a[a["assessor"] == "external"].groupby("criterion_id")["score"].mean()
    both = s.index.intersection(e.index)
    row = res[(res["area_id"] == "maunula") & (res["dimension_id"] == "D1")].iloc[0]
    assert row["gap"] == pytest.approx(s[both].mean() - e[both].mean())
    assert set(res["direction"]) <= {"self_higher", "self_lower", "aligned"}
    assert ((res["direction"] == "self_higher") == (res["gap"] >= 0.5)).all()


def test_study_wide_results_are_computed_once_and_as_without_the_cache(example, tmp_path):
    """Each area profile shows its own rows of the bootstrap of all areas and of the self vs
    external table: a run computes them once (innolab.data.cache), and the cached rows are the
    computed ones."""
    from innolab.data import cache

    areas = example.area_ids[:3]
    with cache.enabled(tmp_path):
        cached = [cr.dimension_intervals(example, a, n=200, seed=1) for a in areas]
        gaps = cr.self_vs_external(example)
        assert len(list(tmp_path.rglob("_dimension_bootstrap-*.pkl"))) == 1  # one for all
        assert len(list(tmp_path.rglob("self_vs_external-*.pkl"))) == 1
    for a, got in zip(areas, cached, strict=True):
        pd.testing.assert_frame_equal(got, cr.dimension_intervals(example, a, n=200, seed=1))
        assert set(got["area_id"]) == {a}
    pd.testing.assert_frame_equal(gaps, cr.self_vs_external(example))


def test_item_analysis_columns_and_alpha(example):
    res = cr.item_analysis(example, wave=3)
    assert list(res.columns) == [
        "criterion_id", "dimension_id", "wave", "n_answers", "missing_share", "mean", "sd",
        "between_area_sd", "icc1", "item_rest_r", "alpha_if_deleted", "alpha", "most_similar",
        "max_r", "flags"]
    assert len(res) == 29
    a = example.assessments
    a = a[(a["assessor"] == "self") & (a["wave"] == 3)]
    wide = a.pivot(index=["area_id", "respondent_id"], columns="criterion_id", values="score")
    ref = cronbach_alpha(wide, missing="pairwise").iloc[0]["alpha"]
    assert res["alpha"].iloc[0] == pytest.approx(ref)
    assert res["missing_share"].between(0, 1).all()


def test_item_analysis_alpha_is_psychs_pairwise_alpha_on_bfi(mini):
    # psych's bfi items A2-A5 (tests/data/psych_bfi/README.md: 2,800 rows, 79 with a missing
    # answer) as the self-assessments of a four-criterion set: R psych::alpha(use = "pairwise")
    # reports raw_alpha 0.718517 (innolab issue 14); item_analysis and
    # stats.reliability.cronbach_alpha(missing="pairwise") must both give it.
    bfi = pd.read_csv(DATA / "psych_bfi" / "bfi_A2_A5.csv", index_col="id")
    items = list(bfi.columns)
    pd.DataFrame({"criterion_id": items, "dimension_id": "D1", "scale_min": 1,
                  "scale_max": 6}).to_csv(mini / "criteria.csv", index=False)
    areas = ["maunula", "tuusula", "kalamaja"]
    long = bfi.reset_index().melt(id_vars="id", var_name="criterion_id", value_name="score")
    long = long.dropna()
    pd.DataFrame({"area_id": [areas[i % 3] for i in long["id"]], "wave": 0, "assessor": "self",
                  "respondent_id": "r" + long["id"].astype(str), "respondent_sector": "people",
                  "criterion_id": long["criterion_id"], "score": long["score"].astype(int)}
                 ).to_csv(mini / "assessments.csv", index=False)
    res = cr.item_analysis(innolab.load_study(mini), wave=0)
    assert round(res["alpha"].iloc[0], 6) == 0.718517
    ref = cronbach_alpha(bfi, missing="pairwise").iloc[0]["alpha"]
    assert res["alpha"].iloc[0] == pytest.approx(ref, abs=1e-12)


def test_item_analysis_flags_an_unanswered_criterion():
    res = cr.item_analysis(innolab.load_study(DATA / "mini_study")).set_index("criterion_id")
    assert res.loc["1.3", "flags"] == "unanswered"
    assert res.loc["1.3", "missing_share"] == 1.0


def test_support_plan_weakest_first_with_fitting_support(example):
    plan = cr.support_plan(example, "maunula")
    assert list(plan.columns) == ["area_id", "wave", "priority", "dimension_id", "score",
                                  "study_mean", "stage", "support_type", "hours_received",
                                  "criteria", "criteria_scores"]
    scores = cr.score(example, normalise="none").set_index("area_id").loc["maunula"]
    dims = scores[[f"D{i}" for i in range(1, 8)]].astype(float).sort_values()
    assert plan.loc[plan["priority"] == 1, "dimension_id"].iloc[0] == dims.index[0]
    for _, r in plan.iterrows():
        assert r["support_type"] in cr.DIMENSION_SUPPORT[r["dimension_id"]]
        assert r["criteria"]
        ids = r["criteria"].split(";")
        assert len(ids) == len(r["criteria_scores"])
        assert list(r["criteria_scores"]) == [scores[c] for c in ids]
        assert max(r["criteria_scores"]) <= r["score"] + 1e-12


def test_support_plan_table_adds_the_labelled_columns(example):
    plan = cr.support_plan(example, "maunula")
    shown = support_plan_table(plan, example.criteria, "fi")
    assert list(shown.columns) == ["area_id", "wave", "priority", "dimension_id", "dimension",
                                   "score", "study_mean", "stage", "support_type", "support",
                                   "hours_received", "criteria", "criteria_text"]
    assert shown["support"].iloc[0] in set(labels("support_type", "fi").values())
    crit = example.criteria.set_index("criterion_id")
    first = shown.iloc[0]
    assert first["dimension"] == crit.loc[crit["dimension_id"] == first["dimension_id"],
                                          "dimension_fi"].iloc[0]
    c0 = first["criteria"].split(";")[0]
    assert first["criteria_text"].startswith(
        f"{c0} {crit.at[c0, 'criterion_fi']} ({plan['criteria_scores'].iloc[0][0]:.1f})")


# --- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_figures_draw(example, lang):
    import matplotlib.pyplot as plt

    di = cr.dimension_intervals(example, "maunula", n=50)
    axes = [plots.dimension_profile(di, lang=lang),
            plots.rank_intervals(cr.uncertainty(example, n=50), lang=lang, highlight="maunula"),
            plots.self_external_gaps(cr.self_vs_external(example), "maunula", lang=lang),
            plots.self_external_gaps(cr.self_vs_external(example), lang=lang),
            plots.sobol_bars(cr.sensitivity(example, n=16, n_boot=5), lang=lang)]
    assert all(ax is not None for ax in axes)
    plt.close("all")


# --- benchmark --------------------------------------------------------------------------------


def test_benchmark_functions_agree_on_tiny_input(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_criteria",
                                                  REPO / "benchmarks" / "bench_criteria.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    study = innolab.load_study(bench.make_study_folder(tmp_path / "b", 4, 3, seed=1))
    ranks = bench.baseline(study, 12)
    fast = bench.vectorised(study, 12)
    slow = bench.summarise(study, ranks)
    np.testing.assert_allclose(slow["median_rank"], fast["median_rank"])
    np.testing.assert_allclose(slow["mean_abs_rank_shift"], fast["mean_abs_rank_shift"])


# --- codes and their labels -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_stage_factor_and_flag_code_has_a_label(lang):
    from innolab.reports.criteria_text import factor_label, stage_label
    from innolab.reports.texts import has

    for stage in cr.MATURITY_STAGES:
        assert has(f"criteria.stage.{stage}") and stage_label(stage, lang)
    assert [stage_label(s, "fi") for s in cr.MATURITY_STAGES] == ["varhainen", "kehittyvä",
                                                                  "kypsä"]
    for factor in cr.FACTORS:
        assert has(f"criteria.factor.{factor}")
        assert factor_label(factor, lang) != factor
    for flag in ("unanswered", "often_missing", "low_spread", "weak_fit", "raises_alpha",
                 "merge_candidate"):
        assert has(f"criteria.flag.{flag}")
    assert stage_label(None, lang) == "None"  # an area without a stage is not a crash


def test_analysis_stages_are_codes(example):
    scores = cr.score(example)
    assert set(scores["stage"].dropna()) <= set(cr.MATURITY_STAGES)
    assert list(cr.sensitivity(example, n=16, n_boot=0)["factor"]) == list(cr.FACTORS)


def test_dimension_names_first_row_of_each_dimension_the_id_where_no_name(example):
    """dimension_names: one entry per dimension in the set's order, the first row's name, the id
    where the name is empty — as pandas' drop_duplicates + set_index + fillna would give it,
    dtypes and names included; dim_name prefixes the id."""
    from innolab.reports.criteria_text import dim_name, dimension_names

    crit = example.criteria.copy()
    crit.loc[crit["dimension_id"] == "D3", "dimension_fi"] = np.nan
    crit.loc[crit.index[1], "dimension_en"] = "not the first row's name"
    for lang in ("en", "fi"):
        d = crit.drop_duplicates("dimension_id").set_index("dimension_id")[f"dimension_{lang}"]
        expected = d.fillna(pd.Series(d.index, index=d.index))
        pd.testing.assert_series_equal(dimension_names(crit, lang), expected)
    assert dimension_names(crit, "fi")["D3"] == "D3"
    assert dim_name(crit, "D3", "fi") == "D3 D3"
    assert dim_name(crit, "D2", "en") == "D2 Networks"
    assert dim_name(crit, "D99", "en") == "D99 D99"  # an unknown id is shown as it is
    with pytest.raises(ParameterError):
        dim_name(crit, "D2", "sv")
    # a set without Finnish names (a column of floats): every dimension named by its id, as
    # text (pandas' fillna of floats with text warns that it will refuse to)
    crit["dimension_fi"] = np.nan
    ids = list(dict.fromkeys(crit["dimension_id"]))
    pd.testing.assert_series_equal(
        dimension_names(crit, "fi"),
        pd.Series(ids, index=pd.Index(ids, name="dimension_id", dtype=object),
                  name="dimension_fi", dtype=object))
