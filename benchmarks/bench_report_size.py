"""Show that a report's size does not grow with the size of the client's event log.

Usage::

    .venv/bin/python benchmarks/bench_report_size.py [--events 10000 1000000 10000000]
        [--notebooks 02_touchpoints 04_kpis]

For each size, the generated ``demo-fr`` client gets a synthetic event log of that many
events (Parquet; the client's own stages, channels, touchpoints and personas), the
notebooks that read events are rendered, and the size of each HTML report is printed.
Charts receive aggregated frames only, so the sizes should not depend on the log. Goal:
every report under 5 MB whatever the input. It also prints the peak resident memory of
the runner's process and of the largest notebook kernel (goal: under 4 GiB at 10M).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl


def synthetic_events(slug: str, n: int, seed: int = 11) -> pl.DataFrame:
    """Return ``n`` events over the client's own ids (about 6 events per customer)."""
    from cxlib.loaders import load_inputs

    inputs = load_inputs(slug, ["touchpoints", "personas"])
    rng = np.random.default_rng(seed)
    tps = inputs["touchpoints"]
    pick = rng.integers(0, tps.height, n)
    customers = rng.integers(0, max(n // 6, 1), n)
    personas = inputs["personas"]["persona_id"].to_numpy()
    start = np.datetime64("2025-11-01T00:00:00")
    outcome = np.where(rng.random(n) < 0.04, "converted",
                       np.where(rng.random(n) < 0.05, "abandoned", "none"))
    return pl.DataFrame({
        "customer_id": pl.Series(customers).cast(pl.String).str.pad_start(9, "C"),
        "timestamp": (start + rng.integers(0, 360 * 86400, n).astype("timedelta64[s]"))
        .astype("datetime64[ms]"),
        "stage_id": tps["stage_id"].to_numpy()[pick],
        "channel_id": tps["channel_id"].to_numpy()[pick],
        "touchpoint_id": tps["touchpoint_id"].to_numpy()[pick],
        "outcome": outcome,
        "persona_id": personas[customers % len(personas)],
    }).with_columns(pl.col("outcome").replace("none", None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--notebooks", nargs="+", default=["02_touchpoints", "04_kpis"])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["CX_HOME"] = str(home)
        from cxlib.demo import generate
        from cxlib.runner import run_client

        folder = generate("demo-fr", home / "data" / "demo-fr")
        config = folder / "client.yaml"
        for n in args.events:
            synthetic_events("demo-fr", n).write_parquet(folder / "events-bench.parquet")
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("evenements_parcours.parquet",
                                           "events-bench.parquet"), encoding="utf-8")
            started = time.perf_counter()
            result = run_client("demo-fr", args.notebooks, run_id=f"events-{n}")
            if not result.ok:
                raise SystemExit(result.error)
            sizes = ", ".join(f"{p.stem} {p.stat().st_size / 1e6:.2f} MB"
                              for p in result.reports if p.stem != "index")
            runner_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
            kernel_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
            print(f"{n:>11,} events: {sizes}   ({time.perf_counter() - started:.0f} s; "
                  f"peak memory so far: runner {runner_peak:.2f} GiB, "
                  f"largest kernel {kernel_peak:.2f} GiB)")


if __name__ == "__main__":
    main()
