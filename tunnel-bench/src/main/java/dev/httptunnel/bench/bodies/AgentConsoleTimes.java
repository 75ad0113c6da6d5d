package dev.httptunnel.bench.bodies;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's own time for one request target, read from its console: each line gives the milliseconds
 * from the request's receipt by the agent to its answer being queued on the WebSocket. Set against the
 * caller's time it splits a request's latency into the agent's part and the service side's.
 */
final class AgentConsoleTimes implements Consumer<String> {

    private final Pattern line;
    private final List<Long> millis = new ArrayList<>();

    AgentConsoleTimes(String method, String target) {
        this.line = Pattern.compile("\\s" + Pattern.quote(method) + "\\s+" + Pattern.quote(target)
                + "\\s+\\d{3}\\s+(\\d+) ms");
    }

    @Override
    public synchronized void accept(String consoleLine) {
        Matcher matched = line.matcher(consoleLine);
        if (matched.find()) {
            millis.add(Long.parseLong(matched.group(1)));
        }
    }

    /** The times read since the last call, in milliseconds. */
    synchronized long[] drain() {
        long[] drained = millis.stream().mapToLong(Long::longValue).toArray();
        millis.clear();
        return drained;
    }
}
