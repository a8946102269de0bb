"""The exceptions and warnings innolab raises: one hierarchy under :class:`InnolabError`."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["InnolabError", "StudyError", "ImportDataError", "Problem", "StudyWarning",
           "ParameterError", "summarise"]


class InnolabError(Exception):
    """Base class of every error innolab raises on purpose.

    The command line prints its message without a traceback and exits with status 2.
    """


class ParameterError(InnolabError, ValueError):
    """A parameter of an innolab function or command is not usable (unknown area, language)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a study's data.

    Attributes
    ----------
    file : str
        The file (or ``study.xlsx:sheet``) the problem is in.
    row : int or None
        The row number as a spreadsheet shows it (the header is row 1), or None for a whole file.
    column : str or None
        The column the problem is in, or None.
    value : str or None
        The offending value as it stands in the file.
    expected : str
        What would be right.
    count : int
        How many problems of this kind this one stands for (1 for a single problem; more in
        the summary of :attr:`StudyError.summary`).
    rows : tuple of int
        For a summary: the first rows it was found on (``row`` is the first of them).
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    count: int = 1
    rows: tuple = ()

    @property
    def is_cause(self) -> bool:
        """Whether the problem is about a whole file or its header (others may follow from it)."""
        return self.row is None or self.row == 1 or (self.column is None and self.value is None)

    def __str__(self) -> str:
        where = self.file
        if self.count > 1:
            first = ", ".join(str(r) for r in self.rows)
            where += f", rows {first} … ({self.count:,} rows)"
        elif self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        got = "" if self.value is None else f": {self.value!r}"
        if self.count > 1 and self.value is not None:
            got += " …"
        return f"{where}{got} — {self.expected}"


#: How many problems of one kind in one column are listed one by one before they are summarised.
GROUP_AFTER = 5

_HINT = re.compile(r" \(did you mean .*\?\)$")


def summarise(problems: list[Problem]) -> list[Problem]:
    """The problems as a reader should see them: causes first, repeats summarised.

    Problems about a whole file or its header row (an empty file, a file that is not text, a
    missing column) come first, as the others may follow from them. Then, in the order found,
    the problems of each kind (same file, column and expectation, "did you mean" aside): listed
    one by one up to :data:`GROUP_AFTER`, else as one summary with the first rows and a count.

    Parameters
    ----------
    problems : list of Problem
        Every problem found.

    Returns
    -------
    list of Problem
        The problems to show; a summary has ``count`` > 1 and its first ``rows``.
    """
    causes = [p for p in problems if p.is_cause]
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        if not p.is_cause:
            groups.setdefault((p.file, p.column, _HINT.sub("", p.expected)), []).append(p)
    shown = list(causes)
    for (file, column, expected), members in groups.items():
        if len(members) <= GROUP_AFTER:
            shown.extend(members)
            continue
        rows = tuple(p.row for p in members[:GROUP_AFTER])
        shown.append(Problem(file, rows[0], column, members[0].value, expected,
                             count=len(members), rows=rows))
    return shown


def _listing(head: str, problems: list[Problem]) -> str:
    shown = summarise(problems)
    lines = "\n".join(f"  - {p}" for p in shown[:200])
    more = f"\n  … and {len(shown) - 200} more" if len(shown) > 200 else ""
    return f"{head}\n{lines}{more}"


class StudyError(InnolabError):
    """A study folder does not follow the data format.

    ``problems`` lists every problem found, one by one; ``summary`` is what the message shows
    (:func:`summarise`: problems with whole files first, repeats of one kind summarised).
    """

    def __init__(self, path: str, problems: list[Problem]):
        self.path = str(path)
        self.problems = list(problems)
        self.summary = summarise(self.problems)
        n = len(self.problems)
        head = f"The study in {self.path} has {n:,} problem{'s' if n != 1 else ''}:"
        super().__init__(_listing(head, self.problems))


class ImportDataError(StudyError):
    """Data from another tool (or its mapping file) cannot be imported; ``problems`` lists all."""

    def __init__(self, path: str, problems: list[Problem]):
        super().__init__(path, problems)
        n = len(self.problems)
        head = (f"The import from {self.path} has {n:,} problem{'s' if n != 1 else ''}; "
                f"nothing was written:")
        self.args = (_listing(head, self.problems),)


class StudyWarning(UserWarning):
    """Something in a study that is allowed but worth a look (unknown columns, stray files)."""
