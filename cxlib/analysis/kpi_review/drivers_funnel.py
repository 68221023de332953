"""Key drivers, funnel and operational KPIs of the KPI review.

Builds on :mod:`cxlib.analysis.drivers` (key drivers). The key drivers of NPS among the
stage satisfactions of the current wave, the journey funnel from the event log, and each
operational KPI's latest whole-journey value against its target. Operational KPIs have no
interval: their status follows the 10% tolerance rule of
:func:`cxlib.analysis.kpi_review.survey.status_expr`, mirrored for the KPIs of
:data:`~cxlib.analysis.kpi_review.survey.LOWER_IS_BETTER`.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis._ordered import case_counts
from cxlib.analysis.drivers import importance_performance, relative_weights
from cxlib.analysis.kpi_review.survey import LOWER_IS_BETTER, status_expr
from cxlib.inputs.loaders import Inputs

__all__ = [
    "complete_answers",
    "driver_columns",
    "driver_table",
    "funnel",
    "operational",
    "operational_trend",
]


def driver_columns(inputs: Inputs) -> list[str]:
    """Return the ``sat_<stage>`` columns of the survey, in journey order."""
    columns = inputs["survey"].columns
    return [f"sat_{s}" for s in inputs.config.ids("stages") if f"sat_{s}" in columns]


def complete_answers(inputs: Inputs) -> int:
    """Return how many current-wave respondents gave NPS and every stage satisfaction."""
    survey = inputs["survey"].filter(pl.col("wave") == inputs.config.wave)
    return survey.select(["nps", *driver_columns(inputs)]).drop_nulls().height


def driver_table(inputs: Inputs) -> pl.DataFrame:
    """Return the key drivers of NPS among the stage satisfactions, current wave.

    Returns
    -------
    polars.DataFrame
        ``driver`` (stage id), ``label``, ``share`` (of explained variance), ``performance``
        (mean satisfaction 1–5), ``quadrant``, ``priority``, ``r2``, ``n``; empty when
        fewer than two stages are rated or fewer than ``min_base.flag`` respondents rated
        them all (see :func:`complete_answers`).
    """
    cfg = inputs.config
    survey = inputs["survey"].filter(pl.col("wave") == cfg.wave)
    complete = survey.select(["nps", *driver_columns(inputs)]).drop_nulls()
    # a stage every respondent rated alike explains nothing (and cannot be weighed)
    columns = [c for c in driver_columns(inputs) if complete[c].n_unique() > 1]
    if complete.height < max(cfg.min_base.flag, len(columns) + 2) or len(columns) < 2 \
            or complete["nps"].n_unique() < 2:
        return pl.DataFrame(schema={"driver": pl.String, "label": pl.String,
                                    "share": pl.Float64, "performance": pl.Float64,
                                    "quadrant": pl.String, "priority": pl.Int64,
                                    "r2": pl.Float64, "n": pl.Int64})
    weights = relative_weights(survey, "nps", columns)
    performance = pl.DataFrame({
        "driver": columns,
        "performance": [survey[c].cast(pl.Float64).mean() for c in columns],
    })
    matrix = importance_performance(weights, performance)
    names = cfg.labels("stages")
    return matrix.join(weights.select("driver", "r2", "n"), on="driver").with_columns(
        pl.col("driver").str.strip_prefix("sat_").alias("driver"),
    ).with_columns(
        pl.col("driver").replace_strict(names, default=pl.col("driver")).alias("label"),
    ).select("driver", "label", "share", "performance", "quadrant", "priority", "r2", "n")


def funnel(inputs: Inputs) -> pl.DataFrame:
    """Return the journey funnel from the event log: customers reaching each stage.

    Returns
    -------
    polars.DataFrame
        ``stage, label, order, customers, share`` (of customers who started),
        ``step`` (share of the previous stage), in journey order, then a ``converted``
        row counting customers with a ``converted`` outcome.
    """
    cfg = inputs.config
    events = inputs["events"]
    # a log left on disk: its customers counted one group of them at a time (from the log
    # coded in memory when a view of the run coded it)
    started = case_counts(events, (), "customer_id", "customers").item()
    reach = case_counts(events, ["stage_id"], "customer_id", "customers")
    order = {s: i for i, s in enumerate(cfg.ids("stages"))}
    names = cfg.labels("stages")
    stages = pl.DataFrame({"stage": list(order), "order": list(order.values())}).join(
        reach.rename({"stage_id": "stage"}), on="stage", how="left").with_columns(
        pl.col("customers").fill_null(0))
    converted = case_counts(events, (), "customer_id", "customers",
                            where=("outcome", "converted")).item()
    rows = stages.vstack(pl.DataFrame({"stage": ["converted"], "order": [len(order)],
                                       "customers": [converted]},
                                      schema=stages.schema))
    return rows.with_columns(
        pl.col("stage").replace_strict(names, default=pl.col("stage")).alias("label"),
        (pl.col("customers") / max(started, 1)).alias("share"),
        (pl.col("customers") / pl.col("customers").shift(1)).alias("step"),
    ).select("stage", "label", "order", "customers", "share", "step")


def operational(inputs: Inputs) -> pl.DataFrame:
    """Return each operational KPI's latest whole-journey value against its target.

    Rows with a stage or channel are details; the whole-journey series is the one without
    (a KPI given only per stage or channel is pooled, see :func:`_whole_journey`).

    Returns
    -------
    polars.DataFrame
        ``kpi, period, value, base, previous`` (value 12 months earlier, if any),
        ``target, lower_is_better, status``.
    """
    cfg = inputs.config
    series = _whole_journey(inputs)
    latest = series.group_by("kpi").agg(pl.all().sort_by("period").last())
    year_before = series.with_columns(pl.col("period").dt.offset_by("12mo")).select(
        "kpi", "period", pl.col("value").alias("previous"))
    out = latest.join(year_before, on=["kpi", "period"], how="left")
    target = pl.col("kpi").replace_strict(cfg.targets, default=None, return_dtype=pl.Float64)
    return out.with_columns(
        target.alias("target"), pl.col("kpi").is_in(list(LOWER_IS_BETTER)).alias("lower"),
    ).with_columns(
        status_expr("value", pl.col("target"), pl.col("lower")),
    ).rename({"lower": "lower_is_better"}).sort("kpi").select(
        "kpi", "period", "value", "base", "previous", "target", "lower_is_better", "status")


def _whole_journey(inputs: Inputs) -> pl.DataFrame:
    """Each KPI's least detailed series: whole journey, else one stage or channel, pooled.

    A KPI given only per channel (say, first response time by channel) is pooled per
    month as the mean of its series weighted by their bases (plain mean without bases).
    """
    frame = inputs["kpis"]
    dims = [c for c in ("stage_id", "channel_id") if c in frame.columns]
    if "base" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("base"))
    detail = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int8) for c in dims]) \
        if dims else pl.lit(0)
    frame = frame.with_columns(detail.alias("_detail"))
    frame = frame.filter(pl.col("_detail") == pl.col("_detail").min().over("kpi"))
    weight = pl.col("base").cast(pl.Float64).fill_null(1.0)
    return frame.group_by("kpi", "period").agg(
        ((pl.col("value") * weight).sum() / weight.sum()).alias("value"),
        pl.col("base").sum().alias("base") if "base" in frame.columns else pl.lit(None),
    ).sort("kpi", "period")


def operational_trend(inputs: Inputs) -> pl.DataFrame:
    """Return the monthly whole-journey series of every operational KPI, with targets.

    Returns
    -------
    polars.DataFrame
        ``kpi, period, value, target``.
    """
    target = pl.col("kpi").replace_strict(inputs.config.targets, default=None,
                                          return_dtype=pl.Float64)
    return _whole_journey(inputs).with_columns(target.alias("target")).sort("kpi", "period") \
        .select("kpi", "period", "value", "target")
