"""Messages and labels in the consultant's language (French or English).

Every sentence the workbench shows a person — error messages, report labels — lives in
:data:`MESSAGES`, keyed by a stable id, with a French and an English text. Tests pin them.
"""

from __future__ import annotations

import locale
import os

__all__ = ["MESSAGES", "detect_language", "t"]

MESSAGES: dict[str, dict[str, str]] = {
    # -- where / what ------------------------------------------------------------------
    "where_row": {"fr": "ligne {row}", "en": "row {row}"},
    "where_column": {"fr": "colonne « {column} »", "en": "column '{column}'"},
    "found": {"fr": "trouvé « {found} »", "en": "found '{found}'"},
    "found_empty": {"fr": "cellule vide", "en": "empty cell"},
    "expected": {"fr": "attendu : {expected}", "en": "expected {expected}"},
    "more_problems": {"fr": "… et {n} autres problèmes", "en": "… and {n} more problems"},
    # -- headlines ---------------------------------------------------------------------
    "input_invalid": {
        "fr": "{n} problème(s) dans les données d'entrée ({files}) :",
        "en": "{n} problem(s) in the input data ({files}):",
    },
    "config_invalid": {
        "fr": "{n} problème(s) dans la configuration ({files}) :",
        "en": "{n} problem(s) in the configuration ({files}):",
    },
    # -- configuration -----------------------------------------------------------------
    "client_missing": {
        "fr": "Client « {client} » introuvable : le dossier {folder} n'existe pas. "
              "Créez-le avec « cx init {client} » ; « cx list » liste les clients.",
        "en": "Client '{client}' not found: folder {folder} does not exist. "
              "Create it with 'cx init {client}'; 'cx list' shows the clients.",
    },
    "client_exists": {
        "fr": "Le client « {client} » existe déjà ({folder}) : rien n'a été modifié.",
        "en": "Client '{client}' already exists ({folder}): nothing was changed.",
    },
    "client_bad_name": {
        "fr": "Nom de client « {client} » invalide : attendu lettres minuscules, chiffres "
              "et tirets (ex. « acme » ou « maison-dupont »).",
        "en": "Invalid client name '{client}': expected lower-case letters, digits and "
              "hyphens (e.g. 'acme' or 'smith-bank').",
    },
    "config_missing": {
        "fr": "Fichier de configuration manquant : {file}.",
        "en": "Configuration file missing: {file}.",
    },
    "config_not_yaml": {
        "fr": "{file} n'est pas un fichier YAML lisible : {detail}",
        "en": "{file} is not readable YAML: {detail}",
    },
    "config_not_mapping": {
        "fr": "{file} doit contenir des clés (client, language, stages…), pas une liste "
              "ni un texte.",
        "en": "{file} must hold keys (client, language, stages…), not a list or a text.",
    },
}


def detect_language() -> str:
    """Guess the consultant's language before a client config is read.

    Returns
    -------
    str
        ``"fr"`` when ``CX_LANG`` or the locale says French, else ``"en"``.
    """
    env = os.environ.get("CX_LANG") or os.environ.get("LANG") or locale.getlocale()[0] or ""
    return "fr" if env.lower().startswith("fr") else "en"


def t(key: str, lang: str, **values: object) -> str:
    """Return message ``key`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    key : str
        Message id in :data:`MESSAGES`.
    lang : {"fr", "en"}
        Language; anything else falls back to English.
    **values
        Placeholders.

    Returns
    -------
    str
        The message.
    """
    texts = MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**values)
