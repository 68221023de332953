"""The KPI review on both demo clients finds what was planted, and states it in words."""

import polars as pl
import pytest

from cxlib.analysis import kpi_review as kr
from cxlib.demo import TRUTHS

DEMOS = ("demo-fr", "demo-en")


@pytest.mark.parametrize("slug", DEMOS)
def test_headline_finds_the_significant_nps_rise(demo_inputs: dict, slug: str) -> None:
    head = kr.headline(demo_inputs[slug])
    nps = head.filter(pl.col("kpi") == "nps").row(0, named=True)
    assert nps["change"] > 5 and nps["significant"] is True and nps["p_value"] < 0.001
    assert nps["n"] >= 2000 and nps["base"] == "ok"
    assert set(head["kpi"]) == {"nps", "csat", "ces"}
    assert set(head["status"]) <= {"green", "amber", "red"}


@pytest.mark.parametrize("slug", DEMOS)
def test_strongest_driver_is_the_planted_stage(demo_inputs: dict, slug: str) -> None:
    drivers = kr.driver_table(demo_inputs[slug])
    top = drivers.sort("share", descending=True).row(0, named=True)
    assert top["driver"] == TRUTHS[slug]["detractor_driver_stage"]
    assert top["quadrant"] == "fix" and top["priority"] == 1
    assert drivers["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("slug", DEMOS)
def test_detractor_touchpoint_found_and_named(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    table = kr.touchpoint_detractors(inputs)
    assert table["segment"][0] == TRUTHS[slug]["detractor_driver_touchpoint"]
    sentence = kr.detractor_sentence(table, inputs.config.language)
    name = kr.labels(inputs, "touchpoints")[TRUTHS[slug]["detractor_driver_touchpoint"]]
    assert sentence is not None and name in sentence


@pytest.mark.parametrize("slug", DEMOS)
def test_small_stable_segment_not_called_significant(demo_inputs: dict, slug: str) -> None:
    changes = kr.segment_changes(demo_inputs[slug], "channel_id")
    stable = changes.filter(pl.col("segment") == TRUTHS[slug]["nps_stable_channel"])
    assert stable["significant"].to_list() == [False]
    suppressed = changes.filter(pl.col("segment") == TRUTHS[slug]["suppressed_channel"])
    assert suppressed["significant"].to_list() == [None]  # nothing can be said


@pytest.mark.parametrize("slug", DEMOS)
def test_low_and_suppressed_bases_flagged(demo_inputs: dict, slug: str) -> None:
    low = kr.low_bases(demo_inputs[slug], ("channel_id",))
    flags = dict(low.select("segment", "base").iter_rows())
    assert flags[TRUTHS[slug]["low_base_channel"]] == "low"
    assert flags[TRUTHS[slug]["suppressed_channel"]] == "suppressed"
    shown = kr.breakdown(demo_inputs[slug], "channel_id")
    hidden = shown.filter(pl.col("segment") == TRUTHS[slug]["suppressed_channel"])
    assert hidden["value"].to_list() == [None]


@pytest.mark.parametrize("slug", DEMOS)
def test_breakdown_by_stage_in_journey_order(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    out = kr.breakdown(inputs, "stage_id")
    assert out["segment"].to_list() == [s for s in inputs.config.ids("stages")
                                        if s in out["segment"].to_list()]
    assert (out["ci_low"] <= out["value"]).all() and (out["value"] <= out["ci_high"]).all()


@pytest.mark.parametrize("slug", DEMOS)
def test_funnel_and_operational_kpis(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    funnel = kr.funnel(inputs)
    assert funnel["stage"].to_list() == [*inputs.config.ids("stages"), "converted"]
    assert funnel["share"].max() <= 1.0
    ops = kr.operational(inputs)
    assert {"conversion", "churn", "retention", "first_response_time",
            "resolution_time"} <= set(ops["kpi"])
    churn = ops.filter(pl.col("kpi") == "churn").row(0, named=True)
    assert churn["lower_is_better"] is True


def test_status_rule_with_interval_and_tolerance() -> None:
    frame = pl.DataFrame({"v": [32.0, 28.0, 20.0, None], "lo": [30.0, 24.0, 15.0, None],
                          "hi": [34.0, 31.0, 25.0, None]})
    with_ci = frame.select(kr.status_expr("v", pl.lit(30.0), pl.lit(False), "lo", "hi"))
    assert with_ci["status"].to_list() == ["green", "amber", "red", None]
    ops = pl.DataFrame({"v": [3.0, 4.3, 5.0]}).select(
        kr.status_expr("v", pl.lit(4.0), pl.lit(True)))  # a time: lower is better
    assert ops["status"].to_list() == ["green", "amber", "red"]


@pytest.mark.parametrize(("kpi", "value", "lang", "sign", "text"), [
    ("nps", 23.4, "fr", False, "23"), ("nps", -8.6, "en", True, "\u22129"),
    ("csat", 0.634, "fr", False, "63\u202f%"), ("csat", 0.03, "en", True, "+3 pts"),
    ("ces", 4.83, "fr", False, "4,8"), ("churn", 0.147, "en", False, "14.7%"),
    ("nps", None, "en", False, "–"),
])
def test_kpi_values_formatted_in_their_unit(kpi: str, value: float | None, lang: str,
                                            sign: bool, text: str) -> None:
    assert kr.format_kpi(kpi, value, lang, sign=sign) == text


def test_nps_sentence_states_interval_base_and_verdict(demo_inputs: dict) -> None:
    sentence = kr.nps_sentence(kr.headline(demo_inputs["demo-fr"]), "fr")
    assert sentence.startswith("Le NPS de la vague est de ")
    assert "intervalle à 95\u202f%" in sentence
    assert "une évolution significative (p <\u00a00,001)" in sentence


@pytest.mark.parametrize("slug", DEMOS)
def test_operational_shares_read_as_shares(demo_inputs: dict, slug: str) -> None:
    kpis = demo_inputs[slug]["kpis"]  # demo-en writes 0.914 and 0.92 in one column
    shares = kpis.filter(pl.col("kpi").is_in(["churn", "conversion", "retention"]))
    assert shares.height and shares["value"].is_between(0, 1).all()


def test_detractor_table_marks_low_bases() -> None:
    table = pl.DataFrame({"segment": ["t1", "t2"], "label": ["Caisse", "Livraison"],
                          "n": [120, 17], "detractors": [0.2, 0.5], "elsewhere": [0.1, 0.1],
                          "lift": [2.0, 5.0], "base": ["ok", "low"]})
    assert kr.detractors_display(table)["label"].to_list() == ["Caisse", "Livraison ⚠"]


@pytest.mark.parametrize(("kpi", "before", "after", "text"), [
    ("csat", 0.554, 0.596, "+5 pts"),    # 55 % → 60 %: a reader subtracts 55 from 60
    ("nps", 36.6, 47.7, "+11"),          # 37 → 48
    ("nps", -36.6, -20.4, "+17"),        # −37 → −20
    ("ces", 4.74, 4.86, "+0.2"),         # 4.7 → 4.9
    ("nps", None, 12.0, "–"),
])
def test_a_change_is_the_difference_of_the_values_as_written(kpi: str, before, after,
                                                             text: str) -> None:
    assert kr.format_change(kpi, before, after, "en") == text


@pytest.mark.parametrize("slug", DEMOS)
def test_every_headline_change_on_the_front_page_adds_up(
        demo_inputs: dict, demo_home, slug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from cxlib.presentation.front import front_page

    def value(text: str) -> float:
        text = text.replace("\u202f", "").replace("\u00a0", "").replace("\u2212", "-")
        text = text.replace("%", "").replace("pts", "").strip()
        return float(text.replace(",", ".") if slug == "demo-fr" else text)

    monkeypatch.setenv("CX_HOME", str(demo_home))
    kpis = front_page(demo_inputs[slug])["kpis"]
    assert kpis
    for k in kpis:
        change, previous = re.match(r"^(\S+(?: pts)?) .*\((.+?)\)", k["change"]).groups()
        assert value(change) == pytest.approx(value(k["value"]) - value(previous)), k
