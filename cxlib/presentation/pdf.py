"""Reports printed to PDF by a headless Chromium or Chrome, when one is installed.

The reports carry a print stylesheet (A4 portrait, journey maps on landscape pages, no
navigation, colours kept); printing them is what "Save as PDF" in a browser does, done
for every page of a run. The browser is run headless on the local file, with no network
and a virtual-time budget that lets the charts draw before the page is printed.

The browser is ``$CX_BROWSER`` when set, otherwise the first of :data:`BROWSERS` found on
the ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cxlib.errors import RunError
from cxlib.i18n import t

__all__ = ["BROWSERS", "BROWSER_ENV", "find_browser", "print_pdf"]

#: Browser commands looked for on the ``PATH``, in order.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
            "chrome")
#: Environment variable naming the browser to use.
BROWSER_ENV = "CX_BROWSER"
_TIMEOUT = 120  # seconds for one page: a report with many charts prints in a few
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def find_browser(lang: str = "en") -> Path:
    """Return the Chromium-family browser that prints the PDFs.

    Parameters
    ----------
    lang : str
        Language of the error message.

    Returns
    -------
    Path
        The browser executable.

    Raises
    ------
    RunError
        If ``$CX_BROWSER`` names no executable, or no browser is found.
    """
    named = os.environ.get(BROWSER_ENV)
    if named:
        found = shutil.which(named)
        if found is None:
            raise RunError(t("pdf_browser_bad", lang, env=BROWSER_ENV, value=named))
        return Path(found)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise RunError(t("pdf_no_browser", lang, env=BROWSER_ENV, names=", ".join(BROWSERS)))


def print_pdf(html: Path, pdf: Path, browser: Path | None = None, lang: str = "en") -> Path:
    """Print one HTML report to a PDF file, as a browser's "Save as PDF" would.

    The PDF is written beside its target under a temporary name and moved into place
    when complete: a failed print leaves no partial file.

    Parameters
    ----------
    html : Path
        The report (a self-contained page).
    pdf : Path
        The PDF to write.
    browser : Path, optional
        The browser (default: :func:`find_browser`).
    lang : str
        Language of the error messages.

    Returns
    -------
    Path
        ``pdf``.

    Raises
    ------
    RunError
        If the browser fails or produces no PDF.
    """
    browser = browser or find_browser(lang)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{pdf.stem}.", suffix=".partial", dir=pdf.parent)
    os.close(fd)
    partial = Path(name)
    command = [str(browser), "--headless", "--disable-gpu", "--no-first-run",
               "--disable-extensions", "--disable-background-networking",
               "--no-pdf-header-footer", "--virtual-time-budget=20000",
               f"--print-to-pdf={partial}", html.resolve().as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
    with tempfile.TemporaryDirectory(prefix="cx-browser-") as profile:
        command.insert(1, f"--user-data-dir={profile}")
        try:
            done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            partial.unlink(missing_ok=True)
            raise RunError(t("pdf_failed", lang, file=html.name, detail=str(exc))) from exc
    if done.returncode != 0 or partial.stat().st_size == 0 \
            or not partial.read_bytes()[:5] == b"%PDF-":
        partial.unlink(missing_ok=True)
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [
            f"exit code {done.returncode}"]
        raise RunError(t("pdf_failed", lang, file=html.name, detail=detail[0]))
    os.chmod(partial, 0o666 & ~_UMASK)  # mkstemp creates 0600: give the usual mode
    os.replace(partial, pdf)
    return pdf
