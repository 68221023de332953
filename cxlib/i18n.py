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
    # -- overview report ---------------------------------------------------------------
    "title_00_overview": {"fr": "Périmètre et données", "en": "Scope and data"},
    "scope_stages": {"fr": "Étapes du parcours", "en": "Journey stages"},
    "scope_channels": {"fr": "Canaux", "en": "Channels"},
    "scope_personas": {"fr": "Personas", "en": "Personas"},
    "scope_touchpoints": {"fr": "Points de contact", "en": "Touchpoints"},
    "scope_departments": {"fr": "Services", "en": "Departments"},
    "scope_waves": {"fr": "Vagues", "en": "Waves"},
    "scope_interviews": {"fr": "Entretiens", "en": "Interviews"},
    "scope_codings": {"fr": "Segments codés", "en": "Coded segments"},
    "scope_responses": {"fr": "Réponses à l'enquête", "en": "Survey responses"},
    "scope_events": {"fr": "Événements du parcours", "en": "Journey events"},
    "scope_customers": {"fr": "Clients suivis", "en": "Customers tracked"},
    "finding_stage_no_tp": {
        "fr": "Aucun point de contact n'est inventorié pour l'étape « {stage} ».",
        "en": "No touchpoint is inventoried for the stage '{stage}'.",
    },
    "finding_channel_no_event": {
        "fr": "Le canal « {channel} » n'apparaît dans aucun événement du parcours.",
        "en": "The channel '{channel}' appears in no journey event.",
    },
    "finding_wave_base": {
        "fr": "{wave} : {n} réponses à l'enquête.",
        "en": "{wave}: {n} survey responses.",
    },
    "finding_missing_share": {
        "fr": "{pct} % des réponses n'ont pas de note {column}.",
        "en": "{pct}% of responses have no {column} score.",
    },
    "finding_interviews": {
        "fr": "{employees} entretiens de salariés et {customers} entretiens de clients.",
        "en": "{employees} employee interviews and {customers} customer interviews.",
    },
    "finding_one_coder": {
        "fr": "Les entretiens n'ont été codés que par un seul codeur : l'accord "
              "inter-codeurs ne peut pas être mesuré.",
        "en": "Interviews were coded by a single coder: inter-coder agreement cannot be "
              "measured.",
    },
    "finding_unknown_column": {
        "fr": "{file} : la colonne « {column} » ne fait pas partie du modèle de données et "
              "a été ignorée.",
        "en": "{file}: column '{column}' is not part of the data contract and was ignored.",
    },
    "finding_problem": {"fr": "Problème", "en": "Problem"},
    "finding_warning": {"fr": "Attention", "en": "Warning"},
    "finding_info": {"fr": "Info", "en": "Info"},
    "no_findings": {"fr": "Rien à signaler.", "en": "Nothing to report."},
    "ov_scope": {"fr": "Périmètre de la mission", "en": "Engagement scope"},
    "ov_scope_text": {
        "fr": "Le diagnostic de {client} couvre {stages} étapes du parcours et {channels} "
              "canaux, soit {cells} croisements étape × canal possibles, dont {covered} ont "
              "au moins un point de contact inventorié. Vague en cours : {wave}.",
        "en": "The diagnostic of {client} covers {stages} journey stages and {channels} "
              "channels: {cells} possible stage × channel crossings, {covered} of which have "
              "at least one inventoried touchpoint. Current wave: {wave}.",
    },
    "ov_stages": {"fr": "Étapes du parcours", "en": "Journey stages"},
    "ov_matrix": {"fr": "Points de contact par étape et canal",
                  "en": "Touchpoints per stage and channel"},
    "ov_matrix_text": {
        "fr": "Chaque case compte les points de contact inventoriés ; une case grise est un "
              "croisement sans point de contact, à confirmer comme un vrai manque ou non.",
        "en": "Each cell counts the inventoried touchpoints; a grey cell is a crossing with "
              "no touchpoint, to be confirmed as a real gap or not.",
    },
    "ov_personas": {"fr": "Personas", "en": "Personas"},
    "ov_waves": {"fr": "Vagues", "en": "Waves"},
    "ov_inventory": {"fr": "Inventaire des données", "en": "Data inventory"},
    "ov_inventory_text": {
        "fr": "Chaque fichier d'entrée a été lu et contrôlé contre le modèle de données ; "
              "aucune ligne n'a été modifiée.",
        "en": "Each input file was read and checked against the data contract; no row was "
              "changed.",
    },
    "ov_volumes": {"fr": "Volumes par mois", "en": "Volumes per month"},
    "ov_findings": {"fr": "Constats sur la qualité des données",
                    "en": "Data quality findings"},
    "ov_summary": {
        "fr": "{touchpoints} points de contact, {responses} réponses, {events} événements, "
              "{interviews} entretiens.",
        "en": "{touchpoints} touchpoints, {responses} responses, {events} events, "
              "{interviews} interviews.",
    },
    "col_stage": {"fr": "Étape", "en": "Stage"},
    "col_channel": {"fr": "Canal", "en": "Channel"},
    "col_macro": {"fr": "Phase", "en": "Phase"},
    "col_order": {"fr": "N°", "en": "#"},
    "col_touchpoints": {"fr": "Points de contact", "en": "Touchpoints"},
    "col_irritants": {"fr": "Irritants et ruptures", "en": "Irritants and ruptures"},
    "col_enchantments": {"fr": "Enchantements", "en": "Enchantments"},
    "col_mot": {"fr": "Moments de vérité", "en": "Moments of truth"},
    "col_persona": {"fr": "Persona", "en": "Persona"},
    "col_description": {"fr": "Description", "en": "Description"},
    "col_share": {"fr": "Part de la base (%)", "en": "Share of base (%)"},
    "col_wave": {"fr": "Vague", "en": "Wave"},
    "col_date": {"fr": "Fin du terrain", "en": "End of fieldwork"},
    "col_responses": {"fr": "Réponses", "en": "Responses"},
    "col_table": {"fr": "Table", "en": "Table"},
    "col_file": {"fr": "Fichier", "en": "File"},
    "col_read_as": {"fr": "Lecture", "en": "Read as"},
    "col_rows": {"fr": "Lignes", "en": "Rows"},
    "col_columns": {"fr": "Colonnes", "en": "Columns"},
    "col_period_start": {"fr": "Du", "en": "From"},
    "col_period_end": {"fr": "Au", "en": "To"},
    "col_missing_pct": {"fr": "Cellules vides (%)", "en": "Empty cells (%)"},
    "col_most_missing": {"fr": "Colonne la plus vide", "en": "Emptiest column"},
    "col_warnings": {"fr": "Avertissements", "en": "Warnings"},
    "col_month": {"fr": "Mois", "en": "Month"},
    "col_count": {"fr": "Nombre", "en": "Count"},
    "col_series": {"fr": "Source", "en": "Source"},
    "kind_digital": {"fr": "Événements digitaux", "en": "Digital events"},
    "kind_physical": {"fr": "Événements physiques", "en": "Physical events"},
    "kind_human": {"fr": "Événements humains", "en": "Human-assisted events"},
    "kind_survey": {"fr": "Réponses à l'enquête", "en": "Survey responses"},
    "macro_before": {"fr": "Avant l'achat", "en": "Before purchase"},
    "macro_during": {"fr": "Achat", "en": "Purchase"},
    "macro_after": {"fr": "Après l'achat", "en": "After purchase"},
    # -- report frame (header, contents, footer, index) -----------------------------------
    "report_contents": {"fr": "Sommaire", "en": "Contents"},
    "report_wave": {"fr": "Vague", "en": "Wave"},
    "report_date": {"fr": "Édition du", "en": "Issued"},
    "report_index_link": {"fr": "Tous les rapports", "en": "All reports"},
    "report_footer": {
        "fr": "{client} — {title} — {wave} — document confidentiel, données "
              "personnelles masquées — édition {run}",
        "en": "{client} — {title} — {wave} — confidential, personal data redacted — "
              "run {run}",
    },
    "notebook_unfinished": {
        "fr": "Le notebook {notebook} n'est pas allé au bout de son exécution : il n'est pas "
              "publié. Notebook conservé : {kept}",
        "en": "Notebook {notebook} did not run to the end: it is not published. "
              "Notebook kept: {kept}",
    },
    "report_chart_error": {"fr": "Ce graphique n'a pas pu être affiché : {error}",
                           "en": "This chart could not be drawn: {error}"},
    "index_title": {"fr": "Diagnostic du parcours client", "en": "Customer journey diagnostic"},
    "index_intro": {
        "fr": "{n} rapport(s) de l'édition {run}. Chaque rapport s'ouvre hors connexion.",
        "en": "{n} report(s) in run {run}. Every report opens without a network.",
    },
    "index_report": {"fr": "Rapport", "en": "Report"},
    "index_summary": {"fr": "En bref", "en": "In brief"},
    "index_status": {"fr": "État", "en": "Status"},
    "status_ok": {"fr": "Produit", "en": "Rendered"},
    "status_failed": {"fr": "Échec", "en": "Failed"},
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
