"""The journey views computed on a log coded and ordered once (:mod:`cxlib.analysis._coded`).

Each function takes the arguments of its namesake in :mod:`cxlib.analysis.journeys` and
returns the same frame, or None when the log is not one kept coded (a frame in memory, a
query derived from the scan, a log above :data:`~cxlib.analysis._coded.CODED_ROWS`) or an
argument asks for what only the general path does: the caller then takes that path. The
first view asked for codes the log (or reads it from the run's figure store); the others read
the parts in memory.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import polars as pl

from cxlib.analysis._coded import (
    ID,
    by_part,
    case_ids,
    decode,
    equals,
    next_,
    ordered_parts,
    same,
)

__all__ = ["case_counts", "coded_first", "customer_rows", "drop_off", "persona_paths",
           "stage_moves", "stage_timing", "switch_rate", "transitions", "variants"]

_JOIN = " · "
_COUNT = "_cx_count"
_F = TypeVar("_F", bound=Callable[..., Any])


def _columns(activity: str | Sequence[str]) -> list[str]:
    return [activity] if isinstance(activity, str) else list(activity)


def coded_first(alt: Callable[..., pl.DataFrame | None]) -> Callable[[_F], _F]:
    """Have a view try ``alt`` (its coded version, same arguments) before its own path."""
    def decorate(function: _F) -> _F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            found = alt(*args, **kwargs)
            return function(*args, **kwargs) if found is None else found

        return wrapper  # type: ignore[return-value]

    return decorate


def _parts(events: Any, case: str, timestamp: str, columns: Sequence[str],
           build: bool = True) -> list[pl.DataFrame] | None:
    parts = ordered_parts(events, case, timestamp, build=build)
    if parts is None or any(c not in parts[0].columns for c in columns):
        return None
    return parts


def _text(columns: Sequence[str], suffix: str = "") -> pl.Expr:
    """Return an activity as text, as :func:`~cxlib.analysis._ordered._activity` makes it."""
    if len(columns) == 1:
        return pl.col(f"{columns[0]}{suffix}").cast(pl.String)
    return pl.concat_str([pl.col(f"{c}{suffix}").cast(pl.String) for c in columns],
                         separator=_JOIN)


def transitions(events: Any, activity: str | Sequence[str] = "channel_id",
                case: str = "customer_id", timestamp: str = "timestamp") -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.transitions` on the coded log."""
    columns = _columns(activity)
    parts = _parts(events, case, timestamp, columns)
    if parts is None:
        return None
    nexts = [f"{c}_next" for c in columns]
    [pairs] = by_part(parts, lambda part: [part.select(
        *columns, *[next_(c) for c in columns], same(case).alias("_same")).filter("_same")
        .group_by(*columns, *nexts).agg(pl.len().cast(pl.Int64).alias("count"))])
    return pairs.select(_text(columns).alias("source"), _text(columns, "_next").alias("target"),
                        "count").drop_nulls("target").group_by("source", "target").agg(
        pl.col("count").sum()).sort(["count", "source", "target"],
                                    descending=[True, False, False])


def _path_code(dtype: pl.DataType, activity: str,
               labels: dict[str, str] | None) -> tuple[pl.Expr, dict[Any, str] | None]:
    """Return each event's activity as counted in paths, and how to label it after.

    Paths are counted as lists of codes; labels (one per value) replace the values once
    the paths are counted, on the distinct paths only. Labels shared by several values
    make those values one: each is then coded by its label's position.
    """
    code = pl.col(activity)
    if not isinstance(dtype, pl.Enum):
        text = code.cast(pl.String)
        return (text.replace_strict(labels, default=text) if labels else text), None
    if not labels:
        return code, None
    names = dtype.categories.to_list()
    values = [labels.get(v, v) for v in names]
    if len(set(values)) == len(values):
        return code, dict(zip(names, values, strict=True))
    shown = sorted(set(values))
    return code.to_physical().replace_strict(
        {i: shown.index(v) for i, v in enumerate(values)},
        return_dtype=pl.UInt32), dict(enumerate(shown))


def _paths(parts: list[pl.DataFrame], activity: str, keys: Sequence[str],
           labels: dict[str, str] | None, collapse: bool,
           by: Sequence[str] = ()) -> pl.LazyFrame:
    """Count the distinct lists of activities of the cases ``keys`` make, per ``by``."""
    code, relabel = _path_code(parts[0].schema[activity], activity, labels)
    after = pl.all_horizontal([pl.col(k).eq_missing(pl.col(k).shift(1)) for k in keys]) \
        & (pl.int_range(pl.len()) > 0)  # the row before is an event of the same case

    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        # a case's events are consecutive rows when the case is the first key alone, or
        # when no case id has two values of the other keys
        together = len(keys) == 1 or not part.select(
            (pl.col(keys[0]).eq_missing(pl.col(keys[0]).shift(1)) & ~after).any()).collect().item()
        if collapse and together:  # repeats dropped row by row: no list to rewrite
            part = part.filter(~after | (code != code.shift(1)).fill_null(True))
        # with a case's rows together, the case id alone tells the cases apart
        paths = part.group_by(keys[0]).agg(code.alias("a"), *[pl.col(k).first()
                                                               for k in keys[1:]]) \
            if together else part.group_by(*keys).agg(code.alias("a"))
        if collapse and not together:
            paths = paths.with_columns(pl.col("a").list.eval(pl.element().filter(
                (pl.element() != pl.element().shift(1)).fill_null(True))))
        return [paths.group_by(*by, "a").agg(pl.len().cast(pl.Int64).alias("cases"))]

    # the parts' counts added up while paths are still lists of codes, then turned into text
    found = pl.concat([f for part in parts for f in pl.collect_all(counts(part.lazy()))])
    found = decode(found.group_by(*by, "a").agg(pl.col("cases").sum()))
    if relabel:
        found = found.with_columns(pl.col("a").list.eval(pl.element().replace_strict(
            relabel, default=None, return_dtype=pl.String)))
    return found.lazy()


def variants(events: Any, activity: str | Sequence[str] = "stage_id",
             case: str = "customer_id", timestamp: str = "timestamp", collapse: bool = True,
             limit: int | None = 10, *, labels: dict[str, str] | None = None
             ) -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.variants` on the coded log (one activity column)."""
    if not isinstance(activity, str):
        return None
    parts = _parts(events, case, timestamp, [activity])
    if parts is None:
        return None
    out = _paths(parts, activity, [case], labels, collapse).with_columns(
        (pl.col("cases") / pl.col("cases").sum()).alias("share"),
        pl.col("a").list.len().cast(pl.Int64).alias("steps"),
        pl.col("a").list.join(" → ").alias("variant"),
    ).sort(["cases", "variant"], descending=[True, False]).select("variant", "steps", "cases",
                                                                 "share").collect()
    return out.head(limit) if limit else out


def persona_paths(events: Any, activity: str, group: str, case: str = "customer_id",
                  timestamp: str = "timestamp", *, labels: dict[str, str] | None = None
                  ) -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.persona_paths` on the coded log."""
    parts = _parts(events, case, timestamp, [activity, group])
    if parts is None:
        return None
    return _paths(parts, activity, [case, group], labels, True, by=[group]).with_columns(
        (pl.col("cases") / pl.col("cases").sum().over(group)).alias("share"),
        pl.col("a").list.len().cast(pl.Int64).alias("steps"),
        pl.col("a").list.join(" → ").alias("variant"),
    ).select(group, "variant", "steps", "cases", "share").filter(
        pl.col(group).is_not_null()).collect()


def drop_off(events: Any, by: Sequence[str] = ("stage_id", "channel_id"),
             case: str = "customer_id", timestamp: str = "timestamp",
             outcome: str = "outcome") -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.drop_off` on the coded log."""
    by = list(by)
    parts = _parts(events, case, timestamp, [*by, outcome])
    if parts is None:
        return None

    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        # each case's last row; converted events counted up to it, minus those of the
        # cases before: whether the case has one
        seen = equals(part, outcome, "converted").fill_null(False).cast(pl.UInt32).cum_sum()
        last = part.select(*by, equals(part, outcome, "abandoned").alias("_last"),
                           seen.alias("_seen"), same(case).alias("_same")).filter(
            ~pl.col("_same")).with_columns(
            (pl.col("_seen") > pl.col("_seen").shift(1).fill_null(0)).alias("_conv"))
        ended = last.filter(~pl.col("_conv")).group_by(*by).agg(
            pl.len().cast(pl.Int64).alias("ended"),
            pl.col("_last").sum().cast(pl.Int64).alias("abandoned"))
        return [ended, part.group_by(*by).agg(
            pl.col(case).n_unique().cast(pl.Int64).alias("passing"))]

    ended, passing = (frame.lazy() for frame in by_part(parts, counts))
    ended = ended.group_by(*by).agg(pl.col("ended", "abandoned").sum())
    passing = passing.group_by(*by).agg(pl.col("passing").sum())
    return ended.join(passing, on=by, how="left", nulls_equal=True).with_columns(
        (pl.col("ended") / pl.col("passing")).alias("rate"),
    ).sort(["ended", *by], descending=[True, *[False] * len(by)]).select(
        *by, "ended", "passing", "rate", "abandoned").collect()


def switch_rate(events: Any, stage: str = "stage_id", channel: str = "channel_id",
                case: str = "customer_id", timestamp: str = "timestamp",
                stages: Sequence[str] | None = None) -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.switch_rate` on the coded log."""
    parts = _parts(events, case, timestamp, [stage, channel])
    if parts is None:
        return None
    nxt = f"{channel}_next"
    [found] = by_part(parts, lambda part: [part.select(
        pl.col(stage).alias("stage"), channel, next_(channel), same(case).alias("_same"))
        .filter(pl.col("_same") & pl.col(nxt).is_not_null()).group_by("stage").agg(
        pl.len().cast(pl.Int64).alias("moves"),
        (pl.col(channel) != pl.col(nxt)).sum().cast(pl.Int64).alias("switches"))])
    return switch_totals(found.lazy(), stages)


def switch_totals(counts: pl.LazyFrame, stages: Sequence[str] | None) -> pl.DataFrame:
    """Add up each part's ``moves`` and ``switches`` per stage; rate, in journey order."""
    out = counts.group_by("stage").agg(pl.col("moves", "switches").sum()).with_columns(
        (pl.col("switches") / pl.col("moves")).alias("rate"),
        pl.col("stage").cast(pl.String)).sort("stage").collect()
    if stages:
        rank = {s: i for i, s in enumerate(stages)}
        out = out.sort(pl.col("stage").replace_strict(rank, default=len(rank)))
    return out


def _ranks(part: pl.DataFrame, stage: str, stages: Sequence[str]) -> pl.Expr | None:
    """Each event's stage position in journey order (null for another stage)."""
    dtype = part.schema[stage]
    if not isinstance(dtype, pl.Enum):
        return None
    rank = {s: i for i, s in enumerate(stages)}
    codes = {i: rank[v] for i, v in enumerate(dtype.categories.to_list()) if v in rank}
    return pl.col(stage).to_physical().replace_strict(codes, default=None,
                                                      return_dtype=pl.Int64)


def stage_moves(events: Any, stages: Sequence[str], stage: str = "stage_id",
                case: str = "customer_id", timestamp: str = "timestamp"
                ) -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.stage_moves` on the coded log."""
    parts = _parts(events, case, timestamp, [stage])
    if parts is None or _ranks(parts[0], stage, stages) is None:
        return None
    rank = _ranks(parts[0], stage, stages)
    d = pl.col("_r").shift(-1) - pl.col("_r")
    [found] = by_part(parts, lambda part: [part.select(
        rank.alias("_r"), same(case).alias("_same")).select(
        pl.when(pl.col("_same")).then(d).alias("_d")).drop_nulls("_d").select(
        pl.when(pl.col("_d") == 0).then(pl.lit("same"))
        .when(pl.col("_d") == 1).then(pl.lit("next"))
        .when(pl.col("_d") > 1).then(pl.lit("skip"))
        .otherwise(pl.lit("back")).alias("move")).group_by("move").agg(
        pl.len().cast(pl.Int64).alias("count"))])
    out = found.group_by("move").agg(pl.col("count").sum())
    order = pl.DataFrame({"move": ["same", "next", "skip", "back"]})
    return order.join(out, on="move", how="left").with_columns(
        pl.col("count").fill_null(0)).with_columns(
        (pl.col("count") / pl.col("count").sum()).alias("share"))


def stage_timing(events: Any, stages: Sequence[str], stage: str = "stage_id",
                 case: str = "customer_id", timestamp: str = "timestamp"
                 ) -> pl.DataFrame | None:
    """:func:`cxlib.analysis.journeys.stage_timing` on the coded log."""
    pairs = list(itertools.pairwise(stages))
    parts = _parts(events, case, timestamp, [stage])
    if parts is None or not pairs:
        return None
    wanted = list(dict.fromkeys(stages))

    def delays(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        first = part.group_by(case).agg(
            *[pl.col(timestamp).filter(equals(part, stage, s)).min().alias(f"_t{i}")
              for i, s in enumerate(wanted)])
        out = []
        for a, b in pairs:
            ta, tb = pl.col(f"_t{wanted.index(a)}"), pl.col(f"_t{wanted.index(b)}")
            out.append(first.filter(ta.is_not_null() & tb.is_not_null()).select(
                ((tb - ta).dt.total_seconds() / 3600).alias("h")).filter(pl.col("h") >= 0))
        return out

    found = []
    for (a, b), hours in zip(pairs, by_part(parts, delays), strict=True):
        found.append(hours.lazy().select(
            pl.lit(a).alias("from_stage"), pl.lit(b).alias("to_stage"),
            pl.len().cast(pl.Int64).alias("customers"),
            pl.col("h").median().alias("median_hours"),
            pl.col("h").quantile(0.9, interpolation="linear").alias("p90_hours")))
    return pl.concat(pl.collect_all(found))


def case_counts(events: Any, by: Sequence[str], case: str, name: str,
                where: pl.Expr | tuple[str, str] | None = None, *, also: bool = False,
                timestamp: str = "timestamp", build: bool = False) -> pl.DataFrame | None:
    """Distinct cases per ``by`` group (as column ``name``) on the coded log.

    ``where`` keeps some events only (a ``(column, value)`` pair: those with that value);
    ``also`` adds the events per group (``events``).
    The log is coded for this only with ``build`` (a count alone is cheaper on the file).
    """
    by = list(by)
    parts = _parts(events, case, timestamp, by, build)
    if parts is None:
        return None
    # kept on the scan with its parts: the reports ask some counts more than once
    asked = events.__dict__.setdefault("_cx_counts", {})
    key = (tuple(by), case, timestamp, str(where), also)
    if key in asked:
        return asked[key].rename({_COUNT: name})
    count = [pl.col(case).n_unique().alias(_COUNT),
             *([pl.len().alias("events")] if also else [])]

    def counts(part: pl.LazyFrame) -> list[pl.LazyFrame]:
        test = equals(part, *where) if isinstance(where, tuple) else where
        kept = part if test is None else part.filter(test)
        return [kept.group_by(*by).agg(*count) if by else kept.select(*count)]

    [found] = by_part(parts, counts)
    total = pl.col(_COUNT, *(["events"] if also else [])).sum()
    asked[key] = found.group_by(*by).agg(total) if by else found.select(total)
    return asked[key].rename({_COUNT: name})


def customer_rows(events: Any, aggregates: Sequence[pl.Expr], columns: Sequence[pl.Expr] = (),
                  case: str = "customer_id", timestamp: str = "timestamp"
                  ) -> pl.DataFrame | None:
    """Return one row per case of the coded log: ``aggregates`` per case.

    ``columns`` are added to each part first (each event's values the aggregates read).
    """
    parts = _parts(events, case, timestamp, [])
    if parts is None:
        return None
    [rows] = by_part(parts, lambda part: [part.with_columns(*columns).group_by(case).agg(
        *aggregates)])
    ids = pl.concat([i.with_columns(pl.col(case).cast(rows.schema[case]))
                     for i in case_ids(events, case, timestamp)])
    return rows.join(ids, on=case, how="left").select(
        pl.col(ID).alias(case), pl.all().exclude(case, ID))
