"""How a word is read in its place: by the words before it, and what a sentence leaves undone.

Rules applied while the units of a text are scored (:mod:`.sentiment`), each reading a list
of ``words.<lang>.yaml``:

- **a form with two readings** is read by the word before it: after a subject pronoun
  (``je``, ``on``, ``qui``, ``I``, ``we``: the ``subjects`` list, through ``ne``, object
  pronouns and adverbs: ``clitics``) it is a verb, after a determiner a noun where the
  language's ``readings`` give one, elsewhere — after an intensifier, a noun, a copula —
  an adjective. ``Vendeuse très patiente`` praises (``patient``), ``je patiente depuis
  trois semaines`` waits (``patienter``); ``sounds like a jet engine`` likes nothing,
  ``I like the app`` does; ``the patient`` and ``a fine`` are nouns. The French forms
  come from textblob-fr's adjectives whose lemma (``simplemma``) is a verb rated otherwise
  (``patiente``, ``organise``, ``plaisante``, ``sales``), plus the ``readings`` list.
- **what was left undone**: ``sans`` / ``without`` before a verb that judges nothing
  (``sans prévenir``, ``without anyone looking at it``) and ``même pas`` / ``not even``
  before one (``n'a même pas regardé``, ``didn't even look``) are a mild complaint;
  before a chore a customer is glad to be spared (``sans payer``, ``without waiting``,
  ``sans avoir besoin de``: the ``burdens`` list) a mild praise, and so is a rule bent
  for the customer (``même sans ticket``, ``even without a receipt``).
- **a claim reported**: a praise after ``il m'a dit que`` / ``said it was`` /
  ``supposedly`` (the ``claims`` list) in a text that then turns with ``mais`` / ``but``
  is what was claimed, not what happened (``said it was fixed but the light came back``).
- **intensifiers**: one of the three words before a unit adds to it (:func:`boost`); a set
  phrase is read through an intensifier inside it (``ça vaut vraiment le coup``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from cxlib.analysis.feedback.lexicon import _adjectives, find, fold

if TYPE_CHECKING:
    from collections.abc import Callable

    from cxlib.analysis.feedback.lexicon import Rules

#: Valence of something left undone (``sans prévenir``); its opposite for a chore spared.
_UNDONE = -1.0
#: Words that end a clause (an intensifier's reach), a sentence.
_BREAK = frozenset("?.,;:…")
_END = frozenset("?.…!")
#: Object pronouns: "sans me demander" leaves undone what "sans le demander" spares.
_ME = frozenset(("me", "m", "moi", "nous", "us"))
#: How many words after ``sans`` / ``without`` the verb left undone may stand.
_REACH = 3


def _french(known: Rules) -> dict[str, dict[str, float]]:
    """Return French forms that are an adjective and a verb rated otherwise (``patiente``)."""
    import simplemma

    from cxlib.analysis.feedback.lexicon import _textblob_fr

    adjectives, words, packaged, out = _adjectives(), known.words, _textblob_fr(), {}
    for form in adjectives:
        lemma = fold(simplemma.lemmatize(form, lang="fr"))
        if lemma == form or not lemma.endswith(("er", "ir", "re")) or lemma in adjectives:
            continue
        bases = [form] + [form[:-len(cut)] for cut in ("es", "e", "s") if form.endswith(cut)]
        adjective = next((words[b] for b in bases if b in words and b in adjectives), None)
        verb = words.get(lemma, 0.0)
        if form in words and words[form] != packaged.get(form) and not verb:
            continue  # rated by hand as it stands, its verb unrated: "conseille", "tenu"
        if adjective is not None and (adjective > 0) - (adjective < 0) != (verb > 0) - (verb < 0):
            out[form] = {"adjective": adjective, "verb": verb}
    return out


#: Per language, how to find the forms with two readings in its packaged lexicon.
_AUTOMATIC: dict[str, Callable[[Rules], dict[str, dict[str, float]]]] = {"fr": _french}


@cache
def _table(lang: str) -> dict[str, dict[str, float]]:
    from cxlib.analysis.feedback.lexicon import rules

    known = rules(lang)
    found = _AUTOMATIC[lang](known) if lang in _AUTOMATIC else {}
    for form, given in known.readings.items():
        found[form] = {**found.get(form, {}), **given}
    return found


def reading(tokens: list[str], at: int, valence: float, known: Rules) -> float:
    """Return the valence of the word at ``at`` in the reading its place gives it.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    at : int
        The word's index.
    valence : float
        Its valence out of context.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        As a verb after a subject pronoun or opening its sentence (its subject left out),
        as a noun after a determiner (when the form has a noun reading), else as an
        adjective; ``valence`` for a form with one reading.
    """
    entry = _table(known.lang).get(tokens[at])
    if entry is None:
        return valence
    back, subject = at - 1, False
    while back >= 0 and tokens[back] in known.clitics:
        subject = subject or tokens[back] in known.subjects  # "je vous conseille"
        back -= 1
    before = tokens[back] if back >= 0 else "."
    if subject or before in known.subjects or before in _END:  # subject left out: "Cancelled
        return entry.get("verb", entry.get("adjective", valence))  # my old broadband"
    if before in known.determiners and "noun" in entry:
        return entry["noun"]
    return entry.get("adjective", valence)


def undone(tokens: list[str], at: int, known: Rules,
           valence: Callable[[str], float]) -> tuple[int, int, float] | None:
    """Return ``(start, end, valence)`` of what ``sans`` / ``même pas`` leaves undone.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    at : int
        The index of ``sans`` / ``without``, of ``même`` / ``even``, or of ``besoin`` /
        ``need`` (``pas eu besoin de rappeler``, ``didn't need to call back``: spared).
    known : Rules
        The language's rules.
    valence : callable
        The valence of a folded word out of context.

    Returns
    -------
    tuple or None
        The unit's bounds and :data:`_UNDONE` when a verb that judges nothing follows
        (its opposite for a chore spared), or None.
    """
    tok, start = tokens[at], at
    if tok in known.needs:  # "pas besoin de rappeler", "no need to chase": only a chore
        start = next((j for j in range(at - 1, max(-1, at - 4), -1)
                      if tokens[j] in known.negators or tokens[j].endswith("n't")), -1)
        if start < 0:
            return None
    if tok in known.evens and tokens[at + 1:at + 2] and tokens[at + 1] in known.undoing:
        stop = next((j for j in range(at + 2, min(len(tokens), at + 2 + _REACH))
                     if tokens[j] not in known.light), None)  # "même sans ticket": a rule
        return (None if stop is None or tokens[stop] in _BREAK
                else (at, stop + 1, -_UNDONE))  # bent
    first = _after_even(tokens, at, known) if tok in known.evens else at + 1
    if first is None:
        return None
    for j in range(first, min(len(tokens), first + _REACH)):
        word = tokens[j]
        if word in _BREAK or word in _END:
            return None
        if word in known.through or word in known.light:
            continue
        if (word in known.burdens or word in known.needs) and _ME.isdisjoint(
                tokens[j - 1:j] + tokens[j + 1:j + 2]):  # not "without asking me"
            return start, j + 1, -_UNDONE * 0.74  # "sans payer", "without waiting": spared
        any_word = tok in known.evens and _VERBS_AFTER_EVEN.get(known.lang)
        if tok in known.needs or valence(word) or word in known.expected or not (
                any_word or _verb(word, known.lang)):
            return None
        return start, j + 1, _UNDONE
    return None


def _after_even(tokens: list[str], at: int, known: Rules) -> int | None:
    """Return where the verb after ``même pas`` / ``not even`` may start, or None."""
    if tokens[at + 1:at + 2] and tokens[at + 1] in known.negators:  # "même pas regardé"
        return at + 2
    if at and (tokens[at - 1] in known.negators or tokens[at - 1].endswith("n't")):
        return at + 1  # "didn't even look"
    return None


@cache
def _verb(word: str, lang: str) -> bool:
    """Return whether a folded word is a form of a verb (``prevenir``, ``looking``)."""
    return _VERBS[lang](word)


def _french_verb(word: str) -> bool:
    import simplemma

    return fold(simplemma.lemmatize(word, lang="fr")).endswith(("er", "ir", "re"))


def _english_verb(word: str) -> bool:
    return len(word) > 4 and word.endswith(("ing", "ed"))


#: Per language, how to tell a verb form (after ``sans`` / ``without``).
_VERBS: dict[str, Callable[[str], bool]] = {"fr": _french_verb, "en": _english_verb}
#: Per language, whether any word after ``not even`` is taken for a verb (English base
#: forms look like nouns: ``didn't even look``).
_VERBS_AFTER_EVEN = {"fr": False, "en": True}


def claimed(tokens: list[str], pivot: int | None, known: Rules) -> int:
    """Return where a claim reported before a contrast starts counting (``said it was``).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    pivot : int or None
        The index of its last contrast word (``mais``, ``but``), if any.
    known : Rules
        The language's rules.

    Returns
    -------
    int
        The index after the first claim in the sentence of the contrast, before it: praise
        from there to the contrast was only claimed (``len(tokens)`` when none).
    """
    if pivot is None or not known.claims:
        return len(tokens)
    first = max((j + 1 for j in range(pivot) if tokens[j] in _END), default=0)
    return min((e for s, e in find(tokens, known.claims, 0, pivot) if s >= first),
               default=len(tokens))


def boost(tokens: list[str], start: int, end: int, valence: float, known: Rules) -> float:
    """Return a unit's valence strengthened by the intensifiers before it (``très``).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    start, end : int
        The unit's first index and the index after it.
    valence : float
        Its valence.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        The valence, away from 0 by the intensifiers in the three words before it (towards
        0 by the dampeners) and by ``du tout`` / ``at all`` after it.
    """
    scalar = 0.0
    for distance, tok in enumerate(reversed(tokens[max(0, start - 3):start])):
        if tok in _BREAK:
            break
        if tok in known.boosters:
            scalar += known.boosters[tok] * (1.0, 0.95, 0.9)[distance]
    if tokens[end:end + 2] in (["du", "tout"], ["at", "all"]):
        scalar += 0.293
    return valence + scalar if valence > 0 else valence - scalar


def phrase_at(tokens: list[str], i: int, known: Rules) -> tuple[int, float] | None:
    """Return ``(end, valence)`` of the set phrase starting at ``i``, if any.

    An intensifier inside a phrase is read through: ``ça vaut vraiment le coup``.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    i : int
        Where the phrase would start.
    known : Rules
        The language's rules.

    Returns
    -------
    tuple or None
        The index after the phrase and its valence, or None.
    """
    sizes = _sizes(known.lang).get(tokens[i])
    if not sizes:
        return None
    for size in sizes:  # the lengths of the phrases opening with this word, longest first
        if size <= len(tokens) - i and tuple(tokens[i:i + size]) in known.phrases:
            return i + size, known.phrases[tuple(tokens[i:i + size])]
    longest = sizes[0]
    if known.boosters.keys().isdisjoint(tokens[i + 1:i + longest + 2]):
        return None  # no intensifier to read through
    kept = [i] + [j for j in range(i + 1, min(len(tokens), i + longest + 2))
                  if tokens[j] not in known.boosters]
    for size in range(min(longest, len(kept)), 1, -1):
        key = tuple(tokens[j] for j in kept[:size])
        if key in known.phrases and kept[size - 1] - i >= size:
            return kept[size - 1] + 1, known.phrases[key]
    return None


@cache
def _sizes(lang: str) -> dict[str, tuple[int, ...]]:
    """Return, per first word of a set phrase, the lengths of its phrases, longest first."""
    from cxlib.analysis.feedback.lexicon import rules

    out: dict[str, set[int]] = {}
    for phrase in rules(lang).phrases:
        out.setdefault(phrase[0], set()).add(len(phrase))
    return {head: tuple(sorted(found, reverse=True)) for head, found in out.items()}


@cache
def table(lang: str) -> frozenset[str]:
    """Return the forms of ``lang`` with two readings (see :func:`reading`).

    Parameters
    ----------
    lang : {"fr", "en"}
        The language.

    Returns
    -------
    frozenset of str
        The folded forms.
    """
    return frozenset(_table(lang))


def superlative(tokens: list[str], start: int, known: Rules) -> bool:
    """Return whether a negated unit is a superlative (``never been so well looked after``).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    start : int
        The unit's first index.
    known : Rules
        The language's rules.

    Returns
    -------
    bool
        Whether ``aussi`` / ``si`` / ``so`` / ``such`` stands in the three words before the
        unit, after ``jamais`` / ``never``.
    """
    return (not known.superlatives.isdisjoint(tokens[max(0, start - 3):start])
            and not known.nevers.isdisjoint(tokens[max(0, start - 5):start]))


#: Adverbs that frame or intensify rather than judge: not read through their adjective
#: (``seulement`` is not ``seul``, ``lately`` not ``late``, ``honestly`` not ``honest``).
_FRAMING = frozenset("""seulement vraiment simplement franchement justement evidemment apparemment
    actuellement directement completement totalement absolument egalement probablement
    finalement surement forcement largement enormement terriblement horriblement affreusement
    extremement incroyablement drolement serieusement clairement tellement vachement
    only lately hardly barely nearly fairly pretty highly really actually finally merely
    mostly shortly early honestly frankly seriously literally simply totally completely
    absolutely apparently obviously clearly surely certainly basically terribly awfully
    horribly incredibly insanely ridiculously extremely utterly cordialement uniquement
    personnellement generalement normalement habituellement recemment exactement
    sincerely usually normally generally recently personally currently exactly especially
    particularly""".split())


@lru_cache(maxsize=4096)
def adverb_bases(word: str, lang: str) -> tuple[str, ...]:
    """Return the adjectives a folded adverb may come from, most likely first.

    ``rapidement`` -> ``rapide``, ``gentiment`` -> ``gentil``, ``prudemment`` ->
    ``prudent``; ``quickly`` -> ``quick``, ``easily`` -> ``easy``, ``reasonably`` ->
    ``reasonable``. Adverbs that frame or intensify (``seulement``, ``lately``) have none.
    A noun of quality is read the same way: ``douceur`` -> ``douce``, ``patience`` ->
    ``patient``, ``disponibilité`` -> ``disponible``; ``rudeness`` -> ``rude``.

    Parameters
    ----------
    word : str
        A folded word.
    lang : {"fr", "en"}
        Its language.

    Returns
    -------
    tuple of str
        Candidate adjectives (to be looked up, or lemmatised then looked up).
    """
    if len(word) < 6 or word in _FRAMING:
        return ()
    rules_ = (_ADVERBS.get(lang), _NOUNS.get(lang))
    return tuple(base for rule in rules_ if rule for base in rule(word))


def _french_adverb(word: str) -> tuple[str, ...]:
    if not word.endswith("ment"):
        return ()
    stem = word[:-4]
    if stem.endswith(("em", "am")):  # prudemment, couramment
        stems: tuple[str, ...] = (stem[:-2] + ("ent" if stem[-2] == "e" else "ant"),)
    else:
        stems = (stem, stem + "l") if stem.endswith("i") else (stem,)
    return tuple(s for s in stems if s in _adjectives())  # only adjectives: not remboursement


def _english_adverb(word: str) -> tuple[str, ...]:
    if not word.endswith("ly"):
        return ()
    stem = word[:-2]
    if stem.endswith("i"):  # easily, happily
        return (stem[:-1] + "y",)
    if stem.endswith("ab") or stem.endswith("ib"):  # reasonably, sensibly
        return (stem + "le",)
    return (stem[:-2], stem) if stem.endswith("ical") else (stem,)


def _french_noun(word: str) -> tuple[str, ...]:
    if word in _NOT_NOUNS:
        return ()
    for suffix, ends in (("bilite", ("ble",)), ("ite", ("e", "")), ("ete", ("e",)),
                         ("eur", ("e", "")), ("esse", ("e", "")), ("ence", ("ent",)),
                         ("ance", ("ant",))):
        if word.endswith(suffix):
            stem = word[:-len(suffix)]
            return tuple(stem + end for end in ends if stem + end in _adjectives())
    return ()


def _english_noun(word: str) -> tuple[str, ...]:
    if word in _NOT_NOUNS:
        return ()
    for suffix, ends in (("iness", ("y",)), ("ness", ("",)), ("bility", ("ble",)),
                         ("ity", ("e", "")), ("ence", ("ent",)), ("ance", ("ant",))):
        if word.endswith(suffix):
            return tuple(word[:-len(suffix)] + end for end in ends)
    return ()


#: Words that look like a noun of quality and are not one (``business`` is not ``busy``), or
#: name a thing rather than a quality (``programme de fidélité``, ``any responsibility``).
_NOT_NOUNS = frozenset(("business", "witness", "harness", "security", "activity", "community",
                        "opportunity", "experience", "difference", "balance", "responsibility",
                        "loyalty", "fidelite", "securite", "responsabilite", "priorite",
                        "liberte", "electricite", "societe", "identite", "majorite"))

#: How each language makes a noun of quality of an adjective, read backwards.
_NOUNS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "fr": _french_noun, "en": _english_noun}

#: How each language makes an adverb of an adjective, read backwards.
_ADVERBS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "fr": _french_adverb, "en": _english_adverb}
