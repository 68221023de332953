"""The analyst's API page: every import it shows works, and gives what the package has."""

import importlib
import re

from sample_files import PROJECT_ROOT

API = (PROJECT_ROOT / "API.md").read_text(encoding="utf-8")
IMPORTS = re.findall(r"^\| `from ([\w.]+) import (\w+)` \|", API, flags=re.MULTILINE)


def test_the_page_lists_loading_journeys_kpis_coding_refi_and_redaction() -> None:
    modules = {module for module, _ in IMPORTS}
    assert {"cxlib", "cxlib.journeys", "cxlib.kpis", "cxlib.coding"} <= modules
    names = {name for _, name in IMPORTS}
    assert {"load", "transitions", "nps", "cohen_kappa", "read_refi", "redact"} <= names


def test_every_import_on_the_page_works_and_is_documented() -> None:
    for module, name in IMPORTS:
        thing = getattr(importlib.import_module(module), name)
        assert thing.__doc__, f"{module}.{name} has no docstring"


def test_short_paths_are_the_same_modules_as_the_stage_paths() -> None:
    import cxlib.analysis.journeys
    import cxlib.analysis.kpis
    import cxlib.journeys
    import cxlib.kpis
    from cxlib import kpis

    assert cxlib.journeys is cxlib.analysis.journeys
    assert cxlib.kpis is kpis is cxlib.analysis.kpis


def test_every_module_of_the_flat_layout_still_imports() -> None:
    from cxlib._legacy import LEGACY_PATHS

    for old, new in LEGACY_PATHS.items():
        assert importlib.import_module(old) is importlib.import_module(new), old
