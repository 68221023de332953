"""``python -m cxlib.demo``: generate both demo clients and print their folders."""

from __future__ import annotations

from cxlib import paths
from cxlib.demo import generate_all


def main() -> int:
    """Generate ``demo-fr`` and ``demo-en`` under ``data/`` and print where they are.

    Returns
    -------
    int
        The exit code (0).
    """
    for folder in generate_all():
        print(paths.display(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
