# Bayegan: `make demo` runs the product on the bundled demo corpus, `make test` runs the tests.
# Both set up everything they need on a fresh machine: a .venv/ on Python >= 3.12 and PyICU's build needs.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DEMO_INDEX := var/demo-index
HOST ?= 127.0.0.1
PORT ?= 5000
export HF_HUB_OFFLINE := 1

# The first interpreter >= 3.12 that really runs (pyenv shims exist but fail unless selected).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	if $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then command -v $$p || echo $$p; break; fi; done)

.PHONY: install install-test system-deps browser-deps demo index-demo test clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python >= 3.12 found. Install one (e.g. 'pyenv install 3.12' or 'apt-get install python3.12 python3.12-venv') and run make again."; \
		exit 1; fi
	@echo "Using $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

system-deps:
	@if ! command -v g++ >/dev/null || ! command -v pkg-config >/dev/null || ! pkg-config --exists icu-uc 2>/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ pkg-config libicu-dev; \
		else echo "PyICU needs g++, pkg-config and libicu-dev: install them (sudo apt-get install g++ pkg-config libicu-dev)."; exit 1; fi; fi

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml | system-deps
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install -q -e '.[test,bench,cluster]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

index-demo: install
	$(BIN)/bayegan index examples/demo --index $(DEMO_INDEX) --rebuild
	$(BIN)/bayegan stats --index $(DEMO_INDEX)

demo: index-demo
	$(BIN)/bayegan serve --index $(DEMO_INDEX) --host $(HOST) --port $(PORT)

# The browser test drives Debian's chromium through the playwright package (never 'playwright install', which
# downloads a browser build). Where chromium cannot be installed the test skips and says why.
# axe-core (the accessibility rules the browser test injects), pinned in tests/web/package-lock.json.
AXE := tests/web/node_modules/axe-core/axe.min.js

$(AXE): tests/web/package.json tests/web/package-lock.json
	@if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm || true; fi
	@if command -v npm >/dev/null; then cd tests/web && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "The accessibility test needs npm (sudo apt-get install npm); without it, it is skipped."; fi

browser-deps: $(AXE)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
				|| echo "chromium could not be installed: the browser test will be skipped"; \
		else echo "The browser test needs chromium (sudo apt-get install chromium); without it, it is skipped."; fi; fi

test: install-test browser-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var build *.egg-info tests/web/node_modules
