"""Each persona's observed journeys: stages reached, traces, frequent paths, distinctness.

Methods (each stated in the report)
-----------------------------------
**Distinctness**: the Jensen–Shannon distance (square root of the divergence, base 2: 0 for
identical journeys, 1 for journeys with nothing in common; Endres & Schindelin 2003)
between two personas' distributions of events over the stage × channel cells. Pairs under
:data:`INDISTINCT` are flagged as indistinguishable.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import polars as pl

from cxlib.analysis import journeys
from cxlib.analysis.overview import Finding
from cxlib.analysis.personas._common import (
    _channels,
    _collect,
    _persona_counts,
    _persona_events,
    _personas,
)
from cxlib.i18n import number, t
from cxlib.inputs import scans
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs

__all__ = [
    "INDISTINCT",
    "STAGE_GAP",
    "distinctness",
    "distinctness_display",
    "distinctness_findings",
    "jensen_shannon",
    "stage_findings",
    "stage_reach",
    "traces",
    "variants",
]

#: Gap in the share of customers reaching a stage, persona vs everyone else, reported.
STAGE_GAP = 0.20
#: Jensen–Shannon distance under which two personas' journeys are indistinguishable.
INDISTINCT = 0.10


def _stages(cfg: ClientConfig) -> pl.DataFrame:
    return pl.DataFrame({
        "stage_id": [s.id for s in cfg.stages], "stage": [s.label for s in cfg.stages],
        "stage_order": list(range(len(cfg.stages))),
    })


def traces(inputs: Inputs) -> pl.DataFrame:
    """Return each persona's journey trace: who uses each stage × channel.

    Returns
    -------
    polars.DataFrame
        ``persona, stage, channel, customers, share`` (of the persona's customers with at
        least one event there), stage × channel cells used by someone, in persona, stage
        and channel order.
    """
    cfg = inputs.config
    totals = _persona_counts(inputs, ["persona_id"], "_total")
    cells = _persona_counts(inputs, ["persona_id", "stage_id", "channel_id"],
                            "customers").join(totals, on="persona_id")
    return cells.join(_personas(inputs), on="persona_id").join(
        _stages(cfg), on="stage_id").join(_channels(cfg), on="channel_id").with_columns(
        (pl.col("customers") / pl.col("_total")).alias("share"),
    ).sort("persona_order", "stage_order", "channel_order").select(
        "persona", "stage", "channel", "customers", "share")


def stage_reach(inputs: Inputs) -> pl.DataFrame:
    """Return the share of each persona's customers reaching each stage, against the others.

    Returns
    -------
    polars.DataFrame
        ``persona_id, persona, stage, customers, share, others`` (share among the customers
        of every other persona), ``gap`` (share − others), in persona and stage order.
    """
    cfg = inputs.config
    reach = _persona_counts(inputs, ["persona_id", "stage_id"], "customers")
    totals = _persona_counts(inputs, ["persona_id"], "_total")
    grid = _personas(inputs).join(_stages(cfg), how="cross")
    everyone = totals["_total"].sum()
    return grid.join(reach, on=["persona_id", "stage_id"], how="left").join(
        totals, on="persona_id", how="left").with_columns(
        pl.col("customers").fill_null(0), pl.col("_total").fill_null(0),
    ).with_columns(
        pl.when(pl.col("_total") > 0).then(pl.col("customers") / pl.col("_total"))
        .alias("share"),
        pl.when(pl.col("_total") < everyone).then(
            (pl.col("customers").sum().over("stage_id") - pl.col("customers"))
            / (everyone - pl.col("_total"))).alias("others"),
    ).with_columns((pl.col("share") - pl.col("others")).alias("gap")).sort(
        "persona_order", "stage_order").select("persona_id", "persona", "stage", "customers",
                                               "share", "others", "gap")


def stage_findings(reach: pl.DataFrame, lang: str) -> list[Finding]:
    """Return a sentence per persona × stage reached far more or less than by the others.

    A gap of :data:`STAGE_GAP` or more is reported, largest first.
    """
    rows = reach.filter(pl.col("gap").abs() >= STAGE_GAP).sort(pl.col("gap").abs(),
                                                                 descending=True)
    found = [Finding("warning", t("pe_stage_gap", lang, persona=r["persona"], stage=r["stage"],
                                  share=number(r["share"], lang, 0, percent=True),
                                  others=number(r["others"], lang, 0, percent=True)))
             for r in rows.iter_rows(named=True)]
    return found or [Finding("info", t("pe_no_stage_gap", lang))]


def variants(inputs: Inputs, top: int = 3) -> pl.DataFrame:
    """Return each persona's most frequent journey variants.

    A variant is the ordered sequence of stages of a customer's events, consecutive repeats
    counted once, as :func:`cxlib.analysis.journeys.variants` defines it (ties in input order).

    Returns
    -------
    polars.DataFrame
        ``persona, rank, path`` (stage labels joined by arrows), ``customers, share`` (of
        the persona's customers), ``top`` variants per persona.
    """
    names = inputs.config.labels("stages")
    events = _persona_events(inputs).with_columns(
        pl.col("stage_id").replace_strict(names, default=pl.col("stage_id")).alias("_stage"))
    schema = {"persona": pl.String, "rank": pl.Int64, "path": pl.String,
              "customers": pl.Int64, "share": pl.Float64}
    if not scans.streamed(events):
        parts = [journeys.variants(events.filter(pl.col("persona_id") == pid), "_stage",
                                   limit=top).select(
            pl.lit(name).alias("persona"), pl.int_range(1, pl.len() + 1).alias("rank"),
            pl.col("variant").alias("path"), pl.col("cases").alias("customers"), "share")
            for pid, name in _personas(inputs).select("persona_id", "persona").iter_rows()]
        return pl.concat([pl.DataFrame(schema=schema), *parts], how="vertical_relaxed")
    # a log left on disk: every persona's paths from one ordered pass, each customer's
    # events of one persona making one case, as filtering on the persona does (customers
    # without a persona make a group of their own, left out by the join below)
    paths = (journeys.persona_paths(inputs["events"], "stage_id", "persona_id", labels=names)
             if "persona_id" in inputs["events"].columns
             else journeys.persona_paths(events, "_stage", "persona_id"))
    # each persona's shares computed as :func:`cxlib.analysis.journeys.variants` does on
    # that persona's events (one division by one total: the same floating-point results)
    paths = pl.concat([paths.head(0).lazy(), *[
        frame.lazy().with_columns((pl.col("cases") / pl.col("cases").sum()).alias("share"))
        for frame in paths.partition_by("persona_id", maintain_order=True)]]).collect()
    return _personas(inputs).join(paths, on="persona_id").sort(
        "persona_order", "cases", "variant", descending=[False, True, False]).group_by(
        "persona_id", maintain_order=True).head(top).select(
        "persona", pl.int_range(1, pl.len() + 1).over("persona_id").alias("rank"),
        pl.col("variant").alias("path"), pl.col("cases").alias("customers"), "share",
    ).cast(schema)  # type: ignore[arg-type]


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> float:
    """Return the Jensen–Shannon distance between two distributions (base 2, 0–1).

    Parameters
    ----------
    p, q : numpy.ndarray
        Non-negative weights over the same cells (normalised here).

    Returns
    -------
    float
        √JSD, with JSD = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q) / 2.

    Examples
    --------
    >>> jensen_shannon(np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    1.0
    """
    p, q = p / p.sum(), q / q.sum()
    m = (p + q) / 2

    def kl(a: np.ndarray) -> float:
        used = a > 0
        return float((a[used] * np.log2(a[used] / m[used])).sum())

    return math.sqrt(max(0.5 * kl(p) + 0.5 * kl(q), 0.0))


def distinctness(inputs: Inputs) -> pl.DataFrame:
    """Return the journey distance between every pair of personas, closest first.

    Returns
    -------
    polars.DataFrame
        ``persona_a, persona_b, distance`` (Jensen–Shannon, see :func:`jensen_shannon`,
        over the events' stage × channel cells), ``indistinct`` (distance under
        :data:`INDISTINCT`).
    """
    cells = _collect(_persona_events(inputs).group_by("persona_id", "stage_id", "channel_id")
                     .agg(pl.len().alias("n"))).sort(  # one order of cells: same sums
        "stage_id", "channel_id", "persona_id").pivot(
        on="persona_id", index=["stage_id", "channel_id"], values="n").fill_null(0)
    names = _personas(inputs).filter(pl.col("persona_id").is_in(cells.columns))
    rows = [{"persona_a": a_name, "persona_b": b_name,
             "distance": jensen_shannon(cells[a].to_numpy().astype(np.float64),
                                        cells[b].to_numpy().astype(np.float64))}
            for (a, a_name), (b, b_name) in itertools.combinations(
                names.select("persona_id", "persona").iter_rows(), 2)]
    schema = {"persona_a": pl.String, "persona_b": pl.String, "distance": pl.Float64}
    return pl.DataFrame(rows, schema=schema).with_columns(
        (pl.col("distance") < INDISTINCT).alias("indistinct")).sort("distance")


def distinctness_findings(pairs: pl.DataFrame, lang: str) -> list[Finding]:
    """Return a sentence per indistinguishable pair, or one naming the closest pair."""
    threshold = number(INDISTINCT, lang, 2)
    found = [Finding("problem", t("pe_indistinct", lang, a=r["persona_a"], b=r["persona_b"],
                                  distance=number(r["distance"], lang, 2),
                                  threshold=threshold))
             for r in pairs.filter(pl.col("indistinct")).iter_rows(named=True)]
    if found or pairs.is_empty():
        return found
    r = pairs.row(0, named=True)
    return [Finding("info", t("pe_distinct", lang, a=r["persona_a"], b=r["persona_b"],
                              distance=number(r["distance"], lang, 2), threshold=threshold))]


def distinctness_display(pairs: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return :func:`distinctness` with the verdict in words, for a report table."""
    return pairs.with_columns(pl.col("indistinct").replace_strict(
        {True: t("pe_yes_indistinct", lang), False: t("pe_no_distinct", lang)},
        return_dtype=pl.String).alias("verdict"))
