"""Finder of people's names in French and English free text.

The lexicons come from maintained packages, read once, nothing downloaded:

- first and last names: the name lists Faker ships for its French, English, Spanish,
  Italian, Portuguese, Dutch and German locales (``faker.providers.person``), about
  9,000 first names;
- common words, which a capitalised first name may also be (``Pierre``, ``Rose``,
  ``Will``): Faker's French and English word lists (``faker.providers.lorem``), and
  month, day and country names in French and English from Babel (CLDR).

A name is found when it is (in this order):

1. introduced by a title — ``M.``, ``Mme``, ``Mlle``, ``Mr``, ``Mrs``, ``Ms``, ``Miss``,
   ``Dr``… — followed by capitalised words (``Mme Bernadette Lefort``, ``Mr Pryce``);
2. a known first name, with the capitalised words that follow it as a surname
   (``Kevin``, ``Julie Martin``), unless that first name is also a common word or a
   place: such a name needs a context (rule 3);
3. a capitalised word right after words that introduce a person — ``j'ai eu``,
   ``demandez``, ``mon conseiller``, ``merci``, ``ask for``, ``spoke to``, ``my
   adviser``, ``thank you``… (``j'ai eu Maëlys``, ``ask for Grace``); after the
   strongest of them, a known first name typed in lower case too (``j'ai eu kevin``).

Words of the client's vocabulary are removed by the caller, not here.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

__all__ = ["name_spans"]

Span = tuple[int, int]

_LOCALES = ("fr_FR", "fr_BE", "fr_CA", "fr_CH", "en_GB", "en_US", "en_IE", "es_ES",
            "it_IT", "pt_PT", "nl_NL", "de_DE")
#: First names that are first of all places: taken only in a context.
_PLACES = {"florence", "nancy", "lourdes", "valence", "adelaide", "victoria", "sydney",
           "charlotte", "austin", "orlando", "paris", "jackson", "lincoln", "chester",
           "preston", "lorraine", "savoie", "vienne", "brest", "york", "china", "india",
           "georgia", "virginia", "carolina", "dakota", "chelsea", "kent", "devon",
           "jersey", "orange", "lyon", "nice", "troyes", "vendredi", "noel", "noël"}
_TITLE = (r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Docteur|Maître|"
          r"Pr\.|Professeur|Madame|Monsieur|Mademoiselle|Sir|Dame|Lady|Lord)")
_PARTICLE = r"(?:(?:de|du|des|de la|le|la|van|von|da|di|dos|ben|el)\s+|d['’]|O['’])"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAPWORD = rf"[{_UPPER}][{_LOWER}]+(?:['’\-][{_UPPER}]?[{_LOWER}]+)*"
_SEQUENCE = re.compile(rf"(?:{_PARTICLE})?{_CAPWORD}(?:\s+(?:{_PARTICLE})?{_CAPWORD})*")
_TITLED = re.compile(rf"(?<![\w])({_TITLE})(?![\w])\s+(?=(?:{_PARTICLE})?[{_UPPER}])")
_NEXT = re.compile(rf" ({_CAPWORD})(?![\w])")
_WORD = re.compile(rf"(?<![\w'’\-]){_CAPWORD}(?![\w])")
#: Words that introduce a person: a capitalised word right after them is a name.
_CONTEXT = (
    "j'ai eu", "eu affaire à", "demandez", "demander", "demandé", "s'appelle", "s'appelait",
    "prénommé", "prénommée", "nommé", "nommée", "écrire à", "écrivez à", "parler à",
    "welcome from", "help from", "call from", "message from", "email from", "un certain",
    "une certaine", "conseiller", "conseillère", "vendeur", "vendeuse", "technicien",
    "technicienne", "chauffeur", "livreur", "collègue", "responsable", "merci", "merci à",
    "parlé à", "parlé avec", "avec", "mon fils", "ma fille", "ma femme", "mon mari",
    "ma mère", "mon père", "mon frère", "ma sœur", "ma soeur", "ma voisine", "mon voisin",
    "belle-sœur", "beau-frère", "ask for", "asked for", "ask", "speak to", "spoke to",
    "spoke with", "talk to", "talked to", "named", "a guy called", "a woman called",
    "a certain", "my son", "my daughter", "my wife", "my husband", "my mum", "my mom",
    "my mother", "my dad", "my father", "my brother", "my sister", "my neighbour",
    "my neighbor", "my partner", "my adviser", "my advisor", "adviser", "advisor",
    "engineer", "driver", "colleague", "manager", "thanks to", "thank you", "thanks",
    "with", "call", "rang", "met", "dear", "bonjour", "hello", "hi")
#: The strongest of them: even a first name typed in lower case is a name after them.
_STRONG_ENDS = tuple(" " + phrase for phrase in (
    "j'ai eu", "eu affaire à", "demandez", "demander", "s'appelle", "s'appelait", "prénommé",
    "prénommée", "un certain", "une certaine", "merci", "merci à", "parlé à", "parlé avec",
    "ask for", "asked for", "speak to", "spoke to", "spoke with", "talked to", "named",
    "a guy called", "a certain", "thanks to", "thank you"))
_LOWER_WORD = re.compile(rf"(?<![\w'’\-])[{_LOWER}]{{3,}}(?![\w])")
_BREAK = re.compile(r"[\n.!?;]")  # a context stays in its sentence
_CONTEXT_ENDS = tuple(" " + phrase for phrase in _CONTEXT)
#: A place, not a person, after these words (unless a person's context comes first).
_PLACE_BEFORE = re.compile(r"(?:\b(?:à|in|from|near|en|vers|sur)|\bau) $")
_TITLES = {"sir", "dame", "lady", "lord", "madame", "monsieur", "mademoiselle", "miss",
           "docteur", "maître", "professeur"}


def _strings(values: object) -> list[str]:
    return [str(v) for v in (values.keys() if isinstance(values, dict) else values or ())]


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=1)
def lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return the first names, last names and common words (folded to lower case)."""
    first: set[str] = set()
    last: set[str] = set()
    for loc in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(_fold(n) for n in _strings(getattr(provider, attr, ())))
        last.update(_fold(n) for n in _strings(getattr(provider, "last_names", ())))
    return frozenset(first), frozenset(last), frozenset(_common_words())


def _common_words() -> set[str]:
    from babel import Locale

    words: set[str] = set(_PLACES) | _TITLES
    for loc in ("fr_FR", "en_US"):
        lorem = importlib.import_module(f"faker.providers.lorem.{loc}").Provider
        words.update(_fold(w) for w in lorem.word_list)
    for lang in ("fr", "en"):
        locale = Locale.parse(lang)
        for names in (locale.months["format"]["wide"], locale.days["format"]["wide"],
                      locale.territories):
            words.update(_fold(str(n)) for n in names.values())
    return words


def _is_name_word(word: str, first: frozenset[str], last: frozenset[str],
                  common: frozenset[str]) -> bool:
    """Whether a capitalised word may be part of a name (not a common word)."""
    folded = _fold(word)
    return folded in first or folded in last or folded not in common


def _surname(text: str, end: int, lex: tuple[frozenset[str], ...]) -> int:
    """Extend a name over the capitalised words right after ``end``; return the new end."""
    stop = end
    for _ in range(2):
        match = _NEXT.match(text, stop)
        if match is None or not _is_name_word(match.group(1), *lex) or (
                _fold(match.group(1)) in lex[2]):
            break
        stop = match.end()
    return stop


def _titled(text: str, lex: tuple[frozenset[str], ...]) -> list[Span]:
    spans = []
    for title in _TITLED.finditer(text):
        match = _SEQUENCE.match(text, title.end())
        if match is None:
            continue
        stop = match.start()
        for word in re.finditer(_CAPWORD, match.group()):
            if stop > match.start() and not _is_name_word(word.group(), *lex):
                break
            stop = match.start() + word.end()
        if stop > match.start():
            spans.append((match.start(), stop))
    return spans


def _known(word: str, first: frozenset[str]) -> bool:
    parts = _fold(word).split("-")
    return all(part in first for part in parts)


def _in_context(text: str, start: int, ends: tuple[str, ...] = _CONTEXT_ENDS) -> bool:
    tail = text[max(0, start - 30):start]
    tail = _BREAK.split(tail)[-1].rstrip(" ,:\t").lower().replace("’", "'")
    return (" " + " ".join(tail.split())).endswith(ends)


def _lower_case_names(text: str, first: frozenset[str], common: frozenset[str]) -> list[Span]:
    """Return first names typed in lower case right after words introducing a person."""
    return [m.span() for m in _LOWER_WORD.finditer(text)
            if m.group() in first and m.group() not in common
            and _in_context(text, m.start(), _STRONG_ENDS)]


def name_spans(text: str) -> list[Span]:
    """Return the spans of people's names (titles, known first names, names in context).

    Parameters
    ----------
    text : str
        Free text, French or English.

    Returns
    -------
    list of tuple of (int, int)
        Spans, possibly overlapping.
    """
    lex = lexicons()
    first, _last, common = lex
    spans = _titled(text, lex)
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        folded = _fold(word)
        known = _known(word, first)
        plain = folded not in common
        if not (known or plain):
            continue  # a common word: never a name alone
        context = _in_context(text, start)
        if not (known or context):
            continue
        end = _surname(text, match.end(), lex)
        if known and plain and not context and end == match.end() and _PLACE_BEFORE.search(
                text[max(0, start - 6):start]):
            continue  # "à Oran", "in Chester": a place
        if (known and (plain or end > match.end() or context)) or (context and plain):
            spans.append((start, end))
    return spans + _lower_case_names(text, first, common)
