"""Transcripts: speaker turns with exact offsets into the text as decoded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.coding import read_transcript, split_turns
from cxlib.errors import InputError

FR = (
    "Entretien n°3 — conseillère du centre d'appels\n"
    "\n"
    "Intervieweur : Bonjour, pouvez-vous vous présenter ?\n"
    "Mme Lefèvre : Oui. Je suis conseillère depuis 2019.\n"
    "Les clients attendent souvent vingt minutes.\n"
    "\n"
    "C'est le premier irritant.\n"
    "Intervieweur\u00a0: Et le site ?\n"
    "Mme Lefèvre\u202f: Il m'a dit : « c'est trop long ». Bref : on perd des ventes.\n"
)
EN = (
    "INTERVIEWER: Thanks for joining. How was the delivery?\n"
    "Respondent 2: It was late.\n"
    "  Three days late, actually.\n"
    "INTERVIEWER: And the app?\n"
    "Respondent 2: Great — see https://example.com: fast.\n"
)


def _assert_exact(transcript) -> None:
    for row in transcript.segments.iter_rows(named=True):
        assert transcript.text[row["start"]:row["end"]] == row["text"]
        assert row["text"] == row["text"].strip()


def _write(path: Path, text: str, bom: bool = True, crlf: bool = True) -> Path:
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


def test_french_txt_with_bom_and_crlf_keeps_offsets_exact(tmp_path: Path) -> None:
    path = _write(tmp_path / "I03.txt", FR)
    transcript = read_transcript(path)
    raw = path.read_bytes()
    assert transcript.text == raw[3:].decode("utf-8")  # BOM dropped, CRLF kept
    assert "\r\n" in transcript.text and not transcript.text.startswith("\ufeff")
    _assert_exact(transcript)
    seg = transcript.segments
    assert seg["speaker"].to_list() == [None, "Intervieweur", "Mme Lefèvre", "Intervieweur",
                                        "Mme Lefèvre"]
    second = seg.row(2, named=True)
    assert second["text"] == ("Oui. Je suis conseillère depuis 2019.\r\n"
                              "Les clients attendent souvent vingt minutes.\r\n\r\n"
                              "C'est le premier irritant.")
    assert second["start"] == transcript.text.index("Oui. Je suis")
    assert seg["text"][4].startswith("Il m'a dit : « c'est trop long ». Bref")


def test_english_txt_turns_and_continuation_lines(tmp_path: Path) -> None:
    transcript = read_transcript(_write(tmp_path / "c1.txt", EN, bom=False, crlf=False))
    _assert_exact(transcript)
    assert transcript.segments["speaker"].to_list() == ["INTERVIEWER", "Respondent 2"] * 2
    assert transcript.segments["text"][1] == "It was late.\n  Three days late, actually."
    assert transcript.segments["text"][3] == "Great — see https://example.com: fast."
    assert transcript.segments["segment"].to_list() == [0, 1, 2, 3]


def test_markdown_bold_labels_and_headings(tmp_path: Path) -> None:
    text = ("# Interview 4\n\n**Interviewer:** Hello.\n**Jane Doe**: Hi *there*.\nMore.\n"
            "## Part 2\n\n__Interviewer:__ Next.\n")
    transcript = read_transcript(_write(tmp_path / "i4.md", text, crlf=True))
    _assert_exact(transcript)
    assert transcript.segments["speaker"].to_list() == ["Interviewer", "Jane Doe", "Interviewer"]
    assert transcript.segments["text"].to_list() == ["Hello.", "Hi *there*.\r\nMore.", "Next."]


def test_text_without_speakers_is_cut_into_paragraphs() -> None:
    text = "First paragraph\nstill first.\n\n\nSecond one.\n"
    segments = split_turns(text)
    assert segments["speaker"].to_list() == [None, None]
    assert segments["text"].to_list() == ["First paragraph\nstill first.", "Second one."]


@pytest.mark.parametrize("line", [
    "Date : 12/03/2024", "Bref : on a attendu", "Il m'a dit : c'est long",
    "http://example.com: site", "10:30 rendez-vous", "note: later", "a: lower case",
])
def test_lines_that_are_not_speaker_labels(line: str) -> None:
    assert split_turns(line)["speaker"].to_list() == [None]


def test_explicit_speaker_list_overrides_the_guess() -> None:
    text = "Q: Why?\nNote: kept as speech\nR: Because.\n"
    segments = split_turns(text, speakers=["q", "r"])
    assert segments["speaker"].to_list() == ["Q", "R"]
    assert segments["text"][0] == "Why?\nNote: kept as speech"


def test_docx_paragraphs_are_joined_by_newlines(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in ("Intervieweur : Bonjour.", "Client B : J'ai appelé trois fois.",
                      "Personne ne répond.", "Intervieweur : Merci."):
        document.add_paragraph(paragraph)
    path = tmp_path / "I07.docx"
    document.save(str(path))
    transcript = read_transcript(path)
    assert transcript.text == ("Intervieweur : Bonjour.\nClient B : J'ai appelé trois fois.\n"
                               "Personne ne répond.\nIntervieweur : Merci.")
    _assert_exact(transcript)
    assert transcript.segments["text"][1] == "J'ai appelé trois fois.\nPersonne ne répond."


VTT = (
    "WEBVTT - Teams export\n\n"
    "NOTE recorded 2024-03-12\n\n"
    "1\n00:00:01.000 --> 00:00:04.500\n<v Alice Martin>Bonjour &amp; bienvenue.</v>\n\n"
    "2\n00:00:04.500 --> 00:00:06.000 align:start\n<v Alice Martin>On commence ?</v>\n\n"
    "3\n00:01:06.250 --> 00:01:09.000\n<v.loud Bob>Oui, <i>allons-y</i>.\nJe suis prêt.</v>\n\n"
    "01:00:00.000 --> 01:00:02.000\nCarol: Hi from Zoom.\n"
)


def test_vtt_voice_tags_and_name_prefixes(tmp_path: Path) -> None:
    transcript = read_transcript(_write(tmp_path / "meet.vtt", VTT, bom=True, crlf=True))
    assert transcript.text == ("Bonjour & bienvenue.\nOn commence ?\nOui, allons-y.\n"
                               "Je suis prêt.\nHi from Zoom.")
    _assert_exact(transcript)
    seg = transcript.segments
    assert seg["speaker"].to_list() == ["Alice Martin", "Bob", "Carol"]
    assert seg["text"][0] == "Bonjour & bienvenue.\nOn commence ?"  # same speaker merged
    assert seg["t_start"].to_list() == [1.0, 66.25, 3600.0]
    assert seg["t_end"].to_list() == [6.0, 69.0, 3602.0]


def test_txt_segments_have_no_timestamps(tmp_path: Path) -> None:
    seg = read_transcript(_write(tmp_path / "x.txt", EN)).segments
    assert seg["t_start"].null_count() == seg.height
    assert seg.columns == ["segment", "speaker", "start", "end", "text", "t_start", "t_end"]


def test_error_if_vtt_has_no_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.vtt", "00:00:01.000 --> 00:00:02.000\nHello\n")
    with pytest.raises(InputError, match=r"bad\.vtt.*WEBVTT"):
        read_transcript(path)


def test_error_if_docx_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "renamed.docx"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError, match=r"renamed\.docx: not a zip archive"):
        read_transcript(path)


def test_error_if_docx_is_a_zip_bomb(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"bomb\.docx.*zip bomb refused"):
        read_transcript(path)


@pytest.mark.parametrize(("name", "message"), [
    ("absent.txt", r"absent\.txt: no such file"),
    ("notes.pdf", r"\.txt, \.md, \.docx or \.vtt"),
])
def test_error_if_file_missing_or_unsupported(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_transcript(tmp_path / name)


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Client : J'ai été déçu.\r\n".encode("cp1252"))
    transcript = read_transcript(path)
    assert transcript.segments["text"].to_list() == ["J'ai été déçu."]


_LINES = st.sampled_from(["Alice: hi", "Bob : yes\r", "", "  ", "**Eve:** ok", "plain words",
                          "# Title", "Date : 12/03", "\u00e9t\u00e9 \u2014 \U0001f600"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=15))
def test_segments_always_slice_the_text_exactly(lines: list[str]) -> None:
    text = "\n".join(lines)
    segments = split_turns(text)
    previous_end = 0
    for row in segments.iter_rows(named=True):
        assert text[row["start"]:row["end"]] == row["text"]
        assert previous_end <= row["start"] < row["end"]
        previous_end = row["end"]


def test_error_if_docx_declares_an_external_entity(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Client : PLACEHOLDER")
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    hostile = tmp_path / "xxe.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
                                    b'"file:///etc/passwd">]>', 1).replace(b"PLACEHOLDER",
                                                                         b"&xxe;")
            target.writestr(info, data)
    with pytest.raises(InputError, match=r"xxe\.docx: in word/document\.xml, XML declaring.*never "
                                         r"resolved") as caught:
        read_transcript(hostile)
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "no such file, expected an existing file"),
    ("fr", "fichier absent, attendu : un fichier existant"),
])
def test_a_missing_transcript_is_named_in_the_readers_language(tmp_path, lang: str,
                                                               expected: str) -> None:
    from cxlib.errors import InputError

    with pytest.raises(InputError) as caught:
        read_transcript(tmp_path / "I01.txt", lang)
    assert expected in str(caught.value)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "not a zip archive, expected a Word document (.docx), which is a zip archive"),
    ("fr", "pas une archive zip, attendu : un document Word (.docx), qui est une archive zip"),
])
def test_a_docx_that_is_not_one_is_refused_in_the_readers_language(tmp_path, lang: str,
                                                                   expected: str) -> None:
    from cxlib.errors import InputError

    fake = tmp_path / "I01.docx"
    fake.write_text("plain text", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_transcript(fake, lang)
    assert expected in str(caught.value)
