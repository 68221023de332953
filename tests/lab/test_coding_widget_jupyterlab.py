"""The coding widget in a real JupyterLab, driven from headless Chromium.

JupyterLab is started on loopback with a scaffolded client; the test opens a notebook,
runs it, types a command in the widget, and finds the coding in the coder's journal on
disk — what a consultant's action leaves behind.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from browser import CHROMIUM_ARGS, HOW_TO_GET, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TOKEN = "cx-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(client_dir: Path, cx_home: Path) -> tuple[str, Path]:
    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        'from cxlib.lab.coding_widget import coding_widget, open_session\n'
        'session = open_session("acme", "tester")\ncoding_widget(session)')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, cx_home / "coding.ipynb")
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [str(bin_dir / "jupyter"), "lab", "--no-browser", "--allow-root",
         f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={cx_home}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env={**os.environ, "CX_HOME": str(cx_home), "JUPYTER_CONFIG_DIR": str(cx_home / ".jc"),
             "JUPYTER_RUNTIME_DIR": str(cx_home / ".jr")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield url, client_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_coding_a_turn_in_jupyterlab_lands_in_the_journal(lab: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    url, client_dir = lab
    journal = client_dir / "coding" / "tester.jsonl"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{url}/lab/tree/coding.ipynb?token={TOKEN}")
        cell = page.locator(".jp-Notebook .jp-Cell").first
        cell.wait_for(timeout=60_000)
        # the kernel must be connected first, or the execution request is dropped
        page.wait_for_function("() => document.body.innerText.includes('Idle')",
                               timeout=90_000)
        cell.click()
        page.keyboard.press("Shift+Enter")
        command = page.locator(".cx-command input")
        try:
            command.wait_for(timeout=90_000)
        except Exception:
            outputs = page.locator(".jp-OutputArea").all_inner_texts()
            page.screenshot(path=str(client_dir.parent.parent / "lab.png"))
            raise AssertionError(f"the widget did not appear; cell output: {outputs}") from None
        command.fill("n")
        command.press("Enter")
        # each command is a round trip to the kernel: wait for its answer before the next
        page.wait_for_function("() => document.body.innerText.includes('I01 turn 2')",
                               timeout=60_000)
        command.fill("a irr_wait")
        command.press("Enter")
        page.wait_for_function(
            "() => document.body.innerText.includes('applied irr_wait')", timeout=60_000)
        browser.close()
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert any('"code_id": "irr_wait"' in line and '"op": "add"' in line for line in lines)
