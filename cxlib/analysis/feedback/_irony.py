"""What a sentence says beside its words: irony, rhetorical questions, regret for the past.

Rules applied once every unit of a text has its value (:mod:`.sentiment`), each reading a
list of ``words.<lang>.yaml``:

- **irony**: a praise that usually opens or closes a complaint (``super``, ``génial``,
  ``merci``, ``bravo``, ``great``, ``thanks``, ``well done``: the ``ironic`` list) is
  turned over when it stands as an interjection — the first words of its sentence, or a
  sentence of its own — and the rest of the text is a complaint (``super, encore un
  retard``, ``Kept on hold, then cut off. Amazing service.``, ``lost it twice 👏``). An
  eye-roll or an upside-down face (``🙄 🙃 😒``) turns over every praise of its text. In a
  text with ``mais`` / ``but`` praise is sincere: the contrast weighs it against the blame.
- **rhetorical questions**: a question built as a reproach (``c'est trop demander``,
  ``à quoi sert``, ``what's the point``, ``how hard is it``) is a complaint, not a
  question: its valence counts and the question's damping does not apply.
- **enquiries**: a question opening with ``comment``, ``puis-je``, ``how do I``, ``is
  there`` asks for information: its words count a quarter (``how do I report a broken
  light?``).
- **a promise broken**: a delay or a result announced (``annoncé sous 5 jours``, ``promised
  in an hour``) followed, in a later clause, by the time gone since (``ça fait 7 semaines``,
  ``it's been 3 days``) is a complaint.
- **a verdict after a quality**: ``Pas cher, oui. Fiable, non.`` — a quality followed by
  ``, non`` / ``, no`` closing its sentence is denied.
- **exasperation**: ``??`` asks nothing; it reproaches.
- **the occasion of a praise**: a trouble in the five words after ``après`` / ``suite à`` /
  ``after`` counts half when the text praises what followed (``after the fraud scare, the
  team were brilliant``).
- **what never came**: praise of a thing just before an expected service negated is not
  had (``welcome bonus never paid``).
- **a wish**: praise after ``si seulement`` / ``if only`` / ``I wish`` is what is missing.
- **a concession**: what the clause after ``même si``, ``malgré``, ``although``,
  ``despite`` grants counts half: the rest of the sentence says what matters.
- **regret for the past**: a praise after ``avant`` / ``l'ancienne`` / ``used to`` /
  ``the old`` in its clause, or before ``que celle-ci`` / ``than this one``, is a
  regret (``l'ancienne appli était plus pratique``); a past set against a present
  (``avant on avait un conseiller, maintenant…``) with no praise of the present is a
  complaint.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from cxlib.analysis.feedback import _amounts
from cxlib.analysis.feedback.lexicon import find, sequence_heads

if TYPE_CHECKING:
    from cxlib.analysis.feedback.lexicon import Rules

#: Emoji that say the words around them mean the opposite.
IRONY_EMOJI = frozenset("🙄🙃😒🤡")
#: Words that end a sentence.
_END = frozenset("!?.…")
#: How a French question inverts its subject: "est-il payant ?", "peut-on".
_INVERTED = ("-il", "-elle", "-ils", "-elles", "-on")
#: Words that end a clause.
_CLAUSE = frozenset("!?.…,;:")
#: The sum from which the rest of a text is a complaint strong enough to make a praise
#: closing it ironic (``..., great job everyone``).
_STRONG = -2.5
#: How many words after ``après`` / ``after`` the occasion of a praise reaches.
_REACH = 5
#: Valence of a doubled question mark: exasperation.
_EXASPERATED = -1.0
#: Words that, closing a sentence after a quality, deny it: "Fiable, non."
_DENIAL = frozenset(("no", "non", "nope", "nah"))
#: Valence of a promise broken: "annoncé sous 5 jours, ça fait 7 semaines".
_BROKEN = -2.0
#: Words after which ``avant`` compares the present favourably: ``mieux qu'avant``.
_COMPARED = frozenset(("qu", "que", "than"))
#: What a unit granted by a concession counts: "even though I paid on time".
_GRANTED = 0.5
#: Valence of a past set against a present: "avant on avait..., maintenant...".
_FORMERLY = -1.5


def _sentences(tokens: list[str], ends: frozenset[str] = _END) -> list[int]:
    """Return, per token, the index of the first token of its sentence (or clause)."""
    out, first = [], 0
    for at, tok in enumerate(tokens):
        out.append(first)
        if tok in ends:
            first = at + 1
    return out


@cache
def heads(sequences: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """Return the first words of ``sequences``: none of them in a text, none of ``sequences``.

    Parameters
    ----------
    sequences : frozenset of tuple
        Word sequences.

    Returns
    -------
    frozenset of str
        Their first words.
    """
    return sequence_heads(sequences)[0]


def _interjection(tokens: list[str], start: int, end: int, first: int, known: Rules,
                  closing: bool = False) -> bool:
    """Return whether a unit stands as an interjection in its sentence.

    It does when it opens the sentence (or its short first clause), closes it as an emoji,
    or makes a short sentence of its own; with ``closing``, also when it makes a short
    last clause.
    """
    lead = [t for t in tokens[first:start] if t not in known.interjections]
    if not lead:
        return True
    stop = next((j for j in range(end, len(tokens)) if tokens[j] in _END), len(tokens))
    if not tokens[start].isalpha() and all(not t.isalpha() for t in tokens[end:stop]):
        return True  # "twice 👏👏": a closing reaction
    last = max((j for j in range(first, start) if tokens[j] in _CLAUSE), default=None)
    if last is not None and stop - last - 1 <= 4:  # "..., great job everyone": if a
        return closing                             # strong complaint precedes
    clause = next((j for j in range(first, len(tokens)) if tokens[j] in _CLAUSE), len(tokens))
    if end <= clause < stop and clause - first <= 8:  # "Service client au top : ..."
        return True
    return sum(t not in _CLAUSE for t in tokens[first:stop]) <= 4


def irony(tokens: list[str], units: list[tuple[int, int, float]], known: Rules) -> list[float]:
    """Return the units' values with ironic praise turned over (see the module's description).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit, its value already read in context.
    known : Rules
        The language's rules.

    Returns
    -------
    list of float
        One value per unit, in order.
    """
    values = [value for _, _, value in units]
    if not IRONY_EMOJI.isdisjoint(tokens):
        return [-v if v > 0 else v for v in values]
    if known.ironic_heads.isdisjoint(tokens) or not known.contrast.isdisjoint(tokens):
        return values  # no praise to doubt, or a contrast that weighs praise and blame
    prone = [v > 0 and (" ".join(tokens[s:e]) in known.ironic
                        or any(t in known.ironic for t in tokens[s:e])) for s, e, v in units]
    rest = sum(v for v, flag in zip(values, prone, strict=True) if not flag)
    if rest >= 0:
        return values  # nothing to complain of
    firsts = _sentences(tokens)
    ironic = [flag and _interjection(tokens, s, e, firsts[s], known, rest <= _STRONG)
              for (s, e, _), flag in zip(units, prone, strict=True)]
    return [-v if flag else v for v, flag in zip(values, ironic, strict=True)]


def rhetorical(tokens: list[str], known: Rules) -> float:
    """Return the valence of the reproaches a question is built as (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        The sum of the valences of the rhetorical phrases found, in a text with ``?``.
    """
    if "?" not in tokens:
        return 0.0
    doubled = any(a == b == "?" for a, b in pairwise(tokens))  # "where is it??"
    return _EXASPERATED * doubled + sum(known.rhetorical[tuple(tokens[s:e])]
                                        for s, e in find(tokens, frozenset(known.rhetorical)))


def unmet_objects(tokens: list[str], units: list[tuple[int, int, float]],
                  values: list[float], known: Rules) -> list[float]:
    """Return the units' values with the praise of what never came set to 0.

    A praised thing just before an expected service that did not happen is not had:
    ``welcome bonus never paid``, ``cadeau offert jamais reçu``.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.
    known : Rules
        The language's rules.

    Returns
    -------
    list of float
        One value per unit, in order.
    """
    if all(v >= 0 for v in values):
        return values
    unmet = [s for (s, e, _), v in zip(units, values, strict=True)
             if v < 0 and " ".join(tokens[s:e]) in known.expected]
    if not unmet:
        return values
    return [0.0 if v > 0 and any(
        0 < at - e <= 3 and _CLAUSE.isdisjoint(tokens[e:at])
        and known.contrast.isdisjoint(tokens[e:at]) for at in unmet) else v
        for (_, e, _), v in zip(units, values, strict=True)]


def concession(tokens: list[str], units: list[tuple[int, int, float]], values: list[float],
               known: Rules) -> list[float]:
    """Return the units' values with what a concession grants counted half.

    The clause opened by ``même si``, ``bien que``, ``malgré``, ``although``, ``even
    though``, ``despite`` grants a point the rest of the sentence outweighs (``late fee
    even though I paid on time``, ``malgré le retard, livreur adorable``).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.
    known : Rules
        The language's rules.

    Returns
    -------
    list of float
        One value per unit, in order.
    """
    granted = find(tokens, known.concessive)
    if not granted:
        return values
    spans = [(s, next((at for at in range(e, len(tokens)) if tokens[at] in _CLAUSE),
                      len(tokens))) for s, e in granted]
    return [v * _GRANTED if any(s <= start < e for s, e in spans) else v
            for (start, _, _), v in zip(units, values, strict=True)]


def wishes(tokens: list[str], units: list[tuple[int, int, float]], values: list[float],
           known: Rules) -> list[float]:
    """Return the units' values with the praise a wish asks for turned over.

    What follows ``si seulement`` / ``if only`` / ``I wish`` in its sentence is missing:
    ``si seulement ils répondaient aussi vite qu'ils facturent``.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.
    known : Rules
        The language's rules.

    Returns
    -------
    list of float
        One value per unit, in order.
    """
    wished = find(tokens, known.wishes)
    if not wished:
        return values
    sentence = _sentences(tokens)
    return [v * -0.74 if v > 0 and any(e <= start and sentence[s] == sentence[start]
                                        for s, e in wished) else v
            for (start, _, _), v in zip(units, values, strict=True)]


def regret(tokens: list[str], units: list[tuple[int, int, float]], values: list[float],
           known: Rules) -> tuple[list[float], float]:
    """Return the units' values with praise of the past turned over, and a past-present valence.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.
    known : Rules
        The language's rules.

    Returns
    -------
    tuple
        The values, and :data:`_FORMERLY` when a past is set against a present that
        nothing praises (else 0).
    """
    past = [(s - 1, e - 1) for s, e in find([".", *tokens], known.formerly)]  # ". avant le"
    versus = find([*tokens, "."], known.versus_now)
    then = ([] if known.imperfect.isdisjoint(tokens)
            else [i for i, t in enumerate(tokens) if t in known.imperfect])
    if not past and not versus and not then:
        return values, 0.0
    firsts = _sentences(tokens, _CLAUSE)
    now = next((i for i, t in enumerate(tokens) if t in known.present
                and i > min([e for _, e in past] + then, default=len(tokens))), None)
    if now is not None:  # "était simple, aujourd'hui...": the imperfect is a past too
        past += [(i, i + 1) for i in then if firsts[i] < firsts[now]]
    out = []
    for (start, end, _), value in zip(units, values, strict=True):
        before = any(e <= start and firsts[s] == firsts[start] and not any(
            t in known.contrast for t in tokens[e:start]) for s, e in past)
        after = any(0 <= s - end <= 4 and firsts[s] == firsts[start]
                    and tokens[s - 1] not in _COMPARED for s, _ in versus)
        negated = any(t in known.negators for t in tokens[max(0, start - 3):start])
        out.append(value * -0.74 if value > 0 and not negated and (before or after) else value)
    extra = 0.0
    if past and now is not None and sum(
            v for (s, _, _), v in zip(units, out, strict=True) if s > now) <= 0:
        extra = _FORMERLY
    return out, extra


def occasion(tokens: list[str], units: list[tuple[int, int, float]], values: list[float],
             known: Rules) -> list[float]:
    """Return the units' values with the troubles that occasioned a praise counting half.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.
    known : Rules
        The language's rules.

    Returns
    -------
    list of float
        One value per unit, in order.
    """
    opened = find(tokens, known.occasions)
    if not opened:
        return values
    clauses = _sentences(tokens, _CLAUSE)
    inside = [any(e <= start < e + _REACH and clauses[s] == clauses[start] for s, e in opened)
              for start, _, _ in units]
    if not any(v > 0 and not flag for v, flag in zip(values, inside, strict=True)):
        return values
    return [v / 2 if v < 0 and flag else v for v, flag in zip(values, inside, strict=True)]


def enquiry(tokens: list[str], known: Rules) -> bool:
    """Return whether a question opens as a request for information (``how do I``).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    bool
        Whether a sentence of the text, past a greeting or a thanks, starts with one of
        the language's enquiries (``Super, merci. Pouvez-vous m'envoyer…?``), or a
        question with no negation inverts its subject (``le remplacement est-il payant ?``).
    """
    starts = sorted(set(_sentences(tokens)))
    for first in starts:
        words = [t for t in tokens[first:] if t not in _CLAUSE]
        while words and words[0] in known.greetings:
            words = words[1:]
        if any(tuple(words[:len(e)]) == e for e in known.enquiries):
            return True
    return any(t.endswith(_INVERTED) for t in tokens) and known.negators.isdisjoint(tokens)


def broken_promise(tokens: list[str], known: Rules) -> float:
    """Return the valence of a promise followed by the time gone since (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_BROKEN` when a promise is followed, in a later clause, by time elapsed.
    """
    promised = find(tokens, known.promised)
    if not promised:
        return 0.0
    clauses = _sentences(tokens, _CLAUSE)
    first = promised[0][0]
    return _BROKEN if any(s > first and clauses[e - 1] != clauses[first]  # ", rien."
                          for s, e in find(tokens, known.elapsed)) else 0.0


def verdicts(tokens: list[str], units: list[tuple[int, int, float]],
             values: list[float]) -> list[float]:
    """Return the units' values with the qualities a closing ``, non`` denies turned over.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit.
    values : list of float
        Their values so far.

    Returns
    -------
    list of float
        One value per unit, in order: ``Fiable, non.`` is not reliable.
    """
    if _DENIAL.isdisjoint(tokens):
        return values
    padded = [*tokens, "."]
    return [v * -0.74 if padded[e:e + 1] == [","] and padded[e + 1] in _DENIAL
            and padded[e + 2] in _END else v for (_, e, _), v in zip(units, values, strict=True)]


def context(tokens: list[str], units: list[tuple[int, int, float]],
            known: Rules) -> tuple[list[float], float, bool]:
    """Return the units' values read in their sentence, the text's own valence, and reproach.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    units : list of tuple
        ``(start, end, value)`` of each scored unit, its value already read in context.
    known : Rules
        The language's rules.

    Returns
    -------
    tuple
        The values (irony, occasions, verdicts, regrets and prices applied); the valence of
        the text's rhetorical questions, past set against a present, promises broken, prices
        moving and waits that drag (:mod:`._amounts`); and
        whether a question is a reproach (then it is not damped as a question).
    """
    values = verdicts(tokens, units, occasion(tokens, units, irony(tokens, units, known), known))
    values, formerly = regret(tokens, units, values, known)
    values = wishes(tokens, units, concession(tokens, units, values, known), known)
    values = unmet_objects(tokens, units, values, known)
    values, moved = _amounts.prices(tokens, units, values, known)
    reproach = rhetorical(tokens, known)
    own = formerly + reproach + broken_promise(tokens, known) + moved
    own += _amounts.more(tokens, known)
    return values, own, bool(reproach)
