"""The HTML a report page is made of, rendered from ``templates/report/fragments.html.j2``.

One Jinja macro per block (heading, paragraph, findings, tables, persona cards, the
touchpoint matrix, journey maps…), rendered with autoescape: every text is escaped exactly
once, and HTML already made (a great_tables table, a chart) is passed as
:class:`markupsafe.Markup`. Escaping writes what :func:`html.escape` writes (``&#x27;``,
``&quot;``) so that pages stay byte for byte what they were before the templates.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import jinja2
from markupsafe import Markup

from cxlib import paths
from cxlib.i18n import number, quoted, t

__all__ = ["anchor", "environment", "fragment", "journey_map_html", "persona_card_html"]

#: The template of every macro, in ``templates/report/``.
TEMPLATE = "fragments.html.j2"


def anchor(text: str) -> str:
    """Return the ``id`` of a heading: ``text`` in lower-case ASCII words joined by ``-``.

    Parameters
    ----------
    text : str
        The heading as shown, accents and all.

    Returns
    -------
    str
        E.g. ``"etapes-du-parcours"`` for "Étapes du parcours"; ``"section"`` when nothing
        is left.
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "section"


def _escape(value: object) -> object:
    """Escape one value written by a template, the way :func:`html.escape` does.

    The environment's ``finalize``: autoescape then leaves the returned Markup as it is,
    so a value is escaped once, with ``html.escape``'s entities rather than markupsafe's.
    """
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


@functools.cache
def environment() -> jinja2.Environment:
    """Return the Jinja environment of the fragments (one per process).

    Returns
    -------
    jinja2.Environment
        Loads from ``templates/report/``, autoescapes, refuses undefined values; ``t``,
        ``number`` and ``quoted`` (:mod:`cxlib.i18n`) are globals, ``anchor`` a filter.
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.templates_dir() / "report"),
                             autoescape=True, finalize=_escape,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(t=t, number=number, quoted=quoted)
    env.filters["anchor"] = anchor
    return env


@functools.cache
def _macros() -> Any:
    """Return the template module of ``fragments.html.j2``: one attribute per macro."""
    return environment().get_template(TEMPLATE).module


def fragment(macro: str, /, **values: Any) -> str:
    """Return the HTML of one macro of ``fragments.html.j2``.

    Parameters
    ----------
    macro : str
        The macro's name, e.g. ``"findings"``.
    **values
        Its arguments; texts are escaped by the template, Markup is written as it is.

    Returns
    -------
    str
        One line of HTML.
    """
    return str(getattr(_macros(), macro)(**values))


def _emotion(stage: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``stage`` with the satisfaction bar's width (percent) and tone."""
    mean = stage["satisfaction"]["mean"]
    if mean is None:
        return dict(stage)
    width = max(0.0, min(1.0, (mean - 1) / 4)) * 100
    tone = "good" if mean >= 4 else "mid" if mean >= 3 else "bad"
    return {**stage, "width": f"{width:.0f}", "tone": tone}


def journey_map_html(journey: Mapping[str, Any], lang: str) -> str:
    """Return one persona's journey map as an HTML table: stages as columns, lanes as rows.

    Parameters
    ----------
    journey : mapping
        From :func:`cxlib.analysis.journey_map.persona_map`.
    lang : {"fr", "en"}
        Language of the lane names and numbers.

    Returns
    -------
    str
        The fragment, every text escaped.
    """
    stages = journey["stages"]
    workshop = any(s.get(k) for s in stages for k in ("actions", "questions", "motivations"))
    return fragment("journey_map", stages=[_emotion(s) for s in stages], workshop=workshop,
                    lang=lang)


def persona_card_html(card: Mapping[str, Any], lang: str) -> str:
    """Return one persona card as an HTML fragment, every text escaped.

    Parameters
    ----------
    card : mapping
        From :func:`cxlib.analysis.personas.persona_cards`: ``name``, optional texts
        (``description``, ``quote``, ``goals``, ``questions``, ``frustrations``,
        ``expertise``, ``decision_mode``), ``share`` and ``observed`` (0–1 or None) and
        ``appetence`` (``(channel label, level 0–3)`` pairs).
    lang : {"fr", "en"}
        Language of the labels and numbers.

    Returns
    -------
    str
        An ``<article class="cx-persona">`` element; empty fields are left out.
    """
    return fragment("persona_card", card=card, lang=lang)
