"""A real date-only complaints log through the whole input pipeline: nothing lost, and the
transitions process-mining tools count (BPI Challenge 2016, ``../shared/samples``)."""

import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from sample_files import SAMPLES, require_samples

from cxlib.analysis import journeys
from cxlib.inputs.loaders import validate_client
from cxlib.inputs.schemas import TABLES

pm4py = pytest.importorskip("pm4py")


def _client_with_events(make_client, drop_tables, channels: str, events: str) -> Path:
    """A client with only an event log: ``channels`` and ``events`` are YAML for client.yaml."""
    folder = make_client("acme", "en")
    drop_tables(folder, *[t for t in TABLES if t != "events" and (folder / f"{t}.xlsx").exists()])
    config = folder / "client.yaml"
    text = re.sub(r"(channels:[^\n]*\n)(  - [^\n]*\n)+", r"\g<1>" + channels.replace("\\", "\\\\"),
                  config.read_text(encoding="utf-8"))
    config.write_text(text.replace("  events: events.xlsx\n", events), encoding="utf-8")
    return folder


@pytest.fixture
def complaints(make_client, drop_tables) -> tuple[Path, pl.DataFrame]:
    """The BPI 2016 complaints as published, mapped in client.yaml: channels 1…8 recoded."""
    log = require_samples(SAMPLES / "event-logs") / "BPI2016_Complaints.csv"
    raw = pl.read_csv(log, separator=";", encoding="latin1", infer_schema=False)
    channels = "".join(f'  - {{id: c{i}, label: "Channel {i}", kind: human}}\n'
                       for i in range(1, 9))
    recoding = ", ".join(f'"{i}": c{i}' for i in range(1, 9))
    folder = _client_with_events(make_client, drop_tables, channels, (
        "  events:\n"
        "    file: BPI2016_Complaints.csv\n"
        "    columns: {customer_id: CustomerID, timestamp: ContactDate,"
        " channel_id: ContactChannelID}\n"
        f"    values: {{channel_id: {{{recoding}}}}}\n"
        "    fill: {stage_id: search}\n"))
    shutil.copy(log, folder / "BPI2016_Complaints.csv")
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
def test_a_one_stage_log_says_there_is_no_path_nor_time_between_stages(
        complaints) -> None:
    import html

    from cxlib.run.runner import run_client

    result = run_client("acme", notebooks=["02_touchpoints"])
    assert result.ok, result.error
    page = html.unescape((result.index.parent / "02_touchpoints.html").read_text("utf-8"))
    assert "No customer moves from one stage to a later one in the event log" in page
    assert "most frequent paths are shown" not in page
    assert "No customer has events at two successive stages of the journey" in page
    assert "first event at the next stage" not in page  # no table of empty stage pairs


def _slug(activity: str) -> str:
    """A Helpdesk activity as a channel id of the client (one id per activity)."""
    return re.sub(r"[^a-z0-9]+", "_", activity.lower()).strip("_")


@pytest.fixture
def helpdesk(make_client, drop_tables) -> Path:
    """The real Helpdesk XES log, as published (gzipped), mapped by its XES keys."""
    log = require_samples(SAMPLES / "event-logs") / "helpdesk.xes.gz"
    activities = pm4py.read_xes(str(log))["concept:name"].unique().tolist()
    channels = "".join(f'  - {{id: {_slug(a)}, label: "{a}", kind: human}}\n'
                       for a in activities)
    recoding = ", ".join(f'"{a}": {_slug(a)}' for a in activities)
    folder = _client_with_events(make_client, drop_tables, channels, (
        "  events:\n"
        "    file: helpdesk.xes.gz\n"
        "    columns: {customer_id: 'case:concept:name', timestamp: 'time:timestamp',"
        " channel_id: 'concept:name'}\n"
        f"    values: {{channel_id: {{{recoding}}}}}\n"
        "    fill: {stage_id: search}\n"))
    shutil.copy(log, folder / "helpdesk.xes.gz")
    return folder


def test_the_helpdesk_xes_log_gives_pm4py_directly_follows_counts(helpdesk) -> None:
    report = validate_client("acme")
    assert report.ok, report.error()
    events = report.results["events"]
    assert events.frame.height == 21348
    assert events.path.name == "helpdesk.xes.gz"
    ours = {(r["source"], r["target"]): r["count"]
            for r in journeys.transitions(events.frame, "channel_id").iter_rows(named=True)}
    log = pm4py.read_xes(str(SAMPLES / "event-logs" / "helpdesk.xes.gz"))
    dfg, _, _ = pm4py.discover_dfg(log)
    assert ours == {(_slug(a), _slug(b)): n for (a, b), n in dfg.items()}
    read_as = "; ".join(events.notes)
    assert "XES event log" in read_as and "concept:name → channel_id" in read_as
