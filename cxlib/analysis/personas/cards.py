"""Persona cards: each workshop portrait with its share of base and channel appetence.

The observed share of base is that of :func:`~cxlib.analysis.personas.declared.base_shares`.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.personas._common import _channels
from cxlib.analysis.personas.declared import base_shares, has_persona_events
from cxlib.inputs.loaders import Inputs
from cxlib.privacy import redact

__all__ = [
    "persona_cards",
]


def _name(frame: pl.DataFrame, key: str, value: str) -> dict[str, str]:
    return dict(frame.select(key, value).iter_rows())


#: Persona fields written in free text, which may quote or name a real person.
_FREE_TEXT = ("description", "quote", "goals", "questions", "frustrations")


def persona_cards(inputs: Inputs) -> list[dict]:
    """Return what each persona card shows, in persona table order.

    Returns
    -------
    list of dict
        ``name, description, quote, goals, questions, frustrations, expertise,
        decision_mode`` (text or None), ``share`` (declared share of base, 0–1 or None),
        ``observed`` (share of the event log's customers, or None) and ``appetence``: a list
        of ``(channel label, level 0–3)`` in configured channel order, declared levels only.
        The free texts go through :func:`cxlib.privacy.redact`.
    """
    personas = inputs["personas"]
    observed = _name(base_shares(inputs), "persona_id", "observed") \
        if has_persona_events(inputs) else {}
    levels = _declared_levels(inputs)
    fields = ("name", "description", "quote", "goals", "questions", "frustrations",
              "expertise", "decision_mode")
    lang = inputs.config.language
    cards = []
    for row in personas.iter_rows(named=True):
        # the workshop's words, often an interviewee's: redacted like every quote
        card = {f: redact(row[f], None, lang) if f in _FREE_TEXT and row.get(f) else row.get(f)
                for f in fields}
        card["share"] = row.get("share_of_base")
        card["observed"] = observed.get(row["persona_id"])
        card["appetence"] = levels.get(row["persona_id"], [])
        cards.append(card)
    return cards


def _declared_levels(inputs: Inputs) -> dict[str, list[tuple[str, int]]]:
    if "persona_channels" not in inputs:
        return {}
    channels = _channels(inputs.config)
    table = inputs["persona_channels"].join(channels, on="channel_id").sort(
        "persona_id", "channel_order")
    return {pid: list(zip(group["channel"], group["appetence"], strict=True))
            for (pid,), group in table.group_by("persona_id", maintain_order=True)}
