"""Open rendered reports in headless Chromium with the network cut off.

Used by the browser tests, and by hand to look at a report::

    .venv/bin/python tests/browser.py reports/demo-fr/<run>/00_overview.html out.png

Debian's ``chromium`` is driven through Playwright's Python API (no browser download). A
page passes when it loads with no console error, no page error, no request leaving the
file, and every chart container holding drawn marks.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOW_TO_GET = ("headless Chromium not found: install Debian's chromium "
              "(sudo apt-get install chromium) or set CX_CHROMIUM to a Chromium binary")


def chromium_path() -> str | None:
    """Return the Chromium binary to use, or None when there is none."""
    return os.environ.get("CX_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")


@dataclass
class PageCheck:
    """What the browser saw on one page."""

    path: Path
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    charts: int = 0
    charts_without_marks: int = 0
    chart_errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every reason the page fails, empty when it passes."""
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"page error: {m}" for m in self.page_errors),
            *(f"outside request: {u}" for u in self.outside_requests),
            *(f"chart error: {m}" for m in self.chart_errors),
            *([f"{self.charts_without_marks} of {self.charts} charts drew no marks"]
              if self.charts_without_marks else []),
        ]


_COUNT_CHARTS = """() => {
  const boxes = [...document.querySelectorAll('.cx-chart')];
  const empty = boxes.filter(b => !b.querySelector('svg .mark-rect, svg .mark-symbol, '
      + 'svg .mark-line, svg .mark-area, svg .mark-arc, svg .mark-text, svg .mark-rule, '
      + 'svg .mark-shape, svg .mark-trail, svg .mark-image, svg .mark-group path'));
  const errors = boxes.filter(b => b.classList.contains('cx-chart-error'))
      .map(b => b.querySelector('.cx-chart-body').textContent);
  return [boxes.length, empty.length, errors];
}"""


def check_pages(pages: list[Path], screenshot_dir: Path | None = None) -> list[PageCheck]:
    """Open each page offline in one browser and report what went wrong.

    Parameters
    ----------
    pages : list of Path
        HTML files to open from disk.
    screenshot_dir : Path, optional
        When given, a full-page PNG of each page is written there as ``<stem>.png``.

    Returns
    -------
    list of PageCheck
        One per page, in order.
    """
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for path in pages:
                results.append(_check(browser, Path(path).resolve(), screenshot_dir))
        finally:
            browser.close()
    return results


def _check(browser: object, path: Path, screenshot_dir: Path | None) -> PageCheck:
    check = PageCheck(path)
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def route(request_route: object) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            check.outside_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and check.console_errors.append(m.text))
    page.on("pageerror", lambda e: check.page_errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    if page.locator(".cx-chart").count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('.cx-chart')].every("
            "b => b.querySelector('svg') || b.classList.contains('cx-chart-error'))",
            timeout=15_000,
        )
    check.charts, check.charts_without_marks, check.chart_errors = page.evaluate(_COUNT_CHARTS)
    if screenshot_dir is not None:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot_dir / f"{path.stem}.png"), full_page=True)
    context.close()
    return check


if __name__ == "__main__":
    target = Path(sys.argv[1])
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    files = sorted(target.glob("*.html")) if target.is_dir() else [target]
    for result in check_pages(files, shots):
        print(result.path.name, result.charts, "charts", result.problems or "OK")
