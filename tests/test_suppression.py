"""Nothing shared gives a person away: every output of ``innolab run`` (HTML, CSV, XLSX, executed
notebooks) is scanned for counts of individuals by target group below the threshold.

The true counts come from the study's ``actors.csv`` (individuals of each area by target group);
for each area and group with 1 … 4 individuals, the exact number must not appear in a table row or
a sentence that reports that group. The rule is the threshold rule of statistical disclosure
control (Hundepool et al. 2012, *Statistical Disclosure Control*, Wiley, ch. 5), as in the
evidence pack (docs/methods.md, "Small-cell suppression"). An ``--internal`` run shows the exact
counts and says on every page that it is not for sharing.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from innolab.data import vocab
from innolab.data.study import load_study
from innolab.reports.texts import label, t
from innolab.stats.suppression import HIDDEN, hide_with, suppress_counts

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent
THRESHOLD = 5


def small_counts(study_dir: Path, threshold: int = THRESHOLD) -> dict:
    """Area id → {target group code: its number of individuals}, for 1 … threshold − 1."""
    actors = load_study(study_dir).actors
    ind = actors[(actors["type"] == "individual") & actors["target_group"].notna()]
    counts = ind.groupby(["area_id", "target_group"]).size()
    out: dict = {}
    for (area, group), n in counts.items():
        if 0 < n < threshold:
            out.setdefault(area, {})[group] = int(n)
    return out


def _names(group: str) -> list[str]:
    """The ways a report names a target group: its code and its labels."""
    return [group] + [label("target_group", group, lang) for lang in vocab.LANGUAGES]


def _wave_headers() -> set[str]:
    return {"wave"} | {t("common.wave", lang).lower() for lang in vocab.LANGUAGES}


def _clean(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def _html_tables(text: str) -> list[list[list[str]]]:
    """Each HTML table as rows of cell texts (header rows included)."""
    tables = []
    for body in re.findall(r"<table.*?</table>", text, flags=re.S | re.I):
        rows = [[_clean(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, flags=re.S)]
                for r in re.findall(r"<tr.*?</tr>", body, flags=re.S | re.I)]
        tables.append([r for r in rows if r])
    return tables


def row_leaks(rows: list[list[str]], groups: dict) -> list[str]:
    """Cells of rows naming a group that hold its exact small count (wave columns aside)."""
    found = []
    skip: set[int] = set()
    for r in rows:
        if any(c.lower() in _wave_headers() for c in r):
            skip = {i for i, c in enumerate(r) if c.lower() in _wave_headers()}
    for r in rows:
        for g, n in groups.items():
            if not any(c.strip().lower() in {x.lower() for x in _names(g)} for c in r):
                continue
            if any(c.strip() == str(n) for i, c in enumerate(r) if i not in skip):
                found.append(f"{g}={n} in row {r}")
    return found


def text_leaks(text: str, groups: dict) -> list[str]:
    """Sentences naming a group with its exact small count in brackets: "seniors (1)"."""
    plain = _clean(text)
    found = []
    for g, n in groups.items():
        for name in _names(g):
            if re.search(rf"{re.escape(name)}\s*\(\s*{n}\s*\)", plain, flags=re.I):
                found.append(f"{name} ({n})")
    return found


def _html_leaks(text: str, groups: dict) -> list[str]:
    found = text_leaks(text, groups)
    for rows in _html_tables(text):
        found += row_leaks(rows, groups)
    return found


def leaks_in_folder(folder: Path, groups: dict) -> dict:
    """File → what in it gives a small count away (empty when nothing does)."""
    from openpyxl import load_workbook

    out = {}
    for path in sorted(folder.rglob("*")):
        found: list[str] = []
        if path.suffix == ".html":
            found = _html_leaks(path.read_text(encoding="utf-8"), groups)
        elif path.suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
            found = row_leaks([list(table.columns)] + table.to_numpy().tolist(), groups)
        elif path.suffix == ".xlsx":
            wb = load_workbook(path, read_only=True)
            for ws in wb.worksheets:
                rows = [["" if v is None else str(v) for v in r]
                        for r in ws.iter_rows(values_only=True)]
                found += row_leaks(rows, groups)
        elif path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                for o in cell.get("outputs", []):
                    for kind, value in o.get("data", {}).items():
                        if kind.startswith("text/"):
                            found += _html_leaks("".join(value), groups)
                    if "text" in o:
                        found += text_leaks("".join(o["text"]), groups)
        if found:
            out[str(path.relative_to(folder))] = found
    return out


def scan_run(out: Path, study_dir: Path) -> dict:
    """Every leak of a run, per area folder."""
    leaks = {}
    for area, groups in small_counts(study_dir).items():
        found = leaks_in_folder(out / area, groups)
        if found:
            leaks[area] = found
    return leaks


# --- the rule itself ---------------------------------------------------------------------------

def test_hide_with_hides_the_share_of_a_suppressed_count():
    # 2 of 10 individuals: the share 20 % would give the count away once the total is known
    table = pd.DataFrame({"actors": [0, 2, 8], "share": [0.0, 0.2, 0.8]})
    safe = hide_with(table, suppress_counts(table, ["actors"]), {"actors": ["share"]})
    assert safe["actors"].tolist() == [0, "<5", 8]
    assert safe["share"].tolist() == [0.0, HIDDEN, 0.8]


def test_mini_study_has_small_counts_to_hide():
    # tests/data/mini_study/actors.csv: Maunula's one individual, m2, is a senior
    assert small_counts(DATA / "mini_study") == {"maunula": {"senior": 1}}


def test_scanner_finds_a_leak():
    rows = [["wave", "target_group", "active"], ["1", "senior", "1"], ["1", "youth", "0"]]
    assert row_leaks(rows, {"senior": 1})
    assert not row_leaks([["wave", "target_group", "active"], ["1", "senior", "<5"]],
                         {"senior": 1})
    assert text_leaks("<p>Actors from target groups: seniors (1).</p>", {"senior": 1})


# --- every output of the mini study's run ------------------------------------------------------

def test_no_output_of_a_run_gives_a_small_count_away(mini_reports):
    code, out = mini_reports
    assert code == 0
    kinds = {p.suffix for p in (out / "maunula").rglob("*")}
    assert {".html", ".csv", ".xlsx", ".ipynb"} <= kinds
    assert scan_run(out, DATA / "mini_study") == {}
    assert t("common.internal_banner", "en") not in (out / "index.html").read_text("utf-8")
    page = (out / "maunula" / "01_area_profile.html").read_text("utf-8")
    assert "seniors (&lt;5)" in page
    assert t("common.internal_banner", "en") not in page


def test_internal_run_shows_exact_counts_and_says_not_for_sharing(tmp_path):
    from openpyxl import load_workbook

    from innolab.cli import main

    out = tmp_path / "internal"
    code = main(["run", "--study", str(DATA / "mini_study"), "--out", str(out), "--quiet",
                 "--areas", "maunula", "--notebooks", "01_area_profile", "--internal"])
    assert code == 0
    banner = t("common.internal_banner", "en")
    page = (out / "maunula" / "01_area_profile.html").read_text("utf-8")
    assert banner in html.unescape(page)
    assert banner in html.unescape((out / "index.html").read_text("utf-8"))
    wb = load_workbook(out / "maunula" / "maunula.xlsx", read_only=True)
    assert wb.sheetnames[0] == "INTERNAL"
    assert next(wb["INTERNAL"].iter_rows(values_only=True))[0] == banner
    # the exact count is there: the scan that finds nothing in a shared run finds it here
    leaks = leaks_in_folder(out / "maunula", {"senior": 1})
    assert "01_area_profile.html" in leaks and "tables/target_groups.csv" in leaks
    assert "maunula.xlsx" in leaks
    assert (out / "maunula" / "tables" / "target_groups.csv").read_text().count("senior,1,") == 1


def test_the_cache_key_depends_on_internal():
    from innolab.pipeline.jobs import job_key

    study = load_study(DATA / "mini_study")
    nb = REPO / "notebooks" / "01_area_profile.ipynb"
    keys = {job_key(study, nb, "maunula", "en"),
            job_key(study, nb, "maunula", "en", internal=True),
            job_key(study, nb, "maunula", "en", threshold=10)}
    assert len(keys) == 3


# --- the example study (long profile) ---------------------------------------------------------

@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"), reason="long profile (INNOLAB_LONG=1)")
def test_no_output_of_the_example_run_gives_a_small_count_away(tmp_path):
    from innolab.cli import main

    example = REPO / "data" / "example"
    out = tmp_path / "example"
    assert small_counts(example), "the example study should have small target groups"
    assert main(["run", "--study", str(example), "--out", str(out), "--quiet"]) == 0
    assert scan_run(out, example) == {}
