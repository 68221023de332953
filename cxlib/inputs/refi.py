"""REFI-QDA interop: read ``.qdpx`` projects and ``.qdc`` codebooks, write ``.qdpx`` projects.

REFI-QDA (QDA-XML 1.0, www.qdasoftware.org) is the exchange format of NVivo, ATLAS.ti,
MAXQDA, QualCoder and Taguette. A ``.qdpx`` is a zip archive holding one ``.qde`` XML
project and its sources. What real files do, and what the reader does about it:

- the project is not always ``project.qde`` (ATLAS.ti writes ``Project.qde``): the one
  ``.qde`` member is used;
- sources sit under ``Sources/`` or ``sources/`` and are referenced as ``internal://…``
  (qc writes a bare file name); names are matched case-insensitively, since GUID case
  varies between vendors; GUIDs are normalised to lower case;
- ``PlainTextSelection`` positions are 0-based character offsets, end exclusive, into the
  plain text as stored (BOM not counted, CRLF counted as two characters);
- some projects reference sources they do not contain (ATLAS.ti exports without media),
  or code pictures, PDF regions and video: those codings are left out of
  :attr:`RefiProject.codings`, listed in :attr:`RefiProject.skipped` and reported in
  :attr:`RefiProject.warnings` — never a crash. Nothing outside the archive is ever read.

Archives are checked against zip bombs and XML is parsed with entity declarations and
external references refused (see :mod:`cxlib.inputs._textio`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import polars as pl

from cxlib.errors import Problem
from cxlib.inputs._qdaxml import codebook_frame, local, stable_guid
from cxlib.inputs._refi_read import CODINGS_SCHEMA, SKIPPED_SCHEMA, SOURCES_SCHEMA, read_project
from cxlib.inputs._refi_write import write_refi
from cxlib.inputs._textio import fail, parse_xml, read_file

__all__ = ["CODINGS_SCHEMA", "SKIPPED_SCHEMA", "SOURCES_SCHEMA", "RefiProject", "read_refi",
           "write_refi"]


@dataclass(frozen=True)
class RefiProject:
    """A REFI-QDA project or codebook as polars frames.

    Attributes
    ----------
    path : Path
        The file read.
    origin : str or None
        The tool that wrote it (``origin`` attribute).
    codebook : polars.DataFrame
        ``code_id`` (the code's GUID, lower case, unless mapped back by ``read_refi``),
        ``label``, ``parent_id``, ``kind``, ``description``, ``colour``.
    sources : polars.DataFrame
        ``guid``, ``name``, ``kind`` (text, pdf, picture, audio, video), ``path`` (as
        written in the project), ``text`` (the plain text, null when not in the archive),
        ``available`` and ``created`` (``creationDateTime`` as written, when given).
    codings : polars.DataFrame
        One row per coding of a text selection whose text is available:
        ``source_guid``, ``source_name``, ``selection_guid``, ``coding_guid``,
        ``code_id``, ``start``, ``end`` (characters, end exclusive), ``coder`` (user id,
        else name, else GUID) and ``text`` (the quoted text, ``source[start:end]``).
    users : polars.DataFrame
        ``guid``, ``id``, ``name``.
    skipped : polars.DataFrame
        Codings left out, with ``reason``: ``missing_text``, ``not_text``,
        ``bad_positions`` or ``unknown_code``.
    warnings : tuple of Problem
        What was left out and why, one line per source and reason.
    """

    path: Path
    origin: str | None
    codebook: pl.DataFrame
    sources: pl.DataFrame
    codings: pl.DataFrame
    users: pl.DataFrame
    skipped: pl.DataFrame
    warnings: tuple[Problem, ...] = ()

    def warning_lines(self, lang: str = "en") -> list[str]:
        """Return the warnings as text lines.

        Parameters
        ----------
        lang : {"en", "fr"}
            Language of the line frame (file, column, expected).

        Returns
        -------
        list of str
            One line per warning.
        """
        return [w.render(lang) for w in self.warnings]


def _codebook_only(path: Path, root: Element) -> RefiProject:
    users = pl.DataFrame(schema={"guid": pl.String, "id": pl.String, "name": pl.String})
    return RefiProject(path, root.get("origin"), codebook_frame(root),
                       pl.DataFrame(schema=SOURCES_SCHEMA), pl.DataFrame(schema=CODINGS_SCHEMA),
                       users, pl.DataFrame(schema=SKIPPED_SCHEMA))


def _map_codes(project: RefiProject, codebook: pl.DataFrame) -> RefiProject:
    """Give codes exported from ``codebook`` their code_id back."""
    back = {stable_guid("code", c): c for c in codebook["code_id"].drop_nulls()}
    mapped = {
        "codebook": project.codebook.with_columns(
            pl.col("code_id", "parent_id").replace(back)),
        "codings": project.codings.with_columns(pl.col("code_id").replace(back)),
        "skipped": project.skipped.with_columns(pl.col("code_id").replace(back)),
    }
    return RefiProject(project.path, project.origin, mapped["codebook"], project.sources,
                       mapped["codings"], project.users, mapped["skipped"], project.warnings)


def read_refi(path: Path | str, codebook: pl.DataFrame | None = None,
              lang: str = "en") -> RefiProject:
    """Read a REFI-QDA project (``.qdpx``, or a bare ``.qde``) or codebook (``.qdc``).

    Parameters
    ----------
    path : Path or str
        The file.
    codebook : polars.DataFrame, optional
        The workbench codebook a project was exported from: codes whose GUID is the
        one :func:`write_refi` derives from a ``code_id`` get that ``code_id`` back
        (QDA tools keep code GUIDs, so this also works after a trip through NVivo).
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    RefiProject
        Codebook, sources, codings, users, and what was left out with why.

    Raises
    ------
    InputError
        If the file is missing, not a zip archive (``.qdpx``), a zip bomb, holds no
        ``.qde``, is not well-formed XML, declares XML entities, or is not a REFI-QDA
        document.

    Examples
    --------
    >>> project = read_refi("export.qdpx")  # doctest: +SKIP
    >>> project.codings.select("code_id", "text").head()  # doctest: +SKIP
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".qdc":
        root = parse_xml(read_file(path, lang), path, lang)
        if local(root.tag) not in ("CodeBook", "Project"):
            raise fail(path, f"a <{local(root.tag)}> document",
                       "a REFI-QDA codebook (<CodeBook> root element)", lang)
        project = _codebook_only(path, root)
    elif suffix in (".qdpx", ".qde"):
        project = RefiProject(path=path, **read_project(path, lang))
    else:
        raise fail(path, f"a '{suffix or path.name}' file",
                   "a REFI-QDA project (.qdpx) or codebook (.qdc)", lang)
    return _map_codes(project, codebook) if codebook is not None else project
