"""Runner checks that happen before any kernel starts."""

from pathlib import Path

import nbformat
import pytest

from cxlib.errors import ParameterError
from cxlib.runner import (
    check_parameters,
    list_clients,
    list_notebooks,
    notebook_parameters,
    run_client,
)


def _notebook(tmp_path: Path, source: str, tagged: bool = True) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    if tagged:
        cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path = tmp_path / "10_sample.ipynb"
    nbformat.write(nb, path)
    return path


def test_parameters_read_from_tagged_cell(tmp_path: Path) -> None:
    path = _notebook(tmp_path, 'client = ""\nrun_id = ""\nlanguage = ""\nmin_n: int = 30\n')
    assert notebook_parameters(path) == {"client": "", "run_id": "", "language": "",
                                         "min_n": 30}


def test_error_if_unknown_or_missing_parameter(tmp_path: Path) -> None:
    path = _notebook(tmp_path, 'client = ""\nrun_id = ""\nlanguage = ""\nmin_n = 30\n')
    with pytest.raises(ParameterError, match=r"Parameters refused for notebook 10_sample: "
                       r"unknown: min_base; missing: run_id\. Accepted parameters: client, "
                       r"run_id, language, min_n\."):
        check_parameters(path, {"client": "acme", "language": "en", "min_base": 5}, "en")


def test_optional_parameters_may_be_omitted(tmp_path: Path) -> None:
    path = _notebook(tmp_path, 'client = ""\nmin_n = 30\n')
    check_parameters(path, {"client": "acme"}, "en")


def test_error_if_no_parameters_cell(tmp_path: Path) -> None:
    path = _notebook(tmp_path, "x = 1", tagged=False)
    with pytest.raises(ParameterError, match=r"has no cell tagged 'parameters'"):
        notebook_parameters(path)


def test_shipped_notebooks_listed_in_order() -> None:
    names = list_notebooks()
    assert names[0] == "00_overview"
    assert names == sorted(names)


def test_clients_listed(make_client) -> None:
    make_client("beta", "en")
    make_client("alpha", "fr")
    assert list_clients() == ["alpha", "beta"]


def test_error_if_unknown_notebook_requested_before_any_kernel(client_dir: Path) -> None:
    result = run_client("acme", ["99_nothing"])
    assert not result.ok
    assert result.error.startswith("Unknown notebooks: 99_nothing. Available notebooks: "
                                   "00_overview")
    assert not (client_dir.parent.parent / "reports" / ".build").exists()


def test_invalid_inputs_stop_the_run_before_any_kernel(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value\nchurn;01/09/2026;abc\n")
    result = run_client("acme")
    assert not result.ok
    assert "data/acme/kpis.csv, row 2, column 'value': found 'abc'" in result.error
    assert not (client_dir.parent.parent / "reports" / "acme").exists()
