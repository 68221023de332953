"""The executed notebook is written as execution starts and ends, not twice per cell."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.run.kernel import _engine_name


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def _writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import papermill.engines as engines

    written: list[str] = []
    real = engines.write_ipynb

    def counted(nb: object, path: str) -> None:
        written.append(path)
        real(nb, path)

    monkeypatch.setattr(engines, "write_ipynb", counted)
    return written


def test_ten_cells_are_saved_twice_not_twenty_times(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    written = _writes(monkeypatch)
    source = _notebook(tmp_path / "in.ipynb", *(f"x{i} = {i}\nprint(x{i})" for i in range(10)))
    pm.execute_notebook(str(source), str(tmp_path / "out.ipynb"), kernel_name="python3",
                        progress_bar=False, engine_name=_engine_name())
    assert len(written) <= 3, len(written)
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [c.outputs[0]["text"] for c in out.cells] == [f"{i}\n" for i in range(10)]
    assert all(c.metadata.papermill["duration"] is not None for c in out.cells)


def test_a_failing_cell_is_named_in_the_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _writes(monkeypatch)
    source = _notebook(tmp_path / "in.ipynb", "a = 1", "1 / 0", "b = 2")
    with pytest.raises(pm.PapermillExecutionError):
        pm.execute_notebook(str(source), str(tmp_path / "out.ipynb"), kernel_name="python3",
                            progress_bar=False, engine_name=_engine_name())
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    status = [c.metadata.get("papermill", {}).get("status") for c in out.cells]
    assert "failed" in status and status[-1] == "pending"


def test_a_kernel_starts_early_when_a_notebook_will_execute(client_dir: Path,
                                                            tmp_path: Path) -> None:
    from cxlib.inputs.config import load_config
    from cxlib.run.kernel import early_kernel
    from cxlib.run.parameters import runner_parameters

    cfg = load_config("acme")
    params = runner_parameters(cfg, "r1")
    none = early_kernel(cfg, params, tmp_path / "a", [], [], None, {})
    assert not none.started  # nothing to execute
    kernel = early_kernel(cfg, params, tmp_path / "b", ["00_overview"], [], None,
                          {"CX_REPORT": "1"})
    try:
        assert kernel.started  # --fresh: every notebook executes
    finally:
        kernel.close()
    assert not kernel.started


def test_a_kernel_starts_before_the_validation_only_when_it_surely_runs(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib.inputs.config import load_config
    from cxlib.run import kernel as kernels
    from cxlib.run.parameters import runner_parameters
    from cxlib.run.reuse import ReuseCache

    cfg = load_config("acme")
    params = runner_parameters(cfg, "r1")

    def started(fresh: bool, name: str) -> bool:
        kernel = kernels.speculative_kernel(cfg, params, tmp_path / name, ["00_overview"], [],
                                            {"CX_REPORT": "1"}, fresh=fresh)
        if kernel is None:
            return False
        assert kernel.started
        kernel.close()
        return True

    assert started(True, "fresh")  # nothing reused
    assert started(False, "new")  # no result stored: the notebook executes
    cache = ReuseCache("acme")
    (cache.root / "00_overview").mkdir(parents=True)
    (cache.root / "00_overview" / "manifest.json").write_text('{"key": "k", "run_id": "r0"}')
    assert cache.stored("00_overview")
    assert not started(False, "stored")  # it may be reused: the validation decides
    assert started(True, "stored-fresh")
    monkeypatch.setattr(kernels, "EARLY_BYTES", 10)
    assert not started(True, "large")  # large inputs: after their validation
