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

On a scale whose ``higher_is_better`` is false (the older 1–5 effort scale, 1 the least
effort), the good answers are those ≤ ``top``.

Each function accepts a frame (eager or lazy) with the score column, or — for a quick answer
in a notebook — the scores themselves: a list, a numpy array or a polars Series. Given
scores, it returns one :class:`Score` instead of a frame. An answer outside the scale is an
error naming how many and which, never counted silently.

Changes between waves are tested with a two-sided z test on the difference, whose variance
is the sum of the two independent variances; a change is called significant only when
``p < 0.05`` and neither wave's base is suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, TypeVar

import polars as pl

from cxlib.errors import CxError
from cxlib.i18n import detect_language, t
from cxlib.inputs.config import MinBase, Scale

__all__ = ["Z95", "ScaleError", "Score", "base_flag", "ces", "csat", "nps", "wave_change",
           "withhold"]

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)
#: Two-sided 95% normal quantile.
Z95 = NormalDist().inv_cdf(0.975)
_DEFAULT_SCALES = {"nps": Scale(min=0, max=10, top=9), "csat": Scale(min=1, max=5, top=4),
                   "ces": Scale(min=1, max=7, top=5)}


#: Scores as an analyst may hold them: a frame, or the answers themselves.
Scores = pl.DataFrame | pl.LazyFrame | pl.Series | Sequence[float | None] | Any


class ScaleError(CxError, ValueError):
    """Answers outside the KPI's scale: counted nowhere, reported with their values."""


@dataclass(frozen=True)
class Score:
    """One KPI computed on a list of answers.

    Attributes
    ----------
    kpi : str
        ``nps``, ``csat`` or ``ces``.
    score : float
        NPS (−100…100), CSAT share satisfied (0–1) or CES mean.
    n : int
        Answers counted (empty ones left out).
    se, ci_low, ci_high : float
        Standard error and 95 % interval of ``score`` (of the mean for CES).
    base : str
        ``ok``, ``low`` or ``suppressed`` by the minimum bases (see the module).
    promoters, passives, detractors : float or None
        NPS shares, 0–1.
    mean : float or None
        The mean answer (CSAT).
    agree : float or None
        The share agreeing (CES), 0–1.
    """

    kpi: str
    score: float | None
    n: int
    se: float | None
    ci_low: float | None
    ci_high: float | None
    base: str
    promoters: float | None = None
    passives: float | None = None
    detractors: float | None = None
    mean: float | None = None
    agree: float | None = None


def _settings(data: Scores, kpi: str, scale: Scale | None,
              min_base: MinBase | None) -> tuple[Scale, MinBase, bool]:
    """Return the scale, the minimum bases and whether ``data`` are answers, not a frame."""
    direct = not isinstance(data, pl.DataFrame | pl.LazyFrame)
    return (scale or _DEFAULT_SCALES[kpi],
            min_base or (_DIRECT_BASE if direct else MinBase()), direct)


def _lazy(frame: Scores, column: str) -> pl.LazyFrame:
    if isinstance(frame, pl.LazyFrame):
        return frame
    if isinstance(frame, pl.DataFrame):
        return frame.lazy()
    values = frame if isinstance(frame, pl.Series) else list(frame)
    return pl.DataFrame({column: pl.Series(column, values, dtype=pl.Float64,
                                           strict=False)}).lazy()


def _check_scale(answers: pl.LazyFrame, column: str, scale: Scale, kpi: str) -> None:
    """Raise :class:`ScaleError` when an answer lies outside ``scale``."""
    score = pl.col(column)
    outside = answers.filter(score.is_not_null() & ((score < scale.min) | (score > scale.max)))
    found = outside.select(pl.len().alias("n"), score.unique(maintain_order=True)
                           .head(5).implode().alias("values")).collect().row(0)
    if found[0]:
        lang = detect_language()
        shown = ", ".join(f"{v:g}" for v in found[1])
        more = t("kpi_more_values", lang) if len(found[1]) < found[0] else ""
        raise ScaleError(t("kpi_out_of_scale", lang, n=found[0], kpi=kpi.upper(),
                           min=scale.min, max=scale.max, values=shown + more, column=column))


def _answers(data: Scores, column: str, scale: Scale, kpi: str) -> pl.LazyFrame:
    """Return the answered rows of ``data``, checked against ``scale``."""
    answers = _lazy(data, column).filter(pl.col(column).is_not_null())
    _check_scale(answers, column, scale, kpi)
    return answers


def _good(score: pl.Expr, scale: Scale) -> pl.Expr:
    """Whether an answer is a good one: ≥ ``top``, or ≤ ``top`` on a reversed scale."""
    return score >= scale.top if scale.higher_is_better else score <= scale.top


def _direct(table: pl.DataFrame, kpi: str, value: str, names: dict[str, str]) -> Score:
    """Return the one row of an ungrouped table as a :class:`Score` (field → column)."""
    row = table.row(0, named=True)
    return Score(kpi=kpi, score=row[value], n=row["n"], base=row["base"],
                 **{field: row[column] for field, column in names.items()})


_INTERVAL = {"se": "se", "ci_low": "ci_low", "ci_high": "ci_high"}
#: Minimum bases for scores given directly: low bases flagged, nothing hidden.
_DIRECT_BASE = MinBase(suppress=0)


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


def withhold(frame: FrameT, *, base: str, values: Sequence[str],
             min_base: MinBase) -> FrameT:
    """Flag each row's base and withhold its figures where the base is too small.

    Parameters
    ----------
    frame : polars.DataFrame or polars.LazyFrame
        Aggregated rows, each with its base (a count of answers, customers…).
    base : str
        The column holding each row's base (not named ``base``: that is the flag's name).
    values : sequence of str
        The figures computed on that base: null where it is under ``min_base.suppress``.
    min_base : MinBase
        The client's thresholds.

    Returns
    -------
    polars.DataFrame or polars.LazyFrame
        ``frame`` with the ``base`` flag column of :func:`base_flag`.
    """
    hidden = pl.col(base) < min_base.suppress
    return frame.with_columns(
        base_flag(pl.col(base), min_base),
        *[pl.when(hidden).then(None).otherwise(pl.col(v)).alias(v) for v in values])


def _finish(frame: pl.LazyFrame, by: Sequence[str], values: list[str],
            min_base: MinBase) -> pl.DataFrame:
    out = withhold(frame, base="n", values=values, min_base=min_base)
    return out.sort(list(by)).collect() if by else out.collect()


def nps(data: Scores, by: Sequence[str] = (), *, column: str = "nps",
        scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame | Score:
    """Return the Net Promoter Score with its standard error and 95 % interval.

    Parameters
    ----------
    data : polars.DataFrame, polars.LazyFrame, polars.Series, list or numpy array
        Survey responses holding ``column``, or the 0–10 answers themselves; empty
        answers are not counted.
    by : sequence of str, optional
        Segment columns of a frame (none: one row for everyone).
    column : str, optional
        The 0–10 likelihood-to-recommend column.
    scale : Scale, optional
        The NPS scale (promoters from ``top``, detractors up to ``top − 3``).
    min_base : MinBase, optional
        Thresholds for the ``base`` flag. Answers given directly are flagged, never hidden.

    Returns
    -------
    polars.DataFrame or Score
        For a frame: ``*by, n, promoters, passives, detractors`` (shares 0–1), ``nps``
        (−100…100), ``se``, ``ci_low``, ``ci_high``, ``base``. For answers: a
        :class:`Score`.

    Raises
    ------
    ScaleError
        When an answer lies outside the scale (0–10 by default).

    Examples
    --------
    >>> result = nps([10, 9, 0])
    >>> round(result.score, 1), result.n, result.base
    (33.3, 3, 'low')
    >>> round(result.promoters, 3), result.passives, round(result.detractors, 3)
    (0.667, 0.0, 0.333)
    >>> nps([10, 11, 12])
    Traceback (most recent call last):
    ...
    cxlib.analysis.kpis.ScaleError: 2 answers outside the NPS scale 0–10: 11, 12 (column 'nps').
    """
    scale, min_base, direct = _settings(data, "nps", scale, min_base)
    score = pl.col(column)
    answered = _answers(data, column, scale, "nps")
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
    table = _finish(result.select(*by, "n", *values), by, values, min_base)
    if direct:
        return _direct(table, "nps", "nps", {**_INTERVAL, "promoters": "promoters",
                                             "passives": "passives",
                                             "detractors": "detractors"})
    return table


def csat(data: Scores, by: Sequence[str] = (), *, column: str = "csat",
         scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame | Score:
    """Return the top-2-box satisfaction share with its Wilson interval.

    Parameters
    ----------
    data : polars.DataFrame, polars.LazyFrame, polars.Series, list or numpy array
        Survey responses holding ``column``, or the answers themselves; empty answers are
        not counted.
    by : sequence of str, optional
        Segment columns of a frame.
    column : str, optional
        A satisfaction column (``csat`` or a ``sat_<stage>`` column).
    scale : Scale, optional
        Satisfied answers are those ≥ ``scale.top`` (4 on 1–5), ≤ on a reversed scale.
    min_base : MinBase, optional
        Thresholds for the ``base`` flag. Answers given directly are flagged, never hidden.

    Returns
    -------
    polars.DataFrame or Score
        For a frame: ``*by, n, csat`` (share 0–1), ``mean``, ``se``, ``ci_low``,
        ``ci_high``, ``base``. For answers: a :class:`Score`.

    Raises
    ------
    ScaleError
        When an answer lies outside ``scale`` (1–5 by default).

    Examples
    --------
    >>> result = csat([5, 4, 3, 1])
    >>> result.score, result.mean, result.n
    (0.5, 3.25, 4)
    """
    scale, min_base, direct = _settings(data, "csat", scale, min_base)
    table = _share(_answers(data, column, scale, "csat"), by, column, scale, min_base, "csat")
    if direct:
        return _direct(table, "csat", "csat", {**_INTERVAL, "mean": "mean"})
    return table


def ces(data: Scores, by: Sequence[str] = (), *, column: str = "ces",
        scale: Scale | None = None, min_base: MinBase | None = None) -> pl.DataFrame | Score:
    """Return the Customer Effort Score: mean and share agreeing.

    Parameters
    ----------
    data, by
        As for :func:`csat`.
    column : str, optional
        The effort column (CES 2.0 on 1–7, "the company made it easy": higher is better).
    scale : Scale, optional
        Agreeing answers are those ≥ ``scale.top`` (5 on 1–7); on a reversed scale
        (``higher_is_better: false``, the older 1–5 effort scale) those ≤ ``top``.
    min_base : MinBase, optional
        Thresholds for the ``base`` flag. Answers given directly are flagged, never hidden.

    Returns
    -------
    polars.DataFrame or Score
        For a frame: ``*by, n, mean, mean_se, mean_ci_low, mean_ci_high, agree`` (share
        0–1), ``se``, ``ci_low``, ``ci_high`` (of the share), ``base``. For answers: a
        :class:`Score` whose ``score`` is the mean and ``agree`` the share agreeing.

    Raises
    ------
    ScaleError
        When an answer lies outside ``scale`` (1–7, CES 2.0, by default).

    Examples
    --------
    >>> result = ces([7, 6, 5, 2])
    >>> result.score, result.agree
    (5.0, 0.75)
    """
    scale, min_base, direct = _settings(data, "ces", scale, min_base)
    answered = _answers(data, column, scale, "ces")
    shares = _share(answered, by, column, scale, min_base, "agree")
    score = pl.col(column)
    stats = [score.cast(pl.Float64).std().alias("_sd"), pl.len().alias("_n")]
    sd = answered.group_by(list(by)).agg(stats) if by else answered.select(stats)
    sd = sd.with_columns((pl.col("_sd") / pl.col("_n").sqrt()).fill_null(0.0).alias("mean_se"))
    joined = (shares.join(sd.collect(), on=list(by), how="left") if by
              else pl.concat([shares, sd.collect()], how="horizontal"))
    hidden = pl.col("base") == "suppressed"
    table = joined.with_columns(
        pl.when(hidden).then(None).otherwise(pl.col("mean_se")).alias("mean_se"),
    ).with_columns(
        (pl.col("mean") - Z95 * pl.col("mean_se")).alias("mean_ci_low"),
        (pl.col("mean") + Z95 * pl.col("mean_se")).alias("mean_ci_high"),
    ).select(*by, "n", "mean", "mean_se", "mean_ci_low", "mean_ci_high", "agree", "se",
             "ci_low", "ci_high", "base")
    if direct:
        return _direct(table, "ces", "mean", {"se": "mean_se", "ci_low": "mean_ci_low",
                                              "ci_high": "mean_ci_high", "agree": "agree"})
    return table


def _share(answered: pl.LazyFrame, by: Sequence[str], column: str, scale: Scale,
           min_base: MinBase, name: str) -> pl.DataFrame:
    """Share of good answers with its Wilson 95% interval, and the mean score."""
    score = pl.col(column)
    aggs = [_good(score, scale).mean().alias(name), score.cast(pl.Float64).mean().alias("mean"),
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
