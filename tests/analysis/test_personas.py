"""Personas checked against behaviour: features, segments, divergences, journeys, cards."""

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from cxlib.analysis import personas as pe
from cxlib.analysis.personas import segments as pe_segments
from cxlib.demo import TRUTHS
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import Inputs, load_inputs, validate_client
from cxlib.presentation.page import persona_card_html

DEMOS = ("demo-fr", "demo-en")
NBSP = "\u202f"

CFG = ClientConfig(
    slug="test", client="Test", language="fr", wave="W1",
    waves=[{"id": "W1", "label": "Vague 1", "date": "2026-10-31"}],
    stages=[{"id": "s1", "label": "Je cherche", "macro": "before"},
            {"id": "s2", "label": "J'achète", "macro": "during"}],
    channels=[{"id": "web", "label": "Site", "kind": "digital"},
              {"id": "store", "label": "Magasin", "kind": "physical"},
              {"id": "phone", "label": "Téléphone", "kind": "human"}],
)
START = datetime(2026, 1, 1, 9, 0)


def _log(journeys: dict[str, tuple[str | None, list[tuple[str, str]]]]) -> pl.DataFrame:
    """Events from ``{customer: (persona, [(stage, channel), ...])}``, one hour apart."""
    rows = [{"customer_id": customer, "timestamp": START + timedelta(hours=i),
             "stage_id": stage, "channel_id": channel, "persona_id": persona, "value": None}
            for customer, (persona, steps) in journeys.items()
            for i, (stage, channel) in enumerate(steps)]
    return pl.DataFrame(rows, schema_overrides={"value": pl.Float64})


def _personas(names: dict[str, str], shares: dict[str, float] | None = None) -> pl.DataFrame:
    return pl.DataFrame({"persona_id": list(names), "name": list(names.values()),
                         "share_of_base": [(shares or {}).get(p) for p in names]},
                        schema_overrides={"share_of_base": pl.Float64})


def _inputs(events: pl.DataFrame, personas: pl.DataFrame,
            appetence: list[tuple[str, str, int]] | None = None) -> Inputs:
    frames = {"personas": personas, "events": events}
    if appetence is not None:
        frames["persona_channels"] = pl.DataFrame(
            appetence, schema=["persona_id", "channel_id", "appetence"], orient="row")
    return Inputs(CFG, frames, report=None)


# -- features and segments ----------------------------------------------------------------


def test_features_per_customer() -> None:
    events = pl.DataFrame({
        "customer_id": ["C1", "C1", "C1", "C2"],
        "timestamp": [datetime(2026, 1, 1, 10), datetime(2026, 1, 1, 11),
                      datetime(2026, 1, 3, 9), datetime(2026, 1, 5, 10)],
        "stage_id": ["s1", "s1", "s2", "s1"], "channel_id": ["web", "store", "web", "phone"],
        "persona_id": [None, "P1", "P1", "P2"], "value": [None, None, 50.0, None],
    })
    features = pe.customer_features(events, CFG)
    c1, c2 = features.rows(named=True)
    assert c1["customer_id"] == "C1" and c1["persona_id"] == "P1"
    assert (c1["events"], c1["active_days"], c1["value"], c1["stages"]) == (3, 2, 50, 2)
    assert c1["recency_days"] == pytest.approx(2 + 1 / 24)
    assert (c1["share_digital"], c1["share_physical"], c1["share_human"]) == \
        pytest.approx((2 / 3, 1 / 3, 0))
    assert (c2["events"], c2["recency_days"], c2["value"], c2["share_human"]) == (1, 0, 0, 1)
    assert features.columns == ["customer_id", "persona_id", *pe.FEATURES]


def _blobs(sizes: tuple[int, ...] = (600, 400, 200)) -> tuple[pl.DataFrame, np.ndarray]:
    """Customers in three behavioural groups: digital, store and phone users."""
    rng = np.random.default_rng(7)
    mixes = [(0.9, 0.05, 0.05), (0.1, 0.85, 0.05), (0.1, 0.1, 0.8)]
    parts, truth = [], []
    for group, (size, mix) in enumerate(zip(sizes, mixes, strict=True)):
        noise = rng.normal(0, 0.03, (size, 3))
        shares = np.clip(np.array(mix) + noise, 0, 1)
        parts.append(pl.DataFrame({
            "events": rng.poisson(3 + 4 * group, size) + 1.0,
            "active_days": rng.poisson(2 + 2 * group, size) + 1.0,
            "recency_days": rng.uniform(0, 30, size) + 60 * group,
            "value": rng.lognormal(3 + group, 0.3, size),
            "stages": np.full(size, 1.0 + group),
            "share_digital": shares[:, 0], "share_physical": shares[:, 1],
            "share_human": shares[:, 2],
        }))
        truth += [group] * size
    frame = pl.concat(parts)
    ids = pl.Series("customer_id", [f"C{i:05d}" for i in range(frame.height)])
    return frame.insert_column(0, ids).with_columns(pl.lit(None, pl.String).alias(
        "persona_id")), np.array(truth)


def test_segmentation_finds_planted_groups_deterministically() -> None:
    features, truth = _blobs()
    first = pe.segment(features, fit_sample=500, silhouette_sample=300)
    again = pe.segment(features, fit_sample=500, silhouette_sample=300)
    assert first is not None and again is not None
    assert first.k == 3 and first.fitted == 500 and first.scored == 300
    assert first.labels.equals(again.labels) and first.curve.equals(again.curve)
    assert first.curve.filter(pl.col("chosen"))["k"].to_list() == [3]
    assert first.score == first.curve["silhouette"].max()
    # every customer is assigned, segments are numbered by size and match the groups
    segments = first.labels["segment"].to_numpy()
    assert first.labels.height == features.height
    assert np.bincount(segments)[1:].tolist() == [600, 400, 200]
    assert (segments - 1 == truth).all()


@pytest.mark.parametrize("case", ["blobs", "singleton", "gap in labels", "uneven"])
def test_silhouette_equals_scikit_learn(case: str) -> None:
    from sklearn.metrics import pairwise_distances, silhouette_score

    rng = np.random.default_rng(7)
    points = np.vstack([rng.normal(c, 1.0, size=(n, 3)) for c, n in ((0, 40), (4, 25), (9, 35))])
    labels = np.repeat([0, 1, 2], [40, 25, 35])
    if case == "singleton":
        labels[0] = 3  # one point alone in its cluster scores 0
    elif case == "gap in labels":
        labels = np.where(labels == 1, 5, labels)  # clusters 1 to 4 absent
    elif case == "uneven":
        labels = rng.integers(0, 4, size=labels.size)
    distances = pairwise_distances(points)
    expected = silhouette_score(distances, labels, metric="precomputed")
    assert pe.silhouette(distances, labels) == pytest.approx(expected, abs=1e-12)
    single = pairwise_distances(points.astype(np.float32))
    assert pe.silhouette(single, labels) == pytest.approx(expected, abs=1e-5)


def test_no_segmentation_for_too_few_customers() -> None:
    features, _ = _blobs((30, 20, 10))
    assert pe.segment(features) is None


def test_segment_descriptions_name_the_distinguishing_features() -> None:
    features, _ = _blobs()
    seg = pe.segment(features, fit_sample=500, silhouette_sample=300)
    traits = pe.segment_traits(features, pe.segment_profiles(features, seg))
    top = traits.group_by("segment", maintain_order=True).first()
    assert top["z"].abs().min() > 0.9
    text = pe_segments._description(traits.filter(pl.col("segment") == 3), "en")
    assert text.count("above average") + text.count("below average") == 3
    assert "share of human-assisted contacts above average (80% vs " in text


# -- the planted persona on the demo clients --------------------------------------------------


@pytest.mark.parametrize("slug", DEMOS)
def test_store_first_persona_found_as_digital(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    cfg = inputs.config
    table = pe.appetence(inputs)
    problems = [f for f in pe.appetence_findings(table, cfg.language) if f.severity == "problem"]
    planted = TRUTHS[slug]["store_first_persona"]
    name = inputs["personas"].filter(pl.col("persona_id") == planted)["name"][0]
    assert len(problems) == 1
    assert name in problems[0].text
    assert cfg.labels("channels")[TRUTHS[slug]["store_channel"]] in problems[0].text
    digital = pe.kind_shares(table).filter((pl.col("persona_id") == planted)
                                           & (pl.col("kind") == "digital")).row(0, named=True)
    assert digital["observed"] >= 0.70 and digital["declared"] <= 0.25
    shown = f"{round(digital['observed'] * 100)}{NBSP if cfg.language == 'fr' else ''}%"
    assert shown in problems[0].text


@pytest.mark.parametrize("slug", DEMOS)
def test_store_first_persona_skips_the_first_stage(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    cfg = inputs.config
    reach = pe.stage_reach(inputs)
    planted = TRUTHS[slug]["store_first_persona"]
    first = cfg.labels("stages")[cfg.ids("stages")[0]]
    row = reach.filter((pl.col("persona_id") == planted) & (pl.col("stage") == first))
    assert row["gap"][0] <= -pe.STAGE_GAP
    found = pe.stage_findings(reach, cfg.language)
    name = inputs["personas"].filter(pl.col("persona_id") == planted)["name"][0]
    assert name in found[0].text and first in found[0].text


@pytest.mark.parametrize("slug", DEMOS)
def test_demo_segments_and_personas(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    lang = inputs.config.language
    features = pe.customer_features(inputs["events"], inputs.config)
    seg = pe.segment(features, fit_sample=8_000, silhouette_sample=2_000)
    again = pe.segment(features, fit_sample=8_000, silhouette_sample=2_000)
    assert seg.labels.equals(again.labels)
    assert features.height == inputs["events"]["customer_id"].n_unique()
    table = pe.segment_table(features, seg, inputs, lang)
    assert table.height == seg.k and table["share"].sum() == pytest.approx(1)
    assert table["customers"].is_sorted(descending=True)
    assert table["description"].str.len_chars().min() > 20
    assert table["nps"].null_count() == 0 and table["nps_n"].sum() > 1000
    cross = pe.segment_personas(features, seg, inputs, lang)
    assert cross.group_by("persona_id").agg(pl.col("share").sum())["share"].to_list() == \
        pytest.approx([1.0] * inputs["personas"].height)
    assert 0 <= pe.association(cross) < 1


@pytest.mark.parametrize("slug", DEMOS)
def test_demo_personas_have_distinct_journeys(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    pairs = pe.distinctness(inputs)
    n = inputs["personas"].height
    assert pairs.height == n * (n - 1) // 2
    assert not pairs["indistinct"].any() and pairs["distance"].min() > pe.INDISTINCT
    assert pairs["distance"].is_sorted()
    (finding,) = pe.distinctness_findings(pairs, inputs.config.language)
    assert finding.severity == "info" and pairs["persona_a"][0] in finding.text


@pytest.mark.parametrize("slug", DEMOS)
def test_demo_shares_and_traces(demo_inputs: dict, slug: str) -> None:
    inputs = demo_inputs[slug]
    shares = pe.base_shares(inputs)
    assert shares["observed"].sum() == pytest.approx(1)
    assert shares["gap"].abs().max() < pe.SHARE_GAP
    traces = pe.traces(inputs)
    assert traces.height < 2_000 and traces["share"].max() <= 1
    summary = pe.summary(inputs, inputs.config.language)
    planted = TRUTHS[slug]["store_first_persona"]
    assert inputs["personas"].filter(pl.col("persona_id") == planted)["name"][0] in summary


# -- sentences, distinctness and variants on small logs -----------------------------------------


def _diverging() -> Inputs:
    journeys = {f"M{i}": ("P1", [("s1", "web")] * 4 + [("s2", "store")]) for i in range(2)}
    journeys |= {f"C{i}": ("P2", [("s1", "web"), ("s2", "web")]) for i in range(2)}
    return _inputs(_log(journeys), _personas({"P1": "Monique", "P2": "Camille"},
                                             {"P1": 0.7, "P2": 0.2}),
                   [("P1", "store", 3), ("P1", "phone", 2), ("P1", "web", 0), ("P2", "web", 3)])


def test_divergence_sentence_in_both_languages() -> None:
    table = pe.appetence(_diverging())
    assert [(f.severity, f.text) for f in pe.appetence_findings(table, "fr")] == [(
        "problem", "Le persona « Monique » est décrit comme attaché à « Magasin » ; or "
        f"80{NBSP}% de ses contacts sont digitaux (appétence déclarée : 0{NBSP}%).")]
    assert pe.appetence_findings(table, "en")[0].text == (
        "Persona 'Monique' is described as attached to 'Magasin'; yet 80% of their contacts "
        "are digital (declared preference: 0%).")


def test_no_divergence_said_when_behaviour_matches() -> None:
    journeys = {"C1": ("P1", [("s1", "web"), ("s2", "web")])}
    inputs = _inputs(_log(journeys), _personas({"P1": "Camille"}), [("P1", "web", 3)])
    assert [f.text for f in pe.appetence_findings(pe.appetence(inputs), "en")] == [
        "No persona diverges from its declared preferences by 25 points or more on a kind of "
        "channel."]


def test_share_of_base_sentences() -> None:
    found = pe.base_share_findings(pe.base_shares(_diverging()), "fr")
    assert [f.text for f in found] == [
        f"Les parts de la base déclarées totalisent 90{NBSP}%, et non 100\u202f% : le portrait des "
        "personas ne couvre pas exactement la base.",
        f"« Monique » : 70{NBSP}% de la base d'après l'atelier, 50{NBSP}% des clients du "
        "journal d'événements.",
        f"« Camille » : 20{NBSP}% de la base d'après l'atelier, 50{NBSP}% des clients du "
        "journal d'événements.",
    ]


def test_indistinguishable_personas_flagged() -> None:
    same = [("s1", "web"), ("s2", "store")]
    journeys = {f"A{i}": ("P1", same) for i in range(5)}
    journeys |= {f"B{i}": ("P2", same) for i in range(3)}
    journeys |= {f"C{i}": ("P3", [("s1", "phone")]) for i in range(4)}
    inputs = _inputs(_log(journeys), _personas({"P1": "Alice", "P2": "Bob", "P3": "Chloé"}))
    pairs = pe.distinctness(inputs)
    assert pairs.rows() == [("Alice", "Bob", 0.0, True), ("Alice", "Chloé", 1.0, False),
                            ("Bob", "Chloé", 1.0, False)]
    assert [f.text for f in pe.distinctness_findings(pairs, "fr")] == [
        "« Alice » et « Bob » ont des parcours indiscernables (distance 0,00 < 0,10) : "
        "fusionner ces personas ou revoir ce qui les distingue."]
    assert pe.distinctness_display(pairs, "en")["verdict"].to_list() == [
        "indistinguishable", "distinct", "distinct"]


def test_jensen_shannon_distance() -> None:
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])
    assert pe.jensen_shannon(p, p) == 0
    assert pe.jensen_shannon(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(1)
    assert pe.jensen_shannon(p, q) == pytest.approx(pe.jensen_shannon(q, p))
    assert pe.jensen_shannon(p, q) == pytest.approx(np.sqrt(0.5))


def test_variants_collapse_repeats_and_rank_per_persona() -> None:
    journeys = {"A1": ("P1", [("s1", "web"), ("s1", "store"), ("s2", "web")]),
                "A2": ("P1", [("s1", "web"), ("s2", "web")]),
                "A3": ("P1", [("s2", "web")]),
                "B1": ("P2", [("s2", "phone"), ("s1", "phone")])}
    inputs = _inputs(_log(journeys), _personas({"P1": "Alice", "P2": "Bob"}))
    assert pe.variants(inputs, top=2).rows() == [
        ("Alice", 1, "Je cherche → J'achète", 2, pytest.approx(2 / 3)),
        ("Alice", 2, "J'achète", 1, pytest.approx(1 / 3)),
        ("Bob", 1, "J'achète → Je cherche", 1, 1.0),
    ]


def test_stage_reach_against_other_personas() -> None:
    journeys = {"A1": ("P1", [("s2", "web")]), "A2": ("P1", [("s2", "web")]),
                "B1": ("P2", [("s1", "web"), ("s2", "web")])}
    inputs = _inputs(_log(journeys), _personas({"P1": "Alice", "P2": "Bob"}))
    reach = pe.stage_reach(inputs)
    alice = reach.filter((pl.col("persona") == "Alice") & (pl.col("stage") == "Je cherche"))
    assert alice.select("share", "others", "gap").row(0) == (0.0, 1.0, -1.0)
    assert pe.stage_findings(reach, "en")[0].text == (
        "'Alice': 0% of their customers go through the stage 'Je cherche', against 100% of "
        "the other personas' customers.")


def test_persona_cards_carry_observed_share_and_declared_levels() -> None:
    cards = pe.persona_cards(_diverging())
    assert [c["name"] for c in cards] == ["Monique", "Camille"]
    assert cards[0]["share"] == 0.7 and cards[0]["observed"] == 0.5
    assert cards[0]["appetence"] == [("Site", 0), ("Magasin", 3), ("Téléphone", 2)]
    assert cards[0]["quote"] is None


# -- the persona card, as HTML ------------------------------------------------------------------


def test_persona_card_html_snapshot() -> None:
    card = {"name": "Zoé <admin>", "description": "Buys & returns", "quote": 'I said "no"',
            "goals": None, "questions": "Stock?", "frustrations": "", "expertise": "low",
            "decision_mode": None, "share": 0.25, "observed": 0.3,
            "appetence": [("Web", 3), ("Store", 0)]}
    assert persona_card_html(card, "en") == (
        '<article class="cx-persona"><h3 class="cx-persona-name">Zoé &lt;admin&gt;</h3>'
        '<p class="cx-persona-share"><span class="cx-persona-share-value">25%</span> of the '
        "base (workshop) · observed: 30%</p>"
        '<p class="cx-persona-desc">Buys &amp; returns</p>'
        '<blockquote class="cx-persona-quote">“I said &quot;no&quot;”</blockquote>'
        '<dl class="cx-persona-fields"><dt>Questions before buying</dt><dd>Stock?</dd>'
        "<dt>Product expertise</dt><dd>low</dd></dl>"
        '<p class="cx-persona-sub">Declared preference per channel</p><ul class="cx-appetence">'
        '<li><span class="cx-channel">Web</span><span class="cx-dots" role="img" '
        'title="high (3/3)" aria-label="high (3/3)">●●●</span></li>'
        '<li><span class="cx-channel">Store</span><span class="cx-dots" role="img" '
        'title="none (0/3)" aria-label="none (0/3)">○○○</span></li></ul></article>')


def test_persona_card_html_in_french_without_optional_fields() -> None:
    assert persona_card_html({"name": "A", "quote": "Q", "appetence": []}, "fr") == (
        '<article class="cx-persona"><h3 class="cx-persona-name">A</h3>'
        '<blockquote class="cx-persona-quote">«\u00a0Q\u00a0»</blockquote>'
        '<p class="cx-persona-sub">Appétence déclarée par canal</p>'
        '<p class="cx-persona-none">Aucune appétence déclarée.</p></article>')


# -- validation messages ------------------------------------------------------------------------


def _warnings(slug: str = "acme") -> list[str]:
    report = validate_client(slug)
    return [w.render(report.config.language) for r in report.results.values()
            for w in r.warnings]


def _problems(slug: str = "acme") -> list[str]:
    report = validate_client(slug)
    return [p.render(report.config.language) for p in report.all_problems]


def test_warning_if_persona_shares_do_not_add_up(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "personas", "persona_id;name;description;share_of_base\n"
              "P1;Claire;In a hurry;0.25\nP2;Marc;Careful;0.35\n")
    assert _warnings() == [
        "data/acme/personas.csv, column 'share_of_base': shares adding up to 60%, expected "
        "shares of base adding up to about 100% (between 95% and 105%); add an 'Others' "
        "persona if the personas do not cover the whole base"]
    assert validate_client("acme").ok  # a warning, not an error


def test_a_single_persona_share_is_not_a_split(client_dir: Path) -> None:
    assert _warnings() == []  # the scaffold's one persona covers 25% of the base


def test_warning_on_shares_in_french(make_client, write_csv) -> None:
    folder = make_client("maison", "fr")
    write_csv(folder, "personas", "persona_id;name;description;share_of_base\n"
              "P1;Claire;Pressée;0,6\nP2;Marc;Prudent;0,6\n")
    assert _warnings("maison") == [
        f"data/maison/personas.csv, colonne « share_of_base » : des parts qui totalisent "
        f"120{NBSP}%, attendu : des parts de la base qui totalisent environ 100\u202f% (entre "
        f"95{NBSP}% et 105{NBSP}%) ; ajouter un persona « Autres » si les personas ne couvrent "
        "pas toute la base"]


def test_no_warning_when_shares_add_up_to_about_100(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "personas", "persona_id;name;description;share_of_base\n"
              "P1;Claire;Pressée;0,49\nP2;Marc;Prudent;0,49\nP3;Autres;Le reste;\n")
    assert _warnings() == []


def test_error_if_touchpoint_names_an_undefined_persona(client_dir: Path, write_csv) -> None:
    write_csv(client_dir, "touchpoints", "touchpoint_id;stage_id;channel_id;name;valence;"
              "persona_id\nTP01;search;web;Page produit;neutral;P9\n")
    assert _problems() == [
        "data/acme/touchpoints.csv, row 2, column 'persona_id': found 'P9', expected a persona "
        "of the personas table: P1"]


def test_error_if_appetence_names_a_channel_the_client_lacks(client_dir: Path,
                                                             write_csv) -> None:
    write_csv(client_dir, "persona_channels", "persona_id;channel_id;appetence\n"
              "P1;web;3\nP1;fax;2\nP2;store;1\n")
    assert _problems() == [
        "data/acme/persona_channels.csv, row 3, column 'channel_id': found 'fax', expected a "
        "channel of client.yaml: web, app, store, phone, email",
        "data/acme/persona_channels.csv, row 4, column 'persona_id': found 'P2', expected a "
        "persona of the personas table: P1"]


def test_overview_states_the_share_warning_as_written(client_dir: Path, write_csv) -> None:
    from cxlib.analysis.overview import quality_findings

    write_csv(client_dir, "personas", "persona_id;name;description;share_of_base\n"
              "P1;Claire;In a hurry;0.5\nP2;Marc;Careful;0.8\n")
    texts = [f.text for f in quality_findings(load_inputs("acme")) if f.severity == "warning"]
    assert ("data/acme/personas.csv, column 'share_of_base': shares adding up to 130%, "
            "expected shares of base adding up to about 100% (between 95% and 105%); add an "
            "'Others' persona if the personas do not cover the whole base") in texts
    assert not any("is not part of the data contract" in text for text in texts)


def test_persona_card_texts_are_redacted_like_every_quote(demo_inputs: dict) -> None:
    import polars as pl

    from cxlib.analysis.personas import persona_cards
    from cxlib.inputs.loaders import Inputs

    inputs = demo_inputs["demo-en"]
    personas = inputs["personas"].with_columns(pl.lit(
        "Call Mrs Bernadette Lefort on 07700 900123, she said.").alias("quote"))
    changed = Inputs(inputs.config, {**{k: inputs[k] for k in inputs}, "personas": personas},
                     inputs.report)
    card = persona_cards(changed)[0]
    assert "Lefort" not in card["quote"] and "07700" not in card["quote"]
    assert card["name"] == personas["name"][0]  # the persona's own name is vocabulary
