r"""A client's privacy policy: its vocabulary (never redacted) and its own identifiers.

``client.yaml`` may add to what the workbench finds on its own::

    privacy:
      patterns: {customer_number: "C\\d{6}"}   # the client's identifiers, as regexes
      keep: [Forfait Jade, Box Lumière]         # brand and product names never redacted

:func:`client_policy` gathers the vocabulary — the client's name, stage, channel, wave and
department labels from ``client.yaml``, persona, touchpoint and codebook labels from the
inputs, and ``privacy.keep`` — with ``privacy.patterns``. While a client's reports are
rendered the runner writes that policy to a file named by the ``CX_PRIVACY`` environment
variable (:func:`write_policy`), so that every :func:`cxlib.coding.redact` of the run,
in the kernel as in the runner, applies it (:func:`active_policy`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxlib.errors import ConfigError
from cxlib.i18n import t

__all__ = ["POLICY_ENV", "Policy", "active_policy", "client_policy", "write_policy"]

#: Environment variable naming the policy file of the client being rendered.
POLICY_ENV = "CX_PRIVACY"
#: Input columns whose values are the client's vocabulary.
_LABEL_COLUMNS = {"personas": ("name",), "touchpoints": ("name",), "codebook": ("label",),
                  "actions": ("title",)}


@dataclass(frozen=True)
class Policy:
    """What a client's redaction keeps and what it adds.

    Attributes
    ----------
    keep : tuple of str
        The client's vocabulary: never redacted.
    patterns : dict of str to str
        The client's identifiers, by name, as regular expressions.
    """

    keep: tuple[str, ...] = ()
    patterns: dict[str, str] = field(default_factory=dict)


def _settings(cfg: Any) -> Mapping[str, Any]:
    settings = getattr(cfg, "privacy", None) or {}
    return settings if isinstance(settings, Mapping) else {}


def _check_patterns(patterns: Mapping[str, Any], lang: str) -> dict[str, str]:
    checked = {}
    for name, pattern in patterns.items():
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(t("privacy_bad_pattern", lang, name=name, pattern=pattern,
                                error=exc)) from exc
        checked[str(name)] = str(pattern)
    return checked


def _input_labels(inputs: Any) -> list[str]:
    words: list[str] = []
    for table, columns in _LABEL_COLUMNS.items():
        if inputs is None or table not in inputs:
            continue
        frame = inputs[table]
        for column in columns:
            if column in frame.columns:
                words += [str(v) for v in frame[column].drop_nulls().unique().to_list()]
    return words


def client_policy(cfg: Any, inputs: Any = None) -> Policy:
    """Return a client's privacy policy.

    Parameters
    ----------
    cfg : ClientConfig
        The client's configuration.
    inputs : Inputs, optional
        The client's validated inputs (persona, touchpoint, codebook labels).

    Returns
    -------
    Policy
        Vocabulary and identifier patterns.

    Raises
    ------
    ConfigError
        When a pattern of ``privacy.patterns`` is not a regular expression.
    """
    settings = _settings(cfg)
    words = [cfg.client]
    for name in ("stages", "channels", "departments", "waves"):
        for item in getattr(cfg, name, ()):
            words += [item.label, item.id]
    words += [str(w) for w in settings.get("keep", ()) or ()]
    words += _input_labels(inputs)
    patterns = _check_patterns(settings.get("patterns", {}) or {}, cfg.language)
    return Policy(tuple(dict.fromkeys(w for w in words if w)), patterns)


def write_policy(policy: Policy, path: Path) -> Path:
    """Write ``policy`` where the kernel reads it (see :data:`POLICY_ENV`); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"keep": list(policy.keep), "patterns": policy.patterns},
                               ensure_ascii=False), encoding="utf-8")
    return path


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> Policy:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Policy(tuple(data.get("keep", ())), dict(data.get("patterns", {})))


def active_policy() -> Policy:
    """Return the policy of the client being rendered, or an empty one."""
    path = os.environ.get(POLICY_ENV)
    if not path:
        return Policy()
    try:
        return _read(path, os.stat(path).st_mtime)
    except (OSError, ValueError):
        return Policy()
