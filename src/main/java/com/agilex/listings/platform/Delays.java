package com.agilex.listings.platform;

import java.time.Duration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Non-blocking waits: a Vert.x timer, so the wait continues on the caller's context. */
public final class Delays {

    private Delays() {
    }

    /** The pause before retry {@code attempt} (0 the first): doubling from {@code initial}, at most {@code max}. */
    public static long backoffMillis(Duration initial, Duration max, int attempt) {
        return Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
    }

    public static Uni<Void> of(Vertx vertx, long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), timer -> emitter.complete(null)));
    }
}
