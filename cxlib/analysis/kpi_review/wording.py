"""The KPI review in words: values in their units, labels, display tables and findings.

Turns the frames of :mod:`cxlib.analysis.kpi_review.survey` and
:mod:`cxlib.analysis.kpi_review.drivers_funnel` into text for a report: each KPI formatted
in its unit (NPS in points, shares in %, CES and times with decimals), months and p-values
as readers write them, text columns ready for report tables, and the finding sentences
(the wave's NPS, segment changes, the strongest driver, the touchpoint that concentrates
detractors, the one-line summary).
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.kpi_review.drivers_funnel import driver_table
from cxlib.analysis.kpi_review.survey import headline
from cxlib.analysis.overview import Finding
from cxlib.i18n import MESSAGES, date_text, language, number, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "SHARES",
    "change_findings",
    "changes_display",
    "detractor_sentence",
    "detractors_display",
    "driver_sentence",
    "format_change",
    "format_kpi",
    "headline_display",
    "kpi_title",
    "low_bases_display",
    "month_label",
    "nps_sentence",
    "operational_display",
    "p_text",
    "shown",
    "summary",
]

#: KPIs that are 0–1 shares (shown in %).
SHARES = frozenset({"csat", "conversion", "retention", "churn"})
_SHARES = SHARES


def month_label(day: object, lang: str) -> str:
    """Return a month as readers write it: ``oct. 2026`` or ``Oct 2026``."""
    return date_text(day, "MMM yyyy", lang)


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
            " pts" if sign else language(lang).percent)
    return number(value, lang, 0 if kpi == "nps" else 1, sign=sign)


def _places(kpi: str) -> int:
    """Return the decimals a KPI is written with (shares in percentage points)."""
    if kpi in _SHARES:
        return 0 if kpi == "csat" else 1
    return 0 if kpi == "nps" else 1


def shown(kpi: str, value: float | None) -> float | None:
    """Return a KPI value as written: rounded as :func:`format_kpi` rounds it.

    Examples
    --------
    >>> shown("csat", 0.5549), shown("nps", 36.6)
    (0.55, 37.0)
    """
    if value is None:
        return None
    scale = 100 if kpi in _SHARES else 1
    return round(value * scale, _places(kpi)) / scale


def format_change(kpi: str, before: float | None, after: float | None, lang: str) -> str:
    """Write the change between two KPI values as the difference of the values written.

    A reader subtracts the two figures shown; the change must be that difference, not the
    rounded difference of the unrounded values (55 % → 60 % is +5 pts, even when the
    values were 55.4 % and 59.6 %).

    Examples
    --------
    >>> format_change("csat", 0.554, 0.596, "en"), format_change("nps", 36.6, 47.7, "en")
    ('+5 pts', '+11')
    """
    if before is None or after is None:
        return "–"
    return format_kpi(kpi, shown(kpi, after) - shown(kpi, before), lang, sign=True)


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
            "change": format_change(k, r["previous"], r["value"], lang),
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
             change=format_change("nps", r["previous"], r["value"], lang), verdict=verdict)


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
        change = format_change("nps", r["before"], r["after"], lang)
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
             change=format_change("nps", r["previous"], r["value"], lang), verdict=verdict,
             driver=driver)


def changes_display(changes: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`nps_changes` with p-values and verdicts in words, for a report table.

    The change is the difference of the two NPS as the table writes them (whole points).
    """
    return changes.with_columns(
        pl.struct("before", "after").map_elements(
            lambda r: None if r["before"] is None or r["after"] is None
            else shown("nps", r["after"]) - shown("nps", r["before"]),
            return_dtype=pl.Float64).alias("change"),
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
