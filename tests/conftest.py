"""Shared fixtures: a copy of the hand-written mini study and helpers that edit its CSV files."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def mini(tmp_path) -> Path:
    """A fresh copy of tests/data/mini_study (3 areas, every table) to break as a test likes."""
    dest = tmp_path / "mini"
    shutil.copytree(DATA / "mini_study", dest)
    return dest


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, addressed as a spreadsheet shows it (header = row 1)."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def append_row(path: Path, values: dict) -> int:
    """Append a row given as column -> value; returns its spreadsheet row number."""
    rows = read_rows(path)
    rows.append([values.get(h, "") for h in rows[0]])
    write_rows(path, rows)
    return len(rows)


@pytest.fixture(scope="session")
def mini_reports(tmp_path_factory):
    """Every report of the mini study in English, made once and shared by the tests that read
    them (test_run, test_browser): (exit code of ``innolab run``, output folder)."""
    from innolab.cli import main

    out = tmp_path_factory.mktemp("reports") / "mini"
    code = main(["run", "--study", str(DATA / "mini_study"), "--out", str(out), "--quiet"])
    return code, out


@pytest.fixture(scope="session")
def mini_reports_fi(tmp_path_factory) -> Path:
    """Every report of the mini study in Finnish, made once (test_browser, test_report_tables)."""
    from innolab.pipeline.run import run_reports

    res = run_reports(DATA / "mini_study", tmp_path_factory.mktemp("reports_fi") / "mini",
                      lang="fi", progress=False)
    assert res.ok, [j.error for j in res.failed]
    return res.out_dir


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures made by a test are closed after it (report sections draw many)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
