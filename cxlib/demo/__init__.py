"""The two generated demo clients, with known truths planted in them.

``demo-fr`` is Maison Lumière, a French omnichannel home-goods retailer whose files look
like French Excel exports (``;`` CSV in cp1252 or UTF-8 with BOM, decimal commas,
``dd/mm/yyyy`` dates, workbooks with an instructions sheet, French code labels);
``demo-en`` is Northbank, a UK retail bank with plain CSV, ISO dates and single-sheet
workbooks. Both have personas, 50+ touchpoints, 24 interview transcripts with two coders'
codings, 5,000+ survey answers over two waves, 200,000+ journey events and monthly KPIs.

Each client is data, not code: ``specs/<slug>.yaml`` beside this module describes it (read
by :mod:`cxlib.demo._specs`). Generation is deterministic: the same seed gives the same
bytes. :data:`TRUTHS` lists, per client, the ids behind each planted finding (the
``truths:`` section of its spec); ``TRUTHS.md`` explains them with their figures.

Examples
--------
>>> from cxlib.demo import generate_all
>>> folders = generate_all()  # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from cxlib import paths
from cxlib.demo._build import build, write_client
from cxlib.demo._spec import ClientSpec
from cxlib.demo._specs import demo_spec

__all__ = ["SLUGS", "TRUTHS", "generate", "generate_all"]

#: The demo clients' folder names.
SLUGS: tuple[str, ...] = ("demo-fr", "demo-en")

_SPECS: dict[str, ClientSpec] = {slug: demo_spec(slug) for slug in SLUGS}

#: Planted truths per client: the exact ids later analyses must find (see TRUTHS.md).
TRUTHS: dict[str, dict] = {slug: dict(_SPECS[slug].truths) for slug in SLUGS}


def _swap(built: Path, target: Path) -> None:
    """Put ``built`` in place of ``target``, keeping the old folder until the last moment."""
    if not target.exists():
        built.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        built.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def generate(slug: str, target_dir: Path | None = None, seed: int = 2026) -> Path:
    """Generate one demo client, replacing its folder if it exists.

    The client is written into a temporary sibling folder first, then swapped in, so a
    failure never leaves a half-written client behind.

    Parameters
    ----------
    slug : {"demo-fr", "demo-en"}
        Which demo client.
    target_dir : Path, optional
        Where to write it (default: ``data/<slug>/`` under the project home, see
        :func:`cxlib.paths.client_dir`).
    seed : int, default 2026
        Generation seed; the same seed gives byte-identical CSV, Parquet and transcripts.

    Returns
    -------
    Path
        The client folder.

    Raises
    ------
    ValueError
        If ``slug`` is not a demo client.
    """
    if slug not in _SPECS:
        raise ValueError(f"unknown demo client {slug!r}: choose one of {', '.join(SLUGS)}")
    target = Path(target_dir) if target_dir is not None else paths.client_dir(slug)
    target = target.absolute()
    client = build(_SPECS[slug], seed)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent))
    try:
        os.chmod(staging, 0o755)
        write_client(client, staging)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def generate_all(seed: int = 2026) -> list[Path]:
    """Generate both demo clients under the project home's ``data/``.

    Parameters
    ----------
    seed : int, default 2026
        Generation seed.

    Returns
    -------
    list of Path
        The client folders, ``demo-fr`` first.
    """
    return [generate(slug, seed=seed) for slug in SLUGS]
