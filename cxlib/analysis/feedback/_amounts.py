"""What a customer pays, waits and rates: a price's direction, a wait's length, a rating.

Rules applied once every unit of a text has its value (:mod:`.sentiment`), each reading a
list of ``words.<lang>.yaml``:

- **a price moving**: in a clause naming what a customer pays (``facture``, ``tarifs``,
  ``frais``, ``bill``, ``premium``, ``fees``: the ``costs`` list), a word of rise
  (``hausse``, ``doublé``, ``went up``, ``higher``) is a complaint and a word of fall
  (``baisse``, ``plus basse``, ``lower``, ``cheaper``) a praise, whatever the word says
  alone (``baisse`` of a quality is a loss, of a bill a gain); negated, it turns over
  (``le prix n'a pas augmenté``).
- **a wait that drags**: a word of waiting (``attends``, ``traîne``, ``waiting``,
  ``sitting``, ``stuck``) with a length of time after ``depuis`` / ``pendant`` / ``for`` /
  ``after`` in its clause (``traîne depuis trois mois``, ``on hold for 40 minutes``), a
  length after ``pris`` / ``passé`` / ``took`` / ``spent`` (``took two weeks``), or a
  clause opening with a length then ``pour`` / ``to`` (``Trois semaines pour avoir un
  rendez-vous``), or a length spent on a small job (``dix jours pour un simple
  changement``, ``a week for a minor repair``: the ``trivial`` list) is a complaint;
  ``seulement`` / ``only`` / ``just`` make it short.
- **a service done quickly**: a clause closing on ``en une heure`` / ``in two minutes`` /
  ``within the hour`` praises, unless the text promises, negates or asks.
- **a day planned and the day it came**: ``prévue jeudi, arrivée mercredi`` praises,
  ``prévue mardi, repoussée à vendredi`` / ``moved from Tuesday to Friday`` complains.
- **less than announced**: ``rembourse moins que ce qu'on m'avait annoncé``, ``pay out far
  less than I was told`` complain (of a cost, ``less than quoted``, praise).
- **asking again**: a word of contact before ``fois`` / ``times`` (``relancé quatre
  fois``, ``called three times``) is a complaint.
- **a rating** is the writer's verdict: ``1/5``, ``zéro étoile``, ``⭐⭐⭐⭐⭐``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cxlib.analysis.feedback.lexicon import find, fold

if TYPE_CHECKING:
    from cxlib.analysis.feedback.lexicon import Rules

#: Ratings: ``4/5``, ``zéro étoile``, ``⭐⭐⭐``, and the words before a date (``le 12/10``).
_NUMBERS = {w: n for n, words in enumerate([
    "0 zero aucune no", "1 un une one", "2 deux two", "3 trois three", "4 quatre four",
    "5 cinq five"]) for w in words.split()}
_RATINGS = (
    re.compile(r"(?<![\d/.,])(?P<num>\d{1,2}(?:[.,]\d)?)\s*/\s*(?P<den>5|10|20)(?![\d/])"),
    re.compile(r"(?i)\b(?P<word>\d|z[ée]ro|aucune|no|une?|one|deux|two|trois|three|quatre|"
               r"four|cinq|five)\s+(?:[ée]toiles?|stars?)\b"),
    re.compile("(?P<run>[\u2b50\u2605\u2606]{2,})"),
)
_RATED = re.compile("[/\u2b50\u2605\u2606]|toile|star", re.IGNORECASE)
_DATED = frozenset("le du au depuis jusqu'au the on since until from by".split())
#: Valence of a price rising (its opposite: of a price falling).
_RISE = -1.5
#: Valence of a customer made to ask several times: "rappelé cinq fois".
_REPEATED = -1.5
#: Valence of a service done in minutes or hours: "réparé en une heure".
_QUICK = 1.5
#: Words of a time to come: "the engineer will be here in two hours" praises nothing yet.
_FUTURE = frozenset(("will", "ll", "going", "should", "va", "vais", "doit", "devrait",
                     "prevu", "prevue", "scheduled", "due", "expected"))
#: Valence of a wait that drags.
_DRAGS = -1.5
#: Words that end a clause.
_CLAUSE = frozenset("!?.…,;:")
#: Words before a length of time that make it short: "for only two minutes".
_SHORT = frozenset(("seulement", "que", "qu", "moins", "only", "just", "less", "under"))
#: Lengths too short for "took" to complain: "took five minutes".
_SHORT_UNITS = frozenset(("minutes", "minute", "min", "secondes", "seconds", "heure", "hour"))
#: Words before a day that make it the start of a wait: "coupée depuis dimanche".
_SINCE = frozenset(("depuis", "since"))
#: Words before a guarantee that make it a warranty, not a promise: "sous garantie".
_WARRANTY = frozenset(("sous", "under"))
#: Words before the way a service came, after its length: "in five minutes over the phone".
_CHANNEL = frozenset(("par", "au", "via", "over", "by", "on"))
#: Valence of a day planned and the day it came: "prévue jeudi, arrivée mercredi".
_EARLY = 1.5
#: Words that join two clauses: "les prix ont flambé et la qualité a baissé".
_JOINS = frozenset(("et", "and", "alors", "while", "whereas", "tandis"))


def _clauses(tokens: list[str], joins: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each clause of ``tokens``, also cut at ``joins``."""
    out, first = [], 0
    for at, tok in enumerate(tokens):
        if tok in _CLAUSE or tok in joins:
            out.append((first, at))
            first = at + 1
    out.append((first, len(tokens)))
    return [(s, e) for s, e in out if e > s]


def prices(tokens: list[str], units: list[tuple[int, int, float]], values: list[float],
           known: Rules) -> tuple[list[float], float]:
    """Return the units' values with the price words read by their direction, and its valence.

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
        The values, those of the words of rise or fall in a clause naming a cost set to 0,
        and the valence of the prices' moves (``la facture a doublé``: −1.5).
    """
    if known.costs.isdisjoint(tokens):
        return values, 0.0
    values, total = list(values), 0.0
    for start, end in _clauses(tokens, _JOINS | known.contrast):
        if known.costs.isdisjoint(tokens[start:end]):
            continue
        moves = [(s, e, _RISE) for s, e in find(tokens, known.rises, start, end)]
        moves += [(s, e, -_RISE) for s, e in find(tokens, known.falls, start, end)]
        for s, e, valence in moves:
            for k, (us, ue, _) in enumerate(units):
                if us < e and s < ue:
                    values[k] = 0.0
            before = tokens[max(start, s - 3):s]
            if find(before, known.counterfactual | known.promised) or find(
                    tokens, known.hypothetical, 0, s):
                continue  # "supposed to be cheaper" promised, "savoir si le prix a baissé" asks
            negated = any(t in known.negators or t.endswith("n't") for t in before)
            total += -0.74 * valence if negated else valence
    return values, total


def waits(tokens: list[str], known: Rules) -> float:
    """Return the valence of a wait that drags (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_DRAGS` when a clause holds a word of waiting and a length of time after
        ``depuis`` / ``for`` (``mon dossier traîne depuis trois mois``).
    """
    if known.durations.isdisjoint(tokens) and known.weekdays_set.isdisjoint(tokens):
        return 0.0
    for start, end in _clauses(tokens):
        waiting = not known.waiting.isdisjoint(tokens[start:end])
        for at in range(start, end):
            day = tokens[at] in known.weekdays_set and tokens[at - 1] in _SINCE  # since Sunday
            if tokens[at] not in known.durations and not day:
                continue
            back = at - 1
            while back >= start and tokens[back] in known.amounts:  # trois, plusieurs
                back -= 1
            if _SHORT & set(tokens[max(start, back - 1):at]):
                continue  # "for only two minutes"
            before = tokens[back] if back >= start else None
            spent = before in known.taken and tokens[at] not in _SHORT_UNITS  # took two weeks
            waited = waiting and (before in known.spans  # attend depuis trois mois
                                  or before in known.waiting)  # waited forty minutes
            purpose = tokens[at + 1:at + 2] in (["pour"], ["to"], ["for"])
            opening = purpose and (before is None or not known.trivial.isdisjoint(
                tokens[at + 2:at + 5]))  # "dix jours pour un simple changement"
            if spent or waited or opening:  # "Deux heures pour…"
                return _DRAGS
    return 0.0


def ratings(text: str) -> tuple[str, float]:
    """Return the text without its ratings (``4/5``, ``zéro étoile``, ``⭐⭐⭐``) and their valence.

    A rating is the writer's own verdict: from −4.5 at none to 3 at full marks, 0 at 60 %.

    Parameters
    ----------
    text : str
        A customer text.

    Returns
    -------
    tuple
        The text, its ratings blanked out, and the sum of their valences.
    """
    valence = 0.0
    if not _RATED.search(text):
        return text, valence
    for pattern in _RATINGS:
        for found in pattern.finditer(text):
            groups = found.groupdict()
            if groups.get("run"):
                share = groups["run"].count("★") / len(groups["run"]) if "★" in groups[
                    "run"] else min(len(groups["run"]), 5) / 5
            elif groups.get("word"):
                share = _NUMBERS.get(fold(groups["word"]), 0) / 5
            else:
                share = float(groups["num"].replace(",", ".")) / float(groups["den"])
                before = text[max(0, found.start() - 7):found.start()].lower().split()
                if share > 1 or (before and before[-1] in _DATED):
                    continue  # a date: "le 12/10", "since 3/10"
            valence += max(-4.0, (min(share, 1.0) - 0.6) * 7.5)
        text = pattern.sub(lambda m: m.group() if m.groupdict().get("den") and float(
            m.group("num").replace(",", ".")) > float(m.group("den")) else " ", text)
    return text, valence


def repeats(tokens: list[str], known: Rules) -> float:
    """Return the valence of a customer made to ask again and again (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_REPEATED` when a word of contact (``rappelé``, ``relancé``, ``called``,
        ``chased``) stands in the four words before ``fois`` / ``times`` in its clause
        (``j'ai dû rappeler cinq fois``, ``called them three times``).
    """
    if "fois" not in tokens and "times" not in tokens:
        return 0.0
    for at, tok in enumerate(tokens):
        if tok in ("fois", "times"):
            before = []
            for t in reversed(tokens[max(0, at - 4):at]):
                if t in _CLAUSE:
                    break
                before.append(t)
            if not known.contacts.isdisjoint(before):
                return _REPEATED
    return 0.0


def speed(tokens: list[str], known: Rules) -> float:
    """Return the valence of a service done quickly (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_QUICK` when a clause ends on ``en`` / ``in`` / ``within`` and a length of
        minutes or hours (``l'eau chaude est revenue en une heure``, ``an answer in two
        minutes``), in a text with no promise, future, negation or question (``promised
        within the hour``, ``will be here in two hours`` praise nothing).
    """
    if (known.quick.isdisjoint(tokens) or "?" in tokens or not _FUTURE.isdisjoint(tokens)
            or not known.negators.isdisjoint(tokens) or any(
                s == 0 or tokens[s - 1] not in _WARRANTY
                for s, _ in find(tokens, known.promised))):
        return 0.0
    padded = [*tokens, "."]
    for at, tok in enumerate(tokens):
        tail = 3 if padded[at + 1] in _CHANNEL else 0  # "en cinq minutes par téléphone"
        if tok in known.quick and _CLAUSE.intersection(padded[at + 1:at + 2 + tail]):
            back = at - 1
            while back >= 0 and tokens[back] in known.amounts:
                back -= 1
            if back >= 0 and tokens[back] in known.within:
                return _QUICK
    return 0.0



def dates(tokens: list[str], known: Rules) -> float:
    """Return the valence of a day planned and the day it came or moved to (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_EARLY` when the day after a plan (``prévue jeudi``, ``due Thursday``) is
        followed by a day up to three days before it (``arrivée mercredi``), its opposite
        when by a day up to three days after it (``repoussée à vendredi``, ``moved from
        Tuesday to Friday``).
    """
    if not known.weekdays or known.planned.isdisjoint(tokens):
        return 0.0
    days = [(at, known.weekdays.index(t)) for at, t in enumerate(tokens) if t in known.weekdays]
    plan = next((at for at, t in enumerate(tokens) if t in known.planned), len(tokens))
    days = [d for at, d in days if at > plan]
    if len(days) < 2 or days[0] == days[1]:
        return 0.0
    return -_EARLY if (days[1] - days[0]) % 7 <= 3 else _EARLY


def shortfall(tokens: list[str], known: Rules) -> float:
    """Return the valence of less given than announced (0 when none).

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        :data:`_RISE` when ``moins`` / ``less`` is followed, in its clause, by ``que`` /
        ``than`` and a word of promise or plan (``rembourse moins que ce qu'on m'avait
        annoncé``, ``pay out far less than I was told``); its opposite when the clause
        names a cost (``less than quoted``). 0 when none.
    """
    if known.lesser.isdisjoint(tokens):
        return 0.0
    for start, end in _clauses(tokens):
        clause = tokens[start:end]
        at = next((i for i, t in enumerate(clause) if t in known.lesser), None)
        if at is None or not {"que", "qu", "than"} & set(clause[at:]):
            continue
        rest = clause[at:]
        if not known.planned.isdisjoint(rest) or find(rest, known.promised | known.claims):
            paid = known.costs.isdisjoint(clause) or not known.remedies.isdisjoint(clause)
            return _RISE if paid else -_RISE  # "rembourse moins", not "paid less than quoted"
    return 0.0


def more(tokens: list[str], known: Rules) -> float:
    """Return the valence of what a text says of time and money beside its prices.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    known : Rules
        The language's rules.

    Returns
    -------
    float
        The sum of :func:`waits`, :func:`repeats`, :func:`speed`, :func:`dates` and
        :func:`shortfall`.
    """
    return (waits(tokens, known) + repeats(tokens, known) + speed(tokens, known)
            + dates(tokens, known) + shortfall(tokens, known))
