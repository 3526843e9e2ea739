# Lumo Company Portal. `make run` and `make test` are all a newcomer needs; both install what is
# missing first (scripts/setup.sh, idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

API_PORT ?= 8787
PORTAL_PORT ?= 8080
SANDBOX := target/debug/lumo-sandbox

.PHONY: setup run dev dist sandbox lint audit fmt unit e2e test bench bench-floor clean

setup:
	@scripts/setup.sh

# Release build of the portal: exactly the files a CDN serves, plus a default config.json that a
# deployment replaces. The content-hashed assets also get .gz/.br twins for precompressed serving;
# deploy/render-nginx.mjs then renders the nginx config (README, "Deployment").
dist: setup
	trunk build --release --offline
	@deploy/precompress.sh dist
	@scripts/sizes.sh dist

sandbox: setup
	cargo build -p lumo-sandbox

# The portal against the built-in sandbox API with demo data. Ctrl-C stops both.
run: dist sandbox
	$(SANDBOX) --port $(API_PORT) --static-dir dist --static-port $(PORTAL_PORT) --config-json-override

# Rebuilds the portal on change (debug build); the sandbox serves the API only.
dev: sandbox
	$(SANDBOX) --port $(API_PORT) & trap 'kill $$!' EXIT; trunk serve --offline --port $(PORTAL_PORT)

fmt:
	cargo fmt --all

lint: setup
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p lumo-portal -p lumo-api --target wasm32-unknown-unknown -- -D warnings

# Licences, banned crates, crate sources and RustSec advisories of the dependency tree (deny.toml).
# Advisories come from the vendored snapshot of the RustSec database (vendor/README.md), since CI
# reaches the package registries but not GitHub; CARGO_DENY_ADVISORY_DB names a fresher copy.
audit: setup
	cargo deny --workspace --locked check --hide-inclusion-graph licenses bans sources
	CARGO_DENY_ADVISORY_DB="$$(scripts/advisory-db.sh)" \
	  cargo deny --workspace --locked --offline check --hide-inclusion-graph advisories

unit: setup
	cargo test --workspace
	node --test deploy/render-nginx.test.mjs

e2e: dist sandbox
	npx playwright test -c end2end/playwright.config.ts

test: lint audit unit e2e

# The floor app the benchmark compares the portal with (bench/floor: its own workspace, so
# `make test` never builds it): the same Trunk, tools and release profile, its own target dir
# (bench/floor/target unless CARGO_TARGET_DIR says otherwise), precompressed like dist/.
FLOOR_DIST ?= bench/floor/dist
bench-floor: setup
	cd bench/floor && trunk build --release --offline --locked --dist $(abspath $(FLOOR_DIST))
	@deploy/precompress.sh $(FLOOR_DIST)

bench: dist sandbox bench-floor
	FLOOR_DIST_DIR=$(FLOOR_DIST) node end2end/bench/run.mjs

clean:
	cargo clean
	rm -rf dist
