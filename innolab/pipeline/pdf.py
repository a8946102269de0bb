"""Printing report pages to PDF (``innolab run --pdf``): A4, page numbers, offline.

Each report's HTML is opened in Debian's headless Chromium, driven by Playwright, with every
request that is not ``file:`` or ``data:`` refused (a report never needs the network), and printed
with the report template's print stylesheet (A4 margins, figures and tables kept whole) and a
footer with the page number. ``<report>.pdf`` is written atomically beside ``<report>.html``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from innolab.data.files import atomic_write
from innolab.errors import InnolabError

__all__ = ["A4_CONTENT", "CHROMIUM_ARGS", "PDF_OPTIONS", "chromium_path", "print_pdfs"]

#: Chromium's own background connections (updates, sync, QUIC probes) are not made: the print
#: runs offline. The same flags as the browser tests (tests/test_browser.py).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

# Page number centred in the bottom margin; the margins themselves are the stylesheet's @page.
_FOOTER = ('<div style="width:100%;font-size:8px;color:#555;text-align:center;">'
           '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')

#: Width and height of an A4 page's content in CSS pixels (96 per inch): 210 × 297 mm less the
#: print stylesheet's margins (14 mm left and right, 16 mm top, 18 mm bottom).
A4_CONTENT = {"width": round((210 - 28) / 25.4 * 96), "height": round((297 - 34) / 25.4 * 96)}

#: The options of Playwright's ``page.pdf`` for every report.
PDF_OPTIONS = {"format": "A4", "print_background": True, "display_header_footer": True,
               "header_template": "<div></div>", "footer_template": _FOOTER,
               "prefer_css_page_size": True}


def chromium_path() -> str:
    """The Chromium to print with: ``$INNOLAB_CHROMIUM``, ``chromium`` on the path or
    ``/usr/bin/chromium``.

    Returns
    -------
    str

    Raises
    ------
    InnolabError
        When no Chromium is found.
    """
    for candidate in (os.environ.get("INNOLAB_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise InnolabError("Printing PDFs needs Chromium, and none was found (looked for "
                       "$INNOLAB_CHROMIUM, `chromium` on the PATH and /usr/bin/chromium): install "
                       "it (Debian: `apt-get install chromium`) or set INNOLAB_CHROMIUM to its "
                       "path.")


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # an install without the pdf extra
        raise InnolabError("Printing PDFs needs the Python package playwright: "
                           "pip install 'innolab[pdf]'.") from exc
    return sync_playwright


def print_pdfs(pages, *, check=None) -> list[Path]:
    """Print report pages to PDF, each beside its HTML (``x.html`` → ``x.pdf``).

    Parameters
    ----------
    pages : iterable of str or pathlib.Path
        The HTML files.
    check : callable, optional
        ``check(page, html_path)`` is called with the Playwright page after the HTML is loaded
        under print media and before it is printed (tests measure the layout with it).

    Returns
    -------
    list of pathlib.Path
        The PDFs written.

    Raises
    ------
    InnolabError
        When Chromium or Playwright is missing, or a page asks for the network.
    """
    pages = [Path(p) for p in pages]
    if not pages:
        return []
    executable = chromium_path()
    written = []
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(service_workers="block", viewport=A4_CONTENT)
            # laid out as wide as the printed page, so that a check measures what is printed
            page = context.new_page()
            refused: list[str] = []

            def route(r):
                if r.request.url.startswith(("file:", "data:")):
                    r.continue_()
                else:
                    refused.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.emulate_media(media="print")
            for html in pages:
                refused.clear()
                page.goto(html.resolve().as_uri(), wait_until="load")
                if refused:
                    raise InnolabError(f"{html} asks for the network ({refused[0]}); a report "
                                       "must open offline.")
                if check is not None:
                    check(page, html)
                written.append(atomic_write(html.with_suffix(".pdf"), page.pdf(**PDF_OPTIONS)))
        finally:
            browser.close()
    return written
