package dev.httptunnel.local.http;

import java.security.SecureRandom;

/** Ids shaped like API Gateway's: {@code apigw-requestid} values and WebSocket connection ids. */
public final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private RequestIds() {
    }

    /**
     * 16 characters ending in {@code =}, like {@code L0SM9cOFvHcCIhw=}. Drawn from letters and digits only,
     * so a connection id never needs more URL-encoding than its {@code =}.
     */
    public static String next() {
        char[] id = new char[16];
        for (int i = 0; i < 15; i++) {
            id[i] = ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length()));
        }
        id[15] = '=';
        return new String(id);
    }

    /** An X-Ray trace header value: {@code Root=1-<epoch seconds hex>-<96 random bits hex>}. */
    public static String traceId(long epochMillis) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        StringBuilder hex = new StringBuilder(24);
        for (byte b : random) {
            hex.append(String.format("%02x", b));
        }
        return "Root=1-" + Long.toHexString(epochMillis / 1000) + "-" + hex;
    }
}
