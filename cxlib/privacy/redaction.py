"""Pseudonymise quotes: roster names become role labels; contact details are redacted.

:func:`redact` replaces, in this order, so that a later pass never sees a piece of an
earlier one: email addresses (``[email]``), IBANs (``[IBAN]``), postal addresses
(``[adresse]``/``[address]``), phone numbers (``[téléphone]``/``[phone]``), then every
name of the interview roster — full name, first name, last name — by the person's role
label in brackets (``[Client, persona B]``). Name matching ignores case and accents
(``Hélène``, ``HELENE`` and ``Hélène`` written with a combining accent are one name)
and respects word boundaries (``Marie`` is not found in ``Mariette``). A first name
that is also a common word (``Claire``, ``Pierre``) is redacted too: in quotes, too
much redaction is the safe error. A name shared by two people with different labels
becomes ``[nom]``/``[name]``.

:func:`quotable` keeps the respondents who consented to be quoted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import polars as pl

from cxlib.privacy._pii import address_spans, email_spans, iban_spans, phone_spans

__all__ = ["PLACEHOLDERS", "quotable", "redact", "roster_names"]

#: Placeholders per language.
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "fr": {"email": "[email]", "phone": "[téléphone]", "iban": "[IBAN]",
           "address": "[adresse]", "name": "[nom]"},
    "en": {"email": "[email]", "phone": "[phone]", "iban": "[IBAN]",
           "address": "[address]", "name": "[name]"},
}
_YES = {"true", "1", "oui", "o", "yes", "y", "x", "vrai", "1.0"}
_COMBINING = "[\u0300-\u036f]*"
_LABEL_KEYS = ("label", "role_label", "pseudonym", "libellé", "role")
_PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "da", "di", "d'",
              "mc", "mac", "el", "al", "ben"}


def _fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents, separators collapsed."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"[\s\-‐]+", " ", bare.lower().replace("’", "'")).strip()


def _variants() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        base = _fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            table.setdefault(base, {base, base.upper()}).add(char)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in table.items()}


_CLASSES = _variants()


def _char_pattern(char: str) -> str:
    base = _fold(char)
    if base in _CLASSES:
        return _CLASSES[base] + _COMBINING
    if char.isspace() or char in "-‐":
        return r"[\s\-‐]+"
    if char in "'’":
        return "['’]"
    return re.escape(char)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    parts = ["".join(_char_pattern(c) for c in name.strip())
             for name in sorted(set(names), key=len, reverse=True)]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _records(roster: Any) -> list[dict[str, Any]]:
    if isinstance(roster, pl.DataFrame):
        return roster.to_dicts()
    if isinstance(roster, Mapping):
        return [{"name": name, "label": label} for name, label in roster.items()]
    return [dict(r) for r in roster or ()]


def roster_names(roster: Any) -> dict[str, str | None]:
    """Return every name variant of a roster with the role label replacing it.

    Parameters
    ----------
    roster : polars.DataFrame, mapping or iterable of mappings
        People: ``name`` (full name) and ``label`` (role label), optionally
        ``first_name`` and ``last_name``; or a mapping full name -> label.

    Returns
    -------
    dict of str to str or None
        Folded variant (lower case, no accents) -> label; None when two people with
        different labels share the variant.
    """
    names: dict[str, str | None] = {}
    for person in _records(roster):
        label = next((person[k] for k in _LABEL_KEYS if person.get(k)), None)
        full = str(person.get("name") or "").strip()
        words = full.split()
        variants = {full, str(person.get("first_name") or ""), str(person.get("last_name") or "")}
        if len(words) > 1:
            variants |= {words[0], " ".join(words[1:]), words[-1]}
        for variant in variants:
            key = _fold(variant)
            if len(key) < 2 or key in _PARTICLES:
                continue
            names[key] = label if names.get(key, label) == label else None
    return names


def _replace(text: str, spans: list[tuple[int, int]], placeholder: str | Callable) -> str:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        piece = placeholder(text[start:end]) if callable(placeholder) else placeholder
        out += [text[last:start], piece]
        last = end
    return "".join([*out, text[last:]])


def redact(text: str, roster: Any = None, lang: str = "fr",
           regions: tuple[str, ...] = ("FR", "GB")) -> str:
    """Return ``text`` pseudonymised for quoting.

    Parameters
    ----------
    text : str
        A quote or a whole transcript.
    roster : polars.DataFrame, mapping or iterable of mappings, optional
        The interview roster (see :func:`roster_names`).
    lang : {"fr", "en"}
        Language of the placeholders.
    regions : tuple of str
        Regions whose national phone formats are recognised.

    Returns
    -------
    str
        The text with emails, IBANs, addresses, phone numbers and roster names replaced.

    Examples
    --------
    >>> redact("Marie Dupont (marie@acme.fr, 06 12 34 56 78)",
    ...        {"Marie Dupont": "Cliente, persona B"})
    '[Cliente, persona B] ([email], [téléphone])'
    """
    marks = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
    text = _replace(text, email_spans(text), marks["email"])
    text = _replace(text, iban_spans(text), marks["iban"])
    text = _replace(text, address_spans(text), marks["address"])
    text = _replace(text, phone_spans(text, regions), marks["phone"])
    names = roster_names(roster)
    pattern = _name_pattern(names)
    if pattern is None:
        return text

    def label(found: str) -> str:
        name = names.get(_fold(found))
        return f"[{name}]" if name else marks["name"]

    return _replace(text, [m.span() for m in pattern.finditer(text)], label)


def quotable(interviews: pl.DataFrame, column: str = "consent") -> pl.DataFrame:
    """Keep the respondents who may be quoted.

    Parameters
    ----------
    interviews : polars.DataFrame
        The interviews (or roster); when it has a consent column (``column``, else
        ``consentement``), only rows whose consent is yes are kept — ``true``, ``1``,
        ``oui``, ``yes``, ``x``…; an empty consent counts as no.
    column : str
        Name of the consent column.

    Returns
    -------
    polars.DataFrame
        The rows that may be quoted (all of them when there is no consent column).
    """
    name = next((c for c in (column, "consentement") if c in interviews.columns), None)
    if name is None:
        return interviews
    consent = pl.col(name).cast(pl.String).str.strip_chars().str.to_lowercase()
    return interviews.filter(consent.is_in(list(_YES)).fill_null(False))
