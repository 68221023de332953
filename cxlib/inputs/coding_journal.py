"""The codings store: an append-only journal per coder, written through on every action.

Coding happens in JupyterLab, where a kernel can die and a browser tab can close at any
moment. Every action — a code applied, removed, a suggestion accepted or rejected, an
undo — is appended to ``data/<client>/coding/<coder>.jsonl`` as one JSON line, flushed
and fsynced before the widget shows it: what the coder saw acknowledged is on disk.
Each coder has their own file, so two coders never write to the same file, and nothing
is ever rewritten: the current codings are the replay of the journal.

A line half-written by a crash (the only damage an append can suffer) is skipped on
replay, and the next append starts on a new line.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

__all__ = ["CodingStore", "store_folder"]

_CODER = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_SCHEMA = {"interview_id": pl.String, "coder": pl.String, "code_id": pl.String,
           "start": pl.Int64, "end": pl.Int64}


def store_folder(client_dir: Path) -> Path:
    """Return the folder holding a client's coding journals."""
    return client_dir / "coding"


@dataclass
class CodingStore:
    """One coder's journal of coding actions.

    Parameters
    ----------
    folder : Path
        The journals' folder (see :func:`store_folder`); created on first write.
    coder : str
        The coder's identity: letters, digits, ``_`` or ``-``.
    """

    folder: Path
    coder: str

    def __post_init__(self) -> None:
        if not _CODER.match(self.coder):
            raise ValueError(f"coder {self.coder!r}: use letters, digits, _ or - (1-40)")

    @property
    def path(self) -> Path:
        """Return the path of this coder's journal file."""
        return self.folder / f"{self.coder}.jsonl"

    def _append(self, record: dict) -> dict:
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"seq": self._next_seq(), "at": datetime.now(UTC).isoformat(timespec="seconds"),
                  "coder": self.coder, **record}
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self.path.open("ab") as handle:
            if handle.tell() and not self._ends_with_newline():
                handle.write(b"\n")  # a crash left half a line: start a clean one
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        return record

    def _ends_with_newline(self) -> bool:
        with self.path.open("rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def _next_seq(self) -> int:
        records = self.records()
        return (records[-1]["seq"] + 1) if records else 1

    def records(self) -> list[dict]:
        """Return every complete action of the journal, oldest first."""
        if not self.path.is_file():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # half a line, from a crash mid-write
            if isinstance(record, dict) and "op" in record:
                out.append(record)
        return out

    def add(self, interview_id: str, code_id: str, start: int, end: int,
            suggested: bool = False) -> dict:
        """Record that ``code_id`` applies to ``[start, end)`` of an interview."""
        if not 0 <= start < end:
            raise ValueError(f"a coding needs 0 <= start < end, got {start}, {end}")
        return self._append({"op": "add", "interview_id": interview_id, "code_id": code_id,
                             "start": start, "end": end, "suggested": suggested})

    def remove(self, interview_id: str, code_id: str, start: int, end: int) -> dict:
        """Record that a coding no longer applies."""
        return self._append({"op": "remove", "interview_id": interview_id, "code_id": code_id,
                             "start": start, "end": end})

    def reject(self, interview_id: str, code_id: str, start: int, end: int) -> dict:
        """Record that a suggested code was rejected (it will not be suggested again)."""
        return self._append({"op": "reject", "interview_id": interview_id, "code_id": code_id,
                             "start": start, "end": end})

    def undo(self) -> dict | None:
        """Cancel this coder's latest action that is not already undone; None if none."""
        undone = {r["target"] for r in self.records() if r["op"] == "undo"}
        for record in reversed(self.records()):
            if record["op"] in ("add", "remove", "reject") and record["seq"] not in undone:
                return self._append({"op": "undo", "target": record["seq"]})
        return None

    def _effective(self) -> list[dict]:
        records = self.records()
        undone = {r["target"] for r in records if r["op"] == "undo"}
        return [r for r in records if r["op"] != "undo" and r["seq"] not in undone]

    def codings(self) -> pl.DataFrame:
        """Return the current codings: the journal replayed, undos applied.

        Returns
        -------
        polars.DataFrame
            ``interview_id, coder, code_id, start, end`` — the shape of the ``codings``
            input table.
        """
        current: dict[tuple, dict] = {}
        for r in self._effective():
            key = (r["interview_id"], r["code_id"], r["start"], r["end"])
            if r["op"] == "add":
                current[key] = r
            elif r["op"] == "remove":
                current.pop(key, None)
        rows = [{"interview_id": k[0], "coder": self.coder, "code_id": k[1], "start": k[2],
                 "end": k[3]} for k in current]
        return pl.DataFrame(rows, schema=_SCHEMA).sort("interview_id", "start", "code_id")

    def rejected(self) -> set[tuple]:
        """Return the suggestions rejected: ``(interview_id, code_id, start, end)``."""
        return {(r["interview_id"], r["code_id"], r["start"], r["end"])
                for r in self._effective() if r["op"] == "reject"}

    @staticmethod
    def all_codings(folder: Path) -> pl.DataFrame:
        """Return every coder's current codings from the journals of ``folder``."""
        frames = [CodingStore(folder, p.stem).codings() for p in sorted(folder.glob("*.jsonl"))
                  if _CODER.match(p.stem)]
        return pl.concat(frames) if frames else pl.DataFrame(schema=_SCHEMA)
