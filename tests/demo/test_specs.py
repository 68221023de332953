"""The demo clients' YAML specs: read back into the dataclasses, with clear errors."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import yaml

from cxlib.demo import SLUGS, TRUTHS
from cxlib.demo._spec import ClientSpec, Interview, Touchpoint
from cxlib.demo._specs import demo_spec, load_spec, read_spec


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_file_is_plain_yaml_and_rebuilds_the_dataclasses(slug: str) -> None:
    text = resources.files("cxlib.demo").joinpath("specs", f"{slug}.yaml").read_text("utf-8")
    assert "!!" not in text  # no Python-specific tags: safe_load reads it
    assert yaml.safe_load(text)["slug"] == slug
    spec = demo_spec(slug)
    assert isinstance(spec, ClientSpec) and spec.slug == slug
    assert isinstance(spec.touchpoints, tuple) and isinstance(spec.touchpoints[0], Touchpoint)
    assert isinstance(spec.interviews[0], Interview) and type(spec.interviews[0].day) is date
    assert all(isinstance(k, tuple) and len(k) == 2 for k in spec.wording.questions)
    assert type(spec.kpi_months[0]) is date and isinstance(spec.kpi_months[1], int)
    assert all(type(d) is date for pair in spec.survey.fieldwork.values() for d in pair)
    assert isinstance(spec.journey.opening, tuple)
    assert spec.previous is not None and isinstance(spec.previous.removed[0], Touchpoint)
    assert isinstance(spec.config["waves"], list)  # plain dicts are kept as read


@pytest.mark.parametrize("slug", SLUGS)
def test_truths_keep_their_tuples(slug: str) -> None:
    truth = TRUTHS[slug]
    assert truth == dict(demo_spec(slug).truths)
    assert isinstance(truth["missing_touchpoint_cell"], tuple)
    assert len(truth["missing_touchpoint_cell"]) == 2
    assert truth["waves"] == ("W1", "W2")
    assert isinstance(truth["coders"], tuple)
    assert isinstance(truth["detractor_driver_touchpoint"], str)


def _demo_en_data() -> dict:
    """The demo-en spec as plain YAML data, to break one field at a time."""
    text = resources.files("cxlib.demo").joinpath("specs", "demo-en.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_iso_strings_and_integers_are_read_as_dates_and_floats(tmp_path: Path) -> None:
    data = _demo_en_data()
    data["interviews"][0]["day"] = "2026-09-07"
    data["journey"]["value_median"] = 85
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    spec = load_spec(path)
    assert spec.interviews[0].day == date(2026, 9, 7)
    assert spec.journey.value_median == 85.0 and isinstance(spec.journey.value_median, float)


@pytest.mark.parametrize(("path", "value", "message"), [
    (("journey", "days"), "a year", r"spec\.journey\.days: expected int, got 'a year'"),
    (("interviews", 0, "day"), "07/09/2026", r"interviews\[0\]\.day: expected an ISO date"),
    (("kpi_months",), ["2025-05-01"], r"kpi_months: expected a list of 2 items"),
    (("touchpoints", 0, "colour"), "red", r"unknown Touchpoint field\(s\) colour"),
    (("truths", "waves"), 2, r"truths\.waves: expected str or tuple"),
])
def test_a_wrong_value_names_its_path(path: tuple, value: object, message: str) -> None:
    data = _demo_en_data()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ValueError, match=message):
        read_spec(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_a_missing_field_is_named() -> None:
    data = _demo_en_data()
    del data["personas"][0]["share"]
    with pytest.raises(ValueError, match=r"personas\[0\]: missing Persona field\(s\) share"):
        read_spec(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
