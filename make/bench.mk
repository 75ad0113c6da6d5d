# tunnel-bench: the benchmarks, run from their own jar (nothing ships it). Each is bounded in requests and
# time and runs on loopback only. BENCH_ARGS passes options through, e.g. a short run:
#   make bench BENCH_ARGS="--requests 500 --warmup 500 --clients 1,8 --max-seconds 5"
BENCH_JAR := tunnel-bench/target/tunnel-bench.jar
LOCALTUNNEL_DIR := tunnel-bench/target/localtunnel
BENCH_ARGS ?=

.PHONY: bench-jars bench bench-bodies bench-hotpath bench-relay bench-continuity

## The benchmarks' jar and the gateway and agent jars they drive, tests skipped.
bench-jars:
	$(MVN) -q -DskipTests -pl tunnel-bench -am package

## Latency and throughput of the sample app, direct vs through the tunnel vs through localtunnel (when
## node and npm are there). Options: --requests N --warmup N --clients 1,8,32 --max-seconds S.
bench: bench-jars
	@if command -v node >/dev/null && command -v npm >/dev/null \
	    && sh tunnel-bench/scripts/localtunnel-setup.sh $(LOCALTUNNEL_DIR) >/dev/null; then \
	  lt="--localtunnel $(LOCALTUNNEL_DIR)"; \
	else \
	  echo "localtunnel unavailable (node/npm missing or install failed): measuring without it"; lt=; \
	fi; \
	java $(GATEWAY_JVM) -cp $(BENCH_JAR) dev.httptunnel.bench.load.TunnelBenchmark --agent-jar $(AGENT_JAR) \
	  $$lt $(BENCH_ARGS)

## 100 KB, 1 MB and 4 MB bodies each way: time, WebSocket messages, Lambda invocations, body-bucket and
## DynamoDB operations per request, modelled AWS cost per million, and small requests' latency during
## 8 x 1 MB transfers each way. Options: --requests N --max-seconds S --starvation-only --agent-cpus LIST.
bench-bodies: bench-jars
	java $(GATEWAY_JVM) -cp $(BENCH_JAR) dev.httptunnel.bench.bodies.BodyBenchmark --agent-jar $(AGENT_JAR) \
	  $(BENCH_ARGS)

## The forwarding hot path against dynalite: DynamoDB calls and units per request, notice delay, modelled cost.
bench-hotpath: test-deps bench-jars
	java -cp $(BENCH_JAR) dev.httptunnel.bench.hotpath.HotPathBenchmark

## The agent's relay alone, against a fake tunnel service: direct, agent and round-trip percentiles.
## Arguments: [--inspector off|on|both] [requests] [warmup] [clients,...] [max-seconds] [agent-p50-bound-ms].
bench-relay: bench-jars
	java -Dsun.net.httpserver.nodelay=true -cp $(BENCH_JAR) dev.httptunnel.bench.relay.RelayLatencyBenchmark \
	  $(BENCH_ARGS)

## Callers under steady load while the agent is killed and restarted, its socket dropped, it is stopped
## (SIGTERM), and it rotates: sent, answered, held, failed by status, longest hold. About 70 s.
## Options: --callers N --before S --after S --restart-after S --hold S --rotation-limit S.
bench-continuity: bench-jars
	java $(GATEWAY_JVM) -cp $(BENCH_JAR) dev.httptunnel.bench.continuity.ContinuityBenchmark \
	  --agent-jar $(AGENT_JAR) $(BENCH_ARGS)
