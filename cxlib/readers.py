"""Read an input file as it came out of Excel or a client's export, before validation.

CSV files are decoded whatever their encoding (UTF-8, UTF-8 with BOM, cp1252) and
separator (``;``, ``,`` or tab); XLSX files are read from their data sheet, skipping an
instructions sheet; Parquet files (or folders of Parquet files) are read as typed. Text
files come back as all-string frames so that the validation step, which knows each
column's kind, can parse French decimals and dates and name the row of any bad value.
Files are only ever opened for reading.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import polars as pl

from cxlib.errors import InputError, Problem
from cxlib.i18n import t

__all__ = ["SUFFIXES", "RawTable", "normalise_header", "read_raw"]

#: File suffixes an input table may have.
SUFFIXES = (".xlsx", ".csv", ".parquet")

#: Sheet names taken as instructions, never as data.
_INSTRUCTION_SHEETS = {"instructions", "instruction", "notice", "aide", "help", "readme",
                       "lisez-moi", "lisezmoi", "mode d'emploi", "mode d’emploi"}
_DATA_SHEETS = ("données", "donnees", "data")
_ROW_COLUMN = "__row__"


@dataclass
class RawTable:
    """An input file as read, before validation.

    Attributes
    ----------
    path : Path
        The file.
    frame : polars.DataFrame
        Cell values; all ``String`` for CSV and XLSX, typed for Parquet. Column ``__row__``
        holds each row's number as the consultant sees it (header = row 1 in CSV and XLSX;
        first record = row 1 in Parquet).
    typed : bool
        Whether the frame's columns are already typed (Parquet).
    notes : list of str
        What the reader noticed and fixed (encoding, separator, skipped sheet…).
    """

    path: Path
    frame: pl.DataFrame
    typed: bool = False
    notes: list[str] = field(default_factory=list)


def normalise_header(name: object) -> str:
    """Return a header as a column id: trimmed, lower case, spaces as underscores.

    Parameters
    ----------
    name : object
        Header cell value.

    Returns
    -------
    str
        ``" Persona ID "`` gives ``"persona_id"``.
    """
    text = "" if name is None else str(name)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def read_raw(path: Path, lang: str) -> RawTable:
    """Read an input file into a :class:`RawTable`.

    Parameters
    ----------
    path : Path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file, or a folder of Parquet files.
    lang : {"fr", "en"}
        Language of error messages.

    Returns
    -------
    RawTable
        The file's content.

    Raises
    ------
    InputError
        If the file cannot be read as its suffix says (not text, not a workbook, no header…).
    """
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".parquet":
        return _read_parquet(path, lang)
    if suffix == ".xlsx":
        return _read_xlsx(path, lang)
    if suffix == ".csv":
        return _read_csv(path, lang)
    raise _file_error(path, lang, "unsupported_format", suffix=suffix or "-")


def _file_error(path: Path, lang: str, key: str, **values: object) -> InputError:
    problem = Problem(file=path, expected=t(key, lang, **values))
    return InputError.from_problems([problem], lang, file=path)


# -- CSV --------------------------------------------------------------------------------


def _decode(data: bytes, path: Path, lang: str) -> tuple[str, str]:
    """Return the text of a CSV file and the encoding it was in."""
    if b"\x00" in data[:65536]:
        raise _file_error(path, lang, "not_text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(path: Path, lang: str) -> RawTable:
    data = path.read_bytes()
    text, encoding = _decode(data, path, lang)
    if not text.strip():
        raise _file_error(path, lang, "empty_file")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 8:
        raise _file_error(path, lang, "not_text")
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    sep = _sniff_separator(header_line)
    try:
        frame = pl.read_csv(io.StringIO(text), separator=sep, infer_schema=False,
                            has_header=True, quote_char='"', raise_if_empty=True,
                            truncate_ragged_lines=False, skip_rows=0)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError,
            pl.exceptions.ShapeError) as exc:
        detail = str(exc).splitlines()[0][:200]
        raise _file_error(path, lang, "csv_unreadable", detail=detail) from exc
    frame = _tidy(frame, first_row=2)
    sep_name = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}[sep]
    return RawTable(path, frame, notes=[t("note_csv", lang, encoding=encoding, sep=sep_name)])


def _tidy(frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
    """Normalise headers, number rows and drop wholly empty rows and unnamed empty columns."""
    names = [normalise_header(c) for c in frame.columns]
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)), strict=False)
    frame = frame.with_row_index(_ROW_COLUMN, offset=first_row)
    frame = frame.with_columns(pl.col(_ROW_COLUMN).cast(pl.Int64))
    values = [c for c in frame.columns if c != _ROW_COLUMN]
    if values:
        blank = pl.all_horizontal(
            pl.col(c).cast(pl.String).str.strip_chars().fill_null("") == "" for c in values
        )
        frame = frame.filter(~blank)
    keep = [c for c in frame.columns
            if not (c.startswith("_duplicated_") or c == "" or c.startswith("unnamed"))
            or frame[c].drop_nulls().len() > 0]
    return frame.select(keep)


# -- XLSX -------------------------------------------------------------------------------


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep="T") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _pick_sheet(names: list[str], path: Path, lang: str) -> str:
    data = [n for n in names if n.strip().lower() not in _INSTRUCTION_SHEETS]
    for wanted in _DATA_SHEETS:
        for name in data:
            if name.strip().lower() == wanted:
                return name
    if not data:
        raise _file_error(path, lang, "no_data_sheet", sheets=", ".join(names))
    return data[0]


def _read_xlsx(path: Path, lang: str) -> RawTable:
    import openpyxl

    if not zipfile.is_zipfile(path):
        raise _file_error(path, lang, "not_xlsx")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _file_error(path, lang, "not_xlsx") from exc
    try:
        sheet_name = _pick_sheet(book.sheetnames, path, lang)
        rows = list(book[sheet_name].iter_rows(values_only=True))
    finally:
        book.close()
    start = next((i for i, r in enumerate(rows) if any(_cell_text(v) for v in r)), None)
    if start is None:
        raise _file_error(path, lang, "empty_file")
    header = [normalise_header(v) for v in rows[start]]
    width = max((i + 1 for i, h in enumerate(header) if h), default=0)
    header = [h or f"unnamed_{i + 1}" for i, h in enumerate(header[:width])]
    body = [[_cell_text(v) for v in (r[:width] + (None,) * (width - len(r)))]
            for r in rows[start + 1:]]
    columns = {name: [row[i] for row in body] for i, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema={h: pl.String for h in header})
    notes = [t("note_xlsx", lang, sheet=sheet_name)]
    return RawTable(path, _tidy(frame, first_row=start + 2), notes=notes)


# -- Parquet ----------------------------------------------------------------------------


def _read_parquet(path: Path, lang: str) -> RawTable:
    source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
    try:
        frame = pl.read_parquet(source)
    except (pl.exceptions.ComputeError, OSError, pl.exceptions.PolarsError) as exc:
        raise _file_error(path, lang, "not_parquet") from exc
    names = [normalise_header(c) for c in frame.columns]
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.with_row_index(_ROW_COLUMN, offset=1).with_columns(
        pl.col(_ROW_COLUMN).cast(pl.Int64))
    return RawTable(path, frame, typed=True, notes=[])
