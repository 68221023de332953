"""Chart functions: aggregated polars frames in, altair charts out.

Altair embeds every column of the frame it is given in the report, so these functions
accept aggregates only: a frame larger than :data:`MAX_ROWS` is refused, and only the
columns a chart uses are passed on. Colours and fonts come from the client's theme
(:func:`cxlib.presentation.render.use_brand`), never from the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import polars as pl

__all__ = [
    "MAX_ROWS",
    "STATUS_COLOURS",
    "accumulation_lines",
    "count_heatmap",
    "coverage_heatmap",
    "emotion_curves",
    "flow_links",
    "funnel_bars",
    "grouped_bars",
    "impact_effort",
    "importance_matrix",
    "interval_bars",
    "monthly_intervals",
    "share_heatmap",
    "silhouette_line",
    "stacked_bars",
    "target_lines",
]

#: Red / amber / green, readable by colour-blind readers (with the status also in text).
STATUS_COLOURS = {"green": "#2e7d32", "amber": "#e69f00", "red": "#c62828"}

#: Largest frame a chart accepts: more rows means row-level data reached a chart.
MAX_ROWS = 2_000


def _aggregated(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    if frame.height > MAX_ROWS:
        raise ValueError(
            f"a chart got {frame.height} rows (limit {MAX_ROWS}): aggregate the data in "
            "polars first — charts embed every row they receive in the report"
        )
    picked = frame.select(columns)
    # NaN and infinities are not JSON: the browser would refuse the whole chart.
    floats = [c for c, dtype in picked.schema.items() if dtype.is_float()]
    return picked.with_columns(
        [pl.when(pl.col(c).is_finite()).then(pl.col(c)).otherwise(None).alias(c)
         for c in floats])


def coverage_heatmap(matrix: pl.DataFrame, title: str, stage_title: str,
                     channel_title: str, count_title: str) -> alt.LayerChart:
    """Draw the stage × channel matrix: cell colour = touchpoints, label = count.

    Parameters
    ----------
    matrix : polars.DataFrame
        From :func:`cxlib.analysis.overview.coverage_matrix`: ``stage``, ``stage_order``,
        ``channel``, ``channel_order``, ``touchpoints``, ``irritants``.
    title, stage_title, channel_title, count_title : str
        Chart and axis titles, in the report language.

    Returns
    -------
    altair.LayerChart
        Heat map with the count written in each cell; empty cells stay white.
    """
    data = _aggregated(matrix, ["stage", "stage_order", "channel", "channel_order",
                                "touchpoints", "irritants"])
    stages = data.sort("stage_order")["stage"].unique(maintain_order=True).to_list()
    channels = data.sort("channel_order")["channel"].unique(maintain_order=True).to_list()
    base = alt.Chart(data).encode(
        x=alt.X("stage:N", sort=stages, title=stage_title,
                axis=alt.Axis(labelAngle=-30, labelLimit=280)),
        y=alt.Y("channel:N", sort=channels, title=channel_title),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.condition(
            alt.datum.touchpoints > 0,
            alt.Color("touchpoints:Q", title=count_title, scale=alt.Scale(scheme="blues"),
                      legend=alt.Legend(format="d", tickMinStep=1)),  # whole touchpoints
            alt.value("#f4f4f4"),
        ),
        tooltip=[alt.Tooltip("stage:N", title=stage_title),
                 alt.Tooltip("channel:N", title=channel_title),
                 alt.Tooltip("touchpoints:Q", title=count_title),
                 alt.Tooltip("irritants:Q")],
    )
    labels = base.mark_text(fontSize=12).encode(
        text=alt.condition(alt.datum.touchpoints > 0, "touchpoints:Q", alt.value("")),
        color=alt.condition(alt.datum.touchpoints >= 3, alt.value("white"),
                            alt.value("#222222")),
    )
    return (cells + labels).properties(title=title, width=alt.Step(90), height=alt.Step(28))


def stacked_bars(frame: pl.DataFrame, x: str, y: str, colour: str, title: str,
                 x_title: str, y_title: str, colour_title: str,
                 time_unit: str | None = "yearmonth") -> alt.Chart:
    """Draw stacked bars of counts, e.g. events per month by channel kind.

    Parameters
    ----------
    frame : polars.DataFrame
        Aggregated: one row per ``x`` × ``colour`` with the value in ``y``.
    x, y, colour : str
        Column names.
    title, x_title, y_title, colour_title : str
        Titles, in the report language.
    time_unit : str or None
        Vega-Lite time unit when ``x`` is a date (default ``yearmonth``), None otherwise.

    Returns
    -------
    altair.Chart
        Stacked bar chart.
    """
    data = _aggregated(frame, [x, y, colour])
    x_enc = (alt.X(f"{time_unit}({x}):T", title=x_title, axis=alt.Axis(format="%b %Y"))
             if time_unit else alt.X(f"{x}:N", title=x_title))
    return alt.Chart(data).mark_bar().encode(
        x=x_enc,
        y=alt.Y(f"sum({y}):Q", title=y_title),
        color=alt.Color(f"{colour}:N", title=colour_title),
        tooltip=[alt.Tooltip(f"{colour}:N", title=colour_title),
                 alt.Tooltip(f"sum({y}):Q", title=y_title, format=",d")],
    ).properties(title=title, width=640, height=260)


def interval_bars(frame: pl.DataFrame, label: str, value: str, low: str, high: str,
                  title: str, value_title: str, label_title: str, value_format: str = ".0f",
                  target: float | None = None, domain: tuple[float, float] | None = None,
                  sort: list[str] | None = None) -> alt.LayerChart:
    """Draw one point per segment with its 95% interval, coloured by status.

    Parameters
    ----------
    frame : polars.DataFrame
        One row per segment: ``label``, ``value``, ``low``, ``high``, ``n``, ``base``
        (``ok`` / ``low``), ``status`` (``green`` / ``amber`` / ``red`` or null).
        Suppressed segments must be removed first.
    label, value, low, high : str
        Column names.
    title, value_title, label_title : str
        Titles in the report language.
    value_format : str
        d3 format of the value in tooltips and labels (``.0%`` for shares).
    target : float, optional
        Draws the target as a dashed rule.
    domain : tuple of float, optional
        Value axis range (e.g. ``(-100, 100)`` for NPS).
    sort : list of str, optional
        Segment order (default: as in the frame).

    Returns
    -------
    altair.LayerChart
        Interval rules, points (hollow for a low base) and ``n`` written at the right;
        no title when ``title`` is empty (the report heading says it).
    """
    data = _aggregated(frame, [label, value, low, high, "n", "base", "status"]).with_columns(
        pl.col("status").fill_null("none"))
    order = sort or data[label].to_list()
    scale = alt.Scale(domain=list(domain)) if domain else alt.Scale(zero=False)
    y = alt.Y(f"{label}:N", sort=order, title=label_title or None,
              axis=alt.Axis(labelLimit=260))
    colour = alt.Color("status:N", legend=None, scale=alt.Scale(
        domain=[*STATUS_COLOURS, "none"], range=[*STATUS_COLOURS.values(), "#1f4e79"]))
    tooltip = [alt.Tooltip(f"{label}:N", title=label_title),
               alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
               alt.Tooltip(f"{low}:Q", title="95% −", format=value_format),
               alt.Tooltip(f"{high}:Q", title="95% +", format=value_format),
               alt.Tooltip("n:Q", title="n", format=",d")]
    base = alt.Chart(data).encode(y=y)
    rules = base.mark_rule(strokeWidth=2, opacity=0.55).encode(
        x=alt.X(f"{low}:Q", title=value_title, scale=scale,
                axis=alt.Axis(format=value_format)),
        x2=f"{high}:Q", color=colour)
    points = base.mark_point(size=90, strokeWidth=2).encode(
        x=f"{value}:Q", color=colour,
        fill=alt.condition(alt.datum.base == "low", alt.value("white"), colour),
        tooltip=tooltip)
    width = 520
    bases = base.mark_text(align="left", dx=0, fontSize=11, color="#555555").encode(
        x=alt.value(width + 10), text=alt.Text("n:Q", format=",d"))
    layers = [rules, points, bases]
    if target is not None:
        layers.append(alt.Chart(pl.DataFrame({"target": [target]})).mark_rule(
            strokeDash=[5, 4], color="#555555").encode(x="target:Q"))
    chart = alt.layer(*layers).properties(width=width, height=alt.Step(26))
    return chart.properties(title=title) if title else chart


def monthly_intervals(frame: pl.DataFrame, x: str, value: str, low: str, high: str,
                      title: str, x_title: str, value_title: str, value_format: str = ".0f",
                      target: float | None = None) -> alt.LayerChart:
    """Draw a KPI per month as points with their 95% interval (and the target).

    Months without answers stay empty: no line is drawn across fieldwork gaps.

    Parameters
    ----------
    frame : polars.DataFrame
        One row per month with answers: ``x`` (date), ``value``, ``low``, ``high``, ``n``,
        ``base``.
    x, value, low, high : str
        Column names.
    title, x_title, value_title : str
        Titles in the report language.
    value_format : str
        d3 format of the value.
    target : float, optional
        Draws the target as a dashed rule.

    Returns
    -------
    altair.LayerChart
        Interval rules and points (hollow for a low base), optional target rule.
    """
    data = _aggregated(frame, [x, value, low, high, "n", "base"])
    base = alt.Chart(data).encode(
        # every month labelled, and half a month of room on each side of the series
        x=alt.X(f"yearmonth({x}):T", title=x_title, scale=alt.Scale(padding=18),
                axis=alt.Axis(format="%b %y", tickCount={"interval": "month", "step": 1},
                              labelAngle=-40)))
    bars = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        y=alt.Y(f"{low}:Q", title=value_title, scale=alt.Scale(zero=False)), y2=f"{high}:Q")
    points = base.mark_point(size=80, strokeWidth=2, filled=True).encode(
        y=f"{value}:Q",
        fillOpacity=alt.condition(alt.datum.base == "low", alt.value(0.0), alt.value(1.0)),
        tooltip=[alt.Tooltip(f"yearmonth({x}):T", title=x_title, format="%B %Y"),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
                 alt.Tooltip(f"{low}:Q", title="95% −", format=value_format),
                 alt.Tooltip(f"{high}:Q", title="95% +", format=value_format),
                 alt.Tooltip("n:Q", title="n", format=",d")])
    layers = [bars, points]
    if target is not None:
        layers.append(alt.Chart(pl.DataFrame({"target": [target]})).mark_rule(
            strokeDash=[5, 4], color="#555555").encode(y="target:Q"))
    chart = alt.layer(*layers).properties(width=640, height=240)
    return chart.properties(title=title) if title else chart


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


def importance_matrix(frame: pl.DataFrame, title: str, importance_title: str,
                      performance_title: str, quadrant_titles: dict[str, str]) -> alt.LayerChart:
    """Draw the importance × performance matrix of key drivers.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.driver_table`: ``label``, ``share``, ``performance``,
        ``quadrant``.
    title, importance_title, performance_title : str
        Titles in the report language.
    quadrant_titles : dict
        Quadrant code (``fix``, ``keep``, ``watch``, ``maintain``) -> label.

    Returns
    -------
    altair.LayerChart
        Labelled points, with dashed rules at the mean importance and mean performance.
    """
    data = _aggregated(frame, ["label", "share", "performance", "quadrant"]).with_columns(
        pl.col("quadrant").replace_strict(quadrant_titles, default=pl.col("quadrant"))
        .alias("quadrant_label"))
    colours = alt.Scale(domain=[quadrant_titles[q] for q in ("fix", "keep", "watch",
                                                             "maintain")],
                        range=["#c62828", "#2e7d32", "#e69f00", "#7f7f7f"])
    base = alt.Chart(data).encode(
        x=alt.X("share:Q", title=importance_title, axis=alt.Axis(format=".0%")),
        y=alt.Y("performance:Q", title=performance_title, scale=alt.Scale(zero=False)))
    points = base.mark_circle(size=160, opacity=0.9).encode(
        color=alt.Color("quadrant_label:N", title=None, scale=colours),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("share:Q", format=".0%",
                                                     title=importance_title),
                 alt.Tooltip("performance:Q", format=".2f", title=performance_title)])
    text = alt.Chart(data.with_columns(pl.Series("label_y", _spread_labels(data, 340))))\
        .mark_text(align="left", dx=10, fontSize=11).encode(
            x="share:Q", y=alt.Y("label_y:Q", title=performance_title), text="label:N")
    means = data.select(pl.col("share").mean(), pl.col("performance").mean())
    vrule = alt.Chart(means).mark_rule(strokeDash=[4, 4], color="#999999").encode(x="share:Q")
    hrule = alt.Chart(means).mark_rule(strokeDash=[4, 4], color="#999999").encode(
        y="performance:Q")
    return alt.layer(vrule, hrule, points, text).properties(title=title, width=560,
                                                            height=340)


def funnel_bars(frame: pl.DataFrame, title: str, share_title: str,
                stage_title: str) -> alt.LayerChart:
    """Draw the journey funnel: share of customers reaching each stage, in journey order.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.funnel`: ``label``, ``order``, ``customers``,
        ``share``, ``step``.
    title, share_title, stage_title : str
        Titles in the report language.

    Returns
    -------
    altair.LayerChart
        Horizontal bars with the share written at the end of each bar.
    """
    data = _aggregated(frame, ["label", "order", "customers", "share", "step"])
    order = data.sort("order")["label"].to_list()
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=stage_title, axis=alt.Axis(labelLimit=260)),
        x=alt.X("share:Q", title=share_title, axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])))
    bars = base.mark_bar().encode(tooltip=[
        alt.Tooltip("label:N", title=stage_title),
        alt.Tooltip("customers:Q", format=",d"),
        alt.Tooltip("share:Q", format=".1%", title=share_title),
        alt.Tooltip("step:Q", format=".1%")])
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("share:Q", format=".0%"))
    return (bars + text).properties(title=title, width=520, height=alt.Step(28))


def target_lines(frame: pl.DataFrame, title: str, period_title: str,
                 titles: dict[str, str], percents: Sequence[str] = ()
                 ) -> alt.ConcatChart | alt.Chart:
    """Draw each operational KPI's monthly series against its target, one panel per KPI.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.operational_trend`: ``kpi``, ``period``, ``value``,
        ``target``.
    title, period_title : str
        Titles in the report language.
    titles : dict
        KPI id -> label shown above its panel.
    percents : sequence of str
        KPIs that are 0–1 shares: drawn in % (value and target × 100, "(%)" in the title).

    Returns
    -------
    altair.ConcatChart or altair.Chart
        Small multiples, three a row in the order of ``titles``, each with its own value
        scale (the target included) and a dashed target; panels are separate charts, so
        a last row that is not full leaves no empty frame behind. An empty chart when
        there is no KPI.
    """
    share = pl.col("kpi").is_in(list(percents))
    data = _aggregated(frame, ["kpi", "period", "value", "target"]).with_columns(
        pl.when(share).then(pl.col("value") * 100).otherwise(pl.col("value")).alias("value"),
        pl.when(share).then(pl.col("target") * 100).otherwise(pl.col("target")).alias("target"),
        pl.when(share).then(pl.col("kpi").replace_strict(titles, default=pl.col("kpi"))
                            + " (%)")
        .otherwise(pl.col("kpi").replace_strict(titles, default=pl.col("kpi")))
        .alias("kpi_label"))
    panels = []
    present = data["kpi"].unique().to_list()
    for kpi in [k for k in titles if k in present] + sorted(set(present) - set(titles)):
        part = data.filter(pl.col("kpi") == kpi)
        label = part["kpi_label"][0]
        part = part.select("period", "value", "target")
        line = alt.Chart().mark_line(point=True).encode(
            x=alt.X("period:T", title=period_title, axis=alt.Axis(format="%b %y")),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("period:T", format="%B %Y", title=period_title),
                     alt.Tooltip("value:Q", format=",.3~f", title=label)])
        goal = alt.Chart().mark_rule(strokeDash=[5, 4], color="#555555").encode(
            y="mean(target):Q")
        panels.append(alt.layer(line, goal, data=part).properties(
            width=260, height=150, title=alt.TitleParams(label, fontSize=12)))
    if not panels:
        return alt.Chart(data).mark_line()
    return alt.concat(*panels, columns=3, spacing=24).properties(title=title)


def grouped_bars(frame: pl.DataFrame, label: str, value: str, group: str, title: str,
                 value_title: str, group_title: str, sort: list[str] | None = None
                 ) -> alt.Chart:
    """Draw horizontal bars per label, side by side per group (e.g. employees, customers).

    Parameters
    ----------
    frame : polars.DataFrame
        One row per label × group with the count in ``value``.
    label, value, group : str
        Column names.
    title, value_title, group_title : str
        Titles in the report language (an empty title draws none).
    sort : list of str, optional
        Label order (default: as in the frame).

    Returns
    -------
    altair.Chart
        Bars with the group as colour and vertical offset.
    """
    data = _aggregated(frame, [label, value, group])
    order = sort or data[label].unique(maintain_order=True).to_list()
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset(f"{group}:N"),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(f"{group}:N", title=group_title),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=",d")],
    ).properties(width=480, height=alt.Step(12))
    return chart.properties(title=title) if title else chart


def count_heatmap(frame: pl.DataFrame, row: str, column: str, value: str, title: str,
                  row_title: str, column_title: str, value_title: str,
                  row_sort: list[str] | None = None,
                  column_sort: list[str] | None = None) -> alt.LayerChart:
    """Draw a count matrix (e.g. themes × stages), the count written in each cell.

    Parameters
    ----------
    frame : polars.DataFrame
        One row per ``row`` × ``column`` pair seen, count in ``value``.
    row, column, value : str
        Column names.
    title, row_title, column_title, value_title : str
        Titles in the report language.
    row_sort, column_sort : list of str, optional
        Orders of the rows and columns.

    Returns
    -------
    altair.LayerChart
        Heat map with counts.
    """
    data = _aggregated(frame, [row, column, value])
    base = alt.Chart(data).encode(
        x=alt.X(f"{column}:N", sort=column_sort, title=column_title,
                axis=alt.Axis(labelAngle=-30, labelLimit=280)),
        y=alt.Y(f"{row}:N", sort=row_sort, title=row_title, axis=alt.Axis(labelLimit=300)))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="oranges")),
        tooltip=[alt.Tooltip(f"{row}:N", title=row_title),
                 alt.Tooltip(f"{column}:N", title=column_title),
                 alt.Tooltip(f"{value}:Q", title=value_title)])
    top = data[value].max() or 0
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text(f"{value}:Q", format=",d"),
        color=alt.condition(alt.datum[value] > top * 0.6, alt.value("white"),
                            alt.value("#222222")))
    # columns narrow down as they multiply, so that the map keeps within the page
    step = max(52, min(90, 700 // max(data[column].n_unique(), 1)))
    chart = (cells + text).properties(width=alt.Step(step), height=alt.Step(24))
    return chart.properties(title=title) if title else chart


def accumulation_lines(frame: pl.DataFrame, x: str, y: str, group: str, title: str,
                       x_title: str, y_title: str, group_title: str,
                       marks: pl.DataFrame | None = None) -> alt.LayerChart:
    """Draw cumulative curves per group (e.g. distinct codes per interview, by population).

    Parameters
    ----------
    frame : polars.DataFrame
        One row per group × step: ``x`` (1, 2, …), ``y`` (cumulative count), ``group``.
    x, y, group : str
        Column names.
    title, x_title, y_title, group_title : str
        Titles in the report language.
    marks : polars.DataFrame, optional
        ``group`` and ``x`` of a point to mark on each curve (e.g. where saturation was
        reached), drawn as a rule.

    Returns
    -------
    altair.LayerChart
        Step lines with points, optional vertical marks.
    """
    data = _aggregated(frame, [x, y, group])
    lines = alt.Chart(data).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{group}:N", title=group_title),
        tooltip=[alt.Tooltip(f"{group}:N", title=group_title), alt.Tooltip(f"{x}:Q",
                                                                           title=x_title),
                 alt.Tooltip(f"{y}:Q", title=y_title)])
    layers = [lines]
    if marks is not None and marks.height:
        layers.append(alt.Chart(_aggregated(marks, [group, x])).mark_rule(
            strokeDash=[4, 4]).encode(x=f"{x}:Q", color=alt.Color(f"{group}:N")))
    chart = alt.layer(*layers).properties(width=560, height=260)
    return chart.properties(title=title) if title else chart


def flow_links(frame: pl.DataFrame, stages: list[str], channels: list[str], title: str,
               stage_title: str, channel_title: str, count_title: str) -> alt.LayerChart:
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
        Titles in the report language.

    Returns
    -------
    altair.LayerChart
        Links under nodes sized by the moves leaving them.
    """
    data = _aggregated(frame, ["from_stage", "from_channel", "to_stage", "to_channel",
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
                 alt.Tooltip("to_stage:N"), alt.Tooltip("to_channel:N"),
                 alt.Tooltip("count:Q", title=count_title, format=",d")])
    dots = alt.Chart(nodes).mark_circle(color="#333333", opacity=0.85).encode(
        x=alt.X("stage:N", sort=stages, scale=alt.Scale(domain=stages)),
        y=alt.Y("channel:N", sort=channels, scale=alt.Scale(domain=channels)),
        size=alt.Size("count:Q", legend=None, scale=alt.Scale(range=[20, 400])),
        tooltip=[alt.Tooltip("stage:N", title=stage_title),
                 alt.Tooltip("channel:N", title=channel_title),
                 alt.Tooltip("count:Q", title=count_title, format=",d")])
    chart = alt.layer(links, dots).properties(width=alt.Step(120), height=alt.Step(30))
    return chart.properties(title=title) if title else chart


def share_heatmap(frame: pl.DataFrame, row: str, column: str, value: str, title: str,
                  row_title: str, column_title: str, value_title: str,
                  facet: str | None = None, columns: int | None = None, step: int = 44,
                  row_sort: list[str] | None = None,
                  column_sort: list[str] | None = None) -> alt.LayerChart | alt.FacetChart:
    """Draw shares (0–1) as a heat map with percentages, optionally one panel per group.

    Parameters
    ----------
    frame : polars.DataFrame
        One row per ``row`` × ``column`` (× ``facet``) with a 0–1 share in ``value``, in
        display order: rows, columns and panels keep the order they first appear in.
    row, column, value : str
        Column names.
    title, row_title, column_title, value_title : str
        Titles in the report language (an empty title draws none).
    facet : str, optional
        Column whose values each get a panel (e.g. declared / observed, or a persona);
        panels share one colour scale so they compare at a glance.
    columns : int, optional
        Panels per line (default: all on one line).
    step : int
        Cell width in pixels.
    row_sort, column_sort : list of str, optional
        Orders of the rows and columns (default: as they first appear).

    Returns
    -------
    altair.LayerChart or altair.FacetChart
        Cells coloured from white (0) and labelled in percent; shares under 0.5% unlabelled.
    """
    data = _aggregated(frame, [row, column, value, *([facet] if facet else [])])
    rows = row_sort or data[row].unique(maintain_order=True).to_list()
    cols = column_sort or data[column].unique(maintain_order=True).to_list()
    base = alt.Chart(data).encode(
        x=alt.X(f"{column}:N", sort=cols, title=column_title,
                axis=alt.Axis(labelAngle=-35, labelLimit=260)),
        y=alt.Y(f"{row}:N", sort=rows, title=row_title, axis=alt.Axis(labelLimit=300)))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(
        color=alt.Color(f"{value}:Q", title=value_title, legend=alt.Legend(format=".0%"),
                        scale=alt.Scale(scheme="blues", domainMin=0)),
        tooltip=[alt.Tooltip(f"{row}:N", title=row_title),
                 alt.Tooltip(f"{column}:N", title=column_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=".1%")]
        + ([alt.Tooltip(f"{facet}:N")] if facet else []))
    top = data[value].max() or 0
    text = base.mark_text(fontSize=10.5).encode(
        text=alt.condition(alt.datum[value] >= 0.005, alt.Text(f"{value}:Q", format=".0%"),
                           alt.value("")),
        color=alt.condition(alt.datum[value] > top * 0.6, alt.value("white"),
                            alt.value("#222222")))
    chart = (cells + text).properties(width=alt.Step(step), height=alt.Step(22))
    if facet:
        panels = data[facet].unique(maintain_order=True).to_list()
        chart = chart.facet(facet=alt.Facet(f"{facet}:N", sort=panels, title=None,
                                            header=alt.Header(labelFontSize=13,
                                                              labelFontWeight="bold")),
                            columns=columns or len(panels), spacing=36)
    return chart.properties(title=title) if title else chart


def silhouette_line(frame: pl.DataFrame, title: str, k_title: str,
                    score_title: str) -> alt.LayerChart:
    """Draw the mean silhouette per number of segments, the chosen one marked.

    Parameters
    ----------
    frame : polars.DataFrame
        From :attr:`cxlib.analysis.personas.Segmentation.curve`: ``k``, ``silhouette``, ``chosen``.
    title, k_title, score_title : str
        Titles in the report language (an empty title draws none).

    Returns
    -------
    altair.LayerChart
        A line with points, a large ring and a dashed rule at the chosen k.
    """
    data = _aggregated(frame, ["k", "silhouette", "chosen"])
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
    chart = alt.layer(rule, line, ring).properties(width=420, height=220)
    return chart.properties(title=title) if title else chart


def emotion_curves(frame: pl.DataFrame, stages: list[str], title: str, stage_title: str,
                   value_title: str, group_title: str) -> alt.LayerChart:
    """Draw the emotional curve of each persona: mean satisfaction per stage (1–5).

    Parameters
    ----------
    frame : polars.DataFrame
        ``persona, stage, mean, n, moment`` (True where the stage holds a moment of
        truth); stages with a suppressed base have a null mean and are left out.
    stages : list of str
        Stage labels in journey order.
    title, stage_title, value_title, group_title : str
        Titles in the report language.

    Returns
    -------
    altair.LayerChart
        One line per persona, a neutral band at 3, stars on moments of truth.
    """
    data = _aggregated(frame, ["persona", "stage", "mean", "n", "moment"]).drop_nulls("mean")
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
                 alt.Tooltip("n:Q", format=",d")])
    stars = alt.Chart(data).transform_filter(alt.datum.moment).mark_point(
        shape="diamond", size=160, filled=True, color="#333333").encode(x=x, y=y)
    neutral = alt.Chart(pl.DataFrame({"y": [3]})).mark_rule(
        strokeDash=[4, 4], color="#999999").encode(y="y:Q")
    chart = alt.layer(neutral, lines, stars).properties(width=640, height=260)
    return chart.properties(title=title) if title else chart


def impact_effort(frame: pl.DataFrame, title: str, impact_title: str, effort_title: str,
                  source_title: str) -> alt.LayerChart:
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
        Titles in the report language.

    Returns
    -------
    altair.LayerChart
        Numbered points with tooltips, and the matrix's mid lines.
    """
    data = _aggregated(frame, ["rank", "action", "impact", "effort", "source"]).sort("rank")
    cell = ["effort", "impact"]
    angle = 2 * math.pi * pl.int_range(pl.len()).over(cell) / pl.len().over(cell)
    crowd = pl.len().over(cell)
    radius = pl.when(crowd > 1).then((0.08 + 0.03 * crowd).clip(upper_bound=0.3)).otherwise(0.0)
    data = data.with_columns((pl.col("effort") + radius * angle.cos()).alias("x"),
                             (pl.col("impact") + radius * angle.sin()).alias("y"))
    axis = {"scale": alt.Scale(domain=[0.5, 5.5]),
            "axis": alt.Axis(values=[1, 2, 3, 4, 5], format="d")}
    tooltip = [alt.Tooltip("rank:Q", title="#"), alt.Tooltip("action:N"),
               alt.Tooltip("impact:Q", title=impact_title),
               alt.Tooltip("effort:Q", title=effort_title)]
    base = alt.Chart(data).encode(x=alt.X("x:Q", title=effort_title, **axis),
                                  y=alt.Y("y:Q", title=impact_title, **axis), tooltip=tooltip)
    points = base.mark_circle(size=280, opacity=0.9).encode(
        color=alt.Color("source:N", title=source_title, legend=alt.Legend(labelLimit=360)))
    numbers = base.mark_text(fontSize=9, fontWeight="bold", color="white").encode(
        text=alt.Text("rank:Q"))
    mids = pl.DataFrame({"v": [3.0]})
    vline = alt.Chart(mids).mark_rule(strokeDash=[4, 4], color="#999999").encode(x="v:Q")
    hline = alt.Chart(mids).mark_rule(strokeDash=[4, 4], color="#999999").encode(y="v:Q")
    chart = alt.layer(vline, hline, points, numbers).properties(width=420, height=320)
    return chart.properties(title=title) if title else chart
