"""Read a client's export in its tool's own layout, before any mapping.

A file's format is known from its extension (``.csv``, ``.xlsx``, ``.parquet``, ``.xes``,
``.xes.gz``, ``.qdpx``) or stated in ``client.yaml`` (``format: qualtrics``). The format
stated must match what the file holds: a CSV named as an XES log, or a one-header CSV named
as a Qualtrics export, is refused at once, naming the file and the row that gives it away.

- ``qualtrics``: three header rows (column names, question texts, ``{"ImportId": …}``);
  answers start on row 4. Responses Qualtrics itself leaves out of its reports — not
  finished (``Finished`` = ``False`` or ``0``), previews, tests and spam — are not read,
  and counted.
- ``surveymonkey``: two header rows (questions, then ``Response`` or each answer choice);
  a question answered in several columns gives ``Question - Choice`` names; its
  month-first dates (``11/03/2016 10:15:22 AM``) are read as such.
- ``xes``: one row per event; attributes named by their XES keys (``case:concept:name``,
  ``concept:name``, ``time:timestamp``), rows numbered by event from 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from cxlib.errors import InputError, Problem
from cxlib.i18n import t
from cxlib.inputs.readers import RawTable, normalise_header, read_raw

__all__ = ["detect_format", "leading_number", "read_export"]

_ROW = "__row__"
_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx",
               ".parquet": "parquet", ".xes": "xes", ".qdpx": "qdpx"}
#: What each format's file is, physically: for refusing a format the file does not hold.
_CONTAINER = {"csv": "text", "xlsx": "zip", "parquet": "parquet", "xes": "xml", "qdpx": "zip",
              "qualtrics": ("text", "zip"), "surveymonkey": ("text", "zip")}
#: Qualtrics ``Status`` values of responses its reports leave out (label or numeric code).
_NOT_RESPONSES = {"survey preview", "survey test", "spam", "survey preview spam",
                  "imported spam", "offline survey preview", "1", "2", "8", "9", "12", "17"}
#: SurveyMonkey's second-row words for "the answer itself" (English and French exports).
_ANSWER = {"response", "open-ended response", "réponse", "réponse ouverte", "other",
           "autre"}
_US_DATETIME = r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm]$"


def _fail(problems: list[Problem], path: Path, lang: str) -> InputError:
    return InputError.from_problems(problems, lang, file=path)


def _container(path: Path) -> str:
    """Return what the file physically is: text, zip, parquet, xml (plain or gzipped)."""
    if path.is_dir():
        return "parquet"
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\x1f\x8b"):
        return "xml"  # gzip: the compressed XES of process-mining tools
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "xml" if text.startswith((b"<?xml", b"<log")) else "text"


def detect_format(path: Path, declared: str | None, lang: str) -> str:
    """Return the format to read ``path`` in: the one declared, else its extension's.

    Parameters
    ----------
    path : Path
        The input file (or folder of Parquet files).
    declared : str or None
        ``format:`` of the input in ``client.yaml``.
    lang : {"fr", "en"}
        Language of error messages.

    Returns
    -------
    str
        ``csv``, ``xlsx``, ``parquet``, ``xes``, ``qdpx``, ``qualtrics`` or ``surveymonkey``.

    Raises
    ------
    InputError
        When the format declared does not match what the file holds.
    """
    name = path.name.lower()
    by_name = "xes" if name.endswith(".xes.gz") else _EXTENSIONS.get(path.suffix.lower())
    if path.is_dir():
        by_name = "parquet"
    fmt = declared or by_name or "csv"
    found = _container(path)
    allowed = _CONTAINER[fmt]
    if found not in (allowed if isinstance(allowed, tuple) else (allowed,)):
        raise _fail([Problem(file=path, literal=False,
                             found=t(f"inp_found_{found}", lang),
                             expected=t("inp_expect_format", lang, format=fmt))], path, lang)
    return fmt


def read_export(path: Path, fmt: str, lang: str, *, table: str = "",
                keep: Callable[[list[str]], list[int]] | None = None) -> RawTable:
    """Read a file in format ``fmt`` (see :func:`detect_format`) into a raw table.

    Parameters
    ----------
    path : Path
        The client's file.
    fmt : str
        Its format.
    lang : {"fr", "en"}
        Language of error messages.
    table : str, optional
        The input it is read for: a REFI-QDA project holds several.
    keep : callable, optional
        For a plain CSV file: which of its columns to read (see
        :func:`~cxlib.inputs.readers.read_raw`); a survey tool's columns are all read, as
        a question may be named by its text.

    Returns
    -------
    RawTable
        All-text cells (typed for Parquet), ``__row__`` numbered as the file numbers its
        rows, and each column's header as the file writes it.
    """
    if fmt == "xes":
        from cxlib.inputs.xes import read_xes_keys

        frame = read_xes_keys(path, lang)
        frame = frame.with_row_index(_ROW, offset=1).with_columns(pl.col(_ROW).cast(pl.Int64))
        headers = {c: c for c in frame.columns if c != _ROW}
        return RawTable(path, frame, notes=[t("inp_note_xes", lang)], headers=headers)
    if fmt == "qdpx":
        from cxlib.inputs.qdpx_inputs import read_qdpx_table

        return read_qdpx_table(path, table, lang)
    kind = "xlsx" if _container(path) == "zip" else "csv"
    if fmt == "qualtrics":
        return _qualtrics(read_raw(path, lang, kind=kind), lang)
    if fmt == "surveymonkey":
        return _surveymonkey(read_raw(path, lang, kind=kind), lang)
    return read_raw(path, lang, kind=fmt, keep=keep)


def _header_rows(raw: RawTable, extra: int, lang: str, fmt: str) -> list[list[str]]:
    """Return the ``extra`` header rows under the first, as text, and drop them."""
    rows = raw.frame.head(extra)
    columns = [c for c in raw.frame.columns if c != _ROW]
    if rows.height < extra or rows[_ROW].to_list() != list(range(2, 2 + extra)):
        raise _fail([Problem(file=raw.path, row=1 + extra, found=t("inp_found_no_row", lang),
                             literal=False, expected=t(f"inp_expect_{fmt}", lang))],
                    raw.path, lang)
    raw.frame = raw.frame.slice(extra)
    return [["" if v is None else str(v) for v in row]
            for row in rows.select(columns).iter_rows()]


def _qualtrics(raw: RawTable, lang: str) -> RawTable:
    questions, imports = _header_rows(raw, 2, lang, "qualtrics")
    filled = [v for v in imports if v.strip()]
    if not filled or sum(v.lstrip().startswith('{"ImportId"') for v in filled) < len(filled) / 2:
        raise _fail([Problem(file=raw.path, row=3, column=next(iter(raw.headers.values()), None),
                             found=filled[0] if filled else "",
                             expected=t("inp_expect_qualtrics", lang))], raw.path, lang)
    columns = [c for c in raw.frame.columns if c != _ROW]
    raw.aliases = {normalise_header(q): c for q, c in zip(questions, columns, strict=True)
                   if q.strip()}
    before = raw.frame.height
    keep = pl.lit(True)
    if "finished" in columns:
        flag = pl.col("finished").str.strip_chars().str.to_lowercase()
        keep &= ~flag.is_in(["false", "0", "faux"]).fill_null(False)
    if "status" in columns:
        status = pl.col("status").str.strip_chars().str.to_lowercase()
        keep &= ~status.is_in(list(_NOT_RESPONSES)).fill_null(False)
    raw.frame = raw.frame.filter(keep)
    raw.dropped = before - raw.frame.height
    raw.notes = [t("inp_note_qualtrics", lang), *raw.notes]
    if raw.dropped:
        raw.notes.append(t("inp_note_not_responses", lang, n=raw.dropped))
    return raw


def _surveymonkey(raw: RawTable, lang: str) -> RawTable:
    (choices,) = _header_rows(raw, 1, lang, "surveymonkey")
    columns = [c for c in raw.frame.columns if c != _ROW]
    first = raw.headers.get(columns[0], "") if columns else ""
    if not columns or not first or choices[0].strip() or not any(v.strip() for v in choices):
        raise _fail([Problem(file=raw.path, row=2, column=first or None,
                             found=choices[0] if columns else "",
                             expected=t("inp_expect_surveymonkey", lang))], raw.path, lang)
    names, question = [], ""
    for column, choice in zip(columns, choices, strict=True):
        written = raw.headers.get(column, "")
        question = question if column.startswith("unnamed_") or not written else written
        sub = choice.strip()
        names.append(question if not sub or sub.lower() in _ANSWER or question == sub
                     else f"{question} - {sub}")
    ids = [normalise_header(n) or c for n, c in zip(names, columns, strict=True)]
    ids = [i if ids.count(i) == 1 else c for i, c in zip(ids, columns, strict=True)]
    raw.frame = raw.frame.rename(dict(zip(columns, ids, strict=True)))
    raw.headers = dict(zip(ids, names, strict=True))
    dates = [c for c in ids if raw.frame[c].drop_nulls().len()
             and raw.frame[c].drop_nulls().str.contains(_US_DATETIME).all()]
    raw.frame = raw.frame.with_columns(_us_datetime(c) for c in dates)
    raw.notes = [t("inp_note_surveymonkey", lang), *raw.notes]
    return raw


def _us_datetime(column: str) -> pl.Expr:
    """Read ``11/03/2016 10:15:22 AM`` month first, and write it ISO for the contract."""
    text = pl.col(column).str.replace(r"(\d)([AaPp][Mm])$", "$1 $2").str.to_uppercase()
    return pl.coalesce(text.str.to_datetime("%m/%d/%Y %I:%M:%S %p", strict=False),
                       text.str.to_datetime("%m/%d/%Y %I:%M %p", strict=False)) \
        .dt.to_string("%Y-%m-%d %H:%M:%S").alias(column)


def leading_number(column: str) -> pl.Expr:
    """Return a survey label's number as text: ``10 - Extremely likely`` gives ``10``.

    Survey tools export a scale's answers as their labels when asked for choice text;
    the number is at the start (``10 - Extremely likely``) or the end
    (``Extremely likely 10``). Values that are numbers already are left as they are.
    """
    text = pl.col(column).str.strip_chars()
    start = text.str.extract(r"^(\d+(?:[.,]\d+)?)(?:\s*[-–:(]|\s+[^\d\s]|$)", 1)
    end = text.str.extract(r"[^\d\s.,]\s+(\d+(?:[.,]\d+)?)$", 1)
    return pl.coalesce(start, end, text).alias(column)

