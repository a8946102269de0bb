"""Executing one notebook and putting its results in place: the one path every job takes.

:func:`execute_and_place` runs a notebook with papermill (on the worker's warm kernel, or on a
new one: :mod:`innolab.pipeline.kernels`) into a temporary folder beside its destination,
converts it to HTML without code, and only then moves the executed notebook and the page into
place: a reader sees the old report or the new one, never half of one.
A failing notebook is kept with its error and no page is left behind. ``innolab run`` (every
report) and ``innolab evidence`` (the standalone pack) both use it.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from innolab.data.files import atomic_write

from .kernels import SINGLE_THREAD, execute_notebook, warm_kernel

__all__ = ["Placed", "execute_and_place", "notebook_to_html", "html_exporter", "finish_page",
           "warm_worker", "short_error"]

_RESOURCES = Path(__file__).resolve().parents[1] / "resources"

def notebook_to_html(ipynb_path, title: str | None = None) -> str:
    """An executed notebook as self-contained HTML without code.

    Input cells, prompts and cells tagged ``remove-cell`` are left out; images are embedded as
    data URIs; the page loads no script or style from the network (innolab's template drops the
    lab template's require.js, MathJax, Mermaid and widget loaders).

    Parameters
    ----------
    ipynb_path : str or pathlib.Path
        The executed notebook.
    title : str, optional
        The page title (default: the notebook's file name).

    Returns
    -------
    str
        The HTML document.
    """
    import nbformat

    nb = nbformat.read(str(ipynb_path), as_version=4)
    for cell in nb.cells:  # papermill gives its cell a random id: the page would differ
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    name = title or Path(ipynb_path).stem
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


@functools.lru_cache(maxsize=1)
def html_exporter():
    """One HTML exporter per process: building it (templates, preprocessors) costs seconds.

    nbconvert's exporter, configured for reports (no code, no prompts, images embedded) and
    without its BeautifulSoup pass over the finished page (:func:`_report_exporter_class`). The
    notebook is validated once, after the preprocessors, not after each of them.

    Returns
    -------
    nbconvert.HTMLExporter
    """
    from nbconvert.preprocessors import TagRemovePreprocessor

    logging.getLogger("traitlets").setLevel(logging.ERROR)  # nbconvert's alt-text notices
    exporter = _report_exporter_class()(template_name="innolab_report",
                                        extra_template_basedirs=[str(_RESOURCES)])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove-cell"}),
                                   enabled=True)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    exporter.optimistic_validation = True
    return exporter


# an output's <div>: nbconvert's lab template writes its class before any other attribute but id
_OUTPUT_DIV = re.compile(r'<div((?: id="[^"]*")? class="[^"]*\bjp-OutputArea-output\b[^"]*"[^>]*)>')
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _letter(ref: re.Match) -> str:
    code = int(ref[1], 16) if ref[1] else int(ref[2])
    letter = 127 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF  # no lone surrogate
    return chr(code) if letter else ref[0]


def finish_page(page: str) -> str:
    """What nbconvert's exporter does to a finished page that a report needs, without parsing it.

    - Every output ``<div>`` gets ``tabindex="0"``: keyboard users can reach (and scroll) a wide
      table. The page is innolab's template's, so its output divs are found by their class.
    - The letters of the headings are written as letters: nbconvert gives each Markdown heading
      its anchor with ``xml.etree.ElementTree``, which writes every letter beyond ASCII as a
      numeric reference (``Mit&#228;``, ``&#182;``). Inside ``<h1>`` … ``<h6>``, references to
      characters beyond ASCII become the characters (``&amp;``, ``&lt;`` and the other ASCII
      ones stay).

    nbconvert does both with a BeautifulSoup pass over the whole page (:func:`html_exporter`).

    Parameters
    ----------
    page : str
        A page of :func:`html_exporter`'s template.

    Returns
    -------
    str
    """
    page = _OUTPUT_DIV.sub(r'<div\1 tabindex="0">', page)
    return _HEADING.sub(lambda h: _CHAR_REF.sub(_letter, h[0]), page)


def _report_exporter_class():
    """nbconvert's ``HTMLExporter`` without the BeautifulSoup pass over the finished page.

    ``HTMLExporter.from_notebook_node`` renders the template, then parses and serialises the
    whole page again to add a default alt text to images that have none and ``tabindex="0"`` to
    inputs and outputs, writing the letters of the headings back as letters on the way: about two
    thirds of a report's conversion. Every image of a report carries its caption as alt text
    (``tests/test_pdf.py``), a report shows no inputs, and :func:`finish_page` does the rest.
    The page is the same as nbconvert's, as ``tests/test_run.py`` checks, up to how
    BeautifulSoup writes HTML.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # the two filters HTMLExporter.from_notebook_node registers for its templates
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return finish_page(page), resources

    return ReportExporter


def warm_worker(parallel: bool) -> None:
    """Start-up of a worker process: import what every job needs once, before the first job.

    Parameters
    ----------
    parallel : bool
        Several workers share the machine: numeric libraries get one thread each.
    """
    if parallel:
        os.environ.update(SINGLE_THREAD)
    import papermill  # noqa: F401

    html_exporter()


def short_error(exc: Exception) -> str:
    """A failure in one line: the kernel's exception name and value (at most 500 characters).

    A kernel that died (nbclient's ``DeadKernelError``: killed by a signal, out of memory)
    is said so in words, as it left no exception of its own.

    Parameters
    ----------
    exc : Exception
        The error papermill or the kernel raised.

    Returns
    -------
    str
    """
    if type(exc).__name__ == "DeadKernelError":  # nbclient's: the kernel process is gone
        return ("the kernel died (killed by signal 9? out of memory, or killed from outside) "
                "while it ran the notebook")
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return f"{ename}: {evalue}".strip()[:500]


@dataclass(frozen=True)
class Placed:
    """Where an execution put its results.

    Attributes
    ----------
    ok : bool
        The notebook ran to its end and its page was written.
    seconds : float
        Wall time of execution and conversion.
    html : pathlib.Path or None
        The page (None when the notebook failed).
    ipynb : pathlib.Path
        The executed notebook (kept with its error on failure).
    error : str or None
        One line on what failed.
    """

    ok: bool
    seconds: float
    html: Path | None
    ipynb: Path
    error: str | None = None


def execute_and_place(nb_path: Path, parameters: dict, dest: Path, stem: str, title: str,
                      timeout: int, failed_stem: str | None = None, *, warm: bool = True,
                      cache: str | None = None) -> Placed:
    """Execute a notebook into a temporary folder in ``dest``, then move it and its page in place.

    Parameters
    ----------
    nb_path : pathlib.Path
        The notebook.
    parameters : dict
        Its papermill parameters.
    dest : pathlib.Path
        The folder the results go to (also the kernel's working directory).
    stem : str
        File name of the results without extension: ``<stem>.ipynb`` and ``<stem>.html``.
    title : str
        The page title.
    timeout : int
        Seconds the notebook may take.
    failed_stem : str, optional
        File name under which a failed notebook is kept (default ``stem``).
    warm : bool
        Run on this worker's warm kernel (:class:`~innolab.pipeline.kernels.WarmKernel`);
        False starts a new kernel for the notebook.
    cache : str, optional
        The cache folder of study-wide results (:mod:`innolab.data.cache`); None: none.

    Returns
    -------
    Placed
    """
    dest.mkdir(parents=True, exist_ok=True)
    final_ipynb, final_html = dest / f"{stem}.ipynb", dest / f"{stem}.html"
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=dest, prefix=".run-") as tmp:
        tmp_ipynb = Path(tmp) / f"{stem}.ipynb"
        try:
            if warm:
                warm_kernel().execute(nb_path, tmp_ipynb, parameters, dest, timeout, cache)
            else:
                execute_notebook(nb_path, tmp_ipynb, parameters, dest, timeout, cache)
            doc = notebook_to_html(tmp_ipynb, title=title)
        except Exception as exc:  # papermill raises its own and kernel errors; keep the notebook
            kept = dest / f"{failed_stem or stem}.ipynb"
            if tmp_ipynb.exists():
                shutil.move(str(tmp_ipynb), kept)
            final_html.unlink(missing_ok=True)
            return Placed(False, time.perf_counter() - start, None, kept, short_error(exc))
        shutil.move(str(tmp_ipynb), final_ipynb)
    atomic_write(final_html, doc)
    if failed_stem and failed_stem != stem:
        (dest / f"{failed_stem}.ipynb").unlink(missing_ok=True)
    return Placed(True, time.perf_counter() - start, final_html, final_ipynb)
