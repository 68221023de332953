"""Rendering where no disk is shared with the consultant: the folder goes, the run comes back.

With ``cx run --scheduler``, a worker of a Dask cluster may run on another machine: it
sees neither ``data/`` nor ``reports/`` of the consultant. :func:`render_shipped` runs there:
it receives the client's folder as an archive, renders it with the workbench installed on
the worker — in a process of its own, whose ``CX_HOME`` is a temporary folder — and
returns the published run as an archive. :func:`receive` then publishes that run on the
consultant's machine with the same atomic move as a local run; a failed run publishes
nothing and the last good report stays.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cxlib import paths
from cxlib.errors import CxError
from cxlib.inputs.config import load_config
from cxlib.run.publish import RunResult, _last_good, _lock, _publish, _write_failed

__all__ = ["pack", "receive", "render_shipped", "ship"]

_CHILD = """
import json, sys
from cxlib.run.runner import run_client
slug, notebooks, exports, fresh = json.loads(sys.argv[1])
result = run_client(slug, notebooks, exports=exports, fresh=fresh)
print(json.dumps({"ok": result.ok, "run_id": result.run_id, "error": result.error,
                  "seconds": result.seconds, "reused": result.reused}))
"""


def pack(folder: Path) -> bytes:
    """Return a folder's files as a gzipped tar archive (names relative to the folder)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for item in sorted(folder.rglob("*")):
            archive.add(item, arcname=str(item.relative_to(folder)), recursive=False)
    return buffer.getvalue()


def _unpack(data: bytes, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        archive.extractall(target, filter="data")  # no absolute names, no links out


def render_shipped(slug: str, client: bytes, notebooks: Sequence[str] | None = None,
                   exports: Sequence[str] | None = None,
                   fresh: bool = False) -> tuple[dict[str, object], bytes | None]:
    """Render a client whose folder arrives as an archive; return the run as an archive.

    Runs on a cluster's worker. The render happens in a child process whose ``CX_HOME``
    is a temporary folder holding only this client: nothing of the worker's own folders
    is read or written, and several renders on one worker never share a folder.

    Parameters
    ----------
    slug : str
        The client.
    client : bytes
        The client's folder (``data/<slug>/``), from :func:`pack`.
    notebooks, exports, fresh
        As for :func:`cxlib.run.runner.run_client`.

    Returns
    -------
    tuple
        The run's outcome (``ok``, ``run_id``, ``error``, ``seconds``, ``reused``,
        ``complete``) and, when it was published, the run's folder from :func:`pack`.
    """
    with tempfile.TemporaryDirectory(prefix="cx-shipped-") as home:
        _unpack(client, Path(home) / "data" / slug)
        env = {**os.environ, "CX_HOME": home}
        env.pop("CX_REPORT", None)
        args = json.dumps([slug, list(notebooks) if notebooks else None,
                           list(exports) if exports is not None else None, fresh])
        done = subprocess.run([sys.executable, "-c", _CHILD, args], env=env, cwd=home,
                              capture_output=True, text=True, check=False)
        lines = done.stdout.strip().splitlines()
        if done.returncode or not lines:  # the child process itself failed
            said = [x for x in (done.stderr + done.stdout).splitlines() if x.strip()]
            return {"ok": False, "run_id": "", "error": said[-1] if said else "",
                    "seconds": 0.0, "reused": [], "complete": False}, None
        outcome = json.loads(lines[-1])
        if not outcome["ok"]:
            return {**outcome, "complete": False}, None
        reports = Path(home) / "reports" / slug
        latest = reports / "latest.txt"
        outcome["complete"] = latest.is_file() and latest.read_text(
            encoding="utf-8").strip() == outcome["run_id"]
        return outcome, pack(reports / outcome["run_id"])


def receive(slug: str, outcome: dict[str, object], run: bytes | None) -> RunResult:
    """Publish on this machine a run rendered elsewhere (see :func:`render_shipped`).

    Parameters
    ----------
    slug : str
        The client.
    outcome : dict
        The first value :func:`render_shipped` returned.
    run : bytes or None
        The run's folder, None when the run failed.

    Returns
    -------
    RunResult
        As a local run's: ``index`` and ``reports`` point at this machine's
        ``reports/<client>/<run>/``.
    """
    result = RunResult(client=slug, run_id=str(outcome.get("run_id") or ""),
                       seconds=float(outcome.get("seconds") or 0.0),
                       reused=list(outcome.get("reused") or []))  # type: ignore[arg-type]
    if not outcome.get("ok") or run is None:
        result.error = str(outcome.get("error") or "") + _last_good(slug)
        return result
    try:
        cfg = load_config(slug)
        lock = _lock(cfg)
        try:
            build = paths.build_dir(slug, result.run_id)
            _unpack(run, build)
            target = _publish(cfg, build, result.run_id, bool(outcome.get("complete")))
        finally:
            lock.release()
    except CxError as exc:  # e.g. a local run of the same client is under way
        result.error = exc.message + _last_good(slug)
        return result
    except OSError as exc:
        result.error = _write_failed(exc, slug, None) + _last_good(slug)
        return result
    result.ok, result.index = True, target / "index.html"
    result.reports = sorted(target.glob("*.html"))
    return result


def ship(slug: str) -> bytes:
    """Return the client's folder (``data/<slug>/``) as an archive for a worker."""
    return pack(paths.data_dir() / slug)
