"""A report section: an ordered list of typed items that a notebook shows and saves.

A section is what one call of :mod:`innolab.reports.sections` returns for one finding: headings,
paragraphs, tables and figures, built from the analysis functions and worded from the text
catalogue. ``Section.show(output_dir)`` saves its tables (CSV) and figures (PNG, SVG) and displays
everything in order. :func:`guarded` is the one preamble every section function shares: it checks
the language (and the area), and turns an :class:`~innolab.InnolabError` raised while the section
is built into a sentence in the reader's language, so the rest of the report stands.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from ..data import cache, vocab
from ..errors import InnolabError
from . import texts
from .output import figure_html, figure_png, save_figure, save_table

__all__ = ["Heading", "Text", "Table", "Figure", "Note", "Html", "Section", "guarded"]


@dataclass(frozen=True)
class Heading:
    """A heading of a level from 1 (the report's title) to 4."""

    title: str
    level: int = 2

    @property
    def markdown(self) -> str:
        """The heading as Markdown."""
        return f"{'#' * self.level} {self.title}"


@dataclass(frozen=True)
class Text:
    """A paragraph of Markdown prose."""

    body: str

    @property
    def markdown(self) -> str:
        """The paragraph as Markdown."""
        return self.body


@dataclass(frozen=True)
class Note:
    """A paragraph that says why something could not be shown (a missing table, no ties)."""

    body: str

    @property
    def markdown(self) -> str:
        """The note as Markdown."""
        return self.body


@dataclass(frozen=True)
class Table:
    """A table: ``data`` (codes and numbers) is saved as CSV, ``shown`` is displayed."""

    name: str
    data: pd.DataFrame
    shown: pd.DataFrame
    index: bool = True


@dataclass(frozen=True)
class Figure:
    """A figure saved as PNG and SVG under the report's ``figures/``.

    ``alt`` is the caption sentence (what to see), shown under the figure and given to the
    image as its alt text.
    """

    name: str
    figure: object
    alt: str = ""


@dataclass(frozen=True)
class Html:
    """A block of HTML shown as it is (the interactive network map); nothing is saved."""

    name: str
    html: str


@dataclass
class Section:
    """An ordered list of report items (:class:`Heading`, :class:`Text`, :class:`Note`,
    :class:`Table`, :class:`Figure`).

    Attributes
    ----------
    items : list
        The items in the order they are shown.
    dpi : int
        Resolution of the saved PNG figures (300 for print).
    """

    items: list = field(default_factory=list)
    dpi: int = 200

    def heading(self, title: str, level: int = 2) -> Section:
        """Add a heading."""
        self.items.append(Heading(title, level))
        return self

    def say(self, *sentences: str) -> Section:
        """Add a paragraph of sentences (empty ones are skipped)."""
        body = " ".join(s.strip() for s in sentences if s and s.strip())
        if body:
            self.items.append(Text(body))
        return self

    def note(self, body: str) -> Section:
        """Add a note saying why something is not shown."""
        self.items.append(Note(body))
        return self

    def table(self, name: str, data: pd.DataFrame, shown=None, index: bool = True) -> Section:
        """Add a table: ``data`` is saved as CSV, ``shown`` (default ``data``) is displayed."""
        self.items.append(Table(name, data, shown if shown is not None else data, index))
        return self

    def figure(self, name: str, fig, alt: str = "") -> Section:
        """Add a figure (a Figure or Axes) with its caption sentence ``alt`` (what to see)."""
        self.items.append(Figure(name, getattr(fig, "figure", fig), alt))
        return self

    def extend(self, other: Section) -> Section:
        """Append the items of another section."""
        self.items.extend(other.items)
        return self

    def of_type(self, kind) -> list:
        """The items of one type, e.g. ``section.of_type(Table)``."""
        return [i for i in self.items if isinstance(i, kind)]

    @property
    def tables(self) -> dict[str, Table]:
        """The section's tables by name."""
        return {i.name: i for i in self.of_type(Table)}

    @property
    def figures(self) -> dict[str, Figure]:
        """The section's figures by name."""
        return {i.name: i for i in self.of_type(Figure)}

    @property
    def text(self) -> str:
        """All Markdown of the section (headings, prose, notes), for tests and reuse."""
        return "\n\n".join(i.markdown for i in self.items if isinstance(i, Heading | Text | Note))

    def show(self, output_dir=None, lang: str = "en") -> None:
        """Save the tables and figures under ``output_dir`` and display everything in order.

        Parameters
        ----------
        output_dir : str or pathlib.Path, optional
            The report's output folder; nothing is saved when None.
        lang : {"en", "fi"}
            The reader's language: numbers in the shown tables take its decimal sign.
        """
        import matplotlib.pyplot as plt
        from IPython.display import HTML, Markdown, display

        for item in self.items:
            if isinstance(item, Heading | Text | Note):
                display(Markdown(item.markdown))
            elif isinstance(item, Table):
                if output_dir is not None:
                    save_table(item.data, output_dir, item.name, index=item.index)
                # an undefined value shows as a dash; the section's prose says why. Shown
                # tables arrive as finished strings (reports.tables), which Styler leaves as
                # they are apart from escaping ("<5" is text, not a tag)
                styled = item.shown.style.format(precision=2, na_rep="—", escape="html",
                                                 decimal=texts.t("fmt.decimal_sign", lang))
                styled.set_uuid(item.name)  # not a random one: the same page for the same data
                display(styled if item.index else styled.hide(axis="index"))
            elif isinstance(item, Html):
                from IPython.display import HTML

                display(HTML(item.html))
            else:
                if output_dir is not None:
                    png = save_figure(item.figure, output_dir, item.name, dpi=self.dpi)[0]
                    data = png.read_bytes()
                else:
                    data = figure_png(item.figure, dpi=self.dpi)
                display(HTML(figure_html(data, item.alt, dpi=self.dpi)))
                plt.close(item.figure)


def guarded(title_key: str | None = None):
    """Decorate a section function with the shared preamble.

    The decorated function takes ``(study, [area_id,] lang, ...)``. Before it runs, the language
    is checked (and ``area_id`` when the function has one); an :class:`InnolabError` raised while
    the section is built becomes a section with the heading ``title_key`` (when given) and the
    error's message as a note, so that a report goes on past a section that cannot be computed.
    The section is built inside a :func:`innolab.data.cache.scope`: what several of its analyses
    start from (an area's active actors per wave) is computed once.

    Parameters
    ----------
    title_key : str, optional
        Catalogue key of the heading shown above the note.

    Returns
    -------
    callable
    """

    def wrap(fn):
        import inspect

        params = list(inspect.signature(fn).parameters)
        per_area = len(params) > 1 and params[1] == "area_id"

        @functools.wraps(fn)
        def inner(study, *args, **kwargs):
            bound = inspect.signature(fn).bind(study, *args, **kwargs)
            bound.apply_defaults()
            lang = bound.arguments.get("lang", "en")
            vocab.check_lang(lang)
            if per_area:
                study.check_area(bound.arguments["area_id"])
            try:
                with cache.scope():  # the study is read, not changed: shared results
                    return fn(*bound.args, **bound.kwargs)
            except InnolabError as exc:
                sec = Section()
                if title_key is not None:
                    sec.heading(texts.t(title_key, lang))
                return sec.note(_reason(exc, lang))

        return inner

    return wrap


def _reason(exc: InnolabError, lang: str) -> str:
    """An error as a sentence for readers: its catalogue text when it carries a code."""
    code = getattr(exc, "code", None)
    if code and texts.has(code):
        return texts.t(code, lang, **getattr(exc, "values", {}))
    return str(exc)
