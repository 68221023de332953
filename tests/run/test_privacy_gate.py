"""The gate before publishing: a run carrying an identifier of the inputs is refused."""

from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path

import nbformat
import pytest

from cxlib.privacy.gate import Identifiers, collect_identifiers, scan_run, scan_text
from cxlib.run.publish import work_dir
from cxlib.run.runner import run_client


def _notebooks(folder: Path, **sources: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, source in sources.items():
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('client = ""\nrun_id = ""\nlanguage = ""')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(textwrap.dedent(source))]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_scan_names_file_and_kind_in_pages_workbooks_and_decks(tmp_path: Path) -> None:
    ids = Identifiers(names={"camille leroy"}, emails={"c.leroy@acme.com"},
                      phones={"612345678"})
    (tmp_path / "exports").mkdir()
    (tmp_path / "a.html").write_text("<p>Cam<b></b>ille&nbsp;LEROY said</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>call 06 12 34 56 78 or c.leroy@acme.com</p>",
                                     encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "exports" / "t.xlsx", "w") as book:
        book.writestr("xl/sharedStrings.xml", "<sst><si><t>4111 1111 1111 1111</t></si></sst>")
    with zipfile.ZipFile(tmp_path / "exports" / "d.pptx", "w") as deck:
        deck.writestr("ppt/slides/slide1.xml", "<a:t>Camille</a:t><a:t> Leroy</a:t>")
    (tmp_path / "exports" / "c.json").write_text(json.dumps({"t": 1733450000000}))
    (tmp_path / "clean.html").write_text("<p>[Employee, after-sales] said 4111</p>")
    assert scan_run(tmp_path, ids) == [
        ("a.html", "roster"), ("b.html", "email"), ("b.html", "phone"),
        ("exports/d.pptx", "roster"), ("exports/t.xlsx", "card")]



@pytest.mark.parametrize(("text", "found"), [
    ("Hélène Dupré-Martin a appelé", True),          # accents and hyphen folded
    ("HELENE DUPRE MARTIN", True),
    ("<td>Hélène</td><td>Dupré-Martin</td>", True),   # split by markup
    ("Hélène a vu M. Dupré-Martin", False),           # the words, not the name
    ("Hélène Dupré-Martinez", False),                 # a longer word
    ("d'Hélène Dupré-Martin", True),
    ("Seán O'Brien wrote", True),
    ("Sean OBrien wrote", False),
])
def test_roster_names_are_found_as_whole_names_only(text: str, found: bool) -> None:
    ids = Identifiers(names={"helene dupre martin", "sean o'brien"})
    assert ("roster" in scan_text(text, ids)) is found


def test_a_long_roster_costs_no_more_than_one_name() -> None:
    roster = {f"prenom{i} nom{i}" for i in range(2000)}
    page = " ".join(f"prenom{i} nom{i + 1}" for i in range(20000))
    assert scan_text(page, Identifiers(names=roster)) == []
    assert scan_text(page + " Prenom7 Nom7.", Identifiers(names=roster)) == ["roster"]

def test_identifiers_come_from_the_inputs(client_dir: Path) -> None:
    from cxlib.inputs.config import load_config
    from cxlib.inputs.loaders import Inputs, validate_client

    inputs = Inputs.from_report(validate_client(load_config("acme")))
    found = collect_identifiers(inputs, transcripts=["Call me on 07700 900123, a@b.co.uk"])
    assert found.names == {"camille leroy"}
    assert found.emails == {"a@b.co.uk"}
    assert found.phones == {"700900123"}


LEAK = """\
    from IPython.display import display, Markdown
    display(Markdown("Interview with Camille Leroy, card 4111 1111 1111 1111."))
"""
CLEAN = """\
    from IPython.display import display, Markdown
    display(Markdown("Interview with [Employee, after-sales]."))
"""


@pytest.mark.slow
def test_a_report_with_a_roster_name_or_a_card_number_is_refused(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib import paths

    books = _notebooks(tmp_path / "notebooks", **{"10_report": CLEAN})
    monkeypatch.setattr(paths, "notebooks_dir", lambda: books)
    good = run_client("acme", run_id="good")
    assert good.ok, good.error
    assert not (good.index.parent / ".executed").exists()  # never sent
    assert (work_dir("acme", "good") / "10_report.ipynb").is_file()
    assert (work_dir("acme", "good") / "redaction-log.json").is_file()

    _notebooks(books, **{"10_report": LEAK})
    refused = run_client("acme", run_id="leak")
    assert not refused.ok
    assert refused.error.splitlines()[0] == (
        "Publishing refused: 2 items of personal data found in the report's files "
        "(10_report.html: payment card number; 10_report.html: name from the interview "
        "roster). The last good report stays; the refused report is kept for checking in "
        "reports/.build/acme/leak.")
    assert "Camille" not in refused.error and "4111" not in refused.error
    assert refused.error.endswith("reports/acme/good")
    assert not (paths.reports_dir("acme") / "leak").exists()
    assert (paths.reports_dir("acme") / "latest.txt").read_text().strip() == "good"


def test_identifiers_are_read_from_a_streamed_log_once_per_distinct_value() -> None:
    import polars as pl

    log = pl.DataFrame({"customer_id": ["jo@acme.com", "C01", "jo@acme.com"] * 1000,
                        "note": ["rappeler au 06 12 34 56 78", None, ""] * 1000,
                        "contact": ["+33 7 12 34 56 78", "C000123456", "0612-345"] * 1000})
    found = collect_identifiers({"events": log.lazy()})
    assert found.emails == {"jo@acme.com"}
    # only values with an @ or ten digits are read: identifiers of nine digits are not phones
    assert found.phones == {"612345678", "712345678"}


def test_the_charts_library_is_not_read_but_everything_around_it_is() -> None:
    ids = Identifiers(names={"camille leroy"})
    library = "function vega(){ /* Camille Leroy wrote this library */ }"
    page = f"<script>{library}</script><p>Bonjour</p>"
    assert scan_text(page, ids, known=(library,)) == []
    assert scan_text(page + "<p>Camille Leroy</p>", ids, known=(library,)) == ["roster"]
    assert scan_text(page.replace("vega", "vegas"), ids, known=(library,)) == ["roster"]
