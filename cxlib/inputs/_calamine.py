"""Workbooks read by calamine (the ``fastexcel`` package), ten times faster than openpyxl.

Survey exports arrive as workbooks of hundreds of thousands of rows; openpyxl's read-only
mode reads about 10,000 rows a second, calamine well over 100,000. Two things calamine
does differently are put right here, so that a workbook reads the same either way:

- its sheet starts at the first row holding a value: the row number of that row is read
  from the sheet's XML (the first ``<c>`` with a value), so every message still names the
  row as Excel numbers it;
- its text of dates and times: ``2026-09-07 00:00:00`` becomes ``2026-09-07``,
  ``2026-09-08 10:30:00`` becomes ``2026-09-08T10:30:00`` and a time alone ``10:30:00``,
  as :func:`cxlib.inputs.readers._cell_text` writes openpyxl's values.

:func:`sheet_cells` returns None when calamine cannot serve (the package absent, a file it
cannot open, a sheet holding Excel error values, which calamine reads as empty cells):
the caller then reads with openpyxl, which says what is wrong.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
from defusedxml import ElementTree

__all__ = ["sheet_cells"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_ROW = re.compile(r"[A-Z]+(\d+)")


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """Return the path inside the archive of the worksheet named ``sheet``."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next((s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet")
                if s.get("name") == sheet), None)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")
                   if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join("xl", target))


def first_row(path: Path, sheet: str) -> int | None:
    """Return the Excel number of the sheet's first row holding a value (None: unknown)."""
    from defusedxml.ElementTree import iterparse

    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return None
            with archive.open(part) as stream:
                for _event, element in iterparse(stream, events=("end",)):
                    if element.tag == f"{_MAIN}c" and (
                            element.find(f"{_MAIN}v") is not None
                            or element.find(f"{_MAIN}is") is not None):
                        found = _CELL_ROW.fullmatch(element.get("r", ""))
                        return int(found.group(1)) if found else None
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    return None


def has_error_cells(path: Path, sheet: str) -> bool:
    """Return whether the sheet holds an Excel error value (``#N/A``, ``#DIV/0!``…).

    calamine reads those as empty cells: such a sheet is read by openpyxl, whose text of
    them the checks name ("found '#N/A'"). The sheet's XML is searched as bytes for the
    error type (``t="e"``), without parsing it.
    """
    marks = (b't="e"', b"t='e'")
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return True
            with archive.open(part) as stream:
                tail = b""
                for block in iter(lambda: stream.read(1 << 20), b""):
                    window = tail + block
                    if any(mark in window for mark in marks):
                        return True
                    tail = window[-8:]
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return True
    return False


def sheet_cells(path: Path, pick: object) -> tuple[str, pl.DataFrame, int] | None:
    """Return the data sheet's name, its cells as text and the Excel row of its first row.

    Parameters
    ----------
    path : Path
        The workbook (already checked to be a sound zip archive).
    pick : callable
        ``pick(names) -> name``: which sheet holds the data.

    Returns
    -------
    tuple or None
        The sheet's name; one String column per sheet column (``column_1``…), one row per
        sheet row from the first holding a value; that row's Excel number. None when
        calamine cannot serve.
    """
    try:
        import fastexcel
    except ImportError:
        return None
    try:
        reader = fastexcel.read_excel(str(path))
        name = pick(reader.sheet_names)  # type: ignore[operator]
    except Exception:
        return None
    # the search for error values reads the sheet's XML while calamine reads its cells
    # (both release the interpreter's lock: the two cores share the work)
    with ThreadPoolExecutor(1) as pool:
        errors = pool.submit(has_error_cells, path, name)
        try:
            frame = reader.load_sheet(name, header_row=None, dtypes="string").to_polars()
        except Exception:
            return None
        if errors.result():
            return None
    start = first_row(path, name) if frame.height else 1
    if start is None:
        return None
    frame = frame.rename({c: f"column_{i + 1}" for i, c in enumerate(frame.columns)})
    # dates are rewritten in the columns that hold some (one cheap pass finds them)
    stamp = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"
    found = frame.select(pl.col(c).str.contains(stamp).any() for c in frame.columns)
    dated = [c for c in frame.columns if found[c][0]]
    frame = frame.with_columns(
        pl.col(c).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "$1")
        .str.replace(r"^1899-12-3[01] (\d{2}:\d{2}:\d{2})$", "$1")
        .str.replace(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", "${1}T$2")
        for c in dated)
    return name, frame, start
