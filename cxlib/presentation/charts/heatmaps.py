"""Heat maps and matrices: coverage of stages × channels, counts and shares per cell."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import aggregated, own_title, titled

__all__ = ["count_heatmap", "coverage_heatmap", "share_heatmap"]


def _ink(dark_cell: Any) -> Any:
    """Return the colour of a cell's label: white on a dark cell, near-black elsewhere."""
    return alt.condition(dark_cell, alt.value("white"), alt.value("#222222"))


def _cell_tooltips(row: str, column: str, value: str, row_title: str, column_title: str,
                   value_title: str, value_format: str | None = None) -> list[alt.Tooltip]:
    """Return the tooltips of a cell: its row, its column and its value."""
    formatted = {} if value_format is None else {"format": value_format}
    return [alt.Tooltip(f"{row}:N", title=row_title),
            alt.Tooltip(f"{column}:N", title=column_title),
            alt.Tooltip(f"{value}:Q", title=value_title, **formatted)]


def coverage_heatmap(matrix: pl.DataFrame, *, title: str = "", stage_title: str = "",
                     channel_title: str = "", count_title: str = "") -> alt.LayerChart:
    """Draw the stage × channel matrix: cell colour = touchpoints, label = count.

    Parameters
    ----------
    matrix : polars.DataFrame
        From :func:`cxlib.analysis.overview.coverage_matrix`: ``stage``, ``stage_order``,
        ``channel``, ``channel_order``, ``touchpoints``, ``irritants``.
    title, stage_title, channel_title, count_title : str
        Chart and axis titles, in the report language (empty: none).

    Returns
    -------
    altair.LayerChart
        Heat map with the count written in each cell; empty cells stay white.
    """
    data = aggregated(matrix, ["stage", "stage_order", "channel", "channel_order",
                               "touchpoints", "irritants"])
    stages = data.sort("stage_order")["stage"].unique(maintain_order=True).to_list()
    channels = data.sort("channel_order")["channel"].unique(maintain_order=True).to_list()
    base = alt.Chart(data).encode(
        x=alt.X("stage:N", sort=stages, title=stage_title,
                axis=alt.Axis(labelAngle=-30, labelLimit=280)),
        y=alt.Y("channel:N", sort=channels, title=channel_title),
    )
    tips = [*_cell_tooltips("stage", "channel", "touchpoints", stage_title, channel_title,
                            count_title),
            alt.Tooltip("irritants:Q", title=own_title("col_irritants"))]
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.condition(
            alt.datum.touchpoints > 0,
            alt.Color("touchpoints:Q", title=count_title, scale=alt.Scale(scheme="blues"),
                      legend=alt.Legend(format="d", tickMinStep=1)),  # whole touchpoints
            alt.value("#f4f4f4"),
        ),
        tooltip=tips,
    )
    labels = base.mark_text(fontSize=12).encode(  # the number shows the cell's tooltip too
        text=alt.condition(alt.datum.touchpoints > 0, "touchpoints:Q", alt.value("")),
        color=_ink(alt.datum.touchpoints >= 3), tooltip=tips,
    )
    return (cells + labels).properties(title=title, width=alt.Step(90), height=alt.Step(28))


def count_heatmap(frame: pl.DataFrame, *, row: str, column: str, value: str, title: str = "",
                  row_title: str = "", column_title: str = "", value_title: str = "",
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
        Titles in the report language (an empty title draws none).
    row_sort, column_sort : list of str, optional
        Orders of the rows and columns.

    Returns
    -------
    altair.LayerChart
        Heat map with counts.
    """
    data = aggregated(frame, [row, column, value])
    base = alt.Chart(data).encode(
        x=alt.X(f"{column}:N", sort=column_sort, title=column_title,
                axis=alt.Axis(labelAngle=-30, labelLimit=280)),
        y=alt.Y(f"{row}:N", sort=row_sort, title=row_title, axis=alt.Axis(labelLimit=300)))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="oranges")),
        tooltip=_cell_tooltips(row, column, value, row_title, column_title, value_title))
    top = data[value].max() or 0
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text(f"{value}:Q", format=",d"),
        color=_ink(alt.datum[value] > top * 0.6),
        tooltip=_cell_tooltips(row, column, value, row_title, column_title, value_title))
    # columns narrow down as they multiply, so that the map keeps within the page
    step = max(52, min(90, 700 // max(data[column].n_unique(), 1)))
    return titled((cells + text).properties(width=alt.Step(step), height=alt.Step(24)), title)


def share_heatmap(frame: pl.DataFrame, *, row: str, column: str, value: str, title: str = "",
                  row_title: str = "", column_title: str = "", value_title: str = "",
                  facet: str | None = None, facet_title: str = "",
                  columns: int | None = None, step: int = 44,
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
    facet_title : str
        Title of the panel's value in tooltips (empty: the value alone).
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
    data = aggregated(frame, [row, column, value, *([facet] if facet else [])])
    rows = row_sort or data[row].unique(maintain_order=True).to_list()
    cols = column_sort or data[column].unique(maintain_order=True).to_list()
    base = alt.Chart(data).encode(
        x=alt.X(f"{column}:N", sort=cols, title=column_title,
                axis=alt.Axis(labelAngle=-35, labelLimit=260)),
        y=alt.Y(f"{row}:N", sort=rows, title=row_title, axis=alt.Axis(labelLimit=300)))
    tips = _cell_tooltips(row, column, value, row_title, column_title, value_title, ".1%") \
        + ([alt.Tooltip(f"{facet}:N", title=facet_title)] if facet else [])
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(
        color=alt.Color(f"{value}:Q", title=value_title, legend=alt.Legend(format=".0%"),
                        scale=alt.Scale(scheme="blues", domainMin=0)),
        tooltip=tips)
    top = data[value].max() or 0
    text = base.mark_text(fontSize=10.5).encode(
        text=alt.condition(alt.datum[value] >= 0.005, alt.Text(f"{value}:Q", format=".0%"),
                           alt.value("")),
        color=_ink(alt.datum[value] > top * 0.6), tooltip=tips)
    chart = (cells + text).properties(width=alt.Step(step), height=alt.Step(22))
    if facet:
        panels = data[facet].unique(maintain_order=True).to_list()
        chart = chart.facet(facet=alt.Facet(f"{facet}:N", sort=panels, title=None,
                                            header=alt.Header(labelFontSize=13,
                                                              labelFontWeight="bold")),
                            columns=columns or len(panels), spacing=36)
    return titled(chart, title)
