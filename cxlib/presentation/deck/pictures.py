"""Slides whose body is a report chart as a picture: emotional curves, priorities, themes.

Each draws the same chart as its report (:mod:`cxlib.presentation.charts`, the client's
theme), from the same analysis, as a PNG in the layout's picture placeholder, with a
caption that says how to read it.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cxlib.presentation.deck.context import _Context
from cxlib.presentation.deck.layout import _caption, _new_slide, _picture, _png

__all__ = ["_curves_slide", "_priorities_slide", "_themes_slide"]

#: Actions drawn on the impact × effort matrix, as in 05_journey_map.
PLAN_POINTS = 25
#: Themes of customers' texts drawn with their sentiment.
THEMES = 8


def _curves_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the emotional curves: each persona's mean satisfaction at each stage."""
    from cxlib.analysis import journey_map as jm
    from cxlib.presentation import charts

    curves = jm.curves(ctx.inputs, ctx.evidence)
    if curves.filter(pl.col("mean").is_not_null()).is_empty():  # every base suppressed
        return
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("dkc_curves_title"))
    chart = charts.emotion_curves(curves, stages=list(ctx.inputs.config.labels("stages")
                                                      .values()),
                                  stage_title=ctx.t("col_stage"),
                                  value_title=ctx.t("jm_lane_emotion"),
                                  group_title=ctx.t("col_persona"))
    _picture(slide, _png(chart))
    _caption(slide, ctx.t("dkc_curves_caption", suppress=ctx.inputs.config.min_base.suppress),
             ctx)


def _priorities_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the impact × effort matrix of the action plan."""
    from cxlib.analysis import journey_map as jm
    from cxlib.presentation import charts

    shown = jm.plan_display(jm.action_plan(ctx.inputs, ctx.evidence, ctx.lang), ctx.lang)
    if shown.is_empty():
        return
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("dkc_priorities_title"))
    chart = charts.impact_effort(shown.head(PLAN_POINTS), impact_title=ctx.t("col_impact"),
                                 effort_title=ctx.t("col_effort"),
                                 source_title=ctx.t("col_source"))
    _picture(slide, _png(chart))
    _caption(slide, ctx.t("dkc_priorities_caption", shown=min(PLAN_POINTS, shown.height),
                          total=shown.height), ctx)


def _themes_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the themes of customers' texts with their sentiment, most negative first."""
    from cxlib.analysis import feedback as fb
    from cxlib.analysis.feedback import wording as vw
    from cxlib.presentation import charts

    if not fb.has_texts(ctx.inputs):
        return
    ranked = fb.themes_ranked(fb.listen(ctx.inputs), ctx.lang).filter(
        pl.col("base") != "suppressed")
    if ranked.is_empty():
        return
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("vo_themes"))
    chart = charts.sentiment_bars(
        vw.theme_sentiment(ranked.head(THEMES), ctx.lang), label="label",
        sentiment="sentiment", share="share",
        sentiments=[ctx.t(f"vo_label_{s}") for s in vw.SENTIMENTS],
        share_title=ctx.t("vo_col_share"), sentiment_title=ctx.t("vo_col_sentiment"))
    _picture(slide, _png(chart))
    _caption(slide, ctx.t("dkc_themes_caption", shown=min(THEMES, ranked.height),
                          total=ranked.height, n=ctx.number(int(ranked["n"].sum()))), ctx)
