"""The small tables of a demo client, as polars frames in the data contract's column order.

Personas, appetence, touchpoints, interviews, codebook, codings, monthly KPIs and actions.

Values are canonical (dates as dates, booleans as booleans) except where the client writes
French code labels (``enchantement``, ``salarié``, ``à faire``…), which the loaders accept
as aliases; :mod:`cxlib.demo._write` turns the rest into the client's file conventions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
import polars as pl

from cxlib.demo._spec import ClientSpec, Touchpoint
from cxlib.demo._transcripts import Segment
from cxlib.inputs.schemas import TABLES

__all__ = [
    "actions_table",
    "codebook_table",
    "codings_table",
    "interviews_table",
    "kpis_table",
    "persona_channels_table",
    "persona_stages_table",
    "personas_table",
    "previous_touchpoints_table",
    "touchpoints_table",
]


def _label(spec: ClientSpec, enum: str, code: str) -> str:
    return spec.enum_labels.get(enum, {}).get(code, code)


def _frame(name: str, rows: list[dict]) -> pl.DataFrame:
    columns = [c.name for c in TABLES[name].columns]
    return pl.DataFrame(rows, infer_schema_length=None).select(columns)


def personas_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the personas table."""
    rows = [{"persona_id": p.id, "name": p.name, "description": p.description,
             "quote": p.quote, "goals": p.goals, "questions": p.questions,
             "frustrations": p.frustrations, "expertise": p.expertise,
             "decision_mode": p.decision_mode, "share_of_base": p.share}
            for p in spec.personas]
    return _frame("personas", rows)


def persona_channels_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the declared appetence of every persona for every channel."""
    rows = [{"persona_id": p.id, "channel_id": c["id"], "appetence": p.appetence[c["id"]]}
            for p in spec.personas for c in spec.config["channels"]]
    return _frame("persona_channels", rows)


def persona_stages_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the workshop notes: per persona and stage, actions, questions, motivations."""
    from cxlib.demo._workshop import WORKSHOP

    stages, own = WORKSHOP[spec.slug]
    rows = [{"persona_id": p.id, "stage_id": s["id"],
             **dict(zip(("actions", "questions", "motivations"),
                        own.get((p.id, s["id"]), stages[s["id"]]), strict=True))}
            for p in spec.personas for s in spec.config["stages"]]
    return _frame("persona_stages", rows)


def touchpoints_table(spec: ClientSpec, touchpoints: Sequence[Touchpoint] | None = None
                      ) -> pl.DataFrame:
    """Return the touchpoint inventory (the current one unless ``touchpoints`` is given)."""
    rows = [{"touchpoint_id": t.id, "stage_id": t.stage, "channel_id": t.channel,
             "name": t.name, "description": t.description,
             "valence": _label(spec, "valence", t.valence),
             "moment_of_truth": t.moment_of_truth, "owner_department": t.owner,
             "persona_id": t.persona}
            for t in (spec.touchpoints if touchpoints is None else touchpoints)]
    return _frame("touchpoints", rows)


def previous_touchpoints_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the inventory as it stood at the previous wave (see ``spec.previous``)."""
    previous = spec.previous
    assert previous is not None
    kept = [replace(t, valence=previous.ratings.get(t.id, t.valence))
            for t in spec.touchpoints if t.id not in previous.added]
    return touchpoints_table(spec, sorted([*kept, *previous.removed], key=lambda t: t.id))


def interviews_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the interview metadata; transcripts are ``<interview_id>.txt``."""
    rows = [{"interview_id": iv.id, "population": _label(spec, "population", iv.population),
             "department_id": iv.department, "persona_id": iv.persona, "role": iv.role,
             "respondent": f"{iv.first} {iv.last}",
             "consent": iv.id != spec.truths["no_consent_interview"],
             "date": iv.day, "interviewer": spec.coders[iv.coder],
             "transcript_file": f"{iv.id}.txt"} for iv in spec.interviews]
    return _frame("interviews", rows)


def codebook_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the hierarchical codebook: five parents and their children."""
    texts = spec.code_descriptions
    kind = {k: _label(spec, "code_kind", k) for k in spec.code_parents}
    rows = [{"code_id": cid, "label": label, "parent_id": None, "kind": kind[k],
             "description": texts["parent"].format(kind=kind[k]), "colour": colour}
            for k, (cid, label, colour) in spec.code_parents.items()]

    def child(k: str, cid: str, label: str, colour: str) -> dict:
        return {"code_id": cid, "label": label, "parent_id": spec.code_parents[k][0],
                "kind": kind[k], "description": texts[k].format(label=label.lower()
                                                                if k == "valence" else label),
                "colour": colour}

    palette = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
               "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6")
    for k, items in (("stage", spec.config["stages"]), ("channel", spec.config["channels"])):
        rows += [child(k, spec.code_prefixes[k] + item["id"], item["label"],
                       palette[i % len(palette)]) for i, item in enumerate(items)]
    rows += [child("valence", *v) for v in spec.valences.values()]
    rows += [child("emotion", *e) for e in spec.emotions]
    rows += [child("theme", *t) for t in spec.themes]
    return _frame("codebook", rows)


def codings_table(segments: list[Segment]) -> pl.DataFrame:
    """Return the codings: one row per code applied to a span by a coder."""
    rows = [{"interview_id": s.interview_id, "coder": s.coder, "code_id": s.code_id,
             "start": s.start, "end": s.end} for s in segments]
    return _frame("codings", rows)


def _months(first: date, count: int) -> list[date]:
    return [date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
            for i in range(count)]


def kpis_table(spec: ClientSpec, seed: int) -> pl.DataFrame:
    """Return the monthly KPI series: a trend, a December peak and some noise."""
    rng = np.random.default_rng([seed, 5, sum(map(ord, spec.slug))])
    months = _months(*spec.kpi_months)
    rows = []
    for series in spec.kpis:
        for i, month in enumerate(months):
            season = 1 + series.seasonal * math.cos(2 * math.pi * (month.month - 12) / 12)
            trend = series.first + (series.last - series.first) * i / (len(months) - 1)
            value = max(0.0, trend * season + rng.normal(0, series.noise))
            base = int(series.base * season * rng.uniform(0.95, 1.05))
            rows.append({"kpi": series.kpi, "period": month, "stage_id": series.stage,
                         "channel_id": series.channel, "value": round(value, series.digits),
                         "base": base})
    return _frame("kpis", rows)


def actions_table(spec: ClientSpec) -> pl.DataFrame:
    """Return the consultant's action plan."""
    rows = [{**a, "status": _label(spec, "action_status", a["status"])} for a in spec.actions]
    return _frame("actions", rows)
