"""A REFI-QDA project as a client's interviews, codebook and codings (real projects)."""

from __future__ import annotations

import shutil

import polars as pl
import pytest
from mapping_helpers import only_input
from sample_files import SAMPLES, require_samples

from cxlib.inputs.loaders import load_inputs, validate_client
from cxlib.inputs.transcripts import read_transcript

QC = "qc_cproctor_demo.qdpx"
NVIVO = "nvivo_cproctor_nvivo_project.qdpx"


def qdpx_client(make_client, drop_tables, name: str, lang: str = "en", date: bool = True):
    """A client whose interviews, codebook and codings all name one REFI-QDA project."""
    project = require_samples(SAMPLES / "refi-qda") / name
    fills = "population: customer" + (", date: 2017-05-01" if date else "")
    folder = only_input(make_client("acme", lang), drop_tables, "interviews",
                        f"    file: {name}\n    fill: {{{fills}}}\n")
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "inputs:\n", f"inputs:\n  codebook: {{file: {name}, fill: {{kind: theme}}}}\n"
                     f"  codings: {name}\n", 1), encoding="utf-8")
    shutil.copy(project, folder / name)
    return folder


def test_qualcoders_demo_loads_as_interviews_codebook_and_codings(make_client,
                                                                  drop_tables) -> None:
    qdpx_client(make_client, drop_tables, QC)
    report = validate_client("acme")
    assert report.ok, report.error()
    inputs = load_inputs("acme")
    assert inputs["interviews"].height == 2
    assert inputs["codebook"].height == 262
    assert inputs["codings"].height == 205
    assert set(inputs["interviews"]["transcript_file"]) == {f"{QC}#board_2017.txt",
                                                           f"{QC}#admin-1.txt"}
    assert "REFI-QDA project written by qc 1.3.2" in report.results["codings"].notes[0]


def test_coded_text_is_the_source_text_at_the_tools_offsets(make_client,
                                                            drop_tables) -> None:
    from cxlib.inputs.refi import read_refi

    folder = qdpx_client(make_client, drop_tables, QC)
    codings = load_inputs("acme")["codings"]
    quoted = read_refi(folder / QC).codings["text"].to_list()
    texts = {}
    for row in codings.iter_rows(named=True):
        source = row["interview_id"]
        if source not in texts:
            texts[source] = read_transcript(folder / "transcripts" / f"{QC}#{source}").text
    assert [texts[r["interview_id"]][r["start"]:r["end"]]
            for r in codings.iter_rows(named=True)] == quoted


def test_nvivos_copy_loads_with_its_creation_dates(make_client, drop_tables) -> None:
    qdpx_client(make_client, drop_tables, NVIVO, date=False)
    inputs = load_inputs("acme")
    assert inputs["interviews"]["date"].cast(str).to_list() == ["2024-09-15", "2024-09-15"]
    assert inputs["codebook"].height == 262


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "column 'date': no column of the file is mapped to it"),
    ("fr", "colonne « date » : aucune colonne du fichier ne lui correspond"),
])
def test_a_project_without_dates_asks_for_one(make_client, drop_tables, lang,
                                              expected) -> None:
    qdpx_client(make_client, drop_tables, QC, lang, date=False)
    assert expected in validate_client("acme").error().message


@pytest.mark.slow
def test_the_interviews_report_renders_from_a_qdpx_project(make_client, drop_tables) -> None:
    import html

    from cxlib.run.runner import run_client

    qdpx_client(make_client, drop_tables, QC)
    result = run_client("acme", notebooks=["03_interviews"])
    assert result.ok, result.error
    page = html.unescape((result.index.parent / "03_interviews.html").read_text("utf-8"))
    assert "2 interviews (0 employees, 2 customers)" in page
    assert "against a codebook of 262 codes" in page


def test_the_coded_corpus_goes_back_out_as_a_valid_project_and_round_trips(
        make_client, drop_tables, project_schema) -> None:
    import zipfile

    from cxlib.inputs.qdpx_inputs import export_corpus
    from cxlib.inputs.refi import read_refi

    folder = qdpx_client(make_client, drop_tables, QC)
    before = load_inputs("acme")
    path = export_corpus("acme")
    assert path == folder / "qdpx" / "acme_W1.qdpx"
    with zipfile.ZipFile(path) as archive:
        project_schema.validate(archive.read("project.qde").decode("utf-8"))
    again = read_refi(path, codebook=before["codebook"])
    assert again.codings.height == 205
    ours = before["codings"].select("interview_id", "code_id", "start", "end").sort(
        pl.all())
    theirs = again.codings.select(pl.col("source_name").alias("interview_id"), "code_id",
                                  "start", "end").sort(pl.all())
    assert ours.equals(theirs)


def test_cx_run_export_qdpx_writes_the_project_beside_the_inputs(make_client, drop_tables,
                                                                monkeypatch, capsys) -> None:
    from cxlib.run import cli, runner
    from cxlib.run.publish import RunResult

    folder = qdpx_client(make_client, drop_tables, QC)
    asked = {}

    def fake_run(slugs, notebooks, **kwargs):
        asked.update(kwargs)
        return [RunResult(client=s, run_id="r1", ok=True, seconds=1.0,
                          index=folder / "index.html") for s in slugs]

    monkeypatch.setattr(runner, "run_clients", fake_run)
    assert cli.main(["run", "acme", "--quiet", "--export", "png,qdpx"]) == 0
    assert asked["exports"] == ["png"]  # the reports' exports, without qdpx
    assert (folder / "qdpx" / "acme_W1.qdpx").is_file()
    assert "acme_W1.qdpx" in capsys.readouterr().out
