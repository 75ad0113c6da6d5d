package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.DynaliteTables;
import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

/** The same contract on the real adapters: DynamoDB on dynalite, S3 on s3rver through presigned URLs. */
class DynamoDbLargeBodiesIT extends LargeBodiesContract {

    @Override
    protected TunnelHarness harness(Duration responseDeadline) {
        return new DynaliteTables().harness(responseDeadline);
    }
}
