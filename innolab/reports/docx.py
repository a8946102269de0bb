"""Any report section as a Word document, for an application or a memo (python-docx).

:func:`section_docx` writes a :class:`~innolab.reports.section.Section` as it is shown: a title
block, headings by level, paragraphs (Markdown bold and links kept as bold and as the link's
text), tables from ``Table.shown`` in a built-in table style with the header row repeated on every
page, figures as PNG at 200 dpi each with a caption paragraph "Figure N. …" (Word's *Caption*
style), and at the end the data hash and the parameters the section was made with. The words
are the catalogue's (``resources/texts/common.yaml``, keys ``common.docx_*``); the section's own
words are already in the reader's language. The evidence pack (:func:`evidence_docx`) and the
steering group's selection memo (:func:`memo_docx`) are written through it.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from ..data import vocab
from ..data.files import atomic_write
from . import texts
from .output import figure_png, package_versions
from .section import Figure, Heading, Note, Section, Table, Text
from .texts import t

__all__ = ["section_docx", "evidence_docx", "memo_docx", "TABLE_STYLE", "FIGURE_DPI"]

#: The built-in Word table style of every table.
TABLE_STYLE = "Light Grid Accent 1"
#: Resolution of the figures put in the document.
FIGURE_DPI = 200

# **bold**, [text](url) and `code` spans of the sections' Markdown
_SPAN = re.compile(r"\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)]+)\)|`([^`]+)`")


def _runs(paragraph, markdown: str) -> None:
    """Add a line of Markdown to a paragraph: bold spans bold, a link as its text."""
    pos = 0
    for m in _SPAN.finditer(markdown):
        if m.start() > pos:
            paragraph.add_run(markdown[pos:m.start()])
        if m.group(1) is not None:
            paragraph.add_run(m.group(1)).bold = True
        elif m.group(2) is not None:
            paragraph.add_run(m.group(2)).underline = True
        else:
            paragraph.add_run(m.group(4))
        pos = m.end()
    if pos < len(markdown):
        paragraph.add_run(markdown[pos:])


def _paragraphs(doc, body: str, style=None) -> None:
    """Markdown prose: a paragraph per blank-line block, a list item per ``- `` line."""
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = block.splitlines()
        if lines and all(ln.lstrip().startswith(("- ", "* ")) for ln in lines):
            for ln in lines:
                _runs(doc.add_paragraph(style="List Bullet"), ln.lstrip()[2:])
        else:
            _runs(doc.add_paragraph(style=style), " ".join(ln.strip() for ln in lines))


def _cell(v, lang: str) -> str:
    if isinstance(v, str):
        return v
    if v is None or (not isinstance(v, tuple | list) and pd.isna(v)):
        return "—"
    if isinstance(v, bool):
        return t("common.yes" if v else "common.no", lang)
    if isinstance(v, int):
        return f"{v}"
    if isinstance(v, float):
        return (f"{v:.2f}".rstrip("0").rstrip(".")).replace(".", t("fmt.decimal_sign", lang))
    return str(v)


def _repeat_header(row) -> None:
    """Mark a table row as a header row Word repeats at the top of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc, item: Table, lang: str) -> None:
    shown = item.shown.reset_index() if item.index else item.shown
    header = [str(c) if not (isinstance(c, str) and c.startswith("level_")) else ""
              for c in shown.columns]
    if item.index and shown.columns[0] == "index":
        header[0] = ""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in shown.itertuples(index=False):
        cells = table.add_row().cells
        for cell, v in zip(cells, values, strict=True):
            cell.text = _cell(v, lang)


def _figure(doc, item: Figure, n: int, caption: str, lang: str) -> None:
    import matplotlib.pyplot as plt
    from docx.shared import Cm

    png = figure_png(item.figure, dpi=FIGURE_DPI)  # laid out and cropped as on the page
    plt.close(item.figure)
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.add_paragraph(t("common.docx_caption", lang, n=n, caption=caption), style="Caption")


def _caption(item: Figure, last_heading: str) -> str:
    """The figure's own title (its suptitle or first axes' title), else the heading above it."""
    fig = item.figure
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return sup.get_text().strip()
    for ax in fig.get_axes():
        if ax.get_title().strip():
            return ax.get_title().strip()
    return last_heading


def section_docx(section: Section, path, lang: str = "en", *, title: str = "",
                 subtitle: str = "", data_hash: str = "", parameters: dict | None = None):
    """Write a report section as a Word document.

    Parameters
    ----------
    section : Section
        The section (its words already in ``lang``).
    path : str or pathlib.Path
        The ``.docx`` to write (atomically).
    lang : {"en", "fi"}
        The language of the document's own words (captions, the provenance block).
    title, subtitle : str
        The title block (e.g. the study's title and the report's name).
    data_hash : str
        The data hash the section was made from, stated at the end.
    parameters : dict, optional
        The parameters it was made with, stated at the end as command-line options
        (``n_draws=100`` as ``--n-draws 100``; folders are left out).

    Returns
    -------
    pathlib.Path
        The document.
    """
    import docx

    vocab.check_lang(lang)
    doc = docx.Document()
    core = doc.core_properties
    core.title, core.language = title or subtitle, lang
    if title:
        doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle, style="Subtitle")
    n_figures, last_heading = 0, title
    for item in section.items:
        if isinstance(item, Heading):
            doc.add_heading(item.title, level=max(1, min(item.level, 4)))
            last_heading = item.title
        elif isinstance(item, Note):
            _paragraphs(doc, item.body, style="Intense Quote")
        elif isinstance(item, Text):
            _paragraphs(doc, item.body)
        elif isinstance(item, Table):
            _table(doc, item, lang)
            doc.add_paragraph()
        elif isinstance(item, Figure):
            n_figures += 1
            _figure(doc, item, n_figures, _caption(item, last_heading), lang)
    doc.add_heading(t("common.docx_about", lang), level=2)
    about = {t("common.docx_data_hash", lang): data_hash} if data_hash else {}
    if parameters:
        # as the command line's options, the way a reader would run it again
        about[t("common.docx_parameters", lang)] = " ".join(
            f"--{str(k).replace('_', '-')} {v}" for k, v in parameters.items()
            if not str(k).endswith("_dir"))
    about["innolab"] = package_versions().get("innolab", "")
    for k, v in about.items():
        p = doc.add_paragraph()
        p.add_run(f"{k}: ").bold = True
        p.add_run(str(v))
    buf = io.BytesIO()
    doc.save(buf)
    return atomic_write(path, buf.getvalue())


def evidence_docx(pack, path, lang: str = "en", parameters: dict | None = None):
    """The evidence pack as a Word document: the evidence section, its definitions and hash.

    Parameters
    ----------
    pack : innolab.evidence.pack.Pack
        The pack (:func:`innolab.evidence.pack.build_pack`).
    path : str or pathlib.Path
        The ``.docx`` to write.
    lang : {"en", "fi"}
        The language.
    parameters : dict, optional
        The parameters (default: the pack's threshold and seed).

    Returns
    -------
    pathlib.Path
    """
    from .sections.evidence import evidence_pack

    if parameters is None:
        parameters = {"threshold": pack.threshold, "seed": pack.seed}
    sec = evidence_pack(pack.study, lang, pack=pack)
    return section_docx(sec, path, lang, title=pack.study.title,
                        subtitle=texts.t("common.evidence", lang),
                        data_hash=pack.study.data_hash, parameters=parameters)


def memo_docx(study, path, lang: str = "en", **parameters):
    """The steering group's selection memo as a Word document.

    Parameters
    ----------
    study : Study
        The study, with ``application`` ratings.
    path : str or pathlib.Path
        The ``.docx`` to write.
    lang : {"en", "fi"}
        The language.
    **parameters
        Passed to :func:`innolab.reports.sections.selection_memo` (``n_helsinki``,
        ``n_outside``, ``n_draws``, ``seed``, ``weight_noise``) and stated at the end.

    Returns
    -------
    pathlib.Path
    """
    from .sections.selection import selection_memo

    sec = selection_memo(study, lang, **parameters)
    return section_docx(sec, path, lang, title=study.title,
                        subtitle=texts.t("common.selection", lang),
                        data_hash=study.data_hash, parameters=parameters)
