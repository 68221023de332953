"""What customers write: sentiment shares per source, theme or rating, and theme changes."""

from __future__ import annotations

import altair as alt
import polars as pl

from cxlib.presentation.charts._base import GUIDE_GREY, aggregated, titled

__all__ = ["SENTIMENT_COLOURS", "sentiment_bars", "theme_change_dots"]

#: Negative / neutral / positive, readable by colour-blind readers (the label is in text too).
SENTIMENT_COLOURS = ("#c62828", "#b0b0b0", "#2e7d32")


def sentiment_bars(frame: pl.DataFrame, *, label: str, sentiment: str, share: str,
                   sentiments: list[str], title: str = "", share_title: str = "",
                   label_title: str = "", sentiment_title: str = "",
                   sort: list[str] | None = None) -> alt.LayerChart:
    """Draw one 100 % bar per label, split into negative, neutral and positive shares.

    Parameters
    ----------
    frame : polars.DataFrame
        Aggregated: one row per ``label`` × ``sentiment`` with a 0–1 share in ``share``.
    label, sentiment, share : str
        Column names; labels may carry their base (``Reviews (n = 812)``).
    sentiments : list of str
        The three sentiment values as written in ``sentiment``, negative first.
    title, share_title, label_title, sentiment_title : str
        Titles in the report language (an empty title draws none).
    sort : list of str, optional
        Order of the bars (default: as they first appear).

    Returns
    -------
    altair.LayerChart
        Horizontal stacked bars, shares of 8 % and more written on the bar.
    """
    data = aggregated(frame, [label, sentiment, share]).with_columns(
        pl.col(sentiment).replace_strict({s: i for i, s in enumerate(sentiments)},
                                         default=9).alias("_order"))
    rows = sort or data[label].unique(maintain_order=True).to_list()
    base = alt.Chart(data).encode(
        y=alt.Y(f"{label}:N", sort=rows, title=label_title, axis=alt.Axis(labelLimit=320)),
        x=alt.X(f"{share}:Q", stack="normalize", title=share_title,
                axis=alt.Axis(format=".0%")),
        order=alt.Order("_order:Q"))
    bars = base.mark_bar().encode(
        color=alt.Color(f"{sentiment}:N", title=sentiment_title,
                        scale=alt.Scale(domain=sentiments, range=list(SENTIMENT_COLOURS)),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip(f"{label}:N", title=label_title),
                 alt.Tooltip(f"{sentiment}:N", title=sentiment_title),
                 alt.Tooltip(f"{share}:Q", title=share_title, format=".0%")])
    text = base.mark_text(color="#ffffff", fontSize=10.5, dx=-4, align="right").encode(
        x=alt.X(f"{share}:Q", stack="normalize", bandPosition=1),
        text=alt.condition(alt.datum[share] >= 0.08, alt.Text(f"{share}:Q", format=".0%"),
                           alt.value("")))
    return titled((bars + text).properties(width=520, height=alt.Step(26)), title)


def theme_change_dots(frame: pl.DataFrame, *, label: str, before: str, after: str,
                      title: str = "", value_title: str = "", before_title: str = "",
                      after_title: str = "", label_title: str = "") -> alt.LayerChart:
    """Draw each theme's share of negative texts in the previous and this wave, joined.

    Parameters
    ----------
    frame : polars.DataFrame
        Aggregated: one row per theme with two 0–1 shares.
    label, before, after : str
        Column names.
    title, value_title, before_title, after_title, label_title : str
        Titles in the report language (``label_title``: of the theme in tooltips).

    Returns
    -------
    altair.LayerChart
        A grey line from the previous wave's share (hollow point) to this wave's (filled).
    """
    data = aggregated(frame, [label, before, after])
    rows = data[label].to_list()
    long = data.unpivot(index=label, on=[before, after], variable_name="_wave",
                        value_name="_share").with_columns(pl.col("_wave").replace_strict(
                            {before: before_title, after: after_title}))
    y = alt.Y(f"{label}:N", sort=rows, title="", axis=alt.Axis(labelLimit=320))
    line = alt.Chart(data).mark_rule(color=GUIDE_GREY, strokeWidth=2).encode(
        y=y, x=alt.X(f"{before}:Q", title=value_title, axis=alt.Axis(format=".0%")),
        x2=f"{after}:Q")
    dots = alt.Chart(long).mark_point(size=90, filled=True).encode(
        y=y, x=alt.X("_share:Q", title=value_title),
        shape=alt.Shape("_wave:N", title="", sort=[before_title, after_title],
                        scale=alt.Scale(range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom")),
        color=alt.Color("_wave:N", title="", sort=[before_title, after_title],
                        scale=alt.Scale(range=[GUIDE_GREY, "#1f4e79"]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip(f"{label}:N", title=label_title),
                 alt.Tooltip("_wave:N", title=""),
                 alt.Tooltip("_share:Q", title=value_title, format=".0%")])
    return titled((line + dots).properties(width=520, height=alt.Step(26)), title)
