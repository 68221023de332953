"""Journeys from the event log: directly-follows transitions, variants, drop-off, timing.

The semantics are those of process mining: a *case* is a customer, its events are
ordered by timestamp — ties broken by their order in the input — and an *activity* is a
chosen column (the channel by default; the stage, or a stage × channel pair, work alike).
:func:`transitions` counts the directly-follows relation exactly as a process-mining
directly-follows graph (DFG) does. Every function accepts a polars DataFrame or
LazyFrame and returns small aggregated frames; the work stays lazy, so a Parquet log of
tens of millions of rows is scanned, not loaded.

Transitions, variants, drop-off, switches and stage moves all order a log the same way
(:func:`_traces`): activities coded as small integers, one stable sort on the
timestamp, one grouping by case — no sort on the case id. :func:`summary` computes
transitions, variants and drop-off from a single such pass when a caller wants several.
Customers with a single event contribute no transition but count in variants and
drop-off; an empty log gives empty frames. A large log left on disk (an
:class:`~cxlib.inputs.scans.EventScan`) is processed :data:`PART_ROWS` events at a time,
its cases split by a hash of their id, and the parts' counts added up; up to 25M events,
it is coded and ordered once (:mod:`cxlib.analysis._coded`) and every view reads that.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

import polars as pl

from cxlib.analysis import _coded_views as _views
from cxlib.analysis._ordered import (
    _SEED,
    PART_ROWS,
    _activity,
    _by_part,
    _encode,
    _lazy,
    _steps,
    _traces,
    case_counts,
    memo,
)

__all__ = [
    "PART_ROWS",
    "Summary",
    "cases",
    "drop_off",
    "ordered",
    "persona_paths",
    "stage_moves",
    "stage_timing",
    "summary",
    "switch_rate",
    "transitions",
    "variants",
]

_ORDER = "__order__"
@memo
def cases(events: pl.DataFrame | pl.LazyFrame, case: str = "customer_id") -> int:
    """Return the number of distinct cases (customers) of a log, streaming a large one."""
    return int(case_counts(events, (), case, "n").item())


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


def _pair_counts(traces: pl.LazyFrame, sequence: str) -> pl.LazyFrame:
    """Directly-follows counts from one list of activities per case, still coded.

    A case's list of n activities gives its n - 1 consecutive pairs; a single event gives
    none. Pairs into a missing activity are not counted.
    """
    seq = pl.col(sequence)
    pairs = traces.select(seq.list.slice(0, seq.list.len() - 1).alias("source"),
                          seq.list.slice(1).alias("target")).explode("source", "target")
    return pairs.drop_nulls("target").group_by("source", "target").agg(
        pl.len().cast(pl.Int64).alias("count"))


def _sorted_pairs(counts: pl.LazyFrame) -> pl.LazyFrame:
    """Add up counts of the same pair (from parts of the log), as text, most first."""
    return counts.group_by("source", "target").agg(pl.col("count").sum()).with_columns(
        pl.col("source", "target").cast(pl.String)).sort(
        ["count", "source", "target"], descending=[True, False, False])


@memo
@_views.coded_first(_views.transitions)
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
        ``a -> a`` counts repeated activities, as a DFG does. A case with a single event
        adds no pair.
    """
    sequences = {"a": _activity(activity)}
    coded = _encode(_lazy(events), sequences)
    [pairs] = _by_part(events, case, lambda part: [_pair_counts(_traces(
        part, case, timestamp, sequences, coded=coded)[1], "a")])
    return _sorted_pairs(pairs).collect()


def _labelled(events: pl.DataFrame | pl.LazyFrame, activity: str | Sequence[str],
              labels: dict[str, str] | None) -> pl.DataFrame | pl.LazyFrame:
    """Return the log with ``activity`` replaced by its labels (as they are without labels)."""
    if not labels or not isinstance(activity, str):
        return events
    return events.with_columns(pl.col(activity).replace_strict(labels,
                                                              default=pl.col(activity)))


def _path_counts(paths: pl.LazyFrame, collapse: bool, by: Sequence[str] = ()) -> pl.LazyFrame:
    """Count the distinct lists of ``a`` (one per case, per ``by`` value), still coded."""
    if collapse:
        paths = paths.with_columns(pl.col("a").list.eval(pl.element().filter(
            (pl.element() != pl.element().shift(1)).fill_null(True))))
    return paths.group_by(*by, "a").agg(pl.len().cast(pl.Int64).alias("cases"))


def _labelled_variants(counts: pl.LazyFrame) -> pl.LazyFrame:
    """Add up counts of the same path (from parts of the log); join each into its label."""
    return counts.group_by("a").agg(pl.col("cases").sum()).with_columns(
        (pl.col("cases") / pl.col("cases").sum()).alias("share"),
        pl.col("a").list.len().cast(pl.Int64).alias("steps"),
        pl.col("a").cast(pl.List(pl.String)).list.join(" → ").alias("variant"),
    ).sort(["cases", "variant"], descending=[True, False]).select("variant", "steps", "cases",
                                                                 "share")


@memo
@_views.coded_first(_views.variants)
def variants(events: pl.DataFrame | pl.LazyFrame, activity: str | Sequence[str] = "stage_id",
             case: str = "customer_id", timestamp: str = "timestamp", collapse: bool = True,
             limit: int | None = 10, *, labels: dict[str, str] | None = None) -> pl.DataFrame:
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
    labels : dict of str to str, optional
        Activities shown as these labels (others as they are), as if replaced in the log.

    Returns
    -------
    polars.DataFrame
        ``variant`` (activities joined by " → "), ``steps``, ``cases``, ``share``. A case
        with a single event is a one-step variant.
    """
    events = _labelled(events, activity, labels)
    sequences = {"a": _activity(activity)}
    coded = _encode(_lazy(events), sequences)
    [paths] = _by_part(events, case, lambda part: [_path_counts(_traces(
        part, case, timestamp, sequences, coded=coded)[1].select("a"), collapse)])
    out = _labelled_variants(paths).collect()
    return out.head(limit) if limit else out


@memo
@_views.coded_first(_views.persona_paths)
def persona_paths(events: pl.DataFrame | pl.LazyFrame, activity: str, group: str,
                  case: str = "customer_id", timestamp: str = "timestamp", *,
                  labels: dict[str, str] | None = None) -> pl.DataFrame:
    """Return the variants of each group (persona) at once, as :func:`variants` per group.

    A case is a customer's events of one group, as filtering the log on each group then
    calling :func:`variants` gives, but from one ordered pass (in parts for a large log);
    ``labels`` as in :func:`variants`. Events without a group are left out.

    Returns
    -------
    polars.DataFrame
        ``group`` column, ``variant, steps, cases, share`` (of the group's cases), every
        variant (repeats collapsed), in no particular order.
    """
    log = _lazy(_labelled(events, activity, labels)).with_columns(
        pl.concat_str([pl.col(case), pl.col(group)], separator="\x1f").alias("_case"))
    sequences = {"a": _activity(activity)}
    coded = _encode(log, sequences)
    [counts] = _by_part(log, case, lambda part: [_path_counts(_traces(
        part, "_case", timestamp, sequences, last=(group,), coded=coded)[1].select(
        group, "a"), True, by=(group,))])
    return counts.group_by(group, "a").agg(pl.col("cases").sum()).with_columns(
        (pl.col("cases") / pl.col("cases").sum().over(group)).alias("share"),
        pl.col("a").list.len().cast(pl.Int64).alias("steps"),
        pl.col("a").cast(pl.List(pl.String)).list.join(" → ").alias("variant"),
    ).select(group, "variant", "steps", "cases", "share").filter(
        pl.col(group).is_not_null()).collect()


def _ended(last: pl.LazyFrame, by: Sequence[str]) -> pl.LazyFrame:
    """Unconverted cases by the ``by`` values of their last event (see :func:`_traces`)."""
    return last.filter(~pl.col("_conv").fill_null(False)).group_by(*by).agg(
        pl.len().cast(pl.Int64).alias("ended"),
        pl.col("_last").sum().cast(pl.Int64).alias("abandoned"))


def _passing(log: pl.LazyFrame, by: Sequence[str], case: str) -> pl.LazyFrame:
    """Cases with an event at each ``by`` value."""
    return log.group_by(*by).agg(pl.col(case).n_unique().cast(pl.Int64).alias("passing"))


def _joined_drop_off(ended: pl.LazyFrame, passing: pl.LazyFrame,
                     by: Sequence[str]) -> pl.LazyFrame:
    """Add up the counts of parts of the log (disjoint cases), then rate and sort."""
    ended = ended.group_by(*by).agg(pl.col("ended", "abandoned").sum())
    passing = passing.group_by(*by).agg(pl.col("passing").sum())
    return ended.join(passing, on=list(by), how="left", nulls_equal=True).with_columns(
        (pl.col("ended") / pl.col("passing")).alias("rate"),
    ).sort(["ended", *by], descending=[True, *[False] * len(by)]).select(
        *by, "ended", "passing", "rate", "abandoned")


@memo
@_views.coded_first(_views.drop_off)
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
        explicit ``abandoned`` outcome), most ``ended`` first. A case with a single
        unconverted event ends where that event is.
    """
    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        log, last = _traces(part, case, timestamp, {}, by, outcome)
        return [_ended(last, by), _passing(log, by, case)]

    return _joined_drop_off(*_by_part(events, case, counts), by).collect()


class Summary(NamedTuple):
    """The three views of :func:`summary`, as their own functions return them."""

    transitions: pl.DataFrame
    variants: pl.DataFrame
    drop_off: pl.DataFrame


def summary(events: pl.DataFrame | pl.LazyFrame, activity: str | Sequence[str] = "channel_id",
            path: str | Sequence[str] = "stage_id",
            by: Sequence[str] = ("stage_id", "channel_id"), case: str = "customer_id",
            timestamp: str = "timestamp", outcome: str = "outcome", collapse: bool = True,
            limit: int | None = 10, *, partitions: int = 1) -> Summary:
    """Return transitions, variants and drop-off from one ordered pass over the log.

    The same results as :func:`transitions` (on ``activity``), :func:`variants` (on
    ``path``) and :func:`drop_off` (by ``by``) called one after the other, but each case's
    events are put in time order once for the three: cheaper on a large log.

    With ``partitions`` above one, the cases are split into that many disjoint groups (by a
    hash of the case id) and the log is read and ordered one group at a time; the counts
    of the groups are then added up. Memory holds one group's events, not the log's: a
    Parquet log larger than memory (``pl.scan_parquet``) is summarised in bounded memory,
    at the price of one read of the file per group. The results do not depend on it.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    activity : str or sequence of str
        The activity of the transitions (the channel by default).
    path : str or sequence of str
        The activity of the variants (the stage by default).
    by : sequence of str
        Columns of the last event for the drop-off.
    case, timestamp, outcome : str
        Column names.
    collapse, limit
        As in :func:`variants`.
    partitions : int
        How many groups of cases the log is processed in, one after the other.

    Returns
    -------
    Summary
        ``transitions``, ``variants`` and ``drop_off`` frames.

    Examples
    --------
    >>> from datetime import datetime
    >>> log = pl.DataFrame({"customer_id": ["A", "A", "B"],
    ...                     "timestamp": [datetime(2026, 1, 1, h) for h in (9, 8, 9)],
    ...                     "stage_id": ["buy", "look", "look"],
    ...                     "channel_id": ["store", "web", "web"],
    ...                     "outcome": ["converted", None, None]})
    >>> views = summary(log, by=("stage_id",))
    >>> views.transitions.rows()
    [('web', 'store', 1)]
    >>> views.variants["variant"].to_list()
    ['look', 'look → buy']
    >>> views.drop_off.select("stage_id", "ended").rows()
    [('look', 1)]
    """
    if partitions < 1:
        raise ValueError(f"partitions must be 1 or more, got {partitions}")
    full = _lazy(events)
    sequences = {"_dfg": _activity(activity), "a": _activity(path)}
    coded = _encode(full, sequences)  # one code per activity across every part
    parts: list[list[pl.DataFrame]] = []
    for k in range(partitions):
        part = full if partitions == 1 else full.filter(
            pl.col(case).hash(seed=_SEED) % partitions == k)
        log, traces = _traces(part, case, timestamp, sequences, by, outcome, coded=coded)
        parts.append(pl.collect_all([_pair_counts(traces, "_dfg"),
                                     _path_counts(traces.select("a"), collapse),
                                     _ended(traces, by), _passing(log, by, case)]))
    dfg_parts, path_parts, ended_parts, passing_parts = (
        pl.concat(frames).lazy() for frames in zip(*parts, strict=True))
    dfg, paths, ends = pl.collect_all([
        _sorted_pairs(dfg_parts), _labelled_variants(path_parts),
        _joined_drop_off(ended_parts, passing_parts, by)])
    return Summary(dfg, paths.head(limit) if limit else paths, ends)


@memo
@_views.coded_first(_views.switch_rate)
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
    sequences = {"stage": _activity(stage), "_c": _activity(channel)}
    coded = _encode(_lazy(events), sequences)

    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        _, traces = _traces(part, case, timestamp, sequences, coded=coded)
        steps = _steps(traces, ["stage", "_c"], ["_c"]).drop_nulls("_c_next")
        return [steps.group_by("stage").agg(
            pl.len().cast(pl.Int64).alias("moves"),
            (pl.col("_c") != pl.col("_c_next")).sum().cast(pl.Int64).alias("switches"))]

    [parts] = _by_part(events, case, counts)
    return _views.switch_totals(parts, stages)


@memo
@_views.coded_first(_views.stage_moves)
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
    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        _, traces = _traces(part, case, timestamp, {}, plain={
            "_r": pl.col(stage).replace_strict(rank, default=None, return_dtype=pl.Int64)})
        log = _steps(traces, ["_r"], ["_r"]).select(
            (pl.col("_r_next") - pl.col("_r")).alias("_d"))
        moves = log.filter(pl.col("_d").is_not_null()).select(
            pl.when(pl.col("_d") == 0).then(pl.lit("same"))
            .when(pl.col("_d") == 1).then(pl.lit("next"))
            .when(pl.col("_d") > 1).then(pl.lit("skip"))
            .otherwise(pl.lit("back")).alias("move"))
        return [moves.group_by("move").agg(pl.len().cast(pl.Int64).alias("count"))]

    [parts] = _by_part(events, case, counts)
    out = parts.group_by("move").agg(pl.col("count").sum()).collect()
    order = pl.DataFrame({"move": ["same", "next", "skip", "back"]})
    return order.join(out, on="move", how="left").with_columns(
        pl.col("count").fill_null(0)).with_columns(
        (pl.col("count") / pl.col("count").sum()).alias("share"))


@memo
@_views.coded_first(_views.stage_timing)
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
    pairs = list(itertools.pairwise(stages))

    def delays(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        first = part.group_by(case, stage).agg(pl.col(timestamp).min().alias("t"))
        out = []
        for a, b in pairs:
            left = first.filter(pl.col(stage) == a).select(case, pl.col("t").alias("ta"))
            right = first.filter(pl.col(stage) == b).select(case, pl.col("t").alias("tb"))
            out.append(left.join(right, on=case).select(
                ((pl.col("tb") - pl.col("ta")).dt.total_seconds() / 3600).alias("h"))
                .filter(pl.col("h") >= 0))
        return out

    parts = []
    for (a, b), hours in zip(pairs, _by_part(events, case, delays) if pairs else [],
                             strict=True):
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
