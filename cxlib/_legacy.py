"""Import paths of the flat layout, kept working for analysts' notebooks.

Until the package was arranged by stage of the pipeline (inputs, analysis, privacy,
presentation, lab, run), every module sat directly under ``cxlib``: notebooks written then
import ``cxlib.journeys`` or ``from cxlib import kpis``. Each such path is an alias of the
module's new home — the same module object, not a copy — resolved on first import.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

#: Old dotted path → the module's home in the layout by stage.
LEGACY_PATHS: dict[str, str] = {
    "cxlib.config": "cxlib.inputs.config",
    "cxlib.schemas": "cxlib.inputs.schemas",
    "cxlib.readers": "cxlib.inputs.readers",
    "cxlib.validation": "cxlib.inputs.validation",
    "cxlib.loaders": "cxlib.inputs.loaders",
    "cxlib.scaffold": "cxlib.inputs.scaffold",
    "cxlib.xes": "cxlib.inputs.xes",
    "cxlib.coding.refi": "cxlib.inputs.refi",
    "cxlib.coding.transcripts": "cxlib.inputs.transcripts",
    "cxlib.coding.codebook": "cxlib.inputs.codebook",
    "cxlib.coding.store": "cxlib.inputs.coding_journal",
    "cxlib.overview": "cxlib.analysis.overview",
    "cxlib.personas": "cxlib.analysis.personas",
    "cxlib.touchpoints": "cxlib.analysis.touchpoints",
    "cxlib.journeys": "cxlib.analysis.journeys",
    "cxlib.interviews": "cxlib.analysis.interviews",
    "cxlib.kpis": "cxlib.analysis.kpis",
    "cxlib.kpi_review": "cxlib.analysis.kpi_review",
    "cxlib.drivers": "cxlib.analysis.drivers",
    "cxlib.verbatims": "cxlib.analysis.verbatims",
    "cxlib.waves": "cxlib.analysis.waves",
    "cxlib.journey_map": "cxlib.analysis.journey_map",
    "cxlib.coding.agreement": "cxlib.analysis.agreement",
    "cxlib.coding.saturation": "cxlib.analysis.saturation",
    "cxlib.coding.privacy": "cxlib.privacy.redaction",
    "cxlib.charts": "cxlib.presentation.charts",
    "cxlib.render": "cxlib.presentation.render",
    "cxlib.page": "cxlib.presentation.page",
    "cxlib.report": "cxlib.presentation.report",
    "cxlib.front": "cxlib.presentation.front",
    "cxlib.exports": "cxlib.presentation.exports",
    "cxlib.deck": "cxlib.presentation.deck",
    "cxlib.pdf": "cxlib.presentation.pdf",
    "cxlib.explorer": "cxlib.lab.explorer",
    "cxlib.coding.widget": "cxlib.lab.coding_widget",
    "cxlib.runner": "cxlib.run.runner",
    "cxlib.cli": "cxlib.run.cli",
}


class _LegacyPathFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolve an old module path to the module at its new home."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        """Return a spec for an old path, None for any other module."""
        if fullname not in LEGACY_PATHS:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def __init__(self) -> None:
        self._specs: dict[str, importlib.machinery.ModuleSpec | None] = {}

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        """Import the new home and hand it over as the module of the old path."""
        module = importlib.import_module(LEGACY_PATHS[spec.name])
        self._specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Give the module back its own spec, which the import system replaced."""
        module.__spec__ = self._specs.pop(module.__name__, module.__spec__)


def install() -> None:
    """Make the old module paths importable (once per interpreter)."""
    if not any(isinstance(finder, _LegacyPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(_LegacyPathFinder())
