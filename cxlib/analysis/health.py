"""What a senior consultant questions in a map: ratings, actions and KPIs against the data.

The journey map's health check (:func:`cxlib.analysis.journey_map.health_check`) measures
the five classic mapping errors; these checks add what a review of a finished map asks:

- a rating contradicted by the survey: a touchpoint rated an enchantment whose respondents
  are detractors more often than the others, or a break whose respondents are detractors
  less often (Fisher's exact test, one-sided, on the current wave);
- a rating resting on fewer pieces of evidence than the client's minimum base;
- a top irritant whose action is already marked done in the plan;
- churn and retention that do not add up to 100 % without a definition of each;
- a key driver that carries most of the explained variance on its own.

Each check speaks only where its data exists and returns sentences
(:class:`~cxlib.analysis.overview.Finding`) in the client's language.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.overview import Finding
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "DOMINANT_SHARE",
    "PAIRED_RATES",
    "SIGNIFICANCE",
    "dominant_driver",
    "done_irritants",
    "findings",
    "paired_rates",
    "rating_contradictions",
    "thin_ratings",
]

#: Level of the one-sided test that a rating contradicts the survey.
SIGNIFICANCE = 0.05
#: Share of explained variance above which one driver is said to dominate implausibly.
DOMINANT_SHARE = 0.6
#: KPIs that describe the same customers from two sides and should add up to 100 %.
PAIRED_RATES = (("churn", "retention"),)

_POSITIVE, _NEGATIVE = ("enchantment",), ("rupture", "irritant")


def rating_contradictions(inputs: Inputs) -> pl.DataFrame:
    """Return the rated touchpoints whose survey answers contradict their rating.

    A touchpoint rated an enchantment contradicts the survey when its respondents are
    detractors significantly more often than every other respondent of the wave; one rated
    an irritant or a break, when they are significantly less often. The test is Fisher's
    exact test, one-sided, at :data:`SIGNIFICANCE`, on touchpoints whose base reaches the
    client's ``min_base.flag``.

    Returns
    -------
    polars.DataFrame
        ``touchpoint_id, name, valence, n, detractors`` (share), ``elsewhere`` (share among
        the other respondents), ``p_value``, ``direction`` (``positive`` or ``negative``:
        the rating contradicted); empty without survey answers about touchpoints.
    """
    from scipy.stats import fisher_exact

    schema = {"touchpoint_id": pl.String, "name": pl.String, "valence": pl.String,
              "n": pl.Int64, "detractors": pl.Float64, "elsewhere": pl.Float64,
              "p_value": pl.Float64, "direction": pl.String}
    cfg = inputs.config
    if not inputs.has("survey", "touchpoint_id") or not inputs.has("touchpoints"):
        return pl.DataFrame(schema=schema)
    survey = inputs.with_columns("survey", "touchpoint_id", "nps").filter(
        (pl.col("wave") == cfg.wave) & pl.col("nps").is_not_null())
    detractor = pl.col("nps") <= cfg.scales["nps"].top - 3
    total_n, total_d = survey.height, survey.filter(detractor).height
    counts = survey.filter(pl.col("touchpoint_id").is_not_null()).group_by(
        "touchpoint_id").agg(pl.len().alias("n"), detractor.sum().alias("d"))
    rated = inputs["touchpoints"].select("touchpoint_id", "name", "valence")
    rows = []
    for r in counts.join(rated, on="touchpoint_id").sort("touchpoint_id").iter_rows(named=True):
        n, d = r["n"], r["d"]
        others = total_n - n
        if n < cfg.min_base.flag or others <= 0 or r["valence"] not in _POSITIVE + _NEGATIVE:
            continue
        positive = r["valence"] in _POSITIVE
        table = [[d, n - d], [total_d - d, others - (total_d - d)]]
        p = float(fisher_exact(table, alternative="greater" if positive else "less").pvalue)
        if p < SIGNIFICANCE:
            rows.append({"touchpoint_id": r["touchpoint_id"], "name": r["name"],
                         "valence": r["valence"], "n": n, "detractors": d / n,
                         "elsewhere": (total_d - d) / others, "p_value": p,
                         "direction": "positive" if positive else "negative"})
    return pl.DataFrame(rows, schema=schema)


def thin_ratings(inputs: Inputs, evidence: pl.DataFrame) -> pl.DataFrame:
    """Return the rated touchpoints whose evidence is above zero but under the minimum base.

    Parameters
    ----------
    inputs : Inputs
        For the client's ``min_base.flag``.
    evidence : polars.DataFrame
        From :func:`cxlib.analysis.touchpoints.evidence`.

    Returns
    -------
    polars.DataFrame
        ``touchpoint_id, name, evidence``, fewest first.
    """
    flag = inputs.config.min_base.flag
    return evidence.filter(pl.col("valence").is_not_null() & (pl.col("evidence") > 0)
                           & (pl.col("evidence") < flag)).sort("evidence", "name").select(
        "touchpoint_id", "name", "evidence")


def done_irritants(inputs: Inputs, spans: pl.DataFrame | None, *,
                   limit: int = 5) -> pl.DataFrame:
    """Return the most cited irritants whose touchpoint has an action marked done.

    Parameters
    ----------
    inputs : Inputs
        The touchpoints and the actions (with their ``status``).
    spans : polars.DataFrame or None
        Coded passages (:func:`cxlib.analysis.interviews.client_spans`).
    limit : int
        How many of the most cited irritants are looked at (as many as the reports list).

    Returns
    -------
    polars.DataFrame
        ``rank, stage_id, channel_id, theme, interviews, action`` (its title),
        ``touchpoint`` (its name).
    """
    from cxlib.analysis.interviews import top_codes

    schema = {"rank": pl.UInt32, "stage_id": pl.String, "channel_id": pl.String,
              "theme": pl.String, "interviews": pl.UInt32, "action": pl.String,
              "touchpoint": pl.String}
    if spans is None or not spans.height or not inputs.has("actions", "status", "touchpoint_id"):
        return pl.DataFrame(schema=schema)
    done = inputs["actions"].filter(pl.col("status") == "done").join(
        inputs["touchpoints"].select("touchpoint_id", "stage_id", "channel_id", "name"),
        on="touchpoint_id")
    top = top_codes(spans, inputs, "irritant", limit)
    joined = top.join(done, on=["stage_id", "channel_id"]).sort("rank", "action_id")
    return joined.select("rank", "stage_id", "channel_id", "theme", "interviews",
                         pl.col("title").alias("action"), pl.col("name").alias("touchpoint")
                         ).cast({"rank": pl.UInt32, "interviews": pl.UInt32})


def paired_rates(inputs: Inputs) -> pl.DataFrame:
    """Return the paired rates (churn and retention) that do not add up to 100 %.

    Compared on the latest period both are reported for the whole journey (no stage, no
    channel); a gap of half a point or less is rounding.

    Returns
    -------
    polars.DataFrame
        ``first, second`` (KPI ids), ``period``, ``first_value``, ``second_value``,
        ``defined`` (both have a definition in ``kpi_definitions`` of client.yaml).
    """
    schema = {"first": pl.String, "second": pl.String, "period": pl.Date,
              "first_value": pl.Float64, "second_value": pl.Float64, "defined": pl.Boolean}
    if not inputs.has("kpis"):
        return pl.DataFrame(schema=schema)
    kpis = inputs.with_columns("kpis", "stage_id", "channel_id").filter(
        pl.col("stage_id").is_null() & pl.col("channel_id").is_null())
    definitions = getattr(inputs.config, "kpi_definitions", {}) or {}
    rows = []
    for first, second in PAIRED_RATES:
        both = kpis.filter(pl.col("kpi") == first).select("period", pl.col("value").alias("a")) \
            .join(kpis.filter(pl.col("kpi") == second).select(
                "period", pl.col("value").alias("b")), on="period").sort("period")
        if not both.height:
            continue
        last = both.row(-1, named=True)
        if abs(last["a"] + last["b"] - 1) > 0.005:
            rows.append({"first": first, "second": second, "period": last["period"],
                         "first_value": last["a"], "second_value": last["b"],
                         "defined": bool(definitions.get(first) and definitions.get(second))})
    return pl.DataFrame(rows, schema=schema)


def dominant_driver(inputs: Inputs) -> dict[str, object] | None:
    """Return the key driver carrying more than :data:`DOMINANT_SHARE` of the variance.

    Returns
    -------
    dict or None
        ``label``, ``share``, ``r2``, ``n`` of the dominant driver; None when no driver
        dominates or the driver analysis cannot run.
    """
    from cxlib.analysis.kpi_review import driver_table

    if not inputs.has("survey", "nps"):
        return None
    drivers = driver_table(inputs)
    if not drivers.height:
        return None
    top = drivers.sort("share", descending=True).row(0, named=True)
    return top if top["share"] > DOMINANT_SHARE else None


def findings(inputs: Inputs, evidence: pl.DataFrame, spans: pl.DataFrame | None,
             lang: str) -> list[Finding]:
    """Return the review's checks as sentences, warnings first.

    Contradicted and thin ratings, done irritants, paired rates and a dominant driver.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    evidence : polars.DataFrame
        From :func:`cxlib.analysis.touchpoints.evidence`.
    spans : polars.DataFrame or None
        Coded passages, for the most cited irritants.
    lang : {"fr", "en"}
        Language of the sentences.

    Returns
    -------
    list of Finding
        Warnings for what to question, one info line when ratings and survey agree.
    """
    cfg = inputs.config
    out: list[Finding] = []
    pct = lambda v: number(v, lang, 0, percent=True)  # noqa: E731
    if inputs.has("survey", "touchpoint_id"):
        from cxlib.analysis.kpi_review import p_text

        contradicted = rating_contradictions(inputs)
        for r in contradicted.iter_rows(named=True):
            out.append(Finding("warning", t(
                f"hc_contradicted_{r['direction']}", lang, touchpoint=r["name"],
                valence=t(f"valence_{r['valence']}", lang).lower(), n=r["n"],
                share=pct(r["detractors"]), elsewhere=pct(r["elsewhere"]),
                p=p_text(r["p_value"], lang))))
        if not contradicted.height:
            out.append(Finding("info", t("hc_ratings_agree", lang, flag=cfg.min_base.flag)))
    thin = thin_ratings(inputs, evidence)
    if thin.height:
        out.append(Finding("warning", t("hc_thin_ratings", lang, n=thin.height,
                                        flag=cfg.min_base.flag,
                                        names=", ".join(thin["name"].head(8).to_list())
                                        + (t("wv_and_more", lang, n=thin.height - 8)
                                           if thin.height > 8 else ""))))
    stages, channels = cfg.labels("stages"), cfg.labels("channels")
    if spans is not None:
        from cxlib.analysis.interviews import code_labels

        codes = code_labels(inputs)
        for r in done_irritants(inputs, spans).iter_rows(named=True):
            out.append(Finding("warning", t(
                "hc_done_irritant", lang, rank=r["rank"], theme=codes.get(r["theme"], "–"),
                stage=stages.get(r["stage_id"], "–"), channel=channels.get(r["channel_id"], "–"),
                interviews=r["interviews"], action=r["action"], touchpoint=r["touchpoint"])))
    rate = lambda v: number(v, lang, 1, percent=True)  # noqa: E731 (adds up as shown)
    for r in paired_rates(inputs).filter(~pl.col("defined")).iter_rows(named=True):
        out.append(Finding("warning", t(
            "hc_paired_rates", lang, first=t(f"kpi_{r['first']}", lang),
            second=t(f"kpi_{r['second']}", lang), a=rate(r["first_value"]),
            b=rate(r["second_value"]), total=rate(r["first_value"] + r["second_value"]))))
    top = dominant_driver(inputs)
    if top is not None:
        out.append(Finding("warning", t("hc_dominant_driver", lang, stage=top["label"],
                                        share=pct(top["share"]))))
    return out
