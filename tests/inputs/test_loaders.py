"""The validated-inputs cache a run shares between its notebooks."""

import os
from pathlib import Path

import pytest

from cxlib.inputs import loaders


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
