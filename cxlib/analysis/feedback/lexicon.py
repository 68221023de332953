"""The words the sentiment scorer knows, per language: packaged lexicons plus the workbench's rules.

English starts from VADER's lexicon (Hutto & Gilbert 2014, ``vaderSentiment``'s
``vader_lexicon.txt``: 7,500 words, emoticons and slang rated −4 to 4 by ten people each).
French starts from the subjectivity lexicon of ``textblob-fr`` (De Smedt & Daelemans,
``fr-sentiment.xml``: 5,100 adjectives rated −1 to 1, read here ×4; those rated less than
0.3 subjective state facts and are left out: ``dernier``, ``gris``, ``frais``). Both are
files shipped inside their PyPI packages: nothing is downloaded. ``words.<lang>.yaml``
beside this module adds what customer texts need and the lexicons lack — a service's
vocabulary (``retard``, ``injoignable``, ``refunded``), set phrases (``rien à redire``,
``not bad``), the language's negators, contrast words and intensifiers, and the lists the
scorer's customer rules read (expected services, counterfactuals, resolvers: see
:mod:`cxlib.analysis.feedback.sentiment`). Emoji are rated from a short list of the common
ones, else from VADER's description of the emoji.

Lookups are accent- and case-insensitive; a word not found is tried as its lemma
(``simplemma``), then with one letter added, dropped or changed (typos: ``recomande``,
``competant``).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml
from defusedxml.ElementTree import parse

__all__ = ["EMOJI", "LANGUAGES", "Rules", "find", "fold", "rules", "sequence_heads"]

#: Languages the scorer knows.
LANGUAGES = ("fr", "en")

#: Valence of the emoji customers use most (others are rated from their description).
EMOJI: dict[str, float] = {
    **dict.fromkeys("😀😃😄😁😊🙂😍🥰😘🤩👍👌🎉✨💯⭐🌟👏💪😎🥳😇", 2.5),
    "🙏": 0.5,  # thanks, or only please: "rappelez-moi 🙏"
    **dict.fromkeys("❤💖💕💗💙💚🧡💜", 3.0),
    **dict.fromkeys("😡😠🤬👎💩🤮🤢", -3.0),
    **dict.fromkeys("😤😞😢😭😒🙄😩😫😱😖😣😔😕😟🥵😬", -2.2),
}


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return ``word`` in lower case without accents (``Déçue`` -> ``decue``)."""
    bare = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in bare if not unicodedata.combining(c)).replace("œ", "oe")


@cache
def _adjectives() -> frozenset[str]:
    """Return the French adjectives of textblob-fr, feminine forms and all."""
    root = parse(_package_file("textblob_fr", "fr-sentiment.xml")).getroot()
    return frozenset(fold(w.get("form", "")) for w in root.iter("word"))


def _package_file(package: str, name: str) -> Path:
    """Return a data file shipped inside an installed package, without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations))) / name


def _vader() -> dict[str, float]:
    out = {}
    text = _package_file("vaderSentiment", "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[fold(parts[0])] = float(parts[1])
    return out


def _textblob_fr() -> dict[str, float]:
    scores: dict[str, list[float]] = {}
    root = parse(_package_file("textblob_fr", "fr-sentiment.xml")).getroot()
    for word in root.iter("word"):
        if float(word.get("subjectivity", "1")) < _OBJECTIVE:  # dernier, gris, frais: facts
            continue
        scores.setdefault(fold(word.get("form", "")), []).append(
            float(word.get("polarity", "0")) * 4)
    return {w: sum(v) / len(v) for w, v in scores.items() if w}


#: textblob-fr's adjectives rated less subjective than this state a fact, not a feeling.
_OBJECTIVE = 0.3

_BASE = {"en": _vader, "fr": _textblob_fr}


def emoji_descriptions() -> dict[str, str]:
    """Return VADER's emoji -> description (``😡`` -> ``pouting face``)."""
    text = _package_file("vaderSentiment", "emoji_utf8_lexicon.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {emoji: description for emoji, description in pairs}


@dataclass(frozen=True)
class Rules:
    """What the scorer knows of one language.

    Attributes
    ----------
    lang : str
        ``fr`` or ``en``.
    words : dict
        Folded word -> valence (−4 to 4).
    phrases : dict
        Tuple of folded words -> valence: set phrases scored as one unit.
    negators, after_ne, contrast : frozenset of str
        Words that negate what follows; words that negate only after ``ne`` (``plus``);
        words after which a text says what matters (``mais``, ``but``).
    boosters : dict
        Intensifier -> added intensity (negative for dampeners: ``un peu``).
    expected : frozenset of str
        What a customer expects of a service (``reponse``, ``reply``, ``rappele``): a
        negative unit when negated (``aucune réponse``, ``nobody called``), else as rated.
    counterfactual : frozenset of tuple
        Word sequences that turn a following praise into a regret (``aurait été bien``,
        ``would have been nice``, ``could be better``).
    resolvers : frozenset of tuple
        Word sequences that turn a following trouble into its remedy (``réglé la panne``,
        ``fixed the fault``, ``made up for the trouble``).
    light : frozenset of str
        Auxiliaries, pronouns and articles a negation reaches across without counting
        them (``sans avoir eu à relancer``, ``didn't even say``).
    after_negators : frozenset of str
        Words that negate what was expected before them (``received nothing``).
    starts : frozenset of str
        The first words of the set phrases.
    privative : frozenset of str
        Words of lack, negative themselves, that turn over what follows
        (``manque de réactivité``, ``lack of responsiveness``).
    litotes : frozenset of str
        Words that negate the next unless an intensifier or ``un`` comes before them
        (``peu aimable``, but ``un peu lent``).
    inability : frozenset of str
        Words saying a customer could not do something (``can't``, ``unable``): a mild
        complaint when no rated word follows.
    ironic, interjections : frozenset of str
        Praise often meant ironically (``super``, ``bravo``, ``thanks``), and the words
        that may open a sentence before it (``oh``, ``ah``).
    remedies : frozenset of str
        Words that remedy a trouble named before them in their sentence (``found``,
        ``fixed``, ``retrouvé``).
    promised, elapsed : frozenset of tuple
        Words of a promise (``annoncé``, ``promised``) and of the time gone since
        (``ça fait``, ``it's been``): together, a promise broken.
    occasions, formerly, versus_now : frozenset of tuple
        Words opening the occasion of a praise (``après``, ``after``), of a past
        regretted (``avant``, ``used to``) and of a comparison with the present
        (``than this``).
    present, imperfect, greetings : frozenset of str
        Words of the present set against a past (``maintenant``, ``now``); of a past
        that only such a present makes a regret (``était``, ``was``); greetings
        that may open a text (``bonjour``, ``hi``).
    enquiries : frozenset of tuple
        How a request for information opens (``comment``, ``puis-je``, ``how do i``).
    rhetorical : dict
        Tuple of folded words -> valence: questions built as reproaches
        (``c'est trop demander``, ``what's the point``).
    costs, rises, falls : frozenset
        What a customer pays (``facture``, ``bill``) and the words of its rise and fall
        (``hausse``, ``went up``; ``baisse``, ``lower``): see :mod:`._amounts`.
    waiting, durations, amounts, spans, taken : frozenset of str
        Words of waiting (``traîne``, ``stuck``), lengths of time (``mois``, ``weeks``),
        counts (``trois``, ``several``), the words before a length (``depuis``, ``for``)
        and the verbs of time spent (``pris``, ``took``): a wait that drags.
    contacts : frozenset of str
        Words of contact (``relancé``, ``called``): before ``fois`` / ``times``, a
        customer made to ask again.
    quick, within : frozenset of str
        Short lengths (``minutes``, ``heure``) and the words before them (``en``, ``in``,
        ``within``): a service done quickly.
    concessive : frozenset of tuple
        Words opening a concession (``même si``, ``although``): see :mod:`._irony`.
    hypothetical : frozenset of tuple
        Words after which a quality is asked about, not stated (``savoir si``, ``know if``).
    wishes : frozenset of tuple
        Words after which a praise is missing (``si seulement``, ``if only``, ``I wish``).
    feared : frozenset of tuple
        Words after which a trouble was only feared (``je m'attendais à``, ``dreading``).
    readings : dict
        Form -> valence per reading (``adjective``, ``verb``, ``noun``): forms read by the
        word before them (``patiente``, ``like``): see :mod:`._reading`.
    subjects, clitics, determiners : frozenset of str
        Subject pronouns (``je``, ``I``), the words between them and their verb (``ne``,
        ``vous``, ``really``) and determiners: what decides a form's reading.
    evens, undoing, through, burdens : frozenset of str
        ``même`` / ``even``; ``sans`` / ``without``; the words between ``sans`` and the
        verb it leaves undone (``personne``, ``anyone``); chores a customer is glad to be
        spared (``payer``).
    claims : frozenset of tuple
        Words reporting what someone claimed (``il m'a dit que``, ``said it was``).
    needs, trivial : frozenset of str
        Words of need (``besoin``, ``need``: a service not needed is not missed) and of a
        small job (``simple``, ``minor``: days spent on it drag).
    always : frozenset of str
        ``toujours``, ``always``: an expected service always given is praise.
    superlatives, nevers : frozenset of str
        ``aussi``, ``so``, ``such`` after ``jamais`` / ``never``: a superlative, not a
        negation (``jamais été aussi bien reçue``).
    non_answers : frozenset of tuple
        Whole texts that answer nothing (``RAS``, ``aucun commentaire``, ``N/A``): the
        rules' neutral verdict stands, no learned model is asked.
    planned, weekdays, lesser : frozenset of str, tuple of str
        Words of a plan or a move (``prévue``, ``due``, ``moved``), the days of the week in
        order, and ``moins`` / ``less``: see :mod:`._amounts`.
    """

    lang: str
    words: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    negators: frozenset[str]
    after_ne: frozenset[str]
    contrast: frozenset[str]
    boosters: dict[str, float]
    longest_phrase: int = 1
    expected: frozenset[str] = frozenset()
    counterfactual: frozenset[tuple[str, ...]] = frozenset()
    resolvers: frozenset[tuple[str, ...]] = frozenset()
    light: frozenset[str] = frozenset()
    inability: frozenset[str] = frozenset()
    after_negators: frozenset[str] = frozenset()
    litotes: frozenset[str] = frozenset()
    privative: frozenset[str] = frozenset()
    starts: frozenset[str] = frozenset()
    remedies: frozenset[str] = frozenset()
    ironic: frozenset[str] = frozenset()
    interjections: frozenset[str] = frozenset()
    promised: frozenset[tuple[str, ...]] = frozenset()
    elapsed: frozenset[tuple[str, ...]] = frozenset()
    occasions: frozenset[tuple[str, ...]] = frozenset()
    formerly: frozenset[tuple[str, ...]] = frozenset()
    versus_now: frozenset[tuple[str, ...]] = frozenset()
    present: frozenset[str] = frozenset()
    imperfect: frozenset[str] = frozenset()
    greetings: frozenset[str] = frozenset()
    enquiries: frozenset[tuple[str, ...]] = frozenset()
    rhetorical: dict[tuple[str, ...], float] = field(default_factory=dict)
    _near: dict[str, str] = field(default_factory=dict, repr=False)
    costs: frozenset[str] = frozenset()
    rises: frozenset[tuple[str, ...]] = frozenset()
    falls: frozenset[tuple[str, ...]] = frozenset()
    waiting: frozenset[str] = frozenset()
    durations: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    spans: frozenset[str] = frozenset()
    taken: frozenset[str] = frozenset()
    contacts: frozenset[str] = frozenset()
    quick: frozenset[str] = frozenset()
    within: frozenset[str] = frozenset()
    concessive: frozenset[tuple[str, ...]] = frozenset()
    hypothetical: frozenset[tuple[str, ...]] = frozenset()
    wishes: frozenset[tuple[str, ...]] = frozenset()
    feared: frozenset[tuple[str, ...]] = frozenset()
    readings: dict[str, dict[str, float]] = field(default_factory=dict)
    subjects: frozenset[str] = frozenset()
    clitics: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    evens: frozenset[str] = frozenset()
    undoing: frozenset[str] = frozenset()
    through: frozenset[str] = frozenset()
    burdens: frozenset[str] = frozenset()
    claims: frozenset[tuple[str, ...]] = frozenset()
    needs: frozenset[str] = frozenset()
    always: frozenset[str] = frozenset()
    superlatives: frozenset[str] = frozenset()
    nevers: frozenset[str] = frozenset()
    planned: frozenset[str] = frozenset()
    weekdays: tuple[str, ...] = ()
    lesser: frozenset[str] = frozenset()
    trivial: frozenset[str] = frozenset()
    non_answers: frozenset[tuple[str, ...]] = frozenset()

    @property
    def undoers(self) -> frozenset[str]:
        """The words that may open what was left undone or spared (``sans``, ``need``)."""
        return _union(self.undoing, self.evens, self.needs)

    @property
    def weekdays_set(self) -> frozenset[str]:
        """The days of the week, as a set."""
        return _set_of(self.weekdays)

    @property
    def ironic_heads(self) -> frozenset[str]:
        """The first words of the ironic praise (``well`` of ``well done``)."""
        return _heads_of(self.ironic)

    def near(self, word: str) -> str | None:
        """Return the lexicon word ``word`` is a typo of (a letter missing, added or changed).

        Only words of six letters or more are read so: shorter ones are too often another
        word one letter away.
        """
        if len(word) < 6:
            return None
        if word in self._near:  # a letter missing: recomande
            return self._near[word]
        for variant in _deletes(word):  # a letter added: satisfaitt
            if variant in self.words and len(variant) >= 6 and self.words[variant]:
                return variant
        if len(word) >= 7:  # a letter changed or two swapped: competant, realiable
            for variant in _deletes(word):
                found = self._near.get(variant)
                if found and found[0] == word[0] and len(found) == len(word):
                    return found
        return None


@cache
def _union(*sets: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*sets)


@cache
def _set_of(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


@cache
def _heads_of(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.split()[0] for w in words)


@cache
def sequence_heads(sequences: frozenset[tuple[str, ...]]) -> tuple[frozenset[str], int]:
    """Return the first words of ``sequences`` and the length of the longest."""
    return frozenset(s[0] for s in sequences), max((len(s) for s in sequences), default=0)


def find(tokens: list[str], sequences: frozenset[tuple[str, ...]], start: int = 0,
         end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every one of ``sequences`` in ``tokens[start:end]``.

    Parameters
    ----------
    tokens : list of str
        The folded tokens of a text.
    sequences : frozenset of tuple
        Word sequences (a list's entries, tokenised).
    start, end : int, optional
        The window searched (default: the whole text).

    Returns
    -------
    list of tuple
        ``(start, end)`` of each occurrence, in text order.
    """
    end = len(tokens) if end is None else end
    firsts, longest = sequence_heads(sequences)
    found = []
    for i in range(start, end):
        if tokens[i] in firsts:
            found += [(i, i + size) for size in range(1, min(longest, end - i) + 1)
                      if tuple(tokens[i:i + size]) in sequences]
    return found


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


@cache
def rules(lang: str) -> Rules:
    """Return the scorer's rules for ``lang`` (``fr`` or ``en``), read once.

    Parameters
    ----------
    lang : {"fr", "en"}
        The language.

    Returns
    -------
    Rules
        The lexicon, phrases, negators, contrast words and intensifiers.
    """
    from cxlib.analysis.feedback.sentiment import tokenize

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it
    extra = yaml.load(Path(__file__).with_name(f"words.{lang}.yaml").read_text(encoding="utf-8"),
                      Loader=loader)
    words = _BASE[lang]()
    words.update({fold(w): float(v) for w, v in extra["words"].items()})
    phrases = {tuple(t for t, _ in tokenize(p, lang)): float(v)
               for p, v in extra["phrases"].items()}
    words.update({p[0]: v for p, v in phrases.items() if len(p) == 1})  # méfiez-vous
    phrases = {p: v for p, v in phrases.items() if len(p) > 1}
    near: dict[str, str] = {}
    for word in sorted(words, key=lambda w: (-abs(words[w]), w)):
        if len(word) >= 7 and words[word]:
            for variant in _deletes(word):
                near.setdefault(variant, word)
    return Rules(lang, words, phrases, frozenset(fold(w) for w in extra["negators"]),
                 frozenset(fold(w) for w in extra["after_ne"]),
                 frozenset(fold(w) for w in extra["contrast"]),
                 {fold(w): float(v) for w, v in extra["boosters"].items()},
                 max((len(p) for p in phrases), default=1),
                 frozenset(" ".join(t for t, _ in tokenize(w, lang))
                           for w in extra.get("expected", [])),
                 _sequences(extra.get("counterfactual", []), lang),
                 _sequences(extra.get("resolvers", []), lang),
                 frozenset(fold(w) for w in extra.get("light", [])),
                 frozenset(fold(w) for w in extra.get("inability", [])),
                 frozenset(fold(w) for w in extra.get("after_negators", [])),
                 frozenset(fold(w) for w in extra.get("litotes", [])),
                 frozenset(fold(w) for w in extra.get("privative", [])),
                 frozenset(p[0] for p in phrases),
                 frozenset(fold(w) for w in extra.get("remedies", [])),
                 frozenset(fold(w) for w in extra.get("ironic", [])),
                 frozenset(fold(w) for w in extra.get("interjections", [])),
                 _sequences(extra.get("promised", []), lang),
                 _sequences(extra.get("elapsed", []), lang),
                 _sequences(extra.get("occasions", []), lang),
                 _sequences(extra.get("formerly", []), lang),
                 _sequences(extra.get("versus_now", []), lang),
                 frozenset(fold(w) for w in extra.get("present", [])),
                 frozenset(fold(w) for w in extra.get("imperfect", [])),
                 frozenset(fold(w) for w in extra.get("greetings", [])),
                 _sequences(extra.get("enquiries", []), lang),
                 {tuple(t for t, _ in tokenize(p, lang)): float(v)
                  for p, v in extra.get("rhetorical", {}).items()}, near,
                 **{name: _sequences(extra.get(name, []), lang)
                    for name in ("rises", "falls", "concessive", "hypothetical", "wishes",
                                 "feared", "claims", "non_answers")},
                 readings={fold(w): {k: float(v) for k, v in given.items()}
                           for w, given in extra.get("readings", {}).items()},
                 **{name: frozenset(fold(w) for w in extra.get(name, [])) for name in (
                     "costs", "waiting", "durations", "amounts", "spans", "taken",
                     "contacts", "quick", "within", "subjects", "clitics", "determiners",
                     "evens", "through", "burdens", "undoing", "needs", "trivial", "always",
                     "planned", "lesser", "superlatives", "nevers")},
                 weekdays=tuple(fold(w) for w in extra.get("weekdays", [])))


def _sequences(phrases: list[str], lang: str) -> frozenset[tuple[str, ...]]:
    from cxlib.analysis.feedback.sentiment import tokenize

    return frozenset(tuple(t for t, _ in tokenize(p, lang)) for p in phrases)
