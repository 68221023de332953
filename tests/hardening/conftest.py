"""Fixtures of the hardening suite, and the figures it prints at the end of a run.

Every test here carries the ``hardening`` marker (``make hardening`` runs them). The
figures line is counted from the run itself: bad-input cases whose test ran, fuzz examples
hypothesis actually executed, faults the tests report having injected, privacy tests that
failed (leaks), tests that failed on an exception other than an assertion (crashes), and
the acknowledged or published files the fault tests found missing or changed (data lost).
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest

from cxlib import paths

HERE = Path(__file__).parent
FIGURES: Counter = Counter()
_CASES: set[str] = set()


@pytest.fixture
def client(make_client: Callable[..., Path]) -> Callable[[str], Path]:
    """Make the scaffolded client ``acme`` in a language; returns its folder."""

    def make(lang: str = "en") -> Path:
        return make_client("acme", lang)

    return make


@pytest.fixture
def notebooks(cx_home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Replace the shipped notebooks by small ones: ``(name, cell source, …)`` each."""
    folder = cx_home / "notebooks"
    monkeypatch.setattr(paths, "notebooks_dir", lambda: folder)

    def write(*specs: tuple[str, ...]) -> Path:
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.ipynb"):
            old.unlink()
        for name, *sources in specs:
            nb = nbformat.v4.new_notebook()
            parameters = nbformat.v4.new_code_cell('client = ""\nrun_id = ""\nlanguage = ""')
            parameters.metadata["tags"] = ["parameters"]
            nb.cells = [parameters, *(nbformat.v4.new_code_cell(s) for s in sources)]
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                         "language": "python"}
            nbformat.write(nb, folder / f"{name}.ipynb")
        return folder

    return write


@pytest.fixture
def published(cx_home: Path) -> Callable[[str], dict[str, str]]:
    """Return a digest of every file under ``reports/<client>/``, by relative path."""

    def digest(slug: str) -> dict[str, str]:
        folder = paths.reports_dir(slug)
        if not folder.is_dir():
            return {}
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    return digest


class Faults:
    """What a fault test reports to the figures: faults injected, data lost."""

    def __init__(self, record: Callable[[str, object], None]) -> None:
        self._record = record

    def injected(self, n: int = 1) -> None:
        """Count ``n`` faults as injected (call it once the fault really happened)."""
        self._record("faults_injected", n)

    def lost(self, before: dict, after: dict) -> int:
        """Count the entries of ``before`` missing or changed in ``after`` as data lost."""
        n = sum(after.get(key) != value for key, value in before.items())
        self._record("data_lost", n)
        return n


@pytest.fixture
def faults(record_property: Callable[[str, object], None]) -> Faults:
    """Report faults injected and data lost to the figures line."""
    return Faults(record_property)


# -- the figures -------------------------------------------------------------------------------


def _count_examples(test: object) -> None:
    """Wrap a hypothesis test's body so that every example it runs is counted."""
    inner = test.hypothesis.inner_test
    if getattr(inner, "_counted", False):
        return

    @functools.wraps(inner)
    def counted(*args: object, **kwargs: object) -> object:
        FIGURES["fuzz"] += 1
        return inner(*args, **kwargs)

    counted._counted = True
    test.hypothesis.inner_test = counted


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests ``hardening`` and count the examples of its fuzz tests."""
    for item in items:
        if HERE not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.hardening)
        if hasattr(getattr(item, "obj", None), "hypothesis"):
            _count_examples(item.obj)


def _bad_input_case(item: pytest.Item) -> str | None:
    name = Path(item.path).name
    if name == "test_bad_inputs.py" and hasattr(item, "callspec"):
        return item.callspec.id
    return item.nodeid if name == "test_gaps.py" else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """Count each test's outcome into the figures."""
    report = yield
    if call.when == "call" and not report.skipped:
        FIGURES["ran"] += 1
        case = _bad_input_case(item)
        if case:
            _CASES.add(case)
        if report.failed and Path(item.path).name == "test_report_privacy.py":
            FIGURES["leaks"] += 1
        for key, value in item.user_properties:
            FIGURES[key] += value
    if report.failed and call.excinfo is not None \
            and not call.excinfo.errisinstance(AssertionError):
        FIGURES["crashes"] += 1
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures of the hardening tests that ran."""
    if not FIGURES["ran"]:
        return
    terminalreporter.write_line(
        f"Hardening figures: {len(_CASES)} bad-input cases tried, {FIGURES['fuzz']} fuzz "
        f"examples run, {FIGURES['faults_injected']} faults injected, {FIGURES['leaks']} "
        f"leaks found, {FIGURES['crashes']} crashes, {FIGURES['data_lost']} data lost")
