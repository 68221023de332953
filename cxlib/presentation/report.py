"""Turn an executed notebook into a self-contained HTML deliverable, and index a run.

The project's nbconvert template (``templates/report/``) shows no code, no prompts, no
stderr, no widget; it adds the client's branded header, a table of contents built from the
report's headings, a footer, and — once per page, only when the page holds charts — the
vega libraries that ship with vl-convert, so every chart draws with no network. Files are
written atomically: a reader never finds a half-written page.
"""

from __future__ import annotations

import base64
import functools
import html
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import nbformat

from cxlib import paths
from cxlib.errors import RunError
from cxlib.i18n import date_text, t
from cxlib.presentation.render import vega_bundle

__all__ = ["export_html", "vega_bundle", "write_index"]

_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.S)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_BUNDLE_MARK = "/* vega bundle */"
_REMOVE_CELL = {"remove-cell"}
_REMOVE_OUTPUT = {"remove-output"}
_LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg"}
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _template_dir() -> Path:
    return paths.templates_dir() / "report"


def _write_atomic(target: Path, text: str) -> Path:
    """Write ``text`` to ``target`` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600: give the usual mode
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _logo_uri(logo: object) -> str | None:
    if not logo:
        return None
    path = Path(str(logo))
    kind = _LOGO_TYPES.get(path.suffix.lower())
    if kind is None or not path.is_file():
        return None
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _date_text(day: str, lang: str) -> str:
    return date_text(date.fromisoformat(day), "long", lang)


def _frame(meta: Mapping[str, Any], title: str) -> dict[str, Any]:
    """Values the header, footer and labels of every page share."""
    lang = str(meta["language"])
    return {
        "language": lang,
        "client": meta["client"],
        "title": title,
        "wave_label": meta["wave_label"],
        "date_text": _date_text(str(meta["date"]), lang),
        "primary": meta["primary"],
        "secondary": meta["secondary"],
        "logo": _logo_uri(meta.get("logo")),
        "labels": {
            **{key: t(f"report_{key}", lang) for key in ("contents", "wave", "date",
                                                          "index_link")},
            **{key: t(f"index_{key}", lang) for key in ("report", "summary", "status",
                                                          "appendix")},
        },
        "footer": t("report_footer", lang, client=meta["client"], title=title,
                    wave=meta["wave_label"], run=meta["run_id"]),
    }


def _cell_html(cell: nbformat.NotebookNode) -> list[str]:
    return [str(out.get("data", {}).get("text/html", ""))
            for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]


def _html_outputs(nb: nbformat.NotebookNode) -> list[str]:
    return [part for cell in nb.cells if cell.cell_type == "code" for part in _cell_html(cell)]


def _fragments(nb: nbformat.NotebookNode) -> list[str]:
    """Return the HTML of the page in cell order: outputs, and markdown cells rendered.

    A report's markdown cells are all removed; a consultant's appendix keeps its own,
    whose headings enter the contents as the outputs' do.
    """
    from nbconvert.filters.markdown import markdown2html

    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            out.append(markdown2html(cell.source))
        elif cell.cell_type == "code":
            out += _cell_html(cell)
    return out


def _contents(fragments: Sequence[str]) -> list[dict[str, Any]]:
    """Return the contents: the page's ``<h2>`` headings, each with its ``<h3>``."""
    toc: list[dict[str, Any]] = []
    for fragment in fragments:
        for level, anchor, inner in _HEADING.findall(fragment):
            inner = _ANCHOR_LINK.sub("", inner)  # the ¶ nbconvert adds to markdown headings
            text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
            entry = {"id": html.unescape(anchor), "text": text, "children": []}
            if level == "2" or not toc:
                toc.append(entry)
            else:
                toc[-1]["children"].append(entry)
    return toc


def _clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what must never reach a deliverable: removed cells, widgets, their state."""
    nb.metadata.pop("widgets", None)
    kept = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & _REMOVE_CELL:
            continue
        if cell.cell_type == "code":
            if tags & _REMOVE_OUTPUT:
                cell.outputs = []
            cell.outputs = [
                out for out in cell.get("outputs", [])
                if "application/vnd.jupyter.widget-view+json" not in out.get("data", {})
            ]
        kept.append(cell)
    nb.cells = kept
    return nb


@functools.lru_cache(maxsize=2)
def _exporter(templates: str) -> Any:
    """Return the report exporter: made once, its templates compiled once (0.08 s each)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="report", extra_template_basedirs=[templates],
                        exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True,
                        anchor_link_text="")  # no ¶ after an appendix's markdown headings


def export_html(notebook_path: Path, html_path: Path, meta: Mapping[str, Any]) -> Path:
    """Render an executed notebook to a self-contained HTML report.

    Parameters
    ----------
    notebook_path : Path
        The notebook executed by papermill.
    html_path : Path
        Where to write the page; replaced atomically.
    meta : mapping
        ``client``, ``wave_label``, ``language``, ``date`` (ISO), ``run_id``, ``primary``,
        ``secondary``, ``logo`` (path or None) and ``title``.

    Returns
    -------
    Path
        ``html_path``.

    Raises
    ------
    RunError
        When the notebook is one papermill marked as failed: it is never published.
    """
    nb = nbformat.read(notebook_path, as_version=4)
    lang = str(meta["language"])
    if nb.metadata.get("papermill", {}).get("exception"):
        raise RunError(t("notebook_unfinished", lang, notebook=notebook_path.stem,
                         kept=paths.display(notebook_path)))
    nb = _clean(nb)
    fragments = _fragments(nb)
    has_charts = any('class="cx-chart"' in f for f in _html_outputs(nb))
    cx = {
        **_frame(meta, str(meta["title"])),
        "toc": _contents(fragments),
        # The 0.9 MB bundle goes in after export: nbconvert re-parses the page it renders.
        "bundle": _BUNDLE_MARK if has_charts else "",
        "chart_error": t("report_chart_error", lang, error="{error}"),
        "index_link": True,
    }
    body, _resources = _exporter(str(paths.templates_dir())).from_notebook_node(
        nb, resources={"cx": cx})
    if has_charts:
        body = body.replace(_BUNDLE_MARK, vega_bundle(), 1)
    return _write_atomic(html_path, body)


def write_index(run_dir: Path, entries: Sequence[Mapping[str, str]],
                meta: Mapping[str, Any], front: Mapping[str, Any] | None = None,
                front_error: str = "", partial: str = "") -> Path:
    """Write ``index.html``: the executive summary, then every report of the run.

    Parameters
    ----------
    run_dir : Path
        The run's folder (the reports are siblings of the index).
    entries : sequence of mapping
        One per report: ``title``, ``file``, ``status`` (``ok``, ``failed`` or ``skipped``:
        no data for it yet, ``summary`` then saying what would enable it), ``summary``;
        ``kind`` is ``appendix`` for a consultant's notebook (labelled so), after the
        reports.
    meta : mapping
        As for :func:`export_html` (``title`` is not needed).
    front : mapping, optional
        The executive summary (:func:`~.front.front_page`); without it the page only
        lists the reports.
    front_error : str
        Why the summary could not be written, shown under the list of reports.
    partial : str
        For a run of some notebooks only, the warning shown at the top of the page.

    Returns
    -------
    Path
        The index page.
    """
    import jinja2

    lang = str(meta["language"])
    title = t("index_title", lang)
    cx = {**_frame(meta, title), "index_link": False,
          "intro": t("index_intro", lang, run=meta["run_id"],
                     n=sum(entry["status"] != "skipped" for entry in entries))}
    rows = [{**entry, "status_label": t(f"status_{entry['status']}", lang)}
            for entry in entries]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_template_dir()),
                             autoescape=False, keep_trailing_newline=True)
    page = env.get_template("run_index.html.j2").render(cx=cx, entries=rows, front=front,
                                                        front_error=front_error,
                                                        partial=partial)
    return _write_atomic(run_dir / "index.html", page)
