# NANO — the two commands: `make run` serves the examples, `make test` runs
# every test. Both install whatever is missing first (scripts/setup.sh).
SWIFT ?= swift
NANOD := .build/release/nanod

.PHONY: setup build run test test-asan bench clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product nanod

run: build
	@bash scripts/run-examples.sh

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Engine and runtime tests under AddressSanitizer (the C++ shim included).
test-asan: setup
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=1:handle_segv=0 LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --skip-build --disable-swift-testing --sanitize=address --scratch-path .build-asan

bench: build
	$(SWIFT) build -c release --product nano-bench
	$(SWIFT) build -c release --product nio-ceiling
	.build/release/nano-bench
	python3 bench/http/run.py
	python3 bench/apps/run.py

clean:
	rm -rf .build .build-asan
