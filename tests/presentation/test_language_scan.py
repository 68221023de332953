"""Every deliverable of both demo clients speaks one language, the client's, to a person.

The scan reads what a reader sees or hears: the visible text of every HTML report and of
the front page, their accessible labels (``aria-label``, ``alt``, ``title``), the titles a
chart shows (chart, axes, legends, tooltip fields — and the field name Vega-Lite shows
when a field has no title), the text of the Excel workbooks and of the deck. It finds:

* raw field names: the data contract's snake_case column names (from
  :data:`cxlib.inputs.schemas.TABLES`), any other snake_case identifier that is not one
  of the client's own ids, sheet or file names shown as data, and a table or column name
  of the contract between quotation marks (except in the sentences that tell the
  consultant which table to add, where the name is what goes into ``client.yaml``);
* words of the other language: tell-tale words of each language, taken from the message
  catalogs (a word of one catalog used at least three times that the other never uses,
  nor the scanned client's own data: no proper noun nor client word qualifies; a short
  list of words both languages write is left out);
* dates not written dd/mm/yyyy (nor "December 6, 2026"), in text and in the workbooks'
  date cells; percentages written as the other language does ("95%" in French);
* charts whose accessible label says nothing ("chart"), and chart fields shown by their
  bare name because they have no title.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

DEMOS = ("demo-fr", "demo-en")
#: Words both languages write (homographs, loanwords, a test's name): never tell-tales.
SHARED = {"atelier", "bank", "break", "card", "check", "dossier", "double", "driver", "est",
          "fin", "fisher", "fisher's", "forte", "gap", "journal", "layout", "mal", "mapping",
          "note", "notes", "once", "par", "passe", "porte", "sans", "son", "status",
          "template", "tour", "workshop"}
#: Labels that say a chart is a chart, not what it shows.
EMPTY_LABELS = {"chart", "graphique", "figure", "image", "graph", "vega", "visualization"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SNAKE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-]|\.\w)")
#: Numeric dates: day first with a four-digit year is the only accepted form.
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
SHORT_YEAR = re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}/\d{2}(?![\w/])")
MONTH_FIRST = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December) \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b")
DAY_FIRST = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
#: A name between quotation marks, as messages name a table or a column.
QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+)”|(?<!\w)'([^']+)'(?!\w)")
#: A percentage as the other language writes it: "95%" in French, "95 %" in English.
BAD_PERCENT = {"fr": re.compile(r"\d%"), "en": re.compile(r"\d[\s\u00a0\u202f]%")}
FILE_NAME = re.compile(r"[\w.-]+\.(?:xlsx|xls|csv|parquet|txt|docx|pdf|pptx|json|xml|qdpx|"
                       r"xes|html|ipynb|yaml)\b", re.I)
#: Encoding channels whose field name shows (axis, legend or tooltip title) when untitled.
TITLED_CHANNELS = ("x", "y", "color", "fill", "stroke", "size", "shape", "opacity",
                   "strokeDash", "row", "column", "facet", "tooltip")


# -- what a reader sees ---------------------------------------------------------------


class _Page(HTMLParser):
    """Visible text (``text``, with ``cells`` for table data), labels and chart specs."""

    SKIP: ClassVar = {"script", "style", "template", "noscript"}
    VOID: ClassVar = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.cells: list[str] = []
        self.labels: list[str] = []
        self.specs: list[dict] = []
        self.chart_labels: list[str] = []
        self._stack: list[str] = []
        self._spec: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.labels += [v for k, v in attrs if k in ("aria-label", "alt", "title") and v]
        if "cx-chart" in (values.get("class") or "").split():
            self.chart_labels.append(values.get("aria-label") or "")
        if tag == "script" and "cx-spec" in (values.get("class") or ""):
            self._spec = []
        if tag not in self.VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass
        if tag == "script" and self._spec is not None:
            self.specs.append(json.loads("".join(self._spec)))
            self._spec = None

    def handle_data(self, data: str) -> None:
        if self._spec is not None:
            self._spec.append(data)
        elif not self.SKIP & set(self._stack) and data.strip():
            if "title" in self._stack:
                self.labels.append(data)
            elif "td" in self._stack:
                self.cells.append(data)
            else:
                self.text.append(data)


def _explicit(definition: dict) -> bool:
    """Whether a channel says its own title (or hides it) rather than showing the field."""
    guides = [definition.get(k, {}) for k in ("axis", "legend", "header")]
    return "title" in definition or any(g is None or (isinstance(g, dict) and "title" in g)
                                        for g in guides)


def _title_of(value: object, titles: list[str]) -> None:
    """Add what a ``title`` shows (text, lines, subtitle) to ``titles``."""
    if isinstance(value, dict):
        _title_of(value.get("text"), titles)
        _title_of(value.get("subtitle"), titles)
    elif isinstance(value, list):
        titles.extend(str(v) for v in value)
    elif isinstance(value, str) and value.strip():
        titles.append(value)


def _channel(name: str, definition: object, titled: set[str], titles: list[str],
             bare: list[str]) -> None:
    """Add a channel's titles, or its bare field when it shows one."""
    for item in definition if isinstance(definition, list) else [definition]:
        if not isinstance(item, dict):
            continue
        _title_of(item.get("title"), titles)
        for key in ("axis", "legend", "header"):
            if isinstance(item.get(key), dict):
                _title_of(item[key].get("title"), titles)
        shared = name != "tooltip" and name in titled
        if "field" in item and name in TITLED_CHANNELS and not _explicit(item) \
                and not shared:
            bare.append(str(item["field"]))


def _walk(node: object, titled: set[str], titles: list[str], bare: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, titled, titles, bare)
        return
    if not isinstance(node, dict):
        return
    _title_of(node.get("title"), titles)
    _title_of(node.get("description"), titles)
    layers = [node, *(node.get("layer") or [])]
    titled = titled | {name for layer in layers if isinstance(layer, dict)
                       for name, d in (layer.get("encoding") or {}).items()
                       if isinstance(d, dict) and _explicit(d)}
    for name, definition in (node.get("encoding") or {}).items():
        _channel(name, definition, titled, titles, bare)
    _walk(node.get("layer"), titled, titles, bare)
    for key in ("hconcat", "vconcat", "concat", "spec"):
        _walk(node.get(key), set(), titles, bare)


def spec_texts(spec: object) -> tuple[list[str], list[str]]:
    """Return the titles a chart shows, and the fields it shows by their bare name.

    A field without a title shows its name on its axis, legend or tooltip; on an axis or a
    legend shared by layers, a title given by any layer is shown instead.
    """
    titles: list[str] = []
    bare: list[str] = []
    _walk(spec, set(), titles, bare)
    return titles, bare


def html_texts(path: Path) -> dict[str, list[str]]:
    """Return what a page says: ``text``, ``cells``, ``labels``, chart ``titles``, ``bare``."""
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    found = {"text": parser.text, "cells": parser.cells, "labels": parser.labels,
             "titles": [], "bare": [],
             "charts": [label for label in parser.chart_labels
                        if label.strip().casefold() in EMPTY_LABELS | {""}]}
    for spec in parser.specs:
        titles, bare = spec_texts(spec)
        found["titles"] += titles
        found["bare"] += bare
    return found


def workbook_texts(path: Path) -> dict[str, list[str]]:
    """Return a workbook's sheet names and header rows (``text``), other cells (``cells``)
    and the number formats of its date cells (``dates``)."""
    import openpyxl

    found: dict[str, list[str]] = {"text": [], "cells": [], "dates": []}
    for sheet in openpyxl.load_workbook(path).worksheets:
        found["text"].append(sheet.title)
        for number, row in enumerate(sheet.iter_rows(), start=1):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    found["dates"].append(f"{sheet.title}!{cell.coordinate} "
                                          f"{cell.number_format}")
                elif isinstance(cell.value, str) and cell.value.strip():
                    found["text" if number == 1 else "cells"].append(cell.value)
    return found


def deck_texts(path: Path) -> dict[str, list[str]]:
    """Return a deck's text: frames, table cells, notes and pictures' alternative text."""
    from pptx import Presentation

    found: dict[str, list[str]] = {"text": [], "cells": [], "labels": []}

    def shape_texts(shape: object) -> None:
        described = shape._element.xpath("./*/p:cNvPr/@descr")
        found["labels"] += [d for d in described if d.strip()]
        if getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
            found["text"].append(shape.text_frame.text)
        if getattr(shape, "has_table", False):
            for row in shape.table.rows:
                found["cells"] += [c.text for c in row.cells if c.text.strip()]
        for child in getattr(shape, "shapes", []):
            shape_texts(child)

    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            shape_texts(shape)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip():
            found["text"].append(slide.notes_slide.notes_text_frame.text)
    return found


# -- what must not be there -----------------------------------------------------------


def contract_fields() -> set[str]:
    """Every snake_case name of the data contract: columns and codes."""
    from cxlib.inputs.schemas import ENUMS, TABLES

    names = {c.name for t in TABLES.values() for c in t.columns}
    names |= {code for codes in ENUMS.values() for code in codes}
    return {n for n in names if "_" in n}


def contract_names() -> set[str]:
    """Every name of the data contract, tables and columns, one word or several."""
    from cxlib.inputs.schemas import TABLES

    return set(TABLES) | {c.name for t in TABLES.values() for c in t.columns}


def client_data(inputs: object, folder: Path) -> set[str]:
    """The client's own ids, codes and file names: shown as data, they are no field name."""
    import openpyxl
    import polars as pl

    values: set[str] = {p.stem for p in folder.rglob("*")}
    for book in folder.glob("*.xlsx"):  # the client's own sheet names, as read
        values |= set(openpyxl.load_workbook(book, read_only=True).sheetnames)
    cfg = inputs.config
    for kind in ("stages", "channels", "departments", "waves"):
        values |= set(cfg.labels(kind))
    for frame in inputs.values():
        for column in frame.columns:
            if column.endswith("_id") or column in ("code_id", "kpi", "coder", "wave"):
                if frame[column].dtype == pl.String:
                    values |= {v for v in frame[column].unique().to_list() if v}
    return values


def telltales(lang: str, other_data: str) -> set[str]:
    """Words of ``lang`` that its catalogs use at least three times, the other language's
    catalogs never, and the other demo client's data never (no shared word, no name)."""
    from cxlib.i18n import _load_catalog

    def words(text: str) -> Counter:
        return Counter(w.casefold() for w in WORD.findall(re.sub(r"\{[^{}]*\}", " ", text)))

    mine = words(" ".join(_load_catalog(lang).values()))
    other = words(" ".join(_load_catalog("en" if lang == "fr" else "fr").values()))
    other |= Counter(_plain(w) for w in other)  # "themes" is "thèmes" in an ASCII file name
    seen_there = words(other_data)
    return {w for w, n in mine.items() if n >= 3 and len(w) >= 3 and w not in SHARED
            and w not in other and w not in seen_there}


def _plain(word: str) -> str:
    """A word without its accents."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c))


def _lang_of(foreign: set[str]) -> str:
    """The language of the text scanned for ``foreign`` words: French when they are English."""
    return "fr" if "the" in foreign else "en"


def _says_what_to_add(text: str) -> bool:
    """Whether ``text`` tells which table or column to add (the coverage messages): those
    name the contract's tables as the consultant writes them in ``client.yaml``."""
    from cxlib.i18n import MESSAGES

    for key in ("cov_missing", "cov_partly_note"):
        for template in MESSAGES[key].values():
            pattern = ".+".join(map(re.escape, re.split(r"\{[^{}]*\}", template)))
            if re.fullmatch(pattern, text.strip()):
                return True
    return False


def settings() -> set[str]:
    """The keys of ``client.yaml``: a message may name one where it says to write it."""
    from cxlib.inputs.config import ClientConfig

    return set(ClientConfig.model_fields)


def scan(texts: dict[str, list[str]], *, fields: set[str], data: set[str],
         foreign: set[str]) -> list[str]:
    """Return every finding in one output's texts, as ``kind: what (where)``."""
    found: list[str] = []
    for where, chunks in texts.items():
        if where == "dates":
            found += [f"date format: {c}" for c in chunks
                      if c.rsplit(" ", 1)[1].upper() not in ("DD/MM/YYYY", "DD/MM/YYYY HH:MM")]
        elif where == "bare":
            found += [f"untitled chart field: {c}" for c in chunks]
        elif where == "charts":
            found += [f"chart label says nothing: {c!r}" for c in chunks]
        else:
            for chunk in chunks:
                found += _scan_text(chunk, where, fields=fields, data=data, foreign=foreign)
    return sorted(set(found))


def _scan_text(chunk: str, where: str, *, fields: set[str], data: set[str],
               foreign: set[str]) -> list[str]:
    """Return the findings in one piece of text (``where``: text, cells, labels, titles)."""
    found = []
    plain = FILE_NAME.sub(" ", chunk)
    context = f"({where}: {chunk.strip()[:80]})"
    for quoted in QUOTED.findall(chunk):
        name = "".join(quoted)
        if name in contract_names() and name not in data and not _says_what_to_add(chunk):
            found.append(f"raw field name: {name} {context}")
    for name in SNAKE.findall(plain):
        as_data = where == "cells" and name in data
        said_where = name in settings() and "client.yaml" in chunk
        if name in fields or not (as_data or said_where):
            found.append(f"raw field name: {name} {context}")
    found += [f"foreign word: {word} {context}" for word in WORD.findall(plain)
              if word.casefold() in foreign]
    found += [f"percent format: {m} {context}" for m in BAD_PERCENT[_lang_of(foreign)]
              .findall(plain)]
    found += [f"date format: {date} {context}"
              for date in ISO_DATE.findall(plain) + SHORT_YEAR.findall(plain)
              + MONTH_FIRST.findall(plain)]
    found += [f"date format: {day}/{month} {context}" for day, month, _ in DAY_FIRST.findall(plain)
              if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12)]
    return found


def data_text(inputs: object, folder: Path) -> str:
    """All the text of a client's data: its tables' text, its labels, its transcripts."""
    import polars as pl

    cfg = inputs.config
    parts = [str(v) for kind in ("stages", "channels", "departments", "waves")
             for v in cfg.labels(kind).values()]
    for frame in inputs.values():
        for column in frame.columns:
            if frame[column].dtype == pl.String:
                parts += [v for v in frame[column].to_list() if v]
    parts += [p.read_text(encoding="utf-8", errors="ignore")
              for p in sorted((folder / "transcripts").glob("*.txt"))]
    return " ".join(parts)


# -- the tests ------------------------------------------------------------------------


def _language(slug: str) -> str:
    return "fr" if slug.endswith("fr") else "en"


@pytest.fixture(scope="module")
def outputs(demo_runs: dict, demo_home: Path, demo_inputs: dict,
            tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What each demo client's deliverables say, by client and file."""
    from cxlib.presentation.deck import build_deck

    decks = tmp_path_factory.mktemp("decks")
    said: dict[str, dict] = {}
    for slug in DEMOS:
        result = demo_runs[slug]
        assert result.ok, result.error
        folder = result.index.parent
        texts = {p.name: html_texts(p) for p in result.reports}
        for book in [*folder.glob("*.xlsx"), *(folder / "exports").glob("*.xlsx")]:
            texts[book.name] = workbook_texts(book)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CX_HOME", str(demo_home))
            deck = build_deck(slug, decks / f"{slug}.pptx")
        texts[deck.name] = deck_texts(deck)
        said[slug] = texts
    return said


@pytest.fixture(scope="module")
def findings(outputs: dict, demo_home: Path, demo_inputs: dict) -> dict:
    """Every finding of the scan, by client and file."""
    fields = contract_fields()
    data_texts = {s: data_text(demo_inputs[s], demo_home / "data" / s) for s in DEMOS}
    found = {}
    for slug in DEMOS:
        other = "en" if _language(slug) == "fr" else "fr"
        foreign = telltales(other, data_texts[slug])
        data = client_data(demo_inputs[slug], demo_home / "data" / slug)
        found[slug] = {name: scan(texts, fields=fields, data=data, foreign=foreign)
                       for name, texts in outputs[slug].items()}
    return found


KINDS = ("raw field name", "foreign word", "date format", "percent format",
         "untitled chart field", "chart label says nothing")


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("slug", DEMOS)
def test_deliverables_speak_the_client_s_language(findings: dict, outputs: dict, slug: str,
                                                   kind: str) -> None:
    assert len(outputs[slug]) >= 10  # the pages, the index, two workbooks and the deck
    found = {name: [f for f in found if f.startswith(kind)]
             for name, found in findings[slug].items()}
    assert {name: f for name, f in found.items() if f} == {}


@pytest.mark.slow
@pytest.mark.parametrize("slug", DEMOS)
def test_the_scan_reads_every_kind_of_text(outputs: dict, slug: str) -> None:
    said = outputs[slug]
    pages = [t for name, t in said.items() if name.endswith(".html")]
    assert all(t["text"] for t in pages)
    assert sum(len(t["titles"]) for t in pages) >= 20  # chart, axis and tooltip titles
    assert sum(len(t["labels"]) for t in pages) >= 10  # aria-labels and titles
    books = [t for name, t in said.items() if name.endswith(".xlsx")]
    assert len(books) == 2 and any(t["dates"] for t in books)
    [deck] = [t for name, t in said.items() if name.endswith(".pptx")]
    assert len(deck["text"]) >= 20


@pytest.mark.parametrize("slug", DEMOS)
def test_telltale_words_are_the_language_s_own(demo_inputs: dict, demo_home: Path,
                                               slug: str) -> None:
    other = "en" if _language(slug) == "fr" else "fr"  # the words that betray it here
    words = telltales(other, data_text(demo_inputs[slug], demo_home / "data" / slug))
    assert len(words) > 150
    assert ({"the", "and", "which"} if other == "en" else {"les", "avec", "dans"}) <= words
    assert not words & SHARED


def test_the_scan_finds_each_kind_of_slip(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    spec = {"title": "Volumes", "layer": [
        {"encoding": {"x": {"field": "month", "title": "Mois"},
                      "tooltip": [{"field": "nps_group"}, {"field": "n", "title": "n"}]}},
        {"encoding": {"x": {"field": "other"}}}]}
    page.write_text(
        "<h2>Inventaire</h2><p>Colonne persona_id vide le 2026-03-31 ; table « survey » ; "
        "95% des lignes, December 6, 2026.</p>"
        '<div class="cx-chart" aria-label="chart"><script class="cx-spec" '
        f'type="application/json">{json.dumps(spec)}</script></div>'
        '<img alt="the map" src="x.png"><table><tr><td>service_client</td>'
        '<td>fichier points_de_contact.xlsx</td></tr></table>', encoding="utf-8")
    found = scan(html_texts(page), fields={"persona_id"}, data={"service_client"},
                 foreign={"the", "map"})
    assert [f.split(" (")[0] for f in found] == [
        "chart label says nothing: 'chart'", "date format: 2026-03-31",
        "date format: December 6, 2026",
        "foreign word: map", "foreign word: the", "percent format: 5%",
        "raw field name: persona_id",
        "raw field name: survey", "untitled chart field: nps_group"]


def test_charts_title_their_own_tooltips_in_the_report_language() -> None:
    from cxlib.i18n import t
    from cxlib.presentation import render
    from cxlib.presentation.charts._base import interval_tooltips

    for lang in ("fr", "en"):  # English last: the theme other tests expect
        render.use_brand("#112233", "#445566", lang)
        tips = interval_tooltips("value", "low", "high", "NPS", ".0f")
        assert [tip.to_dict()["title"] for tip in tips[1:3]] == [t("col_ci_low", lang),
                                                                t("col_ci_high", lang)]
    assert t("col_ci_low", "fr") == "IC 95\u202f% bas"  # never "95% −" in a French tooltip
