package com.agilex.listings.command;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Listings as event streams: load folds a stream into state, append stores new events. */
@ApplicationScoped
public class ListingRepository {

    /** A listing's state and the stream version it was folded from (0: no such listing). */
    public record Loaded(Listing state, long version) {
    }

    private final EventStore store;
    private final ListingEventCodec codec;

    public ListingRepository(EventStore store, ListingEventCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public Uni<Loaded> load(UUID id) {
        return store.readStream(id, 0).map(this::fold);
    }

    /** Appends events decided at {@code version}; the new version, or a ConcurrencyConflict. */
    public Uni<Long> append(UUID id, long version, List<ListingEvent> events, CommandContext context) {
        var metadata = new EventMetadata(context.correlationId(), context.commandId().toString(), context.actor(),
                context.traceparent());
        var stored = events.stream().map(event -> codec.encode(event, metadata)).toList();
        return store.append(id, version, stored, context.withinAppend()).map(result -> result.version());
    }

    private Loaded fold(List<RecordedEvent> stream) {
        Listing state = Listing.INITIAL;
        for (RecordedEvent event : stream) {
            state = state.evolve(codec.decode(event));
        }
        return new Loaded(state, stream.isEmpty() ? 0 : stream.getLast().version());
    }
}
