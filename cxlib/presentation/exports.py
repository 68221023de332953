"""Deliverables beyond the HTML: every chart as SVG and PNG, the report tables as Excel.

While a notebook runs for a report, :class:`~cxlib.presentation.page.Page` records what it shows —
each chart's Vega-Lite spec and each table's frame with its headers in the client's
language — beside the executed notebook (:func:`record_chart`, :func:`record_table`).
After the run, :func:`export_run` turns those records into files in the run's
``exports/`` folder:

``svg``, ``png``  ``<notebook>-<section>.svg|png`` per chart, drawn offline by vl-convert
                  with the client's theme (PNG at twice the size, for slides);
``xlsx``          ``<client>-<run>-tables.xlsx``: one sheet per table with rows (a table
                  left empty by the client's data gets no sheet; no table, no
                  workbook), frozen headers, numbers as numbers, shares as percentages;
``pptx``          ``<client>-<run>-deck.pptx`` (:func:`~.deck.build_deck`, called by
                  the runner);
``pdf``           ``<report>.pdf`` for the index and every report, printed by a headless
                  Chromium (:mod:`cxlib.presentation.pdf`, called by the runner).

Charts and tables are the aggregated ones of the report: no row-level data is exported.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

__all__ = ["FORMATS", "export_run", "record_chart", "record_table"]

#: How a workbook cell shows a day: as the reports write it (31/03/2027).
EXCEL_DATE = "DD/MM/YYYY"

#: Export formats ``cx run --export`` accepts (``pptx`` is built by :mod:`cxlib.presentation.deck`,
#: ``pdf`` — every report printed — by :mod:`cxlib.presentation.pdf`).
FORMATS = ("svg", "png", "xlsx", "pptx", "pdf")
_RECORDS = "exports.jsonl"


def _recording() -> bool:
    return os.environ.get("CX_REPORT") == "1"


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "item"


def _append(record: dict) -> None:
    with Path(_RECORDS).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def record_chart(notebook: str, section: str, spec: dict) -> None:
    """Keep a report chart's spec for the exports (only while rendering a report)."""
    if _recording():
        if section and not spec.get("title"):
            spec = {**spec, "title": section}  # an exported chart stands alone: name it
        _append({"kind": "chart", "notebook": notebook, "section": section, "spec": spec})


def record_table(notebook: str, section: str, frame: pl.DataFrame, headers: dict[str, str],
                 percents: Sequence[str] = ()) -> None:
    """Keep a report table, headers in the report language (only while rendering a report)."""
    if not _recording():
        return
    folder = Path("tables")
    folder.mkdir(exist_ok=True)
    index = len(list(folder.glob("*.parquet")))
    path = folder / f"{index:03d}.parquet"
    frame.select(list(headers)).write_parquet(path)
    _append({"kind": "table", "notebook": notebook, "section": section, "file": str(path),
             "headers": headers, "percents": list(percents)})


def _records(executed: Path) -> list[dict]:
    path = executed / _RECORDS
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def invalid_charts(executed: Path, start: int, end: int) -> list[tuple[str, str, str]]:
    """Return the charts recorded between two points of the records that Vega-Lite refuses.

    A runner's render draws charts without checking them in the kernel (see
    :meth:`cxlib.presentation.page.Page.chart`); the runner checks the specs a notebook
    recorded (the bytes it added to the records) beside the kernel, before anything is
    published.

    Parameters
    ----------
    executed : Path
        The run's folder of executed notebooks (where the records are).
    start, end : int
        The records' size before and after the notebook ran.

    Returns
    -------
    list of tuple of str
        For each chart refused: its notebook, section and the schema's first objection.
    """
    path = executed / _RECORDS
    if end <= start or not path.is_file():
        return []
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.read(end - start).decode("utf-8")
    out = []
    for line in text.splitlines():
        record = json.loads(line) if line else {}
        if record.get("kind") == "chart" and not _chart_validator().is_valid(record["spec"]):
            out.append((record["notebook"], record.get("section") or "",
                        _objection(record["spec"])))
    return out


def records_size(executed: Path) -> int:
    """Return the size of the run's records so far (0 before any)."""
    path = executed / _RECORDS
    return path.stat().st_size if path.is_file() else 0


def _objection(spec: dict) -> str:
    """Return what the Vega-Lite schema objects to in a spec, as altair says it."""
    import altair as alt
    from altair.utils.schemapi import validate_jsonschema

    schema = alt.VegaLiteSchema._rootschema
    error = validate_jsonschema(spec, schema, schema, raise_error=False)
    where = "/".join(str(p) for p in error.absolute_path) if error is not None else ""
    message = error.message if error is not None else "?"
    return f"{where}: {message}"[:300] if where else message[:300]


@functools.cache
def _chart_validator() -> Any:
    import altair as alt
    import jsonschema

    schema = alt.VegaLiteSchema._rootschema
    return jsonschema.validators.validator_for(schema)(schema)


def _names(records: Iterable[dict], kind: str) -> list[tuple[str, dict]]:
    seen: dict[str, int] = {}
    out = []
    for record in records:
        if record["kind"] != kind:
            continue
        base = f"{record['notebook']}-{_slug(record['section'])}"
        seen[base] = seen.get(base, 0) + 1
        out.append((base if seen[base] == 1 else f"{base}-{seen[base]}", record))
    return out


def _charts(records: list[dict], target: Path, formats: set[str]) -> list[Path]:
    import vl_convert

    from cxlib.presentation.render import BUNDLE_VL_VERSION

    written = []
    for name, record in _names(records, "chart"):
        if "svg" in formats:
            path = target / f"{name}.svg"
            svg = vl_convert.vegalite_to_svg(record["spec"], vl_version=BUNDLE_VL_VERSION)
            path.write_text(svg, encoding="utf-8")
            written.append(path)
        if "png" in formats:
            path = target / f"{name}.png"
            path.write_bytes(vl_convert.vegalite_to_png(record["spec"], scale=2,
                                                        vl_version=BUNDLE_VL_VERSION))
            written.append(path)
    return written


def _filled_tables(records: list[dict], executed: Path) -> dict[str, pl.DataFrame]:
    """Return the recorded tables that have rows, by file (an empty one gets no sheet)."""
    frames = {}
    for record in records:
        if record["kind"] == "table":
            frame = pl.read_parquet(executed / record["file"])
            if not frame.is_empty():
                frames[record["file"]] = frame
    return frames


def _workbook(records: list[dict], executed: Path, path: Path) -> Path | None:
    """Write one sheet per recorded table with rows; return None when none has any."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frames = _filled_tables(records, executed)
    if not frames:
        return None
    book = Workbook()
    book.remove(book.active)
    kept = [r for r in records if r["kind"] == "table" and r["file"] in frames]
    for name, record in _names(kept, "table"):
        frame = frames[record["file"]]
        sheet = book.create_sheet(_sheet_title(name, book.sheetnames))
        headers = record["headers"]
        sheet.append([headers[c] for c in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in frame.iter_rows():
            sheet.append([_cell(v) for v in row])
        for i, column in enumerate(frame.columns, start=1):
            letter = get_column_letter(i)
            if column in record["percents"]:
                for cell in sheet[letter][1:]:
                    cell.number_format = "0.0%"
            if frame[column].dtype in (pl.Date, pl.Datetime):  # as the reports write days
                for cell in sheet[letter][1:]:
                    cell.number_format = EXCEL_DATE
            width = max([len(str(headers[column]))] + [len(str(v)) for v in frame[column]
                                                        .head(200).to_list()])
            sheet.column_dimensions[letter].width = min(max(10, width + 2), 60)
        sheet.freeze_panes = "A2"
    book.save(path)
    return path


def _cell(value: object) -> object:
    if isinstance(value, float) and value != value:  # NaN: an empty cell, not text
        return None
    return value


def _sheet_title(name: str, taken: list[str]) -> str:
    name = re.sub(r"^(\d+)_[a-z_]+-", r"\1-", name)  # "05-…": the report's number, no file name
    title = name[:31]
    n = 2
    while title in taken:
        suffix = f"-{n}"
        title = name[:31 - len(suffix)] + suffix
        n += 1
    return title


def export_run(executed: Path, target: Path, formats: Iterable[str], stem: str) -> list[Path]:
    """Write a run's chart and table exports.

    Parameters
    ----------
    executed : Path
        The folder where the notebooks ran (holding the records).
    target : Path
        The ``exports/`` folder to fill.
    formats : iterable of str
        Among :data:`FORMATS`.
    stem : str
        File name stem of the workbook (``<client>-<run>``).

    Returns
    -------
    list of Path
        The files written (no workbook when no recorded table has rows).
    """
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(sorted(unknown))}; "
                         f"expected {', '.join(FORMATS)}")
    records = _records(executed)
    target.mkdir(parents=True, exist_ok=True)
    written = _charts(records, target, wanted & {"svg", "png"})
    if "xlsx" in wanted:
        book = _workbook(records, executed, target / f"{stem}-tables.xlsx")
        written += [book] if book else []
    return written
