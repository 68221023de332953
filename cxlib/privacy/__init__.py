"""Privacy: personal data removed from every text that reaches a deliverable."""

from cxlib.privacy.redaction import quotable, redact

__all__ = ["quotable", "redact"]
