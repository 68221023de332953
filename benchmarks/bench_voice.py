"""Time sentiment and themes on 100,000 customer texts and report the peak memory.

Usage::

    .venv/bin/python benchmarks/bench_voice.py [--texts 100000]

Synthetic reviews, posts and complaints, half French and half English, are assembled from
short phrases (a subject, a verdict, sometimes a contrast, an emoji or a typo), so that
every text is different while the vocabulary stays that of customer feedback. Then, as
06_voice does: the language of each text is detected, its sentiment scored
(:func:`cxlib.feedback.sentiment`), and themes found by NMF over TF-IDF of the lemmas
(:func:`cxlib.feedback.find_themes`, 16 themes). Each step's time and the peak resident
memory above the process's baseline are printed. Goal: under 60 s and 2 GiB.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time

import numpy as np

from cxlib.feedback import find_themes, sentiment

_PARTS = {
    "fr": {
        "subject": ["La livraison", "Le livreur", "Le service client", "L'appli", "Le site",
                    "Le vendeur", "Le remboursement", "Le parking", "Le canapé", "La table",
                    "Le chat en ligne", "Le retour", "Le paiement", "La commande"],
        "pos": ["était parfait", "a été très rapide", "est vraiment top", "m'a bien aidé",
                "est pas mal du tout", "est impeccable", "est simple et efficace"],
        "neg": ["est une catastrophe", "n'est jamais arrivé", "était beaucoup trop lent",
                "ne répond pas", "est décevant", "m'a fait attendre trois semaines",
                "est inadmissible"],
        "contrast": ["mais c'est trop cher", "mais le suivi est nul",
                     "mais l'équipe est aimable", "mais je recommande quand même"],
    },
    "en": {
        "subject": ["The delivery", "The driver", "Customer service", "The app",
                    "The website", "The adviser", "The refund", "The car park", "The card",
                    "The live chat", "The return", "The payment", "My order", "The branch"],
        "pos": ["was perfect", "was really quick", "is brilliant", "helped me a lot",
                "was not bad at all", "was spotless", "is simple and efficient"],
        "neg": ["was a disaster", "never arrived", "was far too slow", "never answers",
                "is disappointing", "kept me waiting three weeks", "is unacceptable"],
        "contrast": ["but it's too expensive", "but the tracking is useless",
                     "but the staff are friendly", "but I still recommend them"],
    },
}
_EMOJI = ["😍", "👍", "😡", "😤", "🙏", ""]


def make_texts(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Return ``n`` synthetic customer texts and their language (half French, half English)."""
    rng = np.random.default_rng(seed)
    texts, langs = [], []
    for i in range(n):
        lang = "fr" if i % 2 else "en"
        parts = _PARTS[lang]
        tone = "pos" if rng.random() < 0.5 else "neg"
        text = f"{parts['subject'][rng.integers(14)]} {parts[tone][rng.integers(7)]}"
        if rng.random() < 0.3:
            text += f", {parts['contrast'][rng.integers(4)]}"
        text += f". {_EMOJI[rng.integers(6)]} #{i}"  # every text distinct
        if rng.random() < 0.1:
            text = text.replace("e", "ee", 1)  # a typo
        texts.append(text)
        langs.append(lang)
    return texts, langs


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100_000)
    n = parser.parse_args().texts
    texts, langs = make_texts(n)
    base = _rss_mib()
    start = time.perf_counter()
    scored = sentiment(texts)
    scored_at = time.perf_counter()
    themes = find_themes(texts, scored["language"].to_list(), n_themes=16)
    done = time.perf_counter()
    right = sum(a == b for a, b in zip(scored["language"].to_list(), langs, strict=True)) / n
    print(f"{platform.machine()}, Python {platform.python_version()}: {n:,} texts")
    print(f"  language + sentiment: {scored_at - start:6.1f} s "
          f"(language right for {right:.1%}; {scored['label'].value_counts().rows()})")
    print(f"  themes (NMF, 16):     {done - scored_at:6.1f} s "
          f"({themes.themes.height} themes; first: {themes.themes['name'][0]})")
    print(f"  total:                {done - start:6.1f} s (goal < 60 s)")
    print(f"  peak memory above baseline: {_rss_mib() - base:,.0f} MiB "
          f"(peak {_rss_mib():,.0f} MiB; goal < 2,048 MiB)")


if __name__ == "__main__":
    main()
