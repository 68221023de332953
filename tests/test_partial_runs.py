"""Partial engagements through the whole pipeline: every case validates, renders, opens offline.

The cases come from the data contract (:mod:`partial_clients`): every optional column
dropped, each table absent or header-only, only the survey, only the event log, only the
interviews, only the workshop tables. Each one, on both demo clients, must pass
``cx validate`` and ``cx run`` with exit 0 and no traceback, and every page of its run must
open in headless Chromium with no network, every chart drawn.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser import HOW_TO_GET, check_pages, chromium_path
from partial_clients import CASES, make_case

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SLUGS = ("demo-fr", "demo-en")
CX = str(Path(sys.executable).with_name("cx"))


def _cx(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CX_HOME": str(home)}
    return subprocess.run([CX, *args], env=env, capture_output=True, text=True, check=False)


def _render(demo_home: Path, root: Path, slug: str, case: str) -> dict:
    home = root / slug / case
    make_case(demo_home / "data" / slug, home / "data" / slug, case)
    validate = _cx(home, "validate", slug)
    run = _cx(home, "run", slug)
    runs = sorted((home / "reports" / slug).glob("W*"))
    return {"validate": validate, "run": run, "pages": sorted(runs[-1].glob("*.html"))
            if runs else []}


@pytest.fixture(scope="module")
def rendered(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every case of both demo clients validated and rendered (two at a time)."""
    root = tmp_path_factory.mktemp("partial-runs")
    jobs = [(slug, case) for slug in SLUGS for case in CASES]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(lambda job: _render(demo_home, root, *job), jobs)
        return dict(zip(jobs, done, strict=True))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_partial_case_validates_and_renders_without_a_traceback(rendered: dict,
                                                                      slug: str) -> None:
    failures = []
    for case in CASES:
        result = rendered[(slug, case)]
        for step in ("validate", "run"):
            done = result[step]
            output = done.stdout + done.stderr
            if done.returncode != 0 or "Traceback" in output:
                failures.append(f"{case}: cx {step} exit {done.returncode}: "
                                f"{output.strip().splitlines()[-3:]}")
        if not result["pages"]:
            failures.append(f"{case}: no page published")
    assert failures == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_of_every_partial_case_opens_offline(rendered: dict, slug: str) -> None:
    if chromium_path() is None:
        if os.environ.get("CX_REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET)
        pytest.skip(HOW_TO_GET)
    pages = [page for case in CASES for page in rendered[(slug, case)]["pages"]]
    assert pages
    problems = [f"{check.path.parent.parent.parent.name}/{check.path.name}: {check.problems}"
                for check in check_pages(pages) if check.problems]
    assert problems == []


def test_a_survey_and_events_client_skips_the_interview_report_and_says_why(
        rendered: dict) -> None:
    pages = rendered[("demo-en", "only_survey_and_events")]["pages"]
    names = {page.name for page in pages}
    assert "03_interviews.html" not in names and "02_touchpoints.html" in names
    text = {page.name: html.unescape(page.read_text(encoding="utf-8")) for page in pages}
    assert "Add the 'interviews', 'codebook' and 'codings' tables" in text["index.html"]
    assert "Add the 'touchpoints' table to see 'The stage × channel matrix'." \
        in text["02_touchpoints.html"]
