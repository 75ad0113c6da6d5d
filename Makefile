# http-tunnel: the commands a newcomer needs. Each module's own targets live in make/*.mk.
MVN ?= mvn -B

.PHONY: help build test test-deps
help:
	@echo "make run PORT=3000   start the local gateway and an agent for localhost:3000"
	@echo "make demo            the same, with a sample app on port 3000"
	@echo "make test            build everything and run every test (installs dynalite and s3rver with npm first)"
	@echo "make bench           the load benchmark; also bench-bodies, bench-hotpath, bench-relay (make/bench.mk)"

build:
	$(MVN) -DskipTests package

# The integration tests start real servers from npm (lock files in the repo): dynalite, a
# DynamoDB-compatible server, and s3rver, an S3-compatible one.
test-deps:
	npm ci --prefix tools/dynalite --no-audit --no-fund
	npm ci --prefix tools/s3rver --no-audit --no-fund

test: test-deps
	$(MVN) verify

-include make/*.mk
