"""The voice of the customer: reviews, posts, complaints and verbatims, their sentiment and themes.

- :mod:`~cxlib.analysis.feedback.lexicon` — the words the sentiment scorer knows;
- :mod:`~cxlib.analysis.feedback.sentiment` — a label and a score per text, French and English;
- :mod:`~cxlib.analysis.feedback.learned` — the word model read beside the sentiment rules;
- :mod:`~cxlib.analysis.feedback.texts` — the feedback table and the survey's verbatims as one;
- :mod:`~cxlib.analysis.feedback.themes` — themes found by NMF, linked to the codebook;
- :mod:`~cxlib.analysis.feedback.voice` — what the report shows: volumes, themes, changes;
- :mod:`~cxlib.analysis.feedback.wording` — the report in words: findings and display tables.
"""

from cxlib.analysis.feedback.learned import train as train_sentiment
from cxlib.analysis.feedback.sentiment import detect_language, sentiment
from cxlib.analysis.feedback.texts import SOURCES, has_texts, scored_texts, texts
from cxlib.analysis.feedback.themes import Themes, find_themes, lemmas, link_codebook
from cxlib.analysis.feedback.voice import (
    Voice,
    by_segment,
    concentration,
    listen,
    rating_check,
    stage_voice,
    theme_changes,
    themes_ranked,
    two_proportions,
    volume,
)

__all__ = [
    "SOURCES",
    "Themes",
    "Voice",
    "by_segment",
    "concentration",
    "detect_language",
    "find_themes",
    "has_texts",
    "lemmas",
    "link_codebook",
    "listen",
    "rating_check",
    "scored_texts",
    "sentiment",
    "stage_voice",
    "texts",
    "theme_changes",
    "themes_ranked",
    "train_sentiment",
    "two_proportions",
    "volume",
]
