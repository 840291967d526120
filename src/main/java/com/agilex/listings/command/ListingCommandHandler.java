package com.agilex.listings.command;

import com.agilex.listings.domain.ListingCommand;
import com.agilex.listings.domain.ListingDecider;
import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.eventstore.ConcurrencyConflict;
import com.agilex.listings.observability.CommandMetrics;
import com.agilex.listings.platform.Delays;
import com.agilex.listings.eventstore.EventsAppended;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs one command: load the listing, check If-Match, decide, append. When the client sent no
 * If-Match, a concurrent append is not the client's problem: load and decide again (with
 * jittered back-off) so that no update is lost. With If-Match, a conflict is a 412.
 */
@ApplicationScoped
public class ListingCommandHandler {

    private static final Logger LOG = Logger.getLogger(ListingCommandHandler.class);

    private final ListingRepository listings;
    private final CommandConfig config;
    private final Vertx vertx;
    private final Event<EventsAppended> appended;
    private final CommandMetrics metrics;

    public ListingCommandHandler(ListingRepository listings, CommandConfig config, Vertx vertx,
            Event<EventsAppended> appended, CommandMetrics metrics) {
        this.listings = listings;
        this.config = config;
        this.vertx = vertx;
        this.appended = appended;
        this.metrics = metrics;
    }

    public Uni<CommandResult> handle(UUID id, ListingCommand command, ExpectedVersion expected, CommandContext context) {
        if (expected.given()) {
            return attempt(id, command, expected, context)
                    .onFailure(ConcurrencyConflict.class)
                    .transform(conflict -> new VersionMismatch("The listing changed while the command ran"));
        }
        return withRetries(id, command, context, 0);
    }

    private Uni<CommandResult> withRetries(UUID id, ListingCommand command, CommandContext context, int retry) {
        return attempt(id, command, ExpectedVersion.NONE, context)
                .onFailure(ConcurrencyConflict.class).recoverWithUni(conflict -> {
                    if (retry >= config.conflictRetries()) {
                        LOG.warnf("Command %s on %s still conflicting after %d retries", command.name(), id, retry);
                        return Uni.createFrom().failure(conflict);
                    }
                    return pause(retry).chain(() -> withRetries(id, command, context, retry + 1));
                });
    }

    /**
     * One try, on the state this process remembers of the listing when it has one. That state may
     * be stale (another process appended since): an append from it then conflicts (and the state
     * is forgotten), and any other outcome (nothing to append, a rejection, an If-Match that does
     * not match) is decided again on the stored stream before it is answered.
     */
    private Uni<CommandResult> attempt(UUID id, ListingCommand command, ExpectedVersion expected, CommandContext context) {
        // A create's id is new (random, made here): there is no stream to read. The append's
        // version check still guards it.
        if (command instanceof ListingCommand.CreateListing) {
            return decideAndAppend(id, command, expected, context, ListingRepository.NEW);
        }
        return listings.loadKnown(id).chain(loaded -> decideAndAppend(id, command, expected, context, loaded)
                .onFailure(failure -> loaded.remembered() && decidedOnTheState(failure))
                .recoverWithUni(maybeStale -> listings.load(id)
                        .chain(stored -> decideAndAppend(id, command, expected, context, stored))));
    }

    /** An answer the state gave (not a fault of the database's): a stale state may have given it wrongly. */
    private static boolean decidedOnTheState(Throwable failure) {
        return failure instanceof ListingRejection || failure instanceof VersionMismatch
                || failure instanceof RememberedStateUnconfirmed;
    }

    private Uni<CommandResult> decideAndAppend(UUID id, ListingCommand command, ExpectedVersion expected,
            CommandContext context, ListingRepository.Loaded loaded) {
        if (!expected.accepts(loaded.version()) || (expected.any() && loaded.version() == 0)) {
            return Uni.createFrom().failure(new VersionMismatch(
                    "The listing is at version " + loaded.version() + ", not the one If-Match names"));
        }
        List<ListingEvent> events;
        try {
            events = ListingDecider.decide(command, loaded.state());
        } catch (RuntimeException rejected) {
            return Uni.createFrom().failure(rejected);
        }
        if (events.isEmpty()) {
            // Nothing to append is an answer about the state: on a remembered one, check it.
            return loaded.remembered()
                    ? Uni.createFrom().failure(new RememberedStateUnconfirmed())
                    : Uni.createFrom().item(new CommandResult(id, loaded.version()));
        }
        return listings.append(id, loaded, events, context)
                // Lets the relay publish now rather than at its next sweep.
                .invoke(version -> appended.fire(new EventsAppended(id, version)))
                .invoke(() -> metrics.appended(events))
                .map(version -> new CommandResult(id, version));
    }

    /** An outcome decided on a remembered state that only the stored stream can confirm. */
    private static final class RememberedStateUnconfirmed extends RuntimeException {
        RememberedStateUnconfirmed() {
            super(null, null, false, false);
        }
    }

    /** A jittered, doubling pause; the retry continues on the request's own context. */
    private Uni<Void> pause(int retry) {
        long ceiling = Delays.backoffMillis(config.retryBackoffInitial(), config.retryBackoffMax(), retry);
        long delay = Math.max(1, ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        return Delays.of(vertx, delay);
    }
}
