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
  accents (``decu``) are read through; a word one typo away from a known one counts as it,
  and so do glued elisions (``jattend``) and hyphenated words (``qualité-prix``).

Customer texts add rules of their own, each a list in ``words.<lang>.yaml``:

- what a customer expects of a service (``réponse``, ``rappelé``, ``reply``, ``refund``),
  negated, is a complaint: ``aucune réponse``, ``nobody called``, ``received nothing``
  (a quarter as strong while only pending: ``pas encore reçu``, ``not yet``);
- a praise after a counterfactual is a regret (``ça aurait été bien``, ``would have been
  nice``, ``could be better``, ``paid for express delivery``), a trouble before or after a
  resolver a remedy (``réglé la panne``, ``problème résolu``, ``fixed the fault``);
- a negation reaches across auxiliaries and pronouns (``sans avoir eu à relancer``), not
  past a negator already read inside a set phrase (``won't hesitate to come back``);
  ``ne … que`` restricts and does not negate (``je ne peux que recommander``); ``peu``
  negates (``peu aimable``, not ``un peu lent``), and so do words of lack
  (``manque de réactivité``, ``lack of responsiveness``);
- a rating is the writer's verdict: ``1/5``, ``zéro étoile``, ``⭐⭐⭐⭐⭐``;
- ``can't`` before no rated word is a mild complaint (``can't log in``); set phrases are
  read through an intensifier (``ça vaut vraiment le coup``);
- a question asks more than it judges: its sum counts half; requests are not praise
  (``merci de me rappeler``, ``I would like``, ``please``);
- what a sentence says beside its words — irony, rhetorical questions, regret for the
  past, scare quotes, promises broken, concessions, wishes — is read by :mod:`._irony`,
  what a customer pays, waits and rates by :mod:`._amounts`, how a word reads in its place
  (``très patiente``, ``sans prévenir``, ``rapidement``, ``douceur``) by :mod:`._reading`.

The sum ``s`` becomes the rules' score ``s / √(s² + 15)`` in −1…1 (:func:`score_text`).
A text scoring at least :data:`THRESHOLD` is ``positive``, at most −:data:`THRESHOLD`
``negative``, else ``neutral``. Many customers only tell what happened, with no rated word
("commandé le 3, toujours rien"): :func:`sentiment` reads the rules' verdict beside a word
model learned from labelled texts (:mod:`cxlib.analysis.feedback.learned`), which decides
where the rules find nothing and overturns them where it is sure of the opposite.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache

import polars as pl

from cxlib.analysis.feedback import _amounts, _irony, _reading
from cxlib.analysis.feedback.language import detect_language
from cxlib.analysis.feedback.learned import Model, judge, model_for, readable
from cxlib.analysis.feedback.lexicon import EMOJI, LANGUAGES, Rules, fold, rules

__all__ = ["THRESHOLD", "detect_language", "score_text", "sentiment", "tokenize"]

#: Score from which a text is called positive (and down to which, negated, negative).
THRESHOLD = 0.15
_ALPHA = 15.0
_BATCH = 10_000  # texts read by the word model at once
_NEGATION = -0.74
_CAPS = 0.733
_BANG = 0.292
_QUESTION = 0.5
_ENQUIRY = 0.2
_UNMET = -2.0  # valence of an expected service negated: aucune réponse, nobody called
_UNABLE = -1.0  # valence of "can't", "unable" before no rated word
_KEPT = 1.5  # valence of an expected service always given: "always calls back"
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764\u2b50]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[!?.,;:…]|"
                    "[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764\u2b50]", re.UNICODE)
#: A word or three in quotation marks: scare quotes, read as a negator (``"free" install``).
_SCARE = re.compile(r'["“«]\s*((?:[^\W\d_]+[\s\'’-]?){1,3}?)\s*["”»]')
_SCARED = "scarequote"  # the word standing for an opening scare quote, a negator
_BREAK = frozenset("?.,;:…")
_END = frozenset("?.!…")
#: Words saying how a remedy came, not what it remedied: "remboursé au compte-gouttes".
_MANNER = {"fr": frozenset("au aux en avec a".split()),
           "en": frozenset("late slowly eventually partially partly with".split())}
_DETERMINERS = frozenset("the a an my our your their this la le les l un une des du ma mon mes "
                         "ta ton tes votre vos leur leurs ce cette ces".split())
_TURN = frozenset(("but", "mais"))  # a contrast ends a marker's reach
_JOIN = frozenset(("and", "et"))  # "didn't rush me and answered": the negation ends
_PURPOSE = frozenset(("get", "pour", "faire"))  # "to get it fixed": a remedy wanted
_COMPARED = frozenset(("than", "que", "qu"))  # "lower than expected" is no regret
#: Per language, prefixes that undo the state a participle names, and the participles' endings:
#: ``débloqué``, ``dépanné``, ``unblocked``.
_UNDOING = {"fr": (("des", "de"), ("e", "ee", "es", "ees")), "en": (("un",), ("ed",))}
#: Per language, a word whose elision lost its apostrophe (French ``jattend``).
_GLUED = {"fr": re.compile(r"^(j|l|m|n|t|s|d|qu)([aeiouyh]\w{3,})$")}
_ELISION = re.compile(r"^(?:[^\W\d_]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)
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
        elif _unglued(fold(raw), lang):
            head, tail = _unglued(fold(raw), lang)  # jattend: j'attend, a typo
            out += [(head, raw[:len(head)]), (tail, raw[len(head):])]
        else:
            out.append((fold(raw), raw))
    return out


@cache
def _unglued(word: str, lang: str) -> tuple[str, str] | None:
    """Return a word whose elision lost its apostrophe, cut in two (``jattend``)."""
    pattern = _GLUED.get(lang)
    glued = pattern.match(word) if pattern is not None else None
    if not glued:
        return None
    import simplemma

    if simplemma.is_known(word, lang=lang) or not simplemma.is_known(glued.group(2), lang=lang):
        return None
    return glued.group(1), glued.group(2)


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

    for form in _forms(word, lang):
        if form in lexicon:
            return lexicon[form]
    undone = _undoing(word, lang)
    if undone:
        return undone
    if simplemma.is_known(word, lang=lang):  # a word of its own, not a typo
        return 0.0
    return _unknown(word, lang, known)


def _undoing(word: str, lang: str) -> float:
    """Return the valence of a participle undoing a trouble (``débloqué``, ``unblocked``)."""
    prefixes, endings = _UNDOING.get(lang, ((), ()))
    for prefix in prefixes if word.endswith(endings) else ():
        if word.startswith(prefix) and len(word) - len(prefix) >= 5:
            base = _valence(word[len(prefix):], lang)
            if base < 0:
                return base * _NEGATION
    return 0.0


def _forms(word: str, lang: str) -> list[str]:
    """Return a word's lemma, then the adjectives it is an adverb of (``rapidement``)."""
    import simplemma

    bases = _reading.adverb_bases(word, lang)
    return [fold(simplemma.lemmatize(word, lang=lang)),
            *[f for b in bases for f in (b, fold(simplemma.lemmatize(b, lang=lang)))
              if rules(lang).words.get(f)]]


def _unknown(word: str, lang: str, known: Rules) -> float:
    """Return the valence of a word no dictionary knows: mistyped or hyphenated."""
    lexicon = known.words
    near = known.near(word)
    if near:
        return lexicon[near]
    if "-" in word:  # qualité-prix imbattable: the strongest of its parts
        return max((_valence(part, lang) for part in word.split("-") if part),
                   key=abs, default=0.0)
    return 0.0


@cache
def _emoji(char: str) -> float:
    if char in EMOJI:
        return EMOJI[char]
    from cxlib.analysis.feedback.lexicon import emoji_descriptions

    described = emoji_descriptions().get(char, "")
    words = rules("en").words
    return sum(words.get(fold(w), 0.0) for w in described.split()) / 2


def _negated(tokens: list[str], start: int, known: Rules,
             spent: frozenset[int] = frozenset()) -> bool:
    """Return whether a negator governs the unit starting at ``start``.

    A negator already read inside a set phrase (``spent``: ``won't hesitate``) ends the
    search; a litote (``peu aimable``, not ``un peu lent``) negates.
    """
    window: list[str] = []
    for at in range(start - 1, max(-1, start - 8), -1):
        tok = tokens[at]
        if (tok in _BREAK or tok in known.contrast or len(window) == 3 or at in spent
                or tok in _JOIN):
            break
        if tok in known.litotes and at == start - 1 and (
                at == 0 or (tokens[at - 1] not in known.boosters and tokens[at - 1] != "un")):
            return True
        if (tok not in known.light or tok in known.negators) and not (
                tok in _COMPARED and tokens[at - 1] in known.undoing):  # "sans que"
            window.append(tok)
    negators = [t for t in window
                if t in known.negators or t in known.privative or t.endswith("n't")]
    if negators and not (set(negators) <= {"ne", "n"} and ("que" in window or "qu" in window)):
        return True  # "ne ... que" restricts, it does not negate: "je ne peux que recommander"
    after = tokens[start + 1:start + 3]  # je ne recommande pas: "ne" before, "pas" after
    return bool(known.after_ne) and any(t in known.after_ne for t in after) and any(
        t in ("ne", "n") for t in tokens[max(0, start - 4):start])


def _preceded(tokens: list[str], start: int, markers: frozenset[tuple[str, ...]]) -> bool:
    """Return whether one of ``markers`` stands in the four tokens before ``start``.

    A marker after ``than`` / ``que`` compares and does not count: ``lower than expected``.
    """
    window: list[str] = []
    for tok in reversed(tokens[max(0, start - 4):start]):
        if tok in _BREAK or tok in _TURN:  # "fixed but the light came back"
            break
        window.insert(0, tok)
    if _irony.heads(markers).isdisjoint(window):
        return False
    first = start - len(window)
    return any(tuple(window[i:j]) in markers and (first + i == 0 or tokens[first + i - 1]
                                                  not in _COMPARED)
               for i in range(len(window)) for j in range(i + 1, len(window) + 1))


def _followed(tokens: list[str], end: int, known: Rules) -> bool:
    """Return whether a resolver follows a trouble (``problème a été résolu``).

    A remedy later in the sentence counts too, unless negated (``lost my phone and the
    team found it``, not ``nobody fixed it``).
    """
    window = [t for t in tokens[end:end + 4] if t not in known.light][:2]
    for tok in window:
        if tok in _BREAK:
            return False
        if (tok,) in known.resolvers:
            return True
    for at in range(end, len(tokens)):
        if tokens[at] in _END:
            return False
        if tokens[at] in known.remedies and not any(
                t in known.negators or t.endswith("n't") or t in _PURPOSE
                for t in tokens[max(0, at - 3):at]):
            return True  # not "to get it fixed", "pour le faire réparer": only wanted
    return False


def _units(tokens: list[str], known: Rules) -> list[tuple[int, int, float]]:
    """Return the scored units of a text: ``(start, end, valence)``, phrases first."""
    units, i, undoers, two = [], 0, known.undoers, _reading.table(known.lang)
    while i < len(tokens):
        found = _reading.phrase_at(tokens, i, known) if tokens[i] in known.starts else None
        left = None if found or tokens[i] not in undoers else _reading.undone(
            tokens, i, known, lambda w: _valence(w, known.lang))
        if left:
            units.append(left)
            i = left[1]
        elif found:
            units.append((i, found[0], found[1]))
            i = found[0]
        else:
            tok = tokens[i]
            is_word = tok not in _BREAK and (tok not in known.negators or tok in known.inability)
            if tok in known.boosters:  # "super" alone is a word, before another an intensifier
                following = tokens[i + 1] if i + 1 < len(tokens) else "."
                is_word = following in _BREAK or not _valence(following, known.lang)
            if is_word and tok not in known.contrast:
                valence = _valence(tok, known.lang)
                valence = _reading.reading(tokens, i, valence, known) if tok in two else valence
                if not valence and tok in known.inability and not any(
                        _valence(t, known.lang) for t in tokens[i + 1:i + 3]):
                    valence = _UNABLE  # can't log in
                if valence or tok in known.expected:
                    units.append((i, i + 1, valence))
            i += 1
    return units


def _manner(tokens: list[str], start: int, lang: str) -> bool:
    """Return whether the unit at ``start`` says how a remedy came (``refunded late``)."""
    before = tokens[start - 1] if start else "."
    return bool(_MANNER[lang] & {before, tokens[start]}) and before not in _DETERMINERS


def _contrast_at(tokens: list[str], known: Rules) -> int | None:
    found = None
    for i, tok in enumerate(tokens):
        pair = " ".join(tokens[i:i + 2])
        if tok in known.contrast or pair in known.contrast:
            found = i
    return found


def _unit_value(tokens: list[str], start: int, end: int, valence: float, known: Rules,
                spent: frozenset[int]) -> float:
    """Return a unit's valence in its context: boosted, negated, regretted or remedied."""
    own = any(t in known.negators or t in known.evens  # "pas mal" is negated
              for t in tokens[start:end])
    negated = (not own and not _EMOJI.fullmatch(tokens[start])
               and _negated(tokens, start, known, spent)
               and not _reading.superlative(tokens, start, known))  # "jamais aussi bien reçue"
    unmet = negated or any(t in known.after_negators for t in tokens[end:end + 2])
    expected = (unmet or not valence) and " ".join(tokens[start:end]) in known.expected
    missed = False
    if unmet and expected and known.needs.isdisjoint(
            tokens[max(0, start - 4):start]):  # "didn't need the repair" is no service missed
        # aucune réponse, nobody called; "pas encore reçu", "not yet" is only pending
        pending = any(t in ("encore", "yet") for t in tokens[max(0, start - 4):end + 3])
        valence, negated, missed = _UNMET / 4 if pending else _UNMET, False, True
    elif expected and not valence and not known.always.isdisjoint(
            tokens[max(0, start - 1):start] + tokens[end:end + 1]):
        valence = _KEPT  # "me rappelle toujours", "always calls back"
    if not valence:
        return 0.0
    if known.hypothetical and _preceded(tokens, start, known.hypothetical):
        return 0.0  # "savoir si ma carte fonctionne" asks, it does not say
    if valence < 0 and known.feared and _preceded(tokens, start, known.feared):
        return 0.0  # "je m'attendais à galérer", "I was dreading the paperwork"
    value = _reading.boost(tokens, start, end, valence, known)
    if negated and not (value < 0 and _SCARED in tokens[max(0, start - 4):start]):
        return value * _NEGATION  # scare quotes turn praise over, not blame: "rescheduled"
    if value > 0 and _preceded(tokens, start, known.counterfactual):
        return value * _NEGATION  # would have been nice, aurait été appréciable
    if value < 0 and not missed and ((_preceded(tokens, start, known.resolvers)
                                      and not _manner(tokens, start, known.lang))
                                     or _followed(tokens, end, known)):
        return value * _NEGATION  # fixed the fault, réglé la panne, problème résolu
    return value


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
    text, rated = _amounts.ratings(text or "")
    if '"' in text or "“" in text or "«" in text:  # "priority" support: scare quotes
        text = _SCARE.sub(rf" {_SCARED} \1 ", text)
    pairs = tokenize(text, lang)
    tokens = [folded for folded, _ in pairs]
    shouting = any(c.islower() for c in text or "")
    pivot = _contrast_at(tokens, known)
    claimed = _reading.claimed(tokens, pivot, known)
    units = _units(tokens, known)
    spent = frozenset(j for start, end, valence in units if end - start > 1 and valence >= 0
                      for j in range(start, end) if tokens[j] in known.negators
                      or tokens[j].endswith("n't"))
    valued = []
    for start, end, valence in units:
        value = _unit_value(tokens, start, end, valence, known, spent)
        written = pairs[start][1]
        if value and shouting and len(written) > 1 and written.isupper():
            value += math.copysign(_CAPS, value)
        if pivot is not None:  # a fear the contrast lifts: "I was dreading it, but…"
            value *= (1.5 if start > pivot else 0 if (tokens[start],) in known.feared
                      else _NEGATION if value > 0 and start >= claimed else 0.5)
        valued.append((start, end, value))
    values, own, reproach = _irony.context(tokens, valued, known)
    total = sum(values) + own + rated
    if total:
        total += math.copysign(min(tokens.count("!"), 4) * _BANG, total)
        if "?" in tokens and "!" not in tokens and not reproach:
            total *= _QUESTION  # a question asks more than it judges
            if _irony.enquiry(tokens, known):
                total *= _ENQUIRY  # "how do I report a broken light?" asks only
    return total / math.sqrt(total * total + _ALPHA)


def sentiment(texts: Sequence[str | None] | pl.Series, language: str | Sequence[str | None]
              | pl.Series | None = None, *, default: str = "fr",
              learned: bool | Model | Mapping[str, Model] = True) -> pl.DataFrame:
    """Return the sentiment of each text: a label and a score, one row per text, in order.

    Parameters
    ----------
    texts : sequence of str or polars.Series
        Customer texts; a missing text is neutral with score 0.
    language : {"fr", "en"}, sequence or polars.Series, optional
        The language of every text, or of each (a missing one is detected); detected per
        text when not given.
    default : {"fr", "en"}
        The language of texts that lean neither way or have no words (emoji only).
    learned : bool, Model or mapping, default True
        Read the rules' verdict beside the shipped word model
        (:func:`cxlib.analysis.feedback.learned.judge`); ``False`` reads the rules alone. A
        :class:`~cxlib.analysis.feedback.learned.Model` (trained with
        :func:`~cxlib.analysis.feedback.learned.train`), or a mapping of language to models,
        is used for the texts of its language, the shipped model for the others. Texts
        that answer nothing (``RAS``, ``N/A``, ``aucun commentaire``), texts without a
        letter and texts with no word the model knows keep the rules' verdict.

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
    if learned:
        for lang in sorted({lang for text, lang in zip(items, chosen, strict=True) if text}):
            trained = model_for(learned, lang)
            places = [i for i, text in enumerate(items)
                      if chosen[i] == lang and readable(text, lang)]
            for start in range(0, len(places), _BATCH):  # bounded memory on large corpora
                batch = places[start:start + _BATCH]
                read, known = trained.reads([items[i] for i in batch])
                for i, row, found in zip(batch, read, known, strict=True):
                    if found:  # a text with no word the model knows keeps the rules' verdict
                        labels[i], scores[i] = judge(scores[i], row, threshold=THRESHOLD)
    return pl.DataFrame({"language": chosen, "label": labels, "score": scores},
                        schema={"language": pl.String, "label": pl.String,
                                "score": pl.Float64})
