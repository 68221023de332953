"""``cx inspect FILE``: what the workbench sees in an export, and a mapping to start from."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sample_files import SAMPLES, require_samples
from test_formats import RESPONSES, _qualtrics, _surveymonkey

from cxlib.inputs.inspection import inspect_file, render
from cxlib.run.cli import main

CRM = (
    "Contact Ref;Client;Contact date;Canal;E-mail\n"
    "K1;C1;03/10/2026 10:00;Website;a@example.com\n"
    "K2;C1;03/10/2026 11:00;Customer Service;a@example.com\n"
    "K3;C2;04/10/2026 09:30;Shop;b@example.com\n"
)


def test_a_real_log_gets_the_mapping_the_readme_shows(tmp_path) -> None:
    log = require_samples(SAMPLES / "event-logs") / "BPI2016_Complaints.csv"
    found = inspect_file(shutil.copy(log, tmp_path / log.name))
    assert (found.format, found.table, found.rows, found.header_rows) == ("csv", "events", 289, 1)
    assert "CSV read as cp1252, separator ';'" in found.read_as
    assert found.mapping == {"customer_id": "CustomerID", "timestamp": "ContactDate",
                             "channel_id": "ContactChannelID", "event_id": "ComplaintID"}
    assert found.unmatched == ["stage_id"]
    channel = found.columns["contactchannelid"]
    assert (channel.kind, channel.distinct, channel.empty) == ("int", 8, 0)


def test_xes_keys_are_proposed_for_case_activity_and_time() -> None:
    log = require_samples(SAMPLES / "event-logs") / "helpdesk.xes.gz"
    found = inspect_file(log, table="events")
    assert found.format == "xes" and found.rows == 21348
    assert found.mapping == {"customer_id": "case:concept:name", "timestamp": "time:timestamp",
                             "stage_id": "concept:name"}


def test_values_are_matched_with_the_clients_ids_and_labels(client_dir) -> None:
    (client_dir / "crm.csv").write_text(CRM, encoding="utf-8")
    found = inspect_file(client_dir / "crm.csv", table="events")
    assert found.mapping["channel_id"] == "Canal"
    assert found.values["channel_id"] == {"Customer Service": "phone", "Shop": None,
                                          "Website": "web"}


def test_the_proposal_is_yaml_to_paste_under_inputs(client_dir) -> None:
    (client_dir / "crm.csv").write_text(CRM, encoding="utf-8")
    text = render(inspect_file(client_dir / "crm.csv", table="events"), "en")
    proposal = yaml.safe_load(text[text.index("inputs:"):])
    events = proposal["inputs"]["events"]
    assert events["file"] == "crm.csv"
    assert events["columns"]["customer_id"] == "Client"
    assert events["columns"]["timestamp"] == "Contact date"
    assert events["values"]["channel_id"]["Website"] == "web"
    assert "stage_id" in events["fill"]
    assert "E-mail" not in str(events)


def test_survey_tools_layouts_are_recognised(tmp_path) -> None:
    (tmp_path / "q.csv").write_text(_qualtrics(RESPONSES), encoding="utf-8")
    found = inspect_file(tmp_path / "q.csv", table="survey")
    assert (found.format, found.header_rows, found.rows) == ("qualtrics", 3, 4)
    assert found.mapping["response_id"] == "ResponseId"
    assert found.mapping["nps"] == "Q1"  # by its question text, "How likely … recommend"
    (tmp_path / "sm.csv").write_text(_surveymonkey(), encoding="utf-8")
    found = inspect_file(tmp_path / "sm.csv", table="survey")
    assert (found.format, found.header_rows, found.rows) == ("surveymonkey", 2, 3)
    assert found.mapping["response_id"] == "Respondent ID"


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", "Proposed mapping for the events table"),
    ("fr", "Correspondance proposée pour la table events"),
])
def test_cx_inspect_prints_the_file_and_the_proposal(client_dir, capsys, monkeypatch, lang,
                                                    heading) -> None:
    monkeypatch.setenv("CX_LANG", lang)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8" if lang == "fr" else "en_GB.UTF-8")
    (client_dir.parent / "crm.csv").write_text(CRM, encoding="utf-8")
    assert main(["inspect", str(client_dir.parent / "crm.csv"), "--table", "events"]) == 0
    out = capsys.readouterr().out
    assert heading in out and "customer_id: Client" in out


@pytest.mark.parametrize(("lang", "expected"), [("en", "No such file: "),
                                                 ("fr", "Fichier introuvable : ")])
def test_cx_inspect_names_a_missing_file(capsys, monkeypatch, tmp_path, lang,
                                         expected) -> None:
    monkeypatch.setenv("CX_LANG", lang)
    assert main(["inspect", str(tmp_path / "nothing.csv")]) == 1
    assert expected + str(tmp_path / "nothing.csv") in capsys.readouterr().err
