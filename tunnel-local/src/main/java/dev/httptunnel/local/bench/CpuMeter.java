package dev.httptunnel.local.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used by this JVM and every process it started (the agent, localtunnel's server and client):
 * the whole benchmark's cost in CPU, which depends less than requests/s on what else the machine is
 * doing (measured: ±15 % between runs against ±25 %). Read from the operating system's per-process
 * accounting (on Linux, {@code /proc}).
 */
final class CpuMeter {

    private CpuMeter() {
    }

    /** CPU time so far: of this JVM, and of its descendants that are still running. */
    record Reading(Duration thisJvm, Duration started) {

        Reading minus(Reading earlier) {
            return new Reading(thisJvm.minus(earlier.thisJvm), started.minus(earlier.started));
        }
    }

    static Reading read() {
        long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Duration started = ProcessHandle.current().descendants()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new Reading(Duration.ofNanos(Math.max(0, nanos)), started);
    }
}
