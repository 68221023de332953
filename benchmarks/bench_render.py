"""Time a client's full render against the floor of empty notebooks on the same path.

The floor executes the same number of notebooks, each holding only its ``parameters``
cell, through the same papermill execution and the same nbconvert export with the report
template: the Jupyter overhead no analysis can avoid. The goal is a ratio of at most 2.

Usage::

    .venv/bin/python benchmarks/bench_render.py [CLIENT] [--repeat N]

The client must exist (``cx demo`` generates ``demo-fr``). Reports are rendered into a
temporary ``CX_HOME`` holding a copy of the client, so ``reports/`` is left alone.
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

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def _empty_notebooks(folder: Path, names: list[str]) -> list[Path]:
    out = []
    for name in names:
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell('client = ""\nrun_id = ""\nlanguage = ""')
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        path = folder / f"{name}.ipynb"
        nbformat.write(nb, path)
        out.append(path)
    return out


def floor_once(client: str, names: list[str], work: Path) -> float:
    """Execute and export empty notebooks, as the runner does; return seconds."""
    import papermill as pm

    from cxlib.report import export_html

    folder = work / "floor"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = _empty_notebooks(folder, names)
    meta = {"client": client, "wave": "-", "wave_label": "-", "language": "fr",
            "date": "2026-01-01", "run_id": "floor", "primary": "#1f4e79",
            "secondary": "#f2a900", "logo": None, "title": "floor", "slug": client}
    started = time.perf_counter()
    for source in sources:
        executed = folder / f"{source.stem}.out.ipynb"
        pm.execute_notebook(str(source), str(executed), kernel_name="python3",
                            parameters={"client": client, "run_id": "floor", "language": "fr"},
                            progress_bar=False, cwd=str(folder),
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        export_html(executed, folder / f"{source.stem}.html", meta)
    return time.perf_counter() - started


def run_once(client: str) -> float:
    """Render the client as ``cx run`` does; return seconds."""
    from cxlib.runner import run_client

    started = time.perf_counter()
    result = run_client(client)
    elapsed = time.perf_counter() - started
    if not result.ok:
        sys.exit(f"render failed:\n{result.error}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("client", nargs="?", default="demo-fr")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = ROOT / "data" / args.client
    if not (source / "client.yaml").is_file():
        sys.exit(f"client {args.client} not found in data/: run 'cx demo' first")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        shutil.copytree(source, home / "data" / args.client)
        os.environ["CX_HOME"] = str(home)
        from cxlib.runner import list_notebooks

        names = list_notebooks()
        run_once(args.client)  # warm-up: disk caches, the report's vega bundle
        full, floor = [], []
        for _ in range(args.repeat):  # interleaved, so that drift hits both alike
            full.append(run_once(args.client))
            floor.append(floor_once(args.client, names, home))
    full_s, floor_s = statistics.median(full), statistics.median(floor)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"notebooks: {len(names)} ({', '.join(names)}); median of {args.repeat} runs "
          "after one warm-up run")
    print(f"cx run {args.client}: {full_s:.2f} s   (runs: {', '.join(f'{x:.2f}' for x in full)})")
    print(f"floor, empty notebooks: {floor_s:.2f} s   "
          f"(runs: {', '.join(f'{x:.2f}' for x in floor)})")
    print(f"ratio: {full_s / floor_s:.2f}   (best runs: {min(full) / min(floor):.2f}; "
          "goal: at most 2)")


if __name__ == "__main__":
    main()
