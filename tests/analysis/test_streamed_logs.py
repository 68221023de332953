"""A log left on disk gives the figures of the same log loaded, part by part or not."""

import random
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from cxlib.analysis import _ordered, journeys, overview, touchpoints
from cxlib.analysis import kpi_review as kr
from cxlib.analysis import personas as pe
from cxlib.inputs import loaders, scans

T0 = datetime(2026, 9, 1)
STAGES = ["search", "compare", "purchase", "delivery", "after_sales"]


def _random_log(n: int = 3000, seed: int = 5) -> pl.DataFrame:
    rng = random.Random(seed)
    rows = [(f"C{rng.randrange(400):03d}", T0 + timedelta(minutes=rng.randrange(90_000)),
             rng.choice(STAGES), rng.choice(["web", "app", "store", "phone", "email"]),
             rng.choice([None, None, None, "converted", "abandoned"]),
             rng.choice([None, "P1"]), float(rng.randrange(100)))
            for _ in range(n)]
    return pl.DataFrame(rows, orient="row", schema=[
        "customer_id", "timestamp", "stage_id", "channel_id", "outcome", "persona_id", "value"])


@pytest.fixture
def scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The same log loaded and scanned, the scan processed in several parts."""
    log = _random_log()
    log.write_parquet(tmp_path / "log.parquet")
    monkeypatch.setattr(_ordered, "PART_ROWS", 700)  # five parts
    scan = scans.EventScan._from_pyldf(pl.scan_parquet(tmp_path / "log.parquet")._ldf)
    return log, scan


def test_journeys_of_a_scan_in_parts_are_those_of_the_loaded_log(scanned: tuple) -> None:
    log, scan = scanned
    assert _ordered._parts(scan) == 5 and _ordered._parts(log) == 1
    for activity in ("channel_id", ("stage_id", "channel_id")):
        assert journeys.transitions(scan, activity).equals(journeys.transitions(log, activity))
    assert journeys.variants(scan, limit=None).equals(journeys.variants(log, limit=None))
    assert journeys.drop_off(scan).equals(journeys.drop_off(log))
    assert journeys.switch_rate(scan, stages=STAGES).equals(
        journeys.switch_rate(log, stages=STAGES))
    assert journeys.stage_moves(scan, STAGES).equals(journeys.stage_moves(log, STAGES))
    assert journeys.stage_timing(scan, STAGES).equals(journeys.stage_timing(log, STAGES))
    assert journeys.cases(scan) == journeys.cases(log) == log["customer_id"].n_unique()
    whole = journeys.summary(log, limit=None)
    assert whole.transitions.equals(journeys.transitions(scan))
    assert whole.drop_off.equals(journeys.drop_off(scan))


def _client_log(folder: Path) -> None:
    log = _random_log(seed=9).with_columns(
        pl.col("stage_id").replace({"after_sales": "delivery"}),
        pl.col("channel_id").replace({"phone": "store"}))
    log.write_parquet(folder / "events.parquet")
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "events: events.xlsx", "events: events.parquet"), encoding="utf-8")


def test_reports_figures_of_a_scanned_log_are_those_of_the_loaded_log(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _client_log(client_dir)
    eager = loaders.load_inputs("acme")
    monkeypatch.setattr(scans, "LAZY_ROWS", 1)
    monkeypatch.setattr(_ordered, "PART_ROWS", 1000)
    lazy = loaders.load_inputs("acme")
    assert scans.streamed(lazy["events"]) and not scans.streamed(eager["events"])
    cfg = eager.config
    for name, compute in {
        "missing": touchpoints.missing_touchpoints,
        "critical": touchpoints.critical_touchpoints,
        "channel flows": touchpoints.channel_flows,
        "stage flows": touchpoints.stage_flows,
        "funnel": kr.funnel,
        "scope": overview.scope_figures,
        "volumes": overview.monthly_volumes,
        "base shares": pe.base_shares,
        "appetence": pe.appetence,
        "traces": pe.traces,
        "stage reach": pe.stage_reach,
        "variants": pe.variants,
        "distinctness": pe.distinctness,
        "features": lambda inputs: pe.customer_features(inputs["events"], cfg),
    }.items():
        assert compute(lazy).equals(compute(eager)), name
    from cxlib.analysis.journey_map import _channel_shares

    for persona in (None, "P1"):  # the journey map's channels lane
        assert _channel_shares(lazy, persona) == _channel_shares(eager, persona), persona
    assert pe.has_persona_events(lazy) and pe.has_persona_events(eager)
    assert [str(f) for f in touchpoints.critical_findings(lazy, "en")] == \
        [str(f) for f in touchpoints.critical_findings(eager, "en")]
    assert overview.data_inventory(lazy.report).equals(overview.data_inventory(eager.report))


def test_results_on_a_scan_are_kept_and_a_loaded_log_is_never_cached(scanned: tuple) -> None:
    log, scan = scanned
    _ordered._MEMO.clear()

    def kept() -> int:
        return sum(1 for key in _ordered._MEMO if key[0] == "drop_off")

    first = journeys.drop_off(scan)
    assert kept() == 1
    assert journeys.drop_off(scan).equals(first) and kept() == 1
    journeys.drop_off(log)
    journeys.drop_off(log.head(10))
    assert kept() == 1


def test_a_result_on_a_scan_computed_in_one_process_is_read_by_the_next(
        scanned: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from cxlib.analysis.figures import FIGURES_ENV

    log, scan = scanned
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path / "figures"))
    _ordered._MEMO.clear()
    first = journeys.drop_off(scan)
    assert first.equals(journeys.drop_off(log))
    [kept] = (tmp_path / "figures").glob("log.drop_off-*.pickle")
    assert pickle.loads(kept.read_bytes()).equals(first)
    marked = first.with_columns(pl.lit("from the store").alias("mark"))
    kept.write_bytes(pickle.dumps(marked))
    _ordered._MEMO.clear()  # another process: nothing in memory, the run's store on disk
    assert journeys.drop_off(scan).equals(marked)
    monkeypatch.delenv(FIGURES_ENV)  # outside a run: computed
    _ordered._MEMO.clear()
    assert journeys.drop_off(scan).equals(first)
