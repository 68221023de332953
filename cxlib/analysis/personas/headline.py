"""The one-line summary of the persona report, for the run's index page."""

from __future__ import annotations

import polars as pl

from cxlib.analysis.personas.declared import (
    DIVERGENCE,
    appetence,
    has_persona_events,
    kind_shares,
)
from cxlib.analysis.personas.journey_traces import distinctness
from cxlib.analysis.personas.segmentation import Segmentation
from cxlib.i18n import t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "summary",
]


def summary(inputs: Inputs, lang: str, seg: Segmentation | None = None) -> str:
    """Return the one-line summary of the persona report for the run's index page."""
    n = inputs["personas"].height
    if not has_persona_events(inputs):
        return t("pe_summary_no_events", lang, n=n)
    diverging = kind_shares(appetence(inputs)).filter(pl.col("gap") >= DIVERGENCE)[
        "persona"].unique(maintain_order=True).to_list()
    pairs = distinctness(inputs)
    return t("pe_summary", lang, n=n,
             diverging=", ".join(diverging) if diverging else t("pe_none", lang),
             k=seg.k if seg else "–", indistinct=pairs["indistinct"].sum())
