package dev.httptunnel.local.lambda;

import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an action at a deadline unless it is cancelled first, from one thread, for timers that are nearly
 * always cancelled (an invocation's timeout). Unlike a {@link java.util.concurrent.ScheduledExecutorService},
 * neither starting nor cancelling a timer wakes that thread: it sleeps until the earliest deadline, or
 * {@link #MAX_SLEEP} when that is further away, so a timer due after the thread's next wake-up needs no
 * signal. Under concurrent requests the executor's thread wakes up for about every invocation of a short
 * function (the timer queue empties between them and each new timer signals it); this thread wakes up
 * once per {@link #MAX_SLEEP}.
 */
final class DeadlineTimer implements AutoCloseable {

    static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    /** A started timer. */
    final class Timer {
        private final long deadlineNanos;
        private final long sequence;
        private final Runnable action;

        private Timer(long deadlineNanos, long sequence, Runnable action) {
            this.deadlineNanos = deadlineNanos;
            this.sequence = sequence;
            this.action = action;
        }

        /** Stops the timer; false when its action has already been run (or is running). */
        boolean cancel() {
            return timers.remove(this);
        }
    }

    private static final Comparator<Timer> BY_DEADLINE = (a, b) -> {
        long difference = a.deadlineNanos - b.deadlineNanos; // nanoTime values compare by their difference
        return difference != 0 ? Long.signum(difference) : Long.compare(a.sequence, b.sequence);
    };
    private static final System.Logger LOG = System.getLogger(DeadlineTimer.class.getName());

    private final ConcurrentSkipListSet<Timer> timers = new ConcurrentSkipListSet<>(BY_DEADLINE);
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private final long maxSleepNanos;
    private volatile long wakeAtNanos;
    private volatile boolean closed;

    DeadlineTimer(String threadName) {
        this(threadName, MAX_SLEEP);
    }

    /**
     * With the longest sleep given: tests make it long, to tell a timer that woke the thread from one that
     * waited for its next wake-up anyway.
     */
    DeadlineTimer(String threadName, Duration maxSleep) {
        this.maxSleepNanos = maxSleep.toNanos();
        wakeAtNanos = System.nanoTime();
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code action} on this timer's thread after {@code delay}, unless cancelled first. */
    Timer start(Duration delay, Runnable action) {
        Timer timer = new Timer(System.nanoTime() + delay.toNanos(), sequence.incrementAndGet(), action);
        timers.add(timer);
        // Added before reading when the thread wakes; the thread publishes that before looking at the
        // timers again: either it sees this timer, or this sees its new wake-up time.
        if (timer.deadlineNanos - wakeAtNanos < 0) {
            LockSupport.unpark(thread);
        }
        return timer;
    }

    private void run() {
        while (!closed) {
            long now = System.nanoTime();
            Timer first;
            while ((first = earliest()) != null && first.deadlineNanos - now <= 0) {
                if (timers.remove(first)) {
                    runSafely(first.action);
                }
                now = System.nanoTime();
            }
            long wakeAt = now + maxSleepNanos;
            if (first != null && first.deadlineNanos - wakeAt < 0) {
                wakeAt = first.deadlineNanos;
            }
            wakeAtNanos = wakeAt;
            Timer added = earliest();
            if (added != null && added.deadlineNanos - wakeAt < 0) {
                continue;
            }
            LockSupport.parkNanos(this, wakeAt - now);
        }
    }

    private Timer earliest() {
        Iterator<Timer> inOrder = timers.iterator(); // first() throws when emptied meanwhile
        return inOrder.hasNext() ? inOrder.next() : null;
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "a timer's action failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
