"""Interview findings: what was said, by whom, how reliably coded, and whether it is enough.

Builds on :mod:`cxlib.coding`. A *coded span* is a passage of a transcript (interview,
start, end) with the codes applied to it: its journey stage, channel, valence, emotion and
theme. Frequencies count spans and the interviews they come from; irritants and
enchantments are the (stage, channel, theme) combinations most often coded with that
valence, each matched to the touchpoints of its stage × channel cell and illustrated by
pseudonymised quotes from respondents who consented to be quoted.

Quotes never carry a name, e-mail address, phone number, IBAN or postal address: every
quote goes through :func:`cxlib.coding.redact` with the interview roster (respondents'
and interviewers' names) before it reaches a report.

Layout
------
The module is a package split by concern; every public name is importable from here, as
before:

- :mod:`~cxlib.analysis.interviews.spans`: transcripts, coded passages, roster, code
  labels and corpus figures;
- :mod:`~cxlib.analysis.interviews.tables`: frequencies, co-occurrences and the report's
  tables and matrices;
- :mod:`~cxlib.analysis.interviews.irritants`: top irritants and enchantments, quotes and
  the one-line summary;
- :mod:`~cxlib.analysis.interviews.quality`: coder agreement, saturation and department
  coverage, with their sentences.
"""

from __future__ import annotations

from cxlib.analysis.interviews.irritants import quotes, summary, top_codes, top_items
from cxlib.analysis.interviews.quality import (
    agreement,
    agreement_sentence,
    coverage_sentences,
    department_coverage,
    saturation_curve,
    saturation_sentences,
    saturation_verdicts,
    weakest_codes,
)
from cxlib.analysis.interviews.spans import (
    KINDS,
    client_spans,
    code_labels,
    coded_spans,
    corpus_values,
    load_transcripts,
    primary_coder,
    roster,
    segments,
)
from cxlib.analysis.interviews.tables import (
    code_frequency_table,
    cooccurrence,
    frequencies,
    irritant_matrix,
    stage_channel_matrix,
    theme_by_department,
    theme_by_persona,
    theme_frequencies,
)
from cxlib.analysis.overview import Finding

__all__ = [
    "KINDS",
    "Finding",
    "agreement",
    "agreement_sentence",
    "client_spans",
    "code_frequency_table",
    "code_labels",
    "coded_spans",
    "cooccurrence",
    "corpus_values",
    "coverage_sentences",
    "department_coverage",
    "frequencies",
    "irritant_matrix",
    "load_transcripts",
    "primary_coder",
    "quotes",
    "roster",
    "saturation_curve",
    "saturation_sentences",
    "saturation_verdicts",
    "segments",
    "stage_channel_matrix",
    "summary",
    "theme_by_department",
    "theme_by_persona",
    "theme_frequencies",
    "top_codes",
    "top_items",
    "weakest_codes",
]
