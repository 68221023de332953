"""Journeys from the event log: directly-follows counts, variants, drop-off, moves, timing."""

import itertools
import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import journeys

T0 = datetime(2026, 1, 1)


def _log() -> pl.DataFrame:
    rows = [  # customer, minutes, stage, channel, outcome
        ("A", 0, "look", "web", None), ("A", 5, "buy", "app", "converted"),
        ("B", 0, "look", "web", None), ("B", 0, "look", "store", None),  # a tie: input order
        ("B", 9, "look", "web", "abandoned"),
        ("C", 3, "look", "web", None), ("C", 1, "buy", "web", None),  # out of order in input
        ("D", 0, "buy", "store", None), ("D", 4, "look", "web", None),
    ]
    return pl.DataFrame(
        [(c, T0 + timedelta(minutes=m), s, ch, o) for c, m, s, ch, o in rows],
        schema=["customer_id", "timestamp", "stage_id", "channel_id", "outcome"], orient="row")


def _naive_dfg(frame: pl.DataFrame, activity: str) -> Counter:
    rows = list(enumerate(frame.iter_rows(named=True)))
    rows.sort(key=lambda r: (r[1]["customer_id"], r[1]["timestamp"], r[0]))
    pairs: Counter = Counter()
    for (_, a), (_, b) in itertools.pairwise(rows):
        if a["customer_id"] == b["customer_id"]:
            pairs[(a[activity], b[activity])] += 1
    return pairs


def test_transitions_follow_timestamps_and_break_ties_by_input_order() -> None:
    out = journeys.transitions(_log())
    counts = {(r["source"], r["target"]): r["count"] for r in out.to_dicts()}
    assert counts == {("web", "app"): 1, ("web", "store"): 1, ("store", "web"): 2,
                      ("web", "web"): 1}
    assert out.columns == ["source", "target", "count"]


def test_transitions_equal_a_naive_dfg_on_a_random_log() -> None:
    rng = random.Random(7)
    rows = [(f"C{rng.randrange(300)}", T0 + timedelta(minutes=rng.randrange(500)),
             rng.choice(["look", "buy", "help"]), rng.choice(["web", "app", "store", "phone"]))
            for _ in range(5000)]
    frame = pl.DataFrame(rows, schema=["customer_id", "timestamp", "stage_id", "channel_id"],
                         orient="row")
    for activity in ("channel_id", "stage_id"):
        out = journeys.transitions(frame.lazy(), activity=activity)
        assert dict(((r["source"], r["target"]), r["count"]) for r in out.to_dicts()) == \
            dict(_naive_dfg(frame, activity))


def test_transitions_on_stage_channel_pairs() -> None:
    out = journeys.transitions(_log(), activity=["stage_id", "channel_id"])
    assert ("look · web", "buy · app", 1) in out.rows()


def test_variants_collapse_repeats_and_share_cases() -> None:
    out = journeys.variants(_log(), "stage_id")
    assert dict(zip(out["variant"], out["cases"], strict=True)) == {
        "buy → look": 2, "look → buy": 1, "look": 1}
    assert out["share"].sum() == pytest.approx(1.0)
    full = journeys.variants(_log(), "channel_id", collapse=False, limit=None)
    assert "web → store → web" in full["variant"].to_list()


def test_drop_off_counts_last_events_of_unconverted_journeys() -> None:
    out = journeys.drop_off(_log())
    rows = {(r["stage_id"], r["channel_id"]): r for r in out.to_dicts()}
    assert rows[("look", "web")]["ended"] == 3  # B, C (ends on look at minute 3), D
    assert rows[("look", "web")]["abandoned"] == 1
    assert rows[("look", "web")]["passing"] == 4
    assert ("buy", "app") not in rows  # A converted


def test_stage_moves_and_switch_rate() -> None:
    moves = dict(journeys.stage_moves(_log(), ["look", "buy"]).select("move", "count").rows())
    assert moves == {"same": 2, "next": 1, "skip": 0, "back": 2}
    switches = journeys.switch_rate(_log()).to_dicts()
    look = next(r for r in switches if r["stage"] == "look")
    assert (look["moves"], look["switches"]) == (3, 3)


def test_stage_timing_median_hours() -> None:
    out = journeys.stage_timing(_log(), ["look", "buy"])
    assert out.row(0, named=True)["customers"] == 1  # A only: C and D buy before looking
    assert out.row(0, named=True)["median_hours"] == pytest.approx(5 / 60)


def _random_log(seed: int = 7, events: int = 5000) -> pl.DataFrame:
    rng = random.Random(seed)
    rows = [(f"C{rng.randrange(300)}", T0 + timedelta(minutes=rng.randrange(500)),
             rng.choice(["look", "buy", "help"]), rng.choice(["web", "app", "store", "phone"]),
             rng.choice([None, None, "converted", "abandoned"])) for _ in range(events)]
    return pl.DataFrame(rows, schema=["customer_id", "timestamp", "stage_id", "channel_id",
                                      "outcome"], orient="row")


def test_summary_equals_the_three_functions() -> None:
    frame = _random_log()
    for collapse, limit in ((True, 10), (False, None)):
        views = journeys.summary(frame.lazy(), by=("stage_id",), collapse=collapse,
                                 limit=limit)
        assert views.transitions.equals(journeys.transitions(frame))
        assert views.variants.equals(journeys.variants(frame, collapse=collapse, limit=limit))
        assert views.drop_off.equals(journeys.drop_off(frame, by=("stage_id",)))


@pytest.mark.parametrize("partitions", [2, 7])
def test_summary_in_parts_equals_the_summary_in_one_pass(partitions: int,
                                                         tmp_path: Path) -> None:
    frame = _random_log()
    path = tmp_path / "log.parquet"
    frame.write_parquet(path)
    whole = journeys.summary(frame, by=("stage_id", "channel_id"), limit=None)
    parts = journeys.summary(pl.scan_parquet(path), by=("stage_id", "channel_id"), limit=None,
                             partitions=partitions)
    assert parts.transitions.equals(whole.transitions)
    assert parts.variants.equals(whole.variants)
    assert parts.drop_off.equals(whole.drop_off)
    assert whole.drop_off["passing"].sum() > 0


def test_summary_refuses_zero_parts() -> None:
    with pytest.raises(ValueError, match="partitions must be 1 or more, got 0"):
        journeys.summary(_log(), partitions=0)


def test_single_event_customers_count_in_variants_and_drop_off_not_in_transitions() -> None:
    log = _log().vstack(pl.DataFrame(
        [("E", T0, "look", "app", None), ("F", T0, "buy", "web", "converted")],
        schema=_log().schema, orient="row"))
    assert journeys.transitions(log).equals(journeys.transitions(_log()))
    variants = dict(journeys.variants(log, "stage_id").select("variant", "cases").rows())
    assert variants["look"] == 2 and variants["buy"] == 1
    ends = {(r["stage_id"], r["channel_id"]): r["ended"] for r in journeys.drop_off(log).to_dicts()}
    assert ends[("look", "app")] == 1  # E ends there; F converted
    assert journeys.switch_rate(log)["moves"].sum() == journeys.switch_rate(_log())["moves"].sum()


@pytest.mark.parametrize("shape", ["empty", "one_event_each"])
def test_every_function_works_without_any_transition(shape: str) -> None:
    log = _log().head(0) if shape == "empty" else _log().unique("customer_id", keep="first")
    stages = ["look", "buy"]
    assert journeys.transitions(log).is_empty()
    assert journeys.transitions(log).columns == ["source", "target", "count"]
    assert journeys.variants(log)["cases"].sum() == log.height
    assert journeys.drop_off(log)["ended"].sum() == log.filter(
        pl.col("outcome").ne_missing("converted")).height
    views = journeys.summary(log)
    assert views.transitions.is_empty()
    assert views.variants["cases"].sum() == log.height
    assert journeys.switch_rate(log).is_empty()
    assert journeys.stage_moves(log, stages)["count"].sum() == 0
    assert journeys.stage_timing(log, stages)["customers"].sum() == 0
    assert journeys.ordered(log).collect().height == log.height


def test_transitions_and_variants_equal_pm4py() -> None:
    pm4py = pytest.importorskip("pm4py")
    import pandas as pd

    frame = _random_log(seed=11).with_columns(  # pm4py sorts without a stable tie-break
        pl.col("timestamp") + pl.duration(microseconds=pl.int_range(pl.len())))
    views = journeys.summary(frame, collapse=False, limit=None)
    log = pd.DataFrame({"case:concept:name": frame["customer_id"].to_list(),
                        "concept:name": frame["channel_id"].to_list(),
                        "time:timestamp": pd.to_datetime(frame["timestamp"].to_list()),
                        "stage": frame["stage_id"].to_list()})
    log = pm4py.format_dataframe(log)  # sorts by case and timestamp, as pm4py expects
    dfg, _start, _end = pm4py.discover_dfg(log)
    assert {(s, t): c for s, t, c in views.transitions.rows()} == dict(dfg)
    paths = pm4py.get_variants(log.assign(**{"concept:name": log["stage"]}))
    assert dict(views.variants.select("variant", "cases").rows()) == {
        " → ".join(k): v for k, v in paths.items()}
