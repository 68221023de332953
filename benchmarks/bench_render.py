"""Time a client's full render against the floor of empty notebooks on the same path.

The floor executes the same number of notebooks, each holding only its ``parameters``
cell, through papermill and the same nbconvert export with the report template: the
Jupyter overhead no analysis can avoid. Two floors are timed: one kernel per notebook (the
usual pipeline, the goal's reference: a ratio of at most 2) and one kernel shared by the
notebooks, as ``cx run`` executes them.

Usage::

    .venv/bin/python benchmarks/bench_render.py [CLIENT] [--repeat N]

The client must exist (``cx demo`` generates ``demo-fr``). Reports are rendered into a
temporary ``CX_HOME`` holding a copy of the client, so ``reports/`` is left alone. The
timed renders are ``--fresh`` (nothing reused); two re-runs are timed last: one with
nothing changed, one after the action plan changed.
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


def floor_once(client: str, names: list[str], work: Path, one_kernel: bool = False) -> float:
    """Execute and export empty notebooks; return seconds.

    By default each notebook gets its own kernel, as ``papermill.execute_notebook`` does
    when called once per notebook: the usual Jupyter pipeline. With ``one_kernel``, the
    notebooks share one kernel reset between them, exactly as ``cx run`` executes them.
    """
    import papermill as pm

    from cxlib.presentation.report import export_html
    from cxlib.run.runner import _KERNEL_ARGUMENTS, _Kernel

    folder = work / ("floor-shared" if one_kernel else "floor")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = _empty_notebooks(folder, names)
    meta = {"client": client, "wave": "-", "wave_label": "-", "language": "fr",
            "date": "2026-01-01", "run_id": "floor", "primary": "#1f4e79",
            "secondary": "#f2a900", "logo": None, "title": "floor", "slug": client}
    started = time.perf_counter()
    kernel = _Kernel(folder) if one_kernel else None
    try:
        for source in sources:
            shared = {}
            if kernel is not None:
                kernel.reset()
                shared["km"] = kernel.manager
            executed = folder / f"{source.stem}.out.ipynb"
            pm.execute_notebook(str(source), str(executed), kernel_name="python3",
                                parameters={"client": client, "run_id": "floor",
                                            "language": "fr"},
                                progress_bar=False, cwd=str(folder),
                                extra_arguments=_KERNEL_ARGUMENTS, **shared)
            export_html(executed, folder / f"{source.stem}.html", meta)
    finally:
        if kernel is not None:
            kernel.close()
    return time.perf_counter() - started


def run_once(client: str, fresh: bool = True) -> float:
    """Render the client as ``cx run`` does (``--fresh``: nothing reused); return seconds."""
    from cxlib.run.runner import run_client

    started = time.perf_counter()
    result = run_client(client, fresh=fresh)
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
        from cxlib.run.runner import list_notebooks

        names = list_notebooks()
        run_once(args.client)  # warm-up: disk caches, the report's vega bundle
        full, floor, shared = [], [], []
        for _ in range(args.repeat):  # interleaved, so that drift hits all alike
            full.append(run_once(args.client))
            floor.append(floor_once(args.client, names, home))
            shared.append(floor_once(args.client, names, home, one_kernel=True))
        # re-runs: one to store every result, one with nothing changed, one after the
        # action plan changed (one action's status)
        run_once(args.client, fresh=False)
        unchanged = run_once(args.client, fresh=False)
        _change_action_plan(home / "data" / args.client)
        plan_changed = run_once(args.client, fresh=False)
    full_s, floor_s = statistics.median(full), statistics.median(floor)
    shared_s = statistics.median(shared)

    def runs(values: list[float]) -> str:
        return ", ".join(f"{x:.2f}" for x in values)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"notebooks: {len(names)} ({', '.join(names)}); median of {args.repeat} runs "
          "after one warm-up run")
    print(f"cx run {args.client}: {full_s:.2f} s   (runs: {runs(full)})")
    print(f"floor, empty notebooks, one kernel each: {floor_s:.2f} s   (runs: {runs(floor)})")
    print(f"floor, empty notebooks, one kernel shared as cx run does: {shared_s:.2f} s   "
          f"(runs: {runs(shared)})")
    print(f"ratio to the one-kernel-each floor: {full_s / floor_s:.2f}   (best runs: "
          f"{min(full) / min(floor):.2f}; goal: at most 2)")
    print(f"ratio to the shared-kernel floor: {full_s / shared_s:.2f}   (best runs: "
          f"{min(full) / min(shared):.2f})")
    print(f"re-run, nothing changed: {unchanged:.2f} s   ({unchanged / full_s:.2f} of a full "
          "render)")
    print(f"re-run, the action plan changed: {plan_changed:.2f} s   "
          f"({plan_changed / full_s:.2f} of a full render)")


def _change_action_plan(folder: Path) -> None:
    """Mark the first action of the client's plan done (or to do, if it is done)."""
    import openpyxl

    from cxlib.inputs.config import load_config

    path = folder / load_config(folder.name).input_file("actions")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[-1]  # the data sheet, after the instructions
    column = [c.value for c in sheet[1]].index("status") + 1
    cell = sheet.cell(row=2, column=column)
    cell.value = "todo" if cell.value == "done" else "done"
    book.save(path)


if __name__ == "__main__":
    main()
