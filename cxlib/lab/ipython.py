"""Errors in the consultant's notebooks read like the command line's: a message, no traceback.

In JupyterLab, a :class:`~cxlib.errors.CxError` raised by a cell (a bad input, a client
that does not exist) is shown as its message in the client's language — file, row,
column, what was found and expected — instead of a red traceback through the workbench's
internals. Any other exception keeps its normal traceback: it is a fault to report.
Importing :mod:`cxlib` in a kernel registers this once (:func:`register`); a run of
``cx run`` leaves its kernel as it is, so that a failing report still fails the run.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["register"]

_REGISTERED = "_cx_error_display"


def _show(shell: Any, etype: type, value: BaseException, tb: Any,
          tb_offset: int | None = None) -> None:
    """Print a workbench error's message where the traceback would have gone."""
    print(str(value), file=sys.stderr)


def register(shell: Any | None = None) -> bool:
    """Show :class:`~cxlib.errors.CxError` as its message in an IPython kernel.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        The shell (default: the running one, if any).

    Returns
    -------
    bool
        True when a shell was found and the display is (now) registered.
    """
    from cxlib.errors import CxError

    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    if not getattr(shell, _REGISTERED, False):
        shell.set_custom_exc((CxError,), _show)
        setattr(shell, _REGISTERED, True)
    return True
