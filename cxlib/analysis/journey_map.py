"""The journey map, its health check and the action plan: the synthesis a client reads first.

One map per persona: stages as columns (phrased from the customer's side) and lanes —
what the customer does (the channels they actually use there, from the event log), the
touchpoints they meet (valence, moments of truth), the emotional curve (mean stage
satisfaction from the survey, with its base), irritants and enchantments with their
evidence (coded interview passages of this persona's customers), the KPIs of the stage
and the opportunities. Every entry carries its evidence count.

The health check measures the five classic mapping errors; the action plan ranks
opportunities from irritants and ruptures, plus the consultant's own actions, on an
impact × effort matrix.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from cxlib.analysis import kpis
from cxlib.analysis._ordered import case_counts
from cxlib.analysis.overview import Finding
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "DETRACTOR_LIFT",
    "MIN_SHARE",
    "Finding",
    "action_plan",
    "curves",
    "emotional_curve",
    "health_check",
    "persona_map",
    "plan_display",
    "summary",
]

_NEGATIVE = ("irritant", "rupture")
#: Least share of a persona's customers at a stage for a channel's touchpoints to be on its
#: map (below, the channel is marginal for that persona).
MIN_SHARE = 0.05
#: Detractor share, relative to other respondents, from which a touchpoint concentrates
#: detractors (its derived opportunity gains impact).
DETRACTOR_LIFT = 1.5


def _persona_survey(inputs: Inputs, persona: str | None) -> pl.DataFrame:
    survey = inputs["survey"].filter(pl.col("wave") == inputs.config.wave)
    if persona and "persona_id" in survey.columns:
        survey = survey.filter(pl.col("persona_id") == persona)
    return survey


def emotional_curve(inputs: Inputs, persona: str | None) -> pl.DataFrame:
    """Return the mean satisfaction (1–5) at each stage for one persona, current wave.

    Returns
    -------
    polars.DataFrame
        ``stage_id, stage, order, mean, n, base``, in journey order; stages under the
        suppression floor have a null mean.
    """
    cfg = inputs.config
    survey = _persona_survey(inputs, persona)
    rows = []
    for order, stage in enumerate(cfg.stages):
        column = f"sat_{stage.id}"
        values = survey[column].drop_nulls() if column in survey.columns else pl.Series([])
        n = values.len()
        hidden = n < cfg.min_base.suppress
        rows.append({"stage_id": stage.id, "stage": stage.label, "order": order,
                     "mean": None if hidden else float(values.cast(pl.Float64).mean()),
                     "n": n, "base": "suppressed" if hidden else
                     "low" if n < cfg.min_base.flag else "ok"})
    return pl.DataFrame(rows, schema={"stage_id": pl.String, "stage": pl.String,
                                      "order": pl.Int64, "mean": pl.Float64, "n": pl.Int64,
                                      "base": pl.String})


def _channel_shares(inputs: Inputs, persona: str | None) -> dict[str, dict[str, float]]:
    """Return, per stage, each channel's share of the persona's customers seen there.

    Counted by :func:`~cxlib.analysis._ordered.case_counts`: on a log left on disk, from the
    log coded once for the journey analyses, each persona's count kept for the next map.
    """
    events = inputs["events"]
    personal = bool(persona) and "persona_id" in events.columns
    counts = case_counts(events, ["stage_id", "channel_id"], "customer_id", "n",
                         where=("persona_id", persona) if personal else None)
    out: dict[str, dict[str, float]] = {}
    for stage in inputs.config.ids("stages"):
        here = counts.filter(pl.col("stage_id") == stage).sort(["n", "channel_id"],
                                                               descending=[True, False])
        total = here["n"].sum() or 1
        out[stage] = {c: n / total for c, n in here.select("channel_id", "n").iter_rows()}
    return out


def _channels_used(shares: dict[str, dict[str, float]], inputs: Inputs,
                   top: int = 3) -> dict[str, list]:
    labels = inputs.config.labels("channels")
    return {stage: [(labels.get(c, c), share) for c, share in list(here.items())[:top]]
            for stage, here in shares.items()}


def _stage_evidence(spans: pl.DataFrame | None, persona: str | None, codes: dict[str, str]
                    ) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """Top irritant and enchantment themes per stage from this persona's coded passages."""
    out: dict[str, dict[str, list[tuple[str, int]]]] = {}
    if spans is None or spans.is_empty():
        return out
    mine = spans.filter(pl.col("population") == "customer")
    if persona:
        mine = mine.filter(pl.col("persona_id") == persona)
    for label, wanted in (("irritants", list(_NEGATIVE)), ("enchantments", ["enchantment"])):
        grouped = mine.filter(pl.col("valence_code").is_in(wanted)
                              & pl.col("theme").is_not_null()).group_by("stage_id", "theme").agg(
            pl.len().alias("n")).sort(["n", "theme"], descending=[True, False])
        for stage, theme, n in grouped.iter_rows():
            items = out.setdefault(stage, {}).setdefault(label, [])
            if len(items) < 2:
                items.append((codes.get(theme, theme), n))
    return out


def _workshop(inputs: Inputs, persona: str | None) -> dict[str, dict[str, str]]:
    """Return the workshop notes per stage: actions, questions and motivations (texts)."""
    if persona is None or "persona_stages" not in inputs:
        return {}
    notes = inputs["persona_stages"].filter(pl.col("persona_id") == persona)
    out: dict[str, dict[str, str]] = {}
    for r in notes.iter_rows(named=True):  # several rows for one stage: their texts joined
        here = out.setdefault(r["stage_id"], {"actions": "", "questions": "", "motivations": ""})
        for key in here:
            if r.get(key):
                here[key] = f"{here[key]} {r[key]}".strip()
    return out


def persona_map(inputs: Inputs, persona: str | None, spans: pl.DataFrame | None,
                evidence: pl.DataFrame, *, voice: object = None) -> dict[str, object]:
    """Return one persona's journey map, column by column.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    persona : str or None
        Persona id (None: every customer).
    spans : polars.DataFrame or None
        Coded passages (:func:`cxlib.analysis.interviews.coded_spans`).
    evidence : polars.DataFrame
        Touchpoints with evidence (:func:`cxlib.analysis.touchpoints.evidence`).

    Returns
    -------
    dict
        ``persona`` (name), ``stages``: one dict per stage with ``label``, ``actions``,
        ``questions``, ``motivations`` (the ``persona_stages`` workshop notes; empty texts
        when none), ``channels`` (label, share of this persona's customers there),
        ``touchpoints`` (name,
        valence, moment of truth, evidence), ``satisfaction`` (mean, n, base),
        ``irritants`` / ``enchantments`` (theme, passages), ``nps`` (value, n, base) and
        ``opportunities`` (names of irritant or rupture touchpoints); given ``voice``
        (:func:`cxlib.analysis.feedback.listen`), ``voice`` too: what customers write at
        the stage (:func:`cxlib.analysis.feedback.stage_voice`; None without texts there).
    """
    cfg = inputs.config
    names = dict(inputs["personas"].select("persona_id", "name").iter_rows())
    codes = dict(inputs["codebook"].select("code_id", "label").iter_rows())
    curve = {r["stage_id"]: r for r in emotional_curve(inputs, persona).iter_rows(named=True)}
    shares = _channel_shares(inputs, persona)
    channels = _channels_used(shares, inputs)
    personal = bool(persona) and "persona_id" in inputs["events"].columns
    said = _stage_evidence(spans, persona, codes)
    survey = _persona_survey(inputs, persona)
    nps = {r["stage_id"]: r for r in kpis.nps(
        survey.filter(pl.col("stage_id").is_not_null()), ["stage_id"],
        scale=cfg.scales["nps"], min_base=cfg.min_base).iter_rows(named=True)} \
        if "stage_id" in survey.columns else {}
    workshop = _workshop(inputs, persona)
    written = None
    if voice is not None:
        from cxlib.analysis.feedback import stage_voice

        written = stage_voice(voice, persona)  # type: ignore[arg-type]
    mine = evidence.filter(pl.col("persona_id").is_null() | (pl.col("persona_id") == persona)) \
        if persona and "persona_id" in evidence.columns else evidence
    stages = []
    for stage in cfg.stages:
        here = mine.filter(pl.col("stage_id") == stage.id)
        if personal:  # the touchpoints on channels this persona uses here, and their own
            used = [c for c, share in shares.get(stage.id, {}).items() if share >= MIN_SHARE]
            here = here.filter(pl.col("channel_id").is_in(used) | (
                pl.col("persona_id") == persona).fill_null(False))
        here = here.sort(
            pl.col("valence").replace_strict({"rupture": 0, "irritant": 1, "enchantment": 2},
                                             default=3), "name")
        tps = [{"name": r["name"], "valence": r["valence"],
                "moment_of_truth": bool(r.get("moment_of_truth")), "evidence": r["evidence"]}
               for r in here.iter_rows(named=True)]
        stages.append({
            "label": stage.label, "channels": channels.get(stage.id, []), "touchpoints": tps,
            **workshop.get(stage.id, {"actions": "", "questions": "", "motivations": ""}),
            "satisfaction": curve[stage.id],
            "irritants": said.get(stage.id, {}).get("irritants", []),
            "enchantments": said.get(stage.id, {}).get("enchantments", []),
            "nps": nps.get(stage.id),
            "opportunities": [tp["name"] for tp in tps if tp["valence"] in _NEGATIVE],
            **({"voice": written.get(stage.id)} if written is not None else {}),
        })
    return {"persona": names.get(persona, "") if persona else "", "stages": stages}


#: Field data that can evidence a touchpoint's rating: coded interviews, the event log,
#: survey answers about a touchpoint.
_EVIDENCE_SOURCES = (("codings",), ("events", "touchpoint_id"), ("survey", "touchpoint_id"))


def health_check(inputs: Inputs, evidence: pl.DataFrame, lang: str,
                 today: date | None = None, *,
                 spans: pl.DataFrame | None = None) -> list[Finding]:
    """Measure the five classic mapping errors and a review's checks; problems first.

    1. critical touchpoints ignored: the cells where most journeys end without a purchase
       are not rated as irritants or ruptures (or have no touchpoint at all);
    2. ratings with no field evidence;
    3. one journey for everyone: stages no customer reaches in the event log, and
       personas whose journeys are indistinguishable (:func:`cxlib.analysis.personas.distinctness`);
    4. departments never interviewed;
    5. a stale map: the age of the current wave's fieldwork, and what changed in the
       inventory since the previous wave (a warning when it cannot be compared).

    Then what a review of a finished map questions (:func:`cxlib.analysis.health.findings`):
    ratings the survey contradicts, ratings on thin evidence, top irritants whose action is
    done (given the coded passages, ``spans``), churn and retention that do not add up, a
    driver that dominates.

    Each check speaks only where its field data exists: without an event log, no stage is
    said to be unreached; without interviews, no department is said to be left out.
    """
    from cxlib.analysis.interviews import department_coverage
    from cxlib.analysis.touchpoints import critical_touchpoints, unevidenced

    cfg = inputs.config
    stages, channels = cfg.labels("stages"), cfg.labels("channels")
    out: list[Finding] = []
    for r in critical_touchpoints(inputs, 3).iter_rows(named=True):
        cell = evidence.filter((pl.col("stage_id") == r["stage_id"])
                               & (pl.col("channel_id") == r["channel_id"]))
        if not cell.filter(pl.col("valence").is_in(list(_NEGATIVE))).height:
            out.append(Finding("problem", t("jm_hc_critical", lang,
                                            stage=stages.get(r["stage_id"], r["stage_id"]),
                                            channel=channels.get(r["channel_id"], r["channel_id"]),
                                            rate=number(r["rate"], lang, 0, percent=True))))
    # each check speaks only where its field data exists: no log, no "stage never reached"
    if any(inputs.has(*source) for source in _EVIDENCE_SOURCES):
        weak = unevidenced(evidence)
        out.append(Finding("warning" if weak.height else "info",
                           t("jm_hc_unevidenced", lang, n=weak.height, total=evidence.height)))
    if inputs.has("events", "stage_id"):
        reached = set(inputs["events"]["stage_id"].unique().to_list())
        unused = [label for sid, label in stages.items() if sid not in reached]
        out.append(Finding("problem" if unused else "info",
                           t("jm_hc_unused", lang, stages=", ".join(unused),
                             n_stages=len(unused))
                           if unused
                           else t("jm_hc_all_used", lang)))
    from cxlib.analysis import personas as pe

    if pe.has_persona_events(inputs):  # one journey for everyone: personas alike
        out += pe.distinctness_findings(pe.distinctness(inputs), lang)
    if inputs.has("interviews", "department_id"):
        missing = department_coverage(inputs).filter(pl.col("interviews") == 0)
        out.append(Finding("problem" if missing.height else "info",
                           t("jm_hc_departments", lang, n=missing.height,
                             names=", ".join(missing["label"].to_list()) or "–")))
    waves = sorted(cfg.waves, key=lambda w: w.date)
    current = next(w for w in waves if w.id == cfg.wave)
    age = ((today or date.today()) - current.date).days
    out.append(Finding("warning" if age > 365 else "info",
                       t("jm_hc_age", lang, wave=current.label, days=age, waves=len(waves))))
    previous = cfg.previous_wave
    if previous is not None:
        from cxlib.analysis import waves as wv

        changes = wv.touchpoint_changes(inputs)
        counts = {k: changes.filter(pl.col("change") == k).height for k in wv.CHANGES}
        out.append(Finding("info", t("jm_hc_changes", lang, wave=previous.label, **counts))
                   if wv.compared(inputs) else
                   Finding("warning", t("wv_no_inventory", lang, wave=previous.label)))
    from cxlib.analysis import health

    out += health.findings(inputs, evidence, spans, lang)
    order = {"problem": 0, "warning": 1, "info": 2}
    return sorted(out, key=lambda f: order[f.severity])


def action_plan(inputs: Inputs, evidence: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return the action plan: the consultant's actions, then opportunities from irritants.

    An irritant or rupture touchpoint without an action becomes an opportunity with an
    impact from what it costs the client: 4 for a rupture or a moment of truth, 3 for
    another irritant; one more when it concentrates detractors (at least
    :data:`DETRACTOR_LIFT` times the detractor share of other respondents, on a base that
    is not low), one more when at least 50 pieces of evidence stand behind it; at most 5.
    Its effort is 3, to estimate with the client.

    Returns
    -------
    polars.DataFrame
        ``action, touchpoint, impact, effort, owner, due, status, source`` (``consultant``
        or ``derived``), ``priority`` (impact − effort); actions not done yet first, then
        highest priority, highest impact, the consultant's actions before derived ones.
    """
    cfg = inputs.config
    depts = cfg.labels("departments")
    tp_names = dict(evidence.select("touchpoint_id", "name").iter_rows())
    rows = []
    covered = set()
    if "actions" in inputs:
        for r in inputs["actions"].iter_rows(named=True):
            covered.add(r.get("touchpoint_id"))
            rows.append({"action": r["title"],
                         "touchpoint": tp_names.get(r.get("touchpoint_id")),
                         "impact": r["impact"], "effort": r["effort"],
                         "owner": depts.get(r.get("owner_department") or "", ""),
                         "due": r.get("due_date"), "status": r.get("status") or "todo",
                         "source": "consultant"})
    hurting: set[str] = set()
    if inputs.has("survey", "nps", "touchpoint_id"):
        from cxlib.analysis.kpi_review import touchpoint_detractors

        hurting = set(touchpoint_detractors(inputs).filter(
            (pl.col("lift") >= DETRACTOR_LIFT) & (pl.col("base") == "ok"))["segment"])
    for r in evidence.filter(pl.col("valence").is_in(list(_NEGATIVE))).iter_rows(named=True):
        if r["touchpoint_id"] in covered:
            continue
        impact = 4 if r["valence"] == "rupture" or r.get("moment_of_truth") else 3
        impact = min(5, impact + (r["touchpoint_id"] in hurting) + (r["evidence"] >= 50))
        rows.append({"action": t("jm_derived_action", lang, touchpoint=r["name"]),
                     "touchpoint": r["name"], "impact": impact, "effort": 3,
                     "owner": depts.get(r.get("owner_department") or "", ""), "due": None,
                     "status": "todo", "source": "derived"})
    schema = {"action": pl.String, "touchpoint": pl.String, "impact": pl.Int64,
              "effort": pl.Int64, "owner": pl.String, "due": pl.Date, "status": pl.String,
              "source": pl.String}
    plan = pl.DataFrame(rows, schema=schema)
    return plan.with_columns((pl.col("impact") - pl.col("effort")).alias("priority")).sort(
        [pl.col("status") == "done", "priority", "impact", pl.col("source") != "consultant",
         "action"], descending=[False, True, True, False, False])


def curves(inputs: Inputs, evidence: pl.DataFrame) -> pl.DataFrame:
    """Return every persona's emotional curve, with the stages holding a moment of truth.

    Returns
    -------
    polars.DataFrame
        ``persona, stage, mean, n, moment``.
    """
    moments = set(evidence.filter(pl.col("moment_of_truth").fill_null(False))["stage_id"]
                  .to_list()) if "moment_of_truth" in evidence.columns else set()
    parts = []
    for pid, name in inputs["personas"].select("persona_id", "name").iter_rows():
        curve = emotional_curve(inputs, pid)
        parts.append(curve.select(
            pl.lit(name).alias("persona"), "stage", "mean", "n",
            pl.col("stage_id").is_in(list(moments)).alias("moment")))
    return pl.concat(parts) if parts else pl.DataFrame(
        schema={"persona": pl.String, "stage": pl.String, "mean": pl.Float64,
                "n": pl.Int64, "moment": pl.Boolean})


def plan_display(plan: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return the action plan numbered by rank (``rank``, first), source and status in words."""
    return plan.select(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("rank"),
                       pl.all()).with_columns(
        pl.col("source").replace_strict({s: t(f"source_{s}", lang)
                                         for s in ("consultant", "derived")}),
        pl.col("status").replace_strict({s: t(f"status_{s}", lang)
                                         for s in ("todo", "in_progress", "done")},
                                        default=pl.col("status")))


def summary(inputs: Inputs, health: list[Finding], plan: pl.DataFrame, lang: str) -> str:
    """Return the one-line summary of the journey-map report for the run's index page."""
    return t("jm_summary", lang, personas=inputs["personas"].height,
             problems=sum(f.severity == "problem" for f in health), actions=plan.height)
