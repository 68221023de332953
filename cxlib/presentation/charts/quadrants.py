"""Scatter plots cut into quadrants: key drivers, and the action plan's impact × effort."""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import (
    GUIDE_GREY,
    aggregated,
    dashed_rule,
    own_title,
    titled,
)

__all__ = ["impact_effort", "importance_matrix"]

#: Driver quadrants, in legend order, with their colours.
_QUADRANTS = ("fix", "keep", "watch", "maintain")
_QUADRANT_COLOURS = ["#c62828", "#2e7d32", "#e69f00", "#7f7f7f"]


def _spread_labels(data: pl.DataFrame, height: int, line: float = 14,
                   near: float = 0.3) -> list[float]:
    """Return a height for each point's label, pushed down below a neighbour's label.

    Points are taken from the top; a label less than ``line`` pixels under one already
    placed, for a point less than ``near`` (in ``share``) away sideways, goes one line
    lower. Pixels are converted with the data's own range over ``height``.
    """
    top, bottom = data["performance"].max(), data["performance"].min()
    per_pixel = ((top - bottom) or 1.0) / height
    placed: list[tuple[float, float]] = []
    heights = [0.0] * data.height
    order = sorted(range(data.height), key=lambda i: -data["performance"][i])
    for i in order:
        y = (top - data["performance"][i]) / per_pixel
        for other_y, other_x in placed:
            if abs(other_x - data["share"][i]) < near and abs(y - other_y) < line:
                y = other_y + line
        placed.append((y, data["share"][i]))
        placed.sort()
        heights[i] = top - y * per_pixel
    return heights


def importance_matrix(frame: pl.DataFrame, *, title: str = "", importance_title: str = "",
                      performance_title: str = "",
                      quadrant_titles: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Draw the importance × performance matrix of key drivers.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.driver_table`: ``label``, ``share``,
        ``performance``, ``quadrant``.
    title, importance_title, performance_title : str
        Titles in the report language (empty: none).
    quadrant_titles : mapping, optional
        Quadrant code (``fix``, ``keep``, ``watch``, ``maintain``) -> label (default: the
        codes themselves).

    Returns
    -------
    altair.LayerChart
        Labelled points, with dashed rules at the mean importance and mean performance.
    """
    names = dict(quadrant_titles) if quadrant_titles is not None else {q: q for q in _QUADRANTS}
    data = aggregated(frame, ["label", "share", "performance", "quadrant"]).with_columns(
        pl.col("quadrant").replace_strict(names, default=pl.col("quadrant"))
        .alias("quadrant_label"))
    colours = alt.Scale(domain=[names[q] for q in _QUADRANTS], range=_QUADRANT_COLOURS)
    base = alt.Chart(data).encode(
        x=alt.X("share:Q", title=importance_title, axis=alt.Axis(format=".0%")),
        y=alt.Y("performance:Q", title=performance_title, scale=alt.Scale(zero=False)))
    points = base.mark_circle(size=160, opacity=0.9).encode(
        color=alt.Color("quadrant_label:N", title=None, scale=colours),
        tooltip=[alt.Tooltip("label:N", title=""),
                 alt.Tooltip("share:Q", format=".0%", title=importance_title),
                 alt.Tooltip("performance:Q", format=".2f", title=performance_title)])
    text = alt.Chart(data.with_columns(pl.Series("label_y", _spread_labels(data, 340))))\
        .mark_text(align="left", dx=10, fontSize=11).encode(
            x="share:Q", y=alt.Y("label_y:Q", title=performance_title), text="label:N")
    means = data.select(pl.col("share").mean(), pl.col("performance").mean())
    vrule = dashed_rule(means, GUIDE_GREY).encode(x="share:Q")
    hrule = dashed_rule(means, GUIDE_GREY).encode(y="performance:Q")
    return alt.layer(vrule, hrule, points, text).properties(title=title, width=560,
                                                            height=340)


def impact_effort(frame: pl.DataFrame, *, title: str = "", impact_title: str = "",
                  effort_title: str = "", source_title: str = "") -> alt.LayerChart:
    """Draw the action plan on an impact × effort matrix (quick wins top left).

    Each action is a point numbered with its rank in the plan, so that the chart and the
    plan's table read together, on paper too. Actions sharing an impact × effort cell
    are spread on a small circle around it, always in the same places (no random jitter:
    the printed report and the screen agree).

    Parameters
    ----------
    frame : polars.DataFrame
        ``rank``, ``action``, ``impact``, ``effort`` (1–5), ``source`` (a label).
    title, impact_title, effort_title, source_title : str
        Titles in the report language (an empty title draws none).

    Returns
    -------
    altair.LayerChart
        Numbered points with tooltips, and the matrix's mid lines.
    """
    data = aggregated(frame, ["rank", "action", "impact", "effort", "source"]).sort("rank")
    cell = ["effort", "impact"]
    angle = 2 * math.pi * pl.int_range(pl.len()).over(cell) / pl.len().over(cell)
    crowd = pl.len().over(cell)
    radius = pl.when(crowd > 1).then((0.08 + 0.03 * crowd).clip(upper_bound=0.3)).otherwise(0.0)
    data = data.with_columns((pl.col("effort") + radius * angle.cos()).alias("x"),
                             (pl.col("impact") + radius * angle.sin()).alias("y"))
    axis = {"scale": alt.Scale(domain=[0.5, 5.5]),
            "axis": alt.Axis(values=[1, 2, 3, 4, 5], format="d")}
    tooltip = [alt.Tooltip("rank:Q", title="#"),
               alt.Tooltip("action:N", title=own_title("col_action")),
               alt.Tooltip("impact:Q", title=impact_title),
               alt.Tooltip("effort:Q", title=effort_title)]
    base = alt.Chart(data).encode(x=alt.X("x:Q", title=effort_title, **axis),
                                  y=alt.Y("y:Q", title=impact_title, **axis), tooltip=tooltip)
    points = base.mark_circle(size=280, opacity=0.9).encode(
        color=alt.Color("source:N", title=source_title, legend=alt.Legend(labelLimit=360)))
    numbers = base.mark_text(fontSize=9, fontWeight="bold", color="white").encode(
        text=alt.Text("rank:Q"))
    mids = pl.DataFrame({"v": [3.0]})
    vline = dashed_rule(mids, GUIDE_GREY).encode(x="v:Q")
    hline = dashed_rule(mids, GUIDE_GREY).encode(y="v:Q")
    chart = alt.layer(vline, hline, points, numbers).properties(width=420, height=320)
    return titled(chart, title)
