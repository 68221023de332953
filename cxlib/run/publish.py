"""Publishing a run: the build folder, the atomic move, ``latest.txt``, the lock, failures.

A run is built in ``reports/.build/<client>/<run>/`` and moved in one rename to
``reports/<client>/<run>/`` only once everything succeeded (:func:`_publish`). On a
failure nothing under ``reports/<client>/`` changes: the error says which file failed
(:func:`_write_failed`) and where the last good report is (:func:`_last_good`).
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from cxlib import paths
from cxlib.errors import CxError, RunError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig, load_config

__all__ = ["EXECUTED", "RunResult"]

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
