"""The voice-of-the-customer report in words: display tables, chart frames and findings.

Everything here turns the aggregates of :mod:`cxlib.analysis.feedback.voice` into what the
report shows: labels in the client's language, bases in the labels, low bases flagged, and
one sentence per finding.
"""

from __future__ import annotations

import polars as pl
from babel.lists import format_list

from cxlib.analysis.feedback.texts import SOURCES
from cxlib.analysis.feedback.voice import (
    Voice,
    by_segment,
    concentration,
    rating_check,
    theme_changes,
    themes_ranked,
    volume,
)
from cxlib.analysis.overview import Finding
from cxlib.i18n import language, named, number, t

__all__ = ["SENTIMENTS", "changes_display", "findings", "given_notes", "heat_frame", "intro",
           "low_bases", "rating_frame", "rating_sentence", "sentiment_frame", "summary",
           "themes_display", "volume_frame"]

#: Sentiment labels, negative first (the order of the bars).
SENTIMENTS = ("negative", "neutral", "positive")


def _flagged(label: str, base: str, lang: str) -> str:
    return t("vo_low_flag", lang, label=label) if base != "ok" else label


def _with_n(label: str, n: int, lang: str) -> str:
    return f"{label} (n = {number(n, lang)})"


def intro(voice: Voice, lang: str) -> dict[str, object]:
    """Return the values of the report's first sentence: ``n`` texts and their ``sources``."""
    counts = voice.texts.group_by("source").len()
    found = dict(counts.iter_rows())
    parts = [f"{number(found[s], lang)} {t(f'vo_source_{s}', lang)}"
             for s in SOURCES if s in found]
    return {"n": number(voice.texts.height, lang),
            "sources": format_list(parts, locale=language(lang).babel)}


def volume_frame(voice: Voice, lang: str) -> pl.DataFrame:
    """Return texts per month and source, sources in words (for stacked bars)."""
    return volume(voice).select("month", pl.col("source").replace_strict(
        {s: t(f"vo_source_{s}", lang) for s in SOURCES}).alias("source"), "n")


def _long(frame: pl.DataFrame, label: str, lang: str) -> pl.DataFrame:
    """Return one row per label × sentiment with its share, sentiments in words."""
    shares = frame.with_columns(
        (1 - pl.col("share_negative") - pl.col("share_positive")).clip(0, 1)
        .alias("share_neutral"))
    return shares.select(label, *[pl.col(f"share_{s}").alias(t(f"vo_label_{s}", lang))
                                  for s in SENTIMENTS]).unpivot(
        index=label, variable_name="sentiment", value_name="share")


def sentiment_frame(voice: Voice, lang: str) -> pl.DataFrame:
    """Return each source's share of negative, neutral and positive texts, base in its label."""
    per = voice.texts.group_by("source").agg(
        pl.len().cast(pl.Int64).alias("n"),
        (pl.col("label") == "negative").mean().alias("share_negative"),
        (pl.col("label") == "positive").mean().alias("share_positive"))
    order = {s: i for i, s in enumerate(SOURCES)}
    per = per.sort(pl.col("source").replace_strict(order, default=99))
    labels = {s: _with_n(t(f"vo_source_{s}", lang), n, lang) for s, n in
              per.select("source", "n").iter_rows()}
    return _long(per.with_columns(pl.col("source").replace_strict(labels).alias("label")),
                 "label", lang)


def themes_display(ranked: pl.DataFrame, lang: str, *, codebook: bool = True) -> pl.DataFrame:
    """Return :func:`~cxlib.analysis.feedback.voice.themes_ranked` with words for people.

    The codebook column says ``not in the codebook`` where no codebook theme matches (and
    stays empty for a client without a codebook); a theme under the flag base says so
    after its name.
    """
    return ranked.with_columns(
        pl.struct("name", "base").map_elements(
            lambda r: _flagged(r["name"], r["base"], lang), return_dtype=pl.String)
        .alias("name"),
        pl.col("code_label").fill_null(pl.lit(t("vo_not_in_codebook", lang) if codebook
                                              else None, pl.String)).alias("codebook"))


def given_notes(ranked: pl.DataFrame, lang: str) -> list[tuple[str, dict[str, str]]]:
    """Return the notes under the themes table: names and links the consultant gave.

    A reader must know a name is editorial: the themes named in client.yaml
    (``feedback.themes``) rather than by the phrase customers write most, and those linked
    to the codebook (or to none of it) by the consultant rather than by shared words.

    Parameters
    ----------
    ranked : polars.DataFrame
        From :func:`~cxlib.analysis.feedback.voice.themes_ranked`.
    lang : {"fr", "en"}
        The report's language.

    Returns
    -------
    list of (str, dict)
        Message id and values of each note (none when the consultant gave nothing).
    """
    every = language(lang).babel
    notes: list[tuple[str, dict[str, str]]] = []
    names = [named(n, lang) for n in ranked.filter(pl.col("name_given"))["name"]]
    if names:
        notes.append(("vo_given_names", {"names": format_list(names, locale=every)}))
    links = [f"{named(n, lang)} ({c or t('vo_not_in_codebook', lang)})" for n, c in
             ranked.filter(pl.col("code_given")).select("name", "code_label").iter_rows()]
    if links:
        notes.append(("vo_given_codes", {"links": format_list(links, locale=every)}))
    joins = []
    for name, found in ranked.select("name", "joined_names").iter_rows():
        if found:
            others = format_list([named(f, lang) for f in found if f != name], locale=every)
            joins.append(f"{named(name, lang)} ({others})")
    if joins:
        notes.append(("vo_given_joins", {"joins": format_list(joins, locale=every)}))
    return notes


def theme_sentiment(ranked: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return each theme's sentiment shares for :func:`sentiment_bars`, base in the label."""
    labelled = ranked.with_columns(pl.struct("name", "n").map_elements(
        lambda r: _with_n(r["name"], r["n"], lang), return_dtype=pl.String).alias("label"))
    return _long(labelled, "label", lang)


def heat_frame(voice: Voice, dimension: str, lang: str) -> tuple[pl.DataFrame, list[str]]:
    """Return theme × stage (or channel) shares, segments labelled with their base.

    Segments under the suppression base are left out.

    Returns
    -------
    tuple
        The frame (``theme`` name, ``segment`` label, ``share``) and the segment labels
        in the client's order (journey order for stages).
    """
    cfg = voice.inputs.config
    cells = by_segment(voice, dimension).filter(pl.col("base") != "suppressed")
    names = dict(voice.themes.select("theme", "name").iter_rows())
    order = cfg.labels("stages" if dimension == "stage_id" else "channels")
    bases = cells.group_by("segment").agg(pl.col("segment_n").first(), pl.col("base").first())
    labels = {seg: _flagged(_with_n(order.get(seg, seg), n, lang), base, lang)
              for seg, n, base in bases.iter_rows()}
    frame = cells.select(pl.col("theme").replace_strict(names).alias("theme"),
                         pl.col("segment").replace_strict(labels).alias("segment"), "share")
    return frame, [labels[s] for s in order if s in labels]


def rating_frame(voice: Voice, lang: str) -> pl.DataFrame:
    """Return the sentiment shares per source and rating, base in the label."""
    check = rating_check(voice)
    labelled = check.with_columns(pl.struct("source", "rating", "n", "base").map_elements(
        lambda r: _flagged(_with_n(f"{t('vo_source_' + r['source'], lang)} · "
                                   f"{r['rating']} ★", r["n"], lang), r["base"], lang),
        return_dtype=pl.String).alias("label"))
    return _long(labelled, "label", lang)


def rating_sentence(voice: Voice, lang: str) -> Finding | None:
    """Return whether sentiment follows the rating: lowest against highest rating given."""
    check = rating_check(voice).filter(pl.col("base") != "suppressed")
    if check.height < 2:
        return None
    low, high = check.sort("rating").row(0, named=True), check.sort("rating").row(-1,
                                                                                   named=True)
    agree = low["share_negative"] - high["share_negative"] >= 0.3
    return Finding("info" if agree else "warning", t(
        "vo_ratings_agree" if agree else "vo_ratings_disagree", lang,
        low=f"{low['rating']} ★", high=f"{high['rating']} ★",
        low_negative=number(low["share_negative"], lang, percent=True),
        high_negative=number(high["share_negative"], lang, percent=True)))


def changes_display(voice: Voice, lang: str) -> pl.DataFrame:
    """Return :func:`~cxlib.analysis.feedback.voice.theme_changes` with names and trends."""
    changes = theme_changes(voice)
    if changes.is_empty():
        return changes
    names = dict(voice.themes.select("theme", "name").iter_rows())
    return changes.with_columns(
        pl.col("theme").replace_strict(names).alias("name"),
        *[pl.when(pl.col("tested")).then(pl.col(column)).otherwise(pl.lit("untested"))
          .map_elements(lambda k: t(f"vo_trend_{k}", lang), return_dtype=pl.String)
          .alias(f"{column}_label") for column in ("trend", "sentiment_trend")])


def _p(value: float, lang: str) -> str:
    return f"< {number(0.001, lang, 3)}" if value < 0.001 else f"= {number(value, lang, 3)}"


def findings(voice: Voice, lang: str) -> list[Finding]:
    """Return the report's findings, most telling first.

    The most negative theme; where a theme concentrates (a stage × channel cell holding
    at least 40 % of its texts and twice its share of all texts); the themes the codebook
    lacks; the themes that changed significantly since the previous wave; last, what
    client.yaml's ``feedback.themes`` says that could not be applied (a key matching no
    theme of this run, a name refused).
    """
    cfg = voice.inputs.config
    out: list[Finding] = []
    ranked = themes_ranked(voice, lang)
    names = dict(voice.themes.select("theme", "name").iter_rows())
    if ranked.height and ranked["negative"][0]:
        top = ranked.row(0, named=True)
        out.append(Finding("problem", t("vo_finding_top", lang, theme=top["name"],
                                        negative=top["negative"], n=top["n"],
                                        share=number(top["share_negative"], lang,
                                                     percent=True))))
    placed = concentration(voice).filter((pl.col("lift") >= 2) & (pl.col("share") >= 0.4))
    if placed.height:
        row = placed.row(0, named=True)
        out.append(Finding("warning", t(
            "vo_finding_concentrated", lang, theme=names[row["theme"]],
            stage=cfg.labels("stages")[row["stage_id"]],
            channel=cfg.labels("channels")[row["channel_id"]],
            share=number(row["share"], lang, percent=True),
            share_all=number(row["share_all"], lang, percent=True))))
    uncoded = voice.themes.filter(pl.col("code").is_null())["name"].to_list()
    if uncoded and voice.inputs.has("codebook"):
        out.append(Finding("warning", t("vo_finding_uncoded", lang, n=len(uncoded),
                                        themes=format_list([named(u, lang) for u in uncoded],
                                                           locale=language(lang).babel))))
    changes = theme_changes(voice)
    previous = cfg.previous_wave
    for row in changes.iter_rows(named=True) if changes.height and previous else []:
        for trend, (before, after, p) in (
                (row["sentiment_trend"], (row["neg_before"], row["neg_after"], row["neg_p"])),
                (row["trend"], (row["share_before"], row["share_after"], row["share_p"]))):
            if trend == "stable":
                continue
            key = {"improving": "vo_finding_improved", "worsening": "vo_finding_worsened",
                   "rising": "vo_finding_rising", "falling": "vo_finding_falling"}[trend]
            out.append(Finding("info" if trend in ("improving", "falling") else "warning",
                               t(key, lang, theme=names[row["theme"]],
                                 previous=previous.label,
                                 before=number(before, lang, percent=True),
                                 after=number(after, lang, percent=True), p=_p(p, lang))))
    return out


def low_bases(voice: Voice) -> tuple[int, int]:
    """Return how many cells shown rest on a low base, and how many under suppression.

    Cells counted: sources per month, themes, and theme columns per stage and channel.
    """
    flags = [volume(voice)["base"], themes_ranked(voice, "en")["base"]]
    for dimension in ("stage_id", "channel_id"):
        cells = by_segment(voice, dimension)
        if cells.height:
            flags.append(cells.unique("segment")["base"])
    every = pl.concat([f.cast(pl.String) for f in flags]) if flags else pl.Series([], pl.String)
    return int((every != "ok").sum()), int((every == "suppressed").sum())


def summary(voice: Voice, lang: str) -> str:
    """Return the report's line on the run's index page."""
    negative = int((voice.texts["label"] == "negative").sum())
    ranked = themes_ranked(voice, lang)
    counts = {"n": number(voice.texts.height, lang), "negative": number(negative, lang)}
    if ranked.height and ranked["negative"][0]:
        return t("vo_summary", lang, **counts, theme=ranked["name"][0])
    return t("vo_summary_none", lang, **counts)
