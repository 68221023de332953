"""Coded passages of the interviews: transcripts, spans, roster and corpus figures.

Builds on :mod:`cxlib.inputs.transcripts` and the codings. A *coded span* is a passage of
a transcript (interview, start, end) with the codes applied to it: its journey stage,
channel, valence, emotion and theme (:data:`KINDS`), stage and channel codes resolved to
the client's ids and valence codes to the canonical valence. The roster holds the names
quotes are pseudonymised with.
"""

from __future__ import annotations

import polars as pl

from cxlib.i18n import t
from cxlib.inputs.loaders import Inputs
from cxlib.inputs.transcripts import Transcript, read_transcript

__all__ = [
    "KINDS",
    "client_spans",
    "code_labels",
    "coded_spans",
    "corpus_values",
    "load_transcripts",
    "primary_coder",
    "roster",
    "segments",
]

#: Code kinds a span carries, one column each in :func:`coded_spans`.
KINDS = ("stage", "channel", "valence", "emotion", "theme")
_NEGATIVE = ("irritant", "rupture")


def load_transcripts(inputs: Inputs) -> dict[str, Transcript]:
    """Read every interview's transcript, by interview id.

    Returns
    -------
    dict
        :class:`~cxlib.coding.Transcript` by ``interview_id``.
    """
    folder = inputs.config.path / "transcripts"
    lang = inputs.config.language
    return {iid: read_transcript(folder / name, lang)
            for iid, name in inputs["interviews"].select("interview_id", "transcript_file")
            .iter_rows()}


def client_spans(inputs: Inputs) -> pl.DataFrame | None:
    """Return the client's coded passages (:func:`coded_spans`).

    None until the interviews, the codebook and the codings all have rows: a coding means
    nothing without the interview it quotes and the code it applies.
    """
    if not all(inputs.has(name) for name in ("interviews", "codebook", "codings")):
        return None
    return coded_spans(inputs, load_transcripts(inputs))


def segments(transcripts: dict[str, Transcript]) -> pl.DataFrame:
    """Return every speaker turn of every transcript: the unit of agreement.

    Returns
    -------
    polars.DataFrame
        ``interview_id, segment, speaker, start, end``.
    """
    parts = [tr.segments.select("segment", "speaker", "start", "end")
             .with_columns(pl.lit(iid).alias("interview_id"))
             for iid, tr in transcripts.items()]
    if not parts:
        return pl.DataFrame(schema={"interview_id": pl.String, "segment": pl.Int64,
                                    "speaker": pl.String, "start": pl.Int64, "end": pl.Int64})
    return pl.concat(parts, how="vertical_relaxed").select(
        "interview_id", "segment", "speaker", "start", "end")


def roster(inputs: Inputs, lang: str) -> pl.DataFrame:
    """Return the names to pseudonymise and the role label that replaces each.

    Respondents become their role (employees: "Store manager, Nantes"; customers:
    "Customer, persona Camille…"); interviewers become "Interviewer".

    Returns
    -------
    polars.DataFrame
        ``name, label``.
    """
    interviews = inputs["interviews"]
    personas = dict(inputs["personas"].select("persona_id", "name").iter_rows())
    rows = []
    for r in interviews.iter_rows(named=True):
        if r.get("respondent"):
            if r["population"] == "customer":
                label = t("iv_customer_label", lang, persona=personas.get(r["persona_id"], "–"))
            else:
                label = r.get("role") or t("iv_employee_label", lang)
            rows.append({"name": r["respondent"], "label": label})
        if r.get("interviewer"):
            rows.append({"name": r["interviewer"], "label": t("iv_interviewer_label", lang)})
    return pl.DataFrame(rows, schema={"name": pl.String, "label": pl.String}).unique(
        "name", keep="first", maintain_order=True)


def primary_coder(codings: pl.DataFrame) -> str:
    """Return the coder with the most codings (the reference for frequencies)."""
    return codings.group_by("coder").len().sort(["len", "coder"], descending=[True, False])[
        "coder"][0]


def _code_targets(inputs: Inputs) -> dict[str, str]:
    """Map stage and channel codes to the configured stage and channel ids.

    A code matches an id when it equals it, ends with ``_<id>``, or has the same label.
    """
    cfg = inputs.config
    targets: dict[str, str] = {}
    for code_id, label, kind in inputs["codebook"].select("code_id", "label", "kind").iter_rows():
        if kind not in ("stage", "channel"):
            continue
        for item_id, item_label in cfg.labels(f"{kind}s").items():
            if code_id == item_id or code_id.endswith(f"_{item_id}") \
                    or label.casefold() == item_label.casefold():
                targets[code_id] = item_id
                break
    return targets


def _valence_codes(inputs: Inputs) -> dict[str, str]:
    """Map valence codes to ``enchantment``, ``neutral``, ``irritant`` or ``rupture``."""
    from cxlib.inputs.schemas import ENUMS

    aliases = {alias: code for code, names in ENUMS["valence"].items()
               for alias in (code, *names)}
    out = {}
    for code_id, label, kind in inputs["codebook"].select("code_id", "label", "kind").iter_rows():
        if kind != "valence":
            continue
        for candidate in (label.casefold(), code_id.casefold().split("_")[-1]):
            if candidate in aliases:
                out[code_id] = aliases[candidate]
                break
    return out


def coded_spans(inputs: Inputs, transcripts: dict[str, Transcript],
                coder: str | None = None) -> pl.DataFrame:
    """Return one row per coded passage of the reference coder, with its codes and context.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs (``codings``, ``codebook``, ``interviews``).
    transcripts : dict
        From :func:`load_transcripts`.
    coder : str, optional
        Whose codings to use (default: :func:`primary_coder`).

    Returns
    -------
    polars.DataFrame
        ``interview_id, start, end, text``, one column per kind of :data:`KINDS` (code
        ids; ``stage_id``, ``channel_id`` and ``valence_code`` resolved to the client's
        ids and the canonical valence), ``population, department_id, persona_id,
        consent``.
    """
    codings = inputs["codings"]
    coder = coder or primary_coder(codings)
    kinds = dict(inputs["codebook"].select("code_id", "kind").iter_rows())
    mine = codings.filter(pl.col("coder") == coder).with_columns(
        pl.col("code_id").replace_strict(kinds, default=None).alias("kind"))
    wide = mine.group_by("interview_id", "start", "end").agg(
        [pl.col("code_id").filter(pl.col("kind") == k).first().cast(pl.String).alias(k)
         for k in KINDS])
    targets, valences = _code_targets(inputs), _valence_codes(inputs)
    texts = {iid: tr.text for iid, tr in transcripts.items()}
    interviews = inputs.with_columns("interviews", "department_id", "persona_id")
    meta = interviews.select(
        "interview_id", "population", "department_id", "persona_id",
        *[c for c in ("consent",) if c in interviews.columns])
    out = wide.with_columns(
        pl.col("stage").replace_strict(targets, default=None, return_dtype=pl.String)
        .alias("stage_id"),
        pl.col("channel").replace_strict(targets, default=None, return_dtype=pl.String)
        .alias("channel_id"),
        pl.col("valence").replace_strict(valences, default=None, return_dtype=pl.String)
        .alias("valence_code"),
        pl.struct("interview_id", "start", "end").map_elements(
            lambda s: texts.get(s["interview_id"], "")[s["start"]:s["end"]],
            return_dtype=pl.String).alias("text"),
    ).join(meta, on="interview_id", how="left")
    if "consent" not in out.columns:
        out = out.with_columns(pl.lit(True).alias("consent"))
    return out.sort("interview_id", "start")


def code_labels(inputs: Inputs) -> dict[str, str]:
    """Return ``{code_id: label}`` of the codebook."""
    return dict(inputs["codebook"].select("code_id", "label").iter_rows())


def corpus_values(inputs: Inputs, spans: pl.DataFrame) -> dict[str, object]:
    """Return the figures of the corpus sentence (interviews, passages, coder, codes)."""
    iv = inputs["interviews"]
    consent = iv["consent"] if "consent" in iv.columns else pl.Series([True] * iv.height)
    return {"n": iv.height,
            "employees": iv.filter(pl.col("population") == "employee").height,
            "customers": iv.filter(pl.col("population") == "customer").height,
            "passages": spans.height, "coder": primary_coder(inputs["codings"]),
            "codes": inputs["codebook"].height,
            "no_consent": int((consent.fill_null(True) == False).sum())}  # noqa: E712
