package dev.httptunnel.local.lambda;

import java.util.concurrent.Semaphore;

/**
 * Lambda's account concurrency: invocations running at once across every function. An invocation that
 * finds none left is throttled at once, not queued.
 */
public final class AccountConcurrency {

    private final int limit;
    private final Semaphore units;

    public AccountConcurrency(int limit) {
        this.limit = limit;
        this.units = new Semaphore(limit);
    }

    public int limit() {
        return limit;
    }

    boolean tryAcquire() {
        return units.tryAcquire();
    }

    void release() {
        units.release();
    }

    /** Units in use now. */
    public int inUse() {
        return limit - units.availablePermits();
    }
}
