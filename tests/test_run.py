"""The main job end to end: papermill runs the area profile per area, HTML without code, index."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
from conftest import REPO

import innolab
from innolab.cli import main
from innolab.pipeline.run import discover_notebooks, run_reports


def test_run_writes_one_html_report_per_area_and_an_index(mini_reports):
    code, out = mini_reports
    assert code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for area in ("maunula", "tuusula", "kalamaja"):
        assert (out / area / "01_area_profile.html").exists()
        assert (out / area / "01_area_profile.ipynb").exists()
        assert f'href="{area}/01_area_profile.html"' in index
        assert (out / area / "figures" / "actors_by_sector.png").stat().st_size > 1000
        assert (out / area / "figures" / "actors_by_sector.svg").exists()
        assert (out / area / "tables" / "activity_by_wave.csv").exists()
    # the card states the stage by self-assessment (only Maunula has self-assessments)
    assert "Stage (self-assessment) · Vaihe (itsearvio)</dt><dd>developing · kehittyvä" in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(j["status"] == "ok" for j in manifest["jobs"])
    assert {j["area_id"] for j in manifest["jobs"]} == {"maunula", "tuusula", "kalamaja", None}
    assert manifest["data_hash"] == innolab.load_study(REPO / "tests/data/mini_study").data_hash
    assert manifest["versions"]["innolab"] == innolab.__version__


def test_reports_show_no_code_no_names_and_load_nothing_from_the_network(mini_reports):
    _, out = mini_reports
    names = innolab.load_study(REPO / "tests/data/mini_study").actors["name"].dropna()
    for html_file in out.glob("*/01_area_profile.html"):
        doc = html_file.read_text(encoding="utf-8")
        for name in names:
            assert name not in doc, f"{name} appears in {html_file}"
        assert "innolab.load_study(" not in doc  # input cells are left out
        assert not re.search(r'<(script|img|link)[^>]+(src|href)="(https?:)?//', doc)
        assert "cdnjs" not in doc and "import(\"http" not in doc
        assert "data:image/png;base64" in doc  # figures are embedded
        assert "Data hash (SHA-256)" in doc  # provenance footer


def test_report_numbers_read_the_data(mini_reports):
    """Maunula in the mini study, counted by hand from its CSV files."""
    _, out = mini_reports
    act = (out / "maunula" / "tables" / "activity_by_wave.csv").read_text().splitlines()
    # wave 0: m1, m2 (people), m3 (public) took part in e1; wave 1: m1 (e2, e3), m3 (tie m1->m3),
    # m4 (private), m5 (knowledge); m2 lapsed. Events in Maunula: e1 (wave 0), e2 (wave 1).
    # Ties touching Maunula: wave 0 three (m1-m2, m1-m3, m3-m1); wave 1 five.
    assert act == ["wave,people,public,private,knowledge,intermediary,active,events,ties",
                   "0,2,1,0,0,0,3,1,3", "1,1,1,1,1,0,4,1,5"]
    doc = (out / "maunula" / "01_area_profile.html").read_text(encoding="utf-8")
    assert "Maunula has 5 actors" in doc
    assert "The Kehrä group has 3 members but is not tripartite: private is missing." in doc


def test_finnish_report(tmp_path):
    from conftest import DATA

    out = tmp_path / "fi"
    result = run_reports(DATA / "mini_study", out, areas=["tuusula"], lang="fi",
                         notebooks=["01_area_profile"], progress=False)
    assert result.ok
    assert [(j.notebook, j.area_id) for j in result.jobs] == [("01_area_profile", "tuusula")]
    doc = (out / "tuusula" / "01_area_profile.html").read_text(encoding="utf-8")
    assert "Alueprofiili" in doc and "Julkinen" in doc and "Aktiivisuus aalloittain" in doc
    assert "Alueella Tuusula keskusta on 3 toimijaa" in doc
    assert not (out / "maunula").exists()


def _notebook(cells, path: Path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(path))


def test_one_failing_area_does_not_stop_the_others(tmp_path, monkeypatch):
    """A notebook that fails for one area: the others are written, the failure is kept and shown.

    The same notebook records the interpreter of its kernel: it must be the one running innolab.
    """
    from conftest import DATA

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(['study_dir = ""\narea_id = ""\noutput_dir = ""\nlang = "en"',
               "import sys\nprint(sys.executable)",
               "if area_id == 'tuusula':\n    raise RuntimeError('boom in tuusula')"],
              nbdir / "01_area_profile.ipynb")
    _notebook(['study_dir = ""\noutput_dir = ""\nlang = "en"', "print('whole study')"],
              nbdir / "02_networks.ipynb")
    monkeypatch.setenv("INNOLAB_NOTEBOOKS", str(nbdir))
    assert discover_notebooks(nbdir) == (["01_area_profile"], ["02_networks"])
    out = tmp_path / "out"
    code = main(["run", "--study", str(DATA / "mini_study"), "--out", str(out), "--quiet"])
    assert code == 1
    assert (out / "maunula" / "01_area_profile.html").exists()
    assert (out / "kalamaja" / "01_area_profile.html").exists()
    assert not (out / "tuusula" / "01_area_profile.html").exists()
    failed = nbformat.read(str(out / "tuusula" / "01_area_profile.ipynb"), as_version=4)
    assert "boom in tuusula" in json.dumps([c.get("outputs") for c in failed.cells])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="card failed" id="area-tuusula"' in index
    assert "RuntimeError: boom in tuusula" in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(j["area_id"], j["status"]) for j in manifest["jobs"]] == [
        ("maunula", "ok"), ("tuusula", "failed"), ("kalamaja", "ok"), (None, "ok")]
    # the study-level notebook ran once, without an area_id parameter, into study/
    assert (out / "study" / "02_networks.html").exists()
    assert 'href="study/02_networks.html">Networks · Verkostot</a>' in index
    ran = nbformat.read(str(out / "maunula" / "01_area_profile.ipynb"), as_version=4)
    (printed,) = [o["text"] for c in ran.cells for o in c.get("outputs", []) if "text" in o]
    kernel_python = printed.strip()
    assert Path(kernel_python).resolve() == Path(sys.executable).resolve()
    assert not list(out.rglob(".run-*")), "temporary folders must not be left behind"


def test_report_pages_are_nbconvert_pages_without_its_second_pass(mini_reports):
    """innolab's exporter skips nbconvert's BeautifulSoup pass over a finished page (default alt
    texts, ``tabindex`` on outputs): for every executed notebook of the mini run its page, read
    and written by BeautifulSoup, is nbconvert's stock ``HTMLExporter`` page, character for
    character; its headings are nbconvert's as they are written, and every output can be
    reached by keyboard."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from innolab.pipeline.execute import _RESOURCES, html_exporter

    stock = HTMLExporter(template_name="innolab_report", extra_template_basedirs=[str(_RESOURCES)])
    stock.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove-cell"}),
                                enabled=True)
    stock.exclude_input = stock.exclude_input_prompt = stock.exclude_output_prompt = True
    stock.embed_images = True
    _, out = mini_reports
    pages = sorted(out.glob("*/*.ipynb"))
    assert len(pages) >= 4
    for ipynb in pages:
        nb = nbformat.read(ipynb, as_version=4)
        theirs, _ = stock.from_notebook_node(nb, resources={"metadata": {"name": "x"}})
        ours, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": "x"}})
        assert str(BeautifulSoup(ours, features="html.parser")) == theirs, ipynb
        heading = r"<h([1-6])\b[^>]*>.*?</h\1>"  # letters, not references: ä, not &#228;
        assert re.findall(heading, ours, re.S) == re.findall(heading, theirs, re.S), ipynb
        outputs = re.findall(r'<div[^>]*\bjp-OutputArea-output\b[^>]*>', ours)
        assert outputs and all('tabindex="0"' in div for div in outputs), ipynb


def test_finish_page_marks_output_divs_and_writes_heading_letters():
    from innolab.pipeline.execute import finish_page

    page = ('<div class="jp-OutputArea-child"><div class="jp-RenderedHTMLCommon '
            'jp-RenderedHTML jp-OutputArea-output " data-mime-type="text/html"><p>x</p></div>'
            '<div id="d1" class="jp-RenderedJavaScript jp-OutputArea-output">y</div>'
            '<div class="jp-OutputArea-outputs">z</div></div>')
    assert finish_page(page) == (
        '<div class="jp-OutputArea-child"><div class="jp-RenderedHTMLCommon '
        'jp-RenderedHTML jp-OutputArea-output " data-mime-type="text/html" tabindex="0"><p>x</p>'
        '</div><div id="d1" class="jp-RenderedJavaScript jp-OutputArea-output" tabindex="0">y'
        '</div><div class="jp-OutputArea-outputs">z</div></div>')
    page = ('<h2 id="Mit%C3%A4">Mit&#228; &amp; &#x27;miksi&#x27; &#xE4;<a class="anchor-link" '
            'href="#Mit%C3%A4">&#182;</a></h2><p>Mit&#228;</p><h3>&lt;5 &#8212; ok &#55296;</h3>')
    assert finish_page(page) == (
        '<h2 id="Mit%C3%A4">Mitä &amp; &#x27;miksi&#x27; ä<a class="anchor-link" '
        'href="#Mit%C3%A4">¶</a></h2><p>Mit&#228;</p><h3>&lt;5 — ok &#55296;</h3>')
