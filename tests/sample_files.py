"""Real files written by other tools, kept beside the checkout in ``../shared/samples``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: The checkout's root folder.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: ``../shared/samples`` beside the checkout (see shared/samples/README.md).
SAMPLES = PROJECT_ROOT.parent / "shared" / "samples"


def require_samples(folder: Path) -> Path:
    """Return a folder of real sample files beside the checkout (``../shared/samples``).

    CI keeps them there and sets ``CX_REQUIRE_SAMPLES=1``: a missing folder fails. A fresh
    clone elsewhere skips the tests that need them, saying where they were looked for.
    """
    if folder.is_dir():
        return folder
    message = f"sample files not found at {folder} (they sit beside the checkout in CI)"
    if os.environ.get("CX_REQUIRE_SAMPLES") == "1":
        pytest.fail(message)
    pytest.skip(message)
