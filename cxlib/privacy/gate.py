"""The gate before publishing: no identifier of the inputs in any file of a run.

Redaction is applied to each text as it is written; this gate checks the result. Before
a run is published, :func:`collect_identifiers` reads from the client's inputs what must
never reach a deliverable — the roster's names (``respondent`` of the interviews), the
e-mail addresses and phone numbers written anywhere in the client's tables and
transcripts — and :func:`scan_run` looks for them, and for any payment card number
(Luhn), in every file of the run: HTML and text files, chart files (SVG, JSON), and the
XML parts of the Excel workbooks and decks, unzipped. What it finds is named by file and
kind, never by value. PNG and PDF files are images of pages whose text the HTML and SVG
already carry. :func:`prepare_run` does the runner's part before the notebooks start: the
client's policy (:func:`prepare_policy`, first), the redaction log and the identifiers.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from stdnum import luhn

__all__ = ["Identifiers", "collect_identifiers", "prepare_policy", "prepare_run", "scan_run",
           "scan_text"]

_EMAIL = r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_PHONE = r"(?:\+|00)?\d[\d .\-\u00a0]{7,18}\d"
_EMAIL_RE = re.compile(_EMAIL)
_PHONE_RE = re.compile(rf"(?<![\w.,]){_PHONE}(?![\w])")
_CARD_RE = re.compile(r"(?<![\w.,\-])(?:\d{4}([ \-])\d{4}\1\d{4}\1\d{1,7}|[3-6]\d{14,15})"
                      r"(?![\w\-]|[.,]\d)")
_TAG = re.compile(r"<[^>]*>")
_TEXT_SUFFIXES = {".html", ".htm", ".svg", ".json", ".csv", ".txt", ".md", ".xml",
                  ".jsonl", ".vl"}
_ZIP_SUFFIXES = {".xlsx", ".pptx", ".docx"}


@dataclass
class Identifiers:
    """What must never be published, as found in a client's inputs.

    Attributes
    ----------
    names : set of str
        Roster full names, folded (lower case, no accents).
    emails : set of str
        E-mail addresses, lower case.
    phones : set of str
        Phone numbers: their last nine digits.
    """

    names: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACES = re.compile(r"[\s\-‐]+")
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Return ``text`` in lower case, without accents, its spaces and hyphens as one space."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return _SPACES.sub(" ", text.lower().replace("’", "'"))


def _names_in(folded: str, names: set[str]) -> bool:
    """Return whether one of the folded ``names`` is written, as whole words, in ``folded``.

    The text's words are read once; only a name whose words all occur in it, one after the
    other, is looked for exactly (a roster of hundreds costs what a roster of one does).
    """
    if not names:
        return False
    words = _WORD.findall(folded)
    present = set(words)
    by_length: dict[int, dict[tuple[str, ...], str]] = {}
    for name in names:
        key = tuple(_WORD.findall(name))
        if key and present.issuperset(key):
            by_length.setdefault(len(key), {})[key] = name
    for length, keys in by_length.items():
        grams = set(zip(*(words[i:] for i in range(length)), strict=False))
        if any(re.search(rf"(?<!\w){re.escape(keys[key])}(?!\w)", folded)
               for key in keys.keys() & grams):
            return True
    return False


def _phone_key(found: str) -> str | None:
    digits = re.sub(r"\D", "", found)
    if not 10 <= len(digits) <= 13 or not (found.startswith(("0", "+"))):
        return None
    return digits[-9:]


def _texts(frame: pl.DataFrame) -> Iterator[str]:
    for name, dtype in frame.schema.items():
        if dtype == pl.String:
            yield from frame[name].drop_nulls().to_list()


def _add_text(found: Identifiers, text: str) -> None:
    if "@" in text:
        found.emails.update(m.lower() for m in _EMAIL_RE.findall(text))
    for match in _PHONE_RE.finditer(text):
        key = _phone_key(match.group())
        if key:
            found.phones.add(key)


def collect_identifiers(inputs: Any, *, transcripts: Iterable[str] = ()) -> Identifiers:
    """Return the identifiers written in a client's inputs.

    Parameters
    ----------
    inputs : Inputs or mapping of str to polars.DataFrame
        The client's validated tables.
    transcripts : iterable of str, optional
        The interview transcripts' texts.

    Returns
    -------
    Identifiers
        Roster names, e-mail addresses and phone numbers.
    """
    found = Identifiers()
    for table in inputs:
        frame = inputs[table]
        lazy = frame.lazy() if isinstance(frame, pl.DataFrame) else frame
        strings = [c for c, d in lazy.collect_schema().items() if d == pl.String]
        for column in strings:  # each distinct value once: a log repeats its ids
            # an address has an @, a phone number 10 digits at least (:func:`_phone_key`)
            values = lazy.select(pl.col(column).drop_nulls().unique()).filter(
                pl.col(column).str.contains("@", literal=True)
                | (pl.col(column).str.count_matches(r"\d") >= 10)).collect(
                    engine="streaming")[column]
            for text in values.to_list():
                _add_text(found, text)
    for text in transcripts:
        _add_text(found, text)
    if "interviews" in inputs and "respondent" in inputs["interviews"].columns:
        for name in inputs["interviews"]["respondent"].drop_nulls().to_list():
            if len(str(name).split()) > 1:  # a full name: first and last
                found.names.add(_fold(str(name)).strip())
    return found


def scan_text(text: str, identifiers: Identifiers, *, known: Sequence[str] = ()) -> list[str]:
    """Return the kinds of identifiers found in ``text`` (``roster``, ``email``…).

    Parameters
    ----------
    text : str
        The content of a file (markup is looked through).
    identifiers : Identifiers
        What must not be found.
    known : sequence of str, optional
        Texts the workbench writes as they are, whatever the client (the charts' JavaScript
        library): not read where they occur whole.

    Returns
    -------
    list of str
        Kinds found, each once, in a fixed order.
    """
    for static in known:
        text = text.replace(static, " ")
    plain = html.unescape(text)
    visible = _TAG.sub(" ", plain)
    kinds = []
    folded = _fold(visible) + " \n " + _fold(_TAG.sub("", plain))  # words split by markup
    if _names_in(folded, identifiers.names):
        kinds.append("roster")
    lower = plain.lower()
    if any(e in lower for e in identifiers.emails):
        kinds.append("email")
    if identifiers.phones and any(_phone_key(m.group()) in identifiers.phones
                                  for m in _PHONE_RE.finditer(visible)):
        kinds.append("phone")
    if any(luhn.is_valid(re.sub(r"\D", "", m.group())) for m in _CARD_RE.finditer(visible)):
        kinds.append("card")
    return kinds


def _contents(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(part, text)`` for a file, or for each XML part of an Office file."""
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        yield "", path.read_text(encoding="utf-8", errors="replace")
    elif suffix in _ZIP_SUFFIXES:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith((".xml", ".rels")):
                    yield member, archive.read(member).decode("utf-8", errors="replace")


def scan_run(folder: Path, identifiers: Identifiers, *,
             known: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Return ``(file, kind)`` for each kind of identifier found in a run's files.

    Parameters
    ----------
    folder : Path
        The run folder about to be published.
    identifiers : Identifiers
        What must not be found (see :func:`collect_identifiers`).
    known : sequence of str, optional
        Texts written as they are in every run (see :func:`scan_text`).

    Returns
    -------
    list of tuple of (str, str)
        File relative to ``folder`` (POSIX) and kind, sorted; empty when the run is clean.
    """
    found: set[tuple[str, str]] = set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        for _part, text in _contents(path):
            found.update((relative, kind)
                         for kind in scan_text(text, identifiers, known=known))
    return sorted(found)


def _transcripts(report: Any) -> list[str]:
    """Return the texts of the client's interview transcripts that can be read."""
    from cxlib.errors import CxError
    from cxlib.inputs.transcripts import read_transcript

    result = report.results.get("interviews")
    if result is None or "transcript_file" not in result.frame.columns:
        return []
    folder, texts = report.config.path / "transcripts", []
    for name in result.frame["transcript_file"].drop_nulls().unique().to_list():
        try:
            texts.append(read_transcript(folder / name, report.config.language).text)
        except (CxError, OSError):  # the reports say what is wrong with it
            continue
    return texts


def prepare_policy(report: Any, policy_file: Path) -> Any:
    """Write the client's privacy policy where every redaction of the run reads it.

    Parameters
    ----------
    report : ValidationReport
        The client's validated inputs.
    policy_file : Path
        Where it is written (see :data:`cxlib.privacy.policy.POLICY_ENV`).

    Returns
    -------
    Policy
        The policy written.
    """
    from cxlib.inputs.loaders import Inputs
    from cxlib.privacy.policy import client_policy, write_policy

    policy = client_policy(report.config, Inputs.from_report(report))
    write_policy(policy, policy_file)
    return policy


def prepare_run(report: Any, folder: Path, policy_file: Path, *,
                policy: Any = None) -> Identifiers:
    """Prepare a run's privacy: its policy, its redaction log, the identifiers to look for.

    Parameters
    ----------
    report : ValidationReport
        The client's validated inputs.
    folder : Path
        Where the executed notebooks go: the redaction log is written there.
    policy_file : Path
        Where the client's policy is written (see :data:`cxlib.privacy.policy.POLICY_ENV`).
    policy : Policy, optional
        The policy :func:`prepare_policy` wrote there already; the rest of the work can
        then go on beside whatever needed the policy first.

    Returns
    -------
    Identifiers
        What :func:`scan_run` must not find in the run's files.
    """
    from cxlib.inputs.loaders import Inputs
    from cxlib.privacy.log import redaction_log, write_log

    inputs = Inputs.from_report(report)
    policy = policy or prepare_policy(report, policy_file)
    transcripts = _transcripts(report)
    interviews = inputs["interviews"]
    roster = ([{"name": n} for n in interviews["respondent"].drop_nulls().to_list()]
              if "respondent" in interviews.columns else None)
    write_log(redaction_log(inputs, transcripts=transcripts, policy=policy, roster=roster),
              folder)
    return collect_identifiers(inputs, transcripts=transcripts)
