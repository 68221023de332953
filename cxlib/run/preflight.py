"""Before a run's first notebook: what it is asked for, then its inputs.

:func:`checks` refuses unknown notebooks and formats, a PDF with no browser and parameters
a notebook does not declare, before a kernel starts; :func:`validated` then validates the
client's inputs (the kernel may be starting meanwhile: see
:func:`cxlib.run.kernel.speculative_kernel`); :func:`skipped_reports` names the reports the
inputs cannot feed at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxlib import paths
from cxlib.analysis.coverage import report_title
from cxlib.errors import ParameterError, RunError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.inputs.loaders import ValidationReport, validate_client
from cxlib.lab.appendices import Appendix
from cxlib.presentation.exports import FORMATS
from cxlib.run.parameters import check_parameters, runner_parameters

__all__ = ["checks", "list_notebooks", "skipped_reports", "validated"]


def list_notebooks() -> list[str]:
    """Return the shipped notebooks' names (``00_overview``…), in run order."""
    return sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def skipped_reports(report: ValidationReport, notebooks: list[str]) -> dict[str, str]:
    """Return the reports the client's data cannot feed at all, each with what would.

    Parameters
    ----------
    report : ValidationReport
        The run's validation.
    notebooks : list of str
        The shipped notebooks asked for.

    Returns
    -------
    dict of str to str
        By notebook, the sentence the run's index shows in place of its report.
    """
    from cxlib.analysis.coverage import REPORTS, SKIPPED, missing_sentence, report_status
    from cxlib.inputs.loaders import Inputs

    inputs, lang = Inputs.from_report(report), report.config.language
    out = {}
    for name in notebooks:
        if name not in REPORTS:
            continue
        status, missing = report_status(inputs, name)
        if status == SKIPPED:
            out[name] = missing_sentence(missing, report_title(name, lang), lang)
    return out


def checks(cfg: ClientConfig, notebooks: list[str], exports: Sequence[str] = (),
           appendices: Sequence[Appendix] = ()) -> None:
    """Check what a run is asked for, before any kernel starts or any input is read.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    notebooks : list of str
        The shipped notebooks asked for.
    exports : sequence of str
        The files asked for besides the HTML.
    appendices : sequence of Appendix
        The consultant's notebooks to run after the reports.

    Raises
    ------
    ParameterError
        For an unknown notebook or export format, or parameters a notebook refuses.
    RunError
        For a PDF asked with no browser, or the report template missing.
    """
    lang = cfg.language
    known = list_notebooks()
    unknown = [n for n in notebooks if n not in known]
    if unknown:
        raise ParameterError(t("unknown_notebooks", lang, names=", ".join(unknown),
                               known=", ".join(known)))
    odd = [f for f in exports if f not in FORMATS]
    if odd:
        raise ParameterError(t("export_unknown", lang, names=", ".join(odd),
                               known=", ".join(FORMATS)))
    if "pdf" in exports:
        from cxlib.presentation.pdf import find_browser

        find_browser(lang)  # no browser: say so before any kernel starts
    for name in notebooks:
        params = runner_parameters(cfg, "check")
        check_parameters(paths.notebooks_dir() / f"{name}.ipynb", params, lang)
    for appendix in appendices:  # checked like the reports' notebooks
        check_parameters(appendix.source, runner_parameters(cfg, "check"), lang)
    template = paths.templates_dir() / "report"
    if not template.is_dir():
        raise RunError(t("template_missing", lang, folder=paths.display(template)))


def validated(cfg: ClientConfig) -> ValidationReport:
    """Validate the client's inputs and the theme names of its ``client.yaml``.

    Parameters
    ----------
    cfg : ClientConfig
        The client.

    Returns
    -------
    ValidationReport
        Clean.

    Raises
    ------
    CxError
        The first problem found, naming its file, row and column.
    """
    report = validate_client(cfg)
    if not report.ok:
        raise report.error()
    from cxlib.analysis.feedback.voice import check_given
    from cxlib.inputs.loaders import Inputs

    check_given(Inputs.from_report(report))  # client.yaml's codes of themes: the codebook's
    return report
