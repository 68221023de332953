"""What every slide reads: the client's inputs and language, brand colours and the summary.

:func:`_context` gathers once per deck what several slides share: the coded passages and
the touchpoint evidence (journey maps, action plan) and the run's executive summary
(:func:`cxlib.presentation.front.front_page`), which the summary and findings slides
show as the front page does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from pptx.enum.lang import MSO_LANGUAGE_ID

from cxlib.i18n import language, number, t
from cxlib.inputs.loaders import Inputs

__all__: list[str] = []


@dataclass
class _Context:
    """A deck being built: inputs, language, colours, shared analyses and the front page."""

    inputs: Inputs
    lang: str
    today: date
    primary: str
    secondary: str
    spans: pl.DataFrame | None
    evidence: pl.DataFrame
    front: dict[str, Any]
    footer: str = ""
    language_id: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """Return message ``key`` in the deck's language."""
        return t(key, self.lang, **values)

    def number(self, value: float, decimals: int = 0, percent: bool = False) -> str:
        """Return a number written in the deck's language."""
        return number(value, self.lang, decimals, percent=percent)

    @property
    def ink(self) -> str | None:
        """The brand colour for headings in text, when dark enough to read on white."""
        return self.primary if _luminance(self.primary) < 0.45 else None


def _luminance(hex_colour: str) -> float:
    """Return the relative luminance (0 black to 1 white) of ``"RRGGBB"``."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _tint(hex_colour: str, share: float) -> str:
    """Mix a colour with white (``share`` of white)."""
    parts = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in parts)


def _context(inputs: Inputs, today: date | None) -> _Context:
    """Gather what the slides share, the front page's summary included (computed once)."""
    from cxlib.analysis import interviews as iv
    from cxlib.analysis import touchpoints as tp
    from cxlib.presentation.front import front_page

    cfg = inputs.config
    today = today or date.today()
    spans = iv.client_spans(inputs)
    ctx = _Context(inputs=inputs, lang=cfg.language, today=today,
                   primary=cfg.brand.primary.lstrip("#").upper(),
                   secondary=cfg.brand.secondary.lstrip("#").upper(), spans=spans,
                   evidence=tp.evidence(inputs, spans),
                   front=front_page(inputs, cfg.language, today=today))
    ctx.footer = f"{cfg.client} · {cfg.labels('waves')[cfg.wave]}"
    ctx.language_id = getattr(MSO_LANGUAGE_ID, language(cfg.language).office)
    return ctx
