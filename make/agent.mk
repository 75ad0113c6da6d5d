# The agent as a self-contained download: a runtime image made by jlink from the JDK's own modules (only
# those the agent's jar uses), the jar, and a launcher named tunnel-agent, so no Java needs to be installed.
AGENT_IMAGE := tunnel-agent/target/agent-image

.PHONY: agent-image check-agent-image

## tunnel-agent/target/agent-image: bin/tunnel-agent (and tunnel-agent.cmd) running the agent on its own runtime.
## jdk.httpserver (the inspector's server) is named as well as found by jdeps: the image must never lose it.
agent-image:
	@$(MVN) -q -DskipTests -pl tunnel-agent -am package
	@rm -rf $(AGENT_IMAGE)
	@modules=$$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 $(AGENT_JAR)) && \
	jlink --add-modules $$modules,jdk.crypto.ec,jdk.httpserver --strip-debug --no-header-files --no-man-pages --compress=2 \
	  --output $(AGENT_IMAGE)
	@mkdir -p $(AGENT_IMAGE)/app && cp $(AGENT_JAR) $(AGENT_IMAGE)/app/tunnel-agent.jar
	@cp tunnel-agent/launcher/tunnel-agent tunnel-agent/launcher/tunnel-agent.cmd $(AGENT_IMAGE)/bin/
	@chmod +x $(AGENT_IMAGE)/bin/tunnel-agent
	@echo "agent image: $(AGENT_IMAGE) ($$(du -sh $(AGENT_IMAGE) | cut -f1)); run $(AGENT_IMAGE)/bin/tunnel-agent --port 3000"

## Builds the image and runs its launcher, which uses the image's own java, never JAVA_HOME or the PATH's.
check-agent-image: agent-image
	@launcher=$(AGENT_IMAGE)/bin/tunnel-agent; [ "$$OS" = Windows_NT ] && launcher="cmd //c $(AGENT_IMAGE)/bin/tunnel-agent.cmd"; \
	out=$$(env -u JAVA_HOME $$launcher --version) && \
	echo "$$out" | grep -q '^tunnel-agent [0-9]' && echo "agent image launcher: $$out" || \
	{ echo "the agent image's launcher did not print its version: $$out" >&2; exit 1; }
