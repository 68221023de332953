"""The consultant's own notebook: ``cx notebook CLIENT`` writes it, paired with a script.

A consultant digs beyond the standard reports in a notebook of their own,
``notebooks/work/<client>/<name>.ipynb`` (git-ignored), that ``cx run CLIENT --with`` can
publish as an appendix of the run. :func:`create_workbook` writes it pre-filled — the
runner's ``parameters`` cell, a cell loading the client's validated inputs, and short
examples of the analyst's API (``API.md``), each under a markdown cell saying what it
shows and guarded by :meth:`~cxlib.inputs.loaders.Inputs.has` so that it only uses data the
client has — and never overwrites one. Beside it, jupytext's percent-format ``.py`` twin
diffs well; the notebook's pairing metadata keeps both in sync in JupyterLab.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import NamedTuple

import nbformat

from cxlib import paths
from cxlib.errors import CxError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig, load_config

__all__ = ["DEFAULT_NAME", "PAIRING", "Workbook", "create_workbook", "work_dir", "workbook"]

#: The name of a consultant's notebook when none is given.
DEFAULT_NAME = "deep-dive"
#: jupytext's pairing of the notebook with its percent-format script.
PAIRING = "ipynb,py:percent"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


class Workbook(NamedTuple):
    """The files :func:`create_workbook` wrote, and the client's language."""

    notebook: Path
    script: Path
    language: str


def work_dir(slug: str) -> Path:
    """Return ``notebooks/work/<slug>/``, where a client's own notebooks live.

    Parameters
    ----------
    slug : str
        The client's folder name under ``data/``.

    Returns
    -------
    Path
        The folder, under the project root (``CX_HOME`` when set); it may not exist.
    """
    return paths.root() / "notebooks" / "work" / slug


_PARAMETERS = '''\
client = "{slug}"  # client folder under data/
run_id = ""  # set by the runner
language = ""  # fr or en; empty: the client's language'''

_LOAD = '''\
import polars as pl

from cxlib import Page, load_inputs

# the client's theme, language and report blocks; its inputs, validated as by cx validate
page = Page(client, "{name}", language=language)
inputs = load_inputs(client)
cfg, lang = inputs.config, page.lang'''

_JOURNEYS = '''\
from cxlib.journeys import transitions, variants

if inputs.has("events"):
    events = inputs["events"].with_columns(  # labels instead of ids
        pl.col("stage_id").replace(cfg.labels("stages")),
        pl.col("channel_id").replace(cfg.labels("channels")),
    )
    page.table(
        transitions(events, activity="channel_id").head(10),
        labels={{"source": "wb_col_from", "target": "wb_col_to", "count": "col_count"}},
        integers=["count"],
        title="wb_transitions_title",
    )
    page.table(
        variants(events, activity="stage_id", limit=5),
        labels={{"variant": "wb_col_path", "steps": "wb_col_steps", "cases": "col_cases",
                "share": "wb_col_share"}},
        integers=["steps", "cases"],
        percents={{"share": 0}},
        title="wb_variants_title",
    )
else:
    page.text("wb_no_data", table="events")'''

_KPIS = '''\
from cxlib.kpis import nps

if inputs.has("survey"):
    by_wave = nps(inputs["survey"], by=["wave"], scale=cfg.scales["nps"],
                  min_base=cfg.min_base)
    by_wave = by_wave.filter(pl.col("base") != "suppressed").with_columns(
        pl.col("wave").replace(cfg.labels("waves")))
if not inputs.has("survey"):
    page.text("wb_no_data", table="survey")
elif by_wave.is_empty():
    page.text("kp_no_segment", suppress=cfg.min_base.suppress)
else:
    page.table(
        by_wave,
        labels={{"wave": "col_wave", "n": "col_n", "nps": "wb_col_nps",
                "ci_low": "wb_col_low", "ci_high": "wb_col_high"}},
        integers=["n"],
        decimals={{"nps": 0, "ci_low": 0, "ci_high": 0}},
    )'''

_CHART = '''\
if inputs.has("survey", "stage_id"):
    by_stage = nps(inputs["survey"].drop_nulls("stage_id"), by=["stage_id"],
                   scale=cfg.scales["nps"], min_base=cfg.min_base)
    shown = by_stage.filter(pl.col("base") != "suppressed").with_columns(
        label=pl.col("stage_id").replace(cfg.labels("stages")),
        status=pl.lit(None, pl.String),
    )
if not inputs.has("survey"):
    page.text("wb_no_data", table="survey")
elif not inputs.has("survey", "stage_id"):
    page.text("wb_no_column", table="survey", column="stage_id")
elif shown.is_empty():
    page.text("kp_no_segment", suppress=cfg.min_base.suppress)
else:
    page.chart(
        page.charts.interval_bars(
            shown,
            title=page.t("wb_chart"),
            label="label",
            value="nps",
            low="ci_low",
            high="ci_high",
            value_title="NPS",
            target=cfg.targets.get("nps"),
            domain=(-100, 100),
            sort=[s for s in cfg.labels("stages").values() if s in shown["label"].to_list()],
        )
    )'''

_QUOTES = '''\
from cxlib.coding import quotable, read_transcript, redact

if inputs.has("interviews") and inputs.has("codings"):
    people = inputs.with_columns("interviews", "respondent", "interviewer")
    roster = pl.concat([  # the names a quote must never carry, and the role replacing each
        people.select(name="respondent", label=pl.col("population").replace(
            {{"customer": page.t("iv_customer"), "employee": page.t("iv_employee")}})),
        people.select(name="interviewer", label=pl.lit(page.t("iv_interviewer_label"))),
    ]).drop_nulls("name")
    passages = inputs["codings"].join(  # only respondents who agreed to be quoted
        quotable(inputs["interviews"]), on="interview_id"
    ).unique("interview_id", keep="first", maintain_order=True).head(3)
    quotes = []
    for row in passages.iter_rows(named=True):
        transcript = read_transcript(cfg.path / "transcripts" / row["transcript_file"], lang)
        text = " ".join(transcript.quote(row["start"], row["end"]).split())[:400]
        quotes.append({{"text": redact(text, roster, lang),
                       "who": page.t(f"iv_{{row['population']}}")}})
    page.quoted_items([{{"title": page.t("wb_quotes_title", n=len(quotes)),
                        "quotes": quotes}}])
else:
    page.text("wb_no_data", table="interviews" if not inputs.has("interviews") else "codings")'''


def _markdown(source: str, removed: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    if removed:
        cell.metadata["tags"] = ["remove-cell"]
    return cell


def _code(source: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def workbook(cfg: ClientConfig, name: str = DEFAULT_NAME) -> nbformat.NotebookNode:
    """Return the pre-filled notebook of a client, in the client's language.

    Parameters
    ----------
    cfg : ClientConfig
        The client's configuration: its folder name and language.
    name : str
        The notebook's name (its file stem).

    Returns
    -------
    nbformat.NotebookNode
        A version 4 notebook without outputs, paired with its percent-format script.
    """
    lang = cfg.language
    folder = paths.display(work_dir(cfg.slug))
    guide = t("wb_guide", lang, client=cfg.slug, notebook=f"{folder}/{name}.ipynb",
              file=f"{name}.ipynb", script=f"{name}.py")
    values = {"slug": cfg.slug, "name": name}

    def section(key: str, code: str) -> list[nbformat.NotebookNode]:
        text = f"## {t(key, lang)}\n\n{t(f'{key}_text', lang)}"
        return [_markdown(text), _code(code.format(**values))]

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _markdown(f"# {t('wb_title', lang)}\n\n{t('wb_intro', lang)}"),
        _markdown(guide, removed=True),
        _code(_PARAMETERS.format(**values), ("parameters",)),
        _code(_LOAD.format(**values)),
        *section("wb_journeys", _JOURNEYS),
        *section("wb_kpis", _KPIS),
        *section("wb_chart", _CHART),
        *section("wb_quotes", _QUOTES),
    ]
    nb.metadata["kernelspec"] = dict(_KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["jupytext"] = {"formats": PAIRING}
    return nb


def create_workbook(slug: str, name: str = DEFAULT_NAME) -> Workbook:
    """Write a client's own notebook and its paired script; never overwrite one.

    Parameters
    ----------
    slug : str
        The client's folder name under ``data/``.
    name : str
        The notebook's name: letters, digits, ``_`` or ``-`` (a trailing ``.ipynb`` is
        dropped).

    Returns
    -------
    Workbook
        ``notebooks/work/<slug>/<name>.ipynb``, its ``.py`` twin and the client's language.

    Raises
    ------
    ConfigError
        If the client does not exist or its ``client.yaml`` is invalid.
    CxError
        If the name is not a plain file name, or either file already exists.
    """
    import jupytext

    cfg = load_config(slug)
    lang = cfg.language
    name = name.removesuffix(".ipynb")
    if not _NAME.match(name):
        raise CxError(t("wb_bad_name", lang, name=name))
    folder = work_dir(cfg.slug)
    notebook, script = folder / f"{name}.ipynb", folder / f"{name}.py"
    for existing in (notebook, script):
        if existing.exists():
            raise CxError(t("wb_exists", lang, file=paths.display(existing), client=cfg.slug))
    nb = workbook(cfg, name)
    nbformat.validate(nb)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with notebook.open("x", encoding="utf-8") as handle:  # never replaces a notebook
            nbformat.write(nb, handle)
    except FileExistsError as exc:  # created between the check and here
        raise CxError(t("wb_exists", lang, file=paths.display(notebook),
                        client=cfg.slug)) from exc
    # written after the notebook: jupytext reads a paired script older than its notebook
    # as out of date
    jupytext.write(copy.deepcopy(nb), script, fmt="py:percent")
    return Workbook(notebook, script, lang)
