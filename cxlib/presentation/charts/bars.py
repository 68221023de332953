"""Bars and distributions: counts stacked or side by side, the funnel, segment intervals."""

from __future__ import annotations

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import (
    STATUS_COLOURS,
    aggregated,
    interval_tooltips,
    own_title,
    target_rule,
    titled,
)

__all__ = ["funnel_bars", "grouped_bars", "interval_bars", "stacked_bars"]


def stacked_bars(frame: pl.DataFrame, *, x: str, y: str, colour: str, title: str = "",
                 x_title: str = "", y_title: str = "", colour_title: str = "",
                 time_unit: str | None = "yearmonth") -> alt.Chart:
    """Draw stacked bars of counts, e.g. events per month by channel kind.

    Parameters
    ----------
    frame : polars.DataFrame
        Aggregated: one row per ``x`` × ``colour`` with the value in ``y``.
    x, y, colour : str
        Column names.
    title, x_title, y_title, colour_title : str
        Titles, in the report language (empty: none).
    time_unit : str or None
        Vega-Lite time unit when ``x`` is a date (default ``yearmonth``), None otherwise.

    Returns
    -------
    altair.Chart
        Stacked bar chart.
    """
    data = aggregated(frame, [x, y, colour])
    x_enc = (alt.X(f"{time_unit}({x}):T", title=x_title, axis=alt.Axis(format="%b %Y"))
             if time_unit else alt.X(f"{x}:N", title=x_title))
    return alt.Chart(data).mark_bar().encode(
        x=x_enc,
        y=alt.Y(f"sum({y}):Q", title=y_title),
        color=alt.Color(f"{colour}:N", title=colour_title),
        tooltip=[alt.Tooltip(f"{colour}:N", title=colour_title),
                 alt.Tooltip(f"sum({y}):Q", title=y_title, format=",d")],
    ).properties(title=title, width=640, height=260)


def grouped_bars(frame: pl.DataFrame, *, label: str, value: str, group: str, title: str = "",
                 value_title: str = "", group_title: str = "",
                 sort: list[str] | None = None) -> alt.Chart:
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
    data = aggregated(frame, [label, value, group])
    order = sort or data[label].unique(maintain_order=True).to_list()
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset(f"{group}:N"),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(f"{group}:N", title=group_title),
        tooltip=[alt.Tooltip(f"{label}:N", title=""),
                 alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=",d")],
    ).properties(width=480, height=alt.Step(12))
    return titled(chart, title)


def funnel_bars(frame: pl.DataFrame, *, title: str = "", share_title: str = "",
                stage_title: str = "") -> alt.LayerChart:
    """Draw the journey funnel: share of customers reaching each stage, in journey order.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.funnel`: ``label``, ``order``, ``customers``,
        ``share``, ``step``.
    title, share_title, stage_title : str
        Titles in the report language (empty: none).

    Returns
    -------
    altair.LayerChart
        Horizontal bars with the share written at the end of each bar.
    """
    data = aggregated(frame, ["label", "order", "customers", "share", "step"])
    order = data.sort("order")["label"].to_list()
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=stage_title, axis=alt.Axis(labelLimit=260)),
        x=alt.X("share:Q", title=share_title, axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])))
    bars = base.mark_bar().encode(tooltip=[
        alt.Tooltip("label:N", title=stage_title),
        alt.Tooltip("customers:Q", format=",d", title=own_title("col_customers")),
        alt.Tooltip("share:Q", format=".1%", title=share_title),
        alt.Tooltip("step:Q", format=".1%", title=own_title("col_step"))])
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("share:Q", format=".0%"))
    return (bars + text).properties(title=title, width=520, height=alt.Step(28))


def interval_bars(frame: pl.DataFrame, *, label: str, value: str, low: str, high: str,
                  title: str = "", value_title: str = "", label_title: str = "",
                  value_format: str = ".0f", target: float | None = None,
                  domain: tuple[float, float] | None = None,
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
        Titles in the report language (empty: none).
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
    data = aggregated(frame, [label, value, low, high, "n", "base", "status"]).with_columns(
        pl.col("status").fill_null("none"))
    order = sort or data[label].to_list()
    scale = alt.Scale(domain=list(domain)) if domain else alt.Scale(zero=False)
    y = alt.Y(f"{label}:N", sort=order, title=label_title or None,
              axis=alt.Axis(labelLimit=260))
    colour = alt.Color("status:N", legend=None, scale=alt.Scale(
        domain=[*STATUS_COLOURS, "none"], range=[*STATUS_COLOURS.values(), "#1f4e79"]))
    tooltip = [alt.Tooltip(f"{label}:N", title=label_title),
               *interval_tooltips(value, low, high, value_title, value_format)]
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
        layers.append(target_rule(target, "x"))
    return titled(alt.layer(*layers).properties(width=width, height=alt.Step(26)), title)
