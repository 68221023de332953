"""Reference lists the persona modules share: personas, channels, events with a persona."""

from __future__ import annotations

import polars as pl

from cxlib.analysis._ordered import case_counts
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs
from cxlib.inputs.scans import engine


def _personas(inputs: Inputs) -> pl.DataFrame:
    """Personas in table order: ``persona_id, persona, persona_order``."""
    return inputs["personas"].select(
        "persona_id", pl.col("name").alias("persona"),
        pl.int_range(pl.len()).alias("persona_order"))


def _channels(cfg: ClientConfig) -> pl.DataFrame:
    return pl.DataFrame({
        "channel_id": [c.id for c in cfg.channels], "channel": [c.label for c in cfg.channels],
        "channel_order": list(range(len(cfg.channels))), "kind": [c.kind for c in cfg.channels],
    })


def _persona_events(inputs: Inputs) -> pl.LazyFrame:
    """Return the events of customers with a persona (none without a persona column)."""
    events = inputs["events"].lazy()
    if "persona_id" not in events.collect_schema().names():
        events = events.with_columns(pl.lit(None, dtype=pl.String).alias("persona_id"))
    return events.filter(pl.col("persona_id").is_not_null())


def _persona_counts(inputs: Inputs, by: list[str], name: str) -> pl.DataFrame:
    """Distinct customers per ``by`` group among the events with a persona.

    On a log left on disk, from the log coded once for every persona analysis
    (:mod:`cxlib.analysis._coded`), not from a pass over the file per count.
    """
    events = inputs["events"]
    if "persona_id" not in events.columns:
        return case_counts(_persona_events(inputs), by, "customer_id", name)
    return case_counts(events, by, "customer_id", name,
                       where=pl.col("persona_id").is_not_null(), build=True)


def _collect(query: pl.LazyFrame) -> pl.DataFrame:
    """Collect a query on the events: streaming when the log is left on disk."""
    return query.collect(engine=engine(query))
