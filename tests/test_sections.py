"""Report sections: the prose reads the same numbers as the tables, in both languages."""

from __future__ import annotations

import re

import pytest
from conftest import DATA, REPO

import innolab
from innolab import criteria, sections


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def test_area_criteria_prose_matches_the_uncertainty_table(example):
    unc = criteria.uncertainty(example, n=200, seed=1).set_index("area_id").loc["maunula"]
    sec = sections.area_criteria(example, "maunula", "en", n=200, seed=1)
    stage = criteria.stage_label(unc["stage"], "en")
    assert f"at stage **{stage}**" in sec.text
    assert f"probability {round(100 * unc['p_' + unc['stage']])}%" in sec.text
    assert f"rank {int(unc['nominal_rank'])} of 12" in sec.text
    names = [i[1] for i in sec.items if i[0] in ("table", "figure")]
    assert names == ["criteria_profile", "criteria_profile", "self_vs_external",
                     "self_vs_external", "support_plan"]


def test_area_criteria_in_finnish(example):
    sec = sections.area_criteria(example, "maunula", "fi", n=100, seed=0)
    assert "Kriteeripisteet" in sec.text and "asteikolla 0–4" in sec.text
    assert "Heikoimmat ulottuvuudet" in sec.text
    assert re.search(r"\d,\d\d", sec.text), "Finnish numbers use a decimal comma"


def test_sections_never_print_nan():
    mini = innolab.load_study(DATA / "mini_study")
    for area in mini.area_ids:
        for lang in ("en", "fi"):
            text = sections.area_criteria(mini, area, lang, n=50).text
            assert not re.search(r"\bnan\b", text.lower())
    text = sections.study_criteria(mini, "en", n=50, n_sobol=32).text
    assert not re.search(r"\bnan\b", text.lower())
    assert "1.3 (nobody answered)" in text


def test_area_without_self_assessment_says_so():
    mini = innolab.load_study(DATA / "mini_study")
    sec = sections.area_criteria(mini, "tuusula", "en")
    assert sec.text.endswith("The data hold no self-assessment for Tuusula keskusta.")
    assert not [i for i in sec.items if i[0] != "md"]


def test_study_criteria_sections(example):
    sec = sections.study_criteria(example, "en", n=100, n_sobol=64, seed=0)
    assert "12 areas are assessed" in sec.text
    names = [i[1] for i in sec.items if i[0] == "table"]
    assert names == ["criteria_scores", "rank_intervals", "agreement", "item_analysis",
                     "sensitivity", "self_vs_external"]
