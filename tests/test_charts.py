import polars as pl
import pytest

from cxlib import charts


def test_error_if_chart_receives_row_level_data() -> None:
    rows = pl.DataFrame({"month": ["2026-01-01"] * 5000, "count": [1] * 5000, "s": ["a"] * 5000})
    with pytest.raises(ValueError, match=r"a chart got 5000 rows \(limit 2000\): aggregate"):
        charts.stacked_bars(rows, "month", "count", "s", "t", "x", "y", "c")


def test_chart_embeds_only_the_columns_it_uses() -> None:
    frame = pl.DataFrame({"month": ["2026-01-01"], "count": [3], "s": ["a"],
                          "customer_email": ["jane@example.com"]})
    spec = charts.stacked_bars(frame, "month", "count", "s", "t", "x", "y", "c").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert values == [{"month": "2026-01-01", "count": 3, "s": "a"}]


def test_heatmap_keeps_configured_order() -> None:
    matrix = pl.DataFrame({
        "stage": ["Search", "Buy"], "stage_order": [0, 1], "channel": ["Web", "Web"],
        "channel_order": [0, 0], "touchpoints": [2, 0], "irritants": [1, 0],
    })
    spec = charts.coverage_heatmap(matrix, "T", "Stage", "Channel", "Touchpoints").to_dict()
    x = spec["layer"][0]["encoding"]["x"]
    assert x["sort"] == ["Search", "Buy"]
    assert spec["title"] == "T"
