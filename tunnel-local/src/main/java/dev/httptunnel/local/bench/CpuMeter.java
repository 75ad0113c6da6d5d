package dev.httptunnel.local.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used by this JVM and every process it started (the agent, localtunnel's server and client):
 * the whole benchmark's cost in CPU, which unlike requests/s barely depends on what else the machine
 * was doing. Read from the operating system's per-process accounting (on Linux, {@code /proc}).
 */
final class CpuMeter {

    private CpuMeter() {
    }

    /** Total CPU time so far, this JVM and its descendants that are still running. */
    static Duration total() {
        long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Duration total = Duration.ofNanos(Math.max(0, nanos));
        return ProcessHandle.current().descendants()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(total, Duration::plus);
    }
}
