"""The exceptions and warnings innolab raises: one hierarchy under :class:`InnolabError`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InnolabError", "StudyError", "ImportDataError", "Problem", "StudyWarning",
           "ParameterError"]


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
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        got = "" if self.value is None else f": {self.value!r}"
        return f"{where}{got} — {self.expected}"


class StudyError(InnolabError):
    """A study folder does not follow the data format; ``problems`` lists every problem found."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = str(path)
        self.problems = list(problems)
        n = len(self.problems)
        head = f"The study in {self.path} has {n} problem{'s' if n != 1 else ''}:"
        shown = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = f"\n  … and {n - 200} more" if n > 200 else ""
        super().__init__(f"{head}\n{shown}{more}")


class ImportDataError(StudyError):
    """Data from another tool (or its mapping file) cannot be imported; ``problems`` lists all."""

    def __init__(self, path: str, problems: list[Problem]):
        super().__init__(path, problems)
        n = len(self.problems)
        head = (f"The import from {self.path} has {n} problem{'s' if n != 1 else ''}; "
                f"nothing was written:")
        shown = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = f"\n  … and {n - 200} more" if n > 200 else ""
        self.args = (f"{head}\n{shown}{more}",)


class StudyWarning(UserWarning):
    """Something in a study that is allowed but worth a look (unknown columns, stray files)."""
