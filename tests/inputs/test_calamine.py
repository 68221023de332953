"""Workbooks read by calamine read exactly as openpyxl reads them, Excel's row numbers kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cxlib.inputs import _calamine, readers


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Instructions"
    notes["A1"] = "Fill in the Données sheet."
    sheet = book.create_sheet("Données")
    sheet["B2"] = "Survey export, September"  # a title above the header, column A empty
    sheet.append([])
    sheet.append([None, "response_id", "date", "nps", "csat", "verbatim", "finished", "when"])
    rows = [
        ("R1", dt.date(2026, 9, 7), 9, 4.5, "Très bien", True, dt.datetime(2026, 9, 7, 10, 30)),
        ("R2", dt.datetime(2026, 9, 8), 10.0, None, "  espaces  ", False, None),
        (None, None, None, None, None, None, None),  # a blank row: dropped
        ("R3", None, "7", 3, "", None, dt.time(9, 15)),
        ("R4", dt.date(2026, 9, 9), 0, 0.1 + 0.2, "Délai « trop long »", True, None),
    ]
    for row in rows:
        sheet.append([None, *row])
    sheet["C5"].number_format = "DD/MM/YYYY"
    book.save(path)
    return path


def test_calamine_reads_a_workbook_as_openpyxl_does(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "survey.xlsx")
    fast = readers.read_raw(path, "en")
    monkeypatch.setattr(_calamine, "sheet_cells", lambda *_args: None)
    slow = readers.read_raw(path, "en")
    assert fast.frame.equals(slow.frame), (fast.frame, slow.frame)
    # the empty column A: openpyxl names it, calamine's sheet starts after it
    assert fast.headers == {k: v for k, v in slow.headers.items() if v}
    assert fast.notes == slow.notes
    # Excel's own row numbers: the header is on row 4, the first answer on row 5
    assert fast.frame["__row__"].to_list() == [5, 6, 8, 9]
    assert fast.frame.row(0, named=True)["date"] == "2026-09-07"
    assert fast.frame.row(0, named=True)["when"] == "2026-09-07T10:30:00"
    assert fast.frame.row(2, named=True)["when"] == "09:15:00"


def test_the_first_row_holding_a_value_is_read_from_the_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "survey.xlsx")
    assert _calamine.first_row(path, "Données") == 2
    assert _calamine.first_row(path, "Instructions") == 1
    assert _calamine.first_row(path, "No such sheet") is None


def test_a_workbook_calamine_cannot_open_is_read_by_openpyxl_which_names_the_problem(
        tmp_path: Path) -> None:
    from cxlib.errors import InputError

    path = tmp_path / "survey.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert _calamine.sheet_cells(path, lambda names: names[0]) is None
    with pytest.raises(InputError, match=r"survey\.xlsx"):
        readers.read_raw(path, "en")


def test_a_sheet_with_excel_error_values_is_read_by_openpyxl(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Données"
    book.active.append(["response_id", "nps"])
    book.active.append(["R1", "#N/A"])
    book.active["B2"].data_type = "e"
    path = tmp_path / "survey.xlsx"
    book.save(path)
    assert _calamine.has_error_cells(path, "Données")
    assert _calamine.sheet_cells(path, lambda names: names[0]) is None
    assert readers.read_raw(path, "en").frame["nps"].to_list() == ["#N/A"]
    assert not _calamine.has_error_cells(_workbook(tmp_path / "clean.xlsx"), "Données")
