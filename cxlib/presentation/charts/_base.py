"""What every chart shares: the row-count guard, the status colours and common encodings.

Altair embeds every column of the frame it is given in the report, so charts accept
aggregates only: :func:`aggregated` refuses a frame larger than :data:`MAX_ROWS` and passes
on only the columns a chart uses. Colours and fonts come from the client's theme
(:func:`cxlib.presentation.render.use_brand`); the few fixed colours here carry a meaning
(status, reference lines) that the theme must not change.
"""

from __future__ import annotations

from typing import TypeVar

import altair as alt
import polars as pl

from cxlib.i18n import t

__all__ = [
    "GUIDE_GREY",
    "MAX_ROWS",
    "STATUS_COLOURS",
    "TARGET_GREY",
    "aggregated",
    "count_tooltip",
    "dashed_rule",
    "interval_tooltips",
    "own_title",
    "target_rule",
    "titled",
    "use_language",
]

#: Red / amber / green, readable by colour-blind readers (with the status also in text).
STATUS_COLOURS = {"green": "#2e7d32", "amber": "#e69f00", "red": "#c62828"}

#: Largest frame a chart accepts: more rows means row-level data reached a chart.
MAX_ROWS = 2_000

#: Colour of targets drawn as dashed rules.
TARGET_GREY = "#555555"

#: Colour of guides (means, mid lines, the neutral level) drawn as dashed rules.
GUIDE_GREY = "#999999"

_Chart = TypeVar("_Chart", bound=alt.TopLevelMixin)


def aggregated(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Return the columns a chart uses, refusing row-level data.

    Parameters
    ----------
    frame : polars.DataFrame
        An aggregated frame, at most :data:`MAX_ROWS` rows.
    columns : list of str
        Columns the chart uses: no other column reaches the report.

    Returns
    -------
    polars.DataFrame
        Those columns, NaN and infinities replaced by nulls (they are not JSON: the browser
        would refuse the whole chart).

    Raises
    ------
    ValueError
        When the frame has more than :data:`MAX_ROWS` rows.
    """
    if frame.height > MAX_ROWS:
        raise ValueError(
            f"a chart got {frame.height} rows (limit {MAX_ROWS}): aggregate the data in "
            "polars first — charts embed every row they receive in the report"
        )
    picked = frame.select(columns)
    floats = [c for c, dtype in picked.schema.items() if dtype.is_float()]
    return picked.with_columns(
        [pl.when(pl.col(c).is_finite()).then(pl.col(c)).otherwise(None).alias(c)
         for c in floats])


_LANGUAGE = ["en"]  # of the client's theme (render.use_brand): titles a chart writes itself


def use_language(lang: str) -> None:
    """Write the titles charts give themselves (:func:`own_title`) in ``lang``."""
    _LANGUAGE[0] = lang


def own_title(key: str) -> str:
    """Return a title the chart writes itself (message ``key``), in the theme's language."""
    return t(key, _LANGUAGE[0])


def titled(chart: _Chart, title: str) -> _Chart:
    """Return ``chart`` with ``title``, or untitled when it is empty (the heading says it)."""
    return chart.properties(title=title) if title else chart


def dashed_rule(frame: pl.DataFrame | None, colour: str,
                dash: list[int] | None = None) -> alt.Chart:
    """Return a dashed rule mark over ``frame``, to be encoded at a value (x or y).

    Parameters
    ----------
    frame : polars.DataFrame or None
        The value(s) the rule marks, e.g. a one-row frame; None for the data of the layer
        the rule joins.
    colour : str
        :data:`TARGET_GREY` for targets, :data:`GUIDE_GREY` for guides.
    dash : list of int, optional
        Dash and gap lengths in pixels (default ``[4, 4]``).

    Returns
    -------
    altair.Chart
        The rule, not yet encoded.
    """
    chart = alt.Chart() if frame is None else alt.Chart(frame)
    return chart.mark_rule(strokeDash=dash or [4, 4], color=colour)


def target_rule(target: float, channel: str) -> alt.Chart:
    """Return a target drawn as a dashed rule, vertical (``channel="x"``) or horizontal.

    Parameters
    ----------
    target : float
        The target, on the chart's value scale.
    channel : {"x", "y"}
        The channel holding the value scale.

    Returns
    -------
    altair.Chart
        The rule, to be layered over the chart.
    """
    rule = dashed_rule(pl.DataFrame({"target": [target]}), TARGET_GREY, [5, 4])
    return rule.encode(**{channel: "target:Q"})


def count_tooltip() -> alt.Tooltip:
    """Return the tooltip of a segment's base ``n``, as a whole number."""
    return alt.Tooltip("n:Q", title="n", format=",d")


def interval_tooltips(value: str, low: str, high: str, value_title: str,
                      value_format: str) -> list[alt.Tooltip]:
    """Return the tooltips of a value with its 95% interval and base.

    Parameters
    ----------
    value, low, high : str
        Columns of the value and its interval bounds.
    value_title : str
        Title of the value, in the report language.
    value_format : str
        d3 format of the value and bounds.

    Returns
    -------
    list of altair.Tooltip
        Value, lower bound, upper bound and ``n``.
    """
    return [alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
            alt.Tooltip(f"{low}:Q", title=own_title("col_ci_low"), format=value_format),
            alt.Tooltip(f"{high}:Q", title=own_title("col_ci_high"), format=value_format),
            count_tooltip()]
