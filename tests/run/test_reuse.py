"""Re-runs redo only what changed: keys, the stored results, and a client run three times."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import nbformat
import openpyxl
import papermill as pm
import pytest

from cxlib import paths
from cxlib.inputs.config import load_config
from cxlib.run import reuse

READS = {"survey": "s1", "touchpoints": "t1", "actions": "a1", reuse.INVENTORY: "i1"}


@pytest.fixture
def demo_fr(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of demo-fr in a project home of its own (the session's stays untouched)."""
    shutil.copytree(demo_home / "data" / "demo-fr", tmp_path / "data" / "demo-fr")
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    return tmp_path / "data" / "demo-fr"


def _key(cfg: object, notebook: Path, tables: dict[str, str], **kwargs: object) -> str:
    declaration = reuse.Declaration(("survey", "touchpoints"), kwargs.pop("dated", False))
    return reuse.reuse_key(cfg, notebook, {"client": "demo-fr", "run_id": kwargs.pop(
        "run_id", "r1"), "language": ""}, declaration, tables=tables, **kwargs)


def test_a_key_changes_with_what_the_notebook_reads_and_nothing_else(demo_fr: Path) -> None:
    cfg = load_config("demo-fr")
    notebook = paths.notebooks_dir() / "04_kpis.ipynb"
    key = _key(cfg, notebook, READS)
    assert key == _key(cfg, notebook, READS, run_id="second-run")  # the run id is not an input
    assert key == _key(cfg, notebook, {**READS, "actions": "a2"})  # a table it does not read
    assert key != _key(cfg, notebook, {**READS, "survey": "s2"})
    assert key != _key(cfg, notebook, {k: v for k, v in READS.items() if k != "survey"})
    assert key != _key(cfg, paths.notebooks_dir() / "03_interviews.ipynb", READS)
    (demo_fr / "client.yaml").write_text((demo_fr / "client.yaml").read_text(
        encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert key != _key(cfg, notebook, READS)  # client.yaml is part of every key
    day = _key(cfg, notebook, READS, dated=True, today=date(2026, 12, 6))
    assert day != _key(cfg, notebook, READS, dated=True, today=date(2026, 12, 7))


def test_every_report_notebook_declares_what_it_reads() -> None:
    from cxlib.inputs.schemas import TABLES
    from cxlib.run.runner import list_notebooks

    known = {*TABLES, "previous_touchpoints", reuse.INVENTORY}
    for name in list_notebooks():
        declaration = reuse.declared(paths.notebooks_dir() / f"{name}.ipynb")
        if declaration is None:  # never reused: executed every run
            continue
        assert set(declaration.reads) <= known, name


def test_a_stored_result_comes_back_with_the_new_run_id(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    build = tmp_path / "build"
    (build / "tables").mkdir(parents=True)
    (build / "tables" / "000.parquet").write_bytes(b"earlier notebook")
    (build / "exports.jsonl").write_text('{"kind": "chart", "notebook": "03"}\n',
                                         encoding="utf-8")
    before = reuse.Snapshot.take(build)
    (build / "05.ipynb").write_text('{"src": "run_id = \\"W2_r1\\"", "a": "W2_r1"}',
                                    encoding="utf-8")
    (build / "attachments").mkdir()
    (build / "attachments" / "acme-W2_r1-plan.xlsx").write_bytes(b"xlsx")
    (build / "tables" / "001.parquet").write_bytes(b"table of 05")
    with (build / "exports.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"kind": "table", "notebook": "05", "file": "tables/001.parquet"}\n')
    written, records = before.written()
    assert written == ["05.ipynb", "attachments/acme-W2_r1-plan.xlsx", "tables/001.parquet"]
    cache = reuse.ReuseCache("acme")
    cache.store("05", "k1", "W2_r1", build, written, records)

    later = tmp_path / "later"
    (later / "tables").mkdir(parents=True)
    assert not cache.restore("05", "k2", "W2_r2", later)  # another key: nothing restored
    assert cache.restore("05", "k1", "W2_r2", later)
    # the run id parameter changes, not the same letters elsewhere
    assert (later / "05.ipynb").read_text(encoding="utf-8") == (
        '{"src": "run_id = \\"W2_r2\\"", "a": "W2_r1"}')
    assert (later / "attachments" / "acme-W2_r2-plan.xlsx").read_bytes() == b"xlsx"
    assert (later / "tables" / "000.parquet").read_bytes() == b"table of 05"
    assert (later / "exports.jsonl").read_text(encoding="utf-8") == (
        '{"kind": "table", "notebook": "05", "file": "tables/000.parquet"}\n')


def _normalised(run: Path) -> dict[str, str]:
    """Each HTML file of a run, its run id (distinctive: never part of the page's code)
    and edition date blanked."""
    out = {}
    for page in sorted(run.glob("*.html")):
        text = page.read_text(encoding="utf-8").replace(run.name, "RUN")
        out[page.name] = re.sub(r"\d{1,2}(?:er)? \w+ 20\d\d", "DATE", text)
    return out


def _set_status(folder: Path, status: str) -> None:
    path = folder / load_config(folder.name).input_file("actions")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[-1]  # the data sheet, after the instructions
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("status") + 1, value=status)
    book.save(path)


@pytest.mark.slow
def test_a_rerun_reuses_what_did_not_change_and_redoes_what_did(
        demo_fr: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib.run.kernel import _Kernel
    from cxlib.run.runner import list_notebooks, run_client

    starts: list[str] = []
    real = _Kernel.start

    def start(self: _Kernel, **kwargs: object) -> None:
        if not self.started:
            starts.append(str(self._cwd))
        real(self, **kwargs)

    monkeypatch.setattr(_Kernel, "start", start)
    first = run_client("demo-fr", run_id="first-run")
    assert first.ok, first.error
    assert first.reused == []
    assert len(starts) == 1  # started early, once
    second = run_client("demo-fr", run_id="second-run")
    assert second.ok, second.error
    assert len(starts) == 1  # every report reused: no kernel at all
    declared = [n for n in list_notebooks()
                if reuse.declared(paths.notebooks_dir() / f"{n}.ipynb") is not None]
    assert {"00_overview", "05_journey_map"} <= set(declared)
    assert second.reused == declared
    # a reused report is the same report, but for its run id and edition date
    assert _normalised(Path(second.index).parent) == _normalised(Path(first.index).parent)

    _set_status(demo_fr, "done")  # only the action plan changes
    third = run_client("demo-fr", run_id="third-run")
    assert third.ok, third.error
    assert "05_journey_map" not in third.reused
    assert third.reused == [n for n in declared if n != "05_journey_map"]
    before, after = (_normalised(Path(r.index).parent) for r in (second, third))
    assert after["05_journey_map.html"] != before["05_journey_map.html"]  # the plan moved
    assert {k: v for k, v in after.items() if k not in ("05_journey_map.html", "index.html")} \
        == {k: v for k, v in before.items() if k not in ("05_journey_map.html", "index.html")}
    fourth = run_client("demo-fr", run_id="fourth-run", fresh=True)
    assert fourth.ok and fourth.reused == []  # executed afresh: table ids are new, not reused


_TRACE = '''
import os as _o
from cxlib.inputs import loaders as _l
def _wrap(method):
    def inner(self, name, *a, **k):
        with open(_o.environ["CX_TRACE"], "a") as _f:
            _f.write(str(name) + "\\n")
        return method(self, name, *a, **k)
    return inner
for _m in ("__getitem__", "__contains__", "status", "absent_columns", "path"):
    setattr(_l.Inputs, _m, _wrap(getattr(_l.Inputs, _m)))
'''


@pytest.mark.slow
def test_what_a_notebook_reads_is_within_what_it_declares(demo_home: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Each notebook runs with every access to the inputs traced: a table it reads but does
    not declare would let a re-run reuse a stale report."""
    from cxlib.run.runner import list_notebooks

    monkeypatch.setenv("CX_HOME", str(demo_home))
    monkeypatch.setenv("CX_REPORT", "1")
    work = tmp_path / "work"
    work.mkdir()
    for name in list_notebooks():
        source = paths.notebooks_dir() / f"{name}.ipynb"
        declaration = reuse.declared(source)
        if declaration is None:
            continue
        nb = nbformat.read(source, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(_TRACE))
        traced = tmp_path / f"{name}.ipynb"
        nbformat.write(nb, traced)
        trace = tmp_path / f"{name}.reads"
        monkeypatch.setenv("CX_TRACE", str(trace))
        pm.execute_notebook(str(traced), str(work / f"{name}.ipynb"), kernel_name="python3",
                            parameters={"client": "demo-fr", "run_id": "trace"},
                            cwd=str(work), progress_bar=False)
        read = set(trace.read_text(encoding="utf-8").split()) if trace.exists() else set()
        assert read <= set(declaration.reads), (name, sorted(read - set(declaration.reads)))
