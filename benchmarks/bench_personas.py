"""Segment a million synthetic customers: time and peak memory of each step.

Run::

    .venv/bin/python benchmarks/bench_personas.py [--customers 1000000] [--seed 1]

A synthetic event log is drawn with numpy (1 + Poisson(3.5) events per customer over six
stages and ten channels of three kinds, a persona per customer, an order value on about a
third of the customers), then :func:`cxlib.analysis.personas.customer_features` aggregates it with
polars and :func:`cxlib.analysis.personas.segment` chooses k by silhouette on a sample, fits on a
sample and assigns every customer chunk by chunk. Printed per step: wall time, the process's
peak resident memory so far (``ru_maxrss``) and, for the segmentation, the peak of the
memory numpy and Python allocate during it (``tracemalloc``; polars' own buffers are not
traced, they show in the resident peak).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from datetime import datetime

import numpy as np
import polars as pl

from cxlib.analysis import personas
from cxlib.inputs.config import ClientConfig

KINDS = ("digital",) * 4 + ("physical",) * 3 + ("human",) * 3
CONFIG = ClientConfig(
    slug="bench", client="Bench", language="en", wave="W1",
    waves=[{"id": "W1", "label": "Wave 1", "date": "2026-10-31"}],
    stages=[{"id": f"s{i}", "label": f"Stage {i}", "macro": m}
            for i, m in enumerate(("before", "before", "during", "after", "after", "after"))],
    channels=[{"id": f"c{i}", "label": f"Channel {i}", "kind": k} for i, k in enumerate(KINDS)],
)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def event_log(customers: int, seed: int) -> pl.DataFrame:
    """Draw a synthetic event log; personas differ in channel mix and journey length."""
    rng = np.random.default_rng(seed)
    persona = rng.integers(0, 5, customers)
    length = 1 + rng.poisson(2.0 + 0.6 * persona)
    owner = np.repeat(np.arange(customers), length)
    n = owner.size
    position = np.arange(n) - np.repeat(np.cumsum(length) - length, length)
    stage = np.minimum(position + rng.integers(0, 2, n), 5)
    digital = np.array([0.9, 0.75, 0.6, 0.3, 0.5])[persona[owner]]
    draw = rng.random(n)
    channel = np.where(draw < digital, rng.integers(0, 4, n),
                       np.where(draw < digital + (1 - digital) / 2, rng.integers(4, 7, n),
                                rng.integers(7, 10, n)))
    start = rng.uniform(0, 365 * 86400, customers)[owner]
    seconds = start + position * rng.exponential(2 * 86400, n)
    buys = (stage == 2) & (rng.random(n) < 0.8)
    origin = int((datetime(2025, 11, 1) - datetime(1970, 1, 1)).total_seconds())
    return pl.DataFrame({
        "customer_id": pl.Series(owner).cast(pl.String).str.zfill(7),
        "timestamp": pl.Series((seconds.astype(np.int64) + origin) * 1_000_000)
        .cast(pl.Datetime("us")),
        "stage_id": pl.Series([s.id for s in CONFIG.stages]).gather(stage),
        "channel_id": pl.Series([c.id for c in CONFIG.channels]).gather(channel),
        "persona_id": pl.Series([f"P{i + 1}" for i in range(5)]).gather(persona[owner]),
        "value": pl.Series(np.where(buys, rng.lognormal(4, 0.7, n), np.nan),
                           nan_to_null=True),
    })


def main() -> None:
    """Run the three steps and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"baseline: peak RSS {peak_rss_mb():,.0f} MB")

    t0 = time.perf_counter()
    events = event_log(args.customers, args.seed)
    print(f"event log: {events.height:,} events of {args.customers:,} customers, "
          f"{events.estimated_size('mb'):,.0f} MB, {time.perf_counter() - t0:.1f} s, "
          f"peak RSS {peak_rss_mb():,.0f} MB")

    t0 = time.perf_counter()
    features = personas.customer_features(events.lazy(), CONFIG)
    del events
    print(f"features: {features.height:,} customers x {len(personas.FEATURES)}, "
          f"{features.estimated_size('mb'):,.0f} MB, {time.perf_counter() - t0:.1f} s, "
          f"peak RSS {peak_rss_mb():,.0f} MB")

    tracemalloc.start()
    t0 = time.perf_counter()
    seg = personas.segment(features)
    elapsed = time.perf_counter() - t0
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sizes = seg.labels["segment"].value_counts().sort("segment")["count"].to_list()
    print(f"segmentation: k = {seg.k} (silhouette {seg.score:.3f} on {seg.scored:,}; fitted "
          f"on {seg.fitted:,}), sizes {sizes}, {elapsed:.1f} s, traced peak "
          f"{traced / 2**20:,.0f} MB, peak RSS {peak_rss_mb():,.0f} MB")
    print("silhouette by k: " + ", ".join(f"{k}: {s:.3f}" for k, s in seg.curve.select(
        "k", "silhouette").iter_rows()))


if __name__ == "__main__":
    main()
