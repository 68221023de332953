"""Report notebooks run as a consultant opens them: committed parameters, no command line."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from sample_files import PROJECT_ROOT

pytestmark = pytest.mark.slow

REPORTS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_report_notebooks() -> None:
    assert len(REPORTS) >= 6


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_a_report_notebook_runs_with_its_committed_parameters(
        path: Path, demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(demo_home))
    monkeypatch.delenv("CX_REPORT", raising=False)
    nb = nbformat.read(path, as_version=4)
    before = sorted(p.name for p in path.parent.iterdir())
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    assert sorted(p.name for p in path.parent.iterdir()) == before  # nothing left beside it
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = json.dumps([o.get("data", {}).get("text/html", "") for o in outputs])
    assert "Showing demo-en, the first client of the data/ folder." in shown
    assert "cx-chart" in shown or path.stem == "00_overview" or "<table" in shown


def test_a_notebook_opened_with_no_client_anywhere_says_what_to_do(
        cx_home: Path) -> None:
    from cxlib.errors import ConfigError
    from cxlib.presentation.page import Page

    with pytest.raises(ConfigError, match=r"^No client in data: run 'make demo' for the "
                                          r"demo clients, or 'cx init NAME' for a client\.$"):
        Page("", "02_touchpoints", language="en")
