"""Names and codebook links the consultant gives to themes in client.yaml (feedback.themes)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from cxlib.analysis.feedback.given import give
from cxlib.errors import ConfigError
from cxlib.inputs.config import ClientConfig

CODES = {"th_delais": "Délais et attente", "th_outils": "Outils numériques",
         "th_produit": "Produit et qualité"}


def _config(themes: dict, language: str = "fr") -> ClientConfig:
    return ClientConfig(
        slug="acme", client="Acme", language=language, wave="W1",
        waves=[{"id": "W1", "label": "Vague 1", "date": date(2026, 4, 30)}],
        stages=[{"id": "a", "label": "A", "macro": "before"},
                {"id": "b", "label": "B", "macro": "after"}],
        channels=[{"id": "web", "label": "Web", "kind": "digital"}],
        feedback={"themes": themes})


def _themes() -> pl.DataFrame:
    return pl.DataFrame({
        "theme": ["T1", "T2", "T3", "T4"],
        "name": ["Remboursement promis", "Appli plante", "Parking payant", "Choix correct"],
        "terms": [["remboursement", "attendre"], ["appli", "paiement"], ["parking", "garer"],
                  ["correct", "photo"]],
        "keywords": ["remboursement · attendre", "appli · paiement", "parking · garer",
                     "correct · photo"],
        "code": ["th_delais", "th_outils", None, None],
        "code_label": ["Délais et attente", "Outils numériques", None, None],
        "shared": [["remboursement"], ["appli"], [], []]})


def test_without_settings_nothing_changes_but_the_flags() -> None:
    themes, warnings = give(_themes(), _config({}), CODES, languages=["fr"])
    assert warnings == []
    assert themes.drop("name_given", "code_given", "joined", "joined_names").equals(_themes())
    assert themes["joined"].list.len().sum() == 0
    assert not themes["name_given"].any() and not themes["code_given"].any()


def test_a_name_and_a_link_given_by_the_strongest_term() -> None:
    cfg = _config({"appli": {"name": "Application mobile"},
                   "parking": {"name": "Parking du magasin", "code": "none"},
                   "correct": {"name": "Photos et couleurs réelles", "code": "th_produit"},
                   "rembourser": "Remboursements"})  # a form of the same word family
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert warnings == []
    assert themes["name"].to_list() == ["Remboursements", "Application mobile",
                                        "Parking du magasin", "Photos et couleurs réelles"]
    assert themes["name_given"].to_list() == [True, True, True, True]
    # none unlinks (the theme then reads "not in the codebook"); a code links; no code keeps
    assert themes["code"].to_list() == ["th_delais", "th_outils", None, "th_produit"]
    assert themes["code_label"].to_list() == ["Délais et attente", "Outils numériques", None,
                                              "Produit et qualité"]
    assert themes["code_given"].to_list() == [False, False, True, True]
    assert themes["shared"].to_list() == [["remboursement"], ["appli"], [], []]
    assert themes["keywords"].equals(_themes()["keywords"])  # the top terms stay


def test_a_key_matching_no_theme_is_a_warning_listing_the_strongest_terms() -> None:
    themes, warnings = give(_themes(), _config({"parkin": {"name": "X"}}), CODES,
                            languages=["fr"])
    assert themes["name"].equals(_themes()["name"])
    assert [w.render("fr") for w in warnings] == [
        "data/acme/client.yaml, clé « feedback.themes.parkin » : trouvé « parkin », attendu : "
        "le terme le plus fort d'un thème trouvé dans ce traitement (le premier de ses termes "
        "principaux) : remboursement, appli, parking, correct ; la clé reste sans effet"]
    _, warnings = give(_themes(), _config({"parkin": {"name": "X"}}, "en"), CODES)
    assert warnings[0].render("en") == (
        "data/acme/client.yaml, key 'feedback.themes.parkin': found 'parkin', expected the "
        "strongest term of a theme found in this run (the first of its top terms): "
        "remboursement, appli, parking, correct; the key is left unused")


def test_no_theme_found_every_key_is_a_warning() -> None:
    themes, warnings = give(_themes().clear(), _config({"appli": "Application"}), CODES)
    assert themes.is_empty() and len(warnings) == 1
    assert warnings[0].render("fr").endswith("(le premier de ses termes principaux) : — ; la "
                                             "clé reste sans effet")


def test_a_name_carrying_personal_data_is_refused_like_a_found_name() -> None:
    cfg = _config({"appli": {"name": "Écrire à jean.dupont@example.com"},
                   "parking": {"name": "Appeler le 06 12 34 56 78"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert themes["name"].equals(_themes()["name"])  # the names found are kept
    assert not themes["name_given"].any()
    rendered = [w.render("fr") for w in warnings]
    assert rendered[0] == (
        "data/acme/client.yaml, clé « feedback.themes.appli.name » : trouvé « Écrire à "
        "[email] », attendu : un nom sans donnée personnelle (l'anonymisation le "
        "modifierait) : le nom trouvé, «\u00a0Appli plante\u00a0», est gardé")
    assert "06 12" not in rendered[1] and "«\u00a0Parking payant\u00a0», est" in rendered[1]


def test_a_name_another_theme_bears_is_refused() -> None:
    cfg = _config({"appli": {"name": "parking payant"}, "parking": "Stationnement",
                   "correct": {"name": "Stationnement"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    # "Parking payant" is free once its theme is renamed; the second "Stationnement" is not
    assert themes["name"].to_list() == ["Remboursement promis", "parking payant",
                                        "Stationnement", "Choix correct"]
    assert [w.render("fr") for w in warnings] == [
        "data/acme/client.yaml, clé « feedback.themes.correct.name » : trouvé « Stationnement "
        "», attendu : un nom qu'aucun autre thème ne porte (un autre thème s'appelle déjà "
        "«\u00a0Stationnement\u00a0») : le nom trouvé, «\u00a0Choix correct\u00a0», est gardé"]
    _, warnings = give(_themes(), cfg.model_copy(update={"language": "en"}), CODES)
    assert warnings[0].render("en") == (
        "data/acme/client.yaml, key 'feedback.themes.correct.name': found 'Stationnement', "
        "expected a name no other theme bears (another theme is already named "
        "'Stationnement'): the name found, 'Choix correct', is kept")
    assert themes["name"].str.to_lowercase().n_unique() == 4


def test_two_keys_of_one_theme_and_one_key_of_two_themes() -> None:
    cfg = _config({"rembourser": "Remboursements", "remboursement": "Avoirs"})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert themes["name"][0] == "Remboursements"
    assert warnings[0].column == "feedback.themes.remboursement"
    assert "la clé « rembourser » désigne déjà le thème «\u00a0Remboursement promis\u00a0»" in \
        warnings[0].render("fr")
    two = _themes().with_columns(pl.Series("terms", [["appli"], ["application"], ["parking"],
                                                     ["appliquer"]]))
    themes, warnings = give(two, _config({"appli": "Application mobile"}), CODES)
    assert themes["name"].to_list()[:2] == ["Application mobile", "Appli plante"]
    assert warnings == []  # "application" is another word family than "appli"
    two = _themes().with_columns(pl.Series("terms", [["remboursement"], ["appli"], ["parking"],
                                                     ["rembourser"]]))
    themes, warnings = give(two, _config({"remboursement": "Remboursements"}), CODES)
    assert themes["name"].to_list() == ["Remboursements", "Appli plante", "Parking payant",
                                        "Choix correct"]  # the largest of the two
    assert warnings[0].render("fr").endswith(
        "attendu : le terme le plus fort d'un seul thème : il l'est de «\u00a0Remboursement "
        "promis\u00a0», «\u00a0Choix correct\u00a0» ; le plus grand, «\u00a0Remboursement "
        "promis\u00a0», prend la clé")


def test_a_code_not_in_the_codebook_stops_the_run_in_the_client_language() -> None:
    cfg = _config({"appli": {"name": "Application", "code": "produit"}})
    with pytest.raises(ConfigError) as caught:
        give(_themes(), cfg, CODES, languages=["fr"])
    assert caught.value.message == (
        "1 problème dans la configuration (data/acme/client.yaml) :\n"
        "  - data/acme/client.yaml, clé « feedback.themes.appli.code » : trouvé « produit », "
        "attendu : un code de thème de la grille d'entretien, ou none : th_delais, th_outils, "
        "th_produit")
    with pytest.raises(ConfigError) as caught:
        give(_themes(), _config({"appli": {"code": "produit"}}, "en"), {})
    assert caught.value.message == (
        "1 problem in the configuration (data/acme/client.yaml):\n"
        "  - data/acme/client.yaml, key 'feedback.themes.appli.code': found 'produit', "
        "expected none: the client's codebook has no theme to link to")


def test_a_theme_joins_another_which_keeps_its_name_and_link() -> None:
    cfg = _config({"parking": {"name": "Accès au magasin", "code": "none"},
                   "correct": {"into": "parking"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert warnings == []
    assert themes["theme"].to_list() == ["T1", "T2", "T3"]
    row = themes.row(2, named=True)
    assert (row["name"], row["code"], row["joined"], row["joined_names"]) == (
        "Accès au magasin", None, ["T4"], ["Parking payant", "Choix correct"])
    assert row["terms"] == ["parking", "garer", "correct", "photo"]
    assert themes["joined"].to_list()[:2] == [[], []]


def test_a_theme_to_join_that_matches_no_theme_is_a_warning() -> None:
    cfg = _config({"velo": "Vélos", "correct": {"into": "velo"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert themes.height == 4 and themes["joined"].list.len().sum() == 0
    assert [w.column for w in warnings] == ["feedback.themes.velo",
                                            "feedback.themes.correct.into"]
    assert warnings[1].render("fr").endswith(
        "trouvé « velo », attendu : la clé d'un thème trouvé dans ce traitement : « velo » "
        "n'en désigne aucun ; «\u00a0Choix correct\u00a0» reste un thème à part")
    _, warnings = give(_themes(), cfg.model_copy(update={"language": "en"}), CODES)
    assert warnings[1].render("en").endswith(
        "found 'velo', expected the key of a theme found in this run: 'velo' matches none; "
        "'Choix correct' stays a theme of its own")


def test_into_naming_no_key_or_a_key_that_joins_itself_is_a_warning() -> None:
    cfg = _config({"parking": "Parking", "correct": {"into": "appli"},
                   "appli": {"into": "parking"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert themes["theme"].to_list() == ["T1", "T3", "T4"]  # appli joined parking
    assert [w.column for w in warnings] == ["feedback.themes.correct.into"]
    _, warnings = give(_themes(), cfg.model_copy(update={"language": "en"}), CODES)
    assert warnings[0].render("en").endswith(
        "found 'appli', expected another key of feedback.themes, one that joins no theme "
        "itself: parking; 'Choix correct' stays a theme of its own")


def test_a_joined_theme_may_give_its_found_name_to_the_theme_it_joins() -> None:
    cfg = _config({"parking": {"name": "Choix correct"}, "correct": {"into": "parking"}})
    themes, warnings = give(_themes(), cfg, CODES, languages=["fr"])
    assert warnings == []
    assert themes["name"].to_list() == ["Remboursement promis", "Appli plante",
                                        "Choix correct"]
