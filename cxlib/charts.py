"""Chart functions: aggregated polars frames in, altair charts out.

Altair embeds every column of the frame it is given in the report, so these functions
accept aggregates only: a frame larger than :data:`MAX_ROWS` is refused, and only the
columns a chart uses are passed on. Colours and fonts come from the client's theme
(:func:`cxlib.render.use_brand`), never from the chart.
"""

from __future__ import annotations

import altair as alt
import polars as pl

__all__ = ["MAX_ROWS", "coverage_heatmap", "stacked_bars"]

#: Largest frame a chart accepts: more rows means row-level data reached a chart.
MAX_ROWS = 2_000


def _aggregated(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    if frame.height > MAX_ROWS:
        raise ValueError(
            f"a chart got {frame.height} rows (limit {MAX_ROWS}): aggregate the data in "
            "polars first — charts embed every row they receive in the report"
        )
    return frame.select(columns)


def coverage_heatmap(matrix: pl.DataFrame, title: str, stage_title: str,
                     channel_title: str, count_title: str) -> alt.LayerChart:
    """Draw the stage × channel matrix: cell colour = touchpoints, label = count.

    Parameters
    ----------
    matrix : polars.DataFrame
        From :func:`cxlib.overview.coverage_matrix`: ``stage``, ``stage_order``,
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
                axis=alt.Axis(labelAngle=-30, labelLimit=180)),
        y=alt.Y("channel:N", sort=channels, title=channel_title),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.condition(
            alt.datum.touchpoints > 0,
            alt.Color("touchpoints:Q", title=count_title, scale=alt.Scale(scheme="blues")),
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
