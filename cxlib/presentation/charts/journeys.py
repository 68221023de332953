"""Journeys, flows and curves: moves between stages, emotional curves, cumulative lines."""

from __future__ import annotations

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import (
    GUIDE_GREY,
    aggregated,
    count_tooltip,
    dashed_rule,
    own_title,
    titled,
)

__all__ = ["accumulation_lines", "emotion_curves", "flow_links", "silhouette_line"]


def flow_links(frame: pl.DataFrame, *, stages: list[str], channels: list[str],
               title: str = "", stage_title: str = "", channel_title: str = "",
               count_title: str = "") -> alt.LayerChart:
    """Draw the flow between stages: channels as nodes per stage, moves as weighted links.

    Altair has no Sankey mark; this is its faithful ordered equivalent: stages are columns
    in journey order, channels are rows, and each link from a stage × channel to a later
    stage × channel is a line whose width is the number of moves.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.touchpoints.stage_flows`, already cut to the links to show:
        ``from_stage, from_channel, to_stage, to_channel, count``.
    stages, channels : list of str
        Stage labels in journey order; channel labels in display order.
    title, stage_title, channel_title, count_title : str
        Titles in the report language (an empty title draws none).

    Returns
    -------
    altair.LayerChart
        Links under nodes sized by the moves leaving them.
    """
    data = aggregated(frame, ["from_stage", "from_channel", "to_stage", "to_channel",
                              "count"])
    nodes = pl.concat([
        data.group_by(pl.col("from_stage").alias("stage"),
                      pl.col("from_channel").alias("channel")).agg(pl.col("count").sum()),
        data.group_by(pl.col("to_stage").alias("stage"),
                      pl.col("to_channel").alias("channel")).agg(pl.col("count").sum()),
    ]).group_by("stage", "channel").agg(pl.col("count").max()).sort("stage", "channel")
    x = alt.X("from_stage:N", sort=stages, scale=alt.Scale(domain=stages), title=stage_title,
              axis=alt.Axis(labelAngle=-25, labelLimit=220))
    y = alt.Y("from_channel:N", sort=channels, scale=alt.Scale(domain=channels),
              title=channel_title)
    links = alt.Chart(data).mark_rule(opacity=0.45, strokeCap="round").encode(
        x=x, y=y, x2="to_stage:N", y2="to_channel:N",
        strokeWidth=alt.StrokeWidth("count:Q", title=count_title,
                                    scale=alt.Scale(range=[0.5, 14])),
        tooltip=[alt.Tooltip("from_stage:N", title=stage_title),
                 alt.Tooltip("from_channel:N", title=channel_title),
                 alt.Tooltip("to_stage:N", title=own_title("chart_to_stage")),
                 alt.Tooltip("to_channel:N", title=own_title("chart_to_channel")),
                 alt.Tooltip("count:Q", title=count_title, format=",d")])
    dots = alt.Chart(nodes).mark_circle(color="#333333", opacity=0.85).encode(
        x=alt.X("stage:N", sort=stages, scale=alt.Scale(domain=stages)),
        y=alt.Y("channel:N", sort=channels, scale=alt.Scale(domain=channels)),
        size=alt.Size("count:Q", legend=None, scale=alt.Scale(range=[20, 400])),
        tooltip=[alt.Tooltip("stage:N", title=stage_title),
                 alt.Tooltip("channel:N", title=channel_title),
                 alt.Tooltip("count:Q", title=count_title, format=",d")])
    chart = alt.layer(links, dots).properties(width=alt.Step(120), height=alt.Step(30))
    return titled(chart, title)


def emotion_curves(frame: pl.DataFrame, *, stages: list[str], title: str = "",
                   stage_title: str = "", value_title: str = "",
                   group_title: str = "") -> alt.LayerChart:
    """Draw the emotional curve of each persona: mean satisfaction per stage (1–5).

    Parameters
    ----------
    frame : polars.DataFrame
        ``persona, stage, mean, n, moment`` (True where the stage holds a moment of
        truth); stages with a suppressed base have a null mean and are left out.
    stages : list of str
        Stage labels in journey order.
    title, stage_title, value_title, group_title : str
        Titles in the report language (an empty title draws none).

    Returns
    -------
    altair.LayerChart
        One line per persona, a neutral band at 3, stars on moments of truth.
    """
    data = aggregated(frame, ["persona", "stage", "mean", "n", "moment"]).drop_nulls("mean")
    x = alt.X("stage:N", sort=stages, scale=alt.Scale(domain=stages), title=stage_title,
              axis=alt.Axis(labelAngle=-20, labelLimit=320))
    y = alt.Y("mean:Q", title=value_title, scale=alt.Scale(domain=[1, 5], zero=False))
    lines = alt.Chart(data).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=y, color=alt.Color("persona:N", title=group_title,
                                  legend=alt.Legend(labelLimit=360, orient="bottom",
                                                    columns=2)),
        tooltip=[alt.Tooltip("persona:N", title=group_title),
                 alt.Tooltip("stage:N", title=stage_title),
                 alt.Tooltip("mean:Q", title=value_title, format=".2f"),
                 count_tooltip()])
    stars = alt.Chart(data).transform_filter(alt.datum.moment).mark_point(
        shape="diamond", size=160, filled=True, color="#333333").encode(x=x, y=y)
    neutral = dashed_rule(pl.DataFrame({"y": [3]}), GUIDE_GREY).encode(y="y:Q")
    chart = alt.layer(neutral, lines, stars).properties(width=640, height=260)
    return titled(chart, title)


def accumulation_lines(frame: pl.DataFrame, *, x: str, y: str, group: str, title: str = "",
                       x_title: str = "", y_title: str = "", group_title: str = "",
                       marks: pl.DataFrame | None = None) -> alt.LayerChart:
    """Draw cumulative curves per group (e.g. distinct codes per interview, by population).

    Parameters
    ----------
    frame : polars.DataFrame
        One row per group × step: ``x`` (1, 2, …), ``y`` (cumulative count), ``group``.
    x, y, group : str
        Column names.
    title, x_title, y_title, group_title : str
        Titles in the report language (an empty title draws none).
    marks : polars.DataFrame, optional
        ``group`` and ``x`` of a point to mark on each curve (e.g. where saturation was
        reached), drawn as a rule.

    Returns
    -------
    altair.LayerChart
        Step lines with points, optional vertical marks.
    """
    data = aggregated(frame, [x, y, group])
    lines = alt.Chart(data).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{group}:N", title=group_title),
        tooltip=[alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip(f"{x}:Q", title=x_title),
                 alt.Tooltip(f"{y}:Q", title=y_title)])
    layers = [lines]
    if marks is not None and marks.height:
        layers.append(alt.Chart(aggregated(marks, [group, x])).mark_rule(
            strokeDash=[4, 4]).encode(x=f"{x}:Q", color=alt.Color(f"{group}:N")))
    return titled(alt.layer(*layers).properties(width=560, height=260), title)


def silhouette_line(frame: pl.DataFrame, *, title: str = "", k_title: str = "",
                    score_title: str = "") -> alt.LayerChart:
    """Draw the mean silhouette per number of segments, the chosen one marked.

    Parameters
    ----------
    frame : polars.DataFrame
        From :attr:`cxlib.analysis.personas.Segmentation.curve`: ``k``, ``silhouette``,
        ``chosen``.
    title, k_title, score_title : str
        Titles in the report language (an empty title draws none).

    Returns
    -------
    altair.LayerChart
        A line with points, a large ring and a dashed rule at the chosen k.
    """
    data = aggregated(frame, ["k", "silhouette", "chosen"])
    base = alt.Chart(data).encode(
        x=alt.X("k:O", title=k_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("silhouette:Q", title=score_title, scale=alt.Scale(zero=True)))
    line = base.mark_line(point=True).encode(tooltip=[
        alt.Tooltip("k:O", title=k_title),
        alt.Tooltip("silhouette:Q", title=score_title, format=".3f")])
    ring = base.transform_filter(alt.datum.chosen).mark_point(size=320, strokeWidth=2.5,
                                                              color="#c62828")
    rule = alt.Chart(data).transform_filter(alt.datum.chosen).mark_rule(
        strokeDash=[4, 4], color="#c62828").encode(x="k:O")
    return titled(alt.layer(rule, line, ring).properties(width=420, height=220), title)
