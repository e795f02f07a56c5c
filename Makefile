# The README's two commands: `make run` and `make test`. Both set up first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: setup run test bench reliability browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Loads the bundled demo into the default database and starts the app.
run: setup
	$(VENV)/bin/tapecheck demo
	$(VENV)/bin/tapecheck ui --port $(PORT)

# Headless Chromium for the real-browser test (Debian packages; needs root).
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian chromium + chromium-driver for the browser test"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "*** Chromium is not installed: the real-browser test will FAIL (not run)."; \
		echo "*** Install it with: sudo apt-get install -y chromium chromium-driver"; \
	fi

test: setup browser
	$(VENV)/bin/pytest

bench: setup
	$(PY) bench/run.py $(if $(QUICK),--quick,)

reliability: setup
	$(PY) bench/reliability.py

clean:
	rm -rf $(VENV) .pytest_cache
