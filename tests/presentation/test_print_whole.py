"""Every report of both demo clients prints whole: nothing cut, nothing scrolled.

Each published page is printed to PDF as ``cx run --export pdf`` prints it
(:func:`cxlib.presentation.pdf.print_pdf`), and the PDF's text must hold every table
header and every chart title of the page. The page is then laid out in print emulation
at the width of an A4 page's content (portrait, and landscape for the journey maps): no
element may reach beyond the page, no table, chart or preformatted block may be wider
than its box, and no box may print a scrollbar.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Content width of an A4 page with the report's margins (``@page { margin: 14mm 12mm }``),
#: in CSS pixels: portrait 210 − 24 mm, landscape 297 − 24 mm.
PORTRAIT = round((210 - 24) / 25.4 * 96)
LANDSCAPE = round((297 - 24) / 25.4 * 96)
#: What prints on a landscape page (``page: wide`` in report.css).
WIDE = ".cx-jm, .cx-jm-page"

_READY = ("() => [...document.querySelectorAll('.cx-chart')].every("
          "b => b.querySelector('svg') || b.classList.contains('cx-chart-error'))")

#: Table headers as printed (print media: what print hides is left out).
_HEADERS = """() => [...document.querySelectorAll('th')]
  .filter(th => th.getClientRects().length && getComputedStyle(th).visibility !== 'hidden')
  .map(th => th.innerText.trim()).filter(Boolean)"""

#: Boxes that reach beyond the page, content wider than its box, scrollbars.
_OVERFLOWS = """([limit, wide, wideSelector]) => {
  const found = [];
  const name = el => {
    const owner = el.closest('.cx-chart, .cx-table, .cx-matrix, .cx-jm-page, section, table');
    const label = owner && (owner.getAttribute('aria-label')
      || (owner.querySelector('h2, h3, caption, .gt_title') || {}).textContent
      || owner.innerText.slice(0, 50));
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\\s+/)[0] : '';
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + ' in "'
      + (label || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
  };
  const boxes = 'table, pre, svg, img, .cx-table, .cx-chart, .cx-figure, .cx-matrix-scroll, .cx-jm';
  const doc = document.documentElement;
  const beyond = [];  // the outermost box past the page stands for its content
  if (!wide && doc.scrollWidth > limit + 1) found.push(`page ${doc.scrollWidth}px wide`);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (el.closest('#vg-tooltip-element, .vg-tooltip')) continue;
    if (!!el.closest(wideSelector) !== wide) continue;
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    const scroll = v => v === 'auto' || v === 'scroll';
    if (style.overflowX === 'scroll' || style.overflowY === 'scroll'
        || (scroll(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (scroll(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      found.push(`scrollbar: ${name(el)}`);
    }
    if ((rect.right > limit + 1 || rect.left < -1) && !beyond.some(b => b.contains(el))) {
      beyond.push(el);
      found.push(`beyond the page (${Math.round(rect.left)}–${Math.round(rect.right)}px `
        + `of ${limit}px): ${name(el)}`);
    }
    if (el.matches(boxes) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      found.push(`content ${el.scrollWidth}px in a ${el.clientWidth}px box: ${name(el)}`);
    }
  }
  return [...new Set(found)];
}"""


def _title_text(title: object) -> str:
    """The text a Vega-Lite ``title`` shows: a string, lines, or an object's ``text``."""
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return title.strip() if isinstance(title, str) else ""


def chart_titles(html: str) -> list[str]:
    """Return the titles of the Vega-Lite charts embedded in a page, nested views too."""
    titles: list[str] = []

    def walk(spec: object) -> None:
        if isinstance(spec, list):
            for item in spec:
                walk(item)
        elif isinstance(spec, dict):
            titles.append(_title_text(spec.get("title")))
            for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
                walk(spec.get(key))

    for body in re.findall(r'<script class="cx-spec" type="application/json">(.*?)</script>',
                           html, re.S):
        walk(json.loads(body))
    return [title for title in titles if title]


def _squeeze(text: str) -> str:
    """Text without any space nor case, for matching wrapped PDF lines with HTML text."""
    return re.sub(r"[\s\u00a0\u202f\u00ad]+", "", text).casefold()


def pdf_text(pdf: Path) -> tuple[str, int]:
    """Return a PDF's text in content order and its number of pages."""
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return "\n".join(page.extract_text() for page in pages), len(pages)


@pytest.fixture(scope="module")
def tools() -> None:
    from browser import HOW_TO_GET, chromium_path

    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)


@pytest.fixture(scope="module")
def browser(tools: None):
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def print_layout(browser: object, page_path: Path) -> dict:
    """Lay a page out for print at A4 widths; return its headers and overflows."""
    found: dict = {"overflows": []}
    for width, wide in ((PORTRAIT, False), (LANDSCAPE, True)):
        context = browser.new_context(offline=True, viewport={"width": width, "height": 1100})
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        if page.locator(".cx-chart").count():
            page.wait_for_function(_READY, timeout=15_000)
        if not wide:
            found["headers"] = page.evaluate(_HEADERS)
        found["overflows"] += page.evaluate(_OVERFLOWS, [width, wide, WIDE])
        context.close()
    return found


@pytest.fixture(scope="module")
def printed(demo_runs: dict, tools: None, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every published page of both demo clients printed to PDF: (text, pages) by page."""
    from browser import chromium_path

    from cxlib.presentation.pdf import print_pdf

    out = tmp_path_factory.mktemp("prints")
    done = {}
    for slug, result in demo_runs.items():
        assert result.ok, result.error
        for page in result.reports:
            pdf = print_pdf(page, out / slug / f"{page.stem}.pdf", Path(chromium_path()),
                            "fr" if slug.endswith("fr") else "en")
            done[slug, page.name] = pdf_text(pdf)
    return done


@pytest.fixture(scope="module")
def layouts(demo_runs: dict, browser: object) -> dict:
    """Every published page of both demo clients laid out for print, by client and page."""
    return {(slug, page.name): print_layout(browser, page)
            for slug, result in demo_runs.items() for page in result.reports}


@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_every_header_and_chart_title_is_in_the_pdf(demo_runs: dict, printed: dict,
                                                     layouts: dict, slug: str) -> None:
    missing, shown = {}, 0
    for page in demo_runs[slug].reports:
        text, pages = printed[slug, page.name]
        assert pages >= 1, page.name
        squeezed = _squeeze(text)
        wanted = [*layouts[slug, page.name]["headers"],
                  *chart_titles(page.read_text(encoding="utf-8"))]
        shown += len(wanted)
        lost = [w for w in wanted if _squeeze(w) not in squeezed]
        if lost:
            missing[page.name] = lost
    assert missing == {}
    assert shown > 50


@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_nothing_overflows_a_printed_page(demo_runs: dict, layouts: dict, slug: str) -> None:
    overflows = {page.name: layouts[slug, page.name]["overflows"]
                 for page in demo_runs[slug].reports}
    assert {name: found for name, found in overflows.items() if found} == {}


def test_an_overflowing_table_and_a_scrollbar_are_caught(browser: object,
                                                         tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text(
        "<div class='cx-table' style='overflow-x:auto'><table><tr>"
        + "".join(f"<th style='white-space:nowrap'>Column number {i}</th>" for i in range(20))
        + "</tr></table></div><pre style='overflow:scroll'>x</pre>", encoding="utf-8")
    found = print_layout(browser, page)
    assert len(found["headers"]) == 20
    problems = " | ".join(found["overflows"])
    assert "scrollbar: div.cx-table" in problems and "scrollbar: pre" in problems
    assert "beyond the page" in problems and "content" in problems
