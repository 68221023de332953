"""Publishing a run: the build folder, the atomic move, ``latest.txt``, the lock, failures.

A run is built in ``reports/.build/<client>/<run>/`` and moved in one rename to
``reports/<client>/<run>/`` only once everything succeeded (:func:`_publish`) and no file
of it carries an identifier of the inputs (:func:`_gate`); its executed notebooks go to
``reports/.work/<client>/<run>/`` first (:func:`_set_aside`), never published. On a
failure nothing under ``reports/<client>/`` changes: the error says which file failed
(:func:`_write_failed`) and where the last good report is (:func:`_last_good`).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from cxlib import paths
from cxlib.errors import CxError, RunError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.privacy.gate import Identifiers, scan_run

__all__ = ["EXECUTED", "RunResult", "work_dir"]

#: Sub-folder of a run's build folder holding the executed notebooks while it renders: they
#: carry the client's data and are for the consultant, never for the client. Before the run
#: is published they are moved out of it, to :func:`work_dir` (a failed run keeps them in
#: its build folder).
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
    work : Path or None
        The run's working folder (executed notebooks, redaction log), never published.
    reused : list of str
        The notebooks whose previous result was reused: nothing they read had changed.
    """

    client: str
    run_id: str
    ok: bool = False
    index: Path | None = None
    error: str = ""
    seconds: float = 0.0
    reports: list[Path] = field(default_factory=list)
    work: Path | None = None
    reused: list[str] = field(default_factory=list)


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


def work_dir(slug: str, run_id: str) -> Path:
    """Return the working folder of a published run: ``reports/.work/<client>/<run>/``.

    It holds what the consultant may need and the client must never get — the executed
    notebooks, the redaction log — outside the run folder that is zipped and sent.
    """
    return paths.reports_dir() / ".work" / slug / run_id


#: Working folders kept per client: those of its most recent runs (they hold client data).
KEEP_WORK = 5


def _set_aside(build: Path, slug: str, run_id: str) -> Path:
    """Move the executed notebooks out of the run about to be published; return where.

    Only the working folders of the client's :data:`KEEP_WORK` most recent runs are kept:
    executed notebooks carry the client's data, and a run's own are made again by running
    it again.
    """
    work = work_dir(slug, run_id)
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    if (build / EXECUTED).is_dir():
        os.replace(build / EXECUTED, work)
    else:
        work.mkdir()
    older = sorted((p for p in work.parent.iterdir() if p.is_dir() and p != work),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP_WORK - 1:]:
        shutil.rmtree(stale, ignore_errors=True)
    return work


def _gate(cfg: ClientConfig, build: Path, identifiers: Identifiers) -> None:
    """Refuse to publish a run any file of which carries an identifier of the inputs.

    Raises
    ------
    RunError
        Naming each file and kind found (never the value) and where the run is kept.
    """
    from cxlib.presentation.render import vega_bundle

    found = scan_run(build, identifiers, known=(vega_bundle(),))  # the charts' library
    if not found:
        return
    lang = cfg.language
    items = "; ".join(t("privacy_refused_item", lang, file=file,
                        kind=t(f"privacy_kind_{kind}", lang)) for file, kind in found)
    raise RunError(t("privacy_refused", lang, n=len(found), found=items,
                     kept=paths.display(build)))


def _unexpected(exc: Exception, slug: str, run_id: str, where: str,
                build: Path | None) -> str:
    """Write the traceback of an unexpected error to a log; return the one-line message."""
    import traceback

    from cxlib.i18n import detect_language

    try:
        lang = load_config(slug).language
    except CxError:
        lang = detect_language()
    folder = build if build is not None and build.is_dir() else paths.build_dir(slug, "")
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"error-{run_id or 'run'}.log"
    log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return t("unexpected_error", lang, step=t(where, lang), client=slug,
             error=f"{type(exc).__name__}: {exc}", log=paths.display(log))


def _deliverables(cfg: ClientConfig, cache: Path, build: Path, stem: str,
                  wanted: Sequence[str], step: Callable[[str], None]) -> None:
    """Write the run's ``exports/``: charts, workbook, deck and PDFs, as ``wanted``.

    The deck reads the validated inputs back from the run's cache (``cache``).
    """
    from cxlib.inputs.loaders import read_cache
    from cxlib.presentation.exports import export_run

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
