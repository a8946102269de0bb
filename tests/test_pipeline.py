"""The report pipeline as a research pipeline: parallel, incremental, atomic, and on a cluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import openpyxl
import pytest
from conftest import DATA, REPO, set_cell

from innolab.cli import main
from innolab.pipeline.run import run_reports


def _jobs(out) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {(j["notebook"], j["area_id"]): j for j in manifest["jobs"]}


def test_incremental_runs_with_four_kernels_at_once(mini, tmp_path):
    """Cold run on 4 workers (4 kernels start together), then: an unchanged rerun skips every
    job; a change to a table no notebook reads reruns nothing; a change to ties.csv reruns the
    notebooks that read ties and keeps the criteria report; --force reruns all."""
    out = tmp_path / "out"
    kw = {"areas": ["maunula", "tuusula"], "progress": False,
          "notebooks": ["01_area_profile", "02_networks", "03_criteria"]}
    cold = run_reports(mini, out, workers=4, **kw)
    assert cold.ok and not any(j.skipped for j in cold.jobs)
    assert len(cold.jobs) == 4  # 2 areas x the profile + 2 study-level notebooks
    html_before = {k: (out / j["html"]).stat().st_mtime_ns for k, j in _jobs(out).items()}

    again = run_reports(mini, out, workers=4, **kw)
    assert all(j.skipped for j in again.jobs) and again.ok
    assert {k: (out / j["html"]).stat().st_mtime_ns for k, j in _jobs(out).items()} == \
        html_before

    set_cell(mini / "peer_review.csv", 2, "rating", "5")  # read by no report notebook
    assert all(j.skipped for j in run_reports(mini, out, **kw).jobs)

    set_cell(mini / "ties.csv", 2, "weight", "3")
    changed = run_reports(mini, out, **kw)
    ran = {(j.notebook, j.area_id) for j in changed.jobs if not j.skipped}
    assert ("03_criteria", None) not in ran  # criteria scores do not read ties
    assert ran == {k for k in html_before if k != ("03_criteria", None)}
    jobs = _jobs(out)
    assert jobs[("03_criteria", None)]["skipped"] is True
    assert jobs[("02_networks", None)]["skipped"] is False

    (out / "maunula" / "01_area_profile.html").unlink()  # a missing output is made again
    redo = run_reports(mini, out, **kw)
    assert [(j.notebook, j.area_id) for j in redo.jobs if not j.skipped] == \
        [("01_area_profile", "maunula")]

    forced = run_reports(mini, out, notebooks=["02_networks"], force=True, progress=False)
    assert [(j.notebook, j.area_id) for j in forced.jobs] == [("02_networks", None)]
    assert [j.skipped for j in forced.jobs] == [False]

    # one workbook per area with every table of its reports, and one for the study level
    book = openpyxl.load_workbook(out / "maunula" / "maunula.xlsx", read_only=True)
    assert {"facts", "activity_by_wave", "network_measures"} <= set(book.sheetnames)
    assert (out / "study" / "study.xlsx").exists()


def test_cli_reports_unchanged_jobs(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["run", "--study", str(DATA / "mini_study"), "--out", str(out), "--areas", "kalamaja",
            "--notebooks", "01_area_profile", "--quiet"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    assert "1 of 1 reports written (1 unchanged, not rerun)" in capsys.readouterr().out


def test_interrupted_run_leaves_the_previous_reports_intact(tmp_path):
    """Ctrl-C in the middle of a forced rerun: every report file is a whole one, old or new,
    the previous index and manifest stay, and no temporary file is left in place of a report."""
    study = tmp_path / "mini"
    shutil.copytree(DATA / "mini_study", study)
    out = tmp_path / "out"
    assert run_reports(study, out, workers=2, notebooks=["01_area_profile"], progress=False).ok
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")}
    manifest = (out / "manifest.json").read_bytes()

    # Ctrl-C must reach the rerun even when this test runs with SIGINT ignored (a background
    # job of a shell without job control ignores it, and children inherit that): restore the
    # default in the child, so that Python installs its KeyboardInterrupt handler there.
    proc = subprocess.Popen([sys.executable, "-m", "innolab", "run", "--study", str(study),
                             "--out", str(out), "--force", "--workers", "2", "--notebooks",
                             "01_area_profile", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    # wait until the rerun is under way (its first kernel has written a temporary notebook)
    while (not list(out.rglob(".run-*/*.ipynb")) and proc.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.1)
    assert proc.poll() is None, "the rerun ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err.decode()

    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")}
    assert set(after) == set(before)
    for rel, doc in after.items():
        assert doc.rstrip().endswith(b"</html>"), f"{rel} is not a whole page"
    assert (out / "manifest.json").read_bytes() == manifest
    assert not list(out.rglob(".run-*")), "temporary folders left behind"
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"),
                    reason="long profile: make test runs Dask with a scheduler and workers as "
                           "separate processes (tests/test_warm.py)")
def test_dask_executor_on_a_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        code = main(["run", "--study", str(DATA / "mini_study"), "--out", str(out),
                     "--areas", "maunula", "tuusula", "--notebooks", "01_area_profile",
                     "02_networks", "--executor", "dask", "--scheduler",
                     cluster.scheduler_address, "--quiet"])
    assert code == 0
    assert {k for k, j in _jobs(out).items() if j["status"] == "ok"} == {
        ("01_area_profile", "maunula"), ("01_area_profile", "tuusula"), ("02_networks", None)}
    assert (out / "maunula" / "01_area_profile.html").exists()


def test_dask_executor_needs_a_scheduler(tmp_path, capsys):
    assert main(["run", "--study", str(DATA / "mini_study"), "--out", str(tmp_path / "o"),
                 "--executor", "dask", "--quiet"]) == 2
    assert "needs the address of a scheduler" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()



def test_a_job_that_runs_too_long_fails_alone(tmp_path, monkeypatch):
    """--timeout bounds a whole report: two cells of 4 s exceed 6 s together although neither
    does alone; that job fails with a cell timeout, the other area's report is written."""
    import nbformat

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('study_dir = ""\narea_id = ""\noutput_dir = ""\n'
                                          'lang = "en"'),
                nbformat.v4.new_code_cell("import time\nslow = area_id == 'maunula'"),
                nbformat.v4.new_code_cell("time.sleep(4 if slow else 0)"),
                nbformat.v4.new_code_cell("time.sleep(4 if slow else 0)")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(nbdir / "01_area_profile.ipynb"))
    monkeypatch.setenv("INNOLAB_NOTEBOOKS", str(nbdir))
    result = run_reports(DATA / "mini_study", tmp_path / "out", areas=["maunula", "tuusula"],
                         timeout=6, progress=False)
    status = {j.area_id: (j.status, j.error or "") for j in result.jobs}
    assert status["tuusula"][0] == "ok"
    assert status["maunula"][0] == "failed" and "timed out" in status["maunula"][1]


def _killing_notebook(nbdir):
    """A report notebook whose kernel kills itself (SIGKILL) midway for the area maunula."""
    import nbformat

    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('study_dir = ""\narea_id = ""\noutput_dir = ""\n'
                                          'lang = "en"'),
                nbformat.v4.new_code_cell("import os, signal\nprint('started', area_id)"),
                nbformat.v4.new_code_cell("if area_id == 'maunula':\n"
                                          "    os.kill(os.getpid(), signal.SIGKILL)"),
                nbformat.v4.new_code_cell("print('finished', area_id)")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(nbdir / "01_area_profile.ipynb"))
    return nbdir / "01_area_profile.ipynb"


def test_a_killed_kernel_is_a_failed_report_with_nothing_half_written(tmp_path):
    """SIGKILL to the kernel mid-report (as from the out-of-memory killer): the kernel's death
    is the error, in words; the notebook is kept with what it did; no page, no temporary folder."""
    from innolab.pipeline.execute import execute_and_place

    nb_path = _killing_notebook(tmp_path / "nbs")
    dest = tmp_path / "maunula"
    dest.mkdir()
    (dest / "01_area_profile.html").write_text("<html>the last run's page</html>")
    placed = execute_and_place(nb_path, {"area_id": "maunula"}, dest, "01_area_profile",
                               "Maunula", timeout=120)
    assert not placed.ok and placed.html is None
    assert placed.error.startswith("the kernel died (killed by signal 9?")
    assert not (dest / "01_area_profile.html").exists()  # not a page of another run
    assert "started maunula" in placed.ipynb.read_text(encoding="utf-8")
    assert sorted(p.name for p in dest.iterdir()) == ["01_area_profile.ipynb"]


@pytest.mark.skipif(not os.environ.get("INNOLAB_LONG"), reason="long profile: two kernels")
def test_a_report_whose_kernel_is_killed_fails_alone_and_leaves_nothing_half_written(
        tmp_path, monkeypatch):
    """The kernel of one area's report gets SIGKILL mid-report: that report is marked failed in
    manifest.json and index.html with the kernel's death as its error, the other area's report
    is written, and no temporary folder, page or half-written file is left."""
    import nbformat

    monkeypatch.setenv("INNOLAB_NOTEBOOKS", str(_killing_notebook(tmp_path / "nbs").parent))
    out = tmp_path / "out"
    result = run_reports(DATA / "mini_study", out, areas=["maunula", "tuusula"], workers=2,
                         progress=False)
    status = {j.area_id: (j.status, j.error or "") for j in result.jobs}
    assert status["tuusula"] == ("ok", "")
    assert status["maunula"][0] == "failed"
    assert "the kernel died (killed by signal 9?" in status["maunula"][1]
    jobs = _jobs(out)
    assert jobs[("01_area_profile", "maunula")]["status"] == "failed"
    assert jobs[("01_area_profile", "tuusula")]["status"] == "ok"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "the kernel died (killed by signal 9?" in index
    assert (out / "tuusula" / "01_area_profile.html").read_text().rstrip().endswith("</html>")
    assert not (out / "maunula" / "01_area_profile.html").exists()
    kept = nbformat.read(str(out / "maunula" / "01_area_profile.ipynb"), as_version=4)
    outputs = {c.source.splitlines()[-1]: str(c.get("outputs", [])) for c in kept.cells}
    assert "started maunula" in outputs["print('started', area_id)"]  # kept with what it did
    assert "finished" not in outputs["print('finished', area_id)"]
    assert not list(out.rglob(".run-*")), "temporary folders left behind"
    assert not list(out.rglob("*.tmp"))
