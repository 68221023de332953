"""How altair charts are shown: offline in reports, as static SVG in JupyterLab.

Two modes, chosen by :func:`enable`:

``report``
    Used when the runner executes a notebook (it sets ``CX_REPORT=1``). A chart becomes a
    small HTML fragment — a ``<div class="cx-chart">`` holding the Vega-Lite spec as JSON —
    and the report template loads the vega libraries once per page and draws every chart
    there. Nothing is fetched from a network; the notebook stays valid for nbformat (no
    ``application/vnd.vegalite.v6.json`` output, which the notebook schema rejects).
``interactive``
    In JupyterLab: the chart is drawn by vega-embed in the notebook, with its tooltips. The
    vega libraries come from vl-convert (inlined with the kernel's first chart, nothing
    fetched from a network, no JupyterLab extension); each chart also carries a static SVG
    made by vl-convert, shown where the page cannot run scripts (a notebook opened as not
    trusted, a page reloaded without the libraries).

:func:`use_brand` registers the client's colours, system fonts and number/date locale as
an altair theme. Charts never receive row-level data: :mod:`~.charts` aggregates first.
"""

from __future__ import annotations

import functools
import html
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import altair as alt

from cxlib import paths
from cxlib.i18n import language

__all__ = ["BUNDLE_VL_VERSION", "REPORT_RENDERER", "enable", "mode", "use_brand", "vega_bundle"]

#: Vega-Lite version of the specs altair writes, e.g. ``"6.4"``: the report bundle matches it.
BUNDLE_VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
#: Name of the altair renderer that embeds charts for the offline report.
REPORT_RENDERER = "cx-report"

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_NEUTRALS = ["#7f7f7f", "#bcbd22", "#17becf", "#8c564b", "#e377c2", "#9467bd"]


def _report_fragment(spec: dict[str, Any]) -> str:
    """Return the HTML fragment the report template turns into a drawn chart."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, the JSON must neither close the element nor open a comment:
    # "\u003c" is the same character for JSON.parse and never markup for the HTML parser.
    text = text.replace("<", "\\u003c")
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    label = html.escape(str(title or spec.get("description") or ""), quote=True)
    described = f' aria-label="{label}"' if label else ""
    return (f'<div class="cx-chart" role="img"{described}>'
            f'<script type="application/json" class="cx-spec">{text}</script></div>')


def _report_renderer(spec: dict[str, Any], **_metadata: Any) -> dict[str, str]:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return {"text/html": _report_fragment(spec), "text/plain": f"[chart: {title or ''}]"}


def _svg_renderer(spec: dict[str, Any], **_metadata: Any) -> dict[str, str]:
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=BUNDLE_VL_VERSION)
    return {"image/svg+xml": svg, "text/plain": "[chart]"}


#: Whether this kernel has already sent the vega libraries to the notebook page.
_LIBRARIES_SENT = False

# Replaces the static picture by the interactive chart once vega-embed has drawn it; keeps
# the picture where the libraries are absent or drawing fails.
_DRAW = """<script>(function () {
  var me = document.currentScript, box = me && me.previousElementSibling;
  if (!box || !window.vegaEmbed) { return; }
  var spec = JSON.parse(box.querySelector("script.cx-spec").textContent);
  var target = document.createElement("div");
  window.vegaEmbed(target, spec, {actions: false, renderer: "svg"}).then(function () {
    box.querySelector("img").replaceWith(target);
    box.classList.add("cx-interactive");
  }).catch(function (err) { console.error("cx chart: " + (err && err.message || err)); });
})();</script>"""


def _lab_renderer(spec: dict[str, Any], **_metadata: Any) -> dict[str, str]:
    """Return a chart JupyterLab draws with tooltips, a static SVG inside as a fallback."""
    import base64

    import vl_convert

    global _LIBRARIES_SENT
    svg = vl_convert.vegalite_to_svg(spec, vl_version=BUNDLE_VL_VERSION)
    picture = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    label = html.escape(str(title or spec.get("description") or ""), quote=True)
    libraries = "" if _LIBRARIES_SENT else f"<script>{vega_bundle()}</script>"
    _LIBRARIES_SENT = True
    chart = (f'<div class="cx-lab-chart" role="img" aria-label="{label}">'
             f'<img alt="{label}" src="data:image/svg+xml;base64,{picture}">'
             f'<script type="application/json" class="cx-spec">{text}</script></div>')
    return {"text/html": libraries + chart + _DRAW, "text/plain": f"[chart: {title or ''}]"}


@functools.cache
def vega_bundle() -> str:
    """Return the vega, vega-lite and vega-embed JavaScript bundle for report pages.

    Built by vl-convert for the Vega-Lite version altair writes (about 0.9 MB, no outside
    reference) and cached under ``reports/.cache/`` because building it takes seconds.

    Returns
    -------
    str
        JavaScript defining ``vegaEmbed``, ``vegaLite`` and ``vega`` globally.
    """
    import vl_convert

    cache = paths.reports_dir() / ".cache" / \
        f"vega-bundle-{vl_convert.__version__}-vl{BUNDLE_VL_VERSION}.js"
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(vl_version=BUNDLE_VL_VERSION)
    # Inside an inline <script>, "</script" would end the element early.
    bundle = bundle.replace("</script", "<\\/script")
    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", suffix=".tmp", dir=cache.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(bundle)
        os.replace(tmp, cache)  # two runs building it at once never read half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return bundle


alt.renderers.register(REPORT_RENDERER, _report_renderer)
alt.renderers.register("cx-svg", _svg_renderer)
alt.renderers.register("cx-lab", _lab_renderer)


def mode() -> str:
    """Return the mode :func:`enable` picks by default: ``"report"`` or ``"interactive"``.

    Returns
    -------
    str
        ``"report"`` when the environment variable ``CX_REPORT`` is ``1``.
    """
    return "report" if os.environ.get("CX_REPORT") == "1" else "interactive"


def enable(which: str = "auto") -> str:
    """Make altair render charts for a report or for JupyterLab.

    Parameters
    ----------
    which : {"auto", "report", "interactive"}
        ``"auto"`` uses :func:`mode`.

    Returns
    -------
    str
        The mode enabled.
    """
    chosen = mode() if which == "auto" else which
    if chosen not in ("report", "interactive"):
        raise ValueError(f"unknown render mode {which!r}: expected auto, report or interactive")
    alt.renderers.enable(REPORT_RENDERER if chosen == "report" else "cx-lab")
    return chosen


def _locale(lang: str) -> dict[str, Any]:
    import vl_convert

    name = language(lang).tag
    return {"number": vl_convert.get_format_locale(name),
            "time": vl_convert.get_time_format_locale(name)}


def use_brand(primary: str, secondary: str, lang: str = "en") -> str:
    """Register and enable the client's chart theme.

    Parameters
    ----------
    primary, secondary : str
        Brand colours (``#rrggbb``): the first two colours of every categorical palette.
    lang : {"fr", "en"}
        Number and date format of axes and tooltips (``12 345,6`` and French month names
        in French).

    Returns
    -------
    str
        The theme's name (``"cx"``).
    """
    from cxlib.presentation.charts._base import use_language

    palette = [primary, secondary, *_NEUTRALS]
    use_language(lang)  # the titles a chart writes itself

    @alt.theme.register("cx", enable=True)
    def _theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                "font": _FONT,
                "background": "white",
                "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
                "range": {"category": palette},
                "mark": {"color": primary},
                "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start",
                          "color": "#1a1a1a"},
                "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#333333",
                         "titleColor": "#333333", "gridColor": "#e6e6e6",
                         "domainColor": "#999999", "tickColor": "#999999"},
                "legend": {"labelFontSize": 12, "titleFontSize": 12},
                "locale": _locale(lang),
            }
        }

    return "cx"
