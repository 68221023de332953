"""Personas: the workshop's portraits checked against what customers do in the event log.

Every function takes the client's validated :class:`~cxlib.inputs.loaders.Inputs` (or frames
derived from it) and returns an aggregated polars frame or finding sentences.

Methods (each stated in the report)
-----------------------------------
**Behavioural features**, one row per customer of the event log: number of events, active
days, days since the last contact (to the end of the log), value (sum of ``value``),
distinct stages reached, and the channel-kind mix (shares of digital, physical and human
events). Counts and value are log-transformed (``log1p``), then every feature is
standardised (z-scores).

**Segments**: k-means (scikit-learn ``KMeans``, fixed ``random_state``, ``n_init``) for
every k of :data:`K_RANGE`; the k with the highest mean silhouette (Rousseeuw 1987) wins,
the silhouette being computed on a fixed-seed sample of at most
:data:`SILHOUETTE_SAMPLE` customers. Models are fitted on a fixed-seed sample of at most
:data:`FIT_SAMPLE` customers and every customer is then assigned by ``predict``, chunk by
chunk, so a million customers stay in bounded memory. Segments are numbered by size
(1 is the largest) and described by the features that depart most from the mean.

**Declared vs observed appetence**: a persona's declared appetence (0–3 per channel) is
normalised to shares; the observed share is that of the persona's events on each channel.
A persona *diverges* when the observed share of a channel kind exceeds the declared one by
:data:`DIVERGENCE` or more.

**Distinctness**: the Jensen–Shannon distance (square root of the divergence, base 2: 0 for
identical journeys, 1 for journeys with nothing in common; Endres & Schindelin 2003)
between two personas' distributions of events over the stage × channel cells. Pairs under
:data:`INDISTINCT` are flagged as indistinguishable.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from cxlib.analysis import journeys, kpis
from cxlib.analysis.overview import Finding
from cxlib.i18n import number, t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs

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

#: Channel kinds, in display order.
KINDS = ("digital", "physical", "human")
#: Behavioural features per customer -> whether it is log-transformed before standardising.
FEATURES: dict[str, bool] = {
    "events": True, "active_days": True, "recency_days": False, "value": True,
    "stages": False, "share_digital": False, "share_physical": False, "share_human": False,
}
#: Numbers of segments tried.
K_RANGE = range(2, 9)
#: Seed of every random choice (samples, k-means initialisation).
SEED = 2026
#: Most customers the silhouette is computed on (it costs n² distances).
SILHOUETTE_SAMPLE = 5_000
#: Most customers the k-means models are fitted on.
FIT_SAMPLE = 50_000
#: Customers assigned to a segment at a time.
CHUNK = 100_000
#: Fewest customers worth segmenting.
MIN_CUSTOMERS = 100
#: k-means restarts per k.
N_INIT = 4
#: Observed minus declared share of a channel kind from which a persona diverges.
DIVERGENCE = 0.25
#: Gap between declared and observed share of base that is reported.
SHARE_GAP = 0.05
#: Gap in the share of customers reaching a stage, persona vs everyone else, reported.
STAGE_GAP = 0.20
#: Jensen–Shannon distance under which two personas' journeys are indistinguishable.
INDISTINCT = 0.10
_TRAITS = 3
_MIN_Z = 0.25


# -- reference lists -------------------------------------------------------------------


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


def _stages(cfg: ClientConfig) -> pl.DataFrame:
    return pl.DataFrame({
        "stage_id": [s.id for s in cfg.stages], "stage": [s.label for s in cfg.stages],
        "stage_order": list(range(len(cfg.stages))),
    })


def has_persona_events(inputs: Inputs) -> bool:
    """Return whether the event log says which persona each customer belongs to."""
    events = inputs["events"]
    return "persona_id" in events.columns and events["persona_id"].null_count() < events.height


def _persona_events(inputs: Inputs) -> pl.LazyFrame:
    """Return the events of customers with a persona (none without a persona column)."""
    events = inputs["events"].lazy()
    if "persona_id" not in inputs["events"].columns:
        events = events.with_columns(pl.lit(None, dtype=pl.String).alias("persona_id"))
    return events.filter(pl.col("persona_id").is_not_null())


def _name(frame: pl.DataFrame, key: str, value: str) -> dict[str, str]:
    return dict(frame.select(key, value).iter_rows())


# -- persona cards -----------------------------------------------------------------------


def persona_cards(inputs: Inputs) -> list[dict]:
    """Return what each persona card shows, in persona table order.

    Returns
    -------
    list of dict
        ``name, description, quote, goals, questions, frustrations, expertise,
        decision_mode`` (text or None), ``share`` (declared share of base, 0–1 or None),
        ``observed`` (share of the event log's customers, or None) and ``appetence``: a list
        of ``(channel label, level 0–3)`` in configured channel order, declared levels only.
    """
    personas = inputs["personas"]
    observed = _name(base_shares(inputs), "persona_id", "observed") \
        if has_persona_events(inputs) else {}
    levels = _declared_levels(inputs)
    fields = ("name", "description", "quote", "goals", "questions", "frustrations",
              "expertise", "decision_mode")
    cards = []
    for row in personas.iter_rows(named=True):
        card = {f: row.get(f) for f in fields}
        card["share"] = row.get("share_of_base")
        card["observed"] = observed.get(row["persona_id"])
        card["appetence"] = levels.get(row["persona_id"], [])
        cards.append(card)
    return cards


def _declared_levels(inputs: Inputs) -> dict[str, list[tuple[str, int]]]:
    if "persona_channels" not in inputs:
        return {}
    channels = _channels(inputs.config)
    table = inputs["persona_channels"].join(channels, on="channel_id").sort(
        "persona_id", "channel_order")
    return {pid: list(zip(group["channel"], group["appetence"], strict=True))
            for (pid,), group in table.group_by("persona_id", maintain_order=True)}


# -- behavioural features and segments -------------------------------------------------------


def customer_features(events: pl.DataFrame | pl.LazyFrame, cfg: ClientConfig) -> pl.DataFrame:
    """Return the behavioural features of every customer of an event log.

    Parameters
    ----------
    events : polars.DataFrame or polars.LazyFrame
        ``customer_id, timestamp, stage_id, channel_id`` and optionally ``persona_id`` and
        ``value``.
    cfg : ClientConfig
        The client (channel kinds).

    Returns
    -------
    polars.DataFrame
        One row per customer, sorted by ``customer_id``: ``customer_id``, ``persona_id``
        (of the first event that has one, or null), then the columns of :data:`FEATURES`.
        ``recency_days`` counts from the customer's last event to the log's last event.
    """
    lazy = events.lazy()
    names = lazy.collect_schema().names()
    kinds = {c.id: c.kind for c in cfg.channels}
    persona = (pl.col("persona_id").drop_nulls().first() if "persona_id" in names
               else pl.lit(None, dtype=pl.String))
    value = pl.col("value").sum() if "value" in names else pl.lit(0.0)
    return lazy.with_columns(
        pl.col("channel_id").replace_strict(kinds, default=None).alias("_kind"),
        pl.col("timestamp").max().alias("_end"),
    ).group_by("customer_id").agg(
        persona.alias("persona_id"),
        pl.len().cast(pl.Float64).alias("events"),
        pl.col("timestamp").dt.date().n_unique().cast(pl.Float64).alias("active_days"),
        ((pl.col("_end").first() - pl.col("timestamp").max()).dt.total_seconds() / 86400)
        .alias("recency_days"),
        value.cast(pl.Float64).alias("value"),
        pl.col("stage_id").n_unique().cast(pl.Float64).alias("stages"),
        *[(pl.col("_kind") == k).mean().alias(f"share_{k}") for k in KINDS],
    ).sort("customer_id").collect()


@dataclass(frozen=True)
class Segmentation:
    """The chosen segmentation of the customers.

    Attributes
    ----------
    k : int
        Number of segments (highest silhouette).
    curve : polars.DataFrame
        ``k, silhouette, chosen``: the criterion for every k tried.
    labels : polars.DataFrame
        ``customer_id, segment`` (1 is the largest segment), in the features' order.
    fitted : int
        Customers the models were fitted on.
    scored : int
        Customers the silhouette was computed on.
    """

    k: int
    curve: pl.DataFrame
    labels: pl.DataFrame
    fitted: int
    scored: int

    @property
    def score(self) -> float:
        """The mean silhouette of the chosen k."""
        return float(self.curve.filter(pl.col("chosen"))["silhouette"][0])


def _matrix(features: pl.DataFrame) -> np.ndarray:
    x = features.select(list(FEATURES)).to_numpy().astype(np.float64)
    logs = [i for i, log in enumerate(FEATURES.values()) if log]
    x[:, logs] = np.log1p(np.clip(x[:, logs], 0, None))
    return np.nan_to_num(x)


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Return the mean silhouette (Rousseeuw 1987) of labelled points.

    The same value as scikit-learn's ``silhouette_score(distances, labels,
    metric="precomputed")`` (a test compares them), computed with one matrix product
    instead of a loop over the points: 7 scorings of 5,000 customers take 0.1 s
    instead of 0.7 s.

    Parameters
    ----------
    distances : numpy.ndarray
        Square matrix of the points' pairwise distances.
    labels : numpy.ndarray
        Cluster of each point (non-negative integers), at least two distinct.

    Returns
    -------
    float
        Mean over the points of ``(b - a) / max(a, b)``, where ``a`` is the point's mean
        distance to the other points of its cluster and ``b`` its mean distance to the
        nearest other cluster; 0 for a point alone in its cluster.
    """
    n = labels.size
    rows = np.arange(n)
    onehot = np.zeros((n, int(labels.max()) + 1), dtype=distances.dtype)
    onehot[rows, labels] = 1
    sums = distances @ onehot  # each point's summed distance to every cluster
    sizes = onehot.sum(axis=0)
    own = sizes[labels]
    a = sums[rows, labels] / np.maximum(own - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(sizes > 0, sums / sizes, np.inf)
    means[rows, labels] = np.inf
    b = means.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(own > 1, (b - a) / np.maximum(a, b), 0.0)
    return float(np.nan_to_num(scores).mean())


def _fit(z: np.ndarray, scored: np.ndarray, k_range: Sequence[int],
         seed: int) -> tuple[dict[int, object], dict[int, float]]:
    """Fit one k-means per k and score it by the silhouette of the ``scored`` rows."""
    from sklearn import config_context
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import pairwise_distances
    from threadpoolctl import threadpool_limits

    models, scores = {}, {}
    with threadpool_limits(1), config_context(working_memory=64), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # the scored customers' distances, computed once for every k (single precision:
        # 100 MB at the 5,000-customer cap)
        distances = pairwise_distances(z[scored].astype(np.float32))
        for k in k_range:
            model = KMeans(n_clusters=k, n_init=N_INIT, random_state=seed).fit(z)
            found = np.unique(model.labels_[scored]).size
            models[k] = model
            scores[k] = (silhouette(distances, model.labels_[scored])
                         if 2 <= found < scored.size else float("nan"))
    return models, scores


def _assign(features: pl.DataFrame, scaler: object, model: object, k: int) -> np.ndarray:
    """Predict every customer's segment chunk by chunk; number segments by size."""
    labels = np.empty(features.height, dtype=np.int64)
    for start in range(0, features.height, CHUNK):
        chunk = _matrix(features.slice(start, CHUNK))
        labels[start:start + chunk.shape[0]] = model.predict(scaler.transform(chunk))
    counts = np.bincount(labels, minlength=k)
    rank = np.empty(k, dtype=np.int64)
    rank[np.argsort(-counts, kind="stable")] = np.arange(1, k + 1)
    return rank[labels]


def segment(features: pl.DataFrame, k_range: Sequence[int] = K_RANGE, seed: int = SEED,
            fit_sample: int = FIT_SAMPLE,
            silhouette_sample: int = SILHOUETTE_SAMPLE) -> Segmentation | None:
    """Segment customers by behaviour (method in the module docstring).

    Parameters
    ----------
    features : polars.DataFrame
        From :func:`customer_features`.
    k_range : sequence of int
        Numbers of segments tried.
    seed : int
        Seed of the samples and of k-means.
    fit_sample, silhouette_sample : int
        Most customers the models are fitted on, and the silhouette computed on.

    Returns
    -------
    Segmentation or None
        None when there are fewer than :data:`MIN_CUSTOMERS` customers.
    """
    from sklearn.preprocessing import StandardScaler

    n = features.height
    if n < max(MIN_CUSTOMERS, max(k_range) + 1):
        return None
    rng = np.random.default_rng(seed)
    fit_rows = np.sort(rng.choice(n, size=min(n, fit_sample), replace=False))
    scored = np.sort(rng.choice(fit_rows.size, size=min(fit_rows.size, silhouette_sample),
                                replace=False))
    x = _matrix(features[fit_rows])
    scaler = StandardScaler().fit(x)
    models, scores = _fit(scaler.transform(x), scored, k_range, seed)
    valid = {k: s for k, s in scores.items() if not math.isnan(s)}
    best = max(valid, key=lambda k: (valid[k], -k)) if valid else min(k_range)
    labels = _assign(features, scaler, models[best], best)
    curve = pl.DataFrame({"k": list(scores), "silhouette": list(scores.values())}).with_columns(
        (pl.col("k") == best).alias("chosen"))
    return Segmentation(best, curve, pl.DataFrame({
        "customer_id": features["customer_id"], "segment": labels}), fit_rows.size,
        scored.size)


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
        From :func:`segment_personas`.

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
    schema = {"segment": seg.labels["segment"].dtype, "nps": pl.Float64, "nps_n": pl.UInt32}
    if "survey" not in inputs or "nps" not in inputs["survey"].columns:
        return pl.DataFrame(schema=schema)
    cfg = inputs.config
    answers = inputs["survey"].join(seg.labels, on="customer_id")
    table = kpis.nps(answers, ["segment"], scale=cfg.scales["nps"], min_base=cfg.min_base)
    return table.select(
        "segment", pl.when(pl.col("base") != "suppressed").then(pl.col("nps")).alias("nps"),
        pl.col("n").cast(pl.UInt32).alias("nps_n"))


# -- declared vs observed ----------------------------------------------------------------------


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
    counts = _persona_events(inputs).group_by("persona_id").agg(
        pl.col("customer_id").n_unique().alias("customers")).collect()
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
    events = _persona_events(inputs).group_by("persona_id", "channel_id").agg(
        pl.len().alias("_n")).collect()
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


# -- journeys ------------------------------------------------------------------------------------


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
    events = _persona_events(inputs)
    totals = events.group_by("persona_id").agg(pl.col("customer_id").n_unique()
                                               .alias("_total"))
    cells = events.group_by("persona_id", "stage_id", "channel_id").agg(
        pl.col("customer_id").n_unique().alias("customers")).join(totals, on="persona_id")
    return cells.collect().join(_personas(inputs), on="persona_id").join(
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
    events = _persona_events(inputs)
    reach = events.group_by("persona_id", "stage_id").agg(
        pl.col("customer_id").n_unique().alias("customers")).collect()
    totals = events.group_by("persona_id").agg(pl.col("customer_id").n_unique()
                                               .alias("_total")).collect()
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
    parts = [journeys.variants(events.filter(pl.col("persona_id") == pid), "_stage",
                               limit=top).select(
        pl.lit(name).alias("persona"), pl.int_range(1, pl.len() + 1).alias("rank"),
        pl.col("variant").alias("path"), pl.col("cases").alias("customers"), "share")
        for pid, name in _personas(inputs).select("persona_id", "persona").iter_rows()]
    schema = {"persona": pl.String, "rank": pl.Int64, "path": pl.String,
              "customers": pl.Int64, "share": pl.Float64}
    return pl.concat([pl.DataFrame(schema=schema), *parts], how="vertical_relaxed")


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
    cells = _persona_events(inputs).group_by("persona_id", "stage_id", "channel_id").agg(
        pl.len().alias("n")).collect().pivot(on="persona_id", index=["stage_id", "channel_id"],
                                             values="n").fill_null(0)
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
