import inspect
import json
from pathlib import Path

import polars as pl
import pytest

from cxlib.presentation.page import Page


@pytest.mark.parametrize("method", ["number", "keep", "table"])
def test_page_methods_take_their_options_by_keyword(method: str) -> None:
    parameters = list(inspect.signature(getattr(Page, method)).parameters.values())[2:]
    assert parameters and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    assert all(p.default is not inspect.Parameter.empty for p in parameters)


def test_tables_default_to_every_column_under_the_latest_heading(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CX_REPORT", "1")
    page = Page("acme", "00_overview")
    assert page.number(0.125, decimals=1, percent=True) == "12.5%"
    page.heading("ov_stages")
    frame = pl.DataFrame({"stage": ["Search"], "count": [3]})
    page.keep(frame)
    page.table(frame, integers=["count"])
    page.keep(frame, labels={"count": "col_touchpoints"}, title="xlsx_code_frequencies")
    kept, shown, named = [json.loads(line) for line in
                          (tmp_path / "exports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert kept["headers"] == shown["headers"] == {"stage": "Stage", "count": "Count"}
    assert kept["section"] == shown["section"] == page.t("ov_stages")
    assert named["headers"] == {"count": page.t("col_touchpoints")}
    assert named["section"] == page.t("xlsx_code_frequencies")
