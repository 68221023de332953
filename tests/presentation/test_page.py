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


def test_a_table_shows_its_base_flags_in_words_only_when_a_row_is_flagged(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CX_REPORT", "1")
    page = Page("acme", "00_overview")
    page.heading("ov_stages")
    labels = {"stage": "col_stage", "n": "col_n"}
    page.table(pl.DataFrame({"stage": ["Search"], "n": [40], "base": ["ok"]}), labels=labels,
               base="base")
    page.table(pl.DataFrame({"stage": ["Search", "Buy"], "n": [40, 5],
                             "base": ["ok", "suppressed"]}), labels=labels, base="base")
    sound, flagged = [json.loads(line) for line in
                      (tmp_path / "exports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "base" not in sound["headers"]
    assert flagged["headers"]["base"] == page.t("col_base_flag")
    assert pl.read_parquet(flagged["file"])["base"].to_list() == ["", page.t("base_suppressed")]


HOSTILE = "<script>alert('x')</script> & \"co\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;"


def test_persona_names_and_findings_are_escaped_exactly_once(
        client_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxlib.analysis.overview import Finding
    from cxlib.presentation import page as page_module
    from cxlib.presentation.page import persona_card_html

    card = persona_card_html({"name": HOSTILE, "quote": HOSTILE, "share": 0.25,
                              "appetence": [(HOSTILE, 2)]}, "en")
    assert card.startswith(f'<article class="cx-persona"><h3 class="cx-persona-name">{ESCAPED}'
                           "</h3>")
    assert f'<span class="cx-channel">{ESCAPED}</span>' in card
    assert card.count(ESCAPED) == 3 and "<script>" not in card and "&amp;amp;" not in card

    shown: list[str] = []
    monkeypatch.setattr(page_module, "_display", shown.append)
    page = Page("acme", "00_overview")
    page.findings([Finding("problem", HOSTILE)])
    assert shown == ['<ul class="cx-findings"><li class="cx-finding cx-problem">'
                     f'<span class="cx-badge">Problem</span> {ESCAPED}</li></ul>']


def test_html_already_made_is_written_as_it_is() -> None:
    from markupsafe import Markup

    from cxlib.presentation.fragments import fragment

    assert fragment("table", html=Markup("<table><tr><td>a &amp; b</td></tr></table>")) == \
        '<div class="cx-table"><table><tr><td>a &amp; b</td></tr></table></div>'
    assert fragment("table", html="<b>") == '<div class="cx-table">&lt;b&gt;</div>'


def test_a_consultants_own_notebook_may_open_sections_it_never_declared(client_dir) -> None:
    from cxlib.presentation.page import Page

    page = Page("acme", "deep-dive", language="en")
    assert page.section("kp_headline") is True
    assert page.covers("anything") is True


@pytest.mark.parametrize("checked", ["1", "0"])
def test_a_runner_s_render_checks_charts_only_when_asked(
        client_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: str) -> None:
    import altair as alt

    from cxlib.presentation import page as page_module
    from cxlib.presentation.render import enable

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CX_REPORT", "1")
    monkeypatch.setenv(page_module.CHECK_CHARTS, checked)
    monkeypatch.setattr(page_module, "_display", lambda _html: None)
    previous = alt.renderers.active
    enable("report")
    try:
        page = Page("acme", "00_overview")
        bad = alt.Chart(pl.DataFrame({"a": [1]})).mark_point().encode(x="a:Q")
        bad.width = "as wide as possible"  # not a width Vega-Lite knows
        if checked == "1":
            with pytest.raises(alt.utils.schemapi.SchemaValidationError):
                page.chart(bad)
        else:
            page.chart(bad)  # drawn as written: the test suite checks every chart instead
    finally:
        alt.renderers.enable(previous)
