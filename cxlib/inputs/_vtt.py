r"""WebVTT meeting transcripts (Teams, Zoom, Meet exports) as text and speaker turns.

A cue's text is its payload with WebVTT markup removed — voice spans ``<v Name>…</v>``,
class, italic and timestamp tags — character references decoded (``&amp;``), and a
leading ``Name:`` label taken as the speaker when there is no voice span. The
transcript's text is the cue texts joined by ``"\n"``; consecutive cues of the same
speaker form one turn whose ``t_start``/``t_end`` are those of its first and last cue.
Header, ``NOTE``, ``STYLE`` and ``REGION`` blocks are skipped (WebVTT, W3C, §4).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cxlib.inputs._textio import fail
from cxlib.inputs._turns import match_label, segments_frame

__all__ = ["parse_vtt"]

_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_SKIPPED = ("NOTE", "STYLE", "REGION")


@dataclass
class _Cue:
    speaker: str | None
    text: str
    t_start: float
    t_end: float


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _blocks(text: str) -> list[list[str]]:
    lines = re.split(r"\r\n|\r|\n", text)
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _cue_text(payload: list[str]) -> tuple[str | None, str]:
    """Return the speaker and the plain text of a cue payload."""
    joined = "\n".join(payload)
    voice = _VOICE.search(joined)
    speaker = " ".join(voice[1].split()) if voice else None
    plain = html.unescape(_TAG.sub("", joined)).replace("\u200e", "").replace("\u200f", "")
    lines = [line.strip() for line in plain.split("\n")]
    plain = "\n".join(line for line in lines if line)
    if speaker is None and plain:
        label = match_label(plain.split("\n", 1)[0])
        if label is not None:
            speaker, plain = label[0], plain[label[1]:].strip()
    return speaker, plain


def _cue(block: list[str]) -> _Cue | None:
    for i, line in enumerate(block[:2]):
        timing = _TIMING.match(line)
        if timing:
            groups = timing.groups()
            speaker, text = _cue_text(block[i + 1:])
            return _Cue(speaker, text, _seconds(*groups[:4]), _seconds(*groups[4:]))
    return None


def _merge(cues: list[_Cue]) -> list[list[_Cue]]:
    turns: list[list[_Cue]] = []
    for cue in cues:
        if turns and cue.speaker is not None and turns[-1][-1].speaker == cue.speaker:
            turns[-1].append(cue)
        else:
            turns.append([cue])
    return turns


def parse_vtt(text: str, path: Path, lang: str = "en") -> tuple[str, pl.DataFrame]:
    """Return the text and speaker turns of a WebVTT transcript.

    Parameters
    ----------
    text : str
        The file as decoded (BOM already dropped).
    path : Path
        The file, for messages.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    tuple of (str, polars.DataFrame)
        The transcript text and its segments, with ``t_start``/``t_end`` in seconds.

    Raises
    ------
    InputError
        If the file does not start with ``WEBVTT`` or holds no cue.
    """
    blocks = _blocks(text)
    if not blocks or not blocks[0][0].startswith("WEBVTT"):
        first = blocks[0][0][:40] if blocks else ""
        raise fail(path, f"a first line '{first}'",
                   "'WEBVTT' on the first line of a WebVTT transcript", lang)
    cues = [c for b in blocks[1:] if not b[0].startswith(_SKIPPED)
            for c in [_cue(b)] if c is not None and c.text]
    if not cues:
        raise fail(path, "no cue with text", "cues: a 'start --> end' timing line followed "
                   "by what was said", lang)
    parts: list[str] = []
    rows: list[tuple[str | None, int, int]] = []
    times: list[tuple[float, float]] = []
    offset = 0
    for turn in _merge(cues):
        start = offset
        for cue in turn:
            parts.append(cue.text)
            offset += len(cue.text) + 1
        rows.append((turn[0].speaker, start, offset - 1))
        times.append((turn[0].t_start, turn[-1].t_end))
    full = "\n".join(parts)
    return full, segments_frame(full, rows, times)
