"""An export read through its mapping in client.yaml: columns, values, fill, format."""

from __future__ import annotations

import pytest
from mapping_helpers import only_input

from cxlib.errors import ConfigError
from cxlib.inputs.config import load_config
from cxlib.inputs.loaders import load_inputs, validate_client

CRM = (
    "ContactID;Customer;When;Canal;Mail;IPAddress;Full Name\n"
    "E1;C1;03/10/2026 10:00;1;ann@example.com;10.0.0.1;Ann Smith\n"
    "E2;C1;03/10/2026 11:00;8;ann@example.com;10.0.0.1;Ann Smith\n"
    "E3;C2;04/10/2026 09:30;1;bob@example.com;10.0.0.2;Bob Jones\n"
)
MAPPING = (
    "    file: crm.csv\n"
    "    columns: {event_id: ContactID, customer_id: Customer, timestamp: When,"
    " channel_id: Canal}\n"
    "    values: {channel_id: {1: web, \"8\": phone}}\n"
    "    fill: {stage_id: search}\n"
)


@pytest.fixture
def crm(make_client, drop_tables):
    def make(lang: str = "en", text: str = CRM, spec: str = MAPPING):
        folder = only_input(make_client("acme", lang), drop_tables, "events", spec)
        (folder / "crm.csv").write_text(text, encoding="utf-8")
        return folder
    return make


def _problems(lang: str) -> str:
    report = validate_client("acme")
    assert not report.ok
    return report.error().message


def test_a_mapped_export_loads_in_contract_shape(crm) -> None:
    crm()
    events = load_inputs("acme")["events"]
    assert events["channel_id"].to_list() == ["web", "phone", "web"]
    assert events["stage_id"].unique().to_list() == ["search"]
    assert events["__row__"].to_list() == [2, 3, 4]
    assert events["event_id"].to_list() == ["E1", "E2", "E3"]


def test_columns_neither_mapped_nor_in_the_contract_are_never_read(crm) -> None:
    crm()
    report = validate_client("acme")
    result = report.results["events"]
    assert not {"mail", "ipaddress", "full_name"} & set(result.frame.columns)
    everything = " ".join([*result.notes, *(w.render("en") for w in result.warnings)])
    for secret in ("ann@example.com", "10.0.0.1", "Ann Smith", "Mail", "IPAddress"):
        assert secret not in everything and secret not in str(result.frame.to_dicts())
    assert "3 other columns of the file not read" in everything


def test_the_inventory_notes_say_what_the_mapping_did(crm) -> None:
    crm()
    notes = "; ".join(validate_client("acme").results["events"].notes)
    assert "columns renamed: ContactID → event_id, Customer → customer_id" in notes
    assert "values recoded: channel_id (2 distinct values, 3 rows, from client.yaml)" in notes
    assert "filled: stage_id = search" in notes
    assert "3 rows read, 0 left out" in notes


def test_validation_names_the_clients_own_file_row_and_column(crm) -> None:
    crm(text=CRM.replace("04/10/2026 09:30", "le 4 octobre"))
    message = _problems("en")
    assert "data/acme/crm.csv, row 4, column 'When': found 'le 4 octobre'" in message


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/crm.csv, column 'Kanal': no such column in the file (columns read: "
           "ContactID, Customer, When, Canal, Mail, IPAddress, Full Name), expected the "
           "file's column for 'channel_id', as client.yaml names it in "
           "inputs.events.columns.channel_id"),
    ("fr", "data/acme/crm.csv, colonne « Kanal » : colonne absente du fichier (colonnes lues : "
           "ContactID, Customer, When, Canal, Mail, IPAddress, Full Name), attendu : la "
           "colonne du fichier pour « channel_id », telle que client.yaml la nomme en "
           "inputs.events.columns.channel_id"),
])
def test_a_mapped_column_missing_from_the_file(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING.replace("channel_id: Canal", "channel_id: Kanal"))
    message = _problems(lang)
    assert expected in message
    assert message.startswith(("1 problem ", "1 problème "))  # no second "column absent"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/crm.csv, row 2, column 'Canal': found '1', expected a value listed in "
           "inputs.events.values.channel_id of client.yaml (2 rows: 2, 4)"),
    ("fr", "data/acme/crm.csv, ligne 2, colonne « Canal » : trouvé « 1 », attendu : une "
           "valeur listée en inputs.events.values.channel_id dans client.yaml "
           "(2 lignes : 2, 4)"),
])
def test_a_value_without_a_mapping_is_listed_with_its_count_and_first_rows(
        crm, lang, expected) -> None:
    crm(lang, spec=MAPPING.replace("1: web, ", ""))
    assert expected in _problems(lang)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/client.yaml, key 'inputs.events.fill.stage_id': found 'complaint', "
           "expected a stage of client.yaml: search, compare, purchase, delivery, after_sales"),
    ("fr", "data/acme/client.yaml, clé « inputs.events.fill.stage_id » : trouvé "
           "« complaint », attendu : une étape de client.yaml : search, compare, purchase, "
           "delivery, after_sales"),
])
def test_a_fill_id_unknown_to_client_yaml(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING.replace("stage_id: search", "stage_id: complaint"))
    assert expected in _problems(lang)


def test_a_recoding_to_an_id_unknown_to_client_yaml(crm) -> None:
    crm(spec=MAPPING.replace("\"8\": phone", "\"8\": fax"))
    assert ("client.yaml, key 'inputs.events.values.channel_id': found 'fax', expected a "
            "channel of client.yaml") in _problems("en")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/crm.csv: a text (CSV) file, expected a file in the format 'xes' that "
           "client.yaml states"),
    ("fr", "data/acme/crm.csv : un fichier texte (CSV), attendu : un fichier au format "
           "« xes » qu'indique client.yaml"),
])
def test_a_format_that_does_not_match_the_file(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING + "    format: xes\n")
    assert expected in _problems(lang)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/crm.csv, row 3, column 'ContactID': found 'E2', expected the layout "
           "of a Qualtrics export"),
    ("fr", "data/acme/crm.csv, ligne 3, colonne « ContactID » : trouvé « E2 », attendu : la "
           "présentation d'un export Qualtrics"),
])
def test_a_plain_csv_said_to_be_a_qualtrics_export(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING + "    format: qualtrics\n")
    assert expected in _problems(lang)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/client.yaml, key 'inputs.events.columns.channel': found 'channel', "
           "expected a column of the events table: customer_id, timestamp"),
    ("fr", "data/acme/client.yaml, clé « inputs.events.columns.channel » : trouvé "
           "« channel », attendu : une colonne de la table events : customer_id, timestamp"),
])
def test_a_mapping_key_that_is_not_a_contract_column(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING.replace("channel_id: Canal", "channel: Canal"))
    assert expected in _problems(lang)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/crm.csv, column 'channel_id': no column of the file is mapped to it"),
    ("fr", "data/acme/crm.csv, colonne « channel_id » : aucune colonne du fichier ne lui "
           "correspond"),
])
def test_a_required_column_left_unmapped(crm, lang, expected) -> None:
    crm(lang, spec=MAPPING.replace(", channel_id: Canal", "").replace(
        "    values: {channel_id: {1: web, \"8\": phone}}\n", ""))
    message = _problems(lang)
    assert expected in message
    assert message.startswith(("1 problem ", "1 problème "))


def test_fill_and_columns_for_the_same_column_is_refused(crm) -> None:
    crm(spec=MAPPING.replace("stage_id: search", "channel_id: web"))
    assert ("key 'inputs.events.fill.channel_id': found 'web', expected 'channel_id' either "
            "read from a column (columns:) or filled (fill:), not both") in _problems("en")


def test_a_mapping_of_unknown_keys_is_a_config_error(crm) -> None:
    crm(spec=MAPPING + "    rename: {a: b}\n")
    with pytest.raises(ConfigError, match=r"inputs\.events\.rename"):
        load_config("acme")


def test_a_plain_file_name_is_read_as_before(crm) -> None:
    cfg = load_config(crm().name)
    assert cfg.input_options("events").mapped
    assert not cfg.input_options("survey").mapped


def test_the_data_inventory_names_the_source_file_its_format_and_the_mapping(crm) -> None:
    from cxlib.analysis.overview import data_inventory

    crm()
    row = data_inventory(validate_client("acme")).filter(table="events").row(0, named=True)
    assert row["file"] == "crm.csv"
    assert row["rows"] == 3
    assert row["read_as"].startswith("CSV read as UTF-8, separator ';'; columns renamed: "
                                     "ContactID → event_id")
    assert "values recoded: channel_id" in row["read_as"]
    assert row["read_as"].endswith("filled: stage_id = search; 3 other columns of the file "
                                   "not read; 3 rows read, 0 left out")


def test_many_values_without_a_mapping_are_listed_twenty_then_counted(crm) -> None:
    rows = "".join(f"E{i};C1;03/10/2026 10:00;x{i};m;ip;n\n" for i in range(30))
    crm(text=CRM.splitlines(keepends=True)[0] + rows)
    report = validate_client("acme")
    unmapped = [p for p in report.all_problems if p.column == "Canal"]
    assert len(unmapped) == len(report.all_problems) == 21  # no "empty cell" besides
    assert unmapped[-1].render("en").endswith(
        "10 more values without a mapping, expected a value listed in "
        "inputs.events.values.channel_id of client.yaml (1 row: 2)")


def test_columns_not_read_are_not_even_parsed(crm) -> None:
    text = CRM.replace("Full Name\n", "Mail\n", 1)  # a repeated header, in a column not read
    crm(text=text)
    report = validate_client("acme")
    assert report.ok, report.error()
    assert report.results["events"].frame.height == 3
