"""Render a client's reports: check, execute with papermill, export, publish atomically.

One run of one client:

1. everything is checked before a kernel starts — ``client.yaml``, every input against the
   data contract, each notebook's parameters against its ``parameters`` cell (an unknown or
   missing parameter is an error, not papermill's warning), the report template;
2. each notebook is executed by papermill into a private build folder
   ``reports/.build/<client>/<run>/.executed/`` and exported to HTML beside it; the
   notebooks share one kernel, reset between them (:class:`_Kernel`), which loads the
   inputs the preflight validated from a cache in the build folder
   (:func:`cxlib.inputs.loaders.save_cache`), deleted before publishing; the consultant's
   own notebooks (``--with``, ``appendices:`` in ``client.yaml``) run after them in the
   same kernel and become appendix pages (:mod:`cxlib.lab.appendices`);
3. ``index.html`` links every report of the run, then its appendices;
4. the executed notebooks, the client's privacy policy and the redaction log
   (:mod:`cxlib.privacy.log`) are moved out of the run to ``reports/.work/<client>/<run>/``,
   never published, and every file of the run is scanned for the identifiers of the inputs
   (:mod:`cxlib.privacy.gate`): one found, the run is refused, naming the file and the kind;
5. only when all of that succeeded is the build folder moved in one rename to
   ``reports/<client>/<run>/`` and, for a run of every notebook, ``reports/<client>/latest.txt``
   updated (a run of some notebooks says so on its index page and never becomes the latest).

On failure nothing under ``reports/<client>/`` changes: the last good report stays, the
executed notebook is kept in the build folder, and the error names it and its failing cell.

Beside this module: :mod:`cxlib.run.parameters` (the notebooks' parameters),
:mod:`cxlib.run.kernel` (the shared kernel), :mod:`cxlib.run.publish` (build folder,
publishing, lock, failures) and :mod:`cxlib.run.batch` (several clients); the names they
took from here are still importable from here.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from filelock import FileLock

from cxlib import paths
from cxlib.analysis.coverage import report_title
from cxlib.analysis.figures import FIGURES_ENV
from cxlib.errors import CxError, RunError
from cxlib.i18n import named, t
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.loaders import (
    CACHE_ENV,
    ValidationReport,
    save_cache,
)
from cxlib.lab.appendices import Appendix, find_appendices
from cxlib.privacy.gate import prepare_policy, prepare_run
from cxlib.privacy.policy import POLICY_ENV
from cxlib.run.batch import default_workers, run_clients
from cxlib.run.kernel import (
    _KERNEL_ARGUMENTS,
    _TIMEOUT,
    _engine_name,
    _failing_cell,
    _Kernel,
    _running_cell,
    early_kernel,
    speculative_kernel,
)
from cxlib.run.parameters import (
    RUNNER_PARAMETERS,
    check_parameters,
    notebook_parameters,
    runner_parameters,
)
from cxlib.run.preflight import checks, list_notebooks, skipped_reports, validated
from cxlib.run.publish import (
    _INPUTS,
    EXECUTED,
    RunResult,
    _deliverables,
    _gate,
    _last_good,
    _lock,
    _publish,
    _set_aside,
    _unexpected,
    _write_failed,
    work_dir,
)

#: The client's privacy policy, beside the executed notebooks (see cxlib.privacy.policy).
_POLICY = "privacy-policy.json"
#: The registry of the figures the run shows in more than one place, published with it.
FIGURES_FILE = "figures.json"

__all__ = [
    "EXECUTED",
    "RUNNER_PARAMETERS",
    "_KERNEL_ARGUMENTS",
    "RunResult",
    "_Kernel",
    "check_parameters",
    "default_workers",
    "list_clients",
    "list_notebooks",
    "new_run_id",
    "notebook_parameters",
    "run_client",
    "run_clients",
    "work_dir",
]


def list_clients() -> list[str]:
    """Return the client folders under ``data/`` that hold a ``client.yaml``."""
    return paths.clients()


def new_run_id(cfg: ClientConfig) -> str:
    """Return a fresh run id: the wave and the local time, e.g. ``W2_2026-11-22_1405``."""
    return f"{cfg.wave}_{datetime.now():%Y-%m-%d_%H%M%S}"


def _execute(name: str, build: Path, params: dict[str, object], cfg: ClientConfig,
             kernel: _Kernel, source: Path | None = None) -> Path:
    """Execute notebook ``name`` (or the appendix ``source``) into the build folder."""
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    label = source.name if source is not None else name  # as the consultant names it
    source = source or paths.notebooks_dir() / f"{name}.ipynb"
    work = build / EXECUTED
    work.mkdir(exist_ok=True)
    target = work / f"{name}.ipynb"
    kernel.reset()
    try:
        pm.execute_notebook(
            str(source), str(target), parameters=params, kernel_name="python3",
            progress_bar=False, log_output=False, cwd=str(work), engine_name=_engine_name(),
            execution_timeout=_TIMEOUT, km=kernel.manager,  # started by _Kernel
            start_timeout=_TIMEOUT,  # the kernel imports ahead before it first answers
        )
    except pm.PapermillExecutionError as exc:
        raise RunError(t("notebook_failed", cfg.language, notebook=label,
                         cell=_failing_cell(target, exc), error=f"{exc.ename}: {exc.evalue}",
                         kept=paths.display(target))) from exc
    except DeadKernelError as exc:
        raise RunError(t("kernel_died", cfg.language, notebook=label, cell=_running_cell(target),
                         kept=paths.display(target))) from exc
    return target


def _export(executed: Path, target: Path, meta: dict[str, object],
            charts: tuple[int, int] | None, cfg: ClientConfig) -> Path:
    """Export a notebook's page, then check the charts it recorded (``charts``: where)."""
    from cxlib.presentation.exports import invalid_charts
    from cxlib.presentation.report import export_html

    export_html(executed, target, meta)
    refused = invalid_charts(executed.parent, *charts) if charts else []
    if refused:
        notebook, section, error = refused[0]
        raise RunError(t("chart_invalid", cfg.language, notebook=notebook, section=section,
                         error=error, kept=paths.display(executed)))
    return target


def _meta(cfg: ClientConfig, run_id: str) -> dict[str, object]:
    logo = cfg.path / cfg.brand.logo if cfg.brand.logo else None
    return {
        "client": cfg.client, "slug": cfg.slug, "wave": cfg.wave,
        "wave_label": cfg.labels("waves")[cfg.wave], "language": cfg.language,
        "date": datetime.now().date().isoformat(), "run_id": run_id,
        "primary": cfg.brand.primary, "secondary": cfg.brand.secondary,
        "logo": str(logo) if logo and logo.is_file() else None,
    }


#: Rows of input under which the front page is computed while the notebooks execute.
_OVERLAP_ROWS = 1_000_000


def _rows(report: ValidationReport) -> int:
    return sum(result.frame.height for result in report.results.values())


def _front(report: ValidationReport, build: Path) -> tuple[dict[str, object] | None, str]:
    """Return the run's executive summary, or None and the reason it could not be made.

    Its figures go into the run's store, where the notebooks read them; their registry is
    written beside the reports (``figures.json``, :mod:`cxlib.analysis.figures`).
    """
    from cxlib.analysis.figures import registry, write_registry
    from cxlib.inputs.loaders import Inputs
    from cxlib.presentation.front import front_page

    cfg = report.config
    try:
        inputs = Inputs.from_report(report)
        front = front_page(inputs)
        write_registry(registry(inputs), build / FIGURES_FILE)
        return front, ""
    except CxError as exc:  # e.g. an input a part of the summary needs is unusable
        return None, t("front_failed", cfg.language, error=str(exc))


def _summary(build: Path, page: str) -> str:
    """Return the index line a notebook's ``Page.summary`` recorded, or an empty text."""
    found = build / EXECUTED / f"{page}.summary.json"
    return json.loads(found.read_text(encoding="utf-8"))["summary"] if found.is_file() else ""


def _result(name: str, build: Path, params: dict[str, object], cfg: ClientConfig,
            kernel: _Kernel, run_id: str, tables: dict[str, str] | None,
            reused: list[str]) -> Path:
    """Execute a notebook, or restore its stored result when nothing it reads changed."""
    from cxlib.run import reuse

    source = paths.notebooks_dir() / f"{name}.ipynb"
    declaration = reuse.declared(source) if tables is not None else None
    if declaration is None:  # no declaration, or --fresh: executed, nothing stored
        return _execute(name, build, params, cfg, kernel)
    key = reuse.reuse_key(cfg, source, params, declaration, tables=tables)
    cache = reuse.ReuseCache(cfg.slug)
    if cache.restore(name, key, run_id, build / EXECUTED):
        reused.append(name)
        return build / EXECUTED / f"{name}.ipynb"
    before = reuse.Snapshot.take(build / EXECUTED)
    executed = _execute(name, build, params, cfg, kernel)
    cache.store(name, key, run_id, build / EXECUTED, *before.written())
    return executed


def _render(cfg: ClientConfig, run_id: str, notebooks: list[str], build: Path,
            step: Callable[[str], None],
            front: Future[tuple[dict[str, object] | None, str]] | None = None, partial: str = "",
            skipped: dict[str, str] | None = None,
            appendices: Sequence[Appendix] = (), *, tables: dict[str, str] | None = None,
            reused: list[str] | None = None, kernel: _Kernel | None = None
            ) -> list[dict[str, str]]:
    """Execute and export every notebook, then the consultant's appendices; index them.

    With ``tables`` (the fingerprints of :func:`cxlib.run.reuse.table_fingerprints`), a
    notebook whose inputs did not change is restored, not executed; its name is added to
    ``reused``. ``kernel`` is the run's kernel when started already; it is closed here.
    """
    from cxlib.presentation.exports import records_size
    from cxlib.presentation.report import write_index

    meta = _meta(cfg, run_id)
    entries = []
    (build / EXECUTED).mkdir(exist_ok=True)
    kernel = kernel or _Kernel(build / EXECUTED)
    exporter = ThreadPoolExecutor(1, thread_name_prefix="cx-export")
    exports: list[Future[Path]] = []
    skipped = skipped or {}
    reused = reused if reused is not None else []
    try:
        for name in notebooks:
            if name in skipped:  # nothing to show with this client's data (yet)
                entries.append({"title": report_title(name, cfg.language), "file": "",
                                "status": "skipped", "summary": skipped[name]})
                continue
            step(f"{cfg.slug}: {name}")
            params = runner_parameters(cfg, run_id)
            start = records_size(build / EXECUTED)
            executed = _result(name, build, params, cfg, kernel, run_id, tables, reused)
            title = report_title(name, cfg.language)
            # a reused report's charts were checked when it was made
            drawn = None if name in reused else (start, records_size(build / EXECUTED))
            # exported while the kernel runs the next notebook: two processes, two cores
            exports.append(exporter.submit(_export, executed, build / f"{name}.html",
                                           {**meta, "title": title}, drawn, cfg))
            entries.append({"title": title, "file": f"{name}.html", "status": "ok",
                            "summary": _summary(build, name)})
        for appendix in appendices:  # after the reports, in the same kernel
            step(f"{cfg.slug}: {appendix.source.name}")
            (build / EXECUTED / f"{appendix.source.stem}.summary.json").unlink(missing_ok=True)
            start = records_size(build / EXECUTED)
            executed = _execute(appendix.name, build, runner_parameters(cfg, run_id), cfg,
                                kernel, source=appendix.source)
            exports.append(exporter.submit(_export, executed, build / appendix.file, {
                **meta, "title": t("report_appendix_title", cfg.language,
                                   title=appendix.title)},
                (start, records_size(build / EXECUTED)), cfg))
            entries.append({"title": appendix.title, "file": appendix.file, "status": "ok",
                            "summary": _summary(build, appendix.source.stem),
                            "kind": "appendix"})
    finally:
        kernel.close()
        exporter.shutdown(wait=True)
    for done in exports:
        done.result()  # an export that failed fails the run, as if it had run in line
    try:
        summary = front.result() if front else (None, "")
    except Exception as exc:  # computed beside the notebooks: its failure is its own
        exc.cx_step = "step_front"  # type: ignore[attr-defined]
        raise
    write_index(build, entries, meta, *summary, partial=partial)
    return entries


def run_client(slug: str, notebooks: list[str] | None = None, run_id: str | None = None,
               step: Callable[[str], None] | None = None,
               exports: Sequence[str] | None = None,
               appendices: Sequence[str | Path] | None = None, *,
               fresh: bool = False) -> RunResult:
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
    exports : sequence of str, optional
        Files besides the HTML (default: ``exports`` of ``client.yaml``).
    appendices : sequence of str or Path, optional
        The consultant's own notebooks (``cx run --with``), run after the reports and
        published as appendices, after those of ``appendices`` in ``client.yaml``.
    fresh : bool
        Execute every notebook, even those whose inputs did not change since their last
        run (by default, such a report is reused: see :mod:`cxlib.run.reuse`).

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
    kernel: _Kernel | None = None
    where = "step_preflight"
    try:
        cfg = load_config(slug)
        result.run_id = run_id or new_run_id(cfg)
        shipped = list_notebooks()
        chosen = notebooks or shipped
        complete = set(shipped) <= set(chosen)
        partial = "" if complete else t(
            "run_partial", cfg.language, n=len(chosen), total=len(shipped),
            names=", ".join(named(report_title(n, cfg.language), cfg.language) for n in chosen))
        wanted = list(exports if exports is not None else cfg.exports)
        extra = find_appendices(cfg, appendices or ())
        checks(cfg, chosen, wanted, extra)
        lock = _lock(cfg)
        build = paths.build_dir(slug, result.run_id)
        shutil.rmtree(build, ignore_errors=True)
        build.mkdir(parents=True)
        # the kernel imports what the reports need while the inputs are validated and
        # stored, the privacy policy prepared (and a large run's front page computed); it
        # reads no input before its first notebook
        run_env = {CACHE_ENV: str(build / _INPUTS / "inputs.pickle"), "CX_REPORT": "1",
                   POLICY_ENV: str(build / EXECUTED / _POLICY),
                   FIGURES_ENV: str(build / _INPUTS / "figures")}
        kernel = speculative_kernel(cfg, runner_parameters(cfg, result.run_id),
                                    build / EXECUTED, chosen, [a.source for a in extra],
                                    run_env, fresh=fresh)
        report = validated(cfg)
        skipped = skipped_reports(report, chosen)
        from cxlib.run.reuse import table_fingerprints

        tables = None if fresh else table_fingerprints(report)
        kernel = kernel or early_kernel(
            cfg, runner_parameters(cfg, result.run_id), build / EXECUTED,
            [n for n in chosen if n not in skipped], [a.source for a in extra], tables,
            run_env)
        cache = save_cache(report, Path(run_env[CACHE_ENV]))
        policy = prepare_policy(report, Path(run_env[POLICY_ENV]))
        # every redact() of the run, in this process and in the kernel, applies the policy
        os.environ[POLICY_ENV] = run_env[POLICY_ENV]
        # the redaction log and the identifiers, ready before the first notebook: for large
        # inputs beside the front page, computed first (the two share the interpreter ill
        # when the front page is computed beside the notebooks)
        large = _rows(report) > _OVERLAP_ROWS
        privacy_job = ThreadPoolExecutor(1, thread_name_prefix="cx-privacy")
        privacy = privacy_job.submit(prepare_run, report, build / EXECUTED,
                                     Path(run_env[POLICY_ENV]), policy=policy)
        privacy_job.shutdown(wait=not large)
        where = "step_front"
        # each figure computed once: the front page's, then the notebooks' reads of them
        os.environ[FIGURES_ENV] = run_env[FIGURES_ENV]
        # computed while the kernel runs the first notebooks, unless the inputs are large:
        # the runner then lets go of its copy first (at 10M events, 1.4 GiB it would
        # otherwise hold while the kernel holds its own)
        front_job = ThreadPoolExecutor(1, thread_name_prefix="cx-front")
        front: Future[tuple[dict[str, object] | None, str]] = front_job.submit(
            _front, report, build)
        front_job.shutdown(wait=large)
        identifiers = privacy.result()
        del report
        if large:  # the front page is done with the inputs: let them go before the kernel
            gc.collect()
        # inherited by the kernel: inputs read once, charts drawn for the report
        os.environ[CACHE_ENV] = str(cache)
        previous = os.environ.get("CX_REPORT")
        os.environ["CX_REPORT"] = "1"
        where = "step_reports"
        try:
            _render(cfg, result.run_id, chosen, build, step or (lambda _label: None),
                    front, partial, skipped, extra, tables=tables, reused=result.reused,
                    kernel=kernel)
        finally:
            os.environ.pop(CACHE_ENV, None)
            if previous is None:
                os.environ.pop("CX_REPORT", None)
            else:
                os.environ["CX_REPORT"] = previous
        attachments = build / EXECUTED / "attachments"
        for item in sorted(attachments.glob("*")) if attachments.is_dir() else []:
            os.replace(item, build / item.name)  # linked from the reports: published beside
        where = "step_exports"
        _deliverables(cfg, cache, build, f"{slug}-{result.run_id}", wanted,
                      step or (lambda _label: None))
        where = "step_publish"
        shutil.rmtree(build / _INPUTS, ignore_errors=True)  # client data: never published
        result.work = _set_aside(build, slug, result.run_id)  # executed notebooks: not sent
        _gate(cfg, build, identifiers)  # refused: the last good report stays
        target = _publish(cfg, build, result.run_id, complete)
        result.ok, result.index = True, target / "index.html"
        result.reports = sorted(target.glob("*.html"))
    except CxError as exc:
        result.error = exc.message + _last_good(slug)
    except OSError as exc:
        result.error = _write_failed(exc, slug, build) + _last_good(slug)
    except Exception as exc:  # a fault of the workbench, not of the data: a log, no traceback
        result.error = _unexpected(exc, slug, result.run_id, getattr(exc, "cx_step", where),
                                   build) + _last_good(slug)
    finally:
        if kernel is not None:  # stopped before the notebooks: not left running
            with contextlib.suppress(Exception):
                kernel.close()
        if build is not None and where == "step_preflight":  # inputs refused: nothing kept
            shutil.rmtree(build, ignore_errors=True)
        os.environ.pop(POLICY_ENV, None)
        os.environ.pop(FIGURES_ENV, None)
        if lock is not None:
            lock.release()
        result.seconds = time.perf_counter() - started
    return result
