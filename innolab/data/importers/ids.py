"""Stable pseudonymous actor ids for imports: the same person gets the same id in every wave.

An actor's identity in a source is a *key*: its normalised name (``name:aino esimerkki``) or,
without a name, the source's own id (``case:P07``). An actor already in the study keeps its id —
found by its normalised name in ``actors.csv``. A new actor's id is a keyed hash of its key:
``a`` and 8 hex digits of HMAC-SHA256 with the study's own import key, a random secret kept in
``.innolab/import-key`` inside the study folder. Without the key, an id cannot be traced back to a
name by hashing guessed names; with it, every later import finds the same ids.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from pathlib import Path

__all__ = ["KEY_FILE", "KEEP_ID", "normalise_name", "name_key", "IdMaker"]

#: Prefix of a key that is an actor id to keep as it is (the mapping's ``actor_id`` field of a
#: node table, e.g. an ``innolab export`` read back in): ``actor_id:m1`` gets the id ``m1``.
KEEP_ID = "actor_id:"

KEY_FILE = Path(".innolab") / "import-key"
_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """A name as it is compared: Unicode NFC, case folded, inner spaces collapsed, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", str(name)).casefold()).strip()


def name_key(name: str | None, fallback: str | None = None) -> str | None:
    """The identity key of an actor: its normalised name, else ``fallback`` (a source id)."""
    if name and normalise_name(name):
        return "name:" + normalise_name(name)
    return fallback


class IdMaker:
    """Gives actor ids for keys, reusing the ids of the study's existing actors.

    Parameters
    ----------
    study_dir : str or pathlib.Path
        The study folder (its import key is read from there when it exists).
    existing : dict of str to str, optional
        Normalised name → actor_id of the actors already in the study (names used by one actor
        only).
    """

    def __init__(self, study_dir, existing: dict[str, str] | None = None):
        self.key_path = Path(study_dir) / KEY_FILE
        self.new_key = not self.key_path.exists()
        self.secret = (secrets.token_hex(16) if self.new_key
                       else self.key_path.read_text(encoding="utf-8").strip())
        self.existing = dict(existing or {})
        self._given: dict[str, str] = {}

    def id_for(self, key: str) -> str:
        """The actor id of ``key``: the existing actor's, else a new pseudonym."""
        if key in self._given:
            return self._given[key]
        if key.startswith(KEEP_ID):
            actor_id = key[len(KEEP_ID):]
        elif key.startswith("name:") and key[5:] in self.existing:
            actor_id = self.existing[key[5:]]
        else:
            digest = hmac.new(self.secret.encode(), key.encode("utf-8"), hashlib.sha256)
            hexed = digest.hexdigest()
            actor_id, n = "a" + hexed[:8], 8
            # An id equal to one already in the study is the same actor of an earlier import
            # (its key hashes alike); only two keys of this import may not share one.
            while actor_id in self._given.values():
                n += 2
                actor_id = "a" + hexed[:n]
        self._given[key] = actor_id
        return actor_id

    def key_text(self) -> str:
        """The import key as it is stored in the study folder."""
        return self.secret + "\n"
