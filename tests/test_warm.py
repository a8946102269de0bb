"""Warm kernels, study-wide results once per run, and a Dask cluster of separate processes.

The promise of innolab.pipeline.kernels is that a report on a warm kernel is the report a new
kernel writes: these tests compare the two on the mini study (tables, pages, execution counts),
check each thing the reset restores, and run the reports on a scheduler and two workers started
as their own processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import DATA, REPO, set_cell

from innolab.data import cache
from innolab.data.study import load_study
from innolab.errors import StudyWarning
from innolab.pipeline.execute import execute_and_place
from innolab.pipeline.kernels import warm_kernel
from innolab.pipeline.run import run_reports

PER_AREA = ["01_area_profile", "04_mobilisation"]


def _files(out: Path, pattern: str) -> dict[str, bytes]:
    """The files below ``out``, with the output folder's path (the provenance states it)
    replaced by ``OUT``."""
    return {p.relative_to(out).as_posix(): p.read_bytes().replace(str(out).encode(), b"OUT")
            for p in sorted(out.glob(pattern))}


def _counts(ipynb: Path) -> list:
    nb = nbformat.read(str(ipynb), as_version=4)
    return [c.get("execution_count") for c in nb.cells if c.cell_type == "code"]


def test_warm_kernels_write_the_reports_of_fresh_kernels(mini_reports, tmp_path):
    """The mini study's reports from warm kernels with the study-wide cache (the default,
    ``mini_reports``) against one new kernel per report without cache (the way before warm kernels):
    every table, every page and the executed notebooks' execution counts are the same."""
    code, warm = mini_reports
    assert code == 0
    fresh = tmp_path / "fresh"
    res = run_reports(DATA / "mini_study", fresh, notebooks=PER_AREA + ["03_criteria"],
                      fresh_kernels=True, cache=False, progress=False)
    assert res.ok, [j.error for j in res.failed]
    for pattern in ("*/tables/*.csv", "*/*.html"):
        got = _files(fresh, pattern)
        want = {k: v for k, v in _files(warm, pattern).items() if k in got}
        assert len(got) >= 6 and set(got) == set(want), pattern
        assert [k for k in got if got[k] != want[k]] == [], f"{pattern} differ"
    for j in res.jobs:
        assert _counts(fresh / j.ipynb) == _counts(warm / j.ipynb) == \
            list(range(1, len(_counts(warm / j.ipynb)) + 1))
    assert list((warm / ".cache").rglob("uncertainty-*.pkl")), "the study-wide result was kept"
    assert not (fresh / ".cache").exists()


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("marker = ''"), *map(nbformat.v4.new_code_cell, cells)]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def _outputs(ipynb: Path) -> str:
    nb = nbformat.read(str(ipynb), as_version=4)
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if o.get("output_type") == "stream")


def test_a_warm_kernel_is_reset_between_reports(tmp_path):
    """What one report leaves in its kernel — names, figures, matplotlib settings, warning
    filters and shown warnings, environment, working directory, imported paths — the next
    report on the same kernel does not see, and no kernel keeps a history of cells; a failing
    report keeps the kernel, a dead one is replaced."""
    dirty = _notebook(tmp_path / "nbs" / "dirty.ipynb",
                      "import os, sys, warnings, matplotlib, matplotlib.pyplot as plt\n"
                      "leak = 1\nplt.figure()\nmatplotlib.rcParams['lines.linewidth'] = 9\n"
                      "warnings.simplefilter('ignore', UserWarning)\n"
                      "os.environ['INNOLAB_LEAK'] = '1'\nsys.path.append('/leak')\n"
                      "os.chdir('/')")
    check = _notebook(tmp_path / "nbs" / "check.ipynb",
                      "import os, sys, warnings, matplotlib, matplotlib.pyplot as plt\n"
                      "print('names', 'leak' in dir())\n"
                      "print('figures', len(plt.get_fignums()))\n"
                      "print('linewidth', matplotlib.rcParams['lines.linewidth'])\n"
                      "print('env', os.environ.get('INNOLAB_LEAK'))\n"
                      "print('path', '/leak' in sys.path)\n"
                      "print('cwd', os.getcwd())\n"
                      "print('cache', os.environ.get('INNOLAB_CACHE'))\n"
                      "with warnings.catch_warnings(record=True) as w:\n"
                      "    warnings.warn('once', UserWarning)\n"
                      "print('warned', len(w))\n"
                      "print('history', get_ipython().history_manager.enabled)")
    kernel = warm_kernel()
    first = execute_and_place(check, {}, tmp_path / "a", "check", "t", timeout=120,
                              cache=str(tmp_path / "c"))
    assert first.ok, first.error
    started = kernel.started
    assert execute_and_place(dirty, {}, tmp_path / "b", "dirty", "t", timeout=120).ok
    second = execute_and_place(check, {}, tmp_path / "d", "check", "t", timeout=120)
    assert second.ok, second.error
    assert kernel.started == started  # one kernel for the three reports
    before, after = _outputs(first.ipynb), _outputs(second.ipynb)
    # and no cell goes into IPython's user-wide SQLite history (KERNEL_ARGUMENTS)
    for line in ("names False", "figures 0", "env None", "path False", "warned 1",
                 "history False"):
        assert line in before and line in after, after
    linewidth = [x for x in before.splitlines() if x.startswith("linewidth")]
    assert linewidth and linewidth[0] in after and "linewidth 9" not in after
    assert f"cwd {tmp_path / 'a'}" in before and f"cwd {tmp_path / 'd'}" in after
    assert f"cache {tmp_path / 'c'}" in before and "cache None" in after
    assert _counts(second.ipynb) == _counts(first.ipynb) == [1, 2]  # as in a new kernel

    raising = _notebook(tmp_path / "nbs" / "raise.ipynb", "raise ValueError('on purpose')")
    failed = execute_and_place(raising, {}, tmp_path / "e", "raise", "t", timeout=120)
    assert not failed.ok and "ValueError: on purpose" in failed.error
    n = kernel.started
    assert execute_and_place(check, {}, tmp_path / "f", "check", "t", timeout=120).ok
    assert kernel.started == n  # a cell's error does not cost the kernel

    dying = _notebook(tmp_path / "nbs" / "die.ipynb",
                      "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    dead = execute_and_place(dying, {}, tmp_path / "g", "die", "t", timeout=120)
    assert not dead.ok and dead.error.startswith("the kernel died")
    assert execute_and_place(check, {}, tmp_path / "h", "check", "t", timeout=120).ok
    assert kernel.started == n + 1  # the dead kernel was replaced


def test_kernel_sockets_stay_short_below_a_long_temporary_folder(tmp_path, monkeypatch):
    """A Unix socket's path has at most 107 bytes: below a long TMPDIR (a CI runner's, a Dask
    worker's scratch folder) kernels would never answer; their sockets go to /tmp then."""
    import tempfile

    from innolab.pipeline.kernels import sockets_dir

    deep = tmp_path / ("x" * 80)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    folder = sockets_dir()
    try:
        assert folder.startswith("/tmp/innolab-kernel-") and len(folder) < 40
    finally:
        shutil.rmtree(folder)
    check = _notebook(tmp_path / "nbs" / "check.ipynb", "print('ran')")
    placed = execute_and_place(check, {}, tmp_path / "a", "check", "t", timeout=120, warm=False)
    assert placed.ok and "ran" in _outputs(placed.ipynb)


def test_a_warm_kernel_past_its_memory_limit_is_replaced(tmp_path, monkeypatch):
    check = _notebook(tmp_path / "nbs" / "check.ipynb", "print('ran')")
    kernel = warm_kernel()
    assert execute_and_place(check, {}, tmp_path / "a", "check", "t", timeout=120).ok
    n = kernel.started
    assert kernel.rss() > 50 * 2**20  # a kernel with innolab imported
    monkeypatch.setenv("INNOLAB_KERNEL_MAX_RSS", str(50 * 2**20))
    assert execute_and_place(check, {}, tmp_path / "b", "check", "t", timeout=120).ok
    assert kernel.km is None  # shut down after the report that found it too large
    monkeypatch.delenv("INNOLAB_KERNEL_MAX_RSS")
    assert execute_and_place(check, {}, tmp_path / "c", "check", "t", timeout=120).ok
    assert kernel.started == n + 1


def test_warm_kernels_give_the_example_studys_recorded_tables(tmp_path):
    """Two areas of the example study and its criteria report on warm kernels (with the
    cache): every table is the one recorded with one new kernel per report
    (tests/data/table_hashes/example_en.json, recorded before warm kernels existed)."""
    from table_hashes import table_hashes

    expected = json.loads((DATA / "table_hashes" / "example_en.json").read_text())
    study = load_study(REPO / "data" / "example")
    res = run_reports(REPO / "data" / "example", tmp_path / "out", areas=study.area_ids[:2],
                      notebooks=["01_area_profile", "03_criteria"], workers=1,
                      progress=False)
    assert res.ok, [j.error for j in res.failed]
    got = table_hashes(tmp_path / "out")
    assert len(got) > 20 and set(got) <= set(expected)
    assert [k for k in got if got[k] != expected[k]] == []


def test_load_study_reuse_hands_out_copies_until_a_file_changes(mini):
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        a = load_study(mini, reuse=True)
        a.ties.loc[:, "weight"] = 99  # a report that changes its copy
        b = load_study(mini, reuse=True)
    assert b is not a and (b.ties["weight"] != 99).all()
    assert b.data_hash == a.data_hash
    (mini / "extra.csv").write_text("x\n1\n")  # a stray file: a warning, again on reuse
    for _ in range(2):
        with pytest.warns(StudyWarning, match="extra.csv: not a table"):
            c = load_study(mini, reuse=True)
    (mini / "extra.csv").unlink()
    set_cell(mini / "ties.csv", 2, "weight", "3")
    d = load_study(mini, reuse=True)
    assert d.data_hash != c.data_hash
    pd.testing.assert_frame_equal(d.ties, load_study(mini).ties)


def _changes():
    """Ways a report could change its copy of a table in place, each (name, change)."""
    def cell(t):
        t.loc[t.index[0], "weight"] = t["weight"].iloc[0] + 1.5

    def rename(t):
        t.columns = ["renamed", *t.columns[1:]]

    def relabel(t):
        t.index = t.index[::-1]

    def append(t):
        t.loc[len(t)] = t.iloc[0]

    def add(t):
        t["new"] = 1

    def cast(t):
        t[t.columns[0]] = t[t.columns[0]].astype(str) + ""

    def whole_column(t):
        t.iloc[:, 0] = t.iloc[::-1, 0].to_numpy()

    return [cell, rename, relabel, append, add, cast, whole_column]


@pytest.mark.parametrize("change", _changes(), ids=lambda f: f.__name__)
def test_a_kept_studys_copies_are_pristine_until_changed(mini, monkeypatch, change):
    """A study kept by load_study(reuse=True) hands out copies that share its data: their
    digests and the whole study's active actors are taken once per process (the kept tables are
    pristine, innolab.data.cache). A copy changed in place — a cell, a label, a row, a column,
    a type, the index — is digested and analysed as what it now holds, and the kept study stays
    as read."""
    from innolab.analysis.profile import _active_actors, active_actors

    if not cache.copy_on_write():
        pytest.skip("pandas without copy-on-write: nothing is pristine")
    digests = []
    real = cache._table_digest
    monkeypatch.setattr(cache, "_table_digest", lambda t: digests.append(1) or real(t))
    first, second = load_study(mini, reuse=True), load_study(mini, reuse=True)
    read = load_study(mini)  # not kept: nothing of it is pristine
    for name in ("ties", "actors", "participation"):
        assert cache.table_digest(getattr(first, name)) == real(getattr(read, name))
        before = len(digests)
        assert cache.table_digest(getattr(second, name)) == real(getattr(read, name))
        assert len(digests) == before  # the kept table's digest, taken once
    assert cache.pristine(read, ("ties",), "x", lambda: 1) is None
    assert cache.pristine(first, ("ties",), "x", lambda: 1) == 1
    for area_id in read.area_ids:
        pd.testing.assert_frame_equal(active_actors(first, area_id), _active_actors(read, area_id))

    change(second.ties)
    assert cache.table_digest(second.ties) == real(second.ties) != real(read.ties)
    assert cache.pristine(second, ("ties",), "x", lambda: 2) is None
    if "source" in second.ties and "wave" in second.ties:
        for area_id in read.area_ids:
            pd.testing.assert_frame_equal(active_actors(second, area_id),
                                          _active_actors(second, area_id))
    third = load_study(mini, reuse=True)  # the kept study is as it was read
    pd.testing.assert_frame_equal(third.ties, read.ties)
    assert cache.table_digest(third.ties) == real(read.ties)


CALLS: list = []


@cache.study_cached(tables=("areas",))
def _names(study, upper: bool = False, progress: bool = False):
    CALLS.append(upper)
    return [n.upper() if upper else n for n in study.areas["name"]]


def test_study_cached_computes_once_per_input(mini, tmp_path):
    study = load_study(mini)
    CALLS.clear()
    assert _names(study) == _names(study)  # the cache is off: computed each time
    assert len(CALLS) == 2
    with cache.enabled(tmp_path / "c"):
        first = _names(study)
        first.append("changed by its caller")
        assert _names(study, progress=True) == _names(study, False) == first[:-1]
        assert len(CALLS) == 3  # once, then memory; `progress` is not part of the key
        _names(study, upper=True)
        other = load_study(mini)
        other.areas.loc[0, "name"] = "Elsewhere"  # same data hash, other content
        assert _names(other)[0] == "Elsewhere"
        assert len(CALLS) == 5
        files = list((tmp_path / "c" / study.data_hash[:16]).glob("_names-*.pkl"))
        assert len(files) == 3
    with cache.enabled(tmp_path / "c"):  # another process's memory: read from disk
        assert _names(study) == first[:-1] and len(CALLS) == 5
    cache.prune(tmp_path / "c", keep="0" * 64)
    assert not list((tmp_path / "c").iterdir())


SCOPED_CALLS: list = []


@cache.scoped
def _active_names(study, area_id, upper=False):
    SCOPED_CALLS.append(area_id)
    names = study.actors.loc[study.actors["area_id"] == area_id, "actor_id"].tolist()
    return [n.upper() for n in names] if upper else names


def test_scoped_runs_once_per_input_inside_a_scope_only(mini):
    study, other = load_study(mini), load_study(mini)
    area = study.area_ids[0]
    SCOPED_CALLS.clear()
    _active_names(study, area)
    _active_names(study, area)
    assert len(SCOPED_CALLS) == 2  # outside a scope: computed each time
    with cache.scope():
        first = _active_names(study, area)
        first.append("changed by its caller")
        with cache.scope():  # an inner block shares the outer one's results
            assert _active_names(study, area_id=area) == first[:-1]
        assert len(SCOPED_CALLS) == 3
        _active_names(study, area, upper=True)  # another argument
        _active_names(other, area)  # another study object, however equal
        _active_names(study, study.area_ids[1])
        assert len(SCOPED_CALLS) == 6
        digest = cache.table_digest(study.actors)
        study.actors.loc[0, "actor_id"] = "changed"  # not what a scope is for: kept
        assert cache.table_digest(study.actors) == digest
    assert cache.table_digest(study.actors) != digest  # after the block: taken again
    _active_names(study, area)
    assert len(SCOPED_CALLS) == 7


def test_a_section_finds_an_areas_active_actors_once(monkeypatch):
    """area_mobilisation's analyses of one area (flows twice, funnel, inclusion, headline,
    curve) start from one table of who was active when (the section's scope), and give the
    tables they give without it."""
    import importlib

    from innolab.analysis.profile import active_actors
    from innolab.reports import sections

    flows_module = importlib.import_module("innolab.analysis.mobilisation.flows")
    study = load_study(REPO / "data" / "example")
    calls = []
    real = active_actors.__wrapped__

    def counted(study, area_id=None):
        calls.append((area_id,))
        return real(study, area_id)

    monkeypatch.setattr(flows_module, "active_actors", cache.scoped(counted))
    sec = sections.area_mobilisation(study, "maunula", "en", n_boot=20)
    assert calls == [("maunula",)]
    unscoped = {}
    for name in ("flows", "flows_by_sector", "funnel", "inclusion"):
        unscoped[name] = sec.tables[name].data
    assert unscoped["flows"].equals(flows_module.flows(study, "maunula"))
    assert unscoped["flows_by_sector"].equals(flows_module.flows(study, "maunula", by="sector"))
    assert unscoped["funnel"].equals(flows_module.funnel(study, "maunula"))
    assert len(calls) == 4  # outside a section: each computes its own


def test_a_section_builds_each_graph_once(monkeypatch):
    """area_network reads the latest wave's graph of the area in the section, the interactive
    map and the change over the waves: inside the section it is built once (one graph per
    argument set), and the section's tables are the ones built without the scope."""
    import importlib

    from innolab.analysis import network
    from innolab.reports import sections

    modules = [importlib.import_module(f"innolab.analysis.network.{m}")
               for m in ("measures", "change")] + [network]
    study = load_study(REPO / "data" / "example")
    calls = []
    real = network.build_graph.__wrapped__

    def counted(study, area_id=None, wave=None, types=None, include_external=False):
        calls.append((area_id, wave, include_external))
        return real(study, area_id, wave, types, include_external)

    for module in modules:
        monkeypatch.setattr(module, "build_graph", cache.scoped(counted))
    sec = sections.area_network(study, "maunula", "en", n=20)
    assert len(calls) == len(set(calls)) >= 4  # measures (area, outside), map waves, change
    last = int(study.ties["wave"].max())
    assert calls.count(("maunula", last, False)) == 1
    monkeypatch.undo()
    G = network.build_graph(study, area_id="maunula", wave=last)
    expected = network.key_actors(G, n=10).round(3)
    assert sec.tables["key_actors"].data.equals(expected)


def _cached_in_child(folder: str, log: str, results) -> None:
    import os

    os.environ[cache.ENV] = folder

    @cache.study_cached(tables=("areas",))
    def slow(study):
        with open(log, "a") as f:
            f.write("computed\n")
        time.sleep(1)
        return study.area_ids

    results.put(slow(load_study(DATA / "mini_study")))


def test_two_workers_needing_the_same_result_compute_it_once(tmp_path):
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_cached_in_child,
                         args=(str(tmp_path / "c"), str(tmp_path / "log"), results))
             for _ in range(2)]
    for p in procs:
        p.start()
    got = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert got[0] == got[1] == load_study(DATA / "mini_study").area_ids
    assert (tmp_path / "log").read_text() == "computed\n"


def test_the_cached_uncertainty_is_the_computed_one(tmp_path):
    from innolab.analysis import criteria

    study = load_study(REPO / "data" / "example")
    with cache.enabled(tmp_path):
        cached = criteria.uncertainty(study, n=200, seed=3)
        again = criteria.uncertainty(study, n=200, seed=3)
    pd.testing.assert_frame_equal(cached, criteria.uncertainty.uncached(study, n=200, seed=3))
    pd.testing.assert_frame_equal(again, cached)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    """A Dask scheduler and two workers, each its own process on the loopback address."""
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                               "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL,
                              stderr=open(logs / "scheduler.log", "w"))]
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or procs[0].poll() is not None:
                    raise RuntimeError((logs / "scheduler.log").read_text()) from None
                time.sleep(0.2)
        scratch = tmp_path / "worker-tmp"  # the workers' temporary folder (no shared disk)
        scratch.mkdir()
        for i in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
                 "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}"],
                stdout=subprocess.DEVNULL, stderr=open(logs / f"worker{i}.log", "w"),
                env={**os.environ, "TMPDIR": str(scratch)}))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_dask_scheduler_and_workers_as_separate_processes(dask_cluster, mini_reports,
                                                          tmp_path):
    """``--executor dask`` against a scheduler and two workers started as processes of their
    own: every report is written, with the tables of a local run."""
    from innolab.cli import main

    out = tmp_path / "out"
    assert main(["run", "--study", str(DATA / "mini_study"), "--out", str(out),
                 "--notebooks", *PER_AREA, "02_networks", "--executor", "dask",
                 "--scheduler", dask_cluster, "--quiet"]) == 0
    jobs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    assert len(jobs) == 7 and all(j["status"] == "ok" for j in jobs)
    got = _files(out, "*/tables/*.csv")
    want = {k: v for k, v in _files(mini_reports[1], "*/tables/*.csv").items() if k in got}
    assert len(got) > 20 and set(got) == set(want)
    assert [k for k in got if got[k] != want[k]] == []


def test_a_run_prunes_the_cache_of_other_data(mini, tmp_path):
    out = tmp_path / "out"
    stale = out / ".cache" / ("f" * 16)
    stale.mkdir(parents=True)
    (stale / "uncertainty-x.pkl").write_bytes(b"old")
    assert run_reports(mini, out, areas=["maunula"], notebooks=["01_area_profile"],
                       progress=False).ok
    assert not stale.exists()
    kept = list((out / ".cache").iterdir())
    assert [p.name for p in kept] == [load_study(mini).data_hash[:16]]
    shutil.rmtree(out / ".cache")


def test_an_areas_network_row_is_computed_once_for_both_reports(tmp_path, monkeypatch):
    """With the cache on, the study-level table of all areas' network measures takes each
    area's row from the area's report (the same row: each area's network is measured on its
    own), and equals the table computed without the cache."""
    from innolab.analysis import network
    from innolab.analysis.network import measures

    study = load_study(REPO / "data" / "example")
    plain = network.area_measures(study, n=200)
    calls = []
    real = measures._measures_of
    monkeypatch.setattr(measures, "_measures_of", lambda *a: calls.append(1) or real(*a))
    with cache.enabled(tmp_path):
        for area_id in study.area_ids[:3]:
            network.area_measures(study, areas=[area_id], n=200)
        assert len(calls) == 3
        cached = network.area_measures(study, n=200)
        assert len(calls) == len(study.area_ids)  # the first three were not measured again
    pd.testing.assert_frame_equal(cached, plain)


def test_dask_workers_without_a_shared_disk(dask_cluster, mini_reports, tmp_path):
    """``--no-shared-disk``: the workers get the study and the notebooks once, run each report
    in their own temporary folder, and send its outputs back; the client writes them: the
    same tables as a local run, every page in place, and the pages say which study copy the
    worker read."""
    from innolab.cli import main

    out = tmp_path / "out"
    assert main(["run", "--study", str(DATA / "mini_study"), "--out", str(out),
                 "--notebooks", "01_area_profile", "03_criteria", "--executor", "dask",
                 "--scheduler", dask_cluster, "--no-shared-disk", "--quiet"]) == 0
    jobs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    assert len(jobs) == 4 and all(j["status"] == "ok" for j in jobs)
    for j in jobs:
        page = (out / j["html"]).read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>") and "innolab-worker" in page
    assert list((tmp_path / "worker-tmp" / "innolab-worker").glob("*/study/actors.csv"))
    assert (out / "maunula" / "maunula.xlsx").exists() and (out / "index.html").exists()
    got = _files(out, "*/tables/*.csv")
    want = {k: v for k, v in _files(mini_reports[1], "*/tables/*.csv").items() if k in got}
    assert len(got) > 10 and set(got) == set(want)
    assert [k for k in got if got[k] != want[k]] == []


def test_no_shared_disk_is_for_dask(tmp_path, capsys):
    from innolab.cli import main

    assert main(["run", "--study", str(DATA / "mini_study"), "--out", str(tmp_path / "o"),
                 "--no-shared-disk", "--quiet"]) == 2
    assert "use it with --executor dask" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_package_versions_are_read_once_and_handed_out_as_copies(monkeypatch):
    """A warm kernel states the versions of every report without reading the packages'
    metadata again; what a caller does with its dict changes nothing for the next one."""
    from importlib.metadata import version

    from innolab.reports import output

    first = output.package_versions()
    assert first["numpy"] == version("numpy") and first["innolab"] == version("innolab")
    first["numpy"] = "changed"
    monkeypatch.setattr(output, "version", lambda name: pytest.fail("metadata read again"))
    assert output.package_versions()["numpy"] == version("numpy")
