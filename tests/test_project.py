"""The project's own promises: dependencies in sync, layout as documented, clean notebooks."""

import json
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REPORTS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_notebook_globs_find_the_shipped_notebooks() -> None:
    assert len(REPORTS) >= 6 and set(REPORTS) <= set(NOTEBOOKS)


def test_environment_yml_mirrors_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip[-1] == "-e ."
    assert sorted(pip[:-1]) == sorted(wanted)


def test_readme_layout_matches_disk() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    documented = {line.split()[0] for line in block.strip().splitlines()}
    tracked = {"reports/", "data/"}  # git-ignored, created on first use
    for entry in documented - tracked:
        assert (ROOT / entry.rstrip("/")).exists(), f"README lists {entry}, missing on disk"
    top = {p.name + ("/" if p.is_dir() else "") for p in ROOT.iterdir()
           if not p.name.startswith(".") and p.name not in ("Makefile", "README.md",
                                                            "ARCHITECTURE.md", "LICENSE", "API.md")}
    top -= {"__pycache__/", "cxlib.egg-info/", "reports/", "data/"}
    assert top <= documented, f"on disk but not in the README layout: {top - documented}"


def test_readme_data_contract_lists_every_table() -> None:
    from cxlib.inputs.schemas import TABLES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = readme.split("## The data contract", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", readme, flags=re.MULTILINE)
    assert listed == list(TABLES)
    for name, spec in TABLES.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}` |"))
        assert row.rstrip(" |").endswith("yes" if spec.required else "no"), name


def test_readme_describes_every_notebook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The reports", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    reports = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert listed == reports


def test_notebooks_committed_without_outputs() -> None:
    notebooks = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [], f"{path.name} has outputs: strip them"
                assert cell["execution_count"] is None, f"{path.name} has execution counts"


def test_report_notebooks_keep_their_narration_out_of_the_report() -> None:
    for path in REPORTS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":  # the analyst's notes, in English
                assert "remove-cell" in cell["metadata"].get("tags", []), (
                    f"{path.name}: markdown cell not tagged remove-cell: {cell['source'][:60]}")


def test_every_notebook_has_a_parameters_cell_with_runner_parameters() -> None:
    from cxlib.run.runner import RUNNER_PARAMETERS, notebook_parameters

    for path in NOTEBOOKS:
        assert set(RUNNER_PARAMETERS) <= set(notebook_parameters(path)), path.name


def test_every_notebook_has_a_title_message() -> None:
    from cxlib.i18n import MESSAGES

    for path in NOTEBOOKS:
        assert f"title_{path.stem}" in MESSAGES, path.name


def test_every_message_exists_in_both_languages() -> None:
    from cxlib.i18n import MESSAGES

    for key, texts in MESSAGES.items():
        assert set(texts) == {"fr", "en"}, key
        names = [set(re.findall(r"{(\w+)}", texts[lang])) for lang in ("fr", "en")]
        assert names[0] == names[1], f"{key}: placeholders differ between fr and en"
