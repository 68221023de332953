"""What each report can show with a client's data, and what would enable the rest."""

import pytest

from cxlib.analysis import coverage as cv
from cxlib.inputs.loaders import load_inputs
from cxlib.run.cli import main


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Add the 'events' table to see 'Flows between channels'."),
    ("fr", "Pour voir « Les flux entre canaux », ajoutez la table « events ».".replace(
        "« ", "«\u00a0").replace(" »", "\u00a0»")),
])
def test_validate_ends_with_the_coverage_table_saying_what_is_missing(
        make_client, drop_tables, lang: str, sentence: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_client("acme", lang)
    drop_tables(folder, "events")
    capsys.readouterr()
    assert main(["validate", "acme"]) == 0
    out = capsys.readouterr().out
    assert sentence in out
    skipped = cv.coverage(load_inputs("acme"), ["02_touchpoints"])
    assert {i.key for i in skipped if i.status == "skipped"} == {
        "tp_flows", "tp_stage_flow", "tp_switch", "tp_variants", "tp_timing"}
    partly = {i.key: i.missing for i in skipped if i.status == "partly"}
    assert partly["tp_gaps"] == (cv.Need("events"),)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Add the column 'outcome' to the 'events' table to see 'Operational indicators'."),
    ("fr", "Pour voir «\u00a0Indicateurs opérationnels\u00a0», ajoutez la colonne "
           "«\u00a0outcome\u00a0» à la table «\u00a0events\u00a0»."),
])
def test_a_missing_column_is_named_with_its_table(lang: str, sentence: str) -> None:
    from cxlib.i18n import t

    missing = (cv.Need("events", ("outcome",)),)
    assert cv.missing_sentence(missing, t("kp_operations", lang), lang) == sentence


def test_two_missing_pieces_are_named_together() -> None:
    missing = (cv.Need("interviews"), cv.Need("survey", ("nps", "verbatim")))
    assert cv.missing_sentence(missing, "X", "en") == (
        "Add the 'interviews' table and the columns 'nps' and 'verbatim' to the 'survey' "
        "table to see 'X'.")


def test_a_header_only_table_counts_as_missing(make_client) -> None:
    folder = make_client("acme", "en")
    import openpyxl

    book = openpyxl.load_workbook(folder / "kpis.xlsx")
    sheet = book.worksheets[-1]
    sheet.delete_rows(2, sheet.max_row)
    book.save(folder / "kpis.xlsx")
    inputs = load_inputs("acme")
    assert inputs.status("kpis") == "header_only"
    status = {i.key: i.status for i in cv.coverage(inputs, ["04_kpis"])}
    assert status["kp_operational_trend"] == "skipped"
    assert status["kp_headline"] == "rendered"


def test_every_section_key_is_a_message_in_both_languages() -> None:
    from cxlib.i18n import MESSAGES

    for sections in cv.REPORTS.values():
        for item in sections:
            assert item.key in MESSAGES, item.key
