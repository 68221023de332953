"""Key drivers: Johnson's relative weights and the importance × performance matrix."""

import numpy as np
import polars as pl
import pytest

from cxlib.analysis.drivers import importance_performance, relative_weights


def _sample(seed: int = 7, n: int = 2000) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=n)
    a = base + rng.normal(size=n)
    b = 0.6 * base + rng.normal(size=n)  # correlated with a
    c = rng.normal(size=n)
    y = 2.0 * a + 0.5 * b + 0.2 * c + rng.normal(size=n)
    return pl.DataFrame({"y": y, "a": a, "b": b, "c": c})


def test_weights_sum_to_regression_r2() -> None:
    frame = _sample()
    out = relative_weights(frame, "y", ["a", "b", "c"])
    x = np.column_stack([np.ones(len(frame)), frame.select("a", "b", "c").to_numpy()])
    y = frame["y"].to_numpy()
    fitted = x @ np.linalg.lstsq(x, y, rcond=None)[0]
    r2 = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert out["weight"].sum() == pytest.approx(r2)
    assert out["r2"][0] == pytest.approx(r2)
    assert out["share"].sum() == pytest.approx(1.0)
    assert out["driver"].to_list() == ["a", "b", "c"]  # strongest first
    assert out["rank"].to_list() == [1, 2, 3]
    assert (out["weight"] >= 0).all()


def test_uncorrelated_predictors_get_their_squared_correlation() -> None:
    # exactly orthogonal, centred predictors
    a = np.array([1, -1, 1, -1, 1, -1, 1, -1], dtype=float)
    b = np.array([1, 1, -1, -1, 1, 1, -1, -1], dtype=float)
    y = 3 * a + b + np.array([0.5, -0.5, 0.2, -0.2, -0.5, 0.5, -0.2, 0.2])
    frame = pl.DataFrame({"y": y, "a": a, "b": b})
    out = {r["driver"]: r["weight"] for r in relative_weights(frame, "y", ["a", "b"]).to_dicts()}
    assert out["a"] == pytest.approx(np.corrcoef(a, y)[0, 1] ** 2)
    assert out["b"] == pytest.approx(np.corrcoef(b, y)[0, 1] ** 2)


def test_incomplete_rows_left_out() -> None:
    frame = _sample(n=200).with_columns(
        pl.when(pl.int_range(pl.len()) < 50).then(None).otherwise(pl.col("b")).alias("b"))
    assert relative_weights(frame, "y", ["a", "b"])["n"][0] == 150


@pytest.mark.parametrize(("frame", "predictors", "message"), [
    (pl.DataFrame({"y": [1.0, 2.0], "a": [1.0, 2.0]}), ["a"],
     r"relative weights need at least two predictors, got \['a'\]"),
    (pl.DataFrame({"y": [1.0, 2.0, 3.0], "a": [1, 2, 3], "b": [3, 1, 2]}), ["a", "b"],
     "relative weights need at least 4 complete rows, got 3"),
    (pl.DataFrame({"y": [1.0, 2, 3, 4, 5], "a": [1, 2, 3, 4, 4], "b": [2] * 5}), ["a", "b"],
     r"relative weights cannot use constant columns: \['b'\]"),
])
def test_error_if_weights_cannot_be_computed(frame: pl.DataFrame, predictors: list[str],
                                             message: str) -> None:
    with pytest.raises(ValueError, match=message):
        relative_weights(frame, "y", predictors)


def test_matrix_puts_important_underperformers_first() -> None:
    weights = pl.DataFrame({"driver": ["a", "b", "c", "d"], "share": [0.5, 0.3, 0.1, 0.1]})
    perf = pl.DataFrame({"driver": ["a", "b", "c", "d"], "performance": [4.5, 2.0, 2.5, 4.6]})
    out = importance_performance(weights, perf)
    assert out.select("driver", "quadrant", "priority").rows() == [
        ("b", "fix", 1), ("a", "keep", 2), ("c", "watch", 3), ("d", "maintain", 4)]
