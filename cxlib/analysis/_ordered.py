"""The ordered pass every journey analysis reads, in parts for a log left on disk.

Activities are coded as small integers (``Enum``), the log is sorted once on the
timestamp (stably: ties keep their input order) and grouped by case, so each case's
events come out in time order without a sort on the case id. A large log left on disk
(an :class:`~cxlib.inputs.scans.EventScan`) is processed :data:`PART_ROWS` events at a
time: its cases are split into groups by a hash of their id, each group is ordered and
counted in turn, and the groups' counts are added up by the caller.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import polars as pl

from cxlib.inputs.scans import streamed

#: Seed of the case-id hash that splits a log into parts (:func:`summary`).
_SEED = 20261206
#: Events of a log left on disk put in order at a time (about 150 MB each).
PART_ROWS = 2_500_000
#: Results on logs left on disk kept per process (the front page and the notebooks ask
#: for the same drop-off several times).
_MEMO: OrderedDict[tuple, Any] = OrderedDict()
_MEMO_SIZE = 32
_F = TypeVar("_F", bound=Callable[..., Any])


def memo(function: _F) -> _F:
    """Keep the results of ``function`` on a log left on disk, by query and arguments.

    Kept in the process and, during a run, in the run's figure store
    (:func:`cxlib.analysis.figures.stored`): the front page computes a drop-off, the
    notebooks' kernel reads it. A log in memory is never cached: a caller may change it
    between two calls. A query that cannot be serialised (a Python function inside) is
    not cached either.
    """
    from cxlib.analysis.figures import stored

    @functools.wraps(function)
    def wrapper(events: Any, *args: Any, **kwargs: Any) -> Any:
        if not streamed(events):
            return function(events, *args, **kwargs)
        try:
            key = (function.__qualname__, events.serialize(), repr(args),
                   repr(sorted(kwargs.items())))
        except (pl.exceptions.PolarsError, TypeError, ValueError):
            return function(events, *args, **kwargs)
        if key not in _MEMO:
            digest = hashlib.sha256(b"\0".join(
                k if isinstance(k, bytes) else k.encode("utf-8") for k in key)).hexdigest()
            _MEMO[key] = stored(f"log.{function.__name__}-{digest[:24]}",
                                lambda: function(events, *args, **kwargs))
            if len(_MEMO) > _MEMO_SIZE:
                _MEMO.popitem(last=False)
        found = _MEMO[key]
        return found.clone() if isinstance(found, pl.DataFrame) else found

    return wrapper  # type: ignore[return-value]


def _lazy(events: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    return events.lazy() if isinstance(events, pl.DataFrame) else events


def _parts(events: pl.DataFrame | pl.LazyFrame) -> int:
    """How many groups of cases a log is ordered in: one unless it is left on disk."""
    return max(1, math.ceil(events.height / PART_ROWS)) if streamed(events) else 1


def _by_part(events: pl.DataFrame | pl.LazyFrame, case: str,
             counts: Callable[[pl.LazyFrame], list[pl.LazyFrame]]) -> list[pl.LazyFrame]:
    """Run ``counts`` on each group of cases (see :func:`_parts`); concatenate each result."""
    full, k = _lazy(events), _parts(events)
    parts = [pl.collect_all(counts(full if k == 1 else full.filter(
        pl.col(case).hash(seed=_SEED) % k == i))) for i in range(k)]
    return [pl.concat(frames).lazy() for frames in zip(*parts, strict=True)]


def _activity(activity: str | Sequence[str]) -> pl.Expr:
    if isinstance(activity, str):
        return pl.col(activity).cast(pl.String)
    return pl.concat_str([pl.col(a).cast(pl.String) for a in activity], separator=" · ")


@memo
def _distinct(query: pl.LazyFrame) -> pl.DataFrame:
    """Return the distinct values a query on a log left on disk selects (kept: see memo)."""
    return query.collect(engine="streaming")


def _encode(log: pl.LazyFrame, activities: dict[str, pl.Expr]) -> dict[str, pl.Expr]:
    """Return each activity as a small-integer ``Enum`` of its own values.

    One pass reads the distinct values; sorting and grouping then move 4-byte codes, not
    strings. The codes are turned back into text only on the aggregated results.
    """
    if not activities:
        return {}
    queries = [log.select(expr.unique().alias(name)) for name, expr in activities.items()]
    seen = [_distinct(query) for query in queries] if streamed(log) \
        else pl.collect_all(queries)
    return {name: expr.cast(pl.Enum(sorted(values[name].drop_nulls().to_list())))
            for (name, expr), values in zip(activities.items(), seen, strict=True)}


def _traces(events: pl.DataFrame | pl.LazyFrame, case: str, timestamp: str,
            sequences: dict[str, pl.Expr], last: Sequence[str] = (),
            outcome: str | None = None, plain: dict[str, pl.Expr] | None = None,
            coded: dict[str, pl.Expr] | None = None) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Put every case's events in time order once; return the log and one row per case.

    The log is sorted on the timestamp alone, stably (ties keep their input order), then
    grouped by case: a group keeps its rows in that order, so each case's events come out
    ordered as if sorted by case, timestamp and input position, without sorting on the
    case id. Every analysis of this module reads this one pass.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log.
    case, timestamp : str
        Column names.
    sequences : dict of str to polars.Expr
        Activities to list per case, in time order (``Enum``-coded).
    last : sequence of str
        Columns whose value at the case's last event is kept.
    outcome : str, optional
        Outcome column: adds ``_last`` (the last event is ``abandoned``) and ``_conv`` (the
        case has a ``converted`` event).
    plain : dict of str to polars.Expr, optional
        Values to list per case as they are (numbers), not coded.
    coded : dict of str to polars.Expr, optional
        ``sequences`` already coded (by :func:`_encode` on the whole log, when the log is
        processed in parts).

    Returns
    -------
    tuple of polars.LazyFrame
        The ordered log (case, ``last`` columns) and the traces, one row per case.
    """
    log = _lazy(events)
    flags = [] if outcome is None else [(pl.col(outcome) == "abandoned").alias("_last"),
                                        (pl.col(outcome) == "converted").alias("_conv")]
    coded = {**(coded if coded is not None else _encode(log, sequences)), **(plain or {})}
    ordered_log = log.select(pl.col(case), pl.col(timestamp),
                             *[expr.alias(name) for name, expr in coded.items()],
                             *[pl.col(c) for c in last if c not in coded], *flags) \
        .sort(timestamp, maintain_order=True)
    ends = [pl.col(c).last() for c in last]
    if outcome is not None:
        ends += [pl.col("_last").last(), pl.col("_conv").any()]
    return ordered_log, ordered_log.group_by(case).agg(*[pl.col(n) for n in coded], *ends)


def _steps(traces: pl.LazyFrame, now: Sequence[str], after: Sequence[str]) -> pl.LazyFrame:
    """Return one row per event followed by another event of its case.

    ``now`` lists give the event's values, ``after`` lists the next event's (suffixed
    ``_next``); a case with a single event gives no row.
    """
    head = [pl.col(c).list.slice(0, pl.col(c).list.len() - 1) for c in now]
    tail = [pl.col(c).list.slice(1).alias(f"{c}_next") for c in after]
    return traces.select(*head, *tail).explode(*now, *[f"{c}_next" for c in after])




def case_counts(events: pl.DataFrame | pl.LazyFrame, by: Sequence[str], case: str,
                name: str, *, where: tuple[str, str] | pl.Expr | None = None,
                build: bool = False) -> pl.DataFrame:
    """Return the number of distinct cases per ``by`` group, as column ``name``.

    On a log left on disk the cases are counted one group of cases at a time (see
    :func:`_parts`) and the groups' counts added up: the same numbers, in a fraction of
    the memory a distinct count of every case id at once holds; from the log coded in
    memory when it is (:mod:`cxlib.analysis._coded`; ``build``: code it for this).
    ``where`` counts some events only: a filter, or a ``(column, value)`` pair.
    """
    from cxlib.analysis._coded_views import case_counts as coded

    found = coded(events, by, case, name, where, build=build)
    if found is not None:
        return found
    if where is not None:
        events = events.filter(pl.col(where[0]) == where[1] if isinstance(where, tuple)
                               else where)
    count = pl.col(case).n_unique().alias(name)
    [counts] = _by_part(events, case, lambda part: [
        part.group_by(*by).agg(count) if by else part.select(count)])
    total = pl.col(name).sum()
    return (counts.group_by(*by).agg(total) if by else counts.select(total)).collect()
