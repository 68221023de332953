"""Guarded reading for the coding package: text decoding, zip archives and XML.

Everything here turns a bad file into an :class:`~cxlib.errors.InputError` naming the
file, what was found and what was expected, never a raw traceback:

- text is decoded as UTF-8 (a leading BOM is dropped: it is an encoding mark, not text),
  falling back to cp1252 for files saved by older Windows tools. Line endings are kept
  as they are (CRLF stays two characters), so offsets into the text are exact;
- zip archives (``.qdpx``, ``.docx``) are checked before anything is read: a member that
  would expand more than :data:`MAX_RATIO` times, or an archive expanding beyond
  :data:`MAX_TOTAL_BYTES`, is refused as a zip bomb, and each member is read with a cap
  whatever its header claims;
- XML is parsed with :mod:`defusedxml`: entity declarations and external references are
  refused, never resolved, and nothing is fetched from the network.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from cxlib.errors import InputError, Problem
from cxlib.i18n import number, t

__all__ = [
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "decode_text",
    "fail",
    "open_zip",
    "parse_xml",
    "read_file",
    "read_member",
]

#: Largest uncompressed size of one member or plain file read into memory (bytes).
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: Largest total uncompressed size an archive may declare (bytes); media files count.
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
#: Largest expansion ratio of a member bigger than :data:`_RATIO_FLOOR`.
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024
_MAX_MEMBERS = 100_000
_MB = 1024 * 1024


def _mb(size: float, lang: str) -> str:
    """Return a size in whole megabytes, written in the reader's language."""
    return number(size / _MB, lang)


def fail(path: Path, found: str, expected: str, lang: str = "en",
         member: str | None = None) -> InputError:
    """Return an :class:`InputError` about one file.

    Parameters
    ----------
    path : Path
        The file concerned.
    found : str
        What was found, in plain words.
    expected : str
        What was expected, in plain words.
    lang : {"en", "fr"}
        Language of the headline.
    member : str, optional
        The part of the file concerned (a zip member), named before ``found``.

    Returns
    -------
    InputError
        An error to raise.
    """
    where = t("tx_in_member", lang, member=member) if member else ""
    problem = Problem(file=Path(path), found=where + found, expected=expected, literal=False)
    return InputError.from_problems([problem], lang, file=Path(path))


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file without touching its line endings.

    Parameters
    ----------
    data : bytes
        File content.

    Returns
    -------
    str
        The text: UTF-16 when it starts with a UTF-16 BOM (Notepad's "Unicode"), else
        UTF-8 with its BOM dropped, else cp1252, else latin-1.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_file(path: Path, lang: str = "en", limit: int = MAX_MEMBER_BYTES) -> bytes:
    """Return a file's bytes, refusing a missing or oversized file.

    Parameters
    ----------
    path : Path
        The file.
    lang : {"en", "fr"}
        Language of the error headline.
    limit : int
        Largest size accepted, in bytes.

    Returns
    -------
    bytes
        The content.

    Raises
    ------
    InputError
        If the file does not exist, is a folder or is larger than ``limit``.
    """
    path = Path(path)
    if not path.is_file():
        raise fail(path, t("file_absent", lang), t("tx_existing_file", lang), lang)
    size = path.stat().st_size
    if size > limit:
        raise fail(path, t("tx_file_size", lang, mb=_mb(size, lang)),
                   t("tx_file_limit", lang, mb=_mb(limit, lang)), lang)
    return path.read_bytes()


def _check_member(path: Path, info: zipfile.ZipInfo, lang: str) -> None:
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
        raise fail(path, t("tx_member_ratio", lang, ratio=f"{ratio:.0f}",
                             packed=info.compress_size, mb=_mb(info.file_size, lang)),
                   t("tx_member_ratio_limit", lang, max=MAX_RATIO),
                   lang, member=info.filename)


def open_zip(path: Path, lang: str = "en", kind: str = "tx_kind_zip") -> zipfile.ZipFile:
    """Open a zip archive for reading after checking it is not a zip bomb.

    Parameters
    ----------
    path : Path
        The archive.
    lang : {"en", "fr"}
        Language of the error headline.
    kind : str
        The message key of what the archive should be (``tx_kind_qdpx``: "a REFI-QDA
        project (.qdpx)"), for messages in the reader's language.

    Returns
    -------
    zipfile.ZipFile
        The open archive; close it (or use it as a context manager).

    Raises
    ------
    InputError
        If the file is missing, not a zip archive, or expands beyond the limits.
    """
    path = Path(path)
    if not path.is_file():
        raise fail(path, t("file_absent", lang), t("tx_existing_kind", lang, kind=t(kind, lang)),
                   lang)
    if not zipfile.is_zipfile(path):
        raise fail(path, t("tx_not_zip", lang), t("tx_zip_kind", lang, kind=t(kind, lang)), lang)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise fail(path, t("tx_damaged_zip", lang, detail=exc), t(kind, lang), lang) from exc
    infos = archive.infolist()
    try:
        if len(infos) > _MAX_MEMBERS:
            raise fail(path, t("tx_members", lang, n=len(infos)),
                       t("tx_members_limit", lang, max=_MAX_MEMBERS), lang)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise fail(path, t("tx_total", lang, mb=_mb(total, lang)),
                       t("tx_total_limit", lang, mb=_mb(MAX_TOTAL_BYTES, lang)), lang)
        for info in infos:
            _check_member(path, info, lang)
    except InputError:
        archive.close()
        raise
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                lang: str = "en") -> bytes:
    """Read one member of an archive, never more than :data:`MAX_MEMBER_BYTES`.

    Parameters
    ----------
    archive : zipfile.ZipFile
        An archive opened by :func:`open_zip`.
    info : zipfile.ZipInfo
        The member.
    path : Path
        The archive's path, for messages.
    lang : {"en", "fr"}
        Language of the error headline.

    Returns
    -------
    bytes
        The member's content.

    Raises
    ------
    InputError
        If the member is larger than allowed (whatever its header says) or damaged.
    """
    if info.flag_bits & 0x1:
        raise fail(path, t("zip_encrypted", lang), t("expect_zip_plain", lang), lang,
                   member=info.filename)
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            zlib.error) as exc:
        raise fail(path, t("tx_damaged_member", lang, detail=exc),
                   t("tx_readable_member", lang), lang, member=info.filename) from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise fail(path, t("tx_member_larger", lang),
                   t("tx_member_limit", lang, mb=_mb(MAX_MEMBER_BYTES, lang)),
                   lang, member=info.filename)
    return data


def parse_xml(data: bytes, path: Path, lang: str = "en", member: str | None = None) -> Element:
    """Parse XML with entity declarations and external references refused.

    Parameters
    ----------
    data : bytes
        The XML document.
    path : Path
        The file it comes from, for messages.
    lang : {"en", "fr"}
        Language of the error headline.
    member : str, optional
        The zip member it comes from, for messages.

    Returns
    -------
    xml.etree.ElementTree.Element
        The root element.

    Raises
    ------
    InputError
        If the XML is not well formed or declares entities or external references.
    """
    try:
        return safe_xml.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException as exc:
        raise fail(path, t("tx_xml_entities", lang, detail=exc), t("tx_xml_plain", lang), lang,
                   member=member) from exc
    except ParseError as exc:
        raise fail(path, t("tx_xml_invalid", lang, detail=exc), t("tx_xml_wellformed", lang),
                   lang, member=member) from exc
