# tunnel-infra: build the Lambda jars, review the plan offline, deploy with the Pulumi CLI.
# See docs/deploy.md. STACK picks the Pulumi stack (dev, prod); STACKS the stacks `make plan` prints (prod once its certificate is set).
PULUMI ?= pulumi
STACK ?= dev
STACKS ?= dev

# Runs tunnel-infra's exec:java with tunnel-common and tunnel-lambdas compiled in the same reactor, so
# nothing needs installing first; exec.skip keeps exec:java out of those two (tunnel-infra/mvn-from-root).
INFRA_EXEC = $(MVN) -q -pl tunnel-infra -am -Dexec.skip=true -Dexec.mainClass=skipped compile exec:java

.PHONY: build-lambda check-reproducible plan preview-infra deploy-infra destroy-infra

## The four shaded handler jars in tunnel-lambdas/target/lambda/ that the stack deploys.
build-lambda:
	$(MVN) -pl tunnel-lambdas -am package -DskipTests
	@ls -l tunnel-lambdas/target/lambda/*.jar

## Builds the handler jars twice from clean and fails unless both builds are byte-identical: Pulumi hashes
## the jars, so a jar that differs with the same sources would publish four new versions on every deploy.
check-reproducible:
	@sums=$$(mktemp); trap 'rm -f $$sums' EXIT; \
	$(MVN) -q -pl tunnel-lambdas -am clean package -DskipTests && \
	sha256sum tunnel-lambdas/target/lambda/*.jar > $$sums && \
	$(MVN) -q -pl tunnel-lambdas -am clean package -DskipTests && \
	sha256sum --check --quiet $$sums && \
	echo "handler jars: two clean builds are byte-identical ($$(wc -l < $$sums) jars)"

## What `pulumi up` would create for each stack, offline: no Pulumi CLI, no AWS credentials.
plan:
	$(INFRA_EXEC) -DmainClass=dev.httptunnel.infra.plan.OfflinePlan -DmainArgs="$(STACKS)"

preview-infra: build-lambda
	cd tunnel-infra && $(PULUMI) preview --stack $(STACK)

deploy-infra: build-lambda
	cd tunnel-infra && $(PULUMI) up --yes --stack $(STACK)

destroy-infra:
	cd tunnel-infra && $(PULUMI) destroy --yes --stack $(STACK)
