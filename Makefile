# http-tunnel: the commands a newcomer needs. Each module's own targets live in make/*.mk.
MVN ?= mvn -B

.PHONY: help build test
help:
	@echo "make run PORT=3000   start the local gateway and an agent for localhost:3000"
	@echo "make test            build everything and run every test"

build:
	$(MVN) -DskipTests package

test:
	$(MVN) verify

-include make/*.mk
