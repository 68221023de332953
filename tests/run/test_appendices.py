"""A consultant's own notebooks as appendices of a run: ``cx run --with``, ``appendices:``.

The slow tests render ``demo-fr`` once, with the notebook ``cx notebook`` writes, in a
project home of this module's own (copies of the demo clients): the appendix page, its
place on the index page, the offline browser check, the privacy scan of rendered reports,
and a failing appendix that must leave that published run untouched.
"""

from __future__ import annotations

import getpass
import hashlib
import html
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest

from cxlib import paths
from cxlib.run.cli import main
from cxlib.run.runner import run_client

_LIBRARY_SCRIPT = re.compile(r"<script(?![^>]*cx-spec)[^>]*>.*?</script>", re.DOTALL)
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)


def _notebook(path: Path, *sources: str, markdown: str = "",
              parameters: str = 'client = ""\nrun_id = ""\nlanguage = ""') -> Path:
    """Write a small notebook: a parameters cell, then markdown and code cells."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [*([nbformat.v4.new_markdown_cell(markdown)] if markdown else []), cell,
                *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# -- before any kernel: names, files, parameters, configuration ------------------------------


def test_a_missing_appendix_is_refused_before_any_kernel(client_dir: Path) -> None:
    result = run_client("acme", ["00_overview"], appendices=["ghost.ipynb", "nowhere/x.ipynb"])
    assert not result.ok
    assert result.error.startswith(
        "Appendix notebook not found: notebooks/work/acme/ghost.ipynb, nowhere/x.ipynb. Create "
        "one with 'cx notebook acme', or give the path of an existing .ipynb file.")
    assert not paths.build_dir("acme", result.run_id).exists()


def test_an_appendix_with_an_unknown_parameter_is_refused_like_a_report(
        client_dir: Path, cx_home: Path) -> None:
    odd = _notebook(cx_home / "notebooks" / "work" / "acme" / "odd.ipynb",
                    parameters='client = ""\nrun_id = ""\nlanguage = ""\ntheme = ""')
    result = run_client("acme", ["00_overview"], appendices=[odd])
    assert not result.ok
    assert result.error.startswith("Parameters refused for notebook odd: unknown: -; missing: "
                                   "theme. Accepted parameters: client, run_id, language, theme.")
    assert not paths.build_dir("acme", result.run_id).exists()


def test_two_notebooks_published_under_one_page_are_refused(client_dir: Path,
                                                            tmp_path: Path) -> None:
    first = _notebook(tmp_path / "a" / "deep dive.ipynb")
    second = _notebook(tmp_path / "b" / "deep-dive.ipynb")
    result = run_client("acme", ["00_overview"], appendices=[first, second, first])
    assert not result.ok
    assert result.error.startswith("Two appendices would be published as "
                                   "appendix-deep-dive.html: rename one of ")


def test_appendices_in_client_yaml_are_file_names_of_the_client_folder(
        client_dir: Path) -> None:
    from cxlib.errors import ConfigError
    from cxlib.inputs.config import load_config

    assert load_config("acme").appendices == ()
    config = client_dir / "client.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "appendices: [deep-dive.ipynb, churn.ipynb]\n", encoding="utf-8")
    assert load_config("acme").appendices == ("deep-dive.ipynb", "churn.ipynb")
    config.write_text(text + "appendices: [../elsewhere.ipynb]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"appendices.*a notebook's file name in "
                                          r"notebooks/work/<client>/"):
        load_config("acme")


def test_with_names_one_client(make_client, capsys: pytest.CaptureFixture[str]) -> None:
    make_client("acme", "en")
    make_client("beta", "en")
    assert main(["run", "acme", "beta", "--with", "x.ipynb", "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == (
        "--with adds one client's own notebooks to its run: give exactly one client, not --all "
        "(for every run of a client, list them under 'appendices:' in its client.yaml).")


def test_the_title_is_the_first_shown_heading_or_the_file_name(tmp_path: Path) -> None:
    from cxlib.lab.appendices import notebook_title

    nb = nbformat.v4.new_notebook()
    note = nbformat.v4.new_markdown_cell("# For me only")
    note.metadata["tags"] = ["remove-cell"]
    nb.cells = [note, nbformat.v4.new_code_cell("# not a heading"),
                nbformat.v4.new_markdown_cell("Intro\n\n## *Churn* in `Q3` ##")]
    assert notebook_title(nb, "churn") == "Churn in Q3"
    nb.cells = nb.cells[:2]
    assert notebook_title(nb, "churn") == "churn"


# -- rendered: the appendix page, the index, the browser, privacy, failure --------------------


@pytest.fixture(scope="module")
def home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project home of this module's own, holding copies of both demo clients."""
    root = tmp_path_factory.mktemp("appendix-home")
    for slug in ("demo-fr", "demo-en"):
        shutil.copytree(demo_home / "data" / slug, root / "data" / slug)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(root))
        patch.delenv("CX_LANG", raising=False)
        patch.setenv("LANG", "C.UTF-8")
        yield root


@pytest.fixture(scope="module")
def rendered(home: Path) -> dict:
    """``cx notebook demo-fr`` then ``cx run demo-fr --with`` it: the published run."""
    assert main(["notebook", "demo-fr"]) == 0
    notebook = home / "notebooks" / "work" / "demo-fr" / "deep-dive.ipynb"
    assert main(["run", "demo-fr", "--with", str(notebook), "--quiet"]) == 0
    run = paths.reports_dir("demo-fr") / (paths.reports_dir("demo-fr") / "latest.txt") \
        .read_text(encoding="utf-8").strip()
    return {"notebook": notebook, "run": run, "page": run / "appendix-deep-dive.html",
            "index": run / "index.html"}


def _visible(path: Path) -> str:
    """A page without the vega libraries and styles the template inlines."""
    return _STYLE.sub("", _LIBRARY_SCRIPT.sub("", path.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_the_appendix_is_published_after_the_reports_with_its_label(rendered: dict) -> None:
    from cxlib.run.runner import list_notebooks

    run = rendered["run"]
    assert sorted(p.name for p in run.glob("*.html")) == sorted(
        [*(f"{n}.html" for n in list_notebooks()), "appendix-deep-dive.html", "index.html"])
    from cxlib.run.publish import work_dir

    assert (work_dir("demo-fr", run.name) / "appendix-deep-dive.ipynb").is_file()
    assert not (run / ".executed").exists()  # never published
    index = html.unescape(rendered["index"].read_text(encoding="utf-8"))
    reports = index.split('id="reports"', 1)[1]  # the list of reports, after the summary
    rows = re.findall(r'<tr[^>]*>\s*<td>(.*?)</td>', reports, re.S)
    links = [re.search(r'href="([^"]+)"', row).group(1) for row in rows]
    assert links == [*(f"{n}.html" for n in list_notebooks()), "appendix-deep-dive.html"]
    assert rows[-1] == ('<span class="cx-badge cx-appendix">Annexe</span> '
                        '<a href="appendix-deep-dive.html">Analyses complémentaires</a>')


@pytest.mark.slow
def test_the_appendix_page_shows_outputs_and_markdown_never_code(rendered: dict) -> None:
    page = html.unescape(_visible(rendered["page"]))
    assert '<div class="cx-report-title">Annexe : Analyses complémentaires</div>' in page
    assert '<a class="cx-index-link" href="index.html">' in page
    toc = re.search(r'<nav[^>]*class="cx-toc".*?</nav>', page, re.S).group(0)
    entries = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert [text for _anchor, text in entries] == [
        "Parcours : transitions et variantes", "NPS par vague", "NPS par étape du parcours",
        "Paroles d'interviewés"]
    for anchor, _text in entries:
        assert f'id="{anchor}"' in page
    assert "¶" not in page
    assert page.count("<table") >= 3 and page.count('class="cx-chart"') == 1
    assert page.count('class="cx-quote"') == 3
    for code in ("import polars", "load_inputs", "inputs.has(", "page.table", "Pour le consultant",
                 "remove-cell", 'client = "demo-fr"'):
        assert code not in page, code


@pytest.mark.slow
def test_the_appendix_carries_nothing_a_report_may_not(rendered: dict, home: Path,
                                                       transcript_canaries: Callable) -> None:
    """The privacy scan of rendered reports, on the appendix page and the index."""
    user = getpass.getuser()
    local = {str(home), str(home.resolve()), str(paths.notebooks_dir().parent),
             f"{Path.home()}/", f"/home/{user}", f"/Users/{user}"}
    word = re.compile(rf"(?<![\w-]){re.escape(user)}(?![\w-])")
    canaries = transcript_canaries("demo-fr")
    for page in (rendered["page"], rendered["index"]):
        raw = page.read_text(encoding="utf-8")
        assert [c for c in canaries if c in raw] == [], page.name
        text = _visible(page)
        assert [p for p in local if p in text] == [], page.name
        assert not word.search(text), f"{page.name} names the user {user!r}"
        for internal in ("injected-parameters", "# Parameters", "CX_INPUTS_CACHE",
                         "inputs.pickle", ".build", "papermill", "notebooks/work"):
            assert internal not in text, f"{page.name} shows {internal!r}"
    from cxlib.run.publish import work_dir

    executed = nbformat.read(work_dir("demo-fr", rendered["run"].name)
                             / "appendix-deep-dive.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {"client": "demo-fr", "run_id":
                                                      rendered["run"].name, "language": "fr"}


@pytest.mark.slow
@pytest.mark.browser
def test_the_appendix_and_the_index_pass_the_offline_browser_check(rendered: dict) -> None:
    from browser import HOW_TO_GET, check_pages, chromium_path

    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    page, index = check_pages([rendered["page"], rendered["index"]])
    assert page.problems == [] and index.problems == []
    assert page.charts == 1


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_failing_appendix_fails_the_run_and_leaves_the_published_one(
        rendered: dict, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = paths.reports_dir("demo-fr")
    before = _digest(published)
    failing = _notebook(home / "notebooks" / "work" / "demo-fr" / "failing.ipynb",
                        "x = 1", 'raise ValueError("boom")', markdown="# Churn")
    capsys.readouterr()
    assert main(["run", "demo-fr", "--notebooks", "00_overview", "--with", "failing",
                 "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("FAILED demo-fr ")
    assert (
        '\nLe notebook failing.ipynb a échoué à la cellule 4 (raise ValueError("boom")) : '
        "ValueError: boom\nLe notebook exécuté est conservé : reports/.build/demo-fr/") in err
    assert err.endswith("\nLe dernier rapport publié reste en place : reports/demo-fr/"
                        f"{rendered['run'].name}\n")
    assert "Traceback" not in err
    assert _digest(published) == before  # the last good run, untouched
    kept = list((home / "reports" / ".build" / "demo-fr").glob(
        "*/.executed/appendix-failing.ipynb"))
    assert len(kept) == 1  # for the consultant to inspect
    assert not kept[0].parent.parent.joinpath("appendix-failing.html").exists()
    assert failing.is_file()


@pytest.mark.slow
def test_appendices_named_in_client_yaml_run_with_every_run(rendered: dict,
                                                           home: Path) -> None:
    folder = home / "notebooks" / "work" / "demo-fr"
    _notebook(folder / "churn.ipynb", 'print("churn")', markdown="## Churn, *quarter* by quarter")
    config = home / "data" / "demo-fr" / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nappendices: [churn.ipynb]\n",
                      encoding="utf-8")
    try:
        result = run_client("demo-fr", ["00_overview"], run_id="yaml",
                            appendices=[folder / "deep-dive.ipynb"])
    finally:
        config.write_text(config.read_text(encoding="utf-8").replace(
            "\nappendices: [churn.ipynb]\n", ""), encoding="utf-8")
    assert result.ok, result.error
    index = html.unescape(result.index.read_text(encoding="utf-8"))
    assert index.index('href="00_overview.html"') < index.index('href="appendix-churn.html"') \
        < index.index('href="appendix-deep-dive.html"')
    assert ">Churn, quarter by quarter</a>" in index
    page = (result.index.parent / "appendix-churn.html").read_text(encoding="utf-8")
    assert re.search(r'<pre class="cx-stdout">churn\s*</pre>', page)
