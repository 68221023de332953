"""Interview findings: what was said, by whom, how reliably coded, and whether it is enough.

Builds on :mod:`cxlib.coding`. A *coded span* is a passage of a transcript (interview,
start, end) with the codes applied to it: its journey stage, channel, valence, emotion and
theme. Frequencies count spans and the interviews they come from; irritants and
enchantments are the (stage, channel, theme) combinations most often coded with that
valence, each matched to the touchpoints of its stage × channel cell and illustrated by
pseudonymised quotes from respondents who consented to be quoted.

Quotes never carry a name, e-mail address, phone number, IBAN or postal address: every
quote goes through :func:`cxlib.coding.redact` with the interview roster (respondents'
and interviewers' names) before it reaches a report.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from cxlib.analysis.agreement import agreement_by_code
from cxlib.analysis.overview import Finding
from cxlib.analysis.saturation import saturation
from cxlib.i18n import number, t
from cxlib.inputs.loaders import Inputs
from cxlib.inputs.transcripts import Transcript, read_transcript
from cxlib.privacy.redaction import redact

__all__ = [
    "KINDS",
    "Finding",
    "agreement",
    "agreement_sentence",
    "client_spans",
    "code_frequency_table",
    "code_labels",
    "coded_spans",
    "cooccurrence",
    "corpus_values",
    "coverage_sentences",
    "department_coverage",
    "frequencies",
    "irritant_matrix",
    "load_transcripts",
    "primary_coder",
    "quotes",
    "roster",
    "saturation_curve",
    "saturation_sentences",
    "saturation_verdicts",
    "segments",
    "stage_channel_matrix",
    "summary",
    "theme_by_department",
    "theme_by_persona",
    "theme_frequencies",
    "top_codes",
    "top_items",
    "weakest_codes",
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
    """Return the client's coded passages (:func:`coded_spans`), or None without codings."""
    if "codings" not in inputs:
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
    meta = inputs["interviews"].select(
        "interview_id", "population",
        *[c for c in ("department_id", "persona_id", "consent")
          if c in inputs["interviews"].columns])
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


def frequencies(spans: pl.DataFrame, kind: str, by: str | None = None) -> pl.DataFrame:
    """Count coded passages and interviews per code of one kind, optionally per group.

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    kind : str
        One of :data:`KINDS`.
    by : str, optional
        A grouping column (``population``, ``department_id``, ``persona_id``…).

    Returns
    -------
    polars.DataFrame
        ``[by], code_id, passages, interviews``, most frequent first.
    """
    keys = [by, kind] if by else [kind]
    out = spans.filter(pl.col(kind).is_not_null()).group_by(keys).agg(
        pl.len().alias("passages"), pl.col("interview_id").n_unique().alias("interviews"))
    order = ["interviews", "passages", "code_id", *([by] if by else [])]
    return out.rename({kind: "code_id"}).sort(order, descending=[True, True, False, False][
        :len(order)])  # ties in one order every run


def top_codes(spans: pl.DataFrame, inputs: Inputs, valence: str = "irritant",
              limit: int = 5) -> pl.DataFrame:
    """Return the most cited irritants (or enchantments): stage × channel × theme.

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    inputs : Inputs
        For the touchpoints of each stage × channel cell.
    valence : {"irritant", "enchantment"}
        ``irritant`` also counts ruptures.
    limit : int
        How many to return.

    Returns
    -------
    polars.DataFrame
        ``rank, stage_id, channel_id, theme, interviews, employees, customers, passages,
        touchpoints`` (names of the cell's touchpoints with a matching valence, else of
        all its touchpoints, joined by " / ").
    """
    wanted = list(_NEGATIVE) if valence == "irritant" else [valence]
    picked = spans.filter(pl.col("valence_code").is_in(wanted)
                          & pl.col("stage_id").is_not_null())
    grouped = picked.group_by("stage_id", "channel_id", "theme").agg(
        pl.col("interview_id").n_unique().alias("interviews"),
        pl.col("interview_id").filter(pl.col("population") == "employee").n_unique()
        .alias("employees"),
        pl.col("interview_id").filter(pl.col("population") == "customer").n_unique()
        .alias("customers"),
        pl.len().alias("passages"),
    ).sort(["interviews", "passages", "stage_id", "channel_id", "theme"],
           descending=[True, True, False, False, False], nulls_last=True).head(limit)
    tps = inputs["touchpoints"]
    names = []
    for stage, channel in grouped.select("stage_id", "channel_id").iter_rows():
        cell = tps.filter(pl.col("stage_id").eq_missing(stage)
                          & pl.col("channel_id").eq_missing(channel))
        match = cell.filter(pl.col("valence").is_in(wanted))
        names.append(" / ".join((match if match.height else cell)["name"].to_list()))
    return grouped.with_columns(pl.Series("touchpoints", names, dtype=pl.String)) \
        .with_row_index("rank", offset=1)


def quotes(spans: pl.DataFrame, stage: str, channel: str | None, theme: str | None,
           valence: str, names: pl.DataFrame, lang: str, limit: int = 2,
           max_chars: int = 320) -> list[dict[str, str]]:
    """Return pseudonymised quotes illustrating one irritant or enchantment.

    Only respondents who consented are quoted; customers come first, then the shortest
    passages (a quote should read in one breath).

    Parameters
    ----------
    spans : polars.DataFrame
        From :func:`coded_spans`.
    stage, channel, theme : str
        The combination (as in :func:`top_codes`).
    valence : {"irritant", "enchantment"}
        Which valence.
    names : polars.DataFrame
        From :func:`roster`.
    lang : {"fr", "en"}
        Placeholders' language.
    limit, max_chars : int
        How many quotes, and the longest quote kept whole (longer ones are cut at a word).

    Returns
    -------
    list of dict
        ``text`` (redacted), ``who`` (population in words) and ``interview_id`` (for
        traceability; never shown).
    """
    wanted = list(_NEGATIVE) if valence == "irritant" else [valence]
    cond = (pl.col("stage_id") == stage) & pl.col("valence_code").is_in(wanted) \
        & pl.col("consent").fill_null(True)
    cond = cond & (pl.col("channel_id") == channel if channel else pl.col("channel_id")
                   .is_null())
    cond = cond & (pl.col("theme") == theme if theme else pl.col("theme").is_null())
    picked = spans.filter(cond).with_columns(
        (pl.col("population") != "customer").alias("_employee"),
        pl.col("text").str.len_chars().alias("_len"),
    ).sort("_employee", "_len").unique("interview_id", keep="first", maintain_order=True)
    mapping = dict(names.iter_rows())
    out: list[dict[str, str]] = []
    for r in picked.iter_rows(named=True):
        text = _strip_speaker(" ".join(r["text"].split()))
        if len(text) > max_chars:
            text = text[:max_chars].rsplit(" ", 1)[0] + " …"
        text = redact(text, mapping, lang)
        if any(q["text"] == text for q in out):
            continue  # two people said the same: one quote is enough
        out.append({"text": text, "who": t(f"iv_{r['population']}", lang),
                    "interview_id": r["interview_id"]})
        if len(out) == limit:
            break
    return out


def _strip_speaker(text: str) -> str:
    """Drop a leading "Name :" speaker label from a passage."""
    head, sep, rest = text.partition(":")
    return rest.strip() if sep and len(head) <= 40 and head.count(" ") <= 3 else text


def cooccurrence(spans: pl.DataFrame, row: str = "theme", column: str = "stage_id",
                 valences: Sequence[str] | None = None) -> pl.DataFrame:
    """Count passages coded with both a ``row`` code and a ``column`` code.

    Returns
    -------
    polars.DataFrame
        ``row, column, passages`` for every pair seen together.
    """
    data = spans if valences is None else spans.filter(pl.col("valence_code").is_in(
        list(valences)))
    return data.filter(pl.col(row).is_not_null() & pl.col(column).is_not_null()).group_by(
        row, column).agg(pl.len().alias("passages")).rename({row: "row", column: "column"}) \
        .sort("row", "column")


def agreement(inputs: Inputs, transcripts: dict[str, Transcript]) -> tuple[pl.DataFrame, str]:
    """Compare the two coders with the most codings, per code and overall.

    Returns
    -------
    tuple of (polars.DataFrame, str)
        :func:`cxlib.coding.agreement_by_code` (``code_id`` null on the overall row) and
        the pair's description ``"am / jb"``; an empty frame when fewer than two coders.
    """
    codings = inputs["codings"]
    ranked = codings.group_by("coder").len().sort(["len", "coder"], descending=[True, False])
    if ranked.height < 2:
        return pl.DataFrame(), ""
    pair = tuple(ranked["coder"].head(2).to_list())
    out = agreement_by_code(codings.select("interview_id", "code_id", "coder", "start", "end"),
                            segments(transcripts), pair)
    return out, f"{pair[0]} / {pair[1]}"


def saturation_verdicts(inputs: Inputs) -> pl.DataFrame:
    """Return the Guest, Namey & Chen (2020) saturation verdict per population.

    Returns
    -------
    polars.DataFrame
        One row per population (see :class:`cxlib.coding.Saturation`).
    """
    return saturation(inputs["interviews"], inputs["codings"]).verdicts


def saturation_curve(inputs: Inputs) -> pl.DataFrame:
    """Return the new-code accumulation curve per population."""
    return saturation(inputs["interviews"], inputs["codings"]).curve


def department_coverage(inputs: Inputs) -> pl.DataFrame:
    """Return each configured department with its employee interviews and touchpoints.

    Returns
    -------
    polars.DataFrame
        ``department_id, label, interviews, touchpoints_owned``, uninterviewed first.
    """
    cfg = inputs.config
    iv = inputs["interviews"].filter(pl.col("population") == "employee")
    counts = dict(iv.group_by("department_id").len().iter_rows()) if "department_id" in \
        iv.columns else {}
    owned = dict(inputs["touchpoints"].group_by("owner_department").len().iter_rows()) \
        if "owner_department" in inputs["touchpoints"].columns else {}
    rows = [{"department_id": d, "label": label, "interviews": counts.get(d, 0),
             "touchpoints_owned": owned.get(d, 0)} for d, label in cfg.labels("departments")
            .items()]
    return pl.DataFrame(rows, schema={"department_id": pl.String, "label": pl.String,
                                      "interviews": pl.Int64,
                                      "touchpoints_owned": pl.Int64}).sort(
        "interviews", "touchpoints_owned", descending=[False, True])


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


def top_items(inputs: Inputs, spans: pl.DataFrame, valence: str, lang: str,
              limit: int = 5, quotes_each: int = 2) -> list[dict[str, object]]:
    """Return the top irritants or enchantments as sentences, each with its quotes.

    Returns
    -------
    list of dict
        ``title`` (one sentence: stage, channel, theme, counts, touchpoints),
        ``quotes`` (from :func:`quotes`), and the parts of the title for shorter
        wordings: ``stage``, ``channel``, ``theme`` (labels), ``interviews`` and
        ``touchpoints`` (names, or an empty text).
    """
    cfg = inputs.config
    stages, channels, codes = cfg.labels("stages"), cfg.labels("channels"), code_labels(inputs)
    names = roster(inputs, lang)
    items = []
    for r in top_codes(spans, inputs, valence, limit).iter_rows(named=True):
        title = t("iv_top_item", lang, rank=r["rank"], stage=stages.get(r["stage_id"], "–"),
                  channel=channels.get(r["channel_id"], "–"),
                  theme=codes.get(r["theme"], "–"), interviews=r["interviews"],
                  employees=r["employees"], customers=r["customers"],
                  touchpoints=r["touchpoints"] or t("iv_no_touchpoint", lang),
                  n_tp=len(r["touchpoints"].split(" / ")) if r["touchpoints"] else 0)
        items.append({"title": title,
                      "quotes": quotes(spans, r["stage_id"], r["channel_id"], r["theme"],
                                       valence, names, lang, limit=quotes_each),
                      "stage": stages.get(r["stage_id"], "–"),
                      "channel": channels.get(r["channel_id"], "–"),
                      "theme": codes.get(r["theme"], "–"), "interviews": r["interviews"],
                      "touchpoints": r["touchpoints"] or ""})
    return items


def theme_frequencies(inputs: Inputs, spans: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Return interviews per theme, employees and customers apart, with labels.

    Returns
    -------
    polars.DataFrame
        ``theme`` (label), ``population`` (in words), ``interviews``.
    """
    codes = code_labels(inputs)
    freq = frequencies(spans, "theme", "population")
    return freq.select(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("theme"),
        pl.col("population").replace_strict({"employee": t("iv_employee", lang),
                                             "customer": t("iv_customer", lang)},
                                            default=pl.col("population")),
        "interviews")


def code_frequency_table(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return every code's frequency, for the workbook: passages and interviews by population.

    Parameters
    ----------
    inputs : Inputs
        For the codebook labels and kinds.
    spans : polars.DataFrame
        From :func:`coded_spans`.

    Returns
    -------
    polars.DataFrame
        ``kind, code, passages, employees, customers, interviews`` — interviews citing the
        code among employees, among customers and in all — sorted by kind then most cited.
    """
    codes = code_labels(inputs)
    frames = []
    for kind in KINDS:
        cited = spans.filter(pl.col(kind).is_not_null())
        if not cited.height:
            continue
        frames.append(cited.group_by(pl.col(kind).alias("code_id")).agg(
            pl.lit(kind).alias("kind"),
            pl.len().alias("passages"),
            pl.col("interview_id").filter(pl.col("population") == "employee").n_unique()
            .alias("employees"),
            pl.col("interview_id").filter(pl.col("population") == "customer").n_unique()
            .alias("customers"),
            pl.col("interview_id").n_unique().alias("interviews")))
    if not frames:
        return pl.DataFrame(schema={"kind": pl.String, "code": pl.String,
                                    "passages": pl.UInt32, "employees": pl.UInt32,
                                    "customers": pl.UInt32, "interviews": pl.UInt32})
    order = {kind: i for i, kind in enumerate(KINDS)}
    out = pl.concat(frames, how="vertical_relaxed").with_columns(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("code"),
        pl.col("kind").replace_strict(order, return_dtype=pl.Int8).alias("_order"))
    return out.sort(["_order", "interviews", "passages", "code"],
                    descending=[False, True, True, False]).select(
        "kind", "code", "passages", "employees", "customers", "interviews")


def theme_by_department(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return passages per theme × department (employees), with labels."""
    codes, depts = code_labels(inputs), inputs.config.labels("departments")
    freq = frequencies(spans.filter(pl.col("population") == "employee"), "theme",
                       "department_id")
    return freq.filter(pl.col("department_id").is_not_null()).select(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("row"),
        pl.col("department_id").replace_strict(depts, default=pl.col("department_id"))
        .alias("column"),
        pl.col("passages"))


def theme_by_persona(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return passages per theme × persona (customers), with labels."""
    codes = code_labels(inputs)
    personas = dict(inputs["personas"].select("persona_id", "name").iter_rows())
    freq = frequencies(spans.filter(pl.col("population") == "customer"), "theme", "persona_id")
    return freq.filter(pl.col("persona_id").is_not_null()).select(
        pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("row"),
        pl.col("persona_id").replace_strict(personas, default=pl.col("persona_id"))
        .alias("column"),
        pl.col("passages"))


def stage_channel_matrix(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return coded passages per channel × stage, with labels."""
    cfg = inputs.config
    return cooccurrence(spans, "channel_id", "stage_id").select(
        pl.col("row").replace_strict(cfg.labels("channels"), default=pl.col("row")),
        pl.col("column").replace_strict(cfg.labels("stages"), default=pl.col("column")),
        "passages")


def irritant_matrix(inputs: Inputs, spans: pl.DataFrame) -> pl.DataFrame:
    """Return irritant and rupture passages per theme × stage, with labels."""
    codes, stages = code_labels(inputs), inputs.config.labels("stages")
    return cooccurrence(spans, "theme", "stage_id", _NEGATIVE).select(
        pl.col("row").replace_strict(codes, default=pl.col("row")),
        pl.col("column").replace_strict(stages, default=pl.col("column")), "passages")


def agreement_sentence(table: pl.DataFrame, lang: str) -> str:
    """Return the overall kappa and alpha with Krippendorff's reading of alpha."""
    overall = table.filter(pl.col("code_id").is_null()).row(0, named=True)
    alpha = overall["alpha"]
    verdict = ("iv_agreement_good" if alpha is not None and alpha >= 0.8 else
               "iv_agreement_tentative" if alpha is not None and alpha >= 0.667 else
               "iv_agreement_poor")
    kappa = "–" if overall["kappa"] is None else number(overall["kappa"], lang, 2)
    return t("iv_agreement_overall", lang, kappa=kappa,
             alpha="–" if alpha is None else number(alpha, lang, 2), verdict=t(verdict, lang))


def weakest_codes(inputs: Inputs, table: pl.DataFrame, limit: int = 8) -> pl.DataFrame:
    """Return the codes the two coders agree on least (by alpha), with labels."""
    codes = code_labels(inputs)
    return table.filter(pl.col("code_id").is_not_null() & pl.col("alpha").is_not_null()) \
        .sort("alpha").head(limit).with_columns(
            pl.col("code_id").replace_strict(codes, default=pl.col("code_id")).alias("label"))


def saturation_sentences(inputs: Inputs, lang: str) -> list[tuple[str, str]]:
    """Return one (severity, sentence) per population: reached, not reached, too few."""
    out = []
    for r in saturation_verdicts(inputs).iter_rows(named=True):
        population = t(f"iv_{r['population']}s", lang)
        if r["reached"]:
            out.append(("info", t("iv_sat_reached", lang, population=population,
                                  k=r["at_interview"], n=r["n_interviews"])))
        elif r["n_interviews"] < r["base_size"] + r["run_length"]:
            out.append(("warning", t("iv_sat_too_few", lang, population=population,
                                     n=r["n_interviews"],
                                     need=r["base_size"] + r["run_length"])))
        else:
            out.append(("warning", t("iv_sat_not_reached", lang, population=population,
                                     n=r["n_interviews"])))
    return out


def coverage_sentences(inputs: Inputs, lang: str) -> list[tuple[str, str]]:
    """Return one sentence per department never interviewed, or an all-clear.

    A department that owns touchpoints and was never met is a problem; one that owns none
    is a warning.
    """
    table = department_coverage(inputs)
    missing = table.filter(pl.col("interviews") == 0)
    if missing.is_empty():
        return [("info", t("iv_dept_all", lang))]
    return [("problem" if r["touchpoints_owned"] else "warning",
             t("iv_dept_missing", lang, department=r["label"],
               touchpoints=r["touchpoints_owned"]))
            for r in missing.iter_rows(named=True)]


def summary(inputs: Inputs, spans: pl.DataFrame, lang: str) -> str:
    """Return the one-line summary of the interview report for the run's index page."""
    top = top_items(inputs, spans, "irritant", lang, limit=1, quotes_each=0)
    irritant = top[0]["title"].split(" — ")[0].split(". ", 1)[-1] if top else "–"
    missing = department_coverage(inputs).filter(pl.col("interviews") == 0).height
    return t("iv_summary", lang, n=inputs["interviews"].height, irritant=irritant,
             missing=missing)
