"""Pseudonymise quotes: roster names become role labels; other personal data is redacted.

:func:`redact` replaces every item of personal data that
:class:`cxlib.privacy.detect.Detector` finds — e-mails, IBANs, NIRs, payment cards, NI
numbers, bank details, the client's own identifiers, dates of birth, postal addresses,
phone numbers, names — by its placeholder in the client's language (``[email]``,
``[carte]``/``[card]``, ``[nom]``/``[name]``…, from ``cxlib/i18n/privacy.*.yaml``),
and every name of the interview roster — full name, first name, last name — by the
person's role label in brackets (``[Client, persona B]``). Roster names are matched
ignoring case and accents (``Hélène``, ``HELENE`` and ``Hélène`` written with a
combining accent are one name) and at word boundaries (``Marie`` is not found in
``Mariette``). A first name that is also a common word (``Claire``, ``Pierre``) is
redacted too: in quotes, too much redaction is the safe error. A name shared by two
people with different labels becomes ``[nom]``/``[name]``. The client's vocabulary is
never redacted (see :mod:`cxlib.privacy.policy`).

:func:`quotable` keeps the respondents who consented to be quoted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import polars as pl

from cxlib.i18n import t as _t
from cxlib.privacy.detect import KINDS, Detector

__all__ = ["PLACEHOLDERS", "quotable", "redact", "roster_names"]

#: Placeholders per language and kind (from the catalogs ``cxlib/i18n/privacy.*.yaml``).
PLACEHOLDERS: dict[str, dict[str, str]] = {
    lang: {kind: _t(f"privacy_ph_{kind}", lang) for kind in KINDS if kind != "roster"}
    for lang in ("fr", "en")}
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


def redact(text: str, roster: Any = None, lang: str = "fr",
           regions: tuple[str, ...] = ("FR", "GB"), *, keep: Iterable[str] | None = None,
           patterns: Mapping[str, str] | None = None, names: bool = True,
           counts: Counter[str] | None = None) -> str:
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
    keep : iterable of str, optional
        The client's vocabulary, never redacted (default: that of the client being
        rendered, see :func:`cxlib.privacy.policy.active_policy`).
    patterns : mapping of str to str, optional
        The client's own identifiers as regular expressions (default: likewise).
    names : bool
        Whether people's names beyond the roster are looked for.
    counts : collections.Counter, optional
        Incremented by kind for each item redacted (counts only, never values).

    Returns
    -------
    str
        The text with every item of personal data replaced (see
        :class:`cxlib.privacy.detect.Detector`); roster names by the person's role label.

    Examples
    --------
    >>> redact("Marie Dupont (marie@acme.fr, 06 12 34 56 78)",
    ...        {"Marie Dupont": "Cliente, persona B"})
    '[Cliente, persona B] ([email], [téléphone])'
    >>> redact("J'ai eu Kevin, ma carte 4970 1012 3456 7890.", lang="fr")
    "J'ai eu [nom], ma carte [carte]."
    """
    if not text:
        return text
    detector = _detector(roster, keep, patterns, regions, names)
    marks = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
    out, last = [], 0
    for item in detector.find(text):
        if item.kind == "roster":
            piece = f"[{item.label}]" if item.label else marks["name"]
        else:
            piece = marks[item.kind]
        out += [text[last:item.start], piece]
        last = item.end
        if counts is not None:
            counts[item.kind] += 1
    return "".join([*out, text[last:]])


def _detector(roster: Any, keep: Iterable[str] | None, patterns: Mapping[str, str] | None,
              regions: tuple[str, ...], names: bool) -> Detector:
    from cxlib.privacy.policy import active_policy

    policy = active_policy()
    keep = policy.keep if keep is None else keep
    patterns = policy.patterns if patterns is None else patterns
    if roster is None:  # the common case, once per quote: built once per policy
        return _cached_detector(tuple(keep), tuple(sorted(patterns.items())), regions, names)
    return Detector(roster, keep=keep, patterns=patterns, regions=regions, names=names)


@lru_cache(maxsize=8)
def _cached_detector(keep: tuple[str, ...], patterns: tuple[tuple[str, str], ...],
                     regions: tuple[str, ...], names: bool) -> Detector:
    return Detector(None, keep=keep, patterns=dict(patterns), regions=regions, names=names)


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
