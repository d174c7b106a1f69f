# Each target does its own set-up, so either works on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := scorecard.project.settings

.PHONY: run test lint typecheck format browser-deps clean

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check ".[test]"
	touch $(INSTALLED)

## Serve the demo trust on SQLite at http://127.0.0.1:8000
# Email is printed to the console, never sent: `DEBUG=true .venv/bin/python manage.py
# send_reminders --on-due-date` prints the emails the demo's managers are sent when
# last month's values fall due (add --dry-run for a list without the emails).
# The task worker (db_worker: the board pack's PDFs) runs beside the server and
# stops with it.
run: $(INSTALLED) browser-deps
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo --if-empty
	DEBUG=true $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	EMAIL_URL=console:// DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

## Lint and type-check, then the whole test suite (browser tests included) on SQLite
test: $(INSTALLED) browser-deps lint typecheck
	$(VENV)/bin/pytest

# ruff for style; import-linter for the order the apps import in (the
# contracts in pyproject.toml, drawn in docs/design.md).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# mypy over the apps ([tool.mypy] in pyproject.toml says which modules are
# strict). The django-stubs plugin loads the settings, which want a key.
typecheck: $(INSTALLED)
	SECRET_KEY=type-checking-only $(VENV)/bin/mypy

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The browser tests drive Debian's Chromium; Playwright's own browser
# download cannot work without the network, so it is never used.
browser-deps:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq chromium; \
		else \
			echo "The browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; \
		fi; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
