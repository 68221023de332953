"""Large event logs left on disk: scanned lazily and checked by streaming aggregates.

A Parquet event log of :data:`LAZY_ROWS` rows or more is not loaded. :func:`check_scan`
checks it against the data contract in one streaming pass that counts, per column and
check, the values that break it; only for a count above zero is the file read again for
the first offending rows, so each problem still names file, row, column, value and
expectation exactly as :func:`cxlib.inputs.validation.check_table` words it. The typed
table is an :class:`EventScan`: a polars ``LazyFrame`` (analyses aggregate it with the
streaming engine, so no process holds the log) that also answers the few questions code
asks of a DataFrame (``height``, ``columns``, one column by name).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import polars as pl

from cxlib.errors import Problem
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.parsing import (
    AWARE,
    DATE_ONLY,
    KIND_DTYPES,
    _enum_aliases,
    already_typed,
    expected_bad,
    expected_kind,
    parse_expr,
)
from cxlib.inputs.readers import RawTable
from cxlib.inputs.schemas import ENUMS, Column, Table
from cxlib.inputs.validation import (
    MAX_PER_CHECK,
    ROW,
    ROWS_SHOWN,
    TableResult,
    _bounds,
    _declared_columns,
    _expected_for_check,
    _limit,
    _missing_columns,
    _rows_text,
)

__all__ = ["LAZY_ROWS", "EventScan", "check_scan", "engine", "is_large", "streamed"]

#: Rows from which a Parquet event log is scanned rather than loaded.
LAZY_ROWS = 1_000_000
#: Seed of the row hash that counts identical events.
_SEED = 20261206


class EventScan(pl.LazyFrame):
    """A validated event log left on disk: a lazy frame with a few DataFrame answers.

    Every polars operation returns an ``EventScan`` still lazy; ``collect`` returns a
    DataFrame. ``height``, ``columns``, ``schema``, ``is_empty()`` and ``scan["column"]``
    are answered by streaming queries (a column is the only one that is materialised),
    so code written for an eager frame keeps working on a large log.
    """

    @property
    def columns(self) -> list[str]:  # type: ignore[override]
        """Column names (from the schema; nothing is read)."""
        return self.collect_schema().names()

    @property
    def schema(self) -> pl.Schema:  # type: ignore[override]
        """Column names and types (from the schema; nothing is read)."""
        return self.collect_schema()

    @property
    def width(self) -> int:  # type: ignore[override]
        """Number of columns."""
        return len(self.collect_schema())

    @property
    def height(self) -> int:
        """Number of rows, counted by a streaming query (once per frame)."""
        known = self.__dict__.get("_height")
        if known is None:
            known = int(self.select(pl.len()).collect(engine="streaming").item())
            self.__dict__["_height"] = known
        return known

    def __len__(self) -> int:
        return self.height

    def is_empty(self) -> bool:
        """Whether the log has no row."""
        return self.height == 0

    def __getitem__(self, item: Any) -> Any:  # type: ignore[override]
        if isinstance(item, str):
            return self.select(item).collect(engine="streaming").to_series()
        return super().__getitem__(item)

    def hash_rows(self, seed: int = 0) -> pl.Series:
        """Return one value, a fingerprint of the content (not one hash per row).

        The log as validated is its query applied to its files: the query and the files'
        sizes and modification times fingerprint it without reading it. A frame derived
        from it hashes its rows, streaming.
        """
        files = self.__dict__.get("_files")
        if files is None:
            return self.select(pl.struct(pl.all()).hash(seed).sum().alias("hash")).collect(
                engine="streaming").to_series()
        digest = hashlib.blake2b(self.serialize(), digest_size=8, key=str(seed).encode())
        digest.update(repr(files).encode())
        return pl.Series("hash", [int.from_bytes(digest.digest(), "big")], dtype=pl.UInt64)

    def __getstate__(self) -> Any:
        return super().__getstate__(), {k: self.__dict__[k] for k in ("_height", "_files")
                                        if k in self.__dict__}

    def __setstate__(self, state: Any) -> None:
        plan, known = state
        super().__setstate__(plan)
        self.__dict__.update(known)


def streamed(frame: pl.DataFrame | pl.LazyFrame) -> bool:
    """Return whether ``frame`` is a large log left on disk (collect it streaming)."""
    return isinstance(frame, EventScan)


def engine(frame: pl.DataFrame | pl.LazyFrame) -> Any:
    """Return the engine to collect a query on ``frame`` with: streaming for a scan."""
    return "streaming" if streamed(frame) else "auto"


def is_large(path: Path) -> bool:
    """Return whether ``path`` is a Parquet file or folder of :data:`LAZY_ROWS` rows or more.

    The count comes from the files' metadata; a file polars cannot read is left to the
    eager reader, which says why.
    """
    if not path.is_dir() and path.suffix.lower() != ".parquet":
        return False
    source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
    try:
        return pl.scan_parquet(source).select(pl.len()).collect().item() >= LAZY_ROWS
    except (pl.exceptions.PolarsError, OSError, pl.exceptions.PanicException):
        return False


def _typed(dtype: pl.DataType, column: Column) -> bool:
    return column.kind != "enum" and already_typed(pl.Series("x", [], dtype), column.kind)


def _parsed(name: str, column: Column, typed: bool, coded: bool = False) -> pl.Expr:
    """Return the typed value of a column (``raw`` already cleaned under its name).

    ``coded``: an ``enum`` column whose every value is already a code, kept as it is (the
    same values as parsing gives, without mapping every row).
    """
    if coded:
        return pl.col(name)
    value = pl.col(name).cast(KIND_DTYPES[column.kind], strict=False) if typed \
        else parse_expr(column, name).cast(KIND_DTYPES[column.kind])
    if column.kind == "float":
        value = pl.when(value.is_finite()).then(value)
    return value


def _cleaned(scan: pl.LazyFrame, present: dict[str, Column],
             typed: dict[str, bool]) -> pl.LazyFrame:
    """Text columns stripped, blank cells empty; typed columns as they are."""
    text = {name: pl.col(name).cast(pl.String, strict=False).str.strip_chars()
            for name in present if not typed[name]}
    return scan.with_columns(pl.when(expr == "").then(None).otherwise(expr).alias(name)
                             for name, expr in text.items())


def _raw(name: str, typed: bool) -> pl.Expr:
    return pl.col(name).cast(pl.String) if typed else pl.col(name)


def _checks(present: dict[str, Column], typed: dict[str, bool], exact: set[str],
            cfg: ClientConfig,
            known: dict[str, list[str]]) -> dict[str, tuple[pl.Expr, str, str]]:
    """Each check as (bad-row condition, column, kind of problem), by a unique key."""
    out: dict[str, tuple[pl.Expr, str, str]] = {}
    for name, column in present.items():
        raw, value = _raw(name, typed[name]), _parsed(name, column, typed[name])
        if column.kind == "enum":  # a value is a code or an alias of one, in any case
            aliases = sorted(_enum_aliases(column.enum or ""))
            out[f"{name}|parse"] = (raw.is_not_null() & ~raw.str.to_lowercase().is_in(aliases),
                                    name, "parse")
            out[f"{name}|coded"] = (raw.is_not_null() & ~raw.is_in(sorted(ENUMS[column.enum or
                                                                                 ""])),
                                    name, "coded")
        elif name not in exact:  # a column of the contract's type cannot fail to parse
            out[f"{name}|parse"] = (pl.col(name).is_not_null() & value.is_null(), name, "parse")
        if not column.nullable:
            out[f"{name}|empty"] = (raw.is_null(), name, "empty")
        lo, hi = _bounds(column, cfg)
        if lo is not None and hi is not None:
            out[f"{name}|range:{lo}:{hi}"] = (value.is_not_null() & ~value.is_between(lo, hi),
                                              name, f"range:{lo}:{hi}")
        elif lo is not None:
            out[f"{name}|ge:{lo}"] = (value < lo, name, f"ge:{lo}")
        if column.ref and column.ref in known:
            out[f"{name}|ref"] = (value.is_not_null() & ~value.is_in(known[column.ref]),
                                  name, f"ref:{column.ref}")
        if column.kind == "datetime" and not typed[name]:
            ok = value.is_not_null()
            aware = raw.str.contains(AWARE).fill_null(False) & ok
            out[f"{name}|naive"] = (ok & ~aware, name, "naive")
            out[f"{name}|aware"] = (aware, name, "aware")
            out[f"{name}|date_only"] = (raw.str.contains(DATE_ONLY).fill_null(False) & ok,
                                        name, "date_only")
            out[f"{name}|ok"] = (ok, name, "ok")
    return out


def _first(cleaned: pl.LazyFrame, condition: pl.Expr, value: pl.Expr,
           n: int) -> list[tuple[int, Any]]:
    """Return the first ``n`` rows meeting ``condition``: their number and value."""
    return cleaned.filter(condition).select(ROW, value.alias("_v")).head(n).collect(
        engine="streaming").rows()


def _problems(cleaned: pl.LazyFrame, checks: dict[str, tuple[pl.Expr, str, str]],
              counts: dict[str, int], present: dict[str, Column], typed: dict[str, bool],
              known: dict[str, list[str]], path: Path,
              lang: str) -> tuple[list[Problem], list[Problem]]:
    """Problems and warnings from the counts, with the first rows of each failed check."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for key, (condition, name, kind) in checks.items():
        total = counts[key]
        if not total or kind in ("aware", "ok", "coded"):
            continue
        column = present[name]
        raw, value = _raw(name, typed[name]), _parsed(name, column, typed[name])
        if kind == "date_only":
            timed = counts[f"{name}|ok"] - total
            if timed:
                rows = [r for r, _ in _first(cleaned, condition, raw, ROWS_SHOWN)]
                warnings.append(Problem(
                    file=path, column=name, literal=False,
                    found=t("ts_found_date_only", lang, n=total, rows=_rows_text(rows, total)),
                    expected=t("ts_expect_time", lang, m=timed)))
            continue
        if kind == "naive":
            aware = counts[f"{name}|aware"]
            if not aware:
                continue
            expected = t("expect_offset", lang, n=aware)
            listed = [Problem(file=path, row=row, column=name, found=found, expected=expected)
                      for row, found in _first(cleaned, condition, raw, MAX_PER_CHECK)]
        elif kind == "parse":
            expected = expected_kind(column, lang)
            listed = [Problem(file=path, row=row, column=name, found=found,
                              expected=expected_bad(column, found, expected, lang))
                      for row, found in _first(cleaned, condition, raw, MAX_PER_CHECK)]
        elif kind == "empty":
            expected = expected_kind(column, lang)
            listed = [Problem(file=path, row=row, column=name, found="", expected=expected)
                      for row, _ in _first(cleaned, condition, raw, MAX_PER_CHECK)]
        else:
            expected = _expected_for_check(kind, lang, known)
            listed = [Problem(file=path, row=row, column=name, found=str(found),
                              expected=expected)
                      for row, found in _first(cleaned, condition, value, MAX_PER_CHECK)]
        problems += _limit(listed, name, path, lang, total=total)
    return problems, warnings


def _unique_problems(cleaned: pl.LazyFrame, present: dict[str, Column],
                     typed: dict[str, bool], path: Path, lang: str) -> list[Problem]:
    """Values of a ``unique`` column found on more than one row (every such row)."""
    problems: list[Problem] = []
    for name, column in present.items():
        if not column.unique:
            continue
        value = _parsed(name, column, typed[name])
        repeated = cleaned.select(value.count() - value.drop_nulls().n_unique()).collect(
            engine="streaming").item()
        if not repeated:
            continue
        rows = cleaned.select(ROW, value.alias("_v")).filter(
            pl.col("_v").is_not_null() & pl.col("_v").is_duplicated()).collect()
        listed = [Problem(file=path, row=row, column=name, found=str(found),
                          expected=t("expect_unique", lang))
                  for row, found in rows.head(MAX_PER_CHECK).rows()]
        problems += _limit(listed, name, path, lang, total=rows.height)
    return problems


def _identical(typed: pl.LazyFrame, n_rows: int, n_distinct: int, path: Path, lang: str,
               drop: bool) -> tuple[pl.LazyFrame, list[Problem]]:
    """Count events repeating an earlier one in every column (see ``_identical_events``)."""
    if n_distinct >= n_rows:
        return typed, []
    columns = [c for c in typed.collect_schema().names() if c != ROW]
    first = pl.struct(columns).is_first_distinct()
    copies = typed.filter(~first).select(ROW).collect()[ROW]
    warning = Problem(file=path, literal=False,
                      found=t("ev_found_duplicates" if drop else "ev_found_identical", lang,
                              n=copies.len(),
                              rows=_rows_text(copies.head(ROWS_SHOWN).to_list(),
                                              copies.len())),
                      expected=t("ev_expect_once" if drop else "ev_expect_keep", lang))
    return (typed.filter(first) if drop else typed), [warning]


def check_scan(raw: RawTable, spec: Table, cfg: ClientConfig, known: dict[str, list[str]],
               lang: str, *, drop_duplicates: bool = False) -> TableResult:
    """Check a scanned event log against its declaration, streaming; keep it on disk.

    Parameters
    ----------
    raw : RawTable
        The file as scanned (``frame`` a LazyFrame with ``__row__``).
    spec : Table
        Its declaration (the events table).
    cfg : ClientConfig
        The client's configuration.
    known : dict
        Ids that ``ref`` columns may hold, by what they refer to.
    lang : {"fr", "en"}
        Language of the messages.
    drop_duplicates : bool, optional
        Whether rows identical to an earlier one in every column are dropped.

    Returns
    -------
    TableResult
        ``frame`` an :class:`EventScan` typed as the contract says; the same problems
        and warnings, in the same words, as :func:`~cxlib.inputs.validation.check_table`.
    """
    scan = raw.frame.lazy()
    header = pl.DataFrame(schema=scan.collect_schema())
    present, unknown = _declared_columns(spec, header, cfg)
    problems = _missing_columns(spec, header, unknown, raw.path, lang)
    warnings = [Problem(file=raw.path, column=name, found=t("column_unknown", lang),
                        literal=False, expected=t("expect_known_column", lang))
                for name in unknown]
    typed = {name: _typed(header.schema[name], column) for name, column in present.items()}
    exact = {name for name, column in present.items()
             if typed[name] and header.schema[name] == KIND_DTYPES[column.kind]}
    cleaned = _cleaned(scan, present, typed)
    checks = _checks(present, typed, exact, cfg, known)
    enums = {name for name, column in present.items() if column.kind == "enum"}

    def values(coded: set[str]) -> list[pl.Expr]:
        return [_parsed(name, column, typed[name], name in coded).alias(name)
                for name, column in present.items()]

    aggregates = [condition.sum().alias(key) for key, (condition, _, _) in checks.items()]
    aggregates += [pl.len().alias("|rows"),  # enum columns taken as coded: checked below
                   pl.struct(values(enums)).hash(_SEED).n_unique().alias("|distinct")]
    counts = cleaned.select(aggregates).collect(engine="streaming").row(0, named=True)
    coded = {name for name in enums if not counts[f"{name}|coded"]}
    if coded != enums:  # values to map to their codes: count identical rows once mapped
        counts["|distinct"] = cleaned.select(pl.struct(values(coded)).hash(_SEED).n_unique(
        )).collect(engine="streaming").item()
    cells, noticed = _problems(cleaned, checks, counts, present, typed, known, raw.path, lang)
    cells += _unique_problems(cleaned, present, typed, raw.path, lang)
    warnings += noticed
    frame = cleaned.select(ROW, *values(coded))
    frame, duplicates = _identical(frame, counts["|rows"], counts["|distinct"], raw.path,
                                   lang, drop_duplicates)
    warnings += duplicates
    order = {name: i for i, name in enumerate([ROW, *present])}
    cells.sort(key=lambda p: (p.row is None, p.row or 0, order.get(p.column or "", -1)))
    absent = [c.name for c in spec.columns if c.name not in header.columns]
    result = EventScan._from_pyldf(frame._ldf)
    sources = sorted(raw.path.rglob("*.parquet")) if raw.path.is_dir() else [raw.path]
    result.__dict__["_files"] = [(str(f), f.stat().st_size, f.stat().st_mtime_ns)
                                 for f in sources]
    if not drop_duplicates or counts["|distinct"] >= counts["|rows"]:
        result.__dict__["_height"] = counts["|rows"]
    return TableResult(spec.name, raw.path, result, problems + cells, warnings, raw.notes,
                       absent)
