"""Declared vs observed: each persona's share of base and channel appetence.

Methods (each stated in the report)
-----------------------------------
**Declared vs observed appetence**: a persona's declared appetence (0–3 per channel) is
normalised to shares; the observed share is that of the persona's events on each channel.
A persona *diverges* when the observed share of a channel kind exceeds the declared one by
:data:`DIVERGENCE` or more.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.overview import Finding
from cxlib.analysis.personas._common import (
    _channels,
    _collect,
    _persona_counts,
    _persona_events,
    _personas,
)
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "DIVERGENCE",
    "SHARE_GAP",
    "appetence",
    "appetence_findings",
    "appetence_long",
    "base_share_findings",
    "base_shares",
    "has_persona_events",
    "kind_shares",
]

#: Observed minus declared share of a channel kind from which a persona diverges.
DIVERGENCE = 0.25
#: Gap between declared and observed share of base that is reported.
SHARE_GAP = 0.05


def has_persona_events(inputs: Inputs) -> bool:
    """Return whether the event log says which persona each customer belongs to."""
    events = inputs["events"].lazy()
    if "persona_id" not in events.collect_schema().names():
        return False
    return bool(_collect(events.select(pl.col("persona_id").is_not_null().any())).item())


def base_shares(inputs: Inputs) -> pl.DataFrame:
    """Return each persona's declared share of base against its share of the event log.

    Returns
    -------
    polars.DataFrame
        ``persona_id, persona, declared`` (``share_of_base``, null if not given),
        ``customers, observed`` (share of the log's customers who have a persona), ``gap``.
    """
    personas = _personas(inputs)
    declared = (inputs["personas"].select("persona_id", pl.col("share_of_base")
                                          .alias("declared"))
                if "share_of_base" in inputs["personas"].columns
                else personas.select("persona_id", pl.lit(None, pl.Float64).alias("declared")))
    counts = _persona_counts(inputs, ["persona_id"], "customers")
    return personas.join(declared, on="persona_id").join(
        counts, on="persona_id", how="left").with_columns(
        pl.col("customers").fill_null(0),
    ).with_columns(
        (pl.col("customers") / pl.col("customers").sum().clip(1)).alias("observed"),
    ).with_columns((pl.col("observed") - pl.col("declared")).alias("gap")).sort(
        "persona_order").select("persona_id", "persona", "declared", "customers", "observed",
                                "gap")


def base_share_findings(shares: pl.DataFrame, lang: str) -> list[Finding]:
    """Return a sentence per persona whose share of base differs from the declared one.

    A gap of :data:`SHARE_GAP` or more is reported; declared shares that do not add up
    to about 100% are reported too.
    """
    found = []
    total = shares["declared"].drop_nulls()
    if total.len() and abs(total.sum() - 1) > SHARE_GAP:
        found.append(Finding("warning", t("pe_shares_total", lang,
                                          total=number(total.sum(), lang, 0, percent=True))))
    for r in shares.filter(pl.col("gap").abs() >= SHARE_GAP).iter_rows(named=True):
        found.append(Finding("warning", t("pe_share_gap", lang, persona=r["persona"],
                                          declared=number(r["declared"], lang, 0, percent=True),
                                          observed=number(r["observed"], lang, 0,
                                                          percent=True))))
    if not found and total.len():
        gap = shares["gap"].abs().max() or 0.0
        found.append(Finding("info", t("pe_shares_match", lang,
                                       gap=number(gap * 100, lang, 1))))
    return found


def appetence(inputs: Inputs) -> pl.DataFrame:
    """Return declared and observed channel shares of every persona × channel.

    Returns
    -------
    polars.DataFrame
        ``persona_id, persona, channel_id, channel, kind, appetence`` (0–3, null if not
        declared), ``declared`` (appetence / the persona's total appetence), ``observed``
        (share of the persona's events on the channel), in persona then channel order.
    """
    grid = _personas(inputs).join(_channels(inputs.config), how="cross")
    declared = (inputs["persona_channels"].select("persona_id", "channel_id", "appetence")
                if "persona_channels" in inputs else
                pl.DataFrame(schema={"persona_id": pl.String, "channel_id": pl.String,
                                     "appetence": pl.Int64}))
    events = _collect(_persona_events(inputs).group_by("persona_id", "channel_id").agg(
        pl.len().alias("_n")))
    total = pl.col("appetence").fill_null(0).sum().over("persona_id")
    return grid.join(declared, on=["persona_id", "channel_id"], how="left").join(
        events, on=["persona_id", "channel_id"], how="left").with_columns(
        pl.when(total > 0).then(pl.col("appetence").fill_null(0) / total).alias("declared"),
        pl.when(pl.col("_n").sum().over("persona_id") > 0).then(
            pl.col("_n").fill_null(0) / pl.col("_n").sum().over("persona_id")).alias("observed"),
    ).sort("persona_order", "channel_order").select(
        "persona_id", "persona", "channel_id", "channel", "kind", "appetence", "declared",
        "observed")


def kind_shares(table: pl.DataFrame) -> pl.DataFrame:
    """Sum :func:`appetence` per channel kind.

    Returns
    -------
    polars.DataFrame
        ``persona_id, persona, kind, declared, observed, gap`` (observed − declared).
    """
    def total(column: str) -> pl.Expr:
        return pl.when(pl.col(column).is_not_null().any()).then(pl.col(column).sum())

    return table.group_by("persona_id", "persona", "kind", maintain_order=True).agg(
        total("declared").alias("declared"), total("observed").alias("observed"),
    ).with_columns((pl.col("observed") - pl.col("declared")).alias("gap"))


def _favourites(table: pl.DataFrame, persona_id: str, lang: str) -> str:
    rows = table.filter((pl.col("persona_id") == persona_id) & (pl.col("appetence") > 0))
    top = rows.filter(pl.col("appetence") == rows["appetence"].max())["channel"].to_list()
    if not top:
        return "–"
    quoted = [t("pe_quoted", lang, text=c) for c in top[:3]] + (["…"] if len(top) > 3 else [])
    if len(quoted) == 1:
        return quoted[0]
    return t("pe_and", lang, first=", ".join(quoted[:-1]), last=quoted[-1])


def appetence_findings(table: pl.DataFrame, lang: str) -> list[Finding]:
    """Return a sentence per persona whose observed channel mix contradicts the declared one.

    Parameters
    ----------
    table : polars.DataFrame
        From :func:`appetence`.
    lang : {"fr", "en"}
        Report language.

    Returns
    -------
    list of Finding
        A ``problem`` per persona with a kind observed :data:`DIVERGENCE` or more above
        its declared share (largest gap first), or one ``info`` saying none diverges.
    """
    gaps = kind_shares(table).filter(pl.col("gap") >= DIVERGENCE).sort("gap", descending=True)
    found = [Finding("problem", t(
        "pe_divergence", lang, persona=r["persona"], channels=_favourites(table,
                                                                         r["persona_id"], lang),
        observed=number(r["observed"], lang, 0, percent=True), kind=t(f"pe_kind_{r['kind']}",
                                                                      lang),
        declared=number(r["declared"], lang, 0, percent=True)))
        for r in gaps.unique("persona_id", keep="first", maintain_order=True)
        .iter_rows(named=True)]
    if not found and table["declared"].drop_nulls().len():
        return [Finding("info", t("pe_no_divergence", lang,
                                  threshold=number(DIVERGENCE * 100, lang, 0)))]
    return found


def appetence_long(table: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`appetence` in long form for side-by-side heat maps.

    Returns
    -------
    polars.DataFrame
        ``persona, channel, source`` (declared or observed, in words), ``share``.
    """
    sources = {"declared": t("pe_source_declared", lang), "observed": t("pe_source_observed",
                                                                        lang)}
    return pl.concat([table.select("persona", "channel", pl.lit(label).alias("source"),
                                   pl.col(column).alias("share"))
                      for column, label in sources.items()]).filter(
        pl.col("share").is_not_null())
