"""Reading numbers: the direct path for plain integers gives what the full reading gives."""

import polars as pl

from cxlib.inputs.parsing import KIND_DTYPES, parse_expr, plain_integers
from cxlib.inputs.schemas import Column


def test_only_columns_of_plain_integers_take_the_direct_path() -> None:
    frame = pl.DataFrame({
        "scores": ["9", "-2", "+3", "007", None],
        "spaced": ["1\u202f250", "12", None, "3", "4"],
        "decimal": ["0,5", "2", "3", "4", "5"],
        "french_thousands": ["1.234", "2", "3", "4", "5"],
        "huge": ["99999999999999999999", "1", "2", "3", "4"],
    })
    assert plain_integers(frame, frame.columns) == {"scores"}
    assert plain_integers(frame, []) == set()


def test_plain_integers_read_directly_as_the_full_reading_reads_them() -> None:
    frame = pl.DataFrame({"v": ["9", "-2", "+3", "007", None, "0"]})
    for kind in ("int", "float"):
        column = Column("v", kind)
        full = frame.select(parse_expr(column, "v").cast(KIND_DTYPES[kind]))["v"]
        direct = frame.select(parse_expr(column, "v", plain=True).cast(KIND_DTYPES[kind]))["v"]
        assert direct.to_list() == full.to_list()
        assert direct.dtype == KIND_DTYPES[kind]
