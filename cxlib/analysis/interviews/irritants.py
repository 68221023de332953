"""Top irritants and enchantments of the interviews, with pseudonymised quotes.

Irritants and enchantments are the (stage, channel, theme) combinations most often coded
with that valence (irritants also count ruptures), each matched to the touchpoints of its
stage × channel cell and illustrated by pseudonymised quotes from respondents who
consented to be quoted.

Quotes never carry a name, e-mail address, phone number, IBAN or postal address: every
quote goes through :func:`cxlib.coding.redact` with the interview roster (respondents'
and interviewers' names) before it reaches a report.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.figures import computed_once
from cxlib.analysis.interviews.quality import department_coverage
from cxlib.analysis.interviews.spans import _NEGATIVE, code_labels, roster
from cxlib.i18n import t
from cxlib.inputs.loaders import Inputs
from cxlib.privacy.redaction import redact

__all__ = [
    "quotes",
    "summary",
    "top_codes",
    "top_items",
]


def top_codes(spans: pl.DataFrame, inputs: Inputs, valence: str = "irritant",
              limit: int = 5) -> pl.DataFrame:
    """Return the most cited irritants (or enchantments): stage × channel × theme.

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    inputs : Inputs
        For the touchpoints of each stage × channel cell.
    valence : {"irritant", "enchantment"}
        ``irritant`` also counts ruptures.
    limit : int
        How many to return.

    Returns
    -------
    polars.DataFrame
        ``rank, stage_id, channel_id, theme, interviews, employees, customers, passages,
        touchpoints`` (names of the cell's touchpoints with a matching valence, else of
        all its touchpoints, joined by " / ").
    """
    wanted = list(_NEGATIVE) if valence == "irritant" else [valence]
    picked = spans.filter(pl.col("valence_code").is_in(wanted)
                          & pl.col("stage_id").is_not_null())
    grouped = picked.group_by("stage_id", "channel_id", "theme").agg(
        pl.col("interview_id").n_unique().alias("interviews"),
        pl.col("interview_id").filter(pl.col("population") == "employee").n_unique()
        .alias("employees"),
        pl.col("interview_id").filter(pl.col("population") == "customer").n_unique()
        .alias("customers"),
        pl.len().alias("passages"),
    ).sort(["interviews", "passages", "stage_id", "channel_id", "theme"],
           descending=[True, True, False, False, False], nulls_last=True).head(limit)
    tps = inputs["touchpoints"]
    names = []
    for stage, channel in grouped.select("stage_id", "channel_id").iter_rows():
        cell = tps.filter(pl.col("stage_id").eq_missing(stage)
                          & pl.col("channel_id").eq_missing(channel))
        match = cell.filter(pl.col("valence").is_in(wanted))
        names.append(" / ".join((match if match.height else cell)["name"].to_list()))
    return grouped.with_columns(pl.Series("touchpoints", names, dtype=pl.String)) \
        .with_row_index("rank", offset=1)


def quotes(spans: pl.DataFrame, stage: str, channel: str | None, theme: str | None,
           valence: str, names: pl.DataFrame, lang: str, limit: int = 2,
           max_chars: int = 320) -> list[dict[str, str]]:
    """Return pseudonymised quotes illustrating one irritant or enchantment.

    Only respondents who consented are quoted; customers come first, then the shortest
    passages (a quote should read in one breath).

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    stage, channel, theme : str
        The combination (as in :func:`top_codes`).
    valence : {"irritant", "enchantment"}
        Which valence.
    names : polars.DataFrame
        From :func:`roster`.
    lang : {"fr", "en"}
        Placeholders' language.
    limit, max_chars : int
        How many quotes, and the longest quote kept whole (longer ones are cut at a word).

    Returns
    -------
    list of dict
        ``text`` (redacted), ``who`` (population in words) and ``interview_id`` (for
        traceability; never shown).
    """
    wanted = list(_NEGATIVE) if valence == "irritant" else [valence]
    cond = (pl.col("stage_id") == stage) & pl.col("valence_code").is_in(wanted) \
        & pl.col("consent").fill_null(True)
    cond = cond & (pl.col("channel_id") == channel if channel else pl.col("channel_id")
                   .is_null())
    cond = cond & (pl.col("theme") == theme if theme else pl.col("theme").is_null())
    picked = spans.filter(cond).with_columns(
        (pl.col("population") != "customer").alias("_employee"),
        pl.col("text").str.len_chars().alias("_len"),
    ).sort("_employee", "_len").unique("interview_id", keep="first", maintain_order=True)
    mapping = dict(names.iter_rows())
    out: list[dict[str, str]] = []
    for r in picked.iter_rows(named=True):
        text = _strip_speaker(" ".join(r["text"].split()))
        if len(text) > max_chars:
            text = text[:max_chars].rsplit(" ", 1)[0] + " …"
        text = redact(text, mapping, lang)
        if any(q["text"] == text for q in out):
            continue  # two people said the same: one quote is enough
        out.append({"text": text, "who": t(f"iv_{r['population']}", lang),
                    "interview_id": r["interview_id"]})
        if len(out) == limit:
            break
    return out


def _strip_speaker(text: str) -> str:
    """Drop a leading "Name :" speaker label from a passage."""
    head, sep, rest = text.partition(":")
    return rest.strip() if sep and len(head) <= 40 and head.count(" ") <= 3 else text


@computed_once("interviews", "codebook", "codings", "touchpoints")
def top_items(inputs: Inputs, spans: pl.DataFrame, valence: str, lang: str,
              limit: int = 5, quotes_each: int = 2) -> list[dict[str, object]]:
    """Return the top irritants or enchantments as sentences, each with its quotes.

    Returns
    -------
    list of dict
        ``title`` (one sentence: stage, channel, theme, counts, touchpoints),
        ``quotes`` (from :func:`quotes`), and the parts of the title for shorter
        wordings: ``stage``, ``channel``, ``theme`` (labels), ``interviews`` and
        ``touchpoints`` (names, or an empty text).
    """
    cfg = inputs.config
    stages, channels, codes = cfg.labels("stages"), cfg.labels("channels"), code_labels(inputs)
    names = roster(inputs, lang)
    items = []
    for r in top_codes(spans, inputs, valence, limit).iter_rows(named=True):
        title = t("iv_top_item", lang, rank=r["rank"], stage=stages.get(r["stage_id"], "–"),
                  channel=channels.get(r["channel_id"], "–"),
                  theme=codes.get(r["theme"], "–"), interviews=r["interviews"],
                  employees=r["employees"], customers=r["customers"],
                  touchpoints=r["touchpoints"] or t("iv_no_touchpoint", lang),
                  n_tp=len(r["touchpoints"].split(" / ")) if r["touchpoints"] else 0)
        items.append({"title": title,
                      "quotes": quotes(spans, r["stage_id"], r["channel_id"], r["theme"],
                                       valence, names, lang, limit=quotes_each),
                      "stage": stages.get(r["stage_id"], "–"),
                      "channel": channels.get(r["channel_id"], "–"),
                      "theme": codes.get(r["theme"], "–"), "interviews": r["interviews"],
                      "touchpoints": r["touchpoints"] or ""})
    return items


def summary(inputs: Inputs, spans: pl.DataFrame, lang: str) -> str:
    """Return the one-line summary of the interview report for the run's index page."""
    top = top_items(inputs, spans, "irritant", lang, limit=1, quotes_each=0)
    irritant = top[0]["title"].split(" — ")[0].split(". ", 1)[-1] if top else "–"
    missing = department_coverage(inputs).filter(pl.col("interviews") == 0).height
    return t("iv_summary", lang, n=inputs["interviews"].height, irritant=irritant,
             missing=missing)
