# anchornet: two commands do everything on a fresh Debian 12 machine.
#   make run    installs what is missing, builds, and runs the synthetic demo
#   make test   installs what is missing, builds, and runs every test (plus a sanitizer build)
# Other targets: make build, make bench, make fuzz, make clean.

SHELL := /bin/bash
BUILD := build/release
ASAN := build/asan
# The sanitizer build: -O1 with line tables compiles in half the time of -O2 -g (CI is two cores)
# and still gives ASan's reports file and line.
ASAN_OPT := -O1 -g1 -DNDEBUG
FUZZ := build/fuzz
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
  libclang-rt-14-dev chromium nodejs libcpp-httplib-dev wrk curl \
  libreoffice-calc-nogui poppler-utils
# npm is installed by web-deps, and only when there is no `npm` command: Debian's npm package
# conflicts with NodeSource's nodejs, which ships its own npm.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# ccache hits across clones and build folders: paths relative to the checkout, no cwd in debug info.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
SERVE_PORT ?= 8080

.PHONY: all deps web-deps web build run demo test test-fast test-asan fuzz bench clean

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
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)
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

$(ASAN)/build.ninja: | deps
	cmake -S . -B $(ASAN) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(ASAN_OPT)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(ASAN_OPT)" \
	  -DANCHORNET_SANITIZE=ON -DANCHORNET_BUILD_BENCH=OFF

# The fast tier again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps $(ASAN)/build.ninja
	cmake --build $(ASAN) -j $(JOBS) --target anchornet_unit_tests anchornet_store_tests anchornet_golden_tests anchornet_fault_tests anchornet_api_tests anchornet
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -L fast -j $(JOBS)

$(FUZZ)/build.ninja: | deps
	cmake -S . -B $(FUZZ) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DANCHORNET_FUZZ=ON \
	  -DANCHORNET_BUILD_TESTS=OFF -DANCHORNET_BUILD_BENCH=OFF

# A brief libFuzzer run of the CSV reader; new crashing inputs are kept in fuzz/regressions/csv/
# (replayed by the fast tier) and the run fails.
fuzz: deps $(FUZZ)/build.ninja
	cmake --build $(FUZZ) -j $(JOBS) --target csv_fuzz
	mkdir -p fuzz/corpus-work
	$(FUZZ)/fuzz/csv_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -artifact_prefix=fuzz/regressions/csv/ fuzz/corpus-work fuzz/corpus/csv fuzz/regressions/csv

test: test-fast test-asan fuzz
	@echo "make test: all tiers passed"

bench: build
	cmake -S . -B $(BUILD) -DANCHORNET_BUILD_BENCH=ON > /dev/null
	cmake --build $(BUILD) -j $(JOBS) --target bench

clean:
	rm -rf build $(DEMO_DIR)
