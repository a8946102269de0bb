"""The peer-review comparison (innolab.peer_review)."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

import innolab
from innolab.analysis import peer_review
from innolab.errors import InnolabError, ParameterError
from innolab.reports.sections.peer_review import learning_table_text


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def _ratings(study, groups: dict[str, dict[str, list[float]]], notes=None):
    """A study whose peer_review table holds ``{practice: {group: ratings}}``."""
    rows = []
    for practice, by_group in groups.items():
        for group, ratings in by_group.items():
            for i, r in enumerate(ratings):
                rows.append({"organisation": f"{group} org {i}", "group": group,
                             "practice_id": practice, "practice_en": f"Practice {practice}",
                             "practice_fi": f"Käytäntö {practice}", "rating": r,
                             "note": (notes or {}).get((practice, group, i), "")})
    return dataclasses.replace(study, peer_review=pd.DataFrame(rows))


def _exact_p(x, y) -> float:
    """Two-sided exact permutation p-value of U by brute-force enumeration (independent check):
    twice the smaller one-sided tail, scipy's two-sided convention (which, with ties, can differ
    from P(|U − μ| ≥ |u − μ|))."""
    pooled = np.concatenate([x, y])
    ranks = pd.Series(pooled).rank().to_numpy()
    n1, n = len(x), len(pooled)

    def u_of(idx):
        return ranks[list(idx)].sum() - n1 * (n1 + 1) / 2

    observed = u_of(range(n1))
    us = np.array([u_of(c) for c in itertools.combinations(range(n), n1)])
    tail = min(np.mean(us >= observed - 1e-12), np.mean(us <= observed + 1e-12))
    return float(min(1.0, 2 * tail))


def test_mann_whitney_matches_r_wilcox_test(example):
    """R ``?wilcox.test`` example (Hollander & Wolfe 1973, p. 69, depression scale): x vs y gives
    W = 35, one-sided p = 0.1272, so two-sided exact p = 0.2544."""
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    study = _ratings(example, {"P1": {"helsinki": x, "uusimaa_leader": y}})
    c = peer_review.compare_practices(study)
    row = c.iloc[0]
    assert row["u"] == 35
    assert row["p_value"] == pytest.approx(0.2544, abs=1e-4)
    assert row["rank_biserial"] == pytest.approx(2 * 35 / 50 - 1)
    assert row["leader"] == "helsinki" and not row["clear"]


def test_ties_use_the_exact_permutation_distribution(example):
    x, y = [3, 4, 4], [2, 3]
    study = _ratings(example, {"P1": {"helsinki": x, "uusimaa_leader": y},
                               "P2": {"helsinki": [5, 5, 4], "uusimaa_leader": [1, 2]},
                               "P3": {"helsinki": [3, 3, 3], "uusimaa_leader": [3, 3]}})
    c = peer_review.compare_practices(study).set_index("practice_id")
    assert c.at["P1", "p_value"] == pytest.approx(_exact_p(np.array(x), np.array(y)))
    assert c.at["P1", "p_value"] == pytest.approx(0.4)
    # complete separation of 3 and 2 organisations: the smallest p there is
    assert c.at["P2", "p_value"] == pytest.approx(peer_review.min_p_value(3, 2)) == \
        pytest.approx(0.2)
    assert c.at["P2", "rank_biserial"] == 1.0
    # every rating equal: nothing to test, no leader
    assert c.at["P3", "p_value"] == 1.0 and c.at["P3", "leader"] is None
    assert c.attrs["min_p"] == pytest.approx(0.2)
    # Benjamini–Hochberg over the three practices (scipy.stats.false_discovery_control)
    p = c["p_value"].to_numpy()
    order = np.argsort(p)
    bh = np.minimum.accumulate((p[order] * 3 / np.arange(1, 4))[::-1])[::-1]
    assert np.allclose(c["p_adjusted"].to_numpy()[order], np.minimum(bh, 1))


def test_intervals_and_columns_on_the_example(example):
    c = peer_review.compare_practices(example, n_boot=500, seed=3)
    assert len(c) == example.peer_review["practice_id"].nunique()
    for g in ("helsinki", "uusimaa_leader"):
        assert (c[f"lo_{g}"] <= c[f"mean_{g}"] + 1e-9).all()
        assert (c[f"mean_{g}"] <= c[f"hi_{g}"] + 1e-9).all()
        assert c[f"lo_{g}"].between(1, 5).all() and c[f"hi_{g}"].between(1, 5).all()
    pd.testing.assert_frame_equal(c, peer_review.compare_practices(example, n_boot=500, seed=3))
    assert c["difference"].round(9).tolist() == (c["mean_helsinki"] -
                                                 c["mean_uusimaa_leader"]).round(9).tolist()


def test_learning_table_points_each_group_to_the_other(example):
    study = _ratings(example, {"P1": {"helsinki": [5, 5, 4], "uusimaa_leader": [2, 1]},
                               "P2": {"helsinki": [2, 2, 2], "uusimaa_leader": [4, 5]},
                               "P3": {"helsinki": [3, 3, 4], "uusimaa_leader": [3, 4]}},
                     notes={("P2", "uusimaa_leader", 0): "Kylätoimikunta päättää"})
    c = peer_review.compare_practices(study)
    codes = peer_review.learning_table(c, study)
    # the analysis returns group codes and both practice names
    assert set(codes["learner"]) == {"helsinki", "uusimaa_leader"}
    assert codes.set_index("practice_id").at["P2", "practice_fi"] == "Käytäntö P2"
    learn = learning_table_text(codes, "fi")
    # by learner (Helsinki first in Finnish), the largest gap first; P3's 0.17 is below half a
    # point
    assert learn["practice_id"].tolist() == ["P2", "P1"]
    by = learn.set_index("practice_id")
    assert by.at["P1", "teacher"] == "Helsingin paikalliskehittäjät"
    assert by.at["P2", "learner"] == "Helsingin paikalliskehittäjät"
    assert by.at["P2", "notes"] == "Kylätoimikunta päättää"
    assert by.at["P2", "practice"] == "Käytäntö P2"
    assert by.at["P2", "difference"] == pytest.approx(2.5)


def test_missing_table_group_or_bad_groups_are_clear_errors(example):
    with pytest.raises(InnolabError, match="no peer_review table"):
        peer_review.compare_practices(dataclasses.replace(
            example, peer_review=example.peer_review.iloc[0:0]))
    only = _ratings(example, {"P1": {"helsinki": [3, 4]}})
    with pytest.raises(InnolabError, match="No peer-review ratings from group 'uusimaa_leader'"):
        peer_review.compare_practices(only)
    with pytest.raises(ParameterError, match="Unknown peer-review group"):
        peer_review.compare_practices(example, groups=("helsinki", "espoo"))
    with pytest.raises(ParameterError, match="two different groups"):
        peer_review.compare_practices(example, groups=("helsinki", "helsinki"))


def test_a_group_of_one_gets_no_test(example):
    study = _ratings(example, {"P1": {"helsinki": [4], "uusimaa_leader": [3, 2]}})
    row = peer_review.compare_practices(study).iloc[0]
    assert np.isnan(row["p_value"]) and np.isnan(row["rank_biserial"])
    assert row["difference"] == 1.5 and row["leader"] == "helsinki" and not row["clear"]
