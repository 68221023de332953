"""Sentiment of customer texts, French and English, offline: a label and a score per text.

The scorer follows VADER's rules (Hutto & Gilbert 2014, *VADER: A Parsimonious Rule-based
Model for Sentiment Analysis of Social Media Text*, ICWSM), applied to each language's
lexicon (:mod:`cxlib.analysis.feedback.lexicon`):

- each known word or set phrase carries a valence from −4 to 4;
- an intensifier in the three words before it adds about 0.3 (``très``, ``really``), a
  dampener takes it off (``un peu``, ``slightly``), ``du tout`` / ``at all`` after it too;
- a negator in the three words before it (``pas``, ``ne … plus``, ``sans``, ``not``,
  ``never``, ``n't``) turns it over at 0.74 of its strength (``pas mal du tout`` is
  positive, ``je ne recommande pas`` negative);
- after a contrast word (``mais``, ``but``) the words count 1.5 times, before it half
  (``rapide mais cher`` is negative); punctuation ends a negation's reach;
- a word in capitals among lower-case words, and up to four ``!``, add emphasis;
- emoji carry their own valence; letters repeated for emphasis (``suuuper``) and missing
  accents (``decu``) are read through; a word one typo away from a known one counts as it.

The sum ``s`` becomes the score ``s / √(s² + 15)`` in −1…1; a text scoring at least
:data:`THRESHOLD` is ``positive``, at most −:data:`THRESHOLD` ``negative``, else ``neutral``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

import polars as pl

from cxlib.analysis.feedback.lexicon import EMOJI, LANGUAGES, Rules, fold, rules

__all__ = ["THRESHOLD", "detect_language", "score_text", "sentiment", "tokenize"]

#: Score from which a text is called positive (and down to which, negated, negative).
THRESHOLD = 0.15
_ALPHA = 15.0
_NEGATION = -0.74
_CAPS = 0.733
_BANG = 0.292
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[!?.,;:…]|"
                    "[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764]", re.UNICODE)
_BREAK = frozenset("?.,;:…")
_ELISION = re.compile(r"^(?:[^\W\d_]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)
_STOP_FR = frozenset("le la les de des du un une et est je vous nous pas que qui pour avec "
                     "sur au aux ce cette mon ma mes tres en il elle on ne plus mais c j "
                     "n d l qu rien tout tous chez votre vos".split())
_STOP_EN = frozenset("the an and is are i you we not that for with on to of my this it "
                     "was very in no but so have has had your they be at from me our its "
                     "all get got".split())


def tokenize(text: str, lang: str) -> list[tuple[str, str]]:
    """Cut a text into ``(folded, as written)`` tokens: words, punctuation and emoji.

    Elisions are split (``n'est`` -> ``n``, ``est``; ``qu'il``); contractions are kept
    whole (``doesn't``), their negation read from the ``n't`` ending.

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    list of tuple
        One ``(folded, original)`` pair per token.
    """
    out = []
    for match in _TOKEN.finditer(text.replace("’", "'")):
        raw = match.group()
        if _ELISION.match(raw):
            for part in re.split(r"(?<=')", raw):
                if part:
                    out.append((fold(part.rstrip("'")), part))
        else:
            out.append((fold(raw), raw))
    return out


@cache
def _valence(word: str, lang: str) -> float:
    """Return the valence of a folded word: as found, de-stretched, lemmatised or mistyped."""
    known = rules(lang)
    lexicon = known.words
    if word in lexicon:
        return lexicon[word]
    if re.search(r"(.)\1\1", word):  # suuuper, nuuul
        for squeezed in (re.sub(r"(.)\1{2,}", r"\1\1", word), re.sub(r"(.)\1+", r"\1", word)):
            if squeezed in lexicon:
                return lexicon[squeezed]
    if _EMOJI.fullmatch(word):
        return _emoji(word)
    import simplemma

    lemma = fold(simplemma.lemmatize(word, lang=lang))
    if lemma in lexicon:
        return lexicon[lemma]
    if simplemma.is_known(word, lang=lang):  # a word of its own, not a typo
        return 0.0
    near = known.near(word)
    return lexicon[near] if near else 0.0


@cache
def _emoji(char: str) -> float:
    if char in EMOJI:
        return EMOJI[char]
    from cxlib.analysis.feedback.lexicon import emoji_descriptions

    described = emoji_descriptions().get(char, "")
    words = rules("en").words
    return sum(words.get(fold(w), 0.0) for w in described.split()) / 2


def _negated(tokens: list[str], start: int, known: Rules) -> bool:
    """Return whether a negator governs the unit starting at ``start``."""
    window = []
    for tok in reversed(tokens[max(0, start - 3):start]):
        if tok in _BREAK or tok in known.contrast:
            break
        window.append(tok)
    if any(t in known.negators or t.endswith("n't") for t in window):
        return True
    after = tokens[start + 1:start + 3]  # je ne recommande pas: "ne" before, "pas" after
    return bool(known.after_ne) and any(t in known.after_ne for t in after) and any(
        t in ("ne", "n") for t in tokens[max(0, start - 4):start])


def _boost(tokens: list[str], start: int, end: int, valence: float, known: Rules) -> float:
    scalar = 0.0
    for distance, tok in enumerate(reversed(tokens[max(0, start - 3):start])):
        if tok in _BREAK:
            break
        if tok in known.boosters:
            scalar += known.boosters[tok] * (1.0, 0.95, 0.9)[distance]
    if tokens[end:end + 2] in (["du", "tout"], ["at", "all"]):
        scalar += 0.293
    return valence + scalar if valence > 0 else valence - scalar


def _units(tokens: list[str], known: Rules) -> list[tuple[int, int, float]]:
    """Return the scored units of a text: ``(start, end, valence)``, phrases first."""
    units, i = [], 0
    while i < len(tokens):
        for size in range(min(known.longest_phrase, len(tokens) - i), 1, -1):
            if tuple(tokens[i:i + size]) in known.phrases:
                units.append((i, i + size, known.phrases[tuple(tokens[i:i + size])]))
                i += size
                break
        else:
            tok = tokens[i]
            is_word = tok not in _BREAK and tok not in known.negators
            if tok in known.boosters:  # "super" alone is a word, before another an intensifier
                following = tokens[i + 1] if i + 1 < len(tokens) else "."
                is_word = following in _BREAK or not _valence(following, known.lang)
            if is_word and tok not in known.contrast:
                valence = _valence(tok, known.lang)
                if valence:
                    units.append((i, i + 1, valence))
            i += 1
    return units


def _contrast_at(tokens: list[str], known: Rules) -> int | None:
    found = None
    for i, tok in enumerate(tokens):
        pair = " ".join(tokens[i:i + 2])
        if tok in known.contrast or pair in known.contrast:
            found = i
    return found


def score_text(text: str, lang: str) -> float:
    """Return the sentiment score of one text, from −1 (negative) to 1 (positive).

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    float
        The normalised sum of its units' valences (see the module's description).
    """
    known = rules(lang)
    pairs = tokenize(text or "", lang)
    tokens = [folded for folded, _ in pairs]
    shouting = any(c.islower() for c in text or "")
    pivot = _contrast_at(tokens, known)
    total = 0.0
    for start, end, valence in _units(tokens, known):
        value = _boost(tokens, start, end, valence, known)
        written = pairs[start][1]
        if shouting and len(written) > 1 and written.isupper():
            value += math.copysign(_CAPS, value)
        own = any(t in known.negators for t in tokens[start:end])  # "pas mal" is negated
        if not own and not _EMOJI.fullmatch(tokens[start]) and _negated(tokens, start, known):
            value *= _NEGATION
        if pivot is not None:
            value *= 1.5 if start > pivot else 0.5
        total += value
    if total:
        total += math.copysign(min(tokens.count("!"), 4) * _BANG, total)
    return total / math.sqrt(total * total + _ALPHA)


@cache
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found = LanguageIdentifier.from_model_file(MODEL_FILE)
    found.set_languages(list(LANGUAGES))
    return found


def detect_language(text: str, *, default: str = "fr") -> str:
    """Return ``fr`` or ``en`` for one text.

    Common function words decide when they lean one way; otherwise the
    ``py3langid`` model (shipped with the package, restricted to French and English) does,
    and a text with no letters gets ``default``.

    Parameters
    ----------
    text : str
        A customer text.
    default : {"fr", "en"}
        The language of a text without words (emoji only).

    Returns
    -------
    str
        ``fr`` or ``en``.
    """
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text or "")]
    if not words:
        return default
    lean = sum(w in _STOP_FR for w in words) - sum(w in _STOP_EN for w in words)
    if lean:
        return "fr" if lean > 0 else "en"
    return _identifier().classify(text)[0]  # type: ignore[attr-defined]


def sentiment(texts: Sequence[str | None] | pl.Series, language: str | Sequence[str | None]
              | pl.Series | None = None, *, default: str = "fr") -> pl.DataFrame:
    """Return the sentiment of each text: a label and a score, one row per text, in order.

    Parameters
    ----------
    texts : sequence of str or polars.Series
        Customer texts; a missing text is neutral with score 0.
    language : {"fr", "en"}, sequence or polars.Series, optional
        The language of every text, or of each (a missing one is detected); detected per
        text when not given.
    default : {"fr", "en"}
        The language of texts without words (emoji only).

    Returns
    -------
    polars.DataFrame
        ``language``, ``label`` (``positive``, ``neutral``, ``negative``) and ``score``
        (−1 to 1).

    Examples
    --------
    >>> sentiment(["Pas mal du tout !", "Rapide mais cher", "Not bad at all"])["label"].to_list()
    ['positive', 'negative', 'positive']
    """
    items = list(texts)
    if language is None or isinstance(language, str):
        langs: list[str | None] = [language] * len(items)
    else:
        langs = list(language)
    chosen = [lang if lang in LANGUAGES else detect_language(text or "", default=default)
              for text, lang in zip(items, langs, strict=True)]
    scores = [score_text(text, lang) if text else 0.0
              for text, lang in zip(items, chosen, strict=True)]
    labels = ["positive" if s >= THRESHOLD else "negative" if s <= -THRESHOLD else "neutral"
              for s in scores]
    return pl.DataFrame({"language": chosen, "label": labels, "score": scores},
                        schema={"language": pl.String, "label": pl.String,
                                "score": pl.Float64})
