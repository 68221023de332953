"""Shared fixtures: a temporary project home and a small valid client made by the scaffold."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_files import SAMPLES, require_samples

from cxlib.inputs.scaffold import init_client

# every chart drawn under the tests, reports rendered by the runner included (their kernels
# inherit it), is checked against the Vega-Lite schema: a runner's render does not check them
os.environ["CX_CHECK_CHARTS"] = "1"


@pytest.fixture
def cx_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project home: data/ and reports/ live under tmp_path."""
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    monkeypatch.delenv("CX_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    (tmp_path / "data").mkdir()
    return tmp_path


@pytest.fixture
def make_client(cx_home: Path) -> Callable[..., Path]:
    """Create a client from the scaffold; returns its folder."""

    def make(slug: str = "acme", language: str = "en") -> Path:
        return init_client(slug, language=language)

    return make


@pytest.fixture
def client_dir(make_client: Callable[..., Path]) -> Path:
    """The folder of an English-language scaffolded client called ``acme``."""
    return make_client("acme", "en")


def _write_csv(folder: Path, table: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``<table>.csv`` into a client folder and point client.yaml at it."""
    path = folder / f"{table}.csv"
    path.write_bytes(text.encode(encoding))
    config = folder / "client.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"{table}: {table}.xlsx",
                                                   f"{table}: {table}.csv"),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def write_csv() -> Callable[..., Path]:
    """Write ``<table>.csv`` into a client folder and point its client.yaml at it."""
    return _write_csv


def _drop_tables(folder: Path, *tables: str) -> None:
    """Delete ``<table>.xlsx`` of each table from a client folder, and its ``inputs:`` line."""
    config = folder / "client.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not any(
        line.strip().startswith(f"{table}:") for table in tables)), encoding="utf-8")
    for table in tables:
        (folder / f"{table}.xlsx").unlink()


@pytest.fixture
def drop_tables() -> Callable[..., None]:
    """Delete tables from a client folder: ``drop_tables(folder, "events", "codings")``."""
    return _drop_tables


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project home holding both generated demo clients (generated once per session)."""
    from cxlib.demo import generate

    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        for slug in ("demo-fr", "demo-en"):
            generate(slug, home / "data" / slug)
    return home


@pytest.fixture(scope="session")
def demo_runs(demo_home: Path) -> dict:
    """Both demo clients rendered once with every notebook and the workbook of tables."""
    from cxlib.run.runner import run_client

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        return {slug: run_client(slug, run_id="test", exports=["xlsx"])
                for slug in ("demo-fr", "demo-en")}



#: E-mail addresses and phone numbers as the demo transcripts write them (FR, UK).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+33|\+44|\b0)\s?\d(?:[\s.]?\d{2}){4}\b"  # French
                   r"|(?:\+44\s?|\b0)7\d{3}\s?\d{6}\b"  # UK mobiles
                   r"|(?:\+44\s?|\b0)20\s?\d{4}\s?\d{4}\b")  # London


@pytest.fixture(scope="session")
def transcript_canaries(demo_home: Path) -> Callable[[str], set[str]]:
    """Return, per demo client, the PII no deliverable may carry: the transcripts' e-mail
    addresses and phone numbers, and the respondents' and interviewers' names."""
    from cxlib.inputs.loaders import load

    def canaries(slug: str) -> set[str]:
        transcripts = (demo_home / "data" / slug / "transcripts").glob("*")
        text = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in transcripts)
        found = set(EMAIL.findall(text)) | set(PHONE.findall(text))
        assert found, "the demo transcripts should contain emails and phone numbers"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CX_HOME", str(demo_home))
            table = load(slug, "interviews")
        names = {n for n in table["respondent"].to_list() + table["interviewer"].to_list()
                 if n}
        assert len(names) >= 20
        return found | names

    return canaries


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real REFI-QDA files; a missing folder is a failure in CI, else a skip."""
    return require_samples(SAMPLES / "refi-qda")


@pytest.fixture(scope="session")
def project_schema(samples: Path):
    """The REFI-QDA Project XSD 1.0, loaded from the samples (never from the network)."""
    import xmlschema

    return xmlschema.XMLSchema(samples / "xsd" / "Project.xsd")


DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="session")
def demo_inputs(demo_home: Path) -> dict:
    """Both demo clients' validated inputs, by slug (loaded once per session)."""
    from cxlib.inputs.loaders import load_inputs

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        return {slug: load_inputs(slug) for slug in DEMOS}


@pytest.fixture(scope="session")
def demo_transcripts(demo_home: Path, demo_inputs: dict) -> dict:
    """Both demo clients' transcripts, by slug and then interview id."""
    from cxlib.analysis import interviews as iv

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        return {slug: iv.load_transcripts(demo_inputs[slug]) for slug in DEMOS}


@pytest.fixture(scope="session")
def demo_spans(demo_inputs: dict, demo_transcripts: dict) -> dict:
    """Both demo clients' coded passages, by slug."""
    from cxlib.analysis import interviews as iv

    return {slug: iv.coded_spans(demo_inputs[slug], demo_transcripts[slug]) for slug in DEMOS}


@pytest.fixture(scope="session")
def demo_evidence(demo_inputs: dict, demo_spans: dict) -> dict:
    """Both demo clients' touchpoint evidence, by slug."""
    from cxlib.analysis import touchpoints as tp

    return {slug: tp.evidence(demo_inputs[slug], demo_spans[slug]) for slug in DEMOS}
