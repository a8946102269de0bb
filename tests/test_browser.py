"""The reports in a real browser: Debian's headless Chromium opens them from ``file://`` offline.

Reading the HTML text cannot tell whether a page renders: an image may be embedded yet not decode,
the lab template may throw a script error, an anchor may point at a heading id nbconvert spelled
differently. So every page is opened in Chromium with every request that is not ``file:`` or
``data:`` aborted, and the page must make no such request, log no console error, decode every image
and link only to files and anchors that exist. ``make test`` installs Chromium where it is absent;
when it is still missing these tests fail (a skip would let a broken CI pass unnoticed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit
from urllib.request import url2pathname

import pytest

# Chromium's own background connections (updates, sync, QUIC probes) would be refused offline and
# show up as noise among the reports' own failures; these flags keep them from being made.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

# Runs in the page after load: each image decoded (an embedded but broken PNG fails here), every
# link with its attribute and resolved URL, and the ids and names an anchor may point at.
INSPECT_JS = """async () => {
  const images = [];
  for (const img of document.images) {
    let error = null;
    try { await img.decode(); } catch (e) { error = String(e); }
    if (!error && !(img.complete && img.naturalWidth > 0)) error = 'no pixels';
    images.push({src: img.getAttribute('src') || '', error});
  }
  const links = [...document.querySelectorAll('a[href]')].map(
    a => ({href: a.getAttribute('href'), url: a.href}));
  const anchors = [...document.querySelectorAll('[id]')].map(e => e.id).concat(
    [...document.querySelectorAll('a[name]')].map(a => a.name));
  return {images, links, anchors};
}"""


def chromium_path() -> str:
    """Debian's Chromium, or a failure that says how to get it."""
    path = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if os.access("/usr/bin/chromium", os.X_OK) else None)
    if path is None:
        pytest.fail("Chromium is not installed: run `make test` as root (it installs Debian's "
                    "chromium first), or `sudo make chromium`", pytrace=False)
    return path


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (Playwright drives the system browser)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def reports(mini_reports, mini_reports_fi) -> dict[str, Path]:
    """The mini study's reports: all in English (shared with test_run) and all in Finnish
    (shared with test_report_tables)."""
    code, en = mini_reports
    assert code == 0
    return {"en": en, "fi": mini_reports_fi}


def _short(s: str, n: int = 80) -> str:
    return s if len(s) <= n else s[:n] + "…"


def open_pages(browser, pages: list[Path], out: Path) -> tuple[dict[Path, dict], list[str]]:
    """Open each page offline in turn; what each holds and the problems they showed.

    One tab serves all pages (a new browser context per page would cost a renderer start each).
    """
    problems: list[str] = []
    seen: list[str] = []  # problems of the page being opened
    context = browser.new_context(service_workers="block")
    page = context.new_page()

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:  # the network is off: a report must never need it
            seen.append(f"request to the network: {_short(url)}")
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda req: seen.append(
        f"failed request {_short(req.url)}: {req.failure}"))
    page.on("console", lambda m: m.type == "error" and seen.append(
        f"console error: {_short(m.text, 200)}"))
    page.on("pageerror", lambda e: seen.append(f"page error: {_short(str(e), 200)}"))
    infos: dict[Path, dict] = {}
    try:
        for html in pages:
            seen.clear()
            page.goto(html.as_uri(), wait_until="load")
            infos[html] = info = page.evaluate(INSPECT_JS)
            for img in info["images"]:
                if img["error"]:
                    seen.append(f"image does not decode ({img['error']}): "
                                f"{_short(img['src'], 60)}")
                elif not img["src"].startswith("data:"):
                    seen.append(f"image not embedded as a data URI: {_short(img['src'])}")
            problems += [f"{html.relative_to(out)}: {p}" for p in seen]
    finally:
        context.close()
    return infos, problems


def check_reports(browser, out: Path) -> list[str]:
    """Open ``index.html`` and every other page under ``out``; every problem, page by page."""
    out = out.resolve()
    pages = sorted(out.rglob("*.html"), key=lambda p: (p != out / "index.html", p))
    assert pages and pages[0] == out / "index.html", f"no index.html in {out}"
    infos, problems = open_pages(browser, pages, out)
    # Links are checked once all pages are open, so that a #fragment into another page can be
    # looked up among the ids the browser saw there.
    for html, info in infos.items():
        where = html.relative_to(out)
        for link in info["links"]:
            url, fragment = urldefrag(link["url"])
            parts = urlsplit(url)
            if parts.scheme != "file":
                problems.append(f"{where}: link leaves the reports: {_short(link['href'])}")
                continue
            target = Path(url2pathname(unquote(parts.path))).resolve()
            if not target.is_relative_to(out):
                problems.append(f"{where}: link points outside the reports: {link['href']}")
            elif not target.is_file():
                problems.append(f"{where}: link to a missing file: {link['href']}")
            elif fragment and target.suffix == ".html":
                # As browsers do: the fragment as written, else percent-decoded (nbconvert
                # writes the id of a heading "Kehrä" as "Kehr%C3%A4").
                anchors = infos.get(target, {}).get("anchors", ())
                if fragment not in anchors and unquote(fragment) not in anchors:
                    problems.append(f"{where}: link to a missing anchor: {link['href']}")
    return problems


def test_every_english_report_renders_offline_in_chromium(browser, reports):
    out = reports["en"]
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert {"index.html", "maunula/04_mobilisation.html", "study/03_criteria.html"} <= pages
    problems = check_reports(browser, out)
    assert not problems, f"{len(problems)} problem(s) in the browser:\n" + "\n".join(problems)


def test_a_finnish_area_profile_renders_offline_in_chromium(browser, reports):
    out = reports["fi"]
    assert (out / "maunula" / "01_area_profile.html").exists()
    problems = check_reports(browser, out)
    assert not problems, f"{len(problems)} problem(s) in the browser:\n" + "\n".join(problems)
