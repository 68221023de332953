"""Every figure shown in more than one output of a run is the same figure everywhere.

Both demo clients are rendered once (``demo_runs``, with the workbook of tables) and their
deck is built beside; the test reads what a client reads — the front page, the report
pages, the deck, the workbooks — and compares the figures they share: headline KPIs with
their bases, the most cited irritants and enchantments, the missing touchpoints, the
action plan, and the stage NPS with bases and low-base marks of every persona's map.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

DEMOS = ("demo-fr", "demo-en")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _clean(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@pytest.fixture(scope="module")
def outputs(demo_runs: dict, demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Per client: the parsed HTML pages, the deck's slides as text, the workbooks."""
    from pptx import Presentation

    from cxlib.presentation.deck.build import build_deck

    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        for slug in DEMOS:
            result = demo_runs[slug]
            assert result.ok, result.error
            run = Path(result.index).parent
            deck = build_deck(slug, tmp_path_factory.mktemp(f"deck-{slug}"))
            slides = []
            for slide in Presentation(str(deck)).slides:
                texts, tables = [], []
                for shape in slide.shapes:
                    if shape.has_text_frame:
                        texts.append(shape.text_frame.text)
                    if shape.has_table:
                        tables.append([[cell.text for cell in row.cells]
                                       for row in shape.table.rows])
                slides.append({"text": "\n".join(texts), "tables": tables})
            pages = {p.stem: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                     for p in run.glob("*.html")}
            books = {p.name: openpyxl.load_workbook(p, read_only=True)
                     for p in [*run.glob("*.xlsx"), *run.glob("exports/*.xlsx")]}
            out[slug] = {"pages": pages, "slides": slides, "books": books}
    return out


def _sheet(books: dict, report: str, title: str) -> list[tuple]:
    """Rows of the workbook sheet of a report's section (header first).

    The sheet is named by the report's number and the section's title, cut to Excel's 31
    characters.
    """
    from cxlib.presentation.exports import _slug

    wanted = _slug(title)
    for book in books.values():
        for sheet in book.worksheets:
            number, _, rest = sheet.title.partition("-")
            if report.startswith(number) and rest and wanted.startswith(rest):
                return [tuple(r) for r in sheet.iter_rows(values_only=True)]
    raise AssertionError(f"no sheet for {report} {title!r}")


def _number(text: str) -> str:
    """The number of a displayed value, as displayed (minus sign and marks normalised)."""
    return _clean(text).replace("\u2212", "-")


@pytest.mark.parametrize("slug", DEMOS)
def test_headline_kpis_agree_on_front_page_report_workbook_and_deck(
        outputs: dict, demo_inputs: dict, slug: str) -> None:
    from cxlib.i18n import t

    run, lang = outputs[slug], demo_inputs[slug].config.language
    front = {}
    for card in run["pages"]["index"].select(".cx-kpi"):
        label = _clean(card.select_one(".cx-kpi-label").get_text())
        value = card.select_one(".cx-kpi-value")
        status = value.select_one(".cx-kpi-status")
        shown = _clean(value.get_text().replace(status.get_text(), "") if status
                       else value.get_text())
        base = re.search(r"n = ([\d\s\u00a0\u202f,.]+)", card.get_text()).group(1)
        front[label] = (_number(shown), _number(base).rstrip(" ·"))
    assert len(front) >= 3
    rows = _sheet(run["books"], "04_kpis", t("kp_headline", lang))
    header = rows[0]
    book = {r[0]: (_number(str(r[1])), r[header.index(next(h for h in header
                                                           if "(n)" in str(h)))])
            for r in rows[1:]}
    deck = run["slides"][1]["text"]
    for label, (value, base) in front.items():
        assert label in book, (label, list(book))
        assert book[label][0] == value, (label, book[label], value)
        assert f"{int(book[label][1]):,}".replace(",", "") == re.sub(r"\D", "", base)
        # "NPS: 21 (n = 2,700)", "NPS : 21 (n = 2 700)" in French
        lines = [_number(x).replace(" :", ":") for x in deck.splitlines()]
        line = next(x for x in lines if x.startswith(f"{label}:"))
        assert line.startswith(_number(f"{label}: {value} (n = {base})")), line


def _cited(page: BeautifulSoup, heading: str) -> list[str]:
    """The items of the list that follows a heading: rank, place, theme and interviews."""
    title = next(h for h in page.select("h2, h3") if _clean(h.get_text()) == heading)
    items = title.find_next(class_="cx-items")
    return [_clean(x.get_text()) for x in items.select(".cx-item-title")]


def _front_irritants(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(_clean(li.select_one(".cx-irritant-title").get_text()),
             _clean(li.select_one(".cx-irritant-meta").get_text()))
            for li in page.select("ol.cx-front-irritants:not(.cx-front-voice) > li")]


@pytest.mark.parametrize("slug", DEMOS)
def test_the_most_cited_irritants_are_one_list_on_front_page_report_and_deck(
        outputs: dict, demo_inputs: dict, slug: str) -> None:
    from cxlib.i18n import t

    run, lang = outputs[slug], demo_inputs[slug].config.language
    front = _front_irritants(run["pages"]["index"])
    report = _cited(run["pages"]["03_interviews"], t("iv_irritants", lang))
    assert len(front) == len(report) == 5
    for rank, ((title, meta), item) in enumerate(zip(front, report, strict=True), start=1):
        stage, channel, interviews = (x.strip() for x in meta.split(" · "))
        theme = title.split(" · ")[-1]
        count = re.search(r"\d+", interviews).group(0)
        # "1. stage · channel · theme — 20 interviews (…)"
        assert item.startswith(f"{rank}. {stage} · {channel} · {theme} — {count} "), (item, meta)
    deck = [line for slide in run["slides"][1:] for line in slide["text"].splitlines()]
    for rank, (title, meta) in enumerate(front[:3], start=1):
        at = deck.index(f"{rank}. {title}")
        assert _clean(deck[at + 1]) == meta


@pytest.mark.parametrize("slug", DEMOS)
def test_the_most_cited_enchantments_agree_in_report_and_deck(outputs: dict,
                                                              demo_inputs: dict,
                                                              slug: str) -> None:
    from cxlib.i18n import t

    run, lang = outputs[slug], demo_inputs[slug].config.language
    report = _cited(run["pages"]["03_interviews"], t("iv_enchantments", lang))
    slide = next(s["text"] for s in run["slides"] if t("iv_enchantments", lang) in s["text"])
    lines = slide.split(t("iv_enchantments", lang), 1)[1].splitlines()
    shown = [(lines[i], _clean(lines[i + 1])) for i in range(len(lines) - 1)
             if re.match(r"\d+\. ", lines[i])]
    assert shown
    for (title, meta), item in zip(shown, report, strict=False):
        stage, channel, interviews = (x.strip() for x in meta.split(" · "))
        rank, theme = title.split(". ", 1)[0], title.split(" · ")[-1]
        count = re.search(r"\d+", interviews).group(0)
        assert item.startswith(f"{rank}. {stage} · {channel} · {theme} — {count} ")


@pytest.mark.parametrize("slug", DEMOS)
def test_missing_touchpoints_count_the_same_on_index_and_touchpoints_report(
        outputs: dict, demo_inputs: dict, slug: str) -> None:
    from cxlib.analysis import touchpoints as tp

    run = outputs[slug]
    total = tp.missing_touchpoints(demo_inputs[slug]).height
    index = _clean(run["pages"]["index"].get_text(" "))
    report = _clean(run["pages"]["02_touchpoints"].get_text(" "))
    said = re.search(r"(\d+) (?:missing|manquants?)", index).group(1)
    assert int(said) == total
    if total > 5:  # the report lists five and says how many more, with the total
        assert re.search(rf"{total - 5} (?:more|autres?)\b.*\({total} ", report), report[:0]


@pytest.mark.parametrize("slug", DEMOS)
def test_the_action_plan_is_the_same_in_report_workbooks_and_deck(outputs: dict,
                                                                  demo_inputs: dict,
                                                                  slug: str) -> None:
    from cxlib.i18n import t

    run, lang = outputs[slug], demo_inputs[slug].config.language
    plan_book = next(b for name, b in run["books"].items() if name.endswith(".xlsx")
                     and len(b.sheetnames) == 1)
    alone = [r for r in plan_book.worksheets[0].iter_rows(values_only=True)]
    inside = _sheet(run["books"], "05_journey_map", t("jm_plan", lang))
    assert alone == inside
    titles = [r[1] for r in alone[1:]]
    page = run["pages"]["05_journey_map"]
    heading = next(h for h in page.select("h2, h3") if _clean(h.get_text()) == t("jm_plan", lang))
    table = heading.find_next("table")
    shown = [_clean(tr.select("td")[1].get_text()) for tr in table.select("tbody tr")]
    assert shown == [_clean(x) for x in titles]
    slide = next(s for s in run["slides"] if s["tables"] and s["text"].startswith(
        t("jm_plan", lang)))
    deck = [_clean(row[0]) for row in slide["tables"][0][1:]]
    assert deck == [_clean(x) for x in titles[:len(deck)]]
    assert re.search(rf"\b{len(titles)}\b", slide["text"])  # "the first 12 of 20 actions"


@pytest.mark.parametrize("slug", DEMOS)
def test_stage_nps_with_bases_and_low_base_marks_agree_on_map_and_deck(
        outputs: dict, demo_inputs: dict, slug: str) -> None:
    from cxlib.i18n import t

    run, inputs = outputs[slug], demo_inputs[slug]
    lang = inputs.config.language
    page = run["pages"]["05_journey_map"]
    lane = t("jm_lane_kpis", lang)
    maps = {}
    for persona in inputs["personas"]["name"].to_list():
        heading = next(h for h in page.select("h2, h3, h4")
                       if _clean(h.get_text()) == t("jm_persona_map", lang, persona=persona))
        row = next(tr for tr in heading.find_next("table").select("tr")
                   if _clean(tr.get_text(" ")).startswith(lane))
        maps[persona] = [_nps(td.get_text(" ")) for td in row.select("td")]
        assert sum(cell is not None for cell in maps[persona]) >= 3, (persona, maps[persona])
    assert any(cell and cell[2] for cells in maps.values() for cell in cells)  # a low base
    for persona, cells in maps.items():
        slide = next(s for s in run["slides"]
                     if s["text"].startswith(t("jm_persona_map", lang, persona=persona)))
        rows = slide["tables"][0]
        emotion = next(r for r in rows if r[0] and r[0] != rows[0][0]
                       and re.search(r"NPS", " ".join(r[1:])))
        assert [_nps(c) for c in emotion[1:]] == cells, persona


def _nps(text: str) -> tuple[str, str, bool] | None:
    """(NPS, base, low-base mark) of a map cell, as shown; None for a cell without NPS."""
    text = _clean(text).replace("\u2212", "-")
    found = re.search(r"NPS\s*(-?\d+)\s*n = ([\d ,]+)|^(-?\d+) n = ([\d ,]+)", text)
    if not found:
        return None
    value = found.group(1) or found.group(3)
    base = (found.group(2) or found.group(4)).replace(" ", "").replace(",", "")
    return value, base, "⚠" in text.split("NPS")[-1]


@pytest.mark.parametrize("slug", DEMOS)
def test_the_front_page_themes_are_the_voice_report_top_themes(outputs: dict,
                                                               slug: str) -> None:
    run = outputs[slug]
    front = [_clean(x.get_text()).rstrip(" ⚠") for x in
             run["pages"]["index"].select(".cx-front-voice .cx-irritant-title")]
    assert len(front) == 3
    table = run["pages"]["06_voice"].find("table")
    rows = [_clean(tr.select("td")[0].get_text()) for tr in table.select("tbody tr")][:3]
    assert [r.rstrip(" ⚠") for r in rows] == front


@pytest.mark.parametrize("slug", DEMOS)
def test_the_published_registry_holds_the_figures_the_outputs_show(
        outputs: dict, demo_runs: dict, demo_inputs: dict, slug: str) -> None:
    import json

    from cxlib.analysis import kpi_review as kr
    from cxlib.i18n import t

    lang = demo_inputs[slug].config.language
    registry = {f["name"]: f for f in json.loads(
        (Path(demo_runs[slug].index).parent / "figures.json").read_text(encoding="utf-8"))}
    index = outputs[slug]["pages"]["index"]
    for card in index.select(".cx-kpi"):
        label = _clean(card.select_one(".cx-kpi-label").get_text())
        kpi = next(k for k in ("nps", "csat", "ces") if t(f"kpi_{k}", lang) == label)
        figure = registry[f"kpi.{kpi}"]
        assert _number(kr.format_kpi(kpi, figure["value"], lang)) in _number(
            card.select_one(".cx-kpi-value").get_text())
        base = re.search(r"n = ([\d\s\u00a0\u202f,.]+)", card.get_text()).group(1)
        assert re.sub(r"\D", "", base) == str(figure["base"])
    front = _front_irritants(index)
    assert [title for title, _meta in front] == [
        registry[f"irritant.{rank}"]["value"] for rank in range(1, len(front) + 1)]
    voice = [_clean(li.select_one(".cx-irritant-title").get_text().replace("⚠", ""))
             for li in index.select("ol.cx-front-voice > li")]
    assert voice and voice == [registry[f"voice.theme.{r}"]["value"]
                               for r in range(1, len(voice) + 1)]
    said = re.search(r"(\d+) (?:missing|manquants?)", _clean(index.get_text(" "))).group(1)
    assert int(said) == registry["touchpoints.missing"]["value"]
