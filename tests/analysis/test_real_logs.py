"""A real date-only complaints log through the whole input pipeline: nothing lost, and the
transitions process-mining tools count (BPI Challenge 2016, ``../shared/samples``)."""

import re
from pathlib import Path

import polars as pl
import pytest
from sample_files import SAMPLES, require_samples

from cxlib.analysis import journeys
from cxlib.inputs.loaders import validate_client

pm4py = pytest.importorskip("pm4py")


@pytest.fixture
def complaints(make_client, drop_tables) -> tuple[Path, pl.DataFrame]:
    """A client with only an event log: the BPI 2016 complaints, channels coded c1…c8."""
    log = require_samples(SAMPLES / "event-logs") / "BPI2016_Complaints.csv"
    raw = pl.read_csv(log, separator=";", encoding="latin1", infer_schema=False)
    folder = make_client("acme", "en")
    drop_tables(folder, "personas", "persona_channels", "persona_stages", "touchpoints",
                "interviews", "codebook", "codings", "survey", "kpis", "actions")
    config = folder / "client.yaml"
    channels = "".join(f'  - {{id: c{i}, label: "Channel {i}", kind: human}}\n'
                       for i in range(1, 9))
    config.write_text(re.sub(r"(channels:[^\n]*\n)(  - [^\n]*\n)+", r"\g<1>" + channels,
                             config.read_text(encoding="utf-8"))
                      .replace("events: events.xlsx", "events: events.csv"), encoding="utf-8")
    raw.select(pl.col("CustomerID").alias("customer_id"),
               pl.col("ContactDate").alias("timestamp"),
               pl.lit("search").alias("stage_id"),
               ("c" + pl.col("ContactChannelID")).alias("channel_id")).write_csv(
        folder / "events.csv", separator=";")
    return folder, raw


def test_every_one_of_the_289_contacts_is_kept(complaints) -> None:
    _, raw = complaints
    report = validate_client("acme")
    assert report.ok, report.error()
    events = report.results["events"]
    assert raw.height == events.frame.height == 289
    identical = [w.render("en") for w in events.warnings if "identical" in w.render("en")]
    assert identical and "kept" in identical[0]


def test_transitions_equal_pm4py_directly_follows_counts(complaints) -> None:
    _, raw = complaints
    events = validate_client("acme").results["events"].frame
    ours = {(r["source"], r["target"]): r["count"]
            for r in journeys.transitions(events, "channel_id").iter_rows(named=True)}
    import pandas as pd

    frame = pd.read_csv(SAMPLES / "event-logs" / "BPI2016_Complaints.csv", sep=";",
                        encoding="latin1", dtype=str)
    frame["ContactDate"] = pd.to_datetime(frame["ContactDate"])
    log = pm4py.format_dataframe(frame, case_id="CustomerID", activity_key="ContactChannelID",
                                 timestamp_key="ContactDate")
    dfg, _, _ = pm4py.discover_dfg(log)
    theirs = {(f"c{a}", f"c{b}"): n for (a, b), n in dfg.items()}
    assert ours == theirs
    assert sum(ours.values()) == 289 - raw["CustomerID"].n_unique()


@pytest.mark.slow
def test_a_one_stage_log_says_there_is_no_path_to_draw_instead_of_an_empty_chart(
        complaints) -> None:
    import html

    from cxlib.run.runner import run_client

    result = run_client("acme", notebooks=["02_touchpoints"])
    assert result.ok, result.error
    page = html.unescape((result.index.parent / "02_touchpoints.html").read_text("utf-8"))
    assert "No customer moves from one stage to a later one in the event log" in page
    assert "most frequent paths are shown" not in page
