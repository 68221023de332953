"""Personas: the workshop's portraits checked against what customers do in the event log.

Every function takes the client's validated :class:`~cxlib.inputs.loaders.Inputs` (or frames
derived from it) and returns an aggregated polars frame or finding sentences.

Layout
------
The module is a package split by concern; every public name is importable from here, as
before, and each module's docstring states its methods:

- :mod:`~cxlib.analysis.personas.cards`: persona cards (portrait, quote, share of base,
  declared channel appetence);
- :mod:`~cxlib.analysis.personas.segmentation`: behavioural features per customer, k-means
  segments, k chosen by silhouette;
- :mod:`~cxlib.analysis.personas.segments`: the segments in words and crossed with the
  personas;
- :mod:`~cxlib.analysis.personas.declared`: declared vs observed share of base and channel
  appetence, and the contradictions;
- :mod:`~cxlib.analysis.personas.journey_traces`: stages reached, stage × channel traces,
  frequent paths and how distinct the personas' journeys are (Jensen–Shannon);
- :mod:`~cxlib.analysis.personas.headline`: the one-line summary for the run's index page.
"""

from __future__ import annotations

from cxlib.analysis.overview import Finding
from cxlib.analysis.personas.cards import persona_cards
from cxlib.analysis.personas.declared import (
    DIVERGENCE,
    SHARE_GAP,
    appetence,
    appetence_findings,
    appetence_long,
    base_share_findings,
    base_shares,
    has_persona_events,
    kind_shares,
)
from cxlib.analysis.personas.headline import summary
from cxlib.analysis.personas.journey_traces import (
    INDISTINCT,
    STAGE_GAP,
    distinctness,
    distinctness_display,
    distinctness_findings,
    jensen_shannon,
    stage_findings,
    stage_reach,
    traces,
    variants,
)
from cxlib.analysis.personas.segmentation import (
    CHUNK,
    FEATURES,
    FIT_SAMPLE,
    K_RANGE,
    KINDS,
    MIN_CUSTOMERS,
    SEED,
    SILHOUETTE_SAMPLE,
    Segmentation,
    customer_features,
    segment,
    silhouette,
)
from cxlib.analysis.personas.segmentation import N_INIT as N_INIT
from cxlib.analysis.personas.segments import (
    association,
    association_finding,
    feature_names,
    segment_personas,
    segment_profiles,
    segment_table,
    segment_traits,
    segments_sentence,
)

__all__ = [
    "CHUNK",
    "DIVERGENCE",
    "FEATURES",
    "FIT_SAMPLE",
    "INDISTINCT",
    "KINDS",
    "K_RANGE",
    "MIN_CUSTOMERS",
    "SEED",
    "SHARE_GAP",
    "SILHOUETTE_SAMPLE",
    "STAGE_GAP",
    "Finding",
    "Segmentation",
    "appetence",
    "appetence_findings",
    "appetence_long",
    "association",
    "association_finding",
    "base_share_findings",
    "base_shares",
    "customer_features",
    "distinctness",
    "distinctness_display",
    "distinctness_findings",
    "feature_names",
    "has_persona_events",
    "jensen_shannon",
    "kind_shares",
    "persona_cards",
    "segment",
    "segment_personas",
    "segment_profiles",
    "segment_table",
    "segment_traits",
    "segments_sentence",
    "silhouette",
    "stage_findings",
    "stage_reach",
    "summary",
    "traces",
    "variants",
]
