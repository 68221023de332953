"""Every example written in a docstring runs and gives what it shows."""

import doctest
import importlib
from pathlib import Path

import pytest

import cxlib

PACKAGE = Path(cxlib.__file__).parent
WITH_EXAMPLES = sorted(
    ".".join(("cxlib", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__")
    for path in PACKAGE.rglob("*.py") if ">>> " in path.read_text(encoding="utf-8"))


def test_some_modules_carry_examples() -> None:
    assert "cxlib.analysis.kpis" in WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_LANG", "en")
    result = doctest.testmod(importlib.import_module(name),
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
