"""A large event log coded and put in order once per run, for every journey view.

A log left on disk (an :class:`~cxlib.inputs.scans.EventScan`) of up to
:data:`CODED_ROWS` events is read once, in the parts :mod:`cxlib.analysis._ordered`
splits it into (cases grouped by a hash of their id, ``PART_ROWS`` events each), and
each part is kept in memory, coded: each case id replaced by a 4-byte number (the ids
themselves kept once per case, :func:`case_ids`), every other text column as an ``Enum``
of its sorted distinct values (one byte when there are few), the rows sorted by case,
then timestamp, ties kept in input order — about 15 bytes an event, 190 MB for ten
million. A case's events are then consecutive and in time order, as
:func:`~cxlib.analysis._ordered._traces` orders them: the next event of a case is the
next row, a case's first and last events are where the number changes, and every journey
view is a few vectorised expressions on small codes instead of its own pass over the file
with strings sorted and grouped. In a run, the coded parts are also written to the run's
figure store, so the kernels read them back instead of coding the log again.

Results are turned back into text (:func:`decode`) before they are added up, sorted or
joined, so they equal what the views compute on the text columns.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from cxlib.analysis import _ordered
from cxlib.analysis._ordered import _SEED
from cxlib.analysis.figures import FIGURES_ENV
from cxlib.inputs.scans import streamed
from cxlib.inputs.validation import ROW

__all__ = ["CODED_ROWS", "ID", "by_part", "case_ids", "decode", "equals", "next_",
           "ordered_parts", "same"]

#: Largest log kept coded in memory (beyond, each view reads the file in parts).
CODED_ROWS = 25_000_000
#: Events read from the file at once while coding (as many parts as fit, read together).
_READ_ROWS = 5_000_000
#: Most distinct values of a text column coded as an ``Enum`` (beyond: ``Categorical``).
_ENUM_MAX = 65_535
#: Where a scan keeps its coded parts (on the scan itself: they go when it goes).
_KEPT = "_coded"
_HASH = "__hash__"
#: Column of each case's id beside its number (:func:`case_ids`).
ID = "__id__"


def _codes(scan: pl.LazyFrame, text: list[str]) -> dict[str, pl.DataType]:
    """Return the type each text column is coded as (its sorted distinct values)."""
    out: dict[str, pl.DataType] = {}
    found = pl.collect_all([scan.select(pl.col(name).unique()) for name in text],
                           engine="streaming")  # the file read once for every column
    for name, frame in zip(text, found, strict=True):
        values = frame[name].drop_nulls()
        out[name] = (pl.Enum(sorted(values.to_list())) if values.len() <= _ENUM_MAX
                     else pl.Categorical())
    return out


def _hashed(frame: pl.DataFrame, case: str, timestamp: str,
            first: int) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """Sort a part by case and time, each text case id replaced by a 4-byte number.

    Two stable sorts on integers (timestamp, then a 64-bit hash of the id) order each
    case's events in time, ties in input order; the cases are then numbered in that order
    from ``first``. A hash shared by two ids is seen next to the other's rows and another
    seed is tried (None after a few: the caller codes the ids another way). Returns the
    part and each case's id by number (``case``, ``__id__``).
    """
    for seed in range(_SEED, _SEED + 4):
        ordered = frame.with_columns(pl.col(case).hash(seed=seed).alias(_HASH)).sort(
            timestamp, maintain_order=True).sort(_HASH, maintain_order=True)
        new = (pl.col(_HASH) != pl.col(_HASH).shift(1)).fill_null(True)
        if ordered.select((~new & ~pl.col(case).eq_missing(pl.col(case).shift(1))).any()).item():
            continue
        ordered = ordered.with_columns(
            (new.cast(pl.UInt32).cum_sum() + (first - 1)).cast(pl.UInt32).alias(_HASH))
        ids = ordered.filter(pl.col(_HASH) != pl.col(_HASH).shift(1).fill_null(first - 1)
                             ).select(pl.col(_HASH).alias(case), pl.col(case).alias(ID))
        return ordered.drop(case).rename({_HASH: case}).select(frame.columns), ids
    return None


def _sort(frame: pl.DataFrame, case: str, timestamp: str) -> pl.DataFrame:
    """Sort a part by case code, timestamp and input position (a stable sort).

    Both fit one 64-bit key when the case codes and the span of the timestamps leave
    enough bits (a log of a few years in milliseconds does): one sort on integers,
    several times faster than a sort on two columns.
    """
    code = pl.col(case).to_physical()
    time = pl.col(timestamp).to_physical()
    if not frame.schema[timestamp].is_temporal() or frame.is_empty() \
            or not isinstance(frame.schema[case], pl.Categorical):
        return frame.sort(code, time, maintain_order=True)
    top, low, high, nulls = frame.select(
        code.max().alias("top"), time.min().alias("low"), time.max().alias("high"),
        (code.null_count() + time.null_count()).alias("nulls")).row(0)
    shift = max(int(high - low).bit_length(), 1) if nulls == 0 else 64
    if nulls or int(top).bit_length() + shift > 63:
        return frame.sort(code, time, maintain_order=True)
    key = code.cast(pl.UInt64) * (2**shift) + (time - low).cast(pl.UInt64)
    return frame.sort(key, maintain_order=True)


def _read(queries: list[pl.LazyFrame], together: int) -> Any:
    """Yield each part's rows; ``together`` parts are read at once (the file read once)."""
    for start in range(0, len(queries), together):
        frames = pl.collect_all(queries[start:start + together], engine="streaming")
        while frames:
            yield frames.pop(0)


def ordered_parts(events: Any, case: str = "customer_id", timestamp: str = "timestamp",
                  *, build: bool = True) -> list[pl.DataFrame] | None:
    """Return a log left on disk coded and ordered, in parts (None for any other log).

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        The event log; only an :class:`~cxlib.inputs.scans.EventScan` of at most
        :data:`CODED_ROWS` events is coded; the parts are kept on the scan object (they go
        when it goes) and in the run's figure store: the first call of the run reads the
        file, the others read the store.
    case, timestamp : str
        Case and timestamp columns.
    build : bool
        Whether to code the log if neither the scan nor the store holds it (False: None).

    Returns
    -------
    list of polars.DataFrame or None
        One frame per group of cases, rows sorted by case, timestamp and input position;
        ``case`` a 4-byte number (ids that are not text kept as they are; a
        ``Categorical`` when two ids share a hash), other text columns as ``Enum``.
    """
    if not streamed(events):
        return None
    schema = events.collect_schema()
    if case not in schema or timestamp not in schema or events.height > CODED_ROWS:
        return None
    kept = events.__dict__.setdefault(_KEPT, {})
    if (case, timestamp) not in kept:
        stored = _stored(events, case, timestamp)
        if stored is not None:
            kept[(case, timestamp)], kept[("ids", case, timestamp)] = stored
    if (case, timestamp) in kept or not build:
        return kept.get((case, timestamp))
    names = [n for n in schema if n != ROW]  # the input position is the rows' order
    codes = _codes(events, [n for n in names if n != case and schema[n] == pl.String])
    columns = [pl.col(n).cast(codes[n]) if n in codes else pl.col(n) for n in names]
    k = max(1, math.ceil(events.height / _ordered.PART_ROWS))
    queries = [(events if k == 1 else events.filter(pl.col(case).hash(seed=_SEED) % k == i))
               .select(*columns) for i in range(k)]
    together = max(1, _READ_ROWS // _ordered.PART_ROWS)
    parts, ids = [], []
    for frame in _read(queries, together):
        hashed = _hashed(frame, case, timestamp, sum(i.height for i in ids)) \
            if schema[case] == pl.String else None
        if hashed is None:  # ids not text, or hashes shared: ids coded as a Categorical
            if schema[case] == pl.String:
                frame = frame.with_columns(pl.col(case).cast(pl.Categorical))
            parts.append(_sort(frame, case, timestamp))
            ids.append(frame.select(case).unique().with_columns(
                (pl.col(case).cast(pl.String) if schema[case] == pl.String
                 else pl.col(case)).alias(ID)))
        else:
            parts.append(hashed[0])
            ids.append(hashed[1])
    kept[(case, timestamp)] = parts
    kept[("ids", case, timestamp)] = ids
    _store(events, case, timestamp, parts, ids)
    return parts


def _stored_at(events: Any, case: str, timestamp: str) -> Path | None:
    """Where a run keeps a scan's coded parts, for every process of the run (or None).

    In the run's figure store (:data:`~cxlib.analysis.figures.FIGURES_ENV`: a private
    folder, never published, removed with the run's inputs), named by the scan's
    fingerprint (its query, its files' sizes and dates): the runner's front page codes the
    log once and the notebooks' kernels read it back instead of coding it again.
    """
    location = os.environ.get(FIGURES_ENV)
    if not location or events.__dict__.get("_files") is None:
        return None
    digest = hashlib.blake2b(digest_size=12)
    for part in (str(int(events.hash_rows(seed=_SEED).item())), case, timestamp,
                 str(_ordered.PART_ROWS), "1"):
        digest.update(part.encode("utf-8") + b"|")
    return Path(location) / f"coded-{digest.hexdigest()}"


def _store(events: Any, case: str, timestamp: str, parts: list[pl.DataFrame],
           ids: list[pl.DataFrame]) -> None:
    folder = _stored_at(events, case, timestamp)
    if folder is None or folder.is_dir():
        return
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.part")
    try:
        partial.mkdir(parents=True)
        for i, (part, known) in enumerate(zip(parts, ids, strict=True)):
            part.write_ipc(partial / f"{i}.arrow", compression="uncompressed")
            known.write_ipc(partial / f"{i}.ids.arrow", compression="uncompressed")
        os.replace(partial, folder)  # whole or not at all
    except OSError:  # a store that cannot be written: each process codes its own
        shutil.rmtree(partial, ignore_errors=True)


def _stored(events: Any, case: str,
            timestamp: str) -> tuple[list[pl.DataFrame], list[pl.DataFrame]] | None:
    folder = _stored_at(events, case, timestamp)
    if folder is None or not folder.is_dir():
        return None
    try:
        count = len(list(folder.glob("*.ids.arrow")))
        return ([pl.read_ipc(folder / f"{i}.arrow") for i in range(count)],
                [pl.read_ipc(folder / f"{i}.ids.arrow")
                 for i in range(count)])
    except (OSError, ValueError, pl.exceptions.PolarsError):  # unreadable: code it again
        return None


def case_ids(events: Any, case: str = "customer_id",
             timestamp: str = "timestamp") -> list[pl.DataFrame]:
    """Return, per coded part, each case's code (``case``) and id as text (:data:`ID`)."""
    return events.__dict__[_KEPT][("ids", case, timestamp)]


def decode(frame: pl.DataFrame) -> pl.DataFrame:
    """Turn coded columns (``Enum``, ``Categorical``, lists of them) back into text."""
    def text(dtype: pl.DataType) -> pl.DataType | None:
        if isinstance(dtype, (pl.Enum, pl.Categorical)):
            return pl.String()
        if isinstance(dtype, pl.List):
            inner = text(dtype.inner)
            return None if inner is None else pl.List(inner)
        return None

    casts = {n: t for n, t in ((n, text(d)) for n, d in frame.schema.items()) if t is not None}
    return frame.cast(casts) if casts else frame  # type: ignore[arg-type]


def equals(part: pl.DataFrame | pl.LazyFrame, column: str, value: str) -> pl.Expr:
    """``column == value`` on a coded column, false (not an error) for an absent value."""
    dtype = part.collect_schema()[column]
    if isinstance(dtype, pl.Enum):
        categories = dtype.categories.to_list()
        if value not in categories:
            return pl.when(pl.col(column).is_null()).then(None).otherwise(False)
        return pl.col(column).to_physical() == categories.index(value)
    return pl.col(column).cast(pl.String) == value


def same(case: str) -> pl.Expr:
    """Whether the next row is an event of the same case (false on the last row)."""
    following = pl.col(case).shift(-1)
    return pl.col(case).eq_missing(following) & (pl.int_range(pl.len()) < pl.len() - 1)


def next_(column: str, suffix: str = "_next") -> pl.Expr:
    """Return the next row's value of ``column`` (meaningful where :func:`same` holds)."""
    return pl.col(column).shift(-1).alias(f"{column}{suffix}")


def by_part(parts: Sequence[pl.DataFrame],
            counts: Callable[[pl.LazyFrame], list[pl.LazyFrame]]) -> list[pl.DataFrame]:
    """Run ``counts`` on each coded part; decode and concatenate each of its results."""
    found = [pl.collect_all(counts(part.lazy())) for part in parts]
    return [pl.concat([decode(f) for f in frames], how="vertical_relaxed")
            for frames in zip(*found, strict=True)]
