"""The voice of the customer: texts joined, themes found and linked, the demo's truths found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

import cxlib.analysis.feedback as fb
from cxlib.analysis.coverage import report_status, section_status
from cxlib.analysis.feedback import wording as vw
from cxlib.demo import TRUTHS

DEMOS = ("demo-fr", "demo-en")


@pytest.fixture(scope="module")
def voices(demo_home: Path, demo_inputs: dict) -> dict:
    with pytest.MonkeyPatch.context() as patch:  # transcripts are read on first use
        patch.setenv("CX_HOME", str(demo_home))
        return {slug: fb.listen(demo_inputs[slug]) for slug in DEMOS}


def _theme_with(voice: fb.Voice, term: str) -> pl.DataFrame:
    return voice.themes.filter(
        pl.col("terms").list.eval(pl.element().str.contains(term)).list.any())


def test_lemmas_drop_stop_words_and_judgements() -> None:
    assert fb.lemmas("Les livraisons étaient parfaites mais le parking est payant", "fr") == [
        "livraison", "parking", "payant"]
    assert fb.lemmas("The deliveries were late and the parcels damaged", "en") == [
        "delivery", "parcel"]


def test_themes_are_found_named_and_reproducible() -> None:
    texts = (["Le parking est plein, impossible de se garer"] * 30
             + ["Livraison en retard, le livreur n'est pas venu"] * 30
             + ["L'appli plante au paiement du panier"] * 30)
    first = fb.find_themes(texts, ["fr"] * len(texts), n_themes=3)
    again = fb.find_themes(texts, ["fr"] * len(texts), n_themes=3)
    assert first.themes.equals(again.themes) and first.assigned.equals(again.assigned)
    assert first.themes.height == 3
    keywords = " ".join(first.themes["keywords"].to_list())
    assert "parking" in keywords and "appli" in keywords and "livraison" in keywords
    assert first.themes["name"].n_unique() == 3
    assert first.assigned["theme"].null_count() == 0


def test_too_few_texts_give_no_theme() -> None:
    found = fb.find_themes(["Très bien"] * 10, ["fr"] * 10)
    assert found.themes.is_empty()
    assert found.assigned.height == 10 and found.assigned["theme"].null_count() == 10


def test_link_to_the_codebook_or_not_in_the_codebook() -> None:
    themes = pl.DataFrame({"theme": ["T1", "T2"],
                           "terms": [["livraison", "retard", "livreur"],
                                     ["parking", "garer", "place"]]})
    linked = fb.link_codebook(themes, {"th_delais": {"retard", "livraison", "attente"}},
                              {"th_delais": "Délais et attente"}, lang="fr")
    assert linked["code"].to_list() == ["th_delais", None]
    assert linked["code_label"].to_list() == ["Délais et attente", None]


def test_two_proportions_known_value() -> None:
    z, p = fb.two_proportions(40, 100, 25, 100)
    assert z == pytest.approx(-2.2646, abs=1e-3)
    assert p == pytest.approx(0.0235, abs=1e-3)


@pytest.mark.parametrize("slug", DEMOS)
def test_survey_verbatims_join_the_feedback_with_their_nps_group(demo_inputs: dict,
                                                                   slug: str) -> None:
    texts = fb.texts(demo_inputs[slug])
    survey = texts.filter(pl.col("source") == "survey")
    assert survey.height == demo_inputs[slug]["survey"]["verbatim"].drop_nulls().len()
    assert set(survey["nps_group"].unique()) == {"promoter", "passive", "detractor"}
    others = texts.filter(pl.col("source") != "survey")
    assert set(others["source"].unique()) == {"review", "social", "complaint"}
    assert others["nps_group"].null_count() == others.height
    assert set(texts["wave"].unique()) == {"W1", "W2"}


@pytest.mark.parametrize("slug", DEMOS)
def test_truth_a_theme_concentrates_at_one_stage_and_channel(voices: dict, slug: str) -> None:
    truths = TRUTHS[slug]
    planted = set(_theme_with(voices[slug], truths["feedback_concentrated_term"])["theme"])
    top = fb.concentration(voices[slug]).filter(pl.col("theme").is_in(planted)).row(
        0, named=True)
    assert (top["stage_id"], top["channel_id"]) == (
        truths["feedback_concentrated_stage"], truths["feedback_concentrated_channel"])
    assert top["share"] >= 0.6 and top["lift"] >= 3
    cfg = voices[slug].inputs.config
    stage = cfg.labels("stages")[truths["feedback_concentrated_stage"]]
    channel = cfg.labels("channels")[truths["feedback_concentrated_channel"]]
    assert any(stage in f.text and channel in f.text
               for f in vw.findings(voices[slug], slug[-2:]))


@pytest.mark.parametrize("slug", DEMOS)
def test_truth_a_theme_of_the_reviews_is_not_in_the_codebook(voices: dict, slug: str) -> None:
    theme = _theme_with(voices[slug], TRUTHS[slug]["feedback_uncoded_term"]).row(0, named=True)
    assert theme["code"] is None
    texts = voices[slug].texts.filter(pl.col("theme") == theme["theme"])
    assert texts.filter(pl.col("source") == "review").height > texts.height / 2
    ranked = vw.themes_display(fb.themes_ranked(voices[slug], "en"), "en")
    row = ranked.filter(pl.col("theme") == theme["theme"]).row(0, named=True)
    assert row["codebook"] == "not in the codebook"


@pytest.mark.parametrize("slug", DEMOS)
def test_truth_a_theme_improved_between_waves(voices: dict, slug: str) -> None:
    planted = _theme_with(voices[slug], TRUTHS[slug]["feedback_improved_term"])["theme"]
    changes = fb.theme_changes(voices[slug]).filter(pl.col("theme").is_in(planted.to_list()))
    best = changes.sort("neg_p").row(0, named=True)
    assert best["sentiment_trend"] == "improving"
    assert best["neg_before"] - best["neg_after"] >= 0.2 and best["neg_p"] < 0.001


@pytest.mark.parametrize(("slug", "term"), [("demo-fr", "remboursement"),
                                             ("demo-en", "upload")])
def test_the_planted_topic_is_one_theme_not_several(voices: dict, slug: str, term: str) -> None:
    leading = voices[slug].themes.filter(pl.col("terms").list.head(3).list.contains(term))
    assert leading.height == 1


def test_delivery_is_not_linked_to_prices_by_delivery_fees(voices: dict) -> None:
    delivery = voices["demo-fr"].themes.filter(pl.col("terms").list.first() == "livraison")
    assert delivery.height == 1 and delivery["code"][0] != "th_prix"


@pytest.mark.parametrize("slug", DEMOS)
def test_theme_names_are_phrases_customers_wrote_without_personal_data(voices: dict,
                                                                       slug: str) -> None:
    from cxlib.privacy.redaction import redact

    themes = voices[slug].themes
    assert themes["name"].n_unique() == themes.height
    for theme, name in themes.select("theme", "name").iter_rows():
        assert " · " not in name and name[0].isupper()
        texts = voices[slug].texts.filter(pl.col("theme") == theme)["text"].str.to_lowercase()
        assert texts.str.contains(name.lower(), literal=True).sum() >= 3
        assert redact(name, None, slug[-2:]) == name


@pytest.mark.parametrize("slug", DEMOS)
def test_quotes_are_redacted_and_low_bases_counted(voices: dict, slug: str) -> None:
    ranked = fb.themes_ranked(voices[slug], slug[-2:])
    assert ranked["quote"].null_count() == ranked.filter(pl.col("base") == "suppressed").height
    assert not ranked["quote"].drop_nulls().str.contains(r"\d{2} \d{2} \d{2} \d{2}").any()
    low, suppressed = vw.low_bases(voices[slug])
    assert low >= suppressed >= 0


@pytest.mark.parametrize("slug", DEMOS)
def test_star_ratings_agree_with_the_sentiment(voices: dict, slug: str) -> None:
    check = fb.rating_check(voices[slug]).sort("rating")
    assert check["share_negative"][0] - check["share_negative"][-1] >= 0.5
    assert vw.rating_sentence(voices[slug], slug[-2:]).severity == "info"


def test_report_skipped_with_a_reason_without_feedback_or_verbatims(demo_inputs: dict) -> None:
    from cxlib.inputs.loaders import Inputs

    full = demo_inputs["demo-en"]
    frames = {k: v for k, v in full._frames.items() if k != "feedback"}
    frames["survey"] = frames["survey"].drop("verbatim")
    bare = Inputs(full.config, frames, full.report)
    status, missing = report_status(bare, "06_voice")
    assert status == "skipped" and missing[0].table == "feedback"
    verbatims_only = Inputs(full.config, {k: v for k, v in full._frames.items()
                                          if k != "feedback"}, full.report)
    assert section_status(verbatims_only, "06_voice", "vo_themes")[0] != "skipped"
    assert section_status(verbatims_only, "06_voice", "vo_ratings")[0] == "skipped"


def test_texts_take_their_wave_from_their_date(demo_inputs: dict) -> None:
    feedback = fb.texts(demo_inputs["demo-fr"]).filter(pl.col("source") != "survey")
    assert feedback.filter(pl.col("date") <= date(2026, 4, 30))["wave"].unique().to_list() \
        == ["W1"]
    assert feedback.filter(pl.col("date") > date(2026, 4, 30))["wave"].unique().to_list() \
        == ["W2"]


def test_without_a_codebook_no_theme_is_called_missing_from_it() -> None:
    ranked = pl.DataFrame({"name": ["parking", "appli"], "base": ["ok", "low"],
                           "code_label": [None, "Outils"]},
                          schema={"name": pl.String, "base": pl.String,
                                  "code_label": pl.String})
    assert vw.themes_display(ranked, "en", codebook=False)["codebook"].to_list() == [
        None, "Outils"]
    shown = vw.themes_display(ranked, "en")
    assert shown["codebook"].to_list() == ["not in the codebook", "Outils"]
    assert shown["name"].to_list() == ["parking", "appli (low base)"]
