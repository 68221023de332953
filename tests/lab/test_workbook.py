"""``cx notebook CLIENT``: the consultant's own notebook, pre-filled, paired, never overwritten."""

from __future__ import annotations

import ast
import html
import shutil
from pathlib import Path

import nbformat
import pytest

from cxlib.run.cli import main

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture
def home(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project home of this test's own, holding copies of both demo clients."""
    for slug in DEMOS:
        shutil.copytree(demo_home / "data" / slug, tmp_path / "data" / slug)
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    monkeypatch.delenv("CX_LANG", raising=False)
    monkeypatch.delenv("CX_REPORT", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return tmp_path


@pytest.mark.parametrize(("slug", "done", "refused"), [
    ("demo-fr",
     "Notebook notebooks/work/demo-fr/deep-dive.ipynb créé pour le client « demo-fr », apparié "
     "à notebooks/work/demo-fr/deep-dive.py (jupytext). Ouvrez-le dans JupyterLab (« make lab »)"
     " ; « cx run demo-fr --with notebooks/work/demo-fr/deep-dive.ipynb » l'ajoute au rapport "
     "en annexe.",
     "notebooks/work/demo-fr/deep-dive.ipynb existe déjà : rien n'a été écrasé. Ouvrez-le dans "
     "JupyterLab, ou choisissez un autre nom : « cx notebook demo-fr --name NOM »."),
    ("demo-en",
     "Notebook notebooks/work/demo-en/deep-dive.ipynb created for client 'demo-en', paired with"
     " notebooks/work/demo-en/deep-dive.py (jupytext). Open it in JupyterLab ('make lab'); "
     "'cx run demo-en --with notebooks/work/demo-en/deep-dive.ipynb' adds it to the report as "
     "an appendix.",
     "notebooks/work/demo-en/deep-dive.ipynb already exists: nothing was overwritten. Open it in"
     " JupyterLab, or choose another name: 'cx notebook demo-en --name NAME'."),
])
def test_cx_notebook_creates_the_pair_then_refuses_to_overwrite_it(
        home: Path, capsys: pytest.CaptureFixture[str], slug: str, done: str,
        refused: str) -> None:
    assert main(["notebook", slug]) == 0
    assert capsys.readouterr().out.strip() == done
    folder = home / "notebooks" / "work" / slug
    assert sorted(p.name for p in folder.iterdir()) == ["deep-dive.ipynb", "deep-dive.py"]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["notebook", slug]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == refused
    assert "Traceback" not in captured.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_script_left_alone_also_blocks_a_new_notebook(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notebook", "demo-en", "--name", "churn"]) == 0
    (home / "notebooks" / "work" / "demo-en" / "churn.ipynb").unlink()
    capsys.readouterr()
    assert main(["notebook", "demo-en", "--name", "churn.ipynb"]) == 1
    assert capsys.readouterr().err.startswith(
        "notebooks/work/demo-en/churn.py already exists: nothing was overwritten.")


@pytest.mark.parametrize(("argv", "message"), [
    (["notebook", "demo-en", "--name", "deep dive"],
     "Notebook name 'deep dive' refused: letters, digits, '_' or '-' only, no spaces "
     "(e.g. deep-dive)."),
    (["notebook", "demo-fr", "--name", "../escape"],
     "Nom de notebook « ../escape » refusé : des lettres, chiffres, « _ » ou « - », sans espace"
     " (par exemple deep-dive)."),
    (["notebook", "ghost"],
     "Client 'ghost' not found: folder data/ghost does not exist. Create it with 'cx init "
     "ghost'; 'cx list' shows the clients."),
])
def test_bad_names_and_unknown_clients_are_one_message(
        home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 1
    assert capsys.readouterr().err.strip() == message
    assert not (home / "notebooks").exists() or not any((home / "notebooks").rglob("*.ipynb"))


def test_the_notebook_has_the_runner_parameters_and_guarded_examples(home: Path) -> None:
    from cxlib.inputs.config import load_config
    from cxlib.lab.workbook import PAIRING, create_workbook
    from cxlib.run.parameters import (
        RUNNER_PARAMETERS,
        check_parameters,
        notebook_parameters,
        runner_parameters,
    )

    made = create_workbook("demo-en", "kpi-dig")
    assert made.notebook == home / "notebooks" / "work" / "demo-en" / "kpi-dig.ipynb"
    assert made.language == "en"
    assert notebook_parameters(made.notebook) == {"client": "demo-en", "run_id": "",
                                                  "language": ""}
    assert tuple(notebook_parameters(made.notebook)) == RUNNER_PARAMETERS
    check_parameters(made.notebook, runner_parameters(load_config("demo-en"), "r1"), "en")
    nb = nbformat.read(made.notebook, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["jupytext"] == {"formats": PAIRING} == {"formats": "ipynb,py:percent"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert code[0].metadata["tags"] == ["parameters"]
    assert "from cxlib import Page, load_inputs" in code[1].source
    assert 'Page(client, "kpi-dig", language=language)' in code[1].source
    examples = code[2:]
    for needle in ("from cxlib.journeys import transitions, variants",
                   "from cxlib.kpis import nps", "page.chart(page.charts.",
                   "from cxlib.coding import quotable, read_transcript, redact"):
        assert any(needle in c.source.replace("\n        ", "") for c in examples), needle
    for cell in examples:
        ast.parse(cell.source)
        assert cell.source.count("inputs.has(") >= 1  # only data the client has
        before = nb.cells[nb.cells.index(cell) - 1]
        assert before.cell_type == "markdown" and before.source.startswith("## ")
    assert nb.cells[0].source.startswith("# Deep dive\n")
    assert nb.cells[1].metadata["tags"] == ["remove-cell"]  # the consultant's guide


def test_the_paired_script_holds_the_same_cells_in_percent_format(home: Path) -> None:
    import jupytext

    from cxlib.lab.workbook import create_workbook

    made = create_workbook("demo-fr")
    text = made.script.read_text(encoding="utf-8")
    assert "format_name: percent" in text and "formats: ipynb,py:percent" in text
    assert '# %% tags=["parameters"]\nclient = "demo-fr"' in text
    assert made.script.stat().st_mtime_ns >= made.notebook.stat().st_mtime_ns
    paired = jupytext.read(made.script)
    nb = nbformat.read(made.notebook, as_version=4)
    assert [(c.cell_type, c.source) for c in paired.cells] == \
        [(c.cell_type, c.source) for c in nb.cells]
    assert nb.cells[0].source.startswith("# Analyses complémentaires\n")


def _execute(path: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


@pytest.mark.slow
def test_the_created_notebook_runs_on_a_demo_client(home: Path,
                                                    transcript_canaries) -> None:
    from cxlib.lab.workbook import create_workbook

    made = create_workbook("demo-fr")
    folder_before = sorted(p.name for p in made.notebook.parent.iterdir())
    nb = _execute(made.notebook)
    outputs = _outputs(nb)
    assert [o for o in outputs if o.output_type == "error"] == []
    shown = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert shown.count("<table") >= 3  # transitions, variants, NPS by wave
    assert "Passages les plus fréquents d" in shown and "Vague 2" in shown
    assert shown.count('class="cx-lab-chart"') == 1  # the chart, drawn in JupyterLab
    assert shown.count('class="cx-quote"') == 3
    assert "Non montré" not in shown
    leaked = [c for c in transcript_canaries("demo-fr") if c in shown]
    assert leaked == []
    assert sorted(p.name for p in made.notebook.parent.iterdir()) == folder_before


@pytest.mark.slow
def test_the_created_notebook_shows_only_what_a_partial_client_allows(
        make_client, drop_tables, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib.lab.workbook import create_workbook

    monkeypatch.delenv("CX_REPORT", raising=False)
    folder = make_client("acme", "en")
    drop_tables(folder, "events", "codings")
    made = create_workbook("acme")
    outputs = _outputs(_execute(made.notebook))
    assert [o for o in outputs if o.output_type == "error"] == []
    shown = html.unescape("\n".join(str(o.get("data", {}).get("text/html", ""))
                                    for o in outputs))
    assert "Not shown: this client has no 'events' table yet." in shown
    assert "Not shown: this client has no 'codings' table yet." in shown
    # the scaffold's one survey answer is under the minimum base: said, neither table nor chart
    assert shown.count("No segment reaches 10 answers: nothing to show here.") == 2
    assert "<table" not in shown and "cx-lab-chart" not in shown
