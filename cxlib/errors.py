"""The workbench's exception family.

Every error a consultant can meet is a :class:`CxError` whose message names the client,
file, row and column, what was found and what was expected, in the client's language.
The CLI prints the message alone (no traceback); notebooks show it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxlib.i18n import colon, t

__all__ = [
    "ConfigError",
    "CxError",
    "InputError",
    "ParameterError",
    "Problem",
    "RunError",
]

#: At most this many problems are spelled out in one message; the rest are counted.
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input.

    Parameters
    ----------
    file : Path
        The file that holds it.
    row : int or None
        Row number as the consultant sees it in Excel (header is row 1), or None when the
        problem concerns the whole column or file.
    column : str or None
        Column header, or key path in ``client.yaml``.
    found : str
        The value found, as text (``""`` when empty).
    expected : str
        What was expected, in the client's language.
    key : bool
        Whether ``column`` is a key of a configuration file (said "key", not "column").
    """

    file: Path
    column: str | None = None
    found: str = ""
    expected: str = ""
    row: int | None = None
    literal: bool = True
    key: bool = False

    def render(self, lang: str) -> str:
        """Return the problem as one line of text.

        Parameters
        ----------
        lang : {"fr", "en"}
            Message language.

        Returns
        -------
        str
            ``file, row N, column C: found 'x', expected …``.
        """
        from cxlib.paths import display

        where = [display(self.file)]
        if self.row is not None:
            where.append(t("where_row", lang, row=self.row))
        if self.column:
            where.append(t("where_key" if self.key else "where_column", lang,
                           column=self.column))
        mark = colon(lang)
        expected = t("expected", lang, expected=self.expected)
        if self.found == "" and self.row is None and not self.column:
            return f"{', '.join(where)}{mark} {expected}"
        if self.found == "":
            found = t("found_empty", lang)
        elif self.literal:
            found = t("found", lang, found=self.found)
        else:
            found = self.found
        return f"{', '.join(where)}{mark} {found}, {expected}"


class CxError(Exception):
    """Base class of every error the workbench reports to a consultant."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class _ProblemsError(CxError):
    """An error carrying a list of :class:`Problem`."""

    headline_key = "input_invalid"

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])

    @classmethod
    def from_problems(cls, problems: list[Problem], lang: str, file: Path | None = None,
                      client: str | None = None) -> _ProblemsError:
        """Build one error listing every problem.

        Parameters
        ----------
        problems : list of Problem
            Everything found wrong.
        lang : {"fr", "en"}
            Message language.
        file : Path, optional
            The file concerned, when there is one.
        client : str, optional
            The client concerned.

        Returns
        -------
        CxError
            An error whose message has a headline and one line per problem.
        """
        from cxlib.paths import display

        files = sorted({display(p.file) for p in problems}) if file is None else [display(file)]
        head = t(cls.headline_key, lang, n=len(problems), files=", ".join(files),
                 client=client or "")
        lines = [f"  - {p.render(lang)}" for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append("  " + t("more_problems", lang, n=len(problems) - MAX_LISTED))
        return cls("\n".join([head, *lines]), problems)


class ConfigError(_ProblemsError):
    """``client.yaml`` is missing, unreadable or inconsistent."""

    headline_key = "config_invalid"


class InputError(_ProblemsError):
    """An input table or transcript is missing, unreadable or breaks the data contract."""

    headline_key = "input_invalid"


class ParameterError(CxError):
    """A notebook was asked for with an unknown or missing parameter."""


class RunError(CxError):
    """A report could not be rendered; the last good report is left in place."""
