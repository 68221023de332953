"""Reviews, social posts and complaints over two waves, written as customers write them.

Each text is about one topic of :class:`~cxlib.demo._spec.FeedbackModel`: a source picks
its topic by the topic's weight for that source, the tone follows the topic's share of
negative texts in the text's wave (complaints are negative), then the sentence gets, at
random, a lead (``Bonjour,``), a tail, an emoji of its tone and a typo. Reviews carry a
star rating that follows the tone, one in twelve against it (a customer ticking the wrong
star, or praising with a low mark). Complaints say their stage and channel; reviews and
posts only sometimes.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import polars as pl

from cxlib.demo._spec import ClientSpec, FeedbackModel, FeedbackTopic

__all__ = ["build_feedback"]

_STARS = {"neg": ([1, 2, 3], [0.55, 0.35, 0.10]), "pos": ([3, 4, 5], [0.05, 0.35, 0.60])}


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(len(items)))]


def _typo(text: str, typos: dict[str, str], rng: np.random.Generator) -> str:
    found = [w for w in typos if w in text]
    if not found:
        return text
    word = found[int(rng.integers(len(found)))]
    return text.replace(word, typos[word], 1)


def _text(model: FeedbackModel, topic: FeedbackTopic, tone: str,
          rng: np.random.Generator) -> str:
    text = _pick(rng, getattr(topic, tone))
    if rng.random() < 0.25:
        text = f"{_pick(rng, model.leads[tone])} {text[0].lower()}{text[1:]}"
    if rng.random() < 0.2:
        text = f"{text} {_pick(rng, model.tails[tone])}"
    if rng.random() < 0.12:
        text = _typo(text, model.typos, rng)
    if rng.random() < 0.3:
        text = f"{text} {_pick(rng, model.emoji[tone])}"
    return text


def _cell(topic: FeedbackTopic, rng: np.random.Generator) -> tuple[str, str]:
    weights = np.array([c[2] for c in topic.cells], dtype=float)
    stage, channel, _ = topic.cells[int(rng.choice(len(weights), p=weights / weights.sum()))]
    return stage, channel


def _rows(model: FeedbackModel, source: str, wave: str, count: int,
          rng: np.random.Generator) -> list[dict]:
    topics = [t for t in model.topics if t.sources.get(source, 0) > 0]
    weights = np.array([t.sources[source] for t in topics])
    start, end = model.period[wave]
    days = (end - start).days
    rows = []
    for index in rng.choice(len(topics), size=count, p=weights / weights.sum()):
        topic = topics[int(index)]
        negative = source == "complaint" or rng.random() < topic.negative[wave]
        tone = "neg" if negative else "pos"
        stage, channel = _cell(topic, rng) if rng.random() < model.placed[source] else (None,
                                                                                        None)
        if source == "social":
            channel = model.social_channel
        rating = None
        if source == "review":
            stars, p = _STARS["pos" if (rng.random() < 1 / 12) == negative else "neg"]
            rating = float(rng.choice(stars, p=p))
        rows.append({"source": source, "date": start + timedelta(days=int(rng.integers(days))),
                     "text": _text(model, topic, tone, rng), "rating": rating,
                     "stage_id": stage, "channel_id": channel})
    return rows


def build_feedback(spec: ClientSpec, seed: int) -> pl.DataFrame:
    """Return the feedback table of a demo client (empty when its spec has no feedback).

    Parameters
    ----------
    spec : ClientSpec
        The client.
    seed : int
        Generation seed.

    Returns
    -------
    polars.DataFrame
        The ``feedback`` table, in the data contract's column order, by date.
    """
    from cxlib.inputs.schemas import TABLES

    columns = [c.name for c in TABLES["feedback"].columns]
    model = spec.feedback
    if model is None:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    rng = np.random.default_rng([seed, 606])
    rows = [row for source, waves in model.n.items() for wave, count in waves.items()
            for row in _rows(model, source, wave, count, rng)]
    frame = pl.DataFrame(rows, schema={"source": pl.String, "date": pl.Date,
                                       "text": pl.String, "rating": pl.Float64,
                                       "stage_id": pl.String, "channel_id": pl.String})
    frame = frame.sort("date", maintain_order=True).with_row_index("n", offset=1)
    return frame.with_columns(
        pl.format("F{}", pl.col("n").cast(pl.String).str.zfill(6)).alias("feedback_id"),
        *[pl.lit(None, pl.String).alias(c) for c in ("language", "customer_id",
                                                     "persona_id", "touchpoint_id")],
    ).select(columns)
