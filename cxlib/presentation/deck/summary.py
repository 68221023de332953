"""The slides that repeat the run's front page: the executive summary and the findings.

Both read the front page's summary (:func:`cxlib.presentation.front.front_page`, computed
once per deck in :attr:`_Context.front`) rather than the analyses behind it, so that the
deck and ``index.html`` show the same KPIs, the same irritants in the same order and the
same health check. A part whose data the client lacks is left out; a slide left with
nothing to say is not added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxlib.analysis.coverage import allows
from cxlib.i18n import colon, quoted
from cxlib.presentation.deck.context import _Context
from cxlib.presentation.deck.layout import (
    _GREY,
    _columns,
    _new_slide,
    _notes,
    _text_placeholders,
    _write,
)
from cxlib.presentation.deck.text import _cut, _Para, _para, _Run

__all__ = ["SUMMARY_IRRITANTS"]

#: Irritants on the summary slide: the front page's first ones, in its order.
SUMMARY_IRRITANTS = 3
#: Enchantments on the findings slide.
_ENCHANTMENTS = 3
_QUOTE_CHARS = 200
_TITLE_CHARS = 160
_SEVERITY_INK = {"problem": "C62828", "warning": "E69F00", "info": "5B6770"}
_STATUS_INK = {"green": "2E7D32", "amber": "B26B00", "red": "C62828"}


def _kpi_paras(ctx: _Context) -> list[_Para]:
    """Return the front page's KPIs; nothing when the client has no survey."""
    if not allows(ctx.inputs, "04_kpis", "kp_headline"):
        return []
    labels = ctx.front["labels"]
    paras = [_para("heading", labels["kpis"])]
    if not ctx.front["kpis"]:
        return [*paras, _para("text", labels["kpis_none"])]
    for k in ctx.front["kpis"]:
        runs = [_Run(f"{k['label']}{colon(ctx.lang)} {k['value']} ({k['base']})", bold=True)]
        if k["low_base"]:
            runs.append(_Run(f"  ⚠ {labels['low_base']}", ink=_GREY))
        if k["status"]:
            runs.append(_Run(f"  ■ {k['status_label']}", ink=_STATUS_INK[k["status"]]))
        paras.append(_para("text", *runs))
        paras.append(_para("note", k["change"] or ctx.t("dk_kpi_first")))
    return paras


def _finding_paras(ctx: _Context, heading: str, findings: Sequence[Any]) -> list[_Para]:
    """Return a heading and a line per finding, severity in colour (none: nothing)."""
    if not findings:
        return []
    labels = ctx.front["labels"]
    return [_para("heading", heading), *(
        _para("text", _Run("■ ", ink=_SEVERITY_INK[f.severity]),
              _Run(f"{labels['severity_' + f.severity]}{colon(ctx.lang)} ", bold=True), f.text)
        for f in findings)]


def _item_paras(ctx: _Context, items: Sequence[dict[str, Any]], heading: str) -> list[_Para]:
    """Return ranked items as the front page lists them: title, where, quote."""
    paras = [_para("heading", heading)]
    if not items:
        return [*paras, _para("text", ctx.t("iv_none_coded"))]
    for item in items:
        paras.append(_para("text", _Run(f"{item['rank']}. {_cut(item['title'], _TITLE_CHARS)}",
                                        bold=True)))
        paras.append(_para("note", f"{item['stage']} · {item['channel']} · {item['interviews']}"))
        if item["quote"]:
            paras.append(_para("quote", quoted(_cut(item["quote"], _QUOTE_CHARS), ctx.lang),
                               _Run(f" — {item['who']}", ink=_GREY)))
        else:
            paras.append(_para("note", ctx.t("dk_no_quote")))
    return paras


def _item_notes(items: Sequence[dict[str, Any]]) -> list[str]:
    return [f"{i['rank']}. {i['title']} — {i['stage']} · {i['channel']} · {i['interviews']}"
            for i in items]


def _kpi_notes(ctx: _Context) -> list[str]:
    return [" · ".join(part for part in (f"{k['label']}{colon(ctx.lang)} {k['value']}",
                                         k["base"], k["interval"], k["target"], k["change"])
                       if part) for k in ctx.front["kpis"]]


def _summary_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the KPIs and health check beside the top irritants, all from the front page.

    A column whose data the client lacks is left out (one column then takes the slide);
    without KPIs, health check and coded interviews, there is no summary slide.
    """
    front = ctx.front
    left = _kpi_paras(ctx) + _finding_paras(ctx, front["labels"]["health"], front["health"])
    irritants = front["irritants"][:SUMMARY_IRRITANTS]
    right = (_item_paras(ctx, irritants, ctx.t("iv_irritants"))
             if allows(ctx.inputs, "03_interviews", "iv_irritants") else [])
    if not (left or right):
        return
    if left and right:
        slide = _new_slide(prs, layouts["two"], ctx, ctx.t("dk_summary"))
        _columns(slide, left, right, ctx, largest=16, smallest=9)
    else:
        slide = _new_slide(prs, layouts["content"], ctx, ctx.t("dk_summary"))
        _write(_text_placeholders(slide)[0], left or right, ctx, largest=16, smallest=9)
    _notes(slide, [*_kpi_notes(ctx),
                   *(f"{front['labels']['severity_' + f.severity]}{colon(ctx.lang)} {f.text}"
                     for f in front["findings"]),
                   *_item_notes(irritants)])


def _enchantments(ctx: _Context) -> list[dict[str, Any]]:
    """Return the most cited enchantments, shaped as the front page's irritants."""
    from cxlib.presentation.front import cited_items

    return cited_items(ctx.inputs, ctx.spans, "enchantment", ctx.lang, limit=_ENCHANTMENTS)


def _findings_slide(prs: Any, layouts: dict[str, Any], ctx: _Context) -> None:
    """Add the front page's irritants beside the most cited enchantments, with quotes."""
    irritants, enchantments = ctx.front["irritants"], _enchantments(ctx)
    if not (irritants or enchantments):
        return
    slide = _new_slide(prs, layouts["two"], ctx, ctx.t("title_03_interviews"))
    _columns(slide, _item_paras(ctx, irritants, ctx.t("iv_irritants")),
             _item_paras(ctx, enchantments, ctx.t("iv_enchantments")), ctx, largest=14,
             smallest=8.5)
    _notes(slide, _item_notes([*irritants, *enchantments]))
