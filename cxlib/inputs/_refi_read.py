"""Read the sources and codings of a REFI-QDA project (see :mod:`cxlib.inputs.refi`)."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element

import polars as pl

from cxlib.errors import Problem
from cxlib.i18n import t
from cxlib.inputs._qdaxml import child, children, codebook_frame, guid, local, users_frame
from cxlib.inputs._textio import decode_text, fail, open_zip, parse_xml, read_file, read_member

__all__ = ["CODINGS_SCHEMA", "SKIPPED_SCHEMA", "SOURCES_SCHEMA", "read_project"]

SOURCES_SCHEMA: dict[str, Any] = {
    "guid": pl.String, "name": pl.String, "kind": pl.String, "path": pl.String,
    "text": pl.String, "available": pl.Boolean, "created": pl.String,
}
CODINGS_SCHEMA: dict[str, Any] = {
    "source_guid": pl.String, "source_name": pl.String, "selection_guid": pl.String,
    "coding_guid": pl.String, "code_id": pl.String, "start": pl.Int64, "end": pl.Int64,
    "coder": pl.String, "text": pl.String,
}
SKIPPED_SCHEMA: dict[str, Any] = {
    "source_guid": pl.String, "source_name": pl.String, "selection_guid": pl.String,
    "code_id": pl.String, "selection": pl.String, "name": pl.String, "reason": pl.String,
}
_KINDS = {"TextSource": "text", "PDFSource": "pdf", "PictureSource": "picture",
          "AudioSource": "audio", "VideoSource": "video"}
_WHY = {
    "missing_text": ("coding(s) of a source whose text is not in the archive",
                     "the source's plain text inside the project"),
    "not_text": ("coding(s) of pictures, PDF regions, audio or video",
                 "codings of text selections (other media are not imported)"),
    "bad_positions": ("coding(s) with positions outside the source's text",
                      "0 <= startPosition <= endPosition <= length of the text"),
    "unknown_code": ("coding(s) of a code missing from the codebook",
                     "a CodeRef to a code of the project's codebook"),
}
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|\\|[A-Za-z]:[\\/])", re.IGNORECASE)


class _Archive:
    """The members of a ``.qdpx``, found case-insensitively next to its ``.qde``."""

    def __init__(self, path: Path, lang: str) -> None:
        self.path, self.lang = path, lang
        self.zip: zipfile.ZipFile | None = None
        self.index: dict[str, zipfile.ZipInfo] = {}
        self.base = ""
        self.member: str | None = None

    def open_project(self) -> bytes:
        if self.path.suffix.lower() == ".qde":
            return read_file(self.path, self.lang)
        self.zip = open_zip(self.path, self.lang, kind="tx_kind_qdpx")
        self.index = {i.filename.lower(): i for i in self.zip.infolist() if not i.is_dir()}
        projects = sorted(n for n in self.index if n.endswith(".qde"))
        if len(projects) != 1:
            names = ", ".join(i.filename for i in self.zip.infolist()[:10]) or "none"
            self.close()
            raise fail(self.path, f"{len(projects)} .qde project files (members: {names})",
                       "exactly one .qde project file in the archive", self.lang)
        self.base = projects[0].rpartition("/")[0] + "/" if "/" in projects[0] else ""
        self.member = self.index[projects[0]].filename
        return read_member(self.zip, self.index[projects[0]], self.path, self.lang)

    def text(self, reference: str) -> str | None:
        """Return the text a ``plainTextPath`` points at, or None if not in the archive."""
        if self.zip is None:
            return None
        name = reference.replace("\\", "/")
        if name.lower().startswith("internal://"):
            name = name[len("internal://"):]
        elif _EXTERNAL.match(name):
            return None
        while name.startswith("./"):
            name = name[2:]
        name = str(PurePosixPath(name)).lower()
        for candidate in (f"{self.base}sources/{name}", f"{self.base}{name}"):
            if candidate in self.index:
                return decode_text(read_member(self.zip, self.index[candidate], self.path,
                                               self.lang))
        return None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


class _Collector:
    """Walk the sources of a project, collecting sources, codings and what is skipped."""

    def __init__(self, archive: _Archive, codes: set[str], users: pl.DataFrame) -> None:
        self.archive, self.codes = archive, codes
        self.coders = {u["guid"]: u["id"] or u["name"] or u["guid"]
                       for u in users.iter_rows(named=True)}
        self.sources: list[dict] = []
        self.codings: list[dict] = []
        self.skipped: list[dict] = []
        self.missing: list[tuple[str, str]] = []

    def carrier_text(self, carrier: Element | None) -> tuple[str | None, str | None]:
        if carrier is None:
            return None, None
        content = child(carrier, "PlainTextContent")
        if content is not None:
            return content.text or "", None
        reference = carrier.get("plainTextPath")
        return (self.archive.text(reference) if reference else None), reference

    def source(self, element: Element) -> None:
        kind = _KINDS[local(element.tag)]
        carrier = element if kind == "text" else child(element, "Representation")
        text, reference = self.carrier_text(carrier)
        meta = {"source_guid": guid(element.get("guid")),
                "source_name": element.get("name") or reference or element.get("path")}
        self.sources.append({"guid": meta["source_guid"], "name": meta["source_name"],
                             "kind": kind, "path": reference or element.get("path"),
                             "text": text, "available": text is not None,
                             "created": element.get("creationDateTime")})
        if carrier is not None and text is None:
            self.missing.append((meta["source_name"] or "", reference or "(no path)"))
        in_text = {id(c) for c in carrier} if carrier is not None else set()
        for selection in element.iter():
            tag = local(selection.tag)
            if tag.endswith("Selection"):
                ok = tag == "PlainTextSelection" and id(selection) in in_text
                self.selection(selection, meta, text if ok else None,
                               None if ok and text is not None else
                               ("missing_text" if ok else "not_text"))

    def selection(self, element: Element, meta: dict, text: str | None,
                  reason: str | None) -> None:
        start = element.get("startPosition", "").strip()
        end = element.get("endPosition", "").strip()
        digits = start.isascii() and start.isdigit() and end.isascii() and end.isdigit()
        if reason is None and not (digits and int(start) <= int(end) <= len(text or "")):
            reason = "bad_positions"
        for coding in children(element, "Coding"):
            ref = child(coding, "CodeRef")
            code = guid(ref.get("targetGUID")) if ref is not None else None
            why = reason or (None if code in self.codes else "unknown_code")
            row = {**meta, "selection_guid": guid(element.get("guid")), "code_id": code}
            if why is not None:
                self.skipped.append({**row, "selection": local(element.tag),
                                     "name": element.get("name"), "reason": why})
                continue
            user = guid(coding.get("creatingUser") or element.get("creatingUser"))
            self.codings.append({**row, "coding_guid": guid(coding.get("guid")),
                                 "start": int(start), "end": int(end),
                                 "coder": self.coders.get(user or "", user),
                                 "text": (text or "")[int(start):int(end)]})

    def warnings(self, path: Path) -> tuple[Problem, ...]:
        problems = [Problem(path, None, f"source '{name}': {reference} is not in the archive",
                            "the source's plain text inside the project", literal=False)
                    for name, reference in self.missing]
        counts = Counter((s["source_name"], s["reason"]) for s in self.skipped)
        for (name, reason), n in counts.items():
            found, expected = _WHY[reason]
            problems.append(Problem(path, None, f"source '{name}': {n} {found} left out",
                                    expected, literal=False))
        return tuple(problems)


def read_project(path: Path, lang: str = "en") -> dict[str, Any]:
    """Read a ``.qdpx`` (or bare ``.qde``) into the fields of a ``RefiProject``.

    Parameters
    ----------
    path : Path
        The project file.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    dict
        ``origin``, ``codebook``, ``sources``, ``codings``, ``users``, ``skipped`` and
        ``warnings``.

    Raises
    ------
    InputError
        If the file is not a readable REFI-QDA project.
    """
    archive = _Archive(path, lang)
    try:
        data = archive.open_project()
        root = parse_xml(data, path, lang, member=archive.member)
        if local(root.tag) != "Project":
            raise fail(path, t("tx_root_document", lang, tag=local(root.tag)),
                       t("tx_refi_root", lang), lang)
        codebook, users = codebook_frame(root), users_frame(root)
        collect = _Collector(archive, set(codebook["code_id"].drop_nulls()), users)
        for sources in children(root, "Sources"):
            for element in sources:
                if local(element.tag) in _KINDS:
                    collect.source(element)
    finally:
        archive.close()
    return {
        "origin": root.get("origin"), "codebook": codebook, "users": users,
        "sources": pl.DataFrame(collect.sources, schema=SOURCES_SCHEMA),
        "codings": pl.DataFrame(collect.codings, schema=CODINGS_SCHEMA),
        "skipped": pl.DataFrame(collect.skipped, schema=SKIPPED_SCHEMA),
        "warnings": collect.warnings(path),
    }
