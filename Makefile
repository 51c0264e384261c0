# The two commands of the README are the contract: `make run` and `make test` set up
# everything they need on a fresh Debian 12 machine (venv, Python packages and, as root,
# the missing Debian packages), then run.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps

# Debian packages: Qt's runtime libraries (offscreen and X11), PDF tools, a virtual screen,
# fonts, and PostgreSQL for the storage tests. See docs/design.md section 10.
DEB_QT := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libpulse0
DEB_X11 := xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0
DEB_TOOLS := poppler-utils python3-venv
# The AT-SPI test (tests/test_atspi.py): accessibility bus, pyatspi for Debian's python3,
# a private D-Bus session, and xdotool for the keys a screen-reader user presses.
DEB_TEST := postgresql at-spi2-core python3-pyatspi dbus-x11 xdotool
DEB_RUN := $(DEB_QT) $(DEB_X11) $(DEB_TOOLS)

.PHONY: run test lint bench translations apply-drafts compiled-translations system-deps system-deps-test clean help

help:
	@echo "make run    - set up and start the app"
	@echo "make test   - set up and run every check (lint, types, layers, tests)"
	@echo "make bench  - run the speed and memory benchmarks"
	@echo "make lint   - ruff, mypy and import-linter only"
	@echo "make translations - extract, update and compile the gettext catalogs"
	@echo "make apply-drafts [LANGS='tr ar'] - drafts win where they and the catalogs disagree"

run: $(STAMPS)/venv compiled-translations
	$(BIN)/intake-app

test: system-deps-test $(STAMPS)/venv compiled-translations lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMPS)/venv
	$(BIN)/ruff check intake_app tests benchmarks
	$(BIN)/ruff format --check intake_app tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: system-deps-test $(STAMPS)/venv compiled-translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest benchmarks -q \
		--benchmark-only --benchmark-columns=min,median,mean,max,rounds

# Install only what is missing, and only where we can (root on Debian/apt).
define apt_install
	@missing=""; for p in $(1); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; \
	fi
endef

system-deps:
	$(call apt_install,$(DEB_RUN))

system-deps-test:
	$(call apt_install,$(DEB_RUN) $(DEB_TEST))

$(STAMPS)/venv: pyproject.toml | system-deps
	@mkdir -p $(STAMPS)
	@# A venv from before the PySide6 6.12 pin carries pyside6-pdf 6.12 files: start afresh.
	@if [ -x $(BIN)/python ] && $(BIN)/python -m pip show -q pyside6-pdf >/dev/null 2>&1; then \
		echo "Rebuilding $(VENV) (PySide6 pinned below 6.12)"; rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

# Compiled catalogs are build output (git ignores *.mo).
compiled-translations: $(STAMPS)/venv
	$(BIN)/python -m intake_app.cli.catalogs compile

translations: $(STAMPS)/venv
	$(BIN)/python -m intake_app.cli.catalogs extract
	$(BIN)/python -m intake_app.cli.catalogs update
	$(BIN)/python -m intake_app.cli.catalogs fill
	$(BIN)/python -m intake_app.cli.catalogs compile

# After `make translations` listed disagreements and the drafts are the right side.
apply-drafts: $(STAMPS)/venv
	$(BIN)/python -m intake_app.cli.catalogs apply-drafts $(LANGS)
	$(BIN)/python -m intake_app.cli.catalogs compile

clean:
	rm -rf $(VENV) $(STAMPS) build dist *.egg-info
	find translations -name '*.mo' -delete
