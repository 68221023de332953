"""A word model learned from labelled customer texts, read beside the sentiment rules.

The rules of :mod:`cxlib.analysis.feedback.sentiment` read judging words well, but many
customers only tell what happened ("commandé le 3, toujours rien", "came on Saturday and
fixed it in 20 minutes"): no word of theirs is rated, and the rules call the text neutral.
A model that has read many such texts learns which plain words lean one way (``encore``,
``still``, ``waiting``; ``même``, ``enfin``, ``even``, ``minutes``).

The model is a logistic regression (scikit-learn) over two blocks of TF-IDF, each of unit
length: words and word pairs, a word after a negator marked as negated (``NOT_recu``) until
the next punctuation mark; and the 3- to 5-letter sequences of the folded words, which read
through typos. It is trained on the ``tune`` and ``learn`` parts of the labelled corpus
(``tests/analysis/data/sentiment``, see its README: ``learn`` was written by writers who
never saw the rules) and on nothing else; the weights ship beside this module as
``model.<lang>.json.gz`` and are read at run time with NumPy and SciPy, without
scikit-learn. ``make sentiment-model`` trains them again (:func:`write_models`); a test
checks that the shipped weights are what the corpus gives.

:func:`judge` reads the two together: the rules' verdict stands unless the model is sure
of the opposite; where the rules find nothing to judge, the model decides. On texts by
writers who never saw either (the corpus's ``independent`` part), accuracy on positive
and negative texts is 0.91 in French and in English, against 0.76 and 0.71 for the rules
alone.

A consultant with labelled texts of a client can train a model of their own with
:func:`train` and pass it to :func:`cxlib.feedback.sentiment`.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np

from cxlib.analysis.feedback.lexicon import LANGUAGES, fold

__all__ = ["CLASSES", "OVERRIDE", "TRAINING_PARTS", "Model", "characters", "features", "judge",
           "model", "model_for", "readable", "train", "training_texts", "write_models"]

#: The labels a model tells apart, in the order of its weights.
CLASSES = ("negative", "neutral", "positive")
#: Words after which the next words, up to a punctuation mark, read as negated.
_NEGATORS = {"fr": frozenset("pas ne n jamais plus sans aucun aucune rien personne".split()),
             "en": frozenset("not no never without nothing nobody none".split())}
_STOPS = frozenset("?.,;:…!")
_LETTER = re.compile(r"[^\W\d_]")
_C = 8.0  # inverse regularisation strength of the logistic regression
#: The probability of the opposite label from which the model overturns the rules' verdict.
OVERRIDE = 0.8
_MIN_DF = 2  # a term must appear in two training texts


def features(text: str, lang: str) -> list[str]:
    """Return the terms the model reads in a text: words and word pairs, negation marked.

    Parameters
    ----------
    text : str
        A customer text.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    list of str
        The folded words (a word after a negator prefixed ``NOT_`` until the next
        punctuation mark), then each pair of neighbouring words joined by a space.

    Examples
    --------
    >>> features("Pas reçu, merci", "fr")
    ['pas', 'NOT_recu', ',', 'merci', 'pas NOT_recu', 'NOT_recu ,', ', merci']
    """
    from cxlib.analysis.feedback.sentiment import tokenize

    negators = _NEGATORS[lang]
    words: list[str] = []
    negated = False
    for token, _ in tokenize(text or "", lang):
        if token in _STOPS:
            negated = False
            words.append(token)
            continue
        words.append("NOT_" + token if negated else token)
        if token in negators or token.endswith("n't"):
            negated = True
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def characters(text: str) -> list[str]:
    """Return the letter sequences the model reads in a text: 3 to 5 letters, ``#`` first.

    Each folded word is padded with a space on both sides, so that beginnings and endings
    count (``" dec"``, ``"ecu "``); a misspelt word shares most of its sequences with the
    right one (``recomande``, ``recommande``).

    Parameters
    ----------
    text : str
        A customer text.

    Returns
    -------
    list of str
        Every sequence of 3, 4 and 5 characters of every padded word, ``#`` first (a
        padded word shorter than that once per length, whole).

    Examples
    --------
    >>> characters("Déçu")
    ['# de', '#dec', '#ecu', '#cu ', '# dec', '#decu', '#ecu ', '# decu', '#decu ']
    """
    out = []
    for word in fold(text or "").split():
        padded = f" {word} "
        for n in (3, 4, 5):
            out += ["#" + padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    return out


@dataclass(frozen=True)
class Model:
    """A trained word model: per term its IDF and one weight per class, and the intercepts.

    Attributes
    ----------
    lang : str
        The language of the texts it was trained on.
    terms : dict
        Term -> ``(idf, weight of negative, of neutral, of positive)``.
    intercept : tuple of float
        One intercept per class of :data:`CLASSES`.
    trained_on : int
        The number of labelled texts it learned from.
    """

    lang: str
    terms: dict[str, tuple[float, float, float, float]]
    intercept: tuple[float, float, float]
    trained_on: int

    @cached_property
    def _arrays(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """The terms' places, their IDF, their weights (one column per class), word or not."""
        index = {term: i for i, term in enumerate(self.terms)}
        rows = np.array(list(self.terms.values()), dtype=np.float64).reshape(-1, 4)
        words = np.array([not t.startswith("#") for t in self.terms], dtype=bool)
        return index, rows[:, 0], rows[:, 1:], words

    def probabilities(self, texts: Sequence[str | None]) -> np.ndarray:
        """Return the probability of each class of :data:`CLASSES` for each text.

        Parameters
        ----------
        texts : sequence of str
            Customer texts of the model's language.

        Returns
        -------
        numpy.ndarray
            One row per text, one column per class of :data:`CLASSES`; each row sums to 1.
            A text with no term the model knows gets the classes' prior odds.
        """
        return self.reads(texts)[0]

    def reads(self, texts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
        """Return :meth:`probabilities` and whether each text holds a term the model knows."""
        from scipy.sparse import csr_matrix

        index, idf, weights, words = self._arrays
        rows, cols = [], []
        for i, text in enumerate(texts):
            found = [index[t] for t in (*features(text or "", self.lang),
                                        *characters(text or "")) if t in index]
            rows += [i] * len(found)
            cols += found
        counts = csr_matrix((np.ones(len(cols)), (rows, cols)),
                            shape=(len(texts), len(index)))
        counts.sum_duplicates()  # how often each term appears in each text
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        logits = np.tile(np.asarray(self.intercept), (len(texts), 1))
        for block in (words, ~words):  # each block of unit length, as scikit-learn's TF-IDF
            part = counts.multiply(block[np.newaxis, :]).tocsr()
            norms = np.sqrt(np.asarray(part.multiply(part).sum(axis=1))).ravel()
            logits += (part @ weights) / np.where(norms > 0, norms, 1.0)[:, np.newaxis]
        logits -= logits.max(axis=1, keepdims=True)
        exps = np.exp(logits)
        known = np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(texts)) > 0
        return exps / exps.sum(axis=1, keepdims=True), known

    def to_dict(self) -> dict:
        """Return the model as plain data, the form of ``model.<lang>.json.gz``.

        Terms come sorted, each with its row ``[idf, weight of negative, of neutral, of
        positive]`` at the same place in ``rows``, to four decimals.
        """
        terms = sorted(self.terms)
        return {"lang": self.lang, "classes": list(CLASSES), "trained_on": self.trained_on,
                "intercept": [round(v, 4) for v in self.intercept], "terms": terms,
                "rows": [[round(v, 4) for v in self.terms[t]] for t in terms]}

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        """Return the model of :meth:`to_dict`'s plain data."""
        if tuple(data.get("classes", CLASSES)) != CLASSES:
            raise ValueError(f"a model of the classes {data['classes']} found: "
                             f"{', '.join(CLASSES)} is expected, in that order")
        return cls(lang=data["lang"], intercept=tuple(data["intercept"]),
                   trained_on=int(data["trained_on"]),
                   terms=dict(zip(data["terms"], map(tuple, data["rows"]), strict=True)))


def train(texts: Sequence[str], labels: Sequence[str], *, lang: str) -> Model:
    """Train a word model on labelled texts of one language.

    Parameters
    ----------
    texts : sequence of str
        Customer texts.
    labels : sequence of str
        Their labels, each one of :data:`CLASSES`, in the order of ``texts``.
    lang : {"fr", "en"}
        Their language.

    Returns
    -------
    Model
        The trained model; its :meth:`Model.to_dict` is what ``model.<lang>.json.gz`` holds.

    Raises
    ------
    ValueError
        When the language is not one the workbench reads, texts and labels differ in
        number, or the labels are not every one of :data:`CLASSES` and only those.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} cannot be learned: "
                         f"{' or '.join(LANGUAGES)} is expected")
    texts, labels = list(texts), list(labels)
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels: one label per text "
                         "is expected")
    unknown = sorted(set(labels) - set(CLASSES))
    if unknown or set(labels) != set(CLASSES):
        raise ValueError(f"labels {unknown or sorted(set(labels))} found: every one of "
                         f"{', '.join(CLASSES)} is expected, and only those")
    from scipy.sparse import hstack

    blocks = [TfidfVectorizer(analyzer=lambda text: features(text, lang), min_df=_MIN_DF,
                              sublinear_tf=True),
              TfidfVectorizer(analyzer=characters, min_df=_MIN_DF, sublinear_tf=True)]
    matrix = hstack([block.fit_transform(texts) for block in blocks]).tocsr()
    fitted = LogisticRegression(C=_C, max_iter=5000).fit(matrix, labels)
    order = [list(fitted.classes_).index(c) for c in CLASSES]
    coef = fitted.coef_[order]
    terms, offset = {}, 0
    for block in blocks:
        for term, i in block.vocabulary_.items():
            terms[term] = (float(block.idf_[i]), *(float(coef[k, offset + i]) for k in range(3)))
        offset += len(block.vocabulary_)
    return Model(lang=lang, terms=terms, trained_on=len(texts),
                 intercept=tuple(float(fitted.intercept_[k]) for k in order))


def judge(score: float, probabilities: Sequence[float], *, threshold: float) -> tuple[str, float]:
    """Return the label and score of a text from the rules' score and a word model's reading.

    Where the rules call the text positive or negative, their verdict stands unless the
    model gives the opposite label a probability of at least :data:`OVERRIDE`. Where the
    rules find nothing to judge, the model's likeliest label is taken.

    Parameters
    ----------
    score : float
        The rules' score of the text (:func:`cxlib.analysis.feedback.sentiment.score_text`).
    probabilities : sequence of float
        The probability of each class of :data:`CLASSES` a word model gives the text
        (a row of :meth:`Model.probabilities`).
    threshold : float
        The score from which the rules call a text positive (and down to which, negated,
        negative).

    Returns
    -------
    tuple
        The label, then the score: the rules' score where their verdict stands (or where
        both find the text neutral), else the model's lean (probability of positive minus
        that of negative) brought within the label's range (at least ``threshold`` for
        positive, under it in size for neutral).
    """
    negative, neutral, positive = (float(p) for p in probabilities)
    lean = positive - negative
    if abs(score) >= threshold:
        opposite = negative if score > 0 else positive
        if opposite < OVERRIDE:
            return ("positive" if score > 0 else "negative"), score
        label = "negative" if score > 0 else "positive"
    elif negative == positive:  # leaning neither way
        label = "neutral"
    else:  # the likeliest label, neutral on a tie
        label = CLASSES[max((1, 0, 2), key=(negative, neutral, positive).__getitem__)]
    if label == "neutral":
        return label, score if abs(score) < threshold else max(
            -threshold * 0.99, min(threshold * 0.99, lean))
    return label, max(threshold, lean) if label == "positive" else min(-threshold, lean)


def model_for(learned: bool | Model | Mapping[str, Model], lang: str) -> Model:
    """Return the model a text of ``lang`` is read with: the caller's, else the shipped one.

    Parameters
    ----------
    learned : bool, Model or mapping
        ``True``, a model, or a mapping of language to models (see
        :func:`cxlib.feedback.sentiment`).
    lang : {"fr", "en"}
        The text's language.

    Returns
    -------
    Model
        The caller's model of that language, else the shipped one.
    """
    if isinstance(learned, Model):
        return learned if learned.lang == lang else model(lang)
    if isinstance(learned, Mapping):
        return learned.get(lang) or model(lang)
    return model(lang)


@cache
def _non_answers(lang: str) -> frozenset[tuple[str, ...]]:
    from cxlib.analysis.feedback.lexicon import rules

    return frozenset(tuple(t for t in seq if t not in _STOPS) for seq in rules(lang).non_answers)


def readable(text: str | None, lang: str) -> bool:
    """Return whether a word model may read a text: it has letters and answers something.

    Parameters
    ----------
    text : str or None
        A customer text.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    bool
        ``False`` for a missing text, a text without a letter (``...``, ``👍``) and a text
        that answers nothing (``non_answers`` of ``words.<lang>.yaml``: ``RAS``, ``N/A``).

    Examples
    --------
    >>> readable("Aucun commentaire.", "fr"), readable("Colis jamais reçu", "fr")
    (False, True)
    """
    from cxlib.analysis.feedback.sentiment import tokenize

    if not text or not _LETTER.search(text):
        return False
    return tuple(t for t, _ in tokenize(text, lang) if t not in _STOPS) not in _non_answers(lang)


def _path(lang: str) -> Path:
    return Path(__file__).with_name(f"model.{lang}.json.gz")


@cache
def model(lang: str) -> Model:
    """Return the shipped word model of a language (``fr`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} has no sentiment model: "
                         f"{' or '.join(LANGUAGES)} is expected")
    return Model.from_dict(json.loads(gzip.decompress(_path(lang).read_bytes())))


#: The parts of the labelled corpus a shipped model learns from (the others are held apart).
TRAINING_PARTS = ("tune", "learn")


def training_texts(corpus: Path, lang: str) -> tuple[list[str], list[str]]:
    """Return the texts and labels a shipped model learns from: the corpus's training parts.

    Parameters
    ----------
    corpus : pathlib.Path
        The folder of the labelled corpus, one ``<lang>_<part>.tsv`` file per part, one
        ``label<TAB>text`` line per text.
    lang : {"fr", "en"}
        The language.

    Returns
    -------
    tuple of list
        The texts, then their labels, part after part of :data:`TRAINING_PARTS`.
    """
    texts: list[str] = []
    labels: list[str] = []
    for part in TRAINING_PARTS:
        for line in (corpus / f"{lang}_{part}.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip():
                label, text = line.split("\t", 1)
                labels.append(label)
                texts.append(text)
    return texts, labels


def write_models(corpus: Path) -> list[Path]:
    """Train each language's model on the corpus's training parts and write its weights.

    Parameters
    ----------
    corpus : pathlib.Path
        The folder of the labelled corpus (``tests/analysis/data/sentiment``).

    Returns
    -------
    list of pathlib.Path
        The ``model.<lang>.json.gz`` files written beside this module.
    """
    written = []
    for lang in LANGUAGES:
        trained = train(*training_texts(corpus, lang), lang=lang)
        data = json.dumps(trained.to_dict(), ensure_ascii=False, separators=(",", ":"))
        _path(lang).write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))
        model.cache_clear()
        written.append(_path(lang))
    return written
