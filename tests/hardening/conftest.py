"""Fixtures of the hardening suite: a scaffolded client in either language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def client(make_client: Callable[..., Path]) -> Callable[[str], Path]:
    """Make the scaffolded client ``acme`` in a language; returns its folder."""

    def make(lang: str = "en") -> Path:
        return make_client("acme", lang)

    return make
