"""Every text customers wrote, in one frame: the feedback table and the survey's verbatims.

Reviews, social posts, complaints, chats and e-mails come from the ``feedback`` table; the
survey's open answers join them as source ``survey``, with the respondent's NPS as their
rating and NPS group. Each text gets the wave whose fieldwork it falls in (a wave's
``date`` in ``client.yaml`` is when its fieldwork ended: a text belongs to the first wave
ending on or after its date, and texts after the last wave to the last), then its language
and sentiment (:func:`cxlib.analysis.feedback.sentiment.sentiment`).
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.feedback.sentiment import sentiment
from cxlib.inputs.config import ClientConfig, Scale
from cxlib.inputs.loaders import Inputs

__all__ = ["COLUMNS", "SOURCES", "has_texts", "rating_scale", "scored_texts", "texts"]

#: Sources of customer text, in the order reports show them.
SOURCES = ("survey", "review", "social", "complaint", "chat", "email")

#: The columns of :func:`texts`.
COLUMNS = {
    "feedback_id": pl.String, "source": pl.String, "date": pl.Date, "text": pl.String,
    "rating": pl.Float64, "language": pl.String, "customer_id": pl.String,
    "persona_id": pl.String, "stage_id": pl.String, "channel_id": pl.String,
    "touchpoint_id": pl.String, "nps_group": pl.String, "wave": pl.String,
}

_DEFAULT_SCALE = Scale(min=1, max=5, top=4)


def rating_scale(cfg: ClientConfig, source: str) -> Scale:
    """Return the rating scale of a source: ``scales.<source>`` in client.yaml, else 1–5.

    The survey's rating is its NPS question (``scales.nps``).
    """
    if source == "survey":
        return cfg.scales["nps"]
    return cfg.scales.get(source, _DEFAULT_SCALE)


def has_texts(inputs: Inputs) -> bool:
    """Return whether the client has feedback or survey verbatims to read."""
    return inputs.has("feedback") or inputs.has("survey", "verbatim")


def _wave_of(dates: pl.Expr, cfg: ClientConfig) -> pl.Expr:
    waves = sorted(cfg.waves, key=lambda w: w.date)
    expr = pl.lit(waves[-1].id)
    for wave in reversed(waves[:-1]):
        expr = pl.when(dates <= pl.lit(wave.date)).then(pl.lit(wave.id)).otherwise(expr)
    return expr


def _survey_texts(inputs: Inputs) -> pl.DataFrame:
    from cxlib.analysis.verbatims import nps_group

    if not inputs.has("survey", "verbatim"):
        return pl.DataFrame(schema=COLUMNS)
    survey = inputs.with_columns("survey", "nps", "persona_id", "stage_id", "channel_id",
                                 "touchpoint_id")
    survey = survey.filter(pl.col("verbatim").is_not_null()
                           & (pl.col("verbatim").str.strip_chars() != ""))
    return survey.select(
        pl.col("response_id").alias("feedback_id"), pl.lit("survey").alias("source"),
        "date", pl.col("verbatim").alias("text"), pl.col("nps").cast(pl.Float64).alias("rating"),
        pl.lit(None, pl.String).alias("language"), "customer_id", "persona_id", "stage_id",
        "channel_id", "touchpoint_id",
        nps_group(pl.col("nps"), inputs.config.scales["nps"]).alias("nps_group"), "wave",
    ).cast(COLUMNS)


def texts(inputs: Inputs) -> pl.DataFrame:
    """Return every customer text of the client: feedback rows, then survey verbatims.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.

    Returns
    -------
    polars.DataFrame
        One row per text, columns :data:`COLUMNS`: ``nps_group`` is set for survey
        verbatims only; ``wave`` comes from the survey, or from the date for feedback.
    """
    cfg = inputs.config
    frames = []
    if inputs.has("feedback"):
        wanted = [c for c in COLUMNS if c not in ("nps_group", "wave")]
        feedback = inputs.with_columns("feedback", *wanted).select(wanted)
        frames.append(feedback.with_columns(
            pl.lit(None, pl.String).alias("nps_group"),
            _wave_of(pl.col("date"), cfg).alias("wave")).cast(COLUMNS)
            .filter(pl.col("text").is_not_null()))
    frames.append(_survey_texts(inputs))
    return pl.concat(frames, how="vertical")


def scored_texts(inputs: Inputs) -> pl.DataFrame:
    """Return :func:`texts` with each text's ``language``, ``label`` and ``score``.

    A language given in the table is kept; others are detected per text, texts without
    words getting the client's language.
    """
    frame = texts(inputs)
    scored = sentiment(frame["text"], frame["language"], default=inputs.config.language)
    return frame.with_columns(scored["language"], scored["label"], scored["score"])
