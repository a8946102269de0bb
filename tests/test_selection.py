"""Selecting applicant areas under the Helsinki / outside constraint (innolab.selection)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

import innolab
from innolab.analysis import criteria, selection
from innolab.errors import InnolabError, ParameterError


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def _with_assessments(study, assessments: pd.DataFrame):
    return dataclasses.replace(study, assessments=assessments.reset_index(drop=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.one_of(st.floats(0, 4), st.just(np.nan))),
                min_size=1, max_size=12),
       st.integers(0, 4), st.integers(0, 3))
def test_the_constraint_holds_whatever_the_scores(areas, n_h, n_o):
    inside = np.array([a[0] for a in areas])
    score = np.array([a[1] for a in areas])
    ok_in = int((inside & ~np.isnan(score)).sum())
    ok_out = int((~inside & ~np.isnan(score)).sum())
    if ok_in < n_h or ok_out < n_o:
        with pytest.raises(InnolabError, match="Helsinki"):
            selection.selection_constraint(inside, score, n_h, n_o)
        return
    sel = selection.selection_constraint(inside, score, n_h, n_o)
    assert (sel & inside).sum() == n_h and (sel & ~inside).sum() == n_o
    assert not np.isnan(score[sel]).any()
    for group in (inside, ~inside):  # nobody left out scores above somebody picked
        picked, left = score[sel & group], score[~sel & group & ~np.isnan(score)]
        if len(picked) and len(left):
            assert picked.min() >= left.max()


def test_ranking_of_the_example(example):
    r = selection.rank_applicants(example, n_draws=400, seed=1)
    assert list(r.columns) == ["area_id", "in_helsinki", "score", "rank", "rank_q05",
                               "rank_q95", "p_selected", "selected"]
    # the score is innolab's criteria index of the application ratings on the 0–4 scale
    ref = criteria.score(example, assessor="application", normalise="none").set_index("area_id")
    assert np.allclose(r.set_index("area_id")["score"], ref.loc[r["area_id"], "index_scale"])
    assert r["score"].is_monotonic_decreasing
    # the top four are all in Helsinki: the fourth stays out, the best outside area gets in
    assert r["in_helsinki"].head(4).all()
    assert r.loc[r["selected"] & r["in_helsinki"], "area_id"].tolist() == \
        r.loc[r["in_helsinki"], "area_id"].head(3).tolist()
    assert not r.loc[3, "selected"]
    assert r.loc[r["selected"] & ~r["in_helsinki"], "area_id"].tolist() == ["hyryla"]
    # every draw selects exactly four areas: the probabilities add up to four
    assert r["p_selected"].sum() == pytest.approx(4.0)
    assert ((r["rank_q05"] <= r["rank"]) | (r["rank_q95"] >= r["rank"])).all()
    assert (r["rank_q05"] <= r["rank_q95"]).all()
    assert r.attrs["crossed"] and r.attrs["n_raters"] == 5 and -1 < r.attrs["alpha"] < 1
    # same seed, same table; another seed, another Monte Carlo
    pd.testing.assert_frame_equal(r, selection.rank_applicants(example, n_draws=400, seed=1))


def test_no_applicant_outside_helsinki_is_a_clear_error(example):
    a = example.assessments
    only_helsinki = _with_assessments(example, a[~((a["assessor"] == "application")
                                                   & (a["area_id"] == "hyryla"))])
    with pytest.raises(InnolabError, match=r"1 area outside Helsinki should be selected, but "
                                           r"only 0 applicants outside Helsinki"):
        selection.rank_applicants(only_helsinki, n_draws=10)
    # asking for none outside is fine
    r = selection.rank_applicants(only_helsinki, n_outside=0, n_draws=10)
    assert r["selected"].sum() == 3 and r["in_helsinki"].all()


def test_no_application_ratings_and_bad_parameters(example):
    a = example.assessments
    none = _with_assessments(example, a[a["assessor"] != "application"])
    with pytest.raises(InnolabError, match="no application ratings"):
        selection.rank_applicants(none)
    for kw, msg in [({"n_helsinki": -1}, "n_helsinki"), ({"n_draws": 1.5}, "n_draws"),
                    ({"weight_noise": 1.2}, "weight_noise"),
                    ({"n_helsinki": 0, "n_outside": 0}, "Nothing to select"),
                    ({"n_helsinki": 9}, "only 7 applicants in Helsinki")]:
        with pytest.raises((ParameterError, InnolabError), match=msg):
            selection.rank_applicants(example, **{"n_draws": 5, **kw})


def _identical_raters(study):
    """Every steering-group rater gives sg1's scores."""
    a = study.assessments.copy()
    app = a["assessor"] == "application"
    first = a[app & (a["respondent_id"] == "sg1")].set_index(["area_id", "criterion_id"])["score"]
    keys = pd.MultiIndex.from_frame(a.loc[app, ["area_id", "criterion_id"]])
    a.loc[app, "score"] = first.reindex(keys).to_numpy()
    return _with_assessments(study, a)


def test_identical_raters_agree_perfectly_and_narrow_the_intervals(example):
    same = _identical_raters(example)
    r = selection.rank_applicants(same, n_draws=300, seed=0)
    assert r.attrs["alpha"] == pytest.approx(1.0)
    # without weight noise nothing varies: every interval is the rank itself
    r0 = selection.rank_applicants(same, n_draws=300, seed=0, weight_noise=0)
    assert (r0["rank_q05"] == r0["rank"]).all() and (r0["rank_q95"] == r0["rank"]).all()
    assert set(r0["p_selected"]) <= {0.0, 1.0}
    # with it, the intervals are no wider than those of the real (disagreeing) raters
    real = selection.rank_applicants(example, n_draws=300, seed=0)
    width = (r["rank_q95"] - r["rank_q05"]).mean()
    assert width <= (real["rank_q95"] - real["rank_q05"]).mean()


def test_the_rater_bootstrap_is_joint_when_raters_rate_every_area(example):
    """A rater who is one point stricter than another everywhere moves no rank: resampled
    jointly (crossed design), the raters shift every area alike; resampled area by area, they
    would not."""
    a = _identical_raters(example).assessments.copy()
    app = a["assessor"] == "application"
    a.loc[app, "score"] = a.loc[app, "score"].clip(lower=1)
    a.loc[app & a["respondent_id"].isin(["sg2", "sg4"]), "score"] -= 1
    study = _with_assessments(example, a)
    r = selection.rank_applicants(study, n_draws=300, seed=0, weight_noise=0)
    assert r.attrs["crossed"]
    assert (r["rank_q05"] == r["rank"]).all() and (r["rank_q95"] == r["rank"]).all()
    # drop one rater of one area: no longer crossed, the bootstrap goes area by area
    nested = a[~((a["assessor"] == "application") & (a["area_id"] == "maunula")
                 & (a["respondent_id"] == "sg5"))]
    rn = selection.rank_applicants(_with_assessments(example, nested), n_draws=300, seed=0,
                                   weight_noise=0)
    assert not rn.attrs["crossed"]
    assert (rn["rank_q95"] - rn["rank_q05"]).max() > 0


def test_rater_disagreement_and_close_calls(example):
    d = selection.rater_disagreement(example, top=0)
    a = example.assessments
    a = a[(a["assessor"] == "application") & a["score"].notna()]
    first = d.iloc[0]
    vals = a[(a["area_id"] == first["area_id"]) & (a["criterion_id"] == first["criterion_id"])]
    assert first["sd"] == pytest.approx(np.std(vals["score"], ddof=1))
    assert first["range"] == vals["score"].max() - vals["score"].min()
    assert d["sd"].is_monotonic_decreasing
    assert len(selection.rater_disagreement(example, top=3)) == 3

    ranking = pd.DataFrame({
        "area_id": list("abcde"), "in_helsinki": [True, True, True, False, False],
        "score": [3.0, 2.5, 2.4, 2.0, 1.9], "rank": [1, 2, 3, 4, 5],
        "rank_q05": [1, 2, 2, 4, 4], "rank_q95": [1, 3, 3, 5, 5],
        "p_selected": [1.0, 0.6, 0.4, 0.55, 0.45],
        "selected": [True, True, False, True, False]})
    calls = selection.close_calls(ranking)
    assert calls["area_id"].tolist() == ["b", "c", "d", "e"]
    assert calls["margin"].round(6).tolist() == [0.1, -0.1, 0.1, -0.1]
    with pytest.raises(ParameterError):
        selection.close_calls(ranking, low=0.9, high=0.1)


def test_selection_uses_only_the_public_composite_api():
    import ast

    tree = ast.parse((REPO / "innolab" / "analysis" / "selection.py").read_text())
    private = [f"{n.value.id}.{n.attr}" for n in ast.walk(tree)
               if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
               and n.value.id in {"composite", "criteria", "_criteria"}
               and n.attr.startswith("_")]
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                for a in n.names if a.name.startswith("_")]
    assert not private and not imported
