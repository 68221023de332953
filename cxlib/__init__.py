"""cxlib: the CX Journey Workbench's helper package.

Notebooks narrate, cxlib computes. The public entry points:

- :func:`load_config` — a client's ``client.yaml``, validated;
- :func:`load_inputs` / :func:`load` / :func:`validate_client` — input tables by logical
  name, typed and checked against the data contract;
- :class:`Page` — what a notebook writes into its report;
- :func:`run_client` — render a client's reports (what ``cx run`` does);
- :class:`CxError` and its family — every error a consultant can meet.
"""

from cxlib.config import load_config
from cxlib.errors import ConfigError, CxError, InputError, ParameterError, RunError
from cxlib.loaders import load, load_inputs, validate_client
from cxlib.page import Page
from cxlib.runner import run_client

__all__ = [
    "ConfigError",
    "CxError",
    "InputError",
    "Page",
    "ParameterError",
    "RunError",
    "load",
    "load_config",
    "load_inputs",
    "run_client",
    "validate_client",
]
