"""cxlib: the CX Journey Workbench's helper package.

Notebooks narrate, cxlib computes. The public entry points:

- :func:`load_config` — a client's ``client.yaml``, validated;
- :func:`load_inputs` / :func:`load` / :func:`validate_client` — input tables by logical
  name, typed and checked against the data contract;
- :class:`Page` — what a notebook writes into its report;
- :func:`run_client` — render a client's reports (what ``cx run`` does);
- :class:`CxError` and its family — every error a consultant can meet.

They are imported on first use, so that a notebook importing one analysis module does not
pay for the runner, papermill and nbconvert.
"""

import importlib
import os
import sys

from cxlib import _legacy

# jsonschema (under altair) imports rfc3987_syntax, when installed, only to check "iri"
# string formats, which no Vega-Lite spec uses; building its grammar costs about one
# second per kernel. Marking it absent makes jsonschema skip that check.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

_legacy.install()

if "IPython" in sys.modules and not os.environ.get("CX_REPORT"):
    # in the consultant's JupyterLab (not in a run of cx run): workbench errors as messages
    from cxlib.lab import ipython as _ipython

    _ipython.register()

_EXPORTS = {
    "ConfigError": "cxlib.errors",
    "CxError": "cxlib.errors",
    "InputError": "cxlib.errors",
    "Page": "cxlib.presentation.page",
    "ParameterError": "cxlib.errors",
    "RunError": "cxlib.errors",
    "load": "cxlib.inputs.loaders",
    "load_config": "cxlib.inputs.config",
    "load_inputs": "cxlib.inputs.loaders",
    "run_client": "cxlib.run.runner",
    "validate_client": "cxlib.inputs.loaders",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cxlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
