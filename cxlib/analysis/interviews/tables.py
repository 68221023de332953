"""Frequency tables of the coded passages: codes, themes and cross-tabulations.

Frequencies count spans (:func:`cxlib.analysis.interviews.spans.coded_spans`) and the
interviews they come from, per code of one kind and optionally per group; the tables and
matrices of the interview report (themes by population, department or persona, channel ×
stage, irritants by theme × stage, every code for the workbook) carry the client's labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from cxlib.analysis.interviews.spans import _NEGATIVE, KINDS, code_labels
from cxlib.i18n import t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "code_frequency_table",
    "cooccurrence",
    "frequencies",
    "irritant_matrix",
    "stage_channel_matrix",
    "theme_by_department",
    "theme_by_persona",
    "theme_frequencies",
]


def frequencies(spans: pl.DataFrame, kind: str, by: str | None = None) -> pl.DataFrame:
    """Count coded passages and interviews per code of one kind, optionally per group.

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    kind : str
        One of :data:`KINDS`.
    by : str, optional
        A grouping column (``population``, ``department_id``, ``persona_id``…).

    Returns
    -------
    polars.DataFrame
        ``[by], code_id, passages, interviews``, most frequent first.
    """
    keys = [by, kind] if by else [kind]
    out = spans.filter(pl.col(kind).is_not_null()).group_by(keys).agg(
        pl.len().alias("passages"), pl.col("interview_id").n_unique().alias("interviews"))
    order = ["interviews", "passages", "code_id", *([by] if by else [])]
    return out.rename({kind: "code_id"}).sort(order, descending=[True, True, False, False][
        :len(order)])  # ties in one order every run


def cooccurrence(spans: pl.DataFrame, row: str = "theme", column: str = "stage_id",
                 valences: Sequence[str] | None = None) -> pl.DataFrame:
    """Count passages coded with both a ``row`` code and a ``column`` code.

    Returns
    -------
    polars.DataFrame
        ``row, column, passages`` for every pair seen together.
    """
    data = spans if valences is None else spans.filter(pl.col("valence_code").is_in(
        list(valences)))
    return data.filter(pl.col(row).is_not_null() & pl.col(column).is_not_null()).group_by(
        row, column).agg(pl.len().alias("passages")).rename({row: "row", column: "column"}) \
        .sort("row", "column")


def theme_frequencies(inputs: Inputs, spans: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return interviews per theme, employees and customers apart, with labels.

    Returns
    -------
    polars.DataFrame
        ``theme`` (label), ``population`` (in words), ``interviews``.
    """
    codes = code_labels(inputs)
    freq = frequencies(spans, "theme", "population")
    return freq.select(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("theme"),
        pl.col("population").replace_strict({"employee": t("iv_employee", lang),
                                             "customer": t("iv_customer", lang)},
                                            default=pl.col("population")),
        "interviews")


def code_frequency_table(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return every code's frequency, for the workbook: passages and interviews by population.

    Parameters
    ----------
    inputs : Inputs
        For the codebook labels and kinds.
    spans : polars.DataFrame
        From :func:`coded_spans`.

    Returns
    -------
    polars.DataFrame
        ``kind, code, passages, employees, customers, interviews`` — interviews citing the
        code among employees, among customers and in all — sorted by kind then most cited.
    """
    codes = code_labels(inputs)
    frames = []
    for kind in KINDS:
        cited = spans.filter(pl.col(kind).is_not_null())
        if not cited.height:
            continue
        frames.append(cited.group_by(pl.col(kind).alias("code_id")).agg(
            pl.lit(kind).alias("kind"),
            pl.len().alias("passages"),
            pl.col("interview_id").filter(pl.col("population") == "employee").n_unique()
            .alias("employees"),
            pl.col("interview_id").filter(pl.col("population") == "customer").n_unique()
            .alias("customers"),
            pl.col("interview_id").n_unique().alias("interviews")))
    if not frames:
        return pl.DataFrame(schema={"kind": pl.String, "code": pl.String,
                                    "passages": pl.UInt32, "employees": pl.UInt32,
                                    "customers": pl.UInt32, "interviews": pl.UInt32})
    order = {kind: i for i, kind in enumerate(KINDS)}
    out = pl.concat(frames, how="vertical_relaxed").with_columns(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("code"),
        pl.col("kind").replace_strict(order, return_dtype=pl.Int8).alias("_order"))
    return out.sort(["_order", "interviews", "passages", "code"],
                    descending=[False, True, True, False]).select(
        "kind", "code", "passages", "employees", "customers", "interviews")


def _theme_by(inputs: Inputs, spans: pl.DataFrame, population: str, column: str,
              names: dict[str, str]) -> pl.DataFrame:
    """Return passages per theme × ``column`` in one population, labelled.

    Columns ``row`` (theme), ``column`` (its label from ``names``) and ``passages``;
    passages without a ``column`` value are left out.
    """
    codes = code_labels(inputs)
    freq = frequencies(spans.filter(pl.col("population") == population), "theme", column)
    return freq.filter(pl.col(column).is_not_null()).select(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("row"),
        pl.col(column).replace_strict(names, default=pl.col(column)).alias("column"),
        pl.col("passages"))


def theme_by_department(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return passages per theme × department (employees), with labels."""
    return _theme_by(inputs, spans, "employee", "department_id",
                     inputs.config.labels("departments"))


def theme_by_persona(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return passages per theme × persona (customers), with labels."""
    personas = dict(inputs["personas"].select("persona_id", "name").iter_rows())
    return _theme_by(inputs, spans, "customer", "persona_id", personas)


def stage_channel_matrix(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return coded passages per channel × stage, with labels."""
    cfg = inputs.config
    return cooccurrence(spans, "channel_id", "stage_id").select(
        pl.col("row").replace_strict(cfg.labels("channels"), default=pl.col("row")),
        pl.col("column").replace_strict(cfg.labels("stages"), default=pl.col("column")),
        "passages")


def irritant_matrix(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return irritant and rupture passages per theme × stage, with labels."""
    codes, stages = code_labels(inputs), inputs.config.labels("stages")
    return cooccurrence(spans, "theme", "stage_id", _NEGATIVE).select(
        pl.col("row").replace_strict(codes, default=pl.col("row")),
        pl.col("column").replace_strict(stages, default=pl.col("column")), "passages")
