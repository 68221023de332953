"""Reports printed to PDF by headless Chromium; clear messages when it cannot be done."""

import os
import re
import stat
from pathlib import Path

import pytest

from cxlib.errors import RunError
from cxlib.presentation import pdf


def test_no_browser_on_the_path_is_said_plainly(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pdf.BROWSER_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RunError) as caught:
        pdf.find_browser("en")
    assert str(caught.value) == (
        "Cannot print PDFs: no Chromium or Chrome browser found (chromium, chromium-browser, "
        "google-chrome, google-chrome-stable, chrome). Install one (on Debian: 'apt install "
        "chromium') or give its path in the CX_BROWSER variable. The HTML reports are not "
        "affected.")
    with pytest.raises(RunError, match=r"^Impression PDF impossible : aucun navigateur"):
        pdf.find_browser("fr")


def test_a_browser_variable_naming_nothing_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.BROWSER_ENV, "/nowhere/chromium")
    with pytest.raises(RunError) as caught:
        pdf.find_browser("en")
    assert str(caught.value) == "Cannot print PDFs: CX_BROWSER=/nowhere/chromium names no program."


def _fake_browser(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "fake-browser"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_failing_browser_leaves_no_partial_file(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    browser = _fake_browser(tmp_path, "echo 'cannot open display' >&2\nexit 3\n")
    with pytest.raises(RunError) as caught:
        pdf.print_pdf(page, tmp_path / "out" / "r.pdf", browser, "en")
    assert str(caught.value) == "Printing r.html to PDF failed: cannot open display"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_browser_writing_no_pdf_is_a_failure(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    browser = _fake_browser(tmp_path, "exit 0\n")
    with pytest.raises(RunError, match=r"^Printing r\.html to PDF failed: exit code 0$"):
        pdf.print_pdf(page, tmp_path / "r.pdf", browser, "en")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*partial"))


@pytest.mark.browser
def test_report_printed_on_a4_pages_with_a_landscape_map(tmp_path: Path) -> None:
    from browser import HOW_TO_GET, chromium_path

    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    page = tmp_path / "r.html"
    page.write_text(
        "<style>@page { size: A4; } @page wide { size: A4 landscape; }"
        " .wide { page: wide; break-before: page; }</style>"
        "<h1>Rapport</h1><section class='wide'><table><tr><td>map</td></tr></table></section>",
        encoding="utf-8")
    out = pdf.print_pdf(page, tmp_path / "r.pdf", Path(chromium_path()), "fr")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    sizes = [(round(float(w)), round(float(h))) for w, h in boxes]
    assert sizes == [(595, 842), (842, 595)]  # A4 portrait, then the landscape map page
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~pdf._UMASK
