"""The demo clients: valid, big enough, reproducible, French exports, and the truths hold."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import polars as pl
import pytest

from cxlib.demo import SLUGS, TRUTHS, generate
from cxlib.demo._build import build
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.loaders import Inputs, load_inputs, validate_client

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+33|\+44|\b0)\s?\d(?:[\s.]?\d{2}){4}\b")
SPEAKER = {"demo-fr": "Intervieweur : ", "demo-en": "Interviewer: "}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project home where both demo clients were generated at their default place."""
    root = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(root))
        patch.delenv("CX_LANG", raising=False)
        for slug in SLUGS:
            generate(slug)
    return root


@pytest.fixture(autouse=True)
def _cx_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_HOME", str(home))
    monkeypatch.delenv("CX_LANG", raising=False)


@pytest.fixture(scope="module")
def inputs(home: Path) -> dict[str, Inputs]:
    """Both clients loaded through the real loaders (validated and typed)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        return {slug: load_inputs(slug) for slug in SLUGS}


def _folder(home: Path, slug: str) -> Path:
    return home / "data" / slug


def _transcripts(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(
        (folder / "transcripts").glob("*.txt"))}


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


def _nps(scores: pl.Series) -> tuple[float, float, int]:
    """NPS, its variance and base: 100·(p − d), 100²·[p + d − (p − d)²]/n."""
    n = scores.len()
    p, d = (scores >= 9).sum() / n, (scores <= 6).sum() / n
    return 100 * (p - d), 100**2 * (p + d - (p - d) ** 2) / n, n


def _change(survey: pl.DataFrame, where: pl.Expr | None = None) -> tuple[float, float, int,
                                                                           int]:
    """Return (W2 − W1 NPS, z, base W1, base W2) within ``where``."""
    frame = survey if where is None else survey.filter(where)
    one, var1, n1 = _nps(frame.filter(pl.col("wave") == "W1")["nps"])
    two, var2, n2 = _nps(frame.filter(pl.col("wave") == "W2")["nps"])
    return two - one, (two - one) / math.sqrt(var1 + var2), n1, n2


# -- the API and the files ----------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_generated_client_passes_validation(home: Path, slug: str) -> None:
    report = validate_client(slug)
    assert report.ok, report.error()
    assert not [w for r in report.results.values() for w in r.warnings]
    assert set(report.results) == {*report.config.inputs, "previous_touchpoints"}


def test_generation_is_reproducible_and_main_prints_both_folders(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from cxlib.demo.__main__ import main

    monkeypatch.setenv("CX_HOME", str(tmp_path))
    assert main() == 0
    printed = capsys.readouterr().out.split()
    assert printed == ["data/demo-fr", "data/demo-en"]
    for slug in SLUGS:
        first, again = list(_files(_folder(home, slug))), list(_files(tmp_path / "data" / slug))
        assert [p.relative_to(_folder(home, slug)) for p in first] == \
               [p.relative_to(tmp_path / "data" / slug) for p in again]
        for a, b in zip(first, again, strict=True):
            assert a.read_bytes() == b.read_bytes(), f"{slug}: {a.name} differs between runs"


def test_another_seed_gives_other_answers(home: Path, tmp_path: Path) -> None:
    other = generate("demo-en", tmp_path / "other", seed=7)
    assert (other / "survey.csv").read_bytes() != \
        (_folder(home, "demo-en") / "survey.csv").read_bytes()


def test_generate_replaces_an_existing_folder_and_leaves_no_temporary_folder(
        tmp_path: Path) -> None:
    target = tmp_path / "clients" / "demo-fr"
    target.mkdir(parents=True)
    (target / "stale.csv").write_text("old", encoding="utf-8")
    assert generate("demo-fr", target) == target
    assert not (target / "stale.csv").exists()
    assert (target / "client.yaml").is_file()
    assert [p.name for p in target.parent.iterdir()] == ["demo-fr"]


def test_failed_generation_keeps_the_previous_folder(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import cxlib.demo

    target = tmp_path / "demo-en"
    target.mkdir()
    (target / "client.yaml").write_text("client: previous\n", encoding="utf-8")

    def broken(client: object, folder: Path) -> None:
        (folder / "half-written.csv").write_text("x", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setattr(cxlib.demo, "write_client", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        generate("demo-en", target)
    assert (target / "client.yaml").read_text(encoding="utf-8") == "client: previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo-en"]


def test_error_if_slug_is_not_a_demo_client(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown demo client 'acme': choose one of demo-fr, "
                                         "demo-en"):
        generate("acme", tmp_path / "acme")


def test_french_survey_is_a_cp1252_semicolon_export_with_french_dates(home: Path) -> None:
    cfg = load_config("demo-fr")
    raw = (cfg.path / cfg.input_file("survey")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\xe9" in raw  # é in cp1252
    lines = raw.decode("cp1252").splitlines()
    header = lines[0].split(";")
    assert header[:4] == ["response_id", "customer_id", "wave", "date"]
    dates = [line.split(";")[3] for line in lines[1:200]]
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in dates)


def test_french_kpis_are_utf8_with_bom_and_decimal_commas(home: Path) -> None:
    cfg = load_config("demo-fr")
    raw = (cfg.path / cfg.input_file("kpis")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "kpi;period;stage_id;channel_id;value;base"
    assert re.search(r";\d+,\d+;\d+\r?$", text, flags=re.MULTILINE)
    assert re.search(r";01/\d{2}/\d{4};", text)


def test_french_workbooks_have_instructions_then_data_and_french_labels(home: Path) -> None:
    cfg = load_config("demo-fr")
    for name in ("personas", "persona_channels", "touchpoints", "interviews", "codebook",
                 "actions"):
        book = openpyxl.load_workbook(cfg.path / cfg.input_file(name), read_only=True)
        assert book.sheetnames == ["Instructions", "Données"], name
        book.close()
    book = openpyxl.load_workbook(cfg.path / cfg.input_file("touchpoints"))
    rows = list(book["Données"].iter_rows(values_only=True))
    header = rows[0]
    valences = {r[header.index("valence")] for r in rows[1:]}
    assert valences == {"enchantement", "neutre", "irritant", "rupture"}
    assert {r[header.index("moment_of_truth")] for r in rows[1:]} == {"oui", "non"}
    book = openpyxl.load_workbook(cfg.path / cfg.input_file("interviews"))
    rows = list(book["Données"].iter_rows(values_only=True))
    assert {r[rows[0].index("population")] for r in rows[1:]} == {"salarié", "client"}
    assert book.properties.created == book.properties.modified


def test_english_files_are_plain_csv_iso_dates_and_single_sheet_workbooks(home: Path) -> None:
    cfg = load_config("demo-en")
    raw = (cfg.path / cfg.input_file("survey")).read_bytes()
    text = raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert text.splitlines()[0].startswith("response_id,customer_id,wave,date,")
    assert re.search(r"^R\d{6},C\d{6},W[12],\d{4}-\d{2}-\d{2},", text, flags=re.MULTILINE)
    book = openpyxl.load_workbook(cfg.path / cfg.input_file("touchpoints"), read_only=True)
    assert book.sheetnames == ["touchpoints"]
    rows = list(book["touchpoints"].iter_rows(values_only=True))
    assert {r[rows[0].index("moment_of_truth")] for r in rows[1:]} == {"yes", "no"}
    book.close()
    assert (cfg.path / cfg.input_file("events")).suffix == ".parquet"


# -- sizes and shapes ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_configuration_has_the_promised_scope(home: Path, slug: str) -> None:
    cfg: ClientConfig = load_config(slug)
    assert 5 <= len(cfg.stages) <= 7
    assert {s.macro for s in cfg.stages} == {"before", "during", "after"}
    assert len(cfg.channels) >= 8
    assert {c.kind for c in cfg.channels} == {"digital", "physical", "human"}
    assert len(cfg.departments) >= 6
    assert cfg.wave_ids == ["W1", "W2"] and cfg.wave == "W2"
    assert all(w.label for w in cfg.waves)
    assert {"nps", "csat", "ces", "conversion", "retention", "churn", "first_response_time",
            "resolution_time"} <= set(cfg.targets)


def test_brand_colours_differ_between_clients(home: Path) -> None:
    fr, en = load_config("demo-fr").brand, load_config("demo-en").brand
    assert {fr.primary, fr.secondary}.isdisjoint({en.primary, en.secondary})


@pytest.mark.parametrize("slug", SLUGS)
def test_personas_are_complete(inputs: dict[str, Inputs], slug: str) -> None:
    personas = inputs[slug]["personas"].drop("__row__")
    assert personas.height >= 4
    assert personas.null_count().sum_horizontal().item() == 0
    assert personas["share_of_base"].sum() == pytest.approx(1.0)
    appetence = inputs[slug]["persona_channels"]
    cfg = inputs[slug].config
    assert appetence.height == personas.height * len(cfg.channels)
    assert appetence.select("persona_id", "channel_id").n_unique() == appetence.height


@pytest.mark.parametrize("slug", SLUGS)
def test_touchpoint_inventory_is_rich_with_gaps(inputs: dict[str, Inputs], slug: str) -> None:
    tps = inputs[slug]["touchpoints"]
    cfg = inputs[slug].config
    assert tps.height >= 50
    assert set(tps["valence"]) == {"enchantment", "neutral", "irritant", "rupture"}
    assert tps["moment_of_truth"].sum() >= 3
    assert tps["owner_department"].null_count() == 0
    cells = tps.select("stage_id", "channel_id").n_unique()
    assert cells < len(cfg.stages) * len(cfg.channels)


@pytest.mark.parametrize("slug", SLUGS)
def test_codebook_is_hierarchical(inputs: dict[str, Inputs], slug: str) -> None:
    codes = inputs[slug]["codebook"]
    assert 30 <= codes.height <= 50
    parents = codes.filter(pl.col("parent_id").is_null())
    assert set(parents["kind"]) == {"stage", "channel", "valence", "emotion", "theme"}
    assert set(codes["parent_id"].drop_nulls()) == set(parents["code_id"])
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in codes["colour"])


@pytest.mark.parametrize("slug", SLUGS)
def test_transcripts_are_realistic_interviews(inputs: dict[str, Inputs], slug: str) -> None:
    interviews = inputs[slug]["interviews"]
    texts = _transcripts(inputs[slug].config.path)
    assert len(texts) == interviews.height >= 20
    assert set(interviews["population"]) == {"employee", "customer"}
    assert interviews.filter(pl.col("population") == "employee")["department_id"] \
        .n_unique() >= 5
    assert interviews.filter(pl.col("population") == "customer")["persona_id"].n_unique() >= 4
    raw = (inputs[slug].config.path / "transcripts" / "I01.txt").read_bytes()
    assert b"\r" not in raw
    for interview_id, text in texts.items():
        assert 300 <= len(text.split()) <= 600, interview_id
        assert text.count(SPEAKER[slug]) >= 5, interview_id


@pytest.mark.parametrize("slug", SLUGS)
def test_transcripts_carry_pii_canaries(inputs: dict[str, Inputs], slug: str) -> None:
    text = " ".join(_transcripts(inputs[slug].config.path).values())
    assert EMAIL.search(text)
    assert PHONE.search(text)


@pytest.mark.parametrize("slug", SLUGS)
def test_coding_offsets_slice_the_intended_sentences(inputs: dict[str, Inputs],
                                                     slug: str) -> None:
    from cxlib.demo import _SPECS

    texts = _transcripts(inputs[slug].config.path)
    segments = build(_SPECS[slug], 2026).segments
    codings = inputs[slug]["codings"]
    assert codings.height == len(segments)
    for seg, row in zip(segments, codings.iter_rows(named=True), strict=True):
        assert (row["interview_id"], row["code_id"], row["start"], row["end"]) == \
            (seg.interview_id, seg.code_id, seg.start, seg.end)
        span = texts[seg.interview_id][seg.start:seg.end]
        assert span and span == span.strip() == seg.text
        assert span[-1] in ".!?»", span
        assert texts[seg.interview_id][seg.start - 1] in " :", span


@pytest.mark.parametrize("slug", SLUGS)
def test_two_coders_overlap_and_mostly_agree(inputs: dict[str, Inputs], slug: str) -> None:
    codings = inputs[slug]["codings"]
    first, second = TRUTHS[slug]["coders"]
    assert set(codings["coder"]) == {first, second}
    by = {c: codings.filter(pl.col("coder") == c) for c in (first, second)}
    shared = set(by[first]["interview_id"]) & set(by[second]["interview_id"])
    assert len(shared) >= 10
    key = ["interview_id", "code_id", "start", "end"]
    a = by[first].filter(pl.col("interview_id").is_in(shared)).select(key)
    b = by[second].select(key)
    agreement = a.join(b, on=key, how="semi").height / a.height
    assert 0.6 < agreement < 0.95


@pytest.mark.parametrize("slug", SLUGS)
def test_survey_has_two_waves_scores_and_verbatims(inputs: dict[str, Inputs],
                                                   slug: str) -> None:
    survey = inputs[slug]["survey"]
    cfg = inputs[slug].config
    assert survey.height >= 5000
    assert survey["wave"].value_counts().height == 2
    assert {f"sat_{s}" for s in cfg.ids("stages")} <= set(survey.columns)
    assert survey["nps"].null_count() == 0
    filled = survey["verbatim"].drop_nulls()
    assert 0.2 <= filled.len() / survey.height <= 0.4
    assert filled.n_unique() > 100
    assert filled.str.contains(EMAIL.pattern).sum() > 5
    assert filled.str.contains(r"\d\d[ .]?\d\d[ .]?\d\d").sum() > 5


@pytest.mark.parametrize("slug", SLUGS)
def test_events_are_journeys_on_existing_touchpoints(inputs: dict[str, Inputs],
                                                     slug: str) -> None:
    events = inputs[slug]["events"]
    assert events.height >= 200_000
    assert set(events["outcome"].drop_nulls()) == {"converted", "abandoned", "resolved",
                                                  "unresolved"}
    cells = inputs[slug]["touchpoints"].select("touchpoint_id", "stage_id", "channel_id")
    named = events.filter(pl.col("touchpoint_id").is_not_null())
    assert named.height > 0.95 * events.height
    assert named.join(cells, on=["touchpoint_id", "stage_id", "channel_id"],
                      how="anti").height == 0
    order = events.sort("customer_id", "timestamp", maintain_order=True)
    switches = order.select((pl.col("channel_id") != pl.col("channel_id").shift())
                            .over("customer_id").mean()).item()
    assert switches > 0.3
    per_customer = events.group_by("customer_id").agg(pl.col("stage_id").n_unique())
    assert per_customer["stage_id"].max() == len(inputs[slug].config.stages)
    assert per_customer["stage_id"].min() == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_kpis_and_actions(inputs: dict[str, Inputs], slug: str) -> None:
    kpis = inputs[slug]["kpis"]
    assert {"conversion", "retention", "churn", "first_response_time",
            "resolution_time"} <= set(kpis["kpi"])
    assert kpis["period"].n_unique() >= 12
    assert kpis.filter(pl.col("stage_id").is_not_null() | pl.col("channel_id")
                       .is_not_null()).height > 0
    actions = inputs[slug]["actions"]
    assert 8 <= actions.height <= 15


# -- the planted truths -------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_irritant_touchpoint_drives_detractors(inputs: dict[str, Inputs],
                                                     slug: str) -> None:
    truth = TRUTHS[slug]
    survey = inputs[slug]["survey"]
    tps = inputs[slug]["touchpoints"]
    tp = tps.filter(pl.col("touchpoint_id") == truth["detractor_driver_touchpoint"])
    assert tp["valence"].item() == "irritant" and tp["stage_id"].item() == \
        truth["detractor_driver_stage"]
    detractor = pl.col("nps") <= 6
    on = pl.col("touchpoint_id") == truth["detractor_driver_touchpoint"]
    rate_on = survey.filter(on).select(detractor.mean()).item()
    rate_off = survey.filter(~on).select(detractor.mean()).item()
    assert survey.filter(on).height >= 300
    assert rate_on >= 0.5 and rate_on >= 2.5 * rate_off
    sats = [c for c in survey.columns if c.startswith("sat_")]
    complete = survey.drop_nulls([*sats, "nps"])
    y = complete["nps"].to_numpy().astype(float)
    corr = {c: np.corrcoef(complete[c].to_numpy(), y)[0, 1] for c in sats}
    x = np.column_stack([(complete[c].to_numpy() - complete[c].mean()) / complete[c].std()
                         for c in sats] + [np.ones(complete.height)])
    beta = dict(zip(sats, np.linalg.lstsq(x, y, rcond=None)[0], strict=False))
    driver = f"sat_{truth['detractor_driver_stage']}"
    assert max(corr, key=corr.get) == driver
    assert max(beta, key=beta.get) == driver
    assert beta[driver] > 2 * max(v for k, v in beta.items() if k != driver)


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_prospects_drop_out_on_one_channel(inputs: dict[str, Inputs], slug: str) -> None:
    truth = TRUTHS[slug]
    journeys = inputs[slug]["events"].group_by("customer_id").agg(
        (pl.col("outcome") == "abandoned").any().alias("abandoned"),
        ((pl.col("stage_id") == truth["dropout_stage"])
         & (pl.col("channel_id") == truth["dropout_channel"])).any().alias("on_channel"),
    )
    rates = dict(journeys.group_by("on_channel").agg(pl.col("abandoned").mean()).iter_rows())
    assert journeys["on_channel"].sum() >= 2000
    assert rates[True] >= 0.38 and rates[False] <= 0.16


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_store_first_persona_is_mostly_digital(inputs: dict[str, Inputs],
                                                     slug: str) -> None:
    truth = TRUTHS[slug]
    cfg = inputs[slug].config
    kinds = {c.id: c.kind for c in cfg.channels}
    declared = dict(inputs[slug]["persona_channels"].filter(
        pl.col("persona_id") == truth["store_first_persona"]).select(
        "channel_id", "appetence").iter_rows())
    assert declared[truth["store_channel"]] == 3
    assert all(declared[c] <= 1 for c, k in kinds.items() if k == "digital")
    events = inputs[slug]["events"].with_columns(
        pl.col("channel_id").replace_strict(kinds).alias("kind"))
    share = dict(events.group_by("persona_id").agg((pl.col("kind") == "digital").mean())
                 .iter_rows())
    assert share[truth["store_first_persona"]] >= 0.7
    skip = events.sort("timestamp").group_by("customer_id", maintain_order=True).agg(
        pl.first("stage_id"), pl.first("persona_id"))
    first_stage = cfg.ids("stages")[0]
    starts = dict(skip.group_by("persona_id").agg((pl.col("stage_id") != first_stage).mean())
                  .iter_rows())
    others = [v for k, v in starts.items() if k != truth["store_first_persona"]]
    assert starts[truth["store_first_persona"]] > max(others)


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_a_department_owns_touchpoints_but_was_never_interviewed(
        inputs: dict[str, Inputs], slug: str) -> None:
    dept = TRUTHS[slug]["uninterviewed_department"]
    assert dept in inputs[slug].config.ids("departments")
    assert inputs[slug]["touchpoints"].filter(pl.col("owner_department") == dept).height >= 3
    assert dept not in set(inputs[slug]["interviews"]["department_id"].drop_nulls())


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_a_rated_touchpoint_has_no_evidence(inputs: dict[str, Inputs],
                                                  slug: str) -> None:
    tp_id = TRUTHS[slug]["unevidenced_touchpoint"]
    tp = inputs[slug]["touchpoints"].filter(pl.col("touchpoint_id") == tp_id)
    assert tp["valence"].item() in ("enchantment", "irritant")
    assert inputs[slug]["survey"].filter(pl.col("touchpoint_id") == tp_id).height == 0
    name = tp["name"].item().lower()
    texts = _transcripts(inputs[slug].config.path)
    coded = [texts[i][s:e].lower() for i, s, e in
             inputs[slug]["codings"].select("interview_id", "start", "end").iter_rows()]
    assert not any(name in c for c in coded)
    assert not any(name in t.lower() for t in texts.values())
    assert not inputs[slug]["survey"]["verbatim"].drop_nulls().str.to_lowercase() \
        .str.contains(name, literal=True).any()


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_nps_rises_significantly_but_not_in_the_small_segment(
        inputs: dict[str, Inputs], slug: str) -> None:
    truth = TRUTHS[slug]
    survey = inputs[slug]["survey"]
    diff, z, n1, n2 = _change(survey)
    assert diff > 5 and z > 1.96 and min(n1, n2) >= 2500
    diff, z, n1, n2 = _change(survey, pl.col("channel_id") == truth["nps_stable_channel"])
    assert 30 <= n1 <= 60 and 30 <= n2 <= 60
    assert abs(z) < 1.96
    w2 = survey.filter(pl.col("wave") == "W2")
    low = w2.filter(pl.col("channel_id") == truth["low_base_channel"]).height
    tiny = w2.filter(pl.col("channel_id") == truth["suppressed_channel"]).height
    assert 10 <= low < 30
    assert 1 <= tiny < 10


@pytest.mark.parametrize("slug", SLUGS)
def test_truth_an_enchantment_moment_of_truth_delights(inputs: dict[str, Inputs],
                                                       slug: str) -> None:
    tp_id = TRUTHS[slug]["enchantment_moment_of_truth"]
    tp = inputs[slug]["touchpoints"].filter(pl.col("touchpoint_id") == tp_id)
    assert tp["valence"].item() == "enchantment" and tp["moment_of_truth"].item()
    survey = inputs[slug]["survey"]
    on = survey.filter(pl.col("touchpoint_id") == tp_id)
    off = survey.filter(pl.col("touchpoint_id") != tp_id)
    assert on.height >= 300
    assert (on["csat"] >= 4).mean() >= 0.9 > (off["csat"] >= 4).mean()
    assert _nps(on["nps"])[0] > _nps(off["nps"])[0] + 10
