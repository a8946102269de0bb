"""What every report writes: its figures (PNG and SVG), its tables (CSV) and its provenance.

So that every report looks the same, says where it came from (data hash, parameters, package
versions) and writes its figures and tables into the same layout.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from innolab.data.files import atomic_write
from innolab.reports.texts import t

__all__ = ["figure_html", "figure_png", "package_versions", "print_setup", "provenance",
           "save_figure", "save_table", "tight_box"]

_VERSIONED = ("innolab", "numpy", "pandas", "scipy", "networkx", "matplotlib", "openpyxl",
              "papermill", "nbconvert")


def package_versions() -> dict[str, str]:
    """Versions of Python and of the packages a report's numbers depend on.

    Returns
    -------
    dict of str to str
    """
    out = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def provenance(study, parameters: dict, lang: str = "en") -> str:
    """A Markdown footer that says which data, parameters and package versions made a report.

    Parameters
    ----------
    study : innolab.Study
        The study the report is about.
    parameters : dict
        The notebook's parameters.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
        Markdown text.
    """
    params = ", ".join(f"`{k}` = `{v}`" for k, v in parameters.items())
    versions = ", ".join(f"{k} {v}" for k, v in package_versions().items())
    lines = [
        f"### {t('common.provenance', lang)}",
        "",
        f"- {t('common.study', lang)}: **{study.name}** — {study.title}",
        f"- {t('common.data_hash', lang)}: `{study.data_hash}`",
        f"- {t('common.parameters', lang)}: {params}",
        f"- {t('common.versions', lang)}: {versions}",
    ]
    if study.synthetic:
        lines.append(f"- *{t('common.synthetic_note', lang)}*")
    return "\n".join(lines)


def tight_box(fig, dpi: int = 200):
    """Lay a figure out and measure its tight box once, for every format it is saved in.

    ``fig.tight_layout()``, then the box ``savefig(..., bbox_inches="tight")`` would crop to at
    ``dpi`` (padded by ``savefig.pad_inches``). Passed as ``bbox_inches`` to the PNG and the SVG,
    it spares each save its own layout pass (two passes of text layout per figure): the PNG is
    the same, pixel for pixel, as with ``bbox_inches="tight"``, the SVG is cropped to the same
    box in inches.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (an Axes is accepted and its figure used).
    dpi : int
        The resolution of the PNG the box is measured for.

    Returns
    -------
    matplotlib.transforms.Bbox
        In inches.
    """
    import matplotlib as mpl

    fig = getattr(fig, "figure", fig)
    fig.tight_layout()
    # tight_layout leaves a placeholder layout engine behind, and savefig lays out again for
    # any engine: without one, it draws once
    fig.set_layout_engine(None)
    screen = fig.dpi
    fig.dpi = dpi  # text is measured in pixels: at the PNG's resolution, as savefig does
    try:
        fig.draw_without_rendering()
        return fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    finally:
        fig.dpi = screen


def save_figure(fig, output_dir, name: str, dpi: int = 200) -> list[Path]:
    """Save a figure as PNG (200 dpi by default) and SVG under ``output_dir/figures/``.

    Both are cropped to the figure's tight box (:func:`tight_box`), measured once.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (an Axes is accepted and its figure used).
    output_dir : str or pathlib.Path
        The report's output folder.
    name : str
        File name without extension.
    dpi : int
        Resolution of the PNG (300 for print).

    Returns
    -------
    list of pathlib.Path
        The PNG and SVG paths.
    """
    import io

    fig = getattr(fig, "figure", fig)
    box = tight_box(fig, dpi)
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=ext, dpi=dpi, bbox_inches=box, metadata=meta)
        paths.append(atomic_write(Path(output_dir) / "figures" / f"{name}.{ext}", buf.getvalue()))
    return paths


def figure_png(fig, dpi: int = 200) -> bytes:
    """A figure as PNG bytes, drawn as :func:`save_figure` draws it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (an Axes is accepted and its figure used).
    dpi : int
        Resolution.

    Returns
    -------
    bytes
    """
    import io

    fig = getattr(fig, "figure", fig)
    box = tight_box(fig, dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=box, metadata={"Software": None})
    return buf.getvalue()


def figure_html(png: bytes, caption: str, dpi: int = 200) -> str:
    """An embedded figure as HTML: ``<figure>`` with the PNG, its alt text and its caption.

    The image is shown at the size matplotlib draws on screen (100 pixels per inch), never wider
    than the page; the caption sentence is the image's alt text too.

    Parameters
    ----------
    png : bytes
        The PNG.
    caption : str
        The caption sentence (what to see).
    dpi : int
        The resolution the PNG was drawn at.

    Returns
    -------
    str
    """
    import base64
    import html
    import struct

    width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR chunk
    scale = 100 / dpi
    src = base64.b64encode(png).decode("ascii")
    alt = html.escape(caption, quote=True)
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure class="innolab-figure"><img src="data:image/png;base64,{src}" alt="{alt}" '
            f'width="{round(width * scale)}" height="{round(height * scale)}" '
            f'style="max-width:100%;height:auto">{cap}</figure>')


def save_table(table: pd.DataFrame, output_dir, name: str, index: bool = True) -> Path:
    """Save a table as UTF-8 CSV under ``output_dir/tables/``.

    Parameters
    ----------
    table : pandas.DataFrame
        The table.
    output_dir : str or pathlib.Path
        The report's output folder.
    name : str
        File name without extension.
    index : bool
        Write the index as the first column(s).

    Returns
    -------
    pathlib.Path
    """
    return atomic_write(Path(output_dir) / "tables" / f"{name}.csv",
                        table.to_csv(index=index, lineterminator="\n"))




def print_setup(ws, title: str, header_rows: int = 1, landscape: bool | None = None) -> None:
    """Make an openpyxl worksheet print well: A4, fit to the page's width, header rows repeated.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet (changed in place).
    title : str
        Printed at the top of every page (the page header); the sheet name when empty.
    header_rows : int
        Rows ``1..header_rows`` are repeated at the top of every printed page; 0 for none. A
        header below the first row: pass ``(first, last)``.
    landscape : bool, optional
        Page orientation; by default landscape when the sheet has more than six columns.

    Notes
    -----
    Fit to width with no limit down (``fitToWidth = 1``, ``fitToHeight = 0``): a long table
    prints on as many pages as it needs, never cut at the side.
    """
    if landscape is None:
        landscape = (ws.max_column or 0) > 6
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if isinstance(header_rows, tuple):
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    elif header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    # & starts a code in a header: a literal ampersand is written twice
    ws.oddHeader.center.text = (title or ws.title).replace("&", "&&")
    ws.oddFooter.center.text = "&P / &N"
