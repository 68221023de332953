"""ARCHITECTURE.md's tree is the package on disk, and no module outgrows its concern."""

import re

from sample_files import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "cxlib"
#: Catalogs of data rather than logic, allowed to be long.
DATA_MODULES: set[str] = set()


def _documented() -> set[str]:
    text = (PROJECT_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("## The tree", 1)[1].split("```", 2)[1]
    found, stack = {"__init__.py"}, []
    for line in block.strip().splitlines()[1:]:  # the first line is cxlib/ itself
        name = line.split()[0]
        depth = (len(line) - len(line.lstrip(" "))) // 2 - 1
        stack = stack[:depth]
        if name.endswith("/"):
            stack.append(name.rstrip("/"))
            found.add("/".join(stack) + "/__init__.py")
        else:
            found.add("/".join([*stack, name]))
    return found


def _on_disk() -> set[str]:
    return {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
            if "__pycache__" not in path.parts}


def test_every_module_is_in_the_architecture_tree_and_nothing_else() -> None:
    documented, disk = _documented(), _on_disk()
    assert sorted(disk - documented) == [], "modules missing from ARCHITECTURE.md"
    assert sorted(documented - disk) == [], "ARCHITECTURE.md lists modules that do not exist"


def test_no_module_is_over_500_lines_except_data_catalogs() -> None:
    long = {name: count for name in _on_disk()
            if (count := len((PACKAGE / name).read_text(encoding="utf-8").splitlines())) > 500
            and name not in DATA_MODULES}
    assert long == {}


def test_the_tree_names_the_stages_in_the_order_data_flows() -> None:
    text = (PROJECT_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("## The tree", 1)[1].split("```", 2)[1]
    wings = re.findall(r"^  (\w+)/", block, flags=re.MULTILINE)
    stages = [w for w in wings if w in {"inputs", "analysis", "privacy", "presentation", "run"}]
    assert stages == ["inputs", "analysis", "privacy", "presentation", "run"]
