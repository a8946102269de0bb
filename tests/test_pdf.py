"""Figures that read and pages that print: alt text on every image, and reports printed to A4 PDF.

The mini study's reports (the session's shared run) must give every image an alt text that is
its caption sentence — never nbconvert's "No description has been provided for this image". The
Maunula area profile and the evidence pack are printed with :func:`innolab.pipeline.pdf.print_pdfs`
(Debian's Chromium driven by Playwright, offline); before printing, each page is measured under
print media, laid out as wide as an A4 page's content: no table or figure may be wider than the
page (it would be cut), and the page count must stay within 1.5 × the content's length in pages
plus one (the blank space that keeping figures and tables whole may cost).
"""

from __future__ import annotations

import datetime
import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import DATA

from innolab.cli import main
from innolab.data.study import load_study
from innolab.errors import InnolabError
from innolab.pipeline import pdf as pdf_step
from innolab.reports.notebook import title_block

# A4 is 210 × 297 mm = 595.28 × 841.89 PostScript points (ISO 216).
A4_POINTS = (595.28, 841.89)

MEASURE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const items = [...document.querySelectorAll('table, img, figure')].map(e => {
    const r = e.getBoundingClientRect();
    return {tag: e.tagName, left: r.left, right: r.right, width: r.width};
  });
  return {width, height: document.documentElement.scrollHeight, items};
}"""


class _Images(HTMLParser):
    """The ``<img>`` tags of a page with their alt text, and the figures' captions."""

    def __init__(self):
        super().__init__()
        self.images, self.captions, self._in_caption = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs).get("alt"))
        self._in_caption = tag == "figcaption" or self._in_caption
        if tag == "figcaption":
            self.captions.append("")

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.captions[-1] += data


def test_every_image_of_the_mini_run_has_its_caption_as_alt_text(mini_reports):
    code, out = mini_reports
    assert code == 0
    pages = sorted(out.glob("*/*.html"))
    assert len(pages) >= 10
    n_images = 0
    for html in pages:
        parser = _Images()
        parser.feed(html.read_text(encoding="utf-8"))
        n_images += len(parser.images)
        for alt in parser.images:
            assert alt and alt.strip(), f"{html.relative_to(out)}: an image without alt text"
            assert "No description" not in alt, f"{html.relative_to(out)}: nbconvert's default alt"
        # every figure's caption is shown under it and is the image's alt text
        assert parser.captions == parser.images, html.relative_to(out)
    assert n_images >= 20  # the mini run draws some 30 figures: the check looked at them


def test_the_title_block_names_study_area_date_and_data_hash():
    study = load_study(DATA / "mini_study")
    line = title_block(study, "Maunula", "fi", today=datetime.date(2026, 12, 1))
    assert study.name in line and "Maunula" in line and study.short_hash in line
    assert "1.12.2026" in line  # a Finnish date is written day.month.year
    assert "2026-12-01" in title_block(study, "Maunula", "en", today=datetime.date(2026, 12, 1))


@pytest.fixture(scope="module")
def printed(mini_reports, tmp_path_factory):
    """The Maunula area profile and the evidence pack printed to PDF, with their measurements."""
    code, out = mini_reports
    assert code == 0
    folder = tmp_path_factory.mktemp("pdf")
    pages = []
    for src in (out / "maunula" / "01_area_profile.html", out / "study" / "07_evidence.html"):
        pages.append(shutil.copy(src, folder / src.name))  # figures are embedded in the page
    measured = {}
    written = pdf_step.print_pdfs(pages, check=lambda page, html: measured.__setitem__(
        html.name, page.evaluate(MEASURE_JS)))
    return dict(zip([p.name for p in written], zip(written, [measured[p.name] for p in pages],
                                                   strict=True), strict=True))


@pytest.mark.parametrize("name", ["01_area_profile.pdf", "07_evidence.pdf"])
def test_a_printed_report_is_a4_with_nothing_cut_and_few_pages(printed, name):
    from pypdf import PdfReader

    path, layout = printed[name]
    # laid out as wide as the A4 page's content, under print media
    assert layout["width"] == pdf_step.A4_CONTENT["width"]
    too_wide = [i for i in layout["items"]
                if i["right"] > layout["width"] + 0.5 or i["left"] < -0.5]
    assert not too_wide, f"{name}: wider than the page, so cut: {too_wide[:3]}"
    reader = PdfReader(path)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=2)
        assert float(page.mediabox.height) == pytest.approx(A4_POINTS[1], abs=2)
    content_pages = layout["height"] / pdf_step.A4_CONTENT["height"]
    assert 1 <= len(reader.pages) <= 1.5 * content_pages + 1, (len(reader.pages), content_pages)
    # the footer numbers the pages: "1 / N" on the first page
    assert re.search(rf"\b1 / {len(reader.pages)}\b", reader.pages[0].extract_text())


def test_run_and_evidence_pass_pdf_on(monkeypatch, tmp_path):
    import innolab.pipeline.run as run

    seen = {}

    class Result:
        out_dir, jobs, failed, ok = tmp_path, [], [], True

    monkeypatch.setattr(run, "run_reports", lambda *a, **kw: seen.update(run=kw) or Result())
    monkeypatch.setattr(run, "run_evidence", lambda *a, **kw: seen.update(evidence=kw) or [])
    assert main(["run", "--study", "s", "--out", str(tmp_path), "--quiet", "--pdf"]) == 0
    assert main(["evidence", "--study", "s", "--out", str(tmp_path), "--quiet", "--pdf"]) == 0
    assert seen["run"]["pdf"] is True and seen["evidence"]["pdf"] is True
    assert main(["run", "--study", "s", "--out", str(tmp_path), "--quiet"]) == 0
    assert seen["run"]["pdf"] is False


def test_printing_without_chromium_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.delenv("INNOLAB_CHROMIUM", raising=False)
    monkeypatch.setattr(pdf_step.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf_step.os, "access", lambda path, mode: False)
    page = tmp_path / "r.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(InnolabError, match="needs Chromium.*apt-get install chromium"):
        pdf_step.print_pdfs([page])
    assert not page.with_suffix(".pdf").exists()
