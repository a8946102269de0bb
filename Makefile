# innolab — two commands do everything on a fresh machine:
#   make reports   set up .venv if needed, then write reports/example/ from data/example/
#   make test      set up .venv if needed, then ruff and the test suite (installs Debian's
#                  chromium first when it is missing and make runs as root)
#   make test-long the same with the long profile (INNOLAB_LONG=1): the example study's full run
#                  in both languages against its recorded table hashes
#   make chromium  only that (also for `make reports` users who want the browser test)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.lab-installed
export MPLBACKEND := Agg
# pip speaks less when nothing is wrong
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: setup reports test test-long lint lab bench bench-run example clean chromium

setup: $(STAMP)

# The environment is made anew when it is missing or pyproject.toml changed, so that it never
# carries packages the project no longer declares.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "innolab needs Python 3.11 or newer: run make PYTHON=/path/to/python3.11")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e ".[test]"
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/innolab run --study data/example --out reports/example

test: $(STAMP) chromium
	$(BIN)/ruff check innolab tests benchmarks
	$(BIN)/python -m pytest

test-long: $(STAMP) chromium
	$(BIN)/ruff check innolab tests benchmarks
	INNOLAB_LONG=1 $(BIN)/python -m pytest

# tests/test_browser.py opens the reports in Debian's headless chromium (Playwright drives it; no
# browser is downloaded). Nothing happens when chromium is there; as root (CI in a fresh Debian)
# it is installed, otherwise one line says how, and the browser test fails saying so.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for tests/test_browser.py"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "chromium is missing (tests/test_browser.py needs it): run 'sudo apt-get install chromium' or 'make chromium' as root"; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check innolab tests benchmarks

$(LAB_STAMP): $(STAMP)
	$(PIP) install -e ".[test,lab]"
	touch $(LAB_STAMP)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# innolab run on a synthetic study of 50 areas x 200 actors: warm kernels against one kernel per
# report, in one go (about 10 minutes on 2 cores; benchmarks/bench_run.py says what it measures)
bench-run: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py --areas 50

# Regenerate the bundled synthetic example study (tests check it is what the generator writes).
example: $(STAMP)
	$(BIN)/innolab example --out data/example

clean:
	rm -rf $(VENV) reports/example .pytest_cache .ruff_cache
