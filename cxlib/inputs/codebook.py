"""Hierarchical codebooks: read from YAML, XLSX/CSV or a REFI-QDA ``.qdc``, check, and path.

A codebook frame has one row per code: ``code_id``, ``label``, ``parent_id`` (null at
the top level), ``kind`` (stage, channel, valence, emotion or theme; null when the
source has none, as in REFI-QDA), ``description`` and ``colour`` (``#rrggbb``). French
and English kind names are accepted (``étape``, ``canal``, ``thème``…).

YAML codebooks nest codes under ``children``::

    codes:
      - id: irritant
        label: Irritant
        kind: valence
        children:
          - {id: irr_wait, label: Waiting time, kind: theme}

XLSX and CSV codebooks are plain tables with the same columns, read like every other
input (any encoding, ``;`` or ``,``, a data sheet). Every problem — duplicate or empty
ids, unknown parents, cycles, unknown kinds, bad colours — is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from cxlib.errors import InputError, Problem
from cxlib.inputs._qdaxml import CODEBOOK_SCHEMA, codebook_frame
from cxlib.inputs._textio import decode_text, fail, parse_xml, read_file
from cxlib.inputs.readers import read_raw
from cxlib.inputs.schemas import ENUMS

__all__ = ["CODEBOOK_SCHEMA", "check_codebook", "code_paths", "codebook_from_records",
           "parent_cycles", "read_codebook"]

_ALIASES = {
    "id": "code_id", "code": "code_id", "name": "label", "libellé": "label",
    "libelle": "label", "parent": "parent_id", "type": "kind", "nature": "kind",
    "definition": "description", "définition": "description", "color": "colour",
    "couleur": "colour",
}
_CHILDREN = ("children", "codes", "sous_codes", "enfants")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_KIND = {alias: kind for kind, aliases in ENUMS["code_kind"].items()
         for alias in (kind, *aliases)}


def parent_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Return each cycle of parent links, as ``[a, b, …, a]``.

    Parameters
    ----------
    parents : mapping
        Code id -> its parent's id (None for a top-level code).

    Returns
    -------
    list of list of str
        One list per cycle, starting and ending with the first code of the loop met.
    """
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in parents:
        chain: list[str] = []
        code: str | None = start
        while code is not None and code in parents and code not in done and code not in chain:
            chain.append(code)
            code = parents[code]
        if code in chain:
            cycles.append([*chain[chain.index(code):], code])
        done.update(chain)
    return cycles


def _clean(value: Any) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def _record(item: Mapping[str, Any], parent: str | None) -> dict[str, str | None]:
    named = {_ALIASES.get(str(k).strip().lower(), str(k).strip().lower()): v
             for k, v in item.items()}
    row = {col: _clean(named.get(col)) for col in CODEBOOK_SCHEMA}
    if parent is not None and row["parent_id"] is None:
        row["parent_id"] = parent
    return row


def codebook_from_records(records: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """Build a codebook frame from (possibly nested) records.

    Parameters
    ----------
    records : iterable of mapping
        One mapping per code with keys ``code_id`` (or ``id``), ``label``, ``parent_id``,
        ``kind``, ``description``, ``colour``; ``children`` holds nested codes.

    Returns
    -------
    polars.DataFrame
        Columns of :data:`CODEBOOK_SCHEMA`, parents before their children.
    """
    rows: list[dict[str, str | None]] = []
    stack = [(item, None) for item in reversed(list(records))]
    while stack:
        item, parent = stack.pop()
        if not isinstance(item, Mapping):
            item = {"code_id": item, "label": item}
        row = _record(item, parent)
        rows.append(row)
        nested = next((item[k] for k in _CHILDREN if isinstance(item.get(k), list)), [])
        stack.extend((c, row["code_id"]) for c in reversed(nested))
    return pl.DataFrame(rows, schema=CODEBOOK_SCHEMA)


def _normalise_kinds(frame: pl.DataFrame) -> pl.DataFrame:
    kind = pl.col("kind")
    return frame.with_columns(
        kind.str.to_lowercase().replace_strict(_KIND, default=kind, return_dtype=pl.String))


def _read_yaml(path: Path, lang: str) -> pl.DataFrame:
    try:
        data = yaml.safe_load(decode_text(read_file(path, lang)))
    except yaml.YAMLError as exc:
        raise fail(path, f"unreadable YAML ({str(exc).splitlines()[0]})", "a YAML codebook",
                   lang) from exc
    if isinstance(data, Mapping):
        data = next((data[k] for k in _CHILDREN if isinstance(data.get(k), list)), None)
    if not isinstance(data, list):
        raise fail(path, "no list of codes", "a list of codes, or a 'codes:' key holding one",
                   lang)
    return codebook_from_records(data)


def _read_table(path: Path, lang: str) -> tuple[pl.DataFrame, list[int]]:
    raw = read_raw(path, lang).frame
    raw = raw.rename({c: _ALIASES[c] for c in raw.columns if c in _ALIASES})
    missing = [c for c in ("code_id", "label") if c not in raw.columns]
    if missing:
        raise fail(path, f"headers {', '.join(c for c in raw.columns if c != '__row__')}",
                   f"columns {', '.join(missing)} (and optionally parent_id, kind, "
                   "description, colour)", lang)
    frame = raw.select(
        pl.col(c).cast(pl.String).str.strip_chars().replace("", None) if c in raw.columns
        else pl.lit(None, pl.String).alias(c) for c in CODEBOOK_SCHEMA)
    return frame, raw["__row__"].to_list()


def read_codebook(path: Path | str, lang: str = "en") -> pl.DataFrame:
    """Read and check a codebook.

    Parameters
    ----------
    path : Path or str
        A ``.yaml``/``.yml``, ``.xlsx``, ``.csv`` or REFI-QDA ``.qdc`` file.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    polars.DataFrame
        Columns of :data:`CODEBOOK_SCHEMA`; kinds normalised to their English id.

    Raises
    ------
    InputError
        Listing every problem: unreadable file, missing columns, duplicate or empty ids,
        unknown parents, cycles, unknown kinds, malformed colours.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    rows: list[int] | None = None
    if suffix in (".yaml", ".yml"):
        frame = _read_yaml(path, lang)
    elif suffix in (".xlsx", ".csv"):
        frame, rows = _read_table(path, lang)
    elif suffix == ".qdc":
        frame = codebook_frame(parse_xml(read_file(path, lang), path, lang))
    else:
        raise fail(path, f"a '{suffix or path.name}' file",
                   "a codebook in .yaml, .xlsx, .csv or REFI-QDA .qdc", lang)
    frame = _normalise_kinds(frame)
    problems = check_codebook(frame, path, rows)
    if problems:
        raise InputError.from_problems(problems, lang, file=path)
    return frame


def _row_problems(frame: pl.DataFrame, path: Path, rows: list[int | None]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    ids = set(frame["code_id"].drop_nulls())
    kinds = ", ".join(ENUMS["code_kind"])
    for row, code in zip(rows, frame.iter_rows(named=True), strict=True):
        def add(column: str, found: str, expected: str, row: int | None = row) -> None:
            problems.append(Problem(path, column, found, expected, row))
        if code["code_id"] is None:
            add("code_id", "", "a code identifier")
        elif code["code_id"] in seen:
            add("code_id", code["code_id"], "an identifier used once")
        seen.add(code["code_id"])
        if code["label"] is None:
            add("label", "", "a label")
        if code["parent_id"] is not None and code["parent_id"] not in ids:
            add("parent_id", code["parent_id"], "the code_id of another code, or empty")
        if code["kind"] is not None and code["kind"] not in ENUMS["code_kind"]:
            add("kind", code["kind"], f"one of {kinds}")
        if code["colour"] is not None and not _COLOUR.match(code["colour"]):
            add("colour", code["colour"], "a colour like #d62728")
    return problems


def _cycles(frame: pl.DataFrame) -> list[list[str]]:
    return parent_cycles(dict(zip(frame["code_id"], frame["parent_id"], strict=True)))


def check_codebook(codebook: pl.DataFrame, path: Path | None = None,
                   rows: list[int] | None = None) -> list[Problem]:
    """Return every problem of a codebook frame (empty when it is sound).

    Parameters
    ----------
    codebook : polars.DataFrame
        Columns of :data:`CODEBOOK_SCHEMA`.
    path : Path, optional
        The file it came from, for messages.
    rows : list of int, optional
        Each code's row number as the consultant sees it in the file.

    Returns
    -------
    list of Problem
        Empty or duplicate ids, missing labels, unknown parents, unknown kinds,
        malformed colours, and cycles (a code that is its own ancestor).
    """
    path = Path(path or "codebook")
    problems = _row_problems(codebook, path, rows or [None] * codebook.height)
    for cycle in _cycles(codebook):
        problems.append(Problem(path, "parent_id", " > ".join(cycle),
                                "a hierarchy without cycles (no code is its own ancestor)"))
    return problems


def code_paths(codebook: pl.DataFrame, sep: str = " > ", path: Path | None = None,
               lang: str = "en") -> pl.DataFrame:
    """Return each code's path from the top of the hierarchy.

    Parameters
    ----------
    codebook : polars.DataFrame
        Columns ``code_id``, ``label`` and ``parent_id``.
    sep : str
        Separator between labels.
    path : Path, optional
        The codebook's file, for messages.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    polars.DataFrame
        ``code_id``, ``path`` (``"Irritant > Waiting time"``) and ``depth`` (0 at the top).

    Raises
    ------
    InputError
        If a parent is unknown or the hierarchy has a cycle.
    """
    problems = [p for p in check_codebook(codebook.select(
        pl.col(c) if c in codebook.columns else pl.lit(None, pl.String).alias(c)
        for c in CODEBOOK_SCHEMA), path) if p.column == "parent_id"]
    if problems:
        raise InputError.from_problems(problems, lang, file=Path(path or "codebook"))
    label = dict(zip(codebook["code_id"], codebook["label"], strict=True))
    parent = dict(zip(codebook["code_id"], codebook["parent_id"], strict=True))
    paths, depths = [], []
    for code in codebook["code_id"]:
        chain = [code]
        while parent[chain[-1]] is not None:
            chain.append(parent[chain[-1]])
        paths.append(sep.join(label[c] or c for c in reversed(chain)))
        depths.append(len(chain) - 1)
    return pl.DataFrame({"code_id": codebook["code_id"], "path": paths, "depth": depths},
                        schema={"code_id": pl.String, "path": pl.String, "depth": pl.Int64})
