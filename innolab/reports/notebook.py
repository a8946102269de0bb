"""The one setup call of every report notebook, and how a notebook shows a section.

A report notebook is a story: a ``parameters`` cell of literals, one :func:`setup` call, one
``report.show(sections.<topic>, ...)`` call per section, and ``report.provenance()``::

    report = setup("area_profile", study_dir=study_dir, output_dir=output_dir, lang=lang,
                   area_id=area_id)
    report.show(sections.area_network, n=1000, seed=0)
    report.provenance()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from innolab.data import vocab
from innolab.data.study import Study, load_study

from . import plots
from .output import provenance
from .section import Section
from .texts import t

__all__ = ["Report", "setup", "title_block"]


@dataclass
class Report:
    """One report being written: its study, language, output folder and parameters.

    Attributes
    ----------
    study : Study
        The loaded, validated study.
    lang : {"en", "fi"}
        The reader's language.
    out : pathlib.Path
        The report's output folder (figures and tables are saved below it).
    parameters : dict
        The notebook's parameters, stated in the provenance.
    area_id : str or None
        The area of a per-area report.
    internal : bool
        An internal report: counts of individuals are shown exactly, and every page says the
        report is not for sharing. Default False: counts of 1 … threshold − 1 individuals are
        suppressed (``innolab.stats.suppression``).
    threshold : int
        Counts of individuals below it (and above zero) are suppressed; default 5.
    """

    study: Study
    lang: str
    out: Path
    parameters: dict = field(default_factory=dict)
    area_id: str | None = None
    internal: bool = False
    threshold: int = 5

    @property
    def suppress(self) -> int | None:
        """The threshold of small-cell suppression, or None in an internal report."""
        return None if self.internal else self.threshold

    def section(self, fn, /, **kwargs) -> Section:
        """Build a section: ``fn(study, [area_id,] lang, **kwargs)``.

        A section function with a ``suppress`` parameter gets :attr:`suppress` (unless given).
        """
        if _takes(fn, "suppress"):
            kwargs.setdefault("suppress", self.suppress)
        if self.area_id is not None and _takes_area(fn):
            return fn(self.study, self.area_id, self.lang, **kwargs)
        return fn(self.study, self.lang, **kwargs)

    def show(self, fn, /, **kwargs) -> None:
        """Build a section and show it, saving its tables and figures under :attr:`out`.

        Returns nothing, so that a notebook cell ending in ``report.show(...)`` prints nothing
        more than the section (use :meth:`section` to keep a section).
        """
        self.section(fn, **kwargs).show(self.out, self.lang)

    def say(self, markdown: str) -> None:
        """Show a line of Markdown (a link, a pointer to the workbook)."""
        from IPython.display import Markdown, display

        display(Markdown(markdown))

    def provenance(self) -> None:
        """Show where the report comes from: data hash, parameters, package versions."""
        self.say(provenance(self.study, self.parameters, self.lang))


def _takes(fn, name: str) -> bool:
    import inspect

    return name in inspect.signature(fn).parameters


def _takes_area(fn) -> bool:
    import inspect

    params = list(inspect.signature(fn).parameters)
    return len(params) > 1 and params[1] == "area_id"


def setup(title_key: str, *, study_dir, output_dir, lang: str = "en", area_id: str | None = None,
          internal: bool = False, threshold: int = 5, **parameters) -> Report:
    """Check the language, load the study, set the figure style and show the report's title.

    Parameters
    ----------
    title_key : str
        The report's title in the text catalogue, under ``common.`` (e.g. ``"area_profile"``).
    study_dir : str or pathlib.Path
        The study folder.
    output_dir : str or pathlib.Path
        The report's output folder.
    lang : {"en", "fi"}
        The reader's language.
    area_id : str, optional
        The area of a per-area report (checked against the study).
    internal : bool
        Show exact counts of individuals; the report then says under its title that it is not
        for sharing (see :class:`Report`).
    threshold : int
        Counts of 1 … threshold − 1 individuals are suppressed unless ``internal``.
    **parameters
        The notebook's other parameters, stated in the provenance.

    Returns
    -------
    Report
    """
    vocab.check_lang(lang)
    study = load_study(study_dir, reuse=True)  # a warm kernel reads and checks it once
    if area_id is not None:
        study.check_area(area_id)
    params = {"study_dir": study_dir, **({"area_id": area_id} if area_id is not None else {}),
              "output_dir": output_dir, "lang": lang, "internal": internal,
              "threshold": threshold, **parameters}
    report = Report(study, lang, Path(output_dir), params, area_id, bool(internal), threshold)
    plots.style()
    subject = study.area(area_id)["name"] if area_id is not None else study.title
    report.say(f"# {t(f'common.{title_key}', lang)}: {subject}")
    report.say(title_block(study, subject, lang))
    if internal:
        report.say(f"**{t('common.internal_banner', lang)}**")
    return report


def title_block(study: Study, subject: str, lang: str, today=None) -> str:
    """The line under a report's title: study, area (or study title), date and data hash.

    Parameters
    ----------
    study : Study
        The study.
    subject : str
        The area's name, or the study's title.
    lang : {"en", "fi"}
        The reader's language.
    today : datetime.date, optional
        The report's date (default today).

    Returns
    -------
    str
        An HTML paragraph (it is printed at the top of the PDF too).
    """
    import datetime
    import html

    today = today or datetime.date.today()
    date = t("page.date", lang, year=today.year, month=today.month, day=today.day)
    line = t("page.title_block", lang, study=study.name, subject=subject, date=date,
             hash=study.short_hash)
    return f'<p class="innolab-title-block">{html.escape(line)}</p>'

