"""The pptx plumbing of the deck: template layouts, placeholders, text, pictures, footers.

Slides are added from the template's layouts, found by name (:data:`LAYOUTS`); text is
written into their placeholders at the size that fits (:func:`_write`), charts into their
picture placeholder whole and centred (:func:`_picture`). Placeholders left unused are
removed (:func:`_drop_empty`), and every slide but the title gets the footer and its
number (:func:`_footer`).
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from cxlib import paths
from cxlib.errors import CxError
from cxlib.i18n import language, t
from cxlib.presentation.deck.context import _Context
from cxlib.presentation.deck.text import _BEFORE, _SCALE, _fit, _Para, _para

__all__ = ["LAYOUTS", "default_template"]

#: Layout names the template must provide: role -> name.
LAYOUTS: dict[str, str] = {
    "title": "CX Title",
    "content": "CX Title and Content",
    "two": "CX Two Content",
    "picture": "CX Title and Picture",
    "table": "CX Title and Table",
}
_TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
_GREY = "5B6770"


def default_template() -> Path:
    """Return the shipped slide template, ``templates/deck/cx-deck.pptx``."""
    return paths.templates_dir() / "deck" / "cx-deck.pptx"


# -- template ----------------------------------------------------------------------------


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
    """Return the slide's first placeholder of ``kind``."""
    return next(ph for ph in slide.placeholders if ph.placeholder_format.type == kind)


def _new_slide(prs: Any, layout: Any, ctx: _Context, title: str) -> Any:
    """Add a slide of ``layout`` with its title written."""
    slide = prs.slides.add_slide(layout)
    if slide.shapes.title is not None:
        _write(slide.shapes.title, [_para("text", title)], ctx, largest=28, smallest=18,
               fixed=True)
    return slide


# -- text --------------------------------------------------------------------------------


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
    """Fill a pptx paragraph with ``para``'s runs in their style, at ``size`` if given."""
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


def _caption(slide: Any, text: str, ctx: _Context) -> None:
    """Write a caption into the slide's smallest text placeholder, if it has one."""
    boxes = _text_placeholders(slide)
    if boxes:
        _write(boxes[-1], [_para("text", text)], ctx, largest=11, smallest=8)


def _notes(slide: Any, lines: Sequence[str]) -> None:
    """Write the speaker notes, one line each (none when every line is empty)."""
    text = "\n".join(line for line in lines if line)
    if text:
        slide.notes_slide.notes_text_frame.text = text


# -- footer, leftovers, pictures -------------------------------------------------------


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


# -- the file ----------------------------------------------------------------------------


def _properties(prs: Any, ctx: _Context) -> None:
    """Set the file's properties: title, wave, language; no author."""
    cfg = ctx.inputs.config
    props = prs.core_properties
    props.title = f"{cfg.client} — {ctx.t('dk_deck_title')}"
    props.subject = cfg.labels("waves")[cfg.wave]
    props.author = props.last_modified_by = ""
    props.comments = ""
    props.language = language(ctx.lang).tag
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.revision = 1


def _save(prs: Any, out: Path) -> None:
    """Write the deck whole or not at all (through a hidden partial file)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        prs.save(str(partial))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
