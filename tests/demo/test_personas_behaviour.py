"""The demo personas behave as declared, except the one whose divergence is planted.

Both clients are generated into a temporary home and read through the real loaders and
the analyses of 01_personas: each persona's channel shares in the event log against its
declared appetence, and how far the behavioural segments found by k-means line up with
the personas (Cramér's V).
"""

from __future__ import annotations

import polars as pl
import pytest
from scipy.stats.contingency import association

from cxlib.analysis import personas as pe
from cxlib.demo import SLUGS, TRUTHS
from cxlib.inputs.loaders import Inputs

#: Largest gap, observed minus declared share of a channel, of a persona that is not planted
#: (measured with seed 2026: at most 0.5 point on any persona × channel of either client).
CHANNEL_TOLERANCE = 0.02
#: The same, on a channel kind (digital, physical, human).
KIND_TOLERANCE = 0.03
#: Cramér's V between the 01_personas segments and the personas must reach this. Measured
#: with seed 2026: 0.19 (demo-fr) and 0.16 (demo-en). The previous generator (channel
#: weight = touchpoints of the cell × a fixed weight per appetence level, personas alike in
#: everything else) gave 0.142 and 0.044, and non-planted personas up to 15 points off
#: their declared share of a channel.
ASSOCIATION_FLOOR = 0.15


@pytest.fixture(scope="module")
def inputs(demo_inputs: dict[str, Inputs]) -> dict[str, Inputs]:
    """Both demo clients, as the session generated and loaded them."""
    return demo_inputs


def _planted(slug: str) -> str:
    return TRUTHS[slug]["store_first_persona"]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_persona_but_the_planted_one_uses_channels_as_declared(
        inputs: dict[str, Inputs], slug: str) -> None:
    table = pe.appetence(inputs[slug])
    others = table.filter(pl.col("persona_id") != _planted(slug))
    assert others["observed"].null_count() == 0 and others["declared"].null_count() == 0
    gap = (others["observed"] - others["declared"]).abs()
    assert gap.max() <= CHANNEL_TOLERANCE
    kinds = pe.kind_shares(table).filter(pl.col("persona_id") != _planted(slug))
    assert kinds["gap"].abs().max() <= KIND_TOLERANCE
    # a channel declared 0 is never used
    assert others.filter(pl.col("appetence") == 0)["observed"].max() == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_the_planted_persona_diverges_on_channel_kinds_only(inputs: dict[str, Inputs],
                                                            slug: str) -> None:
    data, planted = inputs[slug], _planted(slug)
    kinds = pe.kind_shares(pe.appetence(data)).filter(pl.col("persona_id") == planted)
    gap = dict(kinds.select("kind", "gap").iter_rows())
    assert gap["digital"] >= pe.DIVERGENCE + 0.3  # far beyond the report's threshold
    assert gap["physical"] < -KIND_TOLERANCE and gap["human"] < -KIND_TOLERANCE
    # the divergence is on the channel mix, not on the persona's weight in the log
    shares = pe.base_shares(data)
    assert shares["gap"].abs().max() < pe.SHARE_GAP
    problems = [f for f in pe.appetence_findings(pe.appetence(data), data.config.language)
                if f.severity == "problem"]
    name = data["personas"].filter(pl.col("persona_id") == planted)["name"].item()
    assert len(problems) == 1 and name in problems[0].text
    # nothing but the planted persona stands out on the stages it reaches
    found = pe.stage_findings(pe.stage_reach(data), data.config.language)
    assert len(found) == 1 and name in found[0].text


@pytest.mark.parametrize("slug", SLUGS)
def test_behavioural_segments_follow_the_personas(inputs: dict[str, Inputs],
                                                  slug: str) -> None:
    data = inputs[slug]
    features = pe.customer_features(data["events"], data.config)
    seg = pe.segment(features)  # as 01_personas calls it
    counts = pe.segment_personas(features, seg, data, data.config.language).pivot(
        on="segment", index="persona_id", values="customers").drop("persona_id").fill_null(0)
    v = float(association(counts.to_numpy(), method="cramer"))
    assert v >= ASSOCIATION_FLOOR
    assert v == pytest.approx(pe.association(
        pe.segment_personas(features, seg, data, data.config.language)))

