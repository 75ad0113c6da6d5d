package dev.httptunnel.bench.bodies;

import static dev.httptunnel.bench.CostModel.DYNAMODB_READ_UNIT;
import static dev.httptunnel.bench.CostModel.DYNAMODB_WRITE_UNIT;
import static dev.httptunnel.bench.CostModel.HTTP_API_METERING_BYTES;
import static dev.httptunnel.bench.CostModel.HTTP_API_REQUEST;
import static dev.httptunnel.bench.CostModel.LAMBDA_GB_SECOND_ARM64;
import static dev.httptunnel.bench.CostModel.LAMBDA_INVOCATION;
import static dev.httptunnel.bench.CostModel.S3_GET;
import static dev.httptunnel.bench.CostModel.S3_PUT;
import static dev.httptunnel.bench.CostModel.TRANSFER_OUT_PER_GIB;
import static dev.httptunnel.bench.CostModel.WEBSOCKET_MESSAGE;
import static dev.httptunnel.bench.CostModel.WEBSOCKET_METERING_BYTES;

import dev.httptunnel.bench.CostModel;
import dev.httptunnel.bench.bodies.BodyBenchmark.Result;
import java.util.List;
import java.util.Locale;

/**
 * The modelled AWS cost of each measured size and direction, per million requests, and of the largest
 * response had it travelled as WebSocket messages and DynamoDB parts instead of through the body bucket.
 */
final class BodyCosts {

    /** The functions' memory, which with their billed time makes the GB-seconds. */
    static final int LAMBDA_MEMORY_MB = 512;
    /** The response function's billed time per invocation, assumed: it is not measured here. */
    static final double RESPONSE_HANDLER_SECONDS = 0.010;

    private static final int KB = 1024;
    /** The WebSocket message part a DynamoDB-parts design would send, under the 128 KB message quota. */
    private static final int PART_BYTES = 120 * KB;
    /** A part's JSON envelope around its base64. */
    private static final int PART_ENVELOPE_BYTES = 512;
    private static final double M = 1e6;

    private BodyCosts() {
    }

    /** What one request of {@code r} used, as AWS bills it. */
    static CostModel.Usage usage(Result r) {
        return CostModel.usage()
                .httpApiUnits(CostModel.httpApiUnits(r.upload() ? r.size() : 0))
                .webSocketUnits(r.unitsIn() + r.unitsOut())
                .lambda(r.forwarding() + r.response() + r.other(), CostModel.gbSeconds(
                        r.forwardingMs() / 1000 + r.response() * RESPONSE_HANDLER_SECONDS, LAMBDA_MEMORY_MB))
                .s3(r.puts(), r.gets())
                .dynamoDb(r.writeUnits(), r.readUnits())
                .transferOutBytes(r.transferOutBytes());
    }

    static CostModel.Cost perMillion(CostModel.Usage usage) {
        return CostModel.cost(usage, CostModel.Architecture.ARM64).perMillion();
    }

    static void print(List<Result> results, int largest) {
        System.out.printf(Locale.ROOT, "%nModelled AWS cost per million requests, %s list prices of %s:%n"
                        + "  HTTP API     $%.2f/M requests, metered in %d KB increments of the request (assumption:"
                        + " the request's body; the response is not metered)%n"
                        + "  WebSocket    $%.2f/M messages, metered in %d KB increments, both directions (connection"
                        + " minutes not counted: per agent, not per request)%n"
                        + "  Lambda       $%.2f/M invocations + %.1f GB x seconds x $%.10f/GB-s (arm64, %d MB);"
                        + " forwarding: the measured time in the handler, response: %.0f ms each%n"
                        + "  S3           PUT $%.4f/1000, GET $%.4f/1000, DELETE free%n"
                        + "  DynamoDB     $%.3f/M write units (1 per KB of item), $%.3f/M read units (1 per 4 KB,"
                        + " strongly consistent)%n"
                        + "  Transfer     $%.2f/GB out to the internet: the answer to the caller, request bodies the"
                        + " agent downloads from S3, WebSocket messages to the agent%n%n",
                CostModel.REGION, CostModel.PRICES_AS_OF, HTTP_API_REQUEST * M, HTTP_API_METERING_BYTES / KB,
                WEBSOCKET_MESSAGE * M, WEBSOCKET_METERING_BYTES / KB, LAMBDA_INVOCATION * M, LAMBDA_MEMORY_MB / 1024.0,
                LAMBDA_GB_SECOND_ARM64, LAMBDA_MEMORY_MB, RESPONSE_HANDLER_SECONDS * 1000, S3_PUT * 1000,
                S3_GET * 1000, DYNAMODB_WRITE_UNIT * M, DYNAMODB_READ_UNIT * M, TRANSFER_OUT_PER_GIB);
        System.out.printf(Locale.ROOT, "%-6s %-9s %9s %9s %9s %9s %9s %9s | %10s%n", "body", "direction", "HTTP API",
                "WebSocket", "Lambda", "S3", "DynamoDB", "transfer", "total/M");
        for (Result r : results) {
            CostModel.Cost cost = perMillion(usage(r));
            System.out.printf(Locale.ROOT, "%-6s %-9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f | %10.2f%n",
                    BodyBenchmark.label(r.size()), r.direction(), cost.httpApi(), cost.webSocket(), cost.lambda(),
                    cost.s3(), cost.dynamoDb(), cost.transferOut(), cost.total());
        }
        results.stream().filter(r -> r.size() == largest && !r.upload()).findFirst()
                .ifPresent(BodyCosts::printAlternative);
    }

    /**
     * The same response carried the other way: as WebSocket messages from the agent, each a response
     * function invocation writing a part to DynamoDB, which the forwarding function reads back.
     */
    private static void printAlternative(Result measured) {
        long base64 = (measured.size() + 2L) / 3 * 4;
        long messages = (base64 + PART_BYTES - 1) / PART_BYTES;
        long unitsPerMessage = CostModel.webSocketUnits(PART_BYTES + PART_ENVELOPE_BYTES);
        long wsUnits = messages * unitsPerMessage + 1;
        long writeUnits = (base64 + KB - 1) / KB;
        long readUnits = (base64 + 4 * KB - 1) / (4 * KB);
        double lambdaSeconds = measured.forwardingMs() / 1000 + messages * RESPONSE_HANDLER_SECONDS;
        CostModel.Usage throughS3 = usage(measured);
        CostModel.Cost viaS3 = perMillion(throughS3);
        CostModel.Cost viaParts = perMillion(throughS3.webSocketUnits(wsUnits)
                .lambda(1 + messages, CostModel.gbSeconds(lambdaSeconds, LAMBDA_MEMORY_MB))
                .s3(0, 0)
                .dynamoDb(writeUnits, readUnits));
        System.out.printf(Locale.ROOT, "%nThe same %s response as WebSocket messages + DynamoDB parts instead of S3:%n"
                        + "  base64 %,d bytes / %d KB parts = %d messages of %d x %d KB units (+1 for the request):"
                        + " %d units x $%.2f/M = $%.2f/M%n"
                        + "  Lambda: 1 forwarding (%.1f ms measured) + %d response invocations of %.0f ms:"
                        + " %d x $%.2f/M + %.1f GB x %.3f s x $%.10f = $%.2f/M%n"
                        + "  DynamoDB: %,d write units (1 per KB stored) x $%.3f/M"
                        + " + %,d read units (1 per 4 KB read) x $%.3f/M = $%.2f/M%n"
                        + "  HTTP API $%.2f/M and transfer out $%.2f/M unchanged%n"
                        + "  total $%.2f per million vs $%.2f through S3 (%.1f x)%n",
                BodyBenchmark.label(measured.size()), base64, PART_BYTES / KB, messages, unitsPerMessage,
                WEBSOCKET_METERING_BYTES / KB, wsUnits, WEBSOCKET_MESSAGE * M, viaParts.webSocket(),
                measured.forwardingMs(), messages, RESPONSE_HANDLER_SECONDS * 1000, 1 + messages,
                LAMBDA_INVOCATION * M, LAMBDA_MEMORY_MB / 1024.0, lambdaSeconds, LAMBDA_GB_SECOND_ARM64,
                viaParts.lambda(), writeUnits, DYNAMODB_WRITE_UNIT * M, readUnits, DYNAMODB_READ_UNIT * M,
                viaParts.dynamoDb(), viaS3.httpApi(), viaS3.transferOut(), viaParts.total(), viaS3.total(),
                viaParts.total() / viaS3.total());
    }
}
