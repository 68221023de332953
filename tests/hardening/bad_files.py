"""Bad input files built in memory: workbooks, zip archives, Parquet, client tables."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import polars as pl


def xlsx_bytes(rows: Sequence[Sequence[object]], sheet: str = "Données",
               instructions: bool = True, merge: str | None = None) -> bytes:
    """Return a workbook whose data sheet holds ``rows`` (after an instructions sheet)."""
    book = openpyxl.Workbook()
    data = book.active
    if instructions:
        data.title = "Instructions"
        data.append(["Fill in the next sheet / Remplissez la feuille suivante"])
        data = book.create_sheet(sheet)
    else:
        data.title = sheet
    for row in rows:
        data.append(list(row))
    if merge:
        data.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return a zip archive holding ``members``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    """Return ``frame`` as Parquet."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def put_table(folder: Path, table: str, name: str, data: bytes) -> Path:
    """Write ``data`` as ``name`` in a client folder and point client.yaml's input at it."""
    path = folder / name
    path.write_bytes(data)
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"{table}: {table}.xlsx", f"{table}: {name}"), encoding="utf-8")
    return path
