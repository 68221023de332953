"""A report notebook and a workbench error in a real JupyterLab, driven from headless Chromium.

JupyterLab is started on loopback with a token, its root the project home of the demo
clients, its kernels seeing ``CX_HOME`` and not ``CX_REPORT`` (as on a consultant's
machine). The test opens ``notebooks/02_touchpoints.ipynb`` as committed (``client = ""``),
runs all its cells from the Run menu and looks at the page: no error, the note naming the
client shown, charts drawn by vega-embed with their tooltips (a static SVG picture is
their fallback where scripts cannot run). A cell raising a
:class:`~cxlib.errors.CxError` shows its message and no traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from browser import CHROMIUM_ARGS, HOW_TO_GET, chromium_path
from sample_files import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "cx-report-test-token"
REPORT = PROJECT_ROOT / "notebooks" / "02_touchpoints.ipynb"
NOTE = "Showing demo-en, the first client of the data/ folder."
MESSAGE = "data/acme/survey.csv, row 3: expected a date"
ERROR_CELL = f'import cxlib\nfrom cxlib.errors import CxError\nraise CxError("{MESSAGE}")'
STDERR = '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
#: a chart: the "cx-lab" renderer's HTML, its picture replaced by vega-embed's drawing
CHART = '.jp-OutputArea-output .cx-lab-chart'

# the notebook in view has its kernel connected and idle (Run clicked before that showed a
# "Select Kernel" dialog instead of running the cells)
_KERNEL_IDLE = """path => {
  const widget = window.jupyterapp?.shell.currentWidget;
  const session = widget?.sessionContext;
  return !!session && widget.context?.path === path && session.isReady
      && session.session?.kernel?.connectionStatus === 'connected'
      && session.kernelDisplayStatus === 'idle';
}"""
# every code cell has run: the kernel is idle, no cell is queued ([*]) and one has a number
_RAN = """path => {
  const prompts = [...document.querySelectorAll(
      '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
  return (""" + _KERNEL_IDLE + """)(path) && prompts.some(t => /\\d/.test(t))
      && !prompts.some(t => t.includes('*'));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(url: str, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(f"{url}{path}?token={TOKEN}", method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="module")
def lab(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """JupyterLab serving a home of the demo clients; yields its URL and a scratch folder."""
    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    scratch = tmp_path_factory.mktemp("report-lab")
    home = scratch / "home"
    # a copy: the notebook writes under reports/ of its home, the session's home stays clean
    shutil.copytree(demo_home / "data", home / "data")
    (home / "notebooks").mkdir()
    shutil.copyfile(REPORT, home / "notebooks" / REPORT.name)
    parameters = next(c for c in nbformat.read(REPORT, as_version=4).cells
                      if "parameters" in c.metadata.get("tags", []))
    assert 'client = ""' in parameters.source, "02_touchpoints should be committed with no client"
    error = nbformat.v4.new_notebook()
    error.cells = [nbformat.v4.new_code_cell(ERROR_CELL)]
    error.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}
    nbformat.write(error, home / "error.ipynb")

    # no "get notified about Jupyter news?" toast over the page
    news = scratch / "jupyter-config" / "lab" / "user-settings" / "@jupyterlab" \
        / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CX_REPORT", "CX_LANG")}
    env.update(CX_HOME=str(home), LANG="C.UTF-8",
               JUPYTER_CONFIG_DIR=str(scratch / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(scratch / "jupyter-runtime"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with (scratch / "jupyterlab.log").open("wb") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
             "--allow-root", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
             f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={home}",
             "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _api(url, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start: see "
                                f"{scratch / 'jupyterlab.log'}")
                time.sleep(0.5)
        yield url, scratch
    finally:
        with contextlib.suppress(OSError):  # shut the kernels down before the server
            for kernel in _api(url, "/api/kernels"):  # type: ignore[union-attr]
                _api(url, f"/api/kernels/{kernel['id']}", method="DELETE")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def _open_and_run_all(page: object, url: str, path: str, workspace: str) -> None:
    """Open a notebook in its own workspace, wait for its kernel, then Run → Run All Cells."""
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/{path}?token={TOKEN}")
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    # the kernel must be connected first, or the execution request is dropped
    page.wait_for_function(_KERNEL_IDLE, arg=path, timeout=120_000)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    # the Run menu's item runs notebook:run-all-cells on the notebook in focus
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]',
                 has_text="Run All Cells").click()
    page.wait_for_function(_RAN, arg=path, timeout=120_000)


def _settle(page: object, element: object) -> None:
    """Scroll an element into view and wait until it is drawn (cells out of view are
    skipped by the browser, content-visibility: auto, and paint after the scroll)."""
    from playwright.sync_api import expect

    element.scroll_into_view_if_needed()
    expect(element).to_be_in_viewport()
    page.evaluate("() => new Promise(done => requestAnimationFrame("
                  "() => requestAnimationFrame(done)))")


def _outputs(page: object) -> list[str]:
    return page.locator(".jp-NotebookPanel .jp-OutputArea-output").evaluate_all(
        "nodes => nodes.map(n => { const c = n.cloneNode(true);"
        " c.querySelectorAll('script').forEach(s => s.remove()); return c.textContent; })")


@contextlib.contextmanager
def _notebook_run(lab: tuple[str, Path], path: str, name: str,
                  height: int) -> Iterator[tuple[object, Path]]:
    """Open ``path`` in JupyterLab in Chromium and run all its cells; yield the page."""
    from playwright.sync_api import sync_playwright

    url, scratch = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": height})
            try:
                _open_and_run_all(page, url, path, name)
            except Exception:
                page.screenshot(path=str(scratch / f"{Path(path).stem}-failed.png"))
                raise
            yield page, scratch
        finally:
            browser.close()


def test_the_touchpoints_notebook_runs_in_jupyterlab_as_committed(
        lab: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    with _notebook_run(lab, "notebooks/02_touchpoints.ipynb", "cx-report", 1000) as (
            page, scratch):
        prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt") \
            .all_text_contents()
        outputs = _outputs(page)
        page.screenshot(path=str(scratch / "02_touchpoints-end.png"))
        assert all(re.search(r"\[\d+\]", t) for t in prompts), (prompts, outputs)

        tracebacks = page.locator(f".jp-NotebookPanel {STDERR}", has_text="Traceback")
        assert tracebacks.count() == 0, tracebacks.all_text_contents()
        assert not [t for t in outputs if re.search(r"\w*Error\b", t)], outputs

        first = page.locator(".jp-NotebookPanel .jp-OutputArea-output").first
        expect(first).to_contain_text(NOTE)
        _settle(page, first)
        expect(first).to_be_visible()
        page.screenshot(path=str(scratch / "02_touchpoints-top.png"))

        # every chart drawn by vega-embed (interactive), with marks holding data
        page.wait_for_function(
            """selector => {
              const charts = [...document.querySelectorAll(selector)];
              return charts.length > 0 && charts.every(box =>
                  box.classList.contains('cx-interactive') && !box.querySelector('img')
                  && box.querySelector('svg .role-mark path, svg .role-mark rect,'
                                       + ' svg .role-mark text'));
            }""", arg=f".jp-NotebookPanel {CHART}", timeout=30_000)
        chart = page.locator(f".jp-NotebookPanel {CHART}").first
        _settle(page, chart)
        expect(chart).to_be_visible()
        page.screenshot(path=str(scratch / "02_touchpoints-chart.png"))
        # a tooltip shows on hovering a mark
        mark = chart.locator("svg g.role-mark path").first
        mark.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element.visible")
        expect(tooltip).to_be_visible(timeout=5_000)
        assert tooltip.text_content().strip(), "empty tooltip"
        page.screenshot(path=str(scratch / "02_touchpoints-tooltip.png"))


def test_a_workbench_error_shows_its_message_and_no_traceback_in_jupyterlab(
        lab: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    with _notebook_run(lab, "error.ipynb", "cx-error", 900) as (page, scratch):
        page.screenshot(path=str(scratch / "error.png"))
        outputs = _outputs(page)
        shown = page.locator(f".jp-NotebookPanel {STDERR}", has_text=MESSAGE)
        expect(shown).to_have_count(1)
        expect(shown).to_be_visible()
        assert [t.strip() for t in outputs] == [MESSAGE], outputs  # the message alone
        panel = page.locator(".jp-NotebookPanel").first.text_content()
        assert "Traceback" not in panel, outputs
