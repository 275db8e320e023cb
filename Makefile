# `make site` and `make test` set everything up on a fresh clone (a virtualenv in .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Extras installed with the package: the tests run on both engines, so zensical too.
EXTRAS ?= test,zensical
# The tests run in parallel (pytest-xdist), one worker per core; a file's tests stay on one worker,
# so its module fixtures (a built corpus, a browser) are made once. TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
# The newest axe-core for tests/test_a11y.py, from npm, into a git-ignored folder.
AXE_VERSION := 4.14
AXE := .axe/installed-$(AXE_VERSION)

.PHONY: site test check serve screenshot bench clean

site: $(VENV)/.installed  ## build the sample site into site/
	$(BIN)/briefing build --strict

test: $(VENV)/.installed $(AXE)  ## run every test (browser tests need /usr/bin/chromium)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

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

# Without npm the accessibility tests fall back to the axe-core bundled with axe-playwright-python.
$(AXE):
	@if command -v npm >/dev/null; then \
	  rm -rf .axe && npm install --prefix .axe --no-save --no-package-lock --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION) && touch $@; \
	else echo "npm not found: tests/test_a11y.py uses the axe-core bundled with axe-playwright-python"; fi

clean:
	rm -rf $(VENV) .axe site site-zensical .pytest_cache .hypothesis

bench: $(VENV)/.installed  ## measure 1,000 to 10,000 briefs on both engines and against plain MkDocs; writes docs/benchmarks.md
	$(BIN)/python bench/benchmark.py
