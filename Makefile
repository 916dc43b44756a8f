# Thin wrappers over cross-platform commands. Where `make` is missing (Windows),
# type the command after each target's `$(UV)` yourself; the README lists them.

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := .tools/bin/uv
endif

.PHONY: help book test bench workshop captures fmt clean

help:
	@echo "make book      build the book and serve it on http://127.0.0.1:3000"
	@echo "make test      run every check (cargo, pytest, workshop, book, lints)"
	@echo "make bench     build release wheels and run every benchmark (minutes)"
	@echo "make workshop  show the workshop's exercises and your progress"
	@echo "make captures  refresh the program output that the book shows"
	@echo "make fmt       format the Rust and Python code"

book: $(UV)
	$(UV) run cookbook book

test: $(UV)
	$(UV) run cookbook test

bench: $(UV)
	$(UV) run cookbook bench

workshop: $(UV)
	$(UV) run workshop list

captures: $(UV)
	$(UV) run cookbook captures --update

fmt: $(UV)
	cargo fmt --all
	$(UV) run ruff format .

clean:
	cargo clean
	rm -rf .venv .tools .workshop book/book

# uv is the one tool that must exist before anything else runs. When it is not
# on PATH, install it from PyPI into a private virtual environment.
.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv
