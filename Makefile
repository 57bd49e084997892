# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean mutate

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(FILE)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Performance at scale against same-run baselines (10k, 100k, 1M events; ~15 minutes).
# Writes docs/benchmarks.md; generated databases are cached in bench/.cache/.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# Mutation testing of dates, journal, CSV/JSON import, the Store and the selection
# ([tool.mutmut] in pyproject.toml; scores in docs/mutation.md). Slow: a module with a
# thousand mutants takes an hour or more. MUTANTS narrows it: MUTANTS='db.journal.*'.
mutate: $(STAMP)
	$(PY) -m pip install --quiet 'mutmut>=3.8,<4'
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/mutmut run --max-children $(or $(JOBS),2) $(MUTANTS)
	$(VENV)/bin/mutmut results

clean:
	rm -rf $(VENV) .venv-bundle build dist .pytest_cache .ruff_cache .hypothesis mutants

# Desktop integration for the current user (XDG data home): menu entry, icons, MIME type.
# DESKTOP_EXEC=dist/threadline/threadline makes the entry run the bundle instead of the venv.
.PHONY: install-desktop uninstall-desktop bundle bundle-check
install-desktop: $(STAMP)
	$(PY) scripts/install_desktop.py $(if $(DESKTOP_EXEC),--exec "$(DESKTOP_EXEC)")

uninstall-desktop: $(STAMP)
	$(PY) scripts/install_desktop.py --uninstall

# Standalone one-folder app in dist/threadline/, built by PyInstaller in its own venv.
BUNDLE_VENV := .venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed
BUNDLE_BIN := dist/threadline/threadline
BUNDLE_SOURCES := main.py scripts/threadline.spec scripts/bundle_entry.py \
	$(shell find db models ui resources -type f -not -name '*.pyc' 2>/dev/null)

$(BUNDLE_STAMP): pyproject.toml
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BUNDLE_VENV)/bin/python -m pip install --quiet -e . 'pyinstaller>=6.10,<7'
	@touch $@

$(BUNDLE_BIN): $(BUNDLE_STAMP) $(BUNDLE_SOURCES)
	$(BUNDLE_VENV)/bin/python -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller scripts/threadline.spec
	@touch $@

bundle: $(BUNDLE_BIN)

# Runs the bundle offscreen: sample database, screenshot (1600x1000, not blank), layout process.
bundle-check: $(BUNDLE_BIN) $(STAMP)
	$(PY) scripts/check_bundle.py $(BUNDLE_BIN)
