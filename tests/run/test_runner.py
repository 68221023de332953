"""Runner checks that happen before any kernel starts."""

import html
import textwrap
from pathlib import Path

import nbformat
import pytest

from cxlib.errors import ParameterError
from cxlib.i18n import t
from cxlib.run.runner import (
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


def test_invalid_inputs_stop_the_run_before_any_notebook(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value\nchurn;01/09/2026;abc\n")
    result = run_client("acme")
    assert not result.ok
    assert "data/acme/kpis.csv, row 2, column 'value': found 'abc'" in result.error
    assert not (client_dir.parent.parent / "reports" / "acme").exists()
    # the kernel started beside the validation is stopped, its folder removed
    builds = client_dir.parent.parent / "reports" / ".build" / "acme"
    assert not builds.exists() or not any(builds.iterdir())


@pytest.mark.slow
def test_batch_renders_in_parallel_and_isolates_a_failure(make_client) -> None:
    from cxlib.run.runner import run_clients

    make_client("acme", "en")
    make_client("beta", "fr")
    seen = []
    results = run_clients(["acme", "ghost", "beta"], ["00_overview"], done=seen.append,
                          workers=2)
    assert [r.client for r in results] == ["acme", "ghost", "beta"]
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error.startswith("Client 'ghost' not found")
    assert sorted(r.client for r in seen) == ["acme", "beta", "ghost"]
    assert all(r.index.is_file() for r in results if r.ok)


@pytest.mark.slow
def test_batch_runs_on_a_local_dask_cluster(make_client) -> None:
    distributed = pytest.importorskip("distributed")
    from cxlib.run.runner import run_clients

    make_client("acme", "en")
    make_client("beta", "fr")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = run_clients(["acme", "beta"], ["00_overview"],
                              executor=client.get_executor())
    assert [r.ok for r in results] == [True, True], [r.error for r in results]


def test_default_workers_bounded_by_clients_and_cores() -> None:
    import os

    from cxlib.run.runner import default_workers

    assert default_workers(1) == 1
    assert 1 <= default_workers(50) <= (os.cpu_count() or 1)


@pytest.mark.slow
def test_front_page_of_a_one_row_client_and_a_summary_that_fails(client_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    from cxlib.errors import CxError
    from cxlib.presentation import front

    result = run_client("acme", ["00_overview"], run_id="r1")
    assert result.ok, result.error
    text = result.index.read_text(encoding="utf-8")
    assert 'id="kpis"' in text and 'id="moments"' in text and "could not be made" not in text
    # a run of some notebooks says so, and is never the run sent as the latest
    title = html.escape(t("title_00_overview", "en"), quote=True)
    assert (f"Partial run: 1 of {len(list_notebooks())} reports (&#39;{title}&#39;). It does "
            "not replace the latest complete run: a complete run is what goes to the client."
            ) in text
    assert not (result.index.parent.parent / "latest.txt").exists()

    def fail(*_args: object, **_kwargs: object) -> None:
        raise CxError("boom")

    monkeypatch.setattr(front, "front_page", fail)
    result = run_client("acme", ["00_overview"], run_id="r2")
    assert result.ok, result.error
    text = result.index.read_text(encoding="utf-8")
    assert "The front-page summary could not be made: boom" in text
    assert 'href="00_overview.html"' in text and 'id="kpis"' not in text


def test_notebooks_of_a_run_share_one_kernel_and_nothing_else(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Modules stay imported from one notebook to the next; variables and outputs do not."""
    from cxlib import paths

    folder = tmp_path / "notebooks"
    folder.mkdir()
    params = 'client = ""\nrun_id = ""\nlanguage = ""'
    first = textwrap.dedent("""\
        import logging, os, sys
        warm = [n for n in ("names", "name", "sklearn", "scipy", "cxlib") if n in dir()]
        assert not warm, warm  # imported ahead by the kernel, in a namespace of its own
        assert "sklearn.cluster" in sys.modules and "cxlib.presentation.page" in sys.modules
        # started before the runner set them for itself: given the run's settings all the same
        assert os.environ["CX_REPORT"] == "1", os.environ.get("CX_REPORT")
        for name in ("CX_INPUTS_CACHE", "CX_PRIVACY", "CX_FIGURES"):
            assert os.path.exists(os.environ[name]) or name == "CX_FIGURES", name
        secret = "first notebook"
        secret
        tornado = logging.getLogger("tornado").level
        open("first.txt", "w").write(f"{os.getpid()} {tornado}")
        import cxlib.analysis.personas  # segments: scikit-learn's k-means imported ahead""")
    second = textwrap.dedent("""\
        import os, sys
        left = [n for n in ("secret", "tornado", "logging") if n in dir()]
        imported = "logging" in sys.modules
        open("second.txt", "w").write(f"{os.getpid()} {left} {len(Out)} {imported}")""")
    for name, source in (("10_first", first), ("20_second", second)):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell, nbformat.v4.new_code_cell(source)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    monkeypatch.setattr(paths, "notebooks_dir", lambda: folder)
    result = run_client("acme", ["10_first", "20_second"], run_id="r1")
    assert result.ok, result.error
    executed = result.work  # the executed notebooks' folder, outside the published run
    assert not (result.index.parent / ".executed").exists()
    pid, tornado = (executed / "first.txt").read_text().split()
    assert tornado == "50"  # CRITICAL: no messaging traceback on Ctrl-C
    assert (executed / "second.txt").read_text() == f"{pid} [] 0 True"


def test_unknown_export_or_missing_browser_refused_before_any_kernel(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    result = run_client("acme", ["00_overview"], exports=["xlsx", "docx"])
    assert not result.ok
    assert result.error.startswith("Unknown export format: docx. Expected one of: svg, png, "
                                   "xlsx, pptx, pdf.")
    monkeypatch.delenv("CX_BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_client("acme", ["00_overview"], exports=["pdf"])
    assert not result.ok
    assert result.error.startswith("Cannot print PDFs: no Chromium or Chrome browser found")
    assert not (client_dir.parent.parent / "reports" / ".build").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Not rendered</td>"),
    ("fr", "Non produit</td>"),
])
def test_a_report_without_its_data_is_left_out_and_listed_with_the_reason(
        make_client, drop_tables, lang: str, line: str) -> None:
    folder = make_client("acme", lang)
    drop_tables(folder, "interviews", "codebook", "codings")
    result = run_client("acme", notebooks=["00_overview", "03_interviews"])
    assert result.ok, result.error
    assert not (result.index.parent / "03_interviews.html").exists()
    index = html.unescape(result.index.read_text(encoding="utf-8"))
    reason = ("Add the 'interviews' table to see 'Interviews: what employees and customers "
              "say'." if lang == "en" else
              "Pour voir «\u00a0Entretiens : ce que disent salariés et clients\u00a0», ajoutez "
              "la table «\u00a0interviews\u00a0».")
    assert reason in index
    assert line in index


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Unexpected error during the front page for client 'acme' (ValueError: boom). "
           "The details are in "),
    ("fr", "Erreur inattendue pendant la page d'accueil du client « acme » (ValueError : boom)."
           " Le détail est dans "),
])
def test_an_unexpected_error_outside_a_notebook_is_one_message_and_a_log(
        make_client, monkeypatch: pytest.MonkeyPatch, lang: str, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    from cxlib.presentation import front
    from cxlib.run.cli import main

    make_client("acme", lang)

    def boom(*_args: object, **_kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(front, "front_page", boom)
    assert main(["run", "acme"]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    assert message.replace("ValueError : boom", "ValueError: boom") in output
    log = Path(output.split(" est dans " if lang == "fr" else " are in ")[1].split(" ")[0]
               .rstrip(":"))
    from cxlib import paths

    log = log if log.is_absolute() else paths.root() / log
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "ValueError: boom" in log.read_text(encoding="utf-8")


def test_only_the_most_recent_working_folders_are_kept(cx_home: Path) -> None:
    import os
    import time

    from cxlib.run.publish import EXECUTED, KEEP_WORK, _set_aside, work_dir

    old = [work_dir("acme", f"W1_old_{i}") for i in range(KEEP_WORK + 2)]
    for i, folder in enumerate(old):
        folder.mkdir(parents=True)
        (folder / "01.ipynb").write_text("{}")
        os.utime(folder, (time.time() - 1000 + i, time.time() - 1000 + i))
    build = cx_home / "build"
    (build / EXECUTED).mkdir(parents=True)
    (build / EXECUTED / "02.ipynb").write_text("{}")
    work = _set_aside(build, "acme", "W2_new")
    assert (work / "02.ipynb").is_file()
    kept = sorted(p.name for p in work.parent.iterdir())
    assert kept == sorted(["W2_new", *(p.name for p in old[-(KEEP_WORK - 1):])])


def test_a_chart_vega_lite_refuses_fails_the_run_beside_the_kernel(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A runner's kernel draws charts unchecked; the runner checks them before publishing."""
    from cxlib import paths

    monkeypatch.setenv("CX_CHECK_CHARTS", "0")  # as on a consultant's machine
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('client = ""\nrun_id = ""\nlanguage = ""')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell(textwrap.dedent("""\
        import altair as alt
        import polars as pl
        from cxlib.presentation.page import Page
        page = Page(client, "10_chart")
        chart = alt.Chart(pl.DataFrame({"a": [1]})).mark_point().encode(x="a:Q")
        chart.width = "as wide as possible"
        page.chart(chart)"""))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "10_chart.ipynb")
    monkeypatch.setattr(paths, "notebooks_dir", lambda: folder)
    result = run_client("acme", ["10_chart"], run_id="r1")
    assert not result.ok
    assert result.error.startswith(
        "Notebook 10_chart drew a chart that Vega-Lite refuses (section \"\"): "
        "width: 'as wide as possible' is not of type 'number'. Nothing was published"), result.error
    assert not (paths.reports_dir() / "acme" / "r1").exists()
