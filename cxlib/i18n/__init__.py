"""Messages and labels in the consultant's language (French or English).

Every sentence the workbench shows a person — error messages, report labels — lives in
one catalog per language, ``fr.yaml`` and ``en.yaml`` beside this file, keyed by a stable
id: a translator edits them without reading Python. Every rule of a language — quotation
marks, the space before a colon, numbers, percentages, dates, locale names — lives here
too (:class:`Language`), so that no other module asks which language it writes.
"""

from __future__ import annotations

import locale
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "Language",
    "colon",
    "date_text",
    "detect_language",
    "language",
    "named",
    "number",
    "quoted",
    "t",
]

#: Where the catalogs live: one YAML file per language, keyed by message id, plus
#: optional area catalogs ``<area>.<lang>.yaml`` (each with its twin in every language).
CATALOG_DIR = Path(__file__).resolve().parent


def catalog_files(lang: str) -> list[Path]:
    """List the catalog files of one language: ``<lang>.yaml``, then its area catalogs."""
    return [CATALOG_DIR / f"{lang}.yaml", *sorted(CATALOG_DIR.glob(f"*.{lang}.yaml"))]


def _load_catalog(lang: str) -> dict[str, str]:
    """Read every catalog of a language: values strings, never YAML booleans or numbers."""
    merged: dict[str, str] = {}
    for path in catalog_files(lang):
        with path.open(encoding="utf-8") as stream:
            entries = yaml.load(stream, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
        clash = sorted(set(entries or {}) & set(merged))
        if clash:
            raise ValueError(f"{path.name}: message ids already defined: {', '.join(clash)}")
        merged.update(entries or {})
    return merged


#: Every message, by id: ``{"fr": …, "en": …}``, read from the catalogs.
_FR, _EN = _load_catalog("fr"), _load_catalog("en")
MESSAGES: dict[str, dict[str, str]] = {
    key: {"fr": text, "en": _EN.get(key, text)} for key, text in _FR.items()}
del _FR, _EN


@dataclass(frozen=True)
class Language:
    """How one language writes: locale names and typography.

    Attributes
    ----------
    code : str
        ``"fr"`` or ``"en"``, as in ``client.yaml``.
    babel : str
        Babel's locale (dates and month names): ``fr_FR``, ``en_GB``.
    tag : str
        The BCP 47 tag of HTML ``lang``, Vega's number and time locales and Office files.
    office : str
        The member of python-pptx's ``MSO_LANGUAGE_ID`` for text in slides.
    colon : str
        A colon as the language writes it after a word (French puts a space before it).
    quotes : tuple of str
        Opening and closing quotation marks, with the spaces French puts inside them.
    names : tuple of str
        The marks around the name of a thing (a report, a table, a touchpoint).
    percent : str
        What follows a number to make it a percentage.
    thousands, decimal : str
        The marks that group thousands and separate decimals.
    """

    code: str
    babel: str
    tag: str
    office: str
    colon: str
    quotes: tuple[str, str]
    names: tuple[str, str]
    percent: str
    thousands: str
    decimal: str


LANGUAGES: dict[str, Language] = {
    "fr": Language("fr", "fr_FR", "fr-FR", "FRENCH", " :", ("«\u00a0", "\u00a0»"),
                   ("«\u00a0", "\u00a0»"), "\u202f%", "\u202f", ","),
    "en": Language("en", "en_GB", "en-GB", "ENGLISH_UK", ":", ("“", "”"), ("'", "'"), "%",
                   ",", "."),
}


def language(lang: str) -> Language:
    """Return how ``lang`` writes (:class:`Language`); anything unknown is English."""
    return LANGUAGES.get(lang, LANGUAGES["en"])


def colon(lang: str) -> str:
    """Return a colon as written after a word: `` :`` in French, ``:`` in English."""
    return language(lang).colon


def date_text(day: object, pattern: str, lang: str) -> str:
    """Return a date written in words with a Babel ``pattern`` (``"d MMMM y"``, ``"MMM yyyy"``)."""
    from babel.dates import format_date

    return format_date(day, pattern, locale=language(lang).babel)


def detect_language() -> str:
    """Guess the consultant's language before a client config is read.

    Returns
    -------
    str
        ``"fr"`` when ``CX_LANG`` or the locale says French, else ``"en"``.
    """
    env = os.environ.get("CX_LANG") or os.environ.get("LANG") or locale.getlocale()[0] or ""
    return "fr" if env.lower().startswith("fr") else "en"


def t(key: str, lang: str, **values: object) -> str:
    """Return message ``key`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    key : str
        Message id in :data:`MESSAGES`.
    lang : {"fr", "en"}
        Language; anything else falls back to English.
    **values
        Placeholders.

    Returns
    -------
    str
        The message.
    """
    texts = MESSAGES[key]
    text = texts.get(lang, texts["en"])
    if "|" in text:
        text = _PLURAL.sub(lambda m: _choose(m, values, lang), text)
    return text.format(**values)


#: ``{n|one|many}`` in a message: ``one`` or ``many`` by the count ``n`` (French: one
#: below 2; English: exactly 1); ``{n||s}`` adds an "s" to the plural. The count is a
#: placeholder of the message, or, when it is not shown, a value named ``n_<what>``.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _count(value: object, lang: str) -> float | None:
    """Return the number a placeholder holds, also once written by :func:`number`."""
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str):
        return None
    text = value.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(
        "\u2212", "-")
    text = text.replace(",", ".") if lang == "fr" else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _choose(match: re.Match[str], values: dict[str, object], lang: str) -> str:
    count = _count(values.get(match.group(1)), lang)
    if count is None:
        return match.group(3)
    one = abs(count) < 2 if lang == "fr" else count == 1
    return match.group(2) if one else match.group(3)


#: How tables write a day, in French and British English alike: 31/03/2027.
DATE_FORMAT = "%d/%m/%Y"


def named(text: str, lang: str) -> str:
    """Return the name of a thing (a report, a touchpoint) quoted: « … » or '…'."""
    opening, closing = language(lang).names
    return f"{opening}{text}{closing}"


def quoted(text: str, lang: str) -> str:
    """Return someone's words between the language's quotation marks: « … » or “…”."""
    opening, closing = language(lang).quotes
    return f"{opening}{text}{closing}"


def number(value: float, lang: str, decimals: int = 0, sign: bool = False,
           percent: bool = False) -> str:
    """Format a number the way the report's readers write it.

    Parameters
    ----------
    value : float
        The number (a 0–1 share when ``percent``).
    lang : {"fr", "en"}
        ``12 345,6`` and ``45\u202f%`` in French; ``12,345.6`` and ``45%`` in English.
    decimals : int
        Digits after the decimal mark.
    sign : bool
        Whether to write ``+`` before positive numbers (changes).
    percent : bool
        Whether ``value`` is a share to show as a percentage.

    Returns
    -------
    str
        The formatted number.
    """
    shown = value * 100 if percent else value
    text = f"{shown:{'+' if sign else ''},.{decimals}f}"
    if text.lstrip("+-").strip("0.,") == "":
        text = text.lstrip("+-")  # never "-0" nor "+0"
    text = text.replace("-", "\u2212")
    marks = language(lang)
    text = text.replace(",", "\0").replace(".", marks.decimal).replace("\0", marks.thousands)
    return text + marks.percent if percent else text
