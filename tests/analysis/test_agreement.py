"""Inter-coder agreement against hand-computed and published values."""

from __future__ import annotations

import math

import polars as pl
import pytest

from cxlib.analysis.agreement import UNIT_OVERALL, UNIT_SEGMENT
from cxlib.coding import agreement_by_code, cohen_kappa, krippendorff_alpha

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 observers x 12 units.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_cohen_kappa_textbook_example() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # po = 35/50 = 0.70; pe = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.2/0.5 = 0.40.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_three_categories_by_hand() -> None:
    # Confusion (rows a, columns b) over x, y, z: [[4, 1, 0], [1, 3, 1], [0, 0, 4]]; n = 14.
    # po = 11/14; pe = (5*5 + 5*4 + 4*5)/196 = 65/196; kappa = (154 - 65)/(196 - 65) = 89/131.
    pairs = ([("x", "x")] * 4 + [("x", "y")] + [("y", "x")] + [("y", "y")] * 3
             + [("y", "z")] + [("z", "z")] * 4)
    a, b = zip(*pairs, strict=True)
    assert cohen_kappa(a, b) == pytest.approx(89 / 131)


def test_cohen_kappa_drops_units_missing_a_rating_and_flags_undefined() -> None:
    assert cohen_kappa(["a", "b", None, "a"], ["a", "b", "b", None]) == pytest.approx(1.0)
    assert math.isnan(cohen_kappa(["a", "a"], ["a", "a"]))
    with pytest.raises(ValueError, match="same units"):
        cohen_kappa(["a"], ["a", "b"])


def test_krippendorff_published_values() -> None:
    assert krippendorff_alpha(KRIPPENDORFF) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF, level="nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF, level="interval") == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_nominal_accepts_category_labels() -> None:
    labels = {1: "wait", 2: "price", 3: "staff", 4: "web", 5: "store"}
    named = [[labels.get(v) for v in row] for row in KRIPPENDORFF]
    assert krippendorff_alpha(named) == pytest.approx(krippendorff_alpha(KRIPPENDORFF))


def test_krippendorff_undefined_and_bad_level() -> None:
    assert math.isnan(krippendorff_alpha([["a", "a", None], ["a", "a", "b"]]))
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(KRIPPENDORFF, level="categorical")


SEGMENTS = pl.DataFrame({
    "interview_id": ["I1"] * 4 + ["I2"] * 2,
    "segment": [0, 1, 2, 3, 0, 1],
    "start": [0, 10, 20, 30, 0, 10],
    "end": [10, 20, 30, 40, 10, 20],
})
CODINGS = pl.DataFrame({
    "interview_id": ["I1", "I1", "I1", "I1", "I2"],
    "code_id": ["x", "x", "y", "x", "x"],
    "coder": ["ann", "bob", "ann", "ann", "ann"],
    "start": [0, 5, 22, 31, 0],
    "end": [5, 12, 25, 35, 3],  # bob's [5, 12) overlaps segments 0 and 1
})


def test_agreement_by_code_hand_computed() -> None:
    # I2 was coded by ann only: its segments are not units. Units: I1 segments 0-3.
    # x: ann [1,0,0,1], bob [1,1,0,0] -> po 0.5, pe 0.5, kappa 0;
    #    alpha = 1 - (n-1) * o01 / (n0*n1) = 1 - 7*2/(4*4) = 0.125.
    # y: ann [0,0,1,0], bob [0,0,0,0] -> po 0.75, pe 0.75, kappa 0; alpha = 1 - 7*1/7 = 0.
    # pooled (8 decisions): ann 3 ones, bob 2 -> po 5/8, pe (3*2 + 5*6)/64 = 36/64,
    #    kappa = (40 - 36)/(64 - 36) = 1/7; alpha = 1 - 15*3/(11*5) = 2/11.
    table = agreement_by_code(CODINGS, SEGMENTS, coders=("ann", "bob"))
    assert table["code_id"].to_list() == ["x", "y", None]
    assert table["unit"].to_list() == [UNIT_SEGMENT, UNIT_SEGMENT, UNIT_OVERALL]
    assert table["n_units"].to_list() == [4, 4, 8]
    assert table["n_first"].to_list() == [2, 1, 3]
    assert table["n_second"].to_list() == [2, 0, 2]
    assert table["agreement"].to_list() == pytest.approx([0.5, 0.75, 0.625])
    assert table["kappa"].to_list() == pytest.approx([0.0, 0.0, 1 / 7])
    assert table["alpha"].to_list() == pytest.approx([0.125, 0.0, 2 / 11])


def test_agreement_perfect_and_undefined() -> None:
    same = pl.concat([CODINGS.filter(pl.col("coder") == "ann"),
                      CODINGS.filter(pl.col("coder") == "ann").with_columns(
                          coder=pl.lit("bob"))])
    table = agreement_by_code(same, SEGMENTS, coders=("ann", "bob"))
    assert table["kappa"].to_list() == pytest.approx([1.0, 1.0, 1.0])
    everywhere = pl.DataFrame({"interview_id": ["I2", "I2"], "code_id": ["z", "z"],
                               "coder": ["ann", "bob"], "start": [0, 0], "end": [20, 20]})
    undefined = agreement_by_code(everywhere, SEGMENTS, coders=("ann", "bob"))
    assert undefined["kappa"].to_list() == [None, None]  # one category only: undefined
    assert undefined["agreement"].to_list() == [1.0, 1.0]


def test_agreement_without_common_interviews_is_empty_but_labelled() -> None:
    table = agreement_by_code(CODINGS.filter(pl.col("coder") == "ann"), SEGMENTS,
                              coders=("ann", "bob"))
    assert table.rows() == [(None, UNIT_OVERALL, 0, 0, 0, None, None, None)]


def test_agreement_on_real_transcripts_stacked() -> None:
    from cxlib.coding import from_text, stack_segments

    text = "Int: Hello\nCli: Too slow\nInt: And?\nCli: Nice staff\n"
    segments = stack_segments({"I1": from_text(text)})
    assert segments.columns[:3] == ["interview_id", "segment", "speaker"]
    slow, staff = text.index("Too slow"), text.index("Nice staff")
    codings = pl.DataFrame({"interview_id": ["I1"] * 4, "code_id": ["irr", "irr", "ench", "irr"],
                            "coder": ["a", "b", "a", "b"],
                            "start": [slow, slow + 4, staff, staff],
                            "end": [slow + 3, slow + 8, staff + 4, staff + 4]})
    table = agreement_by_code(codings, segments, coders=("a", "b"))
    # ench: a [0,0,0,1], b [0,0,0,0] -> po 0.75, pe 0.75, kappa 0
    # irr: a [0,1,0,0], b [0,1,0,1] -> po 0.75, pe 0.25*0.5 + 0.75*0.5 = 0.5, kappa 0.5
    assert table["code_id"].to_list() == ["ench", "irr", None]
    assert table["n_units"].to_list() == [4, 4, 8]
    assert table["agreement"].to_list() == pytest.approx([0.75, 0.75, 0.75])
    assert table["kappa"].to_list()[:2] == pytest.approx([0.0, 0.5])
