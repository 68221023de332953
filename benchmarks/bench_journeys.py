"""Time transitions, variants and drop-off on large event logs against pandas and pm4py.

Usage::

    .venv/bin/python benchmarks/bench_journeys.py [--events 1000000 10000000] [--no-pm4py]

For each size, a synthetic log (customers, timestamps, stages, channels, outcomes) is
written to Parquet, then:

- cxlib: :func:`cxlib.analysis.journeys.summary` scanning the Parquet file lazily (the three
  results from one ordered pass), and, for comparison, the three functions
  :func:`~cxlib.analysis.journeys.transitions`, :func:`~cxlib.analysis.journeys.variants` and
  :func:`~cxlib.analysis.journeys.drop_off` called one after the other;
- pandas: a straightforward implementation of the same three numbers (read the Parquet
  file, sort, shift within groups, groupby);
- pm4py (optional, if installed): its DFG discovery and variants on the same log.

Each implementation, and the writing of the log, runs in a fresh process: its peak
resident memory (``VmHWM``, the peak of the process's own memory, which unlike
``ru_maxrss`` does not inherit the parent's peak at fork) above its baseline after imports
is comparable. Every implementation reads the Parquet file and computes its results;
pm4py computes no drop-off (it has no such function), so it does a little less work.
Counts are asserted identical; times (wall clock) and peak memory are printed with the
ratios. pm4py is AGPL: it is used here as a reference only, never by the workbench.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import numpy as np
import polars as pl

from cxlib.analysis import journeys

STAGES = ["discover", "compare", "buy", "receive", "help"]
T = TypeVar("T")
CHANNELS = ["web", "app", "store", "phone", "email", "social", "chat", "mail"]


def make_log(n_events: int, path: Path, seed: int = 7) -> Path:
    """Write a synthetic log of ``n_events`` events (about 8 per customer) to Parquet."""
    rng = np.random.default_rng(seed)
    customers = rng.integers(0, max(n_events // 8, 1), n_events)
    start = np.datetime64("2026-01-01T00:00:00")
    # distinct timestamps: tools that sort without a stable tie-break then agree
    stamps = start + (rng.permutation(n_events) * 3).astype("timedelta64[s]")
    stage = rng.integers(0, len(STAGES), n_events)
    draw = rng.random(n_events)
    outcome = pl.Series(np.where(draw < 0.05, 1, np.where(draw < 0.10, 2, 0))).replace_strict(
        {0: None, 1: "converted", 2: "abandoned"}, return_dtype=pl.String)
    pl.DataFrame({
        "customer_id": pl.Series(customers).cast(pl.String).str.pad_start(8, "0"),
        "timestamp": stamps.astype("datetime64[ms]"), "stage_id": np.array(STAGES)[stage],
        "channel_id": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), n_events)],
        "outcome": outcome,
    }).write_parquet(path)
    return path


def _peak_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``; ``ru_maxrss`` elsewhere)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(name: str, path: str) -> tuple[dict, float, float]:
    """Run one implementation in this (fresh) process; return result, seconds, peak MB."""
    fn = {"cxlib": with_cxlib, "cxlib-3": with_cxlib_three, "pandas": with_pandas,
          "pm4py": with_pm4py}[name]
    if name == "pm4py":
        import pm4py  # noqa: F401  (imported before the baseline: not part of the peak)
    import pandas  # noqa: F401
    base = _peak_mb()
    started = time.perf_counter()
    out = fn(Path(path))
    elapsed = time.perf_counter() - started
    return out, elapsed, _peak_mb() - base


def _fresh(fn: Callable[..., T], *args: object) -> T:
    """Run ``fn`` in a fresh process."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def measure(name: str, path: Path) -> tuple[dict, float, float]:
    """Run an implementation in a fresh process, so that peak memories are comparable."""
    return _fresh(_child, name, str(path))


def with_cxlib(path: Path) -> dict:
    """The three numbers with cxlib, scanning the Parquet file once, in one ordered pass."""
    views = journeys.summary(pl.scan_parquet(path), by=("stage_id",), collapse=False,
                             limit=None)
    return _as_dicts(views.transitions, views.variants, views.drop_off)


def with_cxlib_three(path: Path) -> dict:
    """The three numbers with the three cxlib functions, one after the other."""
    log = pl.scan_parquet(path)
    dfg = journeys.transitions(log)
    var = journeys.variants(log, "stage_id", collapse=False, limit=None)
    drop = journeys.drop_off(log, by=("stage_id",))
    return _as_dicts(dfg, var, drop)


def _as_dicts(dfg: pl.DataFrame, var: pl.DataFrame, drop: pl.DataFrame) -> dict:
    return {"dfg": {(r[0], r[1]): r[2] for r in dfg.iter_rows()},
            "variants": dict(zip(var["variant"], var["cases"], strict=True)),
            "drop": dict(zip(drop["stage_id"], drop["ended"], strict=True))}


def with_pandas(path: Path) -> dict:
    """The same three numbers, written the straightforward pandas way."""
    import pandas as pd

    raw = pl.read_parquet(path)
    df = pd.DataFrame({c: raw[c].to_numpy() for c in raw.columns})
    del raw
    df = df.reset_index().sort_values(["customer_id", "timestamp", "index"], kind="stable")
    df["next"] = df.groupby("customer_id")["channel_id"].shift(-1)
    dfg = df.dropna(subset=["next"]).groupby(["channel_id", "next"]).size()
    paths = df.groupby("customer_id", sort=False)["stage_id"].agg(" → ".join)
    variants = paths.value_counts()
    converted = df.groupby("customer_id")["outcome"].apply(lambda s: (s == "converted").any())
    last = df.groupby("customer_id").tail(1).set_index("customer_id")
    drop = last[~converted.reindex(last.index)].groupby("stage_id").size()
    return {"dfg": {k: int(v) for k, v in dfg.items()},
            "variants": {k: int(v) for k, v in variants.items()},
            "drop": {k: int(v) for k, v in drop.items()}}


def with_pm4py(path: Path) -> dict:
    """pm4py's DFG discovery and variants on the same log."""
    import pandas as pd
    import pm4py

    raw = pl.read_parquet(path)
    df = pd.DataFrame({"case:concept:name": raw["customer_id"].to_numpy(),
                       "concept:name": raw["channel_id"].to_numpy(),
                       "time:timestamp": raw["timestamp"].to_numpy(),
                       "stage": raw["stage_id"].to_numpy()})
    del raw
    df = pm4py.format_dataframe(df)  # sorts by case and timestamp, as pm4py expects
    dfg, _, _ = pm4py.discover_dfg(df)
    staged = df.assign(**{"concept:name": df["stage"]})
    variants = pm4py.get_variants(staged)
    return {"dfg": {k: int(v) for k, v in dfg.items()},
            "variants": {" → ".join(k): int(v) for k, v in variants.items()}}


def _load() -> str:
    """The machine's load averages, to read the times by."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--no-pm4py", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.events:
            path = _fresh(make_log, n, Path(tmp) / f"log-{n}.parquet")
            size = path.stat().st_size / 1e6
            ours, t_ours, m_ours = measure("cxlib", path)
            three, t_three, m_three = measure("cxlib-3", path)
            ref, t_pd, m_pd = measure("pandas", path)
            assert ours == ref == three, "cxlib and pandas disagree"
            print(f"\n{n:,} events ({size:.0f} MB Parquet); {_load()}")
            print(f"  cxlib : {t_ours:7.2f} s  peak {m_ours:7.0f} MB   (journeys.summary)")
            print(f"  cxlib3: {t_three:7.2f} s  peak {m_three:7.0f} MB   (the three functions)")
            print(f"  pandas: {t_pd:7.2f} s  peak {m_pd:7.0f} MB   "
                  f"cxlib is {t_pd / t_ours:.1f}x faster, identical counts")
            if not args.no_pm4py:
                try:
                    pm, t_pm, m_pm = measure("pm4py", path)
                except ImportError:
                    print("  pm4py : not installed (pip install pm4py to compare)")
                    continue
                assert pm["dfg"] == ours["dfg"], "cxlib and pm4py DFGs disagree"
                assert pm["variants"] == ours["variants"], "cxlib and pm4py variants disagree"
                print(f"  pm4py : {t_pm:7.2f} s  peak {m_pm:7.0f} MB   "
                      f"cxlib is {t_pm / t_ours:.1f}x faster, identical DFG and variants")


if __name__ == "__main__":
    main()
