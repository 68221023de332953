"""The journey map, its health check and the action plan on the demo clients."""

import html
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import journey_map as jm
from cxlib.analysis import touchpoints as tp
from cxlib.demo import TRUTHS
from cxlib.i18n import quoted, t
from cxlib.inputs.loaders import load_inputs

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="module")
def demo(demo_inputs: dict, demo_spans: dict, demo_evidence: dict) -> dict:
    return {slug: (demo_inputs[slug], demo_spans[slug], demo_evidence[slug]) for slug in DEMOS}


@pytest.mark.parametrize("slug", DEMOS)
def test_health_check_names_the_planted_errors(demo: dict, slug: str) -> None:
    inputs, _, evidence = demo[slug]
    health = jm.health_check(inputs, evidence, inputs.config.language, today=date(2026, 11, 26))
    texts = " ".join(f.text for f in health)
    department = inputs.config.labels("departments")[TRUTHS[slug]["uninterviewed_department"]]
    assert department in texts
    assert any(f.severity == "warning" and ("1 n'a aucune preuve" in f.text
                                            or "1 has no field evidence" in f.text)
               for f in health)
    assert [f.severity for f in health] == sorted(
        (f.severity for f in health), key={"problem": 0, "warning": 1, "info": 2}.get)


@pytest.mark.parametrize("slug", DEMOS)
def test_map_shows_the_planted_irritant_where_it_hurts(demo: dict, slug: str) -> None:
    inputs, spans, evidence = demo[slug]
    planted = evidence.filter(
        pl.col("touchpoint_id") == TRUTHS[slug]["detractor_driver_touchpoint"])
    stage = inputs.config.labels("stages")[planted["stage_id"][0]]
    pid = inputs["personas"]["persona_id"][0]
    journey = jm.persona_map(inputs, pid, spans, evidence)
    column = next(s for s in journey["stages"] if s["label"] == stage)
    assert planted["name"][0] in column["opportunities"]
    assert column["satisfaction"]["n"] >= 30 and column["satisfaction"]["mean"] is not None
    curve = jm.emotional_curve(inputs, None)  # every customer
    assert stage in curve.sort("mean")["stage"].head(2).to_list()  # a low point of the curve


@pytest.mark.parametrize("slug", DEMOS)
def test_action_plan_ranks_and_derives_opportunities(demo: dict, slug: str) -> None:
    inputs, _, evidence = demo[slug]
    plan = jm.action_plan(inputs, evidence, inputs.config.language)
    assert plan.filter(pl.col("source") == "consultant").height == inputs["actions"].height
    derived = plan.filter(pl.col("source") == "derived")
    assert derived.height >= 1 and derived["effort"].to_list() == [3] * derived.height
    open_ = plan.filter(pl.col("status") != "done")  # what is done comes last
    assert open_.height < plan.height
    assert plan.head(open_.height).equals(open_)
    assert open_["priority"].to_list() == sorted(open_["priority"].to_list(), reverse=True)
    assert plan["impact"].is_between(1, 5).all()
    driver = evidence.filter(pl.col("touchpoint_id")
                             == TRUTHS[slug]["detractor_driver_touchpoint"])["name"][0]
    assert driver in plan.head(3)["touchpoint"].to_list()  # the detractor driver leads
    ties = open_.group_by("priority", "impact", maintain_order=True).agg("source")
    for sources in ties["source"].to_list():  # the consultant's before derived at a tie
        assert sources == sorted(sources, key=lambda x: x != "consultant")
    shown = jm.plan_display(plan, inputs.config.language)
    assert shown.columns[0] == "rank" and shown["rank"].to_list() == list(
        range(1, plan.height + 1))
    assert shown.drop("rank", "source", "status").equals(plan.drop("source", "status"))


def test_curves_mark_moments_of_truth(demo: dict) -> None:
    inputs, _, evidence = demo["demo-fr"]
    curves = jm.curves(inputs, evidence)
    assert curves["persona"].n_unique() == inputs["personas"].height
    assert curves["moment"].any()


@pytest.mark.parametrize("slug", DEMOS)
def test_workshop_lanes_set_the_declared_journey_against_observed_channels(demo: dict,
                                                                           slug: str) -> None:
    from cxlib.presentation.page import journey_map_html

    inputs, spans, evidence = demo[slug]
    truth, cfg = TRUTHS[slug], inputs.config
    journey = jm.persona_map(inputs, truth["store_first_persona"], spans, evidence)
    first = journey["stages"][0]
    assert first["actions"] and first["questions"] and first["motivations"]
    store = cfg.labels("channels")[truth["store_channel"]]
    kinds = {c.label: c.kind for c in cfg.channels}
    declared = " ".join(s["actions"] for s in journey["stages"]).lower()
    assert ("magasin" if slug == "demo-fr" else "branch") in declared
    observed = [label for s in journey["stages"] for label, _ in s["channels"][:1]]
    assert store not in observed and all(kinds[c] == "digital" for c in observed)
    page = journey_map_html(journey, cfg.language)
    assert t("jm_lane_actions", cfg.language) in page
    assert t("jm_lane_questions", cfg.language) in page
    question = html.escape(quoted(first["questions"], cfg.language), quote=False)
    assert f'<div class="cx-jm-ask">{question}</div>' in page  # the customer's own words


def test_map_without_workshop_notes_has_no_empty_workshop_lanes(demo: dict) -> None:
    from cxlib.presentation.page import journey_map_html

    inputs, spans, evidence = demo["demo-en"]
    journey = jm.persona_map(inputs, None, spans, evidence)  # every customer: no notes
    assert journey["stages"][0]["actions"] == ""
    assert t("jm_lane_actions", "en") not in journey_map_html(journey, "en")


@pytest.mark.parametrize("slug", DEMOS)
def test_each_persona_map_keeps_the_touchpoints_of_its_own_channels(demo: dict,
                                                                    slug: str) -> None:
    inputs, spans, evidence = demo[slug]
    seen = {}
    for pid in inputs["personas"]["persona_id"]:
        journey = jm.persona_map(inputs, pid, spans, evidence)
        seen[pid] = tuple(tuple(tp["name"] for tp in s["touchpoints"])
                          for s in journey["stages"])
    assert len(set(seen.values())) == len(seen)  # no two personas share one map
    everyone = sum(len(s["touchpoints"]) for s in jm.persona_map(
        inputs, None, spans, evidence)["stages"])
    assert all(sum(map(len, stages)) < everyone for stages in seen.values())


def test_health_check_says_nothing_about_data_the_client_has_not_provided(
        make_client, drop_tables) -> None:
    folder = make_client("acme", "en")
    drop_tables(folder, "events", "interviews", "codings")
    inputs = load_inputs("acme")
    texts = " ".join(f.text for f in jm.health_check(inputs, tp.evidence(inputs, None), "en"))
    assert "event log" not in texts and "never interviewed" not in texts
    assert "Fieldwork of the current wave" in texts


@pytest.mark.parametrize("slug", DEMOS)
def test_the_map_says_what_customers_write_at_each_stage(demo: dict, demo_home: Path,
                                                         slug: str) -> None:
    from cxlib.analysis import feedback as fb

    inputs, spans, evidence = demo[slug]
    with pytest.MonkeyPatch.context() as patch:  # the codebook's words: the transcripts
        patch.setenv("CX_HOME", str(demo_home))
        voice = fb.listen(inputs)
    everyone = jm.persona_map(inputs, None, spans, evidence, voice=voice)
    lanes = [s["voice"] for s in everyone["stages"]]
    assert sum(lane is not None and lane["theme"] is not None for lane in lanes) >= 4
    per_stage = fb.stage_voice(voice)
    texts = voice.texts.filter(pl.col("stage_id").is_not_null())
    for stage, lane in per_stage.items():  # n and negative share are the stage's texts'
        here = texts.filter(pl.col("stage_id") == stage)
        assert lane["n"] == here.height
        assert lane["share_negative"] == pytest.approx((here["label"] == "negative").mean())
    # without texts, no lane at all
    assert "voice" not in jm.persona_map(inputs, None, spans, evidence)["stages"][0]
