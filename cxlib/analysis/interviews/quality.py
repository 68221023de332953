"""How far the interviews can be trusted: coder agreement, saturation, department coverage.

Agreement compares the two coders with the most codings (Cohen's kappa and Krippendorff's
alpha, per code and overall, on speaker turns); saturation follows Guest, Namey & Chen
(2020) per population; coverage lists the configured departments never interviewed. Each
comes with its sentences for the report.
"""

from __future__ import annotations

import polars as pl

from cxlib.analysis.agreement import agreement_by_code
from cxlib.analysis.interviews.spans import code_labels, segments
from cxlib.analysis.saturation import saturation
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs
from cxlib.inputs.transcripts import Transcript

__all__ = [
    "agreement",
    "agreement_sentence",
    "coverage_sentences",
    "department_coverage",
    "saturation_curve",
    "saturation_sentences",
    "saturation_verdicts",
    "weakest_codes",
]


def agreement(inputs: Inputs, transcripts: dict[str, Transcript]) -> tuple[pl.DataFrame, str]:
    """Compare the two coders with the most codings, per code and overall.

    Returns
    -------
    tuple of (polars.DataFrame, str)
        :func:`cxlib.coding.agreement_by_code` (``code_id`` null on the overall row) and
        the pair's description ``"am / jb"``; an empty frame when fewer than two coders.
    """
    codings = inputs["codings"]
    ranked = codings.group_by("coder").len().sort(["len", "coder"], descending=[True, False])
    if ranked.height < 2:
        return pl.DataFrame(), ""
    pair = tuple(ranked["coder"].head(2).to_list())
    out = agreement_by_code(codings.select("interview_id", "code_id", "coder", "start", "end"),
                            segments(transcripts), pair)
    return out, f"{pair[0]} / {pair[1]}"


def agreement_sentence(table: pl.DataFrame, lang: str) -> str:
    """Return the overall kappa and alpha with Krippendorff's reading of alpha."""
    overall = table.filter(pl.col("code_id").is_null()).row(0, named=True)
    alpha = overall["alpha"]
    verdict = ("iv_agreement_good" if alpha is not None and alpha >= 0.8 else
               "iv_agreement_tentative" if alpha is not None and alpha >= 0.667 else
               "iv_agreement_poor")
    kappa = "–" if overall["kappa"] is None else number(overall["kappa"], lang, 2)
    return t("iv_agreement_overall", lang, kappa=kappa,
             alpha="–" if alpha is None else number(alpha, lang, 2), verdict=t(verdict, lang))


def weakest_codes(inputs: Inputs, table: pl.DataFrame, limit: int = 8) -> pl.DataFrame:
    """Return the codes the two coders agree on least (by alpha), with labels."""
    codes = code_labels(inputs)
    return table.filter(pl.col("code_id").is_not_null() & pl.col("alpha").is_not_null()) \
        .sort("alpha").head(limit).with_columns(
            pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("label"))


def saturation_verdicts(inputs: Inputs) -> pl.DataFrame:
    """Return the Guest, Namey & Chen (2020) saturation verdict per population.

    Returns
    -------
    polars.DataFrame
        One row per population (see :class:`cxlib.coding.Saturation`).
    """
    return saturation(inputs["interviews"], inputs["codings"]).verdicts


def saturation_curve(inputs: Inputs) -> pl.DataFrame:
    """Return the new-code accumulation curve per population."""
    return saturation(inputs["interviews"], inputs["codings"]).curve


def saturation_sentences(inputs: Inputs, lang: str) -> list[tuple[str, str]]:
    """Return one (severity, sentence) per population: reached, not reached, too few."""
    out = []
    for r in saturation_verdicts(inputs).iter_rows(named=True):
        population = t(f"iv_{r['population']}s", lang)
        if r["reached"]:
            out.append(("info", t("iv_sat_reached", lang, population=population,
                                  k=r["at_interview"], n=r["n_interviews"])))
        elif r["n_interviews"] < r["base_size"] + r["run_length"]:
            out.append(("warning", t("iv_sat_too_few", lang, population=population,
                                     n=r["n_interviews"],
                                     need=r["base_size"] + r["run_length"])))
        else:
            out.append(("warning", t("iv_sat_not_reached", lang, population=population,
                                     n=r["n_interviews"])))
    return out


def department_coverage(inputs: Inputs) -> pl.DataFrame:
    """Return each configured department with its employee interviews and touchpoints.

    Returns
    -------
    polars.DataFrame
        ``department_id, label, interviews, touchpoints_owned``, uninterviewed first.
    """
    cfg = inputs.config
    iv = inputs["interviews"].filter(pl.col("population") == "employee")
    counts = dict(iv.group_by("department_id").len().iter_rows()) if "department_id" in \
        iv.columns else {}
    owned = dict(inputs["touchpoints"].group_by("owner_department").len().iter_rows()) \
        if "owner_department" in inputs["touchpoints"].columns else {}
    rows = [{"department_id": d, "label": label, "interviews": counts.get(d, 0),
             "touchpoints_owned": owned.get(d, 0)} for d, label in cfg.labels("departments")
            .items()]
    return pl.DataFrame(rows, schema={"department_id": pl.String, "label": pl.String,
                                      "interviews": pl.Int64,
                                      "touchpoints_owned": pl.Int64}).sort(
        "interviews", "touchpoints_owned", descending=[False, True])


def coverage_sentences(inputs: Inputs, lang: str) -> list[tuple[str, str]]:
    """Return one sentence per department never interviewed, or an all-clear.

    A department that owns touchpoints and was never met is a problem; one that owns none
    is a warning.
    """
    table = department_coverage(inputs)
    missing = table.filter(pl.col("interviews") == 0)
    if missing.is_empty():
        return [("info", t("iv_dept_all", lang))]
    return [("problem" if r["touchpoints_owned"] else "warning",
             t("iv_dept_missing", lang, department=r["label"],
               touchpoints=r["touchpoints_owned"]))
            for r in missing.iter_rows(named=True)]
