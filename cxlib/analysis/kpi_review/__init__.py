"""The KPI review: survey KPIs against targets, by segment and wave; funnel and operations.

Builds on :mod:`~.kpis` (the formulas) and :mod:`~.drivers` (key drivers). Every
function takes the client's validated :class:`~cxlib.inputs.loaders.Inputs` and returns an
aggregated frame with labels in the client's words, or finding sentences.

Status against a target
-----------------------
Green, amber or red, by the rule the report states: it is written once, in
:mod:`~cxlib.analysis.kpi_review.survey`, whose
:func:`~cxlib.analysis.kpi_review.survey.status_expr` applies it to survey and operational
KPIs alike.

Layout
------
The module is a package split by concern; every public name is importable from here, as
before:

- :mod:`~cxlib.analysis.kpi_review.survey`: headline KPIs, segments, wave changes, trends,
  low bases, touchpoint detractors and the status rule;
- :mod:`~cxlib.analysis.kpi_review.drivers_funnel`: key drivers table, funnel and
  operational KPIs;
- :mod:`~cxlib.analysis.kpi_review.wording`: values in their units, labels, display tables
  and finding sentences.
"""

from __future__ import annotations

from cxlib.analysis.kpi_review.drivers_funnel import (
    complete_answers,
    driver_columns,
    driver_table,
    funnel,
    operational,
    operational_trend,
)
from cxlib.analysis.kpi_review.survey import (
    LOWER_IS_BETTER,
    SEGMENTS,
    breakdown,
    headline,
    labels,
    low_bases,
    nps_changes,
    previous_wave,
    segment_changes,
    status_expr,
    survey_trend,
    touchpoint_detractors,
)
from cxlib.analysis.kpi_review.wording import (
    SHARES,
    change_findings,
    changes_display,
    detractor_sentence,
    detractors_display,
    driver_sentence,
    format_change,
    format_kpi,
    headline_display,
    kpi_title,
    low_bases_display,
    month_label,
    nps_sentence,
    operational_display,
    p_text,
    shown,
    summary,
)
from cxlib.analysis.overview import Finding as Finding  # notebooks write ``kr.Finding``

__all__ = [
    "LOWER_IS_BETTER",
    "SEGMENTS",
    "SHARES",
    "breakdown",
    "change_findings",
    "changes_display",
    "complete_answers",
    "detractor_sentence",
    "detractors_display",
    "driver_columns",
    "driver_sentence",
    "driver_table",
    "format_change",
    "format_kpi",
    "funnel",
    "headline",
    "headline_display",
    "kpi_title",
    "labels",
    "low_bases",
    "low_bases_display",
    "month_label",
    "nps_changes",
    "nps_sentence",
    "operational",
    "operational_display",
    "operational_trend",
    "p_text",
    "previous_wave",
    "segment_changes",
    "shown",
    "status_expr",
    "summary",
    "survey_trend",
    "touchpoint_detractors",
]
