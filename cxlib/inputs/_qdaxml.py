"""Small helpers over REFI-QDA (QDA-XML 1.0) elements, shared by the codebook and project readers.

Element names are matched on their local name, so the project namespace
(``urn:QDA-XML:project:1.0``), the codebook one (``urn:QDA-XML:codebook:1.0``) and files
that forget the namespace are all read. GUIDs are normalised to lower case without
braces: vendors write them in either case (ATLAS.ti upper, NVivo and qc lower).
"""

from __future__ import annotations

import re
import uuid
from xml.etree.ElementTree import Element

import polars as pl

__all__ = [
    "CODEBOOK_SCHEMA",
    "GUID_NAMESPACE",
    "KIND_SET_DESCRIPTION",
    "PROJECT_NS",
    "child",
    "children",
    "codebook_frame",
    "guid",
    "local",
    "stable_guid",
    "users_frame",
]

PROJECT_NS = "urn:QDA-XML:project:1.0"
#: Description of the sets that carry this workbench's code kinds in an export.
KIND_SET_DESCRIPTION = "cxlib code kind"

#: Columns of a codebook frame.
CODEBOOK_SCHEMA: dict[str, pl.DataType] = {
    "code_id": pl.String(), "label": pl.String(), "parent_id": pl.String(),
    "kind": pl.String(), "description": pl.String(), "colour": pl.String(),
}


def local(tag: str) -> str:
    """Return an element tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    """Return the direct children of ``element`` called ``name`` (any namespace)."""
    return [c for c in element if local(c.tag) == name]


def child(element: Element, name: str) -> Element | None:
    """Return the first direct child of ``element`` called ``name``, or None."""
    found = children(element, name)
    return found[0] if found else None


def guid(value: str | None) -> str | None:
    """Return a GUID in lower case without braces (None stays None)."""
    if value is None:
        return None
    return value.strip().strip("{}").lower() or None


def _text(element: Element, name: str) -> str | None:
    found = child(element, name)
    return found.text if found is not None and found.text is not None else None


def _kinds(root: Element) -> dict[str, str]:
    """Return code GUID -> kind from the sets a workbench export writes."""
    kinds: dict[str, str] = {}
    for sets in children(root, "Sets"):
        for item in children(sets, "Set"):
            if (_text(item, "Description") or "").strip() != KIND_SET_DESCRIPTION:
                continue
            for member in children(item, "MemberCode"):
                code = guid(member.get("targetGUID"))
                if code:
                    kinds[code] = item.get("name", "")
    return kinds


def codebook_frame(root: Element) -> pl.DataFrame:
    """Return the codebook of a ``<Project>`` or ``<CodeBook>`` element.

    Parameters
    ----------
    root : xml.etree.ElementTree.Element
        The document root.

    Returns
    -------
    polars.DataFrame
        Columns of :data:`CODEBOOK_SCHEMA`, one row per ``<Code>`` in document order;
        ``code_id`` is the code's GUID (lower case), ``parent_id`` the enclosing code's.
    """
    book = root if local(root.tag) == "CodeBook" else child(root, "CodeBook")
    codes = child(book, "Codes") if book is not None else None
    kinds = _kinds(root)
    rows: list[tuple[str | None, ...]] = []
    stack: list[tuple[Element, str | None]] = (
        [(c, None) for c in reversed(children(codes, "Code"))] if codes is not None else [])
    while stack:
        element, parent = stack.pop()
        code = guid(element.get("guid"))
        rows.append((code, element.get("name"), parent, kinds.get(code or ""),
                     _text(element, "Description"), element.get("color")))
        stack.extend((c, code) for c in reversed(children(element, "Code")))
    return pl.DataFrame(rows, schema=CODEBOOK_SCHEMA, orient="row")


def users_frame(root: Element) -> pl.DataFrame:
    """Return the users of a project: ``guid`` (lower case), ``id``, ``name``.

    Parameters
    ----------
    root : xml.etree.ElementTree.Element
        The ``<Project>`` element.

    Returns
    -------
    polars.DataFrame
        One row per ``<User>``.
    """
    users = child(root, "Users")
    rows = [(guid(u.get("guid")), u.get("id"), u.get("name"))
            for u in (children(users, "User") if users is not None else [])]
    return pl.DataFrame(rows, schema={"guid": pl.String, "id": pl.String, "name": pl.String},
                        orient="row")


#: Namespace of the GUIDs this workbench derives for codes, sources, users and codings.
GUID_NAMESPACE = uuid.UUID("5d0c5f0e-7c3b-4e47-9a59-2f6f3c2b8a61")
_GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}\}?$")


def stable_guid(kind: str, key: str) -> str:
    """Return the GUID an export gives an object: ``key`` itself if it is a GUID.

    Parameters
    ----------
    kind : str
        What the object is (``"code"``, ``"source"``, ``"user"``…).
    key : str
        Its identifier in the workbench.

    Returns
    -------
    str
        A lower-case GUID, the same for the same ``kind`` and ``key`` (UUID version 5),
        so that codes keep their GUID across exports and round trips through QDA tools.
    """
    if _GUID.match(key):
        return key.strip("{}").lower()
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))
