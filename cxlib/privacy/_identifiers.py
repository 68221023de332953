"""Finders of identifiers in free text: cards, NIR, NI numbers, bank details, birth dates.

Each finder returns the ``(start, end)`` spans it found. Numbers that carry a checksum are
taken only when it holds, so that order numbers and amounts survive: payment cards under
the Luhn checksum (``stdnum.luhn``), French social-security numbers (NIR) under their key
(``stdnum.fr.nir``, Corsica's 2A/2B included), French RIBs under their key. Right after a
word naming the identifier (``carte``, ``card``, ``sécu``, ``RIB``…) a number of the right
shape is taken even when its checksum fails: a mistyped card number is still personal data.
UK National Insurance numbers follow HMRC's format rules (prefix letters, no unallocated
prefix, suffix A–D); a sort code (``nn-nn-nn``) and an 8-digit account number are taken
together or after the words that name them. A date is a date of birth only when the text
says so (``né le``, ``date de naissance``, ``born on``, ``DOB``).
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.fr import nir

__all__ = [
    "bank_spans",
    "birth_date_spans",
    "card_spans",
    "nino_spans",
    "nir_spans",
    "obfuscated_email_spans",
    "rib_spans",
]

Span = tuple[int, int]

_CARD = re.compile(r"(?<![\w.,])(?<!\d[ \-])\d(?:[ \-]?\d){12,18}(?![ \-]?\d)(?![\w])")
_CARD_WORDS = re.compile(
    r"(?i:carte|cb|card|visa|mastercard|master card|amex|american express|maestro|"
    r"num[ée]ro de carte|card number|card no)\W{0,6}(?:\w+\W{1,3}){0,3}$")
_NIR = re.compile(
    r"(?<![\w])[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[ABab])[ .]?"
    r"\d{3}[ .]?\d{3}(?:[ .]?\d{2})?(?![\w])")
_NIR_WORDS = re.compile(
    r"(?i:s[ée]cu|s[ée]curit[ée] sociale|nir|insee|carte vitale|num[ée]ro social)"
    r"\W{0,6}(?:\w+\W{1,3}){0,3}$")
_NINO = re.compile(r"(?<![\w])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![\w])")
_NINO_FIRST, _NINO_SECOND = set("ABCEGHJKLMNOPRSTWXYZ"), set("ABCEGHJKLMNPRSTWXYZ")
_NINO_UNUSED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_SORT_CODE = re.compile(r"(?<![\w\-/.])(?<!\d )\d{2}(-| )\d{2}\1\d{2}(?![\w\-/])(?![.,]\d)(?! \d)")
_ACCOUNT = re.compile(r"(?<![\w\-/.,])\d{8}(?![\w\-/])(?![.,]\d)")
_SORT_WORDS = re.compile(r"(?i:sort[ -]?code|s/c)\W{0,4}$")
_ACCOUNT_WORDS = re.compile(
    r"(?i:account(?: number| no\.?)?|acct\.?(?: no\.?)?|a/c(?: no\.?)?|num[ée]ro de compte|"
    r"compte(?: n°| bancaire)?)\W{0,4}$")
_BANKING = re.compile(r"(?i:sort[ -]?code|account|acct|a/c|bank|banque|bancaire|compte)")
_RIB = re.compile(r"(?<![\w])(\d{5}) ?(\d{5}) ?([0-9A-Za-z]{11}) ?(\d{2})(?![\w])")
_RIB_WORDS = re.compile(r"(?i:rib|relev[ée] d'identit[ée] bancaire|coordonn[ée]es bancaires)"
                        r"\W{0,6}$")
_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
           r"novembre|d[ée]cembre|january|february|march|april|may|june|july|august|"
           r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
           r"nov|dec")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})"
         rf"|\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?i:{_MONTHS})\.?,?\s+\d{{4}}"
         rf"|(?i:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         rf"|\d{{4}}-\d{{2}}-\d{{2}})(?!\d)")
_BIRTH = re.compile(
    rf"(?<![\w'’])(?i:n[ée]e?s?\s+le|date\s+de\s+naissance|naissance|born(?:\s+on)?|"
    rf"date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?)\s*[:(,\-–]?\s*(?:le\s+|on\s+|the\s+)?({_DATE})")
_AT = r"(?:[\(\[\{<]\s*(?:at|arobase|chez|@)\s*[\)\]\}>]|\s(?:at|arobase)\s)"
_DOT = r"(?:\s*[\(\[\{<]\s*(?:dot|point)\s*[\)\]\}>]\s*|\s(?:dot|point)\s|\.)"
_OBFUSCATED = re.compile(
    rf"(?<![\w.%+\-])[\w.%+\-]+\s*{_AT}\s*[\w\-]+(?:{_DOT}[\w\-]+)*"
    rf"{_DOT}(?i:com|fr|net|org|eu|be|ch|ca|uk|co\.uk|de|io|info|biz)\b")


def _before(text: str, start: int, words: re.Pattern[str], width: int = 40) -> bool:
    """Whether ``words`` end right before ``start`` (within ``width`` characters)."""
    return words.search(text[max(0, start - width):start]) is not None


def _digits(found: str) -> str:
    return re.sub(r"[ .\-]", "", found)


def card_spans(text: str) -> list[Span]:
    """Return the spans of payment card numbers (Luhn, or 13–19 digits after *card*)."""
    spans = []
    for match in _CARD.finditer(text):
        number = _digits(match.group())
        if 13 <= len(number) <= 19 and (
                luhn.is_valid(number) or _before(text, match.start(), _CARD_WORDS)):
            spans.append(match.span())
    return spans


def nir_spans(text: str) -> list[Span]:
    """Return the spans of French NIRs whose key holds, or of NIR shape after *sécu*."""
    spans = []
    for match in _NIR.finditer(text):
        number = _digits(match.group()).upper()
        if (len(number) == 15 and nir.is_valid(number)) or _before(
                text, match.start(), _NIR_WORDS):
            spans.append(match.span())
    return spans


def nino_spans(text: str) -> list[Span]:
    """Return the spans of UK National Insurance numbers (HMRC's format rules)."""
    spans = []
    for match in _NINO.finditer(text):
        prefix = match.group()[:2].upper()
        if (prefix[0] in _NINO_FIRST and prefix[1] in _NINO_SECOND
                and prefix not in _NINO_UNUSED):
            spans.append(match.span())
    return spans


def _near(one: re.Match[str], others: list[re.Match[str]]) -> bool:
    return any(abs(o.start() - one.end()) < 45 or abs(one.start() - o.end()) < 45
               for o in others)


def bank_spans(text: str) -> list[Span]:
    """Return the spans of UK sort codes and account numbers (together or named).

    A sort code and an account number are taken together only in a text that speaks of a
    bank account (``sort code``, ``account``, ``bank``…): a date and an order number are not.
    """
    codes = list(_SORT_CODE.finditer(text))
    accounts = list(_ACCOUNT.finditer(text))
    banking = _BANKING.search(text) is not None
    spans = []
    for code in codes:
        named = _before(text, code.start(), _SORT_WORDS, 16)
        if named or (banking and code.group(1) == "-" and _near(code, accounts)):
            spans.append(code.span())
    for account in accounts:
        if _before(text, account.start(), _ACCOUNT_WORDS, 24) or (
                banking and _near(account, codes)):
            spans.append(account.span())
    return spans


def _rib_key(bank: str, branch: str, account: str) -> int:
    digits = account.upper().translate(str.maketrans(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789"))
    return 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97)


def rib_spans(text: str) -> list[Span]:
    """Return the spans of French RIBs whose key holds, or of RIB shape after *RIB*."""
    spans = []
    for match in _RIB.finditer(text):
        bank, branch, account, key = match.groups()
        if _rib_key(bank, branch, account) == int(key) or _before(
                text, match.start(), _RIB_WORDS):
            spans.append(match.span())
    return spans


def birth_date_spans(text: str) -> list[Span]:
    """Return the spans of dates stated as dates of birth."""
    return [m.span(1) for m in _BIRTH.finditer(text)]


def obfuscated_email_spans(text: str) -> list[Span]:
    """Return the spans of e-mail addresses written ``name (at) domain (dot) com``."""
    return [m.span() for m in _OBFUSCATED.finditer(text)]
