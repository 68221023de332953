"""REFI-QDA: every real sample imports with the right counts; exports validate and round-trip."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import polars as pl
import pytest

from cxlib.coding import read_refi
from cxlib.errors import InputError

NS = "{urn:QDA-XML:project:1.0}"
SOURCE_TAGS = {f"{NS}{t}" for t in ("TextSource", "PDFSource", "PictureSource", "AudioSource",
                                    "VideoSource")}

#: Counts read by hand from each sample's XML (and re-counted below with ElementTree).
EXPECTED = {
    # file: (codes, sources, codings in the file, codings imported)
    "atlasti_skyloom_TestProject.qdpx": (14, 12, 16, 0),
    "nvivo_cproctor_nvivo_project.qdpx": (262, 2, 0, 0),
    "qc_cproctor_demo.qdpx": (262, 2, 205, 205),
    "taguette_uto_tag_codebook.qdc": (3, 0, 0, 0),
}


def _xml_root(path: Path) -> ET.Element:
    """Parse a sample with the standard library, independently of cxlib."""
    if path.suffix == ".qdc":
        return ET.parse(path).getroot()
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.lower().endswith(".qde"))
        return ET.fromstring(archive.read(name))


def _xml_counts(path: Path) -> tuple[int, int, int]:
    root = _xml_root(path)
    codes = sum(1 for e in root.iter() if e.tag.endswith("}Code"))
    sources = sum(1 for s in root.iter(f"{NS}Sources") for e in s if e.tag in SOURCE_TAGS)
    codings = sum(1 for _ in root.iter(f"{NS}Coding"))
    return codes, sources, codings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_imports_with_the_counts_in_its_xml(samples: Path, name: str) -> None:
    path = samples / name
    codes, sources, codings, imported = EXPECTED[name]
    assert _xml_counts(path) == (codes, sources, codings)
    project = read_refi(path)
    assert project.codebook.height == codes
    assert project.sources.height == sources
    assert project.codings.height == imported
    assert project.codings.height + project.skipped.height == codings
    for frame, column in ((project.codebook, "code_id"), (project.codebook, "parent_id"),
                          (project.sources, "guid"), (project.codings, "code_id")):
        values = frame[column].drop_nulls()
        assert (values == values.str.to_lowercase()).all()


def test_atlasti_sample_reports_missing_sources_and_media_codings(samples: Path) -> None:
    project = read_refi(samples / "atlasti_skyloom_TestProject.qdpx")
    assert project.origin.startswith("ATLAS.ti 8.4")
    assert not project.sources["available"].any()
    assert project.sources["kind"].value_counts().sort("kind").rows() == [
        ("audio", 1), ("pdf", 2), ("picture", 1), ("text", 6), ("video", 2)]
    reasons = dict(project.skipped["reason"].value_counts().rows())
    assert reasons == {"missing_text": 9, "not_text": 7}
    lines = "\n".join(project.warning_lines())
    assert "source 'Mabel.txt': internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt is not " \
           "in the archive" in lines
    assert "source 'Mabel.txt': 3 coding(s) of a source whose text is not in the archive" in lines
    # ATLAS.ti stores the quoted text (cut with an ellipsis past 100 characters) as the name.
    names = project.skipped.filter(pl.col("selection") == "PlainTextSelection")["name"]
    assert "I did try the gluten free bread, but it was always so soggy," in names.to_list()


def test_qc_sample_quotes_are_the_lines_qc_coded(samples: Path) -> None:
    path = samples / "qc_cproctor_demo.qdpx"
    project = read_refi(path)
    root = _xml_root(path)
    # qc names each selection after the 0-based line it coded: "line:N".
    line_of = {s.get("guid").lower(): int(s.get("name").split(":")[1])
               for s in root.iter(f"{NS}PlainTextSelection")}
    texts = dict(project.sources.select("guid", "text").iter_rows())
    assert project.sources["name"].to_list() == ["board_2017.txt", "admin-1.txt"]
    for row in project.codings.iter_rows(named=True):
        lines = texts[row["source_guid"]].split("\n")
        assert row["text"] == lines[line_of[row["selection_guid"]]] + "\n"
    assert set(project.codings["coder"]) == {"cp"}


def test_nvivo_sample_sources_are_empty_text(samples: Path) -> None:
    project = read_refi(samples / "nvivo_cproctor_nvivo_project.qdpx")
    assert project.origin == "NVivo for Mac 15.0.0"
    assert project.sources["text"].to_list() == ["\n", "\n"]  # NVivo exported no text
    assert project.users["id"].to_list() == ["CP", "C"]


# -- a synthetic project with every quirk the real files show ---------------------------

GUID_SRC = "0A1B2C3D-0000-4000-8000-00000000000A"
GUID_CODE = "C0DE0000-0000-4000-8000-000000000001"


def _atlas_like(tmp_path: Path, text: str, selections: str, extra: str = "") -> Path:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
        'name="t" origin="ATLAS.ti-like"><Users><User guid="AD68FBE7-E1EE-4A82-A279-'
        '23CC698C89EB" name="Friedrich"/></Users><CodeBook><Codes><Code guid="'
        f'{GUID_CODE}" name="Coke" isCodable="true"/></Codes></CodeBook><Sources>'
        f'<TextSource guid="{GUID_SRC}" name="Mabêl.txt" plainTextPath="internal://'
        f'{GUID_SRC}.txt">{selections}</TextSource>{extra}</Sources></Project>')
    path = tmp_path / "atlas-like.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Project.qde", xml.encode("utf-8"))
        archive.writestr(f"Sources/{GUID_SRC.lower()}.txt", b"\xef\xbb\xbf" + text.encode())
    return path


def _selection(guid: str, start: int, end: int, name: str, code: str = GUID_CODE) -> str:
    return (f'<PlainTextSelection guid="{guid}" name="{name}" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">'
            f'<Coding guid="{guid[:-1]}F"><CodeRef targetGUID="{code}"/></Coding>'
            "</PlainTextSelection>")


def test_quirks_bom_crlf_case_and_missing_sources(tmp_path: Path) -> None:
    text = "Intervieweur : Bonjour\r\nMabêl : J'ai du Coca 🥤 au petit-déjeuner.\r\n"
    quote = "J'ai du Coca 🥤"
    start = text.index(quote)  # characters of the text as stored, BOM not counted
    selections = (_selection("5E1EC710-0000-4000-8000-000000000001", start,
                             start + len(quote), quote)
                  + _selection("5E1EC710-0000-4000-8000-000000000002", 0, 999, "too far")
                  + _selection("5E1EC710-0000-4000-8000-000000000003", 0, 4, "Inte",
                               code="DEADBEEF-0000-4000-8000-000000000000"))
    missing = ('<TextSource guid="11111111-0000-4000-8000-000000000000" name="gone.txt" '
               'plainTextPath="internal://11111111-0000-4000-8000-000000000000.txt">'
               + _selection("5E1EC710-0000-4000-8000-000000000004", 0, 3, "abc")
               + "</TextSource>")
    project = read_refi(_atlas_like(tmp_path, text, selections, missing))
    assert project.sources["text"][0] == text
    assert project.codings.rows() == [(
        GUID_SRC.lower(), "Mabêl.txt", "5e1ec710-0000-4000-8000-000000000001",
        "5e1ec710-0000-4000-8000-00000000000f", GUID_CODE.lower(), start, start + len(quote),
        "Friedrich", quote)]
    assert dict(project.skipped.select("name", "reason").iter_rows()) == {
        "too far": "bad_positions", "Inte": "unknown_code", "abc": "missing_text"}
    assert len(project.warnings) == 4


# -- hostile and broken files ------------------------------------------------------------


def _qdpx(tmp_path: Path, members: dict[str, bytes], name: str = "p.qdpx") -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


XXE = (b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
          b'<Project name="&lol2;"/>')


@pytest.mark.parametrize(("members", "message"), [
    ({"project.qde": XXE}, "entit.*never resolved"),
    ({"project.qde": LAUGHS}, "entit.*never resolved"),
    ({"project.qde": b"<Project><Sources></Project>"}, "invalid XML.*expected well-formed XML"),
    ({"project.qde": b"\0" * (20 * 1024 * 1024)}, "expanding.*zip bomb refused"),
    ({"sources/a.txt": b"x"}, "0 .qde project files.*exactly one .qde"),
    ({"a.qde": b"<Project/>", "b.qde": b"<Project/>"}, "2 .qde project files"),
    ({"project.qde": b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>'}, "<Project> root"),
])
def test_error_if_project_is_hostile_or_broken(tmp_path: Path, members: dict,
                                               message: str) -> None:
    path = _qdpx(tmp_path, members)
    with pytest.raises(InputError, match=message) as caught:
        read_refi(path)
    assert "p.qdpx" in str(caught.value)
    assert "root:" not in str(caught.value)


def test_error_if_not_a_zip_missing_or_unsupported(tmp_path: Path) -> None:
    fake = tmp_path / "fake.qdpx"
    fake.write_text("<Project/>", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.qdpx: not a zip archive, expected a REFI-QDA"):
        read_refi(fake)
    with pytest.raises(InputError, match=r"absent\.qdpx: no such file"):
        read_refi(tmp_path / "absent.qdpx")
    with pytest.raises(InputError, match=r"\(\.qdpx\) or codebook \(\.qdc\)"):
        read_refi(tmp_path / "project.nvp")


def test_error_if_qdc_declares_entities(tmp_path: Path) -> None:
    path = tmp_path / "book.qdc"
    path.write_bytes(XXE.replace(b"Project", b"CodeBook"))
    with pytest.raises(InputError, match="never resolved"):
        read_refi(path)
