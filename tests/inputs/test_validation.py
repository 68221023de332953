"""Parsing French and English exports, and every validation message, end to end."""

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from cxlib.errors import InputError
from cxlib.inputs.loaders import load, load_inputs, validate_client

SURVEY = "response_id;customer_id;wave;date;persona_id;stage_id;nps;csat;sat_delivery\n"


def messages(slug: str = "acme") -> list[str]:
    report = validate_client(slug)
    lang = report.config.language
    return [p.render(lang) for p in report.all_problems]


def test_scaffold_is_valid(client_dir: Path) -> None:
    report = validate_client("acme")
    assert report.ok, report.error().message
    assert set(report.results) == {"personas", "persona_channels", "persona_stages",
                                   "touchpoints", "interviews", "codebook", "codings", "survey",
                                   "events", "kpis", "actions", "feedback"}


def test_french_formats_parsed(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", SURVEY
              + "R1;C1;W1;15/09/2026;P1;delivery;9;4;5\n"
              + "R2;C2;W1;2026-09-16;;search; 10 ;;\n", encoding="cp1252")
    frame = load("acme", "survey")
    assert frame["date"].to_list() == [date(2026, 9, 15), date(2026, 9, 16)]
    assert frame["nps"].to_list() == [9, 10]
    assert frame["csat"].to_list() == [4, None]
    assert frame["sat_delivery"].dtype == pl.Int64


def test_decimal_commas_and_thousands_parsed(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value;base\n"
              "churn;01/09/2026;0,08;1\u202f250\n"
              "resolution_time;01/10/2026;1.234,5;12\n"
              "conversion;01/11/2026;1,234.5;7\n")
    frame = load("acme", "kpis")
    assert frame["value"].to_list() == [0.08, 1234.5, 1234.5]
    assert frame["base"].to_list() == [1250, 12, 7]
    assert frame["period"].to_list() == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]


def test_english_decimals_never_read_as_french_thousands(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi,period,value,base\n"
              "churn,2026-09-01,0.066,1\n"
              "retention,2026-09-01,0.914,1\n"
              "conversion,2026-09-01,0.92,1\n"
              "resolution_time,2026-09-01,1.250,1\n")
    assert load("acme", "kpis")["value"].to_list() == [0.066, 0.914, 0.92, 1.25]


def test_dot_thousands_kept_where_the_column_has_no_dot_decimal(client_dir: Path,
                                                                write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value;base\n"
              "resolution_time;01/09/2026;1.250;2.500\n"
              "resolution_time;01/10/2026;12,5;1.000\n")
    frame = load("acme", "kpis")
    assert frame["value"].to_list() == [1250.0, 12.5]
    assert frame["base"].to_list() == [2500, 1000]


def test_datetimes_french_and_iso(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "events", "customer_id;timestamp;stage_id;channel_id;outcome\n"
              "C1;15/09/2026 14:05;search;web;\n"
              "C1;2026-09-15T14:07:30;purchase;web;converti\n")
    frame = load("acme", "events")
    assert frame["timestamp"].to_list() == [datetime(2026, 9, 15, 14, 5),
                                            datetime(2026, 9, 15, 14, 7, 30)]
    assert frame["outcome"].to_list() == [None, "converted"]


def test_french_enum_and_bool_aliases(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "touchpoints", "touchpoint_id;stage_id;channel_id;name;valence;"
              "moment_of_truth\nTP01;search;web;Page produit;Enchantement;oui\n"
              "TP02;delivery;store;Retrait;rupture;Non\n")
    frame = load("acme", "touchpoints")
    assert frame["valence"].to_list() == ["enchantment", "rupture"]
    assert frame["moment_of_truth"].to_list() == [True, False]


def test_error_lists_every_bad_value_with_file_row_column(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", SURVEY
              + "R1;C1;W1;15/09/2026;P1;delivery;9;4;5\n"
              + "R1;C2;W9;31/02/2026;P7;nowhere;11;4,5;x\n")
    assert messages() == [
        "data/acme/survey.csv, row 2, column 'response_id': found 'R1', expected a unique "
        "identifier (duplicate value)",
        "data/acme/survey.csv, row 3, column 'response_id': found 'R1', expected a unique "
        "identifier (duplicate value)",
        "data/acme/survey.csv, row 3, column 'wave': found 'W9', expected a wave of "
        "client.yaml: W1",
        "data/acme/survey.csv, row 3, column 'date': found '31/02/2026', expected a day that "
        "exists in the calendar: a date yyyy-mm-dd (e.g. 2026-09-15) or dd/mm/yyyy",
        "data/acme/survey.csv, row 3, column 'persona_id': found 'P7', expected a persona of "
        "the personas table: P1",
        "data/acme/survey.csv, row 3, column 'stage_id': found 'nowhere', expected a stage of "
        "client.yaml: search, compare, purchase, delivery, after_sales",
        "data/acme/survey.csv, row 3, column 'nps': found '11', expected a value from 0 to 10",
        "data/acme/survey.csv, row 3, column 'csat': found '4,5', expected a whole number "
        "(e.g. 12)",
        "data/acme/survey.csv, row 3, column 'sat_delivery': found 'x', expected a whole "
        "number (e.g. 12)",
    ]


def test_error_message_in_french_for_french_client(make_client, write_csv) -> None:
    folder = make_client("maison", "fr")
    write_csv(folder, "survey", SURVEY + "R1;;W1;15/09/2026;P1;delivery;;4;\n")
    report = validate_client("maison")
    assert report.error().message == (
        "1 problème dans les données d'entrée (data/maison/survey.csv) :\n"
        "  - data/maison/survey.csv, ligne 2, colonne « customer_id » : cellule vide, "
        "attendu : un identifiant"
    )


def test_error_if_required_column_missing_suggests_rename(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", "response;customer_id;wave;date;nps\nR1;C1;W1;15/09/2026;9\n")
    assert messages() == [
        "data/acme/survey.csv, column 'response_id': no such column (headers read: "
        "response, customer_id, wave, date, nps), expected a column 'response_id' (Response "
        "identifier); was it renamed 'response'?",
    ]


def test_unknown_column_is_a_warning_not_an_error(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", SURVEY.strip() + ";comment\n"
              "R1;C1;W1;15/09/2026;P1;delivery;9;4;5;hello\n")
    report = validate_client("acme")
    assert report.ok
    assert [w.column for w in report.results["survey"].warnings] == ["comment"]


def test_error_if_pattern_column_names_unknown_stage(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", SURVEY.strip() + ";sat_nowhere\n"
              "R1;C1;W1;15/09/2026;P1;delivery;9;4;5;3\n")
    report = validate_client("acme")
    assert [w.column for w in report.results["survey"].warnings] == ["sat_nowhere"]


@pytest.mark.parametrize(("table", "text", "expected"), [
    pytest.param("codings", "interview_id;coder;code_id;start;end\n"
                 "I01;am;irr_wait;10;5\nI99;am;nope;0;4\n", [
                     "data/acme/codings.csv, row 2, column 'end': found '5', expected an end "
                     "after the start (10)",
                     "data/acme/codings.csv, row 3, column 'interview_id': found 'I99', "
                     "expected an interview of the interviews table: I01",
                     "data/acme/codings.csv, row 3, column 'code_id': found 'nope', expected a "
                     "code of the codebook: irr_wait",
                 ], id="reference_to_another_table_unknown"),
    pytest.param("touchpoints", "touchpoint_id;stage_id;channel_id;name;valence;"
                 "moment_of_truth\nTP01;search;web;Page;great;perhaps\n", [
                     "data/acme/touchpoints.csv, row 2, column 'valence': found 'great', "
                     "expected one of: enchantment, neutral, irritant, rupture",
                     "data/acme/touchpoints.csv, row 2, column 'moment_of_truth': found "
                     "'perhaps', expected yes or no",
                 ], id="bad_enum_and_bool"),
    pytest.param("kpis", "kpi;period;value\nchurn;01/09/2026;#DIV/0!\n"
                 "churn;#N/A;0,1\n", [
                     "data/acme/kpis.csv, row 2, column 'value': found '#DIV/0!', expected a "
                     "number (e.g. 12.5)",
                     "data/acme/kpis.csv, row 3, column 'period': found '#N/A', expected a date "
                     "yyyy-mm-dd (e.g. 2026-09-15) or dd/mm/yyyy",
                 ], id="excel_error_values_refused"),
])
def test_error_names_file_row_column_found_and_expected(client_dir: Path, write_csv,
                                                        table: str, text: str,
                                                        expected: list[str]) -> None:
    write_csv(client_dir, table, text)
    assert messages() == expected


def test_many_bad_rows_are_counted_not_listed(client_dir: Path, write_csv) -> None:
    rows = "".join(f"R{i};C{i};W1;15/09/2026;P1;delivery;12;4;5\n" for i in range(100))
    write_csv(client_dir, "survey", SURVEY + rows)
    found = messages()
    assert len(found) == 21
    assert found[-1] == ("data/acme/survey.csv, column 'nps': 80 more rows like this, "
                         "expected a value from 0 to 10")


def test_error_if_transcript_file_missing(client_dir: Path) -> None:
    (client_dir / "transcripts" / "I01.txt").unlink()
    assert messages() == [
        "data/acme/interviews.xlsx, row 2, column 'transcript_file': found 'I01.txt', "
        "expected a file present in data/acme/transcripts",
    ]


def test_error_if_transcript_path_escapes_folder(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "interviews", "interview_id;population;date;transcript_file\n"
              "I01;employee;15/09/2026;../client.yaml\n")
    assert messages() == [
        "data/acme/interviews.csv, row 2, column 'transcript_file': found '../client.yaml', "
        "expected a file present in data/acme/transcripts",
    ]


def test_error_if_input_file_absent(client_dir: Path) -> None:
    (client_dir / "personas.xlsx").unlink()
    found = messages()
    assert found[0] == ("data/acme/personas.xlsx: no such file, expected the "
                        "'personas' table as .xlsx, .csv or .parquet (see 'inputs:' in "
                        "client.yaml)")


def test_load_raises_one_error_for_all_files(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value\nchurn;bad;0,1\n")
    write_csv(client_dir, "survey", SURVEY + "R1;C1;W1;15/09/2026;P1;delivery;99;4;5\n")
    with pytest.raises(InputError) as info:
        load_inputs("acme")
    assert info.value.message.splitlines()[0] == (
        "2 problems in the input data (data/acme/kpis.csv, data/acme/survey.csv):")


def test_error_if_unknown_table_requested(client_dir: Path) -> None:
    with pytest.raises(InputError, match=r"Unknown tables: surveys\. Known tables: personas"):
        load("acme", "surveys")
