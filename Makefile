# Two commands set everything up on a fresh machine (Python >= 3.11 and pip are all it needs):
#   make demo   builds the sample corpus into storyline.db and prints what Storyline found (documents,
#               actors, quotes, the timeline, stories, positions, the top days, a briefing, a search)
#   make test   runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/corpus/seeds
DB ?= storyline.db

.PHONY: demo test install bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

install: $(BIN)/.installed

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/storyline build $(SEEDS) --db $(DB)
	$(BIN)/storyline docs --db $(DB)
	$(BIN)/storyline entities --db $(DB) --limit 15
	$(BIN)/storyline quotes --db $(DB)
	$(BIN)/storyline timeline --db $(DB)
	$(BIN)/storyline stories --db $(DB)
	$(BIN)/storyline positions --matrix --db $(DB)
	$(BIN)/storyline timeline --top 5 --db $(DB)
	$(BIN)/storyline brief --sentences 8 --db $(DB)
	$(BIN)/storyline search "security guarantees" --db $(DB) --limit 5
	@echo "Serve it: $(BIN)/storyline serve --db $(DB)   (http://127.0.0.1:8000/, API docs at /docs; this machine only)"

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/attribution.py
	$(BIN)/python benchmarks/tempeval.py
	$(BIN)/python benchmarks/plover.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
