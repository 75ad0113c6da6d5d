package dev.httptunnel.infra;

import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.RecordedResource;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;
import dev.httptunnel.lambda.config.TunnelFunction;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static dev.httptunnel.infra.Types.ALARM;
import static dev.httptunnel.infra.Types.SUBSCRIPTION;
import static dev.httptunnel.infra.Types.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/** Alarms watch metrics that exist, have names of their own per environment, and reach a person. */
class MonitoringTest {

    /** Metric names by namespace that CloudWatch publishes with the dimension used here. */
    private static final Map<String, Set<String>> REAL_METRICS = Map.of(
            "AWS/Lambda", Set.of("Errors", "Throttles"),
            "AWS/DynamoDB", Set.of("ReadThrottleEvents", "WriteThrottleEvents"),
            "AWS/ApiGateway", Set.of("5xx", "IntegrationError"));

    private final MockedStack.Result dev = StackFixtures.run("dev");

    @Test
    void everyFunction_hasErrorAndThrottleAlarms() {
        for (TunnelFunction function : TunnelFunction.values()) {
            for (String metric : new String[]{"Errors", "Throttles"}) {
                assertThat(dev.ofType(ALARM)).as("%s %s", function, metric).anySatisfy(alarm -> {
                    assertThat(alarm.string("metricName")).isEqualTo(metric);
                    assertThat(alarm.map("dimensions")).containsExactly(
                            Map.entry("FunctionName", "http-tunnel-" + function.shortName() + "-dev"));
                });
            }
        }
    }

    @Test
    void tableAlarms_watchRealThrottleMetricsPerTable_notUserErrors() {
        for (String table : new String[]{"http-tunnel-connections-dev", "http-tunnel-pending-requests-dev"}) {
            for (String metric : new String[]{"ReadThrottleEvents", "WriteThrottleEvents"}) {
                assertThat(dev.ofType(ALARM)).as("%s %s", table, metric).anySatisfy(alarm -> {
                    assertThat(alarm.string("namespace")).isEqualTo("AWS/DynamoDB");
                    assertThat(alarm.string("metricName")).isEqualTo(metric);
                    assertThat(alarm.map("dimensions")).containsExactly(Map.entry("TableName", table));
                });
            }
        }
        assertThat(dev.ofType(ALARM)).noneMatch(alarm -> alarm.string("metricName").equals("UserErrors"));
    }

    @Test
    void subdomainIndexAlarms_watchTheIndexesOwnSeries_whichTheTableAlarmsDoNotSee() {
        for (String metric : new String[]{"ReadThrottleEvents", "WriteThrottleEvents"}) {
            assertThat(dev.ofType(ALARM)).as(metric).anySatisfy(alarm -> {
                assertThat(alarm.string("namespace")).isEqualTo("AWS/DynamoDB");
                assertThat(alarm.string("metricName")).isEqualTo(metric);
                assertThat(alarm.map("dimensions")).containsOnly(
                        Map.entry("TableName", "http-tunnel-connections-dev"),
                        Map.entry("GlobalSecondaryIndexName", TableDesign.SUBDOMAIN_INDEX));
            });
        }
    }

    @Test
    void httpApiAlarm_usesTheHttpApiMetricName5xx_byApiId() {
        var alarm = dev.get(ALARM, "http-api-5xx");
        assertThat(alarm.string("namespace")).isEqualTo("AWS/ApiGateway");
        assertThat(alarm.string("metricName")).isEqualTo("5xx");
        assertThat(alarm.map("dimensions")).containsExactly(Map.entry("ApiId", dev.outputs().get("httpApiId")));
    }

    @Test
    void everyAlarm_watchesAMetricThatExists_overFiveMinutes() {
        for (RecordedResource alarm : dev.ofType(ALARM)) {
            assertThat(REAL_METRICS.get(alarm.string("namespace"))).as(alarm.name()).contains(alarm.string("metricName"));
            assertThat(alarm.number("period")).isEqualTo(300);
            assertThat(alarm.string("statistic")).isEqualTo("Sum");
            assertThat(alarm.string("treatMissingData")).isEqualTo("notBreaching");
        }
        assertThat(dev.ofType(ALARM)).hasSize(4 * 2 + 2 * 2 + 2 + 2);
    }

    @Test
    void alarmNames_areUniqueWithinAStack_andAcrossEnvironments() {
        var devNames = dev.ofType(ALARM).stream().map(a -> a.string("name")).toList();
        var prodNames = StackFixtures.run("prod").ofType(ALARM).stream().map(a -> a.string("name")).toList();
        assertThat(devNames).doesNotHaveDuplicates().allMatch(n -> n.startsWith("http-tunnel-dev-"));
        assertThat(prodNames).doesNotHaveDuplicates().allMatch(n -> n.startsWith("http-tunnel-prod-"));
        assertThat(devNames).doesNotContainAnyElementsOf(prodNames);
    }

    @Test
    void withoutAnAlarmEmail_thereIsNoTopic() {
        assertThat(dev.ofType(TOPIC)).isEmpty();
        assertThat(dev.ofType(ALARM)).allSatisfy(alarm -> assertThat(alarm.input("alarmActions")).isEmpty());
    }

    @Test
    void withAnAlarmEmail_everyAlarmNotifiesTheTopic_thatMailsTheAddress() {
        var alerted = StackFixtures.run("dev", Map.of("http-tunnel:alarmEmail", "ops@example.com"));
        var topic = alerted.get(TOPIC, "alarm-topic");
        assertThat(topic.string("name")).isEqualTo("http-tunnel-alarms-dev");
        var subscription = alerted.get(SUBSCRIPTION, "alarm-email");
        assertThat(subscription.string("protocol")).isEqualTo("email");
        assertThat(subscription.string("endpoint")).isEqualTo("ops@example.com");
        String topicArn = subscription.string("topic");
        assertThat(topicArn).isEqualTo("arn:aws:sns:us-east-1:123456789012:http-tunnel-alarms-dev");
        assertThat(alerted.ofType(ALARM)).isNotEmpty().allSatisfy(alarm -> {
            assertThat(alarm.list("alarmActions")).containsExactly(topicArn);
            assertThat(alarm.list("okActions")).containsExactly(topicArn);
        });
    }
}
