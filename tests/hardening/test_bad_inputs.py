"""The bad-input corpus: every file a client may export, parsed right or refused clearly.

Each case is a small file built here. A *parsed* case is a locale quirk (encodings,
separators, decimal commas, French dates, Excel layouts) that must just work: its typed
values are asserted. A *refused* case must give one error whose every line is pinned:
file, row, column, what was found and what was expected, in the client's language —
never a traceback. Table cases go through :func:`cxlib.inputs.loaders.validate_client`, as
``cx validate`` does; transcript, REFI-QDA and XES cases through their readers.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from bad_files import parquet_bytes, put_table, xlsx_bytes, zip_bytes

from cxlib.coding import read_refi, read_transcript
from cxlib.errors import InputError
from cxlib.inputs.loaders import validate_client
from cxlib.inputs.xes import read_xes
from cxlib.run.cli import main

Data = bytes | Callable[[], bytes]
Lines = tuple[str, ...] | Callable[[bytes], tuple[str, ...]]

SURVEY = "response_id;customer_id;wave;date;persona_id;stage_id;nps"
SURVEY_ROW = "R1;C1;W1;15/09/2026;P1;delivery;9"
TOUCHPOINTS = "touchpoint_id;stage_id;channel_id;name;valence;moment_of_truth"
INTERVIEWS = "interview_id;population;date;transcript_file"
XLSX_SURVEY = ["response_id", "customer_id", "wave", "date", "persona_id", "stage_id", "nps"]

EXPECT_DATE = "expected a date yyyy-mm-dd (e.g. 2026-09-15) or dd/mm/yyyy"
NO_SUCH_DAY = ("expected a day that exists in the calendar: "
               f"{EXPECT_DATE.removeprefix('expected ')}")
EXPECT_DATETIME = ("expected a date and time yyyy-mm-dd hh:mm (e.g. 2026-09-15 14:05) or "
                   "dd/mm/yyyy hh:mm")
STAGES = "search, compare, purchase, delivery, after_sales"
CHANNELS = "web, app, store, phone, email"
NOT_TEXT = ("expected a CSV text file (this file is binary: is it an Excel workbook renamed "
            ".csv?)")
NOT_XLSX = "expected an Excel .xlsx workbook (this file is not one, or it is damaged)"
EMPTY = "expected a header row then data (the file is empty)"
EVENTS_CSV = "customer_id;timestamp;stage_id;channel_id;outcome"
OFFSET = ("expected a date and time with its UTC offset (e.g. 2026-09-15T14:05:00+02:00 or "
          "2026-09-15T12:05:00Z), as 2 other values of this column have: without it the hour "
          "is ambiguous")
DAY_FIRST = ("expected a day-first date dd/mm/yyyy or ISO yyyy-mm-dd (this one reads only "
             "month first, mm/dd/yyyy: if the file is in that order, its other dates are "
             "misread too; export it day first or ISO)")
KEEP_EVENT = ("expected distinct events: without an event_id column, two real contacts of one "
              "day look alike; if these are copies, set duplicates: drop on this input in "
              "client.yaml")
ONCE = "expected each column once (rename or delete the copy)"


@dataclass(frozen=True)
class TableCase:
    """An input table written into the scaffolded client ``acme``."""

    id: str
    table: str
    name: str
    data: Data
    lines: Lines = ()
    parsed: dict[str, list] | None = None
    lang: str = "en"
    extra: dict[str, Data] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def bytes(self, data: Data | None = None) -> bytes:
        data = self.data if data is None else data
        return data() if callable(data) else data


def _csv(text: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def _survey_xlsx(*rows: list[object], **options: object) -> bytes:
    return xlsx_bytes([XLSX_SURVEY, *rows], **options)


def _workbook_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(_survey_xlsx(SURVEY_ROW.split(";")))) as book:
        return {name: book.read(name) for name in book.namelist()}


def _damaged_sheet() -> bytes:
    members = _workbook_members()
    members["xl/worksheets/sheet2.xml"] = b"<worksheet><sheetData><row>"
    return zip_bytes(members)


def _xlsx_bomb() -> bytes:
    members = _workbook_members()
    members["xl/worksheets/sheet2.xml"] = b"\0" * (60 * 2**20)
    return zip_bytes(members)


def _bomb_line(where: str) -> Callable[[bytes], tuple[str, ...]]:
    """The message of a zip bomb whose one big member is ``where``, from its real sizes."""

    def lines(data: bytes) -> tuple[str, ...]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(where)
        ratio = info.file_size / info.compress_size
        return (f"in {where}, a member expanding {ratio:.0f} times ({info.compress_size} "
                f"bytes to 20 MB), expected members expanding at most 100 times (zip bomb "
                f"refused)",)

    return lines


def _docx(paragraph: str = "Client : Bonjour") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with_entity() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_docx("Client : PLACEHOLDER"))) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1
    ).replace(b"PLACEHOLDER", b"&xxe;")
    return zip_bytes(members)


def _interviews(transcript: str) -> bytes:
    return _csv(f"{INTERVIEWS}\nI01;employee;15/09/2026;{transcript}\n")


def _transcript_case(case_id: str, file: str, content: Data, line: str) -> TableCase:
    """An interviews table naming one transcript, ``file``, which holds ``content``;
    ``line`` is the expected message after the transcript's path."""
    return TableCase(case_id, "interviews", "interviews.csv", _interviews(file),
                     (f"data/acme/transcripts/{file}: {line}",),
                     extra={f"transcripts/{file}": content})


EVENTS = {"customer_id": ["C1", "C2"], "stage_id": ["search", "purchase"],
          "channel_id": ["web", "store"],
          "timestamp": [datetime(2026, 9, 15, 14, 5), datetime(2026, 9, 16, 9, 30)]}

PARSED: list[TableCase] = [
    TableCase("csv_utf8_with_bom_and_semicolons", "survey", "survey.csv",
              _csv(f"{SURVEY};verbatim\n{SURVEY_ROW};Très rapide, « parfait » €\n", bom=True),
              parsed={"nps": [9], "verbatim": ["Très rapide, « parfait » €"]}),
    TableCase("csv_cp1252_accents_and_euro_sign", "personas", "personas.csv",
              _csv("persona_id;name;description\nP1;Hélène, l'exigeante;Achète — 30 € max\n",
                   encoding="cp1252"),
              parsed={"name": ["Hélène, l'exigeante"], "description": ["Achète — 30 € max"]}),
    TableCase("csv_bom_then_cp1252_text", "personas", "personas.csv",
              _csv("persona_id;name;description\nP1;Zoé;Pressée\n", encoding="cp1252",
                   bom=True),
              parsed={"name": ["Zoé"], "description": ["Pressée"]}),
    TableCase("csv_utf16_tabs_excel_unicode_text", "personas", "personas.csv",
              "persona_id\tname\tdescription\r\nP1\tZoé\tPressée\r\n".encode("utf-16"),
              parsed={"persona_id": ["P1"], "name": ["Zoé"], "description": ["Pressée"]}),
    TableCase("csv_commas_with_quoted_decimal_comma", "kpis", "kpis.csv",
              _csv('kpi,period,value\nchurn,2026-09-01,"0,08"\n'),
              parsed={"value": [0.08], "period": [date(2026, 9, 1)]}),
    TableCase("csv_decimal_commas_thousands_and_exponent", "kpis", "kpis.csv",
              _csv("kpi;period;value;base\nchurn;01/09/2026;0,08;1\u00a0250\n"
                   "resolution_time;01/10/2026;1.234,5;1\u202f000\n"
                   "conversion;01/11/2026;1,5E+03;7\n"),
              parsed={"value": [0.08, 1234.5, 1500.0], "base": [1250, 1000, 7]}),
    TableCase("csv_tab_separated", "touchpoints", "touchpoints.csv",
              _csv(TOUCHPOINTS.replace(";", "\t") + "\nTP01\tsearch\tweb\tPage\tirritant\tno\n"),
              parsed={"touchpoint_id": ["TP01"], "moment_of_truth": [False]}),
    TableCase("csv_classic_mac_cr_line_endings", "personas", "personas.csv",
              _csv("persona_id;name;description\rP1;Claire;Pressée\rP2;Marc;Fidèle\r"),
              parsed={"name": ["Claire", "Marc"], "__row__": [2, 3]}),
    TableCase("csv_crlf_and_quoted_multiline_cell", "survey", "survey.csv",
              _csv(f"{SURVEY};verbatim\r\n{SURVEY_ROW};\"Livré vite\r\nmais abîmé\"\r\n"
                   "R2;C2;W1;16/09/2026;;;3;\r\n"),
              parsed={"verbatim": ["Livré vite\r\nmais abîmé", None], "__row__": [2, 3]}),
    TableCase("csv_french_and_iso_dates_in_one_column", "survey", "survey.csv",
              _csv(f"{SURVEY}\nR1;C1;W1;15/09/2026;;;9\nR2;C1;W1;2026-09-16;;;9\n"
                   "R3;C1;W1;17.09.2026;;;9\nR4;C1;W1;18-09-2026;;;9\n"),
              parsed={"date": [date(2026, 9, d) for d in (15, 16, 17, 18)]}),
    TableCase("csv_french_and_iso_datetimes", "events", "events.csv",
              _csv("customer_id;timestamp;stage_id;channel_id\nC1;15/09/2026 14:05;search;web\n"
                   "C1;2026-09-15T14:07:30;compare;web\nC1;15/09/2026 14:09:09;purchase;web\n"
                   "C1;2026-09-15 14:10;delivery;store\n"),
              parsed={"timestamp": [datetime(2026, 9, 15, 14, 5), datetime(2026, 9, 15, 14, 7, 30),
                                    datetime(2026, 9, 15, 14, 9, 9),
                                    datetime(2026, 9, 15, 14, 10)]}),
    TableCase("csv_french_codes_and_yes_no", "touchpoints", "touchpoints.csv",
              _csv(f"{TOUCHPOINTS}\nTP01;search;web;Page;Enchantement;oui\n"
                   "TP02;compare;app;Comparateur;irritation;Non\n"
                   "TP03;purchase;store;Caisse;Rupture de parcours;X\n"
                   "TP04;delivery;email;Suivi;neutre;VRAI\n"),
              parsed={"valence": ["enchantment", "irritant", "rupture", "neutral"],
                      "moment_of_truth": [True, False, True, True]}),
    TableCase("csv_headers_in_any_case_and_spacing", "survey", "survey.csv",
              _csv("Response ID;Customer-ID;WAVE; Date ;NPS\nR1;C1;W1;15/09/2026;9\n"),
              parsed={"response_id": ["R1"], "nps": [9]}),
    TableCase("csv_header_only_is_an_empty_table", "survey", "survey.csv", _csv(f"{SURVEY}\n"),
              parsed={"response_id": [], "nps": []}),
    TableCase("csv_star_header_is_an_unknown_column", "survey", "survey.csv",
              _csv(f"{SURVEY};*\n{SURVEY_ROW};x\n"),
              parsed={"nps": [9]},
              warnings=("data/acme/survey.csv, column 'unnamed_8': unknown column, ignored, "
                        "expected a column of the data contract",)),
    TableCase("xlsx_instructions_sheet_then_excel_typed_cells", "survey", "survey.xlsx",
              _survey_xlsx(["R1", "C1", "W1", datetime(2026, 9, 15), "P1", "delivery", 9.0]),
              parsed={"date": [date(2026, 9, 15)], "nps": [9], "__row__": [2]}),
    TableCase("xlsx_blank_rows_above_header", "survey", "survey.xlsx",
              xlsx_bytes([[], [], XLSX_SURVEY, SURVEY_ROW.split(";")]),
              parsed={"response_id": ["R1"], "__row__": [4]}),
    TableCase("xlsx_merged_title_row_above_header", "survey", "survey.xlsx",
              xlsx_bytes([["Survey export — September 2026"], [], XLSX_SURVEY,
                          SURVEY_ROW.split(";")], merge="A1:G1"),
              parsed={"response_id": ["R1"], "nps": [9], "__row__": [4]}),
    TableCase("xlsx_very_long_text_cell", "survey", "survey.xlsx",
              xlsx_bytes([[*XLSX_SURVEY, "verbatim"], [*SURVEY_ROW.split(";"), "é" * 32767]]),
              parsed={"verbatim": ["é" * 32767]}),
    TableCase("xlsx_numeric_ids_are_text", "survey", "survey.xlsx",
              _survey_xlsx([1001, "C1", "W1", date(2026, 9, 15), None, None, 9],
                           [1002.0, "C1", "W1", date(2026, 9, 15), None, None, 10]),
              parsed={"response_id": ["1001", "1002"], "nps": [9, 10]}),
    TableCase("parquet_time_zone_read_as_utc", "events", "events.parquet",
              lambda: parquet_bytes(pl.DataFrame(EVENTS).with_columns(
                  pl.col("timestamp").dt.replace_time_zone("Europe/Paris"))),
              parsed={"timestamp": [datetime(2026, 9, 15, 12, 5), datetime(2026, 9, 16, 7, 30)],
                      "__row__": [1, 2]}),
    # -- the event log: time zones, dates without a time, copies, single events ----------
    TableCase("csv_utc_offsets_converted_to_utc", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;2026-09-15T14:05:00+02:00;search;web;\n"
                   "C1;2026-09-15T12:07:00Z;compare;web;\nC1;15/09/2026 14:09 +0200;purchase;"
                   "web;\nC1;2026-09-15 08:10:30.5-04:00;delivery;store;\n"),
              parsed={"timestamp": [datetime(2026, 9, 15, 12, 5), datetime(2026, 9, 15, 12, 7),
                                    datetime(2026, 9, 15, 12, 9),
                                    datetime(2026, 9, 15, 12, 10, 30, 500000)]}),
    TableCase("csv_dates_without_time_among_timestamps", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;15/09/2026 14:05;search;web;\nC1;2026-09-16;compare;web;\n"
                   "C1;16/09/2026 09:30;purchase;web;\n"),
              parsed={"timestamp": [datetime(2026, 9, 15, 14, 5), datetime(2026, 9, 16),
                                    datetime(2026, 9, 16, 9, 30)]},
              warnings=("data/acme/events.csv, column 'timestamp': 1 value without a time of "
                        "day, read as 00:00 (row 3), expected a time of day on every value, as 2 "
                        "other values of this column have (events on those days may be out of "
                        "order)",)),
    TableCase("csv_identical_events_kept", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;15/09/2026 14:05;search;web;\n"
                   "C1;15/09/2026 14:05;search;web;\nC1;15/09/2026 14:05;search;web;converti\n"
                   "C1;2026-09-15 14:05;search;web;\n"
                   "C2;15/09/2026 14:05;search;web;\n"),
              parsed={"__row__": [2, 3, 4, 5, 6],
                      "outcome": [None, None, "converted", None, None]},
              warnings=("data/acme/events.csv: 2 events identical to an earlier row in every "
                        f"column, kept (rows 3, 5), {KEEP_EVENT}",)),
    TableCase("csv_many_identical_events_counted", "events", "events.csv",
              _csv(EVENTS_CSV + "\n" + "C1;15/09/2026 14:05;search;web;\n" * 8),
              parsed={"__row__": [2, 3, 4, 5, 6, 7, 8, 9]},
              warnings=("data/acme/events.csv: 7 events identical to an earlier row in every "
                        f"column, kept (rows 3, 4, 5, 6, 7 …), {KEEP_EVENT}",)),
    TableCase("csv_customers_with_a_single_event_kept", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;15/09/2026 14:05;search;web;\n"
                   "C2;15/09/2026 14:06;purchase;store;converti\n"),
              parsed={"customer_id": ["C1", "C2"], "outcome": [None, "converted"]}),
    TableCase("fr_csv_duplicate_events_and_dates_without_time", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;15/09/2026 14:05;search;web;\nC1;15/09/2026;search;web;\n"
                   "C1;15/09/2026;search;web;\n"),
              parsed={"__row__": [2, 3, 4]}, lang="fr",
              warnings=("data/acme/events.csv, colonne « timestamp » : 2 valeurs sans heure, "
                        "lues comme 00:00 (lignes 3, 4), attendu : une heure sur chaque "
                        "valeur, comme 1 autre valeur de la colonne (les événements de ces "
                        "jours peuvent être mal ordonnés)",
                        "data/acme/events.csv : 1 événement identique à une ligne précédente "
                        "dans toutes les colonnes, gardé (ligne 4), attendu : des événements "
                        "distincts : sans colonne event_id, deux contacts réels du même jour se "
                        "ressemblent ; s'il s'agit de copies, indiquez duplicates: drop pour ce "
                        "fichier dans client.yaml")),
]

REFUSED: list[TableCase] = [
    TableCase("csv_empty", "survey", "survey.csv", b"",
              (f"data/acme/survey.csv: {EMPTY}",)),
    TableCase("csv_blank_lines_only", "survey", "survey.csv", b"\r\n  \r\n\t\r\n",
              (f"data/acme/survey.csv: {EMPTY}",)),
    TableCase("csv_binary_garbage", "survey", "survey.csv", bytes(range(256)) * 16,
              (f"data/acme/survey.csv: {NOT_TEXT}",)),
    TableCase("csv_is_a_workbook_renamed", "survey", "survey.csv",
              lambda: _survey_xlsx(SURVEY_ROW.split(";")),
              (f"data/acme/survey.csv: {NOT_TEXT}",)),
    TableCase("xlsx_is_a_csv_renamed", "survey", "survey.xlsx", _csv(f"{SURVEY}\n{SURVEY_ROW}\n"),
              (f"data/acme/survey.xlsx: {NOT_XLSX}",)),
    TableCase("xlsx_truncated", "survey", "survey.xlsx",
              lambda: _survey_xlsx(SURVEY_ROW.split(";"))[:3000],
              (f"data/acme/survey.xlsx: {NOT_XLSX}",)),
    TableCase("xlsx_damaged_sheet_xml", "survey", "survey.xlsx", _damaged_sheet,
              (f"data/acme/survey.xlsx: {NOT_XLSX}",)),
    TableCase("xlsx_zip_bomb", "survey", "survey.xlsx", _xlsx_bomb,
              ("data/acme/survey.xlsx: expected an Excel workbook of a plausible size (it would "
               "expand to 60 MB: refused as a possible zip bomb)",)),
    TableCase("xlsx_only_an_instructions_sheet", "survey", "survey.xlsx",
              lambda: xlsx_bytes([["How to fill"]], sheet="Aide", instructions=False),
              ("data/acme/survey.xlsx: expected a data sheet besides the instructions "
               "(sheets: Aide)",)),
    TableCase("xlsx_empty_data_sheet", "survey", "survey.xlsx", lambda: xlsx_bytes([]),
              (f"data/acme/survey.xlsx: {EMPTY}",)),
    TableCase("csv_row_with_extra_cells", "survey", "survey.csv",
              _csv(f"{SURVEY}\n{SURVEY_ROW}\nR2;C2;W1;16/09/2026;P1;delivery;8;Bien;merci\n"),
              ("data/acme/survey.csv, row 3: 9 cells, expected as many cells as headers (7); a "
               "cell holding the separator ';' must be in quotes",)),
    TableCase("csv_quote_never_closed", "survey", "survey.csv",
              _csv(f"{SURVEY};verbatim\n{SURVEY_ROW};ok\nR2;C2;W1;16/09/2026;P1;delivery;8;"
                   "\"Pas mal\n"),
              ("data/acme/survey.csv, row 3: a quote that opens a cell and never closes it, "
               "expected quoted cells closed by a second quote (a quote inside a cell is "
               "written twice: \"\")",)),
    TableCase("csv_repeated_header", "survey", "survey.csv",
              _csv(f"{SURVEY};nps\n{SURVEY_ROW};10\n"),
              (f"data/acme/survey.csv, column 'nps': 2 columns have this header, {ONCE}",)),
    TableCase("csv_header_repeated_once_normalised", "survey", "survey.csv",
              _csv(f"Response ID;{SURVEY}\nR0;{SURVEY_ROW}\n"),
              ("data/acme/survey.csv, column 'response_id': 2 columns have this header, "
               f"{ONCE}",)),
    TableCase("xlsx_repeated_header", "survey", "survey.xlsx",
              lambda: xlsx_bytes([[*XLSX_SURVEY, "NPS"], [*SURVEY_ROW.split(";"), 3]]),
              (f"data/acme/survey.xlsx, column 'nps': 2 columns have this header, {ONCE}",)),
    TableCase("parquet_header_repeated_once_normalised", "events", "events.parquet",
              lambda: parquet_bytes(pl.DataFrame({**EVENTS, "Stage_ID": ["x", "y"]})),
              ("data/acme/events.parquet, column 'stage_id': 2 columns have this header, "
               f"{ONCE}",)),
    TableCase("csv_required_column_missing", "survey", "survey.csv",
              _csv("response_id;customer_id;date;nps\nR1;C1;15/09/2026;9\n"),
              ("data/acme/survey.csv, column 'wave': no such column (headers read: response_id, "
               "customer_id, date, nps), expected a column 'wave' (Wave)",)),
    TableCase("csv_column_renamed_with_a_typo", "survey", "survey.csv",
              _csv("response_id;custmer_id;wave;date;nps\nR1;C1;W1;15/09/2026;9\n"),
              ("data/acme/survey.csv, column 'customer_id': no such column (headers read: "
               "response_id, custmer_id, wave, date, nps), expected a column 'customer_id' "
               "(Customer identifier); was it renamed 'custmer_id'?",)),
    TableCase("csv_header_with_mixed_separators", "survey", "survey.csv",
              _csv("response_id;customer_id,wave;date;nps\nR1;C1,W1;15/09/2026;9\n"),
              ("data/acme/survey.csv, column 'customer_id': no such column (headers read: "
               "response_id, customer_id,wave, date, nps), expected a column 'customer_id' "
               "(Customer identifier); was it renamed 'customer_id,wave'?",
               "data/acme/survey.csv, column 'wave': no such column (headers read: response_id, "
               "customer_id,wave, date, nps), expected a column 'wave' (Wave)")),
    TableCase("csv_row_with_another_separator", "survey", "survey.csv",
              _csv("response_id;customer_id;wave;date;nps\nR1,C1,W1,15/09/2026,9\n"),
              ("data/acme/survey.csv, row 2, column 'customer_id': empty cell, expected an "
               "identifier",
               "data/acme/survey.csv, row 2, column 'wave': empty cell, expected an identifier",
               f"data/acme/survey.csv, row 2, column 'date': empty cell, {EXPECT_DATE}")),
    TableCase("csv_wrong_types", "survey", "survey.csv",
              _csv(f"{SURVEY};csat\nR1;C1;W1;demain;P1;delivery;dix;4,5\n"),
              (f"data/acme/survey.csv, row 2, column 'date': found 'demain', {EXPECT_DATE}",
               "data/acme/survey.csv, row 2, column 'nps': found 'dix', expected a whole number "
               "(e.g. 12)",
               "data/acme/survey.csv, row 2, column 'csat': found '4,5', expected a whole number "
               "(e.g. 12)")),
    TableCase("csv_scores_out_of_range", "survey", "survey.csv",
              _csv(f"{SURVEY};csat;sat_delivery\nR1;C1;W1;15/09/2026;P1;delivery;11;6;0\n"
                   "R2;C2;W1;15/09/2026;P1;delivery;-1;5;5\n"),
              ("data/acme/survey.csv, row 2, column 'nps': found '11', expected a value from 0 "
               "to 10",
               "data/acme/survey.csv, row 2, column 'csat': found '6', expected a value from 1 "
               "to 5",
               "data/acme/survey.csv, row 2, column 'sat_delivery': found '0', expected a value "
               "from 1 to 5",
               "data/acme/survey.csv, row 3, column 'nps': found '-1', expected a value from 0 "
               "to 10")),
    TableCase("csv_unknown_stage_and_channel", "touchpoints", "touchpoints.csv",
              _csv(f"{TOUCHPOINTS}\nTP01;search;web;Page;irritant;no\n"
                   "TP02;checkout;fax;Fax;irritant;no\n"),
              ("data/acme/touchpoints.csv, row 3, column 'stage_id': found 'checkout', expected "
               f"a stage of client.yaml: {STAGES}",
               "data/acme/touchpoints.csv, row 3, column 'channel_id': found 'fax', expected a "
               f"channel of client.yaml: {CHANNELS}")),
    TableCase("csv_unknown_persona_and_appetence_out_of_range", "persona_channels",
              "persona_channels.csv",
              _csv("persona_id;channel_id;appetence\nP1;web;3\nP9;web;4\n"),
              ("data/acme/persona_channels.csv, row 3, column 'persona_id': found 'P9', "
               "expected a persona of the personas table: P1",
               "data/acme/persona_channels.csv, row 3, column 'appetence': found '4', expected "
               "a value from 0 to 3")),
    TableCase("csv_duplicate_ids", "touchpoints", "touchpoints.csv",
              _csv(f"{TOUCHPOINTS}\nTP01;search;web;Page;irritant;no\n"
                   "TP01;compare;app;Comparateur;neutral;no\n"),
              ("data/acme/touchpoints.csv, row 2, column 'touchpoint_id': found 'TP01', "
               "expected a unique identifier (duplicate value)",
               "data/acme/touchpoints.csv, row 3, column 'touchpoint_id': found 'TP01', "
               "expected a unique identifier (duplicate value)")),
    TableCase("xlsx_excel_error_values", "survey", "survey.xlsx",
              lambda: xlsx_bytes([[*XLSX_SURVEY, "csat"],
                                  ["R1", "C1", "W1", "#N/A", "P1", "delivery", "#DIV/0!", 4],
                                  ["R2", "C2", "W1", "15/09/2026", "#REF!", None, 9, "#VALUE!"]]),
              (f"data/acme/survey.xlsx, row 2, column 'date': found '#N/A', {EXPECT_DATE}",
               "data/acme/survey.xlsx, row 2, column 'nps': found '#DIV/0!', expected a whole "
               "number (e.g. 12)",
               "data/acme/survey.xlsx, row 3, column 'persona_id': found '#REF!', expected a "
               "persona of the personas table: P1",
               "data/acme/survey.xlsx, row 3, column 'csat': found '#VALUE!', expected a whole "
               "number (e.g. 12)")),
    TableCase("csv_impossible_or_us_dates", "survey", "survey.csv",
              _csv(f"{SURVEY}\nR1;C1;W1;31/02/2026;;;9\nR2;C1;W1;2026-13-01;;;9\n"
                   "R3;C1;W1;09/15/2026;;;9\n"),
              (f"data/acme/survey.csv, row 2, column 'date': found '31/02/2026', {NO_SUCH_DAY}",
               f"data/acme/survey.csv, row 3, column 'date': found '2026-13-01', {EXPECT_DATE}",
               f"data/acme/survey.csv, row 4, column 'date': found '09/15/2026', {DAY_FIRST}")),
    TableCase("csv_bad_datetimes", "events", "events.csv",
              _csv("customer_id;timestamp;stage_id;channel_id\nC1;15/09/2026 14h05;search;web\n"
                   "C1;2026-09-15 25:00;search;web\n"),
              ("data/acme/events.csv, row 2, column 'timestamp': found '15/09/2026 14h05', "
               f"{EXPECT_DATETIME}",
               "data/acme/events.csv, row 3, column 'timestamp': found '2026-09-15 25:00', "
               f"{EXPECT_DATETIME}")),
    TableCase("csv_time_zones_mixed", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;2026-09-15T14:05:00+02:00;search;web;\n"
                   "C1;2026-09-15 14:07;compare;web;\nC1;2026-09-15T12:09:00Z;purchase;web;\n"),
              (f"data/acme/events.csv, row 3, column 'timestamp': found '2026-09-15 14:07', "
               f"{OFFSET}",)),
    TableCase("csv_dates_not_in_the_calendar", "survey", "survey.csv",
              _csv("response_id;customer_id;wave;date;nps\nR1;C1;W1;31/02/2026;9\n"
                   "R2;C2;W1;2026-04-31;7\nR3;C3;W1;32/01/2026;8\n"),
              (f"data/acme/survey.csv, row 2, column 'date': found '31/02/2026', {NO_SUCH_DAY}",
               f"data/acme/survey.csv, row 3, column 'date': found '2026-04-31', {NO_SUCH_DAY}",
               f"data/acme/survey.csv, row 4, column 'date': found '32/01/2026', {EXPECT_DATE}")),
    TableCase("csv_month_first_datetimes", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;09/10/2026 14:05;search;web;\n"
                   "C1;09/15/2026 14:07;compare;web;\n"),
              (f"data/acme/events.csv, row 3, column 'timestamp': found '09/15/2026 14:07', "
               f"{DAY_FIRST}",)),
    TableCase("csv_events_unknown_stage_and_channel", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;15/09/2026 14:05;checkout;web;\n"
                   "C1;15/09/2026 14:06;search;fax;\n"),
              ("data/acme/events.csv, row 2, column 'stage_id': found 'checkout', expected a "
               f"stage of client.yaml: {STAGES}",
               "data/acme/events.csv, row 3, column 'channel_id': found 'fax', expected a "
               f"channel of client.yaml: {CHANNELS}")),
    TableCase("csv_nan_and_infinity_are_not_numbers", "kpis", "kpis.csv",
              _csv("kpi;period;value\nchurn;01/09/2026;NaN\nchurn;01/10/2026;inf\n"
                   "churn;01/11/2026;-Infinity\n"),
              ("data/acme/kpis.csv, row 2, column 'value': found 'NaN', expected a number "
               "(e.g. 12.5)",
               "data/acme/kpis.csv, row 3, column 'value': found 'inf', expected a number "
               "(e.g. 12.5)",
               "data/acme/kpis.csv, row 4, column 'value': found '-Infinity', expected a number "
               "(e.g. 12.5)")),
    TableCase("parquet_nan_and_infinity_are_not_numbers", "events", "events.parquet",
              lambda: parquet_bytes(pl.DataFrame({**EVENTS,
                                                  "value": [float("nan"), float("inf")]})),
              ("data/acme/events.parquet, row 1, column 'value': found 'NaN', expected a number "
               "(e.g. 12.5)",
               "data/acme/events.parquet, row 2, column 'value': found 'inf', expected a number "
               "(e.g. 12.5)")),
    TableCase("parquet_list_column", "events", "events.parquet",
              lambda: parquet_bytes(pl.DataFrame({**EVENTS, "persona_id": [["P1"], None]})),
              ("data/acme/events.parquet, row 1, column 'persona_id': found '['P1']', expected "
               "a persona of the personas table: P1",)),
    TableCase("parquet_damaged", "events", "events.parquet", b"PAR1\x00\x01 not really PAR1",
              ("data/acme/events.parquet: expected a readable Parquet file (this file is not "
               "one, or it is damaged)",)),
    TableCase("csv_empty_required_cells", "survey", "survey.csv",
              _csv(f"{SURVEY}\n;C1;;15/09/2026;P1;delivery;\n"),
              ("data/acme/survey.csv, row 2, column 'response_id': empty cell, expected an "
               "identifier",
               "data/acme/survey.csv, row 2, column 'wave': empty cell, expected an "
               "identifier")),
    TableCase("csv_unknown_code_and_yes_no", "interviews", "interviews.csv",
              _csv(f"{INTERVIEWS};consent\nI01;robot;15/09/2026;I01.txt;peut-être\n"),
              ("data/acme/interviews.csv, row 2, column 'population': found 'robot', expected "
               "one of: employee, customer",
               "data/acme/interviews.csv, row 2, column 'consent': found 'peut-être', expected "
               "yes or no")),
    TableCase("csv_coding_offsets", "codings", "codings.csv",
              _csv("interview_id;coder;code_id;start;end\nI01;am;irr_wait;-5;3\n"
                   "I01;am;nope;40;12\n"),
              ("data/acme/codings.csv, row 2, column 'start': found '-5', expected a value of "
               "at least 0",
               "data/acme/codings.csv, row 3, column 'code_id': found 'nope', expected a code "
               "of the codebook: irr_wait",
               "data/acme/codings.csv, row 3, column 'end': found '12', expected an end after "
               "the start (40)")),
    TableCase("csv_blank_lines_before_header_keep_row_numbers", "survey", "survey.csv",
              _csv(f"\n\n{SURVEY}\n{SURVEY_ROW}\nR2;C2;W1;16/09/2026;P1;delivery;dix\n"),
              ("data/acme/survey.csv, row 5, column 'nps': found 'dix', expected a whole number "
               "(e.g. 12)",)),
    TableCase("csv_share_as_percent", "personas", "personas.csv",
              _csv("persona_id;name;description;share_of_base\nP1;Claire;Pressée;60%\n"),
              ("data/acme/personas.csv, row 2, column 'share_of_base': found '60%', expected a "
               "number (e.g. 12.5)",)),
    _transcript_case("vtt_transcript_without_cues", "I01.vtt",
                     b"WEBVTT\n\nNOTE exported without captions\n",
                     "no cue with text, expected cues: a 'start --> end' timing line followed "
                     "by what was said"),
    _transcript_case("docx_transcript_not_a_zip", "I01.docx", _csv("Client : Bonjour\n"),
                     "not a zip archive, expected a Word document (.docx), which is a zip "
                     "archive"),
    TableCase("docx_transcript_zip_bomb", "interviews", "interviews.csv",
              _interviews("I01.docx"),
              lambda data: tuple(f"data/acme/transcripts/I01.docx: {line}"
                                 for line in _bomb_line("word/document.xml")(data)),
              extra={"transcripts/I01.docx": lambda: zip_bytes(
                  {"word/document.xml": b"\0" * (20 * 2**20)})}),
    _transcript_case("docx_transcript_with_external_entity", "I01.docx", _docx_with_entity,
                     "in word/document.xml, XML declaring entities or external references "
                     "(EntitiesForbidden(name='xxe', system_id='file:///etc/passwd', "
                     "public_id=None)), expected plain XML without entity declarations "
                     "(external entities are never resolved)"),
    _transcript_case("txt_transcript_binary", "I01.txt", b"%PDF-1.7\n\x00\x01\x02\xff binary",
                     "a binary file, not text, expected a transcript saved as text (.txt, .md, "
                     ".vtt); is it a Word or PDF document renamed?"),
    _transcript_case("transcript_in_unsupported_format", "I01.pdf", b"%PDF-1.7\n",
                     "a '.pdf' file, expected a transcript in .txt, .md, .docx or .vtt"),
    # -- French clients: the same refusals in French --------------------------------------
    TableCase("fr_csv_wrong_type_and_empty_cell", "survey", "survey.csv",
              _csv(f"{SURVEY}\nR1;;W1;15/09/2026;P1;delivery;neuf\n", encoding="cp1252"),
              ("data/acme/survey.csv, ligne 2, colonne « customer_id » : cellule vide, attendu : "
               "un identifiant",
               "data/acme/survey.csv, ligne 2, colonne « nps » : trouvé « neuf », attendu : un "
               "nombre entier (ex. 12)"), lang="fr"),
    TableCase("fr_csv_repeated_header", "survey", "survey.csv",
              _csv(f"{SURVEY};NPS\n{SURVEY_ROW};10\n"),
              ("data/acme/survey.csv, colonne « nps » : 2 colonnes portent cet en-tête, attendu : "
               "chaque colonne une seule fois (renommez ou supprimez la copie)",), lang="fr"),
    TableCase("fr_csv_binary_garbage", "survey", "survey.csv", b"\x00\x01\x02" * 100,
              ("data/acme/survey.csv : attendu : un fichier texte CSV (ce fichier est binaire : "
               "est-ce un classeur Excel renommé en .csv ?)",), lang="fr"),
    TableCase("fr_xlsx_zip_bomb", "survey", "survey.xlsx", _xlsx_bomb,
              ("data/acme/survey.xlsx : attendu : un classeur Excel de taille plausible (il se "
               "décompresserait en 60 Mo : refusé, possible bombe zip)",), lang="fr"),
    TableCase("fr_csv_column_renamed", "survey", "survey.csv",
              _csv("reponse_id;customer_id;wave;date;nps\nR1;C1;W1;15/09/2026;9\n"),
              ("data/acme/survey.csv, colonne « response_id » : colonne absente (en-têtes lus : "
               "reponse_id, customer_id, wave, date, nps), attendu : une colonne « response_id » "
               "(Identifiant de la réponse) ; renommée en « reponse_id » ?",), lang="fr"),
    TableCase("fr_csv_row_with_extra_cells", "survey", "survey.csv",
              _csv(f"{SURVEY}\nR1;C1;W1;15/09/2026;P1;delivery;9;Très bien\n"),
              ("data/acme/survey.csv, ligne 2 : 8 cellules, attendu : autant de cellules que "
               "d'en-têtes (7) ; une cellule contenant le séparateur ';' doit être entre "
               "guillemets",), lang="fr"),
    TableCase("fr_csv_time_zones_mixed_and_month_first", "events", "events.csv",
              _csv(f"{EVENTS_CSV}\nC1;2026-09-15T14:05:00+02:00;search;web;\n"
                   "C1;15/09/2026 14:07;compare;web;\nC1;2026-09-15 14:09Z;purchase;web;\n"
                   "C1;12/31/2026 10:00;delivery;web;\n"),
              ("data/acme/events.csv, ligne 3, colonne « timestamp » : trouvé « 15/09/2026 "
               "14:07 », attendu : une date et heure avec son décalage UTC (ex. "
               "2026-09-15T14:05:00+02:00 ou 2026-09-15T12:05:00Z), comme 2 autres valeurs de la "
               "colonne : sans lui, l'heure est ambiguë",
               "data/acme/events.csv, ligne 5, colonne « timestamp » : trouvé « 12/31/2026 "
               "10:00 », attendu : une date jour d'abord jj/mm/aaaa ou ISO aaaa-mm-jj (celle-ci "
               "ne se lit que mois d'abord, mm/jj/aaaa : si le fichier est dans cet ordre, ses "
               "autres dates sont mal lues aussi ; exportez-le jour d'abord ou en ISO)"),
              lang="fr"),
    TableCase("fr_csv_unknown_stage", "touchpoints", "touchpoints.csv",
              _csv(f"{TOUCHPOINTS}\nTP01;caisse;store;Caisse;irritant;oui\n"),
              ("data/acme/touchpoints.csv, ligne 2, colonne « stage_id » : trouvé « caisse », "
               f"attendu : une étape de client.yaml : {STAGES}",), lang="fr"),
]


# -- transcripts, REFI-QDA and XES read directly -------------------------------------------


@dataclass(frozen=True)
class FileCase:
    """A file given to one of the coding or event-log readers."""

    id: str
    reader: str
    name: str
    data: Data
    lines: Lines = ()
    check: Callable[[object], None] | None = None

    def bytes(self) -> bytes:
        return self.data() if callable(self.data) else self.data


def _read(reader: str, path: Path) -> object:
    if reader == "transcript":
        return read_transcript(path, "en")
    if reader == "refi":
        return read_refi(path)
    return read_xes(path)


XXE = (b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
          b'<CodeBook name="&lol2;"/>')
PROJECT = ('<Project xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes><Code guid="{code}" '
           'name="Waiting"/></Codes></CodeBook><Sources><TextSource guid="{source}" name="I01">'
           "<PlainTextContent>Client : ça traîne</PlainTextContent>{selections}</TextSource>"
           "</Sources></Project>")
CODE = "c0de0000-0000-4000-8000-000000000001"
SOURCE = "50c00000-0000-4000-8000-000000000001"


def _selection(guid: str, start: str, end: str) -> str:
    return (f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="{guid[:-1]}f"><CodeRef targetGUID="{CODE}"/></Coding>'
            "</PlainTextSelection>")


def _project(*selections: str) -> bytes:
    xml = PROJECT.format(code=CODE, source=SOURCE, selections="".join(selections))
    return zip_bytes({"project.qde": xml.encode()})


def _encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag of every member, as a password-protected archive has."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at >= 0:
            out[at + offset] |= 1
            at = out.find(signature, at + 4)
    return bytes(out)


def _corrupt_project() -> bytes:
    """A project whose compressed member is damaged in the middle (headers intact)."""
    out = bytearray(zip_bytes({"project.qde": b"<Project>" + b"<Sources/>" * 500
                               + b"</Project>"}))
    out[45:65] = b"\xff" * 20
    return bytes(out)


def _inflate_error(data: bytes) -> str:
    """What zlib itself says of the damaged member, independently of cxlib."""
    start = 30 + len("project.qde")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = archive.getinfo("project.qde").compress_size
    try:
        zlib.decompressobj(-15).decompress(data[start:start + size])
    except zlib.error as exc:
        return str(exc)
    raise AssertionError("the member is not damaged")


def _check_positions(project: object) -> None:
    assert project.codings["text"].to_list() == ["ça traîne"]
    assert project.skipped.select("selection_guid", "reason").rows() == [
        ("5e1e0000-0000-4000-8000-000000000002", "bad_positions")]
    assert project.warning_lines() == [
        "data/acme/transcripts/p.qdpx: source 'I01': 1 coding(s) with positions outside the "
        "source's text left out, expected 0 <= startPosition <= endPosition <= length of the "
        "text"]


def _check_activity_attribute(frame: object) -> None:
    assert frame.columns == ["case_id", "activity", "timestamp", "activity_attribute"]
    assert frame.rows() == [("c1", "search", datetime(2026, 9, 15, 12, 5, tzinfo=UTC), "web")]


def _check_utf16_text(transcript: object) -> None:
    assert transcript.text == "Client : Zoé, déçue\r\nVendeur : Désolé"
    assert transcript.segments.select("speaker", "text").rows() == [
        ("Client", "Zoé, déçue"), ("Vendeur", "Désolé")]


def _check_vtt(transcript: object) -> None:
    assert transcript.text == "Hi & bye"
    assert transcript.segments.select("speaker", "t_start", "t_end").rows() == [
        ("Bob", 1.0, 2.5)]


def _refi_bomb() -> bytes:
    return zip_bytes({"project.qde": b"\0" * (20 * 2**20)})


FILES: list[FileCase] = [
    FileCase("qdpx_not_a_zip", "refi", "p.qdpx", b"<Project/>",
             ("data/acme/transcripts/p.qdpx: not a zip archive, expected a REFI-QDA project "
              "(.qdpx), which is a zip archive",)),
    FileCase("qdpx_zip_bomb", "refi", "p.qdpx", _refi_bomb,
             lambda data: tuple(f"data/acme/transcripts/p.qdpx: {line}"
                                for line in _bomb_line("project.qde")(data))),
    FileCase("qdpx_invalid_xml", "refi", "p.qdpx",
             zip_bytes({"project.qde": b"<Project><Sources></Project>"}),
             ("data/acme/transcripts/p.qdpx: in project.qde, invalid XML (mismatched tag: line 1, "
              "column 20), expected well-formed XML",)),
    FileCase("qdpx_external_entity_never_resolved", "refi", "p.qdpx",
             zip_bytes({"project.qde": XXE}),
             ("data/acme/transcripts/p.qdpx: in project.qde, XML declaring entities or external "
              "references (EntitiesForbidden(name='xxe', system_id='file:///etc/passwd', "
              "public_id=None)), expected plain XML without entity declarations (external "
              "entities are never resolved)",)),
    FileCase("qdc_billion_laughs", "refi", "book.qdc", LAUGHS,
             ("data/acme/transcripts/book.qdc: XML declaring entities or external references "
              "(EntitiesForbidden(name='lol', system_id=None, public_id=None)), expected plain "
              "XML without entity declarations (external entities are never resolved)",)),
    FileCase("qdpx_password_protected", "refi", "p.qdpx", lambda: _encrypted(_project()),
             ("data/acme/transcripts/p.qdpx: in project.qde, a password-protected member, "
              "expected an archive without a password (save it unencrypted)",)),
    FileCase("qdpx_corrupt_compressed_member", "refi", "p.qdpx", _corrupt_project,
             lambda data: ("data/acme/transcripts/p.qdpx: in project.qde, a damaged member "
                           f"({_inflate_error(data)}), expected a readable zip member",)),
    FileCase("qdpx_positions_in_other_digits_left_out", "refi", "p.qdpx",
             lambda: _project(_selection("5e1e0000-0000-4000-8000-000000000001", "9", "18"),
                              _selection("5e1e0000-0000-4000-8000-000000000002", "²", "4")),
             check=_check_positions),
    FileCase("xes_not_xml", "xes", "log.xes", b"case;activity\nc1;search\n",
             ("data/acme/transcripts/log.xes: found 'ParseError: not well-formed (invalid token): "
              "line 1, column 4', "
              "expected an XES event log (IEEE 1849)",)),
    FileCase("xes_external_entity_never_resolved", "xes", "log.xes",
             b'<?xml version="1.0"?><!DOCTYPE log [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             b"<log><trace><event><string key='concept:name' value='&x;'/></event></trace></log>",
             ("data/acme/transcripts/log.xes: found 'DTDForbidden: DTDForbidden(name='log', "
              "system_id=None, public_id=None)', expected an XES event log (IEEE 1849)",)),
    FileCase("xes_corrupt_gzip", "xes", "log.xes.gz",
             b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage garbage",
             ("data/acme/transcripts/log.xes.gz: found 'error: Error -3 while decompressing data: "
              "invalid block type', expected an XES event log (IEEE 1849)",)),
    FileCase("xes_without_trace", "xes", "log.xes", b"<log><trace/></log>",
             ("data/acme/transcripts/log.xes: no trace with events, expected an XES event log "
              "(IEEE 1849)",)),
    FileCase("xes_attribute_named_activity_kept", "xes", "log.xes",
             b"<log><trace><string key='concept:name' value='c1'/><event>"
             b"<string key='concept:name' value='search'/><string key='activity' value='web'/>"
             b"<date key='time:timestamp' value='2026-09-15T14:05:00+02:00'/></event></trace>"
             b"</log>", check=_check_activity_attribute),
    FileCase("vtt_without_header", "transcript", "I01.vtt",
             b"00:00:01.000 --> 00:00:02.000\nHello\n",
             ("data/acme/transcripts/I01.vtt: a first line '00:00:01.000 --> 00:00:02.000', "
              "expected 'WEBVTT' on the first line of a WebVTT transcript",)),
    FileCase("vtt_with_bom_crlf_and_voice_tags", "transcript", "I01.vtt",
             b"\xef\xbb\xbfWEBVTT\r\n\r\n1\r\n00:01.000 --> 00:02.500\r\n<v Bob>Hi &amp; bye</v>"
             b"\r\n", check=_check_vtt),
    FileCase("txt_utf16_notepad_unicode", "transcript", "I01.txt",
             "Client : Zoé, déçue\r\nVendeur : Désolé".encode("utf-16"), check=_check_utf16_text),
]


def _expected(lines: tuple[str, ...], lang: str) -> str:
    files = ", ".join(sorted({line.split(",")[0].split(" :")[0].split(":")[0]
                              for line in lines}))
    n, plural = len(lines), "s" if len(lines) > 1 else ""
    head = (f"{n} problème{plural} dans les données d'entrée ({files}) :" if lang == "fr"
            else f"{n} problem{plural} in the input data ({files}):")
    return "\n".join([head, *(f"  - {line}" for line in lines)])


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a client folder with its content and modification time."""
    return {str(f): (f.read_bytes(), f.stat().st_mtime_ns)
            for f in sorted(folder.rglob("*")) if f.is_file()}


def _write(case: TableCase, folder: Path) -> bytes:
    for name, data in case.extra.items():
        (folder / name).write_bytes(case.bytes(data))
    data = case.bytes()
    put_table(folder, case.table, case.name, data)
    return data


def test_corpus_has_at_least_forty_cases() -> None:
    assert len(PARSED) + len(REFUSED) + len(FILES) >= 40
    ids = [c.id for c in (*PARSED, *REFUSED, *FILES)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", PARSED, ids=lambda c: c.id)
def test_locale_quirk_is_parsed_into_typed_values(case: TableCase, client) -> None:
    folder = client(case.lang)
    _write(case, folder)
    before = _snapshot(folder)
    report = validate_client("acme", [case.table])
    assert _snapshot(folder) == before  # inputs are only ever read
    assert report.ok, report.error().message
    frame = report.results[case.table].frame
    for column, values in (case.parsed or {}).items():
        assert frame[column].to_list() == values, column
    warnings = report.results[case.table].warnings
    assert [w.render(case.lang) for w in warnings] == list(case.warnings)


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.id)
def test_bad_table_is_refused_with_one_exact_message(case: TableCase, client) -> None:
    folder = client(case.lang)
    data = _write(case, folder)
    before = _snapshot(folder)
    report = validate_client("acme", [case.table])
    assert _snapshot(folder) == before  # inputs are only ever read
    extra = next(iter(case.extra.values()), None)
    lines = case.lines(case.bytes(extra) if extra is not None else data) \
        if callable(case.lines) else case.lines
    assert report.error().message == _expected(lines, case.lang)


@pytest.mark.parametrize("case", FILES, ids=lambda c: c.id)
def test_coding_and_event_log_files_parsed_or_refused_exactly(case: FileCase, client) -> None:
    path = client("en") / "transcripts" / case.name
    data = case.bytes()
    path.write_bytes(data)
    if case.check is not None:
        case.check(_read(case.reader, path))
        return
    with pytest.raises(InputError) as caught:
        _read(case.reader, path)
    lines = case.lines(data) if callable(case.lines) else case.lines
    assert caught.value.message == _expected(lines, "en")


# -- the CLI: exit code 1, the message on stderr, never a traceback ------------------------


@pytest.mark.parametrize("case_id", ["csv_binary_garbage", "csv_header_repeated_once_normalised",
                                     "xlsx_damaged_sheet_xml", "parquet_list_column",
                                     "vtt_transcript_without_cues", "fr_csv_repeated_header"])
def test_cli_validate_prints_the_message_and_exits_1(case_id: str, client, capsys) -> None:
    case = next(c for c in REFUSED if c.id == case_id)
    _write(case, client(case.lang))
    assert main(["validate", "acme"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.strip() == _expected(case.lines, case.lang)


def test_parquet_that_makes_polars_panic_is_refused(client, monkeypatch) -> None:
    # Some damaged Parquet files make polars panic (a BaseException): found by the fuzzer.
    folder = client("en")
    put_table(folder, "events", "events.parquet", b"PAR1 damaged PAR1")

    def panic(*_args: object, **_kwargs: object) -> None:
        raise pl.exceptions.PanicException("range end index 2070 out of range")

    monkeypatch.setattr(pl, "read_parquet", panic)
    assert validate_client("acme", ["events"]).error().message == _expected(
        ("data/acme/events.parquet: expected a readable Parquet file (this file is not one, or "
         "it is damaged)",), "en")
