"""Journeys from the event log: directly-follows transitions, variants, drop-off, timing.

The semantics are those of process mining: a *case* is a customer, its events are
ordered by timestamp — ties broken by their order in the input — and an *activity* is a
chosen column (the channel by default; the stage, or a stage × channel pair, work alike).
:func:`transitions` counts the directly-follows relation exactly as a process-mining
directly-follows graph (DFG) does. Every function accepts a polars DataFrame or
LazyFrame and returns small aggregated frames; the work stays lazy, so a Parquet log of
tens of millions of rows is scanned, not loaded.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import polars as pl

__all__ = [
    "drop_off",
    "ordered",
    "stage_moves",
    "stage_timing",
    "switch_rate",
    "transitions",
    "variants",
]

_ORDER = "__order__"


def _lazy(events: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    return events.lazy() if isinstance(events, pl.DataFrame) else events


def ordered(events: pl.DataFrame | pl.LazyFrame, case: str = "customer_id",
            timestamp: str = "timestamp") -> pl.LazyFrame:
    """Return the events sorted by case then timestamp, ties kept in input order.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    case, timestamp : str
        Case and timestamp columns.

    Returns
    -------
    polars.LazyFrame
        The same rows, sorted, with ``__order__`` (input position) added.
    """
    return _lazy(events).with_row_index(_ORDER).sort([case, timestamp, _ORDER])


def _activity(activity: str | Sequence[str]) -> pl.Expr:
    if isinstance(activity, str):
        return pl.col(activity).cast(pl.String)
    return pl.concat_str([pl.col(a).cast(pl.String) for a in activity], separator=" · ")


def transitions(events: pl.DataFrame | pl.LazyFrame, activity: str | Sequence[str] = "channel_id",
                case: str = "customer_id", timestamp: str = "timestamp") -> pl.DataFrame:
    """Count directly-follows transitions between activities within each case.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    activity : str or sequence of str
        The activity column, or several joined with " · " (e.g. stage and channel).
    case, timestamp : str
        Case and timestamp columns.

    Returns
    -------
    polars.DataFrame
        ``source, target, count``, most frequent first (ties by source, target); a pair
        ``a -> a`` counts repeated activities, as a DFG does.
    """
    # A stable sort on the timestamp alone keeps ties in input order; ``over(case)`` then
    # sees each customer's events in time order (cheaper than sorting by case too).
    steps = _lazy(events).sort(timestamp, maintain_order=True).select(
        pl.col(case), _activity(activity).alias("source"))
    pairs = steps.with_columns(
        pl.col("source").shift(-1).over(case).alias("target")).drop_nulls("target")
    return pairs.group_by("source", "target").agg(pl.len().cast(pl.Int64).alias("count")) \
        .sort(["count", "source", "target"], descending=[True, False, False]).collect()


def variants(events: pl.DataFrame | pl.LazyFrame, activity: str | Sequence[str] = "stage_id",
             case: str = "customer_id", timestamp: str = "timestamp", collapse: bool = True,
             limit: int | None = 10) -> pl.DataFrame:
    """Return the most frequent paths (sequences of activities) and their share of cases.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    activity : str or sequence of str
        The activity column(s).
    case, timestamp : str
        Case and timestamp columns.
    collapse : bool
        Whether repeated consecutive activities count once (``A A B`` reads ``A B``).
    limit : int or None
        How many variants to return (None: all).

    Returns
    -------
    polars.DataFrame
        ``variant`` (activities joined by " → "), ``steps``, ``cases``, ``share``.
    """
    paths = _lazy(events).group_by(case).agg(
        _activity(activity).sort_by(timestamp, maintain_order=True).alias("a"))
    if collapse:
        paths = paths.with_columns(pl.col("a").list.eval(pl.element().filter(
            (pl.element() != pl.element().shift(1)).fill_null(True))))
    counted = paths.group_by("a").agg(pl.len().cast(pl.Int64).alias("cases")).with_columns(
        (pl.col("cases") / pl.col("cases").sum()).alias("share"),
        pl.col("a").list.len().cast(pl.Int64).alias("steps"),
        pl.col("a").list.join(" → ").alias("variant"),
    ).sort(["cases", "variant"], descending=[True, False]).select("variant", "steps", "cases",
                                                                 "share")
    out = counted.collect()
    return out.head(limit) if limit else out


def drop_off(events: pl.DataFrame | pl.LazyFrame, by: Sequence[str] = ("stage_id", "channel_id"),
             case: str = "customer_id", timestamp: str = "timestamp",
             outcome: str = "outcome") -> pl.DataFrame:
    """Return where journeys end without conversion: the last event of unconverted cases.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log, with an outcome column (``converted`` marks a conversion).
    by : sequence of str
        Columns of the last event to group by.
    case, timestamp, outcome : str
        Column names.

    Returns
    -------
    polars.DataFrame
        ``*by, ended`` (unconverted journeys ending there), ``passing`` (cases with an
        event there), ``rate`` (ended / passing), ``abandoned`` (of those, ending with an
        explicit ``abandoned`` outcome), most ``ended`` first.
    """
    log = _lazy(events).sort(timestamp, maintain_order=True)
    last = log.group_by(case).agg(
        *[pl.col(c).last() for c in by], pl.col(outcome).last().alias("_last"),
        (pl.col(outcome) == "converted").any().alias("conv"),
    ).filter(~pl.col("conv").fill_null(False))
    ended = last.group_by(*by).agg(
        pl.len().cast(pl.Int64).alias("ended"),
        (pl.col("_last") == "abandoned").sum().cast(pl.Int64).alias("abandoned"))
    passing = log.group_by(*by).agg(pl.col(case).n_unique().cast(pl.Int64).alias("passing"))
    return ended.join(passing, on=list(by), how="left").with_columns(
        (pl.col("ended") / pl.col("passing")).alias("rate"),
    ).sort(["ended", *by], descending=[True, *[False] * len(by)]).select(
        *by, "ended", "passing", "rate", "abandoned").collect()


def switch_rate(events: pl.DataFrame | pl.LazyFrame, stage: str = "stage_id",
                channel: str = "channel_id", case: str = "customer_id",
                timestamp: str = "timestamp", stages: Sequence[str] | None = None
                ) -> pl.DataFrame:
    """Return, per stage, how often the next event of a journey is on another channel.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    stage, channel, case, timestamp : str
        Column names.
    stages : sequence of str, optional
        Stage ids in journey order, to sort the result (default: by id).

    Returns
    -------
    polars.DataFrame
        ``stage``, ``moves`` (events followed by another event of the same customer),
        ``switches`` (of those, to another channel), ``rate``.
    """
    log = ordered(events, case, timestamp).with_columns(
        pl.col(channel).shift(-1).over(case).alias("_next"))
    out = log.filter(pl.col("_next").is_not_null()).group_by(stage).agg(
        pl.len().cast(pl.Int64).alias("moves"),
        (pl.col(channel) != pl.col("_next")).sum().cast(pl.Int64).alias("switches"),
    ).with_columns((pl.col("switches") / pl.col("moves")).alias("rate")).rename(
        {stage: "stage"}).sort("stage").collect()
    if stages:
        rank = {s: i for i, s in enumerate(stages)}
        out = out.sort(pl.col("stage").replace_strict(rank, default=len(rank)))
    return out


def stage_moves(events: pl.DataFrame | pl.LazyFrame, stages: Sequence[str],
                stage: str = "stage_id", case: str = "customer_id",
                timestamp: str = "timestamp") -> pl.DataFrame:
    """Count forward steps, repeats, back-and-forth and skipped stages between events.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    stages : sequence of str
        Stage ids in journey order.
    stage, case, timestamp : str
        Column names.

    Returns
    -------
    polars.DataFrame
        ``move`` (``same``, ``next``, ``skip``, ``back``), ``count``, ``share``;
        ``skip`` jumps over at least one stage, ``back`` returns to an earlier stage.
    """
    rank = {s: i for i, s in enumerate(stages)}
    log = ordered(events, case, timestamp).with_columns(
        pl.col(stage).replace_strict(rank, default=None, return_dtype=pl.Int64).alias("_r"))
    log = log.with_columns((pl.col("_r").shift(-1).over(case) - pl.col("_r")).alias("_d"))
    moves = log.filter(pl.col("_d").is_not_null()).select(
        pl.when(pl.col("_d") == 0).then(pl.lit("same"))
        .when(pl.col("_d") == 1).then(pl.lit("next"))
        .when(pl.col("_d") > 1).then(pl.lit("skip"))
        .otherwise(pl.lit("back")).alias("move"))
    out = moves.group_by("move").agg(pl.len().cast(pl.Int64).alias("count")).collect()
    order = pl.DataFrame({"move": ["same", "next", "skip", "back"]})
    return order.join(out, on="move", how="left").with_columns(
        pl.col("count").fill_null(0)).with_columns(
        (pl.col("count") / pl.col("count").sum()).alias("share"))


def stage_timing(events: pl.DataFrame | pl.LazyFrame, stages: Sequence[str],
                 stage: str = "stage_id", case: str = "customer_id",
                 timestamp: str = "timestamp") -> pl.DataFrame:
    """Return the time from each stage to the next, for customers who reach both.

    The time is from the customer's first event at a stage to their first event at the
    next stage in journey order.

    Returns
    -------
    polars.DataFrame
        ``from_stage, to_stage, customers, median_hours, p90_hours``, in journey order.
    """
    first = _lazy(events).group_by(case, stage).agg(pl.col(timestamp).min().alias("t"))
    parts = []
    for a, b in itertools.pairwise(stages):
        left = first.filter(pl.col(stage) == a).select(case, pl.col("t").alias("ta"))
        right = first.filter(pl.col(stage) == b).select(case, pl.col("t").alias("tb"))
        hours = left.join(right, on=case).select(
            ((pl.col("tb") - pl.col("ta")).dt.total_seconds() / 3600).alias("h")) \
            .filter(pl.col("h") >= 0)
        parts.append(hours.select(
            pl.lit(a).alias("from_stage"), pl.lit(b).alias("to_stage"),
            pl.len().cast(pl.Int64).alias("customers"),
            pl.col("h").median().alias("median_hours"),
            pl.col("h").quantile(0.9, interpolation="linear").alias("p90_hours")))
    if not parts:
        return pl.DataFrame(schema={"from_stage": pl.String, "to_stage": pl.String,
                                    "customers": pl.Int64, "median_hours": pl.Float64,
                                    "p90_hours": pl.Float64})
    return pl.concat(pl.collect_all(parts))
