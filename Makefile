# `make site` and `make test` set everything up on a fresh clone (a virtualenv in .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Extras installed with the package: the tests run on both engines, so zensical too.
EXTRAS ?= test,zensical

.PHONY: site test check serve screenshot bench clean

site: $(VENV)/.installed  ## build the sample site into site/
	$(BIN)/briefing build --strict

test: $(VENV)/.installed  ## run every test (browser tests need /usr/bin/chromium)
	$(BIN)/python -m pytest

check: $(VENV)/.installed  ## validate the briefs only
	$(BIN)/briefing check --strict

serve: $(VENV)/.installed  ## live preview on http://127.0.0.1:8000
	$(BIN)/briefing serve

screenshot: site  ## the README's picture of the sample site: docs/screenshot.png (needs /usr/bin/chromium)
	$(BIN)/python tests/screenshot.py site docs/screenshot.png

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

clean:
	rm -rf $(VENV) site site-zensical .pytest_cache .hypothesis

bench: $(VENV)/.installed  ## measure 1,000 to 10,000 briefs on both engines and against plain MkDocs; writes docs/benchmarks.md
	$(BIN)/python bench/benchmark.py
