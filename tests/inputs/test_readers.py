from pathlib import Path

import openpyxl
import polars as pl
import pytest

from cxlib.errors import InputError
from cxlib.inputs.readers import normalise_header, read_raw

HEADER = "response_id;customer_id;wave;date;nps;verbatim\n"


def test_headers_are_normalised() -> None:
    assert normalise_header("\ufeff Persona ID ") == "persona_id"
    assert normalise_header("Sat-Delivery") == "sat_delivery"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
)
def test_french_csv_decoded_whatever_its_encoding(tmp_path: Path, encoding: str,
                                                  prefix: bytes) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(prefix + (HEADER + "R1;C1;W1;15/09/2026;9;Très rapide, « parfait » €\n")
                     .encode(encoding))
    raw = read_raw(path, "fr")
    assert raw.frame.columns[0] == "__row__"
    assert raw.frame["response_id"].to_list() == ["R1"]
    assert raw.frame["verbatim"].to_list() == ["Très rapide, « parfait » €"]
    assert raw.frame["__row__"].to_list() == [2]


def test_comma_separated_csv_detected(tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_text("kpi,period,value\nchurn,2026-09-01,0.08\n", encoding="utf-8")
    raw = read_raw(path, "en")
    assert raw.frame.columns == ["__row__", "kpi", "period", "value"]
    assert raw.notes == ["CSV read as UTF-8, separator ','"]


def test_blank_rows_dropped_and_row_numbers_kept(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(HEADER + "R1;C1;W1;15/09/2026;9;ok\n;;;;;\nR2;C2;W1;16/09/2026;3;bof\n",
                    encoding="utf-8")
    raw = read_raw(path, "fr")
    assert raw.frame["__row__"].to_list() == [2, 4]


@pytest.mark.parametrize(("name", "content", "lang", "message"), [
    pytest.param("survey.csv", b"PK\x03\x04\x00\x00garbage\x00\x01\x02", "en",
                 r"survey\.csv: expected a CSV text file \(this file is binary: is it an Excel "
                 r"workbook renamed \.csv\?\)", id="csv_is_binary"),
    pytest.param("survey.csv", b"\n\n", "en",
                 r"expected a header row then data \(the file is empty\)", id="csv_empty"),
    pytest.param("survey.csv", b"a;b\n1;2\n1;2;3;4\n", "fr",
                 r"survey\.csv, ligne 3 : 4 cellules, attendu : autant de cellules que "
                 r"d'en-têtes \(2\)", id="csv_ragged"),
    pytest.param("survey.ods", b"x", "en",
                 r"expected an \.xlsx, \.csv or \.parquet file \(suffix '\.ods' is not "
                 r"supported\)", id="suffix_unsupported"),
])
def test_error_if_file_unreadable(tmp_path: Path, name: str, content: bytes, lang: str,
                                  message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_raw(path, lang)


def test_xlsx_data_sheet_found_after_instructions(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    book.active.append(["Fill in the other sheet"])
    data = book.create_sheet("Données")
    data.append([])  # a blank row above the header
    data.append(["Persona ID", "Name", "Share of base"])
    data.append(["P1", "Claire", 0.25])
    data.append([None, None, None])
    data.append(["P2", "Marc", 0.5])
    path = tmp_path / "personas.xlsx"
    book.save(path)
    raw = read_raw(path, "en")
    assert raw.notes == ["sheet 'Données'"]
    assert raw.frame.columns == ["__row__", "persona_id", "name", "share_of_base"]
    assert raw.frame["__row__"].to_list() == [3, 5]
    assert raw.frame["share_of_base"].to_list() == ["0.25", "0.5"]


def test_error_if_xlsx_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "personas.xlsx"
    path.write_text("persona_id;name\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"attendu : un classeur Excel \.xlsx \(ce fichier "
                       r"n'en est pas un, ou il est corrompu\)"):
        read_raw(path, "fr")


def test_error_if_xlsx_has_only_instructions(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    path = tmp_path / "personas.xlsx"
    book.save(path)
    with pytest.raises(InputError, match=r"expected a data sheet besides the instructions "
                       r"\(sheets: Instructions\)"):
        read_raw(path, "en")


def test_parquet_read_typed(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    pl.DataFrame({"Customer_ID": ["C1", "C2"], "value": [1.5, 2.0]}).write_parquet(path)
    raw = read_raw(path, "en")
    assert raw.typed
    assert raw.frame.columns == ["__row__", "customer_id", "value"]
    assert raw.frame["__row__"].to_list() == [1, 2]
    assert raw.notes == ["Parquet, the file's own types"]
    folder = tmp_path / "events"
    for part in ("a", "b"):
        (folder / f"month={part}").mkdir(parents=True)
        pl.DataFrame({"customer_id": [part]}).write_parquet(folder / f"month={part}" / "0.parquet")
    assert read_raw(folder, "fr").notes == ["Parquet, dossier de 2 fichiers"]


def test_error_if_parquet_damaged(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    path.write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match=r"expected a readable Parquet file"):
        read_raw(path, "en")


def test_reading_never_writes_the_input(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes((HEADER + "R1;C1;W1;15/09/2026;9;ok\n").encode("cp1252"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_raw(path, "fr")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
