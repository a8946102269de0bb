"""The self-assessment checklist of the criteria set (BRIEF §1 and §3), and reading it back.

Three forms of the same checklist:

* a fillable A4 PDF (:func:`make_pdf`): header text fields, one radio group per criterion, a notes
  field per dimension; every text is also printed on the page, so it reads on paper too;
* a printable short version (:func:`make_pdf` with ``printable=True``): no form fields, empty tick
  boxes and lines, at most two A4 pages for the built-in set;
* an Excel workbook (:func:`make_xlsx`): input cells with drop-down lists, the rest protected.

:func:`read_filled` turns one filled PDF or workbook into rows of the ``assessments`` table
(BRIEF §5); :func:`ingest_checklists` does that for a folder of forms and writes one CSV.

Field names, the same in the PDF and (as defined names) in the workbook: ``area_id``,
``respondent_id``, ``respondent_sector``, ``wave``, ``assessor``; ``criterion_<id>`` per criterion
with the id's dot replaced by an underscore (``criterion_1_1``), whose value is the score; and
``notes_<dimension id>`` per dimension (``notes_D1``).
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from innolab import __version__
from innolab.analysis.criteria import load_criteria
from innolab.data import vocab
from innolab.data.files import atomic_write
from innolab.data.study import TABLES, _cell_text, _did_you_mean, _vocab_hints
from innolab.errors import InnolabError, ParameterError, Problem, StudyError
from innolab.reports.criteria_text import dimension_names as dimensions
from innolab.reports.criteria_text import scale_anchors
from innolab.reports.texts import labels

__all__ = [
    "HEADER_FIELDS",
    "ASSESSMENT_COLUMNS",
    "FORM_VERSION",
    "ChecklistError",
    "criterion_field",
    "notes_field",
    "criteria_hash",
    "make_checklist",
    "make_pdf",
    "make_xlsx",
    "read_filled",
    "ingest_checklists",
]

#: The header fields of every form, in order.
HEADER_FIELDS = ("area_id", "respondent_id", "respondent_sector", "wave", "assessor")
#: The columns of the rows :func:`read_filled` returns: those of the ``assessments`` table.
ASSESSMENT_COLUMNS = tuple(TABLES["assessments"].column_names)
#: The version of the form layout; written into each form's metadata.
FORM_VERSION = "1"

_REQUIRED_HEADER = ("area_id", "respondent_id", "wave", "assessor")  # respondent_sector optional
_MARKER = "innolab checklist"
_MARKER_SHEET = "innolab"
_MAX_POINTS = 11

# Texts of the forms: key -> (English, Finnish).
_T = {
    "title": ("Self-assessment checklist: from a development network to an innovation platform",
              "Itsearvioinnin tarkistuslista: kehittämisverkostosta innovaatioalustaksi"),
    "subtitle": ("The criteria of a good place-based innovation platform",
                 "Hyvän paikkaperustaisen innovaatioalustan kriteerit"),
    "intro": (
        "Rate how well each criterion describes your area today, on the scale {scale}. Choose one "
        "value per criterion; leave a criterion empty only if you cannot say. Fill in the header "
        "with the codes shown (the coordinator gives the area and respondent ids), write your "
        "observations on each dimension in its notes, save the form and return it to the "
        "coordinator.",
        "Arvioi, kuinka hyvin kukin kriteeri kuvaa aluettanne nyt, asteikolla {scale}. Valitse "
        "yksi arvo kutakin kriteeriä kohden; jätä kriteeri tyhjäksi vain, jos et osaa sanoa. "
        "Täytä yläosan tiedot annetuilla tunnuksilla (alueen ja vastaajan tunnukset saat "
        "koordinaattorilta), kirjoita havaintosi kustakin ulottuvuudesta sen huomioihin, "
        "tallenna lomake ja palauta se koordinaattorille.",
    ),
    "intro_print": (
        "Rate how well each criterion describes your area today, on the scale {scale}. Tick one "
        "box per criterion; leave a criterion empty only if you cannot say. Fill in the header "
        "with the codes shown and write your observations on each dimension on its lines.",
        "Arvioi, kuinka hyvin kukin kriteeri kuvaa aluettanne nyt, asteikolla {scale}. Rastita "
        "yksi ruutu kutakin kriteeriä kohden; jätä kriteeri tyhjäksi vain, jos et osaa sanoa. "
        "Täytä yläosan tiedot annetuilla tunnuksilla ja kirjoita havaintosi kustakin "
        "ulottuvuudesta sen riveille.",
    ),
    "intro_xlsx": (
        "Rate how well each criterion describes your area today, on the scale {scale}: pick one "
        "value per criterion in the yellow score cells (leave a cell empty only if you cannot "
        "say). Fill in the yellow header cells with the codes shown and write your observations "
        "on each dimension in its notes cell.",
        "Arvioi, kuinka hyvin kukin kriteeri kuvaa aluettanne nyt, asteikolla {scale}: valitse "
        "yksi arvo kutakin kriteeriä kohden keltaisiin pistesoluihin (jätä solu tyhjäksi vain, "
        "jos et osaa sanoa). Täytä keltaiset otsikkotiedot annetuilla tunnuksilla ja kirjoita "
        "havaintosi kustakin ulottuvuudesta sen huomiosoluun.",
    ),
    "scale_each": ("shown for each dimension", "joka näkyy kunkin ulottuvuuden kohdalla"),
    "scale": ("Scale", "Asteikko"),
    "criterion": ("Criterion", "Kriteeri"),
    "dimension": ("Dimension", "Ulottuvuus"),
    "score": ("Score", "Pisteet"),
    "meaning": ("Meaning of the score", "Pisteiden merkitys"),
    "notes": ("Notes", "Huomiot"),
    "continued": ("(continued)", "(jatkuu)"),
    "page": ("Page {i} of {n}", "Sivu {i}/{n}"),
    "footer": ("innolab {version} · criteria set {hash} ({n} criteria) · form version {form}",
               "innolab {version} · kriteeristö {hash} ({n} kriteeriä) · lomakeversio {form}"),
    "sheet": ("Checklist", "Tarkistuslista"),
    "area_id": ("Area", "Alue"),
    "respondent_id": ("Respondent", "Vastaaja"),
    "respondent_sector": ("Sector", "Sektori"),
    "wave": ("Wave", "Aalto"),
    "assessor": ("Assessor", "Arvioija"),
    "hint_area_id": ("the area's id, e.g. maunula", "alueen tunnus, esim. maunula"),
    "hint_respondent_id": ("your respondent id, from the coordinator",
                           "vastaajatunnuksesi, koordinaattorilta"),
    "hint_wave": ("whole number: 0 = the first assessment round",
                  "kokonaisluku: 0 = ensimmäinen arviointikierros"),
}


def _t(key: str, lang: str, **kw) -> str:
    text = _T[key][vocab.LANGUAGES.index(lang)]
    return text.format(**kw) if kw else text


def _hint(field: str, lang: str) -> str:
    if field == "respondent_sector":
        return ", ".join(f"{c} = {v}" for c, v in labels("respondent_sector", lang).items())
    if field == "assessor":
        return ", ".join(f"{c} = {v}" for c, v in labels("assessor", lang).items())
    return _t(f"hint_{field}", lang)


# ---------------------------------------------------------------------------------------------
# Field names and the criteria set


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", str(text))


def criterion_field(criterion_id: str) -> str:
    """The form field of a criterion: ``"1.1"`` → ``"criterion_1_1"``.

    Parameters
    ----------
    criterion_id : str
        A criterion id.

    Returns
    -------
    str
        ``criterion_`` and the id with every character other than a letter, digit or underscore
        replaced by an underscore.
    """
    return f"criterion_{_safe(criterion_id)}"


def notes_field(dimension_id: str) -> str:
    """The notes field of a dimension: ``"D1"`` → ``"notes_D1"``.

    Parameters
    ----------
    dimension_id : str
        A dimension id.

    Returns
    -------
    str
    """
    return f"notes_{_safe(dimension_id)}"


def criteria_hash(criteria: pd.DataFrame) -> str:
    """SHA-256 of a criteria set (its columns of the study format), the identity of a form.

    Parameters
    ----------
    criteria : pandas.DataFrame
        A criteria set, as from :func:`innolab.load_criteria`.

    Returns
    -------
    str
        64 hex digits; forms show the first 12.
    """
    cols = [c for c in TABLES["criteria"].column_names if c in criteria.columns]
    text = criteria[cols].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _prepare(criteria) -> pd.DataFrame:
    """The criteria set with whole-number scale bounds ``lo``/``hi``, checked for a form."""
    if criteria is None:
        crit = load_criteria()
    elif isinstance(criteria, str | Path):
        crit = load_criteria(criteria)
    else:
        crit = criteria
    crit = crit.reset_index(drop=True).copy()
    if crit.empty:
        raise ParameterError("The criteria set is empty: a checklist needs at least one "
                             "criterion.")
    lo = pd.to_numeric(crit["scale_min"], errors="coerce").fillna(0.0)
    hi = pd.to_numeric(crit["scale_max"], errors="coerce").fillna(4.0)
    bad = [cid for cid, a, b in zip(crit["criterion_id"], lo, hi, strict=True)
           if not (float(a).is_integer() and float(b).is_integer() and a < b
                   and b - a + 1 <= _MAX_POINTS)]
    if bad:
        raise ParameterError(
            f"A checklist needs a scale of whole numbers with 2 to {_MAX_POINTS} points; the "
            f"scale of criteria {', '.join(map(str, bad))} is not one.")
    crit["lo"] = lo.astype(int)
    crit["hi"] = hi.astype(int)
    crit["criterion_id"] = crit["criterion_id"].astype(str)
    crit["dimension_id"] = crit["dimension_id"].astype(str)
    for kind, ids in (("criterion", crit["criterion_id"]),
                      ("dimension", crit["dimension_id"].drop_duplicates())):
        make = criterion_field if kind == "criterion" else notes_field
        names = [make(i) for i in ids]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ParameterError(f"The {kind} ids {', '.join(ids[[make(i) in dup for i in ids]])}"
                                 f" give the same form field ({', '.join(dup)}); rename them.")
    return crit


def _text(row: pd.Series, what: str, lang: str) -> str:
    other = "en" if lang == "fi" else "fi"
    for col in (f"{what}_{lang}", f"{what}_{other}"):
        v = row.get(col)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return str(row[f"{what}_id"])


def _anchored(lo: int, hi: int) -> bool:
    return (lo, hi) == (min(vocab.SCALE), max(vocab.SCALE))


def _scale_text(crit: pd.DataFrame, lang: str) -> str:
    ranges = set(zip(crit["lo"], crit["hi"], strict=True))
    if len(ranges) != 1:
        return _t("scale_each", lang)
    lo, hi = ranges.pop()
    if _anchored(lo, hi):
        return ", ".join(f"{k} {v}" for k, v in scale_anchors(lang).items())
    return f"{lo}–{hi}"


def _groups(crit: pd.DataFrame, lang: str):
    """(dimension id, dimension name, its criteria rows, lo, hi) in the set's order."""
    names = dimensions(crit, lang)
    for dim in dict.fromkeys(crit["dimension_id"]):
        rows = crit[crit["dimension_id"] == dim]
        yield dim, str(names.get(dim, dim)), rows, int(rows["lo"].min()), int(rows["hi"].max())


# ---------------------------------------------------------------------------------------------
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

    def __init__(self, crit, lang, area_id, printable, body):
        from reportlab.pdfgen import canvas

        self.crit, self.lang, self.area_id = crit, lang, area_id
        self.printable = printable
        self.body = body
        self.lead = body * 1.22
        self.small = body - 1.5
        self.mark = 8.0 if printable else 11.0
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(self.W, self.H), invariant=1,
                               pageCompression=1)
        h = criteria_hash(crit)
        self.c.setTitle(_t("title", lang))
        self.c.setAuthor("innolab")
        self.c.setCreator(f"innolab {__version__}")
        kind = "print" if printable else "form"
        self.c.setSubject(f"{_MARKER} {kind} v{FORM_VERSION}; lang={lang}; criteria={h}")
        self.c.setKeywords(f"{_MARKER}, form_version={FORM_VERSION}, criteria={h}, lang={lang}")
        self.footer = _t("footer", lang, version=__version__, hash=h[:12], n=len(crit),
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
        text = _t("page", self.lang, i=self.page, n="")
        x = self.W - self.M - c.stringWidth(_t("page", self.lang, i=99, n=99), _FONT, 6.5)
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
        self.y = self.lines(self.M, self.split(_t("title", self.lang), _BOLD, size, width),
                            _BOLD, size, size * 1.2)
        self.y = self.lines(self.M, [_t("subtitle", self.lang)], _FONT, self.body,
                            self.lead, grey=0.3)
        self.y -= 4
        key = "intro_print" if self.printable else "intro"
        intro = _t(key, self.lang, scale=_scale_text(self.crit, self.lang))
        self.y = self.lines(self.M, self.split(intro, _FONT, self.body, width), _FONT,
                            self.body, self.lead)
        self.y -= 8

    def header(self):
        c = self.c
        label_w, field_w = 142.0, 140.0
        hint_x = self.M + label_w + field_w + 10
        hint_w = self.W - self.M - hint_x
        for field in HEADER_FIELDS:
            hint = self.split(_hint(field, self.lang), _FONT, self.small, hint_w)
            row_h = max(18.0 if not self.printable else 16.0, len(hint) * self.small * 1.15 + 4)
            self.need(row_h)
            top = self.y
            base = top - 12
            c.setFont(_BOLD, self.body)
            c.drawString(self.M, base, _t(field, self.lang))
            c.setFont(_FONT, self.small)
            c.setFillGray(0.4)
            c.drawString(self.M + c.stringWidth(_t(field, self.lang), _BOLD, self.body) + 4,
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
            else:
                c.acroForm.textfield(name=field, value=value, x=fx, y=base - 4, width=field_w,
                                     height=15, fontName="Helvetica", fontSize=9,
                                     borderWidth=0.6, borderColor=_grey(0.45),
                                     fillColor=_grey(0.97), textColor=_grey(0),
                                     tooltip=_t(field, self.lang), maxlen=80)
            self.y = top
            self.lines(hint_x, hint, _FONT, self.small, self.small * 1.15, grey=0.35)
            self.y = top - row_h
        self.y -= 6

    def legend(self):
        """The printed version's scale legend (the form has anchors in each dimension)."""
        width = self.W - 2 * self.M
        text = f"{_t('scale', self.lang)}: {_scale_text(self.crit, self.lang)}"
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
            if _anchored(lo, hi):
                anchors = list(scale_anchors(self.lang).values())
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
        anchors = scale_anchors(self.lang) if _anchored(lo, hi) else {}
        lab = {v: self.split(anchors.get(v, ""), _FONT, 6.5, col_w - 4) if anchors else []
               for v in range(lo, hi + 1)}
        anchor_h = 0.0 if self.printable else 11 + max(len(v) for v in lab.values()) * 7.5 + 3
        return size, size + 7, lab, anchor_h

    def criterion_lines(self, row, lo, hi):
        x0, _ = self.columns(lo, hi)
        lines = self.split(_text(row, "criterion", self.lang), _FONT, self.body,
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
        title = f"{dim}  {name}" + (f"  {_t('continued', self.lang)}" if cont else "")
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
        c.drawString(self.M + 3, y, _t("criterion", self.lang))
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
                                         f"{_text(row, 'criterion', self.lang)}")
        c.setStrokeGray(0.8)
        c.setLineWidth(0.4)
        c.line(self.M, top - row_h, self.W - self.M, top - row_h)
        c.setStrokeGray(0)
        self.y = top - row_h

    def notes(self, dim):
        c = self.c
        label = f"{_t('notes', self.lang)} ({dim})"
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
        for dim, name, rows, lo, hi in _groups(self.crit, self.lang):
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


def _pdf_bytes(crit, lang, area_id, printable) -> bytes:
    _register_fonts()
    sizes = (9.0, 8.5, 8.0, 7.5, 7.0) if printable else (9.0,)
    for body in sizes:  # the printable version shrinks its text until it fits on two pages
        data, pages = _Pdf(crit, lang, area_id, printable, body).draw()
        if pages <= 2:
            break
    return data


def make_pdf(path, lang: str = "en", criteria=None, area_id: str | None = None,
             printable: bool = False) -> Path:
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
    crit = _prepare(criteria)
    return atomic_write(path, _pdf_bytes(crit, lang, area_id, printable))


# ---------------------------------------------------------------------------------------------
# XLSX


def make_xlsx(path, lang: str = "en", criteria=None, area_id: str | None = None) -> Path:
    """Write the checklist as an Excel workbook.

    One sheet holds a header (the five :data:`HEADER_FIELDS`, with drop-down lists for
    ``assessor`` and ``respondent_sector`` and a whole-number check for ``wave``), the scale's
    anchors, and one row per criterion (id, dimension, text, a score cell with a drop-down list
    of the scale's values, and the meaning of the chosen score) followed by a notes cell per
    dimension. Input cells are yellow and unlocked; the sheet is protected without a password.
    Every input cell has a workbook-level defined name equal to its PDF field name
    (``area_id``, ``criterion_1_1``, ``notes_D1`` …), and a hidden sheet ``innolab`` marks the
    workbook as a checklist, so that :func:`read_filled` finds the values wherever they are.

    Parameters
    ----------
    path : str or pathlib.Path
        The workbook to write (atomically).
    lang : {"en", "fi"}
        The language of the form.
    criteria : pandas.DataFrame or path, optional
        A criteria set in the study format; default the built-in set.
    area_id : str, optional
        Prefilled into the area cell.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    vocab.check_lang(lang)
    crit = _prepare(criteria)
    h = criteria_hash(crit)
    wb = Workbook()
    ws = wb.active
    ws.title = _t("sheet", lang)
    for col, width in zip("ABCDE", (7, 11, 64, 14, 36), strict=True):
        ws.column_dimensions[col].width = width
    yellow = PatternFill("solid", fgColor="FFF6C8")
    grey = PatternFill("solid", fgColor="E6E6E6")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    small = Font(size=8, color="555555")
    bold = Font(bold=True)

    def name(field: str, cell) -> None:
        ref = f"'{ws.title}'!${cell.column_letter}${cell.row}"
        wb.defined_names[field] = DefinedName(field, attr_text=ref)

    def input_cell(cell, field: str) -> None:
        cell.fill = yellow
        cell.border = box
        cell.protection = Protection(locked=False)
        name(field, cell)

    ws["A1"] = _t("title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = _t("intro_xlsx", lang, scale=_scale_text(crit, lang))
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = wrap
    ws.row_dimensions[2].height = 62
    ws["A3"] = _t("footer", lang, version=__version__, hash=h[:12], n=len(crit),
                  form=FORM_VERSION)
    ws["A3"].font = small

    r = 5
    for field in HEADER_FIELDS:
        ws.cell(r, 3, f"{_t(field, lang)} ({field})").font = bold
        ws.cell(r, 3).alignment = Alignment(horizontal="right")
        cell = ws.cell(r, 4, {"area_id": area_id or None, "assessor": "self"}.get(field))
        input_cell(cell, field)
        ws.cell(r, 5, _hint(field, lang)).font = small
        ws.cell(r, 5).alignment = Alignment(wrap_text=True, vertical="top")
        if field == "respondent_sector":
            ws.row_dimensions[r].height = 34
        r += 1
    dv_assessor = DataValidation(type="list", formula1=f'"{",".join(vocab.ASSESSORS)}"',
                                 allow_blank=False, showErrorMessage=True)
    dv_sector = DataValidation(type="list",
                               formula1=f'"{",".join(vocab.RESPONDENT_SECTORS)}"',
                               allow_blank=True, showErrorMessage=True)
    dv_wave = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=False, showErrorMessage=True,
                             error=_hint("wave", lang))
    for dv, field in ((dv_assessor, "assessor"), (dv_sector, "respondent_sector"),
                      (dv_wave, "wave")):
        ws.add_data_validation(dv)
        dv.add(ws.cell(5 + HEADER_FIELDS.index(field), 4))

    r += 1
    ws.cell(r, 3, f"{_t('scale', lang)}: {_scale_text(crit, lang)}").font = bold
    ws.cell(r, 3).alignment = wrap
    ws.row_dimensions[r].height = 30
    r += 2
    for col, key in enumerate(("criterion", "dimension", "criterion", "score", "meaning"), 1):
        text = "id" if col == 1 else _t(key, lang)
        ws.cell(r, col, text).font = bold
        ws.cell(r, col).fill = grey
    ws.freeze_panes = ws.cell(r + 1, 1)
    r += 1

    validations: dict[tuple[int, int], DataValidation] = {}
    anchors = scale_anchors(lang)
    for dim, dname, rows, _, _ in _groups(crit, lang):
        ws.cell(r, 1, dim).font = bold
        ws.cell(r, 3, dname).font = bold
        for col in range(1, 6):
            ws.cell(r, col).fill = grey
        r += 1
        for _, row in rows.iterrows():
            lo, hi = int(row["lo"]), int(row["hi"])
            ws.cell(r, 1, row["criterion_id"])
            ws.cell(r, 2, dim)
            ws.cell(r, 3, _text(row, "criterion", lang)).alignment = wrap
            score = ws.cell(r, 4)
            input_cell(score, criterion_field(row["criterion_id"]))
            score.alignment = Alignment(horizontal="center", vertical="top")
            dv = validations.get((lo, hi))
            if dv is None:
                values = ",".join(str(v) for v in range(lo, hi + 1))
                prompt = (", ".join(f"{k} {v}" for k, v in anchors.items())
                          if _anchored(lo, hi) else f"{lo}–{hi}")
                dv = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True,
                                    showErrorMessage=True, showInputMessage=True,
                                    promptTitle=_t("scale", lang), prompt=prompt[:250],
                                    error=f"{lo}–{hi}")
                ws.add_data_validation(dv)
                validations[(lo, hi)] = dv
            dv.add(score)
            if _anchored(lo, hi):
                ref = score.coordinate
                labels = ",".join(f'"{anchors[v]}"' for v in range(lo, hi + 1))
                ws.cell(r, 5, f'=IF({ref}="","",IFERROR(CHOOSE({ref}-{lo}+1,{labels}),""))')
                ws.cell(r, 5).font = small
            r += 1
        ws.cell(r, 1, _t("notes", lang)).font = small
        ws.cell(r, 2, dim).font = small
        note = ws.cell(r, 3)
        input_cell(note, notes_field(dim))
        note.alignment = wrap
        ws.row_dimensions[r].height = 45
        r += 2
    ws.protection.sheet = True

    meta = wb.create_sheet(_MARKER_SHEET)
    for i, (k, v) in enumerate((("marker", _MARKER), ("form_version", FORM_VERSION),
                                ("lang", lang), ("criteria_sha256", h),
                                ("innolab", __version__)), start=1):
        meta.cell(i, 1, k)
        meta.cell(i, 2, v)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(path, buf.getvalue())


def make_checklist(path, lang: str = "en", criteria=None, area_id: str | None = None,
                   printable: bool = False) -> Path:
    """Write the checklist in the form the file name asks for: ``.pdf`` or ``.xlsx``.

    Parameters
    ----------
    path : str or pathlib.Path
        Ends with ``.pdf`` (:func:`make_pdf`) or ``.xlsx`` (:func:`make_xlsx`).
    lang : {"en", "fi"}
        The language of the form.
    criteria : pandas.DataFrame or path, optional
        A criteria set; default the built-in set.
    area_id : str, optional
        Prefilled area id.
    printable : bool
        The printable short PDF (only with ``.pdf``).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return make_pdf(path, lang, criteria, area_id, printable)
    if suffix == ".xlsx":
        if printable:
            raise ParameterError("The printable version is a PDF: give an output file ending "
                                 "in .pdf, or leave out --print for the workbook.")
        return make_xlsx(path, lang, criteria, area_id)
    raise ParameterError(f"Cannot tell the checklist's form from {str(path)!r}: expected a file "
                         "name ending in .pdf or .xlsx.")


# ---------------------------------------------------------------------------------------------
# Reading filled forms


class ChecklistError(StudyError):
    """Filled checklist forms that cannot be used; ``problems`` lists every problem found.

    A :class:`~innolab.errors.StudyError` whose problems name the form's file (``file``), the
    form field (``column``), the value as read and what was expected; ``row`` is None.
    """

    def __init__(self, path: str, problems: list[Problem]):
        super().__init__(path, problems)
        n = len(self.problems)
        forms = sorted({p.file for p in self.problems})
        what = f"The checklist {forms[0]}" if len(forms) == 1 else \
            f"The checklists in {self.path}"
        head = f"{what} {'has' if len(forms) == 1 else 'have'} {n} problem{'s' * (n != 1)}:"
        shown = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = f"\n  … and {n - 200} more" if n > 200 else ""
        self.args = (f"{head}\n{shown}{more}",)

    def __str__(self) -> str:
        return self.args[0]


def _pdf_values(path: Path, problems: list[Problem]) -> dict[str, str | None] | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        fields = reader.get_fields() or {}
    except Exception as exc:  # pypdf raises many kinds for a damaged or foreign file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as a PDF form: {type(exc).__name__}: {exc}"))
        return None
    out: dict[str, str | None] = {}
    for name, field in fields.items():
        value = field.get("/V")
        if value is None or value == "":
            out[name] = None
        elif field.get("/FT") == "/Btn":
            text = str(value).lstrip("/")
            out[name] = None if text == "Off" else text
        elif isinstance(value, list):
            out[name] = ";".join(str(v) for v in value)
        else:
            out[name] = str(value)
        if out[name] is None and field.get("/FT") == "/Btn":
            # some viewers only switch the chosen button on (/AS) and leave the group's /V
            try:
                on = {str(kid.get_object().get("/AS", "/Off")).lstrip("/")
                      for kid in field.get("/Kids", [])} - {"Off"}
            except Exception:  # a damaged kid: keep the field unanswered
                on = set()
            if len(on) == 1:
                out[name] = on.pop()
    return out


def _xlsx_values(path: Path, problems: list[Problem]) -> dict[str, str | None] | None:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(Problem(path.name, None, None, None,
                                f"not readable as an Excel workbook (.xlsx): "
                                f"{type(exc).__name__}: {exc}"))
        return None
    try:
        marked = (_MARKER_SHEET in wb.sheetnames
                  and wb[_MARKER_SHEET]["B1"].value == _MARKER)
        out: dict[str, str | None] = {}
        for name, dn in wb.defined_names.items():
            try:
                dest = list(dn.destinations)
            except Exception:  # a name that is a formula, not a cell: not one of ours
                continue
            if len(dest) != 1 or dest[0][0] not in wb.sheetnames:
                continue
            sheet, ref = dest[0]
            try:
                value = wb[sheet][ref.replace("$", "")].value
            except Exception:  # a range, not a cell
                continue
            text = _cell_text(value).strip()
            out[name] = text or None
    finally:
        wb.close()
    if not marked and not out:
        problems.append(Problem(path.name, None, None, None,
                                "not an innolab checklist workbook: it has neither the hidden "
                                "'innolab' sheet nor named input cells"))
        return None
    return out


def _check_form(file: str, values: dict[str, str | None], crit: pd.DataFrame,
                allow_missing: bool, areas, problems: list[Problem]):
    """Typed header, rows and notes of one form; problems appended for every bad field."""
    ours = [f for f in values if f in HEADER_FIELDS or f.startswith(("criterion_", "notes_"))]
    if not ours:
        problems.append(Problem(file, None, None, None,
                                "not an innolab checklist: the form has none of the fields "
                                f"{', '.join(HEADER_FIELDS)} or criterion_… (a printed or "
                                "flattened copy of a filled form keeps no answers)"))
        return None

    def absent(field: str) -> None:
        problems.append(Problem(file, None, field, None,
                                f"the form has no field {field!r}: expected a checklist made "
                                "by innolab from this criteria set"))

    head: dict[str, object] = {}
    for field in HEADER_FIELDS:
        if field not in values:
            absent(field)
            continue
        value = values[field]
        text = "" if value is None else str(value).strip()
        if not text:
            if field in _REQUIRED_HEADER:
                problems.append(Problem(file, None, field, None,
                                        f"empty: expected {_EXPECTED[field]}"))
            head[field] = None
            continue
        if field == "wave":
            if re.fullmatch(r"\+?\d+(\.0*)?", text) is None:
                problems.append(Problem(file, None, field, text,
                                        f"expected {_EXPECTED[field]}"))
                continue
            head[field] = int(float(text))
        elif field in ("assessor", "respondent_sector"):
            codes = vocab.VOCABULARIES[field]
            if text.lower() in codes:
                head[field] = text.lower()
            else:
                hint = _did_you_mean(text, list(codes), _vocab_hints(field))
                problems.append(Problem(file, None, field, text,
                                        f"expected {_EXPECTED[field]}{hint}"))
        elif field == "area_id" and areas is not None and text not in set(areas):
            hint = _did_you_mean(text, list(areas))
            problems.append(Problem(file, None, field, text,
                                    f"expected an area id of the study{hint}; the areas are: "
                                    f"{', '.join(areas)}"))
        else:
            head[field] = text

    scores = []
    for _, row in crit.iterrows():
        cid, field = row["criterion_id"], criterion_field(row["criterion_id"])
        lo, hi = int(row["lo"]), int(row["hi"])
        expected = (f"a score from {lo} to {hi} for criterion {cid} "
                    f"({_text(row, 'criterion', 'en')})")
        if field not in values:
            absent(field)
            continue
        value = values[field]
        if value is None or not str(value).strip():
            if allow_missing:
                scores.append((cid, None))
            else:
                problems.append(Problem(file, None, field, None,
                                        f"not answered: expected {expected}; "
                                        "--allow-missing (allow_missing=True) keeps it empty"))
            continue
        text = str(value).strip()
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = float("nan")
        if not (np.isfinite(number) and number.is_integer() and lo <= number <= hi):
            problems.append(Problem(file, None, field, text, f"expected {expected}"))
            continue
        scores.append((cid, int(number)))

    known = {criterion_field(c) for c in crit["criterion_id"]}
    known |= {notes_field(d) for d in crit["dimension_id"]}
    for field in values:
        if field.startswith(("criterion_", "notes_")) and field not in known:
            problems.append(Problem(file, None, field, values[field],
                                    "a field of this criteria set: the form was made from "
                                    "another criteria set"))
    notes = {}
    for dim in dict.fromkeys(crit["dimension_id"]):
        text = values.get(notes_field(dim))
        if text is not None and str(text).strip():
            notes[dim] = str(text).strip()
    return head, scores, notes


_EXPECTED = {
    "area_id": "the id of the assessed area",
    "respondent_id": "the respondent's id",
    "wave": "a whole number ≥ 0 (0 = the first wave)",
    "assessor": f"one of {', '.join(vocab.ASSESSORS)}",
    "respondent_sector": f"one of {', '.join(vocab.RESPONDENT_SECTORS)}, or empty",
}


def _frame(head: dict, scores: list) -> pd.DataFrame:
    df = pd.DataFrame({
        "area_id": head["area_id"],
        "wave": pd.Series([head["wave"]] * len(scores), dtype="int64"),
        "assessor": head["assessor"],
        "respondent_id": head["respondent_id"],
        "respondent_sector": head.get("respondent_sector"),
        "criterion_id": [c for c, _ in scores],
        "score": pd.array([s for _, s in scores], dtype="Int64"),
    }, columns=list(ASSESSMENT_COLUMNS))
    return df


def _read(path: Path, crit: pd.DataFrame, allow_missing: bool, areas,
          problems: list[Problem]):
    suffix = path.suffix.lower()
    if not path.is_file():
        problems.append(Problem(path.name, None, None, None,
                                "expected a filled checklist file; none exists here"))
        return None
    if suffix == ".pdf":
        values = _pdf_values(path, problems)
    elif suffix == ".xlsx":
        values = _xlsx_values(path, problems)
    else:
        problems.append(Problem(path.name, None, None, None,
                                "expected a checklist form ending in .pdf or .xlsx"))
        return None
    if values is None:
        return None
    return _check_form(path.name, values, crit, allow_missing, areas, problems)


def read_filled(path, criteria=None, allow_missing: bool = False, areas=None) -> pd.DataFrame:
    """Read one filled checklist (PDF or XLSX) into rows of the ``assessments`` table.

    The header must give ``area_id``, ``respondent_id``, ``wave`` (a whole number ≥ 0) and
    ``assessor`` (``self``, ``external`` or ``application``); ``respondent_sector`` may be empty
    or an actor sector or ``steering_group`` (codes are read case-insensitively). Every criterion
    of the set must be answered with a whole number on its scale, unless ``allow_missing``.

    Parameters
    ----------
    path : str or pathlib.Path
        A form made by :func:`make_pdf` or :func:`make_xlsx` and filled in.
    criteria : pandas.DataFrame or path, optional
        The criteria set the form was made from; default the built-in set.
    allow_missing : bool
        Keep an unanswered criterion as a row with an empty score (the format allows it)
        instead of reporting it.
    areas : list of str, optional
        The known area ids (e.g. ``study.area_ids``); ``area_id`` must be one of them.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id, wave, assessor, respondent_id, respondent_sector, criterion_id,
        score`` (``score`` is a nullable integer, ``<NA>`` when not answered), one row per
        criterion in the order of the set. ``df.attrs["notes"]`` holds the notes as
        ``{dimension_id: text}`` (dimensions with notes only) and ``df.attrs["file"]`` the
        form's file name.

    Raises
    ------
    ChecklistError
        A :class:`~innolab.errors.StudyError` listing every problem of the form at once: not
        readable, not a checklist, a field missing from the form, an empty or bad header field,
        an unanswered or out-of-scale criterion. Each problem names the file and the field.
    """
    path = Path(path)
    crit = _prepare(criteria)
    problems: list[Problem] = []
    result = _read(path, crit, allow_missing, None if areas is None else list(areas),
                   problems)
    if problems or result is None:
        raise ChecklistError(str(path), problems)
    head, scores, notes = result
    df = _frame(head, scores)
    df.attrs["notes"] = notes
    df.attrs["file"] = path.name
    return df


def _form_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in (".pdf", ".xlsx")
                  and not p.name.startswith(("~$", ".")))


def ingest_checklists(folder, out=None, criteria=None, allow_missing: bool = False,
                      areas=None, notes_out=None) -> pd.DataFrame:
    """Read every filled form of a folder into one ``assessments`` table, and write it.

    Reads ``*.pdf`` and ``*.xlsx`` in ``folder`` in sorted order (skipping hidden files and
    Excel's ``~$`` lock files) with :func:`read_filled`, collects the problems of all forms, and
    checks that no two forms answer the same criterion for the same area, wave, assessor and
    respondent. Nothing is written unless every form is good.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder of filled forms.
    out : str or pathlib.Path, optional
        The assessments CSV to write (atomically; UTF-8, ``,``-separated, the columns of the
        ``assessments`` table), loadable as a study's ``assessments.csv``.
    criteria : pandas.DataFrame or path, optional
        The criteria set of the forms; default the built-in set.
    allow_missing : bool
        Keep unanswered criteria as rows with an empty score.
    areas : list of str, optional
        The known area ids; every form's ``area_id`` must be one of them.
    notes_out : str or pathlib.Path, optional
        A CSV for the notes: ``file, area_id, wave, assessor, respondent_id, dimension_id,
        notes``, one row per form and dimension with notes.

    Returns
    -------
    pandas.DataFrame
        The rows of all forms, as :func:`read_filled` gives them, in file order;
        ``df.attrs["notes"]`` is a list of the notes records, ``df.attrs["files"]`` the file
        names read.

    Raises
    ------
    ChecklistError
        Listing every problem of every form (file and field), and duplicates across forms.
    ParameterError
        When ``folder`` is not a folder or holds no form.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"{str(folder)!r} is not a folder of filled checklists.")
    files = _form_files(folder)
    if not files:
        raise ParameterError(f"No checklist forms (*.pdf, *.xlsx) in {folder}.")
    crit = _prepare(criteria)
    areas = None if areas is None else list(areas)
    problems: list[Problem] = []
    frames, notes = [], []
    seen: dict[tuple, tuple[str, set]] = {}
    for path in files:
        result = _read(path, crit, allow_missing, areas, problems)
        if result is None:
            continue
        head, scores, form_notes = result
        if any(head.get(f) is None for f in _REQUIRED_HEADER):
            continue
        key = tuple(head[k] for k in ("area_id", "wave", "assessor", "respondent_id"))
        answered = {c for c, _ in scores}
        if key in seen and seen[key][1] & answered:
            first, other = seen[key]
            problems.append(Problem(
                path.name, None, "respondent_id", head["respondent_id"],
                f"a respondent not already in {first}: both forms answer "
                f"{len(other & answered)} criteria for area {key[0]!r}, wave {key[1]}, "
                f"assessor {key[2]!r}, respondent {key[3]!r}"))
            continue
        seen.setdefault(key, (path.name, set()))[1].update(answered)
        frames.append(_frame(head, scores))
        notes += [{"file": path.name, "area_id": key[0], "wave": key[1], "assessor": key[2],
                   "respondent_id": key[3], "dimension_id": d, "notes": t}
                  for d, t in form_notes.items()]
    if problems:
        raise ChecklistError(str(folder), problems)
    df = pd.concat(frames, ignore_index=True)
    df.attrs["notes"] = notes
    df.attrs["files"] = [p.name for p in files]
    if out is not None:
        atomic_write(out, df.to_csv(index=False, lineterminator="\n"))
    if notes_out is not None:
        cols = ["file", "area_id", "wave", "assessor", "respondent_id", "dimension_id", "notes"]
        atomic_write(notes_out, pd.DataFrame(notes, columns=cols).to_csv(
            index=False, lineterminator="\n"))
    return df
