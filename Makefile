# kubetutor — `make run` starts the course player, `make test` builds and runs every test, `make bench` prints medians.
SHELL := /bin/bash
SWIFT ?= swift
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
	$(SWIFT) build -c release --product kubetutor

run: build-release
	@"$$($(SWIFT) build -c release --show-bin-path)/kubetutor"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) run --skip-build kubetutor lint Lessons
	$(SWIFT) run --skip-build kubetutor verify Lessons

bench: deps
	$(SWIFT) build -c release --product kubetutor-bench
	@"$$($(SWIFT) build -c release --show-bin-path)/kubetutor-bench"

clean:
	rm -rf .build
