"""Large event logs scanned, not loaded: the same table and the same messages as loaded."""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from cxlib.inputs import loaders, scans


def _use_parquet(folder: Path, frame: pl.DataFrame) -> Path:
    path = folder / "events.parquet"
    frame.write_parquet(path)
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "events: events.xlsx", "events: events.parquet"), encoding="utf-8")
    return path


def _log(**changes: list) -> pl.DataFrame:
    n = 40
    columns = {
        "customer_id": [f"C{i % 7}" for i in range(n)],
        "timestamp": [datetime(2026, 9, 1 + i % 20, 8 + i % 9) for i in range(n)],
        "stage_id": [("search", "compare", "purchase", "delivery")[i % 4] for i in range(n)],
        "channel_id": [("web", "app", "store")[i % 3] for i in range(n)],
        "outcome": [("converted" if i % 11 == 0 else None) for i in range(n)],
        "value": [float(i) for i in range(n)],
        "extra": ["x"] * n,
    }
    for name, values in changes.items():
        columns[name] = values + columns[name][len(values):]
    return pl.DataFrame(columns)


def _both(monkeypatch: pytest.MonkeyPatch) -> tuple:
    eager = loaders.validate_client("acme", ["events"])
    monkeypatch.setattr(scans, "LAZY_ROWS", 1)
    lazy = loaders.validate_client("acme", ["events"])
    return eager.results["events"], lazy.results["events"]


def test_a_scanned_log_is_the_loaded_one(client_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _use_parquet(client_dir, _log())
    eager, lazy = _both(monkeypatch)
    assert isinstance(lazy.frame, scans.EventScan) and not scans.streamed(eager.frame)
    assert lazy.frame.collect().equals(eager.frame)
    assert lazy.frame.height == eager.frame.height == 40
    assert lazy.frame.columns == eager.frame.columns
    assert lazy.frame["customer_id"].n_unique() == 7
    assert [str(p) for p in lazy.warnings] == [str(p) for p in eager.warnings]
    assert lazy.absent_columns == eager.absent_columns and not lazy.problems


def test_bad_values_in_a_scanned_log_name_file_row_and_column(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _use_parquet(client_dir, _log(stage_id=["search", "nowhere"],
                                         value=[1.0, 2.0, -5.0],
                                         customer_id=["C1", "C1", "C1", None]))
    eager, lazy = _both(monkeypatch)
    assert [str(p) for p in lazy.problems] == [str(p) for p in eager.problems]
    found = {(p.file, p.row, p.column, p.found) for p in lazy.problems}
    assert (path, 2, "stage_id", "nowhere") in found
    assert (path, 3, "value", "-5.0") in found
    assert (path, 4, "customer_id", "") in found


def test_many_bad_values_are_counted_as_when_loaded(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_parquet(client_dir, _log(channel_id=["fax"] * 30))
    eager, lazy = _both(monkeypatch)
    assert [str(p) for p in lazy.problems] == [str(p) for p in eager.problems]
    assert len(lazy.problems) == 21  # twenty listed, the others in one line


@pytest.mark.parametrize("duplicates", ["keep", "drop"])
def test_identical_events_in_a_scanned_log(client_dir: Path, duplicates: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    log = _log()
    _use_parquet(client_dir, pl.concat([log, log.head(3)]))
    config = client_dir / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "events: events.parquet",
        f"events: {{file: events.parquet, duplicates: {duplicates}}}"), encoding="utf-8")
    eager, lazy = _both(monkeypatch)
    assert [str(p) for p in lazy.warnings] == [str(p) for p in eager.warnings]
    assert lazy.frame.height == eager.frame.height == (40 if duplicates == "drop" else 43)


def test_a_scanned_log_travels_in_the_runs_cache(client_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _use_parquet(client_dir, _log())
    monkeypatch.setattr(scans, "LAZY_ROWS", 1)
    cache = loaders.save_cache(loaders.validate_client("acme"), tmp_path / "inputs.pickle")
    assert cache.stat().st_size < 200_000  # the plan, not the rows
    monkeypatch.setenv(loaders.CACHE_ENV, str(cache))
    inputs = loaders.load_inputs("acme")
    assert scans.streamed(inputs["events"]) and inputs.status("events") == "present"
    assert inputs.has("events", "customer_id", "outcome")
    assert inputs["events"].hash_rows(seed=7).len() == 1


def test_outcomes_written_as_aliases_are_coded_as_when_loaded(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_parquet(client_dir, _log(outcome=["Converted", " abandon ", "", "what"]))
    eager, lazy = _both(monkeypatch)
    assert lazy.frame.collect().equals(eager.frame)
    assert [str(p) for p in lazy.problems] == [str(p) for p in eager.problems]
    assert [(p.row, p.column) for p in lazy.problems] == [(4, "outcome")]


def test_a_scanned_logs_fingerprint_follows_its_file(client_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scans, "LAZY_ROWS", 1)
    _use_parquet(client_dir, _log())

    def fingerprint() -> int:
        return loaders.validate_client("acme", ["events"]).results["events"].frame.hash_rows(
            seed=7).item()

    first = fingerprint()
    assert fingerprint() == first
    _use_parquet(client_dir, _log(value=[99.0]))
    assert fingerprint() != first
