# CX Journey Workbench — `make help` lists the targets.
# Needs only Python 3.11 and make: everything else is installed into .venv/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install demo lab test test-fast hardening lint templates sentiment-model clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the workbench with its dependencies

demo: install  ## generate the demo clients and render all their reports
	$(BIN)/cx demo
	$(BIN)/cx run demo-fr demo-en

lab: install  ## open JupyterLab on the project (loopback only; the link with its token is printed)
	$(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

test: install  ## lint, then run every test (notebooks on both demo clients, browser checks)
	$(BIN)/ruff check cxlib tests benchmarks notebooks
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

test-fast: install  ## the quick tests only (no notebook runs, no browser)
	$(BIN)/python -m pytest -m "not slow and not browser"

hardening: install  ## bad inputs, fuzzing, injected faults, privacy checks; prints their figures
	$(BIN)/python -m pytest -m hardening -q

lint: install  ## ruff and the module-boundary contracts
	$(BIN)/ruff check cxlib tests benchmarks notebooks
	$(BIN)/lint-imports

templates: install  ## rebuild the Excel input templates of templates/client/ from the data contract
	$(BIN)/python -c 'from cxlib.inputs.scaffold import build_templates; build_templates()'

sentiment-model: install  ## retrain the sentiment word models from the labelled corpus of tests/
	$(BIN)/python -c 'from pathlib import Path; from cxlib.analysis.feedback.learned import write_models; print(*write_models(Path("tests/analysis/data/sentiment")), sep="\n")'

clean:  ## remove the environment and caches (client data and reports are kept)
	rm -rf $(VENV) .pytest_cache .ruff_cache reports/.build
