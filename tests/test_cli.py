"""The innolab command: exit codes, messages without tracebacks, nothing written on bad input."""

from __future__ import annotations

import subprocess
import sys

from conftest import set_cell

from innolab.cli import main


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "innolab", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_validate_ok(mini, capsys):
    assert main(["validate", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "3 areas, 9 actors, 10 ties, 2 waves" in out


def test_validate_bad_data_exits_2_without_traceback(mini):
    set_cell(mini / "actors.csv", 3, "sector", "Julkinen")
    set_cell(mini / "ties.csv", 2, "weight", "-1")
    r = run_cli("validate", mini)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "has 2 problems" in r.stderr
    assert "actors.csv, row 3, column 'sector': 'Julkinen'" in r.stderr
    assert "did you mean 'public'" in r.stderr
    assert "ties.csv, row 2, column 'weight': '-1' — expected a number above 0" in r.stderr


def test_validate_prints_warnings(mini, capsys):
    (mini / "notes.csv").write_text("a\n1\n", encoding="utf-8")
    assert main(["validate", str(mini)]) == 0
    assert "warning: notes.csv: not a table of the format" in capsys.readouterr().err


def test_validate_missing_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "expected a study folder" in capsys.readouterr().err


def test_run_unknown_area_writes_nothing(mini, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["run", "--study", str(mini), "--out", str(out), "--areas", "maunla",
                 "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Unknown area 'maunla'" in err and "did you mean 'maunula'" in err
    assert not out.exists()


def test_run_bad_study_writes_nothing(mini, tmp_path, capsys):
    set_cell(mini / "ties.csv", 2, "source", "ghost")
    out = tmp_path / "reports"
    assert main(["run", "--study", str(mini), "--out", str(out), "--quiet"]) == 2
    assert "ties.csv, row 2, column 'source': 'ghost'" in capsys.readouterr().err
    assert not out.exists()


def test_usage_errors_exit_2():
    r = run_cli("run", "--study", "x", "--out", "y", "--lang", "sv")
    assert r.returncode == 2 and "invalid choice: 'sv'" in r.stderr
    assert run_cli().returncode == 2


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("innolab ")


def test_run_unknown_notebook_writes_nothing(mini, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["run", "--study", str(mini), "--out", str(out), "--notebooks", "99_nothing",
                 "--quiet"]) == 2
    assert "Unknown notebook '99_nothing'" in capsys.readouterr().err
    assert not out.exists()


def test_a_failed_study_level_report_is_named_as_the_study_level(tmp_path, monkeypatch, capsys):
    """A study-level job (no area) that fails is reported as ``FAILED study 07_evidence``,
    the folder its files are in, not as ``FAILED None 07_evidence``."""
    from innolab.pipeline import run as pipeline_run
    from innolab.pipeline.jobs import JobResult, RunResult

    def failing_run(*args, **kwargs):
        return RunResult(tmp_path, [
            JobResult("01_area_profile", "maunula", "ok", 1.0, "maunula/01_area_profile.html",
                      "maunula/01_area_profile.ipynb"),
            JobResult("07_evidence", None, "failed", 1.0, None, "study/07_evidence.ipynb",
                      error="TypeError: boolean value of NA is ambiguous")])

    monkeypatch.setattr(pipeline_run, "run_reports", failing_run)
    assert main(["run", "--study", str(tmp_path), "--out", str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "FAILED study 07_evidence: TypeError" in err and "None" not in err
