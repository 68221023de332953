"""Transitions, variants and drop-off of an event log larger than memory, in bounded memory.

Usage::

    .venv/bin/python benchmarks/bench_large_log.py [--events 100000000] [--partitions 0]
        [--check 10000000] [--keep DIR]

Writes a synthetic log of ``--events`` events (about 8 per customer, 5 stages, 8 channels,
distinct timestamps) to Parquet in chunks of ten million rows, so that writing it never
holds the whole log, then computes :func:`cxlib.analysis.journeys.summary` on a lazy scan
of the files, the cases split into ``--partitions`` groups read one after the other (0:
one group per eight million events). It runs in a fresh process whose peak resident
memory (``VmHWM``) and wall time are printed.

``--check N`` first runs the same comparison on the first N events only, in parts and in
one pass, and asserts identical results (the one-pass summary of the whole log would not
fit in memory: that is the point).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import platform
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import polars as pl

STAGES = ["discover", "compare", "buy", "receive", "help"]
CHANNELS = ["web", "app", "store", "phone", "email", "social", "chat", "mail"]
CHUNK = 10_000_000
EVENTS_PER_PART = 8_000_000


def write_log(n_events: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``n_events`` synthetic events as Parquet files of at most :data:`CHUNK` rows."""
    rng = np.random.default_rng(seed)
    customers = max(n_events // 8, 1)
    start = np.datetime64("2026-01-01T00:00:00")
    files = []
    for first in range(0, n_events, CHUNK):
        n = min(CHUNK, n_events - first)
        # distinct timestamps across chunks: each chunk owns its own range of seconds
        stamps = start + ((first + rng.permutation(n)) * 3).astype("timedelta64[s]")
        draw = rng.random(n)
        outcome = pl.Series(np.where(draw < 0.05, 1, np.where(draw < 0.10, 2, 0))) \
            .replace_strict({0: None, 1: "converted", 2: "abandoned"}, return_dtype=pl.String)
        path = folder / f"events-{first // CHUNK:03d}.parquet"
        pl.DataFrame({
            "customer_id": pl.Series(rng.integers(0, customers, n)).cast(pl.String)
            .str.pad_start(9, "0"),
            "timestamp": stamps.astype("datetime64[ms]"),
            "stage_id": pl.Series(np.array(STAGES)[rng.integers(0, len(STAGES), n)]),
            "channel_id": pl.Series(np.array(CHANNELS)[rng.integers(0, len(CHANNELS), n)]),
            "outcome": outcome,
        }).write_parquet(path)
        files.append(path)
    return files


def _peak_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no /proc/self/status: peak memory needs Linux")


def _child(pattern: str, partitions: int, head: int | None) -> tuple[dict, float, float, int]:
    """Summarise the log in this fresh process; return results, seconds, peak MB, events."""
    from cxlib.analysis import journeys

    log = pl.scan_parquet(pattern)
    if head:
        log = log.head(head)
    started = time.perf_counter()
    views = journeys.summary(log, by=("stage_id",), collapse=False, limit=None,
                             partitions=partitions)
    elapsed = time.perf_counter() - started
    out = {"dfg": {(r[0], r[1]): r[2] for r in views.transitions.iter_rows()},
           "variants": views.variants.height,
           "top": views.variants.head(5).rows(),
           "drop": {r[0]: (r[1], r[2]) for r in views.drop_off.iter_rows()}}
    events = sum(out["dfg"].values()) + views.variants["cases"].sum()  # pairs + cases
    return out, elapsed, _peak_mb(), events


def _fresh(*args: object) -> tuple[dict, float, float, int]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_child, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000_000)
    parser.add_argument("--partitions", type=int, default=0,
                        help="groups of cases read one after the other (0: automatic)")
    parser.add_argument("--check", type=int, default=10_000_000,
                        help="compare parts and one pass on this many events first (0: skip)")
    parser.add_argument("--keep", type=Path, help="write the log here and keep it")
    args = parser.parse_args()
    parts = args.partitions or max(1, math.ceil(args.events / EVENTS_PER_PART))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cx-large-log-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"polars {pl.__version__}, load {os.getloadavg()[0]:.1f}")
    try:
        started = time.perf_counter()
        existing = sorted(folder.glob("events-*.parquet"))
        if args.keep and existing and pl.scan_parquet(existing).select(pl.len()).collect()\
                .item() == args.events:
            print(f"reusing {len(existing)} files in {folder}")
        else:
            write_log(args.events, folder)
        size = sum(p.stat().st_size for p in folder.glob("events-*.parquet"))
        print(f"log: {args.events:,} events, {size / 2**20:,.0f} MB of Parquet, "
              f"written in {time.perf_counter() - started:.1f} s")
        pattern = str(folder / "events-*.parquet")
        if args.check:
            check = min(args.check, args.events)
            whole = _fresh(pattern, 1, check)
            split = _fresh(pattern, max(2, math.ceil(check / EVENTS_PER_PART)), check)
            assert whole[0] == split[0], "parts and one pass disagree"
            print(f"check on {check:,} events: identical; one pass {whole[1]:.1f} s, "
                  f"{whole[2]:,.0f} MB peak; in {max(2, math.ceil(check / EVENTS_PER_PART))} "
                  f"parts {split[1]:.1f} s, {split[2]:,.0f} MB peak")
        out, seconds, peak, _ = _fresh(pattern, parts, None)
        print(f"{args.events:,} events in {parts} parts: {seconds:.1f} s, peak {peak:,.0f} MB "
              f"({peak / 1024:.2f} GiB); {len(out['dfg'])} transitions, "
              f"{out['variants']:,} variants, drop-off at {len(out['drop'])} stages")
        print("most frequent variants:", out["top"][:3])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
