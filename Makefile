# planpress — `make html` builds the site into output/, `make test` proves it.
# The first run creates .venv and installs the project with its dev extras; it is
# reinstalled whenever pyproject.toml changes.

PY ?= python3
VENV ?= .venv
PYTHON = $(VENV)/bin/python
PELICAN = $(PYTHON) -m pelican
PLANPRESS = $(PYTHON) -m planpress

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR ?= $(BASEDIR)/output
OUTPUT_PATH = $(patsubst %/,%,$(OUTPUTDIR))
# where `planpress build` stages a new site (.output-*) before swapping it in
STAGING = $(dir $(OUTPUT_PATH)).$(notdir $(OUTPUT_PATH))-*
# the lock a build holds (one build per output folder); only a killed build leaves it behind
LOCKFILE = $(dir $(OUTPUT_PATH)).$(notdir $(OUTPUT_PATH)).lock
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
DATA ?= $(BASEDIR)/datapackage
LANG_OPT ?=
PORT ?= 8000
SITEURL ?=
SLUG ?=
NAME ?=
PROVINCE ?=
# the plan's name and the source's title, as written; read from the environment in the recipe,
# so quotes and apostrophes in a title pass unchanged (make exports command-line variables)
PLAN ?=
SOURCE ?=
BASE ?= main
HEAD ?=
FORMAT ?= text
BENCH_ARGS ?=
WORKFLOWS ?= .github/workflows/*.yml

export PYTHONHASHSEED = 0
export SOURCE_DATE_EPOCH ?= 0

.DEFAULT_GOAL := help

help:
	@echo 'planpress — Makefile'
	@echo ''
	@echo 'Usage:'
	@echo '   make html                        validate the data, then (re)generate the web site'
	@echo '   make html DATA=dir OUTPUTDIR=dir build another folder of packages into another folder'
	@echo '   make clean                       remove the generated files (keeps the browser test tools)'
	@echo '   make validate [DATA=dir]         check every data package; exit 1 on any problem'
	@echo '   make schemas [DATA=dir]          copy the shared schemas into every package'
	@echo '   make new-city SLUG=suwon NAME=수원시 [PROVINCE=경기도] PLAN=계획이름 SOURCE=기사제목  a new package that validates, to fill'
	@echo '   make diff [BASE=main] [HEAD=]    what the data changes between two revisions (HEAD empty: the working tree)'
	@echo '   make contributing                rewrite the problem codes in CONTRIBUTING.md from the catalogue'
	@echo '   make publish SITEURL=https://…   generate using production settings (SITEURL required)'
	@echo '   make serve [PORT=8000]           serve site at http://localhost:8000'
	@echo '   make devserver [PORT=8000]       serve, and rebuild when data, schemas, content, theme or settings change'
	@echo '   make test                        run every test (unit, build, browser, accessibility)'
	@echo '   make test-fast                   unit tests and one build, for the edit-check loop'
	@echo '   make lint                        ruff check and format check; the GitHub workflows (schema and actionlint)'
	@echo '   make bench                       time validation and the build against frictionless [BENCH_ARGS="--cities 50"]'
	@echo ''

$(VENV)/.installed: pyproject.toml
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

schemas: venv
	$(PLANPRESS) schemas $(DATA)

validate: venv
	$(PLANPRESS) validate $(DATA) $(LANG_OPT)

new-city: venv
	$(PLANPRESS) new-city '$(SLUG)' --name '$(NAME)' --province '$(PROVINCE)' --plan "$$PLAN" --source "$$SOURCE" --data $(DATA)

contributing: venv
	$(PLANPRESS) contributing

diff: venv
	$(PLANPRESS) diff '$(BASE)' '$(HEAD)' --data $(DATA) --format $(FORMAT)

html: venv
	$(PLANPRESS) build --data $(DATA) --output $(OUTPUTDIR) --settings $(CONFFILE) $(LANG_OPT)

publish: venv
	$(PLANPRESS) build --data $(DATA) --output $(OUTPUTDIR) --settings $(PUBLISHCONF) --public-url '$(SITEURL)' $(LANG_OPT)

clean:
	rm -rf $(OUTPUT_PATH) $(STAGING) $(LOCKFILE) $(BASEDIR)/.cache/planpress

serve: venv
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: venv
	$(PLANPRESS) devserver --data $(DATA) --output $(OUTPUTDIR) --settings $(CONFFILE) --port $(PORT) $(LANG_OPT)

test: venv
	bash tests/setup_browser.sh
	$(PYTHON) -m pytest

test-fast: venv
	$(PYTHON) -m pytest -q -m "not slow and not browser and not property"

lint: venv
	$(VENV)/bin/ruff check plugins tests pelicanconf.py publishconf.py
	$(VENV)/bin/ruff format --check plugins tests pelicanconf.py publishconf.py
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
	$(VENV)/bin/actionlint -no-color -shellcheck= -pyflakes= $(WORKFLOWS)

bench: venv
	$(PYTHON) tests/bench.py $(BENCH_ARGS)

.PHONY: help venv schemas validate new-city contributing diff html publish clean serve devserver test test-fast lint bench
