"""Inputs that point outside the client, codebooks that loop, codings past a transcript's end.

Each is refused before any kernel starts, with one message naming the file, the row or
key, what was found and what was expected — pinned here word for word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cxlib.errors import ConfigError
from cxlib.inputs.config import load_config
from cxlib.inputs.loaders import validate_client

CODEBOOK = "code_id;label;parent_id;kind\n"
INSIDE_EN = "expected a file inside the client folder data/acme/, named relative to it"
INSIDE_FR = "attendu : un fichier du dossier du client data/acme/, nommé relativement à lui"


def _point_input(folder: Path, table: str, value: str) -> None:
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"{table}: {table}.xlsx", f"{table}: '{value}'"), encoding="utf-8")


def _config_error() -> str:
    """The message of the error that loading client ``acme``'s configuration raises."""
    with pytest.raises(ConfigError) as caught:
        load_config("acme")
    return caught.value.message


@pytest.mark.parametrize("value", ["../other-client/survey.xlsx", "/etc/passwd",
                                   "C:\\Users\\me\\survey.xlsx", "..\\other-client\\x.xlsx",
                                   "sub/../../other-client/survey.csv"])
def test_error_if_an_input_path_leaves_the_client_folder(client: Callable, value: str) -> None:
    folder = client("en")
    _point_input(folder, "survey", value)
    assert _config_error() == (
        "1 problem in the configuration (data/acme/client.yaml):\n"
        f"  - data/acme/client.yaml, key 'inputs.survey': found '{value}', "
        f"{INSIDE_EN} (e.g. 'survey.xlsx')")


def test_error_if_an_input_is_a_link_to_another_client(client: Callable,
                                                       make_client: Callable) -> None:
    folder = client("fr")
    other = make_client("other", "fr")
    (folder / "survey-link.xlsx").symlink_to(other / "survey.xlsx")
    _point_input(folder, "survey", "survey-link.xlsx")
    assert _config_error() == (
        "1 problème dans la configuration (data/acme/client.yaml) :\n"
        "  - data/acme/client.yaml, clé « inputs.survey » : trouvé « survey-link.xlsx », "
        f"{INSIDE_FR} (ex. « survey.xlsx »)")


def test_inputs_in_a_sub_folder_of_the_client_are_accepted(client: Callable,
                                                           write_csv: Callable) -> None:
    folder = client("en")
    (folder / "exports").mkdir()
    (folder / "survey.xlsx").rename(folder / "exports" / "survey.xlsx")
    _point_input(folder, "survey", "exports/survey.xlsx")
    assert load_config("acme").input_file("survey") == "exports/survey.xlsx"
    assert validate_client("acme").ok


def test_error_if_the_codebook_has_a_parent_cycle(client: Callable, write_csv: Callable) -> None:
    folder = client("en")
    write_csv(folder, "codebook", CODEBOOK + "irr_wait;Waiting;irr_late;theme\n"
                                             "irr_late;Late;irr_slow;theme\n"
                                             "irr_slow;Slow;irr_wait;theme\n"
                                             "self;Itself;self;theme\n")
    report = validate_client("acme", ["codebook"])
    assert report.error().message == (
        "2 problems in the input data (data/acme/codebook.csv):\n"
        "  - data/acme/codebook.csv, row 2, column 'parent_id': the cycle irr_wait > irr_late > "
        "irr_slow > irr_wait, expected a hierarchy without cycles (no code is its own "
        "ancestor)\n"
        "  - data/acme/codebook.csv, row 5, column 'parent_id': the cycle self > self, "
        "expected a hierarchy without cycles (no code is its own ancestor)")


def test_error_if_the_codebook_has_a_parent_cycle_in_french(client: Callable,
                                                            write_csv: Callable) -> None:
    folder = client("fr")
    write_csv(folder, "codebook", CODEBOOK + "a;A;b;theme\nb;B;a;theme\nirr_wait;W;;theme\n")
    report = validate_client("acme", ["codebook"])
    assert report.error().message.splitlines()[1] == (
        "  - data/acme/codebook.csv, ligne 2, colonne « parent_id » : la boucle a > b > a, "
        "attendu : une hiérarchie sans boucle (aucun code n'est son propre ancêtre)")


def test_error_if_coding_offsets_pass_the_end_of_the_transcript(client: Callable,
                                                               write_csv: Callable) -> None:
    folder = client("en")
    length = len((folder / "transcripts" / "I01.txt").read_text(encoding="utf-8"))
    write_csv(folder, "codings", "interview_id;coder;code_id;start;end\n"
                                 f"I01;am;irr_wait;120;{length}\n"
                                 f"I01;am;irr_wait;300;{length + 1}\n"
                                 "I01;am;irr_wait;5000;5040\n")
    report = validate_client("acme", ["codings"])
    expected = f"expected an offset between 0 and {length}, the length of transcript " \
               "transcripts/I01.txt"
    assert report.error().message == (
        "3 problems in the input data (data/acme/codings.csv):\n"
        f"  - data/acme/codings.csv, row 3, column 'end': found '{length + 1}', {expected}\n"
        f"  - data/acme/codings.csv, row 4, column 'start': found '5000', {expected}\n"
        f"  - data/acme/codings.csv, row 4, column 'end': found '5040', {expected}")


def test_error_if_coding_offsets_pass_the_end_in_french(client: Callable,
                                                        write_csv: Callable) -> None:
    folder = client("fr")
    write_csv(folder, "codings", "interview_id;coder;code_id;start;end\nI01;am;irr_wait;1;999\n")
    assert validate_client("acme", ["codings"]).error().message.splitlines()[1] == (
        "  - data/acme/codings.csv, ligne 2, colonne « end » : trouvé « 999 », attendu : un "
        "décalage entre 0 et 362, la longueur de la transcription transcripts/I01.txt")


def test_error_if_a_previous_inventory_leaves_the_client_folder(client: Callable) -> None:
    folder = client("en")
    config = folder / "client.yaml"
    text = config.read_text(encoding="utf-8")
    assert "date: 2026-10-31}" in text
    config.write_text(text.replace(
        "date: 2026-10-31}",
        "date: 2026-10-31, touchpoints: ../other-client/touchpoints.xlsx}", 1),
        encoding="utf-8")
    assert _config_error() == (
        "1 problem in the configuration (data/acme/client.yaml):\n"
        "  - data/acme/client.yaml, key 'waves.W1.touchpoints': found "
        f"'../other-client/touchpoints.xlsx', {INSIDE_EN} (e.g. 'touchpoints.xlsx')")
