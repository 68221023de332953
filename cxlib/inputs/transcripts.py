r"""Interview transcripts (.txt, .md, .docx, .vtt) as text plus speaker turns with offsets.

Offsets are Python ``str`` indices (code points) into :attr:`Transcript.text`, the text
as decoded, end exclusive; they are never computed on a normalised copy. Decoding drops
a UTF-8 byte-order mark (an encoding mark, not text — REFI-QDA tools do not count it
either) and keeps line endings as they are: a CRLF counts as two characters, as it does
in REFI-QDA positions, which are characters of the plain text as stored. So an offset
read from this text, from a codings file or from a ``.qdpx`` points at the same
characters, and ``text[start:end]`` is the segment's text, always.

- ``.txt`` and ``.md``: UTF-8 (with or without BOM), falling back to cp1252;
- ``.docx``: body paragraphs (python-docx) joined by ``"\n"``; tables are not read;
- ``.vtt``: WebVTT cues (see :mod:`cxlib.inputs._vtt`), timestamps kept per segment.

Speaker turns are found from labels such as ``Name: text``, ``Intervieweur : …``
(French typographic space before the colon), ``INTERVIEWER: …`` or ``**Name:** …``;
continuation lines belong to the current turn (see :func:`split_turns`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cxlib.i18n import t
from cxlib.inputs._textio import decode_text, fail, open_zip, parse_xml, read_file, read_member
from cxlib.inputs._turns import SEGMENT_SCHEMA, split_turns
from cxlib.inputs._vtt import parse_vtt

__all__ = ["SEGMENT_SCHEMA", "SUFFIXES", "Transcript", "from_text", "read_transcript",
           "split_turns", "stack_segments"]

#: File suffixes a transcript may have.
SUFFIXES = (".txt", ".md", ".docx", ".vtt")


@dataclass(frozen=True)
class Transcript:
    """A transcript: its text and its segments.

    Attributes
    ----------
    text : str
        The transcript as decoded (BOM dropped, line endings kept).
    segments : polars.DataFrame
        One row per speaker turn (or paragraph): ``segment`` (0-based index),
        ``speaker`` (null when none is named), ``start``, ``end`` (offsets into
        ``text``, end exclusive), ``text`` (``== text[start:end]``), ``t_start`` and
        ``t_end`` (seconds; WebVTT only, else null).
    path : Path or None
        The file it was read from.
    """

    text: str
    segments: pl.DataFrame
    path: Path | None = None

    def quote(self, start: int, end: int) -> str:
        """Return the text between two offsets.

        Parameters
        ----------
        start, end : int
            Offsets into :attr:`text`, end exclusive.

        Returns
        -------
        str
            ``text[start:end]``.
        """
        return self.text[start:end]


def from_text(text: str, speakers: Iterable[str] | None = None,
              path: Path | None = None) -> Transcript:
    """Build a :class:`Transcript` from text already in memory.

    Parameters
    ----------
    text : str
        The transcript.
    speakers : iterable of str, optional
        Names to accept as speakers (see :func:`split_turns`).
    path : Path, optional
        Where it came from.

    Returns
    -------
    Transcript
        The text and its speaker turns.
    """
    return Transcript(text, split_turns(text, speakers), path)


def stack_segments(transcripts: Mapping[str, Transcript],
                   by: str = "interview_id") -> pl.DataFrame:
    """Stack the segments of several transcripts, each row naming its transcript.

    Parameters
    ----------
    transcripts : mapping of str to Transcript
        Transcripts keyed by interview id.
    by : str
        Name of the column holding the key.

    Returns
    -------
    polars.DataFrame
        ``by`` then the columns of :data:`SEGMENT_SCHEMA`, as
        :func:`~cxlib.coding.agreement_by_code` takes them.
    """
    frames = [t.segments.select(pl.lit(key, pl.String).alias(by), pl.all())
              for key, t in transcripts.items()]
    empty = pl.DataFrame(schema={by: pl.String, **SEGMENT_SCHEMA})
    return pl.concat([empty, *frames]) if frames else empty


def _docx_text(path: Path, lang: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with open_zip(path, lang, kind="tx_kind_docx") as archive:
        for info in archive.infolist():  # refuse entity declarations python-docx would drop
            if info.filename.lower().endswith(".xml"):
                parse_xml(read_member(archive, info, path, lang), path, lang, info.filename)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise fail(path, f"an unreadable Word document ({exc})",
                   "a Word document (.docx) saved by Word or LibreOffice", lang) from exc
    except Exception as exc:  # lxml and zip errors have no common base
        raise fail(path, f"an unreadable Word document ({type(exc).__name__})",
                   "a Word document (.docx) saved by Word or LibreOffice", lang) from exc
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def read_transcript(path: Path | str, lang: str = "en",
                    speakers: Iterable[str] | None = None) -> Transcript:
    """Read a transcript file into its text and speaker turns.

    Parameters
    ----------
    path : Path or str
        A ``.txt``, ``.md``, ``.docx`` or ``.vtt`` file, or ``<project>.qdpx#<source>``:
        a text source of a REFI-QDA project beside it or in the folder above.
    lang : {"en", "fr"}
        Language of the error headline.
    speakers : iterable of str, optional
        Names to accept as speakers (case-insensitive); by default any label that looks
        like a name is (see :func:`split_turns`). Not used for ``.vtt``.

    Returns
    -------
    Transcript
        The text, exactly as decoded, and its segments.

    Raises
    ------
    InputError
        If the file is missing, has another suffix, is binary where text is expected, is
        not a Word document or WebVTT file as its suffix says, or is a zip bomb.

    Examples
    --------
    >>> t = read_transcript("interviews/I01.txt")  # doctest: +SKIP
    >>> row = t.segments.row(0, named=True)  # doctest: +SKIP
    >>> t.text[row["start"]:row["end"]] == row["text"]  # doctest: +SKIP
    True
    """
    path = Path(path)
    from cxlib.inputs.qdpx_inputs import source_text

    if (text := source_text(path, lang)) is not None:  # ``project.qdpx#source``
        return from_text(text, speakers, path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise fail(path, f"a '{suffix or path.name}' file",
                   "a transcript in .txt, .md, .docx or .vtt", lang)
    if suffix == ".docx":
        return from_text(_docx_text(path, lang), speakers, path)
    text = decode_text(read_file(path, lang))
    if "\x00" in text:
        raise fail(path, t("transcript_binary", lang), t("expect_transcript_text", lang), lang)
    if suffix == ".vtt":
        full, segments = parse_vtt(text, path, lang)
        return Transcript(full, segments, path)
    return from_text(text, speakers, path)
