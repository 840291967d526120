package com.agilex.listings.history;

import com.agilex.listings.query.QueryNumbers;
import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.eventstore.SnapshotState;
import com.agilex.listings.platform.ListingIds;
import com.agilex.listings.platform.Roles;
import com.agilex.listings.query.InvalidQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A listing's history, read from the event store: the audit trail and its state at any past
 * point. For the listing's seller and for users with the role {@value Roles#ADMIN}.
 */
@RegisterForReflection
@ServedBy(Role.QUERY)
@Path("/listings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ListingHistoryResource {

    static final int MAX_PAGE = 1_000;
    static final int DEFAULT_PAGE = 100;

    /** A page of the audit trail; {@code nextFromVersion} is null on the last page. */
    public record EventPage(List<StoredEventView> items, Long nextFromVersion) {
    }

    /** The listing as it was after the event at {@code version}, recorded at {@code recordedAt}. */
    public record StateAt(UUID id, long version, Instant recordedAt, Listing state) {
    }

    private final EventStore store;
    private final ListingEventCodec codec;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    private final HistoryConfig config;
    private final SnapshotState snapshotState;

    public ListingHistoryResource(EventStore store, ListingEventCodec codec, JsonWebToken token, SecurityIdentity identity,
            HistoryConfig config, SnapshotState snapshotState) {
        this.config = config;
        this.snapshotState = snapshotState;
        this.store = store;
        this.codec = codec;
        this.token = token;
        this.identity = identity;
    }

    /** The audit trail in version order, a page at a time ({@code fromVersion}, {@code limit}). */
    @GET
    @Path("/{id}/events")
    public Uni<EventPage> events(@PathParam("id") String rawId, @RestQuery String fromVersion, @RestQuery String limit) {
        UUID id = ListingIds.parse(rawId);
        long from = number("fromVersion", fromVersion, 1, Long.MAX_VALUE, 1);
        int size = (int) number("limit", limit, 1, MAX_PAGE, DEFAULT_PAGE);
        return store.readStream(id, 0, 1)
                .invoke(this::requireSellerOrAdmin)
                .chain(() -> store.readStream(id, from - 1, size + 1L))
                .map(events -> {
                    List<RecordedEvent> page = events.size() > size ? events.subList(0, size) : events;
                    Long next = events.size() > size ? events.get(size).version() : null;
                    return new EventPage(page.stream().map(StoredEventView::of).toList(), next);
                });
    }

    /**
     * The listing's state at {@code version} or the instant {@code at}: folded from the newest
     * snapshot at or before that point (or from the first event), at most {@code maxFold} events.
     */
    @GET
    @Path("/{id}/state")
    public Uni<StateAt> state(@PathParam("id") String rawId, @RestQuery String at, @RestQuery String version) {
        UUID id = ListingIds.parse(rawId);
        if ((at == null) == (version == null)) {
            throw new InvalidQuery(List.of(new FieldError("at", "give either at (an RFC 3339 instant) or version, not both")));
        }
        long wantedVersion = version == null ? 0 : number("version", version, 1, Long.MAX_VALUE, 0);
        String field = version != null ? "version" : "at";
        Uni<Long> upTo = version != null ? Uni.createFrom().item(wantedVersion) : store.versionAt(id, instant(at));
        // Up to version 1 at least: the first event names the seller, who may read this.
        return upTo.chain(last -> start(id, Math.max(last, 1)).chain(start -> {
            requireSellerOrAdmin(start.seller());
            return last - start.version() > config.maxFold()
                    ? beyondTheFold(id, last, field)
                    : Uni.createFrom().item(fold(id, last, wantedVersion, start));
        }));
    }

    /**
     * Where time travel to {@code version} starts: the state of the newest usable snapshot at or
     * before it (or the initial state, at version 0), and the events from there, the event at the
     * snapshot's own version first (it gives the time), at most one more than the fold.
     */
    private record Start(Listing state, long version, List<RecordedEvent> events, String seller) {
    }

    private Uni<Start> start(UUID id, long version) {
        return store.readAt(id, SnapshotState.SHAPE, version, config.maxFold() + 1).chain(tail -> {
            Optional<Listing> snapshot = tail.snapshot().flatMap(found -> snapshotState.read(id, found));
            if (snapshot.isPresent()) {
                Listing state = snapshot.get();
                return Uni.createFrom().item(new Start(state, tail.snapshot().get().version(), tail.events(), state.sellerId()));
            }
            // No snapshot, or one that cannot be used: from the first event, which names the seller.
            Uni<List<RecordedEvent>> events = tail.snapshot().isEmpty()
                    ? Uni.createFrom().item(tail.events())
                    : store.readStream(id, 0, config.maxFold() + 1L);
            return events.map(fromTheStart -> new Start(Listing.INITIAL, 0, fromTheStart, fromTheStart.isEmpty() ? null
                    : Listing.INITIAL.evolve(codec.decode(fromTheStart.getFirst())).sellerId()));
        });
    }

    /** The state at {@code last}: 404 for nothing yet at that instant, or a version the listing never reached. */
    private StateAt fold(UUID id, long last, long wantedVersion, Start start) {
        Listing state = start.state();
        RecordedEvent reached = null;
        for (RecordedEvent event : start.events()) {
            if (event.version() > last) {
                break;
            }
            if (event.version() > start.version()) {
                state = state.evolve(codec.decode(event));
            }
            reached = event;
        }
        if (reached == null || last == 0 || reached.version() < wantedVersion) {
            throw new ListingRejection.NotFound();
        }
        return new StateAt(id, reached.version(), reached.recordedAt(), state);
    }

    /**
     * A point further than one answer folds: refused, unless the listing never reached that
     * version (answered 404).
     */
    private Uni<StateAt> beyondTheFold(UUID id, long last, String field) {
        return store.readStream(id, last - 1, 1).map(reached -> {
            if (reached.isEmpty()) {
                throw new ListingRejection.NotFound();
            }
            throw new InvalidQuery(List.of(new FieldError(field, "reaches version " + last + " of this listing; time travel folds"
                    + " at most " + config.maxFold() + " events from a snapshot or the first event: ask for an earlier"
                    + " point, or page through GET /listings/" + id + "/events")));
        });
    }

    /**
     * Given the start of a stream: 404 for a listing that does not exist, 403 for a user who is
     * neither its seller (named by its first event) nor an admin.
     */
    private void requireSellerOrAdmin(List<RecordedEvent> stream) {
        if (stream.isEmpty()) {
            throw new ListingRejection.NotFound();
        }
        requireSellerOrAdmin(Listing.INITIAL.evolve(codec.decode(stream.getFirst())).sellerId());
    }

    /** 404 for no seller (no such listing), 403 for a user who is neither the seller nor an admin. */
    private void requireSellerOrAdmin(String seller) {
        if (seller == null) {
            throw new ListingRejection.NotFound();
        }
        if (!identity.hasRole(Roles.ADMIN) && !seller.equals(token.getSubject())) {
            throw new ListingRejection.NotPermitted("Only the listing's seller or an admin may read its history");
        }
    }

    private static long number(String field, String raw, long min, long max, long otherwise) {
        if (raw == null) {
            return otherwise;
        }
        Long value = QueryNumbers.within(raw, min, max);
        if (value != null) {
            return value;
        }
        throw new InvalidQuery(List.of(new FieldError(field, "must be a whole number from " + min + " to " + max)));
    }

    private static Instant instant(String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQuery(List.of(new FieldError("at", "must be an RFC 3339 instant such as 2026-11-27T10:15:30Z")));
        }
    }
}
