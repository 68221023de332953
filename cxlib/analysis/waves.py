"""What changed since the previous wave: touchpoints, irritants and headline KPIs.

A client comes back for waves. When ``client.yaml`` names the previous wave's touchpoint
inventory (``waves: - id: W1 … touchpoints: <file>``), the current inventory is compared
with it touchpoint by touchpoint (matched on ``touchpoint_id``):

- **added**: in the current inventory only; **removed**: in the previous one only;
- **re-rated**: its valence changed, or it became (or stopped being) a moment of truth;
- an **irritant resolved** was an irritant or a rupture then and is not any more (or was
  removed); a **new irritant** is one now that was not then (or did not exist).

The headline KPIs (NPS, CSAT, CES) are compared from the survey's ``wave`` column with
their z-test (:func:`cxlib.analysis.kpi_review.headline`); this module only words them.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from cxlib.analysis.overview import Finding
from cxlib.i18n import named, number, t
from cxlib.inputs.loaders import PREVIOUS_TOUCHPOINTS, Inputs

__all__ = [
    "CHANGES",
    "change_text",
    "compared",
    "display",
    "findings",
    "irritant_changes",
    "kpi_findings",
    "touchpoint_changes",
]

#: Kinds of change, in reading order.
CHANGES = ("added", "removed", "rerated")
_NEGATIVE = ("irritant", "rupture")
_COLUMNS = ("touchpoint_id", "name", "stage_id", "channel_id", "valence", "moment_of_truth")
_SCHEMA = {"touchpoint_id": pl.String, "name": pl.String, "stage_id": pl.String,
           "channel_id": pl.String, "change": pl.String, "before": pl.String,
           "after": pl.String, "mot_before": pl.Boolean, "mot_after": pl.Boolean}


def compared(inputs: Inputs) -> bool:
    """Return whether the client holds a previous wave's inventory to compare with."""
    return PREVIOUS_TOUCHPOINTS in inputs


def touchpoint_changes(inputs: Inputs) -> pl.DataFrame:
    """Return the touchpoints added, removed or re-rated since the previous wave.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (empty result without a previous inventory).

    Returns
    -------
    polars.DataFrame
        ``touchpoint_id, name, stage_id, channel_id, change`` (one of :data:`CHANGES`),
        ``before, after`` (valences; null when absent) and ``mot_before, mot_after``
        (moment of truth), in the order of :data:`CHANGES` then touchpoint id.
    """
    if not compared(inputs):
        return pl.DataFrame(schema=_SCHEMA)
    now = inputs.with_columns("touchpoints", *_COLUMNS).select(_COLUMNS)
    then = inputs.with_columns(PREVIOUS_TOUCHPOINTS, *_COLUMNS).select(_COLUMNS)
    both = now.join(then, on="touchpoint_id", how="full", suffix="_then", coalesce=True)
    mot_now = pl.col("moment_of_truth").fill_null(False)
    mot_then = pl.col("moment_of_truth_then").fill_null(False)
    change = (pl.when(pl.col("valence_then").is_null() & pl.col("name_then").is_null())
              .then(pl.lit("added"))
              .when(pl.col("name").is_null()).then(pl.lit("removed"))
              .when((pl.col("valence") != pl.col("valence_then")) | (mot_now != mot_then))
              .then(pl.lit("rerated")))
    order = pl.col("change").replace_strict({c: i for i, c in enumerate(CHANGES)},
                                            return_dtype=pl.Int8)
    return both.with_columns(change.alias("change")).filter(pl.col("change").is_not_null()).select(
        "touchpoint_id",
        pl.coalesce("name", "name_then").alias("name"),
        pl.coalesce("stage_id", "stage_id_then").alias("stage_id"),
        pl.coalesce("channel_id", "channel_id_then").alias("channel_id"),
        "change",
        pl.col("valence_then").alias("before"),
        pl.col("valence").alias("after"),
        pl.when(pl.col("name_then").is_not_null()).then(mot_then).alias("mot_before"),
        pl.when(pl.col("name").is_not_null()).then(mot_now).alias("mot_after"),
    ).sort([order, "touchpoint_id"]).cast(_SCHEMA)  # type: ignore[arg-type]


def irritant_changes(changes: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Split the changes into irritants resolved and new irritants.

    Parameters
    ----------
    changes : polars.DataFrame
        From :func:`touchpoint_changes`.

    Returns
    -------
    dict
        ``{"resolved": frame, "new": frame}``, rows of ``changes``.
    """
    was = pl.col("before").is_in(list(_NEGATIVE)).fill_null(False)
    is_now = pl.col("after").is_in(list(_NEGATIVE)).fill_null(False)
    return {"resolved": changes.filter(was & ~is_now), "new": changes.filter(is_now & ~was)}


def _valence(value: str | None, lang: str) -> str:
    return t(f"valence_{value}", lang) if value else "–"


def display(changes: pl.DataFrame, inputs: Inputs, lang: str) -> pl.DataFrame:
    """Return the changes in words for the report table.

    Returns
    -------
    polars.DataFrame
        ``touchpoint, stage, channel, change, before, after`` (labels in ``lang``).
    """
    cfg = inputs.config
    stages, channels = cfg.labels("stages"), cfg.labels("channels")
    rows = []
    for r in changes.iter_rows(named=True):
        before, after = _valence(r["before"], lang), _valence(r["after"], lang)
        if r["mot_before"]:
            before += " ★"
        if r["mot_after"]:
            after += " ★"
        rows.append({"touchpoint": r["name"], "stage": stages.get(r["stage_id"], r["stage_id"]),
                     "channel": channels.get(r["channel_id"], r["channel_id"]),
                     "change": t(f"wv_change_{r['change']}", lang),
                     "before": before, "after": after})
    return pl.DataFrame(rows, schema={k: pl.String for k in (
        "touchpoint", "stage", "channel", "change", "before", "after")})


def findings(inputs: Inputs, lang: str) -> list[Finding]:
    """Say what changed since the previous wave, one sentence per kind of change.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    lang : str
        Report language.

    Returns
    -------
    list of Finding
        New irritants (warning), irritants resolved, touchpoints added, removed and
        re-rated (info); one sentence saying nothing changed when so; empty without a
        previous inventory.
    """
    if not compared(inputs):
        return []
    cfg = inputs.config
    previous = cfg.previous_wave
    wave = previous.label if previous is not None else "–"
    changes = touchpoint_changes(inputs)
    if changes.is_empty():
        return [Finding("info", t("wv_none", lang, wave=wave))]
    quoted = _quote(lang)
    split = irritant_changes(changes)
    out = []
    if split["new"].height:
        out.append(Finding("warning", t("wv_new_irritants", lang, n=split["new"].height,
                                        names=quoted(split["new"]), wave=wave)))
    if split["resolved"].height:
        out.append(Finding("info", t("wv_resolved", lang, n=split["resolved"].height,
                                     names=quoted(split["resolved"]), wave=wave)))
    for kind in CHANGES:
        these = changes.filter(pl.col("change") == kind)
        if these.height:
            out.append(Finding("info", t(f"wv_{kind}", lang, n=these.height,
                                         names=quoted(these), wave=wave)))
    return out


def change_text(row: dict, wave: str, lang: str, with_p: bool = False) -> str:
    """Word a headline KPI's change since the previous wave, with its test.

    Parameters
    ----------
    row : dict
        One row of :func:`cxlib.analysis.kpi_review.headline` with a previous value.
    wave : str
        The previous wave's label.
    lang : str
        Report language.
    with_p : bool
        Whether to give the p-value too.

    Returns
    -------
    str
        E.g. "+10 since Wave 1 (11): significant (p < 0.001)".
    """
    from cxlib.analysis import kpi_review as kr

    kpi = row["kpi"]
    verdict = t("kp_sig_short" if row["significant"] else "kp_nsig_short", lang)
    if with_p and row["p_value"] is not None:
        verdict += f" (p {kr.p_text(row['p_value'], lang)})"
    return t("wv_kpi_change", lang, wave=wave,
             change=kr.format_change(kpi, row["previous"], row["value"], lang),
             previous=kr.format_kpi(kpi, row["previous"], lang), verdict=verdict)


def kpi_findings(inputs: Inputs, lang: str) -> list[Finding]:
    """Say how NPS, CSAT and CES moved since the previous wave, with their z-test.

    A significant change for the worse is a warning; other changes are information.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (the survey's ``wave`` column).
    lang : str
        Report language.

    Returns
    -------
    list of Finding
        One per KPI measured in both waves; empty for a first wave.
    """
    from cxlib.analysis import kpi_review as kr

    cfg = inputs.config
    if "survey" not in inputs or cfg.previous_wave is None:
        return []
    out = []
    head = kr.headline(inputs).filter(pl.col("previous").is_not_null()
                                      & pl.col("value").is_not_null())
    for r in head.iter_rows(named=True):
        kpi = r["kpi"]
        better = cfg.scales[kpi].higher_is_better if kpi in cfg.scales else True
        worse = bool(r["significant"]) and (r["change"] < 0) == better
        text = (t("dk_kpi_line", lang, kpi=t(f"kpi_{kpi}", lang),
                  value=kr.format_kpi(kpi, r["value"], lang), n=number(r["n"], lang))
                + " — " + change_text(r, cfg.previous_wave.label, lang, with_p=True))
        out.append(Finding("warning" if worse else "info", text))
    return out


def _quote(lang: str) -> Callable[[pl.DataFrame], str]:
    """Return a function listing a frame's touchpoint names, quoted, at most four."""
    def quoted(frame: pl.DataFrame, limit: int = 4) -> str:
        names = [named(n, lang) for n in frame["name"].to_list()]
        more = len(names) - limit
        shown = ", ".join(names[:limit])
        return shown + (t("wv_and_more", lang, n=more) if more > 0 else "")

    return quoted
