"""The language of a customer text: function words, then dictionaries, then lexicons.

Function words decide when they lean one way; otherwise the share of the text's words
each language's dictionary knows (``simplemma``'s); then the words only one language's
lexicon knows; else the client's language, the likeliest.
"""

from __future__ import annotations

import re

from cxlib.analysis.feedback.lexicon import LANGUAGES, fold, rules

__all__ = ["detect_language"]

_STOP_FR = frozenset("le la les de des du un une et est je vous nous pas que qui pour avec "
                     "sur au aux ce cette mon ma mes tres en il elle on ne plus mais c j "
                     "n d l qu rien tout tous chez votre vos".split())
_STOP_EN = frozenset("the an and is are i you we not that for with on to of my this it "
                     "was very in no but so have has had your they be at from me our its "
                     "all get got".split())



def detect_language(text: str, *, default: str = "fr") -> str:
    """Return ``fr`` or ``en`` for one text.

    Common function words decide when they lean one way; otherwise the share of the
    text's words each language's dictionary knows (simplemma's); then the words only one
    language's lexicon knows. A text that leans neither way ("Super service") or has no
    letters gets ``default``: the client's language, the likeliest.

    Parameters
    ----------
    text : str
        A customer text.
    default : {"fr", "en"}
        The language of a text that leans neither way or has no words (emoji only).

    Returns
    -------
    str
        ``fr`` or ``en``.
    """
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text or "")]
    if not words:
        return default
    lean = sum(w in _STOP_FR for w in words) - sum(w in _STOP_EN for w in words)
    if not lean:
        import simplemma

        known = dict(simplemma.langdetect(text, lang=LANGUAGES))
        lean = known.get("fr", 0) - known.get("en", 0)
    if not lean:  # words only one language's lexicon knows: "a total scam, avoid"
        french, english = rules("fr").words, rules("en").words
        lean = sum(w in french for w in words) - sum(w in english for w in words)
    return default if not lean else "fr" if lean > 0 else "en"
