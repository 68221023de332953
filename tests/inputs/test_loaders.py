"""The validated-inputs cache a run shares between its notebooks; workbooks read ahead."""

import os
import threading
from pathlib import Path

import pytest

from cxlib.inputs import loaders, readers
from cxlib.inputs.loaders import validate_client


def test_cache_used_while_inputs_unchanged(client_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    report = loaders.validate_client("acme")
    cache = loaders.save_cache(report, tmp_path / "inputs.pickle")
    monkeypatch.setenv(loaders.CACHE_ENV, str(cache))
    calls = []
    monkeypatch.setattr(loaders, "validate_client", lambda *a, **k: calls.append(a))
    inputs = loaders.load_inputs("acme")
    assert calls == [] and inputs["personas"].height == 1


def test_cache_ignored_when_an_input_changes(client_dir: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cache = loaders.save_cache(loaders.validate_client("acme"), tmp_path / "inputs.pickle")
    monkeypatch.setenv(loaders.CACHE_ENV, str(cache))
    survey = client_dir / "survey.xlsx"
    stat = survey.stat()
    os.utime(survey, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert loaders._cached(loaders.load_config("acme"), None) is None
    assert loaders.load_inputs("acme")["survey"].height == 1  # read again from the file


def test_cache_of_another_client_or_garbage_ignored(make_client, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make_client("acme", "en")
    make_client("beta", "fr")
    cache = loaders.save_cache(loaders.validate_client("acme"), tmp_path / "inputs.pickle")
    monkeypatch.setenv(loaders.CACHE_ENV, str(cache))
    assert loaders._cached(loaders.load_config("beta"), None) is None
    cache.write_bytes(b"not a pickle")
    assert loaders._cached(loaders.load_config("acme"), None) is None


_SAME_DAY = ("customer_id;timestamp;stage_id;channel_id\n"
             "C1;15/09/2026;search;web\nC1;15/09/2026;search;web\nC2;16/09/2026;search;web\n")


@pytest.mark.parametrize(("duplicates", "rows"), [(None, 3), ("keep", 3), ("drop", 2)])
def test_identical_events_are_kept_unless_the_input_says_they_are_copies(
        client_dir: Path, write_csv, duplicates: str | None, rows: int) -> None:
    write_csv(client_dir, "events", _SAME_DAY)
    if duplicates:
        config = client_dir / "client.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "events: events.csv",
            f"events: {{file: events.csv, duplicates: {duplicates}}}"), encoding="utf-8")
    report = validate_client("acme")
    assert report.ok, report.error()
    assert report.results["events"].frame.height == rows
    [warning] = report.results["events"].warnings
    assert ("kept (row 3)" if rows == 3 else "dropped (row 3)") in warning.render("en")


def test_an_unknown_key_of_an_input_mapping_is_refused(client_dir: Path) -> None:
    from cxlib.errors import ConfigError
    from cxlib.inputs.config import load_config

    config = client_dir / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "events: events.xlsx", "events: {file: events.xlsx, duplicate: drop}"),
        encoding="utf-8")
    with pytest.raises(ConfigError, match=r"inputs\.events\.duplicate"):
        load_config("acme")


def test_workbooks_read_ahead_give_the_same_report(client_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (client_dir / "kpis.xlsx").write_bytes(b"not a workbook")
    before = loaders.validate_client("acme")
    threads: list[str] = []
    read_raw = readers.read_raw

    def traced(path: Path, lang: str, **options: object) -> readers.RawTable:
        threads.append(threading.current_thread().name)
        return read_raw(path, lang, **options)

    monkeypatch.setattr(readers, "AHEAD_BYTES", 0)  # every workbook is read ahead
    monkeypatch.setattr(readers, "read_raw", traced)
    after = loaders.validate_client("acme")
    assert len(threads) == len(list(client_dir.glob("*.xlsx")))
    assert all(name.startswith("cx-read-ahead") for name in threads)
    assert [p.render("en") for p in after.all_problems] \
        == [p.render("en") for p in before.all_problems] != []
    assert after.results.keys() == before.results.keys()
    for name, result in before.results.items():
        assert after.results[name].frame.equals(result.frame), name
