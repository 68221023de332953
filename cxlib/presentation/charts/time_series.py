"""Time series: a KPI per month with its interval, operational KPIs against their targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import (
    TARGET_GREY,
    aggregated,
    dashed_rule,
    interval_tooltips,
    target_rule,
    titled,
)

__all__ = ["monthly_intervals", "target_lines"]


def monthly_intervals(frame: pl.DataFrame, *, x: str, value: str, low: str, high: str,
                      title: str = "", x_title: str = "", value_title: str = "",
                      value_format: str = ".0f",
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
        Titles in the report language (an empty title draws none).
    value_format : str
        d3 format of the value.
    target : float, optional
        Draws the target as a dashed rule.

    Returns
    -------
    altair.LayerChart
        Interval rules and points (hollow for a low base), optional target rule.
    """
    data = aggregated(frame, [x, value, low, high, "n", "base"])
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
                 *interval_tooltips(value, low, high, value_title, value_format)])
    layers = [bars, points]
    if target is not None:
        layers.append(target_rule(target, "y"))
    return titled(alt.layer(*layers).properties(width=640, height=240), title)


def _kpi_frame(frame: pl.DataFrame, titles: Mapping[str, str],
               percents: Sequence[str]) -> pl.DataFrame:
    """Return the KPI series with shares in % and each KPI's panel title in ``kpi_label``."""
    share = pl.col("kpi").is_in(list(percents))
    label = pl.col("kpi").replace_strict(titles, default=pl.col("kpi"))
    return aggregated(frame, ["kpi", "period", "value", "target"]).with_columns(
        pl.when(share).then(pl.col("value") * 100).otherwise(pl.col("value")).alias("value"),
        pl.when(share).then(pl.col("target") * 100).otherwise(pl.col("target")).alias("target"),
        pl.when(share).then(label + " (%)").otherwise(label).alias("kpi_label"))


def target_lines(frame: pl.DataFrame, *, title: str = "", period_title: str = "",
                 titles: Mapping[str, str] | None = None,
                 percents: Sequence[str] = ()) -> alt.ConcatChart | alt.Chart:
    """Draw each operational KPI's monthly series against its target, one panel per KPI.

    Parameters
    ----------
    frame : polars.DataFrame
        From :func:`cxlib.analysis.kpi_review.operational_trend`: ``kpi``, ``period``,
        ``value``, ``target``.
    title, period_title : str
        Titles in the report language (empty: none).
    titles : mapping, optional
        KPI id -> label shown above its panel, in panel order (default: the ids, sorted;
        KPIs not listed follow, sorted, under their id).
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
    titles = dict(titles or {})
    data = _kpi_frame(frame, titles, percents)
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
        goal = dashed_rule(None, TARGET_GREY, [5, 4]).encode(y="mean(target):Q")
        panels.append(alt.layer(line, goal, data=part).properties(
            width=260, height=150, title=alt.TitleParams(label, fontSize=12)))
    if not panels:
        return alt.Chart(data).mark_line()
    return alt.concat(*panels, columns=3, spacing=24).properties(title=title)
