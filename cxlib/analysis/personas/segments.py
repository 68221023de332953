"""The behavioural segments in words: profiles, traits, crossing with the personas.

Each segment of :func:`~cxlib.analysis.personas.segmentation.segment` is described by the
features that depart most from the mean (in standard deviations of the feature over all
customers), crossed with the declared personas (Cramér's V) and given its NPS.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from cxlib.analysis import kpis
from cxlib.analysis.overview import Finding
from cxlib.analysis.personas._common import _personas
from cxlib.analysis.personas.segmentation import FEATURES, Segmentation
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "association",
    "association_finding",
    "feature_names",
    "segment_personas",
    "segment_profiles",
    "segment_table",
    "segment_traits",
    "segments_sentence",
]

_TRAITS = 3
_MIN_Z = 0.25


def segment_profiles(features: pl.DataFrame, seg: Segmentation) -> pl.DataFrame:
    """Return each segment's size and mean features, then an ``all`` row (segment 0).

    Returns
    -------
    polars.DataFrame
        ``segment, customers, share`` and the mean of every feature of :data:`FEATURES`.
    """
    frame = features.with_columns(seg.labels["segment"])
    means = [pl.col(f).mean() for f in FEATURES]
    per = frame.group_by("segment").agg(pl.len().alias("customers"), *means).sort("segment")
    every = frame.select(pl.lit(0, dtype=per["segment"].dtype).alias("segment"),
                         pl.len().alias("customers"), *means)
    return pl.concat([per, every]).with_columns(
        (pl.col("customers") / features.height).alias("share"))


def segment_traits(features: pl.DataFrame, profiles: pl.DataFrame) -> pl.DataFrame:
    """Return how far each segment's mean features are from everyone's, strongest first.

    Returns
    -------
    polars.DataFrame
        ``segment, feature, mean, overall, z`` (difference in standard deviations of the
        feature over all customers), sorted by segment then decreasing ``|z|``.
    """
    overall = profiles.filter(pl.col("segment") == 0).row(0, named=True)
    spread = features.select(pl.col(f).std() for f in FEATURES).row(0, named=True)
    rows = [{"segment": r["segment"], "feature": f, "mean": r[f], "overall": overall[f],
             "z": (r[f] - overall[f]) / spread[f] if spread[f] else 0.0}
            for r in profiles.filter(pl.col("segment") > 0).iter_rows(named=True)
            for f in FEATURES]
    return pl.DataFrame(rows).sort(["segment", pl.col("z").abs()], descending=[False, True])


def _feature_value(feature: str, value: float, lang: str) -> str:
    if feature.startswith("share_"):
        return number(value, lang, 0, percent=True)
    return number(value, lang, 0 if feature in ("value", "recency_days") else 1)


def _description(traits: pl.DataFrame, lang: str) -> str:
    parts = [t("pe_trait_above" if r["z"] > 0 else "pe_trait_below", lang,
               feature=t(f"pe_feature_{r['feature']}", lang),
               value=_feature_value(r["feature"], r["mean"], lang),
               overall=_feature_value(r["feature"], r["overall"], lang))
             for r in traits.filter(pl.col("z").abs() >= _MIN_Z).head(_TRAITS)
             .iter_rows(named=True)]
    return t("pe_trait_sep", lang).join(parts) if parts else t("pe_trait_none", lang)


def segment_personas(features: pl.DataFrame, seg: Segmentation, inputs: Inputs,
                     lang: str) -> pl.DataFrame:
    """Cross-tabulate segments and declared personas.

    Returns
    -------
    polars.DataFrame
        ``persona_id, persona, segment, label`` (``Segment 1``…), ``customers, share``
        (of the persona's customers), in persona then segment order; customers without a
        persona are left out.
    """
    frame = features.with_columns(seg.labels["segment"]).filter(
        pl.col("persona_id").is_not_null())
    counts = frame.group_by("persona_id", "segment").agg(pl.len().alias("customers"))
    return counts.join(_personas(inputs), on="persona_id").with_columns(
        (pl.col("customers") / pl.col("customers").sum().over("persona_id")).alias("share"),
        pl.format(t("pe_segment_label", lang, n="{}"), "segment").alias("label"),
    ).sort("persona_order", "segment").select("persona_id", "persona", "segment", "label",
                                              "customers", "share")


def association(crosstab: pl.DataFrame) -> float:
    """Return Cramér's V between segments and personas (0 independent, 1 identical).

    Parameters
    ----------
    crosstab : polars.DataFrame
        Customers per persona and segment, from :func:`segment_personas`.

    Returns
    -------
    float
        V = √(χ² / (n · (min(r, c) − 1))); 0 when there is one persona or one segment.
    """
    table = crosstab.pivot(on="segment", index="persona_id", values="customers") \
        .drop("persona_id").fill_null(0).to_numpy().astype(np.float64)
    n = table.sum()
    if min(table.shape) < 2 or n == 0:
        return 0.0
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / np.where(expected > 0, expected, 1)).sum())
    return math.sqrt(chi2 / (n * (min(table.shape) - 1)))


def association_finding(crosstab: pl.DataFrame, lang: str) -> Finding:
    """Return the sentence stating how far segments and personas overlap.

    Cramér's V (:func:`association`) under 0.2 reads weak, under 0.4 moderate, else strong.
    """
    v = association(crosstab)
    strength = "weak" if v < 0.2 else "moderate" if v < 0.4 else "strong"
    return Finding("info", t("pe_association", lang, v=number(v, lang, 2),
                             strength=t(f"pe_assoc_{strength}", lang)))


def feature_names(lang: str) -> str:
    """Return the behavioural features in words, for the method paragraph."""
    names = [t(f"pe_feature_{f}", lang) for f in FEATURES]
    return t("pe_and", lang, first=", ".join(names[:-1]), last=names[-1])


def segments_sentence(seg: Segmentation, lang: str) -> str:
    """Return the sentence stating the chosen k and how clear its structure is.

    Bands of Kaufman & Rousseeuw (1990): a mean silhouette of 0.70 or more is a strong
    structure, 0.50 a reasonable one, 0.25 a weak one, below that none substantial.
    """
    score = seg.score
    band = ("strong" if score >= 0.70 else "reasonable" if score >= 0.50
            else "weak" if score >= 0.25 else "none")
    return t("pe_segments_chosen", lang, k=seg.k, score=number(score, lang, 2),
             verdict=t(f"pe_structure_{band}", lang))


def segment_table(features: pl.DataFrame, seg: Segmentation, inputs: Inputs,
                  lang: str) -> pl.DataFrame:
    """Return one row per segment for the report, described in plain words.

    Returns
    -------
    polars.DataFrame
        ``segment, label, customers, share, description, persona`` (the persona most of
        the segment's customers belong to), ``persona_share``, ``nps`` (of the segment's
        survey respondents, null under the suppression base) and ``nps_n``.
    """
    profiles = segment_profiles(features, seg)
    traits = segment_traits(features, profiles)
    described = pl.DataFrame({
        "segment": profiles.filter(pl.col("segment") > 0)["segment"],
        "description": [_description(traits.filter(pl.col("segment") == s), lang)
                        for s in profiles.filter(pl.col("segment") > 0)["segment"]],
    })
    cross = segment_personas(features, seg, inputs, lang).with_columns(
        (pl.col("customers") / pl.col("customers").sum().over("segment")).alias("in_segment"))
    main = cross.sort("in_segment", descending=True).group_by("segment").first().select(
        "segment", "persona", pl.col("in_segment").alias("persona_share"))
    return profiles.filter(pl.col("segment") > 0).join(described, on="segment").join(
        main, on="segment", how="left").join(_segment_nps(seg, inputs), on="segment",
                                             how="left").with_columns(
        pl.format(t("pe_segment_label", lang, n="{}"), "segment").alias("label"),
    ).sort("segment").select("segment", "label", "customers", "share", "description",
                             "persona", "persona_share", "nps", "nps_n")


def _segment_nps(seg: Segmentation, inputs: Inputs) -> pl.DataFrame:
    """Return each segment's NPS of the current wave, as the headline NPS is."""
    schema = {"segment": seg.labels["segment"].dtype, "nps": pl.Float64, "nps_n": pl.UInt32}
    if not inputs.has("survey", "customer_id", "nps"):
        return pl.DataFrame(schema=schema)
    cfg = inputs.config
    answers = inputs["survey"].filter(pl.col("wave") == cfg.wave).join(
        seg.labels, on="customer_id")
    table = kpis.nps(answers, ["segment"], scale=cfg.scales["nps"], min_base=cfg.min_base)
    return table.select(
        "segment", pl.when(pl.col("base") != "suppressed").then(pl.col("nps")).alias("nps"),
        pl.col("n").cast(pl.UInt32).alias("nps_n"))
