"""Faults during a run: a killed kernel, a full disk, two runs at once, an interrupt.

Each fault is injected into a real run — real kernels, real files, real processes — of
scaffolded clients whose notebooks are small ones written here. After each, the last good
report is intact byte for byte, nothing half-written sits under ``reports/<client>/``,
and the error is one message naming what failed.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cxlib import paths
from cxlib.run.runner import run_client

GOOD = 'print(f"report of {client}")'
KILL = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
#: Waits, when CX_TEST_GATE is set, until the test opens the gate (client ``beta`` only).
GATE = """import os, pathlib, time
gate = os.environ.get("CX_TEST_GATE")
if gate and client in os.environ.get("CX_TEST_GATED", "").split(","):
    pathlib.Path(gate + ".waiting").write_text(str(os.getpid()))
    while not pathlib.Path(gate).exists():
        time.sleep(0.05)
"""
#: ``cx`` on the test's notebooks; a file, so that spawned worker processes patch alike.
LAUNCHER = """import os
import sys
from pathlib import Path

from cxlib import paths

paths.notebooks_dir = lambda: Path(os.environ["CX_TEST_NOTEBOOKS"])

if __name__ == "__main__":
    from cxlib.run.cli import main

    sys.exit(main(sys.argv[1:]))
"""


def _wait_for(path: Path, process: subprocess.Popen,
              ready: Callable[[], bool] = lambda: True) -> None:
    """Wait until ``path`` exists (a kernel reached its gate) and ``ready()``, or the end."""
    while not (path.exists() and ready()):
        if process.poll() is not None:
            raise AssertionError(process.communicate())
        try:
            process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            pass


def _cx(cx_home: Path, *args: str, gate: Path | None = None,
        gated: str = "beta") -> subprocess.Popen:
    """Start ``cx`` in its own session, on the test's notebooks and project home."""
    env = {**os.environ, "CX_HOME": str(cx_home), "CX_LANG": "en",
           "CX_TEST_NOTEBOOKS": str(cx_home / "notebooks")}
    if gate is not None:
        env |= {"CX_TEST_GATE": str(gate), "CX_TEST_GATED": gated}
    launcher = cx_home / "launch_cx.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(launcher), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _kill_kernel(gate: Path) -> None:
    """Stop a kernel left waiting at its gate, by the id it wrote there."""
    marker = gate.with_name(gate.name + ".waiting")
    gate.touch()
    if marker.exists():
        try:
            os.kill(int(marker.read_text()), signal.SIGKILL)
        except ProcessLookupError:
            pass


# -- a. the kernel is killed ---------------------------------------------------------------

@pytest.mark.slow
def test_killed_kernel_fails_the_run_and_keeps_the_last_good_report(
        client: Callable, notebooks: Callable, published: Callable, faults) -> None:
    client("en")
    notebooks(("00_tiny", GOOD))
    assert run_client("acme", run_id="good").ok
    before = published("acme")
    notebooks(("00_tiny", GOOD), ("01_killed", "x = 1", KILL, "y = 2"))
    result = run_client("acme", run_id="bad")
    faults.injected()
    faults.lost(before, published("acme"))
    assert result.error == (
        "Notebook 01_killed stopped dead at cell 3: its Python kernel was killed (out of "
        "memory, or the process was stopped). Nothing was published.\n"
        "The executed notebook is kept: reports/.build/acme/bad/.executed/01_killed.ipynb\n"
        "The last good report is still in place: reports/acme/good")
    assert not result.ok
    assert published("acme") == before
    assert (paths.build_dir("acme", "bad") / ".executed" / "01_killed.ipynb").is_file()


# -- b. the disk is full -----------------------------------------------------------------------

def _full_disk(target: str) -> OSError:
    return OSError(errno.ENOSPC, "No space left on device", target)


def _html_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import cxlib.presentation.report

    def export_html(executed: Path, target: Path, meta: dict) -> None:
        target.write_bytes(b"<!DOCTYPE html><html><body>half a rep")  # then the disk fills
        raise _full_disk(str(target))

    monkeypatch.setattr(cxlib.presentation.report, "export_html", export_html)


def _latest_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    write_text = Path.write_text

    def partial(self: Path, data: str, *args: object, **kwargs: object) -> int:
        if self.name.endswith(".latest.tmp"):
            write_text(self, data[:2], *args, **kwargs)
            raise _full_disk(str(self))
        return write_text(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", partial)


def _notebook_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from papermill.iorw import LocalHandler

    write = LocalHandler.write
    calls = []

    def partial(self: LocalHandler, buf: str, path: str) -> object:
        calls.append(path)
        if len(calls) > 2:  # the executed notebook, once a cell has run
            write(self, buf[: len(buf) // 2], path)
            raise _full_disk(path)
        return write(self, buf, path)

    monkeypatch.setattr(LocalHandler, "write", partial)


@pytest.mark.slow
@pytest.mark.parametrize(("where", "fail"), [
    ("reports/.build/acme/bad/00_tiny.html", _html_fails),
    ("reports/.build/acme/.bad.latest.tmp", _latest_fails),
    ("reports/.build/acme/bad/.executed/00_tiny.ipynb", _notebook_fails),
], ids=["html", "latest", "executed_notebook"])
def test_full_disk_publishes_nothing_and_frees_the_build_folder(
        client: Callable, notebooks: Callable, published: Callable, faults,
        monkeypatch: pytest.MonkeyPatch, where: str, fail: Callable) -> None:
    client("en")
    notebooks(("00_tiny", GOOD))
    assert run_client("acme", run_id="good").ok
    before = published("acme")
    with monkeypatch.context() as patch:
        fail(patch)
        result = run_client("acme", run_id="bad")
    faults.injected()
    faults.lost(before, published("acme"))
    assert result.error == (
        f"Disk full while writing {where}: nothing was published and the build folder "
        "reports/.build/acme/bad was removed. Free some space, then run 'cx run acme' again.\n"
        "The last good report is still in place: reports/acme/good")
    assert published("acme") == before
    assert sorted(p.name for p in (paths.root() / "reports" / ".build" / "acme").iterdir()) \
        == []


def test_unwritable_build_folder_is_one_message(client: Callable, faults,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import cxlib.run.runner

    def refused(report: object, target: Path) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    client("fr")
    monkeypatch.setattr(cxlib.run.runner, "save_cache", refused)
    result = run_client("acme", run_id="bad")
    faults.injected()
    assert result.error == ("Accès impossible à reports/.build/acme/bad/.inputs/inputs.pickle "
                            ": Permission denied. Rien n'a été publié.")
    assert not paths.reports_dir("acme").exists()


# -- c. two runs of one client at once ------------------------------------------------------

HOLD = """import sys
from filelock import FileLock
from cxlib import paths

lock = FileLock(paths.run_lock("acme"))
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


@pytest.mark.slow
def test_second_run_refused_while_another_holds_the_client_and_free_once_it_dies(
        client: Callable, notebooks: Callable, cx_home: Path, faults) -> None:
    client("en")
    notebooks(("00_tiny", GOOD))
    holder = subprocess.Popen([sys.executable, "-c", HOLD], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "CX_HOME": str(cx_home)})
    try:
        assert holder.stdout.readline() == "held\n"
        refused = run_client("acme", run_id="second")
        faults.injected()
    finally:
        holder.kill()  # a crashed run: its lock file stays on disk
        holder.wait()
    assert refused.error == ("Client 'acme' is already being rendered by another 'cx run' "
                             "(lock reports/.build/acme.lock): wait for it to finish, then run "
                             "again.")
    assert not paths.build_dir("acme", "second").exists()
    assert paths.run_lock("acme").exists()
    after = run_client("acme", run_id="third")  # the stale lock file does not block
    assert after.ok, after.error


def test_second_run_refused_in_french(client: Callable) -> None:
    from filelock import FileLock

    client("fr")
    with FileLock(paths.run_lock("acme")):
        refused = run_client("acme", run_id="second")
    assert refused.error == ("Le client « acme » est déjà en cours de production par un autre "
                             "« cx run » (verrou reports/.build/acme.lock) : attendez qu'il se "
                             "termine puis relancez.")


@pytest.mark.slow
def test_two_real_runs_at_once_the_second_is_refused_the_first_publishes(
        client: Callable, notebooks: Callable, cx_home: Path, published: Callable,
        faults) -> None:
    client("en")
    notebooks(("00_tiny", GATE, GOOD))
    gate = cx_home / "gate"
    first = _cx(cx_home, "run", "acme", "--quiet", gate=gate, gated="acme")
    try:
        _wait_for(gate.with_name("gate.waiting"), first)
        second = run_client("acme", run_id="second")
        faults.injected()
        gate.touch()
        _out, err = first.communicate(timeout=600)
    finally:
        _kill_kernel(gate)
        first.kill()
    assert second.error.startswith("Client 'acme' is already being rendered")
    assert first.returncode == 0, err
    runs = [p.name for p in paths.reports_dir("acme").iterdir() if p.is_dir()]
    assert len(runs) == 1 and runs[0] != "second"
    assert "report of acme" in (paths.reports_dir("acme") / runs[0] / "00_tiny.html").read_text()
    faults.lost({}, {})


# -- d. an interrupt during a batch ---------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("jobs", "finished", "interrupted"), [
    ("1", ["acme"], ["beta", "gamma"]),  # one after the other: gamma never started
    # worker processes: gamma is published beside beta, but its result may still be on its
    # way to the command when Ctrl-C comes — then it is listed as unfinished
    ("2", ["acme", "gamma"], ["beta"]),
])
def test_interrupt_during_a_batch_keeps_every_report_and_exits_without_traceback(
        make_client: Callable, notebooks: Callable, cx_home: Path, published: Callable,
        faults, jobs: str, finished: list[str], interrupted: list[str]) -> None:
    for slug in ("acme", "beta", "gamma"):
        make_client(slug, "en")
    notebooks(("00_tiny", GATE, GOOD))
    for slug in ("beta", "gamma"):
        assert run_client(slug, run_id="good").ok
    before = {slug: published(slug) for slug in ("beta", "gamma")}
    gate = cx_home / "gate"
    batch = _cx(cx_home, "run", "acme", "beta", "gamma", "--jobs", jobs, "--quiet", gate=gate)

    def done() -> bool:
        latest = [paths.reports_dir(s) / "latest.txt" for s in finished]
        return all(f.is_file() and f.read_text().strip() != "good" for f in latest)

    try:
        _wait_for(gate.with_name("gate.waiting"), batch, done)  # beta is running
        os.killpg(batch.pid, signal.SIGINT)  # Ctrl-C in the terminal
        faults.injected()
        out, err = batch.communicate(timeout=600)
    finally:
        _kill_kernel(gate)
        batch.kill()
    faults.lost({s: before[s] for s in interrupted}, {s: published(s) for s in interrupted})
    assert "Traceback" not in err, err
    assert batch.returncode == 130
    reported = sorted(line.split()[1] for line in out.splitlines()[:-1])
    if jobs == "2" and reported == ["acme"]:
        interrupted = ["beta", "gamma"]
    assert reported == sorted({"acme", "beta", "gamma"} - set(interrupted))
    assert err == (f"Interrupted before the end: {', '.join(interrupted)}. Each keeps a "
                   "complete published report: the one reports/<client>/latest.txt names "
                   "(the previous one, or this run's if it finished just before the "
                   "interruption).\nInterrupted: reports already published are intact.\n")
    assert all(line.startswith("OK ") for line in out.splitlines()[:-1])
    clients = "client" if len(reported) == 1 else "clients"
    assert out.splitlines()[-1].startswith(f"{len(reported)} {clients} rendered, 0 failed (")
    for slug in finished:  # each finished client's new run is whole
        run = (paths.reports_dir(slug) / "latest.txt").read_text().strip()
        assert (paths.reports_dir(slug) / run / "index.html").is_file()
    interrupted = [s for s in interrupted if s not in finished]
    assert {slug: published(slug) for slug in interrupted} == \
        {slug: before[slug] for slug in interrupted}
    assert not list((cx_home / "reports" / "beta").glob("W1_*"))


@pytest.mark.slow
def test_killed_kernel_through_the_command_line_is_one_message(
        client: Callable, notebooks: Callable, cx_home: Path, faults) -> None:
    client("en")
    notebooks(("00_killed", KILL))
    out, err = _cx(cx_home, "run", "acme", "--quiet").communicate(timeout=600)
    faults.injected()
    faults.lost({}, {})
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("FAILED acme ")
    assert lines[1] == ("Notebook 00_killed stopped dead at cell 2: its Python kernel was "
                        "killed (out of memory, or the process was stopped). Nothing was "
                        "published.")
    assert lines[2].startswith("The executed notebook is kept: reports/.build/acme/W1_")
    assert lines[2].endswith("/.executed/00_killed.ipynb")
    assert len(lines) == 3, err
    assert out.splitlines() == [out.splitlines()[0]]
    assert out.startswith("0 clients rendered, 1 failed (")
    assert not paths.reports_dir("acme").exists()
