"""Event logs in XES (IEEE 1849), the format process-mining tools read and write.

:func:`read_xes` turns a ``.xes`` or ``.xes.gz`` file into a polars frame, one row per
event, with the case id of its trace; :func:`write_xes` writes a frame back. The XML is
parsed by defusedxml: external entities and entity expansion are refused, never resolved,
and a malformed file raises :class:`~cxlib.errors.InputError` naming it.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import quoteattr

import polars as pl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from cxlib.errors import InputError, Problem
from cxlib.i18n import t

__all__ = ["read_xes", "read_xes_keys", "write_xes"]

_TYPES = ("string", "date", "int", "float", "boolean", "id")
_RESERVED = ("case_id", "activity", "timestamp")
_MAX_BYTES = 2_000_000_000  # a decompressed log larger than this is refused


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attributes(element: Element, rename: bool = True) -> dict[str, str]:
    """Return an element's typed attributes, renaming keys the frame uses itself.

    ``case_id``, ``activity`` and ``timestamp`` are columns of :func:`read_xes`'s frame: an
    attribute of that name is kept as ``<name>_attribute``.
    """
    keys = [child.get("key", "") for child in element if _local(child.tag) in _TYPES]
    values = [child.get("value", "") for child in element if _local(child.tag) in _TYPES]
    return {f"{key}_attribute" if rename and key in _RESERVED else key: value
            for key, value in zip(keys, values, strict=True)}


def _fail(path: Path, found: str, literal: bool = True, lang: str = "en") -> InputError:
    expected = t("inp_expect_xes", lang)
    return InputError.from_problems([Problem(file=path, found=found, literal=literal,
                                             expected=expected)], lang)


def _open(path: Path) -> io.BufferedIOBase:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.open(raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


def read_xes(path: Path | str) -> pl.DataFrame:
    """Read an XES event log.

    Parameters
    ----------
    path : Path or str
        A ``.xes`` file, gzip-compressed or not.

    Returns
    -------
    polars.DataFrame
        ``case_id`` (the trace's ``concept:name``), ``activity`` (the event's
        ``concept:name``), ``timestamp`` (``time:timestamp`` in UTC), then every other
        event attribute as text, in file order (an attribute itself called ``case_id``,
        ``activity`` or ``timestamp`` gets an ``_attribute`` suffix).

    Raises
    ------
    InputError
        When the file is not well-formed XML, declares entities, or holds no trace.
    """
    path = Path(path)
    rows: list[dict[str, str | None]] = []
    case: str | None = None
    stack: list[str] = []
    try:
        with _open(path) as handle:
            for event, element in iterparse(handle, events=("start", "end"),
                                            forbid_dtd=True):
                name = _local(element.tag)
                if event == "start":
                    stack.append(name)
                    if name == "trace":
                        case = None
                    continue
                stack.pop()
                parent = stack[-1] if stack else None
                if name == "event":
                    rows.append({"case_id": case, **_attributes(element)})
                    element.clear()
                elif name == "trace":
                    element.clear()
                elif parent == "trace" and element.get("key") == "concept:name":
                    case = element.get("value")
    except (ParseError, DefusedXmlException, OSError, EOFError, zlib.error) as exc:
        raise _fail(path, f"{type(exc).__name__}: {exc}") from exc
    if not rows:
        raise _fail(path, t("inp_xes_no_event", "en"), literal=False)
    return _frame(rows)


def _append(columns: dict[str, list[str | None]], values: dict[str, str], n: int) -> None:
    """Add one event to the columns read so far (``n`` events long); new keys start empty."""
    for key in values:
        if key not in columns:
            columns[key] = [None] * n
    for key, column in columns.items():
        column.append(values.get(key))


def read_xes_keys(path: Path | str, lang: str = "en") -> pl.DataFrame:
    """Read an XES event log with its attributes named by their XES keys, as text.

    The file is streamed: each trace is dropped from memory once its events are read. A
    trace's attributes become columns ``case:<key>`` (``case:concept:name``), as
    process-mining tools name them; an event's attributes keep their key
    (``concept:name``, ``time:timestamp``, ``lifecycle:transition``). Values are the text
    the file holds, for the contract's validation to parse.

    Parameters
    ----------
    path : Path or str
        A ``.xes`` file, gzip-compressed or not.
    lang : {"fr", "en"}
        Language of error messages.

    Returns
    -------
    polars.DataFrame
        One row per event, in file order, every column ``String``.

    Raises
    ------
    InputError
        When the file is not well-formed XML, declares entities, or holds no event.
    """
    path = Path(path)
    columns: dict[str, list[str | None]] = {}
    trace: dict[str, str] = {}
    stack: list[str] = []
    n = 0
    try:
        with _open(path) as handle:
            for event, element in iterparse(handle, events=("start", "end"),
                                            forbid_dtd=True):
                name = _local(element.tag)
                if event == "start":
                    stack.append(name)
                    if name == "trace":
                        trace = {}
                    continue
                stack.pop()
                if name == "event":
                    _append(columns, {**trace, **_attributes(element, rename=False)}, n)
                    n += 1
                    element.clear()
                elif name == "trace":
                    element.clear()
                elif stack[-1:] == ["trace"] and name in _TYPES and element.get("key"):
                    trace[f"case:{element.get('key')}"] = element.get("value", "")
    except (ParseError, DefusedXmlException, OSError, EOFError, zlib.error) as exc:
        raise _fail(path, f"{type(exc).__name__}: {exc}", lang=lang) from exc
    if not n:
        raise _fail(path, t("inp_xes_no_event", lang), literal=False, lang=lang)
    return pl.DataFrame(columns, schema={key: pl.String for key in columns})


def _frame(rows: list[dict[str, str]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, infer_schema_length=None)
    frame = frame.rename({"concept:name": "activity"}) if "concept:name" in frame.columns \
        else frame.with_columns(pl.lit(None, dtype=pl.String).alias("activity"))
    if "time:timestamp" in frame.columns:
        frame = frame.with_columns(pl.col("time:timestamp").str.to_datetime(
            time_zone="UTC", strict=False).alias("timestamp")).drop("time:timestamp")
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Datetime("us", "UTC"))
                                   .alias("timestamp"))
    first = ["case_id", "activity", "timestamp"]
    return frame.select(*first, *[c for c in frame.columns if c not in first])


def write_xes(frame: pl.DataFrame, path: Path | str, case: str = "customer_id",
              activity: str = "channel_id", timestamp: str = "timestamp") -> Path:
    """Write an event frame as an XES log: one trace per case, events in time order.

    Parameters
    ----------
    frame : polars.DataFrame
        The events.
    path : Path or str
        The ``.xes`` file to write (``.gz`` suffix: compressed).
    case, activity, timestamp : str
        Columns giving the trace id, the event name and its time.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    others = [c for c in frame.columns if c not in (case, activity, timestamp, "__row__")]
    ordered = frame.with_row_index("__order").sort(case, timestamp, "__order")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">',
             '<extension name="Concept" prefix="concept" '
             'uri="http://www.xes-standard.org/concept.xesext"/>',
             '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>']
    for (key,), group in ordered.group_by(case, maintain_order=True):
        lines.append(f'<trace><string key="concept:name" value={quoteattr(str(key))}/>')
        for row in group.iter_rows(named=True):
            parts = [f'<string key="concept:name" value={quoteattr(str(row[activity]))}/>']
            stamp = row[timestamp]
            if stamp is not None:
                text = stamp.isoformat() if stamp.tzinfo else stamp.isoformat() + "+00:00"
                parts.append(f'<date key="time:timestamp" value="{text}"/>')
            parts += [f"<string key={quoteattr(c)} value={quoteattr(str(row[c]))}/>"
                      for c in others if row[c] is not None]
            lines.append("<event>" + "".join(parts) + "</event>")
        lines.append("</trace>")
    lines.append("</log>")
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    return path
