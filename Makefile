# The two commands of the quick start:
#   make run    install what is missing, build, create the demo county if there is none, serve on :8080
#   make test   install what is missing, build with the sanitizers, run every test on SQLite and PostgreSQL
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= sqlite://./data/fishbowl.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test build build-asan web deps deps-test format bench clean

run: deps web build
	@mkdir -p data
	@if [ ! -f data/fishbowl.db ]; then \
	  ./build/release/fishbowl --db '$(DB)' demo --accounts-file data/demo-accounts.txt >data/demo-summary.txt && \
	    grep -E '^(演示县已创建|办件 )' data/demo-summary.txt; \
	else \
	  echo "使用已有数据库 data/fishbowl.db（删除它可重新生成演示县）"; \
	fi
	@echo
	@echo "Fishbowl 已启动：http://$(LISTEN)"
	@if [ -f data/demo-accounts.txt ]; then \
	  echo "演示账号（完整列表见 data/demo-accounts.txt）："; \
	  grep -E '^(admin|supervisor|staff|agent|citizen)	(admin|supervisor01|staff\.006\.1|admin\.t01|agent\.t01\.v01|citizen)	' \
	    data/demo-accounts.txt | awk -F'\t' '{printf "  %-11s %-15s 密码 %s\n", $$1, $$2, $$3}'; \
	fi
	@exec ./build/release/fishbowl --db '$(DB)' serve --listen '$(LISTEN)'

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

# The front end: dependencies from the committed lockfile (only when it changed), then a production build.
web:
	@cd web && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi
	@cd web && npm run --silent build

build:
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# Every test runs on the sanitized build: the unit and API tests, the black-box tests of the server binary, the
# browser tests against it and the format check. One build instead of two keeps CI short; the optimised build is
# what `make run` and `make bench` use.
test: deps-test web build-asan
	@scripts/with-postgres.sh ctest --preset asan -j $(JOBS) --timeout 300

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

bench: deps-test build
	@bench/http/run.sh
	@bench/ledger/run.sh
	@bench/cases/run.sh
	@bench/hotline/run.sh
	@bench/search/run.sh

clean:
	rm -rf build
