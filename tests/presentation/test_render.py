"""The chart renderer: report fragments, static SVG, the client's theme."""

import json
import re

import altair as alt
import polars as pl
import pytest

from cxlib.presentation import render


@pytest.fixture
def chart() -> alt.Chart:
    frame = pl.DataFrame({"stage": ["Je cherche", "</script><!-- x"], "n": [1234.5, 2.0]})
    return alt.Chart(frame).mark_bar().encode(x="stage:N", y="n:Q").properties(
        title="Volumes")


def _spec(fragment: str) -> dict:
    inner = re.search(r'<script type="application/json" class="cx-spec">(.*)</script></div>$',
                      fragment, re.S)
    assert inner, fragment[:200]
    return json.loads(inner.group(1))


def test_report_mode_emits_spec_in_a_chart_container(chart: alt.Chart,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_REPORT", "1")
    assert render.enable() == "report"
    bundle = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert bundle["text/plain"] == "[chart: Volumes]"
    fragment = bundle["text/html"]
    assert fragment.startswith('<div class="cx-chart" role="img" aria-label="Volumes">')
    # the data cannot close the script element nor open a comment
    body = fragment.split('class="cx-spec">', 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body
    values = next(iter(_spec(fragment)["datasets"].values()))
    assert values[1]["stage"] == "</script><!-- x"
    assert "vnd.vegalite" not in json.dumps(bundle)  # nbformat rejects that mimetype


def test_interactive_mode_draws_with_vega_embed_over_a_static_svg(
        chart: alt.Chart, monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import json

    monkeypatch.delenv("CX_REPORT", raising=False)
    monkeypatch.setattr(render, "_LIBRARIES_SENT", False)
    assert render.enable() == "interactive"
    first = chart._repr_mimebundle_()["text/html"]
    second = chart._repr_mimebundle_()["text/html"]
    # the vega libraries go to the page once per kernel, with its first chart
    assert first.startswith("<script>") and "vegaEmbed" in first
    assert not second.startswith("<script>") and len(second) < len(first) / 5
    assert second.count('class="cx-lab-chart"') == 1 and "window.vegaEmbed(" in second
    # the static picture shown where scripts cannot run
    picture = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', second).group(1)
    assert "Volumes" in base64.b64decode(picture).decode("utf-8")
    spec = re.search(r'<script type="application/json" class="cx-spec">(.*?)</script>',
                     second).group(1)
    assert json.loads(spec)["title"] == chart.to_dict()["title"]


def test_unknown_mode_refused() -> None:
    with pytest.raises(ValueError, match="unknown render mode 'pdf': expected auto, report "
                                         "or interactive"):
        render.enable("pdf")


@pytest.mark.parametrize(("lang", "decimal", "month"), [("fr", ",", "janvier"),
                                                        ("en", ".", "January")])
def test_brand_theme_colours_and_locale(chart: alt.Chart, lang: str, decimal: str,
                                        month: str) -> None:
    assert render.use_brand("#123456", "#abcdef", lang) == "cx"
    config = chart.to_dict()["config"]
    assert config["range"]["category"][:2] == ["#123456", "#abcdef"]
    assert config["locale"]["number"]["decimal"] == decimal
    assert config["locale"]["time"]["months"][0] == month
    assert "system-ui" in config["font"]


def test_bundle_version_matches_altair() -> None:
    assert alt.SCHEMA_VERSION.lstrip("v").startswith(render.BUNDLE_VL_VERSION + ".")


def test_a_chart_is_labelled_by_what_it_shows_never_by_the_word_chart() -> None:
    from cxlib.presentation.render import _report_fragment

    assert 'aria-label="Flux entre canaux"' in _report_fragment(
        {"mark": "bar", "description": "Flux entre canaux"})
    assert 'aria-label="NPS par étape"' in _report_fragment(
        {"mark": "bar", "title": {"text": "NPS par étape"}, "description": "x"})
    assert "aria-label" not in _report_fragment({"mark": "bar"})
