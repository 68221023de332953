"""Survey KPIs with their uncertainty: NPS, CSAT and CES per segment, and changes between waves.

Every function takes the survey frame (eager or lazy) and the grouping columns, and returns
one aggregated row per segment with its base ``n``, the KPI, its standard error and 95%
interval, and a ``base`` flag from the client's minimum bases:

``ok``          n ≥ ``min_base.flag`` (30 by default);
``low``         ``min_base.suppress`` ≤ n < ``flag``: shown, flagged as a low base;
``suppressed``  n < ``suppress`` (10 by default): the figures are set to null, never shown.

Definitions
-----------
NPS
    On 0–10: promoters answer 9–10, passives 7–8, detractors 0–6. ``NPS = 100 (p − d)``
    with ``p`` and ``d`` the promoter and detractor shares. As the difference of two
    proportions of one multinomial sample, ``Var(NPS) = 100² (p + d − (p − d)²) / n``.
CSAT
    Top-2-box share on 1–5 (answers ≥ ``scales.csat.top``), with the Wilson interval.
CES
    Mean on 1–7 with its t-free normal interval, and the share agreeing (≥ ``scales.ces.top``).

Changes between waves are tested with a two-sided z test on the difference, whose variance
is the sum of the two independent variances; a change is called significant only when
``p < 0.05`` and neither wave's base is suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import polars as pl

from cxlib.inputs.config import MinBase, Scale

__all__ = ["Z95", "base_flag", "ces", "csat", "nps", "wave_change"]

#: Two-sided 95% normal quantile.
Z95 = NormalDist().inv_cdf(0.975)
_DEFAULT_SCALES = {"nps": Scale(min=0, max=10, top=9), "csat": Scale(min=1, max=5, top=4),
                   "ces": Scale(min=1, max=7, top=5)}


def _lazy(frame: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    return frame.lazy() if isinstance(frame, pl.DataFrame) else frame


def base_flag(n: pl.Expr, min_base: MinBase) -> pl.Expr:
    """Return the ``base`` flag expression: ``ok``, ``low`` or ``suppressed``.

    Parameters
    ----------
    n : polars.Expr
        The base (number of answers) of each row.
    min_base : MinBase
        The client's thresholds.

    Returns
    -------
    polars.Expr
        A string expression named ``base``.
    """
    return (pl.when(n < min_base.suppress).then(pl.lit("suppressed"))
            .when(n < min_base.flag).then(pl.lit("low"))
            .otherwise(pl.lit("ok")).alias("base"))


def _finish(frame: pl.LazyFrame, by: Sequence[str], values: list[str],
            min_base: MinBase) -> pl.DataFrame:
    flagged = frame.with_columns(base_flag(pl.col("n"), min_base))
    hidden = pl.col("base") == "suppressed"
    out = flagged.with_columns(
        [pl.when(hidden).then(None).otherwise(pl.col(v)).alias(v) for v in values])
    return out.sort(list(by)).collect() if by else out.collect()


def nps(frame: pl.DataFrame | pl.LazyFrame, by: Sequence[str] = (), column: str = "nps",
        scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame:
    """Return the Net Promoter Score of each segment with its standard error and interval.

    Parameters
    ----------
    frame : polars.DataFrame or polars.LazyFrame
        Survey responses; rows with an empty ``column`` are not counted.
    by : sequence of str
        Segment columns (none: one row for everyone).
    column : str
        The 0–10 likelihood-to-recommend column.
    scale : Scale, optional
        The NPS scale (promoters from ``top``, detractors up to ``top − 3``).
    min_base : MinBase, optional
        Thresholds for the ``base`` flag.

    Returns
    -------
    polars.DataFrame
        ``*by, n, promoters, passives, detractors`` (shares 0–1), ``nps`` (−100…100),
        ``se``, ``ci_low``, ``ci_high``, ``base``.

    Examples
    --------
    >>> import polars as pl
    >>> nps(pl.DataFrame({"nps": [10, 9, 8, 3]}), min_base=MinBase(flag=2, suppress=1))
    ... # doctest: +SKIP
    """
    scale = scale or _DEFAULT_SCALES["nps"]
    min_base = min_base or MinBase()
    score = pl.col(column)
    answered = _lazy(frame).filter(score.is_not_null())
    shares = [(score >= scale.top).mean().alias("promoters"),
              ((score < scale.top) & (score > scale.top - 3)).mean().alias("passives"),
              (score <= scale.top - 3).mean().alias("detractors"),
              pl.len().alias("n")]
    grouped = answered.group_by(list(by)).agg(shares) if by else answered.select(shares)
    p, d, n = pl.col("promoters"), pl.col("detractors"), pl.col("n")
    result = grouped.with_columns(
        ((p - d) * 100).alias("nps"),
        (((p + d - (p - d) ** 2) / n).sqrt() * 100).alias("se"),
    ).with_columns(
        (pl.col("nps") - Z95 * pl.col("se")).clip(-100, 100).alias("ci_low"),
        (pl.col("nps") + Z95 * pl.col("se")).clip(-100, 100).alias("ci_high"),
    ).with_columns(n.cast(pl.Int64))
    values = ["promoters", "passives", "detractors", "nps", "se", "ci_low", "ci_high"]
    return _finish(result.select(*by, "n", *values), by, values, min_base)


def csat(frame: pl.DataFrame | pl.LazyFrame, by: Sequence[str] = (), column: str = "csat",
         scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame:
    """Return the top-2-box satisfaction share of each segment with its Wilson interval.

    Parameters
    ----------
    frame : polars.DataFrame or polars.LazyFrame
        Survey responses; rows with an empty ``column`` are not counted.
    by : sequence of str
        Segment columns.
    column : str
        A 1–5 satisfaction column (``csat`` or a ``sat_<stage>`` column).
    scale : Scale, optional
        Satisfied answers are those ≥ ``scale.top`` (4 on 1–5).
    min_base : MinBase, optional
        Thresholds for the ``base`` flag.

    Returns
    -------
    polars.DataFrame
        ``*by, n, csat`` (share 0–1), ``mean``, ``se``, ``ci_low``, ``ci_high``, ``base``.
    """
    scale = scale or _DEFAULT_SCALES["csat"]
    return _share(frame, by, column, scale, min_base or MinBase(), "csat")


def ces(frame: pl.DataFrame | pl.LazyFrame, by: Sequence[str] = (), column: str = "ces",
        scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame:
    """Return the Customer Effort Score of each segment: mean and share agreeing.

    Parameters
    ----------
    frame : polars.DataFrame or polars.LazyFrame
        Survey responses; rows with an empty ``column`` are not counted.
    by : sequence of str
        Segment columns.
    column : str
        The 1–7 effort column ("the company made it easy": higher is better).
    scale : Scale, optional
        Agreeing answers are those ≥ ``scale.top`` (5 on 1–7).
    min_base : MinBase, optional
        Thresholds for the ``base`` flag.

    Returns
    -------
    polars.DataFrame
        ``*by, n, mean, mean_se, mean_ci_low, mean_ci_high, agree`` (share 0–1), ``se``,
        ``ci_low``, ``ci_high`` (of the share), ``base``.
    """
    scale = scale or _DEFAULT_SCALES["ces"]
    min_base = min_base or MinBase()
    shares = _share(frame, by, column, scale, min_base, "agree")
    score = pl.col(column)
    answered = _lazy(frame).filter(score.is_not_null())
    stats = [score.cast(pl.Float64).std().alias("_sd"), pl.len().alias("_n")]
    sd = answered.group_by(list(by)).agg(stats) if by else answered.select(stats)
    sd = sd.with_columns((pl.col("_sd") / pl.col("_n").sqrt()).fill_null(0.0).alias("mean_se"))
    joined = (shares.join(sd.collect(), on=list(by), how="left") if by
              else pl.concat([shares, sd.collect()], how="horizontal"))
    hidden = pl.col("base") == "suppressed"
    return joined.with_columns(
        pl.when(hidden).then(None).otherwise(pl.col("mean_se")).alias("mean_se"),
    ).with_columns(
        (pl.col("mean") - Z95 * pl.col("mean_se")).alias("mean_ci_low"),
        (pl.col("mean") + Z95 * pl.col("mean_se")).alias("mean_ci_high"),
    ).select(*by, "n", "mean", "mean_se", "mean_ci_low", "mean_ci_high", "agree", "se",
             "ci_low", "ci_high", "base")


def _share(frame: pl.DataFrame | pl.LazyFrame, by: Sequence[str], column: str, scale: Scale,
           min_base: MinBase, name: str) -> pl.DataFrame:
    """Share of answers ≥ ``scale.top`` with its Wilson 95% interval, and the mean score."""
    score = pl.col(column)
    answered = _lazy(frame).filter(score.is_not_null())
    aggs = [(score >= scale.top).mean().alias(name), score.cast(pl.Float64).mean().alias("mean"),
            pl.len().alias("n")]
    grouped = answered.group_by(list(by)).agg(aggs) if by else answered.select(aggs)
    share, n, z2 = pl.col(name), pl.col("n").cast(pl.Float64), Z95 ** 2
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * ((share * (1 - share) / n + z2 / (4 * n ** 2)).sqrt()) / (1 + z2 / n)
    result = grouped.with_columns(
        ((share * (1 - share) / n).sqrt()).alias("se"),
        pl.min_horizontal(centre - half, share).clip(0, 1).alias("ci_low"),
        pl.max_horizontal(centre + half, share).clip(0, 1).alias("ci_high"),
        pl.col("n").cast(pl.Int64),
    )
    values = [name, "mean", "se", "ci_low", "ci_high"]
    return _finish(result.select(*by, "n", *values), by, values, min_base)


def wave_change(table: pl.DataFrame, value: str, wave_column: str, before: str, after: str,
                by: Sequence[str] = ()) -> pl.DataFrame:
    """Compare a KPI between two waves, segment by segment, with a two-sided z test.

    Parameters
    ----------
    table : polars.DataFrame
        Output of :func:`nps`, :func:`csat` or :func:`ces` grouped by ``wave_column`` (and
        ``by``): it must hold ``value``, ``se``, ``n`` and ``base``.
    value : str
        The KPI column (``nps``, ``csat``, ``agree``…); its standard error is ``se``.
    wave_column : str
        The column holding the wave id.
    before, after : str
        The two wave ids compared.
    by : sequence of str
        Segment columns present in ``table``.

    Returns
    -------
    polars.DataFrame
        ``*by, n_before, n_after, before, after, change, se, z, p_value, significant``;
        ``significant`` is null when either wave is suppressed (nothing can be said).
    """
    keep = [*by, "n", value, "se", "base"]
    old = table.filter(pl.col(wave_column) == before).select(keep)
    new = table.filter(pl.col(wave_column) == after).select(keep)
    joined = (old.join(new, on=list(by), how="full", suffix="_after", coalesce=True) if by
              else pl.concat([old, new.rename({c: f"{c}_after" for c in keep})],
                             how="horizontal"))
    se = (pl.col("se") ** 2 + pl.col("se_after") ** 2).sqrt()
    out = joined.select(
        *by,
        pl.col("n").alias("n_before"), pl.col("n_after"),
        pl.col(value).alias("before"), pl.col(f"{value}_after").alias("after"),
        (pl.col(f"{value}_after") - pl.col(value)).alias("change"),
        se.alias("se"),
    ).with_columns((pl.col("change") / pl.col("se")).alias("z"))
    normal = NormalDist()
    p_values = [None if z is None or z != z else 2 * (1 - normal.cdf(abs(z)))
                for z in out["z"].to_list()]
    out = out.with_columns(pl.Series("p_value", p_values, dtype=pl.Float64))
    out = out.with_columns(
        pl.when(pl.col("p_value").is_null()).then(None)
        .otherwise(pl.col("p_value") < 0.05).alias("significant"))
    return out.sort(list(by)) if by else out
