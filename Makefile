# Set-up and everyday commands. Every target creates the virtual environment first if needed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.PHONY: venv run shell check test lint unit knowledge-validate knowledge-load eval-dates lock clean

venv: $(STAMP)

$(STAMP): requirements.lock
	@python=$$(sh scripts/find_python.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

## run: the assistant for a person to use (for now the interactive check shell)
run: venv
	$(PY) -m bot shell

shell: run

## check: one check, e.g. make check CITY=Odessa DATE="Sept 3 2019" METHOD="online with my Visa"
check: venv
	$(PY) -m bot check --city "$(CITY)" --date "$(DATE)" --method "$(METHOD)"

## test: lint, then the whole test suite (what CI runs)
test: venv lint
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check bot actions tests scripts
	$(PY) -m ruff format --check bot actions tests scripts

knowledge-validate: venv
	$(PY) -m bot knowledge validate

knowledge-load: venv
	$(PY) -m bot knowledge load

## eval-dates: date understanding score on ../shared/eval/dates_en_dev.json
eval-dates: venv
	$(PY) scripts/eval_dates.py

## lock: re-resolve the pinned set from pyproject's dependencies in a scratch environment
lock:
	@python=$$(sh scripts/find_python.sh) || exit 1; \
	rm -rf .lock-venv && $$python -m venv .lock-venv && \
	.lock-venv/bin/pip install --quiet "pip==24.0" && \
	.lock-venv/bin/pip install --quiet "rasa==3.6.21" "rasa-sdk==3.6.2" "sqlalchemy>=1.4,<1.5" \
	  "dateparser==1.2.0" "python-dotenv>=1.0" "psycopg2-binary>=2.9" "pytest>=8" \
	  "pytest-asyncio>=0.23" "ruff==0.6.9" && \
	{ echo "# Resolved, pinned set for Python 3.10 (rasa 3.6 needs 3.8-3.10). Regenerate with \`make lock\`."; \
	  .lock-venv/bin/pip freeze | grep -v '^-e'; } > requirements.lock && rm -rf .lock-venv

clean:
	rm -rf $(VENV) .data .pytest_cache
