"""Finders of personal data in free text: emails, phone numbers, IBANs, postal addresses.

Each finder returns the ``(start, end)`` spans it found. Phone numbers come from
``phonenumbers.PhoneNumberMatcher`` (Google's libphonenumber) for French and British
numbers and any international number written with its country code, completed by
patterns for what it leaves out (``06 12 34 56 78`` written oddly, Ofcom's reserved
``07700 900123``). IBANs are only taken when their ISO 13616 mod-97 check holds.
"""

from __future__ import annotations

import re

import phonenumbers

__all__ = ["address_spans", "email_spans", "iban_spans", "phone_spans"]

Span = tuple[int, int]

_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_SEP = r"[\s.\-\u00a0]?"
_PHONE_FALLBACK = re.compile(
    rf"(?<![\w+])(?:"
    rf"(?:(?:\+|00)33{_SEP}(?:\(0\){_SEP})?[1-9]|0[1-9])(?:{_SEP}\d{{2}}){{4}}"  # FR
    rf"|(?:(?:\+|00)44{_SEP}(?:\(0\){_SEP})?|0)"  # UK: 10 digits after the trunk 0
    rf"(?:7\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}|\d{{2,4}}{_SEP}\d{{3,4}}{_SEP}\d{{3,4}})"
    rf"|\+\d[\d\s.\-()\u00a0]{{6,20}}\d"  # any other +country number
    rf")(?!\d)"
)
#: Where a phone number may be: a run of digits and separators, with its prefix.
_CANDIDATE = re.compile(r"(?<![\w+(])(?:\+|\(\+?|0)\d*[\s.\-()/\u00a0]*\d"
                        r"[\d\s.\-()/\u00a0]{4,24}\d")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ \u00a0]?[A-Za-z0-9]){11,34}")

_FR_TYPES = (r"rue|avenue|av\.|boulevard|bd|place|impasse|allée|allee|chemin|route|quai|"
             r"cours|square|passage|faubourg|rond-point|villa|cité|cite|voie|sentier|"
             r"résidence|residence|hameau|lieu-dit|parvis|promenade|esplanade|chaussée")
_PARTICLE = r"(?:(?:de|du|des|la|le|les|aux|au|sur|sous|en)\b|d['’]|l['’])"
_CAP = r"(?:[dDlL]['’])?[A-ZÀ-Ý0-9][\w'’\-.]*"
_WORD = r"(?:[dDlL]['’])?[^\W\d_][\w'’\-.]*"
_FR_CITY = rf"[A-ZÀ-Ýa-zà-ÿ][\w'’]*(?:(?:[ \-]{_PARTICLE})*[ \-]{_CAP})*"
_FR_ADDRESS = re.compile(
    rf"(?<!\w)\d{{1,4}}(?:\s?(?:bis|ter|quater|[abc])\b)?,?\s+(?i:{_FR_TYPES})\b"
    rf"(?:\s+{_PARTICLE})*\s*{_WORD}(?:(?:\s+{_PARTICLE})*\s+{_CAP})*"
    rf"(?:,?\s+\d{{5}}(?:\s+{_FR_CITY})?)?"
)
_UK_POSTCODE = r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})"
_UK_TYPES = (r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Place|Pl|Square|"
             r"Sq|Court|Ct|Crescent|Terrace|Gardens|Grove|Hill|Row|Mews|Walk|Park|Parade|"
             r"Green|Rise|Vale|Wharf|Yard|Gate|Embankment")
_UK_ADDRESS = re.compile(
    rf"(?<!\w)\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{_UK_TYPES})\b\.?"
    rf"(?:,\s*[A-Z][\w'’\-]*(?:\s+[A-Z][a-z][\w'’\-]*)*)?(?:,?\s+{_UK_POSTCODE}\b)?"
)
_UK_POSTCODE_ALONE = re.compile(rf"(?<![\w])(?:{_UK_POSTCODE})(?![\w])")


def email_spans(text: str) -> list[Span]:
    """Return the spans of email addresses."""
    return [m.span() for m in _EMAIL.finditer(text)]


def phone_spans(text: str, regions: tuple[str, ...] = ("FR", "GB")) -> list[Span]:
    """Return the spans of phone numbers (libphonenumber, then patterns).

    Parameters
    ----------
    text : str
        Free text.
    regions : tuple of str
        Regions whose national formats are recognised; numbers written with a country
        code are recognised whatever the region.

    Returns
    -------
    list of tuple of (int, int)
        Spans, possibly overlapping.
    """
    spans = [m.span() for m in _PHONE_FALLBACK.finditer(text)
             if sum(ch.isdigit() for ch in m.group()) >= 8]
    for window in _CANDIDATE.finditer(text):  # libphonenumber only where a number may be
        if (sum(ch.isdigit() for ch in window.group()) < 8
                or any(s <= window.start() and window.end() <= e for s, e in spans)):
            continue
        start = max(0, window.start() - 1)
        piece = text[start:window.end() + 1]
        spans += [(start + m.start, start + m.end) for region in regions
                  for m in phonenumbers.PhoneNumberMatcher(piece, region)]
    return spans


def _mod97(compact: str) -> bool:
    if not (compact[:2].isalpha() and compact[2:4].isdigit() and compact.isalnum()):
        return False
    digits = "".join(str(int(ch, 36)) for ch in (compact[4:] + compact[:4]).upper())
    return int(digits) % 97 == 1


def iban_spans(text: str) -> list[Span]:
    """Return the spans of IBANs whose mod-97 check digits hold (ISO 13616).

    The longest prefix of a candidate (cut between groups) that is a valid IBAN is
    taken, so a word written right after an IBAN does not hide it.
    """
    spans = []
    for match in _IBAN.finditer(text):
        candidate = match.group()
        ends = [i + 1 for i, ch in enumerate(candidate)
                if ch.isalnum() and (i + 1 == len(candidate) or not candidate[i + 1].isalnum())]
        for end in sorted(ends, reverse=True):
            compact = re.sub(r"\s", "", candidate[:end])
            if 15 <= len(compact) <= 34 and _mod97(compact):
                spans.append((match.start(), match.start() + end))
                break
    return spans


def address_spans(text: str) -> list[Span]:
    """Return the spans of French and British street addresses and UK postcodes."""
    return [m.span() for pattern in (_FR_ADDRESS, _UK_ADDRESS, _UK_POSTCODE_ALONE)
            for m in pattern.finditer(text)]
