"""XES event logs: real files read with correct counts, round trip, hostile XML refused."""

from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from sample_files import SAMPLES, require_samples

from cxlib.analysis import journeys
from cxlib.errors import InputError
from cxlib.inputs.xes import read_xes, write_xes

LOGS = SAMPLES / "event-logs"


@pytest.fixture(scope="module")
def logs() -> Path:
    return require_samples(LOGS)


@pytest.mark.parametrize(("name", "cases", "events", "activities"), [
    ("running-example.xes", 6, 42, 8), ("helpdesk.xes.gz", 4580, 21348, 14)])
def test_real_logs_read_with_their_counts(logs: Path, name: str, cases: int, events: int,
                                          activities: int) -> None:
    log = read_xes(logs / name)
    assert (log["case_id"].n_unique(), log.height, log["activity"].n_unique()) == (
        cases, events, activities)
    assert log["timestamp"].null_count() == 0
    assert str(log.schema["timestamp"]) == "Datetime(time_unit='us', time_zone='UTC')"


def test_mixed_time_zones_become_utc(logs: Path) -> None:
    log = read_xes(logs / "running-example.xes")
    first = log.filter(pl.col("case_id") == "3").row(0, named=True)
    assert first["timestamp"].isoformat() == "2010-12-30T13:32:00+00:00"  # was +01:00


def test_round_trip(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    frame = pl.DataFrame({
        "customer_id": ["C1", "C1", "C2"],
        "timestamp": [datetime(2026, 1, 1, 9, tzinfo=UTC), datetime(2026, 1, 1, 10, tzinfo=UTC),
                      datetime(2026, 1, 2, 9, tzinfo=UTC)],
        "channel_id": ["web", "store & café <1>", "app"], "stage_id": ["look", "buy", "look"]})
    for name in ("log.xes", "log.xes.gz"):
        back = read_xes(write_xes(frame, tmp_path / name))
        assert back.select("case_id", "activity", "timestamp", "stage_id").rows() == \
            frame.select("customer_id", "channel_id", "timestamp", "stage_id").rows()


def test_transitions_equal_pm4py_dfg(logs: Path) -> None:
    pm4py = pytest.importorskip("pm4py")
    log = read_xes(logs / "helpdesk.xes.gz")
    ours = journeys.transitions(log, activity="activity", case="case_id")
    import pandas as pd

    frame = pd.DataFrame({"case:concept:name": log["case_id"].to_list(),
                          "concept:name": log["activity"].to_list(),
                          "time:timestamp": pd.to_datetime(log["timestamp"].to_list(), utc=True)})
    dfg, _start, _end = pm4py.discover_dfg(frame)
    assert Counter({(r["source"], r["target"]): r["count"] for r in ours.to_dicts()}) == \
        Counter(dict(dfg))


@pytest.mark.parametrize(("content", "found"), [
    (b"not xml at all", "ParseError"),
    (b'<?xml version="1.0"?><!DOCTYPE log [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b"<log><trace><event><string key='concept:name' value='&x;'/></event></trace></log>",
     "DTDForbidden"),
    (b"<log></log>", "no trace with events"),
])
def test_error_if_not_an_event_log(tmp_path: Path, content: bytes, found: str) -> None:
    path = tmp_path / "bad.xes"
    path.write_bytes(content)
    with pytest.raises(InputError, match=rf"bad\.xes.*{found}.*expected an XES event log"):
        read_xes(path)
