"""Compare two rendered runs of a client page by page, apart from run ids and table ids.

Usage: ``python benchmarks/compare_runs.py RUN_A RUN_B``, each a run folder
(``reports/<client>/<run>/``). Every HTML page is compared after replacing the run id, the
edition date and great_tables' random table ids by fixed tokens; workbooks are compared
cell by cell. Prints one line per file and exits 1 when any differs: the check that a
refactoring left the deliverables as they were.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

_RUN = re.compile(r"W\d+_\d{4}-\d{2}-\d{2}_\d{6}")
_TABLE_ID = re.compile(r'(id="|#)([a-z]{10})\b')


def normalise(text: str) -> str:
    """Return ``text`` with run ids, random table ids and edition times replaced."""
    ids: dict[str, str] = {}

    def table_id(match: re.Match[str]) -> str:
        token = ids.setdefault(match.group(2), f"table{len(ids)}")
        return match.group(1) + token

    text = _RUN.sub("RUN", text)
    return _TABLE_ID.sub(table_id, text)


def compare_html(a: Path, b: Path) -> list[str]:
    """Return the differing lines of two pages after :func:`normalise`."""
    left = normalise(a.read_text(encoding="utf-8")).splitlines()
    right = normalise(b.read_text(encoding="utf-8")).splitlines()
    return [line for line in difflib.unified_diff(left, right, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def compare_xlsx(a: Path, b: Path) -> list[str]:
    """Return the cells that differ between two workbooks (floats to 9 decimals)."""
    import openpyxl

    out = []
    left, right = openpyxl.load_workbook(a), openpyxl.load_workbook(b)
    if left.sheetnames != right.sheetnames:
        return [f"sheets {left.sheetnames} != {right.sheetnames}"]
    for name in left.sheetnames:
        for row_a, row_b in zip(left[name].iter_rows(values_only=True),
                                right[name].iter_rows(values_only=True), strict=False):
            for x, y in zip(row_a, row_b, strict=False):
                same = (round(x, 9) == round(y, 9) if isinstance(x, float)
                        and isinstance(y, float) else x == y)
                if not same:
                    out.append(f"{name}: {x!r} != {y!r}")
    return out


def main(argv: list[str]) -> int:
    """Compare the runs named in ``argv``; return 1 when a file differs."""
    first, second = Path(argv[0]), Path(argv[1])
    status = 0
    for path in sorted(first.rglob("*")):
        if path.suffix not in (".html", ".xlsx") or ".executed" in path.parts:
            continue
        other = second / path.relative_to(first)
        if not other.exists():
            other = next(second.glob(_RUN.sub("*", str(path.relative_to(first)))), other)
        if not other.exists():
            print(f"{path.relative_to(first)}: missing from {second}")
            status = 1
            continue
        diff = (compare_html if path.suffix == ".html" else compare_xlsx)(path, other)
        verdict = "identical" if not diff else f"{len(diff)} lines differ"
        print(f"{path.relative_to(first)}: {verdict}")
        for line in diff[:6]:
            print("   ", line[:160])
        status |= bool(diff)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
