"""Find personal data in free text, French and English: what, where, of which kind.

A :class:`Detector` is built once per client (its roster, its vocabulary, its own
identifier patterns) and applied to many texts. The kinds, in the order they are looked
for — a later kind never takes a piece of an earlier one:

=============  ==================================================================
``email``      e-mail addresses, also written ``name (at) domain (dot) com``
``iban``       IBANs whose ISO 13616 mod-97 check holds
``nir``        French social-security numbers (key checked), or after *sécu*; before
               cards: a NIR's structure and key are stricter than Luhn's one in ten
``card``       payment cards (Luhn), or 13–19 digits right after *carte*/*card*
``nino``       UK National Insurance numbers (HMRC's format rules)
``bank``       French RIBs (key checked), UK sort codes with account numbers
``customer``   the client's own identifiers (``privacy: patterns:`` in client.yaml)
``dob``        dates stated as dates of birth
``address``    French and British street addresses, UK postcodes
``phone``      phone numbers (libphonenumber, then patterns)
``roster``     names of the interview roster, replaced by the person's role label
``name``       other people's names (:mod:`cxlib.privacy._names`)
=============  ==================================================================

The client's vocabulary — stage, channel, touchpoint, persona and department labels,
codebook labels, the client's and its brands' names — is never redacted: a name or an
address found over a word of the vocabulary is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cxlib.privacy import _identifiers as ids
from cxlib.privacy._names import name_spans
from cxlib.privacy._pii import address_spans, email_spans, iban_spans, phone_spans

__all__ = ["KINDS", "Detector", "Found"]

#: Every kind of personal data, in the order it is looked for.
KINDS = ("email", "iban", "nir", "card", "nino", "bank", "customer", "dob", "address",
         "phone", "roster", "name")
#: Kinds a word of the client's vocabulary overrides (the others are checked numbers).
_SOFT = {"name", "address", "roster"}
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Found:
    """One item of personal data found in a text.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    start, end : int
        Where it is in the text.
    label : str or None
        For a roster name, the person's role label (None when shared by two people).
    """

    kind: str
    start: int
    end: int
    label: str | None = None


def _vocabulary_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    terms = sorted({w.strip() for w in words if w and len(w.strip()) > 1}, key=len,
                   reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)",
                      re.IGNORECASE)


class Detector:
    """Find personal data in texts, for one client.

    Parameters
    ----------
    roster : polars.DataFrame, mapping or iterable of mappings, optional
        The interview roster (see :func:`cxlib.privacy.redaction.roster_names`).
    keep : iterable of str, optional
        The client's vocabulary: words and labels never redacted.
    patterns : mapping of str to str, optional
        The client's identifiers, as regular expressions (found as whole words).
    regions : tuple of str
        Regions whose national phone formats are recognised.
    names : bool
        Whether to look for people's names beyond the roster.
    """

    def __init__(self, roster: Any = None, *, keep: Iterable[str] = (),
                 patterns: Mapping[str, str] | None = None,
                 regions: tuple[str, ...] = ("FR", "GB"), names: bool = True) -> None:
        from cxlib.privacy.redaction import _fold, _name_pattern, roster_names

        self._roster = roster_names(roster)
        self._roster_re = _name_pattern(self._roster)
        self._fold = _fold
        self._keep = _vocabulary_pattern(keep)
        self._patterns = [re.compile(rf"(?<![\w])(?:{p})(?![\w])")
                          for p in (patterns or {}).values()]
        self._regions = regions
        self._names = names

    def _finders(self, text: str) -> list[tuple[str, Callable[[str], list[tuple[int, int]]]]]:
        digits = _DIGIT.search(text) is not None
        out: list[tuple[str, Callable[[str], list[tuple[int, int]]]]] = [
            ("email", lambda s: email_spans(s) + ids.obfuscated_email_spans(s))]
        if digits:
            out += [("iban", iban_spans), ("nir", ids.nir_spans), ("card", ids.card_spans),
                    ("nino", ids.nino_spans),
                    ("bank", lambda s: ids.rib_spans(s) + ids.bank_spans(s)),
                    ("customer", self._customer_spans), ("dob", ids.birth_date_spans),
                    ("address", address_spans),
                    ("phone", lambda s: phone_spans(s, self._regions))]
        elif self._patterns:
            out.append(("customer", self._customer_spans))
        return out

    def _customer_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for p in self._patterns for m in p.finditer(text)]

    def find(self, text: str) -> list[Found]:
        """Return the personal data in ``text``, in reading order, never overlapping.

        Parameters
        ----------
        text : str
            Free text.

        Returns
        -------
        list of Found
            The items found.
        """
        if not text:
            return []
        kept = [m.span() for m in self._keep.finditer(text)] if self._keep else []
        found: list[Found] = []
        taken: list[tuple[int, int]] = []

        def add(kind: str, spans: Iterable[tuple[int, int]], label: Callable | None = None) -> None:
            for start, end in sorted(spans):
                if end <= start or any(s < end and start < e for s, e in taken):
                    continue
                if kind in _SOFT and any(s < end and start < e for s, e in kept):
                    continue
                taken.append((start, end))
                found.append(Found(kind, start, end, label(text[start:end]) if label else None))

        for kind, finder in self._finders(text):
            add(kind, finder(text))
        if self._roster_re is not None:
            add("roster", [m.span() for m in self._roster_re.finditer(text)],
                lambda s: self._roster.get(self._fold(s)))
        if self._names:
            add("name", name_spans(text))
        return sorted(found, key=lambda f: f.start)
