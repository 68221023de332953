"""What each report and section needs, and what a client's data allows.

A client arrives piece by piece: a survey export and an analytics log first, workshop
outputs and interviews weeks later. Every section of every report declares here the
tables and columns it reads (:class:`Section`): its ``needs``, without which it shows one
line saying what is missing, and its ``extras``, which enrich it when present. From a
client's inputs, :func:`coverage` tells for each section whether it is rendered, partly
rendered or skipped, and which table or column would enable the rest.

A report none of whose sections can be rendered is left out of the run, with the reason
on the index page (:func:`report_status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from cxlib.i18n import MESSAGES, language, named, t
from cxlib.inputs.loaders import Inputs

__all__ = [
    "REPORTS",
    "AnyOf",
    "Need",
    "Section",
    "additions",
    "allows",
    "any_of",
    "coverage",
    "coverage_table",
    "data_coverage",
    "missing_sentence",
    "report_status",
    "report_title",
    "section",
    "section_status",
]

RENDERED, PARTLY, SKIPPED = "rendered", "partly", "skipped"


@dataclass(frozen=True)
class Need:
    """A table, and optionally columns of it, that a section reads.

    Attributes
    ----------
    table : str
        Logical table name (a key of :data:`~cxlib.inputs.schemas.TABLES`).
    columns : tuple of str
        Columns read (a name ending with ``_`` asks for at least one column so prefixed,
        such as ``sat_`` for the stage satisfaction scores).
    """

    table: str
    columns: tuple[str, ...] = ()

    def met(self, inputs: Inputs) -> bool:
        """Return whether ``inputs`` provide this table with rows and these columns."""
        return inputs.has(self.table, *self.columns)

    def missing(self, inputs: Inputs) -> Need:
        """Return the part of this need that ``inputs`` lack (the table, or its columns)."""
        if inputs.status(self.table) != "present":
            return Need(self.table)
        return Need(self.table, tuple(c for c in self.columns if not inputs.has(self.table, c)))


@dataclass(frozen=True)
class AnyOf(Need):
    """Needs of which one is enough (customer texts: the feedback table or verbatims).

    Attributes
    ----------
    alternatives : tuple of Need
        Met when any one is; when none is, what the first lacks is what to add.
    """

    alternatives: tuple[Need, ...] = ()

    def met(self, inputs: Inputs) -> bool:
        """Return whether ``inputs`` meet any of the alternatives."""
        return any(n.met(inputs) for n in self.alternatives)

    def missing(self, inputs: Inputs) -> Need:
        """Return what the first alternative lacks."""
        return self.alternatives[0].missing(inputs)


def any_of(*needs: Need) -> AnyOf:
    """Return an :class:`AnyOf` (named after its first alternative's table)."""
    return AnyOf(needs[0].table, needs[0].columns, needs)


def need(table: str, *columns: str) -> Need:
    """Return a :class:`Need` (a shorthand for the declarations below)."""
    return Need(table, columns)


@dataclass(frozen=True)
class Section:
    """A section of a report: its heading's message key and the data it reads.

    Attributes
    ----------
    key : str
        The message key of the section's heading (``tp_matrix``).
    needs : tuple of Need
        Without every one of these, the section is skipped.
    extras : tuple of Need
        Each one enriches the section; without some, it is partly rendered.
    """

    key: str
    needs: tuple[Need, ...] = ()
    extras: tuple[Need, ...] = ()


def _s(key: str, needs: Sequence[Need] = (), extras: Sequence[Need] = ()) -> Section:
    return Section(key, tuple(needs), tuple(extras))


_EVENTS = need("events", "customer_id", "timestamp", "stage_id", "channel_id")
_PERSONA_EVENTS = need("events", "customer_id", "timestamp", "stage_id", "channel_id",
                       "persona_id")
_SURVEY = need("survey", "nps")
_CODED = (need("interviews"), need("codebook"), need("codings"))
_TEXTS = any_of(need("feedback"), need("survey", "verbatim"))

#: Every report's sections, in the order the report shows them.
REPORTS: dict[str, tuple[Section, ...]] = {
    "00_overview": (
        _s("ov_scope"),
        _s("ov_stages"),
        _s("ov_matrix", [need("touchpoints")]),
        _s("ov_personas", [need("personas")]),
        _s("ov_waves"),
        _s("ov_inventory"),
        _s("ov_volumes"),
        _s("ov_findings"),
    ),
    "01_personas": (
        _s("pe_cards", [need("personas")], [need("persona_channels")]),
        _s("pe_segments", [_EVENTS]),
        _s("pe_match", [_PERSONA_EVENTS, need("personas")]),
        _s("pe_declared", [_PERSONA_EVENTS, need("personas", "share_of_base")]),
        _s("pe_appetence", [_PERSONA_EVENTS, need("persona_channels")]),
        _s("pe_journeys", [_PERSONA_EVENTS, need("personas")]),
        _s("pe_traces", [_PERSONA_EVENTS, need("personas")]),
        _s("pe_variants", [_PERSONA_EVENTS, need("personas")]),
        _s("pe_distinctness", [_PERSONA_EVENTS, need("personas")]),
    ),
    "02_touchpoints": (
        _s("tp_matrix", [need("touchpoints")], [*_CODED, _EVENTS, _SURVEY]),
        _s("tp_gaps", [need("touchpoints")],
           [need("events", "outcome"), *_CODED]),
        _s("tp_flows", [_EVENTS]),
        _s("tp_stage_flow", [_EVENTS]),
        _s("tp_switch", [_EVENTS]),
        _s("tp_variants", [_EVENTS]),
        _s("tp_timing", [_EVENTS]),
    ),
    "03_interviews": (
        _s("iv_corpus", [need("interviews")], [need("codings")]),
        _s("iv_irritants", _CODED),
        _s("iv_frequencies", _CODED),
        _s("iv_agreement", _CODED),
        _s("iv_saturation", _CODED),
        _s("iv_coverage", [need("interviews", "department_id")]),
    ),
    "04_kpis": (
        _s("kp_headline", [need("survey")]),
        _s("kp_segments", [need("survey")]),
        _s("kp_by_stage", [need("survey", "nps", "stage_id")]),
        _s("kp_by_channel", [need("survey", "nps", "channel_id")]),
        _s("kp_by_persona", [need("survey", "nps", "persona_id")]),
        _s("kp_stage_table", [need("survey", "stage_id")],
           [need("survey", "csat"), need("survey", "ces")]),
        _s("kp_trend", [need("survey")]),
        _s("kp_changes", [need("survey")]),
        _s("kp_low_bases", [need("survey")]),
        _s("kp_drivers", [need("survey", "nps", "sat_")]),
        _s("kp_detractors", [need("survey", "nps", "touchpoint_id"), need("touchpoints")]),
        _s("kp_verbatims", [need("survey", "nps", "verbatim"), *_CODED]),
        _s("kp_operations", [need("events", "customer_id", "stage_id", "outcome")]),
        _s("kp_operational_trend", [need("kpis")]),
    ),
    "05_journey_map": (
        _s("jm_health", [need("touchpoints")], [_EVENTS, *_CODED]),
        _s("wv_heading", [need("touchpoints")]),
        _s("jm_maps", [need("personas"), need("touchpoints")],
           [_PERSONA_EVENTS, _SURVEY, *_CODED, need("persona_stages")]),
        _s("jm_plan", [need("touchpoints")], [need("actions")]),
    ),
    "06_voice": (
        _s("vo_volume", [_TEXTS], [need("feedback")]),
        _s("vo_themes", [_TEXTS], [need("codebook")]),
        _s("vo_stages", [any_of(need("feedback", "stage_id"),
                                need("survey", "verbatim", "stage_id"))]),
        _s("vo_channels", [any_of(need("feedback", "channel_id"),
                                  need("survey", "verbatim", "channel_id"))]),
        _s("vo_ratings", [need("feedback", "rating")]),
        _s("vo_changes", [_TEXTS]),
        _s("vo_low_bases", [_TEXTS]),
    ),
}


def section(report: str, key: str) -> Section:
    """Return the declaration of section ``key`` of ``report``.

    Raises
    ------
    KeyError
        If the report has no such section (a notebook and its declaration disagree).
    """
    for item in REPORTS[report]:
        if item.key == key:
            return item
    raise KeyError(f"{report} declares no section {key!r}")


@dataclass(frozen=True)
class SectionCoverage:
    """What a client's data allows of one section."""

    report: str
    key: str
    status: str
    missing: tuple[Need, ...]


def _status(item: Section, inputs: Inputs) -> tuple[str, tuple[Need, ...]]:
    lacking = tuple(n.missing(inputs) for n in item.needs if not n.met(inputs))
    if lacking:
        return SKIPPED, lacking
    extra = tuple(n.missing(inputs) for n in item.extras if not n.met(inputs))
    return (PARTLY if extra else RENDERED), extra


def coverage(inputs: Inputs, reports: Sequence[str] | None = None) -> list[SectionCoverage]:
    """Return what ``inputs`` allow of every section of every report.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    reports : sequence of str, optional
        The reports to look at (default: all, in order).

    Returns
    -------
    list of SectionCoverage
        One per section: ``rendered``, ``partly`` or ``skipped``, with what is missing.
    """
    out = []
    for report in reports or REPORTS:
        for item in REPORTS[report]:
            status, missing = _status(item, inputs)
            out.append(SectionCoverage(report, item.key, status, missing))
    return out


def section_status(inputs: Inputs, report: str, key: str) -> tuple[str, tuple[Need, ...]]:
    """Return ``rendered``, ``partly`` or ``skipped`` for one section, with what it lacks."""
    return _status(section(report, key), inputs)


def allows(inputs: Inputs, report: str, key: str) -> bool:
    """Return whether ``inputs`` can feed section ``key`` of ``report`` (whole or in part)."""
    return section_status(inputs, report, key)[0] != SKIPPED


def additions(missing: Sequence[Need], lang: str) -> str:
    """Return what to add, in words: ``the 'events' table and the column 'nps' to …``."""
    from babel.lists import format_list

    locale = language(lang).babel
    tables = [_table_name(item.table, lang) for item in missing if not item.columns]
    parts = [t("cov_add_table", lang, n_tables=len(tables),
               tables=format_list(tables, locale=locale))] if tables else []
    parts += [t("cov_add_columns", lang, n_columns=len(item.columns),
                columns=format_list([named(c, lang) for c in item.columns], locale=locale),
                table=_table_name(item.table, lang)) for item in missing if item.columns]
    return format_list(parts, locale=locale)


def data_coverage(inputs: Inputs) -> tuple[list[str], list[str]]:
    """Return the contract's tables that have rows, and those absent or with a header only."""
    from cxlib.inputs.schemas import TABLES

    present = [name for name in TABLES if inputs.status(name) == "present"]
    return present, [name for name in TABLES if name not in present]


def report_status(inputs: Inputs, report: str) -> tuple[str, tuple[Need, ...]]:
    """Return a whole report's status and, when skipped, what its first section lacks."""
    items = coverage(inputs, [report])
    statuses = {i.status for i in items}
    if statuses == {RENDERED}:
        return RENDERED, ()
    if statuses == {SKIPPED}:
        return SKIPPED, items[0].missing
    return PARTLY, ()


def report_title(notebook: str, lang: str) -> str:
    """Return a report's title (``title_<notebook>``), or the notebook's name without one."""
    return t(f"title_{notebook}", lang) if f"title_{notebook}" in MESSAGES else notebook


def _table_name(table: str, lang: str) -> str:
    return named(table, lang)


def missing_sentence(missing: Sequence[Need], what: str, lang: str) -> str:
    """Return one sentence saying which table or column would enable ``what``.

    Parameters
    ----------
    missing : sequence of Need
        What the section lacks (from :func:`coverage`).
    what : str
        What it would show: a section's heading or a report's title.
    lang : {"fr", "en"}
        The client's language.

    Returns
    -------
    str
        ``Add the 'interviews' table to see 'Interviews'.`` or ``Add the column 'outcome' to
        the 'events' table to see …``.
    """
    return t("cov_missing", lang, what=named(what, lang), add=additions(missing, lang))


def coverage_table(inputs: Inputs, lang: str) -> pl.DataFrame:
    """Return the coverage of every section as a table for ``cx validate`` and 00_overview.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    lang : {"fr", "en"}
        The client's language.

    Returns
    -------
    polars.DataFrame
        ``report, section, status`` (in words) and ``to_enable`` (a sentence, empty when
        the section is rendered whole).
    """
    rows = []
    for item in coverage(inputs):
        heading = t(item.key, lang)
        rows.append({"report": report_title(item.report, lang), "section": heading,
                     "status": t(f"cov_{item.status}", lang),
                     "to_enable": missing_sentence(item.missing, heading, lang)
                     if item.missing else ""})
    return pl.DataFrame(rows, schema={"report": pl.String, "section": pl.String,
                                      "status": pl.String, "to_enable": pl.String})
