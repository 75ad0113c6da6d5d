# http-tunnel: the commands a newcomer needs. Each module's own targets live in make/*.mk.
MVN ?= mvn -B

.PHONY: help build test test-deps
help:
	@echo "Local:"
	@echo "  make demo              the local gateway, a sample app on :3000 and an agent; prints the public URL"
	@echo "  make run PORT=3000     the same for your own app on localhost:PORT"
	@echo "  make gateway           the gateway alone until Ctrl-C; run and demo in another terminal use it"
	@echo "Build and test:"
	@echo "  make test              build everything and run every test (installs the npm test tools first)"
	@echo "  make build             every jar, tests skipped: agent, gateway, tunnel-admin, handler jars"
	@echo "  make check-reproducible  build the handler jars twice and compare them byte for byte"
	@echo "  make agent-image       the agent with its own runtime: tunnel-agent/target/agent-image/bin/tunnel-agent"
	@echo "AWS (docs/deploy.md):"
	@echo "  make plan [STACKS=dev] what pulumi up would create, offline"
	@echo "  make build-lambda      the four handler jars the stack deploys"
	@echo "  make preview-infra / deploy-infra / destroy-infra [STACK=dev]   pulumi preview / up --yes / destroy --yes"
	@echo "Benchmarks (docs/benchmarks.md; BENCH_ARGS passes options):"
	@echo "  make bench | bench-bodies | bench-hotpath | bench-relay | bench-continuity"

build:
	$(MVN) -DskipTests package

# The integration tests start real servers from npm (lock files in the repo): dynalite, a
# DynamoDB-compatible server, and s3rver, an S3-compatible one; the inspector's browser test drives
# Debian's chromium with playwright-core (which downloads no browser).
test-deps:
	npm ci --prefix tools/dynalite --no-audit --no-fund
	npm ci --prefix tools/s3rver --no-audit --no-fund
	npm ci --prefix tools/inspector-browser-test --no-audit --no-fund

test: test-deps
	$(MVN) verify

-include make/*.mk
