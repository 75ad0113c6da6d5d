package dev.httptunnel.infra.monitoring;

import com.pulumi.core.Output;

import java.util.Map;

/**
 * One alarm: a metric that really exists with these dimensions, and the level that deserves a look.
 *
 * @param name         Pulumi name, e.g. {@code forwarding-lambda-errors}; the alarm is named
 *                     {@code http-tunnel-<env>-<name>}, unique per environment so that two stacks in one
 *                     account do not overwrite each other's alarms
 * @param namespace    e.g. {@code AWS/Lambda}
 * @param metricName   e.g. {@code Errors}
 * @param dimensions   the dimensions that select this resource's series, e.g. {@code FunctionName} or, for a
 *                     table's index, {@code TableName} and {@code GlobalSecondaryIndexName}
 * @param threshold    alarm when the 5-minute sum exceeds this
 * @param description  what it means when it fires
 */
record AlarmSpec(String name, String namespace, String metricName,
                 Output<Map<String, String>> dimensions, double threshold, String description) {

    /** An alarm on a series selected by one dimension. */
    AlarmSpec(String name, String namespace, String metricName, String dimension, Output<String> value,
              double threshold, String description) {
        this(name, namespace, metricName, value.applyValue(v -> Map.of(dimension, v)), threshold, description);
    }
}
