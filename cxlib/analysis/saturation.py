"""Thematic saturation: the new-code accumulation curve and Guest, Namey & Chen's measure.

Guest G, Namey E, Chen M (2020), "A simple method to assess and report thematic
saturation in qualitative research", PLOS ONE 15(5): e0232076. Interviews are taken in
the order they were conducted. The *base* is the first ``base_size`` interviews; a *run*
is ``run_length`` consecutive interviews after it, runs rolling forward one interview at
a time. New information in a run is the number of distinct codes first seen in that run
divided by the number of distinct codes in the base; saturation is reached at the first
run at or under the threshold (≤ 5% by default), and reported at the run's last
interview: "saturation reached at interview k (base 4, runs of 2, ≤ 5% new
information)". When no run qualifies — or there are fewer than ``base_size +
run_length`` interviews — saturation is not reached: more interviews are needed.

Each population (employees, customers) is assessed separately: their codes differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

__all__ = ["Saturation", "accumulation_curve", "saturation"]

_CURVE_SCHEMA = {"population": pl.String, "order": pl.Int64, "interview_id": pl.String,
                 "new_codes": pl.Int64, "cumulative_codes": pl.Int64}
_VERDICT_SCHEMA = {
    "population": pl.String, "n_interviews": pl.Int64, "base_codes": pl.Int64,
    "reached": pl.Boolean, "at_interview": pl.Int64, "interview_id": pl.String,
    "new_in_run": pl.Int64, "new_information": pl.Float64, "verdict": pl.String,
    "base_size": pl.Int64, "run_length": pl.Int64, "threshold": pl.Float64,
}


@dataclass(frozen=True)
class Saturation:
    """The result of :func:`saturation`.

    Attributes
    ----------
    curve : polars.DataFrame
        Per population and interview in date order: ``order`` (1-based),
        ``interview_id``, ``new_codes`` (distinct codes first seen there) and
        ``cumulative_codes``.
    runs : polars.DataFrame
        Every run assessed: ``population``, ``first``/``last`` (1-based positions),
        ``new_in_run``, ``new_information`` (share of the base's codes) and ``meets``.
    verdicts : polars.DataFrame
        One row per population: ``reached``, ``at_interview`` (k, the last interview
        of the first qualifying run), its ``interview_id``, that run's ``new_in_run``
        and ``new_information``, and ``verdict``: ``"reached"``, ``"not_reached"`` (more
        interviews needed) or ``"too_few_interviews"`` (fewer than base + run, or a
        base without codes), with the parameters used.
    """

    curve: pl.DataFrame
    runs: pl.DataFrame
    verdicts: pl.DataFrame


def _ordered(interviews: pl.DataFrame, population: str | None, date: str) -> pl.DataFrame:
    frame = interviews.with_row_index("__input__")
    if population is None or population not in frame.columns:
        frame = frame.with_columns(pl.lit("all").alias("__population__"))
    else:
        frame = frame.with_columns(pl.col(population).cast(pl.String).alias("__population__"))
    return frame.sort("__population__", date, "__input__", nulls_last=True)


def accumulation_curve(interviews: pl.DataFrame, codings: pl.DataFrame,
                       population: str | None = "population", date: str = "date",
                       by: str = "interview_id") -> pl.DataFrame:
    """Return the cumulative number of distinct codes, interview after interview.

    Parameters
    ----------
    interviews : polars.DataFrame
        ``by``, ``date`` and, optionally, ``population``; interviews without codings
        count (they add no code).
    codings : polars.DataFrame
        ``by`` and ``code_id``.
    population : str or None
        Column splitting interviews into populations; None for a single curve.
    date : str
        Column giving the interview order (ties keep input order).
    by : str
        Interview identifier column.

    Returns
    -------
    polars.DataFrame
        ``population``, ``order``, ``interview_id``, ``new_codes``, ``cumulative_codes``.
    """
    codes = codings.group_by(by).agg(pl.col("code_id").unique())
    codes_of = dict(zip(codes[by].cast(pl.String), codes["code_id"].to_list(), strict=True))
    rows = []
    seen: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for row in _ordered(interviews, population, date).iter_rows(named=True):
        group = row["__population__"]
        known = seen.setdefault(group, set())
        new = set(codes_of.get(str(row[by]), [])) - known
        known |= new
        counts[group] = counts.get(group, 0) + 1
        rows.append({"population": group, "order": counts[group], "interview_id": str(row[by]),
                     "new_codes": len(new), "cumulative_codes": len(known)})
    return pl.DataFrame(rows, schema=_CURVE_SCHEMA)


def _assess(curve: pl.DataFrame, base_size: int, run_length: int,
            threshold: float) -> tuple[list[dict], dict]:
    group = curve["population"][0]
    new = curve["new_codes"].to_list()
    base = sum(new[:base_size])
    runs = []
    for first in range(base_size, len(new) - run_length + 1):
        count = sum(new[first:first + run_length])
        share = count / base if base else None
        runs.append({"population": group, "first": first + 1, "last": first + run_length,
                     "new_in_run": count, "new_information": share,
                     "meets": bool(base) and count <= threshold * base + 1e-9})
    hit = next((r for r in runs if r["meets"]), None)
    verdict = ("reached" if hit else "too_few_interviews" if not runs or not base
               else "not_reached")
    return runs, {
        "population": group, "n_interviews": len(new), "base_codes": base,
        "reached": hit is not None, "at_interview": hit["last"] if hit else None,
        "interview_id": curve["interview_id"][hit["last"] - 1] if hit else None,
        "new_in_run": hit["new_in_run"] if hit else None,
        "new_information": hit["new_information"] if hit else None, "verdict": verdict,
        "base_size": base_size, "run_length": run_length, "threshold": threshold,
    }


def saturation(interviews: pl.DataFrame, codings: pl.DataFrame, base_size: int = 4,
               run_length: int = 2, threshold: float = 0.05,
               population: str | None = "population", date: str = "date",
               by: str = "interview_id") -> Saturation:
    """Assess thematic saturation per population (Guest, Namey & Chen 2020).

    Parameters
    ----------
    interviews : polars.DataFrame
        ``by``, ``date`` and ``population`` (employee / customer).
    codings : polars.DataFrame
        ``by`` and ``code_id``.
    base_size : int
        Interviews in the base (4 in Guest et al.).
    run_length : int
        Interviews per run (2 in Guest et al.).
    threshold : float
        Largest share of new information at which saturation is reached (0.05 = ≤ 5%).
    population, date, by
        As for :func:`accumulation_curve` (``population`` None: the interviews are assessed
        together).

    Returns
    -------
    Saturation
        The accumulation curve, every run, and one verdict per population.

    Raises
    ------
    ValueError
        If ``base_size`` or ``run_length`` is below 1 or ``threshold`` outside [0, 1].
    """
    if base_size < 1 or run_length < 1 or not 0 <= threshold <= 1:
        raise ValueError("base_size and run_length must be at least 1 and threshold "
                         f"within [0, 1], not {base_size}, {run_length}, {threshold}")
    curve = accumulation_curve(interviews, codings, population, date, by)
    runs: list[dict] = []
    verdicts: list[dict] = []
    for _, part in curve.group_by("population", maintain_order=True):
        assessed, verdict = _assess(part, base_size, run_length, threshold)
        runs.extend(assessed)
        verdicts.append(verdict)
    run_schema = {"population": pl.String, "first": pl.Int64, "last": pl.Int64,
                  "new_in_run": pl.Int64, "new_information": pl.Float64,
                  "meets": pl.Boolean}
    return Saturation(curve, pl.DataFrame(runs, schema=run_schema),
                      pl.DataFrame(verdicts, schema=_VERDICT_SCHEMA))
