"""The kernel a run's notebooks share: started once, reset between notebooks.

Papermill executes each notebook on :attr:`_Kernel.manager` (its ``km``). The kernel
starts while the inputs are validated when a notebook surely executes
(:func:`speculative_kernel`), otherwise as soon as they are known good
(:func:`early_kernel`), its own logging quietened, and imports what the reports will need
while the runner prepares the run (:func:`_arguments`). The executed
notebook is written as execution starts and ends, not twice per cell
(:func:`_engine_name`); a failing or killed cell is named from that file as the consultant
counts cells.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from queue import Empty
from typing import Any

import nbformat

from cxlib import paths
from cxlib.inputs.config import ClientConfig

#: Seconds a cell (or a kernel reset) may take (``CX_CELL_TIMEOUT``).
_TIMEOUT = int(os.environ.get("CX_CELL_TIMEOUT", "600"))

#: Run by a kernel as it starts: ipykernel's tornado logger at CRITICAL, so that no
#: messaging traceback reaches the terminal when Ctrl-C stops a run while a kernel shuts
#: down; nothing is left in the notebook's namespace.
_KERNEL_START = [
    "__import__('logging').getLogger('tornado').setLevel(__import__('logging').CRITICAL)",
]
#: Bytes of input files under which a run's kernel starts before their validation.
EARLY_BYTES = 64 * 2**20
#: Imported ahead by every early kernel: what each report page draws with.
WARM = ("cxlib.presentation.page",)
_IMPORT = re.compile(r"^\s*(?:import|from)\s+(cxlib(?:\.\w+)*)", re.MULTILINE)
#: An import inside a function of the heavy libraries the analyses load on first use.
_LAZY = re.compile(r"^\s+(?:import|from)\s+((?:sklearn|scipy)(?:\.\w+)*)", re.MULTILINE)


def lazy_imports(modules: Sequence[str]) -> list[str]:
    """Return the heavy libraries the workbench modules import when first used.

    scikit-learn and SciPy take a second or more to import; the analyses import them
    inside the functions that need them (segments, themes, tests), so that a notebook
    which never calls those does not pay for them. A kernel started early imports them
    ahead for the notebooks of the run that will. The modules' sources are read, not
    imported.

    Parameters
    ----------
    modules : sequence of str
        Workbench modules (``cxlib.analysis.personas``…); a package counts with its
        modules.

    Returns
    -------
    list of str
        Module names (``sklearn.cluster``…), each once.
    """
    root = Path(__file__).resolve().parent.parent  # the cxlib package
    found: dict[str, None] = {}
    for name in modules:
        parts = name.split(".")[1:]
        package = root.joinpath(*parts)
        files = sorted(package.rglob("*.py")) if (package / "__init__.py").is_file() \
            else [package.with_suffix(".py")]
        for file in files:
            if file.is_file():
                found.update(dict.fromkeys(_LAZY.findall(file.read_text(encoding="utf-8"))))
    return list(found)


def notebook_modules(notebooks: Sequence[Path]) -> list[str]:
    """Return the workbench modules the notebooks import, in the order first met.

    Parameters
    ----------
    notebooks : sequence of Path
        Notebook files.

    Returns
    -------
    list of str
        Module names (``cxlib.analysis.personas``…), each once.
    """
    found: dict[str, None] = {}
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                found.update(dict.fromkeys(_IMPORT.findall(cell.source)))
    return list(found)


def _arguments(warm: Sequence[str]) -> list[str]:
    """Return the kernel's command-line settings: quiet logs, then the modules to import.

    The imports run in a namespace of their own: the first notebook sees none of them.
    """
    lines = list(_KERNEL_START)
    if warm:
        loop = "for name in names:\n try: __import__(name)\n except Exception: pass"
        lines.append(f"exec({loop!r}, {{'names': {tuple(warm)!r}}})")
    return [
        # the kernel logs only errors: no transport notice in the consultant's terminal
        "--IPKernelApp.log_level=CRITICAL",
        f"--IPKernelApp.exec_lines={lines!r}",
    ]


#: The settings of a kernel that imports nothing ahead.
_KERNEL_ARGUMENTS = _arguments(())


async def _answered(client: Any) -> bool:
    """Ask a kernel client for the kernel's info once; return whether both channels heard."""
    client.kernel_info()
    try:
        reply = await client.shell_channel.get_msg(timeout=1)
    except Empty:
        return False
    if reply["msg_type"] != "kernel_info_reply":
        return False
    try:  # a broadcast received: the client hears the kernel's outputs
        await client.iopub_channel.get_msg(timeout=0.2)
    except Empty:
        return False
    client._handle_kernel_info_reply(reply)
    return True


async def _drain(channel: Any) -> None:
    """Read the messages already received on a channel, without waiting for more."""
    while True:
        try:
            await channel.get_msg(timeout=0)
        except Empty:
            return


@functools.cache
def _client_class() -> type:
    """Return the kernel client papermill is given: jupyter_client's, readied sooner.

    Before the first cell of each notebook, jupyter_client's ``wait_for_ready`` reads the
    messages the kernel broadcast until none came for 0.2 s: 0.2 s lost per notebook. The
    executing client keeps only the messages answering its own requests, so this one reads
    those already there and goes on.
    """
    from jupyter_client.asynchronous import AsyncKernelClient

    class _Client(AsyncKernelClient):  # type: ignore[misc]
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            if not hasattr(self, "_handle_kernel_info_reply"):  # another jupyter_client
                await super().wait_for_ready(timeout=timeout)
                return
            limit = timeout if timeout is not None else _TIMEOUT
            deadline = time.monotonic() + limit
            while not await _answered(self):
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {limit:.0f} seconds")
            await _drain(self.iopub_channel)

    return _Client


class _Kernel:
    """One kernel for every notebook of a run.

    Modules are imported and the validated inputs unpickled once per run, not once per
    notebook (a fresh kernel per notebook spent more time importing than executing).
    Before each notebook but the first the kernel forgets every variable and output
    (IPython's ``reset``): a notebook sees nothing of the previous one but the imported
    modules. A kernel that dies stops the run at the notebook it was executing.
    """

    def __init__(self, cwd: Path) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._sync = run_sync
        self.manager = AsyncKernelManager(kernel_name="python3",
                                          client_factory=_client_class())
        self._clients: list[object] = []
        made = self.manager.client

        def client(**kwargs: object) -> object:  # kept, to close the channels of each
            self._clients.append(made(**kwargs))
            return self._clients[-1]

        self.manager.client = client  # type: ignore[method-assign]
        self._cwd = cwd
        self.started = False  # on the first notebook executed: none when every one is reused
        self.used = False

    def reset(self) -> None:
        """Start the kernel, or forget the previous notebook's variables and outputs.

        Modules stay imported between notebooks.
        """
        self._close_clients()
        self.start()
        if self.used:
            self._sync(self._reset)()
        self.used = True

    def start(self, *, env: Mapping[str, str] | None = None, warm: Sequence[str] = ()) -> None:
        """Start the kernel process, if not started yet, and return without waiting for it.

        Parameters
        ----------
        env : mapping, optional
            The kernel's environment (default: this process's, as it is now).
        warm : sequence of str, optional
            Modules the kernel imports as it starts, before it answers the first request.
        """
        if self.started:
            return
        self._sync(self.manager.start_kernel)(extra_arguments=_arguments(warm),
                                              cwd=str(self._cwd), env=dict(env or os.environ))
        self.started = True

    async def _reset(self) -> None:
        # the shell channel alone: requests wait in its queue until it connects, and the
        # reply says when the reset is done (an iopub subscription takes 0.4 s to settle)
        client = self.manager.client()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            sent = client.execute("get_ipython().reset(new_session=False)", silent=True,
                                  store_history=False)
            while True:
                reply = await client.get_shell_msg(timeout=_TIMEOUT)
                if reply["parent_header"].get("msg_id") == sent:
                    break
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"kernel reset failed: {reply['content']}")
        finally:
            self._close_clients()

    def _close_clients(self) -> None:
        while self._clients:
            client = self._clients.pop()
            if client.channels_running:  # type: ignore[attr-defined]
                client.stop_channels()  # type: ignore[attr-defined]

    def close(self) -> None:
        """Shut the kernel down (a dead one only has its files to clean)."""
        self._close_clients()
        if not self.started:
            return
        try:
            if self._sync(self.manager.is_alive)():
                self._sync(self.manager.shutdown_kernel)(now=True)
        except RuntimeError:
            pass
        finally:
            self._sync(self.manager.cleanup_resources)()
            self.started = False


def early_kernel(cfg: ClientConfig, parameters: dict[str, object], cwd: Path,
                 notebooks: Sequence[str], appendices: Sequence[Path],
                 tables: dict[str, str] | None, env: Mapping[str, str]) -> _Kernel:
    """Return a run's kernel, started already when a notebook will execute.

    It imports what the notebooks to execute and their analyses need (:data:`WARM`, their
    imports and :func:`lazy_imports`) while the runner stores the inputs, prepares the
    privacy policy and, for large inputs, computes the front page; ``env`` is what the
    runner sets for the notebooks later. It reads no input before its first notebook, which
    for large inputs starts once the runner has let go of its copy: the two never hold
    both. A run whose every report is reused starts none.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    parameters : dict
        The run's notebook parameters.
    cwd : Path
        The kernel's working folder (the run's executed notebooks).
    notebooks : sequence of str
        The shipped notebooks the run may execute.
    appendices : sequence of Path
        The consultant's notebooks run after them (always executed).
    tables : dict of str to str or None
        The inputs' fingerprints (:func:`cxlib.run.reuse.table_fingerprints`); None when
        nothing is reused.
    env : mapping
        Settings the kernel's environment adds to this process's.

    Returns
    -------
    _Kernel
        Started or not; :meth:`_Kernel.reset` starts it otherwise.
    """
    from cxlib.run.reuse import to_execute

    kernel = _Kernel(cwd)
    executed = to_execute(cfg, notebooks, parameters, tables)
    if not (appendices or executed):
        return kernel
    cwd.mkdir(parents=True, exist_ok=True)
    modules = notebook_modules([*(paths.notebooks_dir() / f"{n}.ipynb" for n in executed),
                                *appendices])
    kernel.start(env={**os.environ, **env},
                 warm=[*WARM, *modules, *lazy_imports(modules)])
    return kernel


def speculative_kernel(cfg: ClientConfig, parameters: dict[str, object], cwd: Path,
                       notebooks: Sequence[str], appendices: Sequence[Path],
                       env: Mapping[str, str], *, fresh: bool) -> _Kernel | None:
    """Return a run's kernel started before its inputs are validated, when it surely runs.

    A kernel takes about as long to start and import what the reports need as a demo
    client's validation: started first, it is ready when the inputs are. It is started
    only when a notebook will execute whatever the inputs hold — ``fresh``, an appendix,
    or a notebook without any stored result to reuse — and when the client's input files
    are small (:data:`EARLY_BYTES`): a large client's validation holds its inputs in
    memory, and the kernel waits for it (:func:`early_kernel`). The runner closes it if
    the validation fails.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    parameters : dict
        The run's notebook parameters.
    cwd : Path
        The kernel's working folder.
    notebooks : sequence of str
        The shipped notebooks the run is asked for.
    appendices : sequence of Path
        The consultant's notebooks run after them.
    env : mapping
        Settings the kernel's environment adds to this process's.
    fresh : bool
        Whether nothing is reused.

    Returns
    -------
    _Kernel or None
        None when the kernel is better started after the validation.
    """
    from cxlib.run.reuse import ReuseCache, declared

    try:
        size = sum(f.stat().st_size for f in cfg.path.rglob("*") if f.is_file())
    except OSError:
        return None
    if size > EARLY_BYTES:
        return None
    cache = ReuseCache(cfg.slug)
    if not (fresh or appendices or any(
            not cache.stored(n) or declared(paths.notebooks_dir() / f"{n}.ipynb") is None
            for n in notebooks)):
        return None
    return early_kernel(cfg, parameters, cwd, notebooks, appendices, None, env)


def _engine_name() -> str:
    """Register, once, the papermill engine that saves an executed notebook sparingly.

    Papermill's own manager writes the whole notebook twice per cell (as the cell starts
    and as it ends): a third of the runner's time on a demo client. This one writes it as
    execution starts, every 30 seconds of a long notebook, and at the end — also when a
    cell fails or the kernel dies, so the cell at fault is still named from the file.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    if "cx" in papermill_engines._engines:
        return "cx"

    class _Manager(NotebookExecutionManager):  # type: ignore[misc]
        _holding = False

        def save(self, **kwargs: object) -> None:
            if not self._holding:
                super().save(**kwargs)

        def _unsaved(self, step: Callable[..., None], *args: object, **kwargs: object) -> None:
            self._holding = True
            try:
                step(*args, **kwargs)
            finally:
                self._holding = False

        def cell_start(self, cell: object, cell_index: int | None = None,
                       **kwargs: object) -> None:
            self._unsaved(super().cell_start, cell, cell_index, **kwargs)
            self.autosave_cell()

        def cell_complete(self, cell: object, cell_index: int | None = None,
                          **kwargs: object) -> None:
            self._unsaved(super().cell_complete, cell, cell_index, **kwargs)

    class _Engine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_notebook(cls, nb: object, kernel_name: str, output_path: str | None = None,
                             progress_bar: bool = True, log_output: bool = False,
                             autosave_cell_every: int = 30, **kwargs: object) -> object:
            manager = _Manager(nb, output_path=output_path, progress_bar=progress_bar,
                               log_output=log_output, autosave_cell_every=autosave_cell_every)
            manager.notebook_start()
            try:
                cls.execute_managed_notebook(manager, kernel_name, log_output=log_output,
                                             **kwargs)
            finally:
                manager.cleanup_pbar()
                manager.notebook_complete()
            return manager.nb

    papermill_engines.register("cx", _Engine)
    return "cx"


def _failing_cell(nb_path: Path, exc: Exception) -> str:
    """Name the failing cell as the consultant sees it in the source notebook.

    Cells are counted from 1 in ``notebooks/<name>.ipynb``: papermill's error banners and
    its injected-parameters cell are not counted.
    """
    added = {"papermill-error-cell-tag", "injected-parameters"}
    try:
        nb = nbformat.read(nb_path, as_version=4)
    except (OSError, ValueError):
        return str(getattr(exc, "cell_index", "?"))
    source_cells = [c for c in nb.cells if not added & set(c.get("metadata", {}).get("tags", []))]
    for number, cell in enumerate(source_cells, start=1):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            first = cell.source.strip().splitlines()[0][:80] if cell.source.strip() else ""
            return f"{number} ({first})" if first else str(number)
    return str(getattr(exc, "cell_index", "?"))


def _running_cell(nb_path: Path) -> str:
    """Name the cell a killed kernel was running: the last one papermill started.

    Cells are counted as in :func:`_failing_cell`.
    """
    added = {"papermill-error-cell-tag", "injected-parameters"}
    try:
        nb = nbformat.read(nb_path, as_version=4)
    except (OSError, ValueError):
        return "?"
    cells = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
    started = [n for n, c in enumerate(cells, start=1)
               if c.metadata.get("papermill", {}).get("start_time")]
    return str(started[-1]) if started else "?"
