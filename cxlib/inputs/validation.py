"""Check a raw input table against the data contract and return it typed.

Each column is parsed by :mod:`~cxlib.inputs.parsing` (the French realities of Excel
exports); a value that did not parse is a problem. Value checks — bounds, scales,
references to configured ids, uniqueness — are declared as a pandera schema built from
:mod:`cxlib.inputs.schemas` and run lazily, so one pass reports every failure. Each failure
becomes a :class:`~cxlib.errors.Problem` naming file, row, column, value and expectation.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from cxlib.errors import Problem
from cxlib.i18n import number, t
from cxlib.inputs.codebook import parent_cycles
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.parsing import (
    AWARE,
    DATE_ONLY,
    KIND_DTYPES,
    already_typed,
    as_text,
    expected_bad,
    expected_kind,
    parse_expr,
    plain_integers,
)
from cxlib.inputs.readers import RawTable
from cxlib.inputs.schemas import Column, Table

if TYPE_CHECKING:  # pandera is imported when a table is checked, not by every kernel
    import pandera.polars as pa

__all__ = ["ROW", "TableResult", "check_table", "empty_table", "parent_cycles",
           "preload_checks"]

ROW = "__row__"
#: Bad values listed per column and check; the rest are counted in one line.
MAX_PER_CHECK = 20

#: The event log: a row repeating an earlier one in every column is dropped.
EVENT_TABLE = "events"
#: Joins a column's name to a working name no header can hold.
_SEP = "\x00"
#: Rows named in a warning; the rest are counted.
ROWS_SHOWN = 5
@dataclass
class TableResult:
    """A table after parsing and checking.

    Attributes
    ----------
    name : str
        Logical table name.
    path : Path
        The file read.
    frame : polars.DataFrame
        Typed columns plus ``__row__`` (file row number); rows with problems are kept,
        exact copies of an event are dropped (with a warning).
    problems : list of Problem
        Everything that breaks the contract.
    warnings : list of Problem
        Things that do not stop a run (unknown columns…).
    notes : list of str
        What the reader noticed (encoding, separator, sheet).
    absent_columns : list of str
        Optional columns of the contract that the file leaves out.
    """

    name: str
    path: Path
    frame: pl.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    absent_columns: list[str] = field(default_factory=list)


def preload_checks() -> None:
    """Start importing pandera in the background (half a second, mostly pandas).

    Reading a workbook or a CSV file releases the interpreter's lock for most of its
    time: the import done meanwhile is free. The first check waits for it if needed.
    """
    import threading

    threading.Thread(target=_import_quietly, args=("pandera.polars",), daemon=True,
                     name="cx-preload-pandera").start()


def _import_quietly(module: str) -> None:
    """Import a module ahead; a failure is left for the import that needs it to report."""
    with contextlib.suppress(Exception):
        importlib.import_module(module)


# -- parsing ----------------------------------------------------------------------------


# -- checks -----------------------------------------------------------------------------


def _limit(problems: list[Problem], column: str, path: Path, lang: str,
           total: int | None = None) -> list[Problem]:
    """Keep the first :data:`MAX_PER_CHECK` problems and count the rest in one line."""
    total = len(problems) if total is None else total
    if total <= MAX_PER_CHECK:
        return problems
    summary = Problem(file=path, column=column,
                      found=t("n_more_rows", lang, n=total - MAX_PER_CHECK), literal=False,
                      expected=problems[0].expected)
    return [*problems[:MAX_PER_CHECK], summary]


def _column_problems(raw: pl.DataFrame, parsed: pl.DataFrame, name: str, column: Column,
                     counts: dict[str, int], path: Path, lang: str) -> list[Problem]:
    """List a column's values that did not parse and its empty required cells."""
    problems: list[Problem] = []
    expected = expected_kind(column, lang)
    if n_bad := counts[f"bad{_SEP}{name}"]:
        bad = raw.select(ROW, name).filter(pl.col(name).is_not_null()
                                            & parsed[name].is_null())
        listed = [Problem(file=path, row=row, column=name, found=value,
                          expected=expected_bad(column, value, expected, lang))
                  for row, value in bad.head(MAX_PER_CHECK).iter_rows()]
        problems += _limit(listed, name, path, lang, total=n_bad)
    if not column.nullable and (n_empty := counts[f"empty{_SEP}{name}"]):
        rows = raw.filter(pl.col(name).is_null())[ROW].head(MAX_PER_CHECK).to_list()
        listed = [Problem(file=path, row=row, column=name, found="", expected=expected)
                  for row in rows]
        problems += _limit(listed, name, path, lang, total=n_empty)
    return problems


def _parse_columns(frame: pl.DataFrame, present: Mapping[str, Column], path: Path,
                   lang: str) -> tuple[dict[str, pl.Series], dict[str, list[Problem]]]:
    """Parse every declared column; return the typed series and each column's problems.

    All columns are cleaned in one query, parsed in a second and counted in a third
    (polars runs each query's columns in parallel); the rows of a column with problems are
    only looked up when it has some.
    """
    if not present:
        return {}, {}
    texts: dict[str, pl.Series] = {}
    cleaned: list[pl.Expr] = []
    for name, column in present.items():
        if already_typed(frame[name], column.kind) and column.kind != "enum":
            cleaned.append(pl.col(name).cast(pl.String).alias(name))
        else:
            if frame[name].dtype != pl.String:
                texts[name] = as_text(frame[name])
            text = pl.col(name).str.strip_chars()
            cleaned.append(pl.when(text == "").then(None).otherwise(text).alias(name))
    raw = frame.with_columns(*texts.values()).select(ROW, *cleaned)
    plain = plain_integers(raw, [n for n, c in present.items() if c.kind in ("int", "float")
                                 and not already_typed(frame[n], c.kind)])
    parsed_exprs: list[pl.Expr] = []
    for name, column in present.items():
        dtype = KIND_DTYPES[column.kind]
        if already_typed(frame[name], column.kind) and column.kind != "enum":
            value = pl.lit(frame[name]).cast(dtype, strict=False)
        else:
            value = parse_expr(column, name, plain=name in plain).cast(dtype)
        if column.kind == "float":  # NaN and infinities are not numbers a consultant can use
            value = pl.when(value.is_finite()).then(value)
        parsed_exprs.append(value.alias(name))
    parsed = raw.select(parsed_exprs)
    both = pl.concat([raw.select(list(present)), parsed.select(pl.all().name.suffix(_SEP))],
                     how="horizontal")
    counts = both.select(
        *[(pl.col(n).is_not_null() & pl.col(f"{n}{_SEP}").is_null()).sum()
          .alias(f"bad{_SEP}{n}") for n in present],
        *[pl.col(n).is_null().sum().alias(f"empty{_SEP}{n}") for n in present],
    ).row(0, named=True)
    problems = {name: _column_problems(raw, parsed, name, column, counts, path, lang)
                for name, column in present.items()}
    return {name: parsed[name] for name in present}, problems


def _rows_text(rows: list[int], total: int) -> str:
    shown = ", ".join(str(r) for r in rows[:ROWS_SHOWN])
    return shown + (" …" if total > ROWS_SHOWN else "")


def _timestamp_checks(frame: pl.DataFrame, parsed: pl.Series, path: Path,
                      lang: str) -> tuple[list[Problem], list[Problem]]:
    """Check a day-and-time text column as a whole: time zones, values without a time.

    A column must give a UTC offset on every value or on none: values with one are
    converted to UTC, values without one are kept as written (the client's local time),
    and a mix cannot be put on one clock, so the values without an offset are refused.
    Values without a time of day among values with one are read as midnight, with a
    warning.

    Returns
    -------
    tuple of list of Problem
        Problems (values lacking the offset others have) and warnings (values without a
        time of day).
    """
    name = parsed.name
    raw = as_text(frame[name]).str.strip_chars()
    ok = parsed.is_not_null()
    aware = raw.str.contains(AWARE).fill_null(False) & ok
    date_only = raw.str.contains(DATE_ONLY).fill_null(False) & ok
    problems: list[Problem] = []
    if aware.any() and not aware.eq(ok).all():
        naive = frame.select(ROW).with_columns(raw=raw).filter(ok & ~aware)
        expected = t("expect_offset", lang, n=int(aware.sum()))
        listed = [Problem(file=path, row=row, column=name, found=value, expected=expected)
                  for row, value in naive.head(MAX_PER_CHECK).iter_rows()]
        problems = _limit(listed, name, path, lang, total=naive.height)
    warnings: list[Problem] = []
    n_date_only, n_timed = int(date_only.sum()), int((ok & ~date_only).sum())
    if n_date_only and n_timed:
        rows = frame[ROW].filter(date_only).head(ROWS_SHOWN).to_list()
        warnings.append(Problem(
            file=path, column=name, literal=False,
            found=t("ts_found_date_only", lang, n=n_date_only,
                    rows=_rows_text(rows, n_date_only)),
            expected=t("ts_expect_time", lang, m=n_timed)))
    return problems, warnings


def _identical_events(spec: Table, frame: pl.DataFrame, path: Path, lang: str,
                      drop: bool = False) -> tuple[pl.DataFrame, list[Problem]]:
    """Count events that repeat an earlier row in every column; drop them only if asked.

    A date-only log (a CRM or complaints extract) holds real contacts of one customer on
    one day, through one channel, that share every column: they are kept, as
    process-mining tools keep them, and counted in a warning. Where they are copies (an
    export run twice, a join), the consultant says so with ``duplicates: drop`` on the
    input in ``client.yaml``; the first row is then kept. Rows with distinct ``event_id``
    are never identical, so never merged.
    """
    columns = [c for c in frame.columns if c != ROW]
    if spec.name != EVENT_TABLE or not columns or frame.is_empty():
        return frame, []
    first = frame.select(pl.struct(columns).is_first_distinct()).to_series()
    if first.all():
        return frame, []
    copies = frame[ROW].filter(~first)
    rows = _rows_text(copies.head(ROWS_SHOWN).to_list(), copies.len())
    warning = Problem(file=path, literal=False,
                      found=t("ev_found_duplicates" if drop else "ev_found_identical", lang,
                              n=copies.len(), rows=rows),
                      expected=t("ev_expect_once" if drop else "ev_expect_keep", lang))
    return (frame.filter(first) if drop else frame), [warning]


def _bounds(column: Column, cfg: ClientConfig) -> tuple[float | None, float | None]:
    if column.scale:
        scale = cfg.scales[column.scale]
        return scale.min, scale.max
    return column.lo, column.hi


def _pandera_column(column: Column, name: str, cfg: ClientConfig,
                    known: dict[str, list[str]]) -> pa.Column:
    import pandera.polars as pa

    checks = []
    lo, hi = _bounds(column, cfg)
    if lo is not None and hi is not None:
        checks.append(pa.Check.in_range(lo, hi, error=f"range:{lo}:{hi}"))
    elif lo is not None:
        checks.append(pa.Check.ge(lo, error=f"ge:{lo}"))
    if column.ref and column.ref in known:
        checks.append(pa.Check.isin(known[column.ref], error=f"ref:{column.ref}"))
    return pa.Column(KIND_DTYPES[column.kind], checks=checks, nullable=True,
                     unique=column.unique, required=False, name=name)


def _expected_for_check(check: str, lang: str, known: dict[str, list[str]]) -> str:
    kind, _, arg = check.partition(":")
    if kind == "range":
        lo, hi = arg.split(":")
        return t("expect_range", lang, lo=_num(lo), hi=_num(hi))
    if kind == "ge":
        return t("expect_ge", lang, lo=_num(arg))
    if kind == "ref":
        ids = known.get(arg, [])
        shown = ", ".join(ids[:15]) + (" …" if len(ids) > 15 else "")
        return t(f"expect_ref_{arg}", lang, ids=shown)
    if check == "field_uniqueness":
        return t("expect_unique", lang)
    return check


def _num(text: str) -> str:
    value = float(text)
    return str(int(value)) if value.is_integer() else str(value)


def _value_checks(frame: pl.DataFrame, columns: dict[str, Column], cfg: ClientConfig,
                  known: dict[str, list[str]], path: Path, lang: str) -> list[Problem]:
    import pandera.polars as pa
    from pandera.errors import SchemaErrors

    schema = pa.DataFrameSchema(
        {name: _pandera_column(col, name, cfg, known) for name, col in columns.items()},
        strict=False, coerce=False,
    )
    try:
        schema.validate(frame.select(list(columns)), lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases.filter(pl.col("index").is_not_null())
        rows = frame[ROW]
        problems: list[Problem] = []
        for (column, check), group in cases.group_by(["column", "check"], maintain_order=True):
            expected = _expected_for_check(check, lang, known)
            found = [Problem(file=path, row=int(rows[int(i)]), column=column,
                             found=str(value), expected=expected)
                     for value, i in group.select("failure_case", "index")
                     .head(MAX_PER_CHECK).iter_rows()]
            problems += _limit(found, column, path, lang, total=group.height)
        return problems
    return []


# -- columns ----------------------------------------------------------------------------


def _declared_columns(spec: Table, frame: pl.DataFrame,
                      cfg: ClientConfig) -> tuple[dict[str, Column], list[str]]:
    """Map present headers to their declarations; return unknown headers too."""
    present: dict[str, Column] = {c.name: c for c in spec.columns if c.name in frame.columns}
    unknown: list[str] = []
    stages = set(cfg.ids("stages"))
    for name in frame.columns:
        if name == ROW or name in present:
            continue
        pattern = next((p for p in spec.pattern_columns if name.startswith(p.name)), None)
        if pattern and name[len(pattern.name):] in stages:
            present[name] = pattern
        else:
            unknown.append(name)
    return present, unknown


def _missing_columns(spec: Table, frame: pl.DataFrame, unknown: list[str], path: Path,
                     lang: str) -> list[Problem]:
    problems = []
    headers = [c for c in frame.columns if c != ROW]
    for column in spec.columns:
        if column.required and column.name not in frame.columns:
            close = difflib.get_close_matches(column.name, unknown, n=1, cutoff=0.6)
            hint = t("hint_renamed", lang, name=close[0]) if close else ""
            problems.append(Problem(
                file=path, column=column.name,
                found=t("column_absent", lang, headers=", ".join(headers[:20])), literal=False,
                expected=t("expect_column", lang, column=column.name,
                           help=getattr(column, f"help_{lang}", column.help_en)) + hint,
            ))
    return problems


def _parent_cycles(frame: pl.DataFrame) -> list[tuple[int, list[str]]]:
    """Return each cycle of ``parent_id`` links, with the row of the code it starts from."""
    row = dict(zip(frame["code_id"], frame[ROW], strict=True))
    return [(row[cycle[0]], cycle) for cycle in parent_cycles(
        dict(zip(frame["code_id"], frame["parent_id"], strict=True)))]


def _cross_checks(spec: Table, frame: pl.DataFrame, path: Path, lang: str) -> list[Problem]:
    if spec.name == "codebook" and {"code_id", "parent_id"} <= set(frame.columns):
        return [Problem(file=path, row=row, column="parent_id", literal=False,
                        found=t("found_cycle", lang, cycle=" > ".join(cycle)),
                        expected=t("expect_codebook_acyclic", lang))
                for row, cycle in _parent_cycles(frame)]
    if spec.name != "codings" or not {"start", "end"} <= set(frame.columns):
        return []
    bad = frame.filter(pl.col("end") <= pl.col("start"))
    problems = [Problem(file=path, row=row, column="end", found=str(end),
                        expected=t("expect_end_after_start", lang, start=start))
                for row, start, end in bad.select(ROW, "start", "end").iter_rows()]
    return _limit(problems, "end", path, lang)


#: How far from 100% the personas' declared shares of base may add up (warning beyond).
SHARE_TOLERANCE = 0.05


def _share_warnings(spec: Table, frame: pl.DataFrame, path: Path, lang: str) -> list[Problem]:
    """Warn when the personas' shares of base do not add up to about 100%.

    Only a split of the base is checked: with a single persona, its share is how much of
    the base it covers, not part of a total.
    """
    if spec.name != "personas" or "share_of_base" not in frame.columns:
        return []
    shares = frame["share_of_base"].drop_nulls()
    if shares.len() < 2 or abs(shares.sum() - 1) <= SHARE_TOLERANCE:
        return []
    return [Problem(file=path, column="share_of_base", literal=False,
                    found=t("pe_found_shares", lang,
                            total=number(shares.sum(), lang, 0, percent=True)),
                    expected=t("pe_expect_shares", lang,
                               lo=number(1 - SHARE_TOLERANCE, lang, 0, percent=True),
                               hi=number(1 + SHARE_TOLERANCE, lang, 0, percent=True)))]


def check_table(raw: RawTable, spec: Table, cfg: ClientConfig,
                known: dict[str, list[str]], lang: str, *,
                drop_duplicates: bool = False) -> TableResult:
    """Parse and check one table against its declaration.

    Parameters
    ----------
    raw : RawTable
        The file as read.
    spec : Table
        Its declaration in :data:`cxlib.inputs.schemas.TABLES`.
    cfg : ClientConfig
        The client's configuration (scales, ids).
    known : dict
        Ids that ``ref`` columns may hold, by what they refer to (``stages``,
        ``personas``…). Refs with no entry are not checked.
    lang : {"fr", "en"}
        Language of the messages.
    drop_duplicates : bool, optional
        Whether event rows identical to an earlier one in every column are copies to drop
        (``duplicates: drop`` on the input); by default they are kept and counted.

    Returns
    -------
    TableResult
        The typed frame with every problem found.
    """
    frame = raw.frame
    present, unknown = _declared_columns(spec, frame, cfg)
    problems = _missing_columns(spec, frame, unknown, raw.path, lang)
    warnings = [Problem(file=raw.path, column=name, found=t("column_unknown", lang),
                        literal=False,
                        expected=t("expect_known_column", lang)) for name in unknown]
    typed: list[pl.Series] = [frame[ROW]]
    cells: list[Problem] = []
    columns, column_problems = _parse_columns(frame, present, raw.path, lang)
    for name, column in present.items():
        series = columns[name]
        typed.append(series)
        cells += column_problems[name]
        if column.kind == "datetime" and not already_typed(frame[name], "datetime"):
            found, noticed = _timestamp_checks(frame, series, raw.path, lang)
            cells += found
            warnings += noticed
    parsed = pl.DataFrame(typed)
    if spec.name == "codebook" and "code_id" in parsed.columns:
        known = {**known, "codebook": parsed["code_id"].drop_nulls().to_list()}
    cells += _value_checks(parsed, present, cfg, known, raw.path, lang)
    cells += _cross_checks(spec, parsed, raw.path, lang)
    warnings += _share_warnings(spec, parsed, raw.path, lang)
    parsed, duplicates = _identical_events(spec, parsed, raw.path, lang, drop_duplicates)
    warnings += duplicates
    order = {name: i for i, name in enumerate(parsed.columns)}
    cells.sort(key=lambda p: (p.row is None, p.row or 0, order.get(p.column or "", -1)))
    absent = [c.name for c in spec.columns if c.name not in frame.columns]
    return TableResult(spec.name, raw.path, parsed, problems + cells, warnings, raw.notes,
                       absent)


def empty_table(spec: Table) -> pl.DataFrame:
    """Return a table the client has not provided: its contract's columns, typed, no rows.

    Parameters
    ----------
    spec : Table
        The table's declaration.

    Returns
    -------
    polars.DataFrame
        ``__row__`` and every declared column, with no row.
    """
    schema = {ROW: pl.Int64(), **{c.name: KIND_DTYPES[c.kind] for c in spec.columns}}
    return pl.DataFrame(schema=schema)
