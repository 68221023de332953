"""Key driver analysis: which stage satisfactions drive the likelihood to recommend.

Johnson's relative weights (Johnson, 2000, *Multivariate Behavioral Research* 35(1)) split
the R² of a linear regression of the outcome on correlated predictors into one share per
predictor: the predictors are replaced by their closest orthogonal counterparts
``Z = X (XᵀX)^-½``, the outcome is regressed on ``Z``, and each orthogonal component's
contribution is carried back to the original predictors through the squared loadings. The
weights are non-negative and sum to R²; with uncorrelated predictors each weight is the
squared correlation of that predictor with the outcome. It agrees closely with dominance
(Shapley) analysis at a fraction of its cost (2^p regressions).

The importance × performance matrix places each driver by its importance (weight share)
and its performance (mean satisfaction): drivers that matter and perform badly come first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

__all__ = ["importance_performance", "relative_weights"]


def relative_weights(frame: pl.DataFrame | pl.LazyFrame, outcome: str,
                     predictors: Sequence[str]) -> pl.DataFrame:
    """Return Johnson's relative weight of each predictor of ``outcome``.

    Rows with a missing value in the outcome or any predictor are left out (listwise).

    Parameters
    ----------
    frame : polars.DataFrame or polars.LazyFrame
        Respondent-level scores.
    outcome : str
        The outcome column (e.g. ``nps`` on 0–10).
    predictors : sequence of str
        Predictor columns (e.g. the ``sat_<stage>`` columns); at least two.

    Returns
    -------
    polars.DataFrame
        ``driver``, ``weight`` (share of variance explained, summing to ``r2``),
        ``share`` (weight / r2, summing to 1), ``rank`` (1 = strongest), ``r2``, ``n``;
        sorted by rank.

    Raises
    ------
    ValueError
        With fewer than two predictors, fewer complete rows than predictors + 2, or a
        constant column.
    """
    names = list(predictors)
    if len(names) < 2:
        raise ValueError(f"relative weights need at least two predictors, got {names}")
    lazy = frame.lazy() if isinstance(frame, pl.DataFrame) else frame
    data = lazy.select([pl.col(c).cast(pl.Float64) for c in [outcome, *names]]).drop_nulls()
    matrix = data.collect().to_numpy()
    n = matrix.shape[0]
    if n < len(names) + 2:
        raise ValueError(f"relative weights need at least {len(names) + 2} complete rows, "
                         f"got {n}")
    if np.any(matrix.std(axis=0) == 0):
        constant = [c for c, s in zip([outcome, *names], matrix.std(axis=0), strict=True)
                    if s == 0]
        raise ValueError(f"relative weights cannot use constant columns: {constant}")
    corr = np.corrcoef(matrix, rowvar=False)
    rxx, rxy = corr[1:, 1:], corr[1:, 0]
    values, vectors = np.linalg.eigh(rxx)
    values = np.clip(values, 0, None)
    loadings = vectors @ np.diag(np.sqrt(values)) @ vectors.T  # (XᵀX)^½ in correlation form
    beta = np.linalg.solve(loadings, rxy)
    weights = (loadings ** 2) @ (beta ** 2)
    r2 = float(weights.sum())
    out = pl.DataFrame({"driver": names, "weight": weights})
    return out.with_columns(
        (pl.col("weight") / r2).alias("share"),
        pl.col("weight").rank(method="ordinal", descending=True).cast(pl.Int64).alias("rank"),
        pl.lit(r2).alias("r2"),
        pl.lit(n, dtype=pl.Int64).alias("n"),
    ).sort("rank")


def importance_performance(weights: pl.DataFrame, performance: pl.DataFrame) -> pl.DataFrame:
    """Place each driver on the importance × performance matrix.

    Parameters
    ----------
    weights : polars.DataFrame
        Output of :func:`relative_weights` (``driver``, ``share``).
    performance : polars.DataFrame
        ``driver`` and ``performance`` (e.g. mean satisfaction or top-2-box share).

    Returns
    -------
    polars.DataFrame
        ``driver, share, performance, quadrant, priority``: the quadrant splits at the mean
        importance and the mean performance — ``fix`` (important, under-performing),
        ``keep`` (important, performing), ``watch`` (less important, under-performing),
        ``maintain``; ``priority`` orders ``fix`` first, by importance.
    """
    joined = weights.select("driver", "share").join(performance.select("driver", "performance"),
                                                    on="driver", how="inner")
    important = pl.col("share") >= pl.col("share").mean()
    good = pl.col("performance") >= pl.col("performance").mean()
    quadrant = (pl.when(important & ~good).then(pl.lit("fix"))
                .when(important & good).then(pl.lit("keep"))
                .when(~important & ~good).then(pl.lit("watch"))
                .otherwise(pl.lit("maintain")))
    order = {"fix": 0, "keep": 1, "watch": 2, "maintain": 3}
    out = joined.with_columns(quadrant.alias("quadrant"))
    out = out.with_columns(pl.col("quadrant").replace_strict(order).alias("_q"))
    out = out.sort(["_q", "share"], descending=[False, True]).drop("_q")
    return out.with_row_index("priority", offset=1).select(
        "driver", "share", "performance", "quadrant", pl.col("priority").cast(pl.Int64))
