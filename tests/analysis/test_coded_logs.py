"""A large log coded once gives every view the per-view passes give, on a log left on disk."""

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

import polars as pl
import pytest

from cxlib.analysis import _coded, _coded_views, _ordered, journeys
from cxlib.analysis import personas as pe
from cxlib.analysis.figures import FIGURES_ENV
from cxlib.inputs import scans

T0 = datetime(2026, 9, 1)
STAGES = ["search", "compare", "purchase", "delivery", "after_sales"]
LABELS = {"search": "Recherche", "compare": "Comparaison", "purchase": "Achat",
          "delivery": "Livraison"}


def _log(n: int = 4000, seed: int = 3) -> pl.DataFrame:
    """Many ties in time, missing outcomes and personas, two personas, an unknown stage."""
    rng = random.Random(seed)
    rows = [(f"C{rng.randrange(500):03d}", T0 + timedelta(hours=rng.randrange(300)),
             rng.choice([*STAGES, "other"]), rng.choice(["web", "app", "store", "phone"]),
             rng.choice([None, None, None, "converted", "abandoned"]),
             rng.choice([None, "P1", "P2", "P2"]), float(rng.randrange(100)))
            for _ in range(n)]
    return pl.DataFrame(rows, orient="row", schema={
        "customer_id": pl.String, "timestamp": pl.Datetime("us"), "stage_id": pl.String,
        "channel_id": pl.String, "outcome": pl.String, "persona_id": pl.String,
        "value": pl.Float64})


def _scan(path: Path) -> scans.EventScan:
    scan = scans.EventScan._from_pyldf(pl.scan_parquet(path)._ldf)
    scan.__dict__["_files"] = [(str(path), path.stat().st_size, path.stat().st_mtime_ns)]
    return scan


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The log in memory and on disk, the scan coded in five parts."""
    log = _log()
    log.write_parquet(tmp_path / "log.parquet")
    monkeypatch.setattr(_ordered, "PART_ROWS", 800)
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    _ordered._MEMO.clear()
    return log, _scan(tmp_path / "log.parquet")


def _views(events: object) -> dict[str, pl.DataFrame]:
    return {
        "transitions": journeys.transitions(events),
        "stage transitions": journeys.transitions(events, ("stage_id", "channel_id")),
        "variants": journeys.variants(events, limit=None),
        "channel variants": journeys.variants(events, "channel_id", collapse=False,
                                              limit=None),
        "labelled variants": journeys.variants(events, "stage_id", limit=8, labels=LABELS),
        "drop-off": journeys.drop_off(events),
        "drop-off by stage": journeys.drop_off(events, by=("stage_id",)),
        "switches": journeys.switch_rate(events, stages=STAGES),
        "moves": journeys.stage_moves(events, STAGES),
        "timing": journeys.stage_timing(events, STAGES),
        "persona paths": journeys.persona_paths(events, "stage_id", "persona_id",
                                                labels=LABELS).sort("persona_id", "variant"),
        "cases": pl.DataFrame({"n": [journeys.cases(events)]}),
    }


def test_one_coded_pass_gives_the_views_of_the_per_view_passes(
        logs: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    log, scan = logs
    coded = _views(scan)
    assert _coded.ordered_parts(scan) is not None and len(_coded.ordered_parts(scan)) == 5
    assert _coded.ordered_parts(log) is None  # a log in memory takes the general path
    for name, frame in _views(log).items():
        assert coded[name].equals(frame), name
    # each view's own ordered pass over the log left on disk, in parts, gives them too
    monkeypatch.setattr(_coded, "CODED_ROWS", 0)
    _ordered._MEMO.clear()
    again = _scan(Path(scan.__dict__["_files"][0][0]))
    for name, frame in _views(again).items():
        assert _coded.ordered_parts(again) is None
        assert coded[name].equals(frame), name


def test_labels_are_those_replaced_in_the_log(logs: tuple) -> None:
    log, scan = logs
    replaced = log.with_columns(pl.col("stage_id").replace_strict(
        LABELS, default=pl.col("stage_id")))
    expected = journeys.variants(replaced, "stage_id", limit=8)
    assert journeys.variants(scan, "stage_id", limit=8, labels=LABELS).equals(expected)
    assert journeys.variants(log, "stage_id", limit=8, labels=LABELS).equals(expected)
    shared = {"search": "Avant", "compare": "Avant"}  # two stages under one label: one step
    replaced = log.with_columns(pl.col("stage_id").replace_strict(
        shared, default=pl.col("stage_id")))
    assert journeys.variants(scan, "stage_id", limit=None, labels=shared).equals(
        journeys.variants(replaced, "stage_id", limit=None))


def test_persona_figures_from_the_coded_log(logs: tuple) -> None:
    log, scan = logs
    counts = _coded_views.case_counts(scan, ["persona_id", "stage_id"], "customer_id", "n",
                                      pl.col("persona_id").is_not_null(), build=True)
    expected = log.filter(pl.col("persona_id").is_not_null()).group_by(
        "persona_id", "stage_id").agg(pl.col("customer_id").n_unique().alias("n"))
    assert counts.sort(pl.all()).equals(expected.sort(pl.all()))
    converted = _ordered.case_counts(scan, (), "customer_id", "n",
                                     where=("outcome", "converted")).item()
    assert converted == log.filter(pl.col("outcome") == "converted")["customer_id"].n_unique()
    assert _ordered.case_counts(scan, (), "customer_id", "n", where=("outcome", "absent")
                                ).item() == 0


def test_a_count_asked_again_is_read_from_the_scan(logs: tuple,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _, scan = logs
    passes = []
    real = _coded_views.by_part
    monkeypatch.setattr(_coded_views, "by_part", lambda *a: passes.append(1) or real(*a))
    persona = pl.col("persona_id").is_not_null()
    first = _coded_views.case_counts(scan, ["persona_id"], "customer_id", "customers",
                                     persona, build=True)
    again = _coded_views.case_counts(scan, ["persona_id"], "customer_id", "_total",
                                     pl.col("persona_id").is_not_null())
    assert len(passes) == 1 and first.columns == ["persona_id", "customers"]
    assert again.rename({"_total": "customers"}).equals(first)
    other = _coded_views.case_counts(scan, ["persona_id"], "customer_id", "n",
                                     ("outcome", "converted"))
    alone = _coded_views.case_counts(scan, [], "customer_id", "n", persona, also=True)
    assert len(passes) == 3 and other["n"].sum() < first["customers"].sum()
    assert alone.columns == ["n", "events"]


def test_features_from_the_coded_log(logs: tuple) -> None:
    log, scan = logs

    class Channel:
        def __init__(self, id: str, kind: str) -> None:
            self.id, self.kind = id, kind

    class Config:
        channels: ClassVar = [Channel("web", "digital"), Channel("app", "digital"),
                    Channel("store", "physical"), Channel("phone", "human")]

    # a customer's first persona in input order is not kept by the coded log: the
    # general path answers when a customer names two personas
    assert pe.customer_features(scan, Config()).equals(pe.customer_features(log, Config()))
    single = log.filter(pl.col("persona_id") != "P1")
    path = Path(scan.__dict__["_files"][0][0]).with_name("single.parquet")
    single.write_parquet(path)
    features = _coded_views.customer_rows(_scan(path), [pl.len().alias("n")])
    assert features is not None
    assert features.sort("customer_id").equals(single.group_by("customer_id").agg(
        pl.len().alias("n")).sort("customer_id"))
    assert pe.customer_features(_scan(path), Config()).equals(
        pe.customer_features(single, Config()))


def test_a_run_codes_the_log_once_for_every_process(logs: tuple, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    log, scan = logs
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path / "figures"))
    first = journeys.drop_off(scan)
    stored = list((tmp_path / "figures").glob("coded-*"))
    assert len(stored) == 1 and len(list(stored[0].glob("*.ids.arrow"))) == 5
    again = _scan(Path(scan.__dict__["_files"][0][0]))  # another process's scan
    _ordered._MEMO.clear()
    parts = _coded.ordered_parts(again, build=False)  # read back, not coded again
    assert parts is not None and all(a.equals(b) for a, b in zip(
        parts, _coded.ordered_parts(scan), strict=True))
    assert journeys.drop_off(again).equals(first)
    assert _views(again)["variants"].equals(journeys.variants(log, limit=None))


def test_ids_sharing_a_hash_are_coded_another_way(logs: tuple,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    log, scan = logs
    monkeypatch.setattr(_coded, "_hashed", lambda *args: None)
    assert journeys.variants(scan, limit=None).equals(journeys.variants(log, limit=None))
    assert journeys.stage_timing(scan, STAGES).equals(journeys.stage_timing(log, STAGES))
    assert isinstance(_coded.ordered_parts(scan)[0].schema["customer_id"], pl.Categorical)
