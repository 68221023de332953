"""What the workbench sees in any export, and a ``client.yaml`` mapping to start from.

``cx inspect FILE [--table events]`` reads a file as an input would be read — encoding,
separator, header rows, a survey tool's layout — and describes each column: its type,
examples, distinct and empty counts. It then proposes the ``inputs:`` entry of
``client.yaml``: each contract column matched with the file's column whose name is
closest to the contract's French or English name (a date column for a timestamp, a
column of distinct values ending in ``id`` for an identifier), and, for columns that hold
stages, channels, departments or waves, each value matched with the client's ids and labels
when the file sits in a client folder. The proposal is for the consultant to check and
correct; nothing is written.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.formats import detect_format, read_export
from cxlib.inputs.parsing import parse_expr
from cxlib.inputs.readers import RawTable, read_raw
from cxlib.inputs.schemas import ENUMS, TABLES, Column, Table

__all__ = ["ColumnInfo", "Inspection", "inspect_file", "render"]

ROW = "__row__"
#: Values matched with the client's ids when a column has at most this many.
MAX_RECODED = 50
EXAMPLES = 3
#: Other words exports use for a contract column (compared without case, spaces or _).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": ("customer", "client", "case", "caseid", "caseconceptname", "visitor",
                    "user", "externalreference", "customdata1", "contact"),
    "timestamp": ("date", "time", "datetime", "when", "horodatage", "created",
                  "timetimestamp", "eventtime", "contactdate"),
    "stage_id": ("stage", "etape", "step", "phase", "activity", "conceptname", "page"),
    "channel_id": ("channel", "canal", "medium", "contactchannel"),
    "event_id": ("eventid", "id"),
    "response_id": ("responseid", "respondentid", "response", "reponse"),
    "date": ("recordeddate", "enddate", "responsedate", "submitted", "date"),
    "nps": ("recommend", "recommander", "likely", "ltr", "nps"),
    "csat": ("satisfied", "satisfaction", "satisfait", "csat"),
    "ces": ("effort", "easy", "facile", "ces"),
    "verbatim": ("comment", "commentaire", "verbatim", "open", "feedback", "better"),
    "wave": ("wave", "vague"),
}
#: The XES keys process-mining tools read as case, activity and time.
XES_KEYS = {"customer_id": "case:concept:name", "timestamp": "time:timestamp",
            "stage_id": "concept:name"}
#: The lowest score at which a file column is proposed for a contract column.
THRESHOLD = 0.75
_DATE_KINDS = ("date", "datetime")
_LISTS = ("stages", "channels", "departments", "waves")


@dataclass
class ColumnInfo:
    """One column of the file as read: header as written, kind, examples and counts.

    ``question`` is the question's text where a survey tool writes it under the header.
    """

    header: str
    kind: str
    examples: list[str]
    distinct: int
    empty: int
    question: str = ""


@dataclass
class Inspection:
    """What :func:`inspect_file` found: how the file reads and a mapping to start from."""

    path: Path
    format: str
    read_as: list[str]
    header_rows: int
    rows: int
    columns: dict[str, ColumnInfo]
    table: str
    mapping: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str | None]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower()
                  .translate(str.maketrans("éèêàâçôûîï", "eeeaacouii")))


def _sniff_layout(path: Path, fmt: str, lang: str) -> str:
    """Tell a Qualtrics or SurveyMonkey export from a plain CSV or workbook."""
    if fmt not in ("csv", "xlsx"):
        return fmt
    raw = read_raw(path, lang, kind=fmt)
    columns = [c for c in raw.frame.columns if c != ROW]
    head = raw.frame.head(2).select(columns).rows()
    if len(head) == 2 and sum(str(v or "").startswith('{"ImportId"') for v in head[1]) \
            > len(columns) / 2:
        return "qualtrics"
    words = {"response", "open-ended response", "réponse", "réponse ouverte"}
    if head and head[0] and not head[0][0] and any(str(v or "").strip().lower() in words
                                                   for v in head[0]):
        return "surveymonkey"
    return fmt


def _kind(series: pl.Series) -> str:
    """Return the contract kind every non-empty value of ``series`` reads as, or text."""
    if series.dtype != pl.String:
        return {"i": "int", "u": "int", "f": "float"}.get(str(series.dtype)[0].lower(),
                                                          "datetime" if series.dtype.is_temporal()
                                                          else "str")
    values = series.str.strip_chars().replace("", None).drop_nulls()
    if values.is_empty():
        return "str"
    frame = values.to_frame("v")
    for kind in ("int", "float", "date", "datetime", "bool"):
        parsed = frame.select(parse_expr(Column("v", kind), "v").alias("v"))["v"]
        if parsed.null_count() == 0:
            return kind
    return "str"


def _describe(raw: RawTable) -> dict[str, ColumnInfo]:
    questions = {column: text for text, column in raw.aliases.items()}
    out = {}
    for column in raw.frame.columns:
        if column == ROW:
            continue
        series = raw.frame[column]
        text = series.cast(pl.String).str.strip_chars().replace("", None)
        examples = text.drop_nulls().unique(maintain_order=True).head(EXAMPLES).to_list()
        out[column] = ColumnInfo(raw.headers.get(column, column), _kind(series),
                                 [e[:40] for e in examples], text.n_unique() - (
                                     1 if text.null_count() else 0), text.null_count(),
                                 questions.get(column, ""))
    return out


def _score(contract: Column, info: ColumnInfo, rows: int) -> float:
    if XES_KEYS.get(contract.name) == info.header:
        return 2.0
    best = max(_name_score(contract, _norm(text)) for text in (info.header, info.question)
               if text)
    if contract.kind in _DATE_KINDS:
        best += 0.3 if info.kind in _DATE_KINDS else -0.5
    elif info.kind in _DATE_KINDS:
        best -= 0.5
    if contract.unique:
        unique = info.distinct == rows and rows > 0 and _norm(info.header).endswith("id")
        best += 0.4 if unique else -0.3
    return best


def _name_score(contract: Column, name: str) -> float:
    """How close a file's column name (normalised) is to a contract column's names."""
    words = [_norm(n) for n in (contract.name, *SYNONYMS.get(contract.name, ()))]
    names = [*words, _norm(contract.help_en), _norm(contract.help_fr)]
    best = 0.0
    for other in filter(None, names):
        if name == other:
            best = 1.0
        elif len(other) >= 3 and other in words and (other in name or name in other):
            best = max(best, 0.8)
        else:
            best = max(best, difflib.SequenceMatcher(None, name, other).ratio())
    return best


def _match(spec: Table, columns: dict[str, ColumnInfo], rows: int) -> dict[str, str]:
    """Pair contract columns with file columns, best scores first, each used once."""
    pairs = sorted(((_score(c, info, rows), c.name, col) for c in spec.columns
                    for col, info in columns.items()), reverse=True)
    found: dict[str, str] = {}
    for score, contract, column in pairs:
        if score >= THRESHOLD and contract not in found and column not in found.values():
            found[contract] = column
    return {c.name: found[c.name] for c in spec.columns if c.name in found}


def _guess_table(columns: dict[str, ColumnInfo], rows: int) -> str:
    def fit(spec: Table) -> float:
        required = [c for c in spec.columns if c.required] or list(spec.columns)
        return sum(max((_score(c, i, rows) for i in columns.values()), default=0)
                   for c in required) / len(required)
    return max(TABLES.values(), key=fit).name


def _recode(raw: RawTable, column: str, contract: Column,
            cfg: ClientConfig | None) -> dict[str, str | None] | None:
    """Match a column's values with the ids and labels they may stand for (None: unknown)."""
    ids: dict[str, str] = {}
    if cfg is not None and contract.ref in _LISTS:
        ids = {_norm(i): i for i in cfg.ids(contract.ref)}
        ids |= {_norm(label): i for i, label in cfg.labels(contract.ref).items()}
    elif contract.enum:
        ids = {_norm(a): code for code, aliases in ENUMS[contract.enum].items()
               for a in (code, *aliases) if a}
    elif contract.ref not in _LISTS:
        return None
    values = raw.frame[column].cast(pl.String).str.strip_chars().drop_nulls().unique().sort()
    if values.len() > MAX_RECODED:
        return None
    out: dict[str, str | None] = {}
    for value in values.to_list():
        key = _norm(value)
        close = difflib.get_close_matches(key, list(ids), n=1, cutoff=0.8) if key else []
        out[value] = ids.get(key) or (ids[close[0]] if close else None)
    if all(v == k for k, v in out.items()):
        return None  # the values are ids already
    return out


def _client_of(path: Path) -> ClientConfig | None:
    """Return the client whose folder holds ``path``, when there is one that loads."""
    from cxlib.errors import CxError
    from cxlib.inputs.config import load_config

    folder = path.resolve().parent
    if not (folder / "client.yaml").is_file():
        return None
    try:
        return load_config(folder.name)
    except CxError:
        return None


def inspect_file(path: Path | str, *, table: str | None = None,
                 client: ClientConfig | None = None, lang: str = "en") -> Inspection:
    """Read a file as an input would be, describe its columns and propose a mapping.

    Parameters
    ----------
    path : Path or str
        Any export: CSV, Excel, Parquet, XES (``.xes``, ``.xes.gz``), a Qualtrics or
        SurveyMonkey export.
    table : str, optional
        The contract table it is meant for (default: the one its columns fit best).
    client : ClientConfig, optional
        The client whose ids and labels values are matched with (default: the client
        whose folder holds the file, if any).
    lang : {"fr", "en"}
        Language of error messages.

    Returns
    -------
    Inspection
        How the file reads, its columns, and the proposed mapping.

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    path = Path(path)
    fmt = _sniff_layout(path, detect_format(path, None, lang), lang)
    raw = read_export(path, fmt, lang)
    columns = _describe(raw)
    rows = raw.frame.height
    spec = TABLES[table] if table else TABLES[_guess_table(columns, rows)]
    cfg = client or _client_of(path)
    mapping = _match(spec, columns, rows)
    values = {}
    for contract, column in mapping.items():
        recoded = _recode(raw, column, spec.column(contract), cfg)
        if recoded:
            values[contract] = recoded
    header_rows = {"qualtrics": 3, "surveymonkey": 2, "xes": 0, "parquet": 0}.get(fmt, 1)
    return Inspection(path, fmt, list(raw.notes), header_rows, rows, columns, spec.name,
                      {c: columns[f].header for c, f in mapping.items()}, values,
                      [c.name for c in spec.columns if c.required and c.name not in mapping])


def _yaml(text: str) -> str:
    """Quote a YAML scalar when plain text would not read back as itself."""
    plain = re.fullmatch(r"[A-Za-z_][\w .\-/]*", text) and text.lower() not in (
        "yes", "no", "true", "false", "on", "off", "null", "y", "n")
    return text if plain and text == text.strip() else json.dumps(text, ensure_ascii=False)


def render(found: Inspection, lang: str) -> str:
    """Return an inspection as text: how the file reads, its columns, the mapping proposed.

    Parameters
    ----------
    found : Inspection
        What :func:`inspect_file` returned.
    lang : {"fr", "en"}
        Language of the text.

    Returns
    -------
    str
        Lines to print; the proposal is YAML to paste under ``inputs:`` of client.yaml.
    """
    lines = [t("insp_file", lang, file=found.path.name, format=found.format,
               rows=found.rows, header_rows=found.header_rows),
             t("insp_read_as", lang, notes="; ".join(found.read_as)), "",
             t("insp_columns", lang)]
    width = min(max((len(i.header) for i in found.columns.values()), default=8), 36)
    for info in found.columns.values():
        examples = ", ".join(info.examples)
        lines.append(f"  {info.header[:width]:<{width}}  {info.kind:<8}  "
                     + t("insp_counts", lang, distinct=info.distinct, empty=info.empty)
                     + f"  {examples}")
    lines += ["", t("insp_proposal", lang, table=found.table), "inputs:",
              f"  {found.table}:", f"    file: {_yaml(found.path.name)}"]
    if found.format in ("qualtrics", "surveymonkey"):
        lines.append(f"    format: {found.format}")
    if found.mapping:
        lines.append("    columns:")
        lines += [f"      {c}: {_yaml(f)}" for c, f in found.mapping.items()]
    if found.values:
        lines.append("    values:")
        for column, table in found.values.items():
            lines.append(f"      {column}:")
            lines += [f"        {_yaml(v)}: {_yaml(i) if i else chr(34) + '?' + chr(34)}"
                      + ("" if i else "   # " + t("insp_todo", lang)) for v, i in table.items()]
    if found.unmatched:
        lines.append("    fill:")
        lines += [f'      {c}: "?"   # ' + t("insp_unmatched", lang) for c in found.unmatched]
    return "\n".join(lines)
