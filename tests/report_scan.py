"""Scan the tables and headings of rendered reports in Chromium for code words and overflow.

Used by ``tests/test_report_tables.py`` and on its own to count a run's problems::

    python tests/report_scan.py REPORTS_DIR fi

What counts as a problem (STYLE.md, "Reports for people who do not read code"):

- a *snake_case* token (``area_id``, ``n_respondents``, ``rco87_orgs_cross_border``) in a table
  header cell, a table body cell or a heading;
- a raw *code* in a cell or header: a vocabulary code whose label differs from it (``knowledge``,
  ``housing_company``) or a column name of the run's CSV tables (``wave``, ``before``);
  in a Finnish report any English code word as a token of a header, cell or heading;
- in a Finnish table, a number with a decimal point (``3.08``);
- a table wider than its frame (the report's text column) at 1,280 px.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SNAKE = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.])")
CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# a number written with a decimal point and two or more decimals (criterion ids such as "1.1" have
# one): in a Finnish table it should have a decimal comma
POINT = re.compile(r"[−-]?\d+\.\d{2,}(?: ?%)?")
TOKEN = re.compile(r"[A-Za-zÅÄÖåäö]+(?:_[A-Za-z0-9]+)*")

# Runs in the page: the text of every header and body cell and heading, and every table's width
# against the width of the column of text it stands in.
SCAN_JS = """() => {
  const out = {tables: [], headings: []};
  for (const h of document.querySelectorAll('h1, h2, h3, h4')) {
    if (h.tagName !== 'H1') out.headings.push(h.innerText.replace('¶', '').trim());
  }
  const frame = document.querySelector('main') || document.body;
  const fw = frame.getBoundingClientRect().width;
  for (const tb of document.querySelectorAll('table')) {
    const heads = [...tb.querySelectorAll('th')].map(c => c.innerText.trim());
    const cells = [...tb.querySelectorAll('td')].map(c => c.innerText.trim());
    const box = tb.parentElement.getBoundingClientRect();
    out.tables.push({heads, cells, width: tb.getBoundingClientRect().width,
                     frame: Math.min(fw, box.width)});
  }
  return out;
}"""


def code_words(run: Path) -> tuple[set[str], set[str]]:
    """The code words of a run: (vocabulary codes whose label differs from the code, column
    names of the run's CSV tables)."""
    from innolab.data import vocab
    from innolab.reports.texts import label

    codes = {c for v, cs in vocab.VOCABULARIES.items() for c in cs
             if label(v, c, "en") != c}
    cols: set[str] = set()
    for p in run.rglob("tables/*.csv"):
        with open(p, newline="", encoding="utf-8") as f:
            cols.update(h for h in next(csv.reader(f), []) if CODE.fullmatch(h))
    return codes, cols


#: English words that are also Finnish or proper names in the reports (not code words there).
NOT_ENGLISH = {"id", "fi", "ee", "lv", "se", "ax", "helsinki", "ppp", "idea",
               "leader", "interreg"}  # Finnish too, or programme names (LEADER, Interreg)
#: Finnish words that are also a code of a run (``ei``, "no", is the E-I index's column).
FINNISH_WORDS = {"ei"}


def scan_page(found: dict, lang: str, codes: set[str], cols: set[str]) -> dict:
    """Count cells and list problems of one page's scan result (``SCAN_JS``)."""
    words = {p for w in codes | cols for p in w.lower().split("_") if len(p) > 2} - NOT_ENGLISH
    problems, n_heads, n_cells, wide = [], 0, 0, 0

    def check(text: str, where: str, kind: str):
        """kind: "heading", "header" or "cell" (a body cell)."""
        if SNAKE.search(text):
            problems.append(f"snake_case in {where}: {text[:60]!r}")
        elif kind != "heading" and (text in codes or text in cols) and not (
                lang == "fi" and text in FINNISH_WORDS):
            problems.append(f"code in {where}: {text!r}")
        elif lang == "fi" and kind == "cell" and POINT.fullmatch(text):
            problems.append(f"decimal point in {where}: {text!r}")
        elif lang == "fi" and kind == "cell":
            # a body cell is a code cell when each of its comma-separated items is a code word
            # (prose in a cell, e.g. a definition that names a data column, is not)
            items = [i.strip().lower() for i in text.split(",")]
            eng = [i for i in items if i not in NOT_ENGLISH and i not in FINNISH_WORDS
                   and (i in words or i in codes or i in cols)]
            if len(eng) == len(items):
                problems.append(f"English word {eng[0]!r} in {where}: {text[:60]!r}")
        elif lang == "fi":
            eng = [w for w in TOKEN.findall(text) if w.lower() in words]
            if eng:
                problems.append(f"English word {eng[0]!r} in {where}: {text[:60]!r}")

    for h in found["headings"]:
        check(h, "heading", "heading")
    for i, tb in enumerate(found["tables"]):
        n_heads += len(tb["heads"])
        n_cells += len(tb["cells"])
        for h in tb["heads"]:
            check(h, f"table {i + 1} header", "header")
        for c in tb["cells"]:
            check(c, f"table {i + 1} cell", "cell")
        if tb["width"] > tb["frame"] + 1:
            wide += 1
            problems.append(f"table {i + 1} is {tb['width']:.0f} px wide in a frame of "
                            f"{tb['frame']:.0f} px")
    return {"tables": len(found["tables"]), "heads": n_heads, "cells": n_cells, "wide": wide,
            "problems": problems}


def scan_run(browser, run: Path, lang: str, width: int = 1280) -> dict[str, dict]:
    """Scan every report page of a run (not ``index.html``) at ``width`` px; page → counts."""
    codes, cols = code_words(run)
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  service_workers="block")
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())
    out = {}
    try:
        for html in sorted(run.rglob("*.html")):
            if html.name == "index.html":
                continue
            page.goto(html.as_uri(), wait_until="load")
            out[html.relative_to(run).as_posix()] = scan_page(page.evaluate(SCAN_JS), lang,
                                                              codes, cols)
    finally:
        context.close()
    return out


def totals(result: dict[str, dict]) -> dict:
    """Sum the counts of :func:`scan_run` over pages."""
    keys = ("tables", "heads", "cells", "wide")
    tot = {k: sum(r[k] for r in result.values()) for k in keys}
    tot["problems"] = sum(len(r["problems"]) for r in result.values())
    tot["snake_or_code"] = sum(1 for r in result.values() for p in r["problems"]
                               if not p.startswith("table ") or " wide " not in p)
    return tot


if __name__ == "__main__":
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).parent))
    from test_browser import CHROMIUM_ARGS, chromium_path

    run, lang = Path(sys.argv[1]), sys.argv[2]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        res = scan_run(b, run, lang)
        b.close()
    for page_name, r in res.items():
        for prob in r["problems"]:
            print(f"{page_name}: {prob}")
    print(totals(res))
