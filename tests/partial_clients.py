"""Copies of a client folder shaped like real partial engagements, made from the data contract.

A real engagement rarely brings every table of :data:`cxlib.inputs.schemas.TABLES`: the
survey comes alone, the workshops have not happened yet, a file arrives with its header
row only, an export leaves out every optional column. :func:`make_case` copies a client
folder and reshapes it into one of :data:`CASES`:

``no_optional_columns``
    every column the contract declares optional (``Column.required`` False), and every
    pattern column (``sat_<stage>``), removed from every table at once — the previous
    wave's touchpoint inventory included;
``without_<table>``
    the table's file removed, and its ``inputs:`` entry in ``client.yaml``;
``header_only_<table>``
    the table's file keeps its header row only, in the same format (a workbook keeps its
    instructions sheet untouched and its data sheet's header row);
``only_survey``, ``only_events``, ``only_interviews``, ``only_workshops``
    every other table removed: interviews come with the codebook and the codings (the
    ``transcripts/`` folder is kept), workshops are the personas and touchpoints with
    their persona_channels and persona_stages if present.

When the touchpoints table is removed, each wave's ``touchpoints:`` reference to a
previous inventory is removed from ``client.yaml`` too, so that the configuration stays
valid; the inventory file itself stays, like every other file. Files are rewritten in the
format they were read from (CSV keeps its encoding, separator and line ends), with polars
and openpyxl, without looping over rows in Python. ``client.yaml`` is edited line by line so
that its comments are kept, and only rewritten with ``yaml.safe_dump`` when a line edit
cannot give the intended content. The source folder is never modified.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import yaml

from cxlib.inputs.loaders import input_path
from cxlib.inputs.readers import normalise_header
from cxlib.inputs.schemas import TABLES

__all__ = ["CASES", "KEPT", "OPTIONAL_WORKSHOP_TABLES", "make_case", "removed_tables"]

#: Tables each ``only_<what>`` case keeps.
KEPT: dict[str, tuple[str, ...]] = {
    "only_survey": ("survey",),
    "only_events": ("events",),
    "only_survey_and_events": ("survey", "events"),
    "only_interviews": ("interviews", "codebook", "codings"),
    "only_workshops": ("personas", "touchpoints", "persona_channels", "persona_stages"),
}
#: Tables ``only_workshops`` keeps when the client has them (it does not need them).
OPTIONAL_WORKSHOP_TABLES = ("persona_channels", "persona_stages")

CASES: list[str] = [
    "no_optional_columns",
    *(f"without_{name}" for name in TABLES),
    *(f"header_only_{name}" for name in TABLES),
    *KEPT,
]

#: Sheet names taken as instructions, and preferred data sheet names (see readers.py).
_INSTRUCTION_SHEETS = {"instructions", "instruction", "notice", "aide", "help", "readme",
                       "lisez-moi", "lisezmoi", "mode d'emploi", "mode d’emploi"}
_DATA_SHEETS = ("données", "donnees", "data")
_HEADER_SCAN = 10
_TOP_KEY = re.compile(r"^([^\s#:-][^:#]*?)\s*:")


def removed_tables(case: str) -> set[str]:
    """Return the tables whose file ``case`` removes.

    Parameters
    ----------
    case : str
        One of :data:`CASES`.

    Returns
    -------
    set of str
        Logical table names.
    """
    if case.startswith("without_"):
        return {case.removeprefix("without_")}
    if case in KEPT:
        return set(TABLES) - set(KEPT[case])
    return set()


def make_case(source: Path, target: Path, case: str) -> Path:
    """Copy the client folder ``source`` to ``target`` and reshape the copy for ``case``.

    Parameters
    ----------
    source : Path
        A client folder (``client.yaml`` and its input files); never modified.
    target : Path
        Where the copy goes; must not exist yet.
    case : str
        One of :data:`CASES`.

    Returns
    -------
    Path
        ``target``.
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}: expected one of {', '.join(CASES)}")
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target)
    config = _read_config(target)
    stages = {s["id"] for s in config.get("stages") or [] if isinstance(s, dict)}
    if case == "no_optional_columns":
        for name, spec in TABLES.items():
            drop = {c.name for c in spec.columns if not c.required}
            prefixes = tuple(p.name for p in spec.pattern_columns)
            for path in _table_files(target, config, name):
                _drop_columns(path, drop, prefixes, stages)
    elif case.startswith("header_only_"):
        name = case.removeprefix("header_only_")
        for path in _table_files(target, config, name, previous=False):
            _keep_header(path)
    else:
        removed = removed_tables(case)
        for name in removed:
            _remove_table(target, config, name)
        _edit_config(target, removed, drop_inventories="touchpoints" in removed)
    return target


# -- finding a table's files ----------------------------------------------------------------


def _read_config(folder: Path) -> dict:
    return yaml.safe_load((folder / "client.yaml").read_text(encoding="utf-8-sig")) or {}


def _input_path(folder: Path, config: dict, name: str) -> Path | None:
    """The file the loader reads table ``name`` from (its ``inputs:`` entry, else by name)."""
    inputs = config.get("inputs") or {}

    def input_file(table: str) -> str | None:
        value = inputs.get(table)
        return value.get("file") if isinstance(value, dict) else value

    return input_path(SimpleNamespace(path=folder, inputs=inputs, input_file=input_file), name)


def _table_files(folder: Path, config: dict, name: str, previous: bool = True) -> list[Path]:
    """Return the existing files of table ``name``; with ``previous``, the touchpoints table
    includes each wave's previous inventory. A folder of Parquet files gives its files."""
    found = [_input_path(folder, config, name)]
    if previous and name == "touchpoints":
        found += [folder / w["touchpoints"] for w in config.get("waves") or []
                  if isinstance(w, dict) and w.get("touchpoints")]
    files: list[Path] = []
    for path in found:
        if path is not None and path.is_dir():
            files += sorted(path.rglob("*.parquet"))
        elif path is not None and path.is_file():
            files.append(path)
    return files


def _remove_table(folder: Path, config: dict, name: str) -> None:
    """Delete table ``name``'s file: the one ``inputs:`` names, then any the loader would
    find by the table's name once that entry is gone, so that nothing is read for it."""
    path = _input_path(folder, config, name)
    while path is not None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        path = _input_path(folder, {}, name)


# -- client.yaml ----------------------------------------------------------------------------


def _edit_config(folder: Path, tables: set[str], drop_inventories: bool) -> None:
    """Remove the ``inputs:`` entries of ``tables`` and, with ``drop_inventories``, each
    wave's ``touchpoints:`` key; comments are kept when a line edit gives the same YAML."""
    path = folder / "client.yaml"
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    expected = _without_entries(yaml.safe_load(text) or {}, tables, drop_inventories)
    if expected == (yaml.safe_load(text) or {}):
        return
    edited = _edit_lines(text, tables, drop_inventories)
    if (yaml.safe_load(edited) or {}) != expected:  # a layout the line edit cannot handle
        comments = "".join(line for line in text.splitlines(keepends=True)
                           if line.startswith("#"))
        edited = comments + yaml.safe_dump(expected, allow_unicode=True, sort_keys=False)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + edited.encode("utf-8"))


def _without_entries(config: dict, tables: set[str], drop_inventories: bool) -> dict:
    """The configuration ``client.yaml`` should hold once the entries are removed."""
    inputs = config.get("inputs")
    if isinstance(inputs, dict):
        for name in tables:
            inputs.pop(name, None)
    waves = (config.get("waves") or []) if drop_inventories else []
    for wave in waves:
        if isinstance(wave, dict):
            wave.pop("touchpoints", None)
    return config


def _edit_lines(text: str, tables: set[str], drop_inventories: bool) -> str:
    """Drop the lines of the entries from the ``inputs:`` and ``waves:`` blocks."""
    entry = re.compile(r"^\s+(['\"]?)(" + "|".join(map(re.escape, tables)) + r")\1\s*:")
    inventory = re.compile(r"^\s+touchpoints\s*:")
    lines, block = [], None
    for line in text.splitlines(keepends=True):
        top = _TOP_KEY.match(line)
        if top:
            block = top.group(1).strip("'\"")
        elif block == "inputs" and tables and entry.match(line):
            continue
        elif block == "waves" and drop_inventories and inventory.match(line):
            continue
        lines.append(line)
    edited = "".join(lines)
    if (yaml.safe_load(edited) or {}).get("inputs", {}) is None:  # every entry gone
        edited = re.sub(r"^inputs:[ \t]*(#.*)?$",
                        lambda m: " ".join(filter(None, ("inputs: {}", m.group(1)))), edited,
                        count=1, flags=re.MULTILINE)
    return edited


# -- rewriting a file in its own format -----------------------------------------------------


def _drop_columns(path: Path, names: set[str], prefixes: tuple[str, ...],
                  stages: set[str]) -> None:
    """Remove from ``path`` the columns called ``names`` or ``<prefix><stage>``."""

    def dropped(header: object) -> bool:
        name = normalise_header(header)
        return name in names or any(name.startswith(p) and name[len(p):] in stages
                                    for p in prefixes)

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pl.read_parquet(path)
        _replace(path, frame.drop([c for c in frame.columns if dropped(c)]).write_parquet)
    elif suffix == ".csv":
        csv = _Csv.read(path)
        frame = csv.frame()
        csv.write(path, frame.drop([c for c in frame.columns if dropped(c)]))
    elif suffix == ".xlsx":
        book, sheet, header = _open_xlsx(path)
        if header is not None:
            cells = next(sheet.iter_rows(min_row=header, max_row=header, values_only=True))
            for index in sorted((i for i, v in enumerate(cells, start=1)
                                 if v is not None and dropped(v)), reverse=True):
                sheet.delete_cols(index)
        book.save(path)


def _keep_header(path: Path) -> None:
    """Remove every row of ``path`` below its header."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        _replace(path, pl.read_parquet(path).clear().write_parquet)
    elif suffix == ".csv":
        csv = _Csv.read(path)
        path.write_bytes(csv.encode(csv.head + csv.header_line + csv.newline))
    elif suffix == ".xlsx":
        book, sheet, header = _open_xlsx(path)
        if header is not None and sheet.max_row > header:
            sheet.delete_rows(header + 1, sheet.max_row - header)
        book.save(path)


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` anew through a temporary file (the old one may still be mapped)."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    tmp.replace(path)


class _Csv:
    """A CSV file's text and dialect: encoding, BOM, separator, line end, lines above it."""

    def __init__(self, text: str, encoding: str, bom: bytes) -> None:
        self.encoding, self.bom = encoding, bom
        self.newline = "\r\n" if "\r\n" in text else "\n" if "\n" in text else "\r"
        body = text.lstrip("\r\n")
        self.head, self.body = text[:len(text) - len(body)], body
        self.header_line = re.split(r"\r\n|\n|\r", body, maxsplit=1)[0]
        counts = {sep: self.header_line.count(sep) for sep in (";", ",", "\t", "|")}
        best = max(counts, key=lambda sep: counts[sep])
        self.separator = best if counts[best] else ","

    @classmethod
    def read(cls, path: Path) -> _Csv:
        data = path.read_bytes()
        for bom, encoding in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
                              (b"\xef\xbb\xbf", "utf-8")):
            if data.startswith(bom):
                text = data.decode(encoding)
                return cls(text.removeprefix("\ufeff"), encoding, bom if encoding != "utf-16"
                           else b"")
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                return cls(data.decode(encoding), encoding, b"")
            except UnicodeDecodeError:
                continue
        raise AssertionError("unreachable: latin-1 decodes any bytes")

    def frame(self) -> pl.DataFrame:
        """The rows as text, empty cells as nulls."""
        return pl.read_csv(io.StringIO(self.body), separator=self.separator,
                           infer_schema=False, quote_char='"')

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    def write(self, path: Path, frame: pl.DataFrame) -> None:
        text = frame.write_csv(separator=self.separator, line_terminator=self.newline,
                               null_value="", quote_style="necessary")
        path.write_bytes(self.encode(self.head + text))


def _open_xlsx(path: Path) -> tuple[object, object, int | None]:
    """Open a workbook for editing; return it, its data sheet and its header row (1-based).

    The data sheet is the one the readers pick: not an instructions sheet, a sheet called
    *Données* or *Data* first. The header is the first row at least half as full as the
    fullest of the first rows, below any title lines.
    """
    import openpyxl

    book = openpyxl.load_workbook(path)
    data = [n for n in book.sheetnames if n.strip().lower() not in _INSTRUCTION_SHEETS]
    named = [n for wanted in _DATA_SHEETS for n in data if n.strip().lower() == wanted]
    sheet = book[(named or data)[0]]
    rows = sheet.iter_rows(min_row=1, max_row=sheet.max_row, values_only=True)
    filled = []
    for row in rows:
        filled.append(sum(1 for v in row if v is not None and str(v).strip()))
        if len([n for n in filled if n]) >= _HEADER_SCAN:
            break
    start = next((i for i, n in enumerate(filled) if n), None)
    if start is None:
        return book, sheet, None
    window = filled[start:start + _HEADER_SCAN]
    wanted = max(2, (max(window) + 1) // 2)
    header = next((start + i for i, n in enumerate(window) if n >= wanted), start)
    return book, sheet, header + 1
