"""Native tables of the deck (journey maps, action plan) in the client's colours.

A :class:`_Grid` holds the header, the rows of cells (each a list of paragraphs) and the
relative column widths; :func:`_table` fills the slide's table placeholder with it, at the
largest text size at which every row fits the placeholder's height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches

from cxlib.presentation.deck.context import _Context, _luminance, _tint
from cxlib.presentation.deck.layout import _format, _placeholder
from cxlib.presentation.deck.text import _height, _Para, _para, _Run

__all__: list[str] = []

_Cell = list[_Para]
_MARGIN_W, _MARGIN_H = 0.06, 0.035


@dataclass
class _Grid:
    """A table to draw: header, rows of cells, relative widths and text sizes."""

    header: list[str]
    rows: list[list[_Cell]]
    widths: list[float]
    largest: float = 11
    smallest: float = 7.5
    lane_column: bool = False  # the first column names the rows (journey map lanes)
    centred: set[int] = field(default_factory=set)


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
    """Fill and write one table cell ("–" when it has nothing to say)."""
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
