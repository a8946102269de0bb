"""Every valid study runs to the end (issue 14): property-based tests over generated studies.

``tests/strategies.py`` draws valid studies of many shapes. For each one, every public analysis
function must return a defined result or raise :class:`InnolabError` (any other exception is a
bug), every report section in both languages must build without an exception and without
"nan" or "None" in its text, and on a small sample ``run_reports`` must write every report.
The default run uses a fixed (derandomized) seed and few examples; ``INNOLAB_LONG=1`` (``make
test-long``) tries many more.
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from strategies import StudySpec, studies

import innolab
from innolab.errors import InnolabError

LONG = bool(os.environ.get("INNOLAB_LONG"))
COMMON = dict(derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
ANALYSIS = settings(max_examples=400 if LONG else 4, **COMMON)
SECTIONS = settings(max_examples=150 if LONG else 1, **COMMON)
RUNS = settings(max_examples=12 if LONG else 1, **COMMON)
# "None" as a value shown, not the English word that opens "None of the actors …"
BAD_WORD = re.compile(r"\b(nan|NaN|inf)\b|\bNone\b(?! [a-z])")


def _load(spec: StudySpec, folder: Path):
    spec.write(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return innolab.load_study(folder)


def _defined(call, *args, **kwargs):
    """Call an analysis function: a result, or an InnolabError (a clear refusal)."""
    try:
        result = call(*args, **kwargs)
    except InnolabError as exc:
        assert str(exc).strip(), f"{call.__name__} raised an InnolabError without a message"
        return None
    assert result is not None or call.__name__ in {"network_change"}, call.__name__
    return result


def check_analysis(study) -> None:
    """Run every public analysis function over the study and each of its areas."""
    from innolab.analysis import agreement, criteria, mobilisation, network, profile
    from innolab.analysis.peer_review import compare_practices
    from innolab.analysis.selection import rank_applicants
    from innolab.evidence.pack import build_pack

    whole = profile.active_actors(study)
    cards = _defined(profile.area_key_numbers, study)  # the index page's, all areas at once
    for area_id in study.areas["area_id"]:
        for fn in (profile.facts, profile.actor_mix, profile.target_groups, profile.kehra):
            _defined(fn, study, area_id)
        # one area's rows are the whole study's rows of that area; the index card's count of
        # active actors is the activity table's last wave
        pd.testing.assert_frame_equal(profile.active_actors(study, area_id),
                                      whole[whole["area_id"] == area_id].reset_index(drop=True))
        act = _defined(profile.activity, study, area_id)
        numbers = _defined(profile.key_numbers, study, area_id)
        if act is not None and numbers is not None:
            assert numbers["active"] == (int(act["active"].iloc[-1]) if len(act) else 0)
        if numbers is not None:
            assert cards[area_id] == numbers
        G = _defined(network.build_graph, study, area_id)
        if G is not None:
            _defined(network.key_actors, G)
            _defined(network.brokerage, G)
        _defined(network.network_change, study, area_id)
        _defined(criteria.support_plan, study, area_id)
        _defined(criteria.dimension_intervals, study, area_id, n=50)
        for fn in (mobilisation.flows, mobilisation.funnel, mobilisation.mobilisation_curve,
                   mobilisation.inclusion, mobilisation.headline):
            _defined(fn, study, area_id)
    _defined(network.build_graph, study)
    _defined(network.area_measures, study, n=50)
    _defined(network.network_change, study)
    _defined(criteria.score, study)
    _defined(criteria.uncertainty, study, n=20, normalisations=("minmax",))
    _defined(criteria.dimension_intervals, study, n=50)
    _defined(criteria.self_vs_external, study)
    _defined(criteria.item_analysis, study)
    _defined(agreement.agreement, study)
    _defined(mobilisation.support_vs_change, study, n_boot=50)
    summary = _defined(mobilisation.area_summary, study)
    if summary is not None:
        _defined(mobilisation.compare_groups, summary)
    _defined(rank_applicants, study, n_draws=30)
    _defined(compare_practices, study, n_boot=50)
    _defined(build_pack, study, n_boot=50)


@ANALYSIS
@given(studies(max_areas=60 if LONG else 6))
def test_every_analysis_function_gives_a_result_or_a_clear_error(spec):
    with tempfile.TemporaryDirectory() as d:
        check_analysis(_load(spec, Path(d)))


SMALL_N = {"area_criteria": {"n": 30}, "study_criteria": {"n": 30, "n_sobol": 16},
           "area_network": {"n": 30}, "study_networks": {"n": 30},
           "area_mobilisation": {"n_boot": 30}, "selection_memo": {"n_draws": 30},
           "peer_review_report": {"n_boot": 30}, "evidence_pack": {"n_boot": 30}}


def check_sections(study, out: Path) -> None:
    """Build every report section in both languages; no exception, no nan/None in the text."""
    from innolab.reports import sections
    from innolab.reports.notebook import Report

    per_area = ["area_facts", "area_actors", "area_kehra", "area_activity", "area_criteria",
                "area_network", "profile_mobilisation_headline", "area_mobilisation"]
    per_study = ["study_criteria", "study_networks", "study_mobilisation", "selection_memo",
                 "peer_review_report", "evidence_pack"]
    for lang in ("en", "fi"):
        report = Report(study, lang, out, {}, None)
        for name in per_study:
            sec = report.section(getattr(sections, name), **SMALL_N.get(name, {}))
            assert not BAD_WORD.search(sec.text), (name, lang, sec.text)
        for area_id in study.areas["area_id"]:
            report = Report(study, lang, out, {}, area_id)
            for name in per_area:
                sec = report.section(getattr(sections, name), **SMALL_N.get(name, {}))
                assert not BAD_WORD.search(sec.text), (name, area_id, lang, sec.text)
            sentences = sections.profile_sentences(study, area_id, lang)
            assert not any(BAD_WORD.search(s) for s in sentences), sentences


@SECTIONS
@given(studies(max_areas=6))
def test_every_report_section_builds_in_both_languages(spec):
    import matplotlib.pyplot as plt

    with tempfile.TemporaryDirectory() as d:
        try:
            check_sections(_load(spec, Path(d) / "study"), Path(d) / "out")
        finally:
            plt.close("all")


@RUNS
@given(studies(max_areas=3))
def test_innolab_run_writes_every_report(spec):
    from innolab.pipeline.run import run_reports

    with tempfile.TemporaryDirectory() as d:
        # a study without any wave is the open case of test_innolab_run_of_a_study_without_waves
        assume(_load(spec, Path(d) / "study").wave_ids)
        result = run_reports(Path(d) / "study", Path(d) / "out", lang="fi", progress=False,
                             workers=2, timeout=600)
        assert result.jobs
        assert result.ok, [(j.notebook, j.area_id, j.error) for j in result.failed]


# Regression tests: the shapes that made a function crash before it was fixed.

def _tiny(folder: Path, actors: str = "", ties: str = "") -> Path:
    folder.mkdir()
    (folder / "areas.csv").write_text("area_id,name,municipality,country\n"
                                      "a0,Area,Tuusula,FI\n", encoding="utf-8")
    (folder / "actors.csv").write_text("actor_id,area_id,sector,type\n" + actors,
                                       encoding="utf-8")
    (folder / "ties.csv").write_text("source,target,wave,type\n" + ties, encoding="utf-8")
    return folder


def test_area_without_actors_in_a_study_without_waves(tmp_path):
    # No actor, no tie, no event: the study has no wave at all. funnel raised KeyError
    # 'actor_id' and headline IndexError; now they are empty / zero and the headline says so.
    from innolab.analysis import mobilisation
    from innolab.reports.sections import profile_mobilisation_headline

    study = innolab.load_study(_tiny(tmp_path / "s"))
    assert mobilisation.funnel(study, "a0").empty
    h = mobilisation.headline(study, "a0")
    assert h["waves"] == 0 and h["mobilised"] == 0 and h["first_wave"] is None
    for lang in ("en", "fi"):
        text = profile_mobilisation_headline(study, "a0", lang).text
        assert "mobilisation.headline.nobody_active" not in text
        assert not BAD_WORD.search(text)


def test_target_group_table_with_a_group_missing_in_an_area():
    # A target group absent from one area leaves NA in the evidence pack's wide table;
    # suppress_counts compared NA with "<5" and raised "boolean value of NA is ambiguous".
    import pandas as pd

    from innolab.stats.suppression import suppress_counts

    table = pd.DataFrame({"area_id": ["a0", "a1"], "youth": [2, pd.NA], "senior": [7, 3]})
    out = suppress_counts(table, ["youth", "senior"], 5, secondary=True)
    assert out.loc[0, "youth"] == "<5" and out.loc[0, "senior"] == "x"
    assert pd.isna(out.loc[1, "youth"]) and out.loc[1, "senior"] == "<5"


def test_evidence_pack_of_a_study_without_waves(tmp_path):
    # build_pack took waves[0] of an empty list (IndexError); now a clear InnolabError, and the
    # report section says why in the reader's language (catalogue key evidence.no_waves).
    from innolab.evidence.pack import build_pack
    from innolab.reports.sections import evidence_pack
    from innolab.reports.texts import t

    study = innolab.load_study(_tiny(tmp_path / "s"))
    with pytest.raises(InnolabError, match="no wave"):
        build_pack(study, n_boot=10)
    for lang in ("en", "fi"):
        assert t("evidence.no_waves", lang) in evidence_pack(study, lang, n_boot=10).text


def test_innolab_run_of_a_study_without_waves(tmp_path):
    """The evidence notebook of a study with no wave of data: the pack and the workbook say
    why they cannot be made (the notebook used to fail on build_pack's InnolabError)."""
    from innolab.pipeline.run import run_reports
    from innolab.reports.texts import t

    result = run_reports(_tiny(tmp_path / "s"), tmp_path / "out", lang="fi",
                         notebooks=["07_evidence"], progress=False, workers=1)
    assert result.ok, [(j.notebook, j.error) for j in result.failed]
    page = (tmp_path / "out" / "study" / "07_evidence.html").read_text(encoding="utf-8")
    assert t("evidence.no_waves", "fi").split(":")[0] in page
