"""Time ``cx validate`` on a client whose survey is a workbook of 200,000 rows.

Usage::

    .venv/bin/python benchmarks/bench_validate_xlsx.py [CLIENT] [--rows 212000] [--repeat 3]

The client's survey (``demo-fr`` by default: ``cx demo`` generates it; ``CX_HOME`` says
where its ``data/`` is, as for ``cx``) is repeated, with
new response ids, to ``--rows`` rows and written as an ``.xlsx`` workbook (an instructions
sheet, then the data) in a copy of the client; then :func:`cxlib.inputs.loaders.validate_client`
is timed with the workbench's reader (calamine, the ``fastexcel`` package) and with
openpyxl's read-only mode, which it used before, and so is the ``cx validate`` command
(Python's start and imports included). Goal: the command under 5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polars as pl


def _write_survey(source: Path, rows: int, target: Path) -> tuple[int, int]:
    """Write the repeated survey as a workbook; return its rows and columns."""
    import openpyxl

    from cxlib.inputs.readers import read_raw

    frame = read_raw(source, "fr").frame.drop("__row__")
    copies = -(-rows // frame.height)
    big = pl.concat([frame.with_columns(pl.format("{}-{}", "response_id", pl.lit(i))
                                        .alias("response_id")) for i in range(copies)]
                    ).head(rows)
    book = openpyxl.Workbook(write_only=True)
    book.create_sheet("Instructions").append(["Survey export, repeated for a benchmark"])
    data = book.create_sheet("Données")
    data.append(big.columns)
    for row in big.iter_rows():
        data.append(list(row))
    book.save(target)
    return big.height, big.width


def _validate(client: str) -> float:
    from cxlib.inputs.loaders import validate_client

    started = time.perf_counter()
    report = validate_client(client)
    elapsed = time.perf_counter() - started
    if not report.ok:
        sys.exit(f"validation failed:\n{report.problems[:3]}")
    return elapsed


def _command(client: str) -> float:
    """Time the ``cx validate`` command itself: Python's start, imports and the checks."""
    import subprocess

    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cxlib.run.cli", "validate", client],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"cx validate failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("client", nargs="?", default="demo-fr")
    parser.add_argument("--rows", type=int, default=212_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-openpyxl", action="store_true",
                        help="time only the workbench's reader (openpyxl takes a minute)")
    args = parser.parse_args()
    from cxlib import paths

    source = paths.data_dir() / args.client  # the project's data/, or CX_HOME's
    if not (source / "client.yaml").is_file():
        sys.exit(f"client {args.client} not found in data/: run 'cx demo' first")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = home / "data" / args.client
        shutil.copytree(source, folder)
        os.environ["CX_HOME"] = str(home)
        from cxlib.inputs import _calamine
        from cxlib.inputs.config import load_config

        cfg = load_config(args.client)
        survey = folder / cfg.input_file("survey")
        started = time.perf_counter()
        n, width = _write_survey(survey, args.rows, folder / "survey_big.xlsx")
        print(f"survey workbook: {n:,} rows x {width} columns, "
              f"{(folder / 'survey_big.xlsx').stat().st_size / 2**20:.1f} MB, written in "
              f"{time.perf_counter() - started:.0f} s")
        survey.unlink()
        text = (folder / "client.yaml").read_text(encoding="utf-8")
        (folder / "client.yaml").write_text(
            text.replace(survey.name, "survey_big.xlsx"), encoding="utf-8")
        fast, slow, command = [], [], []
        calamine = _calamine.sheet_cells
        for _ in range(args.repeat):
            command.append(_command(args.client))
            _calamine.sheet_cells = calamine
            fast.append(_validate(args.client))
            if not args.skip_openpyxl:
                _calamine.sheet_cells = lambda *_args: None  # openpyxl, as before
                slow.append(_validate(args.client))
        _calamine.sheet_cells = calamine
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load {os.getloadavg()[0]:.1f}")
    print(f"cx validate command: {statistics.median(command):.2f} s (runs: "
          f"{', '.join(f'{x:.2f}' for x in command)}; goal: under 5 s)")
    print(f"validate_client, calamine: {statistics.median(fast):.2f} s (runs: "
          f"{', '.join(f'{x:.2f}' for x in fast)})")
    if slow:
        print(f"validate_client, openpyxl: {statistics.median(slow):.2f} s (runs: "
              f"{', '.join(f'{x:.2f}' for x in slow)})")


if __name__ == "__main__":
    main()
