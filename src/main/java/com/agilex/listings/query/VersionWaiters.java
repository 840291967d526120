package com.agilex.listings.query;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads with {@code minVersion} waiting for a listing's view to reach a version, woken by the
 * projector's announcements ({@link ViewChanges}: one LISTEN connection for every waiting
 * request) instead of each polling the database. A waiter is registered before the read that
 * finds the view behind, so an announcement between the two is not missed.
 */
final class VersionWaiters {

    /** One request's wait: completes true when a version at least {@code version} is announced. */
    final class Waiter {
        private final UUID id;
        private final long version;
        private final Context context;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Runnable wake = () -> { };

        private Waiter(UUID id, long version, Context context) {
            this.id = id;
            this.version = version;
            this.context = context;
        }

        /** True when woken by an announcement (or when every waiter was woken), false after {@code maxMillis}. */
        Uni<Boolean> await(Vertx vertx, long maxMillis) {
            return Uni.createFrom().emitter(emitter -> {
                long timer = vertx.setTimer(Math.max(1, maxMillis), fired -> {
                    if (done.compareAndSet(false, true)) {
                        cancel();
                        emitter.complete(false);
                    }
                });
                // Woken from the LISTEN connection's thread: go on on the request's own context.
                wake = () -> {
                    vertx.cancelTimer(timer);
                    if (context == null) {
                        emitter.complete(true);
                    } else {
                        context.runOnContext(ignored -> emitter.complete(true));
                    }
                };
                if (done.get()) {
                    wake.run(); // announced between the registration and now
                }
            });
        }

        /** No longer waiting (the read found the version, or the wait is over). */
        void cancel() {
            waiting.computeIfPresent(id, (key, waiters) -> {
                waiters.remove(this);
                return waiters.isEmpty() ? null : waiters;
            });
        }

        private void announced() {
            if (done.compareAndSet(false, true)) {
                wake.run();
            }
        }
    }

    private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    /** Registers a wait for {@code id} at {@code version}, on the calling request's context. */
    Waiter register(UUID id, long version) {
        var waiter = new Waiter(id, version, Vertx.currentContext());
        waiting.compute(id, (key, waiters) -> {
            Set<Waiter> all = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            all.add(waiter);
            return all;
        });
        return waiter;
    }

    /** The projector announced {@code version} of {@code id}: wakes whoever waits for it or less. */
    void announced(UUID id, long version) {
        waiting.computeIfPresent(id, (key, waiters) -> {
            waiters.removeIf(waiter -> {
                if (waiter.version <= version) {
                    waiter.announced();
                    return true;
                }
                return false;
            });
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** Announcements may have been lost (a reconnection, an unreadable one): every waiter reads again. */
    void wakeAll() {
        for (UUID id : waiting.keySet()) {
            waiting.computeIfPresent(id, (key, waiters) -> {
                waiters.forEach(Waiter::announced);
                return null;
            });
        }
    }

    int size() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
