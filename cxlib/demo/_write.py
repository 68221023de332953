"""Write a demo client's files the way its exports really look, byte for byte reproducibly.

CSV follows the client's :class:`~cxlib.demo._spec.FileStyle` (separator, encoding, date
format, decimal comma, line ends, yes/no words); workbooks get an optional *Instructions*
sheet before the data sheet, fixed document properties and fixed zip timestamps, so two
runs give identical bytes; Parquet is written as typed columns.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import polars as pl
import yaml

from cxlib.demo._spec import FileStyle

__all__ = ["write_config", "write_csv", "write_parquet", "write_table", "write_xlsx"]

_FIXED_TIME = datetime(2026, 1, 1)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _text_columns(frame: pl.DataFrame, style: FileStyle) -> pl.DataFrame:
    """Return the frame with dates, booleans and decimals spelled as the client writes them."""
    out = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Date:
            out.append(col.dt.strftime(style.date_format))
        elif isinstance(dtype, pl.Datetime):
            out.append(col.dt.strftime(style.datetime_format))
        elif dtype == pl.Boolean:
            out.append(pl.when(col).then(pl.lit(style.yes)).otherwise(pl.lit(style.no))
                       .alias(name))
        elif dtype.is_float() and style.decimal_comma:
            out.append(col.cast(pl.String).str.replace(".", ",", literal=True))
        else:
            out.append(col)
    return frame.select(out)


def write_csv(frame: pl.DataFrame, path: Path, style: FileStyle, encoding: str) -> None:
    """Write ``frame`` as a CSV export in the client's dialect.

    Parameters
    ----------
    frame : polars.DataFrame
        The table; dates, booleans and decimals are written out as text in the style.
    path : Path
        Target ``.csv`` file.
    style : FileStyle
        Separator, dates, decimals, line ends and yes/no words.
    encoding : str
        ``utf-8``, ``utf-8-sig`` (with BOM) or ``cp1252``.
    """
    text = _text_columns(frame, style).write_csv(
        separator=style.separator, line_terminator=style.line_terminator, null_value="",
        quote_style="necessary")
    path.write_bytes(text.encode(encoding, errors="strict"))


def _cell(value: object, style: FileStyle) -> object:
    if isinstance(value, bool):
        return style.yes if value else style.no
    return value


def _fill_sheet(sheet: object, frame: pl.DataFrame, style: FileStyle) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet.append(frame.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="404040")
    number_format = style.date_format.replace("%d", "DD").replace("%m", "MM").replace(
        "%Y", "YYYY")
    for row in frame.iter_rows():
        sheet.append([_cell(v, style) for v in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = number_format
    for index, name in enumerate(frame.columns, start=1):
        width = max([len(name), *(len(str(v)) for v in frame[name].head(50).to_list())])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, width + 2)
    sheet.freeze_panes = "A2"


def _repack(data: bytes) -> bytes:
    """Return the zip ``data`` with every member stamped at a fixed time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, source.read(info.filename))
    return target.getvalue()


def write_xlsx(frame: pl.DataFrame, path: Path, style: FileStyle, sheet: str) -> None:
    """Write ``frame`` as a workbook: instructions sheet (if the style has one), then data.

    Parameters
    ----------
    frame : polars.DataFrame
        The table, one row per sheet row under a bold header.
    path : Path
        Target ``.xlsx`` file.
    style : FileStyle
        Instructions lines, data sheet name, date format and yes/no words.
    sheet : str
        Data sheet name when the style does not name one.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.properties.created = book.properties.modified = _FIXED_TIME
    book.properties.creator = book.properties.lastModifiedBy = "cxlib demo"
    data = book.active
    if style.instructions:
        data.title = "Instructions"
        for line in style.instructions:
            data.append([line])
        data["A1"].font = Font(bold=True, size=13)
        data.column_dimensions["A"].width = 90
        data = book.create_sheet(style.data_sheet or sheet)
    else:
        data.title = sheet
    _fill_sheet(data, frame, style)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    path.write_bytes(_repack(buffer.getvalue()))


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` as Parquet (zstd, statistics), typed columns.

    Parameters
    ----------
    frame : polars.DataFrame
        The table, its dtypes kept.
    path : Path
        Target ``.parquet`` file.
    """
    frame.write_parquet(path, compression="zstd", statistics=True)


def write_table(frame: pl.DataFrame, path: Path, style: FileStyle, name: str,
                encoding: str | None = None) -> None:
    """Write a table in the format its file name says (``.csv``, ``.xlsx``, ``.parquet``).

    Parameters
    ----------
    frame : polars.DataFrame
        The table.
    path : Path
        Target file; its suffix picks the format.
    style : FileStyle
        The client's conventions.
    name : str
        Logical table name (sheet name of single-sheet workbooks).
    encoding : str, optional
        CSV encoding (default: the style's).
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(frame, path, style, encoding or style.encoding)
    elif suffix == ".xlsx":
        write_xlsx(frame, path, style, name)
    elif suffix == ".parquet":
        write_parquet(frame, path)
    else:
        raise ValueError(f"cannot write {path.name}: use .csv, .xlsx or .parquet")


def write_config(config: dict, path: Path, header: str) -> None:
    """Write ``client.yaml`` with a comment header.

    Parameters
    ----------
    config : dict
        The configuration, as :class:`~cxlib.inputs.config.ClientConfig` reads it.
    path : Path
        Target file.
    header : str
        Comment lines (without ``#``) written first.
    """
    body = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    path.write_text(comment + "\n" + body, encoding="utf-8", newline="\n")
