"""Speaker turns: find "Name: text" labels and cut a text into segments with exact offsets.

A label is a line starting with a short name and a colon: ``Name: text``, ``Name : text``
(French typographic space, also no-break spaces), ``INTERVIEWER: …``, ``**Name:** …`` or
``**Name**: …`` in markdown. The name is up to five words, each capitalised or a number
(``Speaker 1``, ``Client B``, ``Mme Dupont``, ``Interviewer (AM)``), with particles
(``de``, ``van``…) allowed inside; discourse words and header fields (``Bref :``,
``Date :``, ``Note:``) are not speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

__all__ = ["SEGMENT_SCHEMA", "match_label", "split_turns"]

#: Columns of a segments frame.
SEGMENT_SCHEMA: dict[str, pl.DataType] = {
    "segment": pl.Int64(), "speaker": pl.String(), "start": pl.Int64(), "end": pl.Int64(),
    "text": pl.String(), "t_start": pl.Float64(), "t_end": pl.Float64(),
}

_SPACE = r"[ \t\u00a0\u202f]"
_LABEL = re.compile(
    rf"^{_SPACE}*(?P<mark>\*\*|__)?(?P<name>[^\s:*_][^:\n*]{{0,40}}?){_SPACE}*"
    rf"(?:(?P=mark){_SPACE}*)?[:：](?:(?P=mark))?(?=\s|$){_SPACE}*"
)
_PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "da", "di",
              "et", "and", "of", "d'", "l'", "d’", "l’"}
_NOT_SPEAKERS = {
    "bref", "alors", "donc", "résultat", "conclusion", "exemple", "ex", "note", "nb", "n.b",
    "remarque", "attention", "total", "voilà", "ensuite", "puis", "enfin", "mais", "bon",
    "so", "well", "result", "example", "also", "then", "but", "ps", "p.s", "important",
    "objet", "sujet", "subject", "date", "lieu", "durée", "duration", "location", "heure",
    "time", "titre", "title", "ref", "réf", "source", "warning", "tip", "todo", "re", "tél",
    "tel", "email", "e-mail", "mail", "adresse", "address", "phone",
}
_WORD = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|\d+[\w]*|\([^)]*\))$")
_HEADING = re.compile(r"^#{1,6}\s")


def _valid_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 5 or not words[0][0].isupper():
        return False
    if words[0].lower().rstrip(".") in _NOT_SPEAKERS:
        return False
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _WORD.match(word) or not (word[0].isupper() or word[0].isdigit()
                                         or word[0] == "("):
            return False
    return True


def match_label(line: str, speakers: set[str] | None = None) -> tuple[str, int] | None:
    """Return the speaker named at the start of a line and where the speech starts.

    Parameters
    ----------
    line : str
        One line, without its line ending.
    speakers : set of str, optional
        Lower-cased names accepted as speakers; when given, only these are.

    Returns
    -------
    tuple of (str, int) or None
        The speaker's name and the index in ``line`` after the label, or None.
    """
    match = _LABEL.match(line)
    if not match:
        return None
    name = " ".join(match["name"].split())
    if speakers is not None:
        return (name, match.end()) if name.lower() in speakers else None
    return (name, match.end()) if _valid_name(name) else None


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """Yield (offset, line without its ending) for every line of ``text``."""
    offset = 0
    for raw in text.split("\n"):
        yield offset, raw[:-1] if raw.endswith("\r") else raw
        offset += len(raw) + 1


class _Cutter:
    """Accumulate segments as (speaker, start, end) while lines are read."""

    def __init__(self) -> None:
        self.rows: list[tuple[str | None, int, int]] = []
        self.speaker: str | None = None
        self.start: int | None = None
        self.end: int | None = None
        self.open = False

    def close(self) -> None:
        if self.open and self.start is not None and self.end is not None:
            self.rows.append((self.speaker, self.start, self.end))
        self.speaker, self.start, self.end, self.open = None, None, None, False

    def begin(self, speaker: str | None) -> None:
        self.close()
        self.speaker, self.open = speaker, True

    def add(self, offset: int, content: str) -> None:
        stripped = content.strip()
        if not stripped:
            return
        first = offset + len(content) - len(content.lstrip())
        if self.start is None:
            self.start = first
        self.end = offset + len(content.rstrip())


def split_turns(text: str, speakers: Iterable[str] | None = None) -> pl.DataFrame:
    """Cut a transcript into speaker turns, or paragraphs when it names no speaker.

    A turn starts at a speaker label and runs until the next label (or a markdown
    heading); continuation lines, blank ones included, belong to it. Text before the
    first label is cut into paragraphs (blank-line separated) with no speaker. Each
    segment's ``start`` and ``end`` are offsets into ``text`` (end exclusive) such that
    ``text[start:end]`` is the segment's text: the speech, without the label and without
    surrounding blank space; CRLF line endings inside stay as they are.

    Parameters
    ----------
    text : str
        The transcript as decoded.
    speakers : iterable of str, optional
        Names to accept as speakers (case-insensitive); by default any label that looks
        like a name is.

    Returns
    -------
    polars.DataFrame
        Columns of :data:`SEGMENT_SCHEMA`; ``t_start`` and ``t_end`` are null.
    """
    accepted = {s.lower() for s in speakers} if speakers is not None else None
    cut = _Cutter()
    for offset, content in _lines(text):
        label = match_label(content, accepted)
        if label is not None:
            cut.begin(label[0])
            cut.add(offset + label[1], content[label[1]:])
        elif _HEADING.match(content):
            cut.close()
        elif cut.speaker is not None:
            cut.add(offset, content)
        elif not content.strip():
            cut.close()
        else:
            if not cut.open:
                cut.begin(None)
            cut.add(offset, content)
    cut.close()
    return segments_frame(text, cut.rows)


def segments_frame(text: str, rows: list[tuple[str | None, int, int]],
                   times: list[tuple[float, float]] | None = None) -> pl.DataFrame:
    """Build a segments frame from (speaker, start, end) spans of ``text``.

    Parameters
    ----------
    text : str
        The transcript.
    rows : list of tuple
        ``(speaker, start, end)`` per segment, in order.
    times : list of tuple of float, optional
        ``(t_start, t_end)`` in seconds per segment.

    Returns
    -------
    polars.DataFrame
        Columns of :data:`SEGMENT_SCHEMA`.
    """
    starts = [t[0] for t in times] if times else [None] * len(rows)
    ends = [t[1] for t in times] if times else [None] * len(rows)
    data = {
        "segment": list(range(len(rows))),
        "speaker": [r[0] for r in rows],
        "start": [r[1] for r in rows],
        "end": [r[2] for r in rows],
        "text": [text[r[1]:r[2]] for r in rows],
        "t_start": starts,
        "t_end": ends,
    }
    return pl.DataFrame(data, schema=SEGMENT_SCHEMA)
