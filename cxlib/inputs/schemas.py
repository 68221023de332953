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

from dataclasses import dataclass, field

__all__ = [
    "ENUMS",
    "TABLES",
    "Column",
    "Table",
    "table",
]


@dataclass(frozen=True)
class Column:
    """One column of an input table.

    Parameters
    ----------
    name : str
        Column header as it must appear in the file (lower case, ``snake_case``).
    kind : str
        One of ``str``, ``id``, ``int``, ``float``, ``date``, ``datetime``, ``bool``, ``enum``.
    required : bool
        Whether the column must be present in the file.
    nullable : bool
        Whether a cell may be empty.
    enum : str or None
        Name of the code list in :data:`ENUMS` for ``enum`` columns.
    ref : str or None
        What the value must refer to: a ``client.yaml`` list (``stages``, ``channels``,
        ``departments``, ``waves``) or another table's id (``personas``, ``touchpoints``,
        ``interviews``, ``codebook``).
    lo, hi : float or None
        Inclusive numeric bounds; ``scale:<name>`` bounds come from the client's scales.
    unique : bool
        Whether values must be unique within the table.
    help_en, help_fr : str
        What the column holds, for templates and error messages.
    example : str
        Value written in the template's example row.
    """

    name: str
    kind: str
    required: bool = True
    nullable: bool = False
    enum: str | None = None
    ref: str | None = None
    lo: float | None = None
    hi: float | None = None
    scale: str | None = None
    unique: bool = False
    help_en: str = ""
    help_fr: str = ""
    example: str = ""


@dataclass(frozen=True)
class Table:
    """An input table: its logical name, columns and the keys that identify a row.

    Parameters
    ----------
    name : str
        Logical name used in ``client.yaml`` under ``inputs:`` and by :func:`cxlib.load`.
    columns : tuple of Column
        Declared columns, in template order.
    required : bool
        Whether every client must provide the table. None must: a client is only its
        ``client.yaml``, and each report shows what the tables present allow.
    pattern_columns : tuple of Column
        Columns whose name is a prefix followed by a stage id (``sat_<stage_id>``).
    help_en, help_fr : str
        One sentence describing the table.
    """

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    pattern_columns: tuple[Column, ...] = field(default_factory=tuple)
    help_en: str = ""
    help_fr: str = ""

    def column(self, name: str) -> Column:
        """Return the declared column called ``name``.

        Parameters
        ----------
        name : str
            Column header.

        Returns
        -------
        Column
            The declaration.
        """
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


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
}

_PERSONAS = Table(
    "personas",
    (
        Column("persona_id", "id", unique=True, help_en="Persona identifier",
               help_fr="Identifiant du persona", example="P1"),
        Column("name", "str", help_en="Persona name", help_fr="Nom du persona",
               example="Claire, la pressée"),
        Column("description", "str", help_en="Short portrait", help_fr="Portrait court",
               example="Active, buys on mobile between two meetings"),
        Column("quote", "str", required=False, nullable=True, help_en="A typical quote",
               help_fr="Une citation typique", example="I want it now."),
        Column("goals", "str", required=False, nullable=True, help_en="Goals and motivation",
               help_fr="Objectifs et motivations", example="Save time"),
        Column("questions", "str", required=False, nullable=True,
               help_en="Questions asked before buying", help_fr="Questions avant l'achat",
               example="Is it in stock near me?"),
        Column("frustrations", "str", required=False, nullable=True, help_en="Frustrations",
               help_fr="Frustrations", example="Queues at the till"),
        Column("expertise", "str", required=False, nullable=True,
               help_en="Product expertise", help_fr="Expertise produit", example="medium"),
        Column("decision_mode", "str", required=False, nullable=True,
               help_en="How they decide", help_fr="Mode de décision", example="impulsive"),
        Column("share_of_base", "float", lo=0, hi=1, required=False, nullable=True,
               help_en="Share of the customer base (0-1)",
               help_fr="Part de la base clients (0-1)", example="0.25"),
    ),
    help_en="One row per persona defined in workshops.",
    help_fr="Une ligne par persona défini en atelier.",
)

_PERSONA_CHANNELS = Table(
    "persona_channels",
    (
        Column("persona_id", "id", ref="personas", help_en="Persona", help_fr="Persona",
               example="P1"),
        Column("channel_id", "id", ref="channels", help_en="Channel", help_fr="Canal",
               example="web"),
        Column("appetence", "int", lo=0, hi=3,
               help_en="Declared appetence: 0 none, 1 low, 2 medium, 3 high",
               help_fr="Appétence déclarée : 0 nulle, 1 faible, 2 moyenne, 3 forte",
               example="3"),
    ),
    help_en="Declared channel appetence of each persona.",
    help_fr="Appétence déclarée de chaque persona pour chaque canal.",
)

_PERSONA_STAGES = Table(
    "persona_stages",
    (
        Column("persona_id", "id", ref="personas", help_en="Persona", help_fr="Persona",
               example="P1"),
        Column("stage_id", "id", ref="stages", help_en="Journey stage", help_fr="Étape",
               example="search"),
        Column("actions", "str", required=False, nullable=True,
               help_en="What the customer does at this stage",
               help_fr="Ce que fait le client à cette étape",
               example="Compares prices on the app"),
        Column("questions", "str", required=False, nullable=True,
               help_en="The questions the customer asks",
               help_fr="Les questions que se pose le client",
               example="Is it in stock near me?"),
        Column("motivations", "str", required=False, nullable=True,
               help_en="What drives the customer here", help_fr="Ce qui motive le client",
               example="Not wasting a trip"),
    ),
    help_en="Journey-mapping workshop notes: one row per persona x stage.",
    help_fr="Notes d'atelier de cartographie : une ligne par persona x étape.",
)

_TOUCHPOINTS = Table(
    "touchpoints",
    (
        Column("touchpoint_id", "id", unique=True, help_en="Touchpoint identifier",
               help_fr="Identifiant du point de contact", example="TP01"),
        Column("stage_id", "id", ref="stages", help_en="Journey stage", help_fr="Étape",
               example="search"),
        Column("channel_id", "id", ref="channels", help_en="Channel", help_fr="Canal",
               example="web"),
        Column("name", "str", help_en="Touchpoint name", help_fr="Nom du point de contact",
               example="Product page"),
        Column("description", "str", required=False, nullable=True, help_en="Description",
               help_fr="Description", example="Photos, sizes, stock"),
        Column("valence", "enum", enum="valence",
               help_en="enchantment, neutral, irritant or rupture",
               help_fr="enchantement, neutre, irritant ou rupture", example="irritant"),
        Column("moment_of_truth", "bool", required=False, nullable=True,
               help_en="Moment of truth (yes/no)", help_fr="Moment de vérité (oui/non)",
               example="no"),
        Column("owner_department", "id", ref="departments", required=False, nullable=True,
               help_en="Owning department", help_fr="Service responsable",
               example="ecommerce"),
        Column("persona_id", "id", ref="personas", required=False, nullable=True,
               help_en="Persona concerned (blank: all)",
               help_fr="Persona concerné (vide : tous)", example=""),
    ),
    help_en="The touchpoint inventory: one row per touchpoint (stage x channel).",
    help_fr="L'inventaire des points de contact : une ligne par point de contact.",
)

_INTERVIEWS = Table(
    "interviews",
    (
        Column("interview_id", "id", unique=True, help_en="Interview identifier",
               help_fr="Identifiant de l'entretien", example="I01"),
        Column("population", "enum", enum="population", help_en="employee or customer",
               help_fr="salarié ou client", example="employee"),
        Column("department_id", "id", ref="departments", required=False, nullable=True,
               help_en="Department (employees)", help_fr="Service (salariés)",
               example="after_sales"),
        Column("persona_id", "id", ref="personas", required=False, nullable=True,
               help_en="Persona (customers)", help_fr="Persona (clients)", example=""),
        Column("role", "str", required=False, nullable=True, help_en="Role or profile",
               help_fr="Fonction ou profil", example="Store manager"),
        Column("respondent", "str", required=False, nullable=True,
               help_en="Interviewee's full name: never shown, used to pseudonymise quotes",
               help_fr="Nom complet de la personne interrogée : jamais affiché, sert à "
                       "pseudonymiser les citations", example="Camille Leroy"),
        Column("consent", "bool", required=False, nullable=True,
               help_en="Agreed to be quoted (no: never quoted)",
               help_fr="Accepte d'être citée (non : jamais citée)", example="oui"),
        Column("date", "date", help_en="Interview date", help_fr="Date de l'entretien",
               example="15/09/2026"),
        Column("interviewer", "str", required=False, nullable=True, help_en="Interviewer",
               help_fr="Intervieweur", example="A. Martin"),
        Column("transcript_file", "str",
               help_en="Transcript file in transcripts/ (.txt, .md, .docx, .vtt)",
               help_fr="Fichier de transcription dans transcripts/ (.txt, .md, .docx, .vtt)",
               example="I01.txt"),
    ),
    help_en="Interview metadata: one row per interview.",
    help_fr="Métadonnées des entretiens : une ligne par entretien.",
)

_CODEBOOK = Table(
    "codebook",
    (
        Column("code_id", "id", unique=True, help_en="Code identifier",
               help_fr="Identifiant du code", example="irr_wait"),
        Column("label", "str", help_en="Label", help_fr="Libellé", example="Waiting time"),
        Column("parent_id", "id", ref="codebook", required=False, nullable=True,
               help_en="Parent code (blank: top level)",
               help_fr="Code parent (vide : premier niveau)", example=""),
        Column("kind", "enum", enum="code_kind",
               help_en="stage, channel, valence, emotion or theme",
               help_fr="étape, canal, valence, émotion ou thème", example="theme"),
        Column("description", "str", required=False, nullable=True, help_en="Definition",
               help_fr="Définition", example="Customer waits for an answer"),
        Column("colour", "str", required=False, nullable=True, help_en="Colour (#rrggbb)",
               help_fr="Couleur (#rrggbb)", example="#d62728"),
    ),
    help_en="The codebook used to code interviews.",
    help_fr="La grille de codage des entretiens.",
)

_CODINGS = Table(
    "codings",
    (
        Column("interview_id", "id", ref="interviews", help_en="Interview",
               help_fr="Entretien", example="I01"),
        Column("coder", "id", help_en="Coder", help_fr="Codeur", example="am"),
        Column("code_id", "id", ref="codebook", help_en="Code", help_fr="Code",
               example="irr_wait"),
        Column("start", "int", lo=0, help_en="Start offset (characters, 0-based)",
               help_fr="Début (caractères, à partir de 0)", example="120"),
        Column("end", "int", lo=1, help_en="End offset (exclusive)",
               help_fr="Fin (exclue)", example="180"),
    ),
    help_en="Coded segments: one row per code applied to a span of a transcript.",
    help_fr="Segments codés : une ligne par code appliqué à un passage.",
)

_SURVEY = Table(
    "survey",
    (
        Column("response_id", "id", unique=True, help_en="Response identifier",
               help_fr="Identifiant de la réponse", example="R000001"),
        Column("customer_id", "id", help_en="Customer identifier",
               help_fr="Identifiant client", example="C000123"),
        Column("wave", "id", ref="waves", help_en="Wave", help_fr="Vague", example="W1"),
        Column("date", "date", help_en="Response date", help_fr="Date de réponse",
               example="03/10/2026"),
        Column("persona_id", "id", ref="personas", required=False, nullable=True,
               help_en="Persona", help_fr="Persona", example="P1"),
        Column("stage_id", "id", ref="stages", required=False, nullable=True,
               help_en="Stage surveyed", help_fr="Étape évaluée", example="delivery"),
        Column("channel_id", "id", ref="channels", required=False, nullable=True,
               help_en="Channel surveyed", help_fr="Canal évalué", example="web"),
        Column("touchpoint_id", "id", ref="touchpoints", required=False, nullable=True,
               help_en="Touchpoint surveyed", help_fr="Point de contact évalué",
               example=""),
        Column("nps", "int", scale="nps", nullable=True,
               help_en="Likelihood to recommend (0-10)",
               help_fr="Probabilité de recommandation (0-10)", example="9"),
        Column("csat", "int", scale="csat", required=False, nullable=True,
               help_en="Satisfaction (client's CSAT scale)",
               help_fr="Satisfaction (échelle CSAT du client)", example="4"),
        Column("ces", "int", scale="ces", required=False, nullable=True,
               help_en="Effort (client's CES scale)",
               help_fr="Effort (échelle CES du client)", example="6"),
        Column("verbatim", "str", required=False, nullable=True,
               help_en="Open answer", help_fr="Verbatim", example="Fast delivery"),
    ),
    pattern_columns=(
        Column("sat_", "int", scale="csat", required=False, nullable=True,
               help_en="Satisfaction with a stage: sat_<stage_id>",
               help_fr="Satisfaction pour une étape : sat_<id d'étape>", example="4"),
    ),
    help_en="Survey responses: one row per response.",
    help_fr="Réponses aux enquêtes : une ligne par réponse.",
)

_EVENTS = Table(
    "events",
    (
        Column("customer_id", "id", help_en="Customer (case)", help_fr="Client (cas)",
               example="C000123"),
        Column("timestamp", "datetime", help_en="When", help_fr="Horodatage",
               example="03/10/2026 14:05"),
        Column("stage_id", "id", ref="stages", help_en="Stage", help_fr="Étape",
               example="search"),
        Column("channel_id", "id", ref="channels", help_en="Channel", help_fr="Canal",
               example="web"),
        Column("touchpoint_id", "id", ref="touchpoints", required=False, nullable=True,
               help_en="Touchpoint", help_fr="Point de contact", example="TP01"),
        Column("outcome", "enum", enum="outcome", required=False, nullable=True,
               help_en="converted, abandoned, resolved, unresolved or blank",
               help_fr="converti, abandon, résolu, non résolu ou vide", example=""),
        Column("persona_id", "id", ref="personas", required=False, nullable=True,
               help_en="Persona of the customer", help_fr="Persona du client", example="P1"),
        Column("value", "float", required=False, nullable=True, lo=0,
               help_en="Order value", help_fr="Montant", example="59,90"),
        Column("event_id", "id", required=False, nullable=True, unique=True,
               help_en="Event id in the source system (rows with distinct ids are never "
                       "merged)",
               help_fr="Identifiant de l'événement dans le système source (deux lignes "
                       "d'identifiants distincts ne sont jamais fusionnées)",
               example="E000001"),
    ),
    help_en="Journey events: one row per customer interaction.",
    help_fr="Événements du parcours : une ligne par interaction client.",
)

_KPIS = Table(
    "kpis",
    (
        Column("kpi", "id", help_en="KPI id (conversion, churn, first_response_time…)",
               help_fr="Identifiant du KPI (conversion, churn, first_response_time…)",
               example="first_response_time"),
        Column("period", "date", help_en="Period start (month)",
               help_fr="Début de période (mois)", example="01/09/2026"),
        Column("stage_id", "id", ref="stages", required=False, nullable=True,
               help_en="Stage", help_fr="Étape", example="after_sales"),
        Column("channel_id", "id", ref="channels", required=False, nullable=True,
               help_en="Channel", help_fr="Canal", example="email"),
        Column("value", "float", help_en="Value", help_fr="Valeur", example="5,2"),
        Column("base", "int", required=False, nullable=True, lo=0,
               help_en="Base (n)", help_fr="Base (n)", example="1250"),
    ),
    help_en="Operational KPI series: one row per KPI, period and segment.",
    help_fr="Séries de KPI opérationnels : une ligne par KPI, période et segment.",
)

_ACTIONS = Table(
    "actions",
    (
        Column("action_id", "id", unique=True, help_en="Action identifier",
               help_fr="Identifiant de l'action", example="A01"),
        Column("title", "str", help_en="Action", help_fr="Action",
               example="Show stock per store online"),
        Column("touchpoint_id", "id", ref="touchpoints", required=False, nullable=True,
               help_en="Touchpoint addressed", help_fr="Point de contact visé", example="TP01"),
        Column("impact", "int", lo=1, hi=5, help_en="Impact 1-5", help_fr="Impact 1-5",
               example="4"),
        Column("effort", "int", lo=1, hi=5, help_en="Effort 1-5", help_fr="Effort 1-5",
               example="2"),
        Column("owner_department", "id", ref="departments", required=False, nullable=True,
               help_en="Owner", help_fr="Responsable", example="ecommerce"),
        Column("due_date", "date", required=False, nullable=True, help_en="Due date",
               help_fr="Échéance", example="31/03/2027"),
        Column("status", "enum", enum="action_status", required=False, nullable=True,
               help_en="todo, in_progress or done", help_fr="à faire, en cours ou fait",
               example="todo"),
    ),
    help_en="The consultant's own actions for the action plan.",
    help_fr="Les actions proposées par le consultant.",
)

#: Every input table, by logical name, in dependency order (referenced tables first).
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        _PERSONAS,
        _PERSONA_CHANNELS,
        _PERSONA_STAGES,
        _TOUCHPOINTS,
        _INTERVIEWS,
        _CODEBOOK,
        _CODINGS,
        _SURVEY,
        _EVENTS,
        _KPIS,
        _ACTIONS,
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
