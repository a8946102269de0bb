"""Report sections: the prose reads the same numbers as the tables, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, REPO

import innolab
from innolab.analysis import criteria
from innolab.reports import sections
from innolab.reports.criteria_text import stage_label
from innolab.reports.section import Figure, Table


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(REPO / "data" / "example")


def test_area_criteria_prose_matches_the_uncertainty_table(example):
    unc = criteria.uncertainty(example, n=200, seed=1).set_index("area_id").loc["maunula"]
    sec = sections.area_criteria(example, "maunula", "en", n=200, seed=1)
    stage = stage_label(unc["stage"], "en")
    assert f"at stage **{stage}**" in sec.text
    assert f"probability {round(100 * unc['p_' + unc['stage']])}%" in sec.text
    assert f"rank {int(unc['nominal_rank'])} of 12" in sec.text
    names = [i.name for i in sec.items if isinstance(i, Table | Figure)]
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
    assert not [*sec.tables, *sec.figures]


def test_study_criteria_sections(example):
    sec = sections.study_criteria(example, "en", n=100, n_sobol=64, seed=0)
    assert "12 areas are assessed" in sec.text
    names = list(sec.tables)
    assert names == ["criteria_scores", "rank_intervals", "agreement", "item_analysis",
                     "sensitivity", "self_vs_external"]


def test_area_network_prose_reads_the_measures(example):
    from innolab.analysis import network

    row = network.area_measures(example, areas=["maunula"], n=200, seed=0).iloc[0]
    sec = sections.area_network(example, "maunula", "en", n=200, seed=0)
    assert f"{int(row['actors'])} actors and {int(row['ties'])} ties" in sec.text
    assert f"E-I = {row['ei']:.2f}, permutation p = {row['ei_p_value']:.3f}" in sec.text
    assert "The main brokers (pseudonymous ids): mau" in sec.text
    figures = list(sec.figures)
    assert figures == ["network_map", "sector_mixing", "brokerage_by_sector"]


def test_network_sections_without_ties():
    mini = innolab.load_study(DATA / "mini_study")
    assert "No ties among Tuusula keskusta's actors are recorded in Kevät 2016." in \
        sections.area_network(mini, "tuusula", "en").text
    fi = sections.area_network(mini, "kalamaja", "fi").text
    assert "Alueen Kalamaja toimijoiden välille ei ole kirjattu suhteita" in fi


def test_mobilisation_sections(example):
    from innolab.analysis import mobilisation as mb

    h = mb.headline(example, "maunula")
    sec = sections.area_mobilisation(example, "maunula", "en", n_boot=100)
    assert f"Active actors: {h['active_first']} (Syksy 2015) → {h['active_last']} (Kesä 2016)" \
        in sec.text
    assert "not effects of support" in sec.text
    head = sections.profile_mobilisation_headline(example, "maunula", "fi")
    assert "[hakemisto](../index.html#area-maunula)" in head.text
    overview = sections.study_mobilisation(example, "en")
    assert "In the selected areas (4)" in overview.text


def test_one_wave_prose_in_finnish():
    """A study with a single wave: every area section in Finnish says what cannot be computed."""
    import shutil
    import tempfile

    from conftest import read_rows, write_rows

    with tempfile.TemporaryDirectory() as tmp:
        dest = shutil.copytree(DATA / "mini_study", f"{tmp}/one")
        for table, col in [("ties", "wave"), ("events", "wave"), ("assessments", "wave"),
                           ("innovations", "wave"), ("support", "wave"),
                           ("actors", "joined_wave")]:
            rows = read_rows(Path(dest) / f"{table}.csv")
            i = rows[0].index(col)
            write_rows(Path(dest) / f"{table}.csv", [rows[0]] + [r for r in rows[1:]
                                                                  if r[i] == "0"])
        rows = read_rows(Path(dest) / "participation.csv")
        write_rows(Path(dest) / "participation.csv",
                   [rows[0]] + [r for r in rows[1:] if r[0] == "e1"])
        (Path(dest) / "study.yaml").write_text("name: one\nwaves:\n  - {wave: 0}\n",
                                               encoding="utf-8")
        one = innolab.load_study(dest)
        for area in one.area_ids:
            text = sections.area_mobilisation(one, area, "fi", n_boot=50).text
            assert "Aineistossa on 1 aalto; käyrässä on 3 parametria" in text
            for make in (sections.area_network, sections.area_criteria,
                         sections.profile_mobilisation_headline):
                assert not re.search(r"\bnan\b", make(one, area, "fi").text.lower())


def test_fit_notes_in_finnish():
    from innolab.reports.sections import _fi_note

    assert _fi_note("Parameter t0 is poorly determined (its standard error exceeds the "
                    "estimate).") == ("Parametri t0 on huonosti määritetty (keskivirhe ylittää "
                                      "estimaatin).")
    assert _fi_note("The data show no slowing of growth: the saturation level K ran to its cap "
                    "(100 × the largest count), so …").startswith("Kasvu ei aineistossa")
    assert _fi_note("Something new.") == "Something new."  # unknown notes stay in English
