"""The JupyterLab explorers: a choice redraws the views for that persona, stage or channel."""

from pathlib import Path

import pytest

from cxlib.demo import TRUTHS
from cxlib.inputs.loaders import load_inputs
from cxlib.lab import explorer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fr(demo_home: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(demo_home))
        yield load_inputs("demo-fr"), demo_home


def test_persona_explorer_shows_card_segments_and_map(fr) -> None:
    inputs, _ = fr
    persona = explorer.PersonaExplorer(inputs, "fr")
    planted = inputs["personas"].filter(
        inputs["personas"]["persona_id"] == TRUTHS["demo-fr"]["store_first_persona"])["name"][0]
    view = persona.view(planted)
    assert 'class="cx-persona' in view and 'class="cx-jm"' in view
    assert "Segments comportementaux" in view
    assert view != persona.view(persona.personas[0])


def test_touchpoint_explorer_filters(fr) -> None:
    inputs, _ = fr
    touch = explorer.TouchpointExplorer(inputs, "fr")
    everything, one_stage = touch.view(), touch.view(stage="livraison")
    assert everything.count("<tr>") > one_stage.count("<tr>") > 0
    assert "livraison" in one_stage and "inspiration</td>" not in one_stage


def test_widgets_redraw_on_a_choice(fr, monkeypatch: pytest.MonkeyPatch) -> None:
    _, home = fr
    monkeypatch.setenv("CX_HOME", str(home))
    box = explorer.persona_explorer("demo-fr")
    picker, shown = box.children
    before = shown.value
    picker.value = picker.options[-1]
    assert shown.value != before
    tp_box = explorer.touchpoint_explorer("demo-fr")
    stage = tp_box.children[0].children[1]
    before = tp_box.children[1].value
    stage.value = "sav"
    assert tp_box.children[1].value != before
