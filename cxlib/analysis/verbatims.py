"""Survey verbatims: their themes per NPS group, linked to the interview codebook.

Each theme code of the codebook gets a vocabulary learnt from the interview passages coded
with it: the words that are frequent in that theme's passages and rare in the others'
(a smoothed log-ratio). A verbatim is assigned the theme whose vocabulary it shares most
(at least two words, else no theme). Themes are then counted per NPS group — promoters,
passives, detractors — and illustrated by a redacted verbatim. Verbatims are free text
typed by customers: every example goes through :func:`cxlib.coding.redact` first.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import polars as pl

from cxlib.inputs.config import Scale
from cxlib.inputs.loaders import Inputs
from cxlib.privacy.redaction import redact

__all__ = [
    "assign_themes",
    "coverage",
    "display",
    "nps_group",
    "theme_vocabulary",
    "themes_by_group",
]

_STOP = frozenset("""
avec dans pour plus mais comme tout tous toute toutes elle elles nous vous leur leurs
cette cela ceux sont sont était être avoir fait faire très bien aussi encore même alors
quand donc parce quoi dont sans sous chez entre après avant depuis pendant toujours
jamais rien personne chose choses fois quelque quelques deux trois
with that this they them their there have been were what when which would could should
about from into your yours just really very also only even still after before than then
because while where every other some more most much many once again ever
""".split())


def _words(text: str) -> list[str]:
    bare = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if not unicodedata.combining(c))
    return [w for w in re.findall(r"[a-z]{4,}", bare) if w not in _STOP]


def theme_vocabulary(spans: pl.DataFrame, size: int = 25) -> dict[str, set[str]]:
    """Learn each theme's most distinctive words from the coded interview passages.

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`cxlib.analysis.interviews.coded_spans` (``theme``, ``text``).
    size : int
        Words kept per theme.

    Returns
    -------
    dict
        Theme code -> set of words (accents removed, lower case).
    """
    per_theme: dict[str, Counter] = {}
    for theme, text in spans.filter(pl.col("theme").is_not_null()).select(
            "theme", "text").iter_rows():
        per_theme.setdefault(theme, Counter()).update(set(_words(text)))
    total = sum(per_theme.values(), Counter())
    vocab = {}
    for theme, counts in per_theme.items():
        others = total - counts
        n_in, n_out = sum(counts.values()) + 1, sum(others.values()) + 1
        score = {w: c * math.log((c / n_in) / ((others[w] + 0.5) / n_out))
                 for w, c in counts.items() if c >= 2}
        vocab[theme] = {w for w, s in sorted(score.items(), key=lambda x: (-x[1], x[0]))[:size]
                        if s > 0}
    return vocab


def assign_themes(texts: pl.Series, vocab: dict[str, set[str]], min_words: int = 2) -> pl.Series:
    """Return the best-matching theme of each text (null under ``min_words`` shared words)."""
    out = []
    for text in texts.to_list():
        words = set(_words(text or ""))
        best = max(((len(words & v), t) for t, v in vocab.items()), default=(0, None))
        out.append(best[1] if best[0] >= min_words else None)
    return pl.Series("theme", out, dtype=pl.String)


def nps_group(score: pl.Expr, scale: Scale) -> pl.Expr:
    """Return ``promoter``, ``passive`` or ``detractor`` from a 0–10 score."""
    return (pl.when(score >= scale.top).then(pl.lit("promoter"))
            .when(score > scale.top - 3).then(pl.lit("passive"))
            .when(score.is_not_null()).then(pl.lit("detractor")).alias("group"))


def themes_by_group(inputs: Inputs, spans: pl.DataFrame, lang: str,
                    limit: int = 5) -> pl.DataFrame:
    """Count the themes of the current wave's verbatims per NPS group, with an example each.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (``survey`` with ``verbatim`` and ``nps``).
    spans : polars.DataFrame
        Coded interview passages (the themes' vocabulary is learnt from them).
    lang : {"fr", "en"}
        Placeholders' language for redaction.
    limit : int
        Themes kept per group.

    Returns
    -------
    polars.DataFrame
        ``group, theme`` (code id), ``verbatims``, ``share`` (of the group's verbatims
        that have a theme), ``example`` (a redacted verbatim, the shortest of at least 40
        characters), most frequent first within each group.
    """
    cfg = inputs.config
    survey = inputs["survey"]
    if "verbatim" not in survey.columns:
        return pl.DataFrame()
    texts = survey.filter((pl.col("wave") == cfg.wave) & pl.col("verbatim").is_not_null()
                          & pl.col("nps").is_not_null()).select(
        nps_group(pl.col("nps"), cfg.scales["nps"]), "verbatim")
    vocab = theme_vocabulary(spans)
    themed = texts.with_columns(assign_themes(texts["verbatim"], vocab)).drop_nulls("theme")
    length = pl.col("verbatim").str.len_chars()
    counted = themed.with_columns(
        pl.when(length >= 40).then(length).otherwise(10_000).alias("_rank")).group_by(
        "group", "theme").agg(
        pl.len().cast(pl.Int64).alias("verbatims"),
        pl.col("verbatim").sort_by(["_rank", "verbatim"]).first().alias("example"),
    ).with_columns((pl.col("verbatims") / pl.col("verbatims").sum().over("group"))
                   .alias("share"))
    top = counted.sort(["group", "verbatims", "theme"], descending=[False, True, False]) \
        .group_by("group", maintain_order=True).head(limit)
    return top.with_columns(pl.col("example").map_elements(
        lambda text: redact(text, None, lang), return_dtype=pl.String))


def coverage(inputs: Inputs, spans: pl.DataFrame) -> tuple[int, int]:
    """Return how many of the current wave's verbatims got a theme, and how many there are."""
    survey = inputs["survey"]
    if "verbatim" not in survey.columns:
        return 0, 0
    texts = survey.filter((pl.col("wave") == inputs.config.wave)
                          & pl.col("verbatim").is_not_null())["verbatim"]
    themes = assign_themes(texts, theme_vocabulary(spans))
    return themes.len() - themes.null_count(), texts.len()


def display(table: pl.DataFrame, inputs: Inputs, lang: str) -> pl.DataFrame:
    """Return :func:`themes_by_group` with groups and themes in words, detractors first."""
    from cxlib.i18n import t

    codes = dict(inputs["codebook"].select("code_id", "label").iter_rows())
    order = {"detractor": 0, "passive": 1, "promoter": 2}
    return table.sort(pl.col("group").replace_strict(order), pl.col("verbatims"),
                      descending=[False, True]).with_columns(
        pl.col("group").replace_strict({g: t(f"group_{g}", lang) for g in order}),
        pl.col("theme").replace_strict(codes, default=pl.col("theme")))
