package dev.httptunnel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and every process it started (the agent, localtunnel's server and client):
 * the whole benchmark's cost in CPU, which depends less than requests/s on what else the machine is
 * doing. Read from the operating system's per-process accounting (on Linux, {@code /proc}).
 *
 * <p>Also the context switches of the same processes, where {@code /proc} has them: every time a thread
 * sleeps and another wakes. On a virtual machine each one costs far more than the few instructions it
 * looks like (a call that waits for its answer costs several times the CPU of the same call back to
 * back), so switches per request explain much of CPU per request.
 * Threads that ended during a run take their switches with them: a slight undercount.
 */
final class CpuMeter {

    private CpuMeter() {
    }

    /** CPU time so far: of this JVM, and of its descendants that are still running. */
    record Reading(Duration thisJvm, Duration started, long switches) {

        Reading minus(Reading earlier) {
            return new Reading(thisJvm.minus(earlier.thisJvm), started.minus(earlier.started),
                    switches - earlier.switches);
        }
    }

    static Reading read() {
        long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Duration started = ProcessHandle.current().descendants()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        long switches = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .mapToLong(process -> contextSwitches(process.pid()))
                .sum();
        return new Reading(Duration.ofNanos(Math.max(0, nanos)), started, switches);
    }

    /** Voluntary and involuntary context switches of the live threads of {@code pid}; 0 without /proc. */
    private static long contextSwitches(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToLong(CpuMeter::threadSwitches).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long threadSwitches(Path thread) {
        try (Stream<String> lines = Files.lines(thread.resolve("status"))) {
            return lines.filter(line -> line.contains("ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended while being read
        }
    }
}
