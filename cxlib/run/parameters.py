"""Notebook parameters: what a notebook declares, what the runner passes, and the check.

Each shipped notebook has one cell tagged ``parameters``; the runner passes it
:data:`RUNNER_PARAMETERS`. Before any kernel starts, :func:`check_parameters` refuses an
unknown or missing parameter (papermill would only warn).
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from cxlib import paths
from cxlib.errors import ParameterError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig

__all__ = [
    "RUNNER_PARAMETERS",
    "check_parameters",
    "notebook_parameters",
    "runner_parameters",
]

#: Parameters the runner passes to every notebook.
RUNNER_PARAMETERS = ("client", "run_id", "language")


def runner_parameters(cfg: ClientConfig, run_id: str) -> dict[str, object]:
    """Return the parameters the runner passes to each notebook of a client's run.

    Parameters
    ----------
    cfg : ClientConfig
        The client's configuration.
    run_id : str
        The run's identifier.

    Returns
    -------
    dict
        A value for each name of :data:`RUNNER_PARAMETERS`.
    """
    return {"client": cfg.slug, "run_id": run_id, "language": cfg.language}


def notebook_parameters(path: Path) -> dict[str, object]:
    """Return the names and default values of a notebook's ``parameters`` cell.

    Parameters
    ----------
    path : Path
        A notebook.

    Returns
    -------
    dict
        Default value by parameter name, in cell order.

    Raises
    ------
    ParameterError
        If the notebook has no cell tagged ``parameters``.
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            found: dict[str, object] = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            found[target.id] = ast.literal_eval(node.value) \
                                if node.value is not None else None
            return found
    raise ParameterError(t("no_parameters_cell", "en", notebook=paths.display(path)))


def check_parameters(path: Path, given: dict[str, object], lang: str) -> None:
    """Refuse unknown parameters and missing required ones before any kernel starts.

    A parameter whose default is ``None`` or ``""`` is required.

    Parameters
    ----------
    path : Path
        The notebook.
    given : dict
        Parameters to inject.
    lang : {"fr", "en"}
        Message language.

    Raises
    ------
    ParameterError
        Naming the notebook, the offending parameters and the accepted ones.
    """
    declared = notebook_parameters(path)
    unknown = sorted(set(given) - set(declared))
    missing = sorted(n for n, v in declared.items() if v in (None, "") and n not in given)
    if unknown or missing:
        raise ParameterError(t("bad_parameters", lang, notebook=path.stem,
                               unknown=", ".join(unknown) or "-",
                               missing=", ".join(missing) or "-",
                               accepted=", ".join(declared)))
