"""Text of the deck as paragraphs of runs, and the sizes at which it fits its box.

PowerPoint's autofit only acts when a file is opened and edited, and LibreOffice or
viewers ignore it: the deck sizes text itself. :func:`_fit` finds the largest body size
at which paragraphs fit a box, from an estimate of their lines (:func:`_lines`, word
wrap at a mean glyph width of :data:`_EM` em) and their height (:func:`_height`, lines
at :data:`_LEADING` plus the space before each paragraph); :func:`_cut` shortens a text
that would not fit whatever its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__: list[str] = []

#: Size of each kind of paragraph relative to the body size, and space before it (× size).
_SCALE = {"heading": 1.0, "text": 1.0, "quote": 0.9, "note": 0.85}
_BEFORE = {"heading": 0.8, "text": 0.35, "quote": 0.15, "note": 0.1}
_EM = 0.47  # mean glyph width of Arial-like faces in em (mixed-case French or English)
_LEADING = 1.2


@dataclass(frozen=True)
class _Run:
    """A stretch of text in one style; ``ink`` is a colour ``"RRGGBB"``."""

    text: str
    bold: bool = False
    italic: bool = False
    ink: str | None = None


@dataclass(frozen=True)
class _Para:
    """A paragraph: its runs and its kind (``heading``, ``text``, ``quote``, ``note``)."""

    runs: tuple[_Run, ...]
    kind: str = "text"

    @property
    def text(self) -> str:
        """The paragraph's text, runs joined."""
        return "".join(r.text for r in self.runs)


def _para(kind: str, *runs: _Run | str) -> _Para:
    """Return a paragraph of ``kind`` from runs or plain strings."""
    return _Para(tuple(r if isinstance(r, _Run) else _Run(r) for r in runs), kind)


def _lines(text: str, size: float, width: float) -> int:
    """Estimate the lines ``text`` takes at ``size`` points in ``width`` inches (word wrap)."""
    per_line = max(4, int(width * 72 / (size * _EM)))
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0
        for word in part.split():
            n = min(len(word), per_line)
            need = n if used == 0 else used + 1 + n
            if need > per_line:
                lines, used = lines + 1, n
            else:
                used = need
        total += lines
    return total


def _height(paras: Sequence[_Para], size: float, width: float) -> float:
    """Estimate the height in inches of ``paras`` at body size ``size``."""
    height = 0.0
    for i, para in enumerate(paras):
        scaled = size * _SCALE[para.kind]
        wide = 1.08 if para.kind == "heading" or all(r.bold for r in para.runs) else 1.0
        height += _lines(para.text, scaled * wide, width) * scaled * _LEADING / 72
        if i:
            height += _BEFORE[para.kind] * size / 72
    return height


def _fit(paras: Sequence[_Para], width: float, height: float, largest: float,
         smallest: float) -> float:
    """Return the largest body size (half points) at which ``paras`` fit the box."""
    size = largest
    while size > smallest and _height(paras, size, width) > height:
        size -= 0.5
    return size


def _cut(text: object, limit: int) -> str:
    """Return ``text`` cut at a word before ``limit`` characters, with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head[limit // 2:]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.") + "…"
