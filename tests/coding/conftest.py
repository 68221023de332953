"""Shared fixtures of the coding tests: the real REFI-QDA samples beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_files import require_samples

#: ``../shared/samples/refi-qda`` relative to the checkout (see shared/samples/README.md).
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "refi-qda"


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real REFI-QDA files; a missing folder is a failure, not a skip."""
    return require_samples(SAMPLES)


@pytest.fixture(scope="session")
def project_schema(samples: Path):
    """The REFI-QDA Project XSD 1.0, loaded from the samples (never from the network)."""
    import xmlschema

    return xmlschema.XMLSchema(samples / "xsd" / "Project.xsd")
