"""The application form's indicator table (innolab.evidence.application, BRIEF §4 "What the
application form asks of an indicator"), its projections and its views."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, REPO

import innolab
from innolab.errors import ParameterError
from innolab.evidence import application
from innolab.evidence import indicators as evidence
from innolab.evidence.pack import build_pack
from innolab.reports import evidence_views as views

EXAMPLE = REPO / "data" / "example"


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(EXAMPLE)


# --------------------------------------------------------------------------------------------
# the projection on its own


def test_exact_line_is_projected_exactly_with_no_width():
    # y = 3 + 2x has no residuals: the fitted line is the line itself (s = 0)
    est, lo, hi = application.linear_projection([0, 1, 2, 3], [3, 5, 7, 9], at=5)
    assert est == pytest.approx(13.0) and lo == pytest.approx(13.0) and hi == pytest.approx(13.0)


def test_prediction_interval_matches_the_matrix_form():
    # the prediction interval of ordinary least squares in matrix form, ŷ0 ± t·s·√(1 + x0'(X'X)⁻¹x0)
    # (Montgomery, Peck & Vining, Introduction to Linear Regression Analysis, 5th ed., §3.5),
    # computed here independently of the implementation's closed form
    from scipy import stats

    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    y = np.array([1.0, 3.0, 2.0, 5.0, 6.0])
    X = np.column_stack([np.ones_like(x), x])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    s = np.sqrt(resid @ resid / (len(x) - 2))
    x0 = np.array([1.0, 7.0])
    half = stats.t.ppf(0.95, len(x) - 2) * s * np.sqrt(1 + x0 @ np.linalg.inv(X.T @ X) @ x0)
    est, lo, hi = application.linear_projection(x, y, at=7, level=0.90)
    assert est == pytest.approx(x0 @ beta)
    assert (lo, hi) == pytest.approx((x0 @ beta - half, x0 @ beta + half))
    # slope 1.2, intercept 1.0 by hand: Sxy = 12, Sxx = 10, ȳ = 3.4, x̄ = 2
    assert est == pytest.approx(1.0 + 1.2 * 7)


def test_projection_needs_three_points():
    with pytest.raises(ParameterError, match="at least 3"):
        application.linear_projection([0, 1], [1, 2], at=3)
    with pytest.raises(ParameterError, match="distinct"):
        application.linear_projection([1, 1, 1], [1, 2, 3], at=3)


# --------------------------------------------------------------------------------------------
# a study with a known trend


def _trend_study(folder):
    """The mini study with four waves and two new pilot actions in every wave, one of which
    is taken up: RCO84 cumulates 2, 4, 6, 8 and RCR104 1, 2, 3, 4 over waves 0–3."""
    (folder / "study.yaml").write_text(
        "name: trend\ntitle: A known trend\nlanguage: en\nwaves:\n"
        + "".join(f"  - {{wave: {w}, label: \"W{w}\", date: 2020-0{w + 1}-01}}\n"
                  for w in range(4)), encoding="utf-8")
    rows = ["innovation_id,area_id,wave,title,theme,stage,partners,ready_for_funding"]
    for w in range(4):
        rows.append(f"p{w},maunula,{w},Pilot {w},group_renovation,pilot,m1;m3,false")
        rows.append(f"s{w},maunula,{w},Taken up {w},group_renovation,sustained,m1;m3,false")
    (folder / "innovations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return innolab.load_study(folder)


@pytest.fixture(scope="module")
def trend(tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("trend") / "trend"
    shutil.copytree(DATA / "mini_study", folder)
    return _trend_study(folder)


def test_projection_of_a_known_linear_trend(trend):
    study = trend
    series = application.cumulative_by_wave(study, ["rco84_pilot_actions",
                                                   "rcr104_solutions_taken_up"])
    assert series[series["indicator"] == "rco84_pilot_actions"]["value"].tolist() == [2, 4, 6, 8]
    assert series[series["indicator"] == "rcr104_solutions_taken_up"]["value"].tolist() == [
        1, 2, 3, 4]
    table = application.application_table(study, horizon=2).set_index("indicator")
    pilots, up = table.loc["rco84_pilot_actions"], table.loc["rcr104_solutions_taken_up"]
    # 2 per wave from 2 at wave 0: 2 + 2·5 = 12 at wave 3 + 2; 1 + 1·5 = 6
    assert pilots["projection"] == pytest.approx(12.0)
    assert (pilots["projection_lo"], pilots["projection_hi"]) == pytest.approx((12.0, 12.0))
    assert up["projection"] == pytest.approx(6.0)
    assert pilots["method"] == "trend" and pilots["n_waves"] == 4
    assert pilots["projection_wave"] == 5
    assert pilots["baseline"] == 2 and pilots["value"] == 8
    assert pilots["baseline_date"] == pd.Timestamp("2020-01-01")
    assert pilots["unit"] == "pilot_actions" and pilots["code"] == "RCO84"
    assert application.application_table(study, horizon=1).set_index("indicator").at[
        "rco84_pilot_actions", "projection"] == pytest.approx(10.0)


def test_fewer_than_three_waves_are_not_projected():
    study = innolab.load_study(DATA / "mini_study")  # two waves
    table = application.application_table(study)
    assert set(table["method"]) == {"too_few_waves"}
    assert table["projection"].isna().all()


def test_horizon_must_be_a_whole_number():
    study = innolab.load_study(DATA / "mini_study")
    for bad in (0, 1.5, True):
        with pytest.raises(ParameterError, match="horizon"):
            application.application_table(study, horizon=bad)


# --------------------------------------------------------------------------------------------
# the values are the indicators'


@pytest.mark.parametrize("where", ["example", "mini"])
def test_values_equal_the_indicators(where, example):
    study = example if where == "example" else innolab.load_study(DATA / "mini_study")
    table = application.application_table(study)
    ind = evidence.indicators(study)
    total = ind[ind["area_id"] == evidence.ALL].set_index("indicator")
    assert table["indicator"].tolist() == [i.id for i in evidence.INDICATORS.values()
                                           if i.interreg]
    assert set(table["code"]) == {"RCO87", "RCO84", "RCO116", "RCR84", "RCR104"}
    for r in table.itertuples():
        assert r.value == total.at[r.indicator, "value"]
        assert r.baseline == total.at[r.indicator, "baseline"]
        assert r.source == total.at[r.indicator, "source"]
        assert r.code == evidence.INDICATORS[r.indicator].interreg
    # the cumulative series ends at the value and starts at the baseline
    series = application.cumulative_by_wave(study)
    for i, s in series.groupby("indicator"):
        assert s["value"].iloc[-1] == total.at[i, "value"]
        assert s["value"].iloc[0] == total.at[i, "baseline"]


def test_projected_view_says_how(trend):
    pack = build_pack(trend, n_boot=20)
    assert (pack.application["method"] == "trend").all()
    for lang in ("en", "fi"):
        item = views.pack_tables(pack, lang)["evidence_application_indicators"]
        assert len(item.shown) == len(pack.application) == 6
        assert item.shown.iloc[:, 0].tolist() == pack.application["code"].tolist()
        # every projection states its method (over 4 waves) and its interval
        assert all("4" in m for m in item.shown.iloc[:, 7])
        assert all("–" in p for p in item.shown.iloc[:, 6])
        assert "12 (12–12)" in item.shown.iloc[:, 6].tolist()
    assert "application_indicators" in views.workbook_sheets(pack, "fi")
