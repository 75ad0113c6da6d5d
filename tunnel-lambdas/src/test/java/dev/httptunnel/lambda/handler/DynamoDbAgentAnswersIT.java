package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.DynaliteTables;
import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

/** The same contract with the real DynamoDB adapters, on a DynamoDB-compatible server. */
class DynamoDbAgentAnswersIT extends AgentAnswersContract {

    @Override
    protected TunnelHarness harness(Duration responseDeadline) {
        return new DynaliteTables().harness(responseDeadline);
    }
}
