"""Study-wide results computed once per run and shared by the reports that need them.

An area profile needs the rank intervals of *all* areas (:func:`innolab.analysis.criteria.
uncertainty`): computed in each of ``n`` area reports, that work grows with the square of the
number of areas. :func:`study_cached` makes such a function compute its result once per
distinct input and keep it

- in memory, for the other reports a warm kernel runs after the first, and
- on disk, in the folder named by the environment variable ``INNOLAB_CACHE`` (``innolab run``
  sets it to ``<out>/.cache``), for the other workers of the run and for the next run.

The key of a result is the SHA-256 of the function's name, its arguments (bound by its
signature, defaults filled in), the *content* of the study tables it reads (pandas' row hashes,
so a study changed in memory is a different input) and innolab's source code; it never depends
on the study's path or on time. Two workers that need the same result at once take a lock on
the cache file: one computes, the other waits and reads it.

The cache is off unless it is switched on (``INNOLAB_CACHE`` set, or :func:`enabled`), so that
interactive use and the tests of the statistics always compute.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
import os
import pickle
from collections import OrderedDict
from pathlib import Path

import pandas as pd

from .files import atomic_write

__all__ = ["ENV", "study_cached", "enabled", "cache_dir", "table_digest", "code_digest",
           "clear_memory", "prune"]

#: The environment variable that names the cache folder and switches the cache on.
ENV = "INNOLAB_CACHE"

_MEMORY: OrderedDict = OrderedDict()
_MEMORY_ITEMS = 32
_FORCED: list[Path | None] = []


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off (the folder may not exist yet).

    Returns
    -------
    pathlib.Path or None
    """
    if _FORCED:
        return _FORCED[-1]
    value = os.environ.get(ENV)
    return Path(value) if value else None


@contextlib.contextmanager
def enabled(folder=None):
    """Switch the cache on inside a ``with`` block (a test, a script that loops over areas).

    Parameters
    ----------
    folder : str or pathlib.Path, optional
        The cache folder; default none (memory only).
    """
    _FORCED.append(Path(folder) if folder is not None else Path(os.devnull))
    try:
        yield
    finally:
        _FORCED.pop()
        clear_memory()


def clear_memory() -> None:
    """Forget the results kept in memory (the files on disk stay)."""
    _MEMORY.clear()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over innolab's Python sources: a result computed by other code is not reused.

    Returns
    -------
    str
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def table_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's content: columns, dtypes, index and every value.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    str
    """
    h = hashlib.sha256()
    h.update(json.dumps([[str(c), str(frame[c].dtype)] for c in frame.columns]).encode())
    try:
        rows = pd.util.hash_pandas_object(frame, index=True)
    except TypeError:  # unhashable cells (tuples of partner ids): hash their repr
        rows = pd.util.hash_pandas_object(frame.astype(object).map(repr), index=True)
    h.update(rows.to_numpy().tobytes())
    return h.hexdigest()


def _key(name: str, arguments: dict, study, tables) -> str:
    payload = {"function": name, "arguments": {k: repr(v) for k, v in sorted(arguments.items())},
               "tables": {t: table_digest(getattr(study, t)) for t in tables},
               "code": code_digest()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def _file(folder: Path, study, name: str, key: str) -> Path:
    return folder / study.data_hash[:16] / f"{name.rsplit('.', 1)[-1]}-{key[:32]}.pkl"


def study_cached(tables, exclude=("progress",)):
    """Decorator: cache a study-wide function's result by its input (see the module notes).

    The function takes the study as its first argument; its other arguments must have stable
    ``repr`` (numbers, strings, tuples, dicts of those).

    Parameters
    ----------
    tables : sequence of str
        The study tables the function reads (their content is part of the key).
    exclude : sequence of str
        Arguments that do not change the result (a progress bar).

    Returns
    -------
    callable
    """
    tables = tuple(tables)

    def wrap(fn):
        sig = inspect.signature(fn)
        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def cached(study, *args, **kwargs):
            folder = cache_dir()
            if folder is None or not hasattr(study, "data_hash"):
                return fn(study, *args, **kwargs)
            bound = sig.bind(study, *args, **kwargs)
            bound.apply_defaults()
            arguments = {k: v for k, v in list(bound.arguments.items())[1:] if k not in exclude}
            key = _key(name, arguments, study, tables)
            if key in _MEMORY:
                _MEMORY.move_to_end(key)
                return pickle.loads(_MEMORY[key])
            if folder == Path(os.devnull):
                blob = pickle.dumps(fn(study, *args, **kwargs))
            else:
                blob = _through_disk(_file(folder, study, name, key),
                                     lambda: fn(study, *args, **kwargs))
            _MEMORY[key] = blob
            while len(_MEMORY) > _MEMORY_ITEMS:
                _MEMORY.popitem(last=False)
            return pickle.loads(blob)

        cached.uncached = fn
        return cached

    return wrap


def _through_disk(path: Path, compute) -> bytes:
    """The pickled result from ``path``, computing and writing it under a lock when absent."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second worker waits here for the first's result
        try:
            if path.exists():
                return path.read_bytes()
            blob = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(path, blob)
            return blob
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def prune(folder, keep: str) -> None:
    """Remove the cached results of other data than ``keep`` (a study's data hash).

    Parameters
    ----------
    folder : str or pathlib.Path
        The cache folder.
    keep : str
        The data hash whose results stay.
    """
    import shutil

    folder = Path(folder)
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.is_dir() and child.name != keep[:16]:
            shutil.rmtree(child, ignore_errors=True)
