"""Survey responses over two waves: NPS, CSAT, CES, stage satisfaction and verbatims.

The model is simple and explicit so the planted truths are known exactly:

* each response rates one touchpoint; its CSAT follows the touchpoint's quality
  (``SurveyModel.quality``: by valence, overridden for the planted touchpoints);
* ``sat_<stage>`` is the CSAT (± noise) for the rated stage and a draw around the stage's
  mean for the others, some of them missing;
* the NPS is a latent score, ``intercept + Σ weight_stage × (sat_stage − mean_stage) +
  wave uplift + noise``, rounded to 0–10, so the stage with the largest weight is the
  strongest key driver;
* the current wave gets an uplift everywhere except on ``SurveyModel.stable_channel``,
  whose current-wave NPS answers are matched to the earlier waves' distribution;
* a few channels get exact quotas per wave, to plant small and very small bases.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import numpy as np
import polars as pl

from cxlib.demo._spec import ClientSpec

__all__ = ["build_survey"]

_APPETENCE_WEIGHT = np.array([0.05, 0.45, 1.0, 2.0])


def _appetence(spec: ClientSpec, channels: list[str]) -> np.ndarray:
    """Return persona × channel weights from the declared appetence."""
    return np.array([[_APPETENCE_WEIGHT[p.appetence[c]] for c in channels]
                     for p in spec.personas])


def _touchpoint_draws(spec: ClientSpec, rng: np.random.Generator,
                      wave: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (persona index, touchpoint index) for every response of one wave."""
    tps = spec.touchpoints
    channels = [c["id"] for c in spec.config["channels"]]
    app = _appetence(spec, channels)
    shares = np.array([p.share for p in spec.personas])
    excluded = spec.truths["unevidenced_touchpoint"]
    quotas = spec.survey.quotas
    tp_channel = np.array([channels.index(t.channel) for t in tps])
    base = np.array([0.0 if t.id == excluded else spec.survey.boost.get(t.id, 1.0)
                     for t in tps])
    personas, chosen = [], []
    for channel, counts in quotas.items():
        on = (tp_channel == channels.index(channel)) & (base > 0)
        weights = shares * app[:, channels.index(channel)]
        who = rng.choice(len(shares), size=counts[wave], p=weights / weights.sum())
        personas.append(who)
        chosen.append(rng.choice(np.flatnonzero(on), size=counts[wave]))
    free = base * ~np.isin(tp_channel, [channels.index(c) for c in quotas])
    n_free = spec.survey.n[wave] - sum(c[wave] for c in quotas.values())
    counts = rng.multinomial(n_free, shares)
    for p, n in enumerate(counts):
        weights = free * app[p, tp_channel]
        personas.append(np.full(n, p))
        chosen.append(rng.choice(len(tps), size=n, p=weights / weights.sum()))
    return np.concatenate(personas), np.concatenate(chosen)


def _scores(spec: ClientSpec, rng: np.random.Generator, frame: pl.DataFrame,
            stages: list[str]) -> dict[str, np.ndarray]:
    """Draw CSAT, CES, sat_<stage> and NPS for every response."""
    model = spec.survey
    n = frame.height
    valence = {t.id: t.valence for t in spec.touchpoints}
    q = np.array([model.quality.get(tp, model.quality[valence[tp]])
                  for tp in frame["touchpoint_id"]])
    bias = rng.normal(0, 0.12, len(spec.personas))[frame["persona_idx"].to_numpy()]
    uplift = frame["uplift"].to_numpy().astype(float)
    csat = np.clip(np.rint(3.85 + 0.8 * q + bias + 0.12 * uplift + rng.normal(0, 0.75, n)),
                   1, 5)
    ces = np.clip(np.rint(4.8 + 0.9 * q + 0.15 * uplift + rng.normal(0, 1.1, n)), 1, 7)
    ces[rng.random(n) < 0.03] = np.nan
    rated = frame["stage_id"].to_numpy()
    latent = model.nps_intercept + model.wave_uplift * uplift + rng.normal(0, 1.35, n)
    out = {"csat": csat, "ces": ces}
    for stage in stages:
        mean = model.stage_mean[stage]
        sat = np.clip(np.rint(mean + bias + model.sat_uplift * uplift
                              + rng.normal(0, 0.85, n)), 1, 5)
        own = rated == stage
        sat[own] = np.clip(np.rint(csat[own] + rng.normal(0, 0.55, own.sum())), 1, 5)
        sat[~own & (rng.random(n) < model.missing.get(stage, 0.0))] = np.nan
        latent += model.nps_weight[stage] * np.nan_to_num(sat - mean)
        out[f"sat_{stage}"] = sat
    out["nps"] = _match_stable(np.clip(np.rint(latent), 0, 10), latent, frame, spec)
    return out


def _match_stable(nps: np.ndarray, latent: np.ndarray, frame: pl.DataFrame,
                  spec: ClientSpec) -> np.ndarray:
    """Give the stable segment's current-wave answers the earlier waves' distribution.

    Rank-preserving quantile matching: respondents keep their order (so scores still
    follow satisfaction), but the segment's NPS cannot move between waves by chance.
    """
    on = (frame["channel_id"] == spec.survey.stable_channel).to_numpy()
    now = (frame["wave"] == spec.config["wave"]).to_numpy()
    ref, target = np.sort(nps[on & ~now]), np.flatnonzero(on & now)
    if ref.size == 0 or target.size == 0:
        return nps
    picks = ref[((np.arange(target.size) + 0.5) / target.size * ref.size).astype(int)]
    out = nps.copy()
    out[target[np.argsort(latent[target], kind="stable")]] = picks
    return out


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _pii(spec: ClientSpec, rng: np.random.Generator) -> str:
    v = spec.verbatims
    template = v.pii[rng.integers(len(v.pii))]
    first, last = v.first_names[rng.integers(len(v.first_names))], \
        v.last_names[rng.integers(len(v.last_names))]
    domain = v.email_domains[rng.integers(len(v.email_domains))]
    email = f"{_ascii(first)}.{_ascii(last)}@{domain}"
    phone = v.phone.format(a=int(rng.integers(10, 100)), b=int(rng.integers(10, 100)),
                           c=int(rng.integers(100, 1000)))
    return template.format(email=email, phone=phone)


def _pick(rng: np.random.Generator, pool: tuple[str, ...]) -> str:
    return pool[rng.integers(len(pool))]


def _verbatim(spec: ClientSpec, rng: np.random.Generator, tp: str, stage: str,
              nps: float) -> str | None:
    """Return an open answer in the tone of the score, or None (most people skip it)."""
    tone = "pos" if nps >= 9 else "neg" if nps <= 6 else "mid"
    if rng.random() > {"pos": 0.30, "mid": 0.22, "neg": 0.42}[tone]:
        return None
    v = spec.verbatims
    own = v.by_touchpoint.get(tp, {}).get(tone)
    body = _pick(rng, own if own and rng.random() < 0.75 else v.by_stage[stage][tone])
    parts = [_pick(rng, v.leads[tone])] if rng.random() < 0.3 else []
    parts.append(body)
    second = _pick(rng, v.by_stage[stage][tone])
    if rng.random() < 0.25 and second != body:
        parts.append(second)
    if rng.random() < 0.4:
        parts.append(_pick(rng, v.tails[tone]))
    if rng.random() < 0.05:
        parts.append(_pii(spec, rng))
    return " ".join(parts)


def _wave_frame(spec: ClientSpec, rng: np.random.Generator, wave: str,
                customers: dict[int, np.ndarray], pick: np.random.Generator) -> pl.DataFrame:
    """Draw one wave's respondents; ``pick`` (a stream of its own) chooses their ids."""
    persona_idx, tp_idx = _touchpoint_draws(spec, rng, wave)
    tps = spec.touchpoints
    start, end = spec.survey.fieldwork[wave]
    days = rng.integers(0, (end - start).days + 1, persona_idx.size)
    cust = np.empty(persona_idx.size, dtype=object)
    for p in np.unique(persona_idx):
        rows = np.flatnonzero(persona_idx == p)
        cust[rows] = pick.choice(customers[int(p)], size=rows.size, replace=False)
    current = spec.config["wave"]
    stable = spec.survey.stable_channel
    return pl.DataFrame({
        "customer_id": cust.tolist(),
        "wave": [wave] * persona_idx.size,
        "date": [start + timedelta(days=int(d)) for d in days],
        "persona_idx": persona_idx,
        "persona_id": [spec.personas[p].id for p in persona_idx],
        "stage_id": [tps[i].stage for i in tp_idx],
        "channel_id": [tps[i].channel for i in tp_idx],
        "touchpoint_id": [tps[i].id for i in tp_idx],
        "uplift": [wave == current and tps[i].channel != stable for i in tp_idx],
    })


def build_survey(spec: ClientSpec, seed: int,
                 customers: dict[int, np.ndarray]) -> pl.DataFrame:
    """Draw the survey table of both waves.

    Parameters
    ----------
    spec : ClientSpec
        The client: waves, personas, scores and verbatims.
    seed : int
        Generation seed, from which the survey draws its own stream.
    customers : dict
        Customer ids available per persona index (respondents are drawn from them).

    Returns
    -------
    polars.DataFrame
        One row per response, in the column order of the data contract, plus
        ``sat_<stage>`` columns; scores as nullable integers.
    """
    rng = np.random.default_rng([seed, 3, sum(map(ord, spec.slug))])
    # respondents' ids come from a stream of their own and do not order the rows, so the
    # answers do not depend on the event log the ids are taken from
    pick = np.random.default_rng([seed, 3, 1, sum(map(ord, spec.slug))])
    waves = [w["id"] for w in spec.config["waves"]]
    frame = pl.concat([_wave_frame(spec, rng, w, customers, pick) for w in waves])
    frame = frame.sort("date", maintain_order=True)
    stages = [s["id"] for s in spec.config["stages"]]
    scores = _scores(spec, rng, frame, stages)
    verbatims = [_verbatim(spec, rng, tp, stage, nps) for tp, stage, nps in
                 zip(frame["touchpoint_id"], frame["stage_id"], scores["nps"], strict=True)]
    ints = {name: pl.Series(name, values, nan_to_null=True).cast(pl.Int64)
            for name, values in scores.items()}
    frame = frame.with_columns(
        pl.format("R{}", pl.int_range(1, frame.height + 1).cast(pl.String).str.zfill(6))
        .alias("response_id"),
        ints["nps"], ints["csat"], ints["ces"], pl.Series("verbatim", verbatims,
                                                          dtype=pl.String),
        *[ints[f"sat_{s}"] for s in stages],
    )
    head = ["response_id", "customer_id", "wave", "date", "persona_id", "stage_id",
            "channel_id", "touchpoint_id", "nps", "csat", "ces", "verbatim"]
    return frame.select(*head, *[f"sat_{s}" for s in stages])
