"""The data contract: every input table a client folder may hold, column by column.

One declaration serves three purposes: the loaders parse and validate against it, ``cx init``
writes the Excel input templates from it, and the README's data-contract section is checked
against it by a test.

Column kinds
------------
``str``       free text (surrounding spaces stripped; empty means missing)
``id``        identifier: text without surrounding spaces
``int``       whole number (``12``, ``12,0`` or ``12.0``)
``float``     decimal number; French decimal commas (``3,5``) and thousands spaces accepted
``date``      day: ``dd/mm/yyyy`` (French exports), ``yyyy-mm-dd`` (ISO) or an Excel date
``datetime``  day and time: ``dd/mm/yyyy hh:mm[:ss]``, ISO 8601, or an Excel datetime; a value
              ending with a UTC offset (``+02:00``, ``Z``) is converted to UTC, and a column
              gives an offset on every value or on none
``bool``      yes/no: ``oui/non``, ``yes/no``, ``vrai/faux``, ``true/false``, ``1/0``, ``x``/blank
``enum``      one of a fixed list of codes; French labels are accepted as aliases

Columns with ``ref`` must hold an id declared in ``client.yaml`` (``stages``, ``channels``,
``departments``, ``waves``) or present in another table (``personas``, ``touchpoints``,
``interviews``, ``codebook``).
"""

from __future__ import annotations

from cxlib.inputs import _declarations as _d
from cxlib.inputs._contract import Column, Table

__all__ = [
    "ENUMS",
    "TABLES",
    "Column",
    "Table",
    "table",
]


#: Code lists: code -> accepted aliases (lower-cased, accents kept).
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "valence": {
        "enchantment": ("enchantement", "delight", "positive", "positif"),
        "neutral": ("neutre",),
        "irritant": ("irritation", "pain point", "pain_point", "negative", "négatif"),
        "rupture": ("break", "rupture de parcours"),
    },
    "population": {
        "employee": ("employé", "salarié", "collaborateur", "staff"),
        "customer": ("client", "cliente", "prospect"),
    },
    "code_kind": {
        "stage": ("étape",),
        "channel": ("canal",),
        "valence": (),
        "emotion": ("émotion",),
        "theme": ("thème",),
    },
    "action_status": {
        "todo": ("à faire", "a faire", "open", "ouvert"),
        "in_progress": ("en cours", "in progress"),
        "done": ("fait", "terminé", "closed"),
    },
    "outcome": {
        "converted": ("converti", "conversion", "purchase", "achat"),
        "abandoned": ("abandon", "abandonné", "dropout"),
        "resolved": ("résolu",),
        "unresolved": ("non résolu",),
        "none": ("", "aucun"),
    },
    "feedback_source": {
        "survey": ("enquête", "enquete", "questionnaire", "verbatim"),
        "review": ("avis", "avis client", "avis en ligne", "online review"),
        "social": ("réseaux sociaux", "reseaux sociaux", "réseau social", "social media",
                   "post", "publication"),
        "complaint": ("réclamation", "reclamation", "plainte"),
        "chat": ("tchat", "messagerie", "live chat"),
        "email": ("e-mail", "mail", "courriel", "courrier électronique"),
    },
}


#: Every input table, by logical name, in dependency order (referenced tables first).
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        _d.PERSONAS,
        _d.PERSONA_CHANNELS,
        _d.PERSONA_STAGES,
        _d.TOUCHPOINTS,
        _d.INTERVIEWS,
        _d.CODEBOOK,
        _d.CODINGS,
        _d.SURVEY,
        _d.EVENTS,
        _d.KPIS,
        _d.ACTIONS,
        _d.FEEDBACK,
    )
}


def table(name: str) -> Table:
    """Return the declaration of the input table called ``name``.

    Parameters
    ----------
    name : str
        Logical table name (see :data:`TABLES`).

    Returns
    -------
    Table
        The declaration.

    Raises
    ------
    KeyError
        If no such table is declared.
    """
    return TABLES[name]
