package dev.httptunnel.bench.continuity;

import dev.httptunnel.local.support.SteadyLoad;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * What the callers of one scenario saw, counted: requests sent, answered 200, held (sent while no connection
 * served the name, answered 200 after it was back), failed by status and tunnel error, the longest wait of a
 * request sent in the gap (whatever its answer), and requests that reached the app more than once.
 *
 * @param gap how long no connection served the name: from the event to the next connection established, or
 *     to the end of the run when none came; zero when there was no gap (a rotation)
 */
record ScenarioTally(String scenario, Duration gap, int sent, int answered, int held, Map<String, Integer> failed,
                     Duration longestHold, int reachedTwice) {

    /**
     * @param gapStart when the event happened ({@link System#nanoTime()}); requests sent from then until
     *     {@code gapEnd} found no connection serving the name
     * @param timesReached how many times a path reached the app
     */
    static ScenarioTally of(String scenario, List<SteadyLoad.Outcome> outcomes, long gapStart, long gapEnd,
                            ToIntFunction<String> timesReached) {
        List<SteadyLoad.Outcome> inGap = outcomes.stream()
                .filter(o -> o.sentAtNanos() - gapStart >= 0 && gapEnd - o.sentAtNanos() > 0).toList();
        Map<String, Integer> failed = outcomes.stream().filter(o -> o.status() != 200)
                .collect(Collectors.toMap(o -> o.status() + (o.tunnelError() == null ? "" : " " + o.tunnelError()),
                        o -> 1, Integer::sum, TreeMap::new));
        return new ScenarioTally(scenario, Duration.ofNanos(Math.max(0, gapEnd - gapStart)), outcomes.size(),
                (int) outcomes.stream().filter(o -> o.status() == 200).count(),
                (int) inGap.stream().filter(o -> o.status() == 200
                        && o.sentAtNanos() + o.took().toNanos() - gapEnd >= 0).count(), failed,
                inGap.stream().map(SteadyLoad.Outcome::took).max(Duration::compareTo).orElse(Duration.ZERO),
                (int) outcomes.stream().filter(o -> timesReached.applyAsInt(o.path()) > 1).count());
    }

    static void printTable(List<ScenarioTally> tallies) {
        System.out.println();
        System.out.println("| scenario | gap | sent | answered | held | failed by status "
                + "| longest wait in the gap | reached the app twice |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---:|");
        for (ScenarioTally t : tallies) {
            String failures = t.failed().isEmpty() ? "none" : t.failed().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %s | %s | %d |%n", t.scenario(),
                    seconds(t.gap()), t.sent(), t.answered(), t.held(), failures, seconds(t.longestHold()),
                    t.reachedTwice());
        }
    }

    private static String seconds(Duration d) {
        return d.isZero() ? "—" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
