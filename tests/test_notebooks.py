"""Every shipped notebook runs on both demo clients, and the reports keep their promises."""

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

pytestmark = pytest.mark.slow

DEMOS = ("demo-fr", "demo-en")


@pytest.mark.parametrize("slug", DEMOS)
def test_every_notebook_renders(demo_runs: dict, slug: str) -> None:
    from cxlib.run.runner import list_notebooks

    result = demo_runs[slug]
    assert result.ok, result.error
    assert sorted(p.stem for p in result.reports) == sorted([*list_notebooks(), "index"])


@pytest.mark.parametrize("slug", DEMOS)
def test_reports_small_and_free_of_transcript_pii(demo_runs: dict,
                                                  transcript_canaries: Callable,
                                                  slug: str) -> None:
    canaries = transcript_canaries(slug)
    for report in demo_runs[slug].reports:
        html = report.read_text(encoding="utf-8")
        assert report.stat().st_size < 5_000_000, report.name
        leaked = [c for c in canaries if c in html]
        assert not leaked, f"{report.name} leaks {leaked[:3]}"


@pytest.mark.parametrize("slug", DEMOS)
def test_overview_states_scope_in_client_language(demo_runs: dict, slug: str) -> None:
    html = (demo_runs[slug].index.parent / "00_overview.html").read_text(encoding="utf-8")
    if slug == "demo-fr":
        assert "Périmètre de la mission" in html and "Inventaire des données" in html
    else:
        assert "Engagement scope" in html and "Data inventory" in html


def test_export_files_carry_no_transcript_pii(demo_home: Path,
                                              transcript_canaries: Callable) -> None:
    import zipfile

    from cxlib.run.runner import run_client

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        result = run_client("demo-fr", ["03_interviews", "04_kpis"], run_id="exports",
                            exports=["svg", "xlsx", "pptx"])
    assert result.ok, result.error
    canaries = transcript_canaries("demo-fr")
    files = sorted((result.index.parent / "exports").iterdir())
    assert {p.suffix for p in files} == {".svg", ".xlsx", ".pptx"}
    for path in files:
        if path.suffix == ".svg":
            content = path.read_text(encoding="utf-8")
        else:  # xlsx and pptx are zips of XML parts
            with zipfile.ZipFile(path) as archive:
                content = " ".join(archive.read(n).decode("utf-8", "ignore")
                                   for n in archive.namelist() if n.endswith(".xml"))
        leaked = [c for c in canaries if c in content]
        assert not leaked, f"{path.name} leaks {leaked[:3]}"


@pytest.mark.parametrize("slug", DEMOS)
def test_workbook_holds_the_matrix_and_code_frequencies(
        demo_runs: dict, demo_inputs: dict, demo_spans: dict, demo_evidence: dict,
        slug: str) -> None:
    import openpyxl

    from cxlib.analysis import interviews
    from cxlib.i18n import t

    inputs, evidence = demo_inputs[slug], demo_evidence[slug]
    codes = interviews.code_frequency_table(inputs, demo_spans[slug])
    lang = inputs.config.language
    [path] = (demo_runs[slug].index.parent / "exports").glob("*-tables.xlsx")
    book = openpyxl.load_workbook(path)
    sheets = {s.title: s for s in book.worksheets}
    [matrix] = [s for n, s in sheets.items() if n.startswith("02-" + (
        "matrice" if lang == "fr" else "touchpoint-mat"))]
    rows = list(matrix.iter_rows(values_only=True))
    assert rows[0] == tuple(t(k, lang) for k in (
        "col_channel", "col_stage", "col_touchpoint", "col_valence", "col_moment_of_truth",
        "col_owner", "col_evidence"))
    assert len(rows) - 1 == inputs["touchpoints"].height
    names = dict(evidence.select("name", "evidence").iter_rows())
    assert all(names[r[2]] == r[6] for r in rows[1:])  # evidence counts, as numbers
    [freq] = [s for n, s in sheets.items() if n.startswith("03-" + (
        "frequences" if lang == "fr" else "code-frequen"))]
    rows = list(freq.iter_rows(values_only=True))
    assert len(rows) - 1 == codes.height
    assert sum(r[2] for r in rows[1:]) == codes["passages"].sum()
    themes = [r for r in rows[1:] if r[0] == t("code_kind_theme", lang)]
    assert themes and themes[0][1] == codes.filter(pl.col("kind") == "theme")["code"][0]


@pytest.mark.parametrize("slug", DEMOS)
def test_front_page_shows_the_planted_truths(demo_runs: dict, demo_inputs: dict,
                                             slug: str) -> None:
    import html as html_lib

    from cxlib.demo import TRUTHS

    inputs = demo_inputs[slug]
    truth, cfg = TRUTHS[slug], inputs.config
    text = html_lib.unescape(demo_runs[slug].index.read_text(encoding="utf-8"))
    names = dict(inputs["touchpoints"].select("touchpoint_id", "name").iter_rows())
    persona = dict(inputs["personas"].select("persona_id", "name").iter_rows())
    expected = [names[truth["detractor_driver_touchpoint"]],
                cfg.labels("channels")[truth["dropout_channel"]],
                persona[truth["store_first_persona"]],
                cfg.labels("departments")[truth["uninterviewed_department"]],
                names[truth["wave_new_irritant"]], names[truth["wave_resolved_irritant"]],
                "+7 " if slug == "demo-fr" else "+12 "]
    assert [x for x in expected if x not in text] == []
    for notebook in ("00_overview", "05_journey_map"):
        assert f'href="{notebook}.html"' in text


@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_workbooks_write_days_as_the_reports_do(demo_runs: dict, slug: str) -> None:
    import datetime

    import openpyxl

    folder = demo_runs[slug].index.parent
    books = [*folder.glob("*.xlsx"), *(folder / "exports").glob("*.xlsx")]
    days = [cell for path in books for sheet in openpyxl.load_workbook(path).worksheets
            for row in sheet.iter_rows(min_row=2) for cell in row
            if isinstance(cell.value, datetime.date)]
    assert days  # the action plan's due dates at least
    assert {cell.number_format for cell in days} == {"DD/MM/YYYY"}
