"""The touchpoint inventory: the stage × channel matrix, its evidence, its gaps, its flows.

A touchpoint's *evidence* is what supports its rating: coded interview passages on its
stage × channel (from :mod:`cxlib.analysis.interviews`) and survey responses about it. *Gaps* are
stated as ranked sentences: cells where customers reach the brand but no touchpoint
exists (from the event log), ratings with no evidence behind them, and the critical
touchpoints where journeys end without a purchase (from :func:`cxlib.analysis.journeys.drop_off`).
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from cxlib.analysis import _coded_views, journeys
from cxlib.analysis._ordered import _by_part
from cxlib.analysis.overview import Finding
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs
from cxlib.inputs.schemas import TABLES

__all__ = [
    "Finding",
    "channel_flows",
    "critical_findings",
    "critical_touchpoints",
    "evidence",
    "matrix_cells",
    "missing_findings",
    "missing_touchpoints",
    "stage_flows",
    "summary",
    "unevidenced",
    "unevidenced_findings",
]

_RATED = ("irritant", "enchantment", "rupture")
#: How :func:`cxlib.analysis.journeys.transitions` joins the columns of an activity.
_JOIN = " · "


def _tokens(text: str) -> set[str]:
    bare = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-z0-9]+", bare) if len(w) >= 4}


def _attribute(cell_tps: pl.DataFrame, texts: list[str]) -> dict[str, int]:
    """Count, per touchpoint of one cell, the passages that support it.

    A cell with one touchpoint takes every passage on it. In a cell with several, a
    passage supports the touchpoints whose distinctive name words (words of four letters
    or more that no other touchpoint of the cell has) it contains.
    """
    ids = cell_tps["touchpoint_id"].to_list()
    if len(ids) == 1:
        return {ids[0]: len(texts)}
    words = {tid: _tokens(name) for tid, name in cell_tps.select("touchpoint_id", "name")
             .iter_rows()}
    counts = dict.fromkeys(ids, 0)
    passages = [_tokens(text) for text in texts]
    for tid in ids:
        own = words[tid] - set().union(*(words[o] for o in ids if o != tid))
        counts[tid] = sum(1 for p in passages if own & p)
    return counts


def evidence(inputs: Inputs, spans: pl.DataFrame | None) -> pl.DataFrame:
    """Return each touchpoint with the evidence behind its rating.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    spans : polars.DataFrame or None
        Coded passages from :func:`cxlib.analysis.interviews.coded_spans` (None: no codings).

    Returns
    -------
    polars.DataFrame
        The touchpoints table plus ``passages`` (coded passages on its stage × channel
        that are about it: all of them when it is alone on its cell, else those naming
        it), ``responses`` (survey responses about it) and ``evidence`` (their sum).
    """
    optional = [c.name for c in TABLES["touchpoints"].columns if not c.required]
    tps = inputs.with_columns("touchpoints", *optional).drop("__row__", strict=False)
    counts: dict[str, int] = {}
    if spans is not None and spans.height:
        grouped = spans.filter(pl.col("stage_id").is_not_null()
                               & pl.col("channel_id").is_not_null()).group_by(
            "stage_id", "channel_id").agg(pl.col("text"))
        for stage, channel, texts in grouped.iter_rows():
            cell = tps.filter((pl.col("stage_id") == stage) & (pl.col("channel_id") == channel))
            if cell.height:
                counts.update(_attribute(cell, texts))
    tps = tps.with_columns(pl.col("touchpoint_id").replace_strict(
        counts, default=0, return_dtype=pl.Int64).alias("passages"))
    survey = inputs["survey"]
    if "touchpoint_id" in survey.columns:
        answers = survey.filter(pl.col("touchpoint_id").is_not_null()).group_by(
            "touchpoint_id").agg(pl.len().cast(pl.Int64).alias("responses"))
        tps = tps.join(answers, on="touchpoint_id", how="left")
    else:
        tps = tps.with_columns(pl.lit(0, dtype=pl.Int64).alias("responses"))
    return tps.with_columns(pl.col("responses").fill_null(0)) \
        .with_columns((pl.col("passages") + pl.col("responses")).alias("evidence"))


def matrix_cells(inputs: Inputs, table: pl.DataFrame) -> list[dict[str, object]]:
    """Return the matrix as rows (channels) of cells (stages), each listing its touchpoints.

    Parameters
    ----------
    inputs : Inputs
        For the configured stage and channel order and labels.
    table : polars.DataFrame
        From :func:`evidence`.

    Returns
    -------
    list of dict
        One per channel: ``channel`` (label), ``kind``, ``cells`` — one per stage, each a
        list of touchpoints (``name``, ``valence``, ``moment_of_truth``, ``owner``,
        ``evidence``, ``persona``).
    """
    cfg = inputs.config
    owners = cfg.labels("departments")
    rows = []
    for channel in cfg.channels:
        cells = []
        for stage in cfg.stages:
            here = table.filter((pl.col("stage_id") == stage.id)
                                & (pl.col("channel_id") == channel.id))
            cells.append([{
                "name": r["name"], "valence": r["valence"],
                "moment_of_truth": bool(r.get("moment_of_truth")),
                "owner": owners.get(r.get("owner_department") or "", ""),
                "evidence": r["evidence"], "persona": r.get("persona_id") or "",
            } for r in here.sort("name").iter_rows(named=True)])
        rows.append({"channel": channel.label, "kind": channel.kind, "cells": cells})
    return rows


def missing_touchpoints(inputs: Inputs, min_events: int = 50) -> pl.DataFrame:
    """Return the stage × channel cells customers use but where no touchpoint exists.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (events and touchpoints).
    min_events : int
        Fewest events on a cell for it to count (below, it may be noise).

    Returns
    -------
    polars.DataFrame
        ``stage_id, channel_id, events, customers``, most used first.
    """
    cells = inputs["touchpoints"].select("stage_id", "channel_id").unique()
    by = ["stage_id", "channel_id"]
    used = _coded_views.case_counts(inputs["events"], by, "customer_id", "customers",
                                    also=True, build=True)
    if used is None:  # customers counted one group of them at a time on a log left on disk
        [parts] = _by_part(inputs["events"], "customer_id", lambda part: [
            part.group_by(*by).agg(pl.len().alias("events"),
                                   pl.col("customer_id").n_unique().alias("customers"))])
        used = parts.group_by(*by).agg(pl.col("events", "customers").sum()).collect()
    used = used.select(*by, pl.col("events", "customers").cast(pl.Int64))
    return used.join(cells, on=["stage_id", "channel_id"], how="anti").filter(
        pl.col("events") >= min_events).sort(["events", "stage_id", "channel_id"],
                                             descending=[True, False, False])


def unevidenced(table: pl.DataFrame) -> pl.DataFrame:
    """Return the rated touchpoints (irritant, enchantment, rupture) with no evidence."""
    return table.filter(pl.col("valence").is_in(list(_RATED)) & (pl.col("evidence") == 0)) \
        .sort("touchpoint_id")


def critical_touchpoints(inputs: Inputs, limit: int = 5) -> pl.DataFrame:
    """Return the stage × channel cells where journeys end without a purchase too often.

    Only stages before the purchase count (macro-stage ``before`` and ``during``): after
    it, a journey that ends is not a lost sale. Cells are ranked by their *excess* ends:
    journeys ending there minus those expected at the average end rate of pre-purchase
    cells, so that a busy cell with an ordinary rate does not outrank a smaller one
    where prospects leave far more often.

    Returns
    -------
    polars.DataFrame
        ``stage_id, channel_id, ended, passing, rate, abandoned, excess, touchpoints``
        (names in the cell), most excess first; none without the events' ``outcome``
        (nothing then tells a journey that ended in a purchase from one that did not).
    """
    cfg = inputs.config
    if not inputs.has("events", "customer_id", "timestamp", "stage_id", "channel_id",
                      "outcome"):
        return pl.DataFrame(schema={"stage_id": pl.String, "channel_id": pl.String,
                                    "ended": pl.UInt32, "passing": pl.UInt32,
                                    "rate": pl.Float64, "abandoned": pl.UInt32,
                                    "excess": pl.Float64, "touchpoints": pl.String})
    pre = [s.id for s in cfg.stages if s.macro in ("before", "during")]
    ends = journeys.drop_off(inputs["events"]).filter(pl.col("stage_id").is_in(pre))
    average = ends["ended"].sum() / max(ends["passing"].sum(), 1)
    names = inputs["touchpoints"].group_by("stage_id", "channel_id").agg(
        pl.col("name").sort().str.join(" / ").alias("touchpoints"))
    return ends.with_columns((pl.col("ended") - pl.col("passing") * average).alias("excess")) \
        .join(names, on=["stage_id", "channel_id"], how="left") \
        .sort("excess", descending=True).head(limit)


def _label(cfg: object, what: str, key: str) -> str:
    return cfg.labels(what).get(key, key)  # type: ignore[attr-defined]


def missing_findings(inputs: Inputs, lang: str, limit: int = 5) -> list[Finding]:
    """Return one sentence per missing touchpoint, most used cell first.

    Beyond ``limit``, one more sentence counts the others, so that the list and the count
    given elsewhere (the run's index page) agree.
    """
    cfg = inputs.config
    missing = missing_touchpoints(inputs)
    found = [Finding("problem", t("tp_missing", lang, stage=_label(cfg, "stages", r["stage_id"]),
                                  channel=_label(cfg, "channels", r["channel_id"]),
                                  customers=number(r["customers"], lang),
                                  events=number(r["events"], lang)))
             for r in missing.head(limit).iter_rows(named=True)]
    if missing.height > limit:
        found.append(Finding("info", t("tp_missing_more", lang, n=missing.height - limit,
                                       total=missing.height)))
    return found


def unevidenced_findings(table: pl.DataFrame, inputs: Inputs, lang: str) -> list[Finding]:
    """Return one sentence per rating with no evidence behind it."""
    cfg = inputs.config
    return [Finding("warning", t("tp_unevidenced", lang, touchpoint=r["name"],
                                 valence=t(f"valence_{r['valence']}", lang),
                                 stage=_label(cfg, "stages", r["stage_id"]),
                                 channel=_label(cfg, "channels", r["channel_id"])))
            for r in unevidenced(table).iter_rows(named=True)]


def critical_findings(inputs: Inputs, lang: str, limit: int = 3) -> list[Finding]:
    """Return one sentence per critical cell: where prospects leave, and how many."""
    cfg = inputs.config
    out = []
    for r in critical_touchpoints(inputs, limit).iter_rows(named=True):
        out.append(Finding("problem", t(
            "tp_critical", lang, stage=_label(cfg, "stages", r["stage_id"]),
            channel=_label(cfg, "channels", r["channel_id"]), ended=number(r["ended"], lang),
            rate=number(r["rate"], lang, 0, percent=True),
            touchpoints=r["touchpoints"] or t("iv_no_touchpoint", lang),
            n_tp=len(r["touchpoints"].split(" / ")) if r["touchpoints"] else 0)))
    return out


def channel_flows(inputs: Inputs) -> pl.DataFrame:
    """Return the channel-to-channel transitions with labels and each source's share.

    Returns
    -------
    polars.DataFrame
        ``source, target`` (labels), ``count``, ``share`` (of the source's moves).
    """
    labels = inputs.config.labels("channels")
    flows = journeys.transitions(inputs["events"], "channel_id")
    return flows.with_columns(
        (pl.col("count") / pl.col("count").sum().over("source")).alias("share"),
        pl.col("source").replace_strict(labels, default=pl.col("source")),
        pl.col("target").replace_strict(labels, default=pl.col("target")),
    )


def stage_flows(inputs: Inputs) -> pl.DataFrame:
    """Return transitions between consecutive stages' channels: where customers go next.

    Only moves from one stage to a later stage count; each is ``from`` a stage × channel
    ``to`` the next event's stage × channel.

    Returns
    -------
    polars.DataFrame
        ``from_stage, from_channel, to_stage, to_channel`` (labels), ``count``,
        ``from_order``, ``to_order`` (stage positions), most frequent first.
    """
    cfg = inputs.config
    order = {s: i for i, s in enumerate(cfg.ids("stages"))}
    # each event and the next of its customer, counted as stage × channel transitions
    pairs = journeys.transitions(inputs["events"], ("stage_id", "channel_id"))
    moves = pairs.select(
        pl.col("source").str.split_exact(_JOIN, 1).struct.rename_fields(
            ["stage_id", "channel_id"]).struct.unnest(),
        pl.col("target").str.split_exact(_JOIN, 1).struct.rename_fields(
            ["to_stage", "to_channel"]).struct.unnest(), "count").with_columns(
        pl.col("stage_id").replace_strict(order, default=None, return_dtype=pl.Int64)
        .alias("from_order"),
        pl.col("to_stage").replace_strict(order, default=None, return_dtype=pl.Int64)
        .alias("to_order")).filter(pl.col("to_order") > pl.col("from_order"))
    out = moves.group_by("stage_id", "channel_id", "to_stage", "to_channel", "from_order",
                         "to_order").agg(pl.col("count").sum())
    stages, channels = cfg.labels("stages"), cfg.labels("channels")
    return out.select(
        pl.col("stage_id").replace_strict(stages, default=pl.col("stage_id"))
        .alias("from_stage"),
        pl.col("channel_id").replace_strict(channels, default=pl.col("channel_id"))
        .alias("from_channel"),
        pl.col("to_stage").replace_strict(stages, default=pl.col("to_stage")),
        pl.col("to_channel").replace_strict(channels, default=pl.col("to_channel")),
        "count", "from_order", "to_order",
    ).sort(["count", "from_order", "to_order", "from_channel", "to_channel"],
           descending=[True, False, False, False, False])  # ties in one order every run


def summary(inputs: Inputs, table: pl.DataFrame, lang: str) -> str:
    """Return the one-line summary of the touchpoint report for the run's index page."""
    counts = dict(table.group_by("valence").len().iter_rows())
    critical = critical_touchpoints(inputs, 1)
    where = "–" if critical.is_empty() else " × ".join(
        (_label(inputs.config, "stages", critical["stage_id"][0]),
         _label(inputs.config, "channels", critical["channel_id"][0])))
    return t("tp_summary", lang, n=table.height, irritants=counts.get("irritant", 0),
             ruptures=counts.get("rupture", 0), missing=missing_touchpoints(inputs).height,
             critical=where)
