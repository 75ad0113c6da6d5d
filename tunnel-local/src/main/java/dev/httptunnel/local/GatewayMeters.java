package dev.httptunnel.local;

import dev.httptunnel.local.lambda.LambdaFunction;
import dev.httptunnel.local.storage.BodyBucketRequests;
import dev.httptunnel.local.websocket.WebSocketTraffic;
import java.time.Duration;
import java.util.List;

/**
 * What the gateway has counted so far, as AWS would meter it: messages over the WebSocket API, requests
 * to the body bucket, and each function's invocations, billed time and instances. Live counters, for
 * tests and benchmarks to read before and after what they measure.
 *
 * @param webSocket frames and messages that crossed the WebSocket API
 * @param bodyBucket PUT, GET and DELETE requests to the body bucket (S3 on AWS)
 * @param functions the four functions, whose counters {@link #invocations}, {@link #busyTime} and
 *     {@link #instancesCreated} read by name
 */
public record GatewayMeters(WebSocketTraffic webSocket, BodyBucketRequests bodyBucket,
                            List<LambdaFunction<?, ?>> functions) {

    public GatewayMeters {
        functions = List.copyOf(functions);
    }

    /** Invocations of the function named {@code name} ({@code connect}, {@code forwarding}, ...). */
    public long invocations(String name) {
        return function(name).invocations();
    }

    /** Time the function named {@code name} has spent in its handler, summed over invocations. */
    public Duration busyTime(String name) {
        return Duration.ofNanos(function(name).busyNanos());
    }

    /** Handler instances created by the function named {@code name}: its cold starts. */
    public int instancesCreated(String name) {
        return function(name).instancesCreated();
    }

    private LambdaFunction<?, ?> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name));
    }
}
