"""Show that a report's size does not grow with the size of the client's event log.

Usage::

    .venv/bin/python benchmarks/bench_report_size.py [--events 10000 1000000 10000000]
        [--notebooks 00_overview 02_touchpoints …] [--steps]

For each size, the generated ``demo-fr`` client gets a synthetic event log of that many
events (Parquet, written by a separate process so that its memory is not counted; the
client's own stages, channels, touchpoints and personas), every notebook is rendered
(``--notebooks`` to choose; ``fresh``: nothing reused), and the size of each HTML report
is printed, with the run's time (goal at 10M: 40 s) and each step's with ``--steps``.
Charts receive aggregated frames only, so the sizes should not depend on the log. Goal:
every report under 5 MB whatever the input. It also prints the render's peak resident
memory (goal: under 2 GiB at 10M): the runner's process and its kernel together, sampled
every 0.1 s during the run, and each one's own peak (``VmHWM``), and the machine's load
average (1 minute) at the start and the end of the run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import polars as pl


def synthetic_events(slug: str, n: int, seed: int = 11) -> pl.DataFrame:
    """Return ``n`` events over the client's own ids (about 6 events per customer)."""
    from cxlib.inputs.loaders import load_inputs

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


class Memory:
    """Sample the resident memory of this process and its descendants while a run lasts."""

    def __init__(self) -> None:
        import psutil  # installed with ipykernel

        self._me = psutil.Process()
        self.together = 0
        self.own: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            for proc in [self._me, *self._me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                    with open(f"/proc/{proc.pid}/status", encoding="ascii") as status:
                        hwm = next(int(line.split()[1]) * 1024 for line in status
                                   if line.startswith("VmHWM"))
                    name = "runner" if proc.pid == self._me.pid else "kernel"
                    self.own[name] = max(self.own.get(name, 0), hwm)
                except (OSError, StopIteration, ProcessLookupError):
                    continue
            self.together = max(self.together, total)
            self._stop.wait(0.1)

    def __enter__(self) -> Memory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _write_log(n: int, target: Path) -> None:
    """Write the synthetic log in a child process (its memory is not the render's)."""
    code = ("import sys; sys.path.insert(0, sys.argv[3]); import bench_report_size as b; "
            "b.synthetic_events('demo-fr', int(sys.argv[1])).write_parquet(sys.argv[2])")
    subprocess.run([sys.executable, "-c", code, str(n), str(target),
                    str(Path(__file__).parent)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--notebooks", nargs="+", default=None,
                        help="notebooks to render (default: all)")
    parser.add_argument("--steps", action="store_true", help="print each step's time")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["CX_HOME"] = str(home)
        from cxlib.demo import generate
        from cxlib.run.runner import run_client

        folder = generate("demo-fr", home / "data" / "demo-fr")
        config = folder / "client.yaml"
        for n in args.events:
            _write_log(n, folder / "events-bench.parquet")
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("evenements_parcours.parquet",
                                           "events-bench.parquet"), encoding="utf-8")
            load = os.getloadavg()[0]
            started = time.perf_counter()
            last = [started]

            def step(label: str, last: list[float] = last) -> None:
                now = time.perf_counter()
                if args.steps:
                    print(f"    {now - last[0]:6.1f} s  then: {label}", flush=True)
                last[0] = now

            with Memory() as memory:
                result = run_client("demo-fr", args.notebooks, run_id=f"events-{n}",
                                    step=step, fresh=True)
            step("end")
            if not result.ok:
                raise SystemExit(result.error)
            sizes = ", ".join(f"{p.stem} {p.stat().st_size / 1e6:.2f} MB"
                              for p in result.reports if p.stem != "index")
            gib = 2**30
            print(f"{n:>11,} events: {sizes}   ({time.perf_counter() - started:.0f} s; "
                  f"peak memory: runner and kernel together {memory.together / gib:.2f} GiB, "
                  f"runner {memory.own.get('runner', 0) / gib:.2f} GiB (since start), "
                  f"kernel {memory.own.get('kernel', 0) / gib:.2f} GiB; load average "
                  f"{load:.1f} → {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
