"""innolab.reliability against published values; each test names the source of its numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, REPO, append_row
from scipy import stats

import innolab
from innolab.analysis.agreement import agreement
from innolab.errors import ParameterError
from innolab.stats.reliability import cronbach_alpha, icc, krippendorff_alpha, rwg_j

nan = np.nan

# Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
# Communication, University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 —
# section C, "Nominal data, any number of observers, missing data": 4 observers × 12 units.
# The same matrix and values are in the tests of the `krippendorff` package on PyPI.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]


@pytest.mark.parametrize(("level", "expected"), [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_alpha_matches_krippendorff_2011(level, expected):
    # Krippendorff (2011), pp. 4-7: alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval),
    # 0.797 (ratio) for the data above.
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(expected,
                                                                                abs=5e-4)


def test_krippendorff_alpha_long_input_and_full_scale_give_the_same():
    m = np.array(KRIPPENDORFF_2011)
    long = pd.DataFrame([{"rater": r, "unit": u, "value": m[r, u]}
                         for r in range(4) for u in range(12) if not np.isnan(m[r, u])])
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(long, level=level) == pytest.approx(
            krippendorff_alpha(m, level=level))
        # values nobody used change nothing
        assert krippendorff_alpha(m, level=level, values=[0, 1, 2, 3, 4, 5, 6]) == \
            pytest.approx(krippendorff_alpha(m, level=level))


def test_krippendorff_alpha_degenerate_and_bad_input():
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]]) == 1.0
    assert np.isnan(krippendorff_alpha([[2, 2], [2, 2]]))  # no variation: undefined
    assert np.isnan(krippendorff_alpha([[1, nan], [nan, 2]]))  # nothing pairable
    with pytest.raises(ParameterError, match="Unknown level"):
        krippendorff_alpha(KRIPPENDORFF_2011, level="cardinal")
    with pytest.raises(ParameterError, match="not on the given scale"):
        krippendorff_alpha(KRIPPENDORFF_2011, values=[1, 2, 3])


# pingouin's dataset "cronbach_alpha" (15 subjects × 10 items; pingouin/datasets/
# cronbach_alpha.csv). pingouin's tests (tests/test_reliability.py) check alpha = 0.592 and the
# Feldt interval [0.195, 0.840] against R psych::alpha.
PINGOUIN_CRONBACH = np.array([
    [3, 2, 4, 1, 4, 5, 1, 4, 3, 2], [5, 4, 6, 3, 5, 1, 2, 5, 5, 5],
    [7, 3, 5, 5, 6, 4, 3, 3, 6, 5], [2, 4, 3, 3, 2, 2, 2, 6, 6, 3],
    [6, 5, 6, 5, 4, 4, 4, 6, 7, 5], [1, 2, 3, 4, 2, 5, 2, 3, 5, 2],
    [4, 3, 5, 3, 5, 2, 1, 2, 4, 3], [2, 4, 4, 3, 7, 2, 2, 4, 6, 5],
    [6, 5, 5, 5, 1, 6, 5, 2, 3, 2], [5, 4, 6, 4, 3, 5, 3, 1, 7, 2],
    [4, 3, 5, 2, 5, 3, 2, 3, 4, 1], [4, 2, 3, 2, 5, 3, 4, 2, 3, 4],
    [5, 5, 6, 2, 3, 3, 2, 4, 4, 5], [6, 5, 5, 4, 2, 2, 1, 4, 6, 5],
    [4, 3, 5, 5, 3, 1, 3, 2, 3, 4],
], dtype=float)


def test_cronbach_alpha_and_feldt_interval_match_psych():
    # Values: pingouin tests / R psych::alpha on the dataset above: 0.592, [0.195, 0.840].
    res = cronbach_alpha(PINGOUIN_CRONBACH)
    assert list(res.columns) == ["alpha", "ci_low", "ci_high", "n_subjects", "n_items",
                                 "n_dropped"]
    row = res.iloc[0]
    assert round(row["alpha"], 3) == 0.592
    assert round(row["ci_low"], 3) == 0.195
    assert round(row["ci_high"], 3) == 0.840
    assert (row["n_subjects"], row["n_items"], row["n_dropped"]) == (15, 10, 0)


def test_cronbach_alpha_listwise_deletion_is_as_stated():
    x = PINGOUIN_CRONBACH.copy()
    x[2, 0] = nan
    res = cronbach_alpha(x).iloc[0]
    ref = cronbach_alpha(np.delete(PINGOUIN_CRONBACH, 2, axis=0)).iloc[0]
    assert res["alpha"] == pytest.approx(ref["alpha"])
    assert res["ci_low"] == pytest.approx(ref["ci_low"])
    assert (res["n_subjects"], res["n_dropped"]) == (14, 1)
    pair = cronbach_alpha(x, missing="pairwise").iloc[0]
    assert pair["n_subjects"] == 15 and np.isfinite(pair["alpha"])
    with pytest.raises(ParameterError, match="two items"):
        cronbach_alpha(x[:, :1])
    with pytest.raises(ParameterError, match="two subjects"):
        cronbach_alpha([[1, nan], [nan, 2], [3, 3]])


# psych's data set bfi, items A2-A5 (2,800 rows, 79 with a missing answer, 3 with one answer
# only; tests/data/psych_bfi/README.md). R psych::alpha(bfi[, c("A2","A3","A4","A5")],
# use = "pairwise") reports raw_alpha 0.718517 (quoted in innolab issue 14). Its Feldt interval is
# psych's alpha.ci(alpha, nsub, nvar) with nsub = dim(x)[1] = 2800 (psych 2.5.3, R/alpha.R: nsub
# at line 45, alpha.ci at lines 278-281).
BFI = pd.read_csv(DATA / "psych_bfi" / "bfi_A2_A5.csv", index_col="id")


def test_pairwise_cronbach_alpha_matches_psych_on_bfi_with_missing_answers():
    res = cronbach_alpha(BFI, missing="pairwise").iloc[0]
    assert round(res["alpha"], 6) == 0.718517
    assert (res["n_subjects"], res["n_items"], res["n_dropped"]) == (2800, 4, 0)
    f = stats.f.isf([0.025, 0.975], 2799, 2799 * 3)  # qf(1 - .05/2, …), qf(.05/2, …)
    assert res["ci_low"] == pytest.approx(1 - (1 - 0.718517) * f[0], abs=1e-6)
    assert res["ci_high"] == pytest.approx(1 - (1 - 0.718517) * f[1], abs=1e-6)
    # listwise deletion is another number on the same data: the 2,721 complete rows
    listwise = cronbach_alpha(BFI).iloc[0]
    assert (listwise["n_subjects"], listwise["n_dropped"]) == (2721, 79)
    assert round(listwise["alpha"], 6) != 0.718517


def test_pairwise_cronbach_alpha_uses_a_subject_who_answered_one_item():
    # psych's formula on hand-made data: alpha = k/(k-1) (1 - tr C / sum C) with C the pairwise
    # covariance matrix over all rows. Row 5 answered item 0 only: it counts in var(item 0).
    x = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 3, 5], [6, nan, nan], [nan, 1, 2]])
    c = pd.DataFrame(x).cov().to_numpy()
    expected = 3 / 2 * (1 - np.trace(c) / c.sum())
    res = cronbach_alpha(x, missing="pairwise").iloc[0]
    assert res["alpha"] == pytest.approx(expected)
    assert res["n_subjects"] == 6
    without = pd.DataFrame(np.delete(x, 4, axis=0)).cov().to_numpy()
    assert res["alpha"] != pytest.approx(3 / 2 * (1 - np.trace(without) / without.sum()))
    # a row with no answer at all is no subject
    empty = cronbach_alpha(np.vstack([x, [nan, nan, nan]]), missing="pairwise").iloc[0]
    assert (empty["alpha"], empty["n_subjects"], empty["n_dropped"]) == (res["alpha"], 6, 1)


# Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
# reliability. Psychological Bulletin 86(2), 420-428, Table 2: 6 targets × 4 judges.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9],
                 [6, 2, 4, 7]]


def test_icc_six_forms_match_shrout_fleiss_and_psych():
    # ICC values: Shrout & Fleiss (1979), Table 4: .17 .29 .71 .44 .62 .91.
    # F, df, p and 95 % bounds: R psych::ICC(sf) (ANOVA), as printed in psych's documentation
    # and reproduced in pingouin's tests: F 1.79 / 11.03, p .165 / .00013, lower -0.133 .019
    # .342 -0.884 .071 .676, upper .72 .76 .95 .91 .93 .99.
    res = icc(SHROUT_FLEISS)
    assert res["type"].tolist() == ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"]
    np.testing.assert_allclose(res["icc"].round(2), [0.17, 0.29, 0.71, 0.44, 0.62, 0.91])
    np.testing.assert_allclose(res["F"].round(1), [1.8, 11.0, 11.0, 1.8, 11.0, 11.0])
    np.testing.assert_allclose(res["df1"], [5] * 6)
    np.testing.assert_allclose(res["df2"], [18, 15, 15, 18, 15, 15])
    np.testing.assert_allclose(res["p_value"], [0.16477, 0.00013, 0.00013, 0.16477, 0.00013,
                                                0.00013], atol=1e-4)
    np.testing.assert_allclose(res["ci_low"], [-0.133, 0.019, 0.342, -0.884, 0.071, 0.676],
                               atol=1e-3)
    np.testing.assert_allclose(res["ci_high"].round(2), [0.72, 0.76, 0.95, 0.91, 0.93, 0.99])


def test_icc_long_input_and_second_published_example():
    # Wine example of real-statistics.com ("Intraclass correlation", Example 1; pingouin dataset
    # "icc"): 8 wines × 4 judges; ICC 0.73 0.73 0.73 0.91 0.91 0.92, lower bounds 0.43 (single)
    # and 0.75 (average), upper 0.93 and 0.98, as in pingouin's tests.
    wine = {"A": [1, 1, 3, 6, 6, 7, 8, 9], "B": [2, 3, 8, 4, 5, 5, 7, 9],
            "C": [0, 3, 1, 3, 5, 6, 7, 9], "D": [1, 2, 4, 3, 6, 2, 9, 8]}
    long = pd.DataFrame([{"target": i, "rater": j, "rating": v}
                         for j, col in wine.items() for i, v in enumerate(col)])
    res = icc(long)
    np.testing.assert_allclose(res["icc"].round(2), [0.73, 0.73, 0.73, 0.91, 0.91, 0.92])
    np.testing.assert_allclose(res["ci_low"].round(2), [0.43, 0.43, 0.43, 0.75, 0.75, 0.75])
    np.testing.assert_allclose(res["ci_high"].round(2), [0.93, 0.93, 0.93, 0.98, 0.98, 0.98])
    with pytest.raises(ParameterError, match="two complete targets"):
        icc([[1, 2]])


def test_rwg_j_definition():
    # James, Demaree & Wolf (1984), eq. for r_wg(J) with the uniform null on A = 5 points:
    # sigma_EU^2 = (25 - 1)/12 = 2. Two items with variances 0.5 and 1.5 -> mean 1.0, ratio 0.5,
    # r_wg(2) = 2 * 0.5 / (2 * 0.5 + 0.5) = 2/3 (hand computation from the formula).
    x = np.array([[0, 1], [1, 3], [1, 1], [2, 3]], dtype=float)  # variances 0.667, 1.333
    assert np.nanvar(x, axis=0, ddof=1).mean() == pytest.approx(1.0)
    assert rwg_j(x, 0, 4) == pytest.approx(2 / 3)
    assert rwg_j([[2, 3], [2, 3]], 0, 4) == 1.0  # full agreement
    assert rwg_j([[0, 0], [4, 4]], 0, 4) == 0.0  # more spread than random: set to 0
    assert np.isnan(rwg_j([[2, 3]], 0, 4))  # one respondent


def test_agreement_on_the_example_study():
    study = innolab.load_study(REPO / "data" / "example")
    res = agreement(study)
    assert list(res.columns) == ["area_id", "wave", "assessor", "dimension_id",
                                 "n_respondents", "n_criteria", "n_answers", "mean",
                                 "sd_between", "rwg_j", "kripp_alpha"]
    assert len(res) == 12 * 8
    assert res["rwg_j"].between(0, 1).all()
    assert (res["n_respondents"] >= 2).all()


def test_agreement_with_one_respondent_is_nan_and_says_n(mini):
    # tuusula gets a single self-assessment respondent
    append_row(mini / "assessments.csv", {"area_id": "tuusula", "wave": "0", "assessor": "self",
                                          "respondent_id": "t1", "respondent_sector": "people",
                                          "criterion_id": "1.1", "score": "3"})
    res = agreement(innolab.load_study(mini), wave=0)
    t = res[(res["area_id"] == "tuusula") & (res["dimension_id"] == "D1")].iloc[0]
    assert t["n_respondents"] == 1
    assert np.isnan(t["rwg_j"]) and np.isnan(t["kripp_alpha"]) and np.isnan(t["sd_between"])


def test_agreement_wave_without_assessments_is_a_clear_error():
    study = innolab.load_study(DATA / "mini_study")
    with pytest.raises(ParameterError, match="Wave 1 .* no self assessments; waves with self "
                                             "assessments: 0"):
        agreement(study, wave=1)
