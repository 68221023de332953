"""Survey exports as Qualtrics and SurveyMonkey write them, XES logs and Parquet, mapped."""

from __future__ import annotations

import csv
import io
import json

import polars as pl
import pytest
from mapping_helpers import only_input

from cxlib.analysis.kpis import nps
from cxlib.inputs.loaders import load_inputs, validate_client
from cxlib.inputs.xes import write_xes

#: Qualtrics metadata columns, as its CSV exports name them (row 1), in order.
QUALTRICS_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress",
                  "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
                  "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                  "ExternalReference", "LocationLatitude", "LocationLongitude",
                  "DistributionChannel", "UserLanguage"]


def _qualtrics(rows: list[dict[str, str]], *, labels: bool = False) -> str:
    """A Qualtrics CSV export: column ids, question texts, import ids, then responses."""
    questions = {"Q1": "How likely are you to recommend us to a friend?",
                 "Q2": "How satisfied were you with your delivery?",
                 "Q3": "Tell us more"}
    header = [*QUALTRICS_META, *questions]
    texts = [c.replace("Date", " Date") for c in QUALTRICS_META] + list(questions.values())
    imports = [json.dumps({"ImportId": c[0].lower() + c[1:]}) for c in QUALTRICS_META] + [
        json.dumps({"ImportId": f"QID{i}"} | ({"choiceId": "TEXT"} if q == "Q3" else {}))
        for i, q in enumerate(questions, start=1)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([header, texts, imports])
    for row in rows:
        full = {"Status": "IP Address", "Progress": "100", "Finished": "True",
                "IPAddress": "81.2.69.160", "RecipientEmail": "jane@example.com",
                "RecipientLastName": "Doe", "RecipientFirstName": "Jane",
                "DistributionChannel": "email", "UserLanguage": "EN",
                "StartDate": "2026-10-03 09:58:01", "EndDate": "2026-10-03 10:01:12",
                "RecordedDate": "2026-10-03 10:01:13"} | row
        if labels and full.get("Q1", "").isdigit():
            n = int(full["Q1"])
            full["Q1"] = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}.get(n, str(n))
        writer.writerow([full.get(c, "") for c in header])
    return "\ufeff" + out.getvalue()


RESPONSES = [
    {"ResponseId": "R_1", "ExternalReference": "C1", "Q1": "10", "Q2": "5", "Q3": "Quick"},
    {"ResponseId": "R_2", "ExternalReference": "C2", "Q1": "9", "Q2": "4", "Q3": ""},
    {"ResponseId": "R_3", "ExternalReference": "C3", "Q1": "0", "Q2": "1", "Q3": "Late"},
    {"ResponseId": "R_4", "ExternalReference": "C4", "Q1": "7", "Q2": "3", "Q3": ""},
    {"ResponseId": "R_5", "ExternalReference": "C5", "Q1": "2", "Finished": "False",
     "Progress": "40"},
    {"ResponseId": "R_6", "ExternalReference": "C6", "Q1": "10", "Status": "Survey Preview"},
]
QUALTRICS_SPEC = (
    "    file: Customer_Satisfaction_November_2016.csv\n"
    "    format: qualtrics\n"
    "    columns: {response_id: ResponseId, customer_id: ExternalReference, date: RecordedDate,"
    " nps: Q1, csat: Q2, verbatim: Q3}\n"
    "    fill: {wave: W1}\n"
)


@pytest.fixture
def survey_client(make_client, drop_tables):
    def make(name: str, text: str, spec: str, lang: str = "en"):
        folder = only_input(make_client("acme", lang), drop_tables, "survey", spec)
        (folder / name).write_text(text, encoding="utf-8")
        return folder
    return make


@pytest.mark.parametrize("labels", [False, True], ids=["numeric", "choice-text"])
def test_a_qualtrics_export_loads_with_the_right_rows_and_nps(survey_client, labels) -> None:
    survey_client("Customer_Satisfaction_November_2016.csv",
                  _qualtrics(RESPONSES, labels=labels), QUALTRICS_SPEC)
    survey = load_inputs("acme")["survey"]
    assert survey["response_id"].to_list() == ["R_1", "R_2", "R_3", "R_4"]
    assert survey["__row__"].to_list() == [4, 5, 6, 7]  # rows as the file numbers them
    assert survey["nps"].to_list() == [10, 9, 0, 7]
    score = nps(survey["nps"].drop_nulls().to_list()).score
    assert round(score, 1) == 25.0  # 2 promoters and 1 detractor of 4
    assert survey["date"].to_list()[0].isoformat() == "2026-10-03"
    notes = "; ".join(validate_client("acme").results["survey"].notes)
    assert "Qualtrics export (3 header rows)" in notes
    assert "2 responses not finished, preview, test or spam not read" in notes
    assert "4 rows read, 2 left out" in notes


def test_respondents_emails_ips_and_names_never_enter_the_workbench(survey_client) -> None:
    survey_client("Customer_Satisfaction_November_2016.csv", _qualtrics(RESPONSES),
                  QUALTRICS_SPEC)
    result = validate_client("acme").results["survey"]
    text = json.dumps(result.frame.to_dicts(), default=str) + " ".join(result.notes)
    for secret in ("jane@example.com", "81.2.69.160", "Doe", "Jane"):
        assert secret not in text
    assert set(result.frame.columns) == {"__row__", "response_id", "customer_id", "date",
                                         "nps", "csat", "verbatim", "wave"}


def test_a_qualtrics_question_may_be_mapped_by_its_text(survey_client) -> None:
    spec = QUALTRICS_SPEC.replace("nps: Q1", 'nps: "How likely are you to recommend us to '
                                             'a friend?"')
    survey_client("Customer_Satisfaction_November_2016.csv", _qualtrics(RESPONSES), spec)
    assert load_inputs("acme")["survey"]["nps"].to_list() == [10, 9, 0, 7]


def test_a_bad_answer_in_a_qualtrics_export_names_its_row_and_question(survey_client) -> None:
    rows = [*RESPONSES[:2], {**RESPONSES[2], "Q1": "eleven"}]
    survey_client("Customer_Satisfaction_November_2016.csv", _qualtrics(rows), QUALTRICS_SPEC)
    message = validate_client("acme").error().message
    assert "Customer_Satisfaction_November_2016.csv, row 6, column 'Q1': found 'eleven'" \
        in message


def _surveymonkey() -> str:
    """A SurveyMonkey CSV export: questions in row 1, 'Response' or each choice in row 2."""
    rows = [
        ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
         "Email Address", "First Name", "Last Name", "Custom Data 1",
         "How likely is it that you would recommend Acme to a friend or colleague?",
         "Which channels did you use?", "", "What could we do better?"],
        ["", "", "", "", "", "", "", "", "", "Response", "Website", "Phone",
         "Open-Ended Response"],
        ["114001", "2300", "11/03/2016 10:15:22 AM", "11/03/2016 10:18:40 AM", "81.2.69.160",
         "jane@example.com", "Jane", "Doe", "C1", "10", "Website", "", "Nothing"],
        ["114002", "2300", "11/04/2016 02:01:00 PM", "11/04/2016 02:03:10 PM", "81.2.69.161",
         "john@example.com", "John", "Roe", "C2", "6", "", "Phone", "Be faster"],
        ["114003", "2300", "11/05/2016 09:00:00 AM", "11/05/2016 09:02:00 AM", "81.2.69.162",
         "", "", "", "C3", "9", "Website", "Phone", ""],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


SURVEYMONKEY_SPEC = (
    "    file: survey_monkey.csv\n"
    "    format: surveymonkey\n"
    "    columns:\n"
    "      response_id: Respondent ID\n"
    "      customer_id: Custom Data 1\n"
    "      date: End Date\n"
    '      nps: "How likely is it that you would recommend Acme to a friend or colleague?"\n'
    '      channel_id: "Which channels did you use? - Phone"\n'
    '      verbatim: "What could we do better?"\n'
    "    values: {channel_id: {Phone: phone}}\n"
    "    fill: {wave: W1}\n"
)


def test_a_surveymonkey_export_loads_with_the_right_rows_and_nps(survey_client) -> None:
    survey_client("survey_monkey.csv", _surveymonkey(), SURVEYMONKEY_SPEC)
    survey = load_inputs("acme")["survey"]
    assert survey["response_id"].to_list() == ["114001", "114002", "114003"]
    assert survey["__row__"].to_list() == [3, 4, 5]
    assert [d.isoformat() for d in survey["date"]] == ["2016-11-03", "2016-11-04",
                                                       "2016-11-05"]  # month first
    assert survey["channel_id"].to_list() == [None, "phone", "phone"]
    assert round(nps(survey["nps"].drop_nulls().to_list()).score, 1) == pytest.approx(33.3, abs=0.1)
    result = validate_client("acme").results["survey"]
    assert "jane@example.com" not in json.dumps(result.frame.to_dicts(), default=str)
    assert "SurveyMonkey export (2 header rows)" in "; ".join(result.notes)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "survey_monkey.csv, row 2, column 'Respondent ID': found '114001', expected the "
           "layout of a SurveyMonkey export"),
    ("fr", "survey_monkey.csv, ligne 2, colonne « Respondent ID » : trouvé « 114001 », "
           "attendu : la présentation d'un export SurveyMonkey"),
])
def test_a_one_header_file_said_to_be_a_surveymonkey_export(survey_client, lang,
                                                            expected) -> None:
    text = "\r\n".join(_surveymonkey().split("\r\n")[:1] + _surveymonkey().split("\r\n")[2:])
    survey_client("survey_monkey.csv", text, SURVEYMONKEY_SPEC, lang)
    assert expected in validate_client("acme").error().message


EVENTS = pl.DataFrame({
    "case": ["C1", "C1", "C2"], "act": ["Visit web", "Call", "Visit web"],
    "when": pl.Series(["2026-10-03 10:00", "2026-10-03 11:00", "2026-10-04 09:00"])
    .str.to_datetime(),
})
XES_SPEC = (
    "    file: log.xes\n"
    "    columns: {customer_id: 'case:concept:name', timestamp: 'time:timestamp',"
    " channel_id: 'concept:name'}\n"
    "    values: {channel_id: {Visit web: web, Call: phone}}\n"
    "    fill: {stage_id: search}\n"
)


@pytest.mark.parametrize("name", ["log.xes", "log.xes.gz"])
def test_an_xes_log_is_read_by_its_xes_keys(make_client, drop_tables, name) -> None:
    folder = only_input(make_client("acme", "en"), drop_tables, "events",
                        XES_SPEC.replace("log.xes", name))
    write_xes(EVENTS, folder / name, case="case", activity="act", timestamp="when")
    events = load_inputs("acme")["events"]
    assert events["channel_id"].to_list() == ["web", "phone", "web"]
    assert events["__row__"].to_list() == [1, 2, 3]


def test_a_parquet_export_is_mapped_like_any_other(make_client, drop_tables) -> None:
    folder = only_input(make_client("acme", "en"), drop_tables, "events", XES_SPEC.replace(
        "log.xes", "log.parquet").replace("'case:concept:name'", "case").replace(
        "'time:timestamp'", "when").replace("'concept:name'", "act"))
    EVENTS.write_parquet(folder / "log.parquet")
    events = load_inputs("acme")["events"]
    assert events["channel_id"].to_list() == ["web", "phone", "web"]
    assert events["timestamp"].dt.hour().to_list() == [10, 11, 9]


@pytest.mark.slow
def test_respondents_personal_data_never_reaches_a_report(survey_client) -> None:
    from cxlib.run.runner import run_client

    survey_client("Customer_Satisfaction_November_2016.csv", _qualtrics(RESPONSES),
                  QUALTRICS_SPEC)
    result = run_client("acme", notebooks=["00_overview", "04_kpis"])
    assert result.ok, result.error
    published = [p for p in result.index.parent.rglob("*") if p.is_file()]
    text = " ".join(p.read_bytes().decode("utf-8", "replace") for p in published)
    assert "Customer_Satisfaction_November_2016.csv" in text  # the inventory names the file
    for secret in ("jane@example.com", "81.2.69.160", "RecipientEmail", "IPAddress"):
        assert secret not in text
