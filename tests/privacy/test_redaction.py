"""Pseudonymisation: canaries in French and English, and properties over generated text."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.coding import quotable, redact

ROSTER = pl.DataFrame({
    "name": ["Marie Dupont", "Jean-Pierre Le Goff", "Hélène Durand", "Oliver Smith"],
    "label": ["Cliente, persona B", "Conseiller du centre d'appels", "Customer, persona A",
              "Store manager"],
})

FR_CANARIES = [
    ("Marie Dupont m'a rappelée.", "[Cliente, persona B] m'a rappelée."),
    ("J'ai vu MARIE hier, puis Mme dupont.", "J'ai vu [Cliente, persona B] hier, puis Mme "
                                            "[Cliente, persona B]."),
    ("jean pierre, enfin M. Le Goff", "[Conseiller du centre d'appels], enfin M. "
                                      "[Conseiller du centre d'appels]"),
    ("Helene et HÉLÈNE et He\u0301le\u0300ne", "[Customer, persona A] et [Customer, persona A] "
                                               "et [Customer, persona A]"),
    ("Dupontel et Mariedupont restent.", "Dupontel et Mariedupont restent."),
    ("Écrivez à marie.dupont@acme.fr.", "Écrivez à [email]."),
    ("Tél. 06 12 34 56 78 ou 06.12.34.56.78", "Tél. [téléphone] ou [téléphone]"),
    ("fixe 0145678901, portable +33 6 12 34 56 78", "fixe [téléphone], portable [téléphone]"),
    ("depuis l'étranger 0033 (0)6 12 34 56 78", "depuis l'étranger [téléphone]"),
    ("IBAN FR76 3000 6000 0112 3456 7890 189 merci", "IBAN [IBAN] merci"),
    ("IBAN FR7630006000011234567890189.", "IBAN [IBAN]."),
    ("J'habite au 12 rue de la Paix, 75002 Paris depuis 2019.",
     "J'habite au [adresse] depuis 2019."),
    ("5 bis, avenue du Général de Gaulle 92100 Boulogne-Billancourt",
     "[adresse]"),
    ("au 3 place des Vosges, c'est joli", "au [adresse], c'est joli"),
]
EN_CANARIES = [
    ("Oliver Smith said hello", "[Store manager] said hello"),
    ("mail oliver_smith+cx@shop.co.uk now", "mail [email] now"),
    ("call 020 7946 0958 or +44 20 7946 0958", "call [phone] or [phone]"),
    ("mobile 07700 900123, US +1 415 555 2671", "mobile [phone], US [phone]"),
    ("pay GB82 WEST 1234 5698 7654 32 today", "pay [IBAN] today"),
    ("IBAN DE89370400440532013000", "IBAN [IBAN]"),
    ("He lives at 10 Downing Street, London SW1A 2AA.", "He lives at [address]."),
    ("221B Baker Street is famous", "[address] is famous"),
    ("send it to EC1A 1BB please", "send it to [address] please"),
]
KEPT = [
    "Le 12/03/2024 à 10h30, j'ai attendu 20 minutes.",
    "It cost 1 200 000 euros in 2019 and 2020; order #123456.",
    "I waited 20 minutes on the road, NPS 45, CSAT 4.5/5.",
    "IBAN FR76 3000 6000 0112 3456 7890 180 is not valid",  # wrong check digits
    "La Claire-Fontaine, version 2.3.1, ticket 75002.",
]


@pytest.mark.parametrize(("text", "expected"), FR_CANARIES)
def test_french_canaries(text: str, expected: str) -> None:
    assert redact(text, ROSTER, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), EN_CANARIES)
def test_english_canaries(text: str, expected: str) -> None:
    assert redact(text, ROSTER, "en") == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_and_words_are_kept(text: str) -> None:
    if "180 is not valid" in text:
        assert "FR76 3000 6000" in redact(text, ROSTER, "en")
    else:
        assert redact(text, ROSTER, "en") == text


def test_roster_as_mapping_and_shared_first_names() -> None:
    roster = [{"name": "Marie Dupont", "label": "Client A"},
              {"name": "Marie Curie", "label": "Client B"}]
    assert redact("Marie Curie et Marie", roster, "fr") == "[Client B] et [nom]"
    assert redact("Ask Bob", {"Bob Jones": "Agent"}, "en") == "Ask [Agent]"
    assert redact("no roster 06 12 34 56 78", None, "en") == "no roster [phone]"


def test_quotable_keeps_consenting_respondents_only() -> None:
    interviews = pl.DataFrame({"interview_id": ["I1", "I2", "I3", "I4", "I5"],
                               "consent": ["oui", "non", None, "Yes", "x"]})
    assert quotable(interviews)["interview_id"].to_list() == ["I1", "I4", "I5"]
    booleans = pl.DataFrame({"interview_id": ["I1", "I2"], "consentement": [True, False]})
    assert quotable(booleans)["interview_id"].to_list() == ["I1"]
    plain = pl.DataFrame({"interview_id": ["I1"]})
    assert quotable(plain).equals(plain)


_LOCAL = st.from_regex(r"[a-z][a-z0-9._%+\-]{0,15}[a-z0-9]", fullmatch=True)
_DOMAIN = st.from_regex(r"[a-z][a-z0-9\-]{0,10}[a-z0-9]\.(fr|com|co\.uk|org|io)", fullmatch=True)
_EMAILS = st.builds(lambda local, domain: f"{local}@{domain}", _LOCAL, _DOMAIN)
_PAIRS = st.lists(st.integers(0, 99), min_size=4, max_size=4)


def _fr_phone(first: int, pairs: list[int], sep: str, international: bool) -> str:
    digits = [f"{first}"] + [f"{p:02d}" for p in pairs]
    body = sep.join(digits)
    return f"+33 {body}" if international else f"0{body}"


_FR_PHONES = st.builds(_fr_phone, st.integers(1, 7), _PAIRS, st.sampled_from([" ", ".", "-", ""]),
                       st.booleans())
_UK_PHONES = st.builds(lambda a, b, intl: (f"+44 7700 {a:03d}{b:03d}" if intl
                                           else f"07700 {a:03d}{b:03d}"),
                       st.integers(0, 999), st.integers(0, 999), st.booleans())
_PROSE = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs", "P"]),
                 max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_redaction_never_raises(text: str) -> None:
    assert isinstance(redact(text, ROSTER, "fr"), str)
    assert isinstance(redact(text, None, "en"), str)


@settings(max_examples=150, deadline=None)
@given(_PROSE, st.one_of(_EMAILS, _FR_PHONES, _UK_PHONES), _PROSE)
def test_redaction_never_leaves_an_email_or_phone(before: str, secret: str, after: str) -> None:
    out = redact(f"{before} {secret} {after}", ROSTER, "fr")
    assert secret not in out
    if "@" not in secret:
        digits = "".join(c for c in secret if c.isdigit())[-8:]
        assert digits not in "".join(c for c in out if c.isdigit())
