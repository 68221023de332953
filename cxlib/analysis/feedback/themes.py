"""Themes found in what customers write, named by their words and linked to the codebook.

The texts are lemmatised (``simplemma``: ``livrées`` -> ``livrer``), stop words of both
languages removed (the ``stop-words`` package's maintained lists, plus words under three
letters), and so are the words that judge rather than name (``inadmissible``, ``parfait``:
their sentiment is measured apart, and they would otherwise pull every angry text into one
theme); what is left is weighted by TF-IDF. Non-negative matrix
factorisation (scikit-learn's ``NMF``, ``nndsvda`` start, fixed ``random_state``: the same
texts always give the same themes) finds themes as groups of words that occur together;
each text goes to its strongest theme, or to none when no theme weighs on it.

A theme is named by its top terms and linked to the codebook theme whose vocabulary it
shares most — the codebook's label and description, and the words that set its coded
interview passages apart (:func:`cxlib.analysis.verbatims.theme_vocabulary`). A theme
sharing neither its strongest term nor two of its top words with any is **not in the
codebook**: what customers write
about that the interviews never raised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import polars as pl

from cxlib.analysis.feedback.lexicon import fold

__all__ = ["Themes", "find_themes", "lemmas", "link_codebook"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_EXTRA_STOP = ("très trop bien fait faire avoir être plus tout tous toute rien encore déjà "
               "merci bonjour vraiment jamais toujours aussi ça cela chez fois "
               "vouloir pouvoir devoir falloir aller mettre prendre dire savoir voir donner "
               "really very just also still even get got would could thank thanks hello "
               "want need make take say go know see give think thinking thing things "
               "client clients cliente clientes customer customers chose choses truc "
               # days and months date a text, they do not say what it is about
               "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars "
               "avril mai juin juillet août septembre octobre novembre décembre monday "
               "tuesday wednesday thursday friday saturday sunday january february march "
               "april may june july august september october november december "
               "franchement honnêtement seriously honestly "
               # nor do spans of time (how long is said by the theme's other words)
               "jour semaine mois année journée day week month year time")


@cache
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    words = {*get_stop_words("fr"), *get_stop_words("en"), *_EXTRA_STOP.split()}
    return frozenset(fold(w) for w in words)


@cache
def _lemma(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


def lemmas(text: str, lang: str) -> list[str]:
    """Return the content words of a text as lemmas, stop words removed.

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.

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
        if len(word) < 3 or fold(word) in stop or fold(word) in strong:
            continue
        lemma = _lemma(word, lang)
        if len(lemma) >= 3 and fold(lemma) not in stop and fold(lemma) not in strong:
            out.append(lemma)
    return out


@cache
def _evaluative(lang: str) -> frozenset[str]:
    """Return the words that judge rather than name (|valence| ≥ 2): sentiment, not theme."""
    from cxlib.analysis.feedback.lexicon import rules

    return frozenset(w for w, v in rules(lang).words.items() if abs(v) >= 2.0)


@dataclass(frozen=True)
class Themes:
    """Themes found in a set of texts.

    Attributes
    ----------
    themes : polars.DataFrame
        ``theme`` (``T1``…, largest first), ``terms`` (top terms, strongest first) and
        ``name`` (the first three, joined by `` · ``).
    assigned : polars.DataFrame
        One row per text, in order: ``theme`` (null when none weighs on it) and
        ``weight`` (the text's weight on it).
    """

    themes: pl.DataFrame
    assigned: pl.DataFrame


def _empty(n: int) -> Themes:
    return Themes(pl.DataFrame(schema={"theme": pl.String, "terms": pl.List(pl.String),
                                       "name": pl.String}),
                  pl.DataFrame({"theme": [None] * n, "weight": [0.0] * n},
                               schema={"theme": pl.String, "weight": pl.Float64}))


def find_themes(texts: Sequence[str], languages: Sequence[str], *, n_themes: int = 16,
                top_terms: int = 8, random_state: int = 0) -> Themes:
    """Find themes in texts with NMF over TF-IDF of their lemmas.

    Parameters
    ----------
    texts : sequence of str
        Customer texts.
    languages : sequence of str
        The language of each text (``fr`` or ``en``), for lemmatisation.
    n_themes : int
        Themes sought (fewer for small corpora: one per 25 texts at most).
    top_terms : int
        Terms kept to describe each theme.
    random_state : int
        Seed of the factorisation.

    Returns
    -------
    Themes
        The themes, largest first, and each text's theme.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(lemmas(t or "", lang)) for t, lang in zip(texts, languages, strict=True)]
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
    weights = model.fit_transform(matrix)
    vocab = vectorizer.get_feature_names_out()
    best = weights.argmax(axis=1)
    strength = weights.max(axis=1)
    size = np.bincount(best[strength > 1e-6], minlength=k)
    order = np.argsort(-size, kind="stable")
    rename = {int(old): f"T{new + 1}" for new, old in enumerate(order)}
    terms = [[str(vocab[j]) for j in np.argsort(-model.components_[old])[:top_terms]]
             for old in order]
    themes = pl.DataFrame({"theme": [rename[int(o)] for o in order], "terms": terms,
                           "name": [" · ".join(_distinct(t)[:3]) for t in terms]},
                          schema={"theme": pl.String, "terms": pl.List(pl.String),
                                  "name": pl.String})
    assigned = pl.DataFrame({
        "theme": [rename[int(b)] if s > 1e-6 else None for b, s in zip(best, strength,
                                                                           strict=True)],
        "weight": strength.astype(float)}, schema={"theme": pl.String, "weight": pl.Float64})
    return Themes(themes, assigned)


def _distinct(terms: Sequence[str]) -> list[str]:
    """Return terms without those already said by another (``livraison`` after the pair)."""
    out: list[str] = []
    for term in terms:
        words = set(term.split())
        if any(words <= set(t.split()) or set(t.split()) <= words for t in out):
            continue
        out.append(term)
    return out


def link_codebook(themes: pl.DataFrame, vocabulary: Mapping[str, set[str]],
                  labels: Mapping[str, str], *, lang: str) -> pl.DataFrame:
    """Link each theme to the codebook theme whose vocabulary its top terms share most.

    A link needs the theme's first term, or two shared terms one of which is among the
    three that name the theme.

    Parameters
    ----------
    themes : polars.DataFrame
        From :func:`find_themes` (``theme``, ``terms``).
    vocabulary : mapping
        Codebook theme code -> words (from its label, description and coded passages).
    labels : mapping
        Codebook theme code -> label.
    lang : {"fr", "en"}
        The language of the codebook, for lemmatising its words.

    Returns
    -------
    polars.DataFrame
        ``themes`` with ``code`` (null: not in the codebook), ``code_label`` and
        ``shared`` (the top terms it shares).
    """
    stop = _stop_words()
    vocab = {code: ({fold(_lemma(w, lang)) for w in words} | {fold(w) for w in words}) - stop
             for code, words in vocabulary.items()}
    codes, names, shared_terms = [], [], []
    for terms in themes["terms"].to_list():
        words = [fold(w) for t in terms for w in t.split()]
        scored = sorted(((sum(len(words) - i for i, w in enumerate(words) if w in v), code)
                         for code, v in vocab.items()), key=lambda x: (-x[0], x[1]))
        code = scored[0][1] if scored else None
        common = {w for w in words if code is not None and w in vocab[code]}
        # the theme's first word, or two of its words one of which names it (top three):
        # words far down a theme's list are not what it is about
        match = code is not None and (words[0] in common or (
            len(common) >= 2 and any(w in common for w in words[:3])))
        codes.append(code if match else None)
        names.append(labels.get(code, code) if match else None)
        shared_terms.append(sorted({t for t in terms if any(fold(w) in vocab[code]
                                                            for w in t.split())})
                            if match else [])
    return themes.with_columns(pl.Series("code", codes, dtype=pl.String),
                               pl.Series("code_label", names, dtype=pl.String),
                               pl.Series("shared", shared_terms, dtype=pl.List(pl.String)))
