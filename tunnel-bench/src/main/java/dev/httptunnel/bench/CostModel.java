package dev.httptunnel.bench;

/**
 * AWS list prices and the arithmetic that turns what one tunnelled request uses of each service into
 * dollars. The prices are those of {@link #REGION} as listed on {@link #PRICES_AS_OF}; each benchmark
 * prints them with its result, so a figure always carries the prices it was computed with.
 */
public final class CostModel {

    public static final String REGION = "us-east-1";
    public static final String PRICES_AS_OF = "2026-11-27";

    /** HTTP API, per request; a request is metered in {@link #HTTP_API_METERING_BYTES} increments. */
    public static final double HTTP_API_REQUEST = 1.00 / 1e6;
    public static final int HTTP_API_METERING_BYTES = 512 * 1024;
    /** WebSocket API, per message; a message is metered in {@link #WEBSOCKET_METERING_BYTES} increments. */
    public static final double WEBSOCKET_MESSAGE = 1.00 / 1e6;
    public static final int WEBSOCKET_METERING_BYTES = 32 * 1024;
    public static final double LAMBDA_INVOCATION = 0.20 / 1e6;
    public static final double LAMBDA_GB_SECOND_ARM64 = 0.0000133334;
    public static final double LAMBDA_GB_SECOND_X86_64 = 0.0000166667;
    public static final double S3_PUT = 0.005 / 1000;
    public static final double S3_GET = 0.0004 / 1000;
    /** DynamoDB on demand: a write unit per started KB of the item, a strongly consistent read per 4 KB. */
    public static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
    public static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
    /** Data transfer out to the internet, per GiB. */
    public static final double TRANSFER_OUT_PER_GIB = 0.09;

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** The Lambda architecture, which sets the price of a GB-second. */
    public enum Architecture {
        ARM64(LAMBDA_GB_SECOND_ARM64), X86_64(LAMBDA_GB_SECOND_X86_64);

        private final double gbSecond;

        Architecture(double gbSecond) {
            this.gbSecond = gbSecond;
        }

        public double gbSecond() {
            return gbSecond;
        }
    }

    /** What one request uses of each billed service; build it with {@link #usage()}. */
    public record Usage(double httpApiUnits, double webSocketUnits, double lambdaInvocations, double lambdaGbSeconds,
                        double s3Puts, double s3Gets, double dynamoDbWriteUnits, double dynamoDbReadUnits,
                        double transferOutBytes) {

        public Usage httpApiUnits(double units) {
            return new Usage(units, webSocketUnits, lambdaInvocations, lambdaGbSeconds, s3Puts, s3Gets,
                    dynamoDbWriteUnits, dynamoDbReadUnits, transferOutBytes);
        }

        public Usage webSocketUnits(double units) {
            return new Usage(httpApiUnits, units, lambdaInvocations, lambdaGbSeconds, s3Puts, s3Gets,
                    dynamoDbWriteUnits, dynamoDbReadUnits, transferOutBytes);
        }

        /** {@code invocations}, and {@code gbSeconds} of billed duration over all of them. */
        public Usage lambda(double invocations, double gbSeconds) {
            return new Usage(httpApiUnits, webSocketUnits, invocations, gbSeconds, s3Puts, s3Gets,
                    dynamoDbWriteUnits, dynamoDbReadUnits, transferOutBytes);
        }

        public Usage s3(double puts, double gets) {
            return new Usage(httpApiUnits, webSocketUnits, lambdaInvocations, lambdaGbSeconds, puts, gets,
                    dynamoDbWriteUnits, dynamoDbReadUnits, transferOutBytes);
        }

        public Usage dynamoDb(double writeUnits, double readUnits) {
            return new Usage(httpApiUnits, webSocketUnits, lambdaInvocations, lambdaGbSeconds, s3Puts, s3Gets,
                    writeUnits, readUnits, transferOutBytes);
        }

        public Usage transferOutBytes(double bytes) {
            return new Usage(httpApiUnits, webSocketUnits, lambdaInvocations, lambdaGbSeconds, s3Puts, s3Gets,
                    dynamoDbWriteUnits, dynamoDbReadUnits, bytes);
        }
    }

    /** What {@link Usage} costs, in dollars, service by service. */
    public record Cost(double httpApi, double webSocket, double lambdaRequests, double lambdaDuration, double s3,
                       double dynamoDbWrites, double dynamoDbReads, double transferOut) {

        public double lambda() {
            return lambdaRequests + lambdaDuration;
        }

        public double dynamoDb() {
            return dynamoDbWrites + dynamoDbReads;
        }

        public double total() {
            return httpApi + webSocket + lambda() + s3 + dynamoDb() + transferOut;
        }

        /** The same cost for a million such requests. */
        public Cost perMillion() {
            double m = 1e6;
            return new Cost(httpApi * m, webSocket * m, lambdaRequests * m, lambdaDuration * m, s3 * m,
                    dynamoDbWrites * m, dynamoDbReads * m, transferOut * m);
        }
    }

    private CostModel() {
    }

    /** Nothing used yet. */
    public static Usage usage() {
        return new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static Cost cost(Usage usage, Architecture architecture) {
        return new Cost(usage.httpApiUnits() * HTTP_API_REQUEST,
                usage.webSocketUnits() * WEBSOCKET_MESSAGE,
                usage.lambdaInvocations() * LAMBDA_INVOCATION,
                usage.lambdaGbSeconds() * architecture.gbSecond(),
                usage.s3Puts() * S3_PUT + usage.s3Gets() * S3_GET,
                usage.dynamoDbWriteUnits() * DYNAMODB_WRITE_UNIT,
                usage.dynamoDbReadUnits() * DYNAMODB_READ_UNIT,
                usage.transferOutBytes() / GIB * TRANSFER_OUT_PER_GIB);
    }

    /** Billed GB-seconds of {@code seconds} in a function of {@code memoryMb}. */
    public static double gbSeconds(double seconds, int memoryMb) {
        return seconds * memoryMb / 1024.0;
    }

    /** The HTTP API's units for a request of {@code bytes}: at least one, one more per started 512 KB. */
    public static long httpApiUnits(long bytes) {
        return Math.max(1, (bytes + HTTP_API_METERING_BYTES - 1) / HTTP_API_METERING_BYTES);
    }

    /** The WebSocket API's units for a message of {@code bytes}: at least one, one more per started 32 KB. */
    public static long webSocketUnits(long bytes) {
        return Math.max(1, (bytes + WEBSOCKET_METERING_BYTES - 1) / WEBSOCKET_METERING_BYTES);
    }
}
