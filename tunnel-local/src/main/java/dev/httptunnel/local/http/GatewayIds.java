package dev.httptunnel.local.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids shaped like API Gateway's and Lambda's. Connection ids come from {@link SecureRandom}: they address an
 * agent on the Management API. The several ids every request gets (request ids, message ids, trace ids,
 * Lambda request ids) only need to be unique, and come from {@link ThreadLocalRandom}: the secure source
 * serialises its callers on one lock and reads {@code /dev/urandom}, which showed up as lock contention on
 * the request path.
 */
public final class GatewayIds {

    private static final SecureRandom SECURE = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final HexFormat HEX = HexFormat.of();

    private GatewayIds() {
    }

    /** A WebSocket connection id, shaped like {@link #next()}, from the secure source. */
    public static String connectionId() {
        return id(SECURE);
    }

    /**
     * 16 characters ending in {@code =}, like {@code L0SM9cOFvHcCIhw=}. Drawn from letters and digits only,
     * so an id never needs more URL-encoding than its {@code =}.
     */
    public static String next() {
        return id(ThreadLocalRandom.current());
    }

    private static String id(Random random) {
        char[] id = new char[16];
        for (int i = 0; i < 15; i++) {
            id[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
        }
        id[15] = '=';
        return new String(id);
    }

    /** An X-Ray trace header value: {@code Root=1-<epoch seconds hex>-<96 random bits hex>}. */
    public static String traceId(long epochMillis) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(epochMillis / 1000) + "-" + HEX.formatHex(random);
    }

    /** A Lambda request id: a random (version 4) UUID. */
    public static String lambdaRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
