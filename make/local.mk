# tunnel-local: the whole tunnel on this machine (gateway + agent) and a demo app.
# See docs/local.md. PORT is the local service to expose; HTTP_PORT and WS_PORT are the gateway's.
PORT ?= 3000
HTTP_PORT ?= 8080
WS_PORT ?= 8081
LOCAL_JAR := tunnel-local/target/tunnel-local.jar
AGENT_JAR := tunnel-agent/target/tunnel-agent.jar
LOCAL_LOG := tunnel-local/target/tunnel-local.log
APP_LOG := tunnel-local/target/sample-app.log
# The gateway writes its development token here (owner-only); the agent reads it from TUNNEL_TOKEN, so the
# secret never appears on a command line.
TOKEN_FILE := tunnel-local/target/dev-token
# The gateway's JVM gets a fixed heap: with the default one G1 grew the heap for megabyte bodies and gave it
# back after each concurrent cycle, so every transfer touched fresh memory. make bench and bench-bodies use it.
GATEWAY_JVM ?= -Xms1g -Xmx1g

# Written by make gateway while it runs: make run and make demo then use that gateway and leave it running.
GATEWAY_PID := tunnel-local/target/tunnel-local.pid

.PHONY: local-jars gateway run demo

# What the two jars are built from: a second make run or demo with none of it changed starts at once.
LOCAL_SOURCES := $(shell find pom.xml tunnel-common tunnel-lambdas tunnel-admin tunnel-agent tunnel-local \
  -path '*/target' -prune -o -type f \( -path '*/src/main/*' -o -name pom.xml \) -print 2>/dev/null)
LOCAL_STAMP := tunnel-local/target/.local-jars

## The gateway and agent jars (and what they need), tests skipped; rebuilt only when a source changed.
local-jars: $(LOCAL_STAMP)

$(LOCAL_STAMP): $(LOCAL_SOURCES)
	@echo "Building the gateway and agent jars (sources changed; about a minute the first time)..."
	@$(MVN) -q -DskipTests -pl tunnel-local,tunnel-agent -am package
	@touch $@

# The gateway command line, shared by make gateway and the gateway that run and demo start themselves.
LOCAL_GATEWAY := java $(GATEWAY_JVM) -jar $(LOCAL_JAR) --http-port $(HTTP_PORT) --ws-port $(WS_PORT) \
  --token-file $(TOKEN_FILE)

# Uses the gateway of a running make gateway; else starts one in the background and waits for its banner.
# The EXIT trap stops whatever was started in the background when the foreground agent ends (Ctrl-C
# included), never make gateway's.
define LOCAL_GATEWAY_UP
gateway=; trap 'kill $$gateway $$app 2>/dev/null; wait 2>/dev/null' EXIT; trap 'exit 0' INT TERM; \
if [ -f $(GATEWAY_PID) ] && kill -0 $$(cat $(GATEWAY_PID)) 2>/dev/null; then \
  echo "Using the gateway make gateway runs (pid $$(cat $(GATEWAY_PID))); it keeps running after Ctrl-C."; \
else \
  $(LOCAL_GATEWAY) > $(LOCAL_LOG) 2>&1 & gateway=$$!; \
  for i in $$(seq 1 300); do \
    grep -q '^listening' $(LOCAL_LOG) 2>/dev/null && break; \
    kill -0 $$gateway 2>/dev/null || { cat $(LOCAL_LOG); echo "tunnel-local did not start (is another make demo,"\
      "run or gateway using ports $(HTTP_PORT) and $(WS_PORT)? Stop it, or share one: make gateway)" >&2; exit 1; }; \
    sleep 0.1; \
  done; \
  grep -q '^listening' $(LOCAL_LOG) || { echo "tunnel-local did not start within 30 s" >&2; exit 1; }; \
  cat $(LOCAL_LOG); \
fi
endef

# The agent in the foreground with the gateway's development token. Ctrl-C (130) is a normal end. When
# another agent took the tunnel over (exit 7), a gateway this recipe started keeps running for that agent
# until Ctrl-C, instead of leaving it without a service.
define AGENT_FOREGROUND
TUNNEL_TOKEN=$$(cat $(TOKEN_FILE)) java -jar $(AGENT_JAR) --port $(PORT) --endpoint ws://localhost:$(WS_PORT); \
status=$$?; \
if [ $$status -eq 7 ] && [ -n "$$gateway" ]; then \
  echo "The gateway keeps running for the agent that took over; Ctrl-C stops it."; wait $$gateway; status=0; \
fi; \
[ $$status -eq 0 ] || [ $$status -eq 130 ]
endef

## The gateway alone, in the foreground until Ctrl-C; make run and make demo in another terminal then use it,
## so an agent restarts without a new gateway.
gateway: local-jars
	@$(LOCAL_GATEWAY) & gateway=$$!; echo $$gateway > $(GATEWAY_PID); \
	trap 'kill $$gateway 2>/dev/null; wait 2>/dev/null; rm -f $(GATEWAY_PID)' EXIT; trap 'exit 0' INT TERM; \
	wait $$gateway
## Gateway + agent for the service on localhost:$(PORT); prints the public URL. Ctrl-C stops both.
run: local-jars
	@app=; $(LOCAL_GATEWAY_UP); \
	$(AGENT_FOREGROUND)

## Same, plus a sample app on localhost:$(PORT), for a first look with nothing else running.
demo: local-jars
	@java -cp $(LOCAL_JAR) dev.httptunnel.local.sample.SampleApp $(PORT) > $(APP_LOG) 2>&1 & app=$$!; \
	for i in $$(seq 1 300); do \
	  grep -q '^sample app on' $(APP_LOG) 2>/dev/null && break; \
	  kill -0 $$app 2>/dev/null || { cat $(APP_LOG) >&2; exit 1; }; \
	  sleep 0.1; \
	done; \
	cat $(APP_LOG); \
	$(LOCAL_GATEWAY_UP); \
	$(AGENT_FOREGROUND)
