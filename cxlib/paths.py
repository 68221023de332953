"""Every path the workbench uses, computed in one place.

Notebooks never build paths: they receive a client name and call cxlib. The project root
is the folder holding ``pyproject.toml`` above this package; ``CX_HOME``, when set, moves
``data/`` and ``reports/`` elsewhere (tests point it at a temporary folder). Notebooks and
templates always come with the code.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "build_dir",
    "client_dir",
    "clients",
    "data_dir",
    "display",
    "notebooks_dir",
    "reports_dir",
    "root",
    "run_lock",
    "templates_dir",
]

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def root() -> Path:
    """Return the project root (``CX_HOME`` if set, else the checkout holding cxlib)."""
    home = os.environ.get("CX_HOME")
    return Path(home).resolve() if home else _PACKAGE_ROOT


def data_dir() -> Path:
    """Return ``data/``: one folder per client."""
    return root() / "data"


def clients() -> list[str]:
    """Return the client folders under ``data/`` that hold a ``client.yaml``, sorted."""
    base = data_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "client.yaml").is_file())


def client_dir(slug: str) -> Path:
    """Return ``data/<slug>/``, the client's input folder.

    Parameters
    ----------
    slug : str
        The client's folder name under ``data/``, as given to ``cx run``.

    Returns
    -------
    Path
        The folder (it may not exist).
    """
    return data_dir() / slug


def reports_dir(slug: str | None = None) -> Path:
    """Return ``reports/`` or ``reports/<slug>/``.

    Parameters
    ----------
    slug : str, optional
        Client folder name; none for the folder of every client's reports.

    Returns
    -------
    Path
        The folder (it may not exist).
    """
    base = root() / "reports"
    return base / slug if slug else base


def _builds() -> Path:
    """``reports/.build/``: runs in progress and their locks, never published."""
    return reports_dir() / ".build"


def build_dir(slug: str, run_id: str) -> Path:
    """Return the private folder a run executes in before it is published.

    Parameters
    ----------
    slug : str
        The client whose run it is.
    run_id : str
        Run identifier, also the name of the published folder.

    Returns
    -------
    Path
        ``reports/.build/<slug>/<run_id>/``.
    """
    return _builds() / slug / run_id


def run_lock(slug: str) -> Path:
    """Return the lock file held while a client's run is in progress.

    Parameters
    ----------
    slug : str
        The client whose runs the lock serialises.

    Returns
    -------
    Path
        ``reports/.build/<slug>.lock``.
    """
    return _builds() / f"{slug}.lock"


def notebooks_dir() -> Path:
    """Return ``notebooks/``: the shipped parameterised notebooks."""
    return _PACKAGE_ROOT / "notebooks"


def templates_dir() -> Path:
    """Return ``templates/``: the report template and the new-client scaffold."""
    return _PACKAGE_ROOT / "templates"


def display(path: Path) -> str:
    """Return ``path`` relative to the project root when inside it, for messages.

    Parameters
    ----------
    path : Path
        Any path, relative or absolute.

    Returns
    -------
    str
        A short, readable path.
    """
    try:
        return str(Path(path).resolve().relative_to(root()))
    except ValueError:
        return str(path)
