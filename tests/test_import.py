"""`innolab import`: each source's fixture (written by hand in the tool's own layout) into a study.

The mapping files used are the documented examples in docs/import-examples/, so the examples the
documentation shows are the ones tested.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import REPO

from innolab.cli import main
from innolab.data.importers.main import import_study
from innolab.data.study import load_study
from innolab.errors import ImportDataError

DATA = REPO / "tests" / "data" / "import"
MAPS = REPO / "docs" / "import-examples"
NC = DATA / "network_canvas"


def _actors(study) -> dict:
    """name → actor row (as a dict) of a loaded study."""
    return {r["name"]: r for r in study.actors.to_dict("records")}


def _ties(study, wave=None) -> set:
    names = dict(zip(study.actors["actor_id"], study.actors["name"], strict=True))
    t = study.ties if wave is None else study.ties[study.ties["wave"] == wave]
    return {(names[s], names[g], ty) for s, g, ty in zip(t["source"], t["target"], t["type"],
                                                         strict=True)}


def _problems(exc) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value) for p in exc.problems]


# ---------------------------------------------------------------------------------------------
# Network Canvas


def test_network_canvas_egos_alters_and_ties(tmp_path):
    out = tmp_path / "study"
    r = import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", out)
    assert (r.areas_added, r.actors_new, r.actors_kept) == (["maunula"], 6, 0)
    study = load_study(out)
    a = _actors(study)
    assert set(a) == {"Aino Esimerkki", "Liisa Virtanen", "Matti Meikäläinen",
                      "Maunula-seura ry", "Kahvila Kulma Oy", "Kaupunginkirjasto"}
    # the ego's categorical sector (TRUE/FALSE option columns) and kehra variable
    assert a["Aino Esimerkki"]["sector"] == "people" and a["Aino Esimerkki"]["kehra_member"]
    # Liisa is an ego (public) and an alter of Aino: one actor, her own interview's values
    assert a["Liisa Virtanen"]["sector"] == "public"
    assert a["Matti Meikäläinen"]["target_group"] == "senior"
    assert (a["Kahvila Kulma Oy"]["sector"], a["Kahvila Kulma Oy"]["kind"]) == ("private",
                                                                               "company")
    assert a["Kaupunginkirjasto"]["type"] == "organisation"
    # ids are pseudonyms: no name in any other column, none in ties
    for row in study.actors.to_dict("records"):
        assert row["actor_id"].startswith("a") and len(row["actor_id"]) == 9
        assert row["name"] not in {str(v) for k, v in row.items() if k != "name"}
    ties = _ties(study)
    assert ("Aino Esimerkki", "Matti Meikäläinen", "collaboration") in ties  # ego → person
    assert ("Aino Esimerkki", "Maunula-seura ry", "information") in ties  # ego → organisation
    assert ("Matti Meikäläinen", "Maunula-seura ry", "collaboration") in ties  # alter–alter
    assert ("Liisa Virtanen", "Maunula-seura ry", "information") in ties  # edgeList_knows
    w = study.ties.set_index(["source", "target", "type"])["weight"]
    m, s = a["Maunula-seura ry"]["actor_id"], a["Kaupunginkirjasto"]["actor_id"]
    assert w[(m, s, "collaboration")] == 3  # the edge variable strength
    assert len(study.ties) == 10 and set(study.ties["wave"]) == {0}


def test_a_second_wave_adds_ties_without_duplicating_actors(tmp_path):
    out = tmp_path / "study"
    import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", out)
    before = load_study(out).actors.set_index("name")["actor_id"].to_dict()
    r = import_study("network_canvas", NC / "wave1", MAPS / "network_canvas.yaml", out, wave=1)
    # Aino, Matti ("Matti  Meikäläinen" with two spaces) and Maunula-seura are known; Pekka new
    assert (r.actors_new, r.actors_kept, r.ties_added, r.waves) == (1, 3, 5, [1])
    study = load_study(out)
    after = study.actors.set_index("name")["actor_id"].to_dict()
    assert len(study.actors) == 7 and {k: after[k] for k in before} == before
    assert study.actors.set_index("name").loc["Pekka Uusi", "joined_wave"] == 1
    assert ("Pekka Uusi", "Maunula-seura ry", "collaboration") in _ties(study, 1)
    assert len(study.ties[study.ties["wave"] == 0]) == 10
    # the same export once more changes nothing
    again = import_study("network_canvas", NC / "wave1", MAPS / "network_canvas.yaml", out,
                         wave=1)
    assert (again.actors_new, again.ties_added, again.ties_present) == (0, 0, 5)
    assert len(load_study(out).ties) == 15


def test_the_same_person_gets_the_same_id_in_another_study_folder_with_its_key(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", one)
    (two / ".innolab").mkdir(parents=True)
    shutil.copy(one / ".innolab" / "import-key", two / ".innolab" / "import-key")
    import_study("network_canvas", NC / "wave1", MAPS / "network_canvas.yaml", two, wave=1)
    a, b = (load_study(p).actors.set_index("name")["actor_id"] for p in (one, two))
    assert a["Aino Esimerkki"] == b["Aino Esimerkki"]
    assert a["Maunula-seura ry"] == b["Maunula-seura ry"]


def test_network_canvas_bad_input_lists_every_problem_and_writes_nothing(tmp_path):
    src = tmp_path / "export"
    shutil.copytree(NC / "wave0", src)
    person = next(src.glob("P01_*_attributeList_Person.csv"))
    text = person.read_text(encoding="utf-8")
    text = text.replace("Liisa Virtanen,FALSE,TRUE,FALSE", "ENCRYPTED,FALSE,TRUE,TRUE")
    person.write_text(text, encoding="utf-8")
    org = next(src.glob("P02_*_attributeList_Organisation.csv"))
    org.write_text(org.read_text(encoding="utf-8").replace(
        "org_type_company", "org_type_school").replace("Kaupunginkirjasto,FALSE,TRUE,FALSE",
                                                       "Kaupunginkirjasto,FALSE,FALSE,TRUE"),
        encoding="utf-8")
    (src / "P01_x_attributeList_Place.csv").write_text(
        "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\n", encoding="utf-8")
    out = tmp_path / "study"
    with pytest.raises(ImportDataError) as e:
        import_study("network_canvas", src, MAPS / "network_canvas.yaml", out)
    got = _problems(e.value)
    assert (person.name, 3, "name", "ENCRYPTED") in got
    assert (person.name, 3, "sector_public, sector_private", "TRUE") in got
    assert (org.name, 3, "org_type_school", "school") in got
    assert ("P01_x_attributeList_Place.csv", None, None, "Place") in got
    school = next(p for p in e.value.problems if p.value == "school")
    assert "nodes.Organisation.sector.values" in school.expected
    assert "nothing was written" in str(e.value)
    assert not out.exists()


def test_mapping_problems_name_the_mapping_file_key_and_value(tmp_path):
    bad = tmp_path / "map.yaml"
    bad.write_text("source: network_canvas\nwave: -1\nego:\n  sector: Julkinenn\n"
                   "  colour: {column: x}\nnodes:\n  Person:\n    type: {column: t, "
                   "values: {a: person}}\nareas:\n  - {area_id: x, name: X, country: Finland}\n",
                   encoding="utf-8")
    with pytest.raises(ImportDataError) as e:
        import_study("network_canvas", NC / "wave0", bad, tmp_path / "study")
    got = {(p.file, p.column, p.value) for p in e.value.problems}
    assert {("map.yaml", "wave", "-1"), ("map.yaml", "ego.sector", "Julkinenn"),
            ("map.yaml", "ego.colour", "colour"),
            ("map.yaml", "nodes.Person.type.values.a", "person"),
            ("map.yaml", "areas[0].municipality", None),
            ("map.yaml", "areas[0].country", "Finland")} <= got


# ---------------------------------------------------------------------------------------------
# The command


def test_cli_import_prints_what_was_added_and_exits_2_on_problems(tmp_path, capsys):
    out = tmp_path / "study"
    args = ["import", "network_canvas", str(NC / "wave0"), "--mapping",
            str(MAPS / "network_canvas.yaml"), "--out", str(out)]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert "areas added: maunula" in said and "6 new" in said and "ties added: 10" in said
    other = tmp_path / "kumu.yaml"
    other.write_text("source: kumu\n", encoding="utf-8")
    assert main(["import", "network_canvas", str(NC / "wave0"), "--mapping", str(other),
                 "--out", str(tmp_path / "s3")]) == 2
    err = capsys.readouterr().err
    assert "kumu.yaml" in err and "'network_canvas'" in err and "nothing was written" in err
    assert not (tmp_path / "s3").exists()
    assert pd.read_csv(out / "actors.csv")["actor_id"].is_unique


# ---------------------------------------------------------------------------------------------
# Kumu


def test_kumu_elements_connections_and_pipe_lists(tmp_path):
    out = tmp_path / "study"
    r = import_study("kumu", DATA / "kumu" / "tuusula_map.xlsx", MAPS / "kumu.yaml", out)
    assert (r.areas_added, r.actors_new) == (["tuusula"], 6)  # the "(ignore)" sheet is skipped
    study = load_study(out)
    a = _actors(study)
    assert "Ei tuoda" not in a
    assert {n: (v["sector"], v["kind"]) for n, v in a.items()} == {
        "Tuusulan kunta": ("public", "municipality"),
        "Hyrylän asukasyhdistys": ("people", "association"),
        "Nuorisotalo Kompassi": ("public", "municipality"),
        "Rantakahvila Oy": ("private", "company"), "EMO ry": ("intermediary", "leader_group"),
        "Laurea": ("knowledge", "school")}
    # Tags "kehrä|seniorit": both lists give their value; other tags are ignored
    assert a["Hyrylän asukasyhdistys"]["target_group"] == "senior"
    assert a["Hyrylän asukasyhdistys"]["kehra_member"] and not a["Laurea"]["kehra_member"]
    assert a["Nuorisotalo Kompassi"]["target_group"] == "youth"
    ties = _ties(study)
    assert ("EMO ry", "Hyrylän asukasyhdistys", "collaboration") in ties
    assert ("Hyrylän asukasyhdistys", "EMO ry", "collaboration") in ties  # mutual: both ways
    assert ("Rantakahvila Oy", "Hyrylän asukasyhdistys", "resources") in ties
    assert ("Laurea", "EMO ry", "collaboration") in ties  # empty Type: the default
    assert len(study.ties) == 6
    w = study.ties.set_index(["source", "target"])["weight"]
    assert w[(a["Hyrylän asukasyhdistys"]["actor_id"], a["Tuusulan kunta"]["actor_id"])] == 3


def test_kumu_bad_workbook_lists_every_problem(tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(DATA / "kumu" / "tuusula_map.xlsx")
    wb["Elements"]["B4"] = "Säätiö"  # a type the mapping does not know
    wb["Elements"]["D3"] = "nuoret|seniorit"  # two target groups
    wb["Connections"]["B3"] = "Tuusulan kunt"  # no such element
    wb["Connections"]["F4"] = "-2"
    bad = tmp_path / "map.xlsx"
    wb.save(bad)
    with pytest.raises(ImportDataError) as e:
        import_study("kumu", bad, MAPS / "kumu.yaml", tmp_path / "study")
    got = _problems(e.value)
    assert ("map.xlsx:Elements", 4, "Type", "Säätiö") in got
    assert ("map.xlsx:Elements", 3, "Tags", "nuoret|seniorit") in got
    assert ("map.xlsx:Connections", 3, "To", "Tuusulan kunt") in got
    assert ("map.xlsx:Connections", 4, "Strength", "-2") in got
    assert not (tmp_path / "study").exists()


# ---------------------------------------------------------------------------------------------
# Gephi


def test_gephi_tables_then_gexf_as_a_second_wave(tmp_path):
    out = tmp_path / "study"
    r = import_study("gephi", DATA / "gephi", MAPS / "gephi.yaml", out)
    assert (r.actors_new, r.ties_added) == (5, 6)
    study = load_study(out)
    a = _actors(study)
    assert a["Helka ry"]["sector"] == "intermediary" and a["Helka ry"]["kehra_member"]
    assert a["Kruunuvuoren koulu"]["sector"] == "knowledge"
    ties = _ties(study)
    assert ("Yläkerran Ateljee Oy", "Laajasalo-Seura ry", "collaboration") in ties
    assert ("Laajasalo-Seura ry", "Yläkerran Ateljee Oy", "collaboration") in ties  # Undirected
    assert ("Helka ry", "Laajasalo-Seura ry", "advice") in ties
    r = import_study("gephi", DATA / "gephi" / "laajasalo.gexf", MAPS / "gephi.yaml", out,
                     wave=1)
    assert (r.actors_new, r.actors_kept, r.ties_added) == (1, 3, 3)
    study = load_study(out)
    assert _actors(study)["Laajasalon Lions"]["joined_wave"] == 1
    assert ("Laajasalon Lions", "Laajasalo-Seura ry", "information") in _ties(study, 1)


def test_gexf_and_graphml_read_alike(tmp_path):
    got = []
    for name in ("laajasalo.gexf", "laajasalo.graphml"):
        out = tmp_path / name
        import_study("gephi", DATA / "gephi" / name, MAPS / "gephi.yaml", out)
        study = load_study(out)
        got.append((_ties(study), study.actors.drop(columns="actor_id").to_dict("records")))
    assert got[0] == got[1] and len(got[0][0]) == 3


# ---------------------------------------------------------------------------------------------
# Surveys


SURVEY = DATA / "survey"


def test_webropol_survey_names_in_columns_and_in_one_cell(tmp_path):
    out = tmp_path / "study"
    r = import_study("survey", SURVEY / "webropol_kevat2016.csv", MAPS / "survey_webropol.yaml",
                     out)
    assert (r.actors_new, r.ties_added, r.waves) == (5, 10, [1])
    study = load_study(out)
    a = _actors(study)
    # Maunula-seura is named before it answers: its own answer's values win
    assert (a["Maunula-seura ry"]["type"], a["Maunula-seura ry"]["kind"]) == ("organisation",
                                                                            "association")
    assert (a["Liisa Virtanen"]["sector"], a["Liisa Virtanen"]["kind"]) == ("public", "official")
    assert a["Aino Esimerkki"]["kehra_member"] and not a["Liisa Virtanen"]["kehra_member"]
    assert a["Kahvila Kulma Oy"]["sector"] == "people"  # named only: the alters' values
    ties = _ties(study)
    assert ("Aino Esimerkki", "Kaupunginkirjasto", "information") in ties  # "A; B" in one cell
    assert ("Aino Esimerkki", "Maunula-seura ry", "information") in ties
    assert ("Liisa Virtanen", "Kahvila Kulma Oy", "collaboration") in ties
    assert "-" not in a  # an ignored answer


def test_a_survey_wave_adds_to_a_network_canvas_study(tmp_path):
    out = tmp_path / "study"
    import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", out)
    r = import_study("survey", SURVEY / "webropol_kevat2016.csv", MAPS / "survey_webropol.yaml",
                     out)
    assert (r.areas_added, r.actors_new, r.actors_kept) == ([], 0, 5)
    study = load_study(out)
    assert len(study.actors) == 6 and sorted(set(study.ties["wave"])) == [0, 1]


def test_kobo_option_columns_and_a_repeat_group(tmp_path):
    out = tmp_path / "study"
    import_study("survey", SURVEY / "kobo_maunula.xlsx", MAPS / "survey_kobo.yaml", out)
    study = load_study(out)
    assert _ties(study) == {("Aino Esimerkki", "Maunula-seura ry", "collaboration"),
                            ("Aino Esimerkki", "Kahvila Kulma Oy", "collaboration"),
                            ("Aino Esimerkki", "Helka ry", "advice"),
                            ("Kaupunginkirjasto", "Maunula-seura ry", "collaboration"),
                            # the repeat group "kumppanit": rows pointing to their answer
                            ("Aino Esimerkki", "Rantakahvila Oy", "resources"),
                            ("Aino Esimerkki", "Maunula-seura ry", "resources"),
                            ("Kaupunginkirjasto", "Helsingin kaupunki, kulttuuripalvelut",
                             "resources")}
    a = _actors(study)
    assert a["Kaupunginkirjasto"]["sector"] == "public"
    # the roster row says the sector of the person named; without one, the alters' default
    assert a["Rantakahvila Oy"]["sector"] == "private" and a["Helka ry"]["sector"] == "people"
    assert a["Helsingin kaupunki, kulttuuripalvelut"]["sector"] == "public"


def test_limesurvey_code_headers_and_bad_answers(tmp_path):
    export = tmp_path / "results-survey123.csv"
    export.write_text(
        'id,submitdate,G1Q1,G1Q2,Q6[SQ001],Q6[SQ002]\n'
        '1,2016-04-02 10:00:00,Aino Esimerkki,people,Y,\n'
        '2,2016-04-02 11:00:00,Pekka Uusi,privaat,maybe,Y\n'
        '3,2016-04-02 12:00:00,,people,,Y\n', encoding="utf-8")
    mapping = tmp_path / "lime.yaml"
    mapping.write_text(
        "source: survey\nareas: [{area_id: maunula, name: Maunula, municipality: Helsinki, "
        "country: FI}]\nrespondent:\n  name: {column: G1Q1}\n  area: maunula\n"
        "  sector: {column: G1Q2}\n  type: individual\nquestions:\n  - tie_type: advice\n"
        "    options: \"Q6[\"\n    names: {SQ001: Helka ry, SQ002: Maunula-seura ry}\n"
        "alters: {sector: people, type: organisation}\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as e:
        import_study("survey", export, mapping, tmp_path / "study")
    got = _problems(e.value)
    assert got == [("results-survey123.csv", 3, "G1Q2", "privaat"),
                   ("results-survey123.csv", 3, "Q6[SQ001]", "maybe"),
                   ("results-survey123.csv", 4, "G1Q1", "")]
    assert not (tmp_path / "study").exists()
    export.write_text(export.read_text(encoding="utf-8").replace("privaat,maybe", "private,")
                      .replace("\n3,2016-04-02 12:00:00,,people,,Y", ""), encoding="utf-8")
    import_study("survey", export, mapping, tmp_path / "study")
    assert _ties(load_study(tmp_path / "study")) == {
        ("Aino Esimerkki", "Helka ry", "advice"), ("Pekka Uusi", "Maunula-seura ry", "advice")}


# ---------------------------------------------------------------------------------------------
# End to end: import → validate → run


def test_import_validate_and_run_the_area_profile(tmp_path, capsys):
    study = tmp_path / "study"
    assert main(["import", "network_canvas", str(NC / "wave0"), "--mapping",
                 str(MAPS / "network_canvas.yaml"), "--out", str(study)]) == 0
    assert main(["import", "survey", str(SURVEY / "webropol_kevat2016.csv"), "--mapping",
                 str(MAPS / "survey_webropol.yaml"), "--out", str(study)]) == 0
    assert main(["validate", str(study)]) == 0
    assert "6 actors, 20 ties, 2 waves" in capsys.readouterr().out
    assert main(["run", "--study", str(study), "--out", str(tmp_path / "reports"),
                 "--notebooks", "01_area_profile", "--workers", "1", "--quiet"]) == 0
    html = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "reports").rglob("*.html"))
    assert "maunula" in html.lower()
    for name in load_study(study).actors["name"]:
        assert name not in html  # names are personal data: never in a report


def test_import_kumu_and_gephi_then_validate_and_run_every_area_profile(tmp_path, capsys):
    """The other two sources end to end: a Kumu map and a Gephi export (its tables, then its
    GEXF as a second wave) into one study, validated, and the area profile of each area run."""
    study = tmp_path / "study"
    assert main(["import", "kumu", str(DATA / "kumu" / "tuusula_map.xlsx"), "--mapping",
                 str(MAPS / "kumu.yaml"), "--out", str(study)]) == 0
    assert main(["import", "gephi", str(DATA / "gephi"), "--mapping", str(MAPS / "gephi.yaml"),
                 "--out", str(study)]) == 0
    assert main(["import", "gephi", str(DATA / "gephi" / "laajasalo.gexf"), "--mapping",
                 str(MAPS / "gephi.yaml"), "--out", str(study), "--wave", "1"]) == 0
    capsys.readouterr()
    assert main(["validate", str(study)]) == 0
    loaded = load_study(study)
    assert set(loaded.area_ids) == {"tuusula", "laajasalo"}
    assert main(["run", "--study", str(study), "--out", str(tmp_path / "reports"),
                 "--notebooks", "01_area_profile", "--workers", "2", "--quiet"]) == 0
    pages = sorted((tmp_path / "reports").glob("*/01_area_profile.html"))
    assert [p.parent.name for p in pages] == ["laajasalo", "tuusula"]
    html = "".join(p.read_text(encoding="utf-8") for p in pages)
    for name in loaded.actors["name"]:
        assert name not in html  # names are personal data: never in a report


def test_the_documented_mapping_examples_are_the_tested_ones():
    doc = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    examples = sorted(MAPS.glob("*.yaml"))
    assert len(examples) == 5
    for path in examples:
        assert path.read_text(encoding="utf-8").rstrip() in doc, path.name


def test_a_failed_import_leaves_an_existing_study_as_it_was(tmp_path):
    out = tmp_path / "study"
    shutil.copytree(REPO / "tests" / "data" / "mini_study", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # the mini study declares waves 0 and 1 only: wave 5 is the one problem
    with pytest.raises(ImportDataError) as e:
        import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", out, wave=5)
    assert _problems(e.value) == [("study.yaml", None, "waves", "5")]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # wave 1 is declared: the import adds to the hand-written study and keeps its actors
    r = import_study("network_canvas", NC / "wave0", MAPS / "network_canvas.yaml", out, wave=1)
    study = load_study(out)
    # Aino (m2), Maunula-seura (m1), the library (m3) and the café (m4) are in the mini study
    assert (r.areas_added, r.actors_kept, r.actors_new) == ([], 4, 2)
    ids = study.actors.set_index("name")["actor_id"]
    assert [ids[n] for n in ("Maunula-seura ry", "Aino Esimerkki", "Kaupunginkirjasto",
                             "Kahvila Kulma Oy")] == ["m1", "m2", "m3", "m4"]
    old = pd.read_csv(REPO / "tests" / "data" / "mini_study" / "actors.csv")
    assert set(old["actor_id"]) <= set(study.actors["actor_id"])
    assert len(study.ties) == len(pd.read_csv(REPO / "tests/data/mini_study/ties.csv")) + \
        r.ties_added


def test_network_canvas_graphml_reads_as_its_csv_files(tmp_path):
    folder = tmp_path / "graphml"
    folder.mkdir()
    for p in (NC / "wave0").glob("*.graphml"):
        shutil.copy(p, folder / p.name)
    studies = []
    for source in (NC / "wave0", folder):
        out = tmp_path / f"study_{source.name}"
        import_study("network_canvas", source, MAPS / "network_canvas.yaml", out)
        study = load_study(out)
        actors = sorted(study.actors.drop(columns="actor_id").astype(str).values.tolist())
        weights = sorted(study.ties["weight"].tolist())
        studies.append((actors, _ties(study), weights))
    assert studies[0] == studies[1]
    assert len(studies[1][1]) == 10


def test_network_canvas_zip_as_exported(tmp_path):
    import zipfile

    archive = tmp_path / "networkCanvasExport.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in (NC / "wave0").glob("*.csv"):
            z.write(p, f"networkCanvasExport/{p.name}")
    r = import_study("network_canvas", archive, MAPS / "network_canvas.yaml", tmp_path / "s")
    assert (r.actors_new, r.ties_added) == (6, 10)


def test_what_only_the_full_check_finds_names_the_table_as_it_would_be_written(tmp_path):
    mapping = tmp_path / "nc.yaml"
    mapping.write_text((MAPS / "network_canvas.yaml").read_text(encoding="utf-8").replace(
        'district_code: "401"', 'district_code: "999"'), encoding="utf-8")
    with pytest.raises(ImportDataError) as e:
        import_study("network_canvas", NC / "wave0", mapping, tmp_path / "study")
    [p] = e.value.problems
    assert (p.file, p.row, p.column, p.value) == (
        "areas.csv (as the import would write it)", 2, "district_code", "999")
    assert not (tmp_path / "study").exists()
