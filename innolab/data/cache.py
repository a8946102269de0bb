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
interactive use and the tests of the statistics always compute. :func:`fetch` is the same for
a result that is not one function's: one area's row of a table of all areas, shared by the area's
report and the study-level one.

A study that :func:`innolab.data.study.load_study` keeps for a warm kernel (``reuse=True``) is
*pristine*: nobody is handed its tables, only copies that share their data, and pandas'
copy-on-write gives a copy that is changed data of its own. While a copy's every column is still
the pristine table's data (same memory, same names, same index), it is the pristine table, so
what depends on nothing else is taken once per process (:func:`pristine`): its digest
(:func:`table_digest`) and derived tables such as who was active when in the whole study. A copy
changed in any way is not pristine and is computed from again.

:func:`scope` is the small, in-memory counterpart inside one piece of work: within a ``with``
block (each report section opens one) a :func:`scoped` function runs once per input, so that an
area's intermediate table several of its analyses start from (who was active when) is built
once, and each table's digest is taken once. Nothing is kept after the block.
"""

from __future__ import annotations

import contextlib
import contextvars
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

__all__ = ["ENV", "study_cached", "fetch", "digests", "is_on", "enabled", "cache_dir",
           "table_digest", "code_digest", "clear_memory", "prune", "scope", "scoped",
           "copy_on_write", "keep_pristine", "forget_pristine", "pristine"]

#: The environment variable that names the cache folder and switches the cache on.
ENV = "INNOLAB_CACHE"

_MEMORY: OrderedDict = OrderedDict()
_MEMORY_ITEMS = 32
_FORCED: list[Path | None] = []
# the results of the current scope(): key -> (result, the objects its key holds by identity)
_SCOPE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("innolab_scope",
                                                                     default=None)
# the tables of kept studies: fingerprint -> (table, the arrays its fingerprint was read from,
# what was derived from it). The arrays are held so that no other array can have their address.
_PRISTINE: dict[tuple, tuple[pd.DataFrame, list, dict]] = {}
# what was derived from several pristine tables: (name, their fingerprints) -> result
_DERIVED: dict[tuple, object] = {}


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


def copy_on_write() -> bool:
    """True when pandas copies shared data before changing it (always from pandas 3).

    Returns
    -------
    bool
    """
    if int(pd.__version__.split(".")[0]) >= 3:
        return True
    return pd.get_option("mode.copy_on_write") is True


def _array_key(values, held: list | None):
    """Where an array's data lives (address, shape, strides, type), or None if it is not a
    numpy array. ``held`` keeps the arrays a pristine table is read from."""
    import numpy as np

    a = values.to_numpy(copy=False) if hasattr(values, "to_numpy") else values
    if not isinstance(a, np.ndarray):
        return None
    if a.size == 0:  # no data: the type and shape are all there is
        return "empty", a.shape, a.dtype.str
    if held is not None:
        held.append(a)
    face = a.__array_interface__
    return face["data"][0], face["shape"], face["strides"], face["typestr"]


def _fingerprint(frame: pd.DataFrame, held: list | None = None) -> tuple | None:
    """The memory a table's data lives in, with its labels; None when some of it cannot be
    pointed at (an extension type that is not a numpy array)."""
    index = frame.index
    if isinstance(index, pd.RangeIndex):
        index_key = ("range", index.start, index.stop, index.step, index.name)
    else:
        key = _array_key(index, held)
        if key is None:
            return None
        index_key = ("index", key, str(index.dtype), tuple(index.names))
    columns = []
    for i in range(frame.shape[1]):
        key = _array_key(frame.iloc[:, i], held)
        if key is None:
            return None
        columns.append(key)
    try:
        labels = tuple(frame.columns)
        hash(labels)
    except TypeError:
        return None
    return (labels, tuple(str(t) for t in frame.dtypes), index_key, tuple(columns))


def keep_pristine(frames) -> None:
    """Mark tables as pristine: kept unchanged, only ever handed out as copies that share data.

    The caller promises never to change them nor hand them out. Copies made with
    ``frame.copy(deep=False)`` are then recognised (:func:`pristine`) while they still share
    every column with them; this needs pandas' copy-on-write (:func:`copy_on_write`), without
    which nothing is marked.

    Parameters
    ----------
    frames : iterable of pandas.DataFrame
    """
    if not copy_on_write():
        return
    for frame in frames:
        held: list = []
        fp = _fingerprint(frame, held)
        if fp is not None:
            _PRISTINE[fp] = (frame, held, {})


def forget_pristine() -> None:
    """Forget the pristine tables and everything derived from them."""
    _PRISTINE.clear()
    _DERIVED.clear()


def _pristine_entry(frame):
    if not _PRISTINE or not isinstance(frame, pd.DataFrame):
        return None
    fp = _fingerprint(frame)
    return None if fp is None else (fp, _PRISTINE.get(fp))


def pristine(study, tables, name: str, compute):
    """``compute()`` taken once per process when the study's ``tables`` are pristine, else None.

    When every table named is still the data of a pristine table (see the module notes), the
    result is computed once and kept with them. Otherwise (a study read without ``reuse``, a
    table changed, pandas without copy-on-write) this returns None, and the caller computes
    what it needs as it would without.

    Parameters
    ----------
    study : innolab.Study
    tables : sequence of str
        The study tables ``compute`` reads: nothing else may change its result.
    name : str
        What is computed (with the tables, the key).
    compute : callable
        Takes no arguments.

    Returns
    -------
    object or None
        A DataFrame result as a copy that shares data (copy-on-write protects the kept one),
        any other as it was computed (it must not be changed); None when not pristine.
    """
    fps = []
    for t in tables:
        entry = _pristine_entry(getattr(study, t, None))
        if entry is None or entry[1] is None:
            return None
        fps.append(entry[0])
    key = (name, tuple(fps))
    if key not in _DERIVED:
        _DERIVED[key] = compute()
    result = _DERIVED[key]
    return result.copy(deep=False) if isinstance(result, pd.DataFrame) else result


def table_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's content: columns, dtypes, index and every value.

    Inside a :func:`scope`, taken once per table object; of a pristine table (see the module
    notes), once per process.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    str
    """
    entry = _pristine_entry(frame)
    if entry is not None and entry[1] is not None:
        derived = entry[1][2]
        if "digest" not in derived:
            derived["digest"] = _table_digest(entry[1][0])
        return derived["digest"]
    memo = _SCOPE.get()
    if memo is None:
        return _table_digest(frame)
    key = ("table_digest", id(frame))
    if key not in memo:
        memo[key] = (_table_digest(frame), frame)
    return memo[key][0]


def _table_digest(frame: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([[str(c), str(frame[c].dtype)] for c in frame.columns]).encode())
    try:
        rows = pd.util.hash_pandas_object(frame, index=True)
    except TypeError:  # unhashable cells (tuples of partner ids): hash their repr
        rows = pd.util.hash_pandas_object(frame.astype(object).map(repr), index=True)
    h.update(rows.to_numpy().tobytes())
    return h.hexdigest()


def digests(study, tables) -> dict[str, str]:
    """:func:`table_digest` of each of the study's ``tables`` (part of a result's key).

    Parameters
    ----------
    study : innolab.Study
    tables : sequence of str

    Returns
    -------
    dict
    """
    return {t: table_digest(getattr(study, t)) for t in tables}


@contextlib.contextmanager
def scope():
    """Inside the block, each :func:`scoped` result and table digest is computed once per input.

    For a piece of work that reads a study without changing it: a report section
    (:func:`innolab.reports.section.guarded` opens one for each). Objects in a key (the study,
    its tables) count by identity and are kept alive until the block ends; a block inside
    another shares the outer one's results. Outside any block, nothing is kept.
    """
    if _SCOPE.get() is not None:
        yield
        return
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


def _plain(value) -> bool:
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def scoped(fn):
    """Decorate a function of a study so that inside a :func:`scope` it runs once per input.

    Arguments that are strings, numbers, None or tuples of them count by value, any other (the
    study) by identity. Each call gets its own deep copy of the result (unpickled from the
    result pickled once: a graph of an area copies in a sixth of ``copy.deepcopy``'s time; the
    result must be picklable), so a caller that changes what it got changes nothing for the next
    one.

    Parameters
    ----------
    fn : callable

    Returns
    -------
    callable
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def inner(*args, **kwargs):
        memo = _SCOPE.get()
        if memo is None:
            return fn(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        held = tuple(v for v in bound.arguments.values() if not _plain(v))
        key = (fn.__module__, fn.__qualname__,
               tuple((k, v if _plain(v) else id(v)) for k, v in bound.arguments.items()))
        if key not in memo:
            memo[key] = (pickle.dumps(fn(*args, **kwargs), protocol=pickle.HIGHEST_PROTOCOL),
                         held)
        return pickle.loads(memo[key][0])

    return inner


def is_on() -> bool:
    """True when the cache is switched on (see the module notes).

    Returns
    -------
    bool
    """
    return cache_dir() is not None


def fetch(study, name: str, arguments: dict, tables: dict, compute):
    """The result of ``compute()`` for this input: from memory, from disk, or computed and kept.

    Parameters
    ----------
    study : innolab.Study
        The study (its data hash names the folder on disk).
    name : str
        What is computed (a function's dotted name).
    arguments : dict
        Everything else the result depends on (values with a stable ``repr``).
    tables : dict
        :func:`digests` of the tables it reads.
    compute : callable
        Computes the result (called only when it is not kept).

    Returns
    -------
    object
        A fresh copy: a caller may change it.
    """
    folder = cache_dir()
    if folder is None:
        return compute()
    payload = {"function": name, "arguments": {k: repr(v) for k, v in sorted(arguments.items())},
               "tables": tables, "code": code_digest()}
    key = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    if key in _MEMORY:
        _MEMORY.move_to_end(key)
        return pickle.loads(_MEMORY[key])
    if folder == Path(os.devnull):
        blob = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        path = folder / study.data_hash[:16] / f"{name.rsplit('.', 1)[-1]}-{key[:32]}.pkl"
        blob = _through_disk(path, compute)
    _MEMORY[key] = blob
    while len(_MEMORY) > _MEMORY_ITEMS:
        _MEMORY.popitem(last=False)
    return pickle.loads(blob)


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
            if not is_on() or not hasattr(study, "data_hash"):
                return fn(study, *args, **kwargs)
            bound = sig.bind(study, *args, **kwargs)
            bound.apply_defaults()
            arguments = {k: v for k, v in list(bound.arguments.items())[1:] if k not in exclude}
            return fetch(study, name, arguments, digests(study, tables),
                         lambda: fn(study, *args, **kwargs))

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
