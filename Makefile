# Every target bootstraps its own virtual environment in .venv/ from the lock file.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

ZENSICAL_DIR := .cache/atlas/zensical
# Lighthouse is a benchmark tool, not a test dependency: installed on demand, into a folder git ignores
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse

.PHONY: serve build build-zensical test check export new urls schema lint bench pages lighthouse clean lock fuzz

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@echo "Setting up $(VENV)/ from requirements.lock: about a minute, once (again only when the lock file changes)."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . || \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)
	@echo "$(VENV)/ is ready."

# the hook itself watches annotations/ and the engine (on_serve): naming them here too watched them twice
serve: $(STAMP)  ## live preview at http://127.0.0.1:8000, reloading on edits of pages, annotations and hooks
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(BIN)/mkdocs build --strict

build-zensical: $(STAMP)  ## the same site built with Zensical, from the same staging, into site-zensical/
	$(BIN)/python -m upgrading_atlas stage $(ZENSICAL_DIR)/docs --builder zensical --builder-config $(ZENSICAL_DIR)/zensical.yml
	$(BIN)/zensical build --clean --strict -f $(ZENSICAL_DIR)/zensical.yml
	rm -rf site-zensical && mv $(ZENSICAL_DIR)/site site-zensical

check: $(STAMP)  ## validate the annotations without building
	$(BIN)/python -m upgrading_atlas check

EXPORT ?= build/atlas.json
export: $(STAMP)  ## all annotations as one JSON document, into build/atlas.json (or EXPORT=file)
	$(BIN)/python -m upgrading_atlas export -o $(EXPORT)

# NAME, not TERM: make reads TERM from the terminal's environment. Only a NAME given on the command
# line is passed on, for the same reason (some systems set NAME in the environment).
NEW_USAGE := usage: make new KIND=concept|entity|crossref|table ID=my-new-id [NAME='The term, name or title']
new: $(STAMP)  ## a new annotation file: make new KIND=concept ID=my-concept [NAME='My concept']
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "$(NEW_USAGE)" >&2; exit 2; }
	$(BIN)/python -m upgrading_atlas new $(KIND) $(ID) $(if $(filter command line,$(origin NAME)),--term "$(NAME)")

urls: build  ## build, then add the site's new URLs to published-urls.txt (commit it: they must never break)
	$(BIN)/python -m upgrading_atlas urls

schema: $(STAMP)  ## rewrite schema/ from the model
	$(BIN)/python -m upgrading_atlas schema

FUZZ_MINUTES ?= 10
fuzz: $(STAMP)  ## each fuzzer of tests/test_fuzz.py for FUZZ_MINUTES minutes (10 by default), with the count of examples
	ATLAS_FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python -m pytest tests/test_fuzz.py -s -p no:cacheprovider

bench: $(STAMP)  ## builds (MkDocs with and without the hook, Zensical), staging, and the preview's latency and memory (about 20 min on 2 cores; shorter: make bench BENCH_ARGS="--sizes real --runs 3")
	$(BIN)/python bench/run.py $(BENCH_ARGS)

pages: build  ## page weights, and screenshots of each kind of page (desktop and phone) in screenshots/
	$(BIN)/python bench/pages.py --site site --screenshots screenshots

$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)

lighthouse: build $(LIGHTHOUSE)  ## Lighthouse (mobile, gzip) on home, a paper, a concept and the map; needs npm
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python bench/lighthouse.py --site site

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy

test: $(STAMP) lint  ## the whole test suite, including a strict build
	$(BIN)/python -m pytest

lock:  ## re-resolve requirements.lock from pyproject.toml (needs network)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v -E '^(upgrading-atlas|# Editable)' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site site-zensical .cache screenshots .venv .pytest_cache .mypy_cache .ruff_cache
