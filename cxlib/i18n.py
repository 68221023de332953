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
    # -- reading files -----------------------------------------------------------------
    "unsupported_format": {
        "fr": "un fichier .xlsx, .csv ou .parquet (extension « {suffix} » non prise en charge)",
        "en": "an .xlsx, .csv or .parquet file (suffix '{suffix}' is not supported)",
    },
    "not_text": {
        "fr": "un fichier texte CSV (ce fichier est binaire : est-ce un classeur Excel "
              "renommé en .csv ?)",
        "en": "a CSV text file (this file is binary: is it an Excel workbook renamed .csv?)",
    },
    "empty_file": {
        "fr": "une ligne d'en-têtes puis des données (le fichier est vide)",
        "en": "a header row then data (the file is empty)",
    },
    "csv_unreadable": {
        "fr": "un CSV régulier, le même nombre de colonnes à chaque ligne ({detail})",
        "en": "a regular CSV with the same number of columns on every line ({detail})",
    },
    "not_xlsx": {
        "fr": "un classeur Excel .xlsx (ce fichier n'en est pas un, ou il est corrompu)",
        "en": "an Excel .xlsx workbook (this file is not one, or it is damaged)",
    },
    "not_parquet": {
        "fr": "un fichier Parquet lisible (ce fichier n'en est pas un, ou il est corrompu)",
        "en": "a readable Parquet file (this file is not one, or it is damaged)",
    },
    "no_data_sheet": {
        "fr": "une feuille de données en plus des instructions (feuilles : {sheets})",
        "en": "a data sheet besides the instructions (sheets: {sheets})",
    },
    "note_csv": {
        "fr": "CSV lu en {encoding}, séparateur {sep}",
        "en": "CSV read as {encoding}, separator {sep}",
    },
    "note_xlsx": {"fr": "feuille « {sheet} »", "en": "sheet '{sheet}'"},
    # -- expectations ------------------------------------------------------------------
    "expect_str": {"fr": "un texte", "en": "a text"},
    "expect_id": {"fr": "un identifiant", "en": "an identifier"},
    "expect_int": {"fr": "un nombre entier (ex. 12)", "en": "a whole number (e.g. 12)"},
    "expect_float": {"fr": "un nombre (ex. 12,5)", "en": "a number (e.g. 12.5)"},
    "expect_date": {
        "fr": "une date jj/mm/aaaa (ex. 15/09/2026) ou aaaa-mm-jj",
        "en": "a date yyyy-mm-dd (e.g. 2026-09-15) or dd/mm/yyyy",
    },
    "expect_datetime": {
        "fr": "une date et heure jj/mm/aaaa hh:mm (ex. 15/09/2026 14:05) ou ISO 8601",
        "en": "a date and time yyyy-mm-dd hh:mm (e.g. 2026-09-15 14:05) or dd/mm/yyyy hh:mm",
    },
    "expect_bool": {"fr": "oui ou non", "en": "yes or no"},
    "expect_enum": {"fr": "l'une des valeurs : {values}", "en": "one of: {values}"},
    "expect_range": {"fr": "une valeur entre {lo} et {hi}", "en": "a value from {lo} to {hi}"},
    "expect_ge": {"fr": "une valeur supérieure ou égale à {lo}",
                  "en": "a value of at least {lo}"},
    "expect_unique": {"fr": "un identifiant unique (valeur en double)",
                      "en": "a unique identifier (duplicate value)"},
    "expect_end_after_start": {"fr": "une fin après le début ({start})",
                               "en": "an end after the start ({start})"},
    "expect_ref_stages": {"fr": "une étape de client.yaml : {ids}",
                          "en": "a stage of client.yaml: {ids}"},
    "expect_ref_channels": {"fr": "un canal de client.yaml : {ids}",
                            "en": "a channel of client.yaml: {ids}"},
    "expect_ref_departments": {"fr": "un service de client.yaml : {ids}",
                               "en": "a department of client.yaml: {ids}"},
    "expect_ref_waves": {"fr": "une vague de client.yaml : {ids}",
                         "en": "a wave of client.yaml: {ids}"},
    "expect_ref_personas": {"fr": "un persona de la table personas : {ids}",
                            "en": "a persona of the personas table: {ids}"},
    "expect_ref_touchpoints": {"fr": "un point de contact de la table touchpoints : {ids}",
                               "en": "a touchpoint of the touchpoints table: {ids}"},
    "expect_ref_interviews": {"fr": "un entretien de la table interviews : {ids}",
                              "en": "an interview of the interviews table: {ids}"},
    "expect_ref_codebook": {"fr": "un code de la grille de codage : {ids}",
                            "en": "a code of the codebook: {ids}"},
    "n_more_rows": {"fr": "{n} autres lignes dans le même cas",
                    "en": "{n} more rows like this"},
    "column_absent": {"fr": "colonne absente (en-têtes lus : {headers})",
                      "en": "no such column (headers read: {headers})"},
    "expect_column": {"fr": "une colonne « {column} » ({help})",
                      "en": "a column '{column}' ({help})"},
    "hint_renamed": {"fr": " ; renommée en « {name} » ?",
                     "en": "; was it renamed '{name}'?"},
    "column_unknown": {"fr": "colonne inconnue, ignorée", "en": "unknown column, ignored"},
    "expect_known_column": {"fr": "une colonne du modèle de données",
                            "en": "a column of the data contract"},
    # -- loading -----------------------------------------------------------------------
    "file_absent": {"fr": "fichier absent", "en": "no such file"},
    "expect_file": {
        "fr": "la table « {table} » en .xlsx, .csv ou .parquet (voir « inputs: » dans "
              "client.yaml)",
        "en": "the '{table}' table as .xlsx, .csv or .parquet (see 'inputs:' in client.yaml)",
    },
    "expect_transcript": {"fr": "un fichier présent dans {folder}",
                          "en": "a file present in {folder}"},
    "unknown_tables": {"fr": "Tables inconnues : {names}. Tables connues : {known}.",
                       "en": "Unknown tables: {names}. Known tables: {known}."},
    "table_absent": {"fr": "Le client n'a pas de table « {table} » dans {folder}.",
                     "en": "The client has no '{table}' table in {folder}."},
    # -- running -----------------------------------------------------------------------
    "no_parameters_cell": {
        "fr": "Le notebook {notebook} n'a pas de cellule marquée « parameters ».",
        "en": "Notebook {notebook} has no cell tagged 'parameters'.",
    },
    "bad_parameters": {
        "fr": "Paramètres refusés pour le notebook {notebook} : inconnus : {unknown} ; "
              "manquants : {missing}. Paramètres acceptés : {accepted}.",
        "en": "Parameters refused for notebook {notebook}: unknown: {unknown}; "
              "missing: {missing}. Accepted parameters: {accepted}.",
    },
    "unknown_notebooks": {
        "fr": "Notebooks inconnus : {names}. Notebooks disponibles : {known}.",
        "en": "Unknown notebooks: {names}. Available notebooks: {known}.",
    },
    "template_missing": {
        "fr": "Modèle de rapport introuvable : {folder}.",
        "en": "Report template not found: {folder}.",
    },
    "notebook_failed": {
        "fr": "Le notebook {notebook} a échoué à la cellule {cell} : {error}\n"
              "Le notebook exécuté est conservé : {kept}",
        "en": "Notebook {notebook} failed at cell {cell}: {error}\n"
              "The executed notebook is kept: {kept}",
    },
    "last_good": {
        "fr": "Le dernier rapport publié reste en place : {folder}",
        "en": "The last good report is still in place: {folder}",
    },
    # -- command line -------------------------------------------------------------------
    "cli_init_done": {
        "fr": "Client « {client} » créé dans {folder}. Remplacez les lignes d'exemple des "
              "fichiers Excel, puis lancez « cx validate {client} ».",
        "en": "Client '{client}' created in {folder}. Replace the example rows of the Excel "
              "files, then run 'cx validate {client}'.",
    },
    "cli_valid": {
        "fr": "Client « {client} » : {tables} tables valides, {rows} lignes.",
        "en": "Client '{client}': {tables} valid tables, {rows} rows.",
    },
    "cli_warning": {"fr": "Avertissement : {text}", "en": "Warning: {text}"},
    "cli_no_clients": {
        "fr": "Aucun client à traiter : créez-en un avec « cx init NOM ».",
        "en": "No client to run: create one with 'cx init NAME'.",
    },
    "cli_interrupted": {
        "fr": "Interrompu : les rapports déjà publiés sont intacts.",
        "en": "Interrupted: reports already published are intact.",
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