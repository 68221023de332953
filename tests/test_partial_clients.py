"""Both demo clients, reshaped into every partial engagement of :mod:`partial_clients`,
validate without a problem, and the loaded inputs show what each case left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from partial_clients import CASES, KEPT, OPTIONAL_WORKSHOP_TABLES, make_case, removed_tables

from cxlib.inputs.loaders import PREVIOUS_TOUCHPOINTS, Inputs, validate_client
from cxlib.inputs.schemas import TABLES

pytestmark = pytest.mark.slow

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="module")
def demo_statuses(demo_inputs: dict) -> dict[str, dict[str, str]]:
    """Each demo client's table statuses as generated, by slug then table."""
    return {slug: {name: demo_inputs[slug].status(name) for name in TABLES} for slug in DEMOS}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("slug", DEMOS)
def test_partial_client_validates(slug: str, case: str, demo_home: Path, demo_inputs: dict,
                                  demo_statuses: dict, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = demo_home / "data" / slug
    before = sorted(p.relative_to(source) for p in source.rglob("*"))
    target = make_case(source, tmp_path / "data" / slug, case)
    assert target == tmp_path / "data" / slug
    assert sorted(p.relative_to(source) for p in source.rglob("*")) == before
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    monkeypatch.delenv("CX_LANG", raising=False)
    monkeypatch.delenv("CX_INPUTS_CACHE", raising=False)

    report = validate_client(slug)
    assert report.ok, str(report.error())

    inputs = Inputs.from_report(report)
    original = demo_inputs[slug]
    status = {name: inputs.status(name) for name in TABLES}
    assert (target / "transcripts").is_dir()
    if case == "no_optional_columns":
        assert status == demo_statuses[slug]
        for name in [*TABLES, PREVIOUS_TOUCHPOINTS]:
            if name not in inputs:
                continue
            spec = TABLES["touchpoints" if name == PREVIOUS_TOUCHPOINTS else name]
            optional = {c.name for c in spec.columns if not c.required}
            absent = set(inputs.absent_columns(name))
            assert optional <= absent, f"{name}: {sorted(optional - absent)} still there"
            prefixes = tuple(p.name for p in spec.pattern_columns)
            left = [c for c in inputs[name].columns if prefixes and c.startswith(prefixes)]
            assert not left, f"{name}: pattern columns {left} still there"
        assert not any(c.startswith("sat_") for c in inputs["survey"].columns)
    elif case.startswith("header_only_"):
        name = case.removeprefix("header_only_")
        assert status == {**demo_statuses[slug], name: "header_only"}
        assert inputs.absent_columns(name) == original.absent_columns(name)
        assert inputs[name].columns == original[name].columns
        assert inputs.path(name).name == original.path(name).name
    else:
        removed = removed_tables(case)
        expected = {n: "absent" if n in removed else s for n, s in demo_statuses[slug].items()}
        assert status == expected
        for name in removed:
            assert not (target / original.path(name).relative_to(source)).exists()
            assert name not in inputs.config.inputs
        if "touchpoints" in removed:
            assert PREVIOUS_TOUCHPOINTS not in inputs
            assert all(w.touchpoints is None for w in inputs.config.waves)
        else:
            assert (PREVIOUS_TOUCHPOINTS in inputs) == (PREVIOUS_TOUCHPOINTS in original)
        if case in KEPT:
            kept = set(KEPT[case]) - set(OPTIONAL_WORKSHOP_TABLES)
            assert {n for n, s in status.items() if s == "present"} >= kept
            assert {n for n, s in status.items() if s != "absent"} <= set(KEPT[case])
