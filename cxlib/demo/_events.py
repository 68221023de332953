"""Journey events: one row per customer interaction, built for all customers at once.

Every journey follows the same template of *slots* — visits to the pre-purchase stages
(with repeats and one back-and-forth), the purchase, then visits to the after-purchase
stages — and each customer fills a subset of them. Whole columns of slots are drawn with
numpy, never customer by customer:

* which slots happen (skipped first stage, repeats, back-and-forth, after-purchase
  visits, repeat contacts when a problem stays unresolved);
* each slot's channel: a stage favours the channels where it has touchpoints (so most
  events land on an existing touchpoint), and each persona's channels are weighted so
  that its events as a whole fall on each channel in the share of its declared
  appetence, or on each channel kind in the share the ``observed`` override of
  :class:`~cxlib.demo._spec.JourneyModel` gives (the planted divergence); the weights
  are fitted to how the persona's events spread over the stages, measured on a pilot;
* whether the journey is abandoned: far more often when a pre-purchase visit to the
  drop-out stage happened on the drop-out channel, and more or less often as the
  persona hesitates (``hesitation``);
* how often a persona comes back to the after-purchase stages (``activity``) and what
  it spends (``spend``);
* timestamps, as cumulated exponential gaps from a start spread over the year (and the
  45 days before it); staffed channels (stores, branches, phone) only see events Monday
  to Saturday in opening hours; events outside the period are cut off, as in a real
  extract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import polars as pl

from cxlib.demo._spec import ClientSpec

__all__ = ["OUTCOMES", "build_events"]

#: Outcome codes by index; 0 is no outcome.
OUTCOMES = (None, "converted", "abandoned", "resolved", "unresolved")
_CONVERTED, _ABANDONED, _RESOLVED, _UNRESOLVED = 1, 2, 3, 4
_EMPTY_CELL = 0.015
_MISSING_CELL = 0.1
_RAKE_ROUNDS = 200
_PILOT = 8_000
#: Highest chance a persona's factor (``activity``, ``hesitation``) can raise one to.
_MOST_LIKELY = 0.95
_BACK_AND_FORTH = 0.15
_SKIP_LATER_STAGE = 0.08
_EARLY_ABANDON = 0.6
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class _Slot:
    stage: int
    visit: int
    kind: str


def _slots(spec: ClientSpec) -> list[_Slot]:
    stages = spec.config["stages"]
    model = spec.journey
    pre = [i for i, s in enumerate(stages) if s["macro"] == "before"]
    purchase = next(i for i, s in enumerate(stages) if s["macro"] == "during")
    after = [i for i, s in enumerate(stages) if s["macro"] == "after"]
    slots = [_Slot(i, v, "pre") for i in pre
             for v in range(model.max_visits.get(stages[i]["id"], 1))]
    if len(pre) >= 2:
        slots += [_Slot(pre[-2], 9, "back"), _Slot(pre[-1], 9, "return")]
    slots.append(_Slot(purchase, 0, "purchase"))
    slots += [_Slot(i, v, "after") for i in after
              for v in range(model.max_visits.get(stages[i]["id"], 1))]
    return slots


def _targets(spec: ClientSpec) -> np.ndarray:
    """Return persona × channel: the share of each persona's events on each channel.

    A persona's share of a channel is its declared appetence over its total appetence
    (what 01_personas compares the log with). A persona in ``observed`` (the planted
    divergence) gets the kind shares given there instead, spread over the channels of each
    kind as the other personas' declared appetence spreads them.
    """
    channels = [c["id"] for c in spec.config["channels"]]
    kinds = np.array([c["kind"] for c in spec.config["channels"]])
    declared = np.array([[p.appetence.get(c, 0) for c in channels] for p in spec.personas],
                        dtype=np.float64)
    declared /= declared.sum(axis=1, keepdims=True)
    out = declared.copy()
    for i, p in enumerate(spec.personas):
        if p.id not in spec.journey.observed:
            continue
        typical = np.delete(declared, i, axis=0).mean(axis=0)
        for kind, share in spec.journey.observed[p.id].items():
            mask = kinds == kind
            out[i, mask] = share * typical[mask] / typical[mask].sum()
    return out / out.sum(axis=1, keepdims=True)


def _cells(spec: ClientSpec) -> np.ndarray:
    """Return stage × channel attraction: touchpoints there, a little for an empty cell.

    The planted missing touchpoint (``missing_touchpoint_cell``) is an empty cell that
    attracts customers far more than the other empty ones.
    """
    stages = [s["id"] for s in spec.config["stages"]]
    channels = [c["id"] for c in spec.config["channels"]]
    cells = np.zeros((len(stages), len(channels)))
    for tp in spec.touchpoints:
        cells[stages.index(tp.stage), channels.index(tp.channel)] += 1
    cells = np.where(cells > 0, 1 + 0.3 * (cells - 1), _EMPTY_CELL)
    if "missing_touchpoint_cell" in spec.truths:
        stage, channel = spec.truths["missing_touchpoint_cell"]
        cells[stages.index(stage), channels.index(channel)] = _MISSING_CELL
    return cells


def _rake(cells: np.ndarray, load: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Return stage × channel probabilities ∝ ``cells`` × a weight per channel.

    The channel weights are scaled until the events, spread over the stages as ``load``
    says, fall on each channel in the ``target`` proportion (iterative proportional
    fitting, as in raking a survey to known margins).
    """
    weight = (target > 0).astype(np.float64)
    share = load / load.sum()
    for _ in range(_RAKE_ROUNDS):
        probs = cells * weight
        probs /= probs.sum(axis=1, keepdims=True)
        got = share @ probs
        weight = np.where(got > 0, weight * target / np.maximum(got, 1e-12), 0.0)
    probs = cells * weight
    return probs / probs.sum(axis=1, keepdims=True)


def _channel_weights(spec: ClientSpec, load: np.ndarray) -> np.ndarray:
    """Return persona × stage × channel probabilities.

    ``load`` is persona × stage: how the persona's events spread over the stages. Each
    stage favours the channels where it has touchpoints, and each persona's channels are
    weighted so that its events as a whole follow :func:`_targets`.
    """
    cells, target = _cells(spec), _targets(spec)
    return np.stack([_rake(cells, load[i], target[i]) for i in range(target.shape[0])])


def _draw_channels(rng: np.random.Generator, probs: np.ndarray, persona: np.ndarray,
                   slots: list[_Slot]) -> np.ndarray:
    out = np.empty((persona.size, len(slots)), dtype=np.int64)
    for j, slot in enumerate(slots):
        cum = probs[persona, slot.stage].cumsum(axis=1)
        out[:, j] = np.minimum((rng.random(persona.size)[:, None] > cum).sum(axis=1),
                               probs.shape[2] - 1)
    return out


def _pre_purchase(spec: ClientSpec, rng: np.random.Generator, persona: np.ndarray,
                  slots: list[_Slot], present: np.ndarray) -> None:
    """Fill the presence of the pre-purchase slots (skips, repeats, back-and-forth)."""
    stages = [s["id"] for s in spec.config["stages"]]
    model = spec.journey
    first_pre = next(s.stage for s in slots if s.kind == "pre")
    skip_first = np.array([model.skip_first[p.id] for p in spec.personas])[persona]
    n = persona.size
    for j, slot in enumerate(slots):
        if slot.kind == "pre" and slot.visit == 0:
            skip = skip_first if slot.stage == first_pre else _SKIP_LATER_STAGE
            present[:, j] = rng.random(n) >= skip
        elif slot.kind == "pre":
            present[:, j] = present[:, j - 1] & (rng.random(n) < model.repeat.get(
                stages[slot.stage], 0.0))
        elif slot.kind == "back":
            last = next(i for i, s in enumerate(slots)
                        if s.kind == "pre" and s.visit == 0 and s.stage != first_pre)
            present[:, j] = present[:, last] & (rng.random(n) < _BACK_AND_FORTH)
        elif slot.kind == "return":
            present[:, j] = present[:, j - 1]


def _abandonment(spec: ClientSpec, rng: np.random.Generator, persona: np.ndarray,
                 slots: list[_Slot], present: np.ndarray, channel: np.ndarray,
                 outcome: np.ndarray) -> np.ndarray:
    """Decide who abandons; mark the abandoning event; return the abandon mask."""
    model = spec.journey
    stages = [s["id"] for s in spec.config["stages"]]
    channels = [c["id"] for c in spec.config["channels"]]
    n = present.shape[0]
    at_stage = np.array([s.stage == stages.index(model.dropout_stage) and s.kind != "purchase"
                         for s in slots])
    on = (present & at_stage[None, :] & (channel == channels.index(model.dropout_channel)))
    hesitate = np.array([model.hesitation.get(p.id, 1.0) for p in spec.personas])[persona]
    abandon = rng.random(n) < np.minimum(hesitate * np.where(
        on.any(axis=1), model.abandon_high, model.abandon_low), _MOST_LIKELY)
    pre_cols = np.array([j for j, s in enumerate(slots) if s.kind in ("pre", "back",
                                                                      "return")])
    any_pre = present[:, pre_cols].any(axis=1)
    early = abandon & any_pre & (rng.random(n) < _EARLY_ABANDON)
    buy = next(j for j, s in enumerate(slots) if s.kind == "purchase")
    present[:, buy] = ~early
    outcome[:, buy] = np.where(abandon, _ABANDONED, _CONVERTED)
    last = np.where(present[:, pre_cols], pre_cols[None, :], -1).max(axis=1)
    rows = np.flatnonzero(early)
    outcome[rows, last[rows]] = _ABANDONED
    return abandon


def _after_purchase(spec: ClientSpec, rng: np.random.Generator, persona: np.ndarray,
                    slots: list[_Slot], present: np.ndarray, outcome: np.ndarray,
                    abandon: np.ndarray) -> None:
    model = spec.journey
    stages = [s["id"] for s in spec.config["stages"]]
    n = present.shape[0]
    activity = np.array([model.activity.get(p.id, 1.0) for p in spec.personas])[persona]
    for j, slot in enumerate(slots):
        if slot.kind != "after":
            continue
        stage = stages[slot.stage]
        draw = rng.random(n)
        if slot.visit == 0:
            present[:, j] = ~abandon & (draw < model.visit.get(stage, 1.0))
        elif stage == model.help_stage:
            again = np.where(outcome[:, j - 1] == _UNRESOLVED, draw < 0.8, draw < 0.08)
            present[:, j] = present[:, j - 1] & again
        else:
            again = np.minimum(model.repeat.get(stage, 0.0) * activity, _MOST_LIKELY)
            present[:, j] = present[:, j - 1] & (draw < again)
        if stage == model.help_stage:
            solved = rng.random(n) < (0.65 if slot.visit == 0 else 0.7)
            outcome[:, j] = np.where(present[:, j], np.where(solved, _RESOLVED, _UNRESOLVED),
                                     0)


def _open_hours(spec: ClientSpec, t: np.ndarray, staffed: np.ndarray,
                rng: np.random.Generator) -> np.ndarray:
    """Move events on staffed channels outside opening hours to the next opening."""
    lo, hi = spec.journey.opening
    weekday0 = spec.journey.start.weekday()
    day = np.floor(t / 86400)
    hour = (t - day * 86400) / 3600
    sunday = (day + weekday0) % 7 == 6
    closed = staffed & (sunday | (hour < lo) | (hour >= hi))
    next_day = np.where(hour >= lo, day + 1, day)
    next_day += ((next_day + weekday0) % 7 == 6)
    moved = next_day * 86400 + lo * 3600 + rng.uniform(0, 3 * 3600, t.size)
    return np.where(closed, moved, t)


def _timestamps(spec: ClientSpec, rng: np.random.Generator, slots: list[_Slot],
                present: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Return seconds since the start of the period for every slot, in slot order.

    Journeys start up to 45 days before the period, so the extract begins in a steady
    state; events before the period or after its end are cut off by the caller.
    """
    stages = [s["id"] for s in spec.config["stages"]]
    staffed = np.array([c["kind"] != "digital" and c["id"] not in spec.journey.always_open
                        for c in spec.config["channels"]])
    n = present.shape[0]
    t = rng.uniform(-45 * 86400, spec.journey.days * 86400, n)
    out = np.empty((n, len(slots)))
    for j, slot in enumerate(slots):
        mean = spec.journey.gap_hours[stages[slot.stage]] / (3 if slot.visit else 1)
        gap = (rng.exponential(mean, n) + 5 / 60) * 3600 if j else np.zeros(n)
        candidate = _open_hours(spec, t + gap, staffed[channel[:, j]], rng)
        t = np.where(present[:, j], candidate, t)
        out[:, j] = t
    return np.rint(out)


def _touchpoints(spec: ClientSpec, rng: np.random.Generator, stage: np.ndarray,
                 channel: np.ndarray) -> np.ndarray:
    """Pick a touchpoint of the stage × channel cell for each event (-1 if none)."""
    stages = [s["id"] for s in spec.config["stages"]]
    channels = [c["id"] for c in spec.config["channels"]]
    cells: dict[tuple[int, int], list[int]] = {}
    for i, tp in enumerate(spec.touchpoints):
        cells.setdefault((stages.index(tp.stage), channels.index(tp.channel)), []).append(i)
    width = max(len(v) for v in cells.values())
    table = np.full((len(stages), len(channels), width), -1)
    count = np.zeros((len(stages), len(channels)), dtype=np.int64)
    for (s, c), ids in cells.items():
        table[s, c, :len(ids)] = ids
        count[s, c] = len(ids)
    k = np.floor(rng.random(stage.size) * np.maximum(count[stage, channel], 1)).astype(int)
    return table[stage, channel, k]


def _journeys(spec: ClientSpec, rng: np.random.Generator, persona: np.ndarray,
              slots: list[_Slot], probs: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Draw every customer's journey: which slots are in the log, channels, outcomes, times.

    Returns
    -------
    kept, channel, outcome, seconds : numpy.ndarray
        Customer × slot: whether the event happened within the period, its channel index,
        outcome code and seconds since the start of the period.
    """
    present = np.zeros((persona.size, len(slots)), dtype=bool)
    outcome = np.zeros((persona.size, len(slots)), dtype=np.int8)
    _pre_purchase(spec, rng, persona, slots, present)
    channel = _draw_channels(rng, probs, persona, slots)
    abandon = _abandonment(spec, rng, persona, slots, present, channel, outcome)
    _after_purchase(spec, rng, persona, slots, present, outcome, abandon)
    seconds = _timestamps(spec, rng, slots, present, channel)
    kept = present & (seconds >= 0) & (seconds < spec.journey.days * 86400)
    return kept, channel, outcome, seconds


def _stage_load(spec: ClientSpec, seed: int, slots: list[_Slot]) -> np.ndarray:
    """Return persona × stage: how each persona's logged events spread over the stages.

    Measured on a pilot of :data:`_PILOT` journeys per persona, drawn from a stream of
    their own with channels calibrated as if every stage weighed the same: the stages
    reached depend on the channels only through abandoning on the drop-out channel, so
    one pilot puts every persona's channel shares within half a point of its target.
    """
    stage = np.array([s.stage for s in slots])
    n_personas, n_stages = len(spec.personas), len(spec.config["stages"])
    persona = np.repeat(np.arange(n_personas), _PILOT)
    rng = np.random.default_rng([seed, 2, 1, sum(map(ord, spec.slug))])
    flat = _channel_weights(spec, np.ones((n_personas, n_stages)))
    rows, cols = np.nonzero(_journeys(spec, rng, persona, slots, flat)[0])
    load = np.zeros((n_personas, n_stages))
    np.add.at(load, (persona[rows], stage[cols]), 1)
    return load


def build_events(spec: ClientSpec, seed: int) -> tuple[pl.DataFrame, dict[int, np.ndarray]]:
    """Generate the event log.

    Parameters
    ----------
    spec : ClientSpec
        The client: personas, journey model and touchpoints.
    seed : int
        Generation seed, from which the event log draws its own stream.

    Returns
    -------
    events : polars.DataFrame
        ``customer_id``, ``timestamp``, ``stage_id``, ``channel_id``, ``touchpoint_id``,
        ``outcome``, ``persona_id``, ``value``, ordered by timestamp.
    customers : dict
        Customer ids with at least one event, per persona index.
    """
    rng = np.random.default_rng([seed, 2, sum(map(ord, spec.slug))])
    model = spec.journey
    shares = np.array([p.share for p in spec.personas])
    persona = rng.choice(len(shares), size=model.n_customers, p=shares / shares.sum())
    slots = _slots(spec)
    probs = _channel_weights(spec, _stage_load(spec, seed, slots))
    kept, channel, outcome, seconds = _journeys(spec, rng, persona, slots, probs)
    spend = np.array([model.spend.get(p.id, 1.0) for p in spec.personas])[persona]
    values = np.round(spend * rng.lognormal(np.log(model.value_median), model.value_sigma,
                                            persona.size), 2)
    rows, cols = np.nonzero(kept)
    stage = np.array([s.stage for s in slots])[cols]
    chan = channel[rows, cols]
    tp = _touchpoints(spec, rng, stage, chan)
    code = outcome[rows, cols]
    origin = datetime(model.start.year, model.start.month, model.start.day) - _EPOCH
    micros = (seconds[rows, cols].astype(np.int64) + int(origin.total_seconds())) * 1_000_000
    labels = spec.enum_labels.get("outcome", {})
    stages = [s["id"] for s in spec.config["stages"]]
    channels = [c["id"] for c in spec.config["channels"]]
    frame = pl.DataFrame({
        "customer_id": "C" + pl.Series(rows + 1).cast(pl.String).str.zfill(6),
        "timestamp": pl.Series(micros).cast(pl.Datetime("us")),
        "stage_id": pl.Series(stages).gather(stage),
        "channel_id": pl.Series(channels).gather(chan),
        "touchpoint_id": pl.Series([t.id for t in spec.touchpoints] + [None]).gather(
            np.where(tp < 0, len(spec.touchpoints), tp)),
        "outcome": pl.Series([labels.get(o, o) for o in OUTCOMES]).gather(code),
        "persona_id": pl.Series([p.id for p in spec.personas]).gather(persona[rows]),
        "value": pl.Series(np.where(code == _CONVERTED, values[rows], np.nan),
                           nan_to_null=True),
    })
    frame = frame.sort("timestamp", "customer_id", maintain_order=True)
    seen = np.unique(rows)
    customers = {p: np.array([f"C{r + 1:06d}" for r in seen[persona[seen] == p]])
                 for p in range(len(shares))}
    return frame, customers
