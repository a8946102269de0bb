"""The evidence pack (innolab.evidence.pack, its views in innolab.reports.evidence_views, the
evidence section, `innolab evidence`)."""

from __future__ import annotations

import dataclasses
import io
import os
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import DATA, REPO
from PIL import Image

import innolab
from innolab.cli import main
from innolab.evidence import indicators as evidence
from innolab.evidence import pack as evidence_pack
from innolab.reports import evidence_views as views
from innolab.stats.suppression import HIDDEN, suppress_counts, suppressed

EXAMPLE = REPO / "data" / "example"


@pytest.fixture(scope="module")
def example():
    return innolab.load_study(EXAMPLE)


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """The example's evidence pack in both languages, made once by the command line."""
    out = tmp_path_factory.mktemp("evidence")
    code = main(["evidence", "--study", str(EXAMPLE), "--out", str(out), "--quiet"])
    return code, out


# --------------------------------------------------------------------------------------------
# small-cell suppression


def test_suppressed_hides_one_to_four_people():
    assert [suppressed(v) for v in (0, 1, 4, 5, 37)] == [0, "<5", "<5", 5, 37]
    assert suppressed(2, threshold=3) == "<3" and suppressed(3, threshold=3) == 3
    assert pd.isna(suppressed(pd.NA))


def test_secondary_suppression_protects_the_total():
    t = pd.DataFrame({"a": [3, 10, 0, 2], "b": [7, 2, 1, 3], "c": [12, 20, 6, 40]})
    s = suppress_counts(t, ["a", "b", "c"], secondary=True)
    # one small cell in a row: the smallest other non-zero cell is hidden as well
    assert s.iloc[0].tolist() == ["<5", HIDDEN, 12]
    assert s.iloc[1].tolist() == [HIDDEN, "<5", 20]
    assert s.iloc[2].tolist() == [0, "<5", HIDDEN]
    # two small cells already protect each other
    assert s.iloc[3].tolist() == ["<5", "<5", 40]
    assert suppress_counts(t, ["a"]).at[1, "a"] == 10  # primary only, other columns untouched


# --------------------------------------------------------------------------------------------
# the pack's tables on hand-made data


def _innovations(study, rows):
    cols = ["innovation_id", "area_id", "wave", "title", "theme", "stage", "partners",
            "ready_for_funding"]
    return dataclasses.replace(study, innovations=pd.DataFrame(rows, columns=cols))


def test_furthest_stage_and_ready_for_funding(example):
    """An innovation that reached pilot and fell back counts at pilot (BRIEF §4); its partners
    are the union over its waves, organisations by sector and country, people only counted."""
    a = example.actors.set_index("actor_id")
    orgs_fi = a[(a["type"] == "organisation") & (a["area_id"] == "maunula")].index[:2].tolist()
    org_ee = a[(a["type"] == "organisation") & (a["area_id"] == "kalamaja")].index[0]
    person = a[(a["type"] == "individual") & (a["area_id"] == "maunula")].index[0]
    study = _innovations(example, [
        ["x1", "maunula", 0, "Pilotti", "energy", "pilot", (orgs_fi[0],), False],
        ["x1", "maunula", 1, "Pilotti", "energy", "prototype", (orgs_fi[1], person), True],
        ["x2", "maunula", 1, "Idea", "safety", "idea", (org_ee,), False],
    ])
    st = evidence_pack.innovation_stages(study).set_index("innovation_id")
    assert st.at["x1", "stage"] == "pilot" and st.at["x1", "stage_last"] == "prototype"
    assert st.at["x1", "partners"] == (orgs_fi[0], orgs_fi[1], person)
    ready = evidence_pack.ready_for_funding(study)
    assert ready["innovation_id"].tolist() == ["x1"]
    r = ready.iloc[0]
    sectors = a.loc[orgs_fi, "sector"].value_counts()
    assert r["organisations_by_country"] == "FI 2"
    assert r["individuals"] == "<5"
    assert r["theme"] == "energy" and r["stage"] == "pilot"
    assert dict(r["organisations_by_sector"]) == sectors.to_dict()
    assert sum(n for _, n in r["organisations_by_sector"]) == 2
    assert r["sectors"] == len(set(a.loc[[*orgs_fi, person], "sector"]))
    assert len(sectors) >= 1
    pipe = evidence_pack.pipeline(study)
    assert pipe.loc["energy", "pilot"] == 1  # furthest, not last
    assert pipe["total"].sum() == 2
    # the same tables in Finnish, as the section and the workbook show them
    tables = views.pack_tables(evidence_pack.build_pack(study, n_boot=20), "fi")
    pipe = tables["evidence_innovation_pipeline"].data
    assert pipe.loc["Hajautettu kestävä energia", "Pilotti"] == 1
    assert pipe["Yhteensä"].sum() == 2
    shown = tables["evidence_ready_for_funding"].data.iloc[0]
    assert shown["theme"] == "Hajautettu kestävä energia" and shown["stage"] == "Pilotti"
    assert sum(int(x.split()[-1]) for x in shown["organisations_by_sector"].split(", ")) == 2


def test_cross_border_partners_are_organisations_abroad(example):
    p = evidence_pack.cross_border_partners(example, ["maunula"])
    a = example.actors.set_index("actor_id")
    country = example.areas.set_index("area_id")["country"]
    assert (a.loc[p["actor_id"], "type"] == "organisation").all()
    assert (a.loc[p["actor_id"], "area_id"].map(country) != "FI").all()
    # check one partner's tie count by hand
    t = example.ties
    pid = p.iloc[0]["actor_id"]
    local = set(a.index[a["area_id"] == "maunula"])
    out = t[(t["target"] == pid) & t["source"].isin(local)].rename(columns={"source": "local"})
    back = t[(t["source"] == pid) & t["target"].isin(local)].rename(columns={"target": "local"})
    mine = pd.concat([out, back])[["local", "wave", "type"]].drop_duplicates()
    # a tie reported by both ends in the same wave counts once
    assert p.iloc[0]["ties"] == len(mine) < len(out) + len(back)
    assert p["ties"].is_monotonic_decreasing
    assert "name" not in p.columns


def test_programme_mapping_covers_every_indicator(example):
    m = evidence_pack.programme_mapping()
    assert m["indicator"].tolist() == list(evidence.INDICATORS)
    codes = dict(zip(m["indicator"], m["common_indicator"], strict=True))
    assert codes["rco87_orgs_cross_border"] == "RCO87"
    assert codes["rcr104_solutions_taken_up"] == "RCR104"
    assert all("4.1" in so for so in m["so_2014_2020"])
    assert set().union(*m["objectives_2021_2027"]) <= set(evidence_pack.OBJECTIVES_2021_2027)
    pack = evidence_pack.build_pack(example, n_boot=20)
    for lang in ("en", "fi"):
        shown = views.pack_tables(pack, lang)["evidence_programme_mapping"].data
        assert shown["indicator"].tolist() == list(evidence.INDICATORS)
        assert shown["so_2014_2020"].str.contains("SO 4.1").all()
        assert (shown["why"].str.len() > 40).all()
    fi = views.pack_tables(pack, "fi")["evidence_programme_mapping"].data
    assert "Paremmat julkiset palvelut" in " ".join(fi["objectives_2021_2027"])


def test_change_table_means_and_hidden_counts(example):
    t = evidence_pack.change_table(example, n_boot=200, seed=1)
    sel = t[t["group"] == "selected"]
    mean = t[t["group"] == "selected_mean"].iloc[0]
    assert mean["cross_area_share_change"] == pytest.approx(sel["cross_area_share_change"].mean())
    assert mean["active_change"] == pytest.approx(sel["active_change"].astype(float).mean())
    assert mean["active_change_lo"] <= mean["active_change"] <= mean["active_change_hi"]
    # the mini study's areas have fewer than five active actors: counts and means are hidden
    mini = innolab.load_study(DATA / "mini_study")
    m = evidence_pack.change_table(mini, n_boot=50)
    assert set(m.loc[m["group"] == "selected", "active_change"]) == {HIDDEN}
    assert m.loc[m["group"] == "selected_mean", "active_first"].iloc[0] == HIDDEN
    assert all(v == "<5" or v == 0 for v in m.loc[~m["group"].str.endswith("_mean"),
                                                  "active_first"])


def test_bad_threshold_is_a_parameter_error(example):
    with pytest.raises(innolab.errors.ParameterError, match="threshold"):
        evidence_pack.indicator_table(example, threshold=0)
    with pytest.raises(innolab.errors.ParameterError, match="threshold"):
        evidence_pack.build_pack(example, threshold=2.5)


# --------------------------------------------------------------------------------------------
# the pack from the example study


_PEOPLE_COUNT_COLUMNS = {
    "evidence_people_by_target_group.csv": None,  # every count column
    "evidence_mobilisation_network_change.csv": ["active_first", "active_last"],
    "evidence_ready_for_funding.csv": ["individuals"],
    "evidence_cross_border_partners.csv": ["local_individuals"],
}


def test_pack_builds_in_both_languages(pack, example):
    code, out = pack
    assert code == 0
    for lang, phrase in (("en", "Intervention logic"), ("fi", "Interventiologiikka")):
        d = out / lang
        html = (d / "evidence.html").read_text(encoding="utf-8")
        assert phrase in html and example.data_hash in html
        assert "<script src=" not in html  # offline: nothing from a CDN
        for fig in ("evidence_indicators", "evidence_change", "evidence_pipeline",
                    "evidence_target_groups"):
            png = Image.open(d / "figures" / f"{fig}.png")
            assert round(png.info["dpi"][0]) == 300  # print resolution
            assert (d / "figures" / f"{fig}.svg").stat().st_size > 5_000
        wb = openpyxl.load_workbook(d / "evidence.xlsx")
        assert wb.sheetnames[0] == "definitions"
        assert {"indicators", "intervention_logic", "innovation_pipeline",
                "cross_border_partners", "programme_mapping"} <= set(wb.sheetnames)
        cells = [c for row in wb["definitions"].iter_rows(values_only=True) for c in row if c]
        assert example.data_hash in cells
        assert set(evidence.INDICATORS) <= set(cells)
        ind = pd.read_csv(d / "tables" / "evidence_indicators.csv").set_index("indicator")
        all_values = evidence.indicators(example).query("area_id == 'all'").set_index(
            "indicator")["value"]
        assert ind.loc["rco87_orgs_cross_border", "value"] == all_values[
            "rco87_orgs_cross_border"]


def test_pack_never_shows_a_name_or_a_small_count_of_people(pack, example):
    _, out = pack
    names = [n for n in example.actors["name"].dropna().unique() if len(n) >= 4]
    pattern = re.compile("|".join(re.escape(n) for n in names))
    texts = []
    for path in out.rglob("*"):
        if path.suffix in (".html", ".csv", ".svg", ".ipynb"):
            texts.append((path, path.read_text(encoding="utf-8")))
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            texts.append((path, "\n".join(str(c) for ws in wb for row in
                                          ws.iter_rows(values_only=True) for c in row
                                          if c is not None)))
    assert len(texts) > 30
    for path, text in texts:
        hit = pattern.search(text)
        assert hit is None, f"{path} shows the name {hit.group(0)!r}"
    for lang in ("en", "fi"):
        for name, cols in _PEOPLE_COUNT_COLUMNS.items():
            t = pd.read_csv(out / lang / "tables" / name, dtype=str, keep_default_na=False)
            for c in cols or [c for c in t.columns if c not in ("index", "Area", "Alue")]:
                numbers = pd.to_numeric(t[c], errors="coerce").dropna()
                assert not numbers.between(1, 4).any(), (name, c)
        ind = pd.read_csv(out / lang / "tables" / "evidence_indicators.csv", dtype=str)
        people = ind[ind["indicator"] == "people_mobilised"].drop(columns=["indicator"])
        assert not pd.to_numeric(people.stack(), errors="coerce").between(1, 4).any()


def test_pack_command_errors(tmp_path, capsys):
    assert main(["evidence", "--study", str(EXAMPLE), "--out", str(tmp_path / "x"),
                 "--threshold", "0"]) == 2
    assert "threshold" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert main(["evidence", "--study", str(tmp_path / "nowhere"), "--out",
                 str(tmp_path / "y")]) == 2
    assert not (tmp_path / "y").exists()


def test_pack_is_reproducible(pack, example):
    """Same data, parameters and seed: the same tables — the pack's CSVs, written by another
    process (the kernel of `innolab evidence`), equal the tables computed here."""
    from innolab.reports import sections

    _, out = pack
    sec = sections.evidence_pack(example, "en", seed=0)
    tables = {name: item.data for name, item in sec.tables.items()}
    assert len(tables) == 10  # with the application form's indicator table
    for name, data in tables.items():
        written = pd.read_csv(out / "en" / "tables" / f"{name}.csv", dtype=str,
                              keep_default_na=False)
        here = data.reset_index() if data.index.name else data
        here = pd.read_csv(io.StringIO(here.to_csv(index=False)), dtype=str,
                           keep_default_na=False)
        pd.testing.assert_frame_equal(here, written, obj=name)
    pack = evidence_pack.build_pack(example, seed=0)
    sheets = views.workbook_sheets(pack, "en")
    assert list(sheets) == [name.removeprefix("evidence_") for name in tables
                            if name != "evidence_definitions"]
    for name, shown in sheets.items():  # the workbook holds what the section shows
        item = sec.tables[f"evidence_{name}"]
        pd.testing.assert_frame_equal(
            shown, item.shown if item.index else item.shown.reset_index(drop=True), obj=name)
    change = sheets["mobilisation_network_change"]
    assert change.shape[0] == len(evidence_pack.selected_areas(example)) + 2
    assert np.all([isinstance(v, str) for v in change.iloc[:, 1]])


def test_change_cells_read_the_same_in_both_languages():
    """The cells of the shown change table: decimal comma and "%-yks." in Finnish; a
    suppression mark stays as it is."""
    assert views.change_cell(3.0, 5.5, 2.5, 1, "en") == "3.0 → 5.5 (+2.5)"
    assert views.change_cell(3.0, 5.5, 2.5, 1, "fi") == "3,0 → 5,5 (+2,5)"
    assert views.change_cell(0.25, 0.2, -0.05, 0, "en", pct=True) == "25 % → 20 % (-5 pp)"
    assert views.change_cell(0.25, 0.2, -0.05, 0, "fi", pct=True) == "25 % → 20 % (-5 %-yks.)"
    assert views.change_cell("<5", 7, HIDDEN, 0, "en") == f"<5 → 7 ({HIDDEN})"
    assert views.change_cell(np.nan, 0.0, np.nan, 1, "en") == "— → 0.0 (—)"


# --------------------------------------------------------------------------------------------
# a one-wave network study (issue 14): areas, actors and ties only


def _one_wave_network_study(folder):
    """Two areas, eight organisations each in three sectors, 30 ties in wave 0, nothing else:
    a network study as a user made one (no events, no people, no assessments)."""
    import csv
    import random

    folder.mkdir()
    rng = random.Random(1)

    def write(name, header, rows):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([header, *rows])

    write("areas.csv", ["area_id", "name", "municipality", "country", "role", "district_code"],
          [["maunula", "Maunula", "Helsinki", "FI", "selected", "401"],
           ["tuusula", "Tuusula keskusta", "Tuusula", "FI", "selected", ""]])
    kinds = {"public": "municipality", "people": "association", "private": "company"}
    actors = [[f"{a[:2]}{i}", a, s, "organisation", kinds[s], f"Org {a} {i}", "false", "0"]
              for a in ("maunula", "tuusula") for i in range(8) for s in [list(kinds)[i % 3]]]
    write("actors.csv", ["actor_id", "area_id", "sector", "type", "kind", "name",
                         "kehra_member", "joined_wave"], actors)
    ids, ties = [a[0] for a in actors], set()
    while len(ties) < 30:
        ties.add(tuple(rng.sample(ids, 2)))
    write("ties.csv", ["source", "target", "wave", "type", "weight"],
          [[s, t, "0", "collaboration", "1"] for s, t in sorted(ties)])
    return folder


def test_suppress_counts_leaves_a_missing_count_alone():
    """NA (nothing measured: no events) is neither suppressed nor a part that gives a small
    count away; a row of NA and one small count still hides its smallest shown part."""
    table = pd.DataFrame({"a": pd.array([pd.NA, 3, pd.NA], dtype="Int64"),
                          "b": pd.array([pd.NA, 7, 2], dtype="Int64"),
                          "c": pd.array([pd.NA, 9, pd.NA], dtype="Int64")})
    out = suppress_counts(table, ["a", "b", "c"], secondary=True)
    assert out.iloc[0].isna().all()
    assert out.iloc[1].tolist() == ["<5", HIDDEN, 9]
    assert pd.isna(out.iloc[2]["a"]) and out.iloc[2]["b"] == "<5" and pd.isna(out.iloc[2]["c"])


def test_one_wave_network_study_writes_the_evidence_pack(tmp_path):
    from innolab.reports.section import Figure, Table
    from innolab.reports.sections import evidence_pack as pack_section

    study = innolab.load_study(_one_wave_network_study(tmp_path / "net"))
    assert study.wave_ids == [0] and study.events.empty
    built = evidence_pack.build_pack(study)
    assert built.target_groups.isna().all().all()  # no events: nobody counted, not zero
    for lang in ("en", "fi"):
        sec = pack_section(study, lang=lang)
        assert any(isinstance(i, Table) for i in sec.items)
        assert any(isinstance(i, Figure) for i in sec.items)
        views.write_workbook(built, tmp_path / f"evidence_{lang}.xlsx", lang)
        assert "indicators" in openpyxl.load_workbook(tmp_path / f"evidence_{lang}.xlsx").sheetnames


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"), reason="long profile: a full run")
def test_one_wave_network_study_runs_every_report(tmp_path):
    import json

    study = _one_wave_network_study(tmp_path / "net")
    out = tmp_path / "out"
    assert main(["run", "--study", str(study), "--out", str(out), "--quiet"]) == 0
    jobs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    assert {j["status"] for j in jobs} == {"ok"}
    assert (out / "study" / "07_evidence.html").exists()
