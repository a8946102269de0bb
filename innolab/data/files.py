"""Writing files so that a reader never sees half of one: the atomic write every writer shares."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


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
    """The process's umask, so that the file gets the usual rights (mkstemp makes it private)."""
    # os.umask both sets and returns it: reading it means setting it and putting it back.
    mask = os.umask(0)
    os.umask(mask)
    return mask
