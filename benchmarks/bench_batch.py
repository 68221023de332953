"""Time a batch of clients rendered in parallel against the same clients one after the other.

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--clients 20] [--notebooks 00_overview ...]

The clients are copies of the generated ``demo-fr`` client (``bench-01`` …) in a
temporary project home, so ``data/`` and ``reports/`` are left alone. Both runs render
the same notebooks; the parallel run uses :func:`cxlib.run.runner.run_clients` with its
default number of workers (bounded by cores and memory). Prints both times and the
speed-up. Goal: at least 1.6× on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--notebooks", nargs="+", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["CX_HOME"] = str(home)
        from cxlib.demo import generate
        from cxlib.run.runner import default_workers, list_notebooks, run_clients

        source = generate("demo-fr", home / "template-client")
        slugs = [f"bench-{i:02d}" for i in range(1, args.clients + 1)]
        for slug in slugs:
            shutil.copytree(source, home / "data" / slug)
        notebooks = args.notebooks or list_notebooks()
        started = time.perf_counter()
        serial = run_clients(slugs, notebooks, workers=1)
        t_serial = time.perf_counter() - started
        started = time.perf_counter()
        parallel = run_clients(slugs, notebooks)
        t_parallel = time.perf_counter() - started
    failed = [r.client for r in serial + parallel if not r.ok]
    if failed:
        raise SystemExit(f"render failed for {failed}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"{args.clients} clients × {len(notebooks)} notebooks ({', '.join(notebooks)})")
    print(f"serial:   {t_serial:7.1f} s")
    print(f"parallel: {t_parallel:7.1f} s  ({default_workers(args.clients)} workers)")
    print(f"speed-up: {t_serial / t_parallel:.2f}   (goal: at least 1.6 on 2 cores)")


if __name__ == "__main__":
    main()
