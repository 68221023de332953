"""Write ``templates/deck/cx-deck.pptx``: the workbench's default slide master for decks.

Run with the project's Python (``.venv/bin/python templates/deck/make_template.py``).
It starts from python-pptx's blank presentation, makes it 16:9, keeps five layouts and
redraws their placeholders; the layout names are the contract with
:func:`cxlib.presentation.deck.build_deck` (see ``README.md`` beside this file). A firm may replace
the ``.pptx`` with its own masters as long as it keeps those names.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Inches

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
IN = 914400  # EMU per inch

#: Slide size: 16:9 at 13.333 × 7.5 inches.
WIDTH, HEIGHT = 12192000, 6858000
LEFT, RIGHT = 0.5, 0.5
CONTENT_W = WIDTH / IN - LEFT - RIGHT
#: Theme: dark text, neutral lights, a sober accent for the firm's own decoration.
COLOURS = {"dk2": "1F2A36", "lt2": "E7E9EC", "accent1": "1F4E79", "accent2": "F2A900",
           "accent3": "2E7D32", "accent4": "C62828", "accent5": "5B6770",
           "accent6": "8C564B", "hlink": "1F4E79", "folHlink": "5B6770"}
FONT = "Arial"

#: The layouts cxlib.presentation.deck looks up, in order: name -> (layout type, placeholders).
LAYOUT_NAMES = ("CX Title", "CX Title and Content", "CX Two Content", "CX Title and Picture",
                "CX Title and Table")


def _emu(inches: float) -> int:
    return round(inches * IN)


def _xfrm(x: float, y: float, w: float, h: float) -> str:
    return (f'<a:xfrm><a:off x="{_emu(x)}" y="{_emu(y)}"/>'
            f'<a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>')


def _ph(shape_id: int, name: str, ph: str, box: tuple[float, float, float, float],
        prompt: str = "", lst_style: str = "", body_pr: str = "<a:bodyPr/>") -> str:
    """Return a placeholder ``p:sp`` element as XML text."""
    custom = ' hasCustomPrompt="1"' if prompt else ""
    text = (f'<a:p><a:r><a:rPr lang="en-GB" dirty="0"/><a:t>{prompt}</a:t></a:r></a:p>'
            if prompt else '<a:p><a:endParaRPr lang="en-GB"/></a:p>')
    return (f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}{custom}/></p:nvPr>'
            f"</p:nvSpPr><p:spPr>{_xfrm(*box)}</p:spPr><p:txBody>{body_pr}"
            f"<a:lstStyle>{lst_style}</a:lstStyle>{text}</p:txBody></p:sp>")


def _rect(shape_id: int, name: str, box: tuple[float, float, float, float],
          colour: str = "accent1") -> str:
    """Return a plain filled rectangle (decoration) as XML text."""
    return (f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
            f"<p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{_xfrm(*box)}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            f'<a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p>'
            f"</p:txBody></p:sp>")


def _plain(size: int, colour: str = '<a:schemeClr val="tx1"/>', bold: bool = False,
           align: str = "l") -> str:
    """Return a level-1 paragraph style without bullet."""
    b = ' b="1"' if bold else ""
    return (f'<a:lvl1pPr marL="0" indent="0" algn="{align}"><a:buNone/>'
            f'<a:defRPr sz="{size}"{b}><a:solidFill>{colour}</a:solidFill>'
            f'<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>')


_GREY = '<a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>'
_TITLE_BOX = (LEFT, 0.3, CONTENT_W, 0.85)
_BODY_BOX = (LEFT, 1.4, CONTENT_W, 5.45)
_MEDIA_BOX = (LEFT, 1.4, CONTENT_W, 4.95)
_CAPTION_BOX = (LEFT, 6.4, CONTENT_W, 0.5)
_HALF_W = (CONTENT_W - 0.333) / 2


def _footers(first_id: int) -> list[str]:
    style = _plain(1000, _GREY)
    return [
        _ph(first_id, "Date Placeholder", 'type="dt" sz="half" idx="10"',
            (LEFT, 6.98, 2.5, 0.35), lst_style=style),
        _ph(first_id + 1, "Footer Placeholder", 'type="ftr" sz="quarter" idx="11"',
            (4.4, 6.98, 4.53, 0.35), lst_style=_plain(1000, _GREY, align="ctr")),
        _ph(first_id + 2, "Slide Number Placeholder", 'type="sldNum" sz="quarter" idx="12"',
            (WIDTH / IN - RIGHT - 2.5, 6.98, 2.5, 0.35),
            lst_style=_plain(1000, _GREY, align="r")),
    ]


def _caption(shape_id: int, idx: int) -> str:
    return _ph(shape_id, "Caption Placeholder", f'type="body" sz="quarter" idx="{idx}"',
               _CAPTION_BOX, "Source, base (n) and how to read it",
               _plain(1100, _GREY), '<a:bodyPr anchor="t"><a:normAutofit/></a:bodyPr>')


def _title(shape_id: int = 2) -> str:
    return _ph(shape_id, "Title", 'type="title"', _TITLE_BOX)


def _layout_shapes() -> dict[str, tuple[str, list[str], bool]]:
    """Return layout name -> (layout type, placeholder XML, show master shapes)."""
    body = '<a:bodyPr><a:normAutofit/></a:bodyPr>'
    title_slide = [
        _rect(7, "Accent band", (0, 0, 0.35, HEIGHT / IN)),
        _rect(8, "Accent rule", (0.9, 3.95, 1.6, 0.06)),
        _ph(2, "Title", 'type="ctrTitle"', (0.9, 1.9, 11.6, 1.95), "Client name",
            _plain(4000, '<a:schemeClr val="tx2"/>', bold=True),
            '<a:bodyPr anchor="b"><a:normAutofit/></a:bodyPr>'),
        _ph(3, "Subtitle", 'type="subTitle" idx="1"', (0.9, 4.15, 11.6, 1.6),
            "Deck title · wave · date", _plain(2000, _GREY),
            '<a:bodyPr anchor="t"><a:normAutofit/></a:bodyPr>'),
    ]
    return {
        "CX Title": ("title", title_slide + _footers(4), False),
        "CX Title and Content": ("obj", [
            _title(), _ph(3, "Content Placeholder", 'idx="1"', _BODY_BOX, body_pr=body),
            *_footers(4)], True),
        "CX Two Content": ("twoObj", [
            _title(),
            _ph(3, "Left Content Placeholder", 'sz="half" idx="1"',
                (LEFT, 1.4, _HALF_W, 5.45), body_pr=body),
            _ph(4, "Right Content Placeholder", 'sz="half" idx="2"',
                (LEFT + _HALF_W + 0.333, 1.4, _HALF_W, 5.45), body_pr=body),
            *_footers(5)], True),
        "CX Title and Picture": ("picTx", [
            _title(),
            _ph(3, "Picture Placeholder", 'type="pic" idx="1"', _MEDIA_BOX, "Chart",
                _plain(1400, _GREY, align="ctr"), '<a:bodyPr anchor="ctr"/>'),
            _caption(4, 2), *_footers(5)], True),
        "CX Title and Table": ("tbl", [
            _title(),
            _ph(3, "Table Placeholder", 'type="tbl" sz="quarter" idx="13"', _MEDIA_BOX,
                "Table", _plain(1400, _GREY, align="ctr"), '<a:bodyPr anchor="ctr"/>'),
            _caption(4, 14), *_footers(5)], True),
    }


def _replace_shapes(sp_tree: etree._Element, shapes: list[str]) -> None:
    for child in list(sp_tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        sp_tree.remove(child)
    for xml in shapes:
        sp_tree.append(etree.fromstring(xml))


def _master(master: object) -> None:
    """Redraw the master: title, body, footers, an accent rule; text styles."""
    el = master._element  # type: ignore[attr-defined]
    sp_tree = el.find("p:cSld/p:spTree", NS)
    _replace_shapes(sp_tree, [
        _ph(2, "Title Placeholder", 'type="title"', _TITLE_BOX,
            body_pr='<a:bodyPr anchor="b"><a:normAutofit/></a:bodyPr>'),
        _ph(3, "Text Placeholder", 'type="body" idx="1"', _BODY_BOX,
            body_pr='<a:bodyPr><a:normAutofit/></a:bodyPr>'),
        *_footers(4),
        _rect(7, "Title rule", (LEFT, 1.2, CONTENT_W, 0.035)),
    ])
    styles = el.find("p:txStyles", NS)
    levels = "".join(
        f'<a:lvl{i}pPr marL="{m}" indent="-{ind}" algn="l">'
        f'<a:spcBef><a:spcPts val="{sp}"/></a:spcBef>'
        f'<a:buFont typeface="Arial"/><a:buChar char="{ch}"/>'
        f'<a:defRPr sz="{sz}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/>'
        f'</a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
        f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{i}pPr>'
        for i, (m, ind, sz, sp, ch) in enumerate(
            [(228600, 228600, 1800, 600, "•"), (457200, 228600, 1600, 300, "–"),
             (685800, 228600, 1400, 200, "•"), (914400, 228600, 1200, 200, "–"),
             (1143000, 228600, 1200, 200, "•")], start=1))
    new = etree.fromstring(
        f'<p:txStyles {_DECL}><p:titleStyle><a:lvl1pPr algn="l">'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="2600" b="1" kern="1200"><a:solidFill><a:schemeClr val="tx2"/>'
        f'</a:solidFill><a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/>'
        f'<a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>'
        f"<p:bodyStyle>{levels}</p:bodyStyle>"
        f'<p:otherStyle><a:lvl1pPr><a:defRPr sz="1400" kern="1200"><a:solidFill>'
        f'<a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr>'
        f"</a:lvl1pPr></p:otherStyle></p:txStyles>")
    el.replace(styles, new)
    if el.find("p:hf", NS) is None:  # slide number and footer on, date and header off
        new.addprevious(etree.fromstring(f'<p:hf {_DECL} hdr="0" dt="0"/>'))


def _theme(master: object) -> None:
    """Set the theme's name, colours and fonts (the theme part is plain XML bytes)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    root.set("name", "CX Workbench")
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", "CX Workbench")
    for name, value in COLOURS.items():
        slot = scheme.find(f"a:{name}", NS)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{NS['a']}}}srgbClr", val=value)
    fonts = root.find("a:themeElements/a:fontScheme", NS)
    fonts.set("name", "CX Workbench")
    for latin in fonts.iterfind("*/a:latin", NS):
        latin.set("typeface", FONT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def build(target: Path) -> Path:
    """Write the template to ``target`` and return it."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    master = prs.slide_master
    _master(master)
    _theme(master)
    keep = {"Title Slide": "CX Title", "Title and Content": "CX Title and Content",
            "Two Content": "CX Two Content", "Picture with Caption": "CX Title and Picture",
            "Title Only": "CX Title and Table"}
    shapes = _layout_shapes()
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
            continue
        name = keep[layout.name]
        kind, xml, show_master = shapes[name]
        el = layout._element
        el.set("type", kind)
        el.set("preserve", "1")
        if show_master:
            el.attrib.pop("showMasterSp", None)
        else:
            el.set("showMasterSp", "0")
        el.find("p:cSld", NS).set("name", name)
        _replace_shapes(el.find("p:cSld/p:spTree", NS), xml)
    order = {name: i for i, name in enumerate(LAYOUT_NAMES)}
    id_list = master._element.find("p:sldLayoutIdLst", NS)
    by_rid = {layout.part.partname: layout.name for layout in prs.slide_layouts}
    entries = sorted(id_list, key=lambda e: order[by_rid[
        master.part.related_part(e.get(f"{{{NS['r']}}}id")).partname]])
    for entry in entries:
        id_list.append(entry)  # re-append in the documented order
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "CX Workbench deck", "", ""
    props.comments = "Slide master for cxlib.presentation.deck; keep the layout names (README.md)."
    props.revision = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(target))
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("cx-deck.pptx")
    print(build(out))
    check = Presentation(str(out))
    assert abs(check.slide_width / check.slide_height - 16 / 9) < 0.01
    print([layout.name for layout in check.slide_layouts], Inches(1))
