"""The redaction log: counts per source table and kind, never a value; its inventory line."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from cxlib.privacy.log import read_log, redaction_line, redaction_log, write_log
from cxlib.privacy.policy import Policy

INPUTS = {
    "survey": pl.DataFrame({"verbatim": [
        "J'ai eu Kevin au 06 12 34 56 78.", None, "Livraison en 3 jours, 45 €.",
        "Carte 4111 1111 1111 1111"]}),
    "feedback": pl.DataFrame({"text": ["Rien à dire."]}),
}


def test_counts_per_table_and_kind_never_values(tmp_path: Path) -> None:
    log = redaction_log(INPUTS, transcripts=["Mme Lefort : écrire à a@b.fr"],
                        policy=Policy())
    assert log == {"survey": {"card": 1, "phone": 1, "name": 1},
                   "transcripts": {"email": 1, "name": 1}}
    path = write_log(log, tmp_path)
    assert "Kevin" not in path.read_text(encoding="utf-8")
    assert read_log(tmp_path) == json.loads(path.read_text(encoding="utf-8"))
    assert read_log(tmp_path / "nowhere") is None


class _Inputs(dict):
    class config:
        language = "fr"


@pytest.mark.parametrize(("log", "expected"), [
    ({"survey": {"name": 2, "phone": 1}, "transcripts": {"name": 3}},
     "Données personnelles masquées dans les citations : numéro de téléphone (1), nom de "
     "personne (5) (Enquête, Transcriptions d'entretiens)."),
    ({}, "Aucune donnée personnelle trouvée dans le texte libre des tables sources."),
])
def test_the_inventory_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log: dict,
                            expected: str) -> None:
    from cxlib.i18n import t

    write_log(log, tmp_path)
    monkeypatch.chdir(tmp_path)  # the kernel's working folder: the executed notebooks'
    line = redaction_line(_Inputs())
    assert t(line.pop("key"), "fr", **line) == expected
