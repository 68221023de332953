"""Values recoded by a mapping workbook: exact, prefix, contains and regex rules."""

from __future__ import annotations

import polars as pl
import pytest
from mapping_helpers import only_input

from cxlib.inputs.loaders import load_inputs, validate_client
from cxlib.inputs.valuemaps import Rule, match_values

PAGES = (
    "visitor,time,page\n"
    "V1,2026-10-03 10:00,/search?q=dress\n"
    "V1,2026-10-03 10:05,/product/123\n"
    "V1,2026-10-03 10:09,/checkout/pay\n"
    "V2,2026-10-03 11:00,/help/returns\n"
    "V2,2026-10-03 11:02,/product/9\n"
)
SPEC = (
    "    file: pages.csv\n"
    "    columns: {customer_id: visitor, timestamp: time, stage_id: page}\n"
    "    values: {stage_id: page_map.csv}\n"
    "    fill: {channel_id: web}\n"
)


@pytest.fixture
def analytics(make_client, drop_tables):
    def make(rules: str, lang: str = "en"):
        folder = only_input(make_client("acme", lang), drop_tables, "events", SPEC)
        (folder / "pages.csv").write_text(PAGES, encoding="utf-8")
        (folder / "page_map.csv").write_text(rules, encoding="utf-8")
        return folder
    return make


def test_rules_apply_in_order_and_the_first_match_wins() -> None:
    rules = [Rule("/checkout", "purchase", "prefix"), Rule("/help/returns", "after_sales"),
             Rule("product", "compare", "contains"), Rule(r"^/(search|help)", "search", "regex"),
             Rule("/product/9", "delivery")]
    table = match_values(pl.Series(["/checkout/pay", "/help/returns", "/product/9",
                                    "/search?q=a", "/about"]), rules)
    assert dict(table.iter_rows()) == {"/checkout/pay": "purchase",
                                       "/help/returns": "after_sales",
                                       "/product/9": "compare", "/search?q=a": "search",
                                       "/about": None}


def test_a_mapping_workbook_recodes_page_names_into_stages(analytics) -> None:
    analytics("value,id,rule\n/checkout,purchase,prefix\nproduct,compare,contains\n"
              "^/(search|help),search,regex\n")
    events = load_inputs("acme")["events"]
    assert events["stage_id"].to_list() == ["search", "compare", "purchase", "search",
                                            "compare"]
    notes = "; ".join(validate_client("acme").results["events"].notes)
    assert "values recoded: stage_id (5 distinct values, 5 rows, from page_map.csv)" in notes


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/page_map.csv, row 3, column 'rule': found 'fuzzy', expected exact, "
           "prefix, contains or regex (empty: exact)"),
    ("fr", "data/acme/page_map.csv, ligne 3, colonne « rule » : trouvé « fuzzy », attendu : "
           "exacte, préfixe, contient ou regex (vide : exacte)"),
])
def test_an_unknown_rule_names_the_workbook_row(analytics, lang, expected) -> None:
    analytics("value,id,rule\n/checkout,purchase,prefix\nproduct,compare,fuzzy\n", lang)
    assert expected in validate_client("acme").error().message


def test_a_bad_regular_expression_names_the_workbook_row(analytics) -> None:
    analytics("valeur,id,règle\n/checkout,purchase,préfixe\n^/(search,search,regex\n")
    message = validate_client("acme").error().message
    assert "data/acme/page_map.csv, row 3, column 'valeur': found '^/(search', expected a " \
           "valid regular expression" in message


def test_a_workbook_id_unknown_to_client_yaml_names_the_workbook_row(analytics) -> None:
    analytics("value,id\n/checkout,basket\n")
    message = validate_client("acme").error().message
    assert "data/acme/page_map.csv, row 2, column 'id': found 'basket', expected a stage " \
           "of client.yaml" in message


def test_a_workbook_without_value_and_id_columns(analytics) -> None:
    analytics("page,stage\n/checkout,purchase\n")
    message = validate_client("acme").error().message
    assert "data/acme/page_map.csv: columns page, stage, expected a mapping workbook with a " \
           "column 'value'" in message


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "data/acme/client.yaml, key 'inputs.events.values.stage_id': found "
           "'page_map.csv', expected a mapping workbook (.xlsx or .csv) in data/acme/"),
    ("fr", "data/acme/client.yaml, clé « inputs.events.values.stage_id » : trouvé "
           "« page_map.csv », attendu : un classeur de correspondance (.xlsx ou .csv) dans "
           "data/acme/"),
])
def test_a_missing_workbook(analytics, lang, expected) -> None:
    folder = analytics("value,id\n", lang)
    (folder / "page_map.csv").unlink()
    assert expected in validate_client("acme").error().message
