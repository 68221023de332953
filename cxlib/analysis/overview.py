"""Engagement scope and data inventory: what the diagnostic covers and what the data is worth.

Every function returns an aggregated polars frame or plain sentences; none returns rows of
the inputs, so anything here can go into a chart or a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from cxlib.analysis._ordered import case_counts
from cxlib.i18n import DATE_FORMAT, MESSAGES, language, number, t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import PREVIOUS_TOUCHPOINTS, Inputs, ValidationReport
from cxlib.inputs.scans import engine
from cxlib.inputs.schemas import TABLES
from cxlib.inputs.validation import ROW

__all__ = [
    "Finding",
    "coverage_matrix",
    "data_inventory",
    "labelled_volumes",
    "monthly_volumes",
    "persona_table",
    "quality_findings",
    "scope_figures",
    "scope_values",
    "stage_table",
    "wave_table",
]


@dataclass(frozen=True)
class Finding:
    """A sentence for the report, with a severity (``info``, ``warning``, ``problem``)."""

    severity: str
    text: str


def scope_figures(inputs: Inputs) -> pl.DataFrame:
    """Count what the engagement covers: stages, channels, personas, touchpoints and more.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs; an absent table counts zero.

    Returns
    -------
    polars.DataFrame
        Columns ``item`` (message key) and ``count``, in reading order.
    """
    cfg = inputs.config

    def rows(name: str) -> int:
        return inputs[name].height if name in inputs else 0

    customers = case_counts(inputs["events"], (), "customer_id", "n").item() \
        if "events" in inputs else 0
    items = [
        ("scope_stages", len(cfg.stages)), ("scope_channels", len(cfg.channels)),
        ("scope_personas", rows("personas")), ("scope_touchpoints", rows("touchpoints")),
        ("scope_departments", len(cfg.departments)), ("scope_waves", len(cfg.waves)),
        ("scope_interviews", rows("interviews")), ("scope_codings", rows("codings")),
        ("scope_responses", rows("survey")), ("scope_events", rows("events")),
        ("scope_customers", customers),
    ]
    return pl.DataFrame(items, schema=["item", "count"], orient="row")


def coverage_matrix(cfg: ClientConfig, touchpoints: pl.DataFrame) -> pl.DataFrame:
    """Count touchpoints per stage × channel, with their valence mix.

    Every configured stage × channel pair appears, with zero where no touchpoint exists,
    so that missing touchpoints show as empty cells.

    Parameters
    ----------
    cfg : ClientConfig
        Stages and channels, in configured order.
    touchpoints : polars.DataFrame
        The validated touchpoints table.

    Returns
    -------
    polars.DataFrame
        One row per stage × channel: ``stage_id``, ``stage``, ``stage_order``,
        ``channel_id``, ``channel``, ``channel_order``, ``touchpoints``, ``irritants``
        (irritants and ruptures), ``enchantments``, ``moments_of_truth``.
    """
    grid = pl.DataFrame(
        [(s.id, s.label, i, c.id, c.label, j)
         for i, s in enumerate(cfg.stages) for j, c in enumerate(cfg.channels)],
        schema=["stage_id", "stage", "stage_order", "channel_id", "channel", "channel_order"],
        orient="row",
    )
    mot = pl.col("moment_of_truth") if "moment_of_truth" in touchpoints.columns else pl.lit(False)
    counts = touchpoints.group_by("stage_id", "channel_id").agg(
        pl.len().alias("touchpoints"),
        pl.col("valence").is_in(["irritant", "rupture"]).sum().alias("irritants"),
        (pl.col("valence") == "enchantment").sum().alias("enchantments"),
        mot.fill_null(False).sum().alias("moments_of_truth"),
    )
    return (
        grid.join(counts, on=["stage_id", "channel_id"], how="left")
        .with_columns(pl.col("touchpoints", "irritants", "enchantments", "moments_of_truth")
                      .fill_null(0).cast(pl.Int64))
        .sort("stage_order", "channel_order")
    )


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


def _profile(frame: pl.DataFrame | pl.LazyFrame,
             name: str) -> tuple[int, dict[str, int], date | None, date | None]:
    """Rows, empty cells per column and the period of the first date column, in one query.

    The query streams a log left on disk; nothing but the counts is kept.
    """
    table = TABLES["touchpoints" if name == PREVIOUS_TOUCHPOINTS else name]
    kinds = {c.name: c.kind for c in table.columns}
    columns = frame.lazy().collect_schema().names()
    dated = [c for c in columns if kinds.get(c) in ("date", "datetime")]
    period = [e for i, c in enumerate(dated) for e in (pl.col(c).min().alias(f"_start{i}"),
                                                       pl.col(c).max().alias(f"_end{i}"))]
    row = frame.lazy().select(pl.len().alias("_rows"), *period,
                              *[pl.col(c).null_count().alias(c) for c in columns]).collect(
        engine=engine(frame)).row(0, named=True)
    nulls = {c: row[c] for c in columns}
    first = next((i for i in range(len(dated)) if row[f"_start{i}"] is not None), None)
    if first is None:  # the first date column with a value gives the period
        return row["_rows"], nulls, None, None
    return row["_rows"], nulls, _day(row[f"_start{first}"]), _day(row[f"_end{first}"])


def data_inventory(report: ValidationReport) -> pl.DataFrame:
    """Describe each input: file, rows, columns, period covered, missing values, warnings.

    Parameters
    ----------
    report : ValidationReport
        The result of :func:`cxlib.inputs.loaders.validate_client`.

    Returns
    -------
    polars.DataFrame
        One row per table of the data contract (and the previous wave's inventory when
        there is one): ``table``, ``label`` (in the client's language), ``status``
        (present, header row only or absent, in words), ``left_out`` (the contract's
        columns the file leaves out), ``file``, ``read_as``, ``rows``,
        ``columns``, ``period_start`` and ``period_end`` (dates, null for a table without
        dates), ``period`` (both as ``07/09/2026 – 16/10/2026``), ``missing_pct`` (share
        of empty cells in optional columns, in %),
        ``most_missing`` (the emptiest column and its share, null when none is empty),
        ``warnings``, ``problems``.
    """
    records = []
    lang = report.config.language
    for name in TABLES:
        if name not in report.results:
            records.append({"table": name, "label": _table_label(name, lang),
                            "status": t("inv_absent", lang), "rows": 0, "columns": 0,
                            "warnings": 0, "problems": 0})
    for name, result in report.results.items():
        height, nulls, start, end = _profile(result.frame.drop(ROW), name)
        optional = [c for c in nulls if nulls[c] or c.startswith("sat_")]
        null_share = {c: nulls[c] / max(height, 1) for c in optional}
        cells = height * max(len(nulls), 1)
        missing = sum(nulls.values()) / max(cells, 1)
        worst = max(null_share, key=lambda c: null_share[c]) if null_share else None
        records.append({
            "table": name, "label": _table_label(name, lang),
            "status": t("inv_present" if height else "inv_header_only", lang),
            "left_out": ", ".join(_column_label(name, c, lang)
                                  for c in result.absent_columns) or None,
            "file": result.path.name, "read_as": "; ".join(result.notes),
            "rows": height, "columns": len(nulls),
            "period_start": start, "period_end": end,
            "period": f"{start:{DATE_FORMAT}} – {end:{DATE_FORMAT}}" if start and end
            else None,
            "missing_pct": round(100 * missing, 1),
            "most_missing": f"{_column_label(name, worst, lang)} "
                            f"({number(null_share[worst], lang, percent=True)})"
            if worst else None,
            "warnings": len(result.warnings), "problems": len(result.problems),
        })
    order = {name: i for i, name in enumerate(report.results)}
    records.sort(key=lambda r: (r["table"] not in order, order.get(r["table"], 0)))
    return pl.DataFrame(records, schema_overrides={
        "status": pl.String, "left_out": pl.String, "file": pl.String, "read_as": pl.String,
        "period_start": pl.Date, "period_end": pl.Date, "period": pl.String,
        "missing_pct": pl.Float64, "most_missing": pl.String})


def _column_label(name: str, column: str, lang: str) -> str:
    """Name a contract column in words (its help text up to any detail in brackets)."""
    table = TABLES["touchpoints" if name == PREVIOUS_TOUCHPOINTS else name]
    found = [c for c in table.columns if c.name == column]
    words = getattr(found[0], f"help_{language(lang).code}") if found else ""
    return words.split(" (")[0].split(" :")[0].split(":")[0].strip() or column


def _table_label(name: str, lang: str) -> str:
    return t(f"tbl_{name}", lang) if f"tbl_{name}" in MESSAGES else name


def monthly_volumes(inputs: Inputs) -> pl.DataFrame:
    """Count events and survey responses per month, events split by channel kind.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs: the events and survey, where present.

    Returns
    -------
    polars.DataFrame
        ``month`` (date), ``series`` (channel kind label key or ``survey``), ``count``.
    """
    cfg = inputs.config
    kinds = {c.id: c.kind for c in cfg.channels}
    parts = []
    if "events" in inputs:
        parts.append(
            inputs["events"].lazy()
            .select(pl.col("timestamp").dt.truncate("1mo").dt.date().alias("month"),
                    pl.col("channel_id").replace_strict(kinds, default="digital")
                    .alias("series"))
            .group_by("month", "series").agg(pl.len().alias("count"))
            .collect(engine=engine(inputs["events"]))
        )
    if "survey" in inputs:
        parts.append(
            inputs["survey"].select(pl.col("date").dt.truncate("1mo").alias("month"))
            .group_by("month").agg(pl.len().alias("count"))
            .with_columns(pl.lit("survey").alias("series")).select("month", "series", "count")
        )
    if not parts:
        return pl.DataFrame(schema={"month": pl.Date, "series": pl.String, "count": pl.UInt32})
    return pl.concat(parts).with_columns(pl.col("count").cast(pl.Int64)).sort("month", "series")


def _gaps(cfg: ClientConfig, inputs: Inputs) -> list[Finding]:
    lang = cfg.language
    out = []
    tp = inputs["touchpoints"] if "touchpoints" in inputs else pl.DataFrame()
    for stage in cfg.stages:
        if tp.is_empty() or stage.id not in set(tp["stage_id"]):
            out.append(Finding("problem", t("finding_stage_no_tp", lang, stage=stage.label)))
    if "events" in inputs:
        events = inputs["events"]
        used = set(events.lazy().select(pl.col("channel_id").unique()).collect(
            engine=engine(events))["channel_id"])
        for channel in cfg.channels:
            if channel.id not in used:
                out.append(Finding("warning", t("finding_channel_no_event", lang,
                                                channel=channel.label)))
    return out


def _coverage(cfg: ClientConfig, inputs: Inputs) -> list[Finding]:
    lang, out = cfg.language, []
    if "survey" in inputs:
        survey = inputs["survey"]
        for wave in cfg.waves:
            n = survey.filter(pl.col("wave") == wave.id).height
            severity = "warning" if n < cfg.min_base.flag else "info"
            out.append(Finding(severity, t("finding_wave_base", lang, wave=wave.label,
                                           n=number(n, lang))))
        for column in ("nps", "csat", "ces"):
            if column in survey.columns and survey.height:
                share = survey[column].null_count() / survey.height
                if share >= 0.05:
                    out.append(Finding("info", t("finding_missing_share", lang,
                                                 column=column.upper(),
                                                 pct=round(100 * share))))
    if "interviews" in inputs:
        counts = inputs["interviews"]["population"].value_counts()
        by = dict(counts.iter_rows())
        out.append(Finding("info", t("finding_interviews", lang, employees=by.get("employee", 0),
                                     customers=by.get("customer", 0))))
    if "codings" in inputs:
        coders = inputs["codings"]["coder"].n_unique()
        if coders < 2:
            out.append(Finding("warning", t("finding_one_coder", lang)))
    return out


def quality_findings(inputs: Inputs) -> list[Finding]:
    """State what a consultant must know about the data before reading the analyses.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs, with their validation report.

    Returns
    -------
    list of Finding
        Problems first, then warnings, then information, in the client's language.
    """
    cfg = inputs.config
    found = _gaps(cfg, inputs) + _coverage(cfg, inputs)
    for result in inputs.report.results.values():
        for warning in result.warnings:
            unknown = warning.found == t("column_unknown", cfg.language)
            found.append(Finding("warning", t("finding_unknown_column", cfg.language,
                                              file=result.path.name, column=warning.column)
                                 if unknown else warning.render(cfg.language)))
    order = {"problem": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: order[f.severity])


def stage_table(cfg: ClientConfig) -> pl.DataFrame:
    """List the configured stages in journey order with their macro-stage label.

    Parameters
    ----------
    cfg : ClientConfig
        The client.

    Returns
    -------
    polars.DataFrame
        ``order`` (1-based), ``stage``, ``macro`` (in the client's language).
    """
    return pl.DataFrame(
        [(i + 1, s.label, t(f"macro_{s.macro}", cfg.language)) for i, s in enumerate(cfg.stages)],
        schema=["order", "stage", "macro"], orient="row",
    )


def persona_table(inputs: Inputs) -> pl.DataFrame:
    """List the personas with their declared share of the customer base (in %).

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs; only ``personas`` is read.

    Returns
    -------
    polars.DataFrame
        ``persona``, ``description``, ``share_pct``.
    """
    personas = inputs["personas"]
    share = (pl.col("share_of_base") * 100 if "share_of_base" in personas.columns
             else pl.lit(None, dtype=pl.Float64))
    return personas.select(pl.col("name").alias("persona"), "description",
                           share.alias("share_pct"))


def wave_table(inputs: Inputs) -> pl.DataFrame:
    """List the waves, oldest first, with the number of survey responses in each.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs: the configured waves and the survey.

    Returns
    -------
    polars.DataFrame
        ``wave``, ``date`` (end of fieldwork), ``responses``.
    """
    cfg = inputs.config
    counts: dict[str, int] = {}
    if "survey" in inputs:
        counts = dict(inputs["survey"]["wave"].value_counts().iter_rows())
    waves = sorted(cfg.waves, key=lambda w: w.date)
    return pl.DataFrame(
        [(w.label, w.date, counts.get(w.id, 0)) for w in waves],
        schema={"wave": pl.String, "date": pl.Date, "responses": pl.Int64}, orient="row",
    )


def labelled_volumes(inputs: Inputs) -> pl.DataFrame:
    """Return :func:`monthly_volumes` with series named in the client's language."""
    lang = inputs.config.language
    names = {k: t(f"kind_{k}", lang) for k in ("digital", "physical", "human", "survey")}
    return monthly_volumes(inputs).with_columns(pl.col("series").replace_strict(names))


def scope_values(inputs: Inputs) -> dict[str, object]:
    """Return the figures quoted in the scope paragraph.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs, holding ``touchpoints``.

    Returns
    -------
    dict
        ``client``, ``stages``, ``channels``, ``cells``, ``covered`` (crossings with at
        least one touchpoint), ``wave`` (label).
    """
    cfg = inputs.config
    matrix = coverage_matrix(cfg, inputs["touchpoints"])
    return {
        "client": cfg.client, "stages": len(cfg.stages), "channels": len(cfg.channels),
        "cells": matrix.height, "covered": matrix.filter(pl.col("touchpoints") > 0).height,
        "wave": cfg.labels("waves")[cfg.wave],
    }
