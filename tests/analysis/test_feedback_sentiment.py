"""Sentiment of customer texts: rules on chosen examples, and accuracy on a labelled corpus."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sklearn.metrics import f1_score

from cxlib.feedback import detect_language, sentiment

CORPUS = Path(__file__).parent / "data" / "sentiment"


def _read(name: str) -> tuple[list[str], list[str]]:
    rows = [line.split("\t", 1) for line in
            (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r[0] for r in rows], [r[1] for r in rows]


@pytest.mark.parametrize(("text", "label"), [
    ("Pas mal du tout !", "positive"),
    ("not bad at all", "positive"),
    ("Je ne recommande pas", "negative"),
    ("I would not recommend them", "negative"),
    ("Rapide mais cher", "negative"),
    ("Cher mais rapide et efficace", "positive"),
    ("Quick but far too expensive", "negative"),
    ("Livraison rapide 😍", "positive"),
    ("Commande reçue 😡", "negative"),
    ("tres decu", "negative"),
    ("Je recomande !", "positive"),
    ("suuuper service", "positive"),
    ("Je ne commanderai plus jamais", "negative"),
    ("Le colis n'est jamais arrivé", "negative"),
    ("Est-ce que vous livrez en Belgique ?", "neutral"),
    ("What are your opening hours?", "neutral"),
])
def test_rules_on_negation_contrast_emoji_and_typos(text: str, label: str) -> None:
    assert sentiment([text])["label"].to_list() == [label]


@pytest.mark.parametrize(("text", "lang", "label"), [
    # an expected service that did not happen
    ("Toujours aucune nouvelle de ma demande", "fr", "negative"),
    ("Personne ne m'a rappelée", "fr", "negative"),
    ("Le remboursement n'a jamais été fait", "fr", "negative"),
    ("Nobody ever got back to me", "en", "negative"),
    ("Sent three emails and received nothing", "en", "negative"),
    ("Je n'ai pas encore reçu le contrat", "fr", "neutral"),
    # regrets, remedies, lack, litotes, restriction
    ("Ça aurait été bien d'être informé", "fr", "negative"),
    ("It would have been nice to get a warning", "en", "negative"),
    ("Le technicien a réparé la panne en une heure", "fr", "positive"),
    ("My problem was sorted straight away", "en", "positive"),
    ("Manque de réactivité", "fr", "negative"),
    ("Lack of transparency", "en", "negative"),
    ("Guichetier peu aimable", "fr", "negative"),
    ("Un peu lent mais très efficace", "fr", "positive"),
    ("Je ne peux que recommander", "fr", "positive"),
    ("I won't hesitate to come back", "en", "positive"),
    # ratings, requests, questions
    ("2/5, service médiocre", "fr", "negative"),
    ("Cinq étoiles", "fr", "positive"),
    ("⭐⭐⭐⭐⭐", "en", "positive"),
    ("One star, avoid", "en", "negative"),
    ("Merci de me rappeler demain", "fr", "neutral"),
    ("I'd like to update my address please", "en", "neutral"),
    ("Is the express option available for my area?", "en", "neutral"),
    # typos
    ("conseiller compétant et aimabel", "fr", "positive"),
    ("jattend toujours mon rembourssement", "fr", "negative"),
    ("realy dissapointed", "en", "negative"),
])
def test_customer_rules(text: str, lang: str, label: str) -> None:
    assert sentiment([text], lang, learned=False)["label"].to_list() == [label]


@pytest.mark.parametrize(("text", "lang", "label"), [
    # irony: a praise opening or closing a complaint, an eye-roll
    ("Super, encore une coupure d'électricité", "fr", "negative"),
    ("Bravo, troisième colis perdu ce mois-ci", "fr", "negative"),
    ("Brilliant, the app crashed halfway through my payment", "en", "negative"),
    ("Card declined at the till twice. Great service.", "en", "negative"),
    ("Génial le nouveau forfait 🙄", "fr", "negative"),
    ("Super, merci, tout est réglé !", "fr", "positive"),
    ("Great, thanks for the quick fix!", "en", "positive"),
    ("Génial, un peu cher mais ça vaut le coup", "fr", "positive"),
    # rhetorical questions, exasperation, enquiries
    ("C'est trop demander, un colis livré à la bonne adresse ?", "fr", "negative"),
    ("What's the point of a chat that never answers?", "en", "negative"),
    ("Il est où mon colis ??", "fr", "negative"),
    ("Comment signaler une panne de box ?", "fr", "neutral"),
    ("How do I report a damaged parcel?", "en", "neutral"),
    # regret for the past, a past set against a present
    ("L'ancien site était bien plus clair", "fr", "negative"),
    ("It used to be a friendly little shop", "en", "negative"),
    ("Avant on avait un interlocuteur, maintenant c'est un robot", "fr", "negative"),
    ("Bien mieux qu'avant", "fr", "positive"),
    # scare quotes, promises broken, verdicts, occasions, remedies
    ('Le service "premium" porte bien mal son nom', "fr", "negative"),
    ('Their "helpful" adviser hung up on me', "en", "negative"),
    ("Livraison annoncée sous 24h, ça fait une semaine", "fr", "negative"),
    ("Promised a callback on Monday, still waiting", "en", "negative"),
    ("Accueil chaleureux, non.", "fr", "negative"),
    ("After the burst pipe, the insurer was superb", "en", "positive"),
    ("My bag went missing and the airline found it within a day", "en", "positive"),
])
def test_what_a_sentence_says_beside_its_words(text: str, lang: str, label: str) -> None:
    assert sentiment([text], lang, learned=False)["label"].to_list() == [label]


@pytest.mark.parametrize(("text", "lang", "label"), [
    # adverbs read as their adjective
    ("Sinistre géré efficacement", "fr", "positive"),
    ("Handled promptly", "en", "positive"),
    # a price moving, in a clause naming a cost
    ("La facture a doublé", "fr", "negative"),
    ("Ma facture a baissé", "fr", "positive"),
    ("Bill came in lower this year", "en", "positive"),
    ("The premium went up again", "en", "negative"),
    ("Le prix n'a pas augmenté", "fr", "positive"),
    ("Les prix ont flambé et la qualité a baissé", "fr", "negative"),
    ("Je voudrais savoir si le prix a baissé", "fr", "neutral"),
    # a wait that drags, time spent, asking again; a service done quickly
    ("Mon dossier traîne depuis trois mois", "fr", "negative"),
    ("My claim has been stuck for weeks", "en", "negative"),
    ("Took three weeks to get a reply", "en", "negative"),
    ("Trois semaines pour avoir un rendez-vous", "fr", "negative"),
    ("Client depuis dix ans", "fr", "neutral"),
    ("J'ai dû rappeler quatre fois", "fr", "negative"),
    ("Called them five times", "en", "negative"),
    ("Réparé en une heure", "fr", "positive"),
    ("Got an answer in ten minutes", "en", "positive"),
    ("The engineer will come in two hours", "en", "neutral"),
    # concessions, wishes, what never came, questions asked, troubles only feared
    ("Late fee even though I paid on time", "en", "negative"),
    ("Malgré le retard, livreur adorable", "fr", "positive"),
    ("If only they answered as fast as they bill", "en", "negative"),
    ("Si seulement le service était aussi rapide que la facturation", "fr", "negative"),
    ("Welcome bonus never paid", "en", "negative"),
    ("Cadeau de bienvenue jamais reçu", "fr", "negative"),
    ("Je voudrais savoir si ma carte fonctionne à l'étranger", "fr", "neutral"),
    ("I'd like to know if the app works abroad", "en", "neutral"),
    ("I was dreading the paperwork but it was simple", "en", "positive"),
    ("Je m'attendais à galérer mais tout a été simple", "fr", "positive"),
    # how a remedy came is no remedy; a comparison is no regret; a remedy only wanted
    ("Remboursé au compte-gouttes", "fr", "negative"),
    ("They waived the late fee, much appreciated", "en", "positive"),
    ("Bill came in lower than expected, thanks", "en", "positive"),
    ("Took longer than expected", "en", "negative"),
    ("Error on my bill and I have to write in to get it fixed", "en", "negative"),
    # a set phrase of one hyphenated word; enquiries after a thanks, inverted questions
    ("Méfiez-vous de cette enseigne", "fr", "negative"),
    ("Merci beaucoup. Pouvez-vous m'envoyer la facture ?", "fr", "neutral"),
    ("Le changement de carte est-il payant ?", "fr", "neutral"),
])
def test_what_a_customer_pays_waits_and_asks(text: str, lang: str, label: str) -> None:
    assert sentiment([text], lang, learned=False)["label"].to_list() == [label]


@pytest.mark.parametrize(("text", "lang", "label"), [
    # a form with two readings, read by the word before it (patiente: adjective or verb)
    ("Vendeuse très patiente", "fr", "positive"),
    ("Je patiente depuis trois semaines", "fr", "negative"),
    ("Patiente depuis trois semaines", "fr", "negative"),
    ("La patiente attendait son tour", "fr", "neutral"),
    ("Une hôtesse plaisante et efficace", "fr", "positive"),
    ("Je plaisante", "fr", "neutral"),
    ("Receptionist was very patient", "en", "positive"),
    ("The patient in the next bed", "en", "neutral"),
    ("I really like the new app", "en", "positive"),
    ("The fan sounds like a jet engine", "en", "neutral"),
    ("The hotel cancelled our booking", "en", "negative"),
    ("Cancelled my old broadband last month", "en", "neutral"),
    # nouns of quality read through their adjective; names of things are not
    ("L'infirmière était d'une grande douceur", "fr", "positive"),
    ("Such kindness from the staff", "en", "positive"),
    ("J'aimerais en savoir plus sur le programme de fidélité", "fr", "neutral"),
    # what was left undone, a chore spared, a rule bent
    ("Dossier clôturé sans même regarder les photos", "fr", "negative"),
    ("Ticket closed without anyone looking at it", "en", "negative"),
    ("Le médecin n'a même pas regardé mon dossier", "fr", "negative"),
    ("He didn't even look at me", "en", "negative"),
    ("Remboursé sans rien payer", "fr", "positive"),
    ("Sorted without waiting", "en", "positive"),
    ("Dossier traité sans que j'aie eu à relancer", "fr", "positive"),
    ("Je n'ai pas eu besoin de rappeler", "fr", "positive"),
    ("No need to go anywhere", "en", "positive"),
    ("Geste commercial sans même le demander", "fr", "positive"),
    ("Charged me without asking me", "en", "negative"),
    ("Le magasin a accepté l'échange même sans ticket", "fr", "positive"),
    ("They let me exchange it even without a receipt", "en", "positive"),
    # a claim reported before a contrast; a superlative after never
    ("Mechanic said it was fixed but the warning light came back", "en", "negative"),
    ("Il m'a dit que c'était réparé mais la fuite est revenue", "fr", "negative"),
    ("Je n'ai jamais été aussi bien reçue", "fr", "positive"),
    ("Never been so well looked after", "en", "positive"),
    ("Can't believe how rude he was", "en", "negative"),
    ("Je n'ai jamais été aussi mal reçue", "fr", "negative"),
    # an expected service always given; a service not needed; can't without apostrophe
    ("Mon conseiller me rappelle toujours", "fr", "positive"),
    ("My adviser always calls back", "en", "positive"),
    ("Toujours la même réponse", "fr", "negative"),
    ("Mechanic told me I didn't need the repair, honest bloke", "en", "positive"),
    ("cant log in", "en", "negative"),
    # a day planned and kept, an outage since a day, less than announced, small jobs, undoing
    ("Livraison prévue jeudi, arrivée mercredi", "fr", "positive"),
    ("Delivery moved from Tuesday to Friday", "en", "negative"),
    ("Internet coupé depuis dimanche", "fr", "negative"),
    ("Internet has been off since Sunday", "en", "negative"),
    ("Waiting for the engineer booked for Monday", "en", "neutral"),
    ("They pay out far less than I was told", "en", "negative"),
    ("Le garage a gardé ma voiture dix jours pour un simple changement", "fr", "negative"),
    ("Carte débloquée en cinq minutes", "fr", "positive"),
    ("Card unblocked straight away", "en", "positive"),
    ("Je viens de déménager", "fr", "neutral"),
    ("Ils ont remplacé mon téléphone sous garantie en 48h", "fr", "positive"),
])
def test_how_a_word_reads_in_its_place(text: str, lang: str, label: str) -> None:
    assert sentiment([text], lang, learned=False)["label"].to_list() == [label]


def test_the_word_model_keeps_most_of_the_rules_readings(capsys: pytest.CaptureFixture) -> None:
    """Where the word model is sure enough, it overturns the rules: how often, on the readings
    pinned above? The figures on independent texts (test below) are why it may."""
    pinned = [row for test in (test_customer_rules, test_what_a_sentence_says_beside_its_words,
                               test_what_a_customer_pays_waits_and_asks,
                               test_how_a_word_reads_in_its_place)
              for mark in test.pytestmark if mark.name == "parametrize" for row in mark.args[1]]
    kept = sum(sentiment([text], lang)["label"][0] == label for text, lang, label in pinned)
    with capsys.disabled():
        print(f"\nrules' readings kept beside the word model: {kept} of {len(pinned)}")
    assert len(pinned) > 130 and kept >= len(pinned) - 12


def test_forms_with_two_readings_are_found_in_the_packaged_lexicon() -> None:
    from cxlib.analysis.feedback._reading import table

    assert {"patiente", "plaisante", "organise"} <= table("fr")
    assert {"like", "patient"} <= table("en")
    scores = sentiment(["Vendeuse très patiente", "Je patiente depuis trois semaines"],
                       "fr")["score"].to_list()
    assert scores[0] > 0 > scores[1]


def test_intensifiers_strengthen_and_dampeners_soften() -> None:
    scores = sentiment(["bien", "très bien", "un peu lent", "lent"], "fr")["score"].to_list()
    assert scores[1] > scores[0] > 0
    assert scores[3] < scores[2] < 0


def test_one_row_per_text_in_order_with_missing_texts_neutral() -> None:
    out = sentiment(pl.Series(["Parfait", None, "Horrible", ""]), ["fr", "fr", None, "en"])
    assert out.columns == ["language", "label", "score"]
    assert out["label"].to_list() == ["positive", "neutral", "negative", "neutral"]
    assert out["score"][1] == 0.0
    assert out["score"].is_between(-1, 1).all()


def test_language_detected_per_text() -> None:
    assert detect_language("Livraison rapide, vendeur aimable") == "fr"
    assert detect_language("The delivery was quick and the staff were friendly") == "en"
    assert detect_language("👍👍", default="en") == "en"
    # no function word: the languages' dictionaries decide, whatever the client's language
    assert detect_language("Branch only open three days a week now.", default="fr") == "en"
    assert detect_language("Livraison reportée deux fois sans prévenir.", default="en") == "fr"
    # words both languages have: the client's language
    for default in ("fr", "en"):
        assert detect_language("Super service", default=default) == default


def test_language_detection_on_every_labelled_text() -> None:
    """Each corpus file is in one language: how often is a text given the other one?"""
    wrong, total = 0, 0
    for part in CORPUS.glob("*.tsv"):
        lang = part.name[:2]
        for line in part.read_text(encoding="utf-8").splitlines():
            total += 1
            wrong += detect_language(line.split("\t", 1)[1], default=lang) != lang
    print(f"\nlanguage detection: {wrong} texts of {total} in the other language")
    assert total > 6000 and wrong <= 9
    out = sentiment(["Très bon accueil", "Very good welcome"])
    assert out["language"].to_list() == ["fr", "en"]


#: Accuracy on positive and negative texts and macro-F1 each part must reach: a little under
#: the figures reached (see data/sentiment/README.md; the goal is 0.85 and 0.70).
FLOORS = {
    "fr": {"tune": (0.99, 0.99), "learn": (0.99, 0.92), "holdout": (0.95, 0.88),
           "final": (0.96, 0.92), "blind": (0.98, 0.93), "independent": (0.90, 0.87)},
    "en": {"tune": (0.99, 0.99), "learn": (0.99, 0.91), "holdout": (0.97, 0.92),
           "final": (0.95, 0.92), "blind": (0.97, 0.93), "independent": (0.90, 0.85)},
}


def _figures(gold: list[str], pred: list[str]) -> tuple[float, float]:
    polar = [(g, p) for g, p in zip(gold, pred, strict=True) if g != "neutral"]
    return sum(g == p for g, p in polar) / len(polar), f1_score(gold, pred, average="macro")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accuracy_on_the_labelled_corpus(lang: str, capsys: pytest.CaptureFixture) -> None:
    for part, (acc_floor, f1_floor) in FLOORS[lang].items():
        gold, texts = _read(f"{lang}_{part}.tsv")
        accuracy, macro = _figures(gold, sentiment(texts)["label"].to_list())
        alone = _figures(gold, sentiment(texts, learned=False)["label"].to_list())
        with capsys.disabled():
            print(f"\nsentiment {lang} {part}: {len(gold)} texts, accuracy on positive and "
                  f"negative {accuracy:.3f}, macro-F1 over three labels {macro:.3f} "
                  f"(rules alone {alone[0]:.3f}, {alone[1]:.3f})")
        assert accuracy >= acc_floor, (part, accuracy)
        assert macro >= f1_floor, (part, macro)


def test_corpus_is_large_enough_and_labelled() -> None:
    for lang in ("fr", "en"):
        labels = [label for part in ("tune", "holdout")
                  for label in _read(f"{lang}_{part}.tsv")[0]]
        assert len(labels) >= 300
        assert set(labels) == {"positive", "neutral", "negative"}
        for part, size in (("final", 100), ("blind", 150), ("learn", 900),
                           ("independent", 240)):
            labels = _read(f"{lang}_{part}.tsv")[0]
            assert len(labels) >= size
            assert set(labels) == {"positive", "neutral", "negative"}


def test_the_parts_share_no_text() -> None:
    for lang in ("fr", "en"):
        parts = [set(_read(f"{lang}_{part}.tsv")[1])
                 for part in ("tune", "learn", "holdout", "final", "blind", "independent")]
        for i, first in enumerate(parts):
            for second in parts[i + 1:]:
                assert not first & second
