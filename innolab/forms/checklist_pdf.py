"""The checklist as a fillable A4 PDF, or as its printable short version (:func:`make_pdf`).

The fillable form has header text fields, one radio group per criterion and a notes field per
dimension; every text is also printed on the page, so it reads on paper too. The printable version
has no form fields: empty tick boxes and lines, at most two A4 pages for the built-in set.
"""

from __future__ import annotations

import io
from pathlib import Path

from innolab import __version__
from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.errors import InnolabError
from innolab.reports.texts import labels

from .common import (
    CHOICE_FIELDS,
    FORM_VERSION,
    HEADER_FIELDS,
    MARKER,
    anchor_labels,
    anchored,
    criteria_hash,
    criterion_field,
    criterion_text,
    dimension_groups,
    form_text,
    header_hint,
    notes_field,
    prepare_criteria,
    scale_text,
    wave_options,
)

__all__ = ["make_pdf"]

# PDF

_FONT, _BOLD = "InnolabDejaVuSans", "InnolabDejaVuSans-Bold"


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    try:
        pdfmetrics.registerFont(TTFont(_FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    except Exception as exc:  # reportlab raises several kinds for a missing or broken font
        raise InnolabError(f"Cannot load the DejaVu Sans fonts shipped with matplotlib from "
                             f"{folder}: {exc}") from exc


class _Pdf:
    """Draws one checklist PDF; page breaks, footers and (for forms) the fields."""

    W, H = 595.2756, 841.8898  # A4 in points
    M = 36.0  # side margin
    ID_W = 22.0  # width of the criterion id column
    TOP, BOTTOM = H - 36.0, 44.0

    def __init__(self, crit, lang, area_id, printable, body, waves=None):
        from reportlab.pdfgen import canvas

        self.crit, self.lang, self.area_id = crit, lang, area_id
        self.waves = wave_options(waves)
        self.printable = printable
        self.body = body
        self.lead = body * 1.22
        self.small = body - 1.5
        self.mark = 8.0 if printable else 11.0
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(self.W, self.H), invariant=1,
                               pageCompression=1)
        h = criteria_hash(crit)
        self.c.setTitle(form_text("title", lang))
        self.c.setAuthor("innolab")
        self.c.setCreator(f"innolab {__version__}")
        kind = "print" if printable else "form"
        self.c.setSubject(f"{MARKER} {kind} v{FORM_VERSION}; lang={lang}; criteria={h}")
        self.c.setKeywords(f"{MARKER}, form_version={FORM_VERSION}, criteria={h}, lang={lang}")
        self.footer = form_text("footer", lang, version=__version__, hash=h[:12], n=len(crit),
                         form=FORM_VERSION)
        self.page = 1
        self.y = self.TOP
        self.on_break = None

    # -- primitives
    def split(self, text, font, size, width):
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, font, size, width) or [""]

    def lines(self, x, lines, font, size, lead, grey=0.0):
        self.c.setFillGray(grey)
        self.c.setFont(font, size)
        y = self.y
        for line in lines:
            y -= lead
            self.c.drawString(x, y + (lead - size) * 0.5 + 1.0, line)
        self.c.setFillGray(0)
        return y

    def need(self, height):
        if self.y - height < self.BOTTOM:
            self.end_page()
            self.c.showPage()
            self.page += 1
            self.y = self.TOP
            if self.on_break is not None:
                self.on_break()

    def end_page(self):
        c = self.c
        c.setFont(_FONT, 6.5)
        c.setFillGray(0.35)
        c.drawString(self.M, 22, self.footer)
        # "Page i of N": N is a form XObject drawn once the page count is known (one pass)
        text = form_text("page", self.lang, i=self.page, n="")
        x = self.W - self.M - c.stringWidth(form_text("page", self.lang, i=99, n=99), _FONT, 6.5)
        c.drawString(x, 22, text)
        c.saveState()
        c.translate(x + c.stringWidth(text, _FONT, 6.5), 22)
        c.doForm("innolab_page_count")
        c.restoreState()
        c.setFillGray(0)

    # -- blocks
    def title(self):
        width = self.W - 2 * self.M
        size = self.body + 5
        self.y = self.lines(self.M, self.split(form_text("title", self.lang), _BOLD, size, width),
                            _BOLD, size, size * 1.2)
        self.y = self.lines(self.M, [form_text("subtitle", self.lang)], _FONT, self.body,
                            self.lead, grey=0.3)
        self.y -= 4
        key = "intro_print" if self.printable else "intro"
        intro = form_text(key, self.lang, scale=scale_text(self.crit, self.lang))
        self.y = self.lines(self.M, self.split(intro, _FONT, self.body, width), _FONT,
                            self.body, self.lead)
        self.y -= 8

    def header(self):
        c = self.c
        label_w, field_w = 142.0, 140.0
        hint_x = self.M + label_w + field_w + 10
        hint_w = self.W - self.M - hint_x
        for field in HEADER_FIELDS:
            hint = self.split(header_hint(field, self.lang), _FONT, self.small, hint_w)
            row_h = max(18.0 if not self.printable else 16.0, len(hint) * self.small * 1.15 + 4)
            self.need(row_h)
            top = self.y
            base = top - 12
            c.setFont(_BOLD, self.body)
            c.drawString(self.M, base, form_text(field, self.lang))
            c.setFont(_FONT, self.small)
            c.setFillGray(0.4)
            c.drawString(self.M + c.stringWidth(form_text(field, self.lang), _BOLD, self.body) + 4,
                         base, f"({field})")
            c.setFillGray(0)
            value = {"area_id": self.area_id or "", "assessor": "self"}.get(field, "")
            fx = self.M + label_w
            if self.printable:
                c.setLineWidth(0.6)
                c.line(fx, base - 2, fx + field_w, base - 2)
                if value:
                    c.setFont(_FONT, self.body)
                    c.drawString(fx + 2, base, value)
            elif field == "wave" and self.waves:
                # the study's waves are known: a combo box of "0 · Syksy 2015", … whose export
                # values are the wave numbers
                c.acroForm.choice(name=field, value=self.waves[-1][0], options=self.waves,
                                  x=fx, y=base - 4, width=field_w, height=15,
                                  fontName="Helvetica", fontSize=9, borderWidth=0.6,
                                  borderColor=_grey(0.45), fillColor=_grey(0.97),
                                  textColor=_grey(0), tooltip=form_text(field, self.lang),
                                  fieldFlags="combo")
            elif field in CHOICE_FIELDS:
                # a fixed vocabulary: a combo box of labels in the form's language whose
                # export values are the codes (read back by innolab.forms.read)
                options = [(lab, code) for code, lab in
                           labels(field, self.lang).items()]
                if not value:
                    # the sector may stay empty: a dash whose export value is empty (reportlab
                    # needs a chosen option)
                    options.insert(0, ("-", ""))
                    value = "-"
                c.acroForm.choice(name=field, value=value, options=options, x=fx, y=base - 4,
                                  width=field_w, height=15, fontName="Helvetica", fontSize=9,
                                  borderWidth=0.6, borderColor=_grey(0.45),
                                  fillColor=_grey(0.97), textColor=_grey(0),
                                  tooltip=form_text(field, self.lang), fieldFlags="combo")
            else:
                c.acroForm.textfield(name=field, value=value, x=fx, y=base - 4, width=field_w,
                                     height=15, fontName="Helvetica", fontSize=9,
                                     borderWidth=0.6, borderColor=_grey(0.45),
                                     fillColor=_grey(0.97), textColor=_grey(0),
                                     tooltip=form_text(field, self.lang), maxlen=80)
            self.y = top
            self.lines(hint_x, hint, _FONT, self.small, self.small * 1.15, grey=0.35)
            self.y = top - row_h
        self.y -= 6

    def legend(self):
        """The printed version's scale legend (the form has anchors in each dimension)."""
        width = self.W - 2 * self.M
        text = f"{form_text('scale', self.lang)}: {scale_text(self.crit, self.lang)}"
        lines = self.split(text, _BOLD, self.body, width)
        self.need(len(lines) * self.lead + 4)
        self.y = self.lines(self.M, lines, _BOLD, self.body, self.lead) - 4

    def columns(self, lo, hi):
        """x of the first scale column and the column width."""
        n = hi - lo + 1
        if self.printable:
            col_w = 20.0
        else:
            col_w = 44.0
            if anchored(lo, hi):
                anchors = list(anchor_labels(self.lang).values())
                widest = max(self.c.stringWidth(w, _FONT, 6.5) for a in anchors
                             for w in a.split())
                col_w = max(col_w, widest + 6)
                while col_w < 64.0 and max(len(self.split(a, _FONT, 6.5, col_w - 4))
                                           for a in anchors) > 3:
                    col_w += 2.0
            col_w = min(col_w, 300.0 / n)
        return self.W - self.M - n * col_w, col_w

    def heading_size(self, lo, hi):
        """Font size, bar height, anchor labels per column and anchor row height."""
        x0, col_w = self.columns(lo, hi)
        size = self.body + (1.0 if not self.printable else 0.5)
        anchors = anchor_labels(self.lang) if anchored(lo, hi) else {}
        lab = {v: self.split(anchors.get(v, ""), _FONT, 6.5, col_w - 4) if anchors else []
               for v in range(lo, hi + 1)}
        anchor_h = 0.0 if self.printable else 11 + max(len(v) for v in lab.values()) * 7.5 + 3
        return size, size + 7, lab, anchor_h

    def criterion_lines(self, row, lo, hi):
        x0, _ = self.columns(lo, hi)
        lines = self.split(criterion_text(row, "criterion", self.lang), _FONT, self.body,
                           x0 - self.M - self.ID_W - 6)
        pad = 2.0 if self.printable else 4.0
        return lines, pad, max(len(lines) * self.lead, self.mark + 2) + 2 * pad

    def notes_height(self):
        return 2 * 13.0 + 6 if self.printable else 3 + 12 + 38.0 + 10

    def dim_heading(self, dim, name, lo, hi, cont=False):
        c = self.c
        x0, col_w = self.columns(lo, hi)
        size, head_h, lab, anchor_h = self.heading_size(lo, hi)
        self.need(head_h + anchor_h + self.lead * 2 + 8)
        top = self.y
        c.setFillGray(0.9)
        c.rect(self.M, top - head_h, self.W - 2 * self.M, head_h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(_BOLD, size)
        title = f"{dim}  {name}" + (f"  {form_text('continued', self.lang)}" if cont else "")
        title_w = (x0 if self.printable else self.W - self.M) - self.M - 8
        while c.stringWidth(title, _BOLD, size) > title_w and len(title) > 4:
            title = title[:-2].rstrip() + "…"
        c.drawString(self.M + 3, top - head_h + 4.5, title)
        if self.printable:
            for k, v in enumerate(range(lo, hi + 1)):
                c.drawCentredString(x0 + (k + 0.5) * col_w, top - head_h + 4.5, str(v))
            self.y = top - head_h - 1
            return
        y = top - head_h - 10
        c.setFont(_FONT, self.small)
        c.setFillGray(0.35)
        c.drawString(self.M + 3, y, form_text("criterion", self.lang))
        c.setFillGray(0)
        for k, v in enumerate(range(lo, hi + 1)):
            cx = x0 + (k + 0.5) * col_w
            c.setFont(_BOLD, 8)
            c.drawCentredString(cx, y, str(v))
            c.setFont(_FONT, 6.5)
            for j, line in enumerate(lab[v]):
                c.drawCentredString(cx, y - 8.0 - j * 7.5, line)
        self.y = top - head_h - anchor_h

    def criterion(self, row, lo, hi):
        c = self.c
        x0, col_w = self.columns(lo, hi)
        tx = self.M + self.ID_W
        lines, pad, row_h = self.criterion_lines(row, lo, hi)
        self.need(row_h)
        top = self.y
        self.y = top - pad
        c.setFont(_BOLD, self.body)
        c.drawString(self.M + 3, top - pad - self.lead + (self.lead - self.body) * 0.5 + 1.0,
                     str(row["criterion_id"]))
        self.lines(tx, lines, _FONT, self.body, self.lead)
        my = top - row_h / 2 - self.mark / 2
        field = criterion_field(row["criterion_id"])
        for k, v in enumerate(range(lo, hi + 1)):
            if not int(row["lo"]) <= v <= int(row["hi"]):
                continue
            mx = x0 + (k + 0.5) * col_w - self.mark / 2
            if self.printable:
                c.setLineWidth(0.7)
                c.rect(mx, my, self.mark, self.mark, stroke=1, fill=0)
            else:
                c.acroForm.radio(name=field, value=str(v), x=mx, y=my, size=self.mark,
                                 buttonStyle="circle", shape="circle", borderWidth=0.8,
                                 borderColor=_grey(0.3), fillColor=_grey(1),
                                 textColor=_grey(0), fieldFlags="noToggleToOff radio",
                                 tooltip=f"{row['criterion_id']} "
                                         f"{criterion_text(row, 'criterion', self.lang)}")
        c.setStrokeGray(0.8)
        c.setLineWidth(0.4)
        c.line(self.M, top - row_h, self.W - self.M, top - row_h)
        c.setStrokeGray(0)
        self.y = top - row_h

    def notes(self, dim):
        c = self.c
        label = f"{form_text('notes', self.lang)} ({dim})"
        if self.printable:
            gap = 13.0
            self.need(self.notes_height())
            top = self.y
            c.setFont(_FONT, self.small)
            lx = self.M + 3 + c.stringWidth(label + ":", _FONT, self.small) + 4
            c.drawString(self.M + 3, top - gap + 2, label + ":")
            c.setLineWidth(0.4)
            c.setStrokeGray(0.5)
            c.line(lx, top - gap, self.W - self.M, top - gap)
            c.line(self.M + 3, top - 2 * gap, self.W - self.M, top - 2 * gap)
            c.setStrokeGray(0)
            self.y = top - 2 * gap - 6
            return
        box_h = 38.0
        self.need(self.notes_height())
        top = self.y - 3
        c.setFont(_FONT, self.small)
        c.drawString(self.M + 3, top - self.small, label)
        c.acroForm.textfield(name=notes_field(dim), value="", x=self.M, y=top - 12 - box_h,
                             width=self.W - 2 * self.M, height=box_h, fontName="Helvetica",
                             fontSize=9, borderWidth=0.6, borderColor=_grey(0.45),
                             fillColor=_grey(0.97), textColor=_grey(0),
                             fieldFlags="multiline doNotScroll", maxlen=0, tooltip=label)
        self.y = top - 12 - box_h - 10

    def draw(self) -> tuple[bytes, int]:
        self.title()
        self.header()
        if self.printable:
            self.legend()
        for dim, name, rows, lo, hi in dimension_groups(self.crit, self.lang):
            self.y -= 2
            self.on_break = None
            _, head_h, _, anchor_h = self.heading_size(lo, hi)
            block = (head_h + anchor_h + self.notes_height()
                     + sum(self.criterion_lines(row, lo, hi)[2] for _, row in rows.iterrows()))
            if block <= self.TOP - self.BOTTOM:  # keep a dimension on one page when it fits
                self.need(block)
            self.dim_heading(dim, name, lo, hi)
            self.on_break = (lambda d=dim, n=name, a=lo, b=hi:
                             self.dim_heading(d, n, a, b, cont=True))
            for _, row in rows.iterrows():
                self.criterion(row, lo, hi)
            self.on_break = None
            self.notes(dim)
        self.end_page()
        self.c.showPage()
        self.c.beginForm("innolab_page_count")
        self.c.setFont(_FONT, 6.5)
        self.c.setFillGray(0.35)
        self.c.drawString(0, 0, str(self.page))
        self.c.endForm()
        self.c.save()
        return self.buf.getvalue(), self.page


def _grey(g: float):
    from reportlab.lib.colors import Color

    return Color(g, g, g)


def _pdf_bytes(crit, lang, area_id, printable, waves=None) -> bytes:
    _register_fonts()
    sizes = (9.0, 8.5, 8.0, 7.5, 7.0) if printable else (9.0,)
    for body in sizes:  # the printable version shrinks its text until it fits on two pages
        data, pages = _Pdf(crit, lang, area_id, printable, body, waves).draw()
        if pages <= 2:
            break
    return data


def make_pdf(path, lang: str = "en", criteria=None, area_id: str | None = None,
             printable: bool = False, waves: dict | None = None) -> Path:
    """Write the checklist as a fillable A4 PDF, or as its printable short version.

    The fillable form has the text fields :data:`HEADER_FIELDS` (``assessor`` preset to
    ``self``), a radio group ``criterion_<id>`` per criterion (see :func:`criterion_field`) with
    the export values ``scale_min`` … ``scale_max`` and the scale's anchors printed above each
    dimension's columns, and a multi-line text field ``notes_<dimension>`` per dimension. All
    texts are also page text, so the form reads and prints without a form-aware viewer. Texts
    are set in DejaVu Sans (shipped with matplotlib), embedded.

    Parameters
    ----------
    path : str or pathlib.Path
        The PDF to write (atomically; its folder is created).
    lang : {"en", "fi"}
        The language of the form.
    criteria : pandas.DataFrame or path, optional
        A criteria set in the study format; default the built-in set.
    area_id : str, optional
        Prefilled into the ``area_id`` field (printed on its line in the printable version).
    printable : bool
        The short version for paper: no form fields, empty tick boxes, lines for the header and
        notes, at most two pages for the built-in set (the text shrinks down to 7 pt to fit).
    waves : dict of int to str, optional
        The study's waves (id → label): the wave field is then a choice of them
        (:func:`innolab.forms.common.wave_options`), else a whole number.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ParameterError
        For an unknown language or a criteria set without a whole-number scale.
    """
    vocab.check_lang(lang)
    crit = prepare_criteria(criteria)
    return atomic_write(path, _pdf_bytes(crit, lang, area_id, printable, waves))
