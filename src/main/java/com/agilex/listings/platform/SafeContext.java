package com.agilex.listings.platform;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs reactive work that no request started (timers, background loops) on a fresh, safe
 * (isolated) Vert.x context of its own. The context is duplicated from the
 * root, never from the caller's: work a request merely triggers (the relay, woken by a commit)
 * must not inherit the request's context data, its current span included.
 */
public final class SafeContext {

    private SafeContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(VertxContext.getRootContext(vertx.getOrCreateContext()));
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            // No current span: the work's own spans start traces of their own (the scope ends with the context).
            io.opentelemetry.context.Context.root().makeCurrent();
            work.get().subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
