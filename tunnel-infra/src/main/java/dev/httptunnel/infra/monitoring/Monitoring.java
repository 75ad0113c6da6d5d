package dev.httptunnel.infra.monitoring;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.config.StackSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch alarms on metrics that exist for these resources (the spec's DynamoDB alarm watched
 * {@code UserErrors}, which has no per-table series and never fires), notifying an SNS topic when an
 * e-mail address is configured.
 */
public final class Monitoring extends ComponentResource {

    /** Alarms evaluate 5-minute sums. */
    public static final int PERIOD_SECONDS = 300;

    /**
     * @param functionNames Lambda function names by handler short name
     * @param tableNames    DynamoDB table names by short name ({@code connections}…)
     * @param tableIndexes  the global secondary index of a table, by the table's short name: DynamoDB reports
     *                      an index's throttles under the index's own dimension, not the table's
     */
    public record Args(Map<String, Output<String>> functionNames, Map<String, Output<String>> tableNames,
                       Map<String, String> tableIndexes, Output<String> httpApiId, Output<String> webSocketApiId) {
    }

    private final Optional<Topic> topic;

    public Monitoring(String name, StackSettings settings, Args args, ComponentResourceOptions options) {
        super("http-tunnel:monitoring:Monitoring", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.topic = settings.alarmEmail().map(email -> {
            var alarms = new Topic("alarm-topic", TopicArgs.builder()
                    .name(settings.physicalName("alarms"))
                    .tags(settings.tags())
                    .build(), child);
            // AWS mails a confirmation link; no alarm reaches the address until it is clicked.
            new TopicSubscription("alarm-email", TopicSubscriptionArgs.builder()
                    .topic(alarms.arn())
                    .protocol("email")
                    .endpoint(email)
                    .build(), child);
            return alarms;
        });

        for (AlarmSpec spec : alarms(args)) {
            alarm(spec, settings, child);
        }

        registerOutputs(topic.<Map<String, Output<?>>>map(t -> Map.of("alarmTopicArn", t.arn())).orElse(Map.of()));
    }

    static List<AlarmSpec> alarms(Args args) {
        var specs = new ArrayList<AlarmSpec>();
        args.functionNames().forEach((shortName, functionName) -> {
            specs.add(new AlarmSpec(shortName + "-lambda-errors", "AWS/Lambda", "Errors",
                    "FunctionName", functionName, 5,
                    "The " + shortName + " handler failed more than 5 times in 5 minutes"));
            specs.add(new AlarmSpec(shortName + "-lambda-throttles", "AWS/Lambda",
                    "Throttles", "FunctionName", functionName, 0,
                    "The " + shortName + " handler was throttled: the account's concurrency is exhausted"));
        });
        args.tableNames().forEach((shortName, tableName) -> {
            for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                String kind = metric.startsWith("Read") ? "read" : "write";
                specs.add(new AlarmSpec(shortName + "-table-" + kind + "-throttles", "AWS/DynamoDB", metric,
                        "TableName", tableName, 0,
                        "DynamoDB throttled " + kind + "s on the " + shortName + " table"));
                Optional.ofNullable(args.tableIndexes().get(shortName)).ifPresent(index -> specs.add(new AlarmSpec(
                        shortName + "-index-" + kind + "-throttles", "AWS/DynamoDB", metric,
                        tableName.applyValue(table -> Map.of("TableName", table, "GlobalSecondaryIndexName", index)), 0,
                        "DynamoDB throttled " + kind + "s on the " + index + " index of the " + shortName + " table")));
            }
        });
        // HTTP APIs publish "5xx" (not "5XXError", which is REST APIs').
        specs.add(new AlarmSpec("http-api-5xx", "AWS/ApiGateway", "5xx",
                "ApiId", args.httpApiId(), 25,
                "The public HTTP API answered more than 25 server errors in 5 minutes"));
        specs.add(new AlarmSpec("websocket-api-integration-errors",
                "AWS/ApiGateway", "IntegrationError", "ApiId", args.webSocketApiId(), 5,
                "The agents' WebSocket API got more than 5 integration errors in 5 minutes"));
        return specs;
    }

    private void alarm(AlarmSpec spec, StackSettings settings, CustomResourceOptions child) {
        var alarm = MetricAlarmArgs.builder()
                .name(StackSettings.PROJECT + "-" + settings.environment() + "-" + spec.name())
                .alarmDescription(spec.description())
                .namespace(spec.namespace())
                .metricName(spec.metricName())
                .dimensions(spec.dimensions())
                .statistic("Sum")
                .period(PERIOD_SECONDS)
                .evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(spec.threshold())
                // No traffic means no errors, not an unknown state.
                .treatMissingData("notBreaching")
                .tags(settings.tags());
        topic.ifPresent(t -> {
            alarm.alarmActions(t.arn().applyValue(List::of));
            alarm.okActions(t.arn().applyValue(List::of));
        });
        new MetricAlarm(spec.name(), alarm.build(), child);
    }
}
