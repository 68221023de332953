"""Saturation (Guest, Namey & Chen 2020) on constructed cases whose answer is known."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from cxlib.coding import accumulation_curve, saturation


def _study(codes: dict[str, list[str]], population: str = "employee",
           start: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    ids = list(codes)
    interviews = pl.DataFrame({
        "interview_id": ids, "population": [population] * len(ids),
        "date": [date(2026, 3, start + i) for i in range(len(ids))]})
    codings = pl.DataFrame([(k, c) for k, v in codes.items() for c in v],
                           schema=["interview_id", "code_id"], orient="row")
    return interviews, codings


# Base (4 interviews) holds 20 codes; interview 5 and 6 add one each, then nothing new.
# Runs of 2: (5,6) 2/20 = 10% > 5%; (6,7) 1/20 = 5% <= 5% -> reached at interview 7.
SATURATING = {"E1": list("abcde"), "E2": list("fghij"), "E3": list("klmno"),
              "E4": list("pqrst"), "E5": ["u", "a"], "E6": ["v"], "E7": ["a"], "E8": ["b"]}


def test_reached_at_the_last_interview_of_the_first_run_at_threshold() -> None:
    interviews, codings = _study(SATURATING)
    result = saturation(interviews, codings)
    verdict = result.verdicts.row(0, named=True)
    assert verdict["verdict"] == "reached" and verdict["reached"]
    assert verdict["base_codes"] == 20
    assert verdict["at_interview"] == 7 and verdict["interview_id"] == "E7"
    assert verdict["new_in_run"] == 1 and verdict["new_information"] == pytest.approx(0.05)
    assert result.runs.select("first", "last", "new_in_run", "meets").rows() == [
        (5, 6, 2, False), (6, 7, 1, True), (7, 8, 0, True)]


def test_accumulation_curve_follows_interview_dates_not_input_order() -> None:
    interviews, codings = _study(SATURATING)
    curve = accumulation_curve(interviews.reverse(), codings)
    assert curve["interview_id"].to_list() == list(SATURATING)
    assert curve["new_codes"].to_list() == [5, 5, 5, 5, 1, 1, 0, 0]
    assert curve["cumulative_codes"].to_list() == [5, 10, 15, 20, 21, 22, 22, 22]


def test_not_reached_when_every_run_brings_new_codes() -> None:
    codes = {f"C{i}": [f"k{i}a", f"k{i}b"] for i in range(1, 11)}  # 2 new codes each time
    interviews, codings = _study(codes, population="customer")
    verdict = saturation(interviews, codings).verdicts.row(0, named=True)
    # base 8 codes; every run adds 4 -> 50% new information
    assert verdict["verdict"] == "not_reached" and not verdict["reached"]
    assert verdict["at_interview"] is None


def test_too_few_interviews_for_a_base_and_a_run() -> None:
    interviews, codings = _study({f"E{i}": ["a"] for i in range(1, 6)})  # 5 < 4 + 2
    result = saturation(interviews, codings)
    assert result.verdicts["verdict"].to_list() == ["too_few_interviews"]
    assert result.runs.is_empty()


def test_populations_are_assessed_separately() -> None:
    emp_i, emp_c = _study(SATURATING, "employee")
    cus_i, cus_c = _study({f"C{i}": [f"c{i}"] for i in range(1, 9)}, "customer", start=10)
    interviews = pl.concat([cus_i, emp_i])
    codings = pl.concat([emp_c, cus_c])
    verdicts = saturation(interviews, codings).verdicts
    assert dict(verdicts.select("population", "verdict").iter_rows()) == {
        "customer": "not_reached", "employee": "reached"}
    # the customers' codes never count as already seen for employees, and vice versa
    assert verdicts.filter(pl.col("population") == "customer")["base_codes"].item() == 4


def test_custom_base_run_and_threshold() -> None:
    interviews, codings = _study(SATURATING)
    verdict = saturation(interviews, codings, base_size=3, run_length=3,
                         threshold=0.10).verdicts.row(0, named=True)
    # base = 15 codes; run (4,5,6) adds 7 -> 47%; run (5,6,7) adds 2 -> 13%;
    # run (6,7,8) adds 1 -> 6.7% <= 10% -> reached at interview 8.
    assert verdict["at_interview"] == 8
    assert verdict["new_information"] == pytest.approx(1 / 15)


def test_interviews_without_codings_count_and_no_population_column() -> None:
    interviews, codings = _study(SATURATING)
    extra = pl.DataFrame({"interview_id": ["E9"], "population": ["employee"],
                          "date": [date(2026, 3, 30)]})
    curve = accumulation_curve(pl.concat([interviews, extra]).drop("population"), codings,
                               population=None)
    assert curve["population"].unique().to_list() == ["all"]
    assert curve["new_codes"].to_list()[-1] == 0 and curve.height == 9


def test_error_if_parameters_make_no_sense() -> None:
    interviews, codings = _study(SATURATING)
    with pytest.raises(ValueError, match="base_size and run_length"):
        saturation(interviews, codings, base_size=0)
    with pytest.raises(ValueError, match="threshold"):
        saturation(interviews, codings, threshold=5)
