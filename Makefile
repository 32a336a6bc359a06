# Integration Workbooks: every set-up step lives here, so a fresh clone needs only `make briefs` / `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KERNEL := integration-workbooks
STAMP  := $(VENV)/.installed
GIT_FILTER := $(VENV)/.git-filter
LOCK   := requirements/lock.txt
JOBS   ?= 2
TEST_JOBS ?= auto
PORT   ?= 8866
LAB_PORT ?= 8888
LAB_IP ?= 127.0.0.1
AXE    := node_modules/axe-core/axe.min.js
# pytest with bytecode writing on: it keeps the tests it rewrote for its assertions in tests/__pycache__, instead of
# rewriting every test module again in each process of each run where PYTHONDONTWRITEBYTECODE is set (collecting
# test-fast's tests took 7.6 s a process, 2.9 s with them kept)
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

.DEFAULT_GOAL := help
.PHONY: help setup lock browser briefs schedule test test-fast lint format typecheck lab present check-views data coded qda scores check-data dictionary datapackage bench benchmark benchmark-presenter clean-outputs

## help: this list: every target with what it does (`make` alone prints it)
help:
	@awk '/^## [a-z-]+:/ { sub(/^## /, ""); printf "%s%s\n", (shown++ ? "\n" : ""), $$0; next } /^## / { sub(/^## /, "    "); print }' $(MAKEFILE_LIST)

## setup: create .venv (once), install exactly the versions in requirements/lock.txt (with uv, itself pinned and
## installed by pip) and the package itself, register the project's kernel; Debian's chromium (it prints the PDF
## briefs and runs the browser tests) is installed where missing, as root. `make test` also installs axe-core (the
## browser tests' accessibility check), pinned in package-lock.json, with npm into node_modules/
setup: $(STAMP) browser $(GIT_FILTER)

## lock: recompile requirements/lock.txt from pyproject.toml (run it after adding or changing a dependency, or after
## merging a branch that did); UPGRADE=1 moves every pin to the newest version its range allows
lock: $(BIN)/uv
	$(BIN)/python requirements/lock.py $(if $(UPGRADE),--upgrade)

browser:
	@command -v chromium >/dev/null 2>&1 || command -v "$$WORKBOOKS_CHROMIUM" >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium (PDF briefs, browser tests)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Debian chromium is missing: run 'sudo apt-get install chromium' (or set WORKBOOKS_CHROMIUM to a browser)"; exit 1; \
	  fi; }

# axe-core, exactly as package-lock.json pins it (npm ci checks its integrity hash); test-only: `make test` installs it
# and stops, saying why, when npm is missing (briefs, lab and present do not need npm)
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "error: npm is missing: the browser tests check accessibility with axe-core (package.json); install Node.js and npm (Debian: 'sudo apt-get install npm'), then run 'make setup' again"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# uv, pinned with its hashes in requirements/uv.txt, installed by the venv's pip; no fallback that would resolve
# unpinned versions: without uv the set-up stops and says why
$(BIN)/uv: requirements/uv.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/uv.txt || { \
	  echo "error: could not install uv (requirements/uv.txt) into $(VENV); the locked set-up needs it: is PyPI reachable?"; exit 1; }
	@touch $@

# Notebooks are committed without their outputs (notebooks/*.ipynb, .gitattributes): in a git checkout, nbstripout is
# set up as the git filter that strips what JupyterLab saves into them from what git sees (the files keep them).
# NBSTRIPOUT_KEYS: what JupyterLab adds to a notebook's metadata when it runs it (the notebooks keep language_info's
# name only)
NBSTRIPOUT_KEYS := --extra-keys '$(foreach key,codemirror_mode file_extension mimetype nbconvert_exporter pygments_lexer version,metadata.language_info.$(key))'
$(GIT_FILTER): $(STAMP) .gitattributes Makefile
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean "'$(abspath $(BIN))/python' -m nbstripout --keep-id $(NBSTRIPOUT_KEYS)" && \
	  git config filter.nbstripout.smudge cat && git config filter.nbstripout.required true && \
	  git config diff.ipynb.textconv "'$(abspath $(BIN))/python' -m nbstripout -t --keep-id $(NBSTRIPOUT_KEYS)"; fi
	@touch $@

$(STAMP): $(LOCK) pyproject.toml $(BIN)/uv
	@$(BIN)/python -c 'import platform, sys; sys.exit(sys.version_info[:2] != (3, 11) or platform.machine() != "x86_64")' || \
	  echo "warning: $(LOCK) is for CPython 3.11 on Linux x86_64, not this $(BIN)/python: installing it anyway"
	@if ! $(BIN)/python requirements/lock.py --check; then \
	  echo "warning: $(LOCK) is older than pyproject.toml's dependencies: installing the lock; run 'make lock' to update it"; fi
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (Integration Workbooks)" >/dev/null
	@touch $(STAMP)

## briefs: run every parameter set in params/ into outputs/: each brief as HTML, PDF (A4) and its tables (CSV zip),
## and outputs/index.html, the catalogue
briefs: setup
	$(BIN)/workbooks run --jobs $(JOBS)

## schedule: print the crontab line that runs the briefs every day at 06:15 from this checkout (AT=05:30 for another
## time, SYSTEMD=1 for a systemd user timer, INSTALL=1 to install it; see docs/briefs.md, "Setting up the schedule")
schedule: setup
	$(BIN)/workbooks schedule --at $(or $(AT),06:15) $(if $(SYSTEMD),--systemd) $(if $(INSTALL),--install)

## test: the lint (ruff, mypy), then the whole test suite: the tests that start no kernel and no browser on every core
## (as test-fast), then those that do (integration, notebooks, browser), one at a time (each keeps both cores busy)
test: setup $(AXE) lint
	$(PYTEST) -n $(TEST_JOBS) -m "not integration and not browser and not kernel"
	$(PYTEST) -m "integration or browser or kernel"

## test-fast: the lint, then every test that starts no Jupyter kernel and no browser (-m "not integration and not
## browser and not kernel"), on every core (pytest-xdist; TEST_JOBS=0 for one process): the loop while working (about
## 65 s on two quiet cores, several minutes on busy ones); a test that starts a kernel or chromium without its marker
## fails (tests/starts_guard.py), so the markers stay true
test-fast: setup lint
	$(PYTEST) -n $(TEST_JOBS) -m "not integration and not browser and not kernel"

## lint: ruff's default rules and isort's order ([tool.ruff] in pyproject.toml) on the library, the tests, the benchmarks and requirements/,
## its format checked (`make format` applies it), then mypy's type check of the library (as `make typecheck`)
lint: setup
	$(BIN)/ruff check lib tests benchmarks requirements
	@$(BIN)/ruff format --check --quiet lib tests benchmarks requirements || { \
	  echo "error: ruff's format differs in the files above: run 'make format' and commit"; exit 1; }
	$(BIN)/mypy

## format: ruff's format ([tool.ruff] in pyproject.toml) applied to the library, the tests, the benchmarks and requirements/
format: setup
	$(BIN)/ruff format lib tests benchmarks requirements

## typecheck: mypy's type check of the library ([tool.mypy] in pyproject.toml: lib/workbooks) alone; `make lint` (and so
## `make test`, `make test-fast` and CI) runs it too, after ruff
typecheck: setup
	$(BIN)/mypy

## lab: JupyterLab in the project's environment, its file browser at the project root (data/, data/templates/,
## params/, outputs/) and opened on notebooks/; prints the address to open. As root (a container) Jupyter is told
## --allow-root; a browser opens only where there is a display (OPEN=1 opens one anyway, OPEN=0 never);
## LAB_PORT (default 8888), LAB_IP (default 127.0.0.1; 0.0.0.0 in a container whose port is published)
lab: setup
	$(BIN)/workbooks lab --port $(LAB_PORT) --ip $(LAB_IP) $(if $(filter 1 yes true,$(OPEN)),--open,$(if $(filter 0 no false,$(OPEN)),--no-open))

## present: presenter mode for webinars: the three workbooks' live views served by Voila at http://127.0.0.1:$(PORT)/
## (this computer only); Ctrl-C stops it
present: setup
	$(BIN)/workbooks present --port $(PORT)

## check-views: a webinar's rehearsal: open every prepared view of params/presenter_views.yaml with the data, as its
## page will, and say what each cannot take (exit 1 if any)
check-views: setup
	$(BIN)/workbooks present --check

## data: rebuild data/activities.csv, data/comments.csv and data/questions.csv from the pages registered in
## data/sources.csv, and data/practices.csv from data/raw/practices/practice-records.csv
data: setup
	$(BIN)/workbooks ingest workstream --out data/activities.csv
	$(BIN)/workbooks ingest discussion --out data/comments.csv
	$(BIN)/workbooks ingest practices --out data/practices.csv
	$(BIN)/workbooks check-data

## check-data: validate every table of data/ against its layout and sidecar, and the references between them; lists
## each table with its rows, and every problem with its file, line and column (exit 1 if any)
check-data: setup
	$(BIN)/workbooks check-data

## qda: the coded comments (reviews applied) as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder,
## outputs/consultation.qdpx, and the codebook alone, outputs/consultation.qdc; edits come back with `workbooks import-qda`
qda: setup
	$(BIN)/workbooks export-qda --out outputs/consultation.qdpx

## coded: code every comment with data/codebook.yaml into outputs/comments.coded.csv
coded: setup
	$(BIN)/workbooks code data/comments.csv --out outputs/comments.coded.csv

## scores: score every practice on the checklist (automatic, replaced by data/assessments.csv) into outputs/practice_scores.csv
scores: setup
	$(BIN)/workbooks score --out outputs/practice_scores.csv

## dictionary: regenerate docs/data_dictionary.md from the table layouts
dictionary: setup
	$(BIN)/workbooks dictionary --out docs/data_dictionary.md

## datapackage: regenerate data/datapackage.json (a Frictionless Data Package) from the table layouts and sidecars
datapackage: setup
	$(BIN)/workbooks datapackage --out data/datapackage.json

## bench: the project's speed as ratios against their targets, in one run: --help, the briefs against the floor, a rerun,
## the consultation brief and its live view at 100,000 synthetic comments, coding against a plain loop; outputs/bench.json
bench: setup
	$(BIN)/python benchmarks/bench.py

## benchmark: time the briefs (one job against two) and print the ratios, then presenter mode as benchmark-presenter
## does (about a quarter of an hour more)
benchmark: setup
	$(BIN)/python benchmarks/run_briefs.py
	$(BIN)/python benchmarks/presenter.py

## benchmark-presenter: time presenter mode in chromium against its targets (every open within 2 s, every redraw
## within 0.5 s): opens of each workbook cold (no kernel pool), warm, reloaded, in a second tab and gone back to, and
## redraws per control, as medians (worst) with their ratios to the targets and which miss them (about a quarter
## of an hour on two cores, most of it waiting for kernels to render)
benchmark-presenter: setup
	$(BIN)/python benchmarks/presenter.py

## clean-outputs: delete everything in outputs/ (briefs, catalogue, history, feed), keeping the folder
clean-outputs:
	find outputs -mindepth 1 ! -name .gitkeep -delete
