"""What a notebook writes into its report: headings, sentences, figures, tables, charts.

A notebook opens a :class:`Page` for its client and then calls one method per block. Every
text is in the client's language and HTML-escaped; tables go through great_tables with the
client's number locale; charts go through the offline renderer. The HTML is in
``templates/report/fragments.html.j2`` (see :mod:`cxlib.presentation.fragments`). Nothing
here computes an analysis: it only presents what :mod:`cxlib`'s analysis modules return.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from markupsafe import Markup

from cxlib import paths
from cxlib.i18n import DATE_FORMAT, MESSAGES, detect_language, language, number, t
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.loaders import Inputs, load_inputs
from cxlib.presentation.exports import EXCEL_DATE, record_chart, record_table
from cxlib.presentation.fragments import fragment, journey_map_html, persona_card_html

__all__ = ["Page", "journey_map_html", "persona_card_html"]

#: Set to ``1``, a runner's render checks every chart against the Vega-Lite schema too.
CHECK_CHARTS = "CX_CHECK_CHARTS"
_STATUS_FILL = {"green": "#d8eed9", "amber": "#fdecc8", "red": "#f6d5d5"}


def _labels(frame: pl.DataFrame, labels: Mapping[str, str] | None) -> Mapping[str, str]:
    """Return the headers of a table: as given, or ``col_<column>`` for every column."""
    return {c: f"col_{c}" for c in frame.columns} if labels is None else labels


def _display(fragment_html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(fragment_html))


def _show(macro: str, /, **values: Any) -> None:
    """Display one macro of ``templates/report/fragments.html.j2`` (see :func:`fragment`)."""
    _display(fragment(macro, **values))


def _first_client() -> str:
    """Return the first client of ``data/``, for a notebook opened with no client set."""
    from cxlib.errors import ConfigError

    found = paths.clients()
    if not found:
        raise ConfigError(t("nb_no_client", detect_language(),
                            folder=paths.display(paths.data_dir())))
    return found[0]


class Page:
    """The report a notebook is writing, for one client.

    Parameters
    ----------
    client : str
        Client folder name (the notebook's ``client`` parameter).
    notebook : str
        The notebook's name, e.g. ``"00_overview"``: its title comes from the messages.
    language : {"", "fr", "en"}
        Report language; empty means the client's.

    Attributes
    ----------
    config : ClientConfig
        The client's configuration.
    lang : {"fr", "en"}
        Report language.
    charts : module
        :mod:`cxlib.presentation.charts`, so notebooks need one import only.
    """

    def __init__(self, client: str, notebook: str, language: str = "") -> None:
        from cxlib.presentation import charts, render

        chosen = client or _first_client()
        self.config: ClientConfig = load_config(chosen)
        self.lang = language or self.config.language
        self.charts = charts
        self.notebook = notebook
        self._inputs: Inputs | None = None
        self._section = ""  # the latest heading: names exported charts and tables
        render.enable()
        render.use_brand(self.config.brand.primary, self.config.brand.secondary, self.lang)
        if not client:  # opened in JupyterLab as committed: say which client is shown
            _show("paragraph", text=self.t("nb_default_client", client=chosen),
                  css="cx-note cx-missing")

    def _outputs(self) -> Path:
        """Return where files beside the report go: the run's folder, or a private one.

        Under ``cx run`` the kernel works in the run's build folder. Opened in JupyterLab,
        a notebook writes its attachments to ``reports/.build/<client>/jupyterlab/``
        (git-ignored, like every output), never beside the notebook in ``notebooks/``.
        """
        if os.environ.get("CX_REPORT"):
            return Path.cwd()
        folder = paths.build_dir(self.config.slug, "jupyterlab")
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def inputs(self) -> Inputs:
        """The client's validated inputs, loaded on first use."""
        if self._inputs is None:
            self._inputs = load_inputs(self.config)
        return self._inputs

    def t(self, key: str, **values: object) -> str:
        """Return message ``key`` in the report language."""
        return t(key, self.lang, **values)

    # -- text ---------------------------------------------------------------------------

    def title(self) -> None:
        """Write the report title (from message ``title_<notebook>``)."""
        text = self.t(f"title_{self.notebook}")
        _show("heading", text=text, level=1)

    def heading(self, key: str, level: int = 2, **values: object) -> None:
        """Write a section heading from message ``key``; it enters the table of contents."""
        text = self.t(key, **values)
        self._section = text
        _show("heading", text=text, level=level)

    def section(self, key: str, level: int = 2, **values: object) -> bool:
        """Write a section's heading; return whether the client's data can feed the section.

        What each section reads is declared in :mod:`cxlib.analysis.coverage`. Without it,
        one line under the heading says which table or column would enable the section,
        and the notebook's cell shows nothing more (``if page.section(...):``). When only
        some of what enriches it is missing, a note says what more it would show.

        Parameters
        ----------
        key : str
            The heading's message key, declared as a section of this notebook.
        level : int, optional
            Heading level (2 for a section, 3 for a sub-section).
        **values
            Placeholders of the heading.

        Returns
        -------
        bool
            False when the section cannot be shown.
        """
        from cxlib.analysis.coverage import (
            REPORTS,
            SKIPPED,
            additions,
            missing_sentence,
            section_status,
        )

        self.heading(key, level, **values)
        if self.notebook not in REPORTS:  # a consultant's own notebook declares nothing
            return True
        status, missing = section_status(self.inputs, self.notebook, key)
        if status == SKIPPED:
            sentence = missing_sentence(missing, self._section, self.lang)
            _show("paragraph", text=sentence, css="cx-missing")
            return False
        if missing:
            note = self.t("cov_partly_note", add=additions(missing, self.lang))
            _show("paragraph", text=note, css="cx-note cx-missing")
        return True

    def covers(self, key: str) -> bool:
        """Return whether the client's data can feed section ``key`` (writes nothing)."""
        from cxlib.analysis.coverage import REPORTS, allows

        return self.notebook not in REPORTS or allows(self.inputs, self.notebook, key)

    def text(self, key: str, **values: object) -> None:
        """Write a paragraph from message ``key``."""
        _show("paragraph", text=self.t(key, **values))

    def findings(self, findings: Sequence[object]) -> None:
        """Write findings as a list, each marked problem, warning or information.

        Parameters
        ----------
        findings : sequence of Finding
            Objects with ``severity`` and ``text``.
        """
        _show("findings", items=findings, lang=self.lang)

    def touchpoint_matrix(self, rows: Sequence[dict], stages: Sequence[str],
                          personas: dict[str, str] | None = None) -> None:
        """Write the stage × channel matrix: touchpoints as chips coloured by valence.

        Parameters
        ----------
        rows : sequence of dict
            From :func:`cxlib.analysis.touchpoints.matrix_cells`: per channel, ``channel``,
            ``kind`` and ``cells`` (one list of touchpoints per stage).
        stages : sequence of str
            Stage labels, in journey order (the columns).
        personas : dict, optional
            Persona id -> name: adds a filter (touchpoints without a persona stay shown).
        """
        _show("touchpoint_matrix", rows=rows, stages=stages, personas=personas,
              lang=self.lang)
        flat = [{"channel": row["channel"], "stage": stage, "touchpoint": c["name"],
                 "valence": self.t("valence_" + c["valence"]),
                 "moment_of_truth": self.t("yes" if c["moment_of_truth"] else "no"),
                 "owner": c["owner"], "evidence": c["evidence"]}
                for row in rows
                for stage, chips in zip(stages, row["cells"], strict=True) for c in chips]
        self.keep(pl.DataFrame(flat, schema={
            "channel": pl.String, "stage": pl.String, "touchpoint": pl.String,
            "valence": pl.String, "moment_of_truth": pl.String, "owner": pl.String,
            "evidence": pl.Int64}), title="xlsx_touchpoint_matrix")

    def persona_cards(self, cards: Sequence[Mapping[str, Any]]) -> None:
        """Write one printable card per persona (see :func:`persona_card_html`)."""
        _show("persona_cards", cards=cards, lang=self.lang)

    def journey_map(self, journey: Mapping[str, Any], heading: str | None = None,
                    **values: object) -> None:
        """Write one persona's journey map (see :func:`journey_map_html`).

        Parameters
        ----------
        journey : mapping
            From :func:`cxlib.analysis.journey_map.persona_map`.
        heading : str, optional
            Message key of a level-3 heading kept with the map: printed, the two share a
            landscape page of their own.
        **values
            Values of the heading message.
        """
        body = journey_map_html(journey, self.lang)
        if heading is not None:
            self._section = self.t(heading, **values)
            body = fragment("journey_page", text=self._section, journey=Markup(body))
        _display(body)

    def attach(self, frame: pl.DataFrame, filename: str, headers: Mapping[str, str]) -> None:
        """Attach a table to the report as an Excel file, and link it.

        The file is published beside the report's HTML (the runner moves it there).

        Parameters
        ----------
        frame : polars.DataFrame
            The table.
        filename : str
            The ``.xlsx`` file name.
        headers : mapping
            Column -> message key of its header (columns shown, in order).
        """
        from openpyxl import Workbook
        from openpyxl.styles import Font

        folder = self._outputs() / "attachments"
        folder.mkdir(parents=True, exist_ok=True)
        book = Workbook()
        sheet = book.active
        sheet.title = self.t("jm_plan")[:31]
        sheet.append([self.t(k) for k in headers.values()])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in frame.select(list(headers)).iter_rows():
            sheet.append(list(row))
        for i, column in enumerate(headers, start=1):
            if frame[column].dtype in (pl.Date, pl.Datetime):  # as the reports write days
                for cell in list(sheet.columns)[i - 1][1:]:
                    cell.number_format = EXCEL_DATE
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(
                12, *(len(str(c.value or "")) + 2 for c in column)))
        book.save(folder / filename)
        _show("attachment", filename=filename)

    def quoted_items(self, items: Sequence[dict]) -> None:
        """Write numbered findings, each followed by its quotes.

        Parameters
        ----------
        items : sequence of dict
            ``title`` (a sentence) and ``quotes`` (dicts with ``text`` and ``who``): quotes
            must already be pseudonymised (see :func:`cxlib.coding.redact`).
        """
        _show("quoted_items", items=items, lang=self.lang)

    def figures(self, figures: pl.DataFrame) -> None:
        """Write headline figures as tiles.

        Parameters
        ----------
        figures : polars.DataFrame
            Columns ``item`` (message key) and ``count``.
        """
        _show("figures", rows=figures.select("item", "count").iter_rows(), lang=self.lang)

    def number(self, value: float, *, decimals: int = 0, sign: bool = False,
               percent: bool = False) -> str:
        """Format a number in the report locale (``12 345,6`` in French).

        Parameters
        ----------
        value, decimals, sign, percent
            As for :func:`cxlib.i18n.number`, in the report's language.

        Returns
        -------
        str
            The formatted number.
        """
        return number(value, self.lang, decimals, sign=sign, percent=percent)

    # -- tables and charts --------------------------------------------------------------

    def keep(self, frame: pl.DataFrame, *, labels: Mapping[str, str] | None = None,
             title: str | None = None, percents: Sequence[str] = ()) -> None:
        """Keep a table for the run's Excel workbook without showing it in the report.

        For tables whose report view is a chart or a matrix: the workbook gets the numbers.

        Parameters
        ----------
        frame, labels
            As for :meth:`table`: the columns in ``labels`` are kept, under their headers.
        title : str, optional
            Message key of the sheet's name (default: the latest heading).
        percents : sequence of str
            Columns holding 0–1 shares (formatted as percentages).
        """
        labels = _labels(frame, labels)
        record_table(self.notebook, self.t(title) if title else self._section,
                     frame.select(list(labels)), {c: self.t(k) for c, k in labels.items()},
                     list(percents))

    def table(self, frame: pl.DataFrame, *, labels: Mapping[str, str] | None = None,
              integers: Sequence[str] = (), decimals: Mapping[str, int] | None = None,
              title: str | None = None, percents: Mapping[str, int] | None = None,
              signed: Sequence[str] = (), status: str | None = None,
              base: str | None = None) -> None:
        """Write a table through great_tables, headers and numbers in the report locale.

        Parameters
        ----------
        frame : polars.DataFrame
            An aggregated frame; only the columns in ``labels`` are shown, in that order.
        labels : mapping, optional
            Column -> message key of its header (default: every column, headed by its
            ``col_<column>`` message).
        integers : sequence of str
            Columns formatted as integers.
        decimals : mapping, optional
            Column -> number of decimals.
        title : str, optional
            Message key of the table title.
        percents : mapping, optional
            Column (a 0–1 share) -> decimals, shown as a percentage.
        signed : sequence of str
            Columns among ``decimals`` shown with an explicit sign (changes).
        status : str, optional
            A column holding ``green`` / ``amber`` / ``red``: shown as a coloured label.
        base : str, optional
            A column of base flags (``ok``, ``low``, ``suppressed``:
            :func:`cxlib.analysis.kpis.withhold`), shown last in words when a row is flagged.
        """
        from great_tables import GT, loc, style

        labels = _labels(frame, labels)
        if base and (frame[base] != "ok").any():
            labels = {**labels, base: "col_base_flag"}
            frame = frame.with_columns(pl.col(base).replace_strict(
                {"ok": "", "low": self.t("base_low"), "suppressed": self.t("base_suppressed")}))
        shown = frame.select(list(labels))
        if status:
            shown = shown.with_columns(pl.col(status).replace_strict(
                {k: self.t(f"status_{k}") for k in _STATUS_FILL}, default=""))
        record_table(self.notebook, self.t(title) if title else self._section, shown,
                     {c: self.t(k) for c, k in labels.items()}, list(percents or {}))
        shown = shown.with_columns(  # 31/03/2027, in French and British English alike:
            pl.col(c).dt.strftime(DATE_FORMAT)  # never cut in two in a narrow column
            for c, dtype in shown.schema.items() if dtype == pl.Date)
        gt = GT(shown).cols_label({c: self.t(k) for c, k in labels.items()})
        # the locale's marks given directly: with ``locale=``, great_tables reads its
        # locale table from disk for every column formatted (7 ms each, 1.4 s a run)
        writing = language(self.lang)
        marks = {"sep_mark": writing.thousands, "dec_mark": writing.decimal}
        if integers:
            gt = gt.fmt_integer(list(integers), sep_mark=marks["sep_mark"])
        for column, places in (decimals or {}).items():
            gt = gt.fmt_number(column, decimals=places, **marks, force_sign=column in signed)
        for column, places in (percents or {}).items():
            gt = gt.fmt_percent(column, decimals=places, **marks,
                                force_sign=column in signed,
                                incl_space=writing.percent.startswith("\u202f"))
        if status:
            codes = frame[status].to_list()
            for code, colour in _STATUS_FILL.items():
                rows = [i for i, c in enumerate(codes) if c == code]
                if rows:
                    gt = gt.tab_style([style.fill(colour), style.text(weight="bold")],
                                      loc.body(columns=status, rows=rows))
        gt = gt.sub_missing(missing_text="–")
        if title:
            gt = gt.tab_header(self.t(title))
        gt = gt.opt_table_font(stack="system-ui").opt_row_striping()
        _show("table", html=Markup(gt.as_raw_html()))

    def chart(self, chart: object) -> None:
        """Show an altair chart (rendered offline in the report; kept for the exports)."""
        import altair as alt
        from IPython.display import display

        from cxlib.presentation.render import REPORT_RENDERER

        # checked against the Vega-Lite schema, except in a runner's render: every chart
        # of the demo clients and of the test clients is checked by the test suite
        # (``CX_CHECK_CHARTS=1``), and checking takes a tenth of a report's time
        check = alt.renderers.active != REPORT_RENDERER or os.environ.get(CHECK_CHARTS) == "1"
        spec = chart.to_dict(validate=check)  # type: ignore[attr-defined]
        report = f"title_{self.notebook}"  # a consultant's own notebook has no such title
        described = self._section or (self.t(report) if report in MESSAGES else "")
        if described and not spec.get("title") and not spec.get("description"):
            # what a screen reader says of the chart: the section it illustrates
            spec["description"] = described
        record_chart(self.notebook, self._section, spec)
        if alt.renderers.active == REPORT_RENDERER:
            # drawn from the spec: display(chart) would convert and check it again
            display(alt.renderers.get()(spec), raw=True)
        else:
            display(chart)

    def summary(self, text: str) -> None:
        """Record the one-line summary shown for this report on the run's index page."""
        (self._outputs() / f"{self.notebook}.summary.json").write_text(
            json.dumps({"summary": text}, ensure_ascii=False), encoding="utf-8")
