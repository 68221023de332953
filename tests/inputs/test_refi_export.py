"""REFI-QDA export: valid against the Project XSD, and imported back identically."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
import pytest

from cxlib.coding import from_text, read_refi, write_refi
from cxlib.errors import InputError

CODEBOOK = pl.DataFrame({
    "code_id": ["irritant", "irr_wait", "irr_price", "enchant", "web"],
    "label": ["Irritant", "Délai d'attente", "Prix <cher> & caché", "Enchantement", "Site"],
    "parent_id": [None, "irritant", "irritant", None, None],
    "kind": ["valence", "theme", "theme", "valence", "channel"],
    "description": ["Point de douleur", "Le client attend", None, None, "Canal web"],
    "colour": ["#d62728", None, "#f80", "#2ca02c", None],
})
I01 = ("Intervieweur : Bonjour.\r\nCliente : J'ai attendu 40 minutes 😤 au téléphone.\r\n"
       "Et le site plantait.\r\n")
I02 = "INTERVIEWER: Anything good?\nCustomer: The delivery man was lovely.\n"


def _codings() -> pl.DataFrame:
    wait = I01.index("J'ai attendu")
    site = I01.index("Et le site")
    lovely = I02.index("The delivery")
    rows = [
        ("I01", "irr_wait", wait, wait + 30, "am"),
        ("I01", "irritant", wait, wait + 30, "bb"),
        ("I01", "web", site, site + 20, "am"),
        ("I01", "web", site, site + 20, "am"),  # a duplicate is kept, not merged
        ("I02", "enchant", lovely, len(I02) - 1, "bb"),
        ("I02", "irr_price", 0, 0, "am"),  # an empty selection is allowed
    ]
    return pl.DataFrame(rows, schema=["interview_id", "code_id", "start", "end", "coder"],
                        orient="row")


def _project_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde").decode("utf-8")


def test_export_validates_against_the_project_schema(tmp_path: Path, project_schema) -> None:
    path = write_refi(tmp_path / "out.qdpx", CODEBOOK, {"I01": from_text(I01), "I02": I02},
                      _codings(), users={"am": "A. Martin", "bb": "B. Bernard"})
    project_schema.validate(_project_xml(path))


def test_round_trip_is_identical(tmp_path: Path) -> None:
    codings = _codings()
    path = write_refi(tmp_path / "out.qdpx", CODEBOOK, {"I01": from_text(I01), "I02": I02},
                      codings, users={"am": "A. Martin"})
    back = read_refi(path, codebook=CODEBOOK)
    assert back.warnings == ()
    assert back.codebook.sort("code_id").equals(CODEBOOK.sort("code_id"))
    assert back.sources.select("name", "text").rows() == [("I01", I01), ("I02", I02)]
    texts = {"I01": I01, "I02": I02}
    expected = codings.with_columns(
        pl.struct("interview_id", "start", "end").map_elements(
            lambda r: texts[r["interview_id"]][r["start"]:r["end"]], return_dtype=pl.String)
        .alias("text"))
    columns = ["interview_id", "code_id", "start", "end", "coder", "text"]
    got = back.codings.rename({"source_name": "interview_id"}).select(columns)
    assert got.sort(columns).equals(expected.select(columns).sort(columns))
    assert "😤" in got.filter(pl.col("code_id") == "irr_wait")["text"][0]
    assert dict(back.users.select("id", "name").iter_rows()) == {"am": "A. Martin", "bb": "bb"}


def test_exports_are_reproducible(tmp_path: Path) -> None:
    args = (CODEBOOK, {"I01": I01}, _codings().filter(pl.col("interview_id") == "I01"))
    first = _project_xml(write_refi(tmp_path / "a.qdpx", *args))
    second = _project_xml(write_refi(tmp_path / "b.qdpx", *args))

    def strip(xml: str) -> str:
        return xml.split('creationDateTime="', 1)[0] + xml.split('Z"', 1)[1]

    assert strip(first) == strip(second)


def test_imported_sample_re_exports_and_validates(tmp_path: Path, samples: Path,
                                                  project_schema) -> None:
    project = read_refi(samples / "qc_cproctor_demo.qdpx")
    texts = dict(project.sources.select("name", "text").iter_rows())
    path = write_refi(tmp_path / "qc.qdpx", project.codebook, texts, project.codings)
    project_schema.validate(_project_xml(path))
    again = read_refi(path)
    assert again.codebook.equals(project.codebook)  # GUIDs kept as code ids
    columns = ["source_name", "code_id", "start", "end", "coder", "text"]
    assert again.codings.select(columns).sort(columns).equals(
        project.codings.select(columns).sort(columns))


def test_error_if_codings_do_not_fit_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    target.write_bytes(b"previous export")
    bad = pl.DataFrame({"interview_id": ["I01", "I09", "I01"],
                        "code_id": ["ghost", "web", "web"],
                        "start": [0, 0, 5], "end": [3, 3, 5000], "coder": ["am"] * 3})
    with pytest.raises(InputError) as caught:
        write_refi(target, CODEBOOK, {"I01": I01}, bad)
    message = str(caught.value)
    assert "3 problems" in message
    assert "found 'ghost', expected a code of the codebook for coding 1" in message
    assert "found 'I09', expected a transcript given for coding 2" in message
    assert "found '5-5000', expected offsets within the" in message
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.qdpx"]
