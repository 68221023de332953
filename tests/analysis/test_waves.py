"""Waves: the touchpoint inventory compared with the previous wave's."""


import polars as pl
import pytest

from cxlib.analysis import waves
from cxlib.demo import TRUTHS
from cxlib.i18n import t
from cxlib.inputs.loaders import PREVIOUS_TOUCHPOINTS

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="module")
def demo(demo_inputs: dict) -> dict:
    return demo_inputs


@pytest.mark.parametrize("slug", DEMOS)
def test_planted_wave_changes_found(demo: dict, slug: str) -> None:
    truth, inputs = TRUTHS[slug], demo[slug]
    changes = waves.touchpoint_changes(inputs)
    by_kind = {k: changes.filter(pl.col("change") == k)["touchpoint_id"].to_list()
               for k in waves.CHANGES}
    assert by_kind == {"added": [truth["wave_added_touchpoint"]],
                       "removed": [truth["wave_removed_touchpoint"]],
                       "rerated": sorted([truth["wave_resolved_irritant"],
                                          truth["wave_new_irritant"]])}
    split = waves.irritant_changes(changes)
    assert split["resolved"]["touchpoint_id"].to_list() == [truth["wave_resolved_irritant"]]
    assert split["new"]["touchpoint_id"].to_list() == [truth["wave_new_irritant"]]


def test_findings_name_the_new_irritant_first(demo: dict) -> None:
    inputs = demo["demo-en"]
    found = waves.findings(inputs, "en")
    assert found[0].severity == "warning"
    assert found[0].text == ("1 new irritant since Wave 1 - spring 2026: "
                             "'Card blocked by fraud checks'.")
    assert [f.text.split(" since")[0] for f in found[1:]] == [
        "1 irritant resolved", "1 touchpoint added", "1 touchpoint removed",
        "2 touchpoints re-rated"]


def test_display_in_french_marks_moments_of_truth(demo: dict) -> None:
    inputs = demo["demo-fr"]
    shown = waves.display(waves.touchpoint_changes(inputs), inputs, "fr")
    row = shown.filter(pl.col("touchpoint") == "Prise de rendez-vous de livraison").row(
        0, named=True)
    assert (row["change"], row["before"], row["after"]) == ("réévalué", "Neutre ★",
                                                            "Irritant ★")


class _Inputs(dict):
    """Just enough of :class:`cxlib.inputs.loaders.Inputs` for the comparison."""

    config = None

    def with_columns(self, name: str, *_columns: str) -> pl.DataFrame:
        return self[name]  # the inventories below have every column


def _inventory(rows: list[tuple[str, str, bool]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"touchpoint_id": i, "name": f"n{i}", "stage_id": "s", "channel_id": "c",
          "valence": v, "moment_of_truth": m} for i, v, m in rows],
        schema={"touchpoint_id": pl.String, "name": pl.String, "stage_id": pl.String,
                "channel_id": pl.String, "valence": pl.String, "moment_of_truth": pl.Boolean})


def test_moment_of_truth_flag_alone_is_a_rerating_and_removed_irritant_is_resolved() -> None:
    inputs = _Inputs(touchpoints=_inventory([("A", "neutral", True), ("B", "neutral", False)]))
    inputs[PREVIOUS_TOUCHPOINTS] = _inventory([("A", "neutral", False), ("B", "neutral", False),
                                               ("C", "rupture", False)])
    changes = waves.touchpoint_changes(inputs)  # type: ignore[arg-type]
    assert changes.select("touchpoint_id", "change").rows() == [("C", "removed"),
                                                                ("A", "rerated")]
    assert waves.irritant_changes(changes)["resolved"]["touchpoint_id"].to_list() == ["C"]


def test_nothing_to_compare_without_a_previous_inventory() -> None:
    inputs = _Inputs(touchpoints=_inventory([("A", "neutral", False)]))
    assert waves.touchpoint_changes(inputs).is_empty()  # type: ignore[arg-type]
    assert waves.findings(inputs, "en") == []  # type: ignore[arg-type]


def test_unchanged_inventory_says_so(demo: dict) -> None:
    inputs = demo["demo-en"]
    same = _Inputs(touchpoints=inputs["touchpoints"])
    same[PREVIOUS_TOUCHPOINTS] = inputs["touchpoints"]
    same.config = inputs.config
    [finding] = waves.findings(same, "fr")  # type: ignore[arg-type]
    assert finding.text == t("wv_none", "fr", wave="Wave 1 - spring 2026")
    assert finding.text.startswith("Aucun point de contact ajouté")
