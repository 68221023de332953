"""A client whose only input is an export mapped in client.yaml, for the mapping tests."""

from __future__ import annotations

from pathlib import Path

from cxlib.inputs.schemas import TABLES


def only_input(folder: Path, drop_tables, table: str, spec: str) -> Path:
    """Leave ``table`` as the client's only input, declared by the YAML ``spec`` lines.

    ``spec`` is what follows ``  <table>:`` in client.yaml (indented by four spaces).
    """
    drop_tables(folder, *[t for t in TABLES if (folder / f"{t}.xlsx").exists()])
    config = folder / "client.yaml"
    text = config.read_text(encoding="utf-8").rstrip("\n")
    text = text.replace("inputs:", "inputs:\n  " + table + ":\n" + spec.rstrip("\n"), 1)
    config.write_text(text + "\n", encoding="utf-8")
    return folder
