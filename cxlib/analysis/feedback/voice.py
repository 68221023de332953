"""The voice of the customer: volumes, themes, where they are, and how they moved.

:func:`listen` reads every text of a client once — sentiment, themes, link to the codebook
— and the other functions aggregate it for the report: volume and sentiment per source and
month, themes ranked by their negative volume with a redacted quote each, themes per stage
and per channel, review sentiment against the stars given, and themes rising or falling
since the previous wave. Every count carries its base and the client's low-base flag
(``ok``, ``low``, ``suppressed``: :func:`cxlib.analysis.kpis.base_flag`).

Changes between waves use the two-proportion z-test (pooled): z = (p₂ − p₁) / √(p(1 − p)
(1/n₁ + 1/n₂)), two-sided p-value; a change is tested only when both bases reach
``min_base.flag``, and called significant under p < 0.05.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import polars as pl

from cxlib.analysis.feedback.given import give
from cxlib.analysis.feedback.texts import SOURCES, has_texts, rating_scale, scored_texts
from cxlib.analysis.feedback.themes import find_themes, link_codebook
from cxlib.analysis.figures import computed_once
from cxlib.analysis.kpis import base_flag
from cxlib.errors import Problem
from cxlib.inputs._feedback_config import check_codes
from cxlib.inputs.loaders import Inputs
from cxlib.privacy.redaction import redact

_PICTOGRAPHS = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764\uFE0F]")

__all__ = ["Voice", "by_segment", "check_given", "concentration", "given_warnings", "listen",
           "rating_check", "theme_changes", "themes_ranked", "two_proportions", "volume"]


@dataclass(frozen=True)
class Voice:
    """Every text of a client, scored and themed, with the themes found.

    Attributes
    ----------
    texts : polars.DataFrame
        :func:`~cxlib.analysis.feedback.texts.scored_texts` plus ``theme`` and ``weight``.
    themes : polars.DataFrame
        ``theme, name, terms, keywords, code, code_label, shared, name_given, code_given,
        joined, joined_names``
        (see :func:`~cxlib.analysis.feedback.themes.find_themes`,
        :func:`~cxlib.analysis.feedback.themes.link_codebook` and
        :func:`~cxlib.analysis.feedback.given.give`: names and links the consultant gave
        in client.yaml replace those found).
    inputs : Inputs
        The client's inputs.
    warnings : tuple of Problem
        What client.yaml's ``feedback.themes`` says that could not be applied (a key
        matching no theme of this run, a name refused).
    """

    texts: pl.DataFrame
    themes: pl.DataFrame
    inputs: Inputs
    warnings: tuple[Problem, ...] = ()


def _theme_codes(inputs: Inputs) -> pl.DataFrame | None:
    """Return the codebook's themes that group none (None without a codebook)."""
    if not inputs.has("codebook"):
        return None
    book = inputs.with_columns("codebook", "description").filter(pl.col("kind") == "theme")
    parents = set(book["parent_id"].drop_nulls()) if "parent_id" in book.columns else set()
    return book.filter(~pl.col("code_id").is_in(list(parents)))


def _codebook(inputs: Inputs) -> tuple[dict[str, set[str]], dict[str, str],
                                        dict[str, list[str]]]:
    """Return each codebook theme's label and description words, its label, its passages.

    Codebook themes that group others (a parent of theme codes) are left out; each coded
    passage counts once (two coders coding it count once).
    """
    book = _theme_codes(inputs)
    if book is None:
        return {}, {}, {}
    labels = dict(book.select("code_id", "label").iter_rows())
    words = {code: set(re.findall(r"[^\W\d_]{3,}", f"{label} {desc or ''}".lower()))
             for code, label, desc in book.select("code_id", "label", "description").iter_rows()}
    passages: dict[str, list[str]] = {}
    if inputs.has("codings") and inputs.has("interviews"):
        from cxlib.analysis.interviews import client_spans

        spans = client_spans(inputs).filter(pl.col("theme").is_in(list(labels)))
        for code, text in spans.unique(["theme", "text"], maintain_order=True).select(
                "theme", "text").iter_rows():
            passages.setdefault(code, []).append(text or "")
    return words, labels, passages


def listen(inputs: Inputs, *, n_themes: int = 16, random_state: int = 0) -> Voice:
    """Read every customer text of a client: sentiment, theme and link to the codebook.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (``feedback`` and/or ``survey`` verbatims).
    n_themes : int
        Themes sought.
    random_state : int
        Seed of the theme model (the same inputs always give the same themes).

    Returns
    -------
    Voice
        The texts and themes, named and linked as client.yaml's ``feedback.themes`` says.

    Raises
    ------
    ConfigError
        When a ``code`` of ``feedback.themes`` is no theme of the codebook.
    """
    texts, themes, warnings = _listened(inputs, n_themes=n_themes, random_state=random_state)
    return Voice(texts, themes, inputs, tuple(warnings))


def given_warnings(inputs: Inputs) -> list[Problem]:
    """Check client.yaml's ``feedback.themes`` against this run's themes, for ``cx validate``.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.

    Returns
    -------
    list of Problem
        The warnings of :attr:`Voice.warnings` (a key matching no theme found, a name
        refused); none, and nothing computed, when client.yaml names no theme.

    Raises
    ------
    ConfigError
        When a ``code`` is no theme of the codebook.
    """
    if not inputs.config.feedback.themes:
        return []
    check_given(inputs)
    return list(listen(inputs).warnings) if has_texts(inputs) else []


def check_given(inputs: Inputs) -> None:
    """Check that every ``code`` of client.yaml's ``feedback.themes`` is a codebook theme.

    Cheap (the codebook table only): for a check before any report is computed.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.

    Raises
    ------
    ConfigError
        Naming client.yaml, each key whose code is no theme of the codebook (a theme that
        groups none), and the known codes.
    """
    if inputs.config.feedback.themes:
        book = _theme_codes(inputs)
        check_codes(inputs.config, {} if book is None else dict(
            book.select("code_id", "label").iter_rows()))


@computed_once("feedback", "survey", "codebook", "codings", "interviews")
def _listened(inputs: Inputs, *, n_themes: int,
              random_state: int) -> tuple[pl.DataFrame, pl.DataFrame, list[Problem]]:
    """Return the scored texts with their theme, the themes and the warnings: once per run."""
    vocabulary, labels, passages = _codebook(inputs)
    if inputs.config.feedback.themes:  # a wrong code stops before the long work
        check_codes(inputs.config, labels)
    scored = scored_texts(inputs)
    languages = scored["language"].to_list()
    found = find_themes(scored["text"].to_list(), languages, n_themes=n_themes,
                        random_state=random_state)
    linked = link_codebook(found.themes, vocabulary, labels, lang=inputs.config.language,
                           passages=passages)
    themes, warnings = give(linked, inputs.config, labels,
                            languages=sorted(set(languages) - {None}))
    into = {old: theme for theme, joined in themes.select("theme", "joined").iter_rows()
            for old in joined}  # a theme the consultant joined to another counts there
    return (scored.with_columns(found.assigned["theme"].replace(into),
                                found.assigned["weight"]), themes, warnings)


def _counts() -> list[pl.Expr]:
    return [pl.len().cast(pl.Int64).alias("n"),
            (pl.col("label") == "negative").sum().cast(pl.Int64).alias("negative"),
            (pl.col("label") == "negative").mean().alias("share_negative"),
            (pl.col("label") == "positive").mean().alias("share_positive"),
            pl.col("score").mean().alias("score")]


def volume(voice: Voice) -> pl.DataFrame:
    """Return the number of texts and their sentiment per source and month.

    Returns
    -------
    polars.DataFrame
        ``source, month`` (first day), ``n``, ``negative``, ``share_negative``,
        ``share_positive``, ``score`` (mean), ``base``; sources in :data:`SOURCES` order.
    """
    cfg = voice.inputs.config
    order = {s: i for i, s in enumerate(SOURCES)}
    return voice.texts.with_columns(pl.col("date").dt.truncate("1mo").alias("month")).group_by(
        "source", "month").agg(_counts()).with_columns(
        base_flag(pl.col("n"), cfg.min_base)).sort(
        pl.col("source").replace_strict(order, default=99), "month")


def _quote(texts: pl.DataFrame, lang: str) -> str | None:
    """Return the most typical negative text of a theme (else its most typical), redacted.

    Emoji are left out of the quote: many office machines draw them as empty boxes.
    """
    length = pl.col("text").str.len_chars()
    pool = texts.filter(length.is_between(30, 220))
    if pool.is_empty():
        pool = texts
    negative = pool.filter(pl.col("label") == "negative")
    chosen = (negative if negative.height else pool).sort(
        ["weight", "feedback_id"], descending=[True, False])
    if not chosen.height:
        return None
    return redact(_PICTOGRAPHS.sub("", chosen["text"][0]).strip(), None, lang)


def themes_ranked(voice: Voice, lang: str) -> pl.DataFrame:
    """Return the themes ranked by their number of negative texts, each with a quote.

    Parameters
    ----------
    voice : Voice
        From :func:`listen`.
    lang : {"fr", "en"}
        Language of the redaction placeholders.

    Returns
    -------
    polars.DataFrame
        ``theme, name, keywords, code, code_label, name_given, code_given, joined_names, n,
        negative,
        share_negative, share_positive, score, base, quote`` (redacted), most negative
        texts first. Themes under the suppression base get no quote.
    """
    cfg = voice.inputs.config
    themed = voice.texts.filter(pl.col("theme").is_not_null())
    counts = themed.group_by("theme").agg(_counts()).with_columns(
        base_flag(pl.col("n"), cfg.min_base))
    quotes = {theme: _quote(themed.filter(pl.col("theme") == theme), lang)
              for theme in counts.filter(pl.col("base") != "suppressed")["theme"]}
    table = voice.themes.select("theme", "name", "keywords", "code", "code_label",
                                "name_given", "code_given", "joined_names").join(
        counts, on="theme", how="inner")
    return table.with_columns(pl.col("theme").replace_strict(
        quotes, default=None, return_dtype=pl.String).alias("quote")).sort(
        ["negative", "n", "theme"], descending=[True, True, False])


def by_segment(voice: Voice, dimension: str) -> pl.DataFrame:
    """Return each theme's texts per stage or channel, with the segment's base.

    Parameters
    ----------
    voice : Voice
        From :func:`listen`.
    dimension : {"stage_id", "channel_id"}
        The segment.

    Returns
    -------
    polars.DataFrame
        ``theme, segment, n`` (texts of the theme there), ``segment_n`` (texts there with
        a theme), ``share`` (of the segment's texts), ``share_negative`` (of the cell's),
        ``base`` (of the segment); segments without any text left out.
    """
    cfg = voice.inputs.config
    placed = voice.texts.filter(pl.col("theme").is_not_null()
                                & pl.col(dimension).is_not_null())
    cells = placed.group_by("theme", pl.col(dimension).alias("segment")).agg(
        pl.len().cast(pl.Int64).alias("n"),
        (pl.col("label") == "negative").mean().alias("share_negative"))
    totals = placed.group_by(pl.col(dimension).alias("segment")).agg(
        pl.len().cast(pl.Int64).alias("segment_n"))
    return cells.join(totals, on="segment").with_columns(
        (pl.col("n") / pl.col("segment_n")).alias("share"),
        base_flag(pl.col("segment_n"), cfg.min_base)).sort("theme", "segment")


def concentration(voice: Voice) -> pl.DataFrame:
    """Return where each theme concentrates: its most frequent stage × channel cell.

    Returns
    -------
    polars.DataFrame
        ``theme, stage_id, channel_id, n`` (theme's texts there), ``theme_n`` (theme's
        texts placed at a stage and channel), ``share`` (n / theme_n), ``share_all``
        (the cell's share of all placed texts), ``lift`` (share / share_all); one row per
        theme, highest share first, themes under ``min_base.flag`` placed texts left out.
    """
    cfg = voice.inputs.config
    placed = voice.texts.filter(pl.col("theme").is_not_null() & pl.col("stage_id")
                                .is_not_null() & pl.col("channel_id").is_not_null())
    if placed.is_empty():
        return pl.DataFrame(schema={"theme": pl.String, "stage_id": pl.String,
                                    "channel_id": pl.String, "n": pl.Int64,
                                    "theme_n": pl.Int64, "share": pl.Float64,
                                    "share_all": pl.Float64, "lift": pl.Float64})
    cells = placed.group_by("theme", "stage_id", "channel_id").agg(
        pl.len().cast(pl.Int64).alias("n"))
    overall = placed.group_by("stage_id", "channel_id").agg(
        (pl.len() / placed.height).alias("share_all"))
    return cells.with_columns(pl.col("n").sum().over("theme").alias("theme_n")).filter(
        pl.col("theme_n") >= cfg.min_base.flag).with_columns(
        (pl.col("n") / pl.col("theme_n")).alias("share")).sort(
        ["theme", "n", "stage_id", "channel_id"], descending=[False, True, False, False]
    ).group_by("theme", maintain_order=True).first().join(
        overall, on=["stage_id", "channel_id"]).with_columns(
        (pl.col("share") / pl.col("share_all")).alias("lift")).sort(
        "share", descending=True)


def rating_check(voice: Voice) -> pl.DataFrame:
    """Return the sentiment of rated texts per star rating: a check of the model and reviews.

    Returns
    -------
    polars.DataFrame
        ``source, rating`` (rounded), ``top`` (whether the rating counts as satisfied on
        the source's scale), ``n``, ``share_negative``, ``share_positive``, ``score``,
        ``base``; survey verbatims left out (their rating is the NPS question).
    """
    cfg = voice.inputs.config
    rated = voice.texts.filter(pl.col("rating").is_not_null() & (pl.col("source") != "survey"))
    table = rated.with_columns(pl.col("rating").round(0).cast(pl.Int64)).group_by(
        "source", "rating").agg(_counts()).with_columns(
        base_flag(pl.col("n"), cfg.min_base)).sort("source", "rating")
    tops = {s: rating_scale(cfg, s).top for s in table["source"].unique()}
    return table.with_columns((pl.col("rating") >= pl.col("source").replace_strict(
        tops, return_dtype=pl.Int64)).alias("top"))


def two_proportions(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """Return the pooled two-proportion z statistic of p₂ − p₁ and its two-sided p-value.

    >>> round(two_proportions(40, 100, 25, 100)[1], 3)
    0.024
    """
    if not n1 or not n2:
        return math.nan, math.nan
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (k2 / n2 - k1 / n1) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def theme_changes(voice: Voice) -> pl.DataFrame:
    """Return each theme's volume and negativity in the previous and the current wave.

    Returns
    -------
    polars.DataFrame
        ``theme, n_before, n_after`` (texts of the theme), ``share_before, share_after``
        (of the wave's texts), ``share_p`` (volume change test), ``neg_before, neg_after``
        (share of the theme's texts that are negative), ``neg_p``, ``tested`` (both bases
        at least ``min_base.flag``), ``trend`` (volume: ``rising``, ``falling`` or
        ``stable``) and ``sentiment_trend`` (``improving``, ``worsening`` or ``stable``);
        empty without a previous wave or without texts in it.
    """
    cfg = voice.inputs.config
    previous = cfg.previous_wave
    if previous is None:
        return pl.DataFrame()
    rows = []
    waves = {w: voice.texts.filter(pl.col("wave") == w) for w in (previous.id, cfg.wave)}
    totals = {w: frame.height for w, frame in waves.items()}
    if not totals[previous.id] or not totals[cfg.wave]:
        return pl.DataFrame()
    for theme in voice.themes["theme"]:
        counts = []
        for w in (previous.id, cfg.wave):
            part = waves[w].filter(pl.col("theme") == theme)
            counts.append((part.height, int((part["label"] == "negative").sum())))
        (n1, neg1), (n2, neg2) = counts
        tested = min(n1, n2) >= cfg.min_base.flag
        _, share_p = two_proportions(n1, totals[previous.id], n2, totals[cfg.wave])
        _, neg_p = two_proportions(neg1, n1, neg2, n2) if tested else (math.nan, math.nan)
        rows.append({"theme": theme, "n_before": n1, "n_after": n2,
                     "share_before": n1 / totals[previous.id], "share_after": n2 / totals[cfg.wave],
                     "share_p": share_p if tested else math.nan,
                     "neg_before": neg1 / n1 if n1 else None,
                     "neg_after": neg2 / n2 if n2 else None, "neg_p": neg_p, "tested": tested})
    table = pl.DataFrame(rows)
    significant = pl.col("tested") & (pl.col("share_p") < 0.05)
    neg_significant = pl.col("tested") & (pl.col("neg_p") < 0.05)
    return table.with_columns(
        pl.when(significant & (pl.col("share_after") > pl.col("share_before"))).then(
            pl.lit("rising")).when(significant).then(pl.lit("falling"))
        .otherwise(pl.lit("stable")).alias("trend"),
        pl.when(neg_significant & (pl.col("neg_after") < pl.col("neg_before"))).then(
            pl.lit("improving")).when(neg_significant).then(pl.lit("worsening"))
        .otherwise(pl.lit("stable")).alias("sentiment_trend"))


def stage_voice(voice: Voice, persona: str | None = None) -> dict[str, dict[str, object]]:
    """Return, per stage, what customers write there: the top theme and the sentiment.

    For the journey map's lane "What customers write". With ``persona``, only the texts of
    that persona's customers (those with a ``persona_id``) count.

    Parameters
    ----------
    voice : Voice
        From :func:`listen`.
    persona : str, optional
        A persona id.

    Returns
    -------
    dict
        By stage id: ``theme`` (the name of the theme most texts there belong to, None
        when no text there has a theme), ``n`` (texts at the stage), ``share_negative``,
        ``base`` (``ok``, ``low`` or ``suppressed``); stages without texts are left out.
    """
    texts = voice.texts.filter(pl.col("stage_id").is_not_null())
    if persona:
        texts = texts.filter(pl.col("persona_id") == persona)
    if texts.is_empty():
        return {}
    names = dict(voice.themes.select("theme", "name").iter_rows())
    top = texts.filter(pl.col("theme").is_not_null()).group_by("stage_id", "theme").agg(
        pl.len().alias("k")).sort(["stage_id", "k", "theme"], descending=[False, True, False]) \
        .group_by("stage_id", maintain_order=True).first()
    tops = {r["stage_id"]: names.get(r["theme"]) for r in top.iter_rows(named=True)}
    counts = texts.group_by("stage_id").agg(_counts()).with_columns(
        base_flag(pl.col("n"), voice.inputs.config.min_base))
    return {r["stage_id"]: {"theme": tops.get(r["stage_id"]), "n": r["n"],
                            "share_negative": r["share_negative"], "base": r["base"]}
            for r in counts.iter_rows(named=True)}
