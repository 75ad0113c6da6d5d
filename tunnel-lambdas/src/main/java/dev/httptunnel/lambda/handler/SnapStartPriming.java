package dev.httptunnel.lambda.handler;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs one dry pass of a handler before SnapStart takes its snapshot, so that classes are loaded,
 * SDK clients have connected and Jackson has built its serializers: a restored instance serves its
 * first request warm. Outside SnapStart the hook never fires.
 */
final class SnapStartPriming implements Resource {

    private static final System.Logger LOG = System.getLogger(SnapStartPriming.class.getName());

    /** CRaC may hold resources weakly; these must live as long as the handler does. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    private final Runnable dryRun;

    private SnapStartPriming(Runnable dryRun) {
        this.dryRun = dryRun;
    }

    static synchronized void register(Runnable dryRun) {
        SnapStartPriming priming = new SnapStartPriming(dryRun);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            dryRun.run();
        } catch (RuntimeException e) {
            // Priming is an optimisation: a failed dry pass must never block the snapshot.
            LOG.log(System.Logger.Level.WARNING, "priming pass failed: " + e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: SDK clients reconnect on demand and ids come from SecureRandom.
    }
}
