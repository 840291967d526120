package com.agilex.listings.command;

import com.agilex.listings.domain.ListingCommand;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.platform.DatabaseBusy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.SafeContext;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Ends reservations whose hold is over: every {@code listings.reservations.sweep-interval}, each
 * command process sends an ExpireReservation command for each due hold. The decider, on the
 * stored stream, has the last word: two processes sweeping at once append one expiry (the other
 * finds the listing published), and a hold the stream no longer has is dropped.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    /** The actor recorded with expiry events: no user asked for them. */
    public static final String ACTOR = "listings:reservation-expiry";

    private final ReservationHolds holds;
    private final ListingCommandHandler handler;
    private final ReservationConfig config;
    private final Vertx vertx;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public ReservationExpiry(ReservationHolds holds, ListingCommandHandler handler, ReservationConfig config, Vertx vertx) {
        this.holds = holds;
        this.handler = handler;
        this.config = config;
        this.vertx = vertx;
    }

    void schedule(@Observes StartupEvent start, Role role) {
        if (!role.takesCommands()) {
            return;
        }
        vertx.setPeriodic(config.sweepInterval().toMillis(), timer -> {
            // A sweep still running (a slow database) is not joined by another.
            if (sweeping.compareAndSet(false, true)) {
                SafeContext.run(vertx, this::sweep)
                        .onTermination().invoke(() -> sweeping.set(false))
                        .subscribe().with(
                                ended -> {
                                    if (ended > 0) {
                                        LOG.infof("Ended %d reservations whose hold was over", ended);
                                    }
                                },
                                failure -> LOG.warnf("Could not end due reservations: %s", DatabaseBusy.describe(failure)));
            }
        });
    }

    /** Ends the due reservations, one listing at a time; the number ended. */
    Uni<Integer> sweep() {
        Instant now = Instant.now();
        return holds.due(now, config.sweepBatch())
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> expire(id, now))
                .collect().asList()
                .map(outcomes -> (int) outcomes.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> expire(UUID id, Instant now) {
        var context = new CommandContext(ACTOR, "reservation-expiry-" + UUID.randomUUID(), UUID.randomUUID(), null);
        return handler.handle(id, new ListingCommand.ExpireReservation(ACTOR, now), ExpectedVersion.NONE, context)
                .replaceWith(true)
                .onFailure(ListingRejection.class).recoverWithUni(rejection -> {
                    LOG.debugf("Dropping the hold of %s: %s", id, rejection.getMessage());
                    return holds.forget(id).replaceWith(false);
                });
    }
}
