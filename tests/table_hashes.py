"""Hashes of every ``tables/*.csv`` of a report run, to show that a change kept the numbers.

``python tests/table_hashes.py write REPORTS_DIR OUT.json`` records them;
``python tests/table_hashes.py compare REPORTS_DIR EXPECTED.json`` lists every table that
differs, is missing or is new, and exits 1 when there is any. ``tests/test_table_hashes.py``
compares the mini study's run in ``make test``; ``make test-long`` compares the example study in
both languages. A change that alters a table on purpose updates the JSON in the same commit and
says why in its message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def table_hashes(reports_dir) -> dict[str, str]:
    """SHA-256 of each ``<folder>/tables/<name>.csv`` below ``reports_dir``, by relative path."""
    root = Path(reports_dir)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.glob("*/tables/*.csv"))}


def differences(reports_dir, expected: dict[str, str]) -> list[str]:
    """What differs between a run's tables and the recorded hashes, one line each."""
    got = table_hashes(reports_dir)
    out = [f"changed: {k}" for k in sorted(got.keys() & expected.keys()) if got[k] != expected[k]]
    out += [f"missing: {k}" for k in sorted(expected.keys() - got.keys())]
    out += [f"new: {k}" for k in sorted(got.keys() - expected.keys())]
    return out


def main(argv: list[str]) -> int:
    verb, reports_dir, path = argv
    if verb == "write":
        Path(path).write_text(json.dumps(table_hashes(reports_dir), indent=1) + "\n")
        return 0
    diff = differences(reports_dir, json.loads(Path(path).read_text()))
    print("\n".join(diff) or "all tables identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
