"""Survey KPI formulas: hand-computed values, base flags, wave tests, invariants."""

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.analysis import kpis
from cxlib.inputs.config import MinBase, Scale

SMALL = MinBase(flag=3, suppress=2)


def test_nps_hand_computed() -> None:
    # 2 promoters, 1 passive, 1 detractor: NPS 25; Var = (0.5 + 0.25 - 0.25²) / 4
    row = kpis.nps(pl.DataFrame({"nps": [10, 9, 8, 3, None]}), min_base=SMALL).row(0, named=True)
    assert row["n"] == 4
    assert (row["promoters"], row["passives"], row["detractors"]) == (0.5, 0.25, 0.25)
    assert row["nps"] == pytest.approx(25.0)
    assert row["se"] == pytest.approx(100 * math.sqrt(0.6875 / 4))
    assert row["ci_low"] == pytest.approx(25.0 - 1.959964 * row["se"], abs=1e-4)
    assert row["ci_high"] == 100.0  # clipped to the scale
    assert row["base"] == "ok"


def test_nps_per_segment_sorted_with_base_flags() -> None:
    frame = pl.DataFrame({"w": ["B", "B", "B", "A", "A", "C"], "nps": [10, 0, 7, 9, 9, 6]})
    out = kpis.nps(frame, by=["w"], min_base=SMALL)
    assert out["w"].to_list() == ["A", "B", "C"]
    assert out["base"].to_list() == ["low", "ok", "suppressed"]
    assert out["nps"].to_list() == [100.0, 0.0, None]  # suppressed: never shown
    assert out["n"].to_list() == [2, 3, 1]


def test_csat_top_two_box_with_wilson_interval() -> None:
    row = kpis.csat(pl.DataFrame({"csat": [5, 4, 3, 1]}), min_base=SMALL).row(0, named=True)
    assert row["csat"] == 0.5 and row["mean"] == 3.25
    assert row["se"] == pytest.approx(0.25)
    # Wilson interval for 2/4: (0.150, 0.850)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.150039, 0.849961), abs=1e-6)


def test_ces_mean_and_share_agreeing() -> None:
    row = kpis.ces(pl.DataFrame({"ces": [7, 6, 5, 1]}), min_base=SMALL).row(0, named=True)
    assert row["mean"] == 4.75 and row["agree"] == 0.75
    sd = math.sqrt(sum((x - 4.75) ** 2 for x in (7, 6, 5, 1)) / 3)
    assert row["mean_se"] == pytest.approx(sd / 2)
    assert row["mean_ci_low"] == pytest.approx(4.75 - 1.959964 * sd / 2, abs=1e-5)


def test_wave_change_z_test() -> None:
    frame = pl.DataFrame({"wave": ["W1"] * 1000 + ["W2"] * 1000,
                          "nps": [10] * 400 + [7] * 300 + [3] * 300
                          + [10] * 480 + [7] * 270 + [3] * 250})
    table = kpis.nps(frame, by=["wave"])
    row = kpis.wave_change(table, "nps", "wave", "W1", "W2").row(0, named=True)
    assert (row["before"], row["after"]) == pytest.approx((10.0, 23.0))
    se = math.sqrt((0.7 - 0.01) / 1000 + (0.73 - 0.23 ** 2) / 1000) * 100
    assert row["se"] == pytest.approx(se)
    assert row["z"] == pytest.approx(13.0 / se)
    assert row["significant"] is True and row["p_value"] < 0.001


def test_wave_change_not_significant_on_small_base_and_unknown_when_suppressed() -> None:
    frame = pl.DataFrame({"wave": ["W1"] * 40 + ["W2"] * 40 + ["W3"] * 5,
                          "seg": ["s"] * 85,
                          "nps": [10] * 16 + [3] * 24 + [10] * 20 + [3] * 20 + [10] * 5})
    table = kpis.nps(frame, by=["wave", "seg"])
    small = kpis.wave_change(table, "nps", "wave", "W1", "W2", by=["seg"]).row(0, named=True)
    assert small["change"] == pytest.approx(20.0) and small["significant"] is False
    hidden = kpis.wave_change(table, "nps", "wave", "W2", "W3", by=["seg"]).row(0, named=True)
    assert hidden["after"] is None and hidden["significant"] is None


def test_lazy_frames_accepted() -> None:
    assert kpis.nps(pl.LazyFrame({"nps": [9] * 40}))["nps"].to_list() == [100.0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_invariants(scores: list[int]) -> None:
    row = kpis.nps(pl.DataFrame({"nps": scores}), min_base=MinBase(flag=1, suppress=0)).row(
        0, named=True)
    assert row["n"] == len(scores)
    assert -100 <= row["ci_low"] <= row["nps"] <= row["ci_high"] <= 100
    assert row["promoters"] + row["passives"] + row["detractors"] == pytest.approx(1.0)
    assert row["se"] >= 0
    # symmetry: mirroring promoters and detractors negates the score
    mirror = [0 if s >= 9 else 10 if s <= 6 else s for s in scores]
    flipped = kpis.nps(pl.DataFrame({"nps": mirror}), min_base=MinBase(flag=1, suppress=0))
    assert flipped["nps"][0] == pytest.approx(-row["nps"])
    assert flipped["se"][0] == pytest.approx(row["se"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=300))
def test_csat_interval_contains_share(scores: list[int]) -> None:
    row = kpis.csat(pl.DataFrame({"csat": scores}), min_base=MinBase(flag=1, suppress=0)).row(
        0, named=True)
    assert 0 <= row["ci_low"] <= row["csat"] <= row["ci_high"] <= 1
    assert row["csat"] == pytest.approx(sum(s >= 4 for s in scores) / len(scores))


@pytest.mark.parametrize("scores", [
    [10, 9, 0], (10, 9, 0), np.array([10, 9, 0]), pl.Series([10, 9, 0]),
    [10, 9, None, 0]])
def test_nps_answers_directly_on_a_list_an_array_or_a_series(scores) -> None:
    result = kpis.nps(scores)
    assert isinstance(result, kpis.Score)
    assert (result.kpi, result.n, result.base) == ("nps", 3, "low")
    assert result.score == pytest.approx(100 / 3)
    assert (result.promoters, result.passives, result.detractors) == pytest.approx(
        (2 / 3, 0, 1 / 3))
    assert -100 <= result.ci_low < result.score < result.ci_high <= 100


def test_a_frame_still_gives_a_table_with_the_same_figures() -> None:
    table = kpis.nps(pl.DataFrame({"nps": [10, 9, 0]}), min_base=MinBase(flag=30, suppress=0))
    assert table["nps"].to_list() == pytest.approx([kpis.nps([10, 9, 0]).score])


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "3 answers outside the NPS scale 0–10: 11, -1, 12 (column 'nps')."),
    ("fr", "3 réponses hors de l'échelle NPS 0–10 : 11, -1, 12 (colonne « nps »)."),
])
def test_error_if_a_score_lies_outside_the_scale(lang: str, message: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_LANG", lang)
    with pytest.raises(kpis.ScaleError) as caught:
        kpis.nps([10, 11, -1, 12, 9])
    assert str(caught.value) == message


def test_error_names_the_first_five_values_and_says_there_are_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_LANG", "en")
    with pytest.raises(kpis.ScaleError, match=r"^7 answers outside the CSAT scale 1–5: "
                                              r"6, 7, 8, 9, 0, … \(column 'csat'\)\.$"):
        kpis.csat(pl.DataFrame({"csat": [6, 7, 8, 9, 0, 10, 11, 3]}))


def test_a_frame_with_an_out_of_scale_score_is_refused_too() -> None:
    with pytest.raises(kpis.ScaleError):
        kpis.ces(pl.LazyFrame({"ces": [1, 8]}))


def test_a_reversed_effort_scale_counts_low_effort_as_agreement() -> None:
    reversed_scale = Scale(min=1, max=5, top=2, higher_is_better=False)
    result = kpis.ces([1, 2, 2, 5], scale=reversed_scale)
    assert result.agree == 0.75  # 1 and 2 are the least effort
    assert result.score == 2.5
    table = kpis.csat(pl.DataFrame({"effort": [1, 2, 5, 5]}), column="effort",
                      scale=reversed_scale, min_base=MinBase(flag=1, suppress=0))
    assert table["csat"].to_list() == [0.5]


def test_withhold_flags_low_bases_and_hides_figures_under_the_suppression_base() -> None:
    rows = pl.DataFrame({"customers": [5, 20, 40], "median_hours": [1.0, 2.0, 3.0]})
    out = kpis.withhold(rows, base="customers", values=["median_hours"],
                   min_base=MinBase(flag=30, suppress=10))
    assert out["base"].to_list() == ["suppressed", "low", "ok"]
    assert out["median_hours"].to_list() == [None, 2.0, 3.0]
    assert out["customers"].to_list() == [5, 20, 40]
    lazy = kpis.withhold(rows.lazy(), base="customers", values=["median_hours"],
                    min_base=MinBase(flag=30, suppress=10))
    assert lazy.collect().equals(out)
