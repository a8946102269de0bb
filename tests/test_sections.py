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


def test_network_tables_keep_codes_and_show_catalogue_words():
    from innolab.data import vocab

    mini = innolab.load_study(DATA / "mini_study")
    sec = sections.area_network(mini, "maunula", "fi", n=50)
    assert sec.text.startswith("## Verkosto")
    keys = sec.tables["key_actors"]
    assert set(keys.data["sector"]) <= set(vocab.SECTORS)  # the CSV keeps the codes
    assert {"Sektori", "Toimija (pseudonyymi)"} <= set(keys.shown.columns)
    assert "Julkinen" in set(keys.shown["Sektori"])
    measures = sec.tables["network_measures"]
    assert list(measures.data.columns[:4]) == ["area_id", "wave", "actors", "ties"]
    assert list(measures.shown.columns) == ["Tunnusluku", "Arvo"]
    assert "Tiheys" in set(measures.shown["Tunnusluku"])
    study = sections.study_networks(mini, "fi", n=50)
    assert study.text.startswith("## Alueiden verkostot")
    assert "(E-I-testi, p < 0,05)" in study.text
    countries = study.tables["ties_between_countries"]
    assert "FI" in countries.data.index and "Suomi" in countries.shown.index
    assert countries.shown.index.name == "Lähettäjän maa"


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
            # the headline, in Finnish (an area whose actors were not active says that)
            assert ("Aineistossa on yksi aalto (" in text
                    or "kukaan ei ollut aktiivinen yhdessäkään aallossa" in text)
            assert "The study has" not in text
            for make in (sections.area_network, sections.area_criteria,
                         sections.profile_mobilisation_headline):
                assert not re.search(r"\bnan\b", make(one, area, "fi").text.lower())


def test_fit_notes_in_finnish():
    """The notes of a fit are codes; the Finnish report words them from the catalogue."""
    from innolab.analysis import mobilisation as mb
    from innolab.reports.notes import note_text

    poor = mb.Note("mobilisation.fit.poorly_determined", {"param": "t0"})
    assert note_text(poor, "fi") == ("Parametri t0 on huonosti määritetty (keskivirhe ylittää "
                                     "estimaatin).")
    assert note_text(poor, "en") == ("Parameter t0 is poorly determined (its standard error "
                                     "exceeds the estimate).")
    cap = mb.Note("mobilisation.fit.no_slowing", {"param": "K", "cap": 100.0})
    assert note_text(cap, "fi").startswith("Kasvu ei aineistossa")
    bound = mb.Note("mobilisation.fit.on_lower_bound", {"param": "p", "bound": 1e-12})
    assert "(1e-12)" in note_text(bound, "en")


def test_two_waves_prose_in_finnish():
    """The mini study has two waves, fewer than the curve's three parameters: the Finnish section
    says so in Finnish."""
    mini = innolab.load_study(DATA / "mini_study")
    assert len(mini.wave_ids) == 2
    for area in mini.area_ids:
        text = sections.area_mobilisation(mini, area, "fi", n_boot=50).text
        assert "Aineistossa on 2 aaltoa; käyrässä on 3 parametria" in text
        assert "eivät tuen vaikutuksia" in text
        assert "The study has" not in text and "curve" not in text


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_area_profile_of_an_area_without_actors_says_so(mini, lang):
    """An applicant that has not sent its data yet: every section of its area profile stands
    (the notebook used to fail with IndexError on ``profile_sentences(...)[1]``)."""
    from conftest import append_row

    from innolab.reports.notebook import Report
    from innolab.reports.section import Note
    from innolab.reports.texts import t

    append_row(mini / "areas.csv", {"area_id": "pakila", "name": "Pakila",
                                    "municipality": "Helsinki", "country": "FI",
                                    "role": "applicant", "district_code": "402"})
    study = innolab.load_study(mini)
    report = Report(study, lang, mini / "out", {}, "pakila")
    for fn in (sections.area_facts, sections.area_actors, sections.area_kehra,
               sections.area_activity, sections.profile_mobilisation_headline,
               sections.area_network, sections.area_criteria):
        sec = report.section(fn)
        assert sec.items, fn.__name__
        assert "nan" not in sec.text.lower(), fn.__name__
    actors = report.section(sections.area_actors)
    assert t("profile.no_actors", lang, name="Pakila") in [
        i.body for i in actors.items if isinstance(i, Note)]
    assert sections.profile_sentences(study, "pakila", lang) == [
        t("profile.no_actors", lang, name="Pakila")]


def test_a_notebook_cell_that_shows_a_section_prints_nothing_more(mini, monkeypatch):
    """``report.show(...)`` returns None: the executed page printed the Section's repr."""
    from innolab.reports.notebook import Report

    study = innolab.load_study(mini)
    shown = []
    monkeypatch.setattr(sections.area_facts(study, "maunula").__class__, "show",
                        lambda self, out=None, lang="en": shown.append(lang))
    report = Report(study, "fi", mini / "out", {}, "maunula")
    assert report.show(sections.area_facts) is None
    assert shown == ["fi"]


@pytest.mark.parametrize("yaml", ["name: nolabels\nwaves:\n  - {wave: 0}\n  - {wave: 1}\n", None])
def test_waves_without_labels_are_named_in_the_readers_language(tmp_path, yaml):
    """A study whose study.yaml gives its waves no labels, or that has no study.yaml: a Finnish
    page says "Aalto 1", an English one "Wave 1" — never the data layer's English "wave 1" on a
    Finnish page (prose, the facts table, the interactive map, the figures' wave axes)."""
    import shutil

    import matplotlib.pyplot as plt

    from innolab.reports.interactive import map_data
    from innolab.reports.texts import wave_name

    dest = shutil.copytree(DATA / "mini_study", tmp_path / "study")
    if yaml is None:
        (dest / "study.yaml").unlink()
    else:
        (dest / "study.yaml").write_text(yaml, encoding="utf-8")
    study = innolab.load_study(dest)
    assert study.waves["label"].isna().all()
    assert [wave_name(study, w, "fi") for w in study.wave_ids] == ["Aalto 0", "Aalto 1"]
    assert wave_name(study, 1, "en") == "Wave 1"
    for lang, word in (("fi", "Aalto"), ("en", "Wave")):
        texts = []
        for area in study.area_ids:
            for make in (sections.area_facts, sections.profile_mobilisation_headline,
                         sections.area_network, sections.area_criteria):
                sec = make(study, area, lang)
                texts.append(sec.text)
                texts += [t.shown.to_csv() for t in sec.tables.values()]
            mob = sections.area_mobilisation(study, area, lang, n_boot=20)
            texts.append(mob.text)
            for fig in mob.figures.values():
                fig = getattr(fig.figure, "figure", fig.figure)
                texts += [tl.get_text() for ax in fig.axes for tl in ax.get_xticklabels()]
            plt.close("all")
            texts += map_data(study, area, lang)["wave_labels"].values()
        joined = "\n".join(texts)
        assert f"{word} 1" in joined, lang
        if lang == "fi":  # the data layer's English fallback ("wave 1") was shown here
            assert not re.search(r"\b[Ww]ave\b", joined)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_wave_names_are_not_preceded_by_the_word_wave(lang):
    """A wave's name ("Syksy 2015", "Aalto 2") stands on its own in the prose: the network
    texts do not put the word for wave before it ("Aalto Aalto 2", "aallossa Syksy 2015")."""
    from innolab.reports.texts import t

    for key, values in [("network.homophily", {"homophilous": 1, "tested": 2, "alpha": 0.05}),
                        ("network.summary", {"name": "N", "actors": 1, "ties": 1, "density": 1,
                                             "cross": 1}),
                        ("network.no_area_ties", {"name": "N"}),
                        ("network.change", {"ties_before": 1, "ties_after": 2,
                                            "actors_before": 1, "actors_after": 2})]:
        text = t(key, lang, wave="Aalto 2", first="Aalto 1", last="Aalto 2", **values)
        assert not re.search(r"\b(wave|aalto|aallo\w*|aaltoon)\s+Aalto", text, re.I), text
