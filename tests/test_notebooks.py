"""The report notebooks on real shapes of data: every area of the example, and a one-wave study.

The area profile and the per-area mobilisation report must run for any area: one with no ties,
one with no self-assessment, a study with a single wave.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from conftest import DATA, REPO, read_rows, write_rows

import innolab
from innolab.cli import main


def _jobs(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"),
                    reason="long profile: make test runs every notebook on the mini study, a "
                           "one-wave study and imported studies")
def test_mobilisation_notebook_runs_for_every_area_of_the_example(tmp_path):
    out = tmp_path / "example"
    code = main(["run", "--study", str(REPO / "data" / "example"), "--out", str(out),
                 "--notebooks", "04_mobilisation", "04_mobilisation_overview", "--quiet"])
    jobs = _jobs(out)
    assert code == 0, [j for j in jobs if j["status"] != "ok"]
    study = innolab.load_study(REPO / "data" / "example")
    assert sorted(j["area_id"] for j in jobs if j["area_id"]) == sorted(study.area_ids)
    for area in study.area_ids:
        doc = (out / area / "04_mobilisation.html").read_text(encoding="utf-8")
        assert "Who joins and who stays" in doc
        assert "not effects of support" in doc  # association, said plainly
    overview = (out / "study" / "04_mobilisation_overview.html").read_text(encoding="utf-8")
    assert "In the selected areas (4)" in overview


@pytest.fixture
def one_wave(tmp_path):
    """The mini study cut to its first wave (study.yaml declares only wave 0)."""
    dest = tmp_path / "one_wave"
    shutil.copytree(DATA / "mini_study", dest)
    (dest / "study.yaml").write_text(
        "name: one_wave\nlanguage: en\nwaves:\n  - {wave: 0, label: Autumn 2015, "
        "date: 2015-11-30}\n", encoding="utf-8")
    for table, col in [("ties", "wave"), ("events", "wave"), ("assessments", "wave"),
                       ("innovations", "wave"), ("support", "wave"), ("actors", "joined_wave")]:
        rows = read_rows(dest / f"{table}.csv")
        i = rows[0].index(col)
        write_rows(dest / f"{table}.csv", [rows[0]] + [r for r in rows[1:] if r[i] == "0"])
    rows = read_rows(dest / "participation.csv")
    write_rows(dest / "participation.csv", [rows[0]] + [r for r in rows[1:] if r[0] == "e1"])
    assert innolab.load_study(dest).wave_ids == [0]
    return dest


def test_every_notebook_runs_on_a_one_wave_study(one_wave, tmp_path):
    # Finnish prose of the same cases: tests/test_sections.py (no kernel needed there)
    out = tmp_path / "out"
    code = main(["run", "--study", str(one_wave), "--out", str(out), "--quiet"])
    jobs = _jobs(out)
    assert code == 0, [j["error"] for j in jobs if j["status"] != "ok"]
    assert {j["notebook"] for j in jobs} == {"01_area_profile", "02_networks", "03_criteria",
                                              "04_mobilisation", "04_mobilisation_overview",
                                              "05_selection", "06_peer_review",
                                              "07_evidence"}
    names = innolab.load_study(one_wave).actors["name"].dropna()
    for html in out.rglob("*.html"):
        doc = html.read_text(encoding="utf-8")
        assert not re.search(r">\s*nan\s*<|\bnan %|\bnan%", doc), f"NaN shown in {html}"
        for name in names:
            assert name not in doc
    doc = (out / "maunula" / "04_mobilisation.html").read_text(encoding="utf-8")
    assert "at least 3 waves" in doc


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_selection_memo_and_peer_review_render_from_the_example(tmp_path, lang):
    out = tmp_path / lang
    code = main(["run", "--study", str(REPO / "data" / "example"), "--out", str(out),
                 "--notebooks", "05_selection", "06_peer_review", "--lang", lang, "--quiet"])
    assert code == 0, [j for j in _jobs(out) if j["status"] != "ok"]
    memo = (out / "study" / "05_selection.html").read_text(encoding="utf-8")
    peer = (out / "study" / "06_peer_review.html").read_text(encoding="utf-8")
    fi = lang == "fi"
    for phrase in (["Suositus", "Tiukat tapaukset", "Krippendorffin alfa", "Tuki valituille"]
                   if fi else ["Recommended: Maunula", "Close calls", "Krippendorff's alpha",
                               "Support for the selected areas"]):
        assert phrase in memo
    for phrase in (["Mitä oppia toisilta", "Uudenmaan Leader-ryhmät", "pienin mahdollinen p-arvo"]
                   if fi else ["What to learn from each other", "Uusimaa LEADER groups",
                               "smallest possible p-value is 0.20"]):
        assert phrase in peer
    for name in ("selection_ranking", "rater_spread", "peer_review"):
        assert (out / "study" / "figures" / f"{name}.png").stat().st_size > 10_000
    assert (out / "study" / "tables" / "selection_ranking.csv").exists()
    assert (out / "study" / "tables" / "peer_review_learning.csv").exists()
    # no person's name: the steering group's raters are pseudonymous ids, actors never appear
    study = innolab.load_study(REPO / "data" / "example")
    names = [n for n in study.actors["name"].dropna() if len(n) > 3]
    assert not [n for n in names if n in memo or n in peer]
