"""The schema of the study format (BRIEF §5): its tables, their columns and keys.

:data:`TABLES` names every table of the format with its columns (:class:`Column`: name, kind,
whether required, vocabulary, default, range) and its unique keys (:class:`TableSpec`).
:func:`helsinki_districts` is the reference list the ``district_code`` column is checked
against. Reading and checking files against this schema is the job of
:mod:`innolab.data.reading` and :mod:`innolab.data.validation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pandas as pd

__all__ = ["Column", "TableSpec", "TABLES", "helsinki_districts"]


@dataclass(frozen=True)
class Column:
    """One column of a table of the study format.

    Attributes
    ----------
    name : str
        Column name as in the file header.
    kind : str
        ``str``, ``int``, ``float``, ``bool``, ``date``, ``list`` (``;``-separated ids) or
        ``vocab`` (a code of ``innolab.data.vocab.VOCABULARIES[vocabulary]``).
    required : bool
        The column must be present and every value filled in.
    vocabulary : str, optional
        For ``kind="vocab"``: the key into :data:`innolab.data.vocab.VOCABULARIES`.
    default : object, optional
        Value used when the cell (or the whole optional column) is empty.
    minimum, maximum : float, optional
        Allowed range (inclusive unless ``exclusive_minimum``).
    exclusive_minimum : bool
        The value must be strictly above ``minimum``.
    """

    name: str
    kind: str = "str"
    required: bool = False
    vocabulary: str | None = None
    default: object = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One table of the study format: its columns, whether it is required, and its unique keys."""

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    unique: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        """Names of all columns, in order."""
        return [c.name for c in self.columns]


# Short helpers so that each table below reads as one line per few columns.
def _c(name, kind="str", required=False, **kw) -> Column:
    """A column of any kind."""
    return Column(name=name, kind=kind, required=required, **kw)


def _v(name, vocabulary, required=False, **kw) -> Column:
    """A column whose values are codes of a vocabulary."""
    return Column(name=name, kind="vocab", required=required, vocabulary=vocabulary, **kw)


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        TableSpec("areas", (
            _c("area_id", required=True), _c("name", required=True),
            _c("municipality", required=True), _v("country", "country", required=True),
            _v("role", "area_role"), _c("district_code"),
            _c("population", "int", minimum=0),
        ), required=True, unique=(("area_id",),)),
        TableSpec("actors", (
            _c("actor_id", required=True), _c("area_id", required=True),
            _v("sector", "sector", required=True), _v("type", "actor_type", required=True),
            _c("kind"), _c("name"), _v("target_group", "target_group"),
            _c("kehra_member", "bool", default=False), _c("joined_wave", "int", minimum=0),
        ), required=True, unique=(("actor_id",),)),
        TableSpec("ties", (
            _c("source", required=True), _c("target", required=True),
            _c("wave", "int", required=True, minimum=0), _v("type", "tie_type", required=True),
            _c("weight", "float", default=1.0, minimum=0, exclusive_minimum=True),
        ), required=True, unique=(("source", "target", "wave", "type"),)),
        TableSpec("events", (
            _c("event_id", required=True), _c("area_id", required=True),
            _c("date", "date", required=True), _c("wave", "int", required=True, minimum=0),
            _v("type", "event_type", required=True), _c("title"),
        ), unique=(("event_id",),)),
        TableSpec("participation", (
            _c("event_id", required=True), _c("actor_id", required=True),
            _v("role", "participation_role", default="participant"),
        ), unique=(("event_id", "actor_id"),)),
        TableSpec("assessments", (
            _c("area_id", required=True), _c("wave", "int", required=True, minimum=0),
            _v("assessor", "assessor", required=True), _c("respondent_id", required=True),
            _v("respondent_sector", "respondent_sector"), _c("criterion_id", required=True),
            _c("score", "float"),
        ), unique=(("area_id", "wave", "assessor", "respondent_id", "criterion_id"),)),
        TableSpec("criteria", (
            _c("criterion_id", required=True), _c("dimension_id", required=True),
            _c("dimension_en"), _c("dimension_fi"), _c("criterion_en"), _c("criterion_fi"),
            _c("scale_min", "float", default=0.0), _c("scale_max", "float", default=4.0),
            _c("weight", "float", default=1.0, minimum=0), _c("direction", "int", default=1),
        ), unique=(("criterion_id",),)),
        TableSpec("innovations", (
            _c("innovation_id", required=True), _c("area_id", required=True),
            _c("wave", "int", required=True, minimum=0), _c("title"),
            _v("theme", "theme", required=True), _v("stage", "stage", required=True),
            _c("partners", "list", default=()), _c("ready_for_funding", "bool", default=False),
        ), unique=(("innovation_id", "wave"),)),
        TableSpec("support", (
            _c("area_id", required=True), _c("date", "date", required=True),
            _c("wave", "int", minimum=0), _v("type", "support_type", required=True),
            _c("hours", "float", required=True, minimum=0),
        )),
        TableSpec("peer_review", (
            _c("organisation", required=True), _v("group", "peer_group", required=True),
            _c("practice_id", required=True), _c("practice_en"), _c("practice_fi"),
            _c("rating", "int", required=True, minimum=1, maximum=5), _c("note"),
        )),
    ]
}


def helsinki_districts() -> pd.DataFrame:
    """Helsinki's 34 districts (peruspiiri) with their major district and sub-areas.

    Returns
    -------
    pandas.DataFrame
        Columns ``suurpiiri_code, suurpiiri_fi, peruspiiri_code, peruspiiri_fi, osa_alueet_fi``
        (codes as strings), from the City of Helsinki's district division.
    """
    with resources.files("innolab.resources").joinpath("helsinki_districts.csv").open(
            "r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str)
