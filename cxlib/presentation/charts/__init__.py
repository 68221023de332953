"""Chart functions: aggregated polars frames in, altair charts out.

Altair embeds every column of the frame it is given in the report, so these functions
accept aggregates only: a frame larger than :data:`MAX_ROWS` is refused, and only the
columns a chart uses are passed on. Colours and fonts come from the client's theme
(:func:`cxlib.presentation.render.use_brand`), never from the chart.

Every function takes the frame first; the columns it draws and every title or option
are passed by keyword, titles defaulting to none::

    charts.count_heatmap(flows, row="source", column="target", value="count",
                         row_title=page.t("col_from"), column_title=page.t("col_to"))

The functions live in one module per family — :mod:`~.bars` (bars and distributions),
:mod:`~.heatmaps` (heat maps and matrices), :mod:`~.journeys` (flows and curves),
:mod:`~.quadrants` (scatter plots in quadrants), :mod:`~.time_series`, :mod:`~.voice`
(sentiment shares and theme changes) — over
:mod:`~._base` (the row-count guard and what charts share); all are importable from here.
"""

from __future__ import annotations

from cxlib.presentation.charts._base import MAX_ROWS, STATUS_COLOURS
from cxlib.presentation.charts.bars import (
    funnel_bars,
    grouped_bars,
    interval_bars,
    stacked_bars,
)
from cxlib.presentation.charts.heatmaps import count_heatmap, coverage_heatmap, share_heatmap
from cxlib.presentation.charts.journeys import (
    accumulation_lines,
    emotion_curves,
    flow_links,
    silhouette_line,
)
from cxlib.presentation.charts.quadrants import impact_effort, importance_matrix
from cxlib.presentation.charts.time_series import monthly_intervals, target_lines
from cxlib.presentation.charts.voice import SENTIMENT_COLOURS, sentiment_bars, theme_change_dots

__all__ = [
    "MAX_ROWS",
    "SENTIMENT_COLOURS",
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
    "sentiment_bars",
    "share_heatmap",
    "silhouette_line",
    "stacked_bars",
    "target_lines",
    "theme_change_dots",
]
