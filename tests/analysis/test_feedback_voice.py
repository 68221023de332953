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
from cxlib.inputs.loaders import Inputs

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
    assert top["share"] >= 0.55 and top["lift"] >= 3
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
    for theme, name in themes.filter(~pl.col("name_given")).select("theme", "name").iter_rows():
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


#: What a consultant writes under ``feedback.themes`` of demo-fr's client.yaml.
GIVEN = {"remboursement": {"name": "Remboursements en attente"},
         "appli": {"name": "Application mobile"},
         "parking": {"name": "Parking du magasin", "code": "none"},
         "correct": {"name": "Photos et couleurs réelles", "code": "th_produit"},
         "vendeur": {"name": "Vendeurs (écrire à jean.dupont@example.com)"},
         "parkin": {"name": "Stationnement"}}


def _given(inputs: Inputs, themes: dict) -> Inputs:
    settings = {**inputs.config.model_dump(), "feedback": {"themes": themes}}
    cfg = type(inputs.config).model_validate(settings)  # read as client.yaml's
    return Inputs(cfg, {name: inputs[name] for name in inputs}, inputs.report)


@pytest.fixture(scope="module")
def given(demo_home: Path, demo_inputs: dict) -> tuple:
    inputs = _given(demo_inputs["demo-fr"], GIVEN)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        return inputs, fb.listen(inputs)


def test_names_given_by_strongest_term_reach_every_output(given: tuple, demo_home: Path) -> None:
    from cxlib.analysis.figures import registry
    from cxlib.presentation import front

    inputs, voice = given
    strongest = dict(voice.themes.select(pl.col("terms").list.first(), "name").iter_rows())
    assert strongest["remboursement"] == "Remboursements en attente"
    assert strongest["appli"] == "Application mobile"
    ranked = fb.themes_ranked(voice, "fr")
    top = ranked["name"].head(3).to_list()
    assert "Remboursements en attente" in top and "Application mobile" in top
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        page = front.front_page(inputs)
        figures = {f.name: f.value for f in registry(inputs)}
    assert [v["name"] for v in page["voice"]] == top  # the front page's three themes
    assert [figures[f"voice.theme.{i}"] for i in (1, 2, 3)] == top  # figures.json
    lanes = {s["theme"] for s in fb.stage_voice(voice).values()}  # the journey map's lane
    assert "Remboursements en attente" in lanes
    assert not lanes & {"Remboursement promis", "Appli plante"}


def test_code_none_unlinks_and_a_code_links(given: tuple) -> None:
    voice = given[1]
    shown = vw.themes_display(fb.themes_ranked(voice, "fr"), "fr")
    codebook = dict(shown.select("name", "codebook").iter_rows())
    assert codebook["Parking du magasin"] == "absent de la grille"
    assert codebook["Photos et couleurs réelles"] == "Produit et qualité"
    notes = dict(vw.given_notes(fb.themes_ranked(voice, "fr"), "fr"))
    assert "«\u00a0Application mobile\u00a0»" in notes["vo_given_names"]["names"]
    assert notes["vo_given_codes"]["links"] == (
        "«\u00a0Parking du magasin\u00a0» (absent de la grille) et «\u00a0Photos et couleurs "
        "réelles\u00a0» (Produit et qualité)")


def test_unknown_key_and_personal_data_are_warnings_for_the_consultant(given: tuple) -> None:
    voice = given[1]
    rendered = [w.render("fr") for w in voice.warnings]
    assert [w.column for w in voice.warnings] == ["feedback.themes.parkin",
                                                  "feedback.themes.vendeur.name"]
    assert "trouvé « parkin »" in rendered[0] and ", parking, " in rendered[0]
    assert "jean.dupont" not in rendered[1] and "[email]" in rendered[1]
    names = voice.themes["name"].to_list()
    assert not any("@" in n or "Stationnement" == n for n in names)
    texts = [f.text for f in vw.findings(voice, "fr")]
    assert not set(texts) & set(rendered)  # client.yaml is not the client's business


@pytest.mark.parametrize(("slug", "message"), [
    ("demo-fr", "clé « feedback.themes.appli.code » : trouvé « produit », attendu : un code "
     "de thème de la grille d'entretien, ou none : th_delais, th_information, th_prix, "
     "th_produit, th_conseil, th_stock, th_outils, th_coordination, th_fidelite, "
     "th_autonomie"),
    ("demo-en", "key 'feedback.themes.appli.code': found 'produit', expected a theme code of "
     "the codebook, or none: th_waiting, th_information, th_fees, th_security, th_advice, "
     "th_access, th_digital, th_handoffs, th_recognition, th_paperwork")])
def test_a_code_not_in_the_codebook_is_a_config_error(demo_inputs: dict, demo_home: Path,
                                                      slug: str, message: str) -> None:
    from cxlib.errors import ConfigError

    inputs = _given(demo_inputs[slug], {"appli": {"name": "App", "code": "produit"}})
    with pytest.MonkeyPatch.context() as patch, pytest.raises(ConfigError) as caught:
        patch.setenv("CX_HOME", str(demo_home))
        fb.listen(inputs)
    assert f"(data/{slug}/client.yaml)" in caught.value.message.splitlines()[0]
    assert message in caught.value.message


def test_cx_validate_reads_the_same_warnings(given: tuple, demo_inputs: dict) -> None:
    from cxlib.analysis.feedback.voice import given_warnings

    inputs, voice = given
    assert given_warnings(inputs) == list(voice.warnings)
    assert given_warnings(demo_inputs["demo-en"]) == []  # its two keys match their themes


def test_a_wrong_code_is_found_from_the_codebook_alone(demo_inputs: dict) -> None:
    from cxlib.analysis.feedback.voice import check_given
    from cxlib.errors import ConfigError

    check_given(_given(demo_inputs["demo-en"], {"chat": {"code": "th_digital"}}))
    with pytest.raises(ConfigError, match="found 'digital', expected a theme code of the "
                       "codebook, or none: th_waiting"):
        check_given(_given(demo_inputs["demo-en"], {"chat": {"code": "digital"}}))


def test_two_themes_of_one_topic_joined_count_as_one(demo_inputs: dict,
                                                     demo_home: Path) -> None:
    """demo-en's accessibility texts fall into two themes: its client.yaml makes them one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        apart = fb.listen(_given(demo_inputs["demo-en"], {}))
        joined = fb.listen(_given(demo_inputs["demo-en"], {
            "impair": {"name": "Accessibility", "code": "none"}, "screen": {"into": "impair"}}))
        shipped = fb.listen(demo_inputs["demo-en"])  # {name: Accessibility}, the link found
    first = dict(apart.themes.select(pl.col("terms").list.first(), "theme").iter_rows())
    both = apart.texts.filter(pl.col("theme").is_in([first["impair"], first["screen"]]))
    assert joined.warnings == ()
    assert joined.themes.height == apart.themes.height - 1
    row = joined.themes.filter(pl.col("name") == "Accessibility").row(0, named=True)
    assert row["joined"] == [first["screen"]] and row["code"] is None
    assert joined.texts.filter(pl.col("theme") == row["theme"]).height == both.height
    ranked = fb.themes_ranked(joined, "en")
    assert ranked.filter(pl.col("name") == "Accessibility")["n"][0] == both.height
    notes = dict(vw.given_notes(ranked, "en"))
    assert notes["vo_given_joins"]["joins"] == (
        "'Accessibility' ('Visually impaired' and 'Screen reader')")
    row = shipped.themes.filter(pl.col("name") == "Accessibility").row(0, named=True)
    assert row["code"] is None and not row["code_given"] and row["joined"]
