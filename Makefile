# stripe-oltp — every entry point installs and starts what it needs.
#   make ingest-all   deps, build, database, migrate, ingest the sample dumps in fixtures/sample
#   make test         deps, build, test database, the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

JSON_DIR ?= fixtures/sample
RESOURCES := products prices customers payment_methods subscriptions invoices payment_intents charges invoice_payments
SWIFT_FLAGS ?=
RELEASE_BIN := .build/release/stripe-oltp
DEBUG_BIN := .build/debug/stripe-oltp
BENCH_CUSTOMERS ?= 20000
BENCH_DIR ?= bench-data
FETCH_DIR ?= dumps
FETCH_BENCH_CUSTOMERS ?= 2000

.PHONY: help deps build build-release db-up db-down db-status init-db migrate migrate-test \
        migrate-status migrate-reset test ingest-all $(addprefix ingest-,$(RESOURCES)) \
        check-db fetch populate populate-force bench bench-fetch generate clean

help:
	@echo "stripe-oltp: copy Stripe data into PostgreSQL"
	@echo "  make ingest-all [JSON_DIR=dir]   set everything up and ingest dumps (default: $(JSON_DIR))"
	@echo "  make test                        run the whole test suite against a real PostgreSQL"
	@echo "  make ingest-<resource> FILE=f    ingest one resource ($(RESOURCES))"
	@echo "  make migrate | migrate-status | migrate-reset"
	@echo "  make fetch [FETCH_DIR=dumps]     fetch from Stripe (STRIPE_SECRET_KEY) into dumps; then make ingest-all JSON_DIR=dumps"
	@echo "  make populate | populate-force   fill a Stripe test account (STRIPE_SECRET_KEY) with fixtures/populate.json"
	@echo "  make check-db | bench | bench-fetch | generate"
	@echo "  make db-up | db-down | db-status | deps"

deps:
	@scripts/deps.sh

build: deps
	swift build $(SWIFT_FLAGS)

build-release: deps
	swift build -c release --product stripe-oltp $(SWIFT_FLAGS)

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
	$(RELEASE_BIN) migrate reset

ingest-all: migrate
	$(RELEASE_BIN) ingest all --dir "$(JSON_DIR)"

$(addprefix ingest-,$(RESOURCES)): ingest-%: migrate
	@if [ -z "$(FILE)" ]; then echo "usage: make $@ FILE=path/to/$*.json" >&2; exit 2; fi
	$(RELEASE_BIN) ingest $* --file "$(FILE)"

check-db: migrate
	$(RELEASE_BIN) check --dir "$(JSON_DIR)"

generate: build-release
	$(RELEASE_BIN) generate --customers $(BENCH_CUSTOMERS) --out "$(BENCH_DIR)"

bench: db-up build-release bench-fetch
	scripts/bench.sh "$(RELEASE_BIN)" "$(BENCH_CUSTOMERS)" "$(BENCH_DIR)"

bench-fetch: build-release
	swift build -c release --product stripe-oltp-emulator $(SWIFT_FLAGS)
	scripts/bench-fetch.sh "$(RELEASE_BIN)" .build/release/stripe-oltp-emulator "$(FETCH_BENCH_CUSTOMERS)" "$(BENCH_DIR)/fetch-seed"

test: db-up build
	swift build --build-tests $(SWIFT_FLAGS)
	$(DEBUG_BIN) migrate up --test
	swift test --skip-build $(SWIFT_FLAGS)
	EMULATOR_BIN=.build/debug/stripe-oltp-emulator scripts/emulator-sdk-test.sh

fetch: migrate
	$(RELEASE_BIN) fetch --out "$(FETCH_DIR)" $(FETCH_FLAGS)
	@echo "fetched into $(FETCH_DIR); load it with: make ingest-all JSON_DIR=$(FETCH_DIR)"

populate: build-release
	$(RELEASE_BIN) populate

populate-force: build-release
	$(RELEASE_BIN) populate --force

.PHONY: emulator emulator-sdk-test
emulator: build
	.build/debug/stripe-oltp-emulator $(if $(PORT),--port $(PORT)) $(if $(SEED_DIR),--seed-dir "$(SEED_DIR)") $(EMULATOR_FLAGS)

emulator-sdk-test: build
	EMULATOR_BIN=.build/debug/stripe-oltp-emulator scripts/emulator-sdk-test.sh

clean:
	swift package clean

.PHONY: mutate
# The mutation catalog (scripts/mutations.json): each entry breaks one promise of the README in a
# scratch copy; the tests named for it must fail. A developer tool and benchmark, not part of `make test`.
mutate: db-up
	python3 scripts/mutate.py $(if $(ONLY),--only $(ONLY))
