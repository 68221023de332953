"""Time reading an analytics export through its client.yaml mapping against the same log in
contract shape.

Usage::

    .venv/bin/python benchmarks/bench_mapping.py [--rows 5000000] [--repeat 1]

A synthetic web-analytics export is written as CSV: ``VisitorID``, ``EventTime``,
``PageName`` (about 5,000 distinct page names) and ``Device`` (a column the mapping does not
read). It is mapped in ``client.yaml``::

    events:
      file: export.csv
      columns: {customer_id: VisitorID, timestamp: EventTime, stage_id: PageName}
      values: {stage_id: page_map.csv}      # 500 rules: exact, prefix, contains, regex
      fill: {channel_id: web}

The same rows, already in contract shape (``customer_id``, ``timestamp``, ``stage_id``,
``channel_id``, ids rather than page names), are written as a second CSV. Each file is
validated by :func:`cxlib.inputs.loaders.validate_client` in a fresh process (read,
mapping, parsing and every check of the contract); the script prints wall and CPU time
(CPU time is steadier on a shared machine) and peak resident memory (``VmHWM``) of each, and
the mapping's overhead. Goal: at most 50 % more.
Both results are checked equal (same stages, same row count).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

STAGES = ["search", "compare", "purchase", "delivery", "after_sales"]
SECTIONS = {"search": "/search", "compare": "/product", "purchase": "/checkout",
            "delivery": "/orders", "after_sales": "/help"}


def _rules() -> pl.DataFrame:
    """500 rules: 440 exact pages, then prefixes, 'contains' words and regular expressions."""
    exact = [(f"/product/{i}", "compare", "exact") for i in range(400)]
    exact += [(f"/help/article-{i}", "after_sales", "exact") for i in range(40)]
    prefix = [(f"/checkout/step-{i}", "purchase", "prefix") for i in range(20)]
    prefix += [(f"/orders/{i}", "delivery", "prefix") for i in range(10)]
    contains = [(f"q=term{i}&", "search", "contains") for i in range(20)]
    regex = [(r"^/search\?q=\w+", "search", "regex"), (r"^/product/\d+$", "compare", "regex"),
             (r"^/help/", "after_sales", "regex"), (r"^/orders/\d+", "delivery", "regex"),
             (r"^/checkout/", "purchase", "regex")]
    regex += [(rf"^/promo/{i}(/|$)", "compare", "regex") for i in range(5)]
    rows = exact + prefix + contains + regex
    assert len(rows) == 500
    return pl.DataFrame(rows, schema=["value", "id", "rule"], orient="row")


def make_files(rows: int, folder: Path, seed: int = 11) -> None:
    """Write the export, its mapping workbook and the same log in contract shape."""
    rng = np.random.default_rng(seed)
    pages = pl.Series([
        *(f"/product/{i}" for i in range(2000)), *(f"/help/article-{i}" for i in range(300)),
        *(f"/checkout/step-{i % 20}/{i}" for i in range(600)),
        *(f"/orders/{i}/tracking" for i in range(800)),
        *(f"/search?q=term{i}&page=1" for i in range(1200)),
        *(f"/promo/{i % 5}/offer-{i}" for i in range(100)),
    ])
    rules = _rules()
    from cxlib.inputs.valuemaps import Rule, match_values

    stage_of = match_values(pages, [Rule(*r) for r in rules.iter_rows()])
    assert stage_of["id"].null_count() == 0
    pick = rng.integers(0, pages.len(), rows)
    start = np.datetime64("2026-09-01T00:00:00")
    stamps = (start + rng.integers(0, 60 * 86400, rows).astype("timedelta64[s]")).astype(
        "datetime64[ms]")
    export = pl.DataFrame({
        "VisitorID": pl.Series(rng.integers(0, rows // 6, rows)).cast(pl.String),
        "EventTime": pl.Series(stamps).dt.to_string("%Y-%m-%d %H:%M:%S"),
        "PageName": pages.gather(pick),
        "Device": pl.Series(rng.choice(["desktop", "mobile", "tablet"], rows)),
    })
    export.write_csv(folder / "export.csv")
    rules.write_csv(folder / "page_map.csv")
    stage = stage_of["id"].gather(pick)
    export.select(pl.col("VisitorID").alias("customer_id"),
                  pl.col("EventTime").alias("timestamp"), stage.alias("stage_id"),
                  pl.lit("web").alias("channel_id")).write_csv(folder / "contract.csv")


def _config(home: Path, slug: str, spec: str) -> None:
    folder = home / "data" / slug
    folder.mkdir(parents=True, exist_ok=True)
    stages = "".join(f"  - {{id: {s}, label: {s}, macro: before}}\n" for s in STAGES)
    (folder / "client.yaml").write_text(
        f"client: Bench\nlanguage: en\nwave: W1\nwaves:\n  - {{id: W1, label: W1, date: "
        f"2026-10-31}}\nstages:\n{stages}channels:\n  - {{id: web, label: Web, kind: "
        f"digital}}\ninputs:\n  events:\n{spec}", encoding="utf-8")


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one(slug: str) -> None:
    """Validate one client in this (fresh) process; print seconds, peak MB and a digest."""
    from cxlib.inputs.loaders import validate_client

    base = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    report = validate_client(slug)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.ok, report.error().message[:2000]
    frame = report.results["events"].frame
    digest = frame.group_by("stage_id").len().sort("stage_id").rows()
    print(f"{elapsed:.3f} {_peak_mb():.0f} {base:.0f} {frame.height} {cpu:.3f} {digest}")


def main() -> None:
    """Write the files, validate each in a fresh process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        files = home / "files"
        files.mkdir()
        make_files(args.rows, files)
        size = (files / "export.csv").stat().st_size / 2**20
        shape = (files / "contract.csv").stat().st_size / 2**20
        print(f"{args.rows:,} rows written in {time.perf_counter() - started:.1f} s "
              f"(export {size:.0f} MB, contract {shape:.0f} MB) — {platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}")
        _config(home, "contract", "    file: contract.csv\n")
        _config(home, "mapped", "    file: export.csv\n    columns: {customer_id: VisitorID, "
                "timestamp: EventTime, stage_id: PageName}\n    values: {stage_id: page_map.csv}"
                "\n    fill: {channel_id: web}\n")
        for name in ("contract", "mapped"):
            src = files / ("contract.csv" if name == "contract" else "export.csv")
            os.link(src, home / "data" / name / src.name)
        os.link(files / "page_map.csv", home / "data" / "mapped" / "page_map.csv")
        env = {**os.environ, "CX_HOME": str(home)}
        results: dict[str, list[tuple[float, float, float, str]]] = {"contract": [],
                                                                      "mapped": []}
        for _ in range(args.repeat):
            for name in ("contract", "mapped"):
                out = subprocess.run([sys.executable, __file__, "--one", name], env=env,
                                     check=True, capture_output=True, text=True).stdout.split(
                                         " ", 5)
                results[name].append((float(out[0]), float(out[4]), float(out[1]),
                                      out[5].strip()))
                print(f"  {name:<9} {float(out[0]):7.2f} s wall, {float(out[4]):7.2f} s CPU  "
                      f"peak {float(out[1]):7.0f} MB (after imports {float(out[2]):.0f} MB)  "
                      f"rows {out[3]}")
        assert results["contract"][0][3] == results["mapped"][0][3], "results differ"
        best = {k: (min(r[0] for r in v), min(r[1] for r in v), max(r[2] for r in v))
                for k, v in results.items()}
        wall, cpu, memory = (best["mapped"][i] / best["contract"][i] - 1 for i in range(3))
        print(f"mapping overhead (best runs): wall time {100 * wall:+.0f} %, CPU time "
              f"{100 * cpu:+.0f} %, peak memory {100 * memory:+.0f} % (goal: at most +50 %)")


if __name__ == "__main__":
    main()
