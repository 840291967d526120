package com.agilex.listings.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Non-blocking waits: a Vert.x timer, so the wait continues on the caller's context. */
public final class Delays {

    private Delays() {
    }

    public static Uni<Void> of(Vertx vertx, long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), timer -> emitter.complete(null)));
    }
}
