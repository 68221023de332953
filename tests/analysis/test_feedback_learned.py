"""The word model beside the sentiment rules: its reading, its verdicts, its training."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxlib.analysis.feedback.learned import (
    CLASSES,
    OVERRIDE,
    Model,
    characters,
    features,
    judge,
    model,
    train,
    training_texts,
)
from cxlib.feedback import sentiment

CORPUS = Path(__file__).parent / "data" / "sentiment"


def _model(**terms: tuple[float, float, float]) -> Model:
    """A model whose words weigh as given (idf 1), no intercept, no letter sequences."""
    return Model(lang="en", intercept=(0.0, 0.0, 0.0), trained_on=3,
                 terms={t: (1.0, *w) for t, w in terms.items()})


def test_negation_marks_the_words_up_to_the_next_punctuation_mark() -> None:
    terms = features("Not received, thanks", "en")
    assert terms[:4] == ["not", "NOT_received", ",", "thanks"]
    assert "not NOT_received" in terms
    assert "NOT_recu" in features("Jamais reçu le colis", "fr")


def test_letter_sequences_make_a_typo_share_most_of_a_word() -> None:
    right, typo = set(characters("recommande")), set(characters("recomande"))
    assert len(right & typo) / len(right) > 0.5


def test_probabilities_follow_the_weights_of_the_words_read() -> None:
    sure = _model(late=(6.0, 0.0, 0.0))
    read = sure.probabilities(["late again", "nothing known", "", None])
    assert read.shape == (4, 3)
    assert read[0, 0] > 0.9 and read[0].sum() == pytest.approx(1)
    assert abs(read[1:] - 1 / 3).max() < 1e-12
    assert sure.probabilities([]).shape == (0, 3)


def test_the_rules_verdict_stands_unless_the_model_is_sure_of_the_opposite() -> None:
    sure = _model(late=(8.0, 0.0, 0.0)).probabilities(["late"])[0]
    unsure = _model(late=(1.0, 0.0, 0.0)).probabilities(["late"])[0]
    assert sure[0] >= OVERRIDE > unsure[0]
    assert judge(0.4, unsure, threshold=0.15) == ("positive", 0.4)
    label, score = judge(0.4, sure, threshold=0.15)
    assert label == "negative" and -1 <= score <= -0.15
    # a verdict of the rules the model agrees with keeps the rules' score
    assert judge(-0.5, sure, threshold=0.15) == ("negative", -0.5)


def test_where_the_rules_find_nothing_the_model_decides_within_the_label_s_range() -> None:
    label, score = judge(0.0, (0.2, 0.3, 0.5), threshold=0.15)
    assert (label, score) == ("positive", pytest.approx(0.3))
    # both neutral: the rules' score stays
    assert judge(0.05, (0.05, 0.5, 0.45), threshold=0.15) == ("neutral", 0.05)
    # the rules' verdict overturned to neutral: the lean, within the neutral range
    assert judge(0.5, (0.85, 0.1, 0.05), threshold=0.15) == ("negative", pytest.approx(-0.8))
    assert judge(0.1, (0.45, 0.1, 0.45), threshold=0.15) == ("neutral", 0.1)  # a tie


def test_a_consultant_s_own_model_replaces_the_shipped_one() -> None:
    texts = ["parcel late again", "late and rude", "late, no news", "quick and kind",
             "kind staff, quick", "so quick", "opening hours?", "address change", "hours"]
    labels = ["negative"] * 3 + ["positive"] * 3 + ["neutral"] * 3
    own = train(texts, labels, lang="en")
    assert own.trained_on == 9 and own.lang == "en" and "late" in own.terms
    out = sentiment(["late again"], "en", learned={"en": own})
    assert out["label"].to_list() == ["negative"]
    assert sentiment(["Parfait"], "fr", learned=False)["label"].to_list() == ["positive"]


def test_training_refuses_labels_it_cannot_learn_from() -> None:
    with pytest.raises(ValueError, match=r"^3 texts but 2 labels: one label per text"):
        train(["a", "b", "c"], ["positive", "negative"], lang="en")
    with pytest.raises(ValueError, match=r"^labels \['good'\] found: every one of negative, "
                                         r"neutral, positive is expected, and only those$"):
        train(["a", "b", "c", "d"], ["positive", "negative", "neutral", "good"], lang="en")
    with pytest.raises(ValueError, match=r"^labels \['negative', 'positive'\] found: every "
                                         r"one of"):
        train(["a", "b"], ["positive", "negative"], lang="en")
    with pytest.raises(ValueError, match=r"^language 'de' has no sentiment model: fr or en"):
        model("de")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shipped_model_is_what_the_corpus_training_parts_give(lang: str) -> None:
    """``make sentiment-model`` was run on the corpus as it is: no other text went in."""
    texts, labels = training_texts(CORPUS, lang)
    shipped = model(lang)
    assert shipped.trained_on == len(texts) > 2500
    retrained = Model.from_dict(train(texts, labels, lang=lang).to_dict())
    assert retrained.terms.keys() == shipped.terms.keys()
    assert retrained.intercept == pytest.approx(shipped.intercept, abs=2e-4)
    worst = max(abs(a - b) for term, row in shipped.terms.items()
                for a, b in zip(row, retrained.terms[term], strict=True))
    assert worst <= 2e-4
    assert set(labels) == set(CLASSES)


def test_texts_that_answer_nothing_or_hold_no_known_word_keep_the_rules_verdict() -> None:
    from cxlib.analysis.feedback.learned import readable

    fr = ["RAS", "Aucun commentaire", "Pas de commentaire.", "N/A", "...", "Néant", " "]
    en = ["N/A", "None", "No comment", "nothing to add", "-", "Zyxwv qwrtp"]
    assert sentiment(fr, "fr")["label"].to_list() == ["neutral"] * len(fr)
    assert sentiment(en, "en")["label"].to_list() == ["neutral"] * len(en)
    assert not readable("👍👍", "fr") and readable("Colis jamais reçu", "fr")
    assert sentiment(["👍👍"], "fr")["label"].to_list() == ["positive"]  # the rules' emoji
    empty = Model(lang="en", intercept=(0.5, 0.0, 0.0), trained_on=0, terms={})
    read, known = empty.reads(["late again", ""])
    assert not known.any() and read.shape == (2, 3)
    assert sentiment(["late again", "Zyxwv"], "en", learned=empty).equals(
        sentiment(["late again", "Zyxwv"], "en", learned=False))


def test_a_model_given_alone_or_for_one_language_leaves_the_others_to_the_shipped_one() -> None:
    texts = ["parcel late again", "late and rude", "late, no news", "quick and kind",
             "kind staff, quick", "so quick", "opening hours?", "address change", "hours"]
    own = train(texts, ["negative"] * 3 + ["positive"] * 3 + ["neutral"] * 3, lang="en")
    pair = (["late again", "Colis jamais reçu, aucune réponse"], ["en", "fr"])
    assert sentiment(*pair, learned=own)["label"].to_list() == ["negative", "negative"]
    assert sentiment(*pair, learned={"en": own})["label"].to_list() == ["negative", "negative"]
    with pytest.raises(ValueError, match=r"^language 'de' cannot be learned: fr or en"):
        train(texts, ["negative"] * 3 + ["positive"] * 3 + ["neutral"] * 3, lang="de")
    with pytest.raises(ValueError, match=r"^a model of the classes \['bad', 'good'\] found"):
        Model.from_dict({**own.to_dict(), "classes": ["bad", "good"]})
