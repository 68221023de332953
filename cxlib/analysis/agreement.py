"""Inter-coder agreement: Cohen's kappa, Krippendorff's alpha, and both per code.

- Cohen's kappa (Cohen 1960) for two coders: κ = (pₒ − pₑ)/(1 − pₑ), computed by
  scikit-learn's ``cohen_kappa_score``.
- Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's alpha-reliability")
  for any number of coders with missing data, computed by the ``krippendorff`` package.
  That package defaults to the *interval* level; codes are categories, so the level is
  always passed explicitly and defaults here to ``"nominal"``.

QualCoder's own "kappa" uses a non-standard chance term and is not reproduced. Both
coefficients are undefined when only one category occurs (every unit coded the same
way by everyone: chance agreement is then 1); they are returned as NaN, or null in
frames, rather than as a misleading 1 or 0.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Sequence

import numpy as np
import polars as pl

__all__ = ["UNIT_OVERALL", "UNIT_SEGMENT", "agreement_by_code", "cohen_kappa",
           "krippendorff_alpha"]

#: Unit of analysis of per-code rows.
UNIT_SEGMENT = "transcript segment (speaker turn)"
#: Unit of analysis of the overall row.
UNIT_OVERALL = "segment × code decision"
_LEVELS = ("nominal", "ordinal", "interval", "ratio")


def cohen_kappa(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float:
    """Return Cohen's kappa between two coders' ratings of the same units.

    Parameters
    ----------
    a, b : sequence
        One rating (category) per unit, in the same unit order; a unit where either
        rating is None is left out.

    Returns
    -------
    float
        Kappa in [-1, 1]; NaN when undefined (a single category overall) or when no
        unit is rated by both.

    Raises
    ------
    ValueError
        If ``a`` and ``b`` have different lengths.

    Examples
    --------
    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    if len(a) != len(b):
        raise ValueError(f"both coders must rate the same units: {len(a)} vs {len(b)} ratings")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs or len({v for pair in pairs for v in pair}) < 2:
        return math.nan
    first, second = zip(*pairs, strict=True)
    from sklearn.metrics import cohen_kappa_score  # imported here: it costs ~1 s

    return float(cohen_kappa_score(list(first), list(second)))


def krippendorff_alpha(reliability_data: Sequence[Sequence[Hashable | None]],
                       level: str = "nominal") -> float:
    """Return Krippendorff's alpha for coders × units ratings with missing values.

    Parameters
    ----------
    reliability_data : sequence of sequences
        One row per coder, one column per unit; None (or NaN) where a coder did not
        rate a unit. Categories may be any hashable values at the nominal level; other
        levels need numbers.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement; nominal for codes.

    Returns
    -------
    float
        Alpha (1 = perfect agreement, 0 = chance); NaN when undefined (fewer than two
        distinct values among units rated by at least two coders).

    Raises
    ------
    ValueError
        If ``level`` is unknown, rows have different lengths, or a non-nominal level is
        given non-numeric values.

    Examples
    --------
    Krippendorff's (2011) own example, 4 coders × 12 units:

    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    ...         [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    >>> round(krippendorff_alpha(data), 3)
    0.743
    """
    if level not in _LEVELS:
        raise ValueError(f"level must be one of {', '.join(_LEVELS)}, not {level!r}")
    rows = [list(r) for r in reliability_data]
    if len({len(r) for r in rows}) > 1:
        raise ValueError("every coder's row must have one value per unit")

    def missing(v: object) -> bool:
        return v is None or (isinstance(v, float) and math.isnan(v))

    values = sorted({v for r in rows for v in r if not missing(v)}, key=repr)
    if level == "nominal":
        index = {v: float(i) for i, v in enumerate(values)}
        matrix = np.array([[np.nan if missing(v) else index[v] for v in r] for r in rows])
    else:
        matrix = np.array([[np.nan if missing(v) else float(v) for v in r] for r in rows])
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    if len(set(matrix[:, pairable][~np.isnan(matrix[:, pairable])].tolist())) < 2:
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        import krippendorff

        return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))


def _applied(codings: pl.DataFrame, segments: pl.DataFrame, by: str) -> pl.DataFrame:
    """Return (unit, code, coder) triples: the coder applied the code to the segment."""
    pairs = segments.select(by, "segment", pl.col("start").alias("s_start"),
                            pl.col("end").alias("s_end")).join(
        codings.select(by, "code_id", "coder", "start", "end"), on=by, how="inner")
    overlap = (pl.col("start") < pl.col("s_end")) & (pl.col("end") > pl.col("s_start"))
    return pairs.filter(overlap).select(by, "segment", "code_id", "coder").unique()


def _row(code: str, unit: str, first: np.ndarray, second: np.ndarray) -> dict:
    kappa = cohen_kappa(first.tolist(), second.tolist())
    alpha = krippendorff_alpha([first.tolist(), second.tolist()])
    return {"code_id": code, "unit": unit, "n_units": len(first),
            "n_first": int(first.sum()), "n_second": int(second.sum()),
            "agreement": float(np.mean(first == second)) if len(first) else None,
            "kappa": None if math.isnan(kappa) else kappa,
            "alpha": None if math.isnan(alpha) else alpha}


def agreement_by_code(codings: pl.DataFrame, segments: pl.DataFrame,
                      coders: tuple[str, str], by: str = "interview_id") -> pl.DataFrame:
    """Return Cohen's kappa and Krippendorff's alpha between two coders, per code and overall.

    The unit of analysis is the transcript segment (speaker turn). A coder applied code
    X to a segment if any of their codings of X overlaps it (shares at least one
    character). Units are the segments of the interviews both coders coded (at least
    one coding each), so an interview only one of them has done does not count as
    disagreement. Per code, each coder's decision on each unit is applied / not applied
    (nominal); the overall row pools every segment × code decision.

    Parameters
    ----------
    codings : polars.DataFrame
        ``by``, ``code_id``, ``coder``, ``start``, ``end``.
    segments : polars.DataFrame
        ``by``, ``segment``, ``start``, ``end`` — the transcripts' segments, stacked.
    coders : tuple of (str, str)
        The two coders compared.
    by : str
        Column naming the transcript in both frames.

    Returns
    -------
    polars.DataFrame
        ``code_id`` (``None`` on the overall row, which comes last), ``unit``,
        ``n_units``, ``n_first``/``n_second`` (units each coder applied the code to),
        ``agreement`` (observed share), ``kappa`` and ``alpha`` (null when undefined).
    """
    first, second = coders
    mine = codings.filter(pl.col("coder").is_in([first, second]))
    both = set(mine.filter(pl.col("coder") == first)[by]) & set(
        mine.filter(pl.col("coder") == second)[by])
    units = segments.filter(pl.col(by).is_in(list(both))).select(by, "segment").unique(
        maintain_order=True)
    applied = _applied(mine.filter(pl.col(by).is_in(list(both))), units.join(
        segments, on=[by, "segment"]), by)
    codes = sorted(applied["code_id"].unique().to_list())
    keys = list(units.iter_rows())
    position = {key: i for i, key in enumerate(keys)}
    matrix = {c: (np.zeros(len(keys), int), np.zeros(len(keys), int)) for c in codes}
    for unit, segment, code, coder in applied.iter_rows():
        matrix[code][0 if coder == first else 1][position[(unit, segment)]] = 1
    rows = [_row(c, UNIT_SEGMENT, *matrix[c]) for c in codes]
    pooled = [np.concatenate([matrix[c][i] for c in codes]) if codes else np.zeros(0, int)
              for i in (0, 1)]
    rows.append(_row(None, UNIT_OVERALL, *pooled))  # type: ignore[arg-type]
    schema = {"code_id": pl.String, "unit": pl.String, "n_units": pl.Int64,
              "n_first": pl.Int64, "n_second": pl.Int64, "agreement": pl.Float64,
              "kappa": pl.Float64, "alpha": pl.Float64}
    return pl.DataFrame(rows, schema=schema)
