"""What the report notebooks share: texts in two languages, provenance, saving figures and tables.

Notebooks call these so that every report looks the same, says where it came from and writes its
figures (PNG and SVG) and tables (CSV) into the same layout.
"""

from __future__ import annotations

import os
import platform
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from . import vocab

__all__ = [
    "TEXTS",
    "text",
    "package_versions",
    "provenance",
    "save_figure",
    "save_table",
    "atomic_write",
    "suppressed",
    "suppress_counts",
    "HIDDEN",
    "fmt_int",
    "fmt_pct",
    "join_words",
    "relabel",
]

# UI texts of the reports: key -> (English, Finnish).
TEXTS = {
    "area_profile": ("Area profile", "Alueprofiili"),
    "facts": ("The area in brief", "Alue lyhyesti"),
    "actors": ("Actors", "Toimijat"),
    "actors_by_sector": ("Actors by sector", "Toimijat sektoreittain"),
    "actors_by_type": ("Actors by sector and type", "Toimijat sektorin ja tyypin mukaan"),
    "target_groups": ("Actors from target groups", "Kohderyhmiin kuuluvat toimijat"),
    "kehra": ("Kehrä development group", "Kehrä-kehittämisryhmä"),
    "activity": ("Activity over waves", "Aktiivisuus aalloittain"),
    "active_by_sector": ("Active actors by sector and wave", "Aktiiviset toimijat sektoreittain"),
    "wave": ("Wave", "Aalto"),
    "count": ("Count", "Lukumäärä"),
    "number_of_actors": ("Number of actors", "Toimijoiden määrä"),
    "sector": ("Sector", "Sektori"),
    "provenance": ("Where this report comes from", "Raportin lähtötiedot"),
    "data_hash": ("Data hash (SHA-256)", "Aineiston tiiviste (SHA-256)"),
    "parameters": ("Parameters", "Parametrit"),
    "versions": ("Package versions", "Pakettien versiot"),
    "synthetic_note": (
        "This study is synthetic: all data and names are invented for demonstration.",
        "Tämä aineisto on synteettinen: kaikki tiedot ja nimet ovat keksittyjä esimerkkejä.",
    ),
    "none": ("none", "ei yhtään"),
    "yes": ("yes", "kyllä"),
    "no": ("no", "ei"),
    "index_title": ("innolab reports", "innolab-raportit"),
    "areas_heading": ("Area reports", "Alueraportit"),
    "study_heading": ("Study-level reports", "Koko aineiston raportit"),
    "networks": ("Networks", "Verkostot"),
    "criteria": ("Criteria scores", "Kriteeripisteet"),
    "mobilisation": ("Mobilisation", "Mobilisoituminen"),
    "mobilisation_overview": ("Mobilisation overview", "Mobilisoitumisen yleiskuva"),
    "selection": ("Area selection", "Alueiden valinta"),
    "peer_review": ("Peer review", "Vertaisarviointi"),
    "evidence": ("Evidence pack", "Näyttöpaketti"),
    "failed": ("failed", "epäonnistui"),
    "evidence_workbook": (
        "Every table above is also in [evidence.xlsx](evidence.xlsx), one sheet per table and a "
        "definitions sheet with the data hash; the figures are in `figures/` as PNG (300 dpi) "
        "and SVG.",
        "Kaikki yllä olevat taulukot ovat myös tiedostossa [evidence.xlsx](evidence.xlsx), "
        "taulukko välilehteä kohden, ja määritelmät aineiston tiivisteineen omalla "
        "välilehdellään; kuvat ovat kansiossa `figures/` PNG- (300 dpi) ja SVG-muodossa."),
    "individual": ("Individuals", "Henkilöt"),
    "organisation": ("Organisations", "Organisaatiot"),
    "total": ("Total", "Yhteensä"),
    "share": ("Share", "Osuus"),
    "share_of_individuals": ("Share of individuals", "Osuus henkilöistä"),
    "active": ("Active actors", "Aktiiviset toimijat"),
    "events": ("Events", "Tapahtumat"),
    "ties": ("Ties", "Suhteet"),
    "members": ("Members", "Jäsenet"),
    "target_group": ("Target group", "Kohderyhmä"),
    "failed_note": ("the run failed; the executed notebook shows the error",
                    "ajo epäonnistui; suoritettu muistikirja näyttää virheen"),
}

_VERSIONED = ("innolab", "numpy", "pandas", "scipy", "networkx", "matplotlib", "openpyxl",
              "papermill", "nbconvert")


def text(key: str, lang: str = "en") -> str:
    """A report text in the chosen language.

    Parameters
    ----------
    key : str
        A key of :data:`TEXTS`.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    vocab.check_lang(lang)
    return TEXTS[key][vocab.LANGUAGES.index(lang)]


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
        f"### {text('provenance', lang)}",
        "",
        f"- Study / Aineisto: **{study.name}** — {study.title}",
        f"- {text('data_hash', lang)}: `{study.data_hash}`",
        f"- {text('parameters', lang)}: {params}",
        f"- {text('versions', lang)}: {versions}",
    ]
    if study.synthetic:
        lines.append(f"- *{text('synthetic_note', lang)}*")
    return "\n".join(lines)


def atomic_write(path, data: bytes | str) -> Path:
    """Write a file so that readers see either the old or the whole new content, never a part.

    Parameters
    ----------
    path : str or pathlib.Path
        Target file; its folder is created.
    data : bytes or str
        Content (str is written as UTF-8).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_figure(fig, output_dir, name: str, dpi: int = 200) -> list[Path]:
    """Save a figure as PNG (200 dpi by default) and SVG under ``output_dir/figures/``.

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
    fig.tight_layout()
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=ext, dpi=dpi, bbox_inches="tight", metadata=meta)
        paths.append(atomic_write(Path(output_dir) / "figures" / f"{name}.{ext}", buf.getvalue()))
    return paths


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


def fmt_int(n) -> str:
    """An integer with a thin space between thousands (readable in Finnish and English)."""
    return f"{int(n):,}".replace(",", "\u202f")


def fmt_pct(x, lang: str = "en", digits: int = 0) -> str:
    """A share (0–1) as a percentage, with a decimal comma in Finnish.

    Parameters
    ----------
    x : float
        The share.
    lang : {"en", "fi"}
        The language.
    digits : int
        Decimals.

    Returns
    -------
    str
    """
    s = f"{100 * x:.{digits}f}"
    if lang == "fi":
        s = s.replace(".", ",")
        return f"{s} %"
    return f"{s}%"


def join_words(words, lang: str = "en") -> str:
    """Join words as prose: "a, b and c" / "a, b ja c".

    Parameters
    ----------
    words : sequence of str
        The words.
    lang : {"en", "fi"}
        The language.

    Returns
    -------
    str
    """
    words = list(words)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    conj = " ja " if lang == "fi" else " and "
    return ", ".join(words[:-1]) + conj + words[-1]


def relabel(table: pd.DataFrame, lang: str = "en", index: str | None = None,
            columns: dict | None = None, column_vocab: str | None = None) -> pd.DataFrame:
    """A copy of a table with codes turned into labels for people.

    Parameters
    ----------
    table : pandas.DataFrame
        A table keyed by codes.
    lang : {"en", "fi"}
        The language.
    index : str, optional
        Vocabulary of the index codes (e.g. ``"sector"``).
    columns : dict, optional
        Column name to a key of :data:`TEXTS` (or to literal text) for the header.
    column_vocab : str, optional
        Vocabulary of the column codes.

    Returns
    -------
    pandas.DataFrame
    """
    out = table.copy()
    name = index or out.index.name
    if index is not None:
        out.index = [vocab.label(index, c, lang) for c in out.index]
    out.index.name = text(name, lang) if name in TEXTS else None
    if column_vocab is not None:
        out.columns = [vocab.label(column_vocab, c, lang) if c in vocab.VOCABULARIES[column_vocab]
                       else c for c in out.columns]
    if columns:
        out = out.rename(columns={k: text(v, lang) if v in TEXTS else v
                                  for k, v in columns.items()})
    return out


#: How a count hidden by secondary suppression is shown (:func:`suppress_counts`).
HIDDEN = "x"


def suppressed(value, threshold: int = 5):
    """A count of individuals as it may be shown: ``"<5"`` for 1 … threshold − 1, else the count.

    Small-cell suppression (statistical disclosure control): a count of 1–4 people could point
    at someone, so it is shown as ``"<threshold"``. Zero and NA are shown as they are: they
    identify nobody. Counts of organisations are never suppressed.

    Parameters
    ----------
    value : int or NA
        The count.
    threshold : int
        Counts below it (and above zero) are suppressed; default 5.

    Returns
    -------
    int, str or NA

    Examples
    --------
    >>> [suppressed(v) for v in (0, 3, 5, 12)]
    [0, '<5', 5, 12]
    """
    if value is None or pd.isna(value):
        return value
    v = int(value)
    return f"<{threshold}" if 0 < v < threshold else v


def suppress_counts(table: pd.DataFrame, columns, threshold: int = 5,
                    secondary: bool = False) -> pd.DataFrame:
    """Suppress small counts of individuals in ``columns`` of a table (see :func:`suppressed`).

    Parameters
    ----------
    table : pandas.DataFrame
        The table.
    columns : list of str
        The columns holding counts of individuals.
    threshold : int
        Counts from 1 to ``threshold − 1`` become ``"<threshold"``.
    secondary : bool
        The columns are the parts of a total shown elsewhere: in a row where exactly one part is
        suppressed, the smallest other non-zero part is hidden too (shown as :data:`HIDDEN`,
        ``"x"``), so that the suppressed count cannot be had by subtraction.

    Returns
    -------
    pandas.DataFrame
        A copy; the count columns hold integers, NA, ``"<threshold"`` or :data:`HIDDEN`
        strings (dtype object).
    """
    out = table.copy()
    cols = list(columns)
    for c in cols:
        out[c] = pd.Series([suppressed(v, threshold) for v in table[c]], index=out.index,
                           dtype=object)
    if secondary and len(cols) > 1:
        mark = f"<{threshold}"
        for i in range(len(out)):
            row = out.iloc[i][cols]
            hidden = [c for c in cols if row[c] == mark]
            if len(hidden) != 1:
                continue
            shown = {c: row[c] for c in cols if isinstance(row[c], int | np.integer) and
                     row[c] > 0}
            if shown:
                c = min(shown, key=shown.get)
                out.iat[i, out.columns.get_loc(c)] = HIDDEN
    return out
