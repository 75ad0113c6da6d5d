# tunnel-infra: build the Lambda jars, review the plan offline, deploy with the Pulumi CLI.
# See "Deploying to AWS" in README.md. STACK picks the Pulumi stack (dev, prod); STACKS the stacks `make plan` prints.
PULUMI ?= pulumi
STACK ?= dev
STACKS ?= dev prod

# Runs tunnel-infra's exec:java with tunnel-common and tunnel-lambdas compiled in the same reactor, so
# nothing needs installing first; exec.skip keeps exec:java out of those two (tunnel-infra/mvn-from-root).
INFRA_EXEC = $(MVN) -q -pl tunnel-infra -am -Dexec.skip=true -Dexec.mainClass=skipped compile exec:java

.PHONY: build-lambda plan preview-infra deploy-infra destroy-infra

## The four shaded handler jars in tunnel-lambdas/target/lambda/ that the stack deploys.
build-lambda:
	$(MVN) -pl tunnel-lambdas -am package -DskipTests
	@ls -l tunnel-lambdas/target/lambda/*.jar

## What `pulumi up` would create for each stack, offline: no Pulumi CLI, no AWS credentials.
plan:
	$(INFRA_EXEC) -DmainClass=dev.httptunnel.infra.plan.OfflinePlan -DmainArgs="$(STACKS)"

preview-infra: build-lambda
	cd tunnel-infra && $(PULUMI) preview --stack $(STACK)

deploy-infra: build-lambda
	cd tunnel-infra && $(PULUMI) up --yes --stack $(STACK)

destroy-infra:
	cd tunnel-infra && $(PULUMI) destroy --yes --stack $(STACK)
