"""The front page of a run: the executive summary a client reads first.

:func:`front_page` gathers, from the client's validated inputs, what the run's
``index.html`` shows above the links to the detailed reports:

- the headline KPIs (NPS, CSAT, CES) with their base, interval, status and change since
  the previous wave (:func:`cxlib.analysis.kpi_review.headline`);
- the key findings: the touchpoint that concentrates detractors, where prospects drop
  out, personas whose observed channels contradict their description, new irritants;
- the five most cited irritants, one pseudonymised quote each
  (:func:`cxlib.analysis.interviews.top_items`, consent respected);
- the moments of truth and their state: rating, field evidence, detractor share and base;
- the mapping health check (:func:`cxlib.analysis.journey_map.health_check`);
- what changed since the previous wave (:mod:`cxlib.analysis.waves`).

Everything is aggregated text and figures: no row of any input reaches the page. A part
whose input is absent (no survey, no codings, no event log) says so instead.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import polars as pl

from cxlib.analysis.coverage import allows, data_coverage
from cxlib.analysis.overview import Finding
from cxlib.i18n import MESSAGES, named, number, t
from cxlib.inputs.loaders import Inputs

__all__ = ["IRRITANTS", "cited_items", "front_page"]

#: Irritants shown on the front page.
IRRITANTS = 5
_NEGATIVE = ("irritant", "rupture")


def _kpis(inputs: Inputs, lang: str) -> list[dict[str, Any]]:
    from cxlib.analysis import kpi_review as kr
    from cxlib.analysis.waves import change_text

    if not allows(inputs, "04_kpis", "kp_headline"):
        return []
    cfg = inputs.config
    previous = cfg.previous_wave
    out = []
    for r in kr.headline(inputs).filter(pl.col("value").is_not_null()).iter_rows(named=True):
        k = r["kpi"]
        change = (change_text(r, previous.label, lang)
                  if r["change"] is not None and previous is not None else "")
        out.append({
            "kpi": k, "label": t(f"kpi_{k}", lang), "value": kr.format_kpi(k, r["value"], lang),
            "interval": "" if r["ci_low"] is None else t(
                "fp_interval", lang, low=kr.format_kpi(k, r["ci_low"], lang),
                high=kr.format_kpi(k, r["ci_high"], lang)),
            "base": t("fp_base", lang, n=number(r["n"], lang)), "low_base": r["base"] == "low",
            "status": r["status"] or "",
            "status_label": t(f"status_{r['status']}", lang) if r["status"] else "",
            "target": "" if r["target"] is None else t(
                "fp_target", lang, target=kr.format_kpi(k, r["target"], lang)),
            "change": change, "significant": bool(r["significant"]),
        })
    return out


def _key_findings(inputs: Inputs, lang: str) -> list[Finding]:
    from cxlib.analysis import kpi_review as kr
    from cxlib.analysis import personas as pe
    from cxlib.analysis import touchpoints as tp
    from cxlib.analysis import waves as wv

    out: list[Finding] = []
    if allows(inputs, "04_kpis", "kp_detractors"):
        sentence = kr.detractor_sentence(kr.touchpoint_detractors(inputs), lang)
        if sentence:
            out.append(Finding("problem", sentence))
    if inputs.has("events", "customer_id", "timestamp", "stage_id", "channel_id", "outcome"):
        out += tp.critical_findings(inputs, lang, limit=1)
    if allows(inputs, "01_personas", "pe_appetence") and pe.has_persona_events(inputs):
        out += [f for f in pe.appetence_findings(pe.appetence(inputs), lang)
                if f.severity != "info"]
    if allows(inputs, "05_journey_map", "wv_heading"):
        out += [f for f in wv.findings(inputs, lang) if f.severity == "warning"]
    return out


def cited_items(inputs: Inputs, spans: pl.DataFrame | None, valence: str, lang: str,
                limit: int = IRRITANTS) -> list[dict[str, Any]]:
    """Return the most cited irritants or enchantments as 03_interviews ranks them.

    The same list, in the same order, as the report's "most cited" section
    (:func:`cxlib.analysis.interviews.top_items`: stage × channel × theme by interviews),
    shaped for the front page and the deck: ``rank, title`` (touchpoints · theme),
    ``stage, channel, theme, touchpoints, interviews`` (a sentence), ``quote, who``.
    """
    from cxlib.analysis import interviews as iv

    if spans is None or spans.is_empty():
        return []
    out = []
    for rank, item in enumerate(iv.top_items(inputs, spans, valence, lang, limit=limit,
                                             quotes_each=1), start=1):
        quote = item["quotes"][0] if item["quotes"] else {"text": "", "who": ""}
        out.append({"rank": rank, "stage": item["stage"], "channel": item["channel"],
                    "theme": item["theme"], "touchpoints": item["touchpoints"],
                    "title": " · ".join(x for x in (item["touchpoints"], item["theme"]) if x),
                    "interviews": t("fp_interviews", lang, n=item["interviews"]),
                    "quote": quote["text"], "who": quote["who"]})
    return out


#: Themes of what customers write shown on the front page: the most negative ones.
VOICE_THEMES = 3


def _voice(inputs: Inputs, lang: str) -> list[dict[str, Any]]:
    """Return the three themes of customers' texts with the most negative texts, quoted.

    The same themes, counts and quotes as 06_voice's ranking
    (:func:`cxlib.analysis.feedback.themes_ranked`); themes under the suppression base are
    left out, those under the flag base marked.
    """
    if not allows(inputs, "06_voice", "vo_changes"):
        return []
    from cxlib.analysis import feedback as fb

    ranked = fb.themes_ranked(fb.listen(inputs), lang).filter(
        (pl.col("base") != "suppressed") & (pl.col("negative") > 0)).head(VOICE_THEMES)
    return [{"rank": rank, "name": r["name"], "keywords": r["keywords"],
             "meta": t("fpv_meta", lang, negative=number(r["negative"], lang),
                       n=number(r["n"], lang),
                       share=number(r["share_negative"], lang, 0, percent=True)),
             "code": t("fpv_codebook", lang,
                       code=r["code_label"] or t("vo_not_in_codebook", lang)),
             "low_base": r["base"] == "low", "quote": r["quote"] or ""}
            for rank, r in enumerate(ranked.iter_rows(named=True), start=1)]


def _moments(inputs: Inputs, evidence: pl.DataFrame, lang: str) -> list[dict[str, Any]]:
    from cxlib.analysis import kpi_review as kr

    cfg = inputs.config
    stages, channels = cfg.labels("stages"), cfg.labels("channels")
    survey: dict[str, dict[str, Any]] = {}
    if allows(inputs, "04_kpis", "kp_detractors"):
        survey = {r["segment"]: r for r in kr.touchpoint_detractors(inputs).iter_rows(named=True)}
    order = {s: i for i, s in enumerate(stages)}
    if "moment_of_truth" not in evidence.columns:  # the inventory marks none (yet)
        return []
    moments = evidence.filter(pl.col("moment_of_truth").fill_null(False)).with_columns(
        pl.col("stage_id").replace_strict(order, default=len(order)).alias("_order"))
    out = []
    for r in moments.sort(["_order", "channel_id", "name"]).iter_rows(named=True):
        said = survey.get(r["touchpoint_id"])
        out.append({
            "name": r["name"], "stage": stages.get(r["stage_id"], r["stage_id"]),
            "channel": channels.get(r["channel_id"], r["channel_id"]),
            "valence": r["valence"], "valence_label": t(f"valence_{r['valence']}", lang),
            "evidence": t("fp_evidence", lang, n=number(r["evidence"], lang)),
            "detractors": "–" if said is None else number(said["detractors"], lang, 0,
                                                          percent=True),
            "n": "–" if said is None else number(said["n"], lang),
            "low_base": said is not None and said["base"] == "low",
            "alarm": r["valence"] in _NEGATIVE or (said is not None and said["lift"] >= 1.5),
        })
    return out


def _waves(inputs: Inputs, lang: str) -> list[Finding]:
    """Return what changed since the previous wave: KPIs, then the inventory."""
    from cxlib.analysis import waves as wv

    if inputs.config.previous_wave is None:
        return []
    out = list(wv.kpi_findings(inputs, lang)) if allows(inputs, "04_kpis", "kp_changes") else []
    if allows(inputs, "05_journey_map", "wv_heading"):
        out += wv.findings(inputs, lang)
    return out


def _waves_allowed(inputs: Inputs) -> bool:
    return (allows(inputs, "04_kpis", "kp_changes")
            or allows(inputs, "05_journey_map", "wv_heading"))


def _missing(inputs: Inputs, report: str, key: str, lang: str) -> str:
    """Return the coverage sentence of a section the data cannot feed, else ``""``."""
    from cxlib.analysis.coverage import SKIPPED, missing_sentence, section_status

    status, missing = section_status(inputs, report, key)
    return missing_sentence(missing, t(key, lang), lang) if status == SKIPPED else ""


def _coverage_line(inputs: Inputs, lang: str) -> str:
    """Return the sentence saying which tables this run rests on, and which it lacks."""
    present, lacking = data_coverage(inputs)
    if not lacking:
        return ""
    return t("fp_coverage", lang, n=len(present), total=len(present) + len(lacking),
             lacking=", ".join(named(t(f"tbl_{name}", lang) if f"tbl_{name}" in MESSAGES
                                     else name, lang) for name in lacking))


def front_page(inputs: Inputs, lang: str | None = None,
               today: date | None = None) -> dict[str, Any]:
    """Gather the executive summary of a client's current wave.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    lang : str, optional
        Report language (default: the client's).
    today : date, optional
        For the age of the wave in the health check (default: today).

    Returns
    -------
    dict
        ``kpis`` (list of dict: ``label, value, interval, base, low_base, status,
        status_label, target, change, significant``), ``findings`` (key findings),
        ``irritants`` (``rank, title, stage, channel, theme, touchpoints, interviews,
        quote, who``), ``voice`` (the most negative themes of customers' texts: ``rank,
        name, meta, code, low_base, quote``), ``moments`` (``name, stage, channel, valence,
        valence_label, evidence, detractors, n, low_base, alarm``), ``health`` and ``waves``
        (lists of :class:`~cxlib.analysis.overview.Finding`), and ``labels`` (section titles
        and notes).
    """
    from cxlib.analysis import interviews as iv
    from cxlib.analysis import journey_map as jm
    from cxlib.analysis import touchpoints as tp

    cfg = inputs.config
    lang = lang or cfg.language
    # what customers write is read beside the rest: it needs neither the log nor the
    # interviews, and the interpreter's time it takes is what the log's queries leave
    voice_job = ThreadPoolExecutor(1, thread_name_prefix="cx-front-voice")
    voice = voice_job.submit(_voice, inputs, lang)
    voice_job.shutdown(wait=False)
    spans = iv.client_spans(inputs)
    evidence = tp.evidence(inputs, spans)
    previous = inputs.config.previous_wave
    keys = ("kpis", "findings", "findings_none", "irritants", "irritants_none",
            "irritants_note", "moments", "moments_none", "moments_note", "health", "waves",
            "waves_none", "reports", "jump", "low_base", "col_touchpoint", "col_stage",
            "col_channel", "col_rating", "col_evidence", "col_detractors", "col_n")
    return {
        "kpis": _kpis(inputs, lang),
        "findings": _key_findings(inputs, lang),
        "irritants": cited_items(inputs, spans, "irritant", lang),
        "voice": voice.result(),
        "moments": _moments(inputs, evidence, lang),
        "health": jm.health_check(inputs, evidence, lang, today=today, spans=spans)
        if allows(inputs, "05_journey_map", "jm_health") else [],
        "waves": _waves(inputs, lang),
        "coverage": _coverage_line(inputs, lang),
        "labels": {key: t(f"fp_{key}", lang, wave=previous.label if previous else "",
                          flag=inputs.config.min_base.flag)
                   for key in keys}
        | {key: sentence for key, sentence in (
            ("irritants_none", _missing(inputs, "03_interviews", "iv_irritants", lang)),
            ("moments_none", _missing(inputs, "02_touchpoints", "tp_matrix", lang)),
            ("waves_none", "" if previous is None or _waves_allowed(inputs)
             else _missing(inputs, "05_journey_map", "wv_heading", lang))) if sentence}
        | {"kpis_none": _missing(inputs, "04_kpis", "kp_headline", lang)
           or t("kp_no_survey", lang, wave=cfg.labels("waves")[cfg.wave],
                suppress=cfg.min_base.suppress),
           "waves_generic": t("wv_heading", lang)}
        | {f"severity_{s}": t(f"finding_{s}", lang) for s in ("problem", "warning", "info")}
        | {f"voice_{key}": t(f"fpv_{key}", lang, flag=inputs.config.min_base.flag)
           for key in ("title", "note")},
    }
