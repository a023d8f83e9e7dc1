# One command per chore. Each creates .venv and installs requirements.txt on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run demo test lint bench bench-smoke clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## run: the dashboard on the bundled reference data (creates data/dialogue.duckdb on first run)
run: $(STAMP)
	$(PY) -m dialogue serve

## demo: the dashboard on the synthetic demo workspace (data/demo.duckdb)
demo: $(STAMP)
	DIALOGUE_DB=data/demo.duckdb DIALOGUE_WORKSPACE=demo $(PY) -m dialogue serve

## test: the whole test suite (unit, page, browser, crash, load and smoke-benchmark tests)
test: $(STAMP)
	$(PY) -m pytest

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
