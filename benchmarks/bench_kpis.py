"""Time the full survey KPI set on a million responses and report its peak memory.

Usage::

    .venv/bin/python benchmarks/bench_kpis.py [--responses 1000000]

A synthetic survey (two waves, six stages, ten channels, five personas, NPS 0–10, CSAT
1–5, CES 1–7 and a satisfaction score per stage) is written to Parquet; then, scanning it
lazily, the KPI review computes what the KPI report shows: NPS, CSAT and CES per wave
with intervals, the same per stage, channel and persona for the current wave, the
wave-over-wave tests per channel and persona, and the key-driver weights. Time and peak
resident memory above the process's baseline are printed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import polars as pl

from cxlib.analysis import kpis
from cxlib.analysis.drivers import relative_weights
from cxlib.inputs.config import MinBase

STAGES = [f"s{i}" for i in range(6)]


def make_survey(n: int, path: Path, seed: int = 3) -> Path:
    """Write ``n`` synthetic responses to Parquet; NPS depends on the stage scores."""
    rng = np.random.default_rng(seed)
    sat = {f"sat_{s}": rng.integers(1, 6, n) for s in STAGES}
    drive = sum(w * sat[f"sat_{s}"] for w, s in zip([0.2, 0.3, 1.2, 0.4, 0.2, 0.3], STAGES,
                                                     strict=True))
    nps = np.clip(np.round(drive / 2.6 - 1 + rng.normal(0, 1.5, n)), 0, 10).astype(int)
    pl.DataFrame({
        "wave": np.where(rng.random(n) < 0.5, "W1", "W2"),
        "stage_id": np.array(STAGES)[rng.integers(0, 6, n)],
        "channel_id": np.array([f"c{i}" for i in range(10)])[rng.integers(0, 10, n)],
        "persona_id": np.array([f"P{i}" for i in range(5)])[rng.integers(0, 5, n)],
        "nps": nps, "csat": rng.integers(1, 6, n), "ces": rng.integers(1, 8, n), **sat,
    }).write_parquet(path)
    return path


def kpi_set(path: Path) -> int:
    """Compute the KPI report's figures from the Parquet file; return the rows produced."""
    survey = pl.scan_parquet(path)
    current = survey.filter(pl.col("wave") == "W2")
    base = MinBase()
    rows = 0
    for fn in (kpis.nps, kpis.csat, kpis.ces):
        rows += fn(survey, ["wave"], min_base=base).height
        for dim in ("stage_id", "channel_id", "persona_id"):
            rows += fn(current, [dim], min_base=base).height
    for dim in ("channel_id", "persona_id"):
        table = kpis.nps(survey, ["wave", dim], min_base=base)
        rows += kpis.wave_change(table, "nps", "wave", "W1", "W2", by=[dim]).height
    rows += relative_weights(current, "nps", [f"sat_{s}" for s in STAGES]).height
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.parquet"
        # generated in another process, so that its memory is not counted as the KPIs'
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            pool.submit(make_survey, args.responses, path).result()
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        rows = kpi_set(path)
        elapsed = time.perf_counter() - started
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
        size = path.stat().st_size / 1e6
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"{args.responses:,} responses ({size:.0f} MB Parquet): KPI set of {rows} rows "
          f"in {elapsed:.2f} s, peak memory above baseline {peak:.0f} MB")


if __name__ == "__main__":
    main()
