"""Exports: charts as SVG and PNG, report tables as one Excel workbook."""

from pathlib import Path

import altair as alt
import openpyxl
import polars as pl
import pytest

from cxlib.presentation import exports


@pytest.fixture
def executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / ".executed"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("CX_REPORT", "1")
    chart = alt.Chart(pl.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_bar().encode(
        x="a", y="b")
    exports.record_chart("04_kpis", "NPS par canal", chart.to_dict())
    exports.record_chart("04_kpis", "NPS par canal", chart.to_dict())
    table = pl.DataFrame({"label": ["Web", "Magasin"], "n": [530, 440],
                          "share": [0.634, None], "hidden": ["x", "y"]})
    exports.record_table("04_kpis", "Indicateurs de la vague", table,
                         {"label": "Segment", "n": "Base (n)", "share": "Part"}, ["share"])
    return folder


def test_charts_named_by_notebook_and_section(executed: Path, tmp_path: Path) -> None:
    out = exports.export_run(executed, tmp_path / "exports", ["svg", "png"], "demo-r1")
    names = sorted(p.name for p in out)
    assert names == ["04_kpis-nps-par-canal-2.png", "04_kpis-nps-par-canal-2.svg",
                     "04_kpis-nps-par-canal.png", "04_kpis-nps-par-canal.svg"]
    svg = (tmp_path / "exports" / "04_kpis-nps-par-canal.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "NPS par canal" in svg  # titled by its section
    png = (tmp_path / "exports" / "04_kpis-nps-par-canal.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_tables_reopen_with_the_same_values(executed: Path, tmp_path: Path) -> None:
    [path] = exports.export_run(executed, tmp_path / "exports", ["xlsx"], "demo-r1")
    assert path.name == "demo-r1-tables.xlsx"
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == "04-indicateurs-de-la-vague"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("Segment", "Base (n)", "Part"), ("Web", 530, 0.634),
                    ("Magasin", 440, None)]
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].number_format == "0.0%"


def test_nothing_recorded_outside_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CX_REPORT", raising=False)
    exports.record_chart("x", "y", {"mark": "bar"})
    assert not (tmp_path / "exports.jsonl").exists()


def test_error_if_unknown_format(executed: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError,
                       match=r"unknown export format.*docx; expected svg, png, xlsx, pptx, pdf"):
        exports.export_run(executed, tmp_path / "exports", ["docx"], "x")


def test_a_table_without_rows_gets_no_sheet(executed: Path, tmp_path: Path) -> None:
    empty = pl.DataFrame({"label": [], "n": []}, schema={"label": pl.String, "n": pl.Int64})
    exports.record_table("02_touchpoints", "Flux entre canaux", empty,
                         {"label": "Canal", "n": "Parcours"})
    [path] = exports.export_run(executed, tmp_path / "exports", ["xlsx"], "demo-r1")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["04-indicateurs-de-la-vague"]  # the report's number: no file name


def test_no_workbook_when_no_table_has_rows(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / ".executed"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("CX_REPORT", "1")
    exports.record_table("03_interviews", "Codes", pl.DataFrame({"code": []},
                                                                schema={"code": pl.String}),
                         {"code": "Code"})
    assert exports.export_run(folder, tmp_path / "exports", ["xlsx"], "demo-r1") == []
    assert not list((tmp_path / "exports").glob("*.xlsx"))
