"""Client configuration: ``data/<client>/client.yaml``, parsed and validated.

The file names the client, the report language, the waves, the ordered journey stages,
the channels, the departments, KPI targets, survey scales, minimum bases, brand colours
and the input files by logical name. Every problem is reported at once, in the client's
language, with the key path that is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cxlib import paths
from cxlib.errors import ConfigError, Problem
from cxlib.i18n import colon, detect_language, t
from cxlib.inputs._feedback_config import FeedbackSettings

__all__ = [
    "KNOWN_KPIS",
    "Brand",
    "Channel",
    "ClientConfig",
    "Department",
    "MinBase",
    "Scale",
    "Stage",
    "Wave",
    "load_config",
]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
#: A notebook of ``notebooks/work/<client>/`` named in ``appendices:``: a file name, no folder.
_APPENDIX = re.compile(r"^[^./\\:][^/\\:]*$")

#: KPIs the workbench knows: id -> (unit, higher_is_better).
KNOWN_KPIS: dict[str, tuple[str, bool]] = {
    "nps": ("score", True),
    "csat": ("share", True),
    "ces": ("mean", True),
    "conversion": ("share", True),
    "retention": ("share", True),
    "churn": ("share", False),
    "first_response_time": ("hours", False),
    "resolution_time": ("hours", False),
}


class _Invalid(ValueError):
    """A configuration rule broken: its message key and values, said in the client's language.

    Read in English where no language is known (``str``).
    """

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(t(key, "en", **values))
        self.key, self.values = key, values


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Item(_Model):
    id: str
    label: str

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise _Invalid("cfg_err_id")
        return value


class Stage(_Item):
    """A journey stage, phrased from the customer's side (``"I look for a summer dress"``)."""

    macro: Literal["before", "during", "after"]


class Channel(_Item):
    """A contact channel (website, store, call centre…)."""

    kind: Literal["digital", "physical", "human"]


class Department(_Item):
    """A department of the client that owns touchpoints or was interviewed."""


class Wave(_Item):
    """A diagnostic wave; ``date`` is when its fieldwork ended.

    ``touchpoints`` optionally names the touchpoint inventory as it stood at that wave (a
    file in the client folder, same columns as the touchpoints table): the report then
    compares the current inventory with the previous wave's — touchpoints added, removed
    or re-rated, irritants resolved or new. The current wave's inventory is always the
    touchpoints table.
    """

    date: date
    touchpoints: str | None = None


class Scale(_Model):
    """A rating scale: bounds, and what counts as a good answer.

    ``top`` is the lowest answer counted as satisfied / agreeing (CSAT top-2-box on 1–5 is
    ``top: 4``; CES 2.0 agreement on 1–7 is ``top: 5``). ``higher_is_better`` is false for
    the older 1–5 effort scale, where 1 is the least effort.
    """

    min: int
    max: int
    top: int
    higher_is_better: bool = True

    @model_validator(mode="after")
    def _check_bounds(self) -> Scale:
        if not self.min < self.max:
            raise _Invalid("cfg_err_min_max")
        if not self.min <= self.top <= self.max:
            raise _Invalid("cfg_err_top")
        return self


class MinBase(_Model):
    """Low-base thresholds, applied to unweighted bases.

    Segments under ``flag`` are shown with a warning; under ``suppress`` they are hidden.
    """

    flag: int = Field(30, ge=1)
    suppress: int = Field(10, ge=0)

    @model_validator(mode="after")
    def _check_order(self) -> MinBase:
        if self.suppress > self.flag:
            raise _Invalid("cfg_err_suppress")
        return self


#: Layouts an input file may be declared in (``format:``); most are known by the extension.
FORMATS = ("csv", "xlsx", "parquet", "xes", "qualtrics", "surveymonkey", "qdpx")


class InputFile(_Model):
    """An input named with how to read it: ``events: {file: log.csv, duplicates: drop}``.

    ``duplicates: drop`` says that event rows identical in every column are copies (an
    export run twice): the first is kept, the others dropped and counted. By default they
    are kept, as the real same-day contacts of a date-only log are.

    The other keys read a client's export as its tool wrote it (:mod:`cxlib.inputs.mapping`):
    ``columns`` names, per contract column, the file's own column; ``values`` recodes a
    column's values into ids (inline ``{value: id}``, or a mapping workbook in the client
    folder); ``fill`` gives one value to every row; ``format`` names the export's layout
    (``qualtrics``, ``surveymonkey``, ``xes``…) where the extension does not say it.
    """

    file: str
    duplicates: Literal["keep", "drop"] = "keep"
    format: Literal[FORMATS] | None = None  # type: ignore[valid-type]
    columns: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str] | str] = Field(default_factory=dict)
    fill: dict[str, str] = Field(default_factory=dict)

    @field_validator("values", mode="before")
    @classmethod
    def _values_as_text(cls, value: object) -> object:
        """Read YAML numbers and booleans of ``values:`` as the text the file holds."""
        if not isinstance(value, dict):
            return value
        return {col: {_text(k): _text(v) for k, v in spec.items()} if isinstance(spec, dict)
                else spec for col, spec in value.items()}

    @field_validator("fill", "columns", mode="before")
    @classmethod
    def _fill_as_text(cls, value: object) -> object:
        return {k: _text(v) for k, v in value.items()} if isinstance(value, dict) else value

    @property
    def mapped(self) -> bool:
        """Whether the file is read through a mapping (columns, values, fill or a format)."""
        return bool(self.columns or self.values or self.fill
                    or self.format in ("qualtrics", "surveymonkey", "xes"))


def _text(value: object) -> object:
    """Return a YAML scalar as text (``1`` -> ``"1"``, ``true`` -> ``"true"``, dates ISO)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, int | float) else value


class Brand(_Model):
    """Brand colours and optional logo (a file in the client folder)."""

    primary: str = "#1f4e79"
    secondary: str = "#f2a900"
    logo: str | None = None

    @field_validator("primary", "secondary")
    @classmethod
    def _check_colour(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise _Invalid("cfg_err_colour")
        return value


def _default_scales() -> dict[str, Scale]:
    return {
        "nps": Scale(min=0, max=10, top=9),
        "csat": Scale(min=1, max=5, top=4),
        "ces": Scale(min=1, max=7, top=5),
    }


class ClientConfig(_Model):
    """A client's configuration, as read from ``client.yaml``.

    Attributes
    ----------
    slug : str
        Folder name under ``data/`` (set by the loader, not written in the file).
    client : str
        Display name of the client.
    language : {"fr", "en"}
        Language of the reports and of error messages.
    wave : str
        Id of the current wave (one of ``waves``).
    exports : tuple of str
        Files produced with every run besides the HTML (``svg``, ``png``, ``xlsx``,
        ``pptx``, ``pdf``).
    appendices : tuple of str
        The consultant's own notebooks published as appendices of every run: file names
        in ``notebooks/work/<client>/`` (``deep-dive.ipynb``), run after the reports.
    kpi_definitions : dict of str to str
        What each operational KPI measures, by KPI id (``churn: "customers who closed
        every account in the month / customers at the start of the month"``).
    """

    slug: str = ""
    client: str
    language: Literal["fr", "en"]
    wave: str
    waves: tuple[Wave, ...] = Field(min_length=1)
    stages: tuple[Stage, ...] = Field(min_length=2)
    channels: tuple[Channel, ...] = Field(min_length=1)
    departments: tuple[Department, ...] = ()
    targets: dict[str, float] = Field(default_factory=dict)
    kpi_definitions: dict[str, str] = Field(default_factory=dict)
    scales: dict[str, Scale] = Field(default_factory=_default_scales)
    min_base: MinBase = MinBase()
    brand: Brand = Brand()
    inputs: dict[str, InputFile] = Field(default_factory=dict)
    exports: tuple[Literal["svg", "png", "xlsx", "pptx", "pdf"], ...] = ()
    appendices: tuple[str, ...] = ()
    #: ``privacy: {patterns: {customer_number: "C\\d{6}"}, keep: [brand names]}`` —
    #: the client's identifiers to redact and words never redacted (cxlib.privacy.policy).
    privacy: dict[Literal["patterns", "keep"], dict[str, str] | list[str]] = Field(
        default_factory=dict)
    #: ``feedback: {themes: {appli: {name: …, code: …}}}``: names and codebook links the
    #: consultant gives to themes found in customers' texts (cxlib.inputs._feedback_config).
    feedback: FeedbackSettings = FeedbackSettings()

    @field_validator("inputs", mode="before")
    @classmethod
    def _file_names_are_inputs(cls, value: object) -> object:
        """Read ``events: log.csv`` as ``events: {file: log.csv}``."""
        if isinstance(value, dict):
            return {table: {"file": spec} if isinstance(spec, str) else spec
                    for table, spec in value.items()}
        return value

    @field_validator("appendices")
    @classmethod
    def _check_appendices(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not _APPENDIX.match(name):
                raise _Invalid("cfg_err_appendix")
        return value

    @model_validator(mode="after")
    def _check_consistency(self) -> ClientConfig:
        for name in ("waves", "stages", "channels", "departments"):
            ids = [item.id for item in getattr(self, name)]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise _Invalid("cfg_err_duplicates", name=name, ids=", ".join(dupes))
        if self.wave not in self.wave_ids:
            raise _Invalid("cfg_err_wave", wave=self.wave, waves=", ".join(self.wave_ids))
        missing = {"nps", "csat", "ces"} - set(self.scales)
        if missing:
            raise _Invalid("cfg_err_scales", missing=", ".join(sorted(missing)))
        return self

    @cached_property
    def wave_ids(self) -> list[str]:
        """Ids of the waves, oldest first."""
        return [w.id for w in sorted(self.waves, key=lambda w: w.date)]

    @property
    def previous_wave(self) -> Wave | None:
        """The wave before the current one (by date), or None for a first wave."""
        order = self.wave_ids
        i = order.index(self.wave)
        return next(w for w in self.waves if w.id == order[i - 1]) if i > 0 else None

    def ids(self, what: str) -> list[str]:
        """Return the ids of a configured list, in configured order.

        Parameters
        ----------
        what : {"stages", "channels", "departments", "waves"}
            Which list.

        Returns
        -------
        list of str
            The ids.
        """
        return [item.id for item in getattr(self, what)]

    def input_file(self, table: str) -> str | None:
        """Return the file ``inputs:`` names for ``table`` (None when it names none)."""
        value = self.inputs.get(table)
        return value.file if value is not None else None

    def input_options(self, table: str) -> InputFile:
        """Return how to read ``table``'s input (defaults when given as a plain file name)."""
        return self.inputs.get(table) or InputFile(file="")

    def labels(self, what: str) -> dict[str, str]:
        """Return ``{id: label}`` of a configured list, in configured order.

        Parameters
        ----------
        what : {"stages", "channels", "departments", "waves"}
            Which list, as for :meth:`ids`.

        Returns
        -------
        dict
            Labels by id.
        """
        return {item.id: item.label for item in getattr(self, what)}

    @property
    def path(self) -> Path:
        """The client's data folder."""
        return paths.client_dir(self.slug)


#: pydantic error types said in the consultant's words: type -> message key.
_PYDANTIC_MESSAGES = {
    "missing": "cfg_missing", "extra_forbidden": "cfg_extra", "literal_error": "cfg_one_of",
    "int_parsing": "cfg_int", "int_type": "cfg_int", "int_from_float": "cfg_int",
    "float_parsing": "cfg_number", "float_type": "cfg_number", "bool_parsing": "cfg_bool",
    "bool_type": "cfg_bool", "date_parsing": "cfg_date", "date_from_datetime_parsing": "cfg_date",
    "date_type": "cfg_date", "string_type": "cfg_text", "too_short": "cfg_too_short",
    "greater_than_equal": "cfg_ge", "less_than_equal": "cfg_le",
    "model_type": "fbc_keys", "dict_type": "fbc_keys",
}


def _problem_from_pydantic(file: Path, err: dict, lang: str = "en") -> Problem:
    """Turn one pydantic error into a problem naming the key (list items counted from 1)."""
    where = ".".join(str(part + 1) if isinstance(part, int) else str(part)
                     for part in err["loc"]) or "-"
    found = err.get("input")
    found_text = "" if isinstance(found, dict | list) or found is None else str(found)
    key = _PYDANTIC_MESSAGES.get(err.get("type", ""))
    ctx = err.get("ctx") or {}
    expected = err["msg"]
    if key:
        choices = str(ctx.get("expected", "")).replace("'", "")
        expected = t(key, lang, choices=choices.replace(" or ", t("word_or", lang)),
                     ge=ctx.get("ge", ""), le=ctx.get("le", ""),
                     min=ctx.get("min_length", ""))
    elif err.get("type") == "value_error":
        error = ctx.get("error", expected)
        expected = t(error.key, lang, **error.values) if isinstance(error, _Invalid) \
            else str(error)
    return Problem(file=file, column=where, found=found_text, expected=expected, key=True)


def load_config(slug: str) -> ClientConfig:
    """Read and validate ``data/<slug>/client.yaml``.

    Parameters
    ----------
    slug : str
        Client folder name under ``data/``.

    Returns
    -------
    ClientConfig
        The validated configuration.

    Raises
    ------
    ConfigError
        If the client folder or file is missing, is not YAML, or breaks the schema; the
        message lists every problem with its key path.
    """
    file = paths.client_dir(slug) / "client.yaml"
    if not file.parent.is_dir():
        raise ConfigError(t("client_missing", detect_language(), client=slug,
                            folder=paths.display(file.parent)))
    if not file.is_file():
        raise ConfigError(t("config_missing", detect_language(), file=paths.display(file)))
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config_not_yaml", _stated_language(file), file=paths.display(file),
                            detail=_yaml_detail(exc, _stated_language(file)))) from exc
    if not isinstance(raw, dict):
        raise ConfigError(t("config_not_mapping", detect_language(), file=paths.display(file)))
    lang = raw.get("language") if raw.get("language") in ("fr", "en") else detect_language()
    try:
        cfg = ClientConfig(slug=slug, **raw)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(file, e, lang) for e in exc.errors()]
        raise ConfigError.from_problems(problems, lang, file=file) from exc
    except TypeError as exc:
        raise ConfigError(t("config_not_mapping", lang, file=paths.display(file))) from exc
    problems = _inputs_outside(cfg, file)
    if problems:
        raise ConfigError.from_problems(problems, lang, file=file)
    return cfg


def _stated_language(file: Path) -> str:
    """Return the ``language:`` a client.yaml states, read as text (YAML cannot read it)."""
    try:
        found = re.search(r"^language:\s*[\"']?(fr|en)\b", file.read_text(encoding="utf-8-sig",
                                                                        errors="replace"),
                          re.MULTILINE)
    except OSError:
        found = None
    return found.group(1) if found else detect_language()


def _yaml_detail(exc: Exception, lang: str) -> str:
    """Say where YAML stopped reading: line, column and the parser's own words."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return str(problem)
    where = t("where_line_column", lang, line=mark.line + 1, column=mark.column + 1)
    hint = t("yaml_tab_hint", lang) if "\\t" in str(problem) or "\t" in str(problem) else ""
    return f"{where}{colon(lang)} {problem}{hint}"


def _inputs_outside(cfg: ClientConfig, file: Path) -> list[Problem]:
    """Return a problem for every ``inputs:`` path that leaves the client folder.

    An absolute path, a drive, ``..`` or a link pointing elsewhere could read another
    client's data into this client's reports.
    """
    folder = cfg.path.resolve()
    problems = []
    named = [(f"inputs.{table}", table, cfg.input_file(table)) for table in cfg.inputs]
    named += [(f"waves.{w.id}.touchpoints", "touchpoints", w.touchpoints)
              for w in cfg.waves if w.touchpoints]  # a previous wave's inventory
    for key, table, value in named:
        name = PurePosixPath(value.replace("\\", "/"))  # a Windows path escapes alike
        target = (folder / name).resolve()
        if name.is_absolute() or _DRIVE.match(value) or ".." in name.parts \
                or not target.is_relative_to(folder):
            problems.append(Problem(file=file, column=key, found=value, key=True,
                                    expected=t("expect_input_inside", cfg.language,
                                               folder=paths.display(cfg.path) + "/",
                                               table=table)))
    return problems
