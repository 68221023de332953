"""The PowerPoint deck: built from the template, every placeholder filled, no PII."""

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.shapes.placeholder import PlaceholderGraphicFrame, PlaceholderPicture

from cxlib.errors import CxError
from cxlib.i18n import colon, t
from cxlib.inputs.loaders import load_inputs
from cxlib.presentation import deck
from cxlib.presentation.front import front_page

DEMOS = ("demo-fr", "demo-en")
TODAY = date(2026, 11, 26)


def _texts(prs: Presentation) -> list[str]:
    """Every text of the deck: shapes, table cells and speaker notes."""
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return out


# -- helpers (fast) ------------------------------------------------------------------------


def test_cut_keeps_words_and_marks_the_cut() -> None:
    assert deck._cut("Prise de rendez-vous", 40) == "Prise de rendez-vous"
    cut = deck._cut("Frais de livraison affichés en fin de commande", 24)
    assert cut.endswith("…") and len(cut) <= 24 and cut.startswith("Frais de livraison")


def test_text_size_shrinks_with_length() -> None:
    short = [deck._para("text", "NPS 19")]
    long = [deck._para("text", "mot " * 400)]
    assert deck._fit(short, 6, 5, 18, 9) == 18
    assert 9 <= deck._fit(long, 6, 5, 18, 9) < 18


def test_shipped_template_has_the_documented_layouts() -> None:
    prs = Presentation(str(deck.default_template()))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    names = {layout.name for layout in prs.slide_layouts}
    assert set(deck.LAYOUTS.values()) <= names
    readme = (deck.default_template().parent / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in deck.LAYOUTS.values())
    assert len(prs.slides) == 0


# -- decks of the demo clients (slow: both clients loaded and charts drawn) ------------


@pytest.fixture(scope="module")
def decks(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("decks")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        built = {}
        for slug in DEMOS:
            inputs = load_inputs(slug)
            path = deck.build_deck(slug, out / f"{slug}.pptx", today=TODAY)
            built[slug] = (inputs, path, Presentation(str(path)))
        return built


def _paragraphs(slide) -> list[str]:
    """The text of every paragraph of a slide's text shapes, title included."""
    return [p.text for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs]


def _ranked(slide) -> list[str]:
    """The ranked items of a slide (irritants, enchantments): "1. title" lines."""
    return [text for text in _paragraphs(slide) if re.match(r"\d+\. ", text)]


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_slide_count_and_title(decks: dict, slug: str) -> None:
    inputs, path, prs = decks[slug]
    personas = inputs["personas"].height
    # title, summary, curves, the maps, matrix, NPS by stage, interviews, themes,
    # priorities, plan
    assert len(prs.slides) == 1 + 1 + 1 + personas + 7 - 1
    title = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    cfg = inputs.config
    assert cfg.client in title and cfg.labels("waves")[cfg.wave] in title
    assert t("dk_summary", cfg.language) in prs.slides[1].shapes.title.text_frame.text
    assert path.name == f"{slug}.pptx" and not list(path.parent.glob(".*partial"))


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_every_placeholder_filled(decks: dict, slug: str) -> None:
    _, _, prs = decks[slug]
    pictures = tables = 0
    for number, slide in enumerate(prs.slides, start=1):
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if kind == PP_PLACEHOLDER.PICTURE:
                assert isinstance(ph, PlaceholderPicture), f"slide {number}: empty picture"
                assert len(ph.image.blob) > 10_000 and ph.crop_left == ph.crop_right == 0
                pictures += 1
            elif isinstance(ph, PlaceholderGraphicFrame):
                assert ph.has_table and len(ph.table.rows) > 1, f"slide {number}"
                tables += 1
            else:
                assert ph.has_text_frame and ph.text_frame.text.strip(), \
                    f"slide {number}: empty placeholder {ph.name}"
    # the emotional curves, the matrix, NPS by stage, the themes and impact × effort
    assert pictures == 5
    assert tables == decks[slug][0]["personas"].height + 1  # the maps and the plan


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_tables_wear_the_brand_and_the_plan_keeps_twelve_rows(decks: dict, slug: str) -> None:
    inputs, _, prs = decks[slug]
    primary = inputs.config.brand.primary.lstrip("#").upper()
    frames = [s for s in prs.slides[-1].shapes if s.has_table]
    plan = frames[0].table
    assert len(plan.rows) == 1 + deck.PLAN_ROWS
    assert str(plan.cell(0, 0).fill.fore_color.rgb) == primary
    stages = list(inputs.config.labels("stages").values())
    journey = next(s for s in prs.slides[3].shapes if s.has_table).table  # after the curves
    assert [journey.cell(0, c).text for c in range(1, len(stages) + 1)] == stages


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_no_transcript_pii_anywhere(decks: dict, transcript_canaries: Callable,
                                    slug: str) -> None:
    _, path, prs = decks[slug]
    canaries = transcript_canaries(slug)
    texts = " ".join(_texts(prs))
    assert "«" in texts or "“" in texts  # quotes are there…
    assert not [c for c in canaries if c in texts]  # …pseudonymised
    with zipfile.ZipFile(path) as package:  # nor hidden in any part of the file
        xml = " ".join(package.read(n).decode("utf-8", "ignore")
                       for n in package.namelist() if n.endswith(".xml"))
    assert not [c for c in canaries if c in xml]


@pytest.mark.slow
def test_a_template_without_the_layouts_is_refused(decks: dict, demo_home: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(demo_home))
    inputs, _, _ = decks["demo-fr"]
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))  # python-pptx's default layouts, none named CX …
    with pytest.raises(CxError, match=r"CX Title.*templates/deck/README\.md"):
        deck.build_deck(inputs, tmp_path / "out.pptx", template=plain, today=TODAY)
    assert not (tmp_path / "out.pptx").exists()
    with pytest.raises(CxError, match="introuvable"):
        deck.build_deck(inputs, tmp_path / "out.pptx", template=tmp_path / "none.pptx")


@pytest.mark.slow
def test_a_folder_target_gets_a_named_deck(decks: dict, demo_home: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(demo_home))
    inputs, _, _ = decks["demo-en"]
    path = deck.build_deck(inputs, tmp_path, today=TODAY)
    assert path == tmp_path / f"demo-en-{inputs.config.wave}-deck.pptx" and path.is_file()


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_summary_repeats_the_front_page(decks: dict, demo_home: Path, slug: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(demo_home))
    inputs, _, prs = decks[slug]
    front = front_page(inputs, today=TODAY)
    summary = prs.slides[1]
    irritants = front["irritants"][:deck.SUMMARY_IRRITANTS]
    assert len(irritants) == deck.SUMMARY_IRRITANTS
    assert _ranked(summary) == [f"{i['rank']}. {i['title']}" for i in irritants]
    texts = _paragraphs(summary)
    places = [f"{i['stage']} · {i['channel']} · {i['interviews']}" for i in irritants]
    assert [text for text in texts if text in places] == places  # one per stage × channel
    assert len(set(places)) == len(places)
    for k in front["kpis"]:  # each KPI as the front page words it, change included
        line = next(text for text in texts if text.startswith(k["label"]))
        assert k["value"] in line and k["base"] in line and k["status_label"] in line
        assert k["change"] in texts
    severity = front["labels"]
    assert [text for text in texts if text.startswith("■ ")] == [
        f"■ {severity['severity_' + f.severity]}{colon(inputs.config.language)} {f.text}"
        for f in front["health"]]
    lang = inputs.config.language
    findings = _ranked(next(slide for slide in prs.slides  # the interview findings
                            if t("iv_enchantments", lang) in " ".join(_paragraphs(slide))))
    assert findings[:len(front["irritants"])] == [
        f"{i['rank']}. {i['title']}" for i in front["irritants"]]


_FRAME = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _content(slide) -> list[str]:
    """What a slide shows beyond its title, footer and number: texts, pictures, table rows."""
    out = []
    for shape in slide.shapes:
        if shape == slide.shapes.title or (
                shape.is_placeholder and shape.placeholder_format.type in _FRAME):
            continue
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE or isinstance(shape, PlaceholderPicture):
            out.append("picture")
        elif getattr(shape, "has_table", False) and shape.has_table:
            out += [cell.text for row in list(shape.table.rows)[1:] for cell in row.cells
                    if cell.text.strip()]
        elif shape.has_text_frame and shape.text_frame.text.strip():
            out.append(shape.text_frame.text)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_client_without_events_nor_interviews_gets_no_empty_slide(
        make_client: Callable[..., Path], drop_tables: Callable[..., None], tmp_path: Path,
        lang: str) -> None:
    folder = make_client("acme", lang)
    drop_tables(folder, "events", "interviews", "codings")
    inputs = load_inputs("acme")
    prs = Presentation(str(deck.build_deck(inputs, tmp_path / "acme.pptx", today=TODAY)))
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    for title, slide in zip(titles, prs.slides, strict=True):
        assert _content(slide), f"slide {title!r} shows nothing beyond its title"
    personas = inputs["personas"]["name"].to_list()
    assert titles == [inputs.config.client, t("dk_summary", lang),
                      *(t("jm_persona_map", lang, persona=name) for name in personas),
                      t("tp_matrix", lang), t("dkc_priorities_title", lang),
                      t("jm_plan", lang)]
    # no interview findings, no NPS by stage (the one survey answer is under the base),
    # and a summary of one column: no irritant without coded interviews
    summary = " ".join(_paragraphs(prs.slides[1]))
    assert t("iv_irritants", lang) not in summary and t("jm_health", lang) in summary


def test_a_stage_nps_on_a_low_base_carries_the_warning_as_on_the_html_map() -> None:
    from cxlib.presentation.deck.slides import _emotion_lines

    class _Ctx:
        @staticmethod
        def number(value: float, decimals: int = 0) -> str:
            return f"{value:.{decimals}f}"

    stage = {"satisfaction": {"mean": 3.9, "n": 140, "base": "ok"},
             "nps": {"nps": 12.0, "n": 23, "base": "low"}}
    texts = ["".join(run if isinstance(run, str) else run.text for run in para.runs)
             for para in _emotion_lines(stage, _Ctx())]
    assert texts == ["3.9 /5  n = 140", "NPS 12  n = 23 ⚠"]
