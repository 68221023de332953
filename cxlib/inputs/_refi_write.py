"""Write a workbench project as a REFI-QDA ``.qdpx`` (see :mod:`cxlib.inputs.refi`).

The export validates against the REFI-QDA Project schema 1.0. GUIDs are derived from
the workbench ids (UUID version 5, :func:`~cxlib.inputs._qdaxml.stable_guid`), so two
exports of the same project agree and codes keep their identity through QDA tools.
REFI-QDA has no code kind: kinds travel as code sets named after the kind (described
``cxlib code kind``), which QDA tools show as sets and :func:`read_refi` reads back.
Transcripts are stored as UTF-8 without BOM, line endings untouched, so positions —
characters, end exclusive — point at the same text after a round trip.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import polars as pl

from cxlib.errors import InputError, Problem
from cxlib.inputs._qdaxml import CODEBOOK_SCHEMA, KIND_SET_DESCRIPTION, PROJECT_NS, stable_guid
from cxlib.inputs.codebook import check_codebook
from cxlib.inputs.transcripts import Transcript

__all__ = ["write_refi"]

_SOURCE_COLUMNS = ("interview_id", "source_name", "source")


def _el(parent: ET.Element | None, tag: str, **attrs: str | None) -> ET.Element:
    clean = {k: v for k, v in attrs.items() if v is not None}
    name = f"{{{PROJECT_NS}}}{tag}"
    return ET.Element(name, clean) if parent is None else ET.SubElement(parent, name, clean)


def _users(users: Mapping[str, str] | Iterable[str] | None,
           codings: pl.DataFrame) -> dict[str, str]:
    given = users.items() if isinstance(users, Mapping) else ((u, u) for u in users or ())
    named = {str(k): str(v or k) for k, v in given if k}
    if "coder" in codings.columns:
        for coder in codings["coder"].drop_nulls().unique(maintain_order=True):
            named.setdefault(coder, coder)
    return named


def _codebook(root: ET.Element, codebook: pl.DataFrame) -> None:
    if codebook.is_empty():
        return
    codes = _el(_el(root, "CodeBook"), "Codes")
    nodes: dict[str | None, ET.Element] = {None: codes}
    pending = list(codebook.iter_rows(named=True))
    while pending:
        ready = [c for c in pending if c.get("parent_id") in nodes]
        if not ready:  # unknown parents and cycles are refused before writing
            break
        for code in ready:
            node = _el(nodes[code.get("parent_id")], "Code",
                       guid=stable_guid("code", code["code_id"]), name=code["label"],
                       isCodable="true", color=code.get("colour"))
            if code.get("description"):
                _el(node, "Description").text = code["description"]
            nodes[code["code_id"]] = node
        pending = [c for c in pending if c["code_id"] not in nodes]


def _kind_sets(root: ET.Element, codebook: pl.DataFrame) -> None:
    if "kind" not in codebook.columns or codebook["kind"].drop_nulls().is_empty():
        return
    sets = _el(root, "Sets")
    for kind in codebook["kind"].drop_nulls().unique(maintain_order=True):
        item = _el(sets, "Set", guid=stable_guid("kind", kind), name=kind)
        _el(item, "Description").text = KIND_SET_DESCRIPTION
        for code in codebook.filter(pl.col("kind") == kind)["code_id"]:
            _el(item, "MemberCode", targetGUID=stable_guid("code", code))


def _sources(root: ET.Element, texts: dict[str, str], codings: pl.DataFrame,
             source_col: str) -> None:
    sources = _el(root, "Sources")
    seen: Counter[str] = Counter()
    for name in texts:
        source_guid = stable_guid("source", name)
        node = _el(sources, "TextSource", guid=source_guid, name=name,
                   plainTextPath=f"internal://{source_guid}.txt")
        mine = codings.filter(pl.col(source_col) == name).sort("start", "end",
                                                                maintain_order=True)
        for (start, end), group in mine.group_by(["start", "end"], maintain_order=True):
            span = f"{name}:{start}:{end}"
            selection = _el(node, "PlainTextSelection", guid=stable_guid("selection", span),
                            startPosition=str(start), endPosition=str(end))
            for coding in group.iter_rows(named=True):
                coder = coding.get("coder")
                key = f"{span}:{coding['code_id']}:{coder}"
                seen[key] += 1
                user = stable_guid("user", coder) if coder else None
                item = _el(selection, "Coding", guid=stable_guid("coding", f"{key}:{seen[key]}"),
                           creatingUser=user)
                _el(item, "CodeRef", targetGUID=stable_guid("code", coding["code_id"]))


def _problems(path: Path, codebook: pl.DataFrame, texts: dict[str, str],
              codings: pl.DataFrame, source_col: str) -> list[Problem]:
    problems = check_codebook(codebook, path)
    codes = set(codebook["code_id"])
    for i, row in enumerate(codings.iter_rows(named=True), start=1):
        where = f"coding {i} ({row[source_col]}, {row['code_id']})"
        text = texts.get(row[source_col])
        if text is None:
            problems.append(Problem(path, source_col, row[source_col] or "",
                                    f"a transcript given for {where}"))
        elif not 0 <= row["start"] <= row["end"] <= len(text):
            problems.append(Problem(path, "start, end", f"{row['start']}-{row['end']}",
                                    f"offsets within the {len(text)} characters of the "
                                    f"transcript for {where}"))
        if row["code_id"] not in codes:
            problems.append(Problem(path, "code_id", row["code_id"] or "",
                                    f"a code of the codebook for {where}"))
    return problems


def write_refi(path: Path | str, codebook: pl.DataFrame,
               transcripts: Mapping[str, Transcript | str], codings: pl.DataFrame,
               users: Mapping[str, str] | Iterable[str] | None = None,
               name: str = "CX Journey Workbench", lang: str = "en") -> Path:
    """Write codebook, transcripts and codings as a REFI-QDA project (``.qdpx``).

    Parameters
    ----------
    path : Path or str
        The ``.qdpx`` to write; replaced atomically, never left half-written.
    codebook : polars.DataFrame
        ``code_id``, ``label``, ``parent_id``, and optionally ``kind``, ``description``,
        ``colour``.
    transcripts : mapping of str to Transcript or str
        Each source's text, keyed by interview id (the source's name in the export).
    codings : polars.DataFrame
        ``interview_id`` (or ``source_name``), ``code_id``, ``start``, ``end`` (offsets
        into the transcript's text, end exclusive) and optionally ``coder``.
    users : mapping of str to str, or iterable of str, optional
        Coders: id -> display name, or ids; coders found in ``codings`` are added.
    name : str
        The project's name.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        Listing every problem: codebook problems, codings on unknown transcripts or codes,
        offsets outside a transcript. Nothing is written then.
    """
    path = Path(path)
    codebook = codebook.select(
        pl.col(c) if c in codebook.columns else pl.lit(None, pl.String).alias(c)
        for c in CODEBOOK_SCHEMA)
    source_col = next((c for c in _SOURCE_COLUMNS if c in codings.columns), "interview_id")
    texts = {k: v.text if isinstance(v, Transcript) else v for k, v in transcripts.items()}
    problems = _problems(path, codebook, texts, codings, source_col)
    if problems:
        raise InputError.from_problems(problems, lang, file=path)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = _el(None, "Project", name=name, origin="cxlib (CX Journey Workbench)",
               creationDateTime=now)
    named = _users(users, codings)
    if named:
        people = _el(root, "Users")
        for coder, display in named.items():
            _el(people, "User", guid=stable_guid("user", coder), id=coder, name=display)
    _codebook(root, codebook)
    if texts:
        _sources(root, texts, codings, source_col)
    _kind_sets(root, codebook)
    ET.register_namespace("", PROJECT_NS)
    document = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", document)
            for key, text in texts.items():
                archive.writestr(f"sources/{stable_guid('source', key)}.txt",
                                 text.encode("utf-8"))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
