"""Interview findings on both demo clients: the planted truths, privacy, agreement, saturation."""

import re
from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import interviews as iv
from cxlib.demo import TRUTHS
from cxlib.inputs.loaders import load_inputs

DEMOS = ("demo-fr", "demo-en")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(scope="module")
def demo(demo_home: Path) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        out = {}
        for slug in DEMOS:
            inputs = load_inputs(slug)
            transcripts = iv.load_transcripts(inputs)
            out[slug] = (inputs, transcripts, iv.coded_spans(inputs, transcripts))
        return out


@pytest.mark.parametrize("slug", DEMOS)
def test_top_irritant_is_the_planted_touchpoint(demo: dict, slug: str) -> None:
    inputs, _, spans = demo[slug]
    planted = TRUTHS[slug]["detractor_driver_touchpoint"]
    tp = inputs["touchpoints"].filter(pl.col("touchpoint_id") == planted).row(0, named=True)
    top = iv.top_codes(spans, inputs, "irritant", limit=1).row(0, named=True)
    assert (top["stage_id"], top["channel_id"]) == (tp["stage_id"], tp["channel_id"])
    assert tp["name"] in top["touchpoints"]
    assert top["employees"] > 0 and top["customers"] > 0


@pytest.mark.parametrize("slug", DEMOS)
def test_quotes_are_pseudonymised_and_respect_consent(demo: dict, slug: str) -> None:
    inputs, _transcripts, spans = demo[slug]
    lang = inputs.config.language
    items = iv.top_items(inputs, spans, "irritant", lang) + iv.top_items(
        inputs, spans, "enchantment", lang)
    quoted = [q["text"] for item in items for q in item["quotes"]]
    assert len(quoted) >= 10
    names = [n for full in inputs["interviews"]["respondent"].to_list()
             + inputs["interviews"]["interviewer"].to_list() for n in full.split()]
    for text in quoted:
        assert not EMAIL.search(text), text
        assert not any(re.search(rf"\b{re.escape(n)}\b", text) for n in names), text
    sources = {q["interview_id"] for item in items for q in item["quotes"]}
    assert TRUTHS[slug]["no_consent_interview"] not in sources
    assert len(sources) >= 5


@pytest.mark.parametrize("slug", DEMOS)
def test_uninterviewed_department_is_a_problem(demo: dict, slug: str) -> None:
    inputs, _, _ = demo[slug]
    table = iv.department_coverage(inputs)
    missing = table.filter(pl.col("interviews") == 0)["department_id"].to_list()
    assert missing == [TRUTHS[slug]["uninterviewed_department"]]
    [(severity, sentence)] = iv.coverage_sentences(inputs, inputs.config.language)
    assert severity == "problem"
    assert inputs.config.labels("departments")[missing[0]] in sentence


@pytest.mark.parametrize("slug", DEMOS)
def test_agreement_overall_and_per_code(demo: dict, slug: str) -> None:
    inputs, transcripts, _ = demo[slug]
    table, pair = iv.agreement(inputs, transcripts)
    assert pair == " / ".join(TRUTHS[slug]["coders"])
    overall = table.filter(pl.col("code_id").is_null()).row(0, named=True)
    assert 0.7 < overall["alpha"] < 0.95 and 0.7 < overall["kappa"] < 0.95
    assert table.filter(pl.col("code_id").is_not_null()).height >= 20
    sentence = iv.agreement_sentence(table, inputs.config.language)
    assert "kappa = 0" in sentence and "alpha = 0" in sentence
    assert "((" not in sentence and "))" not in sentence  # no brackets in brackets


@pytest.mark.parametrize("slug", DEMOS)
def test_saturation_verdict_in_words_per_population(demo: dict, slug: str) -> None:
    inputs, _, _ = demo[slug]
    sentences = iv.saturation_sentences(inputs, inputs.config.language)
    assert len(sentences) == 2
    assert all(sev in ("info", "warning") for sev, _ in sentences)
    curve = iv.saturation_curve(inputs)
    last = curve.group_by("population").agg(pl.col("cumulative_codes").max())
    assert (last["cumulative_codes"] > 20).all()


def test_spans_carry_exact_transcript_text(demo: dict) -> None:
    _inputs, transcripts, spans = demo["demo-fr"]
    r = spans.row(0, named=True)
    assert transcripts[r["interview_id"]].text[r["start"]:r["end"]] == r["text"]
    assert spans["stage_id"].null_count() == 0 and spans["valence_code"].null_count() == 0


def test_roster_labels_are_roles_never_names(demo: dict) -> None:
    inputs, _, _ = demo["demo-en"]
    names = iv.roster(inputs, "en")
    assert names.height >= inputs["interviews"].height
    assert "Interviewer" in names["label"].to_list()
    assert not set(names["label"]) & set(names["name"])


def test_respondents_without_consent_are_never_quoted(demo: dict) -> None:
    inputs, _, spans = demo["demo-fr"]
    r = spans.row(0, named=True)
    refused = spans.with_columns(pl.lit(False).alias("consent"))
    assert iv.quotes(refused, r["stage_id"], r["channel_id"], r["theme"], r["valence_code"],
                     iv.roster(inputs, "fr"), "fr") == []
    assert iv.quotes(spans, r["stage_id"], r["channel_id"], r["theme"], r["valence_code"],
                     iv.roster(inputs, "fr"), "fr")


@pytest.mark.parametrize("slug", DEMOS)
def test_frequencies_and_cooccurrences_come_in_one_order(demo: dict, slug: str) -> None:
    _, _, spans = demo[slug]
    by_stage = iv.frequencies(spans.filter(pl.col("population") == "employee"), "theme",
                              "department_id")
    keys = ["interviews", "passages", "code_id", "department_id"]
    assert by_stage.equals(by_stage.sort(keys, descending=[True, True, False, False]))
    assert by_stage.select("interviews", "passages", "code_id").is_duplicated().any()
    pairs = iv.cooccurrence(spans)
    assert pairs.equals(pairs.sort("row", "column"))


def test_frequencies_by_persona_and_by_stage_and_channel(demo: dict) -> None:
    inputs, _, spans = demo["demo-fr"]
    by_persona = iv.theme_by_persona(inputs, spans)
    assert set(by_persona["column"]) <= set(inputs["personas"]["name"])
    cells = iv.stage_channel_matrix(inputs, spans)
    assert cells["passages"].sum() == spans.filter(
        pl.col("stage_id").is_not_null() & pl.col("channel_id").is_not_null()).height


def test_code_frequency_table_counts_every_kind_by_population(demo: dict) -> None:
    inputs, _, spans = demo["demo-en"]
    table = iv.code_frequency_table(inputs, spans)
    assert table["kind"].unique(maintain_order=True).to_list() == list(iv.KINDS)
    assert set(table["code"]) <= set(inputs["codebook"]["label"])
    for kind in iv.KINDS:
        assert table.filter(pl.col("kind") == kind)["passages"].sum() == \
            spans[kind].drop_nulls().len()
    first = table.row(0, named=True)
    cited = spans.filter(pl.col("stage").is_not_null())
    assert first["interviews"] == first["employees"] + first["customers"] <= \
        cited["interview_id"].n_unique()
