"""Charts of the voice-of-the-customer report: aggregates in, the spec checked."""

import polars as pl
import pytest

from cxlib.presentation import charts


def _shares() -> pl.DataFrame:
    return pl.DataFrame({"label": ["Reviews (n = 10)"] * 3,
                         "sentiment": ["negative", "neutral", "positive"],
                         "share": [0.5, 0.1, 0.4]})


def test_sentiment_bars_stack_negative_first_in_fixed_colours() -> None:
    spec = charts.sentiment_bars(_shares(), label="label", sentiment="sentiment",
                                 share="share",
                                 sentiments=["negative", "neutral", "positive"]).to_dict()
    bars = spec["layer"][0]["encoding"]
    assert bars["color"]["scale"]["domain"] == ["negative", "neutral", "positive"]
    assert bars["color"]["scale"]["range"] == list(charts.voice.SENTIMENT_COLOURS)
    assert bars["x"]["stack"] == "normalize"
    rows = next(iter(spec["datasets"].values()))
    assert {"label", "sentiment", "share", "_order"} == set(rows[0])


def test_theme_change_dots_join_the_two_waves() -> None:
    frame = pl.DataFrame({"name": ["appli", "parking"], "before": [0.7, 0.6],
                          "after": [0.4, 0.65]})
    spec = charts.theme_change_dots(frame, label="name", before="before", after="after",
                                    before_title="W1", after_title="W2").to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rule"
    assert spec["layer"][1]["encoding"]["shape"]["sort"] == ["W1", "W2"]


def test_row_level_data_refused() -> None:
    big = pl.DataFrame({"label": [str(i) for i in range(3000)], "sentiment": "negative",
                        "share": 1.0})
    with pytest.raises(Exception, match="rows"):
        charts.sentiment_bars(big, label="label", sentiment="sentiment", share="share",
                              sentiments=["negative", "neutral", "positive"])
