"""The shape of a demo client: its vocabulary, its behaviour and the truths planted in it.

Each demo client is one :class:`ClientSpec`, written as data in its own YAML file
(``specs/demo-fr.yaml``, ``specs/demo-en.yaml``) and read by :mod:`cxlib.demo._specs`.
The builders in this package turn a spec and a seed into tables, transcripts and files;
nothing client-specific lives in the builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ClientSpec",
    "Fact",
    "FeedbackModel",
    "FeedbackTopic",
    "FileStyle",
    "Interview",
    "JourneyModel",
    "KpiSeries",
    "Persona",
    "PreviousWave",
    "SurveyModel",
    "Touchpoint",
    "Verbatims",
    "Wording",
]


@dataclass(frozen=True)
class Persona:
    """A persona row, with its declared appetence for each channel (0 none to 3 high)."""

    id: str
    name: str
    description: str
    quote: str
    goals: str
    questions: str
    frustrations: str
    expertise: str
    decision_mode: str
    share: float
    appetence: dict[str, int]


@dataclass(frozen=True)
class Touchpoint:
    """A touchpoint row; ``valence`` is the canonical code (``enchantment``…)."""

    id: str
    stage: str
    channel: str
    name: str
    description: str
    valence: str
    owner: str
    moment_of_truth: bool = False
    persona: str | None = None


@dataclass(frozen=True)
class Fact:
    """Something an interviewee can say, with the codes a coder would apply to it.

    Parameters
    ----------
    touchpoint : str or None
        The touchpoint the sentence is about; its stage, channel and valence are used
        unless given explicitly.
    emotion, theme : str
        Code ids (children of the emotion and theme parents).
    employee, customer : tuple of str
        Variants of the sentence in an employee's and in a customer's voice.
    departments, personas : tuple of str
        Who may say it (empty: any employee / any customer).
    key : bool
        Whether it evidences a planted truth: interviewees who may say it usually do.
    """

    touchpoint: str | None
    emotion: str
    theme: str
    employee: tuple[str, ...] = ()
    customer: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()
    stage: str | None = None
    channel: str | None = None
    valence: str | None = None
    key: bool = False


@dataclass(frozen=True)
class Interview:
    """An interview: who was met, and the lines only they say (introduction, wish, contact)."""

    id: str
    population: str
    first: str
    last: str
    role: str
    day: date
    coder: str
    intro: str
    wish: str
    department: str | None = None
    persona: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Wording:
    """Fixed phrases of a transcript in the client's language."""

    interviewer: str
    separator: str
    header: str
    greetings: tuple[str, ...]
    openers: tuple[str, ...]
    follow_ups: tuple[str, ...]
    more_questions: tuple[str, ...]
    bridges: dict[str, tuple[str, ...]]
    last_question: tuple[str, ...]
    thanks: tuple[str, ...]
    questions: dict[tuple[str, str], tuple[str, ...]]
    population_labels: dict[str, str]


@dataclass(frozen=True)
class Verbatims:
    """Survey open answers: per stage and tone (``pos``, ``mid``, ``neg``), per touchpoint."""

    by_stage: dict[str, dict[str, tuple[str, ...]]]
    by_touchpoint: dict[str, dict[str, tuple[str, ...]]]
    leads: dict[str, tuple[str, ...]]
    tails: dict[str, tuple[str, ...]]
    pii: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    phone: str
    email_domains: tuple[str, ...]


@dataclass(frozen=True)
class JourneyModel:
    """How customers move through the stages in the event log.

    Each persona's events fall on the channels in the proportions of its declared
    appetence, except for a persona in ``observed``, whose events fall on each channel
    kind in the share given there (this is how a persona's real behaviour departs from
    the workshop's declaration). ``activity`` scales, per persona, the chance of coming
    back to an after-purchase stage (how often the persona uses what it bought),
    ``spend`` the median value of its purchases, ``hesitation`` its chance of abandoning
    (on the drop-out channel or not); all default to 1. Physical and human
    channels are used Monday to Saturday within ``opening`` hours, except those in
    ``always_open``.
    """

    n_customers: int
    start: date
    days: int
    skip_first: dict[str, float]
    dropout_stage: str
    dropout_channel: str
    abandon_high: float
    abandon_low: float
    visit: dict[str, float]
    repeat: dict[str, float]
    max_visits: dict[str, int]
    gap_hours: dict[str, float]
    help_stage: str
    value_median: float
    value_sigma: float
    observed: dict[str, dict[str, float]] = field(default_factory=dict)
    activity: dict[str, float] = field(default_factory=dict)
    spend: dict[str, float] = field(default_factory=dict)
    hesitation: dict[str, float] = field(default_factory=dict)
    always_open: tuple[str, ...] = ()
    opening: tuple[int, int] = (9, 19)


@dataclass(frozen=True)
class SurveyModel:
    """How survey answers are drawn: sizes, fieldwork, satisfaction and NPS model."""

    n: dict[str, int]
    fieldwork: dict[str, tuple[date, date]]
    stage_mean: dict[str, float]
    nps_weight: dict[str, float]
    missing: dict[str, float]
    quotas: dict[str, dict[str, int]]
    stable_channel: str
    boost: dict[str, float]
    quality: dict[str, float]
    nps_intercept: float
    wave_uplift: float
    sat_uplift: float


@dataclass(frozen=True)
class KpiSeries:
    """One monthly KPI series: linear trend from ``first`` to ``last`` plus seasonality."""

    kpi: str
    first: float
    last: float
    noise: float
    base: int
    stage: str | None = None
    channel: str | None = None
    seasonal: float = 0.0
    digits: int = 3


@dataclass(frozen=True)
class FileStyle:
    """How a client's files look: CSV dialect, dates, booleans, workbook sheets."""

    separator: str
    encoding: str
    survey_encoding: str
    date_format: str
    datetime_format: str
    decimal_comma: bool
    line_terminator: str
    yes: str
    no: str
    instructions: tuple[str, ...] = ()
    data_sheet: str = ""


@dataclass(frozen=True)
class PreviousWave:
    """The touchpoint inventory as it stood at the previous wave: what changed since.

    ``added`` touchpoints did not exist then; ``removed`` ones existed then and no longer
    do; ``ratings`` gives the valence then of touchpoints rated differently since.
    """

    wave: str
    file: str
    added: tuple[str, ...]
    removed: tuple[Touchpoint, ...]
    ratings: dict[str, str]


@dataclass(frozen=True)
class FeedbackTopic:
    """A subject customers write about in reviews, posts and complaints.

    ``sources`` weighs how often each source speaks of it; ``negative`` is, per wave, the
    share of its texts that are negative (complaints are negative whatever it says);
    ``cells`` are the ``[stage, channel, weight]`` a text about it is placed at.
    """

    id: str
    sources: dict[str, float]
    negative: dict[str, float]
    cells: tuple[tuple[str, str, float], ...]
    pos: tuple[str, ...]
    neg: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackModel:
    """How the feedback table is drawn: texts per source and wave, topics, styles of writing.

    ``placed`` is, per source, the share of texts that say their stage and channel;
    ``social_channel`` is the channel of social posts. ``leads``, ``tails`` and ``emoji``
    (by tone: ``pos``, ``neg``) and ``typos`` (word -> misspelling) vary the wording.
    """

    n: dict[str, dict[str, int]]
    period: dict[str, tuple[date, date]]
    placed: dict[str, float]
    social_channel: str
    topics: tuple[FeedbackTopic, ...]
    leads: dict[str, tuple[str, ...]]
    tails: dict[str, tuple[str, ...]]
    emoji: dict[str, tuple[str, ...]]
    typos: dict[str, str]


@dataclass(frozen=True)
class ClientSpec:
    """Everything that makes one demo client.

    ``truths`` maps each planted finding to the id behind it, or to a tuple of ids
    (``missing_touchpoint_cell`` is a stage and a channel, ``coders`` two coders).
    """

    slug: str
    config: dict
    files: dict[str, str]
    style: FileStyle
    personas: tuple[Persona, ...]
    touchpoints: tuple[Touchpoint, ...]
    code_parents: dict[str, tuple[str, str, str]]
    code_prefixes: dict[str, str]
    emotions: tuple[tuple[str, str, str], ...]
    themes: tuple[tuple[str, str, str], ...]
    valences: dict[str, tuple[str, str, str]]
    code_descriptions: dict[str, str]
    coders: dict[str, str]
    second_coder: str
    interviews: tuple[Interview, ...]
    facts: tuple[Fact, ...]
    wording: Wording
    verbatims: Verbatims
    journey: JourneyModel
    survey: SurveyModel
    kpis: tuple[KpiSeries, ...]
    kpi_months: tuple[date, int]
    actions: tuple[dict, ...]
    enum_labels: dict[str, dict[str, str]]
    truths: dict[str, str | tuple[str, ...]]
    previous: PreviousWave | None = None
    feedback: FeedbackModel | None = None
