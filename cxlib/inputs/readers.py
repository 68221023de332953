"""Read an input file as it came out of Excel or a client's export, before validation.

CSV files are decoded whatever their encoding (UTF-8, UTF-8 with BOM, cp1252) and
separator (``;``, ``,`` or tab); XLSX files are read from their data sheet, skipping an
instructions sheet; Parquet files (or folders of Parquet files) are read as typed. Text
files come back as all-string frames so that the validation step, which knows each
column's kind, can parse French decimals and dates and name the row of any bad value.
Files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import polars as pl

from cxlib.errors import InputError, Problem
from cxlib.i18n import t

__all__ = ["SUFFIXES", "RawTable", "normalise_header", "read_ahead", "read_raw",
           "scan_parquet"]

#: File suffixes an input table may have.
SUFFIXES = (".xlsx", ".csv", ".parquet")

#: Sheet names taken as instructions, never as data.
_INSTRUCTION_SHEETS = {"instructions", "instruction", "notice", "aide", "help", "readme",
                       "lisez-moi", "lisezmoi", "mode d'emploi", "mode d’emploi"}
_DATA_SHEETS = ("données", "donnees", "data")
_ROW_COLUMN = "__row__"
#: Rows looked at, from the first non-empty one, to find an XLSX header under title lines.
_HEADER_SCAN = 10
#: An XLSX expanding beyond this many bytes, or a member over ``_RATIO_FLOOR`` bytes
#: expanding more than ``MAX_XLSX_RATIO`` times, is refused as a zip bomb.
MAX_XLSX_BYTES = 2**30
MAX_XLSX_RATIO = 200
_RATIO_FLOOR = 2**20
_SEP_NAMES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}
#: Suffix polars gives a repeated CSV header (``nps``, ``nps_duplicated_0``).
_DUPLICATE = re.compile(r"_duplicated_\d+$")


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
    headers : dict
        Each column's header as the file writes it, by column id (``CustomerID`` for
        ``customerid``), so that a message can name the column in the file's own words.
    aliases : dict
        Other names a column goes by, normalised, by which a mapping may name it (a
        Qualtrics question's text for ``q1``).
    dropped : int
        Rows of the file not read (a survey tool's unfinished responses or previews).
    """

    path: Path
    frame: pl.DataFrame
    typed: bool = False
    notes: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    dropped: int = 0


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


def read_raw(path: Path, lang: str, *, kind: str | None = None,
             keep: Callable[[list[str]], list[int]] | None = None) -> RawTable:
    """Read an input file into a :class:`RawTable`.

    Parameters
    ----------
    path : Path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file, or a folder of Parquet files.
    lang : {"fr", "en"}
        Language of error messages.
    kind : {"csv", "xlsx", "parquet"}, optional
        How to read it, when ``client.yaml`` says so (default: by its suffix).
    keep : callable, optional
        Given a CSV file's headers as written, the positions of the columns to read: the
        others are never parsed (``headers`` still lists them all).

    Returns
    -------
    RawTable
        The file's content.

    Raises
    ------
    InputError
        If the file cannot be read as its suffix says (not text, not a workbook, no header…).
    """
    suffix = f".{kind}" if kind else path.suffix.lower()
    if path.is_dir() or suffix == ".parquet":
        return _read_parquet(path, lang)
    if suffix == ".xlsx":
        return _read_xlsx(path, lang)
    if suffix == ".csv":
        return _read_csv(path, lang, keep)
    raise _file_error(path, lang, "unsupported_format", suffix=suffix or "-")


#: Workbooks from this size on are read ahead by :func:`read_ahead`.
AHEAD_BYTES = 1 << 20


def read_ahead(paths: Iterable[Path], lang: str) -> dict[Path, Future[RawTable]]:
    """Start reading the large workbooks among ``paths``, one after another, in a thread.

    calamine releases the interpreter's lock while it reads: a survey export of hundreds
    of thousands of rows is read on the second core while the other tables are checked.
    ``paths`` are input files; other files are read when their turn comes.

    Returns
    -------
    dict
        Each workbook's reading by path: ``result()`` returns its :class:`RawTable` or
        raises what :func:`read_raw` raises.
    """
    pool = ThreadPoolExecutor(1, thread_name_prefix="cx-read-ahead")
    ahead = {p: pool.submit(read_raw, p, lang) for p in paths if p.suffix.lower() == ".xlsx"
             and p.is_file() and p.stat().st_size >= AHEAD_BYTES}
    pool.shutdown(wait=False)  # the readings go on; the thread ends after the last
    return ahead


def _file_error(path: Path, lang: str, key: str, **values: object) -> InputError:
    problem = Problem(file=path, expected=t(key, lang, **values))
    return InputError.from_problems([problem], lang, file=path)


# -- CSV --------------------------------------------------------------------------------


def _decode(data: bytes, path: Path, lang: str) -> tuple[str, str]:
    """Return the text of a CSV file and the encoding it was in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise _file_error(path, lang, "not_text") from None
    if b"\x00" in data[:65536]:
        raise _file_error(path, lang, "not_text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
        except UnicodeDecodeError:  # a BOM, then cp1252 text: decoded as such below
            data = data[3:]
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


def _read_csv(path: Path, lang: str,
              keep: Callable[[list[str]], list[int]] | None = None) -> RawTable:
    data = path.read_bytes()
    text, encoding = _decode(data, path, lang)
    if not text.strip():
        raise _file_error(path, lang, "empty_file")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 8:
        raise _file_error(path, lang, "not_text")
    if "\n" not in text:  # classic Mac Excel ends lines with CR alone
        text = text.replace("\r", "\n")
    body = text.lstrip("\r\n")
    blank_lines = text[:len(text) - len(body)].count("\n")  # skipped before the header
    header_line = body.split("\n", 1)[0]
    sep = _sniff_separator(header_line)
    written, selected = _selection(header_line, sep, keep)
    try:
        frame = pl.read_csv(io.StringIO(text), separator=sep, infer_schema=False,
                            has_header=True, quote_char='"', raise_if_empty=True,
                            truncate_ragged_lines=False, skip_rows=0, columns=selected)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError,
            pl.exceptions.ShapeError) as exc:
        problem = _csv_problem(body, sep, 2 + blank_lines, path, lang)
        if problem is not None:
            raise InputError.from_problems([problem], lang, file=path) from exc
        detail = str(exc).splitlines()[0][:200]
        raise _file_error(path, lang, "csv_unreadable", detail=detail) from exc
    headers = _headers(written or frame.columns)
    frame = _tidy(frame, first_row=2 + blank_lines, path=path, lang=lang)
    return RawTable(path, frame, headers=headers,
                    notes=[t("note_csv", lang, encoding=encoding, sep=_SEP_NAMES[sep])])


def _selection(header_line: str, sep: str, keep: Callable[[list[str]], list[int]] | None
               ) -> tuple[list[str] | None, list[int] | None]:
    """Return a CSV file's headers as written and the positions ``keep`` wants read."""
    if keep is None:
        return None, None
    try:
        written = next(csv.reader(io.StringIO(header_line), delimiter=sep))
    except (csv.Error, StopIteration):
        return None, None
    return written, keep(written) or [0]


def _csv_problem(body: str, sep: str, first_row: int, path: Path,
                 lang: str) -> Problem | None:
    """Name the row polars could not read: too many cells, or a quote never closed."""
    reader = csv.reader(io.StringIO(body), delimiter=sep, strict=True)
    count = 0
    try:
        width = len(next(reader))
        for count, record in enumerate(reader, start=1):
            if len(record) > width:
                return Problem(file=path, row=first_row + count - 1, literal=False,
                               found=t("csv_cells", lang, n=len(record)),
                               expected=t("expect_csv_cells", lang, n=width,
                                          sep=_SEP_NAMES[sep]))
    except csv.Error as exc:
        if "end of data" in str(exc):
            return Problem(file=path, row=first_row + count, literal=False,
                           found=t("csv_open_quote", lang), expected=t("expect_csv_quote", lang))
    except StopIteration:
        return None
    return None


def _column_names(headers: list[str]) -> list[str]:
    """Return headers as column ids; blank ones become ``unnamed_<n>``.

    So do ``__row__`` and the names polars reads as every column (``*``) or as a pattern
    (``^…$``), which no later ``pl.col`` could then select alone.
    """
    names = [normalise_header(h) for h in headers]
    return [f"unnamed_{i + 1}" if not n or n in (_ROW_COLUMN, "*")
            or (n.startswith("^") and n.endswith("$")) else n for i, n in enumerate(names)]


def _headers(headers: list[object]) -> dict[str, str]:
    """Return each column id with its header as the file writes it."""
    written = [_DUPLICATE.sub("", "" if h is None else str(h)).replace("\ufeff", "").strip()
               for h in headers]
    return dict(zip(_column_names(written), written, strict=True))


def _refuse_repeated(names: list[str], path: Path, lang: str) -> None:
    """Refuse a file where two columns have the same header once normalised."""
    counts = Counter(names)
    problems = [Problem(file=path, column=name, literal=False,
                        found=t("column_repeated", lang, n=counts[name]),
                        expected=t("expect_column_once", lang))
                for name in dict.fromkeys(names) if counts[name] > 1]
    if problems:
        raise InputError.from_problems(problems, lang, file=path)


def _tidy(frame: pl.DataFrame, first_row: int, path: Path, lang: str) -> pl.DataFrame:
    """Normalise headers, number rows and drop wholly empty rows and unnamed empty columns."""
    names = _column_names([_DUPLICATE.sub("", c) for c in frame.columns])
    _refuse_repeated(names, path, lang)
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


def _check_xlsx_size(path: Path, lang: str) -> None:
    """Refuse a workbook that is not a zip archive, or would expand like a zip bomb."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise _file_error(path, lang, "not_xlsx") from exc
    total = sum(info.file_size for info in infos)
    bomb = any(info.file_size > _RATIO_FLOOR
               and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1) for info in infos)
    if bomb or total > MAX_XLSX_BYTES:
        raise _file_error(path, lang, "xlsx_zip_bomb", size=f"{total / 2**20:.0f}")


def _xlsx_rows(path: Path, lang: str) -> tuple[str, list[tuple]]:
    """Return the data sheet's name and its rows of cell values."""
    import openpyxl

    _check_xlsx_size(path, lang)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML (lxml or not) and openpyxl errors share no base
        raise _file_error(path, lang, "not_xlsx") from exc
    try:
        sheet_name = _pick_sheet(book.sheetnames, path, lang)
        try:
            return sheet_name, list(book[sheet_name].iter_rows(values_only=True))
        except Exception as exc:  # a damaged sheet fails while its rows are read
            raise _file_error(path, lang, "not_xlsx") from exc
    finally:
        book.close()


def _header_index(rows: list[tuple]) -> int | None:
    """Return the index of the header row, skipping blank rows and title lines above it.

    The header is the first row filled at least half as wide as the widest of the first
    rows (and over one cell), so that a title such as "Survey export, September" in a
    merged cell above the header is not taken for it.
    """
    filled = [sum(1 for v in r if (_cell_text(v) or "").strip()) for r in rows]
    start = next((i for i, n in enumerate(filled) if n), None)
    if start is None:
        return None
    window = filled[start:start + _HEADER_SCAN]
    wanted = max(2, (max(window) + 1) // 2)
    return next((start + i for i, n in enumerate(window) if n >= wanted), start)


def _sheet_header(rows: list[tuple], path: Path,
                  lang: str) -> tuple[int, list[str], dict[str, str]]:
    """Return the header row's index, its column ids and their headers as written."""
    start = _header_index(rows) if rows else None
    if start is None:
        raise _file_error(path, lang, "empty_file")
    header = [normalise_header(v) for v in rows[start]]
    width = max((i + 1 for i, h in enumerate(header) if h), default=0)
    headers = _headers([_cell_text(v) for v in rows[start][:width]])
    header = [h or f"unnamed_{i + 1}" for i, h in enumerate(header[:width])]
    _refuse_repeated(header, path, lang)
    return start, header, headers


def _read_xlsx_fast(path: Path, lang: str) -> RawTable | None:
    """Read the data sheet with calamine (:mod:`cxlib.inputs._calamine`); None: it cannot."""
    from cxlib.inputs._calamine import sheet_cells

    _check_xlsx_size(path, lang)
    read = sheet_cells(path, lambda names: _pick_sheet(names, path, lang))
    if read is None:
        return None
    sheet_name, cells, offset = read
    start, header, headers = _sheet_header(cells.head(_HEADER_SCAN * 5).rows(), path, lang)
    width = len(header)
    body = cells.slice(start + 1).select(cells.columns[:width])
    frame = body.rename(dict(zip(body.columns, header, strict=True)))
    notes = [t("note_xlsx", lang, sheet=sheet_name)]
    return RawTable(path, _tidy(frame, first_row=offset + start + 1, path=path, lang=lang),
                    notes=notes, headers=headers)


def _read_xlsx(path: Path, lang: str) -> RawTable:
    fast = _read_xlsx_fast(path, lang)
    if fast is not None:
        return fast
    sheet_name, rows = _xlsx_rows(path, lang)
    start, header, headers = _sheet_header(rows, path, lang)
    width = len(header)
    body = [[_cell_text(v) for v in (r[:width] + (None,) * (width - len(r)))]
            for r in rows[start + 1:]]
    columns = {name: [row[i] for row in body] for i, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema={h: pl.String for h in header})
    notes = [t("note_xlsx", lang, sheet=sheet_name)]
    return RawTable(path, _tidy(frame, first_row=start + 2, path=path, lang=lang), notes=notes,
                    headers=headers)


# -- Parquet ----------------------------------------------------------------------------


def _read_parquet(path: Path, lang: str) -> RawTable:
    source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
    try:
        frame = pl.read_parquet(source)
    except (pl.exceptions.ComputeError, OSError, pl.exceptions.PolarsError,
            pl.exceptions.PanicException) as exc:  # some damaged files make polars panic
        raise _file_error(path, lang, "not_parquet") from exc
    names = _column_names(frame.columns)
    _refuse_repeated(names, path, lang)
    headers = _headers(frame.columns)
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.with_row_index(_ROW_COLUMN, offset=1).with_columns(
        pl.col(_ROW_COLUMN).cast(pl.Int64))
    note = t("note_parquet_folder", lang, n=sum(1 for _ in path.rglob("*.parquet"))) \
        if path.is_dir() else t("note_parquet", lang)
    return RawTable(path, frame, typed=True, notes=[note], headers=headers)


def scan_parquet(path: Path, lang: str) -> RawTable:
    """Scan a Parquet file or folder without reading it: ``frame`` is a LazyFrame.

    The same columns, names and ``__row__`` numbers as :func:`read_raw` gives, for a log
    too large to load (see :mod:`cxlib.inputs.scans`).

    Parameters
    ----------
    path : Path
        A ``.parquet`` file or a folder of them.
    lang : {"fr", "en"}
        Language of error messages.

    Returns
    -------
    RawTable
        With a ``polars.LazyFrame`` as ``frame``.

    Raises
    ------
    InputError
        If the file's schema cannot be read as Parquet.
    """
    source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
    try:
        scan = pl.scan_parquet(source, row_index_name=_ROW_COLUMN, row_index_offset=1)
        written = [c for c in scan.collect_schema().names() if c != _ROW_COLUMN]
    except (pl.exceptions.PolarsError, OSError, pl.exceptions.PanicException) as exc:
        raise _file_error(path, lang, "not_parquet") from exc
    names = _column_names(written)
    _refuse_repeated(names, path, lang)
    scan = scan.rename(dict(zip(written, names, strict=True))).with_columns(
        pl.col(_ROW_COLUMN).cast(pl.Int64))
    note = t("note_parquet_folder", lang, n=sum(1 for _ in path.rglob("*.parquet"))) \
        if path.is_dir() else t("note_parquet", lang)
    return RawTable(path, scan, typed=True, notes=[note],  # type: ignore[arg-type]
                    headers=_headers(written))
