package dev.httptunnel.agent.inspect;

/**
 * When a request reached each step, in microseconds after the agent received it; -1 for a step it never
 * reached (a request refused as busy is never sent to the app).
 *
 * @param sentToAppMicros the request went to the local service
 * @param firstByteMicros the local service's status and headers came back
 * @param doneMicros the answer was handed to the connection
 */
public record Timings(long sentToAppMicros, long firstByteMicros, long doneMicros) {
}
