"""The voice of the customer: sentiment and themes of what customers write, offline.

The public entry points:

- :func:`sentiment` — a ``label`` (positive, neutral, negative) and a ``score`` (−1 to 1)
  per text, French and English, language detected per text when not given;
- :func:`detect_language` — ``fr`` or ``en`` for one text;
- :func:`train_sentiment` — a word model trained on a client's own labelled texts, to pass
  to :func:`sentiment` (``learned={"fr": model}``);
- :func:`find_themes` — themes found in texts (NMF over TF-IDF of lemmas), named by their
  top terms; :func:`link_codebook` links them to the interview codebook's themes;
- :func:`texts`, :func:`listen` — a client's feedback table and survey verbatims as one
  frame, then scored and themed for the voice-of-the-customer report.
"""

from cxlib.analysis.feedback import (
    Themes,
    Voice,
    detect_language,
    find_themes,
    link_codebook,
    listen,
    sentiment,
    texts,
    train_sentiment,
)

__all__ = ["Themes", "Voice", "detect_language", "find_themes", "link_codebook", "listen",
           "sentiment", "texts", "train_sentiment"]
