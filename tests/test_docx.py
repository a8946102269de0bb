"""Word documents (innolab.reports.docx): the evidence pack and the selection memo, opened again
with python-docx."""

from __future__ import annotations

import re

import docx
import pytest
from conftest import DATA, REPO

import innolab
from innolab.cli import main
from innolab.evidence.pack import build_pack
from innolab.reports import docx as word
from innolab.reports import evidence_views as views
from innolab.reports.section import Figure, Table
from innolab.reports.sections import evidence_pack
from innolab.reports.texts import t

#: A code word: a snake_case token such as ``rco87_orgs_cross_border`` or ``area_id``.
CODE_WORD = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def _body(d) -> list:
    """The document's paragraphs and tables in their order."""
    out = []
    for el in d.element.body.iterchildren():
        if el.tag.endswith("}p"):
            out.append(docx.text.paragraph.Paragraph(el, d))
        elif el.tag.endswith("}tbl"):
            out.append(docx.table.Table(el, d))
    return out


def _text(d) -> str:
    return "\n".join([p.text for p in d.paragraphs]
                     + [c.text for tb in d.tables for r in tb.rows for c in r.cells])


def _section_words(sec) -> str:
    """Every word the section itself shows (prose and the cells and headers of shown tables)."""
    parts = [sec.text]
    for item in sec.of_type(Table):
        shown = item.shown.reset_index() if item.index else item.shown
        parts += [str(c) for c in shown.columns] + [str(v) for v in shown.to_numpy().ravel()]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def mini_pack():
    return build_pack(innolab.load_study(DATA / "mini_study"), n_boot=20)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_evidence_docx(mini_pack, tmp_path, lang):
    path = word.evidence_docx(mini_pack, tmp_path / "evidence.docx", lang)
    d = docx.Document(path)
    study = mini_pack.study
    # the application form's indicator table, with its columns and a row per indicator
    app = views.application_shown(mini_pack, lang).shown
    found = [tb for tb in d.tables if [c.text for c in tb.rows[0].cells] == list(app.columns)]
    assert len(found) == 1
    table = found[0]
    assert [r.cells[0].text for r in table.rows[1:]] == mini_pack.application["code"].tolist()
    assert table.style.name == word.TABLE_STYLE
    # its header row repeats on every page
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    # every figure is followed by its caption "Figure N. …"
    body = _body(d)
    sec = evidence_pack(study, lang, pack=mini_pack)
    n_figures = len(sec.of_type(Figure))
    assert n_figures >= 1 and len(d.inline_shapes) == n_figures
    pictures = [k for k, el in enumerate(body) if hasattr(el, "_p") and el._p.xpath(".//w:drawing")]
    assert len(pictures) == n_figures
    for n, k in enumerate(pictures, 1):
        caption = body[k + 1]
        assert caption.style.name == "Caption"
        assert caption.text.startswith(t("common.docx_caption", lang, n=n, caption="").strip())
    # the title, the definitions and the data hash
    text = _text(d)
    assert d.paragraphs[0].text == study.title
    assert study.data_hash in text
    assert views.indicator_definition("rco84_pilot_actions", lang) in text
    # no code word the writer adds, and none in the application table
    assert set(CODE_WORD.findall(text)) <= set(CODE_WORD.findall(_section_words(sec)))
    app_text = "\n".join(c.text for r in table.rows for c in r.cells)
    assert not CODE_WORD.findall(app_text)


def test_memo_docx_has_no_code_word(tmp_path):
    study = innolab.load_study(REPO / "data" / "example")
    path = word.memo_docx(study, tmp_path / "memo.docx", "fi", n_draws=50)
    d = docx.Document(path)
    text = _text(d)
    assert not CODE_WORD.findall(text), CODE_WORD.findall(text)
    assert "--n-draws 50" in text and study.data_hash in text
    captions = [p for p in d.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(d.inline_shapes) >= 1
    assert all(re.match(r"Kuva \d+\. \S", p.text) for p in captions)
    assert len(d.tables) >= 1


def test_memo_command(tmp_path, capsys):
    out = tmp_path / "memo.docx"
    assert main(["memo", "--study", str(DATA / "mini_study"), "--out", str(out),
                 "--lang", "en"]) == 0
    assert "selection memo" in capsys.readouterr().out
    assert docx.Document(out).paragraphs[0].text
    assert main(["memo", "--study", str(tmp_path / "nowhere"), "--out",
                 str(tmp_path / "x.docx")]) == 2


@pytest.fixture(scope="module")
def example_pack():
    return build_pack(innolab.load_study(REPO / "data" / "example"), n_boot=50)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_whole_evidence_docx_has_no_code_word(example_pack, tmp_path, lang):
    """Every paragraph and table cell of the example's evidence pack in Word reads as words:
    no snake_case token — save where a definition cites the data column it counts from as
    ``table.column`` (e.g. ``actors.area_id``), which a reader checking the number needs."""
    d = docx.Document(word.evidence_docx(example_pack, tmp_path / "evidence.docx", lang))
    cited = re.compile(r"\b(?:areas|actors|ties|events|participation|assessments|innovations"
                       r"|support|criteria|peer_review)\.[a-z_]+\b")
    words = cited.sub("", _text(d))
    assert not sorted(set(CODE_WORD.findall(words)))
