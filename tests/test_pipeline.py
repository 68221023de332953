"""End to end: render a client, publish atomically, keep the last good report on failure."""

import hashlib
from pathlib import Path

import nbformat
import pytest

from cxlib import paths
from cxlib.run.runner import run_client

pytestmark = pytest.mark.slow


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_render_publishes_index_and_reports(client_dir: Path) -> None:
    result = run_client("acme", run_id="r1")
    assert result.ok, result.error
    run = paths.reports_dir("acme") / "r1"
    assert result.index == run / "index.html"
    assert (run / "00_overview.html").is_file()
    assert (paths.reports_dir("acme") / "latest.txt").read_text().strip() == "r1"
    assert not paths.build_dir("acme", "r1").exists()
    html = (run / "00_overview.html").read_text(encoding="utf-8")
    assert "Scope and data" in html
    assert "import cxlib" not in html  # no code in the deliverable


def test_corrupt_input_fails_and_last_good_report_is_untouched(client_dir: Path,
                                                               write_csv) -> None:
    assert run_client("acme", run_id="good").ok
    before = _digest(paths.reports_dir("acme"))
    write_csv(client_dir, "survey", "response_id;customer_id;wave;date;nps\n"
              "R1;C1;W1;15/09/2026;9\nR2;C2;W1;16/09/2026;dix\n")
    result = run_client("acme", run_id="bad")
    assert not result.ok
    assert result.error.splitlines() == [
        "1 problem in the input data (data/acme/survey.csv):",
        "  - data/acme/survey.csv, row 3, column 'nps': found 'dix', expected a whole number "
        "(e.g. 12)",
        "The last good report is still in place: reports/acme/good",
    ]
    assert _digest(paths.reports_dir("acme")) == before


def test_failing_cell_named_and_executed_notebook_kept(client_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_client("acme", run_id="good").ok
    before = _digest(paths.reports_dir("acme"))
    books = tmp_path / "notebooks"
    books.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('client = ""\nrun_id = ""\nlanguage = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("ratio = 1 / 0  # broken analysis")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, books / "00_overview.ipynb")
    monkeypatch.setattr(paths, "notebooks_dir", lambda: books)
    result = run_client("acme", run_id="broken")
    assert not result.ok
    kept = paths.build_dir("acme", "broken") / ".executed" / "00_overview.ipynb"
    assert result.error.splitlines() == [
        "Notebook 00_overview failed at cell 3 (ratio = 1 / 0  # broken analysis): "
        "ZeroDivisionError: division by zero",
        f"The executed notebook is kept: {paths.display(kept)}",
        "The last good report is still in place: reports/acme/good",
    ]
    assert kept.is_file()
    assert _digest(paths.reports_dir("acme")) == before
