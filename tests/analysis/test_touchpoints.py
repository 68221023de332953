"""The touchpoint inventory on both demo clients: evidence, gaps, critical points, flows."""


import polars as pl
import pytest

from cxlib.analysis import touchpoints as tp
from cxlib.demo import TRUTHS

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="module")
def demo(demo_inputs: dict, demo_evidence: dict) -> dict:
    return {slug: (demo_inputs[slug], demo_evidence[slug]) for slug in DEMOS}


@pytest.mark.parametrize("slug", DEMOS)
def test_critical_point_is_the_planted_dropout_channel(demo: dict, slug: str) -> None:
    inputs, _ = demo[slug]
    top = tp.critical_touchpoints(inputs, 1).row(0, named=True)
    assert (top["stage_id"], top["channel_id"]) == (TRUTHS[slug]["dropout_stage"],
                                                    TRUTHS[slug]["dropout_channel"])
    sentence = tp.critical_findings(inputs, inputs.config.language, 1)[0].text
    assert inputs.config.labels("channels")[TRUTHS[slug]["dropout_channel"]] in sentence


@pytest.mark.parametrize("slug", DEMOS)
def test_planted_missing_touchpoint_found(demo: dict, slug: str) -> None:
    inputs, _ = demo[slug]
    missing = tp.missing_touchpoints(inputs)
    assert tuple(missing.row(0)[:2]) == TRUTHS[slug]["missing_touchpoint_cell"]
    assert len(tp.missing_findings(inputs, inputs.config.language)) >= 1


@pytest.mark.parametrize("slug", DEMOS)
def test_rating_without_evidence_is_the_planted_one(demo: dict, slug: str) -> None:
    inputs, table = demo[slug]
    assert tp.unevidenced(table)["touchpoint_id"].to_list() == [
        TRUTHS[slug]["unevidenced_touchpoint"]]
    [finding] = tp.unevidenced_findings(table, inputs, inputs.config.language)
    assert finding.severity == "warning"


@pytest.mark.parametrize("slug", DEMOS)
def test_evidence_counts_passages_and_responses(demo: dict, slug: str) -> None:
    inputs, table = demo[slug]
    planted = table.filter(pl.col("touchpoint_id") == TRUTHS[slug]["detractor_driver_touchpoint"])
    row = planted.row(0, named=True)
    assert row["passages"] > 10 and row["responses"] > 100
    assert row["evidence"] == row["passages"] + row["responses"]
    responses = inputs["survey"].filter(pl.col("touchpoint_id") == row["touchpoint_id"]).height
    assert row["responses"] == responses


@pytest.mark.parametrize("slug", DEMOS)
def test_matrix_has_every_channel_and_stage_in_order(demo: dict, slug: str) -> None:
    inputs, table = demo[slug]
    rows = tp.matrix_cells(inputs, table)
    assert [r["channel"] for r in rows] == list(inputs.config.labels("channels").values())
    assert all(len(r["cells"]) == len(inputs.config.stages) for r in rows)
    assert sum(len(c) for r in rows for c in r["cells"]) == table.height


@pytest.mark.parametrize("slug", DEMOS)
def test_flows_are_aggregated_and_consistent(demo: dict, slug: str) -> None:
    inputs, _ = demo[slug]
    flows = tp.channel_flows(inputs)
    customers = inputs["events"]["customer_id"].n_unique()
    assert flows["count"].sum() == inputs["events"].height - customers
    shares = flows.group_by("source").agg(pl.col("share").sum())
    assert (shares["share"] - 1).abs().max() < 1e-9
    stage_flows = tp.stage_flows(inputs)
    assert (stage_flows["to_order"] > stage_flows["from_order"]).all()
    # ties in a fixed order: the report's top 40 moves are the same every run
    keys = ["count", "from_order", "to_order", "from_channel", "to_channel"]
    assert stage_flows.equals(stage_flows.sort(keys, descending=[True] + [False] * 4))
    assert stage_flows["count"].is_duplicated().any()


@pytest.mark.parametrize("slug", DEMOS)
def test_the_missing_touchpoints_listed_add_up_to_the_count(demo: dict, slug: str) -> None:
    inputs, _ = demo[slug]
    total = tp.missing_touchpoints(inputs).height
    found = tp.missing_findings(inputs, "en", limit=3)
    problems = [f for f in found if f.severity == "problem"]
    assert len(problems) == min(3, total)
    if total > 3:
        assert found[-1].text.startswith(f"… and {total - 3} more crossing")
        assert f"({total} in all)" in found[-1].text
