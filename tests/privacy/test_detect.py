"""Detection beyond the roster: the issue's examples, checksums, vocabulary, client patterns."""

from __future__ import annotations

import os
from collections import Counter
from typing import ClassVar

import pytest

from cxlib.coding import redact
from cxlib.errors import ConfigError
from cxlib.privacy.detect import Detector
from cxlib.privacy.policy import POLICY_ENV, Policy, active_policy, client_policy, write_policy


def test_the_issue_examples_are_redacted() -> None:
    fr = ("Au téléphone, Mme Bernadette Lefort m'a promis un rappel, puis Kevin du SAV "
          "aussi.")
    assert redact(fr, lang="fr") == ("Au téléphone, Mme [nom] m'a promis un rappel, puis "
                                     "[nom] du SAV aussi.")
    assert redact("My adviser, Mr Jonathan Pryce, said call Sarah.", lang="en") == (
        "My adviser, Mr [name], said call [name].")
    assert redact("ma carte 4970 1012 3456 7890", lang="fr") == "ma carte [carte]"
    assert redact("numéro de sécu 1 85 03 75 116 001 42", lang="fr") == (
        "numéro de sécu [n° de sécu]")
    assert redact("NI AB 12 34 56 C, sort code 20-00-00 account 12345678", lang="en") == (
        "NI [NI number], sort code [bank details] account [bank details]")


@pytest.mark.parametrize("text", [
    "Commande 4970 1012 3456 7890 livrée",  # no checksum, no word naming a card
    "Ticket 1 85 03 75 116 001 42 clos",  # NIR shape, wrong key, no word naming it
    "Le 12-03-24 à 10h, 45 € payés, référence 12345678.",
    "Order 20-11-24 shipped",
])
def test_numbers_without_checksum_or_context_are_kept(text: str) -> None:
    assert redact(text, lang="fr") == text


def test_checksums_are_checked() -> None:
    assert redact("ref 4111 1111 1111 1111 ok", lang="en") == "ref [card] ok"  # Luhn
    assert redact("ref 4111 1111 1111 1112 ok", lang="en") == "ref 4111 1111 1111 1112 ok"
    assert redact("n° 2 75 11 2B 062 172 91", lang="fr") == "n° [n° de sécu]"  # Corsica
    assert redact("RIB 30006 00001 12345678901 89", lang="fr") == "RIB [coordonnées bancaires]"


def test_obfuscated_emails_and_birth_dates() -> None:
    assert redact("écrire à jean.dupont (at) free (dot) fr", lang="fr") == "écrire à [email]"
    assert redact("marc [at] orange.fr", lang="fr") == "[email]"
    assert redact("Née le 03/02/1985, cliente depuis le 03/02/2015.", lang="fr") == (
        "Née le [date de naissance], cliente depuis le 03/02/2015.")
    assert redact("DOB: March 3, 1962", lang="en") == "DOB: [date of birth]"


def test_client_vocabulary_is_never_redacted() -> None:
    text = "Le Forfait Jade et la Persona Léa, puis Jade m'a rappelé."
    assert redact(text, lang="fr", keep=["Forfait Jade", "Persona Léa"]) == (
        "Le Forfait Jade et la Persona Léa, puis [nom] m'a rappelé.")


def test_client_patterns_and_counts() -> None:
    counts: Counter[str] = Counter()
    out = redact("Client C204518, écrire à a@b.fr ou à C204519.", lang="fr",
                 patterns={"customer_number": r"C\d{6}"}, counts=counts)
    assert out == "Client [identifiant client], écrire à [email] ou à [identifiant client]."
    assert counts == Counter({"customer": 2, "email": 1})


def test_cities_alone_are_not_addresses_nor_names() -> None:
    text = "Je vis à Lyon, la Boutique de Nancy est fermée ; in Chester and Florence too."
    assert redact(text, lang="fr") == text


def test_roster_labels_come_before_other_names() -> None:
    found = Detector({"Marie Dupont": "Cliente A"}).find("Marie Dupont et Kevin")
    assert [(f.kind, f.label) for f in found] == [("roster", "Cliente A"), ("name", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("j'ai eu kevin au tel, merci sandrine", "j'ai eu [nom] au tel, merci [nom]"),
    ("ask for sarah, she knows", "ask for [nom], she knows"),
    ("avec max 3 personnes, ask for help", "avec max 3 personnes, ask for help"),
])
def test_first_names_typed_in_lower_case_after_a_strong_context(text: str,
                                                                 expected: str) -> None:
    assert redact(text, lang="fr") == expected


def test_names_can_be_left_alone() -> None:
    assert redact("J'ai eu Kevin", lang="fr", names=False) == "J'ai eu Kevin"


class _Item:
    def __init__(self, id_: str, label: str) -> None:
        self.id, self.label = id_, label


class _Config:
    client, language = "Mistral Mobile", "fr"
    stages = (_Item("achat", "Achat en Boutique"),)
    channels = (_Item("web", "Site"),)
    departments, waves = (), ()
    privacy: ClassVar[dict] = {"patterns": {"n": r"C\d{6}"}, "keep": ["Box Lumière"]}


def test_client_policy_and_the_active_policy(tmp_path, monkeypatch) -> None:
    policy = client_policy(_Config())
    assert {"Mistral Mobile", "Achat en Boutique", "Box Lumière"} <= set(policy.keep)
    monkeypatch.setenv(POLICY_ENV, str(write_policy(policy, tmp_path / "policy.json")))
    assert active_policy() == policy
    assert redact("Mistral Mobile, client C123456", lang="fr") == (
        "Mistral Mobile, client [identifiant client]")
    monkeypatch.delenv(POLICY_ENV)
    assert active_policy() == Policy()
    assert POLICY_ENV not in os.environ


def test_error_if_a_client_pattern_is_not_a_regex() -> None:
    cfg = _Config()
    cfg.privacy = {"patterns": {"customer_number": "C(\\d"}}
    with pytest.raises(ConfigError, match=r"privacy\.patterns\.customer_number.*C\(\\d.*n'est "
                                          r"pas une expression régulière valide"):
        client_policy(cfg)
