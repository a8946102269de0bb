"""Network exports (issue 15): every form read back by the tools' own readers, against the graph
``innolab.analysis.network.build_graph`` gives, and no person's name in any byte written."""

from __future__ import annotations

import csv
import io
import math
import zipfile

import networkx as nx
import pytest
from conftest import DATA, append_row

import innolab
from innolab.analysis import network
from innolab.cli import EXPORT_FORMATS, main
from innolab.data import vocab
from innolab.errors import ParameterError
from innolab.exports import FORMATS, NODE_MEASURES, export_graph, write_exports


@pytest.fixture(scope="module")
def study():
    return innolab.load_study(DATA / "mini_study")


@pytest.fixture
def two_types(mini):
    """The mini study with a second tie type m1 → m3 in wave 1 (one arc, two types)."""
    append_row(mini / "ties.csv", {"source": "m1", "target": "m3", "wave": "1",
                                   "type": "information", "weight": "2"})
    return innolab.load_study(mini)


def _same_network(G, ref):
    """Actors by id, their sectors, the ties and their weights and types are those of ``ref``."""
    assert set(G.nodes) == set(ref.nodes)
    for n in ref.nodes:
        assert G.nodes[n]["sector"] == ref.nodes[n]["sector"]
        assert G.nodes[n]["type"] == ref.nodes[n]["type"]
        assert G.nodes[n]["area_id"] == ref.nodes[n]["area_id"]
    assert set(G.edges) == set(ref.edges)
    for u, v, d in ref.edges(data=True):
        assert G.edges[u, v]["weight"] == pytest.approx(d["weight"])
        assert G.edges[u, v]["types"] == d["types"]


@pytest.mark.parametrize("area,wave", [(None, 0), (None, 1), ("maunula", 1), ("tuusula", 0)])
def test_the_export_graph_is_build_graph_with_its_measures(study, area, wave):
    G = export_graph(study, area, wave)
    ref = network.build_graph(study, area_id=area, wave=wave)
    _same_network(G, ref)
    bro = network.brokerage(ref, "sector").set_index("actor_id")
    con = network.constraint(ref).set_index("actor_id")
    es = network.effective_size(ref).set_index("actor_id")
    for n, d in G.nodes(data=True):
        assert "name" not in d and "target_group" not in d
        for role in network.ROLES:
            assert d[role] == bro.at[n, role]
        assert d["brokerage_total"] == bro.at[n, "total"]
        assert d["degree"] == con.at[n, "degree"]
        assert d["effective_size"] == pytest.approx(es.at[n, "effective_size"])
        if math.isnan(con.at[n, "constraint"]):
            assert "constraint" not in d  # undefined for an actor without contacts
        else:
            assert d["constraint"] == pytest.approx(con.at[n, "constraint"])


def test_one_file_set_per_area_and_wave(study, tmp_path):
    paths = write_exports(study, tmp_path, "graphml", areas=["maunula", "tuusula"])
    assert sorted(p.name for p in paths) == [
        "mini_maunula_wave0.graphml", "mini_maunula_wave1.graphml",
        "mini_tuusula_wave0.graphml", "mini_tuusula_wave1.graphml"]
    paths = write_exports(study, tmp_path, "csv", wave=1)
    assert sorted(p.name for p in paths) == ["mini_study_wave1_edges.csv",
                                             "mini_study_wave1_nodes.csv"]


@pytest.mark.parametrize("area", [None, "maunula"])
def test_graphml_reads_back_in_networkx(study, tmp_path, area):
    for path in write_exports(study, tmp_path, "graphml", areas=area and [area]):
        G = nx.read_graphml(path)
        wave = int(path.stem.rsplit("wave", 1)[1])
        assert G.is_directed()
        _same_network(G, network.build_graph(study, area_id=area, wave=wave))
        ref = export_graph(study, area, wave)
        for n, d in ref.nodes(data=True):
            assert G.nodes[n] == pytest.approx(d)  # typed: ints stay ints, booleans booleans


def test_gexf_reads_back_in_networkx_with_typed_attributes(two_types, tmp_path):
    (path,) = write_exports(two_types, tmp_path, "gexf", wave=1)
    text = path.read_text(encoding="utf-8")
    assert 'version="1.2"' in text and 'type="long"' in text and 'type="double"' in text
    G = nx.read_gexf(path, version="1.2draft")
    _same_network(G, network.build_graph(two_types, wave=1))
    assert G.edges["m1", "m3"]["types"] == "collaboration;information"
    assert G.edges["m1", "m3"]["weight"] == 3.0
    ref = export_graph(two_types, None, 1)
    for n, d in ref.nodes(data=True):
        got = {k: v for k, v in G.nodes[n].items() if k != "label"}
        assert got == pytest.approx(d)
        assert isinstance(got["liaison"], int) and isinstance(got["kehra_member"], bool)


def test_pajek_reads_back_in_networkx(study, tmp_path):
    for path in write_exports(study, tmp_path, "pajek", areas=["maunula"]):
        wave = int(path.stem.rsplit("wave", 1)[1])
        ref = network.build_graph(study, area_id="maunula", wave=wave)
        G = nx.read_pajek(path)
        assert G.is_directed()
        assert set(G.nodes) == set(ref.nodes)
        arcs = {(u, v): d["weight"] for u, v, d in G.edges(data=True)}
        assert arcs == {(u, v): d["weight"] for u, v, d in ref.edges(data=True)}


def test_igraph_reads_graphml_and_pajek(study, tmp_path):
    import igraph as ig  # a dependency of innolab (its network maps' layout)
    ref = network.build_graph(study, wave=1)
    (gml,) = write_exports(study, tmp_path, "graphml", wave=1)
    g = ig.Graph.Read_GraphML(str(gml))
    assert g.is_directed() and sorted(g.vs["id"]) == sorted(ref.nodes)
    assert g.ecount() == ref.number_of_edges()
    assert sorted(g.vs["sector"]) == sorted(d["sector"] for _, d in ref.nodes(data=True))
    (net,) = write_exports(study, tmp_path, "pajek", wave=1)
    g = ig.Graph.Read_Pajek(str(net))
    assert g.vcount() == ref.number_of_nodes() and g.ecount() == ref.number_of_edges()


def _csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_gephi_csv_tables(two_types, tmp_path):
    write_exports(two_types, tmp_path, "csv", areas=["maunula"], wave=1)
    nodes_path = tmp_path / "mini_maunula_wave1_nodes.csv"
    header = nodes_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:2] == ["Id", "Label"] and "sector" in header and "constraint" in header
    assert set(NODE_MEASURES) <= set(header)
    edges_path = tmp_path / "mini_maunula_wave1_edges.csv"
    assert edges_path.read_text(encoding="utf-8").splitlines()[0] == \
        "Source,Target,Type,Weight,Label"
    ref = network.build_graph(two_types, area_id="maunula", wave=1)
    nodes = _csv(nodes_path)
    assert {r["Id"]: r["sector"] for r in nodes} == dict(ref.nodes(data="sector"))
    assert all(r["Id"] == r["Label"] for r in nodes)
    edges = _csv(edges_path)
    assert all(r["Type"] == "Directed" for r in edges)
    assert {(r["Source"], r["Target"]): (float(r["Weight"]), r["Label"]) for r in edges} == \
        {(u, v): (d["weight"], d["types"]) for u, v, d in ref.edges(data=True)}


def test_kumu_workbook_follows_kumus_column_rules(two_types, tmp_path):
    from openpyxl import load_workbook

    (path,) = write_exports(two_types, tmp_path, "kumu", wave=1)
    assert path.name == "mini_study_wave1_kumu.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Elements", "Connections"]
    el, co = wb["Elements"], wb["Connections"]
    assert el["A1"].value == "Label"
    head = [c.value for c in el[1]]
    assert head[:4] == ["Label", "Type", "Description", "Tags"]
    assert len(head) == len(set(h.lower() for h in head))  # Kumu field names ignore case
    assert [c.value for c in co[1]] == ["From", "To", "Type", "Strength"]
    ref = network.build_graph(two_types, wave=1)
    rows = {r[0]: dict(zip(head, r, strict=True))
            for r in el.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(ref.nodes)
    for n, d in ref.nodes(data=True):
        assert rows[n]["Type"] == d["type"] and rows[n]["sector"] == d["sector"]
        assert rows[n]["Tags"].split("|") == [d["sector"], d["kind"]]
    links = {(f, t): (typ, s) for f, t, typ, s in co.iter_rows(min_row=2, values_only=True)}
    assert links == {(u, v): (d["types"].replace(";", "|"), d["weight"])
                     for u, v, d in ref.edges(data=True)}
    assert links["m1", "m3"] == ("collaboration|information", 3.0)
    for typ, _ in links.values():
        assert set(typ.split("|")) <= set(vocab.TIE_TYPES)


def _all_bytes(path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".xlsx":  # a zip: look inside every member, not at compressed bytes
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return b"".join(z.read(m) for m in z.namelist())
    return data


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "kumu", "csv", "pajek"])
def test_no_name_in_any_exported_byte(study, tmp_path, fmt):
    names = [n for n in study.actors["name"].dropna() if n]
    assert names
    paths = write_exports(study, tmp_path, fmt) + write_exports(study, tmp_path, fmt,
                                                                areas=study.area_ids)
    for path in paths:
        blob = _all_bytes(path)
        for name in names:
            for enc in ("utf-8", "utf-16-le"):
                assert name.encode(enc) not in blob, (path.name, name)
            for word in name.split():
                if len(word) > 3 and word.lower() not in {"maunula", "tuusula", "kalamaja"}:
                    assert word.encode("utf-8") not in blob, (path.name, word)


def test_bad_parameters_are_refused_and_nothing_is_written(study, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ParameterError, match="Unknown export format 'dot'"):
        write_exports(study, out, "dot")
    with pytest.raises(ParameterError, match="Unknown area 'maunla'.*maunula"):
        write_exports(study, out, "gexf", areas=["maunula", "maunla"])
    with pytest.raises(ParameterError, match="Unknown wave 7"):
        write_exports(study, out, "gexf", wave=7)
    assert not out.exists()


def test_the_cli_knows_every_export_format():
    assert EXPORT_FORMATS == tuple(FORMATS)


def test_innolab_export_writes_and_prints_the_paths(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--study", str(DATA / "mini_study"), "--format", "gexf",
                 "--out", str(out), "--each-area", "--wave", "1"]) == 0
    printed = capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert names == ["mini_kalamaja_wave1.gexf", "mini_maunula_wave1.gexf",
                     "mini_tuusula_wave1.gexf"]
    for name in names:
        assert str(out / name) in printed
    assert main(["export", "--study", str(DATA / "mini_study"), "--format", "kumu",
                 "--out", str(out), "--areas", "maunula"]) == 0
    assert (out / "mini_maunula_wave0_kumu.xlsx").exists()


@pytest.mark.parametrize("args,message", [
    (["--format", "graphml", "--areas", "maunla"], "Unknown area 'maunla'"),
    (["--format", "graphml", "--wave", "9"], "Unknown wave 9"),
])
def test_innolab_export_bad_parameters_exit_2(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["export", "--study", str(DATA / "mini_study"), "--out", str(out), *args]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_innolab_export_unknown_format_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--study", str(DATA / "mini_study"), "--out", str(tmp_path),
              "--format", "dot"])
    assert exc.value.code == 2
    assert "invalid choice: 'dot'" in capsys.readouterr().err
