# anchornet: two commands do everything on a fresh Debian 12 machine.
#   make run    installs what is missing, builds, and runs the synthetic demo
#   make test   installs what is missing, builds, and runs every test: the release tier, lint
#               on the changed code, then the fast tier under ASan+UBSan and a brief fuzz run
# Other targets: make build, make lint, make format, make test-asan, make fuzz, make bench,
# make clean.

SHELL := /bin/bash
BUILD := build/release
# One clang tree for the sanitizers and the fuzzer: the fast tier's tests under ASan+UBSan and the
# libFuzzer target (docs/decisions.md 70). -O1 with line tables compiles in half the time of
# -O2 -g (CI is two cores) and still gives ASan's reports file and line.
SAN := build/sanitize
SAN_OPT := -O1 -g1 -DNDEBUG
SAN_TARGETS := anchornet_unit_tests anchornet_store_tests anchornet_golden_tests \
  anchornet_fault_tests anchornet_api_tests anchornet csv_fuzz
GENERATOR := -G Ninja
JOBS ?= $(shell nproc)
DEMO_DIR ?= demo-data
DEMO_DB ?= sqlite:$(DEMO_DIR)/anchornet.db
FUZZ_SECONDS ?= 30

# Debian 12 packages the build and tests need.
DEB_PACKAGES := build-essential cmake ninja-build ccache pkg-config clang \
  libsqlite3-dev sqlite3 libfmt-dev libspdlog-dev libtomlplusplus-dev nlohmann-json3-dev \
  libsimdjson-dev libcli11-dev libxlsxwriter-dev libsodium-dev libutf8proc-dev libzip-dev \
  libexpat1-dev libexpected-dev libgtest-dev libgmock-dev libbenchmark-dev python3 \
  libclang-rt-14-dev clang-format clang-tidy chromium nodejs libcpp-httplib-dev wrk curl \
  libreoffice-calc-nogui poppler-utils
# npm is installed by web-deps, and only when there is no `npm` command: Debian's npm package
# conflicts with NodeSource's nodejs, which ships its own npm.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# ccache hits across clones and build folders: paths relative to the checkout, no cwd in debug info.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
SERVE_PORT ?= 8080

.PHONY: all deps web-deps web build run demo test test-fast lint format sanitize-build test-asan \
  fuzz test-sanitizers bench clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The browser tests' JavaScript packages (web/package-lock.json: playwright-core, which drives
# Debian's /usr/bin/chromium; no browser is downloaded). Reinstalled when the lock file changes.
web/node_modules/.package-lock.json: web/package-lock.json | deps
	@command -v npm > /dev/null || { \
	  echo "Installing Debian packages: npm"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm; }
	cd web && npm ci --no-audit --no-fund
	touch $@

web-deps: web/node_modules/.package-lock.json

# The browser dashboard (TypeScript, Vite) built into web/dist, which `anchornet serve` serves.
# The dashboard's API types are generated from src/api/openapi.json at build time (npm run
# gen:api, into web/src/generated/), so a change to the document rebuilds and type-checks it.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json \
                 -path web/src/generated -prune -o -type f -print 2>/dev/null) src/api/openapi.json
web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build
	touch $@

web: web/dist/index.html

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Release -DANCHORNET_BUILD_BENCH=OFF

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The synthetic demo network (generated and imported once; `make clean` removes it).
$(DEMO_DIR)/.done: | build
	mkdir -p $(DEMO_DIR)
	$(BUILD)/src/cli/anchornet --db $(DEMO_DB) demo --dir $(DEMO_DIR)
	touch $@

demo: build
	rm -f $(DEMO_DIR)/.done
	$(MAKE) $(DEMO_DIR)/.done

# Builds everything, makes the demo network (first time), then serves the dashboard on it.
run: build web $(DEMO_DIR)/.done
	$(BUILD)/src/cli/anchornet --db $(DEMO_DB) serve --port $(SERVE_PORT)

test-fast: build web
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# clang-format and clang-tidy on the code changed since a base commit (tools/lint.py says which;
# docs/decisions.md 73); clang-tidy uses the release tree's compile_commands.json.
lint: build
	python3 tools/lint.py --build $(BUILD) --jobs $(JOBS)

# Applies clang-format to the same changed lines.
format:
	python3 tools/lint.py --fix

$(SAN)/build.ninja: | deps
	cmake -S . -B $(SAN) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(SAN_OPT)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(SAN_OPT)" \
	  -DANCHORNET_SANITIZE=ON -DANCHORNET_FUZZ=ON -DANCHORNET_BUILD_BENCH=OFF

sanitize-build: deps $(SAN)/build.ninja
	cmake --build $(SAN) -j $(JOBS) --target $(SAN_TARGETS)

# The fast tier again under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN_CTEST := cd $(SAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -L fast -j $(JOBS)
test-asan: sanitize-build
	$(SAN_CTEST)

# A brief libFuzzer run of the CSV reader; new crashing inputs are kept in fuzz/regressions/csv/
# (replayed by the fast tier) and the run fails.
FUZZ_RUN := mkdir -p fuzz/corpus-work && $(SAN)/fuzz/csv_fuzz -max_total_time=$(FUZZ_SECONDS) \
  -max_len=4096 -timeout=10 -artifact_prefix=fuzz/regressions/csv/ \
  fuzz/corpus-work fuzz/corpus/csv fuzz/regressions/csv
fuzz: sanitize-build
	$(FUZZ_RUN)

# Both at once: the fuzzer (one process, FUZZ_SECONDS of wall time) uses the core that the
# sanitized tests leave idle while their longest binary finishes. Its output goes to
# $(SAN)/fuzz.log, printed when it fails.
test-sanitizers: sanitize-build
	@($(FUZZ_RUN)) > $(SAN)/fuzz.log 2>&1 & fuzz=$$!; \
	($(SAN_CTEST)); tests=$$?; \
	wait $$fuzz; fuzzed=$$?; \
	tail -n 3 $(SAN)/fuzz.log; \
	if [ $$fuzzed != 0 ]; then cat $(SAN)/fuzz.log; echo "make test: the fuzz run failed"; fi; \
	[ $$tests = 0 ] && [ $$fuzzed = 0 ]

test: test-fast lint test-sanitizers
	@echo "make test: all tiers passed"

bench: build
	cmake -S . -B $(BUILD) -DANCHORNET_BUILD_BENCH=ON > /dev/null
	cmake --build $(BUILD) -j $(JOBS) --target bench

clean:
	rm -rf build $(DEMO_DIR)
