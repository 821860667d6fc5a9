# The README's two commands: `make run` and `make test`. Everything else builds on them.
BUILD ?= build
JOBS ?= $(shell nproc)
# -O2 without debug information: a third less compile time than RelWithDebInfo (make run serves
# sooner); pass CMAKE_FLAGS='-DCMAKE_BUILD_TYPE=RelWithDebInfo' to profile with symbols and lines.
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release '-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG' -DSGEE_WERROR=ON
DB ?= sqlite:data/sgee.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build build-tests run test bench fuzz format clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Builds only the program it runs (not the tests and benchmarks).
run: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target sgee
	$(BUILD)/sgee migrate --db $(DB)
	$(BUILD)/sgee seed --demo --db $(DB)
	$(BUILD)/sgee serve --db $(DB) --listen $(LISTEN) --demo

# Builds what the suite runs: the program and the two test programs (not the benchmarks).
build-tests: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target sgee unit_tests api_tests

test: build-tests
	@BUILD=$(BUILD) scripts/test

bench: build
	@BUILD=$(BUILD) scripts/bench
	@BUILD=$(BUILD) scripts/bench-registry
	@BUILD=$(BUILD) scripts/bench-batch
	@BUILD=$(BUILD) scripts/bench-map
	@BUILD=$(BUILD) scripts/bench-reserve
	@BUILD=$(BUILD) scripts/bench-referral
	@BUILD=$(BUILD) scripts/bench-pdf
	@BUILD=$(BUILD) scripts/bench-mes

fuzz: deps
	@scripts/fuzz

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan build-fuzz
