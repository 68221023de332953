"""Themes of customers' texts: readable names, near-identical themes merged, real codebook links."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import cxlib.analysis.feedback as fb
from cxlib.analysis.feedback import themes as th

REFUND = (["Remboursement en attente depuis trois semaines, virement jamais reçu"] * 40
          + ["Remboursement en attente, on me propose un avoir par mail"] * 40)
OTHERS = (["Parking plein le samedi, aucune place pour se garer"] * 40
          + ["Livreur en retard, le créneau de livraison non respecté"] * 40
          + ["L'appli se ferme au paiement du panier"] * 40
          + ["Vendeuse souriante et conseil personnalisé en magasin"] * 40)


def test_word_families_join_a_noun_and_its_verb_only() -> None:
    assert th.family("remboursement") == th.family("rembourser")
    assert th.family("application") != th.family("appliqué")
    assert th.family("personnel") != th.family("personnalisé")


def test_merge_joins_components_that_point_the_same_way_only() -> None:
    components = np.array([[1.0, 0.9, 0.0, 0.0], [0.9, 1.0, 0.1, 0.0], [0.0, 0.0, 0.2, 1.0]])
    weights = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    merged_w, merged_h = th.merge_similar(weights, components, threshold=0.5)
    assert merged_h.shape == (2, 4) and merged_w.shape == (3, 2)
    assert merged_w.argmax(axis=1).tolist() == [0, 0, 1]
    again = th.merge_similar(weights, components, threshold=0.5)
    assert np.array_equal(again[0], merged_w) and np.array_equal(again[1], merged_h)
    kept_w, kept_h = th.merge_similar(weights, components, threshold=1.01)
    assert kept_h.shape == (3, 4) and np.array_equal(kept_w, weights)


def test_merging_only_relabels_texts() -> None:
    # a text weighing a little on both parts of a merged theme stays in its own theme
    components = np.array([[1.0, 0.9, 0.0], [0.9, 1.0, 0.0], [0.0, 0.0, 1.0]])
    weights = np.array([[0.6, 0.6, 1.0], [2.0, 0.1, 0.0]])
    merged_w, _ = th.merge_similar(weights, components, threshold=0.5)
    assert merged_w.tolist() == [[0.6, 1.0], [2.0, 0.0]]
    assert merged_w.argmax(axis=1).tolist() == [1, 0]


def test_one_topic_written_two_ways_is_one_theme() -> None:
    texts = REFUND + OTHERS
    split = fb.find_themes(texts, ["fr"] * len(texts), n_themes=6, merge=1.01)
    merged = fb.find_themes(texts, ["fr"] * len(texts), n_themes=6)
    refund = merged.assigned["theme"][:80].unique().to_list()
    assert len(split.assigned["theme"][:80].unique()) == 2  # without merging: two themes
    assert len(refund) == 1 and merged.themes.height == 5
    assert merged.assigned["theme"][80:].n_unique() == 4
    assert refund[0] not in merged.assigned["theme"][80:].to_list()


def test_a_theme_is_named_by_the_phrase_its_customers_write() -> None:
    texts = REFUND + OTHERS
    found = fb.find_themes(texts, ["fr"] * len(texts), n_themes=6)
    names = dict(found.themes.select("theme", "name").iter_rows())
    refund = names[found.assigned["theme"][0]]
    assert refund == "Remboursement en attente"  # inflected, with its joining word
    assert " · " in found.themes.filter(pl.col("name") == refund)["keywords"][0]
    assert "remboursement" in found.themes.filter(pl.col("name") == refund)["terms"][0]
    assert len(set(names.values())) == len(names)
    english = (["The document upload keeps failing on the website"] * 20
               + ["Document upload failed again, documents missing"] * 20
               + ["Live chat agents answer quickly, chat works well"] * 40
               + ["Monthly account fee went up again"] * 40
               + ["Branch staff were patient and kind"] * 40)
    found = fb.find_themes(english, ["en"] * len(english), n_themes=4)
    assert "Document upload" in found.themes["name"].to_list()
    assert any("chat" in n.lower() for n in found.themes["name"].to_list())


def test_names_are_deterministic() -> None:
    texts = REFUND + OTHERS
    first = fb.find_themes(texts, ["fr"] * len(texts), n_themes=6)
    again = fb.find_themes(list(texts), ["fr"] * len(texts), n_themes=6)
    assert first.themes.equals(again.themes) and first.assigned.equals(again.assigned)


def test_a_name_never_carries_personal_data() -> None:
    texts = (["Julie Martin au service client, toujours aimable avec moi"] * 40
             + ["Écrivez à julie.martin@example.com pour le suivi de commande"] * 40
             + ["Parking plein le samedi, aucune place pour se garer"] * 40)
    found = fb.find_themes(texts, ["fr"] * len(texts), n_themes=3)
    names = " ".join(found.themes["name"].to_list() + found.themes["keywords"].to_list()).lower()
    assert "julie" not in names and "martin" not in names and "example" not in names
    assert found.themes["name"].n_unique() == found.themes.height


def test_a_surname_written_alone_in_a_phrase_stays_out_of_names() -> None:
    """« Lemoine au comptoir » names nobody alone; in its sentence it is a person."""
    texts = (["Gaston Lemoine au comptoir m'a très mal reçu, je ne reviendrai pas"] * 40
             + ["Livraison en retard de trois semaines, aucune nouvelle du livreur"] * 40
             + ["Appli qui plante à chaque paiement, inadmissible"] * 40)
    found = fb.find_themes(texts, ["fr"] * len(texts), n_themes=3)
    shown = " ".join(found.themes["name"].to_list()
                     + found.themes["keywords"].to_list()).lower()
    assert "lemoine" not in shown and "gaston" not in shown


def test_without_a_phrase_the_name_is_the_strongest_word() -> None:
    texts = ["Parking"] * 30 + ["Livraison"] * 30 + ["Appli"] * 30
    found = fb.find_themes(texts, ["fr"] * len(texts), n_themes=3)
    assert sorted(found.themes["name"].to_list()) == ["Appli", "Livraison", "Parking"]


CODEBOOK = {"th_prix": {"prix", "frais"}, "th_delais": {"délais", "attente"},
            "th_outils": {"outils", "numériques"}}
LABELS = {"th_prix": "Prix et frais", "th_delais": "Délais et attente",
          "th_outils": "Outils numériques"}
PASSAGES = {
    "th_prix": ["Les frais de livraison arrivent à la fin de la commande.",
                "Les frais de livraison sont trop chers pour un meuble."],
    "th_delais": ["Le livreur a manqué le créneau de livraison.",
                  "Livraison annoncée mardi, le livreur arrive vendredi.",
                  "La livraison a pris trois semaines, le livreur était en retard.",
                  "J'ai attendu le livreur toute la journée."],
    "th_outils": ["L'écran de l'appli se fige au paiement.", "Le comparateur de l'appli plante.",
                  "L'appli perd ma liste d'envies.", "Le paiement par l'appli échoue."],
}


def _linked(terms: list[list[str]]) -> list[str | None]:
    themes = pl.DataFrame({"theme": [f"T{i + 1}" for i in range(len(terms))], "terms": terms})
    return fb.link_codebook(themes, CODEBOOK, LABELS, lang="fr",
                            passages=PASSAGES)["code"].to_list()


def test_words_of_the_label_link_from_the_three_strongest_terms() -> None:
    assert _linked([["prix", "promotion", "panier"], ["panier", "promotion", "code", "prix"]]) \
        == ["th_prix", None]


def test_a_word_merely_present_in_a_codebook_themes_passages_is_no_link() -> None:
    # "livraison" is in Prix et frais's passages (delivery fees), but more in Délais's
    assert th.family("livraison") not in th.passage_words(PASSAGES, "fr")["th_prix"]
    assert _linked([["livraison", "annoncer", "message", "transporteur"]]) == [None]
    # with the delivery man too, it is Délais et attente's
    assert _linked([["livraison", "livreur", "annoncer", "message"]]) == ["th_delais"]


def test_one_passage_word_alone_is_no_link() -> None:
    assert _linked([["écran", "lecteur", "bouton", "aveugle"]]) == [None]
    assert _linked([["appli", "bouton", "écran"]]) == [None]
    assert _linked([["appli", "bouton", "paiement"]]) == ["th_outils"]


def test_boilerplate_of_the_descriptions_links_nothing() -> None:
    vocabulary = {code: words | {"thème", "abordé"} for code, words in CODEBOOK.items()}
    themes = pl.DataFrame({"theme": ["T1"], "terms": [["thème", "abordé", "parking"]]})
    assert fb.link_codebook(themes, vocabulary, LABELS, lang="fr")["code"].to_list() == [None]


def test_label_words_weigh_above_passage_words() -> None:
    # "frais" (label of Prix et frais) against two passage words of Délais, lower down
    assert _linked([["frais", "livreur", "créneau"]]) == ["th_prix"]


@pytest.mark.parametrize("terms", [[], ["parking"]])
def test_no_codebook_no_link(terms: list[str]) -> None:
    themes = pl.DataFrame({"theme": ["T1"], "terms": [terms]},
                          schema={"theme": pl.String, "terms": pl.List(pl.String)})
    linked = fb.link_codebook(themes, {}, {}, lang="fr")
    assert linked["code"].to_list() == [None] and linked["shared"].to_list() == [[]]


def _key(word: str, lang: str) -> str | None:
    """A toy word family: the word itself, stop words and short words left out."""
    return None if word.lower() in {"the", "was", "my", "a"} or len(word) < 3 else word.lower()


def test_the_name_holds_the_strongest_term_and_weighs_typical_texts() -> None:
    from cxlib.analysis.feedback.naming import phrase_names

    top = {"upload": 1.0, "address": 0.5, "proof": 0.5}
    sample = ([("Proof of address, refused", "en", 1.0)] * 9
              + [("Document upload, failed", "en", 1.0)] * 5)
    assert phrase_names([sample], [top], _key, [["upload"]], safe=lambda n: True) == [
        "Document upload"]  # more frequent, but without the theme's strongest term
    card = {"card": 1.0, "arrived": 0.5, "blocked": 0.5}
    sample = ([("Card arrived, late", "en", 0.2)] * 6 + [("Card blocked, again", "en", 1.0)] * 5)
    assert phrase_names([sample], [card], _key, [["card"]], safe=lambda n: True) == [
        "Card blocked"]  # fewer texts, but the theme's most typical


def test_names_are_unique_and_safe() -> None:
    from cxlib.analysis.feedback.naming import phrase_names

    top = {"card": 1.0, "blocked": 0.5, "julie": 0.5}
    sample = [("Julie card blocked", "en", 1.0)] * 5 + [("card blocked", "en", 1.0)] * 5
    names = phrase_names([sample, sample], [top, top], _key, [["card"], ["card"]],
                         safe=lambda n: "julie" not in n.lower())
    assert names == ["Card blocked", "Card"]


def test_a_theme_left_without_a_name_is_numbered_never_named_by_a_person() -> None:
    from cxlib.analysis.feedback.naming import phrase_names

    top = {"ferchichi": 1.0, "accueil": 0.5}
    sample = [("Accueil de Sabrina Ferchichi", "en", 1.0)] * 2  # too few texts for a phrase
    safe = lambda n: "ferchichi" not in n.lower()  # noqa: E731
    names = phrase_names([sample, sample, sample], [top, top, top], _key,
                         [["Ferchichi", ""], ["Ferchichi", "accueil"], ["Ferchichi", "accueil"]],
                         safe=safe)
    assert names == ["… (1)", "Accueil", "Accueil (3)"]


def test_addresses_give_no_word_to_a_name() -> None:
    from cxlib.analysis.feedback.naming import _tokens

    words = [w for clause in _tokens("Écrivez à julie.martin@example.com ou www.site.fr/aide")
             for w, _, _ in clause]
    assert words == ["Écrivez", "à", "ou"]


def test_themes_never_form_around_the_people_customers_name() -> None:
    """Staff named in complaints (no roster knows them) make no theme, name or term."""
    people = ["Kévin Boulanger", "Sabrina Ferchichi", "Jean-Pierre Lemoine", "Mme Duval"]
    texts = [text.format(p) for p in people for text in (
        "Service client injoignable, {} m'a raccroché au nez.",
        "{} ne m'a jamais rappelé, livraison en retard de deux semaines.",
        "Très déçue. {} m'a mal conseillée.",
        "Très bon accueil de {} en magasin, merci !")] * 12
    texts += ["Application qui plante à chaque paiement."] * 40
    found = fb.find_themes(texts, ["fr"] * len(texts), n_themes=8)
    shown = " ".join([*found.themes["name"], *found.themes["keywords"],
                      *(t for terms in found.themes["terms"] for t in terms)]).lower()
    for word in ("kévin", "boulanger", "sabrina", "ferchichi", "jean-pierre", "lemoine",
                 "duval", "mme"):
        assert word not in shown, word
    assert found.themes.height >= 3 and "…" not in shown
    assert found.assigned["theme"].drop_nulls().n_unique() == found.themes.height


def test_words_redaction_takes_out_are_the_private_ones() -> None:
    from cxlib.analysis.feedback.naming import private_words

    assert private_words("Écrivez à jeanne.martin@example.fr svp", "fr") >= {"jeanne",
                                                                             "martin"}
    assert private_words("Great app, quick transfers", "en") == frozenset()
    assert fb.lemmas("Accueil de Kévin en magasin", "fr", hide={"kévin"}) == [
        "accueil", "magasin"]
