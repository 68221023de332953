"""Interview coding: transcripts, codebooks, REFI-QDA interop, agreement, saturation, privacy.

The public entry points:

- :func:`read_transcript` — a .txt, .md, .docx or .vtt transcript as text plus speaker
  turns with exact character offsets (:class:`Transcript`);
- :func:`read_codebook`, :func:`code_paths` — hierarchical codebooks from YAML, XLSX/CSV
  or a REFI-QDA ``.qdc``, checked for unknown parents and cycles;
- :func:`read_refi`, :func:`write_refi` — REFI-QDA ``.qdpx`` projects and ``.qdc``
  codebooks, in and out (:class:`RefiProject`);
- :func:`cohen_kappa`, :func:`krippendorff_alpha`, :func:`agreement_by_code` —
  inter-coder agreement, the unit of analysis being the speaker turn;
- :func:`saturation`, :func:`accumulation_curve` — Guest, Namey & Chen (2020) saturation
  per population;
- :func:`redact`, :func:`quotable` — pseudonymised quotes, from consenting respondents.
"""

from cxlib.analysis.agreement import agreement_by_code, cohen_kappa, krippendorff_alpha
from cxlib.analysis.saturation import Saturation, accumulation_curve, saturation
from cxlib.inputs.codebook import check_codebook, code_paths, read_codebook
from cxlib.inputs.refi import RefiProject, read_refi, write_refi
from cxlib.inputs.transcripts import (
    Transcript,
    from_text,
    read_transcript,
    split_turns,
    stack_segments,
)
from cxlib.privacy.redaction import quotable, redact

__all__ = [
    "RefiProject",
    "Saturation",
    "Transcript",
    "accumulation_curve",
    "agreement_by_code",
    "check_codebook",
    "code_paths",
    "cohen_kappa",
    "from_text",
    "krippendorff_alpha",
    "quotable",
    "read_codebook",
    "read_refi",
    "read_transcript",
    "redact",
    "saturation",
    "split_turns",
    "stack_segments",
    "write_refi",
]
