"""The voice-of-the-customer report renders for a demo client and is skipped, with its reason,
for a client with no customer text."""

from collections.abc import Callable
from pathlib import Path

import pytest

from cxlib import paths
from cxlib.run.runner import list_notebooks, run_client

pytestmark = pytest.mark.slow


def test_the_runner_lists_the_voice_report() -> None:
    assert "06_voice" in list_notebooks()


def test_voice_report_renders_the_planted_findings(demo_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(demo_home))
    result = run_client("demo-en", notebooks=["06_voice"], run_id="voice")
    assert result.ok, result.error
    html = (paths.reports_dir("demo-en") / "voice" / "06_voice.html").read_text(
        encoding="utf-8")
    assert "Voice of the customer" in html
    assert "not in the codebook" in html
    assert "is concentrated at" in html and "improved since" in html
    assert "Low bases" in html
    assert "07700 900" not in html  # quotes are redacted
    index = (paths.reports_dir("demo-en") / "voice" / "index.html").read_text(
        encoding="utf-8")
    assert "06_voice.html" in index


def test_voice_report_skipped_with_its_reason_without_feedback_or_verbatims(
        client_dir: Path, drop_tables: Callable[..., None]) -> None:
    drop_tables(client_dir, "survey", "feedback")
    result = run_client("acme", notebooks=["06_voice"], run_id="novoice")
    assert result.ok, result.error
    index = result.index.read_text(encoding="utf-8")
    assert "Add the &#39;feedback&#39; table to see" in index
    assert not (paths.reports_dir("acme") / "novoice" / "06_voice.html").exists()
