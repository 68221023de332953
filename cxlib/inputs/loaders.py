"""Load a client's inputs by logical name, validated and typed.

``load_inputs("acme")`` reads every table the client provides, checks each against the data
contract (:mod:`cxlib.inputs.schemas`) and the configuration, and either returns typed polars
frames or raises one :class:`~cxlib.errors.InputError` listing every problem of every file.
``validate_client`` does the same without raising, for ``cx validate`` and the data
inventory. Inputs are opened read-only and never written.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from cxlib import paths
from cxlib.errors import CxError, InputError, Problem
from cxlib.i18n import t
from cxlib.inputs import scans
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.mapping import is_mapped, read_mapped, restore_names
from cxlib.inputs.parsing import KIND_DTYPES
from cxlib.inputs.readers import SUFFIXES, RawTable, read_ahead, read_raw, scan_parquet
from cxlib.inputs.schemas import TABLES
from cxlib.inputs.validation import ROW, TableResult, check_table, empty_table, preload_checks

__all__ = ["PREVIOUS_TOUCHPOINTS", "Inputs", "ValidationReport", "input_path", "load",
           "load_inputs", "previous_inventory_path", "validate_client"]

#: Where a table's ids are found, for ``ref`` columns that point at another table.
_ID_COLUMNS = {"personas": "persona_id", "touchpoints": "touchpoint_id",
               "interviews": "interview_id", "codebook": "code_id"}
TRANSCRIPTS = "transcripts"
#: Key of the previous wave's touchpoint inventory in :class:`Inputs` (when configured).
PREVIOUS_TOUCHPOINTS = "previous_touchpoints"


def _config(client: str | ClientConfig) -> ClientConfig:
    return client if isinstance(client, ClientConfig) else load_config(client)


def input_path(cfg: ClientConfig, name: str) -> Path | None:
    """Return the file holding table ``name`` for this client, or None if it has none.

    The file named under ``inputs:`` in ``client.yaml`` wins; otherwise ``<name>.xlsx``,
    ``<name>.csv``, ``<name>.parquet`` or a folder ``<name>/`` of Parquet files.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    name : str
        Logical table name.

    Returns
    -------
    Path or None
        The input, or None when the client provides no such table.
    """
    folder = cfg.path
    if name in cfg.inputs:
        return folder / (cfg.input_file(name) or "")
    for suffix in SUFFIXES:
        if (folder / f"{name}{suffix}").is_file():
            return folder / f"{name}{suffix}"
    if (folder / name).is_dir():
        return folder / name
    return None


@dataclass
class ValidationReport:
    """Everything known about a client's inputs after one validation pass.

    Attributes
    ----------
    config : ClientConfig
        The client.
    results : dict
        :class:`~cxlib.inputs.validation.TableResult` by table name, for the tables present.
    problems : list of Problem
        Problems not tied to one table's content (missing files, transcripts).
    transcripts : dict
        Each readable transcript's file and length in characters, by interview id.
    """

    config: ClientConfig
    results: dict[str, TableResult] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    transcripts: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def all_problems(self) -> list[Problem]:
        """Every problem, files first then table contents."""
        out = list(self.problems)
        for result in self.results.values():
            out += result.problems
        return out

    @property
    def ok(self) -> bool:
        """Whether the inputs can be used."""
        return not self.all_problems

    def error(self) -> InputError:
        """Return the one error that lists every problem."""
        return InputError.from_problems(self.all_problems, self.config.language,
                                        client=self.config.slug)


class Inputs(Mapping[str, pl.DataFrame]):
    """A client's validated input tables, by logical name.

    Frames are typed per the data contract and keep ``__row__``, the row number in the
    source file, so later checks can still point at a row. A Parquet event log of
    :data:`cxlib.inputs.scans.LAZY_ROWS` rows or more is an
    :class:`~cxlib.inputs.scans.EventScan`: a ``LazyFrame`` left on disk, to aggregate.
    """

    def __init__(self, config: ClientConfig, frames: dict[str, pl.DataFrame],
                 report: ValidationReport) -> None:
        self.config = config
        self.report = report
        self._frames = frames

    @classmethod
    def from_report(cls, report: ValidationReport) -> Inputs:
        """Return the frames of a clean validation report as inputs."""
        return cls(report.config,
                   {name: result.frame for name, result in report.results.items()}, report)

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._frames and name in TABLES:  # not provided (yet): no rows
            return empty_table(TABLES[name])
        return self._frames[name]

    def __contains__(self, name: object) -> bool:
        return name in self._frames

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def status(self, name: str) -> str:
        """Return ``present``, ``header_only`` or ``absent`` for table ``name``."""
        if name not in self._frames:
            return "absent"
        return "present" if self._frames[name].height else "header_only"

    def absent_columns(self, name: str) -> list[str]:
        """Return the contract's columns that the client's file for ``name`` leaves out."""
        result = self.report.results.get(name)
        if result is None:
            return [c.name for c in TABLES[name].columns] if name in TABLES else []
        return list(result.absent_columns)

    def with_columns(self, name: str, *columns: str) -> pl.DataFrame:
        """Return table ``name`` with ``columns`` present: those its file leaves out, empty.

        For code that reads an optional column where an empty value already has a meaning
        (a touchpoint not marked as a moment of truth); :meth:`has` still says the column
        was left out, for the reports that need it filled in.
        """
        frame = self[name]
        table = TABLES["touchpoints" if name == PREVIOUS_TOUCHPOINTS else name]
        kinds = {c.name: c.kind for c in table.columns}
        return frame.with_columns([pl.lit(None, dtype=KIND_DTYPES[kinds[c]]).alias(c)
                                   for c in columns if c not in frame.columns])

    def has(self, name: str, *columns: str) -> bool:
        """Return whether table ``name`` has rows and every one of ``columns``.

        Parameters
        ----------
        name : str
            Logical table name.
        *columns : str
            Columns the caller reads; a ``sat_`` prefix asks for at least one stage column.

        Returns
        -------
        bool
            True when the table is present with at least one row and no column asked for
            is left out of the file.
        """
        if self.status(name) != "present":
            return False
        present = self._frames[name].columns
        return all(any(c.startswith(column) for c in present) if column.endswith("_")
                   else column in present for column in columns)

    def __len__(self) -> int:
        return len(self._frames)

    def path(self, name: str) -> Path:
        """Return the file table ``name`` was read from."""
        return self.report.results[name].path


def _known_ids(cfg: ClientConfig, results: dict[str, TableResult]) -> dict[str, list[str]]:
    known = {what: cfg.ids(what) for what in ("stages", "channels", "departments", "waves")}
    for table_name, id_column in _ID_COLUMNS.items():
        result = results.get(table_name)
        # a table absent or with its header only cannot say which ids exist: refs to it
        # are left unchecked until it arrives
        if result is not None and result.frame.height and id_column in result.frame.columns:
            known[table_name] = result.frame[id_column].drop_nulls().unique().sort().to_list()
    return known


def _check_transcripts(cfg: ClientConfig, result: TableResult,
                       report: ValidationReport) -> list[Problem]:
    """Check every transcript named is in ``transcripts/`` and reads as a transcript.

    The length of each readable one is kept in ``report.transcripts``, for the codings.
    """
    from cxlib.inputs.qdpx_inputs import project_source
    from cxlib.inputs.transcripts import read_transcript

    if not {"interview_id", "transcript_file"} <= set(result.frame.columns):
        return []
    folder = cfg.path / TRANSCRIPTS
    problems = []
    rows = result.frame.select(ROW, "interview_id", "transcript_file").iter_rows()
    for row, interview, name in rows:
        if name is None:
            continue
        target = (folder / name).resolve()
        inside = folder.resolve() in target.parents
        # ``project.qdpx#source``: a source of a REFI-QDA project of the client folder
        project = project_source(folder / name) if not {"/", "\\"} & set(name) else None
        if project is not None:
            target = project[0]
        if not inside or not target.is_file():
            problems.append(Problem(file=result.path, row=row, column="transcript_file",
                                    found=name, expected=t("expect_transcript", cfg.language,
                                                           folder=paths.display(folder))))
            continue
        try:  # a transcript that cannot be read is found now, not in a notebook
            text = read_transcript(folder / name, cfg.language).text
        except CxError as exc:
            problems += getattr(exc, "problems", [Problem(file=target, expected=str(exc))])
            continue
        report.transcripts[interview] = (f"{TRANSCRIPTS}/{name}", len(text))
    return problems


def _check_offsets(cfg: ClientConfig, result: TableResult,
                   report: ValidationReport) -> list[Problem]:
    """Check every coding's offsets fall within its transcript."""
    if not {"interview_id", "start", "end"} <= set(result.frame.columns):
        return []
    problems = []
    rows = result.frame.select(ROW, "interview_id", "start", "end").iter_rows()
    for row, interview, start, end in rows:
        name, length = report.transcripts.get(interview, ("", None))
        for column, offset in (("start", start), ("end", end)):
            if length is not None and offset is not None and offset > length:
                problems.append(Problem(file=result.path, row=row, column=column,
                                        found=str(offset),
                                        expected=t("expect_offset_in_transcript",
                                                   cfg.language, length=length, file=name)))
    return problems


def previous_inventory_path(cfg: ClientConfig) -> Path | None:
    """Return the previous wave's touchpoint inventory file, if ``client.yaml`` names one."""
    wave = cfg.previous_wave
    return cfg.path / wave.touchpoints if wave is not None and wave.touchpoints else None


def _read_table(cfg: ClientConfig, name: str, known: dict[str, list[str]],
                report: ValidationReport, key: str | None = None,
                ahead: dict[Path, Future[RawTable]] | None = None) -> None:
    """Read and check table ``name`` into ``report.results[key or name]``.

    ``key`` :data:`PREVIOUS_TOUCHPOINTS` reads the previous wave's inventory instead;
    ``ahead`` holds the readings :func:`read_ahead` started.
    """
    path = previous_inventory_path(cfg) if key == PREVIOUS_TOUCHPOINTS else input_path(cfg, name)
    lang = cfg.language
    if path is None or not path.exists():
        if TABLES[name].required or path is not None:
            shown = path or cfg.path / f"{name}.xlsx"
            report.problems.append(Problem(file=shown, found=t("file_absent", lang), literal=False,
                                           expected=t("expect_file", lang, table=name)))
        return
    mapped = key != PREVIOUS_TOUCHPOINTS and is_mapped(cfg, name, path)
    drop = cfg.input_options(name).duplicates == "drop" and key != PREVIOUS_TOUCHPOINTS
    try:  # a mapped export is read in its own layout, then put in contract shape
        if name == "events" and not mapped and scans.is_large(path):  # checked streaming,
            report.results[name] = scans.check_scan(  # left on disk, analysed lazily
                scan_parquet(path, lang), TABLES[name], cfg, known, lang, drop_duplicates=drop)
            return
        reading = (ahead or {}).pop(path, None)
        raw, early, names = read_mapped(cfg, name, path, lang) if mapped \
            else (reading.result() if reading else read_raw(path, lang), [], {})
    except CxError as exc:
        report.problems += getattr(exc, "problems", [Problem(file=path, expected=str(exc))])
        return
    result = check_table(raw, TABLES[name], cfg, known, lang, drop_duplicates=drop)
    if mapped:
        result = restore_names(result, names, early)
    if name == "interviews":
        result.problems += _check_transcripts(cfg, result, report)
    if name == "codings":
        result.problems += _check_offsets(cfg, result, report)
    report.results[key or name] = result


def validate_client(client: str | ClientConfig,
                    tables: list[str] | None = None) -> ValidationReport:
    """Read and check a client's inputs, collecting every problem.

    Parameters
    ----------
    client : str or ClientConfig
        Client folder name, or its configuration.
    tables : list of str, optional
        Tables to check (default: all). Tables they refer to are read too.

    Returns
    -------
    ValidationReport
        Results per table; never raises for bad table content.

    Raises
    ------
    ConfigError
        If ``client.yaml`` itself is missing or invalid.
    """
    cfg = _config(client)
    report = ValidationReport(cfg)
    wanted = set(tables or TABLES)
    unknown = wanted - set(TABLES)
    if unknown:
        raise InputError(t("unknown_tables", cfg.language, names=", ".join(sorted(unknown)),
                           known=", ".join(TABLES)))
    needed = wanted | {ref for n in wanted for c in TABLES[n].columns
                       if (ref := c.ref) in _ID_COLUMNS}
    preload_checks()
    ahead = read_ahead([p for n in needed if (p := input_path(cfg, n)) is not None
                        and not is_mapped(cfg, n, p)], cfg.language)
    for name in TABLES:  # declaration order: referenced tables first
        if name in needed:
            _read_table(cfg, name, _known_ids(cfg, report.results), report, ahead=ahead)
    if "touchpoints" in needed and previous_inventory_path(cfg) is not None:
        _read_table(cfg, "touchpoints", _known_ids(cfg, report.results), report,
                    key=PREVIOUS_TOUCHPOINTS)
    return report


#: Environment variable naming a validated-inputs cache written by the runner's preflight.
CACHE_ENV = "CX_INPUTS_CACHE"


def _fingerprint(cfg: ClientConfig) -> dict[str, tuple[int, int]]:
    """Size and modification time of client.yaml and every input file and transcript."""
    files = [cfg.path / "client.yaml"]
    for name in [*TABLES, PREVIOUS_TOUCHPOINTS]:
        path = (previous_inventory_path(cfg) if name == PREVIOUS_TOUCHPOINTS
                else input_path(cfg, name))
        if path is not None and path.exists():
            files += sorted(path.rglob("*")) if path.is_dir() else [path]
    files += [cfg.path / workbook for options in cfg.inputs.values()  # mapping workbooks
              for workbook in options.values.values() if isinstance(workbook, str)]
    transcripts = cfg.path / "transcripts"
    if transcripts.is_dir():
        files += sorted(transcripts.iterdir())
    return {str(f): (f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()}


def save_cache(report: ValidationReport, target: Path) -> Path:
    """Store a clean validation report so that a run's notebooks need not read it again.

    The runner's preflight validates every input once; each notebook kernel then loads
    the typed frames from this file instead of parsing CSV and Excel files again. The
    cache holds the files' sizes and modification times and is ignored as soon as any
    input changes.

    Parameters
    ----------
    report : ValidationReport
        A report without problems.
    target : Path
        The cache file (inside the run's private build folder).

    Returns
    -------
    Path
        ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"fingerprint": _fingerprint(report.config), "report": report}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)
    return target


def read_cache(target: Path) -> ValidationReport:
    """Return the validation report :func:`save_cache` stored in ``target``.

    For the runner, which wrote the file: unlike the kernels' loading, the inputs' files
    are not compared with the ones validated, so what is read is what the reports used.

    Parameters
    ----------
    target : Path
        The cache file.

    Returns
    -------
    ValidationReport
        The report as saved.
    """
    with Path(target).open("rb") as handle:
        return pickle.load(handle)["report"]  # written by this package's runner


def _cached(cfg: ClientConfig, tables: list[str] | None) -> ValidationReport | None:
    """Return the runner's cached report for this client, if present, complete and current."""
    location = os.environ.get(CACHE_ENV)
    if not location or not Path(location).is_file():
        return None
    try:
        with Path(location).open("rb") as handle:
            cached = pickle.load(handle)  # written by this package's runner, in its build folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    report = cached.get("report")
    if not isinstance(report, ValidationReport) or report.config.slug != cfg.slug \
            or report.config != cfg or cached.get("fingerprint") != _fingerprint(cfg):
        return None
    if tables and not set(tables) <= set(report.results):
        return None
    return report


def load_inputs(client: str | ClientConfig, tables: list[str] | None = None) -> Inputs:
    """Load a client's inputs as typed, validated polars frames.

    Parameters
    ----------
    client : str or ClientConfig
        Client folder name, or its configuration.
    tables : list of str, optional
        Tables to load (default: all the client provides).

    Returns
    -------
    Inputs
        Frames by logical name.

    Raises
    ------
    InputError
        Listing every problem of every file, in the client's language.
    ConfigError
        If ``client.yaml`` is missing or invalid.
    """
    cfg = _config(client)
    report = _cached(cfg, tables) or validate_client(cfg, tables)
    if not report.ok:
        raise report.error()
    return Inputs.from_report(report)


def load(client: str | ClientConfig, name: str) -> pl.DataFrame:
    """Load one input table by logical name, validated and typed.

    Parameters
    ----------
    client : str or ClientConfig
        Client folder name, or its configuration.
    name : str
        Logical table name (``personas``, ``survey``, ``events``…).

    Returns
    -------
    polars.DataFrame or EventScan
        The table, with ``__row__`` holding source row numbers; a large Parquet event log
        as an :class:`~cxlib.inputs.scans.EventScan` (a ``LazyFrame``).

    Raises
    ------
    InputError
        If the table (or a table it refers to) breaks the contract, or is absent.
    """
    inputs = load_inputs(client, [name])
    if name not in inputs:
        cfg = inputs.config
        raise InputError(t("table_absent", cfg.language, table=name,
                           folder=paths.display(cfg.path)))
    return inputs[name]
