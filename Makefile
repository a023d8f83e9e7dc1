# One command per chore. Each creates .venv and installs requirements.txt on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run demo test lint bench bench-smoke clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# Ports and the demo server's database: `make run PORT=8600`, `make demo DEMO_PORT=8700`. The demo server has a
# database of its own (not data/demo.duckdb, which `make run`'s sidebar switch opens), so both run at once.
PORT ?= 8501
DEMO_PORT ?= 8502
DEMO_SERVER_DB ?= data/demo-server.duckdb

## run: the dashboard on the bundled reference data (creates data/dialogue.duckdb on first run), port PORT
run: $(STAMP)
	$(PY) -m dialogue serve --port $(PORT)

## demo: the dashboard on the synthetic demo workspace (its own DEMO_SERVER_DB), port DEMO_PORT
demo: $(STAMP)
	DIALOGUE_DB=$(DEMO_SERVER_DB) DIALOGUE_WORKSPACE=demo $(PY) -m dialogue serve --port $(DEMO_PORT)

## test: the whole test suite on four workers, twice this machine's two cores, so one worker's waits (servers starting,
##       browsers, the load test's minute) overlap the others' computing (pytest-xdist, one worker per test file: a file's
##       servers and browsers never race each other; the longest files first, in the order tests/conftest.py gives them,
##       so the workers finish together)
test: $(STAMP)
	$(PY) -m pytest -n 4 --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(PY) -m compileall -q dialogue pages app.py

## bench: every benchmark of issue 8 at full size; writes BENCHMARKS.md
bench: $(STAMP)
	$(PY) -m benchmarks.run

## bench-smoke: the same benchmarks at tiny sizes, no timing goals (CI)
bench-smoke: $(STAMP)
	$(PY) -m benchmarks.run --smoke

clean:
	rm -rf $(VENV) .pytest_cache data/*.duckdb data/*.duckdb.wal
