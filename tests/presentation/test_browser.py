"""Rendered reports open in headless Chromium with no network: charts drawn, nothing fetched.

Needs Debian's ``chromium``; without it these tests are skipped with a message saying how to
get it, unless ``CX_REQUIRE_BROWSER=1`` (as in CI), which makes a missing browser a failure.
"""

import os
from pathlib import Path

import pytest
from browser import HOW_TO_GET, check_pages, chromium_path

from cxlib.presentation import report

pytestmark = pytest.mark.browser

META = {"client": "Acme", "slug": "acme", "wave": "W1", "wave_label": "Wave 1",
        "language": "en", "date": "2026-11-26", "run_id": "r1", "primary": "#1f4e79",
        "secondary": "#f2a900", "logo": None, "title": "Test page"}


@pytest.fixture(scope="module", autouse=True)
def browser_available() -> None:
    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)


def _page(tmp_path: Path, body: str) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": body})]
    nb.cells = [cell]
    source = tmp_path / "page.ipynb"
    nbformat.write(nb, source)
    return report.export_html(source, tmp_path / "page.html", META)


def _chart(spec: str) -> str:
    return ('<div class="cx-chart"><script type="application/json" class="cx-spec">'
            f"{spec}</script></div>")


GOOD = ('{"mark":"bar","data":{"values":[{"a":"x","b":3},{"a":"y","b":5}]},'
        '"encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"b","type":"quantitative"}}}')


def test_two_charts_draw_offline(cx_home: Path, tmp_path: Path) -> None:
    [check] = check_pages([_page(tmp_path, _chart(GOOD) + _chart(GOOD))])
    assert check.problems == []
    assert check.charts == 2


def test_check_catches_a_chart_that_cannot_draw(cx_home: Path, tmp_path: Path) -> None:
    [check] = check_pages([_page(tmp_path, _chart('{"mark": "bar", "data": '))])
    assert check.chart_errors and check.chart_errors[0].startswith(
        "This chart could not be drawn:")
    assert any(p.startswith("console error: cx chart:") for p in check.problems)


def test_check_catches_an_outside_request(cx_home: Path, tmp_path: Path) -> None:
    [check] = check_pages([_page(tmp_path, '<img alt="x" src="https://cdn.example.com/a.png">')])
    assert check.outside_requests == ["https://cdn.example.com/a.png"]


def test_scaffolded_client_report_offline(client_dir: Path, tmp_path: Path) -> None:
    from cxlib.run.runner import run_client

    result = run_client("acme", run_id="b1")
    assert result.ok, result.error
    checks = check_pages(result.reports, screenshot_dir=tmp_path / "shots")
    assert {c.path.name: c.problems for c in checks} == {p.name: [] for p in result.reports}
    assert sum(c.charts for c in checks) >= 2
    assert all((tmp_path / "shots" / f"{p.stem}.png").stat().st_size > 10_000
               for p in result.reports)


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_demo_reports_offline(demo_runs: dict, slug: str) -> None:
    result = demo_runs[slug]
    assert result.ok, result.error
    checks = check_pages(result.reports)
    assert {c.path.name: c.problems for c in checks} == {p.name: [] for p in result.reports}
    assert all(c.charts > 0 for c in checks if c.path.name != "index.html")
