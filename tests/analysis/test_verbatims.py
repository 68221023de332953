"""Verbatim themes per NPS group, linked to the interview codebook, examples redacted."""

import re
from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import interviews as iv
from cxlib.analysis import verbatims as vb
from cxlib.inputs.config import Scale
from cxlib.inputs.loaders import load_inputs

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(scope="module")
def fr(demo_home: Path) -> tuple:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        inputs = load_inputs("demo-fr")
        return inputs, iv.coded_spans(inputs, iv.load_transcripts(inputs))


def test_detractors_talk_about_the_planted_irritant_theme(fr: tuple) -> None:
    inputs, spans = fr
    table = vb.themes_by_group(inputs, spans, "fr")
    detractors = table.filter(pl.col("group") == "detractor")
    assert detractors["theme"][0] == "th_delais"  # delivery appointments and waiting
    assert detractors["share"][0] > 0.3
    assert table.group_by("group").agg(pl.col("share").sum())["share"].max() <= 1.0 + 1e-9


def test_examples_are_redacted(fr: tuple) -> None:
    inputs, spans = fr
    survey = inputs["survey"].with_columns(pl.lit(
        "Livreur jamais venu, rappelez-moi au 06 12 34 56 78 ou jean.dupont@example.com "
        "pour le rendez-vous de livraison").alias("verbatim"))
    patched = {**inputs, "survey": survey}

    class _Inputs(dict):
        config = inputs.config

    table = vb.themes_by_group(_Inputs(patched), spans, "fr")
    for example in table["example"].to_list():
        assert not EMAIL.search(example) and "06 12 34 56 78" not in example


def test_vocabulary_is_distinctive_and_assignment_needs_two_words() -> None:
    spans = pl.DataFrame({
        "theme": ["wait", "wait", "price", "price"],
        "text": ["the delivery driver never came, waiting all day",
                 "waiting for the delivery again, driver late",
                 "fees were hidden until checkout, expensive fees",
                 "expensive delivery fees at checkout"]})
    vocab = vb.theme_vocabulary(spans)
    assert {"waiting", "driver"} <= vocab["wait"] and "fees" in vocab["price"]
    themes = vb.assign_themes(pl.Series(["driver never came, waiting", "fees", None]), vocab)
    assert themes.to_list() == ["wait", None, None]


def test_nps_groups() -> None:
    out = pl.DataFrame({"nps": [10, 9, 8, 7, 6, 0, None]}).select(
        vb.nps_group(pl.col("nps"), Scale(min=0, max=10, top=9)))
    assert out["group"].to_list() == ["promoter", "promoter", "passive", "passive",
                                      "detractor", "detractor", None]
