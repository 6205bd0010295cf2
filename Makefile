# Two commands set everything up: `make report` and `make test`. Both build .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: report test test-browser lint bench quality clean-reports

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## report: analyse the embedded corpus (seeds/) and render the reader's HTML report into reports/
## (make report WITH_CODE=1: the analyst's version, code shown)
report: $(STAMP)
	$(BIN)/framing report seeds --out reports $(if $(WITH_CODE),--with-code)

## test: the whole test suite, notebooks and browser checks included (Chromium installed first
## when it is missing and this runs as root; without it the browser tests skip, saying so)
test: $(STAMP)
	bash .ci/install-browser || echo "make test: no Chromium; the browser tests will skip"
	$(BIN)/python -m pytest

## test-browser: install Chromium and its driver if missing, then run the browser tests
test-browser: $(STAMP)
	bash .ci/install-browser
	$(BIN)/python -m pytest -m browser

## lint: ruff over the package, tests, benchmarks and notebooks
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks

## bench: the speed and memory benchmark, then the real-text benchmarks of ../shared/benchmarks/
## (skipped when that folder is absent); each prints one table
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/quality.py

## quality: only the real-text benchmarks (make quality ONLY="zyte basil")
quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py $(if $(ONLY),--only $(ONLY))

clean-reports:
	rm -rf reports
