package dev.httptunnel.lambda.bench;

import java.util.Locale;

/**
 * AWS list prices (us-east-1) and the arithmetic that turns one tunnelled request's measured mix into
 * dollars per million requests. Every input is printed with the result.
 */
final class CostModel {

    static final double HTTP_API_PER_MILLION = 1.00;
    static final double WEBSOCKET_MESSAGE_PER_MILLION = 1.00;
    static final double LAMBDA_REQUEST_PER_MILLION = 0.20;
    static final double LAMBDA_GB_SECOND_ARM64 = 0.0000133334;
    static final double LAMBDA_GB_SECOND_X86_64 = 0.0000166667;
    static final double DYNAMODB_WRITE_UNIT_PER_MILLION = 0.625;
    static final double DYNAMODB_READ_UNIT_PER_MILLION = 0.125;

    /** What one tunnelled request uses. */
    record Mix(double webSocketMessages, double lambdaInvocations, double forwardingSeconds,
               double responseSeconds, double readUnits, double writeUnits) {
    }

    record Breakdown(double httpApi, double webSocket, double lambdaRequests, double lambdaDuration,
                     double dynamoDbWrites, double dynamoDbReads) {
        double total() {
            return httpApi + webSocket + lambdaRequests + lambdaDuration + dynamoDbWrites + dynamoDbReads;
        }
    }

    static Breakdown perMillion(Mix mix, double gbSecondPrice, int forwardingMemoryMb, int responseMemoryMb) {
        double gbSeconds = mix.forwardingSeconds() * forwardingMemoryMb / 1024.0
                + mix.responseSeconds() * responseMemoryMb / 1024.0;
        return new Breakdown(
                HTTP_API_PER_MILLION,
                mix.webSocketMessages() * WEBSOCKET_MESSAGE_PER_MILLION,
                mix.lambdaInvocations() * LAMBDA_REQUEST_PER_MILLION,
                gbSeconds * gbSecondPrice * 1_000_000,
                mix.writeUnits() * DYNAMODB_WRITE_UNIT_PER_MILLION,
                mix.readUnits() * DYNAMODB_READ_UNIT_PER_MILLION);
    }

    static String row(String label, Breakdown b) {
        return String.format(Locale.ROOT, "| %-26s | %5.2f | %5.2f | %5.2f | %6.3f | %6.3f | %6.3f | **%.2f** |",
                label, b.httpApi(), b.webSocket(), b.lambdaRequests(), b.lambdaDuration(), b.dynamoDbWrites(),
                b.dynamoDbReads(), b.total());
    }

    static String header() {
        return "| architecture, memory (fwd/resp) | HTTP API | WS msgs | Lambda req | Lambda GB-s | DDB writes"
                + " | DDB reads | total $/M |\n|---|---|---|---|---|---|---|---|";
    }

    private CostModel() {
    }
}
