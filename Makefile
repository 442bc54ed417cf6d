# stripe-oltp — every entry point installs and starts what it needs.
#   make ingest-all   deps, build, database, migrate, ingest the sample dumps in fixtures/sample
#   make test         deps, build, test database, the whole test suite
# Builds run once per change: a stamp file under .build depends on Package.swift and every file
# under Sources (and Tests, for the test build), so a target whose build is current starts at once.
# Settings come from scripts/env.sh: process environment > .env.local > .env.dev.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JSON_DIR ?= $(shell scripts/env.sh JSON_DIR fixtures/sample)
SWIFT_FLAGS ?=
RELEASE_BIN := .build/release/stripe-oltp
DEBUG_BIN := .build/debug/stripe-oltp
BENCH_CUSTOMERS ?= 20000
BENCH_DIR ?= bench-data
FETCH_DIR ?= $(shell scripts/env.sh FETCH_DIR dumps)
FETCH_BENCH_CUSTOMERS ?= 2000
EMULATOR_BIN := .build/release/stripe-oltp-emulator
EMULATOR_PORT ?= $(shell scripts/env.sh STRIPE_EMULATOR_PORT 12111)
EMULATOR_PID := .build/emulator.pid
EMULATOR_LOG := .build/emulator.log
SOURCES := Package.swift $(wildcard Package.resolved) $(shell find Sources -type f 2>/dev/null)
# Built into stripe-oltp (Plugins/BundledFilesPlugin): a changed migration or fixture is a changed source.
SOURCES += $(shell find Plugins -type f 2>/dev/null) scripts/embed-bundled-files.sh $(wildcard migrations/*.sql) fixtures/populate.json fixtures/stripe-shapes.json
TEST_SOURCES := $(shell find Tests -type f 2>/dev/null)
RELEASE_STAMP := .build/stamp-release
DEBUG_STAMP := .build/stamp-debug-tests

.PHONY: help deps build build-release db-up db-down db-status init-db migrate migrate-test \
        migrate-status migrate-reset test test-times ingest-all \
        check-db fetch populate populate-force bench bench-fetch generate clean bench-serve

help:
	@echo "stripe-oltp: copy Stripe data into PostgreSQL"
	@echo "  make ingest-all [JSON_DIR=dir]   set everything up and ingest dumps (default: $(JSON_DIR))"
	@echo "  make test                        run the whole test suite against a real PostgreSQL"
	@echo "  make test-times                  each Swift test timed on its own (serial run); the slowest and its share"
	@echo "  make ingest-<resource> FILE=f    ingest one resource (names: stripe-oltp resources)"
	@echo "  make migrate | migrate-status | migrate-reset"
	@echo "  make fetch [FETCH_DIR=dumps]     fetch from Stripe (STRIPE_SECRET_KEY) into dumps; then make ingest-all JSON_DIR=dumps"
	@echo "  make populate | populate-force   fill a Stripe test account (STRIPE_SECRET_KEY) with fixtures/populate.json"
	@echo "  make emulator | emulator-up | emulator-down   the local Stripe-compatible server (EMULATOR_PORT=$(EMULATOR_PORT))"
	@echo "  make install [PREFIX=/usr/local]  install stripe-oltp and stripe-oltp-emulator (release build) into PREFIX/bin"
	@echo "  make completions [PREFIX=/usr/local]  install shell completions for stripe-oltp (bash, zsh, fish)"
	@echo "  make check-db | bench | bench-fetch | generate"
	@echo "  make schema-diagram              redraw docs/schema.{dot,mmd,svg} from the catalog (installs graphviz)"
	@echo "  make bench-serve                 webhook throughput of stripe-oltp serve (16 senders)"
	@echo "  make db-up | db-down | db-status | deps"

deps:
	@scripts/deps.sh

build: $(DEBUG_STAMP)

build-release: $(RELEASE_STAMP)

# One release build of both executables (stripe-oltp and stripe-oltp-emulator), redone only
# when a source changed.
$(RELEASE_STAMP): $(SOURCES)
	@scripts/deps.sh
	swift build -c release $(SWIFT_FLAGS)
	@touch $@

# One debug build with the tests (it holds the debug executables the CLI tests run).
$(DEBUG_STAMP): $(SOURCES) $(TEST_SOURCES)
	@scripts/deps.sh
	swift build --build-tests $(SWIFT_FLAGS)
	@touch $@

db-up: deps
	@scripts/db.sh up

db-down:
	@scripts/db.sh down

db-status:
	@scripts/db.sh status

init-db: db-up build-release
	$(RELEASE_BIN) migrate up
	$(RELEASE_BIN) migrate up --test

migrate: db-up build-release
	$(RELEASE_BIN) migrate up

migrate-test: db-up build-release
	$(RELEASE_BIN) migrate up --test

migrate-status: db-up build-release
	$(RELEASE_BIN) migrate status

migrate-reset: db-up build-release
	$(RELEASE_BIN) migrate reset $(if $(YES),--yes)

ingest-all: migrate
	$(RELEASE_BIN) ingest all --dir "$(JSON_DIR)"

# Any resource of the catalog; the CLI refuses an unknown name, listing the known ones.
ingest-%: migrate
	@if [ -z "$(FILE)" ]; then echo "usage: make $@ FILE=path/to/$*.json" >&2; exit 2; fi
	$(RELEASE_BIN) ingest $* --file "$(FILE)"

check-db: migrate
	$(RELEASE_BIN) check --dir "$(JSON_DIR)"

generate: build-release
	$(RELEASE_BIN) generate --customers $(BENCH_CUSTOMERS) --out "$(BENCH_DIR)"

bench: db-up build-release bench-fetch
	scripts/bench.sh "$(RELEASE_BIN)" "$(BENCH_CUSTOMERS)" "$(BENCH_DIR)"

# Webhook throughput of a release serve: 16 concurrent senders, none lost or doubled (README: Live sync).
bench-serve: db-up build-release
	scripts/bench-serve.sh "$(RELEASE_BIN)"

bench-fetch: build-release
	scripts/bench-fetch.sh "$(RELEASE_BIN)" "$(EMULATOR_BIN)" "$(FETCH_BENCH_CUSTOMERS)" "$(BENCH_DIR)/fetch-seed"

# Swift Testing, the script tests and the Python SDK test; the last line counts them all.
# The database tests run only with TEST_DATABASE_URL set (else they are skipped): always set here.
test: db-up build
	$(DEBUG_BIN) migrate up --test
	@TEST_DATABASE_URL="$$(scripts/env.sh database-url test)" EMULATOR_BIN=.build/debug/stripe-oltp-emulator scripts/run-tests.sh

# Each Swift test's own time: the suite run one test at a time (in the parallel run of make test a
# test's start-to-end time includes waiting for the shared threads), then the slowest tests and
# the share of the run the slowest took. A measurement, like the benchmarks; never a failure.
test-times: db-up build
	$(DEBUG_BIN) migrate up --test
	@TEST_DATABASE_URL="$$(scripts/env.sh database-url test)" swift test --skip-build --no-parallel $(SWIFT_FLAGS) \
	  --event-stream-output-path .build/test-times.jsonl --event-stream-version 0 >.build/test-times.log 2>&1 \
	  || { tail -n 20 .build/test-times.log; exit 1; }
	@scripts/test-durations.py .build/test-times.jsonl --top 10

fetch: migrate
	$(RELEASE_BIN) fetch --out "$(FETCH_DIR)" $(FETCH_FLAGS)
	@echo "fetched into $(FETCH_DIR); load it with: make ingest-all JSON_DIR=$(FETCH_DIR)"

populate: build-release
	$(RELEASE_BIN) populate

populate-force: build-release
	$(RELEASE_BIN) populate --force

.PHONY: emulator emulator-up emulator-down emulator-sdk-test
EMULATOR_ARGS = --port $(or $(PORT),$(EMULATOR_PORT)) $(if $(SEED_DIR),--seed-dir "$(SEED_DIR)") $(EMULATOR_FLAGS)

emulator: build-release
	$(EMULATOR_BIN) $(EMULATOR_ARGS)

# The emulator in the background (log in .build/emulator.log); emulator-down stops it.
emulator-up: build-release
	@if [ -f $(EMULATOR_PID) ] && kill -0 "$$(cat $(EMULATOR_PID))" 2>/dev/null; then \
	  echo "emulator: already running (pid $$(cat $(EMULATOR_PID))); make emulator-down first"; exit 0; fi
	@nohup $(EMULATOR_BIN) $(EMULATOR_ARGS) --quiet >$(EMULATOR_LOG) 2>&1 & echo $$! > $(EMULATOR_PID)
	@for _ in $$(seq 1 100); do \
	  if grep -q "listening on" $(EMULATOR_LOG) 2>/dev/null; then break; fi; \
	  kill -0 "$$(cat $(EMULATOR_PID))" 2>/dev/null || { cat $(EMULATOR_LOG) >&2; rm -f $(EMULATOR_PID); exit 1; }; \
	  sleep 0.1; done
	@echo "emulator: $$(grep -o 'listening on .*' $(EMULATOR_LOG)) (pid $$(cat $(EMULATOR_PID))); STRIPE_API_BASE=http://127.0.0.1:$(or $(PORT),$(EMULATOR_PORT)) and any sk_test_ key reach it"

emulator-down:
	@if [ -f $(EMULATOR_PID) ] && kill "$$(cat $(EMULATOR_PID))" 2>/dev/null; then \
	  echo "emulator: stopped (pid $$(cat $(EMULATOR_PID)))"; else echo "emulator: not running"; fi
	@rm -f $(EMULATOR_PID)

emulator-sdk-test: build
	EMULATOR_BIN=.build/debug/stripe-oltp-emulator scripts/emulator-sdk-test.sh

# `make install PREFIX=dir`: both executables into PREFIX/bin. The migrations and the populate
# fixture are built into stripe-oltp, so it runs from any directory with nothing else installed.
# INSTALL_CONFIG=debug installs the debug build instead (the install test does, to add no release build).
PREFIX ?= /usr/local
INSTALL_CONFIG ?= release
.PHONY: install
install: $(if $(filter debug,$(INSTALL_CONFIG)),$(DEBUG_STAMP),$(RELEASE_STAMP))
	install -d "$(PREFIX)/bin"
	install -m 0755 .build/$(INSTALL_CONFIG)/stripe-oltp .build/$(INSTALL_CONFIG)/stripe-oltp-emulator "$(PREFIX)/bin/"
	@echo "installed stripe-oltp and stripe-oltp-emulator into $(PREFIX)/bin"

# `make completions PREFIX=dir`: shell completion scripts for stripe-oltp, generated by the binary
# itself (swift-argument-parser), into PREFIX/share for bash, zsh and fish.
COMPLETION_BIN = .build/$(INSTALL_CONFIG)/stripe-oltp
.PHONY: completions
completions: $(if $(filter debug,$(INSTALL_CONFIG)),$(DEBUG_STAMP),$(RELEASE_STAMP))
	install -d "$(PREFIX)/share/bash-completion/completions" "$(PREFIX)/share/zsh/site-functions" \
	  "$(PREFIX)/share/fish/vendor_completions.d"
	$(COMPLETION_BIN) --generate-completion-script bash >"$(PREFIX)/share/bash-completion/completions/stripe-oltp"
	$(COMPLETION_BIN) --generate-completion-script zsh >"$(PREFIX)/share/zsh/site-functions/_stripe-oltp"
	$(COMPLETION_BIN) --generate-completion-script fish >"$(PREFIX)/share/fish/vendor_completions.d/stripe-oltp.fish"
	@echo "installed completion scripts for bash, zsh and fish under $(PREFIX)/share"

clean:
	swift package clean

.PHONY: schema-diagram
# The entity-relationship diagram in docs/, drawn from the catalog by `stripe-oltp schema`;
# graphviz is a developer-only dependency. SchemaDiagramTests fail when a committed file is stale.
schema-diagram: $(DEBUG_STAMP)
	@scripts/deps.sh --developer
	@mkdir -p docs
	$(DEBUG_BIN) schema --format dot > docs/schema.dot
	$(DEBUG_BIN) schema --format mermaid > docs/schema.mmd
	dot -Tsvg docs/schema.dot -o docs/schema.svg

.PHONY: mutate
# The mutation catalog (scripts/mutations.json): each entry breaks one promise of the README in a
# scratch copy; the tests named for it must fail. A developer tool and benchmark, not part of `make test`.
mutate: db-up
	python3 scripts/mutate.py $(if $(ONLY),--only $(ONLY))
