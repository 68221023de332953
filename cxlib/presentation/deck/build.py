"""Build the deck: open the template, add the slides the client's data allows, save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pptx import Presentation

from cxlib import paths
from cxlib.analysis.coverage import allows
from cxlib.errors import CxError
from cxlib.i18n import t
from cxlib.inputs.loaders import Inputs, load_inputs
from cxlib.presentation.deck.context import _Context, _context
from cxlib.presentation.deck.layout import (
    _clear_slides,
    _drop_empty,
    _footer,
    _layouts,
    _properties,
    _save,
    default_template,
)
from cxlib.presentation.deck.pictures import _curves_slide, _priorities_slide, _themes_slide
from cxlib.presentation.deck.slides import (
    _matrix_slide,
    _persona_slides,
    _plan_slide,
    _stage_slide,
    _title_slide,
)
from cxlib.presentation.deck.summary import _findings_slide, _summary_slide

__all__ = ["build_deck"]

_Adder = Callable[[Any, dict[str, Any], _Context], None]

#: The slides in order, each with the report section whose data it needs (None: always
#: asked; the slide itself leaves out what is missing).
_SLIDES: tuple[tuple[tuple[str, str] | None, _Adder], ...] = (
    (None, _title_slide),
    (None, _summary_slide),
    (("05_journey_map", "jm_maps"), _curves_slide),
    (("05_journey_map", "jm_maps"), _persona_slides),
    (("02_touchpoints", "tp_matrix"), _matrix_slide),
    (("04_kpis", "kp_by_stage"), _stage_slide),
    (("03_interviews", "iv_irritants"), _findings_slide),
    (("06_voice", "vo_themes"), _themes_slide),
    (("05_journey_map", "jm_plan"), _priorities_slide),
    (("05_journey_map", "jm_plan"), _plan_slide),
)


def _target_file(target: Path, inputs: Inputs) -> Path:
    target = Path(target)
    if target.is_dir() or target.suffix.lower() != ".pptx":
        cfg = inputs.config
        return target / f"{cfg.slug or 'client'}-{cfg.wave}-deck.pptx"
    return target


def build_deck(client: str | Inputs, target: Path, template: Path | None = None, *,
               today: date | None = None) -> Path:
    """Write the client's PowerPoint deck.

    A slide whose data the client does not have (no event log, no coded interviews, no
    survey…) is left out, as the coverage declarations of
    :mod:`cxlib.analysis.coverage` say.

    Parameters
    ----------
    client : str or Inputs
        Client folder name under ``data/``, or inputs already loaded and validated.
    target : Path
        The ``.pptx`` file to write; a folder (or a path without the ``.pptx`` suffix)
        receives ``<client>-<wave>-deck.pptx``. It is written whole or not at all.
    template : Path, optional
        A ``.pptx`` whose layouts carry the names of :data:`LAYOUTS` (default:
        :func:`default_template`); its example slides, if any, are dropped.
    today : date, optional
        Date on the title slide and of the map's age in the health check (default: today).

    Returns
    -------
    Path
        The deck written.

    Raises
    ------
    CxError
        When the template is missing or lacks a layout, in the client's language; the
        loaders' errors when the client's inputs are invalid.
    """
    from cxlib.presentation import render

    inputs = load_inputs(client) if isinstance(client, str) else client
    template = Path(template) if template else default_template()
    lang = inputs.config.language
    if not template.is_file():
        raise CxError(t("dk_template_missing", lang, file=paths.display(template)))
    prs = Presentation(str(template))
    layouts = _layouts(prs, template, lang)
    _clear_slides(prs)
    ctx = _context(inputs, today)
    render.use_brand(f"#{ctx.primary}", f"#{ctx.secondary}", lang)
    for needs, add in _SLIDES:
        if needs is not None and not allows(inputs, *needs):
            continue
        before = len(prs.slides)
        add(prs, layouts, ctx)
        for page, slide in enumerate(list(prs.slides)[before:], start=before + 1):
            if slide.slide_layout is not layouts["title"]:
                _footer(slide, ctx, page)
            _drop_empty(slide)
    _properties(prs, ctx)
    out = _target_file(target, inputs)
    _save(prs, out)
    return out
