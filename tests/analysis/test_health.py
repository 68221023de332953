"""The review's checks of a finished map: ratings, actions, paired rates and drivers."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from scipy.stats import fisher_exact

from cxlib.analysis import health
from cxlib.analysis import journey_map as jm
from cxlib.inputs.loaders import Inputs


def _with(inputs: Inputs, config: object = None, **frames: pl.DataFrame) -> Inputs:
    """The same inputs with some tables (or the configuration) replaced."""
    return Inputs(config or inputs.config, {**{k: inputs[k] for k in inputs}, **frames},
                  inputs.report)


def _survey(inputs: Inputs, groups: list[tuple[str | None, int, int]]) -> pl.DataFrame:
    """Current-wave answers: per (touchpoint, answers, detractors), NPS 2 or 9."""
    rows = []
    for touchpoint, n, detractors in groups:
        rows += [{"touchpoint_id": touchpoint, "nps": 2 if i < detractors else 9}
                 for i in range(n)]
    frame = pl.DataFrame(rows, schema={"touchpoint_id": pl.String, "nps": pl.Int64})
    template = inputs["survey"].head(1).drop("touchpoint_id", "nps")
    return pl.concat([template] * frame.height).with_columns(
        pl.lit(inputs.config.wave).alias("wave")).hstack(frame) \
        .with_columns(pl.format("R{}", pl.int_range(pl.len())).alias("response_id"))


@pytest.fixture(scope="module")
def demo_en(demo_inputs: dict) -> Inputs:
    return demo_inputs["demo-en"]


def _rated(inputs: Inputs, valence: str) -> tuple[str, str]:
    row = inputs["touchpoints"].filter(pl.col("valence") == valence).row(0, named=True)
    return row["touchpoint_id"], row["name"]


def test_an_enchantment_the_survey_contradicts_is_named_with_its_test(demo_en: Inputs) -> None:
    tp_id, name = _rated(demo_en, "enchantment")
    inputs = _with(demo_en, survey=_survey(demo_en, [(tp_id, 40, 20), (None, 400, 40)]))
    found = health.rating_contradictions(inputs)
    expected = fisher_exact([[20, 20], [40, 360]], alternative="greater").pvalue
    assert found.select("touchpoint_id", "n", "direction").rows() == [(tp_id, 40, "positive")]
    assert found["detractors"][0] == 0.5 and found["elsewhere"][0] == 0.1
    assert found["p_value"][0] == pytest.approx(expected)
    texts = [f.text for f in health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "en")]
    assert (f"'{name}' is rated enchantment, yet 50% of its 40 respondents are detractors "
            "against 10% of the others (Fisher's exact test, one-sided, p <\u00a00.001): check "
            "the rating against the survey.") in texts
    french = [f.text for f in health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "fr")]
    assert any(text.startswith(f"« {name} » est noté enchantement, mais 50\u202f% de ses 40 "
                               "répondants sont détracteurs") for text in french)


def test_a_break_with_fewer_detractors_than_the_rest_is_named(demo_en: Inputs) -> None:
    tp_id, name = _rated(demo_en, "rupture")
    inputs = _with(demo_en, survey=_survey(demo_en, [(tp_id, 60, 3), (None, 300, 90)]))
    found = health.rating_contradictions(inputs)
    assert found.select("touchpoint_id", "direction").rows() == [(tp_id, "negative")]
    text = health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "en")[0].text
    assert text.startswith(f"'{name}' is rated break, yet only 5% of its 60 respondents are "
                           "detractors against 30% of the others")


def test_a_lift_that_is_not_significant_or_on_a_low_base_is_not_called_a_contradiction(
        demo_en: Inputs) -> None:
    tp_id, _ = _rated(demo_en, "enchantment")
    # 13 detractors of 40 against 21 % elsewhere: 1.5 times the rest, but p > 0.05
    inputs = _with(demo_en, survey=_survey(demo_en, [(tp_id, 40, 13), (None, 400, 84)]))
    assert fisher_exact([[13, 27], [84, 316]], alternative="greater").pvalue > 0.05
    assert health.rating_contradictions(inputs).height == 0
    texts = [f.text for f in health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "en")]
    assert ("No rating is contradicted by the survey: on every touchpoint with 30 answers or "
            "more, the detractor share agrees with the rating (Fisher's exact test, 5% level)."
            ) in texts
    low = _with(demo_en, survey=_survey(demo_en, [(tp_id, 12, 12), (None, 400, 10)]))
    assert health.rating_contradictions(low).height == 0  # 12 answers: under the flag of 30


def test_ratings_on_thin_evidence_are_listed_fewest_first(demo_en: Inputs) -> None:
    evidence = pl.DataFrame({"touchpoint_id": ["a", "b", "c", "d"],
                             "name": ["Alpha", "Beta", "Gamma", "Delta"],
                             "valence": ["irritant", "enchantment", None, "rupture"],
                             "evidence": [3, 29, 2, 0]})
    assert health.thin_ratings(demo_en, evidence).rows() == [("a", "Alpha", 3), ("b", "Beta", 29)]
    inputs = _with(demo_en, survey=_survey(demo_en, [(None, 100, 10)]))
    texts = [f.text for f in health.findings(inputs, evidence, None, "en")]
    assert ("2 rated touchpoints rest on fewer than 30 pieces of evidence: Alpha, Beta. Treat "
            "their ratings as hypotheses to confirm.") in texts
    french = [f.text for f in health.findings(inputs, evidence.head(1), None, "fr")]
    assert ("1 point de contact noté repose sur moins de 30 éléments de preuve : Alpha. Sa note "
            "est une hypothèse à confirmer.") in french


def test_a_top_irritant_whose_action_is_done_is_said(demo_inputs: dict, demo_spans: dict) -> None:
    inputs, spans = demo_inputs["demo-fr"], demo_spans["demo-fr"]
    done = health.done_irritants(inputs, spans)
    assert done.height >= 1
    actions = inputs["actions"].filter(pl.col("status") == "done")
    tps = inputs["touchpoints"]
    for r in done.iter_rows(named=True):
        action = actions.filter(pl.col("title") == r["action"]).row(0, named=True)
        where = tps.filter(pl.col("touchpoint_id") == action["touchpoint_id"]).row(0, named=True)
        assert (where["stage_id"], where["channel_id"], where["name"]) == (
            r["stage_id"], r["channel_id"], r["touchpoint"])
        assert 1 <= r["rank"] <= 5
    texts = [f.text for f in health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), spans, "fr")]
    first = done.row(0, named=True)
    assert any(text.startswith(f"L'irritant n° {first['rank']}, ") and
               f"dont l'action « {first['action']} » est marquée faite" in text
               for text in texts)
    # without a status column, nothing is said
    assert health.done_irritants(_with(inputs, actions=inputs["actions"].drop("status")),
                                 spans).height == 0


def test_churn_and_retention_that_do_not_add_up_ask_for_definitions(demo_en: Inputs) -> None:
    month = date(2026, 9, 1)
    kpis = pl.DataFrame({"kpi": ["churn", "retention", "churn", "retention"],
                         "period": [date(2026, 8, 1), date(2026, 8, 1), month, month],
                         "stage_id": [None] * 4, "channel_id": [None] * 4,
                         "value": [0.08, 0.92, 0.066, 0.92]},
                        schema_overrides={"stage_id": pl.String, "channel_id": pl.String})
    inputs = _with(demo_en, kpis=kpis)
    pairs = health.paired_rates(inputs)
    assert pairs.select("first", "second", "period", "defined").rows() == [
        ("churn", "retention", month, False)]
    texts = [f.text for f in health.findings(inputs, inputs["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "en")]
    assert ("Churn at 6.6% and Retention at 92.0% add up to 98.6%, not 100%: give each one's "
            "definition (period, base, what counts as leaving) under kpi_definitions in "
            "client.yaml.") in texts
    defined = _with(demo_en, demo_en.config.model_copy(update={"kpi_definitions": {
        "churn": "closed every account in the month", "retention": "kept one for 12 months"}}),
        kpis=kpis)
    assert health.paired_rates(defined)["defined"].to_list() == [True]
    assert not any("kpi_definitions" in f.text for f in health.findings(
        defined, defined["touchpoints"].with_columns(pl.lit(100).alias("evidence")), None, "en"))
    adds_up = _with(demo_en, kpis=kpis.head(2))  # 8 % + 92 %
    assert health.paired_rates(adds_up).height == 0


def test_a_driver_that_explains_most_of_the_variance_is_questioned(demo_en: Inputs) -> None:
    top = health.dominant_driver(demo_en)
    assert top is not None and top["share"] > health.DOMINANT_SHARE
    texts = [f.text for f in health.findings(demo_en, demo_en["touchpoints"].with_columns(
        pl.lit(100).alias("evidence")), None, "en")]
    assert any(text.startswith(f"'{top['label']}' carries ") and "halo effect" in text
               for text in texts)
    assert health.dominant_driver(_with(demo_en, survey=demo_en["survey"].head(0))) is None


def test_the_map_health_check_carries_the_review_checks(demo_inputs: dict, demo_spans: dict,
                                                        demo_evidence: dict) -> None:
    inputs = demo_inputs["demo-en"]
    texts = [f.text for f in jm.health_check(inputs, demo_evidence["demo-en"], "en",
                                             spans=demo_spans["demo-en"])]
    assert any("halo effect" in text for text in texts)
    assert any("add up to" in text for text in texts)
