from pathlib import Path

import pytest

from cxlib.errors import ConfigError
from cxlib.inputs.config import load_config


def test_scaffolded_config_loads(client_dir: Path) -> None:
    cfg = load_config("acme")
    assert cfg.client == "Acme"
    assert cfg.language == "en"
    assert cfg.ids("stages") == ["search", "compare", "purchase", "delivery", "after_sales"]
    assert cfg.scales["csat"].top == 4
    assert cfg.min_base.flag == 30 and cfg.min_base.suppress == 10


def test_error_if_client_folder_missing(cx_home: Path) -> None:
    with pytest.raises(ConfigError, match=r"Client 'ghost' not found: folder data/ghost does "
                       r"not exist\. Create it with 'cx init ghost'"):
        load_config("ghost")


def test_error_if_yaml_broken(client_dir: Path) -> None:
    (client_dir / "client.yaml").write_text("client: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"data/acme/client.yaml is not readable YAML"):
        load_config("acme")


def test_yaml_error_gives_line_column_and_the_tab_hint_in_the_stated_language(
        client_dir: Path) -> None:
    (client_dir / "client.yaml").write_text("language: fr\nwave:\tW1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config("acme")
    assert caught.value.message == (
        "data/acme/client.yaml n'est pas un fichier YAML lisible : ligne 2, colonne 6 : found "
        "character '\\t' that cannot start any token (une tabulation : indentez client.yaml "
        "avec des espaces)")


def test_error_if_yaml_not_mapping(client_dir: Path) -> None:
    (client_dir / "client.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"must hold keys \(client, language, stages…\)"):
        load_config("acme")


def test_error_lists_every_config_problem_in_client_language(client_dir: Path) -> None:
    path = client_dir / "client.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("language: en", "language: fr")
    text = text.replace("macro: before}", "macro: avant}", 1)
    text = text.replace('primary: "#1f4e79"', 'primary: "blue"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config("acme")
    message = info.value.message
    assert message.startswith("2 problèmes dans la configuration (data/acme/client.yaml) :")
    assert ("clé « stages.1.macro » : trouvé « avant », attendu : l'une de ces valeurs : "
            "before, during ou after") in message  # list items counted from 1
    assert ("clé « brand.primary » : trouvé « blue », attendu : une couleur écrite #rrvvbb"
            in message)


def test_unknown_key_said_in_the_client_language(client_dir: Path) -> None:
    path = client_dir / "client.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config("acme")
    assert info.value.message.endswith(
        "clé « bogus » : trouvé « 1 », attendu : aucune clé de ce nom (faute de frappe ?)"
        if "language: fr" in path.read_text(encoding="utf-8") else
        "key 'bogus': found '1', expected no key of that name (a typo?)")


def test_error_if_current_wave_not_declared(client_dir: Path) -> None:
    path = client_dir / "client.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("wave: W1", "wave: W3"),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"wave 'W3' is not one of waves: W1"):
        load_config("acme")


def test_error_if_scale_top_outside_bounds(client_dir: Path) -> None:
    path = client_dir / "client.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "csat: {min: 1, max: 5, top: 4}", "csat: {min: 1, max: 5, top: 6}"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"scales\.csat.*top must lie between min and max"):
        load_config("acme")


@pytest.mark.parametrize(("change", "fr", "en"), [
    (("wave: W1", "wave: W9"), "attendu : une vague en cours parmi waves (W1), pas « W9 »",
     "expected wave 'W9' is not one of waves: W1"),
    (("suppress: 10", "suppress: 40"),
     "attendu : un seuil « suppress » qui ne dépasse pas « flag »",
     "expected suppress must not exceed flag"),
])
def test_configuration_rules_said_in_the_client_language(make_client, change: tuple[str, str],
                                                         fr: str, en: str) -> None:
    for lang, words in (("fr", fr), ("en", en)):
        folder = make_client(f"c-{lang}", lang)
        path = folder / "client.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_config(f"c-{lang}")
        assert words in info.value.message


def test_feedback_themes_named_and_linked_by_the_consultant(client_dir: Path) -> None:
    path = client_dir / "client.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "feedback:\n  themes:\n"
        "    appli: {name: \"  Application   mobile \"}\n"
        "    parking: {name: Parking du magasin, code: none}\n"
        "    correct: {name: Photos et couleurs réelles, code: th_produit}\n"
        "    colis: Suivi du colis\n"
        "    livraison: {code: null}\n"), encoding="utf-8")
    themes = load_config("acme").feedback.themes
    assert {k: (v.name, v.code) for k, v in themes.items()} == {
        "appli": ("Application mobile", None), "parking": ("Parking du magasin", "none"),
        "correct": ("Photos et couleurs réelles", "th_produit"),
        "colis": ("Suivi du colis", None), "livraison": (None, "none")}
    assert list(themes) == ["appli", "parking", "correct", "colis", "livraison"]


def test_without_a_feedback_section_no_theme_is_renamed(client_dir: Path) -> None:
    assert load_config("acme").feedback.themes == {}
    path = client_dir / "client.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "feedback:\n  themes:\n", encoding="utf-8")  # all commented out
    assert load_config("acme").feedback.themes == {}
    path.write_text(text + "feedback:\n  themes: {2027: Offre 2027, appli: {code: 12}}\n",
                    encoding="utf-8")  # numbers read as written
    assert {k: (v.name, v.code) for k, v in load_config("acme").feedback.themes.items()} == {
        "2027": ("Offre 2027", None), "appli": (None, "12")}
    path.write_text(text + "feedback: [appli]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config("acme")
    assert info.value.message.endswith(
        "key 'feedback': empty cell, expected keys written one per line under it (key: "
        "value), not a list or a single value")


@pytest.mark.parametrize(("entry", "fr", "en"), [
    ("appli: {nom: Application}", "clé « feedback.themes.appli.nom » : trouvé « Application », "
     "attendu : aucune clé de ce nom", "key 'feedback.themes.appli.nom': found 'Application', "
     "expected no key of that name (a typo?)"),
    ("appli:", "clé « feedback.themes.appli » : cellule vide, attendu : un nom (name:), un "
     "thème de la grille (code:) ou les deux ; ou un thème à rejoindre (into:)",
     "key 'feedback.themes.appli': empty cell, expected a name (name:), a codebook theme "
     "(code:) or both; or a theme to join (into:)"),
    ("appli: {name: Appli, into: parking}", "attendu : into: seul (un thème qui en rejoint un "
     "autre prend son nom et son thème de la grille)", "expected into: alone (a theme that "
     "joins another takes its name and codebook theme)"),
    ("appli: {name: '2027'}", "attendu : un nom d'au moins une lettre",
     "expected a name holding at least one letter"),
])
def test_feedback_themes_mistakes_said_in_the_client_language(make_client, entry: str, fr: str,
                                                              en: str) -> None:
    for lang, words in (("fr", fr), ("en", en)):
        folder = make_client(f"c-{lang}", lang)
        path = folder / "client.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"feedback:\n  themes:\n    {entry}\n",
                        encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_config(f"c-{lang}")
        assert words in info.value.message
