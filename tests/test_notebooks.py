"""Every shipped notebook runs on both demo clients, and the reports keep their promises."""

import re
from pathlib import Path

import pytest

from cxlib.loaders import load

pytestmark = pytest.mark.slow

DEMOS = ("demo-fr", "demo-en")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+33|\+44|\b0)\s?\d(?:[\s.]?\d{2}){4}\b"  # French
                   r"|(?:\+44\s?|\b0)7\d{3}\s?\d{6}\b"  # UK mobiles
                   r"|(?:\+44\s?|\b0)20\s?\d{4}\s?\d{4}\b")  # London


@pytest.mark.parametrize("slug", DEMOS)
def test_every_notebook_renders(demo_runs: dict, slug: str) -> None:
    from cxlib.runner import list_notebooks

    result = demo_runs[slug]
    assert result.ok, result.error
    assert sorted(p.stem for p in result.reports) == sorted([*list_notebooks(), "index"])


@pytest.mark.parametrize("slug", DEMOS)
def test_reports_small_and_free_of_transcript_pii(demo_runs: dict, demo_home: Path,
                                                  slug: str) -> None:
    transcripts = (demo_home / "data" / slug / "transcripts").glob("*")
    text = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in transcripts)
    canaries = set(EMAIL.findall(text)) | set(PHONE.findall(text))
    assert canaries, "the demo transcripts should contain emails and phone numbers"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        table = load(slug, "interviews")
    names = {n for n in table["respondent"].to_list() + table["interviewer"].to_list() if n}
    assert len(names) >= 20
    canaries |= names
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


def test_export_files_carry_no_transcript_pii(demo_home: Path) -> None:
    import zipfile

    from cxlib.runner import run_client

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        result = run_client("demo-fr", ["03_interviews", "04_kpis"], run_id="exports",
                            exports=["svg", "xlsx", "pptx"])
        table = load("demo-fr", "interviews")
    assert result.ok, result.error
    transcripts = (demo_home / "data" / "demo-fr" / "transcripts").glob("*")
    text = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in transcripts)
    canaries = set(EMAIL.findall(text)) | set(PHONE.findall(text)) | {
        n for n in table["respondent"].to_list() + table["interviewer"].to_list() if n}
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
