"""Themes found in what customers write, named in their words and linked to the codebook.

**Words.** The texts are lemmatised (``simplemma``: ``livrées`` -> ``livrer``), stop words of
both languages removed (the ``stop-words`` package's maintained lists, plus words under
three letters), and so are the words that judge rather than name (``inadmissible``,
``parfait``: their sentiment is measured apart, and they would otherwise pull every angry
text into one theme). Lemmas sharing their first eight letters, accents aside, are one word
family (:func:`family`: ``remboursement`` and ``rembourser``; not ``application`` and
``appliqué``); families are weighted by TF-IDF.

**Themes.** Non-negative matrix factorisation (scikit-learn's ``NMF``, ``nndsvda`` start,
fixed ``random_state``: the same texts always give the same themes) finds themes as groups
of words that occur together. NMF splits a topic written in several ways (refunds late,
refunds partial, a credit note instead) into as many themes; so themes whose components
point the same way — cosine of at least :data:`MERGE_SIMILARITY` (0.15) — are merged, the
most alike pair first, until no pair is that alike (:func:`merge_similar`). On the demo
clients, themes of one topic have cosines of 0.16–0.31, themes of different topics at most
0.13. Each text goes to its strongest theme, or to none when no theme weighs on it; a theme
no text goes to is dropped.

**Names.** A theme is named by the phrase its customers write most about it, as they write
it (``Remboursement en attente``, ``Document upload``), with no personal data: the rule is
in :mod:`cxlib.analysis.feedback.naming`. Its top terms stay beside the name
(``keywords``: ``remboursement · attendre · virement``). A consultant may give it another
name, keyed by its strongest term, in client.yaml (:mod:`cxlib.analysis.feedback.given`).

**Codebook.** A theme is linked to the codebook theme its strongest terms name — a word of
its label or description among the theme's three strongest terms, or two of its terms
naming it (label, description, or words that point at it in its coded interview passages:
:func:`passage_words`), one among the three strongest (:func:`link_codebook`). A theme
with no such link is **not in the codebook**: what customers write about that the
interviews never raised.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import polars as pl

from cxlib.analysis.feedback.lexicon import fold
from cxlib.analysis.feedback.naming import SAMPLE, phrase_names, private_words, publishable

__all__ = ["FAMILY_PREFIX", "MERGE_SIMILARITY", "Themes", "family", "find_themes", "lemmas",
           "link_codebook", "merge_similar", "passage_words"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_EXTRA_STOP = ("très trop bien fait faire avoir être plus tout tous toute rien encore déjà "
               "merci bonjour vraiment jamais toujours aussi ça cela chez fois "
               "vouloir pouvoir devoir falloir aller mettre prendre dire savoir voir donner "
               "really very just also still even get got would could thank thanks hello "
               "want need make take say go know see give think thinking thing things "
               "client clients cliente clientes customer customers chose choses truc "
               # titles stand before a person's name: they say who, not what about
               "madame monsieur mme mlle mr mrs ms miss dr "
               # days and months date a text, they do not say what it is about
               "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars "
               "avril mai juin juillet août septembre octobre novembre décembre monday "
               "tuesday wednesday thursday friday saturday sunday january february march "
               "april may june july august september october november december "
               "franchement honnêtement seriously honestly "
               # nor do spans of time (how long is said by the theme's other words)
               "jour semaine mois année journée day week month year time")
#: Numbers written out: they may be counted in a theme, never begin or end its name.
_NUMBERS = frozenset("deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt "
                     "trente quarante cinquante soixante cent mille two three four five six "
                     "seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                     "sixty hundred thousand".split())


@cache
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    words = {*get_stop_words("fr"), *get_stop_words("en"), *_EXTRA_STOP.split()}
    return frozenset(fold(w) for w in words)


@cache
def _lemma(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


def lemmas(text: str, lang: str, *, hide: Collection[str] = ()) -> list[str]:
    """Return the content words of a text as lemmas, stop words removed.

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.
    hide : collection of str, optional
        Words (in lower case) to leave out as well: those privacy redaction takes out of
        the text (see :func:`~cxlib.analysis.feedback.naming.private_words`).

    Returns
    -------
    list of str
        Lemmas in lower case, accents kept (``délai``), in text order; stop words and
        strongly evaluative words left out.
    """
    stop = _stop_words()
    strong = _evaluative(lang)
    out = []
    for word in _WORD.findall(text.lower().replace("’", "'").replace("'", " ")):
        if len(word) < 3 or fold(word) in stop or fold(word) in strong or word in hide:
            continue
        lemma = _lemma(word, lang)
        if len(lemma) >= 3 and fold(lemma) not in stop and fold(lemma) not in strong:
            out.append(lemma)
    return out


@cache
def _evaluative(lang: str, least: float = 2.0) -> frozenset[str]:
    """Return the words that judge rather than name (|valence| ≥ 2): sentiment, not theme."""
    from cxlib.analysis.feedback.lexicon import rules

    return frozenset(w for w, v in rules(lang).words.items() if abs(v) >= least)


#: Two themes whose components point this close (cosine) are one theme: see the module.
MERGE_SIMILARITY = 0.15
#: A word points at a codebook theme from at least this many of its coded passages…
PASSAGE_MIN = 2
#: … and this share of all the coded passages holding it.
PASSAGE_SHARE = 0.5
#: Words rated this strongly (|valence|) judge too much to name a theme (``plante``).
NAME_VALENCE = 2.0
#: Lemmas sharing their first letters (folded) this many are one word family.
FAMILY_PREFIX = 8


def family(lemma: str) -> str:
    """Return a lemma's word family: its first :data:`FAMILY_PREFIX` letters, folded.

    >>> family("remboursement") == family("rembourser")
    True
    >>> family("application") == family("appliqué")
    False
    """
    return fold(lemma)[:FAMILY_PREFIX]


@dataclass(frozen=True)
class Themes:
    """Themes found in a set of texts.

    Attributes
    ----------
    themes : polars.DataFrame
        ``theme`` (``T1``…, largest first), ``name`` (the phrase customers write most
        about it, see :mod:`cxlib.analysis.feedback.naming`), ``terms`` (top terms,
        strongest first, each word family as customers write it most) and ``keywords``
        (the first three distinct terms joined by `` · ``, any term the privacy
        redaction would touch left out: the name's secondary line).
    assigned : polars.DataFrame
        One row per text, in order: ``theme`` (null when none weighs on it) and
        ``weight`` (the text's weight on it).
    """

    themes: pl.DataFrame
    assigned: pl.DataFrame


_SCHEMA = {"theme": pl.String, "name": pl.String, "terms": pl.List(pl.String),
           "keywords": pl.String}


def _empty(n: int) -> Themes:
    return Themes(pl.DataFrame(schema=_SCHEMA),
                  pl.DataFrame({"theme": [None] * n, "weight": [0.0] * n},
                               schema={"theme": pl.String, "weight": pl.Float64}))


def merge_similar(weights: np.ndarray, components: np.ndarray, *,
                  threshold: float = MERGE_SIMILARITY) -> tuple[np.ndarray, np.ndarray]:
    """Merge the themes whose components are too alike to be told apart.

    Components are compared by direction (each scaled to unit length): while the two most
    alike have a cosine of at least ``threshold``, they become one, whose component is the
    sum of theirs (unit length each: every part counts alike). A text's weight on a merged
    theme is its largest weight on one of its parts, so merging only relabels texts: a text
    never leaves another theme for a merged one. The first pair in order wins a tie: the
    result is deterministic.

    Parameters
    ----------
    weights : numpy.ndarray
        Texts × themes weights (NMF ``W``).
    components : numpy.ndarray
        Themes × words (NMF ``H``).
    threshold : float
        Cosine from which two themes are one.

    Returns
    -------
    tuple of numpy.ndarray
        The merged weights and components, merged themes in the place of the first.
    """
    norms = np.linalg.norm(components, axis=1)
    norms[norms == 0] = 1.0
    rows = list(components / norms[:, None])
    columns = list(weights.T)
    while len(rows) > 1:
        unit = np.vstack(rows)
        unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
        alike = unit @ unit.T
        np.fill_diagonal(alike, -1.0)
        a, b = np.unravel_index(int(np.argmax(alike)), alike.shape)
        if alike[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        rows[a], columns[a] = rows[a] + rows[b], np.maximum(columns[a], columns[b])
        del rows[b], columns[b]
    return np.vstack(columns).T, np.vstack(rows)


def _word_key(word: str, lang: str) -> str | None:
    """Return a surface word's family, None for a stop word or a word that judges."""
    folded, judging = fold(word), _evaluative(lang, NAME_VALENCE)
    if len(word) < 3 or folded in _stop_words() or folded in judging or folded in _NUMBERS:
        return None
    lemma = _lemma(word.lower(), lang)
    if len(lemma) < 3 or fold(lemma) in _stop_words() or fold(lemma) in judging:
        return None
    return family(lemma)


def find_themes(texts: Sequence[str], languages: Sequence[str], *, n_themes: int = 16,
                top_terms: int = 8, random_state: int = 0,
                merge: float = MERGE_SIMILARITY) -> Themes:
    """Find themes in texts with NMF over TF-IDF of their lemmas, and name them.

    Parameters
    ----------
    texts : sequence of str
        Customer texts.
    languages : sequence of str
        The language of each text (``fr`` or ``en``), for lemmatisation.
    n_themes : int
        Themes sought (fewer for small corpora: one per 25 texts at most); themes too
        alike are then merged, so fewer may be found.
    top_terms : int
        Terms kept to describe each theme.
    random_state : int
        Seed of the factorisation.
    merge : float
        Cosine of two themes' components from which they are merged (1 or more: never).

    Returns
    -------
    Themes
        The themes, largest first, and each text's theme.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    said: dict[str, Counter[str]] = {}
    docs = []
    private = [private_words(text or "", lang or "fr")
               for text, lang in zip(texts, languages, strict=True)]
    for text, lang, hide in zip(texts, languages, private, strict=True):
        words = lemmas(text or "", lang, hide=hide)
        for lemma in words:
            said.setdefault(family(lemma), Counter())[lemma] += 1
        docs.append(" ".join(family(w) for w in words))
    k = min(n_themes, len(docs) // 25)
    if k < 2:
        return _empty(len(docs))
    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
                                 ngram_range=(1, 1), min_df=max(3, len(docs) // 1000),
                                 max_df=0.4, sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no term frequent enough
        return _empty(len(docs))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
    with np.errstate(invalid="ignore"):  # NMF's loss of texts all alike: sqrt of −0
        fitted = model.fit_transform(matrix)
    weights, components = merge_similar(fitted, model.components_, threshold=merge)
    k = components.shape[0]
    vocab = vectorizer.get_feature_names_out()
    best = weights.argmax(axis=1)
    strength = weights.max(axis=1)
    size = np.bincount(best[strength > 1e-6], minlength=k)
    order = [o for o in np.argsort(-size, kind="stable") if size[o]]  # a theme no text is of
    rename = {int(old): f"T{new + 1}" for new, old in enumerate(order)}
    tops = [[int(j) for j in np.argsort(-components[old], kind="stable")[:top_terms]
             if components[old, j] >= 0.01 * components[old].max()] for old in order]
    terms = [[min(said[str(vocab[j])].items(), key=lambda x: (-x[1], x[0]))[0] for j in top]
             for top in tops]
    sampled = sorted({int(i) for old in order for i in _typical(best, strength, int(old))})
    safe = publishable(sorted(set(languages)), set().union(*(private[i] for i in sampled)))
    keywords = [" · ".join([w for w in _distinct(t) if safe(w) and safe(w.capitalize())][:3])
                for t in terms]
    names = _names(texts, languages, best, strength, order,
                   [{str(vocab[j]): float(components[old, j] / components[old, top[0]])
                     for j in top} for old, top in zip(order, tops, strict=True)],
                   [str(vocab[top[0]]) for top in tops], keywords, safe)
    themes = pl.DataFrame({"theme": [rename[int(o)] for o in order], "name": names,
                           "terms": terms, "keywords": keywords},
                          schema=_SCHEMA)
    assigned = pl.DataFrame({
        "theme": [rename[int(b)] if s > 1e-6 else None for b, s in zip(best, strength,
                                                                           strict=True)],
        "weight": strength.astype(float)}, schema={"theme": pl.String, "weight": pl.Float64})
    return Themes(themes, assigned)


def _typical(best: np.ndarray, strength: np.ndarray, theme: int) -> np.ndarray:
    """Return the indices of a theme's :data:`~naming.SAMPLE` most typical texts."""
    mine = np.flatnonzero((best == theme) & (strength > 1e-6))
    return mine[np.argsort(-strength[mine], kind="stable")[:SAMPLE]]


def _names(texts: Sequence[str], languages: Sequence[str], best: np.ndarray,
           strength: np.ndarray, order: np.ndarray, top: list[dict[str, float]],
           first: list[str], keywords: list[str], safe: Callable[[str], bool]) -> list[str]:
    """Return each theme's readable name (see :mod:`cxlib.analysis.feedback.naming`).

    ``first`` is each theme's strongest family; a theme whose texts yield no phrase is
    named by that word as its texts write it most, else by its ``keywords``.
    """
    samples = []
    for old in order:
        mine = _typical(best, strength, int(old))
        top_weight = float(strength[mine].max()) if len(mine) else 1.0
        samples.append([(texts[i] or "", languages[i], float(strength[i]) / top_weight)
                        for i in mine])
    fallback = []
    for sample, key, words in zip(samples, first, keywords, strict=True):
        forms: Counter[str] = Counter(
            w.lower() for text, lang, _ in sample for w in _WORD.findall(text)
            if _word_key(w, lang) == key)
        fallback.append([*sorted(forms, key=lambda f: (-forms[f], f))[:1], words])
    return phrase_names(samples, top, _word_key, fallback, safe=safe)


def _distinct(terms: Sequence[str]) -> list[str]:
    """Return terms without those already said by another (``livraison`` after the pair)."""
    out: list[str] = []
    for term in terms:
        words = set(term.split())
        if any(words <= set(t.split()) or set(t.split()) <= words for t in out):
            continue
        out.append(term)
    return out


def passage_words(passages: Mapping[str, Sequence[str]], lang: str) -> dict[str, dict[str, float]]:
    """Return the word families that point at each codebook theme in its coded passages.

    A family points at a theme when at least :data:`PASSAGE_MIN` of the theme's passages
    hold it and at least :data:`PASSAGE_SHARE` of all the passages holding it are coded with
    that theme: ``livraison`` in a few passages about delivery fees of *Prix et frais*, but
    in many more of other themes, points at none of them.

    Parameters
    ----------
    passages : mapping
        Codebook theme code -> its coded passages' texts (each passage once).
    lang : {"fr", "en"}
        Their language.

    Returns
    -------
    dict
        Code -> family -> share of the passages holding it that are coded with the theme.
    """
    holding: dict[str, Counter[str]] = {code: Counter() for code in passages}
    for code, texts in passages.items():
        for text in dict.fromkeys(texts):
            holding[code].update({family(w) for w in lemmas(text or "", lang)})
    total: Counter[str] = sum(holding.values(), Counter())
    return {code: {w: n / total[w] for w, n in counts.items()
                   if n >= PASSAGE_MIN and n / total[w] >= PASSAGE_SHARE}
            for code, counts in holding.items()}


def _label_words(vocabulary: Mapping[str, set[str]], lang: str) -> dict[str, set[str]]:
    """Return each code's label and description words as families, boilerplate left out.

    A family in the words of several codes (``thème``, ``abordé`` of a description
    template) names none of them.
    """
    stop = _stop_words()
    families = {code: {family(_lemma(w.lower(), lang)) for w in words
                       if fold(w) not in stop and len(w) >= 3}
                for code, words in vocabulary.items()}
    seen = Counter(f for words in families.values() for f in words)
    return {code: {f for f in words if seen[f] == 1} for code, words in families.items()}


def link_codebook(themes: pl.DataFrame, vocabulary: Mapping[str, set[str]],
                  labels: Mapping[str, str], *, lang: str,
                  passages: Mapping[str, Sequence[str]] | None = None) -> pl.DataFrame:
    """Link each theme to the codebook theme its strongest terms name, if any does.

    A theme's term supports a codebook theme when it is a word of the codebook theme's
    label or description, or a word pointing at it in its coded passages
    (:func:`passage_words`). A link needs real support: one of the theme's three strongest
    terms in the label or description, or two terms supporting it, one of them among the
    three strongest. A word merely present in a theme's passages (``livraison`` in those
    of *Prix et frais*, about delivery fees) is no support, and neither is one passage
    word alone (``screen``, in a passage of *Digital tools*). Among the codebook themes so
    supported, the one whose support weighs most wins: each supporting term counts by its
    rank (the first of eight 8, the last 1), times 2 for a label or description word,
    times the share of the passages holding it for a passage word; ties go to the code
    first in alphabetical order.

    Parameters
    ----------
    themes : polars.DataFrame
        From :func:`find_themes` (``theme``, ``terms``).
    vocabulary : mapping
        Codebook theme code -> the words of its label and description.
    labels : mapping
        Codebook theme code -> label.
    lang : {"fr", "en"}
        The language of the codebook, for lemmatising its words.
    passages : mapping, optional
        Codebook theme code -> the texts of the interview passages coded with it.

    Returns
    -------
    polars.DataFrame
        ``themes`` with ``code`` (null: not in the codebook), ``code_label`` and
        ``shared`` (the top terms that support the link).
    """
    named = _label_words(vocabulary, lang)
    pointed = passage_words(passages or {}, lang)
    codes, names, shared_terms = [], [], []
    for terms in themes["terms"].to_list():
        keys = [family(t) for t in terms]
        best: tuple[float, str, list[str]] | None = None
        for code in sorted(set(named) | set(pointed)):
            strong = [i for i, k in enumerate(keys) if k in named.get(code, ())]
            weak = [i for i, k in enumerate(keys)
                    if k in pointed.get(code, {}) and i not in strong]
            support = strong + weak
            if not (any(i < 3 for i in strong)
                    or (len(support) >= 2 and min(support) < 3)):
                continue
            score = sum(2 * (len(keys) - i) for i in strong) + sum(
                (len(keys) - i) * pointed[code][keys[i]] for i in weak)
            if best is None or score > best[0]:
                best = (score, code, [terms[i] for i in sorted(strong + weak)])
        codes.append(best[1] if best else None)
        names.append(labels.get(best[1], best[1]) if best else None)
        shared_terms.append(best[2] if best else [])
    return themes.with_columns(pl.Series("code", codes, dtype=pl.String),
                               pl.Series("code_label", names, dtype=pl.String),
                               pl.Series("shared", shared_terms, dtype=pl.List(pl.String)))
