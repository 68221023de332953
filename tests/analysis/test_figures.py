"""Figures computed once per run, and the registry of the figures shown in several places."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import figures
from cxlib.analysis.figures import FIGURES_ENV, computed_once, registry
from cxlib.inputs.loaders import Inputs

CALLS: list[tuple[int, str]] = []


@computed_once("survey")
def _respondents(inputs: Inputs, wave: str, *, scale: int = 1) -> int:
    CALLS.append((scale, wave))
    return inputs["survey"].filter(pl.col("wave") == wave).height * scale


def _with(inputs: Inputs, **frames: pl.DataFrame) -> Inputs:
    return Inputs(inputs.config, {name: inputs[name] for name in inputs} | frames,
                  inputs.report)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path / "figures"))
    figures._MEMORY.clear()
    CALLS.clear()
    return tmp_path / "figures"


def test_a_figure_is_computed_once_then_read_by_every_process(store: Path,
                                                              demo_inputs: dict) -> None:
    inputs = demo_inputs["demo-fr"]
    wave = inputs.config.wave
    first = _respondents(inputs, wave)
    assert _respondents(inputs, wave) == first and len(CALLS) == 1
    figures._MEMORY.clear()  # another process of the run: the kernel
    assert _respondents(inputs, wave) == first and len(CALLS) == 1
    assert len(list(store.glob("*.pickle"))) == 1


def test_a_change_in_what_it_reads_computes_it_again(store: Path, demo_inputs: dict) -> None:
    inputs = demo_inputs["demo-fr"]
    wave = inputs.config.wave
    _respondents(inputs, wave)
    _respondents(inputs, wave, scale=2)                                   # an argument
    _respondents(_with(inputs, survey=inputs["survey"].head(-1)), wave)   # the table it reads
    cfg = inputs.config.model_copy(update={"language": "en"})
    _respondents(Inputs(cfg, {n: inputs[n] for n in inputs}, inputs.report), wave)
    assert len(CALLS) == 4
    _respondents(_with(inputs, events=inputs["events"].head(5)), wave)  # a table it ignores
    assert len(CALLS) == 4


def test_outside_a_run_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         demo_inputs: dict) -> None:
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    figures._MEMORY.clear()
    inputs = demo_inputs["demo-en"]
    assert _respondents(inputs, inputs.config.wave) > 0
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_the_registry_names_each_shared_figure_with_its_base_and_definition(
        slug: str, demo_inputs: dict, demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib.analysis import kpi_review as kr
    from cxlib.analysis import touchpoints as tp

    monkeypatch.setenv("CX_HOME", str(demo_home))  # the transcripts are read from there
    inputs = demo_inputs[slug]
    found = {f.name: f for f in registry(inputs)}
    head = {r["kpi"]: r for r in kr.headline(inputs).iter_rows(named=True)}
    for kpi in ("nps", "csat", "ces"):
        assert found[f"kpi.{kpi}"].value == head[kpi]["value"]
        assert found[f"kpi.{kpi}"].base == head[kpi]["n"]
    assert [n for n in found if n.startswith("irritant.")] == [f"irritant.{i}" for i in
                                                               range(1, 6)]
    assert found["touchpoints.missing"].value == tp.missing_touchpoints(inputs).height
    assert {n for n in found if n.startswith("voice.theme.")} == {
        "voice.theme.1", "voice.theme.2", "voice.theme.3"}
    wave = inputs.config.labels("waves")[inputs.config.wave]
    assert all(f.definition and f.wave == wave for f in found.values())
    assert all(isinstance(f.base, int) for f in found.values() if f.name != "touchpoints.missing")


def test_a_value_another_process_is_computing_is_waited_for_not_computed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import pickle
    import subprocess
    import sys
    import threading

    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / "slow.pending").write_text(str(other.pid), encoding="ascii")

        def finish() -> None:  # the other process writes its value a moment later
            (tmp_path / "slow.part").write_bytes(pickle.dumps(42))
            os.replace(tmp_path / "slow.part", tmp_path / "slow.pickle")

        threading.Timer(0.3, finish).start()
        assert figures.stored("slow", lambda: pytest.fail("computed again")) == 42
    finally:
        other.kill()
        other.wait()
    # the marking process died without its value: computed here
    (tmp_path / "dead.pending").write_text(str(other.pid), encoding="ascii")
    assert figures.stored("dead", lambda: 7) == 7
    # a thread of this process computing it is not waited for (no two threads wait on
    # each other)
    (tmp_path / "mine.pending").write_text(str(os.getpid()), encoding="ascii")
    assert figures.stored("mine", lambda: 8) == 8
    assert figures.stored("mine", lambda: pytest.fail("computed again")) == 8
    assert not list(tmp_path.glob("*.part"))
    assert figures.stored("new", lambda: 9) == 9
    assert not (tmp_path / "new.pending").exists()  # this process's own marker, cleared
