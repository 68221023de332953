"""Parse the text of an input column into its type, as French and English exports write it.

Decimal commas and thousands spaces, ``dd/mm/yyyy`` and ISO dates, day-and-time values with
or without a UTC offset, ``oui``/``non``, French code labels. Parsing never refuses: a value
that does not parse becomes empty, and :mod:`~cxlib.inputs.validation` turns it into a
problem with the words of :func:`expected_bad`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import polars as pl

from cxlib.i18n import t
from cxlib.inputs.schemas import ENUMS, Column

__all__ = ["AWARE", "DATE_ONLY", "KIND_DTYPES", "already_typed", "as_text", "expected_bad",
           "expected_kind", "parse_expr", "plain_integers"]

_TRUE = {"oui", "o", "yes", "y", "vrai", "true", "1", "x", "1.0"}
_FALSE = {"non", "n", "no", "faux", "false", "0", "0.0"}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_DATETIME_FORMATS = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
)
#: A UTC offset at the end of a day-and-time value: ``Z``, ``UTC``, ``+02:00``, ``-0500``.
_OFFSET = r"\s*(?:[zZ]|UTC|[+-]\d{2}(?::?\d{2})?)$"
AWARE = r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?" + _OFFSET
_OFFSET_PARTS = r"([+-])(\d{2}):?(\d{2})?$"
#: Month-first dates (US exports), recognised only to say so when they are refused.
_MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")

DATE_ONLY = r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$"

KIND_DTYPES: dict[str, pl.DataType] = {
    "str": pl.String(), "id": pl.String(), "enum": pl.String(), "int": pl.Int64(),
    "float": pl.Float64(), "date": pl.Date(), "datetime": pl.Datetime("us"),
    "bool": pl.Boolean(),
}



def _number_expr(col: str) -> pl.Expr:
    """Read numbers written the French or the English way, per value and per column.

    ``1.234,5`` and ``1,234.5`` are unambiguous. ``1.234`` alone is French thousands only
    when nothing else in the column uses the dot as a decimal point (``0.92``, ``1.5``)
    and it does not start with ``0.``: ``0.914`` is always a decimal.
    """
    s = pl.col(col).str.replace_all(r"[\s\u00a0\u202f']", "")
    dot_decimals = s.str.contains(r"^[-+]?\d+\.(\d{1,2}|\d{4,})$").any() \
        | s.str.contains(r"^[-+]?0\.\d+$").any()
    eu_thousands = s.str.contains(r"^[-+]?\d{1,3}(\.\d{3})+,\d+$") | (
        s.str.contains(r"^[-+]?[1-9]\d{0,2}(\.\d{3})+$") & ~dot_decimals)
    us_thousands = s.str.contains(r"^[-+]?\d{1,3}(,\d{3})+\.\d+$")
    text = (
        pl.when(eu_thousands).then(s.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(us_thousands).then(s.str.replace_all(",", ""))
        .otherwise(s.str.replace(",", "."))
    )
    return text.cast(pl.Float64, strict=False)


def plain_integers(frame: pl.DataFrame, names: list[str]) -> set[str]:
    """Return those of the cleaned text columns ``names`` whose values are all plain integers.

    A plain integer is written in digits alone, with at most a sign (``4``, ``-2``,
    ``007``): scores and counts, nearly every numeric column of a survey. Such a column
    needs none of :func:`_number_expr`'s readings of separators and decimal marks (seven
    searches per value), so :func:`parse_expr` reads it directly, about fifty times faster.
    """
    if not names:
        return set()
    failed = frame.select(
        (pl.col(n).is_not_null() & pl.col(n).str.to_integer(strict=False).is_null()).any()
        for n in names).row(0, named=True)
    return {n for n in names if not failed[n]}


def parse_expr(column: Column, col: str, *, plain: bool = False) -> pl.Expr:
    """Return an expression turning the cleaned text column ``col`` into its kind.

    ``plain``: the column's values are all plain integers (:func:`plain_integers`), read
    directly when the kind is a number.
    """
    s = pl.col(col)
    kind = column.kind
    if kind in ("str", "id"):
        return s
    if plain and kind in ("int", "float"):
        return s.str.to_integer(strict=False)
    if kind == "float":
        return _number_expr(col)
    if kind == "int":
        num = _number_expr(col)
        return pl.when(num == num.round(0)).then(num).otherwise(None).cast(pl.Int64,
                                                                            strict=False)
    if kind == "date":
        dates = [s.str.to_date(f, strict=False) for f in _DATE_FORMATS]
        dates += [s.str.to_datetime(f, strict=False).dt.date() for f in _DATETIME_FORMATS]
        return pl.coalesce(dates)
    if kind == "datetime":
        return _datetime_expr(s)
    if kind == "bool":
        low = s.str.to_lowercase()
        return pl.when(low.is_in(sorted(_TRUE))).then(True).when(
            low.is_in(sorted(_FALSE))).then(False).otherwise(None)
    if kind == "enum":
        aliases = _enum_aliases(column.enum or "")
        return s.str.to_lowercase().replace_strict(aliases, default=None, return_dtype=pl.String)
    raise ValueError(f"unknown column kind {kind!r}")


def _local_datetime(s: pl.Expr) -> pl.Expr:
    stamps = [s.str.to_datetime(f, strict=False, time_unit="us") for f in _DATETIME_FORMATS]
    stamps += [s.str.to_date(f, strict=False).cast(pl.Datetime("us")) for f in _DATE_FORMATS]
    return pl.coalesce(stamps)


def _datetime_expr(s: pl.Expr) -> pl.Expr:
    """Parse day-and-time text; a value ending with a UTC offset is converted to UTC.

    ``2026-09-15T14:05:00+02:00``, ``15/09/2026 14:05 +0200`` and ``2026-09-15 12:05Z``
    are all 12:05 UTC; values without an offset are kept as written (see
    :func:`_zone_problems` for a column mixing both).
    """
    aware = s.str.contains(AWARE)
    sign = pl.when(s.str.extract(_OFFSET_PARTS, 1) == "-").then(-1).otherwise(1)
    minutes = sign * (s.str.extract(_OFFSET_PARTS, 2).cast(pl.Int64, strict=False) * 60
                      + s.str.extract(_OFFSET_PARTS, 3).cast(pl.Int64, strict=False)
                      .fill_null(0))
    utc = _local_datetime(s.str.replace(_OFFSET, "")) - pl.duration(
        minutes=minutes.fill_null(0))
    return pl.when(aware).then(utc).otherwise(_local_datetime(s))


def _enum_aliases(name: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for code, aliases in ENUMS[name].items():
        mapping[code] = code
        mapping[code.replace("_", " ")] = code
        for alias in aliases:
            mapping[alias] = code
    return mapping


def already_typed(series: pl.Series, kind: str) -> bool:
    """Return whether a column arrived typed already (Parquet, Excel numbers and dates).

    Parameters
    ----------
    series : polars.Series
        The column as read.
    kind : str
        The contract's kind of the column (``str``, ``id``, ``int``, ``float``, ``date``…).

    Returns
    -------
    bool
        True when the column's dtype already is the kind's, so it needs no text parsing.
    """
    dtype = series.dtype
    if kind in ("str", "id"):
        return dtype == pl.String
    if kind == "int":
        return dtype.is_integer()
    if kind == "float":
        return dtype.is_numeric()
    if kind == "datetime":
        return isinstance(dtype, pl.Datetime)
    if kind == "date":
        return dtype == pl.Date
    if kind == "bool":
        return dtype == pl.Boolean
    return False


def expected_kind(column: Column, lang: str) -> str:
    """Return what a column's values should be, in words (``"a date dd/mm/yyyy"``).

    Parameters
    ----------
    column : Column
        The contract's column.
    lang : {"fr", "en"}
        The consultant's language.

    Returns
    -------
    str
        The expectation, listing the codes of an enum column.
    """
    if column.kind == "enum":
        codes = list(ENUMS[column.enum or ""])
        return t("expect_enum", lang, values=", ".join(codes))
    return t(f"expect_{column.kind}", lang)



def as_text(series: pl.Series) -> pl.Series:
    """Return a column as text; cells that cannot be cast (lists, structs…) as Python shows them."""
    try:
        return series.cast(pl.String)
    except pl.exceptions.PolarsError:
        return pl.Series(series.name, [None if v is None else str(v) for v in series.to_list()],
                         dtype=pl.String)



def _month_first(value: str) -> bool:
    """Whether ``value`` reads as a month-first date (and so not as a day-first one)."""
    for fmt in _MONTH_FIRST:
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return True
    return False


#: A date written day first or ISO, with or without a time after it.
_DATE_SHAPE = re.compile(r"^(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))"
                         r"(?:[ T].*)?$")


def _not_in_calendar(value: str) -> bool:
    """Whether ``value`` is written as a date but names a day that does not exist (31/02)."""
    match = _DATE_SHAPE.match(value)
    if not match:
        return False
    day, month, year = ((match[1], match[2], match[3]) if match[1] else
                        (match[6], match[5], match[4]))
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return False
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return True
    return False


def expected_bad(column: Column, value: str, expected: str, lang: str) -> str:
    """Return what a value that did not parse should have been.

    A US date and a day that is not in the calendar (31/02/2026) each get their own words.
    """
    if column.kind in ("date", "datetime") and _month_first(value):
        return t("expect_day_first", lang)
    if column.kind in ("date", "datetime") and _not_in_calendar(value):
        return t("expect_calendar_day", lang, expected=expected)
    return expected


