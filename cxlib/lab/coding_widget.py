"""Code interviews in JupyterLab: browse and search speaker turns, apply codes, undo.

:class:`CodingSession` holds the logic — transcripts, the current segment, search, the
suggestions from keyword rules — and writes every action through a
:class:`~cxlib.inputs.coding_journal.CodingStore` before reporting it. :func:`coding_widget` wraps
a session in ipywidgets. Everything works from the keyboard: the command box takes

``a CODE``   apply a code to the current turn     ``r CODE``   remove it
``y CODE``   accept a suggestion                  ``x CODE``   reject a suggestion
``n`` / ``p``  next / previous turn               ``u``        undo the last action
``/TEXT``    search turns (``/re:PATTERN`` for a regular expression)

A suggestion is only ever a proposal: it becomes a coding when the coder accepts it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from cxlib.inputs.coding_journal import CodingStore
from cxlib.inputs.transcripts import Transcript

__all__ = ["CodingSession", "coding_widget", "keyword_rules", "open_session", "suggest"]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if not unicodedata.combining(c))


def keyword_rules(codebook: pl.DataFrame) -> dict[str, list[str]]:
    """Return each code's keywords, from its ``keywords`` column or else its label.

    A filled ``keywords`` cell is split on ``;``; without one, the words of four letters
    or more of the label are used.

    Parameters
    ----------
    codebook : polars.DataFrame
        ``code_id``, ``label`` and optionally ``keywords``.

    Returns
    -------
    dict
        Code id -> keywords (lower case, accents removed).
    """
    rules = {}
    has_keywords = "keywords" in codebook.columns
    for row in codebook.iter_rows(named=True):
        given = (row.get("keywords") or "") if has_keywords else ""
        words = [w.strip() for w in given.split(";") if w.strip()] if given else \
            re.findall(r"\w{4,}", row["label"] or "")
        rules[row["code_id"]] = [_fold(w) for w in words]
    return rules


def suggest(text: str, rules: Mapping[str, list[str]]) -> list[str]:
    """Return the codes whose keywords occur in ``text`` (whole words, accents ignored)."""
    folded = _fold(text)
    return sorted(code for code, words in rules.items()
                  if any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words))


@dataclass
class CodingSession:
    """A coder's session over a client's transcripts.

    Parameters
    ----------
    transcripts : dict
        :class:`~cxlib.coding.Transcript` by interview id.
    codebook : polars.DataFrame
        ``code_id``, ``label`` (and ``keywords``).
    store : CodingStore
        Where every action is written through.
    """

    transcripts: dict[str, Transcript]
    codebook: pl.DataFrame
    store: CodingStore
    interview: str = ""
    position: int = 0
    hits: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.labels = dict(self.codebook.select("code_id", "label").iter_rows())
        self.rules = keyword_rules(self.codebook)
        self.interview = self.interview or next(iter(self.transcripts))

    @property
    def segment(self) -> dict:
        """The current speaker turn: ``segment, speaker, start, end, text``."""
        return self.transcripts[self.interview].segments.row(self.position, named=True)

    def move(self, step: int) -> None:
        """Go to the next (1) or previous (-1) turn, across interviews."""
        ids = list(self.transcripts)
        n = self.transcripts[self.interview].segments.height
        pos = self.position + step
        i = ids.index(self.interview)
        if pos >= n and i + 1 < len(ids):
            self.interview, self.position = ids[i + 1], 0
        elif pos < 0 and i > 0:
            self.interview = ids[i - 1]
            self.position = self.transcripts[self.interview].segments.height - 1
        else:
            self.position = min(max(pos, 0), n - 1)

    def goto(self, interview: str, position: int = 0) -> None:
        """Go to a turn of an interview."""
        if interview not in self.transcripts:
            raise KeyError(f"unknown interview {interview!r}")
        self.interview, self.position = interview, position

    def search(self, query: str) -> list[tuple[str, int]]:
        """Find the turns containing ``query`` (``re:PATTERN`` for a regular expression).

        Returns
        -------
        list of tuple
            ``(interview_id, position)`` of every matching turn; the session moves to the
            first one.
        """
        if query.startswith("re:"):
            pattern = re.compile(query[3:], re.IGNORECASE)
            match = pattern.search
        else:
            needle = _fold(query)
            match = (lambda text: needle in _fold(text))  # noqa: E731
        self.hits = [(iid, pos) for iid, tr in self.transcripts.items()
                     for pos, text in enumerate(tr.segments["text"].to_list()) if match(text)]
        if self.hits:
            self.goto(*self.hits[0])
        return self.hits

    def codes_here(self) -> list[str]:
        """Codes this coder applied to the current turn (overlapping it)."""
        seg = self.segment
        mine = self.store.codings().filter(
            (pl.col("interview_id") == self.interview) & (pl.col("start") < seg["end"])
            & (pl.col("end") > seg["start"]))
        return sorted(set(mine["code_id"].to_list()))

    def suggestions(self) -> list[str]:
        """Codes the keyword rules propose for the current turn, minus applied and rejected."""
        seg = self.segment
        rejected = {c for (iid, c, s, e) in self.store.rejected()
                    if iid == self.interview and s == seg["start"] and e == seg["end"]}
        return [c for c in suggest(seg["text"], self.rules)
                if c not in self.codes_here() and c not in rejected]

    def command(self, text: str) -> str:
        """Run one keyboard command; return what happened, in a short sentence."""
        text = text.strip()
        seg = self.segment
        span = (self.interview, seg["start"], seg["end"])
        verb, _, arg = text.partition(" ")
        arg = arg.strip()
        if verb in ("a", "r", "y", "x") and arg not in self.labels:
            return f"unknown code {arg!r}"
        if verb == "a":
            self.store.add(span[0], arg, span[1], span[2])
            return f"applied {arg}"
        if verb == "y":
            self.store.add(span[0], arg, span[1], span[2], suggested=True)
            return f"accepted {arg}"
        if verb == "r":
            self.store.remove(span[0], arg, span[1], span[2])
            return f"removed {arg}"
        if verb == "x":
            self.store.reject(span[0], arg, span[1], span[2])
            return f"rejected {arg}"
        if verb == "u":
            return "undone" if self.store.undo() else "nothing to undo"
        if verb in ("n", "p"):
            self.move(1 if verb == "n" else -1)
            return f"{self.interview} turn {self.position + 1}"
        if text.startswith("/"):
            return f"{len(self.search(text[1:]))} turn(s) found"
        return "commands: a CODE, r CODE, y CODE, x CODE, u, n, p, /TEXT, /re:PATTERN"

    def view(self) -> str:
        """Return the current turn, its codes and suggestions, as an HTML fragment."""
        seg = self.segment
        esc = html.escape
        codes = ", ".join(f"{esc(c)} ({esc(self.labels.get(c, ''))})" for c in self.codes_here())
        hints = ", ".join(esc(c) for c in self.suggestions())
        total = self.transcripts[self.interview].segments.height
        return (f"<div class='cx-coding'><b>{esc(self.interview)}</b> — turn "
                f"{self.position + 1}/{total} — {esc(seg['speaker'] or '')}"
                f"<blockquote>{esc(seg['text'])}</blockquote>"
                f"<div>codes: <span class='cx-coded'>{codes or '–'}</span></div>"
                f"<div>suggested: <span class='cx-suggested'>{hints or '–'}</span></div></div>")


def coding_widget(session: CodingSession) -> object:
    """Return the ipywidgets interface of a session (command box, buttons, current turn).

    Parameters
    ----------
    session : CodingSession
        The session to drive.

    Returns
    -------
    ipywidgets.VBox
        Display it in a notebook cell.
    """
    import ipywidgets as w

    shown = w.HTML(session.view())
    status = w.HTML("")
    box = w.Text(placeholder="a CODE · r CODE · y/x CODE · n · p · u · /search",
                 description="Command", continuous_update=False,
                 layout=w.Layout(width="70%"))
    box.add_class("cx-command")
    codes = w.Dropdown(options=[(f"{c} — {label}", c) for c, label in session.labels.items()],
                       description="Code")

    def run(text: str) -> None:
        status.value = html.escape(session.command(text))
        shown.value = session.view()

    def on_submit(change: dict) -> None:
        if change["new"]:
            run(change["new"])
            box.value = ""

    box.observe(on_submit, names="value")
    buttons = []
    for label, make in (("◀", lambda: "p"), ("▶", lambda: "n"),
                        ("Apply", lambda: f"a {codes.value}"),
                        ("Remove", lambda: f"r {codes.value}"), ("Undo", lambda: "u")):
        button = w.Button(description=label, layout=w.Layout(width="auto"))
        button.on_click(lambda _b, make=make: run(make()))
        buttons.append(button)
    return w.VBox([shown, w.HBox([codes, *buttons]), box, status])


def open_session(client: str, coder: str) -> CodingSession:
    """Open a coding session on a client's transcripts, writing to ``data/<client>/coding/``.

    Parameters
    ----------
    client : str
        Client folder name.
    coder : str
        The coder's identity (their journal is ``coding/<coder>.jsonl``).

    Returns
    -------
    CodingSession
        Ready for :func:`coding_widget`.
    """
    from cxlib.analysis.interviews import load_transcripts
    from cxlib.inputs.coding_journal import store_folder
    from cxlib.inputs.loaders import load_inputs

    inputs = load_inputs(client, ["interviews", "codebook"])
    return CodingSession(load_transcripts(inputs), inputs["codebook"],
                         CodingStore(store_folder(inputs.config.path), coder))
