"""The consultant's notebooks as appendices of a run: found, named and titled.

``cx run CLIENT --with PATH`` and ``appendices: [deep-dive.ipynb]`` in ``client.yaml``
(file names under ``notebooks/work/<client>/``) add a consultant's own notebooks to a
run. :func:`find_appendices` resolves them before any kernel starts — every missing or
unreadable file in one message — and gives each its page in the run,
``appendix-<name>.html``, and its title: the notebook's first heading, or its file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from cxlib import paths
from cxlib.errors import ParameterError
from cxlib.i18n import t
from cxlib.inputs.config import ClientConfig
from cxlib.lab.workbook import work_dir

__all__ = ["Appendix", "find_appendices", "notebook_title"]

_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Appendix:
    """A consultant's notebook published as an appendix of a run.

    Attributes
    ----------
    source : Path
        The notebook, where the consultant keeps it.
    title : str
        Its first heading, or its file name.
    """

    source: Path
    title: str

    @property
    def name(self) -> str:
        """The appendix's name in the run: ``appendix-<file stem>``, safe in a file name."""
        return "appendix-" + (_UNSAFE.sub("-", self.source.stem).strip("-") or "notebook")

    @property
    def file(self) -> str:
        """The appendix's page in the run."""
        return f"{self.name}.html"


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first heading of a notebook's markdown cells shown in the report.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.
    fallback : str
        The title when no shown markdown cell has a heading (its file name).

    Returns
    -------
    str
        The heading's text, without its ``#`` marks, emphasis or code marks.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "remove-cell" in cell.metadata.get("tags", []):
            continue
        for line in cell.source.splitlines():
            found = _HEADING.match(line)
            text = found and found.group(1).replace("`", "").replace("*", "").strip()
            if text:
                return text
    return fallback


def _locate(given: str | Path, folder: Path) -> Path:
    """Return the notebook ``--with`` names: a path, or a bare name in the client's folder."""
    path = Path(given).expanduser()
    if path.is_file() or len(path.parts) != 1:
        return path
    name = path.name if path.suffix == ".ipynb" else f"{path.name}.ipynb"
    return folder / name


def find_appendices(cfg: ClientConfig, given: Iterable[str | Path] = ()) -> list[Appendix]:
    """Return a run's appendices: ``appendices:`` of ``client.yaml``, then ``given``.

    Parameters
    ----------
    cfg : ClientConfig
        The client's configuration; its ``appendices`` are file names in
        ``notebooks/work/<client>/``.
    given : iterable of str or Path
        Notebooks named on the command line (``--with``): paths, or bare names of the
        client's folder. A notebook named twice is published once.

    Returns
    -------
    list of Appendix
        In order: those of ``client.yaml``, then those given.

    Raises
    ------
    ParameterError
        Naming every notebook that is missing, unreadable, or that would be published
        under the same page as another.
    """
    lang, folder = cfg.language, work_dir(cfg.slug)
    wanted: list[Path] = [folder / name for name in cfg.appendices]
    wanted += [_locate(item, folder) for item in given]
    unique: list[Path] = []
    for path in wanted:
        if path.resolve() not in {p.resolve() for p in unique}:
            unique.append(path)
    missing = [p for p in unique if not p.is_file() or p.suffix != ".ipynb"]
    if missing:
        raise ParameterError(t("appendix_missing", lang, client=cfg.slug,
                               files=", ".join(paths.display(p) for p in missing)))
    found = []
    for path in unique:
        try:
            nb = nbformat.read(path, as_version=4)
        except (OSError, ValueError) as exc:  # not JSON, not a notebook
            raise ParameterError(t("appendix_unreadable", lang, file=paths.display(path),
                                   error=str(exc).splitlines()[0] if str(exc) else
                                   type(exc).__name__)) from exc
        found.append(Appendix(path.resolve(), notebook_title(nb, path.stem)))
    _refuse_clashes(found, lang)
    return found


def _refuse_clashes(found: Sequence[Appendix], lang: str) -> None:
    """Refuse two notebooks that would be published as the same page."""
    pages: dict[str, list[Appendix]] = {}
    for appendix in found:
        pages.setdefault(appendix.file, []).append(appendix)
    for file, same in pages.items():
        if len(same) > 1:
            raise ParameterError(t("appendix_duplicate", lang, file=file, notebooks=", ".join(
                paths.display(a.source) for a in same)))
