"""Read a client's export through the mapping ``client.yaml`` gives for it.

An input may name, besides its file, how the file's columns become the contract's
(``columns``), how values become ids (``values``, see :mod:`cxlib.inputs.valuemaps`), one
value for every row (``fill``) and the export's layout (``format``, see
:mod:`cxlib.inputs.formats`)::

    inputs:
      events:
        file: BPI2016_Complaints.csv
        columns: {customer_id: CustomerID, timestamp: ContactDate, channel_id: ContactChannelID}
        values: {channel_id: {"1": web_form, "8": phone}}
        fill: {stage_id: complaint}

The mapping is applied as the file is read, before validation; validation then speaks of
the client's own file, its rows as the file numbers them and its columns as the file names
them. Columns neither mapped nor named as in the contract are never read into the
workbench: a respondent's e-mail, IP address or name stays in the client's file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polars as pl

from cxlib.errors import Problem
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.formats import detect_format, leading_number, read_export
from cxlib.inputs.readers import RawTable, normalise_header
from cxlib.inputs.schemas import ENUMS, TABLES, Column, Table
from cxlib.inputs.validation import TableResult
from cxlib.inputs.valuemaps import load_rules, match_values

__all__ = ["is_mapped", "read_mapped", "restore_names"]

ROW = "__row__"
#: Unmapped values listed one by one; the rest are counted in one line.
MAX_VALUES = 20
ROWS_SHOWN = 5
_CONFIG_LISTS = ("stages", "channels", "departments", "waves")


def is_mapped(cfg: ClientConfig, name: str, path: Path) -> bool:
    """Return whether table ``name`` is read through :func:`read_mapped`.

    It is when ``client.yaml`` gives it a mapping or a format, or when its file is an
    XES log (whose attributes must be mapped to be read) or a REFI-QDA project.
    """
    options = cfg.input_options(name)
    return name in cfg.inputs and (options.mapped or options.format is not None
                                   or path.name.lower().endswith((".xes", ".xes.gz", ".qdpx")))


def _declared(spec: Table, cfg: ClientConfig, column: str) -> Column | None:
    for col in spec.columns:
        if col.name == column:
            return col
    pattern = next((p for p in spec.pattern_columns if column.startswith(p.name)), None)
    return pattern if pattern and column[len(pattern.name):] in cfg.ids("stages") else None


def _allowed(column: Column, cfg: ClientConfig) -> list[str] | None:
    """Return the ids a value or fill of ``column`` may be, when client.yaml lists them."""
    if column.ref in _CONFIG_LISTS:
        return cfg.ids(column.ref)
    if column.enum:
        return [code for code, aliases in ENUMS[column.enum].items()
                for code in (code, *aliases)]
    return None


def _unknown_id(cfg: ClientConfig, declared: Column, found: str, lang: str, **where: object
                ) -> Problem | None:
    allowed = _allowed(declared, cfg)
    if allowed is None or found in allowed:
        return None
    shown = ", ".join(allowed[:15]) + (" …" if len(allowed) > 15 else "")
    expected = t(f"expect_ref_{declared.ref}", lang, ids=shown) if declared.ref \
        else t("inp_expect_code", lang, ids=shown)
    return Problem(found=found, expected=expected, **where)  # type: ignore[arg-type]


def _config_checks(cfg: ClientConfig, name: str, lang: str) -> list[Problem]:
    """Check the mapping keys name contract columns, and fills are ids client.yaml knows."""
    options, spec = cfg.input_options(name), TABLES[name]
    config_file, key = cfg.path / "client.yaml", f"inputs.{name}"
    problems = []
    contract = ", ".join(c.name for c in spec.columns)
    for part, columns in (("columns", options.columns), ("values", options.values),
                          ("fill", options.fill)):
        for column in columns:
            if _declared(spec, cfg, column) is None:
                problems.append(Problem(file=config_file, column=f"{key}.{part}.{column}",
                                        key=True, found=column,
                                        expected=t("inp_expect_contract_column", lang,
                                                   table=name, columns=contract)))
    for column, value in options.fill.items():
        declared = _declared(spec, cfg, column)
        if column in options.columns:
            problems.append(Problem(file=config_file, column=f"{key}.fill.{column}", key=True,
                                    found=value, expected=t("inp_expect_fill_or_map", lang,
                                                            column=column)))
        elif declared is not None and (p := _unknown_id(
                cfg, declared, value, lang, file=config_file, column=f"{key}.fill.{column}",
                key=True)):
            problems.append(p)
    return problems


def _lookup(raw: RawTable) -> dict[str, str]:
    """Every name a column may be mapped by -> its column id (headers as written first)."""
    present = [c for c in raw.frame.columns if c != ROW]
    found: dict[str, str] = {}
    for column in present:
        found.setdefault(raw.headers.get(column, column), column)
    for column in present:
        found.setdefault(column, column)
    for alias, column in raw.aliases.items():
        found.setdefault(alias, column)
    return found


def _written(raw: RawTable) -> list[str]:
    """Return the file's headers as written, those not read included."""
    return list(raw.headers.values()) or [c for c in raw.frame.columns if c != ROW]


def _keeper(cfg: ClientConfig, name: str) -> Callable[[list[str]], list[int]]:
    """Return which of a file's headers to read: mapped, or named as the contract names."""
    options, spec = cfg.input_options(name), TABLES[name]
    wanted = {w.strip() for w in options.columns.values()}
    wanted |= {normalise_header(w) for w in wanted}

    def keep(headers: list[str]) -> list[int]:
        return [i for i, header in enumerate(headers)
                if header.strip() in wanted or normalise_header(header) in wanted
                or (normalise_header(header) not in options.fill
                    and _declared(spec, cfg, normalise_header(header)) is not None)]
    return keep


def _find(lookup: dict[str, str], written: str) -> str | None:
    return lookup.get(written) or lookup.get(written.strip()) \
        or lookup.get(normalise_header(written))


def _select(raw: RawTable, cfg: ClientConfig, name: str,
            lang: str) -> tuple[dict[str, str], list[Problem]]:
    """Return each contract column read with the file's column it comes from."""
    options, spec = cfg.input_options(name), TABLES[name]
    lookup, problems = _lookup(raw), []
    select: dict[str, str] = {}
    for column, written in options.columns.items():
        source = _find(lookup, written)
        if source is None:
            shown = ", ".join(_written(raw)[:20])
            problems.append(Problem(file=raw.path, column=written, literal=False,
                                    found=t("inp_found_no_column", lang, headers=shown),
                                    expected=t("inp_expect_mapped_column", lang, column=column,
                                               where=f"inputs.{name}.columns.{column}")))
        elif _declared(spec, cfg, column) is not None:
            select[column] = source
    for column in raw.frame.columns:  # columns already named as the contract names them
        if column not in select and column not in select.values() \
                and column not in options.fill and _declared(spec, cfg, column) is not None:
            select[column] = column
    return select, problems


def read_mapped(cfg: ClientConfig, name: str, path: Path,
                lang: str) -> tuple[RawTable, list[Problem], dict[str, str]]:
    """Read table ``name``'s file through its mapping.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    name : str
        Logical table name.
    path : Path
        The client's file.
    lang : {"fr", "en"}
        Language of messages.

    Returns
    -------
    tuple
        The table in contract shape (mapped columns renamed, values recoded, fills added,
        other columns left out), the problems of the mapping itself, and each contract
        column's name in the client's file (for :func:`restore_names`).

    Raises
    ------
    InputError
        When the file cannot be read, or is not in the format stated.
    """
    options, spec = cfg.input_options(name), TABLES[name]
    problems = _config_checks(cfg, name, lang)
    fmt = detect_format(path, options.format, lang)
    raw = read_export(path, fmt, lang, table=name, keep=_keeper(cfg, name))
    select, found = _select(raw, cfg, name, lang)
    problems += found
    frame = raw.frame.select(ROW, *[pl.col(s).alias(c) for c, s in select.items()])
    names = {c: raw.headers.get(s, s) for c, s in select.items()}
    notes = list(raw.notes)
    renamed = [f"{names[c]} → {c}" for c, s in select.items() if names[c] != c]
    if renamed:
        notes.append(t("inp_note_renamed", lang, pairs=", ".join(renamed)))
    frame = _reshape(frame, spec, cfg, fmt, options.values)
    frame, found, recoded = _recode(frame, cfg, name, raw, select, lang)
    problems += found
    notes += recoded
    fills = {c: v for c, v in options.fill.items() if _declared(spec, cfg, c) is not None}
    frame = frame.with_columns(pl.lit(v, pl.String).alias(c) for c, v in fills.items())
    if fills:
        notes.append(t("inp_note_filled", lang,
                       pairs=", ".join(f"{c} = {v}" for c, v in fills.items())))
    for column in spec.columns:
        if column.required and column.name not in frame.columns \
                and column.name not in options.columns:
            problems.append(Problem(
                file=path, column=column.name, literal=False,
                found=t("inp_found_not_mapped", lang, headers=", ".join(
                    _written(raw)[:20])),
                expected=t("inp_expect_map_column", lang, column=column.name,
                           help=getattr(column, f"help_{lang}", column.help_en),
                           where=f"inputs.{name}.columns")))
    skipped = len((set(raw.headers) | set(raw.frame.columns)) - {ROW, *select.values()})
    if skipped:
        notes.append(t("inp_note_not_read", lang, n=skipped))
    notes.append(t("inp_note_rows", lang, n=frame.height, dropped=raw.dropped))
    return (RawTable(path, frame, typed=raw.typed, notes=notes, headers=names,
                     dropped=raw.dropped), problems, names)


def _reshape(frame: pl.DataFrame, spec: Table, cfg: ClientConfig, fmt: str,
             values: dict) -> pl.DataFrame:
    """Read an export's own ways: a day with its time for a date, a scale's label."""
    changes = []
    for column in frame.columns:
        declared = _declared(spec, cfg, column)
        if declared is None or frame[column].dtype != pl.String or column in values:
            continue
        if declared.kind == "date":
            changes.append(pl.col(column).str.strip_chars().str.replace(
                r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})[ T]\d{1,2}:\d{2}.*$", "$1"))
        elif declared.kind in ("int", "float") and fmt in ("qualtrics", "surveymonkey"):
            changes.append(leading_number(column))
    return frame.with_columns(changes) if changes else frame


def _rows_text(rows: list[int], total: int) -> str:
    return ", ".join(str(r) for r in rows[:ROWS_SHOWN]) + (" …" if total > ROWS_SHOWN else "")


def _recode(frame: pl.DataFrame, cfg: ClientConfig, name: str, raw: RawTable,
            select: dict[str, str], lang: str) -> tuple[pl.DataFrame, list[Problem], list[str]]:
    """Apply ``values:``; return the frame, problems and the notes of what was recoded."""
    options, spec = cfg.input_options(name), TABLES[name]
    config_file, key = cfg.path / "client.yaml", f"inputs.{name}.values"
    problems: list[Problem] = []
    notes: list[str] = []
    for column, spec_values in options.values.items():
        declared = _declared(spec, cfg, column)
        if declared is None:
            continue  # reported by _config_checks
        if column not in frame.columns:
            if column in options.columns:
                continue  # mapped to a column the file lacks: said once, by read_mapped
            problems.append(Problem(file=config_file, column=f"{key}.{column}", key=True,
                                    found=column, expected=t("inp_expect_values_column", lang,
                                                             column=column)))
            continue
        rules, workbook, headers, found = load_rules(spec_values, cfg.path, f"{key}.{column}",
                                                     config_file, lang)
        problems += found
        for rule in rules:
            where = ({"file": workbook, "row": rule.row,
                      "column": next(iter(h for c, h in headers.items() if c in
                                          ("id", "to", "target", "cible")), "id")}
                     if workbook else {"file": config_file, "column": f"{key}.{column}",
                                       "key": True})
            if (p := _unknown_id(cfg, declared, rule.target, lang, **where)):
                problems.append(p)
        if found:
            continue
        text = frame[column].cast(pl.String).str.strip_chars()
        frame = frame.with_columns(pl.when(text != "").then(text).alias(column))
        table = match_values(frame[column].drop_nulls().unique(), rules)
        frame = frame.with_columns(pl.col(column).replace_strict(
            table["value"], table["id"], default=None, return_dtype=pl.String))
        missing = table.filter(pl.col("id").is_null())["value"]
        problems += _unmapped(frame, text, missing, raw, select[column], f"{key}.{column}",
                              lang)
        notes.append(t("inp_note_recoded", lang, column=column, n=table.height,
                       rows=int(frame[column].is_not_null().sum()),
                       source=workbook.name if workbook else "client.yaml"))
    return frame, problems, notes


def _unmapped(frame: pl.DataFrame, text: pl.Series, missing: pl.Series, raw: RawTable,
              source: str, where: str, lang: str) -> list[Problem]:
    """One problem per value without a mapping: its count and first rows."""
    if missing.is_empty():
        return []
    found = (pl.DataFrame({"value": text, ROW: frame[ROW]})
             .filter(pl.col("value").is_in(missing.implode()))
             .group_by("value", maintain_order=True)
             .agg(pl.len().alias("n"), pl.col(ROW).head(ROWS_SHOWN).alias("rows"))
             .sort("n", "value", descending=[True, False]))
    column = raw.headers.get(source, source)
    problems = [Problem(file=raw.path, row=rows[0], column=column, found=value,
                        expected=t("inp_expect_value_mapped", lang, n=n,
                                   rows=_rows_text(rows, n), where=where))
                for value, n, rows in found.head(MAX_VALUES).iter_rows()]
    if found.height > MAX_VALUES:
        problems.append(Problem(file=raw.path, column=column, literal=False,
                                found=t("inp_found_more_values", lang,
                                        n=found.height - MAX_VALUES),
                                expected=problems[0].expected))
    return problems


def restore_names(result: TableResult, names: dict[str, str],
                  early: list[Problem]) -> TableResult:
    """Name columns in the client's words in a mapped table's problems and warnings.

    Parameters
    ----------
    result : TableResult
        The table as validated, in contract shape.
    names : dict
        Each contract column's name in the client's file.
    early : list of Problem
        The mapping's own problems, put first. Validation's problems on a column the
        mapping has already reported are left out: "no such column" for a column not
        mapped or mapped to no column, and every cell of a column with values the mapping
        cannot recode (those cells are empty until the mapping is completed).

    Returns
    -------
    TableResult
        ``result``, its problems and warnings renamed.
    """
    def rename(problem: Problem) -> Problem:
        if problem.file == result.path and problem.column in names:
            return replace(problem, column=names[problem.column])
        return problem

    reported = {p.column for p in early if p.file == result.path}
    failed = {column for column, header in names.items() if header in reported}
    kept = [p for p in result.problems
            if not (p.file == result.path and (p.column in failed or (
                p.row is None and p.column not in result.frame.columns)))]
    result.problems = early + [rename(p) for p in kept]
    result.warnings = [rename(p) for p in result.warnings]
    return result
