"""The front page: the executive summary of a run shows the planted truths, escaped."""

from datetime import date
from pathlib import Path

import pytest

from cxlib.analysis.overview import Finding
from cxlib.demo import TRUTHS
from cxlib.inputs.loaders import Inputs, load_inputs
from cxlib.presentation import front, report

DEMOS = ("demo-fr", "demo-en")
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def pages(demo_home: Path) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        return {slug: (inputs := load_inputs(slug), front.front_page(inputs, today=TODAY))
                for slug in DEMOS}


def _names(inputs: Inputs, ids: list[str]) -> list[str]:
    names = dict(inputs["touchpoints"].select("touchpoint_id", "name").iter_rows())
    return [names[i] for i in ids]


@pytest.mark.parametrize("slug", DEMOS)
def test_headline_kpis_with_base_and_significant_wave_change(pages: dict, slug: str) -> None:
    _, page = pages[slug]
    assert [k["kpi"] for k in page["kpis"]] == ["nps", "csat", "ces"]
    nps = page["kpis"][0]
    assert nps["base"].startswith("n = 2") and nps["significant"]
    assert nps["change"].startswith("+7" if slug == "demo-fr" else "+12")


@pytest.mark.parametrize("slug", DEMOS)
def test_key_findings_name_the_planted_truths(pages: dict, slug: str) -> None:
    inputs, page = pages[slug]
    truth, cfg = TRUTHS[slug], inputs.config
    texts = [f.text for f in page["findings"]]
    [driver] = _names(inputs, [truth["detractor_driver_touchpoint"]])
    assert driver in texts[0]  # the irritant driving detractors comes first
    dropout = cfg.labels("channels")[truth["dropout_channel"]]
    assert any(dropout in x and cfg.labels("stages")[truth["dropout_stage"]] in x
               for x in texts)
    persona = inputs["personas"].filter(
        inputs["personas"]["persona_id"] == truth["store_first_persona"])["name"][0]
    assert any(persona in x for x in texts)  # the divergent persona
    [new] = _names(inputs, [truth["wave_new_irritant"]])
    assert any(f.severity == "warning" and new in f.text for f in page["findings"])


@pytest.mark.parametrize("slug", DEMOS)
def test_five_irritants_each_with_a_quote(pages: dict, demo_spans: dict, slug: str) -> None:
    inputs, page = pages[slug]
    assert len(page["irritants"]) == front.IRRITANTS
    assert all(i["quote"] and i["who"] for i in page["irritants"])
    [driver] = _names(inputs, [TRUTHS[slug]["detractor_driver_touchpoint"]])
    assert driver in page["irritants"][0]["title"]
    # the same list, in the same order, as 03_interviews' "most cited irritants"
    from cxlib.analysis import interviews as iv

    listed = iv.top_items(inputs, demo_spans[slug], "irritant", inputs.config.language,
                          limit=5)
    assert [(i["stage"], i["channel"], i["theme"]) for i in page["irritants"]] == [
        (i["stage"], i["channel"], i["theme"]) for i in listed]


@pytest.mark.parametrize("slug", DEMOS)
def test_moments_of_truth_with_their_state(pages: dict, slug: str) -> None:
    inputs, page = pages[slug]
    truth = TRUTHS[slug]
    moments = {m["name"]: m for m in page["moments"]}
    flagged = inputs["touchpoints"].filter(inputs["touchpoints"]["moment_of_truth"])
    assert set(moments) == set(flagged["name"])
    [driver, delight] = _names(inputs, [truth["detractor_driver_touchpoint"],
                                        truth["enchantment_moment_of_truth"]])
    assert moments[driver]["alarm"] and moments[driver]["valence"] == "irritant"
    assert not moments[delight]["alarm"] and moments[delight]["valence"] == "enchantment"


@pytest.mark.parametrize("slug", DEMOS)
def test_health_check_and_wave_changes(pages: dict, slug: str) -> None:
    inputs, page = pages[slug]
    truth, cfg = TRUTHS[slug], inputs.config
    department = cfg.labels("departments")[truth["uninterviewed_department"]]
    assert any(f.severity == "problem" and department in f.text for f in page["health"])
    waves = " ".join(f.text for f in page["waves"])
    for key in ("wave_added_touchpoint", "wave_resolved_irritant", "wave_new_irritant"):
        assert _names(inputs, [truth[key]])[0] in waves


def test_index_escapes_every_front_page_text(tmp_path: Path) -> None:
    bad = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    page = {
        "kpis": [{"kpi": "nps", "label": bad, "value": bad, "interval": bad, "base": bad,
                  "low_base": True, "status": "red", "status_label": bad, "target": bad,
                  "change": bad, "significant": True}],
        "findings": [Finding("problem", bad)],
        "irritants": [{"rank": 1, "title": bad, "stage": bad, "channel": bad, "theme": bad,
                       "touchpoints": bad, "interviews": bad, "quote": bad, "who": bad}],
        "moments": [{"name": bad, "stage": bad, "channel": bad, "valence": "irritant",
                     "valence_label": bad, "evidence": bad, "detractors": bad, "n": bad,
                     "low_base": False, "alarm": True}],
        "health": [Finding("warning", bad)], "waves": [Finding("info", bad)],
        "labels": {**{k: bad for k in ("kpis", "findings", "irritants", "irritants_note",
                                       "moments", "moments_note", "health", "waves",
                                       "reports", "jump", "low_base", "col_touchpoint",
                                       "col_stage", "col_channel", "col_rating",
                                       "col_evidence", "col_detractors", "col_n")},
                   **{f"severity_{s}": bad for s in ("problem", "warning", "info")}},
    }
    meta = {"client": bad, "wave_label": "W1", "language": "en", "date": "2026-11-26",
            "run_id": "r1", "primary": "#123456", "secondary": "#654321", "logo": None}
    entries = [{"title": bad, "file": "00_overview.html", "status": "ok", "summary": bad}]
    text = report.write_index(tmp_path, entries, meta, page).read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 30


def test_index_without_summary_says_why(tmp_path: Path) -> None:
    meta = {"client": "Acme", "wave_label": "W1", "language": "en", "date": "2026-11-26",
            "run_id": "r1", "primary": "#123456", "secondary": "#654321", "logo": None}
    text = report.write_index(tmp_path, [], meta, None, "The summary failed: x").read_text(
        encoding="utf-8")
    assert "The summary failed: x" in text and 'id="kpis"' not in text


@pytest.mark.parametrize("slug", DEMOS)
def test_the_most_negative_themes_of_what_customers_write_with_a_quote(pages: dict,
                                                                       demo_home: Path,
                                                                       slug: str) -> None:
    from cxlib.analysis import feedback as fb

    inputs, page = pages[slug]
    assert len(page["voice"]) == front.VOICE_THEMES
    assert all(v["quote"] and v["meta"] for v in page["voice"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        ranked = fb.themes_ranked(fb.listen(inputs), inputs.config.language)
    # the same themes, in the same order, as 06_voice ranks them
    assert [v["name"] for v in page["voice"]] == ranked["name"].head(3).to_list()
    assert all(v["code"] for v in page["voice"])  # its interview theme, or "not in" it


def test_the_front_page_says_nothing_of_customers_texts_without_any(make_client,
                                                                    drop_tables) -> None:
    folder = make_client("acme", "en")
    # the scaffold's one example text: a theme under the suppression base, not shown
    assert front.front_page(load_inputs("acme"))["voice"] == []
    drop_tables(folder, "feedback", "survey")
    assert front.front_page(load_inputs("acme"))["voice"] == []
