"""What an importer reads from a source before it becomes study tables: actors by key, and ties.

Every importer (Network Canvas, Kumu, Gephi, survey) fills one :class:`Imported`; the writer
(:mod:`innolab.data.importers.writer`) gives the actors their ids and merges the result into a
study folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ACTOR_FIELDS", "ImportedActor", "ImportedTie", "Imported"]

#: The actor fields an importer may fill, as in the ``actors`` table (``area`` is ``area_id``).
ACTOR_FIELDS = ("area", "sector", "type", "kind", "target_group", "kehra_member")


@dataclass
class ImportedActor:
    """One actor as a source describes it.

    Attributes
    ----------
    key : str
        Its identity (see :func:`innolab.data.importers.ids.name_key`).
    name : str or None
        The name (personal data: it goes to the ``name`` column only).
    values : dict
        Field of :data:`ACTOR_FIELDS` → value (None when the source does not say).
    where : dict
        Field → (file, row, column) the value came from, for problems.
    own : bool
        The values come from the actor's own record (an ego, a respondent, a node) rather than
        from the defaults for someone only named by others; own values win.
    """

    key: str
    name: str | None
    values: dict
    where: dict = field(default_factory=dict)
    own: bool = True


@dataclass
class ImportedTie:
    """One reported tie between two actors' keys."""

    source: str
    target: str
    type: str
    wave: int
    weight: float = 1.0
    where: tuple = ("", None, None)


@dataclass
class Imported:
    """Everything read from one source: the actors by key (in order of first mention) and ties."""

    source: str
    actors: dict = field(default_factory=dict)
    ties: list = field(default_factory=list)

    def add_actor(self, actor: ImportedActor) -> None:
        """Add an actor, or complete the one with the same key (its own record's values win)."""
        old = self.actors.get(actor.key)
        if old is None:
            self.actors[actor.key] = actor
            return
        if actor.own and not old.own:
            old.own = True
            for k, v in actor.values.items():
                if v is not None:
                    old.values[k], old.where[k] = v, actor.where.get(k)
        else:
            for k, v in actor.values.items():
                if old.values.get(k) is None and v is not None:
                    old.values[k], old.where[k] = v, actor.where.get(k)
        if not old.name and actor.name:
            old.name = actor.name

    def add_tie(self, tie: ImportedTie) -> None:
        """Add a tie."""
        self.ties.append(tie)
