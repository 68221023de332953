"""Readable names for the themes found in customers' texts: their most representative phrase.

A theme found by :func:`cxlib.analysis.feedback.themes.find_themes` is a weighted list of
lemmas (``remboursement · retour · virement``): right for an analyst, not for a client. Its
name is instead the phrase customers themselves write most when they write about it, as
they write it (``remboursement partiel``, ``document upload``, ``place de parking``):

1. **Candidates** are the 2- and 3-word sequences of the theme's most typical texts (the
   :data:`SAMPLE` texts weighing most on it), never across punctuation, that begin and end
   with a content word (not a stop word, not a word that judges: ``inadmissible``,
   ``parfait``) and hold one of the theme's top terms (same word family, see
   :func:`~cxlib.analysis.feedback.themes.family`). The word in the middle of a 3-word
   phrase is a content word or one that joins two (:data:`JOINERS`: ``remboursement en
   attente``, ``proof of address``), never a verb or a pronoun (``appli est rapide``).
2. **Rank**: phrases holding the theme's strongest term come first (the name says what
   the theme is most about: ``document upload`` before ``proof of address`` for a theme
   led by ``upload``); then by score = texts of the theme holding the phrase (each
   counting its weight on the theme, the most typical 1: ``card blocked`` before ``card
   arrived`` when blocked cards are what the theme is about) × the share of the theme's
   weight its top terms carry in the phrase (its words' weights, the
   strongest term counting 1) × the share of the phrase's texts that belong to the theme
   (a phrase as frequent in other themes does not name this one). A candidate must occur
   in at least 3 of the theme's texts and 3 % of them.
3. The best candidate wins; ties go to the longer phrase, then to alphabetical order, so
   the same texts always give the same names. Two themes never share a name: the second
   takes its next candidate. Without a candidate, the name is the theme's strongest term
   as customers write it most (``parking``), else its top terms (``parking · garer``).
4. **Privacy**: customers' words may hold a name, an e-mail address or a phone number. A
   candidate that :func:`cxlib.privacy.redaction.redact` would change (anything it
   detects: names, e-mails, phones, identifiers) is never used, so a name carries no
   personal data and no placeholder either.

The phrase keeps the case customers use most, its first letter capitalised.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

__all__ = ["ADDRESSES", "JOINERS", "MIN_TEXTS", "SAMPLE", "phrase_names", "private_words",
           "publishable"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

#: Texts read per theme to name it: the ones weighing most on it.
SAMPLE = 400
#: A phrase names a theme only if at least this many of its texts hold it (and 3 % of them).
MIN_TEXTS = 3
#: Words that may join two content words in a name: prepositions, articles, "and".
JOINERS = frozenset("de du des d en à au aux la le les l et pour par sur sans avec "
                    "of the a an to for in on at with and by from".split())

_CLAUSES = re.compile(r"[.,;:!?()\[\]{}\"«»“”…—–/|\n]+|\s-\s")
#: E-mail and web addresses: their parts are no words of a theme, nor of its name.
ADDRESSES = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?://|www\.)\S+",
                       re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _tokens(text: str) -> list[list[tuple[str, int, int]]]:
    """Return the words of each clause of a text, with their offsets in the text.

    E-mail and web addresses end a clause and give no word.
    """
    text = ADDRESSES.sub(lambda m: "|" * len(m.group()), text)
    out = []
    start = 0
    for cut in [*_CLAUSES.finditer(text), None]:
        end = cut.start() if cut else len(text)
        clause = [(m.group(), start + m.start(), start + m.end())
                  for m in _TOKEN.finditer(text[start:end])]
        if clause:
            out.append(clause)
        start = cut.end() if cut else end
    return out


def _candidates(text: str, lang: str, key: Callable[[str, str], str | None],
                top: Mapping[str, float]) -> dict[str, tuple[str, float, bool]]:
    """Return the phrases of a text that may name the theme.

    ``key(word, lang)`` gives a word's family, or None for a stop word or a word that
    judges; ``top`` the theme's families and their weights, strongest first. Each phrase
    (lower case) -> its surface form, its coverage and whether it holds the strongest.
    """
    lead = next(iter(top), None)
    found: dict[str, tuple[str, float, bool]] = {}
    for clause in _tokens(text):
        families = [key(word, lang) for word, _, _ in clause]
        for n in (2, 3):
            for i in range(len(clause) - n + 1):
                first, last = families[i], families[i + n - 1]
                if first is None or last is None or first == last:
                    continue
                inner = families[i + 1:i + n - 1]
                if any(f is None and w.lower() not in JOINERS
                       for f, (w, _, _) in zip(inner, clause[i + 1:i + n - 1], strict=True)):
                    continue
                words = {first, last, *(f for f in inner if f is not None)}
                coverage = sum(top.get(f, 0.0) for f in words)
                if not coverage:
                    continue
                surface = " ".join(text[clause[i][1]:clause[i + n - 1][2]].split())
                found.setdefault(surface.lower().replace("’", "'"),
                                 (surface, coverage, lead in words))
    return found


def _display(forms: Counter[str]) -> str:
    """Return the form customers write most (ties: alphabetical), first letter capitalised."""
    best = min(forms.items(), key=lambda x: (-x[1], x[0]))[0]
    return best[:1].upper() + best[1:]


def phrase_names(texts: Sequence[Sequence[tuple[str, str, float]]],
                 top: Sequence[Mapping[str, float]], key: Callable[[str, str], str | None],
                 fallback: Sequence[Sequence[str]], *, safe: Callable[[str], bool]) -> list[str]:
    """Return a readable name per theme: the phrase its customers write most (see module).

    Parameters
    ----------
    texts : sequence of sequences of (text, language, weight)
        Per theme, its most typical texts, most typical first, each with its weight on
        the theme (the most typical 1).
    top : sequence of mappings
        Per theme, its top families and their weights (the strongest 1).
    key : callable
        ``key(word, lang)``: a word's family, None for a stop word or a word that judges.
    fallback : sequence of sequences of str
        Per theme, the names to use without a candidate phrase, best first (its strongest
        term as customers write it most, then its keywords).
    safe : callable
        Whether a name may be published (no personal data in it).

    Returns
    -------
    list of str
        One name per theme, in the order given, all different.
    """
    per_theme: list[Counter[str]] = []
    forms: dict[str, Counter[str]] = {}
    coverage: dict[tuple[int, str], float] = {}
    holds: dict[tuple[int, str], bool] = {}
    everywhere: Counter[str] = Counter()
    mass: list[Counter[str]] = []
    for index, (sample, weights) in enumerate(zip(texts, top, strict=True)):
        counts: Counter[str] = Counter()
        summed: Counter[str] = Counter()
        for text, lang, typical in sample:
            found = _candidates(text, lang, key, weights)
            for phrase in found:
                summed[phrase] += typical
            for phrase, (surface, share, leading) in found.items():
                forms.setdefault(phrase, Counter())[surface] += 1
                coverage[index, phrase] = max(share, coverage.get((index, phrase), 0.0))
                holds[index, phrase] = leading
            counts.update(found.keys())
        everywhere.update(counts)
        per_theme.append(counts)
        mass.append(summed)
    names: list[str] = []
    used: set[str] = set()
    for index, counts in enumerate(per_theme):
        least = max(MIN_TEXTS, math.ceil(0.03 * len(texts[index])))
        ranked = sorted(((not holds[index, p],
                          -mass[index][p] * coverage[index, p] * n / everywhere[p],
                          -len(p.split()), p) for p, n in counts.items() if n >= least))
        name = next((_display(forms[p]) for *_, p in ranked
                     if p not in used and safe(_display(forms[p]))), None)
        if name is None:  # never an unsafe or empty option, even numbered
            options = [w for w in (o[:1].upper() + o[1:] for o in fallback[index]) if w and safe(w)]
            name = next((w for w in options if w.lower() not in used),
                        f"{options[0] if options else '…'} ({index + 1})")
        used.add(name.lower())
        names.append(name)
    return names


def private_words(text: str, lang: str) -> frozenset[str]:
    """Return the words privacy redaction takes out of a text, in lower case.

    A person's name (``Kévin Boulanger``), an e-mail address's words: themes must not
    form around them (a theme per employee named) nor be named by them. Every text is
    redacted (about 50 µs a text).

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    frozenset of str
        The words of the text its redaction no longer holds.

    Examples
    --------
    >>> sorted(private_words("Très bon accueil de Kévin Boulanger en magasin", "fr"))
    ['boulanger', 'kévin']
    >>> private_words("Livraison rapide, produit conforme", "fr")
    frozenset()
    """
    if not text:
        return frozenset()
    from cxlib.privacy.redaction import redact

    return frozenset(_words(text) - _words(redact(text, None, lang)))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def publishable(languages: list[str], hidden: Collection[str] = ()) -> Callable[[str], bool]:
    """Return a check of whether a name or a term may be shown as is.

    Privacy redaction must find nothing in it, and it must hold no word that redaction
    takes out of the texts it was read in: a surname alone (« Lemoine au comptoir ») is a
    name only in its sentence (« Gaston Lemoine au comptoir m'a mal reçu »).

    Parameters
    ----------
    languages : list of str
        The languages a name is checked in (English when none).
    hidden : collection of str, optional
        The words redaction takes out of the texts the names and terms were read in
        (:func:`private_words` of each), in lower case.

    Returns
    -------
    callable
        ``True`` for a name or term that may be shown as is.
    """
    from cxlib.privacy.redaction import redact

    langs, hidden = languages or ["en"], frozenset(hidden)
    return lambda text: not _words(text) & hidden and all(
        redact(text, None, lang) == text for lang in langs)
