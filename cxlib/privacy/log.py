"""The redaction log: per source table, how many items of each kind are redacted.

For the consultant's GDPR record. Every free-text column of the client's tables that
quotes are taken from (survey verbatims, written feedback) and the interview transcripts
are read with the client's :class:`~cxlib.privacy.detect.Detector`; the log counts, per
table and kind, the items any quote taken from them has replaced — counts only, never a
value. The runner
writes it beside the executed notebooks (``redaction-log.json``, :func:`write_log`); the
data inventory of the overview report says it in one line (:func:`redaction_line`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from cxlib.i18n import MESSAGES, t
from cxlib.privacy.detect import KINDS, Detector
from cxlib.privacy.policy import Policy, active_policy

__all__ = [
    "FREE_TEXT",
    "LOG_FILE",
    "read_log",
    "redaction_line",
    "redaction_log",
    "write_log",
]

#: The log's file name, beside the executed notebooks.
LOG_FILE = "redaction-log.json"
#: The free-text columns of the input tables, which quotes are taken from.
FREE_TEXT: dict[str, tuple[str, ...]] = {"survey": ("verbatim",), "feedback": ("text",)}


def _count(texts: Iterable[str], detector: Detector) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for text in texts:
        for item in detector.find(text):
            counts["name" if item.kind == "roster" else item.kind] += 1
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def redaction_log(inputs: Any, *, transcripts: Iterable[str] = (),
                  policy: Policy | None = None, roster: Any = None) -> dict[str, dict[str, int]]:
    """Return, per source table, the number of items of each kind redacted.

    Parameters
    ----------
    inputs : Inputs or mapping of str to polars.DataFrame
        The client's validated tables.
    transcripts : iterable of str, optional
        The interview transcripts' texts (logged as ``transcripts``).
    policy : Policy, optional
        The client's policy (default: the active one).
    roster : polars.DataFrame, mapping or iterable of mappings, optional
        The interview roster.

    Returns
    -------
    dict of str to dict of str to int
        Table -> kind -> count; tables without personal data are left out.
    """
    policy = policy or active_policy()
    detector = Detector(roster, keep=policy.keep, patterns=policy.patterns)
    log: dict[str, dict[str, int]] = {}
    for table, columns in FREE_TEXT.items():
        if table not in inputs:
            continue
        frame = inputs[table]
        for column in (c for c in columns if c in frame.columns):
            texts = frame[column].drop_nulls().cast(pl.String).to_list()
            counts = _count(texts, detector)
            if counts:
                log[table] = dict(Counter(log.get(table, {})) + Counter(counts))
    counts = _count(transcripts, detector)
    if counts:
        log["transcripts"] = counts
    return log


def write_log(log: Mapping[str, Mapping[str, int]], folder: Path) -> Path:
    """Write the log as ``redaction-log.json`` in ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    path.write_text(json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read_log(folder: Path | None = None) -> dict[str, dict[str, int]] | None:
    """Return the log written in ``folder`` (default: the working folder), or None."""
    path = (folder or Path.cwd()) / LOG_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _table(name: str, lang: str) -> str:
    if name == "transcripts":
        return t("privacy_transcripts", lang)
    return t(f"tbl_{name}", lang) if f"tbl_{name}" in MESSAGES else name


def redaction_line(inputs: Any) -> dict[str, str]:
    """Return the inventory's line on redaction: its message id (``key``) and values.

    The run's log is read when the runner wrote one; otherwise it is computed.

    Parameters
    ----------
    inputs : Inputs
        The client's inputs (their configuration gives the language).

    Returns
    -------
    dict of str to str
        ``key`` and the message's values, for
        ``page.text(**redaction_line(inputs))`` (:meth:`cxlib.presentation.page.Page.text`).
    """
    lang = inputs.config.language
    log = read_log()
    if log is None:
        log = redaction_log(inputs)
    if not log:
        return {"key": "privacy_log_none"}
    totals: Counter[str] = Counter()
    for counts in log.values():
        totals.update(counts)
    items = ", ".join(f"{t(f'privacy_kind_{kind}', lang)} ({totals[kind]})"
                      for kind in KINDS if totals[kind])
    tables = ", ".join(_table(name, lang) for name in log)
    return {"key": "privacy_log_line", "items": items, "tables": tables}
