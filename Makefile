# kubetutor — `make run` starts the course player, `make test` builds and runs every test, `make bench` prints medians.
SHELL := /bin/bash
SWIFT ?= swift
# Release builds carry the Swift runtime and Foundation inside the binary: the dynamic loader otherwise spends about
# 9 ms of every start resolving libFoundation & co. (a Foundation hello-world: 12.9 ms dynamic, 3.9 ms static).
# They are also linked as position-dependent executables (-no-pie): a PIE's ~87,000 relative relocations are applied,
# page by page, at every start (sandbox start 25.5 → 22.6 ms, perf stat -r 60, three alternating rounds).
RELEASE := -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie
export SWIFT_BACKTRACE ?= interactive=no

# Debian packages the build and tests need, as "command-or-file:package".
DEB_NEEDS := /usr/include/ncursesw/ncurses.h:libncurses-dev \
             /usr/bin/tmux:tmux \
             /usr/include/cmark-gfm.h:libcmark-gfm-dev \
             /usr/include/cmark-gfm-core-extensions.h:libcmark-gfm-extensions-dev

.PHONY: run test bench deps build build-release clean

deps:
	@missing=""; for pair in $(DEB_NEEDS); do f=$${pair%%:*}; p=$${pair##*:}; \
	  [ -e "$$f" ] || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "kubetutor needs these Debian packages:$$missing"; \
	    echo "Run as root, or: sudo apt-get install -y$$missing"; exit 1; fi; \
	  echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build $(RELEASE) --product kubetutor

run: build-release
	@"$$($(SWIFT) build $(RELEASE) --show-bin-path)/kubetutor"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) run --skip-build kubetutor lint Lessons
	$(SWIFT) run --skip-build kubetutor verify Lessons

bench: deps
	$(SWIFT) build $(RELEASE) --product kubetutor
	$(SWIFT) build $(RELEASE) --product kubetutor-bench
	@"$$($(SWIFT) build $(RELEASE) --show-bin-path)/kubetutor-bench"

clean:
	rm -rf .build
