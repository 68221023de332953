"""The PowerPoint deck of a client run: the slides consultants present and clients forward.

:func:`build_deck` fills a slide template — ``templates/deck/cx-deck.pptx`` by default; a
firm may use its own masters as long as the layouts keep the names of :data:`LAYOUTS`
(see ``templates/deck/README.md``) — with what the HTML reports say, in the client's
language:

1. title: client, wave, date;
2. executive summary: NPS, CSAT and CES with their base and change since the previous
   wave (:func:`cxlib.analysis.kpi_review.headline`), the three most cited irritants with one quote
   each (:func:`cxlib.analysis.interviews.top_items`) and the mapping health check
   (:func:`cxlib.analysis.journey_map.health_check`);
3. one journey map per persona (:func:`cxlib.analysis.journey_map.persona_map`) as a native table:
   stages as columns; channels, main touchpoints, satisfaction and stage NPS with their
   bases, irritants and opportunities as lanes;
4. the stage × channel matrix (coverage heat map, as a picture);
5. the NPS by stage with its 95% intervals (as a picture);
6. the interview findings: top irritants and enchantments with quotes;
7. the action plan (:func:`cxlib.analysis.journey_map.action_plan`), first :data:`PLAN_ROWS` rows by
   priority, as a native table.

Charts are the report's (:mod:`cxlib.presentation.charts`), drawn offline by vl-convert with the
client's brand theme; tables take the client's primary colour for their header. Text is
sized from its length so that it fits its box without relying on PowerPoint's autofit,
and long cells are cut with "…". Quotes are those of :func:`cxlib.analysis.interviews.top_items`,
pseudonymised exactly as in the HTML report (consent respected); only aggregates and
quotes enter the deck, never rows.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from cxlib import paths
from cxlib.errors import CxError
from cxlib.i18n import colon, date_text, language, number, quoted, t
from cxlib.inputs.loaders import Inputs, load_inputs

__all__ = ["LAYOUTS", "PLAN_ROWS", "build_deck", "default_template"]

#: Layout names the template must provide: role -> name.
LAYOUTS: dict[str, str] = {
    "title": "CX Title",
    "content": "CX Title and Content",
    "two": "CX Two Content",
    "picture": "CX Title and Picture",
    "table": "CX Title and Table",
}
#: Rows of the action plan shown on its slide.
PLAN_ROWS = 12

_TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
_FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
_NEGATIVE = ("irritant", "rupture")
_VALENCE_INK = {"rupture": "C62828", "irritant": "E69F00", "enchantment": "2E7D32",
                "neutral": "9E9E9E"}
_SEVERITY_INK = {"problem": "C62828", "warning": "E69F00", "info": "5B6770"}
_STATUS_INK = {"green": "2E7D32", "amber": "B26B00", "red": "C62828"}
_GREY = "5B6770"
_QUOTE_CHARS = 200


def default_template() -> Path:
    """Return the shipped slide template, ``templates/deck/cx-deck.pptx``."""
    return paths.templates_dir() / "deck" / "cx-deck.pptx"


# -- text model and sizing -------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    ink: str | None = None  # "RRGGBB"


@dataclass(frozen=True)
class _Para:
    runs: tuple[_Run, ...]
    kind: str = "text"  # heading, text, quote, note

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _para(kind: str, *runs: _Run | str) -> _Para:
    return _Para(tuple(r if isinstance(r, _Run) else _Run(r) for r in runs), kind)


#: Size of each kind of paragraph relative to the body size, and space before it (× size).
_SCALE = {"heading": 1.0, "text": 1.0, "quote": 0.9, "note": 0.85}
_BEFORE = {"heading": 0.8, "text": 0.35, "quote": 0.15, "note": 0.1}
_EM = 0.47  # mean glyph width of Arial-like faces in em (mixed-case French or English)
_LEADING = 1.2


def _lines(text: str, size: float, width: float) -> int:
    """Estimate the lines ``text`` takes at ``size`` points in ``width`` inches (word wrap)."""
    per_line = max(4, int(width * 72 / (size * _EM)))
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0
        for word in part.split():
            n = min(len(word), per_line)
            need = n if used == 0 else used + 1 + n
            if need > per_line:
                lines, used = lines + 1, n
            else:
                used = need
        total += lines
    return total


def _height(paras: Sequence[_Para], size: float, width: float) -> float:
    """Estimate the height in inches of ``paras`` at body size ``size``."""
    height = 0.0
    for i, para in enumerate(paras):
        scaled = size * _SCALE[para.kind]
        wide = 1.08 if para.kind == "heading" or all(r.bold for r in para.runs) else 1.0
        height += _lines(para.text, scaled * wide, width) * scaled * _LEADING / 72
        if i:
            height += _BEFORE[para.kind] * size / 72
    return height


def _fit(paras: Sequence[_Para], width: float, height: float, largest: float,
         smallest: float) -> float:
    """Return the largest body size (half points) at which ``paras`` fit the box."""
    size = largest
    while size > smallest and _height(paras, size, width) > height:
        size -= 0.5
    return size


def _cut(text: object, limit: int) -> str:
    """Return ``text`` cut at a word before ``limit`` characters, with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head[limit // 2:]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.") + "…"


# -- context ---------------------------------------------------------------------------


@dataclass
class _Context:
    inputs: Inputs
    lang: str
    today: date
    primary: str
    secondary: str
    spans: pl.DataFrame | None
    evidence: pl.DataFrame
    footer: str = ""
    language_id: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def number(self, value: float, decimals: int = 0, percent: bool = False) -> str:
        return number(value, self.lang, decimals, percent=percent)

    @property
    def ink(self) -> str | None:
        """The brand colour for headings in text, when dark enough to read on white."""
        return self.primary if _luminance(self.primary) < 0.45 else None


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _tint(hex_colour: str, share: float) -> str:
    """Mix a colour with white (``share`` of white)."""
    parts = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in parts)


def _context(inputs: Inputs, today: date | None) -> _Context:
    from cxlib.analysis import interviews as iv
    from cxlib.analysis import touchpoints as tp

    cfg = inputs.config
    spans = iv.client_spans(inputs)
    ctx = _Context(inputs=inputs, lang=cfg.language, today=today or date.today(),
                   primary=cfg.brand.primary.lstrip("#").upper(),
                   secondary=cfg.brand.secondary.lstrip("#").upper(), spans=spans,
                   evidence=tp.evidence(inputs, spans))
    ctx.footer = f"{cfg.client} · {cfg.labels('waves')[cfg.wave]}"
    ctx.language_id = getattr(MSO_LANGUAGE_ID, language(cfg.language).office)
    return ctx


# -- template and slides ---------------------------------------------------------------


def _layouts(prs: Any, template: Path, lang: str) -> dict[str, Any]:
    """Find every layout the deck uses by name, with the placeholders it needs."""
    found = {layout.name: layout for master in prs.slide_masters
             for layout in master.slide_layouts}
    needs = {"title": (), "content": (), "two": (), "picture": (PP_PLACEHOLDER.PICTURE,),
             "table": (PP_PLACEHOLDER.TABLE,)}
    out = {}
    for role, name in LAYOUTS.items():
        layout = found.get(name)
        kinds = {ph.placeholder_format.type for ph in layout.placeholders} if layout else set()
        if layout is None or not set(needs[role]) <= kinds:
            what = {"picture": "picture placeholder", "table": "table placeholder"}.get(
                role, "title")
            raise CxError(t("dk_layout_missing", lang, file=paths.display(template),
                            layout=name, needs=what, found=", ".join(found) or "–"))
        out[role] = layout
    return out


def _clear_slides(prs: Any) -> None:
    """Remove the slides a template may carry as examples."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)


def _text_placeholders(slide: Any) -> list[Any]:
    """Return the slide's text placeholders other than its title, largest first."""
    shapes = [ph for ph in slide.placeholders
              if ph.placeholder_format.type in _TEXT_TYPES and ph.has_text_frame]
    return sorted(shapes, key=lambda s: -(s.width or 0) * (s.height or 0))


def _placeholder(slide: Any, kind: PP_PLACEHOLDER) -> Any:
    return next(ph for ph in slide.placeholders if ph.placeholder_format.type == kind)


def _new_slide(prs: Any, layout: Any, ctx: _Context, title: str) -> Any:
    slide = prs.slides.add_slide(layout)
    if slide.shapes.title is not None:
        _write(slide.shapes.title, [_para("text", title)], ctx, largest=28, smallest=18,
               fixed=True)
    return slide


def _size(shape: Any, paras: Sequence[_Para], largest: float, smallest: float) -> float:
    """Return the largest body size at which ``paras`` fit the text shape."""
    return _fit(paras, Emu(shape.width).inches - 0.25, Emu(shape.height).inches - 0.12,
                largest, smallest)


def _write(shape: Any, paras: Sequence[_Para], ctx: _Context, largest: float = 18,
           smallest: float = 10, fixed: bool = False, size: float | None = None) -> float:
    """Write paragraphs into a text shape at the largest size that fits it.

    With ``fixed``, the shape's own style is kept when the text fits at ``largest``
    (titles follow the template); otherwise every run gets an explicit size, ``size``
    when given.
    """
    frame = shape.text_frame
    frame.word_wrap = True
    size = size or _size(shape, paras, largest, smallest)
    frame.clear()
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _format(p, para, None if fixed and size == largest else size, ctx, first=i == 0)
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    return size


def _format(p: Any, para: _Para, size: float | None, ctx: _Context, first: bool) -> None:
    if size is not None and not first:
        p.space_before = Pt(round(_BEFORE[para.kind] * size))
    _no_bullet(p)
    for run in para.runs:
        r = p.add_run()
        r.text = run.text
        font = r.font
        font.language_id = ctx.language_id
        if size is not None:
            font.size = Pt(round(size * _SCALE[para.kind] * 2) / 2)
        if run.bold or para.kind == "heading":
            font.bold = True
        if run.italic or (para.kind == "quote" and run.ink is None):
            font.italic = True
        ink = run.ink or (ctx.ink if para.kind == "heading" else None)
        if ink is None and para.kind == "note":
            ink = _GREY
        if ink:
            font.color.rgb = RGBColor.from_string(ink)


def _no_bullet(p: Any) -> None:
    """Drop the template's bullet: every line of the deck says what it is."""
    ppr = p._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buBlip"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    bu_none = etree.SubElement(ppr, qn("a:buNone"))
    for later in ("a:tabLst", "a:defRPr", "a:extLst"):
        follower = ppr.find(qn(later))
        if follower is not None:
            follower.addprevious(bu_none)
            break


def _columns(slide: Any, left: Sequence[_Para], right: Sequence[_Para], ctx: _Context,
             largest: float, smallest: float) -> None:
    """Write two columns side by side, at one size."""
    boxes = sorted(_text_placeholders(slide)[:2], key=lambda s: s.left)
    size = min(_size(box, paras, largest, smallest)
               for box, paras in zip(boxes, (left, right), strict=True))
    for box, paras in zip(boxes, (left, right), strict=True):
        _write(box, paras, ctx, size=size)


def _footer(slide: Any, ctx: _Context, page: int) -> None:
    """Add the footer (client, wave) and the slide number where the layout has them."""
    for ph in slide.slide_layout.placeholders:
        kind = ph.placeholder_format.type
        if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        sp = copy.deepcopy(ph._element)
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(slide.shapes._next_shape_id))
        sppr = sp.find(qn("p:spPr"))
        for child in list(sppr):
            sppr.remove(child)  # inherit the position from the layout
        body = sp.find(qn("p:txBody"))
        for child in body.findall(qn("a:p")):
            body.remove(child)
        lst = body.find(qn("a:lstStyle"))
        for child in list(lst):
            lst.remove(child)
        if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            xml = (f'<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                   f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
                   f'<a:rPr lang="en-GB"><a:latin typeface="+mn-lt"/></a:rPr><a:t>{page}</a:t>'
                   f"</a:fld></a:p>")
        else:
            xml = ('<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                   '<a:r><a:rPr lang="en-GB"><a:latin typeface="+mn-lt"/></a:rPr><a:t></a:t>'
                   "</a:r></a:p>")
        paragraph = etree.fromstring(xml)
        if kind == PP_PLACEHOLDER.FOOTER:
            paragraph.find(qn("a:r")).find(qn("a:t")).text = ctx.footer
        body.append(paragraph)
        slide.shapes._spTree.append(sp)


def _drop_empty(slide: Any) -> None:
    """Remove placeholders left empty, so that no "Click to add text" shows anywhere."""
    from pptx.shapes.placeholder import (
        ChartPlaceholder,
        PicturePlaceholder,
        PlaceholderGraphicFrame,
        PlaceholderPicture,
        TablePlaceholder,
    )

    for ph in list(slide.placeholders):
        if isinstance(ph, PlaceholderPicture | PlaceholderGraphicFrame):
            continue
        empty_media = isinstance(ph, ChartPlaceholder | PicturePlaceholder | TablePlaceholder)
        if empty_media or not (ph.has_text_frame and ph.text_frame.text.strip()):
            ph._element.getparent().remove(ph._element)


def _picture(slide: Any, png: bytes) -> Any:
    """Put a chart into the picture placeholder, whole (no cropping), centred."""
    holder = _placeholder(slide, PP_PLACEHOLDER.PICTURE)
    left, top, width, height = holder.left, holder.top, holder.width, holder.height
    pic = holder.insert_picture(io.BytesIO(png))
    pic.crop_left = pic.crop_right = pic.crop_top = pic.crop_bottom = 0.0
    px_w, px_h = pic.image.size
    scale = min(width / px_w, height / px_h)
    pic.width, pic.height = Emu(int(px_w * scale)), Emu(int(px_h * scale))
    pic.left = Emu(int(left + (width - pic.width) / 2))
    pic.top = Emu(int(top + (height - pic.height) / 2))
    return pic


def _png(chart: Any) -> bytes:
    """Draw an altair chart (or its spec) offline, at twice its size."""
    import vl_convert

    from cxlib.presentation.render import BUNDLE_VL_VERSION

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return vl_convert.vegalite_to_png(spec, scale=2, vl_version=BUNDLE_VL_VERSION)


def _caption(slide: Any, text: str, ctx: _Context) -> None:
    boxes = _text_placeholders(slide)
    if boxes:
        _write(boxes[-1], [_para("text", text)], ctx, largest=11, smallest=8)


# -- tables ----------------------------------------------------------------------------

_Cell = list[_Para]


@dataclass
class _Grid:
    header: list[str]
    rows: list[list[_Cell]]
    widths: list[float]
    largest: float = 11
    smallest: float = 7.5
    lane_column: bool = False  # the first column names the rows (journey map lanes)
    centred: set[int] = field(default_factory=set)


_MARGIN_W, _MARGIN_H = 0.06, 0.035


def _grid_heights(grid: _Grid, widths: list[float], size: float) -> list[float]:
    """Estimate each row's height in inches (header first)."""
    def row_height(cells: Sequence[_Cell], bold: bool) -> float:
        tallest = max(_height(cell, size * (1.05 if bold else 1), w - 2 * _MARGIN_W)
                      for cell, w in zip(cells, widths, strict=True))
        return tallest + 2 * _MARGIN_H + 0.02

    header = [[_para("text", h)] for h in grid.header]
    return [row_height(header, True)] + [row_height(r, False) for r in grid.rows]


def _table(slide: Any, grid: _Grid, ctx: _Context) -> Any:
    """Fill the table placeholder with a native table styled in the client's colours."""
    holder = _placeholder(slide, PP_PLACEHOLDER.TABLE)
    room_w, room_h = Emu(holder.width).inches, Emu(holder.height).inches
    widths = [room_w * w / sum(grid.widths) for w in grid.widths]
    size = grid.largest
    while size > grid.smallest and sum(_grid_heights(grid, widths, size)) > room_h:
        size -= 0.5
    heights = _grid_heights(grid, widths, size)
    frame = holder.insert_table(len(grid.rows) + 1, len(grid.header))
    table = frame.table
    table.first_row, table.horz_banding = True, False
    for i, w in enumerate(widths):
        table.columns[i].width = Inches(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Inches(h)
    frame.width, frame.height = Inches(sum(widths)), Inches(sum(heights))
    head_ink = "FFFFFF" if _luminance(ctx.primary) < 0.6 else "1A1A1A"
    for c, text in enumerate(grid.header):
        _cell(table.cell(0, c), [_para("text", _Run(text, bold=True, ink=head_ink))], size,
              ctx, ctx.primary, c in grid.centred, MSO_ANCHOR.MIDDLE)
    band, lane = _tint(ctx.primary, 0.92), _tint(ctx.primary, 0.82)
    for r, row in enumerate(grid.rows, start=1):
        for c, paras in enumerate(row):
            fill = lane if grid.lane_column and c == 0 else (band if r % 2 == 0 else "FFFFFF")
            _cell(table.cell(r, c), paras, size, ctx, fill, c in grid.centred, MSO_ANCHOR.TOP)
    return frame


def _cell(cell: Any, paras: Sequence[_Para], size: float, ctx: _Context, fill: str,
          centred: bool, anchor: MSO_ANCHOR) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    cell.margin_left = cell.margin_right = Inches(_MARGIN_W)
    cell.margin_top = cell.margin_bottom = Inches(_MARGIN_H)
    cell.vertical_anchor = anchor
    frame = cell.text_frame
    frame.word_wrap = True
    frame.clear()
    for i, para in enumerate(paras or [_para("text", "–")]):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _format(p, para, size, ctx, first=True)
        if centred:
            p.alignment = PP_ALIGN.CENTER


# -- slide content ---------------------------------------------------------------------


def _title_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    cfg = ctx.inputs.config
    slide = _new_slide(prs, layouts["title"], ctx, cfg.client)
    when = date_text(ctx.today, "d MMMM y", ctx.lang)
    boxes = _text_placeholders(slide)
    if boxes:
        _write(boxes[0], [_para("heading", ctx.t("dk_deck_title")),
                          _para("text", f"{cfg.labels('waves')[cfg.wave]} · {when}")],
               ctx, largest=20, smallest=12)
    logo = cfg.path / cfg.brand.logo if cfg.brand.logo else None
    if logo is not None and logo.is_file():
        pic = slide.shapes.add_picture(str(logo), 0, Inches(0.45), height=Inches(0.9))
        pic.left = prs.slide_width - pic.width - Inches(0.6)


def _kpi_paras(ctx: _Context) -> list[_Para]:
    from cxlib.analysis import kpi_review as kr

    cfg = ctx.inputs.config
    head = kr.headline(ctx.inputs)
    paras = [_para("heading", ctx.t("kp_headline"))]
    if head.filter(pl.col("value").is_not_null()).is_empty():
        return [*paras, _para("text", ctx.t("kp_no_survey", wave=cfg.labels("waves")[cfg.wave],
                                            suppress=cfg.min_base.suppress))]
    for r in head.filter(pl.col("value").is_not_null()).iter_rows(named=True):
        k = r["kpi"]
        line = ctx.t("dk_kpi_line", kpi=ctx.t(f"kpi_{k}"), value=kr.format_kpi(k, r["value"],
                                                                            ctx.lang),
                     n=ctx.number(r["n"]))
        runs = [_Run(line, bold=True)]
        if r["status"]:
            runs.append(_Run(f"  ■ {ctx.t('status_' + r['status'])}",
                             ink=_STATUS_INK[r["status"]]))
        paras.append(_para("text", *runs))
        if r["previous"] is None:
            paras.append(_para("note", ctx.t("dk_kpi_first")))
            continue
        verdict = ("–" if r["significant"] is None else
                   ctx.t("kp_sig_short" if r["significant"] else "kp_nsig_short"))
        paras.append(_para("note", ctx.t(
            "dk_kpi_change", change=kr.format_kpi(k, r["change"], ctx.lang, sign=True),
            previous=kr.format_kpi(k, r["previous"], ctx.lang), verdict=verdict)))
    return paras


def _health_paras(ctx: _Context) -> list[_Para]:
    from cxlib.analysis import journey_map as jm

    health = jm.health_check(ctx.inputs, ctx.evidence, ctx.lang, today=ctx.today)
    paras = [_para("heading", ctx.t("jm_health"))]
    for finding in health:
        label = ctx.t(f"finding_{finding.severity}")
        paras.append(_para("text", _Run("■ ", ink=_SEVERITY_INK[finding.severity]),
                           _Run(f"{label}{colon(ctx.lang)} ", bold=True), finding.text))
    return paras or [_para("text", ctx.t("no_findings"))]


def _items(ctx: _Context, valence: str, limit: int) -> list[dict[str, Any]]:
    """Top irritants or enchantments: short title, full title and quotes (pseudonymised)."""
    from cxlib.analysis import interviews as iv

    if ctx.spans is None or ctx.spans.is_empty():
        return []
    key = (valence, limit)
    if key not in ctx.extra:
        items = iv.top_items(ctx.inputs, ctx.spans, valence, ctx.lang, limit=limit,
                             quotes_each=1)
        ctx.extra[key] = [
            {"short": ctx.t("dk_item", stage=item["stage"], channel=item["channel"],
                            theme=item["theme"], interviews=item["interviews"]),
             "title": item["title"], "quotes": item["quotes"]} for item in items]
    return ctx.extra[key]


def _quote_paras(ctx: _Context, items: Sequence[dict[str, Any]], heading: str) -> list[_Para]:
    paras = [_para("heading", heading)]
    if not items:
        return [*paras, _para("text", ctx.t("iv_none_coded"))]
    for rank, item in enumerate(items, start=1):
        paras.append(_para("text", _Run(f"{rank}. {item['short']}", bold=True)))
        if item["quotes"]:
            quote = item["quotes"][0]
            paras.append(_para("quote", quoted(_cut(quote["text"], _QUOTE_CHARS), ctx.lang),
                               _Run(f" — {quote['who']}", ink=_GREY)))
        else:
            paras.append(_para("note", ctx.t("dk_no_quote")))
    return paras


def _notes(slide: Any, lines: Sequence[str]) -> None:
    text = "\n".join(line for line in lines if line)
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _summary_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    from cxlib.analysis import kpi_review as kr

    slide = _new_slide(prs, layouts["two"], ctx, ctx.t("dk_summary"))
    irritants = _items(ctx, "irritant", 3)
    _columns(slide, _kpi_paras(ctx) + _health_paras(ctx),
             _quote_paras(ctx, irritants, ctx.t("iv_irritants")), ctx, largest=16, smallest=9)
    _notes(slide, [kr.nps_sentence(kr.headline(ctx.inputs), ctx.lang) or "",
                   *(item["title"] for item in irritants)])


def _touchpoint_lines(stage: dict[str, Any], ctx: _Context, limit: int = 3) -> _Cell:
    tps = sorted(stage["touchpoints"], key=lambda tp: (
        not tp["moment_of_truth"], tp["valence"] not in _NEGATIVE, -tp["evidence"]))
    lines = [_para("text", _Run("■ ", ink=_VALENCE_INK.get(tp["valence"], _GREY)),
                   ("★ " if tp["moment_of_truth"] else "") + _cut(tp["name"], 40),
                   _Run(f" ({ctx.number(tp['evidence'])})", ink=_GREY))
             for tp in tps[:limit]]
    if len(tps) > limit:
        lines.append(_para("note", ctx.t("dk_more", n=len(tps) - limit)))
    return lines


def _emotion_lines(stage: dict[str, Any], ctx: _Context) -> _Cell:
    sat, nps = stage["satisfaction"], stage["nps"]
    if sat["mean"] is None:
        lines = [_para("text", "–", _Run(f" n = {ctx.number(sat['n'])}", ink=_GREY))]
    else:
        flag = " ⚠" if sat["base"] == "low" else ""
        lines = [_para("text", _Run(f"{ctx.number(sat['mean'], 1)} /5", bold=True),
                       _Run(f"  n = {ctx.number(sat['n'])}{flag}", ink=_GREY))]
    if nps and nps.get("nps") is not None:
        lines.append(_para("text", f"NPS {ctx.number(nps['nps'])}",
                           _Run(f"  n = {ctx.number(nps['n'])}", ink=_GREY)))
    return lines


def _listed(items: Sequence[str], ctx: _Context, limit: int, prefix: str = "",
            chars: int = 40) -> _Cell:
    lines = [_para("text", prefix + _cut(item, chars)) for item in items[:limit]]
    if len(items) > limit:
        lines.append(_para("note", ctx.t("dk_more", n=len(items) - limit)))
    return lines


def _map_grid(journey: dict[str, Any], ctx: _Context) -> _Grid:
    stages = journey["stages"]
    workshop = any(s.get(k) for s in stages for k in ("actions", "questions", "motivations"))
    lanes: list[tuple[str, Callable[[dict[str, Any]], _Cell]]] = [
        *([("jm_lane_actions", lambda s: _listed([s["actions"]] if s["actions"] else [],
                                                 ctx, 1, chars=90)),
           ("jm_lane_questions", lambda s: _listed(
               [quoted(s["questions"], ctx.lang)] if s["questions"] else [], ctx, 1,
               chars=90))]
          if workshop else []),
        ("jm_lane_does", lambda s: [_para("text", _cut(c, 26),
                                          _Run(f" {ctx.number(share, percent=True)}",
                                               ink=_GREY)) for c, share in s["channels"]]),
        ("jm_lane_touchpoints", lambda s: _touchpoint_lines(s, ctx)),
        ("jm_lane_emotion", lambda s: _emotion_lines(s, ctx)),
        ("jm_lane_irritants", lambda s: _listed([f"{a} ({b})" for a, b in s["irritants"]],
                                                ctx, 2)),
        ("jm_lane_opportunities", lambda s: _listed(s["opportunities"], ctx, 2, "→ ")),
    ]
    rows = [[[_para("text", _Run(ctx.t(key), bold=True))], *(lane(s) for s in stages)]
            for key, lane in lanes]
    largest = 11 if len(stages) <= 4 else 10.5 if len(stages) <= 6 else 9.5
    return _Grid(header=["", *(s["label"] for s in stages)], rows=rows,
                 widths=[1.45] + [1.0 * (12.33 - 1.45) / max(1, len(stages))] * len(stages),
                 largest=largest, smallest=7, lane_column=True)


def _persona_slides(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    from cxlib.analysis import journey_map as jm

    for pid, name in ctx.inputs["personas"].select("persona_id", "name").iter_rows():
        journey = jm.persona_map(ctx.inputs, pid, ctx.spans, ctx.evidence)
        slide = _new_slide(prs, layouts["table"], ctx, ctx.t("jm_persona_map", persona=name))
        _table(slide, _map_grid(journey, ctx), ctx)
        _caption(slide, ctx.t("dk_map_caption"), ctx)


def _matrix_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    from cxlib.analysis.overview import coverage_matrix
    from cxlib.presentation import charts

    matrix = coverage_matrix(ctx.inputs.config, ctx.inputs["touchpoints"])
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("tp_matrix"))
    chart = charts.coverage_heatmap(matrix, stage_title=ctx.t("col_stage"),
                                    channel_title=ctx.t("col_channel"),
                                    count_title=ctx.t("col_touchpoints"))
    spec = chart.to_dict()
    for layer in spec.get("layer", []):
        axis = layer.get("encoding", {}).get("x", {}).get("axis")
        if isinstance(axis, dict):
            axis["labelLimit"] = 320  # the slide has room for whole stage names
    _picture(slide, _png(spec))
    _caption(slide, ctx.t("dk_matrix_caption", n=int(matrix["touchpoints"].sum()),
                          irritants=int(matrix["irritants"].sum())), ctx)


def _stage_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    import altair as alt

    from cxlib.analysis import kpi_review as kr
    from cxlib.presentation import charts

    cfg = ctx.inputs.config
    shown = kr.breakdown(ctx.inputs, "stage_id").filter(pl.col("base") != "suppressed")
    if shown.is_empty():
        slide = _new_slide(prs, layouts["content"], ctx, ctx.t("kp_by_stage"))
        _write(_text_placeholders(slide)[0],
               [_para("text", ctx.t("kp_no_segment", suppress=cfg.min_base.suppress))], ctx)
        return
    target = cfg.targets.get("nps")
    slide = _new_slide(prs, layouts["picture"], ctx, ctx.t("kp_by_stage"))
    chart = charts.interval_bars(shown, label="label", value="value", low="ci_low",
                                 high="ci_high", value_title="NPS", target=target,
                                 domain=(-100, 100))
    _picture(slide, _png(chart.properties(height=alt.Step(40))))
    caption = ctx.t("dk_stage_caption", wave=cfg.labels("waves")[cfg.wave],
                    flag=cfg.min_base.flag, suppress=cfg.min_base.suppress)
    if target is not None:
        caption += " " + ctx.t("dk_target_caption", target=ctx.number(target))
    _caption(slide, caption, ctx)


def _findings_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    slide = _new_slide(prs, layouts["two"], ctx, ctx.t("title_03_interviews"))
    irritants, enchantments = _items(ctx, "irritant", 5), _items(ctx, "enchantment", 3)
    _columns(slide, _quote_paras(ctx, irritants, ctx.t("iv_irritants")),
             _quote_paras(ctx, enchantments, ctx.t("iv_enchantments")), ctx, largest=14,
             smallest=8.5)
    _notes(slide, [item["title"] for item in [*irritants, *enchantments]])


def _plan_grid(plan: pl.DataFrame, ctx: _Context) -> _Grid:
    columns = ("action", "touchpoint", "impact", "effort", "owner", "due", "status")
    rows = []
    for r in plan.head(PLAN_ROWS).iter_rows(named=True):
        due = date_text(r["due"], "short", ctx.lang) if r["due"] else "–"
        values = [_cut(r["action"], 90), _cut(r["touchpoint"] or "–", 50), str(r["impact"]),
                  str(r["effort"]), _cut(r["owner"] or "–", 30), due, r["status"]]
        rows.append([[_para("text", v)] for v in values])
    return _Grid(header=[ctx.t(f"col_{c}") for c in columns], rows=rows,
                 widths=[4.2, 2.4, 0.75, 0.75, 1.8, 1.05, 0.95], largest=12, smallest=8,
                 centred={2, 3, 5})


def _plan_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    from cxlib.analysis import journey_map as jm

    plan = jm.plan_display(jm.action_plan(ctx.inputs, ctx.evidence, ctx.lang), ctx.lang)
    if plan.is_empty():
        slide = _new_slide(prs, layouts["content"], ctx, ctx.t("jm_plan"))
        _write(_text_placeholders(slide)[0], [_para("text", ctx.t("no_findings"))], ctx)
        return
    slide = _new_slide(prs, layouts["table"], ctx, ctx.t("jm_plan"))
    _table(slide, _plan_grid(plan, ctx), ctx)
    _caption(slide, ctx.t("dk_plan_caption", shown=min(PLAN_ROWS, plan.height),
                          total=plan.height), ctx)


_SLIDES = (_title_slide, _summary_slide, _persona_slides, _matrix_slide, _stage_slide,
           _findings_slide, _plan_slide)


def _target_file(target: Path, inputs: Inputs) -> Path:
    target = Path(target)
    if target.is_dir() or target.suffix.lower() != ".pptx":
        cfg = inputs.config
        return target / f"{cfg.slug or 'client'}-{cfg.wave}-deck.pptx"
    return target


def build_deck(client: str | Inputs, target: Path, template: Path | None = None, *,
               today: date | None = None) -> Path:
    """Write the client's PowerPoint deck.

    Parameters
    ----------
    client : str or Inputs
        Client folder name under ``data/``, or inputs already loaded and validated.
    target : Path
        The ``.pptx`` file to write; a folder (or a path without the ``.pptx`` suffix)
        receives ``<client>-<wave>-deck.pptx``. It is written whole or not at all.
    template : Path, optional
        A ``.pptx`` whose layouts carry the names of :data:`LAYOUTS` (default:
        :func:`default_template`); its example slides, if any, are dropped.
    today : date, optional
        Date on the title slide and of the map's age in the health check (default: today).

    Returns
    -------
    Path
        The deck written.

    Raises
    ------
    CxError
        When the template is missing or lacks a layout, in the client's language; the
        loaders' errors when the client's inputs are invalid.
    """
    from cxlib.presentation import render

    inputs = load_inputs(client) if isinstance(client, str) else client
    template = Path(template) if template else default_template()
    lang = inputs.config.language
    if not template.is_file():
        raise CxError(t("dk_template_missing", lang, file=paths.display(template)))
    prs = Presentation(str(template))
    layouts = _layouts(prs, template, lang)
    _clear_slides(prs)
    ctx = _context(inputs, today)
    render.use_brand(f"#{ctx.primary}", f"#{ctx.secondary}", lang)
    for add in _SLIDES:
        before = len(prs.slides)
        add(prs, layouts, ctx)
        for page, slide in enumerate(list(prs.slides)[before:], start=before + 1):
            if slide.slide_layout is not layouts["title"]:
                _footer(slide, ctx, page)
            _drop_empty(slide)
    _properties(prs, ctx)
    out = _target_file(target, inputs)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        prs.save(str(partial))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def _properties(prs: Any, ctx: _Context) -> None:
    cfg = ctx.inputs.config
    props = prs.core_properties
    props.title = f"{cfg.client} — {ctx.t('dk_deck_title')}"
    props.subject = cfg.labels("waves")[cfg.wave]
    props.author = props.last_modified_by = ""
    props.comments = ""
    props.language = language(ctx.lang).tag
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.revision = 1
