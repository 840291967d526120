package com.agilex.listings.command;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.eventstore.ConcurrencyConflict;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.eventstore.SnapshotState;
import com.agilex.listings.eventstore.Snapshots;
import com.agilex.listings.platform.DatabaseBusy;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Listings as event streams: load folds a stream into state (from its newest snapshot when there
 * is one), append stores new events and, every {@code listings.snapshots.every} events, a snapshot.
 */
@ApplicationScoped
public class ListingRepository {

    private static final Logger LOG = Logger.getLogger(ListingRepository.class);

    /**
     * A listing's state, the version it was folded to (0: no such listing), and its snapshot's
     * version; {@code remembered}: kept in memory since this process last loaded or changed it, so
     * possibly stale.
     */
    public record Loaded(Listing state, long version, long snapshotVersion, boolean remembered) {
    }

    private final EventStore store;
    private final ListingEventCodec codec;
    private final Snapshots snapshots;
    private final SnapshotConfig config;
    private final SnapshotState snapshotState;
    private final KnownStates known;
    private final ReservationHolds holds;

    public ListingRepository(EventStore store, ListingEventCodec codec, Snapshots snapshots, SnapshotConfig config,
            SnapshotState snapshotState, CommandConfig commands, ReservationHolds holds) {
        this.store = store;
        this.codec = codec;
        this.snapshots = snapshots;
        this.config = config;
        this.snapshotState = snapshotState;
        this.known = new KnownStates(commands.knownStates());
        this.holds = holds;
    }

    /** A listing that does not exist yet: what a create starts from, without a read. */
    public static final Loaded NEW = new Loaded(Listing.INITIAL, 0, 0, false);

    /** The state this process last knew of the listing (remembered, maybe stale), or else {@link #load}. */
    public Uni<Loaded> loadKnown(UUID id) {
        return known.get(id)
                .map(state -> Uni.createFrom().item(new Loaded(state.state(), state.version(), state.snapshotVersion(), true)))
                .orElseGet(() -> load(id));
    }

    /** Reads the newest snapshot and the events after it in one round trip; a snapshot it cannot use costs a second read. */
    public Uni<Loaded> load(UUID id) {
        return read(id).invoke(loaded -> {
            if (loaded.version() > 0) {
                known.put(id, loaded);
            }
        });
    }

    private Uni<Loaded> read(UUID id) {
        if (config.every() <= 0) {
            return store.readStream(id, 0).map(events -> fold(Listing.INITIAL, 0, events));
        }
        return store.readFromSnapshot(id, SnapshotState.SHAPE).chain(tail -> {
            Optional<Listing> state = tail.snapshot().flatMap(s -> snapshotState.read(id, s));
            if (state.isEmpty() && tail.snapshot().isPresent()) {
                return store.readStream(id, 0).map(events -> fold(Listing.INITIAL, 0, events));
            }
            long from = tail.snapshot().map(Snapshots.Snapshot::version).orElse(0L);
            return Uni.createFrom().item(fold(state.orElse(Listing.INITIAL), from, tail.events()));
        });
    }

    /** Another process changed the listing since this one knew it (an append conflicted): forget it. */
    public void forget(UUID id) {
        known.forget(id);
    }

    /** Appends events decided on {@code loaded}; the new version, or a ConcurrencyConflict. */
    public Uni<Long> append(UUID id, Loaded loaded, List<ListingEvent> events, CommandContext context) {
        var metadata = new EventMetadata(context.correlationId(), context.commandId().toString(), context.actor(),
                context.traceparent());
        var stored = events.stream().map(event -> codec.encode(event, metadata)).toList();
        Listing after = loaded.state().evolveAll(events);
        var within = holds.track(id, loaded.state(), after).andThen(context.withinAppend());
        return store.append(id, loaded.version(), stored, within)
                .onFailure(ConcurrencyConflict.class).invoke(() -> known.forget(id))
                .chain(result -> {
                    long version = result.version();
                    boolean snapshotDue = config.every() > 0 && version - loaded.snapshotVersion() >= config.every();
                    if (result.alreadyStored()) {
                        // A retried append found its events stored: what followed them is not known here.
                        known.forget(id);
                    } else {
                        known.put(id, new Loaded(after, version, snapshotDue ? version : loaded.snapshotVersion(), false));
                    }
                    return snapshotDue ? snapshot(id, version, after).replaceWith(version) : Uni.createFrom().item(version);
                });
    }

    /** Best effort, after the commit: a missing snapshot only makes the next load longer. */
    private Uni<Void> snapshot(UUID id, long version, Listing state) {
        try {
            return snapshots.save(id, version, SnapshotState.SHAPE, snapshotState.write(state))
                    .onFailure().invoke(e -> LOG.warnf("Could not save a snapshot of %s at version %d: %s",
                            id, version, DatabaseBusy.describe(e)))
                    .onFailure().recoverWithNull();
        } catch (JsonProcessingException e) {
            LOG.warnf("Could not serialize a snapshot of %s: %s", id, e.getMessage());
            return Uni.createFrom().voidItem();
        }
    }

    private Loaded fold(Listing start, long snapshotVersion, List<RecordedEvent> events) {
        Listing state = start;
        for (RecordedEvent event : events) {
            state = state.evolve(codec.decode(event));
        }
        return new Loaded(state, events.isEmpty() ? snapshotVersion : events.getLast().version(), snapshotVersion, false);
    }
}
