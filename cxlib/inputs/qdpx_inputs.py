"""A REFI-QDA project (``.qdpx``) as the interviews, codebook and codings inputs.

Consultants who code in NVivo, ATLAS.ti, MAXQDA or QualCoder bring one project, not three
tables. Each of the three inputs may name the same ``.qdpx`` in ``client.yaml``::

    inputs:
      interviews: {file: project.qdpx, fill: {population: customer}}
      codebook: {file: project.qdpx, fill: {kind: theme}}
      codings: project.qdpx

- interviews: one row per text source with its text in the project: ``interview_id`` is
  the source's name, ``date`` its creation date where the tool wrote one, and
  ``transcript_file`` ``project.qdpx#<name>`` — the transcript is read from the project
  itself, never copied into the client folder;
- codebook: one row per code: ``code_id`` (the code's GUID), ``label``, ``parent_id``,
  ``description``, ``colour``;
- codings: one row per coded text selection, offsets as the source tool counts them.

Rows are numbered from 1 in the project's order. The project is read once per file
version, however many inputs name it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from cxlib.errors import InputError, Problem
from cxlib.i18n import t
from cxlib.inputs.readers import RawTable

__all__ = ["EXPORTS", "export_corpus", "project_source", "read_qdpx_table", "source_text"]

ROW = "__row__"
SEPARATOR = "#"
#: Where ``cx run CLIENT --export qdpx`` writes, in the client folder: the project holds the
#: transcripts as they are, so it stays with the client's data, never in published reports.
EXPORTS = "qdpx"


@lru_cache(maxsize=4)
def _project(path: str, size: int, mtime: int, lang: str) -> object:
    from cxlib.inputs.refi import read_refi

    return read_refi(path, lang=lang)


def _read(path: Path, lang: str) -> object:
    stat = path.stat()
    return _project(str(path), stat.st_size, stat.st_mtime_ns, lang)


def read_qdpx_table(path: Path, table: str, lang: str) -> RawTable:
    """Return one input table read from a REFI-QDA project.

    Parameters
    ----------
    path : Path
        The ``.qdpx`` in the client folder.
    table : {"interviews", "codebook", "codings"}
        The input it stands for.
    lang : {"fr", "en"}
        Language of messages.

    Returns
    -------
    RawTable
        Contract columns, as text; ``__row__`` numbers rows from 1.

    Raises
    ------
    InputError
        When the file is not a REFI-QDA project, or the table is not one a project holds.
    """
    project = _read(path, lang)
    if table == "interviews":
        sources = project.sources.filter(pl.col("kind") == "text", pl.col("available"))
        frame = sources.select(
            pl.col("name").alias("interview_id"),
            (pl.lit(path.name + SEPARATOR) + pl.col("name")).alias("transcript_file"),
            *([pl.col("created").str.slice(0, 10).alias("date")]
              if sources["created"].drop_nulls().len() else []))  # else: to fill
    elif table == "codebook":
        frame = project.codebook.select("code_id", "label", "parent_id", "description",
                                        "colour")
    elif table == "codings":
        frame = project.codings.select(
            pl.col("source_name").alias("interview_id"), "coder", "code_id",
            pl.col("start").cast(pl.String), pl.col("end").cast(pl.String))
    else:
        raise InputError.from_problems([Problem(
            file=path, literal=False, found=t("inp_found_qdpx", lang, table=table),
            expected=t("inp_expect_qdpx_table", lang))], lang, file=path)
    frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    notes = [t("inp_note_qdpx", lang, origin=project.origin or "?")]
    notes += [w.render(lang) for w in project.warnings]
    return RawTable(path, frame, notes=notes, headers={c: c for c in frame.columns if c != ROW})


def project_source(path: Path) -> tuple[Path, str] | None:
    """Return the project and source a transcript name such as ``p.qdpx#I01`` stands for.

    The project is looked for beside the name, then in the folder above (the client
    folder, for a name resolved inside ``transcripts/``). None for any other name.
    """
    name = Path(path).name
    project, sep, source = name.partition(SEPARATOR)
    if not sep or not project.lower().endswith(".qdpx"):
        return None
    folder = Path(path).parent
    for where in (folder, folder.parent):
        if (where / project).is_file():
            return where / project, source
    return folder / project, source


def source_text(path: Path, lang: str = "en") -> str | None:
    """Return the text of the project source a transcript name stands for.

    Parameters
    ----------
    path : Path
        A transcript path whose name is ``<project>.qdpx#<source name>``.
    lang : {"fr", "en"}
        Language of messages.

    Returns
    -------
    str or None
        The source's plain text as the project stores it (offsets count in it); None
        when ``path`` does not name a project's source.

    Raises
    ------
    InputError
        When the project is missing or holds no text source of that name.
    """
    found = project_source(path)
    if found is None:
        return None
    project_path, name = found
    if not project_path.is_file():
        raise InputError.from_problems([Problem(file=project_path, found=t("file_absent", lang),
                                                literal=False,
                                                expected=t("inp_expect_qdpx", lang))],
                                       lang, file=project_path)
    sources = _read(project_path, lang).sources.filter(pl.col("name") == name,
                                                       pl.col("available"))
    if sources.is_empty():
        raise InputError.from_problems([Problem(file=project_path, found=name,
                                                expected=t("inp_expect_qdpx_source", lang))],
                                       lang, file=project_path)
    return sources["text"][0]


def export_corpus(client: str, *, name: str | None = None) -> Path:
    """Write a client's coded corpus as a REFI-QDA project that QDA tools open.

    The codebook, every transcript and every coding of the client's inputs go into
    ``data/<client>/qdpx/<name>.qdpx``: NVivo, ATLAS.ti, MAXQDA or QualCoder open it, and
    reading it back as the client's inputs gives the same codes and offsets. The
    transcripts are written as they are (the consultant's working copy, beside the
    inputs), never into the published reports.

    Parameters
    ----------
    client : str
        Client folder name.
    name : str, optional
        The file's name without suffix (default: the client's, with its current wave).

    Returns
    -------
    Path
        The project written.

    Raises
    ------
    InputError
        If the client's inputs do not validate, or hold no interviews to export.
    """
    from cxlib.inputs.loaders import load_inputs
    from cxlib.inputs.refi import write_refi
    from cxlib.inputs.transcripts import read_transcript

    inputs = load_inputs(client, ["interviews", "codebook", "codings"])
    cfg = inputs.config
    if not inputs.has("interviews", "transcript_file"):
        raise InputError(t("inp_qdpx_nothing", cfg.language, client=client))
    folder = cfg.path / "transcripts"
    transcripts = {iid: read_transcript(folder / file, cfg.language)
                   for iid, file in inputs["interviews"].select("interview_id",
                                                               "transcript_file").iter_rows()
                   if file is not None}
    codings = inputs["codings"].filter(pl.col("interview_id").is_in(list(transcripts)))
    target = cfg.path / EXPORTS / f"{name or f'{client}_{cfg.wave}'}.qdpx"
    target.parent.mkdir(exist_ok=True)
    return write_refi(target, inputs["codebook"].drop(ROW), transcripts, codings.drop(ROW),
                      name=cfg.client, lang=cfg.language)
