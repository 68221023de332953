"""Survey KPIs of the KPI review: headline, segments, wave changes, trends and bases.

Builds on :mod:`cxlib.analysis.kpis` (the formulas). Every function takes the client's
validated :class:`~cxlib.inputs.loaders.Inputs` and returns an aggregated frame with labels
in the client's words: the wave's NPS, CSAT and CES against their targets, the same per
segment, their change since the previous wave, monthly trends, low bases and the
touchpoints that concentrate detractors. :func:`status_expr` is the status rule shared with
the operational KPIs (:mod:`cxlib.analysis.kpi_review.drivers_funnel`).

Status against a target (the rule the report states)
-----------------------------------------------------
Survey KPIs carry a 95% interval: **green** when the estimate meets the target, **amber**
when it misses it but the interval still reaches it (the gap may be noise), **red** when
the whole interval misses it. Operational KPIs have no interval: green when the value
meets the target, amber when it misses it by at most 10% of the target, red beyond. For
churn and response or resolution times, lower is better and the rule is mirrored.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from cxlib.analysis import kpis
from cxlib.analysis.figures import computed_once
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs

__all__ = [
    "LOWER_IS_BETTER",
    "SEGMENTS",
    "breakdown",
    "headline",
    "labels",
    "low_bases",
    "nps_changes",
    "previous_wave",
    "segment_changes",
    "status_expr",
    "survey_trend",
    "touchpoint_detractors",
]

#: KPIs where a lower value is better.
LOWER_IS_BETTER = frozenset({"churn", "first_response_time", "resolution_time"})
#: Survey segment dimensions: column -> where its labels come from.
SEGMENTS = {"stage_id": "stages", "channel_id": "channels", "persona_id": "personas",
            "touchpoint_id": "touchpoints"}
_OPERATIONAL_TOLERANCE = 0.10


def previous_wave(cfg: ClientConfig) -> str | None:
    """Return the wave before the current one, or None for a first wave."""
    order = cfg.wave_ids
    i = order.index(cfg.wave)
    return order[i - 1] if i > 0 else None


def labels(inputs: Inputs, what: str) -> dict[str, str]:
    """Return ``{id: label}`` for stages, channels, departments, waves, personas, touchpoints."""
    if what == "personas":
        return dict(inputs["personas"].select("persona_id", "name").iter_rows())
    if what == "touchpoints":
        return dict(inputs["touchpoints"].select("touchpoint_id", "name").iter_rows())
    return inputs.config.labels(what)


def status_expr(value: str, target: pl.Expr, lower_is_better: pl.Expr,
                ci_low: str | None = None, ci_high: str | None = None) -> pl.Expr:
    """Return the red / amber / green status expression (rule in the module docstring).

    Parameters
    ----------
    value : str
        Column holding the KPI.
    target : polars.Expr
        The target (null: no status).
    lower_is_better : polars.Expr
        Boolean: whether lower values are better.
    ci_low, ci_high : str, optional
        Interval columns; without them the 10% tolerance rule applies.

    Returns
    -------
    polars.Expr
        ``green``, ``amber``, ``red`` or null, named ``status``.
    """
    v = pl.col(value)
    meets = pl.when(lower_is_better).then(v <= target).otherwise(v >= target)
    if ci_low and ci_high:
        close = pl.when(lower_is_better).then(pl.col(ci_low) <= target) \
            .otherwise(pl.col(ci_high) >= target)
    else:
        slack = target.abs() * _OPERATIONAL_TOLERANCE
        close = pl.when(lower_is_better).then(v <= target + slack) \
            .otherwise(v >= target - slack)
    return (pl.when(target.is_null() | v.is_null()).then(None)
            .when(meets).then(pl.lit("green"))
            .when(close).then(pl.lit("amber"))
            .otherwise(pl.lit("red")).alias("status"))


def _survey_kpi(frame: pl.DataFrame, cfg: ClientConfig, kpi: str,
                by: Sequence[str]) -> pl.DataFrame:
    """One KPI as ``value, n, se, ci_low, ci_high, base`` per segment."""
    if kpi in ("nps", "csat"):
        score = kpis.nps if kpi == "nps" else kpis.csat
        out = score(frame, by, scale=cfg.scales[kpi], min_base=cfg.min_base)
        return out.select(*by, "n", pl.col(kpi).alias("value"), "se", "ci_low", "ci_high",
                          "base")
    out = kpis.ces(frame, by, scale=cfg.scales["ces"], min_base=cfg.min_base)
    return out.select(*by, "n", pl.col("mean").alias("value"), pl.col("mean_se").alias("se"),
                      pl.col("mean_ci_low").alias("ci_low"),
                      pl.col("mean_ci_high").alias("ci_high"), "base")


@computed_once("survey")
def headline(inputs: Inputs) -> pl.DataFrame:
    """Return NPS, CSAT and CES of the current wave with target, status and change.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs: the survey, its waves and the KPI targets.

    Returns
    -------
    polars.DataFrame
        One row per KPI: ``kpi, n, value, ci_low, ci_high, base, target, status,
        previous, change, p_value, significant`` (CSAT as a 0–1 share, CES as a mean).
    """
    cfg = inputs.config
    survey = inputs["survey"]
    before = previous_wave(cfg)
    rows = []
    for kpi in ("nps", "csat", "ces"):
        if kpi not in survey.columns:
            continue
        table = _survey_kpi(survey, cfg, kpi, ["wave"])
        current = table.filter(pl.col("wave") == cfg.wave)
        if current.is_empty():
            continue
        row = current.drop("wave").with_columns(pl.lit(kpi).alias("kpi"))
        change = (kpis.wave_change(table, "value", "wave", before, cfg.wave)
                  if before else None)
        row = row.with_columns(
            pl.lit(change["before"][0] if change is not None else None,
                   dtype=pl.Float64).alias("previous"),
            pl.lit(change["change"][0] if change is not None else None,
                   dtype=pl.Float64).alias("change"),
            pl.lit(change["p_value"][0] if change is not None else None,
                   dtype=pl.Float64).alias("p_value"),
            pl.lit(change["significant"][0] if change is not None else None,
                   dtype=pl.Boolean).alias("significant"),
        )
        rows.append(row)
    if not rows:
        return pl.DataFrame(schema={"kpi": pl.String, "n": pl.Int64, "value": pl.Float64,
                                    "ci_low": pl.Float64, "ci_high": pl.Float64,
                                    "base": pl.String, "target": pl.Float64,
                                    "status": pl.String, "previous": pl.Float64,
                                    "change": pl.Float64, "p_value": pl.Float64,
                                    "significant": pl.Boolean})
    out = pl.concat(rows, how="vertical_relaxed")
    target = pl.col("kpi").replace_strict(cfg.targets, default=None, return_dtype=pl.Float64)
    return out.with_columns(target.alias("target")).with_columns(
        status_expr("value", pl.col("target"), pl.lit(False), "ci_low", "ci_high")
    ).select("kpi", "n", "value", "ci_low", "ci_high", "base", "target", "status",
             "previous", "change", "p_value", "significant")


def breakdown(inputs: Inputs, dimension: str, kpi: str = "nps",
              wave: str | None = None) -> pl.DataFrame:
    """Return a survey KPI per segment of one dimension for one wave, with its status.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs: the survey and the labels of ``dimension``.
    dimension : {"stage_id", "channel_id", "persona_id", "touchpoint_id"}
        The segment column.
    kpi : {"nps", "csat", "ces"}
        The KPI.
    wave : str, optional
        The wave (default: the current one).

    Returns
    -------
    polars.DataFrame
        ``segment`` (id), ``label``, ``n, value, ci_low, ci_high, base, status``, in the
        configured order of the dimension (stages in journey order), unknown ids last.
    """
    cfg = inputs.config
    frame = inputs.with_columns("survey", dimension).filter(
        (pl.col("wave") == (wave or cfg.wave)) & pl.col(dimension).is_not_null())
    table = _survey_kpi(frame, cfg, kpi, [dimension]).rename({dimension: "segment"})
    names = labels(inputs, SEGMENTS[dimension])
    order = {key: i for i, key in enumerate(names)}
    target = cfg.targets.get(kpi)
    return table.with_columns(
        pl.col("segment").replace_strict(names, default=pl.col("segment")).alias("label"),
        pl.col("segment").replace_strict(order, default=len(order)).alias("_order"),
        status_expr("value", pl.lit(target, dtype=pl.Float64), pl.lit(False),
                    "ci_low", "ci_high"),
    ).sort("_order", "segment").select("segment", "label", "n", "value", "ci_low",
                                       "ci_high", "base", "status")


def segment_changes(inputs: Inputs, dimension: str | None = None,
                    kpi: str = "nps") -> pl.DataFrame:
    """Return the change of a KPI from the previous wave, overall or per segment.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs: the survey of the current and previous waves.
    dimension : str, optional
        A segment column of :data:`SEGMENTS`; None for the whole sample.
    kpi : {"nps", "csat", "ces"}
        The KPI.

    Returns
    -------
    polars.DataFrame
        ``segment, label, n_before, n_after, before, after, change, se, z, p_value,
        significant`` (empty when there is no previous wave).
    """
    cfg = inputs.config
    before = previous_wave(cfg)
    by = [dimension] if dimension else []
    survey = inputs["survey"]
    if dimension:
        survey = survey.filter(pl.col(dimension).is_not_null())
    if before is None:
        return pl.DataFrame()
    table = _survey_kpi(survey.filter(pl.col("wave").is_in([before, cfg.wave])), cfg, kpi,
                        ["wave", *by])
    out = kpis.wave_change(table, "value", "wave", before, cfg.wave, by=by)
    if not dimension:
        return out.with_columns(pl.lit("all").alias("segment"), pl.lit("").alias("label"))
    names = labels(inputs, SEGMENTS[dimension])
    return out.rename({dimension: "segment"}).with_columns(
        pl.col("segment").replace_strict(names, default=pl.col("segment")).alias("label"))


def nps_changes(inputs: Inputs, lang: str) -> pl.DataFrame:
    """Return the NPS changes since the previous wave by persona and by channel.

    Returns
    -------
    polars.DataFrame
        :func:`segment_changes` rows with a ``dimension`` column (its name in ``lang``);
        empty without a previous wave.
    """
    parts = [segment_changes(inputs, d).with_columns(pl.lit(t(key, lang)).alias("dimension"))
             for d, key in (("persona_id", "col_persona"), ("channel_id", "col_channel"))
             if d in inputs["survey"].columns]
    parts = [p for p in parts if not p.is_empty()]
    return pl.concat(parts, how="vertical_relaxed") if parts else pl.DataFrame()


def survey_trend(inputs: Inputs, kpi: str = "nps") -> pl.DataFrame:
    """Return a survey KPI per month with its interval and base flag.

    Returns
    -------
    polars.DataFrame
        ``month`` (first day), ``n, value, ci_low, ci_high, base``.
    """
    frame = inputs["survey"].with_columns(pl.col("date").dt.truncate("1mo").alias("month"))
    return _survey_kpi(frame, inputs.config, kpi, ["month"])


def low_bases(inputs: Inputs, dimensions: Sequence[str] = tuple(SEGMENTS)) -> pl.DataFrame:
    """Return the segments of the current wave whose base is low or suppressed.

    Returns
    -------
    polars.DataFrame
        ``dimension, segment, label, n, base``, suppressed first.
    """
    parts = [breakdown(inputs, d).filter(pl.col("base") != "ok")
             .select(pl.lit(d).alias("dimension"), "segment", "label", "n", "base")
             for d in dimensions if d in inputs["survey"].columns]
    if not parts:
        return pl.DataFrame(schema={"dimension": pl.String, "segment": pl.String,
                                    "label": pl.String, "n": pl.Int64, "base": pl.String})
    return pl.concat(parts).sort("base", "n", descending=[True, False])


def touchpoint_detractors(inputs: Inputs) -> pl.DataFrame:
    """Return the detractor share per touchpoint of the current wave, worst first.

    Returns
    -------
    polars.DataFrame
        ``segment, label, n, detractors, elsewhere`` (detractor share of every other
        respondent), ``lift`` (detractors / elsewhere), ``base``; suppressed rows dropped.
    """
    cfg = inputs.config
    survey = inputs.with_columns("survey", "touchpoint_id", "nps").filter(
        pl.col("wave") == cfg.wave)
    scale = cfg.scales["nps"]
    table = kpis.nps(survey.filter(pl.col("touchpoint_id").is_not_null()), ["touchpoint_id"],
                     scale=scale, min_base=cfg.min_base)
    total_n = survey.filter(pl.col("nps").is_not_null()).height
    total_d = survey.filter(pl.col("nps") <= scale.top - 3).height
    names = labels(inputs, "touchpoints")
    d_count = (pl.col("detractors") * pl.col("n"))
    return table.filter(pl.col("base") != "suppressed").with_columns(
        ((total_d - d_count) / (total_n - pl.col("n"))).alias("elsewhere"),
    ).with_columns(
        (pl.col("detractors") / pl.col("elsewhere")).alias("lift"),
        pl.col("touchpoint_id").replace_strict(names, default=pl.col("touchpoint_id"))
        .alias("label"),
    ).sort("lift", descending=True).select(
        pl.col("touchpoint_id").alias("segment"), "label", "n", "detractors", "elsewhere",
        "lift", "base")
