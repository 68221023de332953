from datetime import date
from pathlib import Path

import polars as pl

import cxlib.analysis.overview as ov
from cxlib.inputs.loaders import load_inputs
from cxlib.inputs.schemas import TABLES


def test_coverage_matrix_has_every_crossing(client_dir: Path) -> None:
    inputs = load_inputs("acme")
    matrix = ov.coverage_matrix(inputs.config, inputs["touchpoints"])
    assert matrix.height == 5 * 5
    cell = matrix.filter((pl.col("stage_id") == "search") & (pl.col("channel_id") == "web"))
    assert cell.select("touchpoints", "irritants", "enchantments").row(0) == (1, 1, 0)
    assert matrix["touchpoints"].sum() == 1


def test_scope_figures_count_inputs(client_dir: Path) -> None:
    figures = dict(ov.scope_figures(load_inputs("acme")).iter_rows())
    assert figures["scope_stages"] == 5
    assert figures["scope_touchpoints"] == 1
    assert figures["scope_customers"] == 1


def test_inventory_reports_period_and_missing(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "survey", "response_id;customer_id;wave;date;nps;csat\n"
              "R1;C1;W1;01/09/2026;9;\nR2;C2;W1;30/09/2026;3;4\n")
    inventory = ov.data_inventory(load_inputs("acme").report)
    survey = inventory.filter(pl.col("table") == "survey").row(0, named=True)
    assert survey["rows"] == 2
    assert (survey["period_start"], survey["period_end"]) == (date(2026, 9, 1),
                                                              date(2026, 9, 30))
    assert survey["period"] == "01/09/2026 – 30/09/2026"
    assert survey["most_missing"] == "Satisfaction (50%)"  # an English client, in words
    personas = inventory.filter(pl.col("table") == "personas").row(0, named=True)
    assert personas["period"] is None and personas["most_missing"] is None
    assert survey["read_as"] == "CSV read as UTF-8, separator ';'"


def test_findings_name_gaps_in_client_language(make_client) -> None:
    make_client("maison", "fr")
    findings = ov.quality_findings(load_inputs("maison"))
    texts = [f.text for f in findings]
    assert "Aucun point de contact n'est inventorié pour l'étape « J'achète »." in texts
    assert findings[0].severity == "problem"
    assert "Les entretiens n'ont été codés que par un seul codeur : l'accord inter-codeurs " \
           "ne peut pas être mesuré." in texts


def test_volumes_are_aggregated_per_month(client_dir: Path) -> None:
    volumes = ov.monthly_volumes(load_inputs("acme"))
    assert volumes.columns == ["month", "series", "count"]
    assert volumes["count"].sum() == 2


def test_inventory_says_which_tables_are_absent_or_header_only_and_what_columns_are_left_out(
        client_dir: Path, write_csv, drop_tables) -> None:
    write_csv(client_dir, "survey", "response_id;customer_id;wave;date;nps;csat\n"
              "R1;C1;W1;01/09/2026;9;\n")
    write_csv(client_dir, "kpis", "kpi;period;value\n")
    drop_tables(client_dir, "events")
    inventory = ov.data_inventory(load_inputs("acme").report)
    rows = {r["table"]: r for r in inventory.iter_rows(named=True)}
    assert set(rows) == set(TABLES)
    assert (rows["events"]["status"], rows["events"]["rows"]) == ("absent", 0)
    assert rows["kpis"]["status"] == "header row only"
    assert rows["survey"]["status"] == "present"
    assert rows["survey"]["left_out"] == ("Persona, Stage surveyed, Channel surveyed, "
                                          "Touchpoint surveyed, Effort, Open answer")
    assert inventory["table"].to_list()[-1] == "events"
