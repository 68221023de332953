from pathlib import Path

import openpyxl
import pytest
from sample_files import PROJECT_ROOT

from cxlib.errors import CxError
from cxlib.inputs.scaffold import SCAFFOLD_FILES, build_templates, init_client
from cxlib.inputs.schemas import TABLES

ROOT = PROJECT_ROOT


def test_init_creates_exactly_the_scaffold(cx_home: Path) -> None:
    folder = init_client("acme", name="Acme Retail", language="fr")
    created = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert created == sorted(SCAFFOLD_FILES)
    assert sorted(SCAFFOLD_FILES) == sorted([
        "client.yaml", "personas.xlsx", "persona_channels.xlsx", "persona_stages.xlsx",
        "touchpoints.xlsx",
        "interviews.xlsx", "codebook.xlsx", "codings.xlsx", "survey.xlsx", "events.xlsx",
        "kpis.xlsx", "actions.xlsx", "feedback.xlsx", "transcripts/I01.txt",
    ])
    config = (folder / "client.yaml").read_text(encoding="utf-8")
    assert 'client: "Acme Retail"' in config
    assert "language: fr" in config


def test_templates_in_repository_match_the_data_contract(tmp_path: Path) -> None:
    build_templates(tmp_path)
    for name, spec in TABLES.items():
        committed = openpyxl.load_workbook(ROOT / "templates" / "client" / f"{name}.xlsx")
        fresh = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        assert committed.sheetnames == ["Instructions", "Données"]
        for sheet in committed.sheetnames:
            assert [list(r) for r in committed[sheet].iter_rows(values_only=True)] == \
                [list(r) for r in fresh[sheet].iter_rows(values_only=True)], \
                f"{name}.xlsx is stale: run 'make templates'"
        headers = [c.value for c in committed["Données"][1]]
        assert headers[: len(spec.columns)] == [c.name for c in spec.columns]


def test_error_if_client_exists_and_nothing_overwritten(cx_home: Path) -> None:
    folder = init_client("acme", language="en")
    (folder / "client.yaml").write_text("mine", encoding="utf-8")
    with pytest.raises(CxError, match=r"Client 'acme' already exists \(data/acme\): nothing "
                       r"was changed\."):
        init_client("acme", language="en")
    assert (folder / "client.yaml").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("bad", ["Acme", "acme corp", "../acme", "-acme", ""])
def test_error_if_client_name_invalid(cx_home: Path, bad: str) -> None:
    with pytest.raises(CxError, match=r"Nom de client .* invalide : attendu lettres "
                       r"minuscules, chiffres et tirets"):
        init_client(bad, language="fr")


@pytest.mark.parametrize(("lang", "stage", "channel", "wave"), [
    ("en", "I look for an idea", "Website", "Wave 1"),
    ("fr", "Je cherche une idée", "Site web", "Vague 1"),
])
def test_example_configuration_in_the_clients_language(cx_home: Path, lang: str, stage: str,
                                                       channel: str, wave: str) -> None:
    from cxlib.inputs.config import load_config

    init_client("acme", language=lang)
    cfg = load_config("acme")
    assert (cfg.labels("stages")["search"], cfg.labels("channels")["web"],
            cfg.labels("waves")["W1"]) == (stage, channel, wave)
