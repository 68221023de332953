"""The KPI review: survey KPIs against targets, by segment and wave; funnel and operations.

Builds on :mod:`~.kpis` (the formulas) and :mod:`~.drivers` (key drivers). Every
function takes the client's validated :class:`~cxlib.inputs.loaders.Inputs` and returns an
aggregated frame with labels in the client's words, or finding sentences.

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
from cxlib.analysis.drivers import importance_performance, relative_weights
from cxlib.analysis.overview import Finding
from cxlib.i18n import MESSAGES, number, t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs

__all__ = [
    "LOWER_IS_BETTER",
    "SEGMENTS",
    "SHARES",
    "breakdown",
    "change_findings",
    "changes_display",
    "complete_answers",
    "detractor_sentence",
    "detractors_display",
    "driver_columns",
    "driver_sentence",
    "driver_table",
    "format_kpi",
    "funnel",
    "headline",
    "headline_display",
    "kpi_title",
    "labels",
    "low_bases",
    "low_bases_display",
    "month_label",
    "nps_changes",
    "nps_sentence",
    "operational",
    "operational_display",
    "operational_trend",
    "p_text",
    "previous_wave",
    "segment_changes",
    "status_expr",
    "summary",
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
    if kpi == "nps":
        out = kpis.nps(frame, by, scale=cfg.scales["nps"], min_base=cfg.min_base)
        return out.select(*by, "n", pl.col("nps").alias("value"), "se", "ci_low", "ci_high",
                          "base")
    if kpi == "csat":
        out = kpis.csat(frame, by, scale=cfg.scales["csat"], min_base=cfg.min_base)
        return out.select(*by, "n", pl.col("csat").alias("value"), "se", "ci_low", "ci_high",
                          "base")
    out = kpis.ces(frame, by, scale=cfg.scales["ces"], min_base=cfg.min_base)
    return out.select(*by, "n", pl.col("mean").alias("value"), pl.col("mean_se").alias("se"),
                      pl.col("mean_ci_low").alias("ci_low"),
                      pl.col("mean_ci_high").alias("ci_high"), "base")


def headline(inputs: Inputs) -> pl.DataFrame:
    """Return NPS, CSAT and CES of the current wave with target, status and change.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.

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
        The client's validated inputs.
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
    frame = inputs["survey"].filter((pl.col("wave") == (wave or cfg.wave))
                                    & pl.col(dimension).is_not_null())
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
        The client's validated inputs.
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
    survey = inputs["survey"].filter(pl.col("wave") == cfg.wave)
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
    columns = driver_columns(inputs)
    if complete_answers(inputs) < max(cfg.min_base.flag, len(columns) + 2) or len(columns) < 2:
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
    events = inputs["events"].lazy()
    started = events.select(pl.col("customer_id").n_unique()).collect().item()
    reach = events.group_by("stage_id").agg(pl.col("customer_id").n_unique()
                                            .alias("customers")).collect()
    order = {s: i for i, s in enumerate(cfg.ids("stages"))}
    names = cfg.labels("stages")
    stages = pl.DataFrame({"stage": list(order), "order": list(order.values())}).join(
        reach.rename({"stage_id": "stage"}), on="stage", how="left").with_columns(
        pl.col("customers").fill_null(0))
    converted = events.filter(pl.col("outcome") == "converted").select(
        pl.col("customer_id").n_unique()).collect().item()
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


#: KPIs that are 0–1 shares (shown in %).
SHARES = frozenset({"csat", "conversion", "retention", "churn"})
_SHARES = SHARES


def month_label(day: object, lang: str) -> str:
    """Return a month as readers write it: ``oct. 2026`` or ``Oct 2026``."""
    from babel.dates import format_date

    return format_date(day, "MMM yyyy", locale="fr_FR" if lang == "fr" else "en_GB")


def format_kpi(kpi: str, value: float | None, lang: str, sign: bool = False) -> str:
    """Format a KPI value in its unit: NPS in points, shares in %, CES and times with decimals.

    Parameters
    ----------
    kpi : str
        KPI id (``nps``, ``csat``, ``ces``, ``conversion``, ``churn``…).
    value : float or None
        The value (shares as 0–1).
    lang : {"fr", "en"}
        Report language.
    sign : bool
        Whether to sign the value (changes); a share's change is in percentage points.

    Returns
    -------
    str
        The text, ``–`` for a missing value.
    """
    if value is None:
        return "–"
    if kpi in _SHARES:
        return number(value * 100, lang, 1 if kpi != "csat" else 0, sign=sign) + (
            " pts" if sign else ("\u202f%" if lang == "fr" else "%"))
    return number(value, lang, 0 if kpi == "nps" else 1, sign=sign)


def headline_display(head: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`headline` as text columns ready for a report table.

    Returns
    -------
    polars.DataFrame
        ``kpi, value, interval, n, target, status, previous, change, significant``.
    """
    rows = []
    for r in head.iter_rows(named=True):
        k = r["kpi"]
        rows.append({
            "kpi": t(f"kpi_{k}", lang), "value": format_kpi(k, r["value"], lang),
            "interval": "–" if r["ci_low"] is None
            else f"{format_kpi(k, r['ci_low'], lang)} – {format_kpi(k, r['ci_high'], lang)}",
            "n": r["n"], "target": format_kpi(k, r["target"], lang), "status": r["status"],
            "previous": format_kpi(k, r["previous"], lang),
            "change": format_kpi(k, r["change"], lang, sign=True),
            "significant": "–" if r["significant"] is None
            else t("yes" if r["significant"] else "no", lang),
        })
    return pl.DataFrame(rows, schema={"kpi": pl.String, "value": pl.String,
                                      "interval": pl.String, "n": pl.Int64,
                                      "target": pl.String, "status": pl.String,
                                      "previous": pl.String, "change": pl.String,
                                      "significant": pl.String})


def p_text(p: float | None, lang: str) -> str:
    """Return ``< 0.001`` or ``= 0.023`` in the report's number format (``–`` if None).

    The sign and the number are joined by a no-break space: never on two lines.
    """
    if p is None:
        return "–"
    return f"<\u00a0{number(0.001, lang, 3)}" if p < 0.001 else f"=\u00a0{number(p, lang, 3)}"


def detractors_display(table: pl.DataFrame) -> pl.DataFrame:
    """Return :func:`touchpoint_detractors` with ``⚠`` after the label of a low base."""
    return table.with_columns(pl.when(pl.col("base") == "low").then(pl.col("label") + " ⚠")
                              .otherwise(pl.col("label")).alias("label"))


def nps_sentence(head: pl.DataFrame, lang: str) -> str | None:
    """Return the sentence stating the wave's NPS, its interval and its change.

    None when the NPS cannot be shown (no answers, or a suppressed base).
    """
    rows = head.filter(pl.col("kpi") == "nps")
    if rows.is_empty() or rows["value"][0] is None:
        return None
    r = rows.row(0, named=True)
    if r["previous"] is None:
        return t("kp_nps_first", lang, value=format_kpi("nps", r["value"], lang),
                 low=format_kpi("nps", r["ci_low"], lang),
                 high=format_kpi("nps", r["ci_high"], lang), n=number(r["n"], lang))
    verdict = ("" if r["p_value"] is None else
               t("kp_significant" if r["significant"] else "kp_not_significant", lang,
                 p=p_text(r["p_value"], lang)))
    return t("kp_nps_sentence", lang, value=format_kpi("nps", r["value"], lang),
             low=format_kpi("nps", r["ci_low"], lang), high=format_kpi("nps", r["ci_high"], lang),
             n=number(r["n"], lang), previous=format_kpi("nps", r["previous"], lang),
             change=format_kpi("nps", r["change"], lang, sign=True), verdict=verdict)


def change_findings(changes: pl.DataFrame, lang: str, limit: int = 6) -> list[Finding]:
    """Return one sentence per segment change: significant ones, then inconclusive ones.

    Parameters
    ----------
    changes : polars.DataFrame
        From :func:`segment_changes` (one dimension).
    lang : {"fr", "en"}
        Report language.
    limit : int
        Most sentences returned.

    Returns
    -------
    list of Finding
        ``info`` for significant changes, ``warning`` for large but inconclusive ones.
    """
    found: list[Finding] = []
    usable = changes.filter(pl.col("significant").is_not_null())
    for r in usable.sort(pl.col("change").abs(), descending=True).iter_rows(named=True):
        change = format_kpi("nps", r["change"], lang, sign=True)
        if r["significant"]:
            found.append(Finding("info", t("kp_change_sig", lang, segment=r["label"],
                                           change=change, p=p_text(r["p_value"], lang))))
        elif abs(r["change"]) >= 5:
            found.append(Finding("warning", t("kp_change_small", lang, segment=r["label"],
                                              change=change, n_before=r["n_before"],
                                              n_after=r["n_after"])))
    return found[:limit]


def driver_sentence(drivers: pl.DataFrame, lang: str) -> str:
    """Return the sentence naming the strongest driver and how it performs."""
    top = drivers.sort("share", descending=True).row(0, named=True)
    mean = drivers["performance"].mean()
    return t("kp_driver_sentence", lang, stage=top["label"],
             share=number(top["share"], lang, 0, percent=True),
             performance=number(top["performance"], lang, 2),
             position=t("kp_below" if top["performance"] < mean else "kp_above", lang))


def detractor_sentence(detractors: pl.DataFrame, lang: str) -> str | None:
    """Return the sentence naming the touchpoint that concentrates detractors, if any.

    A touchpoint qualifies with an ``ok`` base and at least 1.5 times the detractor share
    of the other respondents.
    """
    top = detractors.filter((pl.col("base") == "ok") & (pl.col("lift") >= 1.5))
    if top.is_empty():
        return None
    r = top.row(0, named=True)
    return t("kp_detractor_sentence", lang, touchpoint=r["label"],
             share=number(r["detractors"], lang, 0, percent=True), n=number(r["n"], lang),
             elsewhere=number(r["elsewhere"], lang, 0, percent=True),
             lift=number(r["lift"], lang, 1))


def summary(inputs: Inputs, lang: str) -> str:
    """Return the one-line summary of the KPI review for the run's index page."""
    head = headline(inputs)
    nps = head.filter(pl.col("kpi") == "nps")
    if nps.is_empty() or nps["value"][0] is None:  # no answers, or too few to show
        return t("kp_no_survey", lang, wave=inputs.config.labels("waves")[inputs.config.wave],
                 suppress=inputs.config.min_base.suppress)
    r = head.filter(pl.col("kpi") == "nps").row(0, named=True)
    verdict = ("–" if r["significant"] is None
               else t("kp_sig_short" if r["significant"] else "kp_nsig_short", lang))
    drivers = driver_table(inputs)
    driver = drivers.sort("share", descending=True)["label"][0] if drivers.height else "–"
    return t("kp_summary", lang, nps=format_kpi("nps", r["value"], lang),
             change=format_kpi("nps", r["change"], lang, sign=True), verdict=verdict,
             driver=driver)


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


def changes_display(changes: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`nps_changes` with p-values and verdicts in words, for a report table."""
    return changes.with_columns(
        pl.col("significant").replace_strict({True: t("yes", lang), False: t("no", lang)},
                                             default="–", return_dtype=pl.String),
        pl.col("p_value").map_elements(lambda p: p_text(p, lang), return_dtype=pl.String,
                                       skip_nulls=False),
    )


def low_bases_display(low: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`low_bases` with dimension and base flags in words."""
    dims = {"stage_id": "col_stage", "channel_id": "col_channel", "persona_id": "col_persona",
            "touchpoint_id": "col_touchpoint"}
    return low.with_columns(
        pl.col("base").replace_strict({"low": t("base_low", lang),
                                       "suppressed": t("base_suppressed", lang)}),
        pl.col("dimension").replace_strict({k: t(v, lang) for k, v in dims.items()}),
    )


def kpi_title(kpi: str, lang: str) -> str:
    """Return a KPI's name in the report language (its id when it has none)."""
    key = f"kpi_{kpi}"
    return t(key, lang) if key in MESSAGES else kpi


def operational_display(ops: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`operational` as text columns in each KPI's unit.

    Returns
    -------
    polars.DataFrame
        ``kpi, period, value, previous, target, status``.
    """
    rows = [{"kpi": kpi_title(r["kpi"], lang), "period": month_label(r["period"], lang),
             "value": format_kpi(r["kpi"], r["value"], lang),
             "previous": format_kpi(r["kpi"], r["previous"], lang),
             "target": format_kpi(r["kpi"], r["target"], lang), "status": r["status"]}
            for r in ops.iter_rows(named=True)]
    return pl.DataFrame(rows, schema={c: pl.String for c in ("kpi", "period", "value",
                                                             "previous", "target",
                                                             "status")})
