"""Explore a client in JupyterLab: pick a persona, a stage or a channel and the views follow.

The widgets here are for the consultant's own notebook; reports show the same content
statically (widgets are stripped from deliverables). Each explorer computes once what
does not depend on the choice, then redraws only HTML on every change.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import polars as pl

from cxlib.analysis import interviews as iv
from cxlib.analysis import journey_map as jm
from cxlib.analysis import personas as pe
from cxlib.analysis import touchpoints as tp
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs, load_inputs
from cxlib.presentation.page import journey_map_html, persona_card_html

__all__ = ["PersonaExplorer", "TouchpointExplorer", "persona_explorer", "touchpoint_explorer"]


@dataclass
class PersonaExplorer:
    """Everything the persona explorer shows, for any persona of a client.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    lang : {"fr", "en"}
        Language of the views.
    """

    inputs: Inputs
    lang: str
    _mix: pl.DataFrame = field(default_factory=pl.DataFrame)

    def __post_init__(self) -> None:
        inputs = self.inputs
        self.cards = {c["name"]: c for c in pe.persona_cards(inputs)}
        self.ids = dict(inputs["personas"].select("name", "persona_id").iter_rows())
        spans = iv.client_spans(inputs)
        self.spans = spans
        self.evidence = tp.evidence(inputs, spans)
        if pe.has_persona_events(inputs):
            features = pe.customer_features(inputs["events"], inputs.config)
            if features.height >= 50:
                seg = pe.segment(features)
                self._mix = pe.segment_personas(features, seg, inputs, self.lang)

    @property
    def personas(self) -> list[str]:
        """Persona names, in table order."""
        return list(self.cards)

    def view(self, name: str) -> str:
        """Return the HTML of one persona: card, segment mix and journey map."""
        mix = self._mix.filter(pl.col("persona") == name) if self._mix.height else self._mix
        parts = [f"{html.escape(r['label'])} {number(r['share'], self.lang, 0, percent=True)}"
                 for r in mix.iter_rows(named=True)]
        segments = (f'<p class="cx-explorer-mix">{html.escape(t("pe_segments", self.lang))}: '
                    f'{" · ".join(parts)}</p>') if parts else ""
        journey = jm.persona_map(self.inputs, self.ids[name], self.spans, self.evidence)
        return (f'<div class="cx-personas">{persona_card_html(self.cards[name], self.lang)}'
                f"</div>{segments}{journey_map_html(journey, self.lang)}")


@dataclass
class TouchpointExplorer:
    """The touchpoint matrix and channel flows, filtered by persona, stage or channel."""

    inputs: Inputs
    lang: str

    def __post_init__(self) -> None:
        self.spans = iv.client_spans(self.inputs)
        self.evidence = tp.evidence(self.inputs, self.spans)

    def view(self, persona: str = "", stage: str = "", channel: str = "") -> str:
        """Return the filtered touchpoints and the channel transitions as HTML tables."""
        table = self.evidence
        events = self.inputs["events"]
        if persona:
            table = table.filter(pl.col("persona_id").is_null()
                                 | (pl.col("persona_id") == persona))
            events = events.filter(pl.col("persona_id") == persona)
        if stage:
            table = table.filter(pl.col("stage_id") == stage)
            events = events.filter(pl.col("stage_id") == stage)
        if channel:
            table = table.filter(pl.col("channel_id") == channel)
        rows = "".join(
            f'<tr><td><span class="cx-tp cx-v-{html.escape(r["valence"])}">'
            f'{"★ " if r.get("moment_of_truth") else ""}{html.escape(r["name"])}</span></td>'
            f'<td>{html.escape(r["stage_id"])}</td><td>{html.escape(r["channel_id"])}</td>'
            f'<td>{r["evidence"]}</td></tr>' for r in table.sort("stage_id", "name")
            .iter_rows(named=True))
        from cxlib.analysis.journeys import transitions

        flows = transitions(events, "channel_id").head(10)
        if channel:
            flows = flows.filter((pl.col("source") == channel) | (pl.col("target") == channel))
        moves = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td>"
                        f"<td>{number(n, self.lang)}</td></tr>" for a, b, n in flows.iter_rows())
        return (f"<p>{table.height} {html.escape(t('jm_lane_touchpoints', self.lang))}</p>"
                f"<table>{rows}</table><h4>{html.escape(t('tp_flows', self.lang))}</h4>"
                f"<table>{moves}</table>")


def persona_explorer(client: str, language: str = "") -> object:
    """Return a widget: a persona picker above that persona's card, segments and map."""
    import ipywidgets as w

    inputs = load_inputs(client)
    explorer = PersonaExplorer(inputs, language or inputs.config.language)
    picker = w.Dropdown(options=explorer.personas, description="Persona")
    shown = w.HTML(explorer.view(explorer.personas[0]))
    picker.observe(lambda change: setattr(shown, "value", explorer.view(change["new"])),
                   names="value")
    return w.VBox([picker, shown])


def touchpoint_explorer(client: str, language: str = "") -> object:
    """Return a widget: persona, stage and channel pickers above the filtered views."""
    import ipywidgets as w

    inputs = load_inputs(client)
    cfg = inputs.config
    explorer = TouchpointExplorer(inputs, language or cfg.language)
    everyone = [("–", "")]
    pickers = {
        "persona": w.Dropdown(options=everyone + [(n, i) for i, n in inputs["personas"]
                                                  .select("persona_id", "name").iter_rows()],
                              description="Persona"),
        "stage": w.Dropdown(options=everyone + [(s.label, s.id) for s in cfg.stages],
                            description="Stage"),
        "channel": w.Dropdown(options=everyone + [(c.label, c.id) for c in cfg.channels],
                              description="Channel"),
    }
    shown = w.HTML(explorer.view())

    def redraw(_change: object) -> None:
        shown.value = explorer.view(**{k: p.value for k, p in pickers.items()})

    for picker in pickers.values():
        picker.observe(redraw, names="value")
    return w.VBox([w.HBox(list(pickers.values())), shown])
