"""The slides drawn from the analyses: title, journey maps, matrix, NPS by stage, plan.

Each function adds its slide(s) to the deck, or none when the client's data leaves it
nothing to show; :mod:`cxlib.presentation.deck.build` asks the coverage declarations
(:func:`cxlib.analysis.coverage.allows`) before calling it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl
from pptx.util import Inches

from cxlib.i18n import date_text, quoted
from cxlib.presentation.deck.context import _Context
from cxlib.presentation.deck.layout import (
    _GREY,
    _caption,
    _new_slide,
    _picture,
    _png,
    _text_placeholders,
    _write,
)
from cxlib.presentation.deck.tables import _Cell, _Grid, _table
from cxlib.presentation.deck.text import _cut, _para, _Run

__all__ = ["PLAN_ROWS"]

#: Rows of the action plan shown on its slide.
PLAN_ROWS = 12

_NEGATIVE = ("irritant", "rupture")
_VALENCE_INK = {"rupture": "C62828", "irritant": "E69F00", "enchantment": "2E7D32",
                "neutral": "9E9E9E"}


def _title_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the title slide: client, deck title, wave, date, and the logo if any."""
    cfg = ctx.inputs.config
    slide = _new_slide(prs, layouts["title"], ctx, cfg.client)
    when = date_text(ctx.today, "d MMMM y", ctx.lang)
    boxes = _text_placeholders(slide)
    if boxes:
        _write(boxes[0], [_para("heading", ctx.t("dk_deck_title")),
                          _para("text", f"{cfg.labels('waves')[cfg.wave]} · {when}")],
               ctx, largest=20, smallest=12)
    logo = cfg.path / cfg.brand.logo if cfg.brand.logo else None
    if logo is not None and logo.is_file():
        pic = slide.shapes.add_picture(str(logo), 0, Inches(0.45), height=Inches(0.9))
        pic.left = prs.slide_width - pic.width - Inches(0.6)


# -- journey maps ----------------------------------------------------------------------


def _touchpoint_lines(stage: dict[str, Any], ctx: _Context, limit: int = 3) -> _Cell:
    tps = sorted(stage["touchpoints"], key=lambda tp: (
        not tp["moment_of_truth"], tp["valence"] not in _NEGATIVE, -tp["evidence"]))
    lines = [_para("text", _Run("■ ", ink=_VALENCE_INK.get(tp["valence"], _GREY)),
                   ("★ " if tp["moment_of_truth"] else "") + _cut(tp["name"], 40),
                   _Run(f" ({ctx.number(tp['evidence'])})", ink=_GREY))
             for tp in tps[:limit]]
    if len(tps) > limit:
        lines.append(_para("note", ctx.t("dk_more", n=len(tps) - limit)))
    return lines


def _emotion_lines(stage: dict[str, Any], ctx: _Context) -> _Cell:
    sat, nps = stage["satisfaction"], stage["nps"]
    if sat["mean"] is None:
        lines = [_para("text", "–", _Run(f" n = {ctx.number(sat['n'])}", ink=_GREY))]
    else:
        flag = " ⚠" if sat["base"] == "low" else ""
        lines = [_para("text", _Run(f"{ctx.number(sat['mean'], 1)} /5", bold=True),
                       _Run(f"  n = {ctx.number(sat['n'])}{flag}", ink=_GREY))]
    if nps and nps.get("nps") is not None:
        flag = " ⚠" if nps.get("base") == "low" else ""  # as the HTML map marks it
        lines.append(_para("text", f"NPS {ctx.number(nps['nps'])}",
                           _Run(f"  n = {ctx.number(nps['n'])}{flag}", ink=_GREY)))
    return lines


def _listed(items: Sequence[str], ctx: _Context, limit: int, prefix: str = "",
            chars: int = 40) -> _Cell:
    lines = [_para("text", prefix + _cut(item, chars)) for item in items[:limit]]
    if len(items) > limit:
        lines.append(_para("note", ctx.t("dk_more", n=len(items) - limit)))
    return lines


def _voice_lines(voice: dict[str, Any] | None, ctx: _Context) -> _Cell:
    """Return what customers write at a stage: its top theme, the negative share, the base."""
    if not voice or not voice["theme"] or voice["base"] == "suppressed":
        return _listed([], ctx, 1)
    flag = " ⚠" if voice["base"] == "low" else ""
    return [_para("text", _cut(voice["theme"], 40)),
            _para("text", _Run(ctx.t("jm_voice_negative",
                                     share=ctx.number(voice["share_negative"], percent=True))
                               + f"  n = {ctx.number(voice['n'])}{flag}", ink=_GREY))]


def _map_grid(journey: dict[str, Any], ctx: _Context) -> _Grid:
    """Return a persona's journey map as a grid: stages as columns, lanes as rows."""
    stages = journey["stages"]
    workshop = any(s.get(k) for s in stages for k in ("actions", "questions", "motivations"))
    lanes: list[tuple[str, Callable[[dict[str, Any]], _Cell]]] = [
        *([("jm_lane_actions", lambda s: _listed([s["actions"]] if s["actions"] else [],
                                                 ctx, 1, chars=90)),
           ("jm_lane_questions", lambda s: _listed(
               [quoted(s["questions"], ctx.lang)] if s["questions"] else [], ctx, 1,
               chars=90))]
          if workshop else []),
        ("jm_lane_does", lambda s: [_para("text", _cut(c, 26),
                                          _Run(f" {ctx.number(share, percent=True)}",
                                               ink=_GREY)) for c, share in s["channels"]]),
        ("jm_lane_touchpoints", lambda s: _touchpoint_lines(s, ctx)),
        ("jm_lane_emotion", lambda s: _emotion_lines(s, ctx)),
        ("jm_lane_irritants", lambda s: _listed([f"{a} ({b})" for a, b in s["irritants"]],
                                                ctx, 2)),
        *([("jm_lane_voice", lambda s: _voice_lines(s["voice"], ctx))]
          if stages and "voice" in stages[0] else []),
        ("jm_lane_opportunities", lambda s: _listed(s["opportunities"], ctx, 2, "→ ")),
    ]
    rows = [[[_para("text", _Run(ctx.t(key), bold=True))], *(lane(s) for s in stages)]
            for key, lane in lanes]
    largest = 11 if len(stages) <= 4 else 10.5 if len(stages) <= 6 else 9.5
    return _Grid(header=["", *(s["label"] for s in stages)], rows=rows,
                 widths=[1.45] + [1.0 * (12.33 - 1.45) / max(1, len(stages))] * len(stages),
                 largest=largest, smallest=7, lane_column=True)


def _persona_slides(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add one journey map per persona, as a native table."""
    from cxlib.analysis import journey_map as jm
    from cxlib.analysis.feedback import has_texts, listen

    voice = None
    if has_texts(ctx.inputs):  # what customers write: one more lane, as in the report
        voice = listen(ctx.inputs)
    for pid, name in ctx.inputs["personas"].select("persona_id", "name").iter_rows():
        journey = jm.persona_map(ctx.inputs, pid, ctx.spans, ctx.evidence, voice=voice)
        slide = _new_slide(prs, layouts["table"], ctx, ctx.t("jm_persona_map", persona=name))
        _table(slide, _map_grid(journey, ctx), ctx)
        _caption(slide, ctx.t("dk_map_caption"), ctx)


# -- charts ----------------------------------------------------------------------------


def _matrix_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the stage × channel coverage heat map, as a picture."""
    from cxlib.analysis.overview import coverage_matrix
    from cxlib.presentation import charts

    matrix = coverage_matrix(ctx.inputs.config, ctx.inputs["touchpoints"])
    if matrix.is_empty():
        return
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("tp_matrix"))
    chart = charts.coverage_heatmap(matrix, stage_title=ctx.t("col_stage"),
                                    channel_title=ctx.t("col_channel"),
                                    count_title=ctx.t("col_touchpoints"))
    spec = chart.to_dict()
    for layer in spec.get("layer", []):
        axis = layer.get("encoding", {}).get("x", {}).get("axis")
        if isinstance(axis, dict):
            axis["labelLimit"] = 320  # the slide has room for whole stage names
    _picture(slide, _png(spec))
    _caption(slide, ctx.t("dk_matrix_caption", n=int(matrix["touchpoints"].sum()),
                          irritants=int(matrix["irritants"].sum())), ctx)


def _stage_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the NPS by stage with its 95% intervals; none when no stage has enough answers."""
    import altair as alt

    from cxlib.analysis import kpi_review as kr
    from cxlib.presentation import charts

    cfg = ctx.inputs.config
    shown = kr.breakdown(ctx.inputs, "stage_id").filter(pl.col("base") != "suppressed")
    if shown.is_empty():
        return
    target = cfg.targets.get("nps")
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("kp_by_stage"))
    chart = charts.interval_bars(shown, label="label", value="value", low="ci_low",
                                 high="ci_high", value_title="NPS", target=target,
                                 domain=(-100, 100))
    _picture(slide, _png(chart.properties(height=alt.Step(40))))
    caption = ctx.t("dk_stage_caption", wave=cfg.labels("waves")[cfg.wave],
                    flag=cfg.min_base.flag, suppress=cfg.min_base.suppress)
    if target is not None:
        caption += " " + ctx.t("dk_target_caption", target=ctx.number(target))
    _caption(slide, caption, ctx)


# -- action plan -----------------------------------------------------------------------


def _plan_grid(plan: pl.DataFrame, ctx: _Context) -> _Grid:
    columns = ("action", "touchpoint", "impact", "effort", "owner", "due", "status")
    rows = []
    for r in plan.head(PLAN_ROWS).iter_rows(named=True):
        due = date_text(r["due"], "short", ctx.lang) if r["due"] else "–"
        values = [_cut(r["action"], 90), _cut(r["touchpoint"] or "–", 50), str(r["impact"]),
                  str(r["effort"]), _cut(r["owner"] or "–", 30), due, r["status"]]
        rows.append([[_para("text", v)] for v in values])
    return _Grid(header=[ctx.t(f"col_{c}") for c in columns], rows=rows,
                 widths=[4.2, 2.4, 0.75, 0.75, 1.8, 1.05, 0.95], largest=12, smallest=8,
                 centred={2, 3, 5})


def _plan_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the first :data:`PLAN_ROWS` actions by priority as a table (none: no slide)."""
    from cxlib.analysis import journey_map as jm

    plan = jm.plan_display(jm.action_plan(ctx.inputs, ctx.evidence, ctx.lang), ctx.lang)
    if plan.is_empty():
        return
    slide = _new_slide(prs, layouts["table"], ctx, ctx.t("jm_plan"))
    _table(slide, _plan_grid(plan, ctx), ctx)
    _caption(slide, ctx.t("dk_plan_caption", shown=min(PLAN_ROWS, plan.height),
                          total=plan.height), ctx)
