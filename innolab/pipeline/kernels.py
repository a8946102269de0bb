"""Kernels for the reports: a new one for each report, or a warm one that runs one after another.

:func:`execute_notebook` starts a new kernel for a notebook and stops it afterwards.

A new kernel, the imports of innolab and its libraries and the loading of the study cost a
report 3–5 s before it computes anything; on a study of 50 areas that is half of a run. A
worker (a process of the local pool, a thread of a Dask worker) therefore starts one kernel,
imports what reports need (:func:`innolab.pipeline.kernel.warm_up`) and, before each report,
resets it to what a new kernel would be (:func:`innolab.pipeline.kernel.prepare`). The notebook
itself runs through papermill as before — the same parameters cell, the same executed notebook
with its error when a cell fails — on an engine that reuses the kernel instead of starting one.

A kernel that died, ran out of time or was interrupted is shut down and the next report gets a
new one; so is a kernel that has grown past :data:`MAX_RSS` bytes. ``innolab run
--fresh-kernels`` starts one kernel per report instead (as innolab did before warm kernels).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["KERNEL_ENV", "KERNEL_ARGUMENTS", "SINGLE_THREAD", "sockets_dir", "kernel_manager_class",
           "execute_notebook", "ENGINE", "MAX_RSS", "WarmKernel", "warm_kernel", "shutdown_all"]

#: The papermill engine that runs a notebook on a kernel it is given.
ENGINE = "innolab-warm"

#: A kernel larger than this (resident bytes) after a report is replaced by a new one;
#: ``INNOLAB_KERNEL_MAX_RSS`` (bytes) overrides it.
MAX_RSS = 3 * 2**30

KERNEL_ENV = {
    # this environment's kernel spec wins over a user-wide "python3" spec, so notebooks run
    # with the interpreter (and packages) that runs innolab
    "JUPYTER_PREFER_ENV_PATH": "1",
    # headless figures, shown inline in the executed notebook
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}

# With several kernels side by side on few cores, numeric libraries' own thread pools would
# oversubscribe the machine; one thread per kernel is faster in total.
SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


#: Arguments of every warm kernel. IPython keeps each cell a kernel runs in a user-wide SQLite
#: history (``~/.ipython/profile_default/history.sqlite``), written by a thread of its own after
#: every cell and at every reset between reports: a pipeline's kernels never read it back, two
#: kernels side by side write the same file, and it grew by every report run on the machine.
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)


#: A Unix socket's path may have at most 107 bytes; IPC kernels put theirs below this folder.
_SOCKET_PATH_ROOM = 60


def sockets_dir() -> str:
    """A new folder for kernels' IPC sockets, in the temporary folder when its path is short.

    A socket's path is limited to 107 bytes: below a long ``TMPDIR`` (a CI runner's, a Dask
    worker's scratch folder) a kernel could not bind its sockets and would never answer, so the
    folder is then made in ``/tmp``.

    Returns
    -------
    str
    """
    base = tempfile.gettempdir()
    if len(base) > _SOCKET_PATH_ROOM and os.path.isdir("/tmp"):
        base = "/tmp"
    return tempfile.mkdtemp(prefix="innolab-kernel-", dir=base)


def kernel_manager_class(folder: str):
    """A kernel manager on IPC transport: kernels started side by side cannot race for TCP
    ports (papermill issue #511), and nothing listens on the network. It derives from the
    *async* manager that nbclient expects: with the sync one, cell timeouts are not enforced."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(Path(tempfile.mkdtemp(dir=folder)) / "k"))
            super().__init__(**kwargs)

    return IPCKernelManager


def execute_notebook(nb_path: Path, out_ipynb: Path, parameters: dict, cwd: Path,
                     timeout: int, cache: str | None = None) -> None:
    """Run one notebook with papermill on a new kernel; one that fails to start is retried once.

    Parameters
    ----------
    nb_path : pathlib.Path
        The notebook to run.
    out_ipynb : pathlib.Path
        Where the executed notebook is written.
    parameters : dict
        Papermill parameters.
    cwd : pathlib.Path
        The kernel's working directory.
    timeout : int
        Seconds for the whole notebook: each cell may take what is left of it.
    cache : str, optional
        The run's cache folder for study-wide results (:mod:`innolab.data.cache`).
    """
    import papermill as pm
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from innolab.data.cache import ENV

    os.environ.update(KERNEL_ENV)
    if cache:
        os.environ[ENV] = cache  # the new kernel inherits it
    else:
        os.environ.pop(ENV, None)
    deadline = time.monotonic() + timeout
    sockets = sockets_dir()
    try:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(
                    str(nb_path), str(out_ipynb), parameters=parameters, kernel_name="python3",
                    progress_bar=False, cwd=str(cwd), execution_timeout=timeout,
                    log_output=False, kernel_manager_class=kernel_manager_class(sockets),
                    # every output is in: stop the kernel at once instead of a graceful
                    # shutdown (saves ~0.5 s a notebook)
                    shutdown_kernel="immediate",
                    # the job's time limit: each cell may take what is left of it
                    timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
                )
                return
            except (PapermillExecutionError, DeadKernelError):
                raise  # a cell failed or the kernel died running it: retrying would do the same
            except Exception:
                if attempt == 2 or _any_cell_ran(out_ipynb):
                    raise
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def _any_cell_ran(ipynb: Path) -> bool:
    import nbformat

    if not ipynb.exists():
        return False
    nb = nbformat.read(str(ipynb), as_version=4)
    return any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


_LOCAL = threading.local()
_ALL: list = []  # every warm kernel of the process, for the clean-up at exit (a Dask
# worker's threads may be gone by then, and their thread-local kernels with them)


def _register_engine() -> None:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import remove_args

    if ENGINE in papermill_engines._engines:
        return

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine on a running kernel (``km``) and its connected client
        (``kc``), both of which it leaves running."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, keep=None, kc=None, **kwargs):
            from papermill.iorw import write_ipynb

            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(
                nb_man, timeout=execution_timeout, startup_timeout=start_timeout,
                kernel_name=kernel_name, log=logger, log_output=log_output,
                stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
            client.kc = kc  # connected once per kernel: saves a report ~0.1 s
            try:
                return client.execute()
            except BaseException:
                # the notebook is not saved after every cell (that costs a report ~0.2 s):
                # a kernel that died or ran out of time leaves what it did here
                if keep:
                    write_ipynb(nb_man.nb, keep)
                raise
            finally:
                if client.kc is not None and client.kc is not kc:  # one it made itself
                    client.kc.stop_channels()

    papermill_engines.register(ENGINE, WarmEngine)


class WarmKernel:
    """One kernel that runs one report after another (see the module notes).

    Attributes
    ----------
    reports : int
        Reports run on the current kernel.
    started : int
        Kernels started so far.
    """

    def __init__(self):
        self._sockets = sockets_dir()
        self.km = None
        self._kc = self._akc = None
        self.reports = 0
        self.started = 0
        _ALL.append(self)

    # -- the kernel's life ---------------------------------------------------------------
    def _start(self, cwd: Path) -> None:
        from jupyter_core.utils import run_sync

        from innolab.data.cache import ENV

        os.environ.update(KERNEL_ENV)
        env = {k: v for k, v in os.environ.items() if k != ENV}
        km = kernel_manager_class(self._sockets)(kernel_name="python3")
        run_sync(km.start_kernel)(cwd=str(cwd), env=env, extra_arguments=list(KERNEL_ARGUMENTS))
        self.km = km
        try:
            self._kc = km.blocking_client()
            self._kc.start_channels()
            self._kc.wait_for_ready(timeout=60)
            self._akc = km.client()  # the asynchronous client nbclient runs notebooks with
            self._akc.start_channels()
            run_sync(self._akc.wait_for_ready)(timeout=60)
            self._akc.allow_stdin = False
            self._run("__import__('innolab.pipeline.kernel', fromlist=['warm_up']).warm_up()",
                      timeout=300)
        except BaseException:
            self.shutdown()
            raise
        self.reports = 0
        self.started += 1

    def _alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km is not None and run_sync(self.km.is_alive)()

    def _ensure(self, cwd: Path) -> None:
        if self.km is not None and not self._alive():
            self.shutdown()
        if self.km is None:
            try:
                self._start(cwd)
            except Exception:
                self._start(cwd)  # a kernel that failed to start is tried once more

    def _run(self, code: str, timeout: float = 60) -> None:
        reply = self._kc.execute_interactive(code, silent=True, store_history=False,
                                             timeout=timeout)
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"the warm kernel failed to run {code!r}: "
                               f"{content.get('ename')}: {content.get('evalue')}")

    def rss(self) -> int:
        """Resident memory of the kernel process in bytes (0 when there is none).

        Returns
        -------
        int
        """
        import psutil

        pid = getattr(getattr(self.km, "provisioner", None), "pid", None)
        try:
            return psutil.Process(pid).memory_info().rss if pid else 0
        except psutil.Error:
            return 0

    def shutdown(self) -> None:
        """Stop the kernel now (the next report starts a new one)."""
        from jupyter_core.utils import run_sync

        for kc in (self._kc, self._akc):
            if kc is not None:
                kc.stop_channels()
        self._kc = self._akc = None
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a kernel that is gone already
                pass
            self.km = None

    # -- one report ----------------------------------------------------------------------
    def execute(self, nb_path: Path, out_ipynb: Path, parameters: dict, cwd: Path,
                timeout: int, cache: str | None = None) -> None:
        """Run one notebook with papermill on this kernel, reset for it first.

        Parameters
        ----------
        nb_path, out_ipynb : pathlib.Path
            The notebook and where the executed notebook is written.
        parameters : dict
            Papermill parameters.
        cwd : pathlib.Path
            The report's working directory.
        timeout : int
            Seconds for the whole notebook.
        cache : str, optional
            The run's cache folder for study-wide results (:mod:`innolab.data.cache`).
        """
        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        _register_engine()
        prepare = (f"__import__('innolab.pipeline.kernel', fromlist=['prepare'])"
                   f".prepare({str(cwd)!r}, {cache!r})")
        self._ensure(cwd)
        try:
            self._run(prepare)
        except Exception:  # a kernel that cannot be reset is not used again: a new one
            self.shutdown()
            self._ensure(cwd)
            self._run(prepare)
        deadline = time.monotonic() + timeout  # the notebook's time, not the kernel's start
        try:
            pm.execute_notebook(
                str(nb_path), str(out_ipynb), parameters=parameters, kernel_name="python3",
                engine_name=ENGINE, km=self.km, kc=self._akc, keep=str(out_ipynb),
                progress_bar=False, log_output=False, execution_timeout=timeout,
                request_save_on_cell_execute=False,
                timeout_func=lambda cell: max(1, int(deadline - time.monotonic())))
        except PapermillExecutionError:
            raise  # a cell raised: the kernel is sound, the next report resets it
        except BaseException:  # died, timed out, interrupted: never reuse this kernel
            self.shutdown()
            raise
        finally:
            self.reports += 1
            limit = int(os.environ.get("INNOLAB_KERNEL_MAX_RSS", MAX_RSS))
            if self.km is not None and self.rss() > limit:
                self.shutdown()


def warm_kernel() -> WarmKernel:
    """This thread's warm kernel (created on first use).

    Returns
    -------
    WarmKernel
    """
    kernel = getattr(_LOCAL, "kernel", None)
    if kernel is None:
        kernel = _LOCAL.kernel = WarmKernel()
    return kernel


@atexit.register
def shutdown_all() -> None:
    """Stop every warm kernel of this process and remove its sockets' folder (at exit)."""
    for kernel in list(_ALL):
        kernel.shutdown()
        shutil.rmtree(kernel._sockets, ignore_errors=True)
