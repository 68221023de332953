"""Messages and labels in the consultant's language (French or English).

Every sentence the workbench shows a person — error messages, report labels — lives in
:data:`MESSAGES`, keyed by a stable id, with a French and an English text. Tests pin them.
"""

from __future__ import annotations

import locale
import os
import re

__all__ = ["MESSAGES", "detect_language", "number", "t"]

MESSAGES: dict[str, dict[str, str]] = {
    # -- where / what ------------------------------------------------------------------
    "where_row": {"fr": "ligne {row}", "en": "row {row}"},
    "where_column": {"fr": "colonne « {column} »", "en": "column '{column}'"},
    "where_key": {"fr": "clé « {column} »", "en": "key '{column}'"},
    "found": {"fr": "trouvé « {found} »", "en": "found '{found}'"},
    "found_empty": {"fr": "cellule vide", "en": "empty cell"},
    "expected": {"fr": "attendu : {expected}", "en": "expected {expected}"},
    "more_problems": {"fr": "… et {n} {n|autre problème|autres problèmes}",
                      "en": "… and {n} more {n|problem|problems}"},
    # -- headlines ---------------------------------------------------------------------
    "input_invalid": {
        "fr": "{n} problème{n||s} dans les données d'entrée ({files}) :",
        "en": "{n} problem{n||s} in the input data ({files}):",
    },
    "config_invalid": {
        "fr": "{n} problème{n||s} dans la configuration ({files}) :",
        "en": "{n} problem{n||s} in the configuration ({files}):",
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
    "where_line_column": {"fr": "ligne {line}, colonne {column}",
                          "en": "line {line}, column {column}"},
    "yaml_tab_hint": {
        "fr": " (une tabulation : indentez client.yaml avec des espaces)",
        "en": " (a tab: indent client.yaml with spaces)",
    },
    "cfg_missing": {"fr": "une valeur : cette clé est obligatoire",
                    "en": "a value: this key is required"},
    "cfg_extra": {"fr": "aucune clé de ce nom (faute de frappe ?)",
                  "en": "no key of that name (a typo?)"},
    "cfg_one_of": {"fr": "l'une de ces valeurs : {choices}", "en": "one of {choices}"},
    "cfg_int": {"fr": "un nombre entier", "en": "a whole number"},
    "cfg_number": {"fr": "un nombre", "en": "a number"},
    "cfg_bool": {"fr": "true ou false", "en": "true or false"},
    "cfg_date": {"fr": "une date AAAA-MM-JJ", "en": "a date YYYY-MM-DD"},
    "cfg_text": {"fr": "un texte", "en": "a text"},
    "cfg_err_id": {"fr": "des lettres, chiffres, « _ » ou « - », sans espace",
                   "en": "letters, digits, '_' or '-' only, no spaces"},
    "cfg_err_min_max": {"fr": "un minimum plus petit que le maximum",
                        "en": "min must be lower than max"},
    "cfg_err_top": {"fr": "un seuil « top » entre le minimum et le maximum",
                    "en": "top must lie between min and max"},
    "cfg_err_suppress": {"fr": "un seuil « suppress » qui ne dépasse pas « flag »",
                         "en": "suppress must not exceed flag"},
    "cfg_err_colour": {"fr": "une couleur écrite #rrvvbb", "en": "a colour is written #rrggbb"},
    "cfg_err_duplicates": {"fr": "des identifiants uniques dans {name} (en double : {ids})",
                           "en": "duplicate ids in {name}: {ids}"},
    "cfg_err_wave": {"fr": "une vague en cours parmi waves ({waves}), pas « {wave} »",
                     "en": "wave '{wave}' is not one of waves: {waves}"},
    "cfg_err_scales": {"fr": "des échelles pour {missing} dans scales",
                       "en": "scales must define {missing}"},
    "cfg_too_short": {"fr": "au moins {min} élément{min||s}", "en": "at least {min} item{min||s}"},
    "cfg_ge": {"fr": "une valeur d'au moins {ge}", "en": "a value of at least {ge}"},
    "cfg_le": {"fr": "une valeur d'au plus {le}", "en": "a value of at most {le}"},
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
    "note_parquet": {"fr": "Parquet, types du fichier", "en": "Parquet, the file's own types"},
    "note_parquet_folder": {"fr": "Parquet, dossier de {n} fichier{n||s}",
                            "en": "Parquet, folder of {n} file{n||s}"},
    "csv_cells": {"fr": "{n} cellules", "en": "{n} cells"},
    "expect_csv_cells": {
        "fr": "autant de cellules que d'en-têtes ({n}) ; une cellule contenant le séparateur "
              "{sep} doit être entre guillemets",
        "en": "as many cells as headers ({n}); a cell holding the separator {sep} must be in "
              "quotes",
    },
    "csv_open_quote": {"fr": "un guillemet qui ouvre une cellule sans jamais la fermer",
                       "en": "a quote that opens a cell and never closes it"},
    "expect_csv_quote": {
        "fr": "des cellules entre guillemets fermées par un second guillemet (un guillemet "
              "dans une cellule s'écrit deux fois : \"\")",
        "en": "quoted cells closed by a second quote (a quote inside a cell is written "
              "twice: \"\")",
    },
    "xlsx_zip_bomb": {
        "fr": "un classeur Excel de taille plausible (il se décompresserait en {size} Mo : "
              "refusé, possible bombe zip)",
        "en": "an Excel workbook of a plausible size (it would expand to {size} MB: refused "
              "as a possible zip bomb)",
    },
    "transcript_binary": {"fr": "un fichier binaire, pas du texte",
                          "en": "a binary file, not text"},
    "expect_transcript_text": {
        "fr": "une transcription enregistrée en texte (.txt, .md, .vtt) ; est-ce un document "
              "Word ou PDF renommé ?",
        "en": "a transcript saved as text (.txt, .md, .vtt); is it a Word or PDF document "
              "renamed?",
    },
    "zip_encrypted": {"fr": "un élément protégé par mot de passe",
                      "en": "a password-protected member"},
    "expect_zip_plain": {"fr": "une archive sans mot de passe (enregistrez-la sans "
                               "chiffrement)",
                         "en": "an archive without a password (save it unencrypted)"},
    "column_repeated": {"fr": "{n} colonnes portent cet en-tête",
                        "en": "{n} columns have this header"},
    "expect_column_once": {"fr": "chaque colonne une seule fois (renommez ou supprimez la copie)",
                           "en": "each column once (rename or delete the copy)"},
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
    # -- timestamps and the event log ----------------------------------------------------
    "expect_offset": {
        "fr": "une date et heure avec son décalage UTC (ex. 2026-09-15T14:05:00+02:00 ou "
              "2026-09-15T12:05:00Z), comme {n} autres valeurs de la colonne : sans lui, "
              "l'heure est ambiguë",
        "en": "a date and time with its UTC offset (e.g. 2026-09-15T14:05:00+02:00 or "
              "2026-09-15T12:05:00Z), as {n} other values of this column have: without it "
              "the hour is ambiguous",
    },
    "expect_calendar_day": {
        "fr": "un jour qui existe dans le calendrier : {expected}",
        "en": "a day that exists in the calendar: {expected}",
    },
    "expect_day_first": {
        "fr": "une date jour d'abord jj/mm/aaaa ou ISO aaaa-mm-jj (celle-ci ne se lit que mois "
              "d'abord, mm/jj/aaaa : si le fichier est dans cet ordre, ses autres dates sont "
              "mal lues aussi ; exportez-le jour d'abord ou en ISO)",
        "en": "a day-first date dd/mm/yyyy or ISO yyyy-mm-dd (this one reads only month first, "
              "mm/dd/yyyy: if the file is in that order, its other dates are misread too; "
              "export it day first or ISO)",
    },
    "ts_found_date_only": {
        "fr": "{n} valeur{n||s} sans heure, lue{n||s} comme 00:00 ({n|ligne|lignes} {rows})",
        "en": "{n} value{n||s} without a time of day, read as 00:00 ({n|row|rows} {rows})",
    },
    "ts_expect_time": {
        "fr": "une heure sur chaque valeur, comme {m} {m|autre valeur|autres valeurs} de la "
              "colonne (les événements de ces jours peuvent être mal ordonnés)",
        "en": "a time of day on every value, as {m} other {m|value|values} of this column "
              "{m|has|have} (events "
              "on those days may be out of order)",
    },
    "ev_found_duplicates": {
        "fr": "{n} événement{n||s} en double, retiré{n||s} ({n|ligne|lignes} {rows})",
        "en": "{n} duplicate event{n||s}, dropped ({n|row|rows} {rows})",
    },
    "ev_expect_once": {
        "fr": "chaque événement une seule fois (une ligne identique à une précédente dans "
              "toutes ses colonnes est une copie)",
        "en": "each event once (a row identical to an earlier one in every column is a copy)",
    },
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
    "expect_input_inside": {
        "fr": "un fichier du dossier du client {folder}, nommé relativement à lui "
              "(ex. « {table}.xlsx »)",
        "en": "a file inside the client folder {folder}, named relative to it "
              "(e.g. '{table}.xlsx')",
    },
    "expect_offset_in_transcript": {
        "fr": "un décalage entre 0 et {length}, la longueur de la transcription {file}",
        "en": "an offset between 0 and {length}, the length of transcript {file}",
    },
    "expect_codebook_acyclic": {
        "fr": "une hiérarchie sans boucle (aucun code n'est son propre ancêtre)",
        "en": "a hierarchy without cycles (no code is its own ancestor)",
    },
    "found_cycle": {"fr": "la boucle {cycle}", "en": "the cycle {cycle}"},
    "unknown_tables": {"fr": "Tables inconnues : {names}. Tables connues : {known}.",
                       "en": "Unknown tables: {names}. Known tables: {known}."},
    "tbl_personas": {"fr": "Personas", "en": "Personas"},
    "tbl_persona_channels": {"fr": "Appétence des personas pour les canaux",
                             "en": "Personas' channel preferences"},
    "tbl_persona_stages": {"fr": "Ateliers : persona × étape", "en": "Workshops: persona × stage"},
    "tbl_touchpoints": {"fr": "Points de contact", "en": "Touchpoints"},
    "tbl_previous_touchpoints": {"fr": "Points de contact de la vague précédente",
                                 "en": "Touchpoints of the previous wave"},
    "tbl_interviews": {"fr": "Entretiens", "en": "Interviews"},
    "tbl_codebook": {"fr": "Grille de codage", "en": "Codebook"},
    "tbl_codings": {"fr": "Codages", "en": "Codings"},
    "tbl_survey": {"fr": "Enquête", "en": "Survey"},
    "tbl_events": {"fr": "Événements de parcours", "en": "Journey events"},
    "tbl_kpis": {"fr": "Indicateurs mensuels", "en": "Monthly KPIs"},
    "tbl_actions": {"fr": "Actions du consultant", "en": "Consultant's actions"},
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
    "kernel_died": {
        "fr": "Le notebook {notebook} s'est arrêté net à la cellule {cell} : son noyau Python "
              "a été tué (mémoire épuisée ou processus arrêté). Rien n'a été publié.\n"
              "Le notebook exécuté est conservé : {kept}",
        "en": "Notebook {notebook} stopped dead at cell {cell}: its Python kernel was killed "
              "(out of memory, or the process was stopped). Nothing was published.\n"
              "The executed notebook is kept: {kept}",
    },
    "disk_full": {
        "fr": "Disque plein pendant l'écriture de {file} : rien n'a été publié et le dossier "
              "de construction {build} a été supprimé. Libérez de la place puis relancez "
              "« cx run {client} ».",
        "en": "Disk full while writing {file}: nothing was published and the build folder "
              "{build} was removed. Free some space, then run 'cx run {client}' again.",
    },
    "file_failed": {
        "fr": "Accès impossible à {file} : {error}. Rien n'a été publié.",
        "en": "Could not access {file}: {error}. Nothing was published.",
    },
    "run_locked": {
        "fr": "Le client « {client} » est déjà en cours de production par un autre « cx run » "
              "(verrou {lock}) : attendez qu'il se termine puis relancez.",
        "en": "Client '{client}' is already being rendered by another 'cx run' (lock {lock}): "
              "wait for it to finish, then run again.",
    },
    # -- command line -------------------------------------------------------------------
    "cli_init_done": {
        "fr": "Client « {client} » créé dans {folder}. Remplacez les lignes d'exemple des "
              "fichiers Excel, puis lancez « cx validate {client} ».",
        "en": "Client '{client}' created in {folder}. Replace the example rows of the Excel "
              "files, then run 'cx validate {client}'.",
    },
    "cli_valid": {
        "fr": "Client « {client} » : {tables} table{tables||s} valide{tables||s}, {rows} "
              "ligne{rows||s}.",
        "en": "Client '{client}': {tables} valid table{tables||s}, {rows} row{rows||s}.",
    },
    "cli_warning": {"fr": "Avertissement : {text}", "en": "Warning: {text}"},
    "cli_no_clients": {
        "fr": "Aucun client à traiter : créez-en un avec « cx init NOM ».",
        "en": "No client to run: create one with 'cx init NAME'.",
    },
    "cli_list_header": {
        "fr": f"{'CLIENT':<20} {'NOM':<28} {'LANGUE':<6}  {'VAGUE':<8} DERNIÈRE ÉDITION COMPLÈTE",
        "en": f"{'CLIENT':<20} {'NAME':<28} {'LANG':<6}  {'WAVE':<8} LATEST COMPLETE RUN",
    },
    "cli_ok": {"fr": "OK", "en": "OK"},
    "cli_failed": {"fr": "ÉCHEC", "en": "FAILED"},
    "cli_summary": {
        "fr": "{ok} client{ok||s} produit{ok||s}, {failed} en échec ({seconds} s de rendu au "
              "total).",
        "en": "{ok} client{ok||s} rendered, {failed} failed ({seconds} s of rendering in all).",
    },
    "cli_no_dask": {
        "fr": "--scheduler demande Dask : pip install 'dask[distributed]'.",
        "en": "--scheduler needs Dask: pip install 'dask[distributed]'.",
    },
    "cli_interrupted": {
        "fr": "Interrompu : les rapports déjà publiés sont intacts.",
        "en": "Interrupted: reports already published are intact.",
    },
    "cli_interrupted_clients": {
        "fr": "Interrompu avant la fin : {clients}. Pour chacun, le rapport publié est "
              "complet : celui que nomme reports/<client>/latest.txt (le précédent, ou "
              "celui de ce lancement s'il a fini juste avant l'interruption).",
        "en": "Interrupted before the end: {clients}. Each keeps a complete published "
              "report: the one reports/<client>/latest.txt names (the previous one, or "
              "this run's if it finished just before the interruption).",
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
        "fr": "{wave} : {n} réponse{n||s} à l'enquête.",
        "en": "{wave}: {n} survey response{n||s}.",
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
        "fr": "{touchpoints} point{touchpoints||s} de contact, {responses} "
              "réponse{responses||s}, {events} événement{events||s}, {interviews} "
              "entretien{interviews||s}.",
        "en": "{touchpoints} touchpoint{touchpoints||s}, {responses} response{responses||s}, "
              "{events} event{events||s}, {interviews} interview{interviews||s}.",
    },
    "col_stage": {"fr": "Étape", "en": "Stage"},
    "col_channel": {"fr": "Canal", "en": "Channel"},
    "col_macro": {"fr": "Phase", "en": "Phase"},
    "col_order": {"fr": "N°", "en": "#"},
    "col_touchpoints": {"fr": "Points de contact", "en": "Touchpoints"},
    "col_irritants": {"fr": "Irritants et ruptures", "en": "Irritants and breaks"},
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
    "col_period_covered": {"fr": "Période couverte", "en": "Period covered"},
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
    "run_partial": {
        "fr": "Édition partielle : {n} rapport{n||s} sur {total} ({names}). Elle ne remplace "
              "pas la dernière édition complète : c'est une édition complète qu'on envoie au "
              "client.",
        "en": "Partial run: {n} of {total} reports ({names}). It does not replace the latest "
              "complete run: a complete run is what goes to the client.",
    },
    "index_intro": {
        "fr": "{n} rapport{n||s} de l'édition {run}. Chaque rapport s'ouvre hors connexion.",
        "en": "{n} report{n||s} in run {run}. Every report opens without a network.",
    },
    "index_report": {"fr": "Rapport", "en": "Report"},
    "index_summary": {"fr": "En bref", "en": "In brief"},
    "index_status": {"fr": "État", "en": "Status"},
    "status_ok": {"fr": "Produit", "en": "Rendered"},
    "status_failed": {"fr": "Échec", "en": "Failed"},
    # -- KPI review report ---------------------------------------------------------------
    "title_04_kpis": {"fr": "Indicateurs : satisfaction, recommandation, effort et opérations",
                      "en": "KPIs: satisfaction, recommendation, effort and operations"},
    "status_green": {"fr": "Atteint", "en": "On target"},
    "status_amber": {"fr": "À surveiller", "en": "Watch"},
    "status_red": {"fr": "Hors objectif", "en": "Off target"},
    "kpi_nps": {"fr": "NPS", "en": "NPS"},
    "kpi_csat": {"fr": "Satisfaction (CSAT, top 2)", "en": "Satisfaction (CSAT, top 2)"},
    "kpi_ces": {"fr": "Effort (CES, moyenne sur 7)", "en": "Effort (CES, mean out of 7)"},
    "kpi_conversion": {"fr": "Taux de conversion", "en": "Conversion rate"},
    "kpi_retention": {"fr": "Rétention", "en": "Retention"},
    "kpi_churn": {"fr": "Attrition (churn)", "en": "Churn"},
    "kpi_first_response_time": {"fr": "Délai de première réponse (h)",
                                "en": "First response time (h)"},
    "kpi_resolution_time": {"fr": "Délai moyen de résolution (h)",
                            "en": "Average resolution time (h)"},
    "kp_headline": {"fr": "Les indicateurs de la vague", "en": "This wave's indicators"},
    "kp_headline_text": {
        "fr": "Chaque indicateur est donné avec sa base (n), son intervalle de confiance à "
              "95\u202f% et son évolution depuis la vague précédente ({previous}). Une évolution "
              "n'est dite significative que si le test le confirme (p < 0,05).",
        "en": "Each indicator is shown with its base (n), its 95% confidence interval and its "
              "change since the previous wave ({previous}). A change is called significant "
              "only when the test says so (p < 0.05).",
    },
    "kp_headline_text_first": {
        "fr": "Chaque indicateur est donné avec sa base (n) et son intervalle de confiance à "
              "95\u202f%. C'est la première vague : les évolutions viendront avec la suivante.",
        "en": "Each indicator is shown with its base (n) and its 95% confidence interval. This "
              "is the first wave: changes will come with the next one.",
    },
    "kp_rule": {
        "fr": "Règle des couleurs : « Atteint » si l'estimation atteint l'objectif ; "
              "« À surveiller » si elle le manque mais que l'intervalle à 95\u202f% l'atteint "
              "encore (l'écart peut être du bruit) ; « Hors objectif » si tout l'intervalle le "
              "manque. Pour les indicateurs opérationnels, sans intervalle : « À surveiller » "
              "jusqu'à "
              "10\u202f% d'écart à l'objectif. Pour l'attrition et les délais, plus bas est mieux.",
        "en": "Colour rule: 'On target' when the estimate meets the target; 'Watch' when it "
              "misses it but the 95% interval still reaches it (the gap may be noise); 'Off "
              "target' when the whole interval misses it. Operational indicators have no "
              "interval: 'Watch' up to 10% away from the target. For churn and times, lower "
              "is better.",
    },
    "kp_base_rule": {
        "fr": "Bases : un segment de moins de {flag} réponses est signalé (point creux), "
              "un segment de moins de {suppress} réponses n'est pas montré.",
        "en": "Bases: a segment with fewer than {flag} answers is flagged (hollow point); "
              "one with fewer than {suppress} answers is not shown.",
    },
    "kp_nps_sentence": {
        "fr": "Le NPS de la vague est de {value} (intervalle à 95\u202f% : {low} à {high} ; "
              "n = {n}), contre {previous} à la vague précédente : {change} points, {verdict}.",
        "en": "This wave's NPS is {value} (95% interval {low} to {high}; n = {n}), against "
              "{previous} in the previous wave: {change} points, {verdict}.",
    },
    "kp_nps_first": {
        "fr": "Le NPS de la vague est de {value} (intervalle à 95\u202f% : {low} à {high} ; "
              "n = {n}). C'est la première vague : pas d'évolution à mesurer.",
        "en": "This wave's NPS is {value} (95% interval {low} to {high}; n = {n}). This is the "
              "first wave: there is no change to measure.",
    },
    "kp_no_survey": {"fr": "Aucune réponse d'enquête exploitable ({wave}) : les segments "
                           "de moins de {suppress} réponses ne sont pas montrés.",
                     "en": "No usable survey answers ({wave}): segments with fewer than "
                           "{suppress} answers are not shown."},
    "kp_no_segment": {
        "fr": "Aucun segment n'atteint {suppress} réponses : rien à montrer ici.",
        "en": "No segment reaches {suppress} answers: nothing to show here.",
    },
    "kp_drivers_unavailable": {
        "fr": "L'analyse des moteurs demande au moins deux étapes notées et {need} répondants "
              "ayant noté le NPS et toutes les étapes ; cette vague en compte {n}.",
        "en": "The driver analysis needs at least two rated stages and {need} respondents who "
              "gave NPS and rated every stage; this wave has {n}.",
    },
    "kp_significant": {"fr": "une évolution significative (p {p})",
                       "en": "a significant change (p {p})"},
    "kp_not_significant": {"fr": "une évolution non significative (p {p})",
                           "en": "not a significant change (p {p})"},
    "kp_segments": {"fr": "Par segment", "en": "By segment"},
    "kp_by_stage": {"fr": "NPS par étape du parcours", "en": "NPS by journey stage"},
    "kp_by_channel": {"fr": "NPS par canal", "en": "NPS by channel"},
    "kp_by_persona": {"fr": "NPS par persona", "en": "NPS by persona"},
    "kp_stage_table": {"fr": "Satisfaction et effort par étape",
                       "en": "Satisfaction and effort by stage"},
    "kp_trend": {"fr": "NPS mois par mois", "en": "NPS month by month"},
    "kp_trend_text": {
        "fr": "Chaque point est le NPS d'un mois d'enquête, sa barre verticale son intervalle "
              "de confiance à 95\u202f% (point creux : base faible) ; la ligne pointillée, "
              "l'objectif.",
        "en": "Each point is the NPS of one survey month, its vertical bar the 95% confidence "
              "interval (hollow point: low base); the dashed line, the target.",
    },
    "kp_changes": {"fr": "Évolutions depuis la vague précédente",
                   "en": "Changes since the previous wave"},
    "kp_changes_text": {
        "fr": "Évolution du NPS par persona et par canal, avec le test de significativité. "
              "Une petite base rend une évolution même forte non concluante.",
        "en": "NPS change by persona and by channel, with its significance test. A small base "
              "makes even a large change inconclusive.",
    },
    "kp_change_small": {
        "fr": "{segment} : {change} points de NPS entre les vagues, non significatif avec "
              "{n_before} et {n_after} réponses : ne pas en tirer de conclusion.",
        "en": "{segment}: {change} NPS points between waves, not significant with {n_before} "
              "and {n_after} answers: draw no conclusion from it.",
    },
    "kp_change_sig": {
        "fr": "{segment} : {change} points de NPS entre les vagues, significatif (p {p}).",
        "en": "{segment}: {change} NPS points between waves, significant (p {p}).",
    },
    "kp_low_bases": {"fr": "Bases faibles", "en": "Low bases"},
    "kp_low_bases_none": {"fr": "Aucun segment n'a une base faible.",
                          "en": "No segment has a low base."},
    "kp_low_base_sentence": {
        "fr": "{n_low} segment{n_low||s} {n_low|a|ont} une base faible (moins de {flag} réponses) "
              "et {n_suppressed} {n_suppressed|n'est pas montré|ne sont pas montrés} (moins de "
              "{suppress}), points de contact "
              "compris ; le tableau montre les étapes, canaux et personas concernés.",
        "en": "{n_low} segment{n_low||s} {n_low|has|have} a low base (fewer than {flag} answers) "
              "and {n_suppressed} {n_suppressed|is|are} not shown (fewer than {suppress}), "
              "touchpoints included; the "
              "table shows the stages, channels and personas concerned.",
    },
    "kp_drivers": {"fr": "Ce qui fait recommander", "en": "What drives recommendation"},
    "kp_drivers_text": {
        "fr": "Poids relatifs de Johnson : part de la variance du NPS (0–10) expliquée par la "
              "satisfaction à chaque étape (R² = {r2}, n = {n} répondants ayant noté toutes les "
              "étapes). En bas à droite du graphique, les étapes qui comptent et déçoivent : "
              "c'est là qu'il faut agir d'abord.",
        "en": "Johnson's relative weights: share of the variance of likelihood to recommend "
              "(0–10) explained by satisfaction at each stage (R² = {r2}, n = {n} respondents who "
              "rated every stage). Bottom right of the chart are the stages that matter and "
              "disappoint: act there first.",
    },
    "kp_matrix": {"fr": "Importance × performance des étapes",
                  "en": "Importance × performance of the stages"},
    "kp_importance": {"fr": "Importance (part de variance expliquée)",
                      "en": "Importance (share of explained variance)"},
    "kp_performance": {"fr": "Satisfaction moyenne (1–5)", "en": "Mean satisfaction (1–5)"},
    "quadrant_fix": {"fr": "Agir en priorité", "en": "Fix first"},
    "quadrant_keep": {"fr": "Atout à préserver", "en": "Strength to keep"},
    "quadrant_watch": {"fr": "À surveiller", "en": "Watch"},
    "quadrant_maintain": {"fr": "Secondaire", "en": "Secondary"},
    "kp_driver_sentence": {
        "fr": "« {stage} » est le premier moteur de la recommandation ({share} de la variance "
              "expliquée) et sa satisfaction moyenne ({performance}/5) est {position} la "
              "moyenne des étapes.",
        "en": "'{stage}' is the strongest driver of recommendation ({share} of explained "
              "variance) and its mean satisfaction ({performance}/5) is {position} the "
              "average of the stages.",
    },
    "kp_below": {"fr": "sous", "en": "below"},
    "kp_above": {"fr": "au-dessus de", "en": "above"},
    "kp_detractors": {"fr": "Où naissent les détracteurs", "en": "Where detractors come from"},
    "kp_detractors_text": {
        "fr": "Part de détracteurs (0 à 6) parmi les répondants interrogés sur chaque point de "
              "contact, comparée à celle de tous les autres répondants. ⚠ : base faible "
              "(moins de {flag} répondants), à lire avec prudence.",
        "en": "Share of detractors (0 to 6) among respondents asked about each touchpoint, "
              "against all other respondents. ⚠: low base (fewer than {flag} respondents), "
              "read with care.",
    },
    "kp_detractor_sentence": {
        "fr": "« {touchpoint} » concentre les détracteurs : {share} de détracteurs parmi ses "
              "{n} répondants, contre {elsewhere} ailleurs ({lift} fois plus).",
        "en": "'{touchpoint}' concentrates detractors: {share} detractors among its {n} "
              "respondents, against {elsewhere} elsewhere ({lift} times as many).",
    },
    "kp_verbatims": {"fr": "Ce que disent les verbatims", "en": "What the verbatims say"},
    "kp_verbatims_text": {
        "fr": "Thèmes des verbatims de la vague par groupe NPS. Chaque thème de la grille "
              "d'entretien apprend son vocabulaire des passages codés ; un verbatim reçoit le "
              "thème dont il partage le plus de mots (au moins deux) : {themed} verbatims sur "
              "{total} ont un thème. Exemples anonymisés.",
        "en": "Themes of this wave's verbatims per NPS group. Each theme of the interview "
              "codebook learns its vocabulary from its coded passages; a verbatim gets the "
              "theme it shares most words with (at least two): {themed} of {total} verbatims "
              "have a theme. Examples redacted.",
    },
    "group_promoter": {"fr": "Promoteurs", "en": "Promoters"},
    "group_passive": {"fr": "Passifs", "en": "Passives"},
    "group_detractor": {"fr": "Détracteurs", "en": "Detractors"},
    "col_group": {"fr": "Groupe", "en": "Group"},
    "col_verbatims": {"fr": "Verbatims", "en": "Verbatims"},
    "col_share_group": {"fr": "Part du groupe", "en": "Share of group"},
    "col_example": {"fr": "Exemple", "en": "Example"},
    "kp_operations": {"fr": "Indicateurs opérationnels", "en": "Operational indicators"},
    "kp_funnel": {"fr": "Étapes atteintes par les clients (journal d'événements)",
                  "en": "Stages reached by customers (event log)"},
    "kp_funnel_text": {
        "fr": "Part des clients du journal d'événements qui atteignent chaque étape, puis qui "
              "convertissent. {started} clients ont commencé un parcours. Ce sont des clients "
              "identifiés : la part qui achète ici ne se compare pas au taux de conversion des "
              "indicateurs mensuels, que le client calcule sur sa propre base (toutes les "
              "visites, par exemple).",
        "en": "Share of the customers in the event log who reach each stage, then convert. "
              "{started} customers started a journey. They are identified customers: the "
              "share buying here does not compare with the conversion rate of the monthly "
              "indicators, which the client computes on its own base (every visit, for "
              "instance).",
    },
    "kp_operational_text": {
        "fr": "Dernière valeur mensuelle de chaque indicateur sur l'ensemble du parcours, "
              "comparée à l'objectif et à la même période un an plus tôt.",
        "en": "Latest monthly value of each indicator over the whole journey, against its "
              "target and the same month a year earlier.",
    },
    "kp_operational_trend": {"fr": "Indicateurs opérationnels mois par mois",
                             "en": "Operational indicators month by month"},
    "kp_summary": {
        "fr": "NPS {nps} ({change} pts, {verdict}) ; premier moteur : {driver}.",
        "en": "NPS {nps} ({change} pts, {verdict}); strongest driver: {driver}.",
    },
    "kp_sig_short": {"fr": "significatif", "en": "significant"},
    "kp_nsig_short": {"fr": "non significatif", "en": "not significant"},
    "col_kpi": {"fr": "Indicateur", "en": "Indicator"},
    "col_value": {"fr": "Valeur", "en": "Value"},
    "col_ci_low": {"fr": "IC 95\u202f% bas", "en": "95% CI low"},
    "col_ci_high": {"fr": "IC 95\u202f% haut", "en": "95% CI high"},
    "col_n": {"fr": "Base (n)", "en": "Base (n)"},
    "col_target": {"fr": "Objectif", "en": "Target"},
    "col_ci": {"fr": "IC à 95\u202f%", "en": "95% CI"},
    "col_touchpoint": {"fr": "Point de contact", "en": "Touchpoint"},
    "col_n_before": {"fr": "n (vague précédente)", "en": "n (previous wave)"},
    "col_n_after": {"fr": "n (cette vague)", "en": "n (this wave)"},
    "col_status": {"fr": "Statut", "en": "Status"},
    "col_previous": {"fr": "Vague précédente", "en": "Previous wave"},
    "col_change": {"fr": "Évolution", "en": "Change"},
    "col_p_value": {"fr": "p", "en": "p"},
    "col_significant": {"fr": "Significatif", "en": "Significant"},
    "col_segment": {"fr": "Segment", "en": "Segment"},
    "col_base_flag": {"fr": "Base", "en": "Base"},
    "col_dimension": {"fr": "Dimension", "en": "Dimension"},
    "col_share_detractors": {"fr": "Détracteurs", "en": "Detractors"},
    "col_elsewhere": {"fr": "Ailleurs", "en": "Elsewhere"},
    "col_lift": {"fr": "Rapport", "en": "Ratio"},
    "col_importance": {"fr": "Importance", "en": "Importance"},
    "col_performance": {"fr": "Satisfaction moyenne", "en": "Mean satisfaction"},
    "col_quadrant": {"fr": "Priorité", "en": "Priority"},
    "col_csat": {"fr": "CSAT (top 2)", "en": "CSAT (top 2)"},
    "col_ces": {"fr": "CES (moyenne)", "en": "CES (mean)"},
    "col_period": {"fr": "Mois", "en": "Month"},
    "col_year_before": {"fr": "Un an plus tôt", "en": "A year earlier"},
    "col_customers": {"fr": "Clients", "en": "Customers"},
    "col_share_started": {"fr": "Part des clients", "en": "Share of customers"},
    "col_step": {"fr": "Depuis l'étape précédente", "en": "From the previous stage"},
    "base_low": {"fr": "faible", "en": "low"},
    "base_suppressed": {"fr": "masquée", "en": "suppressed"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "funnel_converted": {"fr": "Parcours conclus par un achat",
                         "en": "Journeys ending in a purchase"},
    # -- interviews report ----------------------------------------------------------------
    "title_03_interviews": {"fr": "Entretiens : ce que disent salariés et clients",
                            "en": "Interviews: what employees and customers say"},
    "iv_customer_label": {"fr": "Client, persona {persona}", "en": "Customer, persona {persona}"},
    "iv_employee_label": {"fr": "Salarié", "en": "Employee"},
    "iv_interviewer_label": {"fr": "Intervieweur", "en": "Interviewer"},
    "iv_customer": {"fr": "Client", "en": "Customer"},
    "iv_employee": {"fr": "Salarié", "en": "Employee"},
    "iv_customers": {"fr": "Clients", "en": "Customers"},
    "iv_employees": {"fr": "Salariés", "en": "Employees"},
    "iv_corpus": {"fr": "Le corpus d'entretiens", "en": "The interview corpus"},
    "iv_corpus_text": {
        "fr": "{n} entretiens ({employees} salariés, {customers} clients), {passages} passages "
              "codés par {coder} avec une grille de {codes} codes. Les citations sont "
              "pseudonymisées : noms remplacés par le rôle, coordonnées masquées ; les "
              "personnes qui n'ont pas consenti ({no_consent}) ne sont jamais citées.",
        "en": "{n} interviews ({employees} employees, {customers} customers), {passages} "
              "passages coded by {coder} against a codebook of {codes} codes. Quotes are "
              "pseudonymised: names replaced by roles, contact details redacted; people who did "
              "not consent ({no_consent}) are never quoted.",
    },
    "iv_irritants": {"fr": "Les irritants les plus cités", "en": "The most cited irritants"},
    "iv_enchantments": {"fr": "Les enchantements les plus cités",
                        "en": "The most cited enchantments"},
    "iv_top_text": {
        "fr": "Combinaisons étape × canal × thème les plus souvent codées ainsi, classées par "
              "nombre d'entretiens qui en parlent.",
        "en": "Stage × channel × theme combinations most often coded this way, ranked by the "
              "number of interviews that mention them.",
    },
    "iv_top_item": {
        "fr": "{rank}. {stage} · {channel} · {theme} — {interviews} "
              "entretien{interviews||s} ({employees} salarié{employees||s}, {customers} "
              "client{customers||s}). {n_tp|Point de contact|Points de contact} : "
              "{touchpoints}.",
        "en": "{rank}. {stage} · {channel} · {theme} — {interviews} "
              "interview{interviews||s} ({employees} employee{employees||s}, {customers} "
              "customer{customers||s}). {n_tp|Touchpoint|Touchpoints}: {touchpoints}.",
    },
    "iv_none_coded": {"fr": "Aucun passage n'est codé ainsi pour l'instant.",
                      "en": "No passage is coded this way yet."},
    "iv_no_touchpoint": {"fr": "aucun inventorié", "en": "none in the inventory"},
    "iv_frequencies": {"fr": "Fréquence des thèmes", "en": "Theme frequencies"},
    "iv_frequencies_text": {
        "fr": "Nombre d'entretiens où chaque thème est codé, salariés et clients séparés.",
        "en": "Number of interviews in which each theme is coded, employees and customers "
              "apart.",
    },
    "iv_by_department": {"fr": "Thèmes par service (salariés)",
                         "en": "Themes by department (employees)"},
    "iv_by_persona": {"fr": "Thèmes par persona (clients)", "en": "Themes by persona (customers)"},
    "iv_by_stage_channel": {"fr": "Passages codés par étape et canal",
                            "en": "Coded passages by stage and channel"},
    "iv_cooccurrence": {"fr": "Thèmes × étapes : où se situent les irritants",
                        "en": "Themes × stages: where the irritants sit"},
    "iv_cooccurrence_text": {
        "fr": "Nombre de passages codés irritant ou rupture avec chaque thème et chaque étape.",
        "en": "Number of passages coded irritant or break with each theme and each stage.",
    },
    "iv_agreement": {"fr": "Accord entre codeurs", "en": "Agreement between coders"},
    "iv_agreement_text": {
        "fr": "Codeurs comparés : {pair}, sur les {interviews} entretiens codés par les deux. "
              "Unité d'analyse : le tour de parole ; un code est appliqué à un tour si l'un de "
              "ses passages le chevauche. Kappa de Cohen et alpha de Krippendorff (niveau "
              "nominal) par code, et pour l'ensemble des décisions tour × code.",
        "en": "Coders compared: {pair}, on the {interviews} interviews both coded. Unit of "
              "analysis: the speaker turn; a code is applied to a turn when one of its passages "
              "overlaps it. Cohen's kappa and Krippendorff's alpha (nominal level) per code, and "
              "over every turn × code decision.",
    },
    "iv_agreement_overall": {
        "fr": "Accord global : kappa = {kappa}, alpha = {alpha} — {verdict}.",
        "en": "Overall agreement: kappa = {kappa}, alpha = {alpha} — {verdict}.",
    },
    "iv_agreement_good": {"fr": "fiable (alpha ≥ 0,80)", "en": "reliable (alpha ≥ 0.80)"},
    "iv_agreement_tentative": {
        "fr": "acceptable pour des conclusions prudentes (0,667 ≤ alpha < 0,80)",
        "en": "acceptable for tentative conclusions (0.667 ≤ alpha < 0.80)"},
    "iv_agreement_poor": {
        "fr": "insuffisant : revoir la grille et recoder (alpha < 0,667)",
        "en": "insufficient: revise the codebook and recode (alpha < 0.667)"},
    "iv_agreement_none": {"fr": "Un seul codeur : l'accord inter-codeurs ne peut pas être mesuré.",
                          "en": "One coder only: inter-coder agreement cannot be measured."},
    "iv_weakest_codes": {"fr": "Codes les moins concordants", "en": "Least consistent codes"},
    "iv_saturation": {"fr": "Saturation : faut-il d'autres entretiens ?",
                      "en": "Saturation: are more interviews needed?"},
    "iv_saturation_text": {
        "fr": "Méthode de Guest, Namey et Chen (2020) : base de {base} entretiens, séries de "
              "{run}, saturation atteinte quand une série apporte au plus {threshold} de codes "
              "nouveaux par rapport à la base. Entretiens pris dans l'ordre de leur date.",
        "en": "Guest, Namey and Chen's (2020) method: a base of {base} interviews, runs of "
              "{run}, saturation reached when a run adds at most {threshold} new codes relative "
              "to the base. Interviews taken in date order.",
    },
    "iv_sat_reached": {
        "fr": "{population} : saturation atteinte au {k}e entretien sur {n} — de nouveaux "
              "entretiens apporteraient peu d'information nouvelle.",
        "en": "{population}: saturation reached at interview {k} of {n} — more interviews "
              "would bring little new information.",
    },
    "iv_sat_not_reached": {
        "fr": "{population} : saturation non atteinte après {n} entretiens — d'autres "
              "entretiens sont nécessaires.",
        "en": "{population}: saturation not reached after {n} interviews — more interviews are "
              "needed.",
    },
    "iv_sat_too_few": {
        "fr": "{population} : {n} entretiens seulement, trop peu pour juger de la saturation "
              "(il en faut au moins {need}).",
        "en": "{population}: only {n} interviews, too few to judge saturation (at least {need} "
              "needed).",
    },
    "iv_curve": {"fr": "Codes distincts cumulés", "en": "Cumulative distinct codes"},
    "iv_order": {"fr": "Entretien (ordre chronologique)", "en": "Interview (date order)"},
    "iv_coverage": {"fr": "Services rencontrés", "en": "Departments met"},
    "iv_dept_missing": {
        "fr": "Le service « {department} » n'a été rencontré dans aucun entretien alors qu'il "
              "porte {touchpoints} point{touchpoints||s} de contact : son point de vue manque au "
              "diagnostic.",
        "en": "The '{department}' department was not met in any interview although it owns "
              "{touchpoints} touchpoint{touchpoints||s}: its view is missing from the diagnostic.",
    },
    "iv_dept_all": {"fr": "Tous les services configurés ont été rencontrés.",
                    "en": "Every configured department was met."},
    "iv_summary": {
        "fr": "{n} entretien{n||s} ; premier irritant : {irritant} ; {missing} "
              "service{missing||s} jamais rencontré{missing||s}.",
        "en": "{n} interview{n||s}; top irritant: {irritant}; {missing} "
              "department{missing||s} never met.",
    },
    "col_theme": {"fr": "Thème", "en": "Theme"},
    "col_code": {"fr": "Code", "en": "Code"},
    "col_department": {"fr": "Service", "en": "Department"},
    "col_interviews": {"fr": "Entretiens", "en": "Interviews"},
    "col_touchpoints_owned": {"fr": "Points de contact portés", "en": "Touchpoints owned"},
    "col_kappa": {"fr": "Kappa", "en": "Kappa"},
    "col_alpha": {"fr": "Alpha", "en": "Alpha"},
    "col_agreement": {"fr": "Accord observé", "en": "Observed agreement"},
    "col_units": {"fr": "Tours", "en": "Turns"},
    "col_employees": {"fr": "Salariés", "en": "Employees"},
    "wv_change_added": {"fr": "ajouté", "en": "added"},
    "wv_change_removed": {"fr": "supprimé", "en": "removed"},
    "wv_change_rerated": {"fr": "réévalué", "en": "re-rated"},
    "wv_none": {"fr": "Aucun point de contact ajouté, supprimé ni réévalué depuis {wave}.",
                "en": "No touchpoint added, removed or re-rated since {wave}."},
    "wv_new_irritants": {
        "fr": "{n} {n|nouvel irritant|nouveaux irritants} depuis {wave} : {names}.",
        "en": "{n} new irritant{n||s} since {wave}: {names}.",
    },
    "wv_resolved": {
        "fr": "{n} irritant{n||s} résolu{n||s} depuis {wave} : {names}.",
        "en": "{n} irritant{n||s} resolved since {wave}: {names}.",
    },
    "wv_added": {"fr": "{n} point{n||s} de contact ajouté{n||s} depuis {wave} : {names}.",
                 "en": "{n} touchpoint{n||s} added since {wave}: {names}."},
    "wv_removed": {"fr": "{n} point{n||s} de contact supprimé{n||s} depuis {wave} : {names}.",
                   "en": "{n} touchpoint{n||s} removed since {wave}: {names}."},
    "wv_rerated": {"fr": "{n} point{n||s} de contact réévalué{n||s} depuis {wave} : {names}.",
                   "en": "{n} touchpoint{n||s} re-rated since {wave}: {names}."},
    "wv_and_more": {"fr": " et {n} {n|autre|autres}", "en": " and {n} more"},
    "col_before": {"fr": "Avant", "en": "Before"},
    "col_after": {"fr": "Maintenant", "en": "Now"},
    "wv_kpi_change": {"fr": "{change} depuis {wave} ({previous}) : {verdict}",
                      "en": "{change} since {wave} ({previous}): {verdict}"},
    "wv_heading": {"fr": "Depuis la vague précédente", "en": "Since the previous wave"},
    "wv_text": {
        "fr": "Ce qui a changé depuis {wave} : les indicateurs de l'enquête, testés vague "
              "contre vague (test z, seuil 5\u202f%), puis l'inventaire des points de contact "
              "comparé à celui de {wave} (ajouts, suppressions, réévaluations ; ★ moment "
              "de vérité).",
        "en": "What changed since {wave}: the survey indicators, tested wave against wave "
              "(z-test, 5% level), then the touchpoint inventory compared with {wave}'s "
              "(added, removed, re-rated; ★ moment of truth).",
    },
    "wv_first": {"fr": "Première vague : rien à comparer.",
                 "en": "First wave: nothing to compare yet."},
    "wv_no_inventory": {
        "fr": "client.yaml ne nomme pas l'inventaire des points de contact de {wave} "
              "(clé « touchpoints » de la vague) : les changements de l'inventaire ne sont "
              "pas comparés.",
        "en": "client.yaml names no touchpoint inventory for {wave} (the wave's "
              "'touchpoints' key): changes to the inventory are not compared.",
    },
    "jm_hc_changes": {
        "fr": "Depuis {wave} : {added} point{added||s} de contact ajouté{added||s}, "
              "{removed} supprimé{removed||s}, {rerated} réévalué{rerated||s}.",
        "en": "Since {wave}: {added} touchpoint{added||s} added, {removed} removed, "
              "{rerated} re-rated.",
    },
    "pdf_no_browser": {
        "fr": "Impression PDF impossible : aucun navigateur Chromium ou Chrome trouvé ({names}). "
              "Installez-en un (sous Debian : « apt install chromium ») ou indiquez son "
              "chemin dans la variable {env}. Les rapports HTML ne sont pas concernés.",
        "en": "Cannot print PDFs: no Chromium or Chrome browser found ({names}). Install "
              "one (on Debian: 'apt install chromium') or give its path in the {env} "
              "variable. The HTML reports are not affected.",
    },
    "pdf_browser_bad": {
        "fr": "Impression PDF impossible : {env}={value} ne désigne aucun programme.",
        "en": "Cannot print PDFs: {env}={value} names no program.",
    },
    "pdf_failed": {
        "fr": "L'impression PDF de {file} a échoué : {detail}",
        "en": "Printing {file} to PDF failed: {detail}",
    },
    "export_unknown": {
        "fr": "Format d'export inconnu : {names}. Formats possibles : {known}.",
        "en": "Unknown export format: {names}. Expected one of: {known}.",
    },
    # -- front page (the run's index) ------------------------------------------------
    "front_failed": {
        "fr": "La synthèse de la première page n'a pas pu être établie : {error}",
        "en": "The front-page summary could not be made: {error}",
    },
    "fp_kpis": {"fr": "Les indicateurs de la vague", "en": "This wave's indicators"},
    "fp_findings": {"fr": "Ce qu'il faut retenir", "en": "Key findings"},
    "fp_findings_none": {"fr": "Aucun constat majeur.", "en": "No major finding."},
    "fp_irritants": {"fr": "Les cinq irritants les plus cités",
                     "en": "The five most cited irritants"},
    "fp_irritants_none": {"fr": "Aucun entretien codé : pas d'irritant cité.",
                          "en": "No coded interview: no irritant cited."},
    "fp_irritants_note": {
        "fr": "Classés par nombre d'entretiens qui les citent ; citations pseudonymisées, "
              "des seuls répondants ayant consenti.",
        "en": "Ranked by the number of interviews citing them; quotes pseudonymised, from "
              "consenting respondents only.",
    },
    "fp_moments": {"fr": "Les moments de vérité et leur état",
                   "en": "Moments of truth and their state"},
    "fp_moments_none": {"fr": "Aucun point de contact n'est marqué moment de vérité.",
                        "en": "No touchpoint is marked as a moment of truth."},
    "fp_moments_note": {
        "fr": "Détracteurs : part des répondants de la vague notant 0 à 6 sur ce point de "
              "contact ; ⚠ base faible (moins de {flag} réponses), – sans réponse ou base "
              "masquée.",
        "en": "Detractors: share of this wave's respondents scoring 0–6 about this "
              "touchpoint; ⚠ low base (under {flag} responses), – no response or base "
              "suppressed.",
    },
    "fp_health": {"fr": "Bilan de santé de la cartographie", "en": "Mapping health check"},
    "fp_waves": {"fr": "Depuis {wave}", "en": "Since {wave}"},
    "fp_waves_none": {"fr": "Première vague : rien à comparer.",
                      "en": "First wave: nothing to compare yet."},
    "fp_reports": {"fr": "Les rapports détaillés", "en": "The detailed reports"},
    "fp_low_base": {"fr": "base faible", "en": "low base"},
    "fp_jump": {"fr": "Rapports détaillés :", "en": "Detailed reports:"},
    "fp_col_touchpoint": {"fr": "Moment de vérité", "en": "Moment of truth"},
    "fp_col_stage": {"fr": "Étape", "en": "Stage"},
    "fp_col_channel": {"fr": "Canal", "en": "Channel"},
    "fp_col_rating": {"fr": "Évaluation", "en": "Rating"},
    "fp_col_evidence": {"fr": "Preuves", "en": "Evidence"},
    "fp_col_detractors": {"fr": "Détracteurs", "en": "Detractors"},
    "fp_col_n": {"fr": "Base (n)", "en": "Base (n)"},
    "fp_interval": {"fr": "IC 95\u202f% : {low} à {high}", "en": "95% CI: {low} to {high}"},
    "fp_base": {"fr": "n = {n}", "en": "n = {n}"},
    "fp_target": {"fr": "objectif {target}", "en": "target {target}"},
    "fp_interviews": {"fr": "{n} entretiens", "en": "{n} interviews"},
    "fp_evidence": {"fr": "{n} éléments", "en": "{n} items"},
    "col_code_kind": {"fr": "Type de code", "en": "Code type"},
    "code_kind_stage": {"fr": "étape", "en": "stage"},
    "code_kind_channel": {"fr": "canal", "en": "channel"},
    "code_kind_valence": {"fr": "valence", "en": "valence"},
    "code_kind_emotion": {"fr": "émotion", "en": "emotion"},
    "code_kind_theme": {"fr": "thème", "en": "theme"},
    "col_valence": {"fr": "Valence", "en": "Valence"},
    "col_evidence": {"fr": "Éléments de preuve", "en": "Evidence"},
    "col_moment_of_truth": {"fr": "Moment de vérité", "en": "Moment of truth"},
    "xlsx_code_frequencies": {"fr": "Fréquences des codes", "en": "Code frequencies"},
    "xlsx_touchpoint_matrix": {"fr": "Matrice des points de contact",
                               "en": "Touchpoint matrix"},
    "col_customers_n": {"fr": "Clients", "en": "Customers"},
    "col_passages": {"fr": "Passages", "en": "Passages"},
    "col_population": {"fr": "Population", "en": "Population"},
    # -- touchpoint report ----------------------------------------------------------------
    "title_02_touchpoints": {"fr": "Points de contact : inventaire, ruptures et flux",
                             "en": "Touchpoints: inventory, breaks and flows"},
    "valence_enchantment": {"fr": "Enchantement", "en": "Enchantment"},
    "valence_neutral": {"fr": "Neutre", "en": "Neutral"},
    "valence_irritant": {"fr": "Irritant", "en": "Irritant"},
    "valence_rupture": {"fr": "Rupture", "en": "Break"},
    "kind_label_digital": {"fr": "digital", "en": "digital"},
    "kind_label_physical": {"fr": "physique", "en": "physical"},
    "kind_label_human": {"fr": "humain", "en": "human"},
    "tp_mot": {"fr": "moment de vérité", "en": "moment of truth"},
    "tp_filter": {"fr": "Persona :", "en": "Persona:"},
    "tp_all_personas": {"fr": "tous", "en": "all"},
    "tp_evidence_short": {"fr": "preuves : {n}", "en": "evidence: {n}"},
    "tp_matrix": {"fr": "La matrice étapes × canaux", "en": "The stage × channel matrix"},
    "tp_matrix_text": {
        "fr": "{n} points de contact sur {cells} croisements étape × canal. Couleur : "
              "valence ; ★ : moment de vérité ; sous le nom : service responsable et nombre de "
              "preuves (passages d'entretiens codés sur ce croisement qui le concernent + "
              "réponses d'enquête sur ce point de contact). Une case hachurée n'a aucun point "
              "de contact.",
        "en": "{n} touchpoints over {cells} stage × channel crossings. Colour: valence; ★: "
              "moment of truth; under the name: owner department and evidence count (coded "
              "interview passages on the crossing that are about it + survey responses about "
              "it). A hatched cell has no touchpoint.",
    },
    "tp_gaps": {"fr": "Les manques", "en": "The gaps"},
    "tp_missing_title": {"fr": "Points de contact manquants", "en": "Missing touchpoints"},
    "tp_missing": {
        "fr": "Aucun point de contact n'existe pour « {stage} » × « {channel} », où "
              "{customers} clients sont passés ({events} événements).",
        "en": "No touchpoint exists for '{stage}' × '{channel}', where {customers} customers "
              "went ({events} events).",
    },
    "tp_missing_none": {"fr": "Aucun croisement utilisé par les clients ne manque de point de "
                              "contact.",
                        "en": "Every crossing customers use has a touchpoint."},
    "tp_unevidenced_title": {"fr": "Notes sans preuve", "en": "Ratings without evidence"},
    "tp_unevidenced": {
        "fr": "« {touchpoint} » ({stage} × {channel}) est noté « {valence} » sans aucune "
              "preuve : ni passage d'entretien, ni réponse d'enquête. Intuition à vérifier.",
        "en": "'{touchpoint}' ({stage} × {channel}) is rated '{valence}' with no evidence: no "
              "interview passage, no survey response. An intuition to check.",
    },
    "tp_unevidenced_none": {"fr": "Chaque note s'appuie sur au moins une preuve.",
                            "en": "Every rating has at least one piece of evidence."},
    "tp_critical_title": {"fr": "Points critiques : où les prospects abandonnent",
                          "en": "Critical points: where prospects give up"},
    "tp_critical": {
        "fr": "« {stage} » × « {channel} » : {ended} parcours s'y {ended|arrête|arrêtent} "
              "sans achat ({rate} des clients qui y passent). {n_tp|Point de contact|Points "
              "de contact} : {touchpoints}.",
        "en": "'{stage}' × '{channel}': {ended} journey{ended||s} {ended|stops|stop} there "
              "without a purchase ({rate} of the customers passing through). "
              "{n_tp|Touchpoint|Touchpoints}: {touchpoints}.",
    },
    "tp_flows": {"fr": "Les flux entre canaux", "en": "Flows between channels"},
    "tp_flows_text": {
        "fr": "Transitions directes d'un événement au suivant pour un même client, dans "
              "l'ordre chronologique ({moves} transitions, {customers} clients).",
        "en": "Direct transitions from one event to the next for the same customer, in time "
              "order ({moves} transitions, {customers} customers).",
    },
    "tp_transitions": {"fr": "Transitions entre canaux (nombre)",
                       "en": "Transitions between channels (count)"},
    "tp_stage_flow": {"fr": "D'une étape à la suivante : les chemins entre canaux",
                      "en": "From one stage to the next: the paths between channels"},
    "tp_stage_flow_text": {
        "fr": "Chaque trait relie le canal d'une étape au canal de l'étape suivante utilisé "
              "ensuite ; son épaisseur est proportionnelle au nombre de clients. Les {n} "
              "chemins les plus fréquents sont montrés.",
        "en": "Each line links a stage's channel to the channel used next at a later stage; "
              "its width is proportional to the number of customers. The {n} most frequent "
              "paths are shown.",
    },
    "tp_switch": {"fr": "Changements de canal et allers-retours",
                  "en": "Channel switches and back-and-forth"},
    "tp_moves_sentence": {
        "fr": "Entre deux événements successifs : {next} passent à l'étape suivante, {same} "
              "restent sur la même étape, {skip} sautent une étape et {back} reviennent en "
              "arrière.",
        "en": "Between two successive events: {next} move to the next stage, {same} stay on "
              "the same stage, {skip} skip a stage and {back} go back.",
    },
    "tp_variants": {"fr": "Les parcours les plus fréquents", "en": "The most frequent paths"},
    "tp_timing": {"fr": "Temps entre étapes", "en": "Time between stages"},
    "tp_summary": {
        "fr": "{n} point{n||s} de contact dont {irritants} irritant{irritants||s} et "
              "{ruptures} rupture{ruptures||s} ; {missing} manquant{missing||s} ; point "
              "critique principal : {critical}.",
        "en": "{n} touchpoint{n||s} incl. {irritants} irritant{irritants||s} and {ruptures} "
              "break{ruptures||s}; {missing} missing; main critical point: {critical}.",
    },
    "col_from": {"fr": "De", "en": "From"},
    "col_to": {"fr": "Vers", "en": "To"},
    "col_switch_rate": {"fr": "Changement de canal", "en": "Channel switch"},
    "col_moves": {"fr": "Transitions", "en": "Moves"},
    "col_path": {"fr": "Parcours", "en": "Path"},
    "col_cases": {"fr": "Clients", "en": "Customers"},
    "col_median_h": {"fr": "Médiane (h)", "en": "Median (h)"},
    "col_p90_h": {"fr": "90e centile (h)", "en": "90th percentile (h)"},
    "col_from_stage": {"fr": "De l'étape", "en": "From stage"},
    "col_to_stage": {"fr": "À l'étape", "en": "To stage"},
    "col_share_cases": {"fr": "Part des clients", "en": "Share of customers"},
    "col_share_of_source": {"fr": "Part des sorties", "en": "Share of moves out"},
    # -- persona report -------------------------------------------------------------------
    "title_01_personas": {"fr": "Personas : portraits d'atelier et comportements observés",
                          "en": "Personas: workshop portraits and observed behaviour"},
    "pe_cards": {"fr": "Les personas de l'atelier", "en": "The workshop personas"},
    "pe_cards_text": {
        "fr": "Chaque fiche reprend le portrait défini en atelier ; la part de la base observée "
              "vient du journal d'événements (clients rattachés à un persona).",
        "en": "Each card is the portrait defined in the workshop; the observed share of base "
              "comes from the event log (customers linked to a persona).",
    },
    "pe_card_goals": {"fr": "Objectifs et motivations", "en": "Goals and motivation"},
    "pe_card_questions": {"fr": "Questions avant l'achat", "en": "Questions before buying"},
    "pe_card_frustrations": {"fr": "Frustrations", "en": "Frustrations"},
    "pe_card_expertise": {"fr": "Expertise produit", "en": "Product expertise"},
    "pe_card_decision": {"fr": "Mode de décision", "en": "Decision mode"},
    "pe_card_share": {"fr": "de la base (atelier)", "en": "of the base (workshop)"},
    "pe_card_observed": {"fr": "observé : {share}", "en": "observed: {share}"},
    "pe_card_appetence": {"fr": "Appétence déclarée par canal",
                          "en": "Declared preference per channel"},
    "pe_card_no_appetence": {"fr": "Aucune appétence déclarée.",
                             "en": "No channel preference declared."},
    "pe_level_0": {"fr": "nulle", "en": "none"},
    "pe_level_1": {"fr": "faible", "en": "low"},
    "pe_level_2": {"fr": "moyenne", "en": "medium"},
    "pe_level_3": {"fr": "forte", "en": "high"},
    "pe_no_events": {
        "fr": "Le journal d'événements ne rattache aucun client à un persona (colonne "
              "persona_id vide ou absente) : les comportements observés ne peuvent pas être "
              "comparés aux portraits.",
        "en": "The event log links no customer to a persona (persona_id empty or missing): "
              "observed behaviour cannot be compared with the portraits.",
    },
    "pe_segments": {"fr": "Segments comportementaux", "en": "Behavioural segments"},
    "pe_segments_text": {
        "fr": "Chaque client du journal d'événements est décrit par {features}. Nombres et "
              "montants sont pris en logarithme, puis chaque variable est centrée-réduite. "
              "Les segments sont obtenus par k-moyennes (scikit-learn, graine {seed}) pour k "
              "de {k_min} à {k_max} ; le k retenu est celui de la meilleure silhouette "
              "moyenne, calculée sur un échantillon de {scored} clients. Modèles ajustés sur "
              "{fitted} clients, puis appliqués à tous les {customers} clients.",
        "en": "Each customer of the event log is described by {features}. Counts and amounts "
              "are log-transformed, then every variable is standardised. Segments come from "
              "k-means (scikit-learn, seed {seed}) for k from {k_min} to {k_max}; the k kept "
              "is the one with the best mean silhouette, computed on a sample of {scored} "
              "customers. Models fitted on {fitted} customers, then applied to all "
              "{customers} customers.",
    },
    "pe_segments_chosen": {
        "fr": "{k} segments retenus, silhouette moyenne {score}. Selon les repères de Kaufman "
              "et Rousseeuw (0,70 forte, 0,50 raisonnable, 0,25 faible) : {verdict}.",
        "en": "{k} segments kept, mean silhouette {score}. By Kaufman and Rousseeuw's "
              "benchmarks (0.70 strong, 0.50 reasonable, 0.25 weak): {verdict}.",
    },
    "pe_structure_strong": {"fr": "structure forte", "en": "a strong structure"},
    "pe_structure_reasonable": {"fr": "structure raisonnable", "en": "a reasonable structure"},
    "pe_structure_weak": {"fr": "structure faible, à lire avec prudence",
                          "en": "a weak structure, to be read with caution"},
    "pe_structure_none": {"fr": "pas de structure nette : les clients forment un continuum",
                          "en": "no clear structure: customers form a continuum"},
    "pe_segments_too_few": {
        "fr": "Trop peu de clients dans le journal d'événements ({n}) pour une segmentation "
              "(il en faut au moins {need}).",
        "en": "Too few customers in the event log ({n}) to segment them (at least {need} "
              "needed).",
    },
    "pe_silhouette": {"fr": "Silhouette moyenne selon le nombre de segments",
                      "en": "Mean silhouette by number of segments"},
    "pe_k": {"fr": "Nombre de segments (k)", "en": "Number of segments (k)"},
    "pe_silhouette_score": {"fr": "Silhouette moyenne", "en": "Mean silhouette"},
    "pe_segment_label": {"fr": "Segment {n}", "en": "Segment {n}"},
    "pe_feature_events": {"fr": "nombre d'événements", "en": "number of events"},
    "pe_feature_active_days": {"fr": "jours d'activité", "en": "active days"},
    "pe_feature_recency_days": {"fr": "jours depuis le dernier contact",
                                "en": "days since the last contact"},
    "pe_feature_value": {"fr": "montant dépensé", "en": "amount spent"},
    "pe_feature_stages": {"fr": "étapes atteintes", "en": "stages reached"},
    "pe_feature_share_digital": {"fr": "part de contacts digitaux",
                                 "en": "share of digital contacts"},
    "pe_feature_share_physical": {"fr": "part de contacts physiques",
                                  "en": "share of physical contacts"},
    "pe_feature_share_human": {"fr": "part de contacts humains",
                               "en": "share of human-assisted contacts"},
    "pe_trait_above": {"fr": "{feature} au-dessus de la moyenne ({value} contre {overall})",
                       "en": "{feature} above average ({value} vs {overall})"},
    "pe_trait_below": {"fr": "{feature} sous la moyenne ({value} contre {overall})",
                       "en": "{feature} below average ({value} vs {overall})"},
    "pe_trait_sep": {"fr": " ; ", "en": "; "},
    "pe_trait_none": {"fr": "proche de la moyenne sur tous les critères",
                      "en": "close to average on every feature"},
    "pe_match": {"fr": "Segments et personas", "en": "Segments and personas"},
    "pe_match_text": {
        "fr": "Répartition des clients de chaque persona entre les segments (chaque ligne "
              "fait 100\u202f%).",
        "en": "How each persona's customers spread over the segments (each row adds up to "
              "100%).",
    },
    "pe_association": {
        "fr": "Lien entre segments et personas : V de Cramér = {v} ({strength}).",
        "en": "Link between segments and personas: Cramér's V = {v} ({strength}).",
    },
    "pe_assoc_strong": {"fr": "fort : les personas se distinguent par leur comportement",
                        "en": "strong: the personas differ in behaviour"},
    "pe_assoc_moderate": {"fr": "moyen : les personas ne recoupent qu'en partie les segments",
                          "en": "moderate: the personas only partly match the segments"},
    "pe_assoc_weak": {
        "fr": "faible : les segments comportementaux traversent les personas",
        "en": "weak: the behavioural segments cut across the personas"},
    "pe_declared": {"fr": "Portrait déclaré et comportement observé",
                    "en": "Declared portrait and observed behaviour"},
    "pe_base_text": {
        "fr": "Part de la base déclarée en atelier, comparée à la part des clients du journal "
              "d'événements rattachés à chaque persona. Un écart de {gap} points ou plus est "
              "signalé.",
        "en": "Share of base declared in the workshop, against the share of the event log's "
              "customers linked to each persona. A gap of {gap} points or more is reported.",
    },
    "pe_shares_total": {
        "fr": "Les parts de la base déclarées totalisent {total}, et non 100\u202f% : le portrait "
              "des personas ne couvre pas exactement la base.",
        "en": "The declared shares of base add up to {total}, not 100%: the personas do not "
              "cover the base exactly.",
    },
    "pe_share_gap": {
        "fr": "« {persona} » : {declared} de la base d'après l'atelier, {observed} des clients "
              "du journal d'événements.",
        "en": "'{persona}': {declared} of the base according to the workshop, {observed} of "
              "the event log's customers.",
    },
    "pe_shares_match": {
        "fr": "Les parts de la base déclarées correspondent au journal d'événements (écart "
              "maximal : {gap} points).",
        "en": "The declared shares of base match the event log (largest gap: {gap} points).",
    },
    "pe_appetence": {"fr": "Appétence pour les canaux : déclarée et observée",
                     "en": "Channel preferences: declared and observed"},
    "pe_appetence_text": {
        "fr": "En haut, l'appétence déclarée (0 à 3) ramenée en parts par persona ; en bas, "
              "la part des événements de chaque persona sur chaque canal. Un persona diverge "
              "quand un type de canal pèse {threshold} points de plus qu'annoncé.",
        "en": "Top, the declared preference (0 to 3) turned into shares per persona; bottom, "
              "the share of each persona's events on each channel. A persona diverges when a "
              "kind of channel weighs {threshold} points more than declared.",
    },
    "pe_source_declared": {"fr": "Appétence déclarée", "en": "Declared preference"},
    "pe_source_observed": {"fr": "Contacts observés", "en": "Observed contacts"},
    "pe_share": {"fr": "Part", "en": "Share"},
    "pe_divergence": {
        "fr": "Le persona « {persona} » est décrit comme attaché à {channels} ; or {observed} "
              "de ses contacts sont {kind} (appétence déclarée : {declared}).",
        "en": "Persona '{persona}' is described as attached to {channels}; yet {observed} of "
              "their contacts are {kind} (declared preference: {declared}).",
    },
    "pe_no_divergence": {
        "fr": "Aucun persona ne s'écarte de son appétence déclarée de {threshold} points ou "
              "plus sur un type de canal.",
        "en": "No persona diverges from its declared preferences by {threshold} points or "
              "more on a kind of channel.",
    },
    "pe_kind_digital": {"fr": "digitaux", "en": "digital"},
    "pe_kind_physical": {"fr": "physiques", "en": "physical"},
    "pe_kind_human": {"fr": "humains (conseiller, téléphone, chat)",
                      "en": "human-assisted"},
    "pe_quoted": {"fr": "« {text} »", "en": "'{text}'"},
    "pe_and": {"fr": "{first} et {last}", "en": "{first} and {last}"},
    "pe_none": {"fr": "aucun", "en": "none"},
    "pe_journeys": {"fr": "Le parcours de chaque persona", "en": "Each persona's journey"},
    "pe_reach": {"fr": "Étapes atteintes", "en": "Stages reached"},
    "pe_reach_text": {
        "fr": "Part des clients de chaque persona qui passent par chaque étape. Un écart de "
              "{gap} points ou plus avec les autres personas est signalé.",
        "en": "Share of each persona's customers who go through each stage. A gap of {gap} "
              "points or more with the other personas is reported.",
    },
    "pe_stage_gap": {
        "fr": "« {persona} » : {share} de ses clients passent par l'étape « {stage} », contre "
              "{others} des clients des autres personas.",
        "en": "'{persona}': {share} of their customers go through the stage '{stage}', "
              "against {others} of the other personas' customers.",
    },
    "pe_no_stage_gap": {
        "fr": "Tous les personas atteignent les étapes dans des proportions voisines.",
        "en": "Every persona reaches the stages in similar proportions.",
    },
    "pe_traces": {"fr": "Étapes et canaux utilisés", "en": "Stages and channels used"},
    "pe_traces_text": {
        "fr": "Pour chaque persona, part de ses clients ayant au moins un contact à chaque "
              "croisement étape × canal ; les étapes se lisent de haut en bas dans l'ordre du "
              "parcours.",
        "en": "For each persona, share of its customers with at least one contact at each "
              "stage × channel crossing; stages read from top to bottom in journey order.",
    },
    "pe_variants": {"fr": "Parcours les plus fréquents", "en": "Most frequent journeys"},
    "pe_variants_text": {
        "fr": "Suite des étapes de chaque client dans l'ordre chronologique (une étape répétée "
              "d'affilée compte une fois) ; les {top} suites les plus fréquentes par persona.",
        "en": "Each customer's sequence of stages in time order (a stage repeated in a row "
              "counts once); the {top} most frequent sequences per persona.",
    },
    "pe_distinctness": {"fr": "Des parcours vraiment distincts ?",
                        "en": "Truly distinct journeys?"},
    "pe_distinctness_text": {
        "fr": "Distance de Jensen-Shannon entre les répartitions des événements de deux "
              "personas sur les croisements étape × canal : 0 pour des parcours identiques, "
              "1 pour des parcours sans rien en commun. Sous {threshold}, deux personas sont "
              "jugés indiscernables : un seul parcours suffirait à les décrire.",
        "en": "Jensen-Shannon distance between two personas' distributions of events over the "
              "stage × channel crossings: 0 for identical journeys, 1 for journeys with "
              "nothing in common. Under {threshold}, two personas are deemed "
              "indistinguishable: one journey would describe both.",
    },
    "pe_indistinct": {
        "fr": "« {a} » et « {b} » ont des parcours indiscernables (distance {distance} < "
              "{threshold}) : fusionner ces personas ou revoir ce qui les distingue.",
        "en": "'{a}' and '{b}' have indistinguishable journeys (distance {distance} < "
              "{threshold}): merge these personas or revisit what sets them apart.",
    },
    "pe_distinct": {
        "fr": "Tous les personas ont des parcours distincts ; les plus proches sont « {a} » "
              "et « {b} » (distance {distance}, seuil {threshold}).",
        "en": "Every persona has a distinct journey; the closest are '{a}' and '{b}' "
              "(distance {distance}, threshold {threshold}).",
    },
    "pe_yes_indistinct": {"fr": "indiscernables", "en": "indistinguishable"},
    "pe_no_distinct": {"fr": "distincts", "en": "distinct"},
    "pe_summary": {
        "fr": "{n} persona{n||s} ; écart au portrait : {diverging} ; {k} "
              "segment{k||s} comportementa{k|l|ux} ; "
              "{indistinct} paire{indistinct||s} de personas indiscernable{indistinct||s}.",
        "en": "{n} persona{n||s}; diverging from their portrait: {diverging}; {k} behavioural "
              "segment{k||s}; {indistinct} indistinguishable pair{indistinct||s} of personas.",
    },
    "pe_summary_no_events": {
        "fr": "{n} personas ; aucun client du journal d'événements n'y est rattaché.",
        "en": "{n} personas; no customer of the event log is linked to them.",
    },
    "pe_expect_shares": {
        "fr": "des parts de la base qui totalisent environ 100\u202f% (entre {lo} et {hi}) ; "
              "ajouter un persona « Autres » si les personas ne couvrent pas toute la base",
        "en": "shares of base adding up to about 100% (between {lo} and {hi}); add an "
              "'Others' persona if the personas do not cover the whole base",
    },
    "pe_found_shares": {"fr": "des parts qui totalisent {total}",
                        "en": "shares adding up to {total}"},
    "col_declared": {"fr": "Déclarée", "en": "Declared"},
    "col_observed": {"fr": "Observée", "en": "Observed"},
    "col_rank": {"fr": "Rang", "en": "Rank"},
    "col_distance": {"fr": "Distance", "en": "Distance"},
    "col_verdict": {"fr": "Verdict", "en": "Verdict"},
    "col_persona_a": {"fr": "Persona", "en": "Persona"},
    "col_persona_b": {"fr": "Comparé à", "en": "Compared with"},
    "col_main_persona": {"fr": "Persona dominant", "en": "Main persona"},
    "col_persona_share": {"fr": "Part du segment", "en": "Share of segment"},
    "col_share_base": {"fr": "Part des clients", "en": "Share of customers"},
    "col_nps": {"fr": "NPS des répondants", "en": "Respondents' NPS"},
    "col_nps_n": {"fr": "Répondants", "en": "Respondents"},
    # -- journey map report ---------------------------------------------------------------
    "title_05_journey_map": {"fr": "Carte du parcours et plan d'action",
                             "en": "Journey map and action plan"},
    "jm_health": {"fr": "Bilan de santé de la cartographie", "en": "Mapping health check"},
    "jm_health_text": {
        "fr": "Les cinq erreurs classiques d'une cartographie, mesurées sur les données.",
        "en": "The five classic mapping errors, measured on the data.",
    },
    "jm_hc_critical": {
        "fr": "Point critique ignoré : « {stage} » × « {channel} » perd {rate} des clients qui "
              "y passent, mais aucun point de contact n'y est noté irritant ou rupture.",
        "en": "Critical point ignored: '{stage}' × '{channel}' loses {rate} of the customers "
              "passing through, but no touchpoint there is rated irritant or break.",
    },
    "jm_hc_unevidenced": {
        "fr": "Sur {total} point{total||s} de contact noté{total||s}, {n} {n|n'a|n'ont} aucune "
              "preuve de "
              "terrain derrière {n|sa|leur} note.",
        "en": "Of {total} rated touchpoint{total||s}, {n} {n|has|have} no field evidence behind "
              "{n|its|their} rating.",
    },
    "jm_hc_unused": {
        "fr": "{n_stages|Étape|Étapes} qu'aucun client n'atteint dans le journal "
              "d'événements : {stages}.",
        "en": "{n_stages|Stage|Stages} no customer reaches in the event log: {stages}.",
    },
    "jm_hc_all_used": {"fr": "Chaque étape est atteinte par des clients.",
                       "en": "Every stage is reached by customers."},
    "jm_hc_departments": {
        "fr": "{n} service{n||s} jamais interrogé{n||s} : {names}.",
        "en": "{n} department{n||s} never interviewed: {names}.",
    },
    "jm_hc_age": {
        "fr": "Terrain de la vague en cours ({wave}) clos il y a {days} jour{days||s} ; "
              "{waves} vague{waves||s} au total.",
        "en": "Fieldwork of the current wave ({wave}) ended {days} day{days||s} ago; "
              "{waves} wave{waves||s} in all.",
    },
    "jm_maps": {"fr": "La carte du parcours, persona par persona",
                "en": "The journey map, persona by persona"},
    "jm_maps_text": {
        "fr": "Une carte par persona. Courbe : satisfaction moyenne de l'étape (1 à 5) et sa "
              "base ; ★ : moment de vérité ; ⚠ : base faible. Entre parenthèses, après un "
              "point de contact, les preuves de sa note, tous clients confondus (passages "
              "d'entretien et réponses d'enquête) ; après un irritant ou un enchantement, les "
              "passages des entretiens des clients du persona. Chaque carte montre les points "
              "de contact des canaux qu'au moins 5\u202f% des clients du persona utilisent à "
              "l'étape, et ceux qui lui sont propres.",
        "en": "One map per persona. Curve: the stage's mean satisfaction (1 to 5) and its "
              "base; ★: moment of truth; ⚠: low base. In brackets, after a touchpoint, the "
              "evidence behind its rating, all customers together (interview passages and "
              "survey answers); after an irritant or an enchantment, the passages from the "
              "interviews of the persona's customers. Each map shows the touchpoints of the "
              "channels at least 5% of the persona's customers use at that stage, and the "
              "persona's own.",
    },
    "jm_plan_file": {"fr": "plan-d-actions", "en": "action-plan"},
    "jm_persona_map": {"fr": "Parcours de {persona}", "en": "Journey of {persona}"},
    "jm_lane_does": {"fr": "Canaux utilisés (observés)", "en": "Channels used (observed)"},
    "jm_lane_actions": {"fr": "Ce que fait le client (atelier)",
                        "en": "What the customer does (workshop)"},
    "jm_lane_questions": {"fr": "Questions et motivations", "en": "Questions and motivations"},
    "jm_lane_touchpoints": {"fr": "Points de contact", "en": "Touchpoints"},
    "jm_lane_emotion": {"fr": "Émotion (satisfaction /5)", "en": "Emotion (satisfaction /5)"},
    "jm_lane_irritants": {"fr": "Irritants (entretiens)", "en": "Irritants (interviews)"},
    "jm_lane_enchantments": {"fr": "Enchantements (entretiens)",
                             "en": "Enchantments (interviews)"},
    "jm_lane_kpis": {"fr": "NPS de l'étape", "en": "Stage NPS"},
    "jm_lane_opportunities": {"fr": "Opportunités", "en": "Opportunities"},
    "jm_curve": {"fr": "Courbe émotionnelle", "en": "Emotional curve"},
    "jm_plan": {"fr": "Plan d'action", "en": "Action plan"},
    "jm_plan_text": {
        "fr": "Les actions du consultant et les opportunités tirées des irritants et ruptures, "
              "classées par impact moins effort, les actions faites en dernier. L'effort d'une "
              "opportunité vaut 3 en attendant d'être estimé avec le client. Le plan est joint "
              "au rapport en Excel : {file}.",
        "en": "The consultant's actions and the opportunities derived from irritants and "
              "breaks, ranked by impact minus effort, actions already done last. An "
              "opportunity's effort is 3 until it is estimated with the client. The plan comes "
              "with the report as an Excel file: {file}.",
    },
    "jm_matrix": {"fr": "Impact × effort", "en": "Impact × effort"},
    "jm_derived_action": {"fr": "Traiter l'irritant « {touchpoint} »",
                          "en": "Fix the irritant '{touchpoint}'"},
    "jm_summary": {
        "fr": "{personas} carte{personas||s} de parcours ; {problems} erreur{problems||s} de "
              "cartographie ; {actions} action{actions||s} au plan.",
        "en": "{personas} journey map{personas||s}; {problems} mapping error{problems||s}; "
              "{actions} action{actions||s} in the plan.",
    },
    "col_action": {"fr": "Action", "en": "Action"},
    "col_impact": {"fr": "Impact", "en": "Impact"},
    "col_effort": {"fr": "Effort", "en": "Effort"},
    "col_owner": {"fr": "Responsable", "en": "Owner"},
    "col_due": {"fr": "Échéance", "en": "Due"},
    "col_source": {"fr": "Origine", "en": "Source"},
    "col_priority": {"fr": "Priorité", "en": "Priority"},
    "source_consultant": {"fr": "Action du consultant", "en": "Consultant's action"},
    "source_derived": {"fr": "Opportunité (irritant ; effort à estimer)",
                       "en": "Opportunity (irritant; effort to estimate)"},
    "status_todo": {"fr": "à faire", "en": "to do"},
    "status_in_progress": {"fr": "en cours", "en": "in progress"},
    "status_done": {"fr": "fait", "en": "done"},
    # -- PowerPoint deck (cxlib.presentation.deck) -------------------------------------
    "dk_deck_title": {"fr": "Diagnostic du parcours client", "en": "Customer journey diagnostic"},
    "dk_summary": {"fr": "Synthèse", "en": "Executive summary"},
    "dk_kpi_line": {"fr": "{kpi} : {value} (n = {n})", "en": "{kpi}: {value} (n = {n})"},
    "dk_kpi_change": {"fr": "{change} depuis la vague précédente ({previous}) : {verdict}",
                      "en": "{change} since the previous wave ({previous}): {verdict}"},
    "dk_kpi_first": {"fr": "première vague mesurée", "en": "first wave measured"},
    "dk_item": {"fr": "{stage} · {channel} · {theme} ({interviews} entretiens)",
                "en": "{stage} · {channel} · {theme} ({interviews} interviews)"},
    "dk_no_quote": {"fr": "Aucun passage citable (consentement).",
                    "en": "No quotable passage (consent)."},
    "dk_more": {"fr": "+ {n} {n|autre|autres}", "en": "+ {n} more"},
    "dk_matrix_caption": {
        "fr": "Points de contact par étape et canal : {n} au total, dont {irritants} irritants "
              "ou ruptures ; une case grise est un point de contact manquant.",
        "en": "Touchpoints per stage and channel: {n} in all, {irritants} of them irritants "
              "or breaks; a grey cell is a missing touchpoint.",
    },
    "dk_stage_caption": {
        "fr": "NPS par étape, {wave} : point = NPS, trait = intervalle à 95\u202f%, base (n) à "
              "droite ; point creux = base faible (n < {flag}) ; étapes sous {suppress} "
              "réponses masquées.",
        "en": "NPS by stage, {wave}: dot = NPS, line = 95% interval, base (n) on the right; "
              "hollow dot = low base (n < {flag}); stages under {suppress} answers hidden.",
    },
    "dk_target_caption": {"fr": "Tirets : objectif ({target}).",
                          "en": "Dashes: target ({target})."},
    "dk_map_caption": {
        "fr": "★ moment de vérité · ■ rouge : rupture, orange : irritant, vert : enchantement · "
              "(n) : preuves de terrain · satisfaction moyenne sur 5 et NPS de l'étape, avec "
              "leur base.",
        "en": "★ moment of truth · ■ red: break, orange: irritant, green: enchantment · "
              "(n): field evidence · mean satisfaction out of 5 and stage NPS, with their base.",
    },
    "dk_plan_caption": {
        "fr": "Les {shown} premières actions sur {total}, classées par priorité (impact moins "
              "effort) ; le plan complet est joint au rapport en Excel.",
        "en": "The first {shown} of {total} actions, ranked by priority (impact minus effort); "
              "the full plan comes with the report as an Excel file.",
    },
    "dk_template_missing": {"fr": "Modèle de présentation introuvable : {file}.",
                            "en": "Slide template not found: {file}."},
    "dk_layout_missing": {
        "fr": "Le modèle de présentation {file} n'a pas de mise en page « {layout} » avec "
              "{needs} (mises en page trouvées : {found}). Gardez les noms décrits dans "
              "templates/deck/README.md.",
        "en": "Slide template {file} has no layout '{layout}' with {needs} (layouts found: "
              "{found}). Keep the names described in templates/deck/README.md.",
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
    text = texts.get(lang, texts["en"])
    if "|" in text:
        text = _PLURAL.sub(lambda m: _choose(m, values, lang), text)
    return text.format(**values)


#: ``{n|one|many}`` in a message: ``one`` or ``many`` by the count ``n`` (French: one
#: below 2; English: exactly 1); ``{n||s}`` adds an "s" to the plural. The count is a
#: placeholder of the message, or, when it is not shown, a value named ``n_<what>``.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _count(value: object, lang: str) -> float | None:
    """Return the number a placeholder holds, also once written by :func:`number`."""
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str):
        return None
    text = value.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(
        "\u2212", "-")
    text = text.replace(",", ".") if lang == "fr" else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _choose(match: re.Match[str], values: dict[str, object], lang: str) -> str:
    count = _count(values.get(match.group(1)), lang)
    if count is None:
        return match.group(3)
    one = abs(count) < 2 if lang == "fr" else count == 1
    return match.group(2) if one else match.group(3)


#: How tables write a day, in French and British English alike: 31/03/2027.
DATE_FORMAT = "%d/%m/%Y"


def named(text: str, lang: str) -> str:
    """Return the name of a thing (a report, a touchpoint) quoted: « … » or '…'."""
    return f"« {text} »" if lang == "fr" else f"'{text}'"


def quoted(text: str, lang: str) -> str:
    """Return someone's words between the language's quotation marks: « … » or “…”."""
    return f"«\u00a0{text}\u00a0»" if lang == "fr" else f"“{text}”"


def number(value: float, lang: str, decimals: int = 0, sign: bool = False,
           percent: bool = False) -> str:
    """Format a number the way the report's readers write it.

    Parameters
    ----------
    value : float
        The number (a 0–1 share when ``percent``).
    lang : {"fr", "en"}
        ``12 345,6`` and ``45\u202f%`` in French; ``12,345.6`` and ``45%`` in English.
    decimals : int
        Digits after the decimal mark.
    sign : bool
        Whether to write ``+`` before positive numbers (changes).
    percent : bool
        Whether ``value`` is a share to show as a percentage.

    Returns
    -------
    str
        The formatted number.
    """
    shown = value * 100 if percent else value
    text = f"{shown:{'+' if sign else ''},.{decimals}f}"
    if text.lstrip("+-").strip("0.,") == "":
        text = text.lstrip("+-")  # never "-0" nor "+0"
    text = text.replace("-", "\u2212")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    if percent:
        text += "\u202f%" if lang == "fr" else "%"
    return text
