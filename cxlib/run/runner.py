"""Render a client's reports: check, execute with papermill, export, publish atomically.

One run of one client:

1. everything is checked before a kernel starts — ``client.yaml``, every input against the
   data contract, each notebook's parameters against its ``parameters`` cell (an unknown or
   missing parameter is an error, not papermill's warning), the report template;
2. each notebook is executed by papermill into a private build folder
   ``reports/.build/<client>/<run>/.executed/`` and exported to HTML beside it; the
   notebooks share one kernel, reset between them (:class:`_Kernel`), which loads the
   inputs the preflight validated from a cache in the build folder
   (:func:`cxlib.inputs.loaders.save_cache`), deleted before publishing;
3. ``index.html`` links every report of the run;
4. only when all of that succeeded is the build folder moved in one rename to
   ``reports/<client>/<run>/`` and, for a run of every notebook, ``reports/<client>/latest.txt``
   updated (a run of some notebooks says so on its index page and never becomes the latest).

On failure nothing under ``reports/<client>/`` changes: the last good report stays, the
executed notebook is kept in the build folder, and the error names it and its failing cell.
"""

from __future__ import annotations

import ast
import errno
import gc
import json
import logging
import os
import shutil
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

import nbformat
from filelock import FileLock, Timeout

from cxlib import paths
from cxlib.errors import CxError, ParameterError, RunError
from cxlib.i18n import MESSAGES, named, t
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.loaders import (
    CACHE_ENV,
    ValidationReport,
    read_cache,
    save_cache,
    validate_client,
)
from cxlib.presentation.exports import FORMATS, export_run

__all__ = [
    "RUNNER_PARAMETERS",
    "RunResult",
    "check_parameters",
    "list_clients",
    "list_notebooks",
    "new_run_id",
    "notebook_parameters",
    "run_client",
    "run_clients",
]

#: Parameters the runner passes to every notebook.
RUNNER_PARAMETERS = ("client", "run_id", "language")
_TIMEOUT = int(os.environ.get("CX_CELL_TIMEOUT", "600"))
_PER_RENDER = 1_500_000_000
#: Sub-folder of a run holding the executed notebooks: they carry the client's data and
#: are for the consultant, not for the client (hidden, so a shared folder shows HTML only).
EXECUTED = ".executed"
_INPUTS = ".inputs"


@dataclass
class RunResult:
    """What one client's run produced.

    Attributes
    ----------
    client : str
        Client folder name.
    run_id : str
        Run identifier (folder name under ``reports/<client>/``).
    ok : bool
        Whether the run was published.
    index : Path or None
        The published ``index.html``.
    error : str
        The error message when the run failed.
    seconds : float
        Wall time of the run.
    reports : list of Path
        The published HTML reports.
    """

    client: str
    run_id: str
    ok: bool = False
    index: Path | None = None
    error: str = ""
    seconds: float = 0.0
    reports: list[Path] = field(default_factory=list)


def list_clients() -> list[str]:
    """Return the client folders under ``data/`` that hold a ``client.yaml``."""
    base = paths.data_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "client.yaml").is_file())


def list_notebooks() -> list[str]:
    """Return the shipped notebooks' names (``00_overview``…), in run order."""
    return sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def new_run_id(cfg: ClientConfig) -> str:
    """Return a fresh run id: the wave and the local time, e.g. ``W2_2026-11-22_1405``."""
    return f"{cfg.wave}_{datetime.now():%Y-%m-%d_%H%M%S}"


def notebook_parameters(path: Path) -> dict[str, object]:
    """Return the names and default values of a notebook's ``parameters`` cell.

    Parameters
    ----------
    path : Path
        A notebook.

    Returns
    -------
    dict
        Default value by parameter name, in cell order.

    Raises
    ------
    ParameterError
        If the notebook has no cell tagged ``parameters``.
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            found: dict[str, object] = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            found[target.id] = ast.literal_eval(node.value) \
                                if node.value is not None else None
            return found
    raise ParameterError(t("no_parameters_cell", "en", notebook=paths.display(path)))


def check_parameters(path: Path, given: dict[str, object], lang: str) -> None:
    """Refuse unknown parameters and missing required ones before any kernel starts.

    A parameter whose default is ``None`` or ``""`` is required.

    Parameters
    ----------
    path : Path
        The notebook.
    given : dict
        Parameters to inject.
    lang : {"fr", "en"}
        Message language.

    Raises
    ------
    ParameterError
        Naming the notebook, the offending parameters and the accepted ones.
    """
    declared = notebook_parameters(path)
    unknown = sorted(set(given) - set(declared))
    missing = sorted(n for n, v in declared.items() if v in (None, "") and n not in given)
    if unknown or missing:
        raise ParameterError(t("bad_parameters", lang, notebook=path.stem,
                               unknown=", ".join(unknown) or "-",
                               missing=", ".join(missing) or "-",
                               accepted=", ".join(declared)))


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


#: Run by a kernel as it starts: ipykernel's tornado logger at CRITICAL, so that no
#: messaging traceback reaches the terminal when Ctrl-C stops a run while a kernel shuts
#: down; nothing is left in the notebook's namespace.
_KERNEL_START = [
    "__import__('logging').getLogger('tornado').setLevel(__import__('logging').CRITICAL)",
]
_KERNEL_ARGUMENTS = [
    # the kernel logs only errors: no transport notice in the consultant's terminal
    "--IPKernelApp.log_level=CRITICAL",
    f"--IPKernelApp.exec_lines={_KERNEL_START!r}",
]


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
        self.manager = AsyncKernelManager(kernel_name="python3")
        self._clients: list[object] = []
        made = self.manager.client

        def client(**kwargs: object) -> object:  # kept, to close the channels of each
            self._clients.append(made(**kwargs))
            return self._clients[-1]

        self.manager.client = client  # type: ignore[method-assign]
        run_sync(self.manager.start_kernel)(extra_arguments=_KERNEL_ARGUMENTS, cwd=str(cwd))
        self.used = False

    def reset(self) -> None:
        """Forget the previous notebook's variables and outputs (modules stay imported)."""
        self._close_clients()
        if self.used:
            self._sync(self._reset)()
        self.used = True

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
        try:
            if self._sync(self.manager.is_alive)():
                self._sync(self.manager.shutdown_kernel)(now=True)
        except RuntimeError:
            pass
        finally:
            self._sync(self.manager.cleanup_resources)()


def _execute(name: str, build: Path, params: dict[str, object], cfg: ClientConfig,
             kernel: _Kernel) -> Path:
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    source = paths.notebooks_dir() / f"{name}.ipynb"
    work = build / EXECUTED
    work.mkdir(exist_ok=True)
    target = work / f"{name}.ipynb"
    kernel.reset()
    try:
        pm.execute_notebook(
            str(source), str(target), parameters=params, kernel_name="python3",
            progress_bar=False, log_output=False, cwd=str(work),
            execution_timeout=_TIMEOUT, km=kernel.manager,  # started by _Kernel
        )
    except pm.PapermillExecutionError as exc:
        raise RunError(t("notebook_failed", cfg.language, notebook=name,
                         cell=_failing_cell(target, exc), error=f"{exc.ename}: {exc.evalue}",
                         kept=paths.display(target))) from exc
    except DeadKernelError as exc:
        raise RunError(t("kernel_died", cfg.language, notebook=name, cell=_running_cell(target),
                         kept=paths.display(target))) from exc
    return target


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


def _title(notebook: str, lang: str) -> str:
    """Return a report's title, or the notebook's name when it has none."""
    return t(f"title_{notebook}", lang) if f"title_{notebook}" in MESSAGES else notebook


def _meta(cfg: ClientConfig, run_id: str) -> dict[str, object]:
    logo = cfg.path / cfg.brand.logo if cfg.brand.logo else None
    return {
        "client": cfg.client, "slug": cfg.slug, "wave": cfg.wave,
        "wave_label": cfg.labels("waves")[cfg.wave], "language": cfg.language,
        "date": datetime.now().date().isoformat(), "run_id": run_id,
        "primary": cfg.brand.primary, "secondary": cfg.brand.secondary,
        "logo": str(logo) if logo and logo.is_file() else None,
    }


def _front(report: ValidationReport) -> tuple[dict[str, object] | None, str]:
    """Return the run's executive summary, or None and the reason it could not be made."""
    from cxlib.inputs.loaders import Inputs
    from cxlib.presentation.front import front_page

    cfg = report.config
    try:
        return front_page(Inputs.from_report(report)), ""
    except CxError as exc:  # e.g. an input a part of the summary needs is unusable
        return None, t("front_failed", cfg.language, error=str(exc))


def _render(cfg: ClientConfig, run_id: str, notebooks: list[str], build: Path,
            step: Callable[[str], None],
            front: tuple[dict[str, object] | None, str] = (None, ""), partial: str = ""
            ) -> list[dict[str, str]]:
    from cxlib.presentation.report import export_html, write_index

    meta = _meta(cfg, run_id)
    entries = []
    (build / EXECUTED).mkdir(exist_ok=True)
    kernel = _Kernel(build / EXECUTED)
    try:
        for name in notebooks:
            step(f"{cfg.slug}: {name}")
            params = {"client": cfg.slug, "run_id": run_id, "language": cfg.language}
            executed = _execute(name, build, params, cfg, kernel)
            title = _title(name, cfg.language)
            export_html(executed, build / f"{name}.html", {**meta, "title": title})
            summary_file = build / EXECUTED / f"{name}.summary.json"
            summary = json.loads(summary_file.read_text(encoding="utf-8"))["summary"] \
                if summary_file.is_file() else ""
            entries.append({"title": title, "file": f"{name}.html", "status": "ok",
                            "summary": summary})
    finally:
        kernel.close()
    write_index(build, entries, meta, *front, partial=partial)
    return entries


def _preflight(cfg: ClientConfig, notebooks: list[str],
               exports: Sequence[str] = ()) -> ValidationReport:
    lang = cfg.language
    known = list_notebooks()
    unknown = [n for n in notebooks if n not in known]
    if unknown:
        raise ParameterError(t("unknown_notebooks", lang, names=", ".join(unknown),
                               known=", ".join(known)))
    odd = [f for f in exports if f not in FORMATS]
    if odd:
        raise ParameterError(t("export_unknown", lang, names=", ".join(odd),
                               known=", ".join(FORMATS)))
    if "pdf" in exports:
        from cxlib.presentation.pdf import find_browser

        find_browser(lang)  # no browser: say so before any kernel starts
    for name in notebooks:
        params = {"client": cfg.slug, "run_id": "check", "language": lang}
        check_parameters(paths.notebooks_dir() / f"{name}.ipynb", params, lang)
    report = validate_client(cfg)
    if not report.ok:
        raise report.error()
    template = paths.templates_dir() / "report"
    if not template.is_dir():
        raise RunError(t("template_missing", lang, folder=paths.display(template)))
    return report


def _publish(cfg: ClientConfig, build: Path, run_id: str, complete: bool = True) -> Path:
    """Move the build folder into ``reports/<client>/``; a complete run becomes the latest."""
    target = paths.reports_dir(cfg.slug) / run_id
    target.parent.mkdir(parents=True, exist_ok=True)
    latest = paths.reports_dir(cfg.slug) / "latest.txt"
    # written beside the build folder, before anything moves: a full disk stops the run
    # with reports/<client>/ untouched, and no half-written file ever sits there
    tmp = build.parent / f".{run_id}.latest.tmp"
    if complete:
        tmp.write_text(run_id + "\n", encoding="utf-8")
    os.replace(build, target)
    if complete:
        os.replace(tmp, latest)
    return target


def _lock(cfg: ClientConfig) -> FileLock:
    """Take the client's run lock, or refuse: two runs of one client never overlap.

    The lock is the operating system's, released when its process ends, even killed: a
    crashed run never blocks the next one.
    """
    file = paths.run_lock(cfg.slug)
    file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(file, timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise RunError(t("run_locked", cfg.language, client=cfg.slug,
                         lock=paths.display(file))) from exc
    return lock


def _write_failed(exc: OSError, slug: str, build: Path | None) -> str:
    """Say which file could not be read or written; on a full disk, free the build folder."""
    lang = "en"
    try:
        lang = load_config(slug).language
    except CxError:
        pass
    file = paths.display(Path(exc.filename)) if exc.filename else paths.display(build or Path())
    if exc.errno == errno.ENOSPC and build is not None:
        shutil.rmtree(build, ignore_errors=True)
        for tmp in build.parent.glob(".*.latest.tmp"):
            tmp.unlink(missing_ok=True)
        return t("disk_full", lang, file=file, build=paths.display(build), client=slug)
    return t("file_failed", lang, file=file, error=exc.strerror or exc)


def _last_good(slug: str) -> str:
    latest = paths.reports_dir(slug) / "latest.txt"
    if not latest.is_file():
        return ""
    run = latest.read_text(encoding="utf-8").strip()
    lang = "en"
    try:
        lang = load_config(slug).language
    except CxError:
        pass
    return "\n" + t("last_good", lang, folder=paths.display(paths.reports_dir(slug) / run))


def _deliverables(cfg: ClientConfig, cache: Path, build: Path, stem: str,
                  wanted: Sequence[str], step: Callable[[str], None]) -> None:
    """Write the run's ``exports/``: charts, workbook, deck and PDFs, as ``wanted``.

    The deck reads the validated inputs back from the run's cache (``cache``).
    """
    if set(wanted) - {"pdf"}:
        export_run(build / EXECUTED, build / "exports", [w for w in wanted if w != "pdf"],
                   stem)
    if "pptx" in wanted:
        from cxlib.inputs.loaders import Inputs
        from cxlib.presentation.deck import build_deck

        build_deck(Inputs.from_report(read_cache(cache)),
                   build / "exports" / f"{stem}-deck.pptx")
    if "pdf" in wanted:
        from cxlib.presentation.pdf import find_browser, print_pdf

        browser = find_browser(cfg.language)
        for page in sorted(build.glob("*.html")):
            step(f"{cfg.slug}: {page.stem}.pdf")
            print_pdf(page, build / "exports" / f"{page.stem}.pdf", browser, cfg.language)


def run_client(slug: str, notebooks: list[str] | None = None, run_id: str | None = None,
               step: Callable[[str], None] | None = None,
               exports: Sequence[str] | None = None) -> RunResult:
    """Render one client's reports and publish them atomically.

    Parameters
    ----------
    slug : str
        Client folder name.
    notebooks : list of str, optional
        Notebook names to run (default: all shipped notebooks).
    run_id : str, optional
        Run identifier (default: wave and time).
    step : callable, optional
        Called with a label before each notebook (progress reporting).

    Returns
    -------
    RunResult
        ``ok`` is False with ``error`` set when anything failed; nothing under
        ``reports/<client>/`` changed then.
    """
    started = time.perf_counter()
    result = RunResult(client=slug, run_id=run_id or "")
    build: Path | None = None
    lock: FileLock | None = None
    try:
        cfg = load_config(slug)
        result.run_id = run_id or new_run_id(cfg)
        shipped = list_notebooks()
        chosen = notebooks or shipped
        complete = set(shipped) <= set(chosen)
        partial = "" if complete else t(
            "run_partial", cfg.language, n=len(chosen), total=len(shipped),
            names=", ".join(named(_title(n, cfg.language), cfg.language) for n in chosen))
        wanted = list(exports if exports is not None else cfg.exports)
        report = _preflight(cfg, chosen, wanted)
        lock = _lock(cfg)
        build = paths.build_dir(slug, result.run_id)
        shutil.rmtree(build, ignore_errors=True)
        build.mkdir(parents=True)
        cache = save_cache(report, build / _INPUTS / "inputs.pickle")
        front = _front(report)
        # the kernel reads the inputs from the cache: the runner lets go of its copy (at
        # 10M events, 1.4 GiB it would otherwise hold while the kernel holds its own)
        del report
        gc.collect()
        # inherited by the kernel: inputs read once, charts drawn for the report
        os.environ[CACHE_ENV] = str(cache)
        previous = os.environ.get("CX_REPORT")
        os.environ["CX_REPORT"] = "1"
        try:
            _render(cfg, result.run_id, chosen, build, step or (lambda _label: None),
                    front, partial)
        finally:
            os.environ.pop(CACHE_ENV, None)
            if previous is None:
                os.environ.pop("CX_REPORT", None)
            else:
                os.environ["CX_REPORT"] = previous
        attachments = build / EXECUTED / "attachments"
        for item in sorted(attachments.glob("*")) if attachments.is_dir() else []:
            os.replace(item, build / item.name)  # linked from the reports: published beside
        _deliverables(cfg, cache, build, f"{slug}-{result.run_id}", wanted,
                      step or (lambda _label: None))
        shutil.rmtree(build / _INPUTS, ignore_errors=True)  # client data: never published
        target = _publish(cfg, build, result.run_id, complete)
        result.ok, result.index = True, target / "index.html"
        result.reports = sorted(target.glob("*.html"))
    except CxError as exc:
        result.error = exc.message + _last_good(slug)
    except OSError as exc:
        result.error = _write_failed(exc, slug, build) + _last_good(slug)
    finally:
        if lock is not None:
            lock.release()
        result.seconds = time.perf_counter() - started
    return result


def default_workers(n_clients: int) -> int:
    """Return how many clients to render at once: bounded by cores and by memory.

    Each render needs about 1.5 GB at peak (a kernel with the client's frames); the
    count is the smallest of the number of clients, the cores, and the available memory
    divided by that.
    """
    cores = os.cpu_count() or 1
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        available = 4 * _PER_RENDER
    return max(1, min(n_clients, cores, available // _PER_RENDER))


def _exit_on_interrupt(_signum: int, _frame: object) -> None:
    raise SystemExit(130)


def _quiet_interrupt() -> None:
    """Make Ctrl-C end a worker process as an exit: its run stops unpublished, no traceback.

    A run stopped while a kernel dies leaves nbclient's pending task failed; asyncio would
    log its traceback when the task is collected: the run's result says it instead.
    """
    signal.signal(signal.SIGINT, _exit_on_interrupt)
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)


def run_clients(slugs: list[str], notebooks: list[str] | None = None,
                step: Callable[[str], None] | None = None,
                done: Callable[[RunResult], None] | None = None,
                workers: int | None = None,
                executor: Executor | None = None,
                exports: Sequence[str] | None = None) -> list[RunResult]:
    """Render several clients, in parallel; one failing never stops the others.

    Parameters
    ----------
    slugs : list of str
        Client folder names.
    notebooks : list of str, optional
        Notebook names to run (default: all).
    step : callable, optional
        Progress callback per notebook; used only when rendering one client at a time.
    done : callable, optional
        Called with each client's result as soon as it is known.
    workers : int, optional
        Clients rendered at once on this machine (default: :func:`default_workers`); 1
        renders them one after the other in this process.
    executor : concurrent.futures.Executor, optional
        Run the clients there instead — e.g. a Dask cluster's
        ``Client.get_executor()``. Its workers need this package and the data folder.
    exports : sequence of str, optional
        As for :func:`run_client`.

    Returns
    -------
    list of RunResult
        One per client, in the order given.
    """
    workers = workers or default_workers(len(slugs))
    if executor is None and workers <= 1:
        results = []
        for slug in slugs:
            results.append(run_client(slug, notebooks, step=step, exports=exports))
            if done:
                done(results[-1])
        return results
    own = executor is None
    pool = executor or ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                           initializer=_quiet_interrupt)
    try:
        futures = {pool.submit(run_client, slug, notebooks, None, None, exports): slug
                   for slug in slugs}
        results: dict[str, RunResult] = {}
        for future in as_completed(futures):
            slug = futures[future]
            try:
                results[slug] = future.result()
            except Exception as exc:  # a worker died: report it, the others go on
                results[slug] = RunResult(client=slug, run_id="", ok=False,
                                          error=f"{type(exc).__name__}: {exc}")
            if done:
                done(results[slug])
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[slug] for slug in slugs]
