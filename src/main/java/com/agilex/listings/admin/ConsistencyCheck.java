package com.agilex.listings.admin;

import com.agilex.listings.admin.ConsistencyReport.Difference;
import com.agilex.listings.domain.Listing;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.query.ListingView;
import com.agilex.listings.query.ListingViews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Folds every stream of the event store and compares the result with listing_view, field by
 * field. Reads a page of events at a time, so it runs in bounded memory on any store size.
 */
@ApplicationScoped
public class ConsistencyCheck {

    static final int PAGE = 2_000;
    static final int MAX_REPORTED = 100;

    private final EventStore store;
    private final ListingEventCodec codec;
    private final ListingViews views;

    public ConsistencyCheck(EventStore store, ListingEventCodec codec, ListingViews views) {
        this.store = store;
        this.codec = codec;
        this.views = views;
    }

    /** Running totals while the walk goes on. */
    private static final class Tally {
        long streams;
        long consistent;
        long behind;
        long unreadable;
        long differenceCount;
        final List<Difference> differences = new ArrayList<>();
        // The nil UUID sorts first in PostgreSQL and names no listing: the walk starts after it.
        UUID afterStream = new UUID(0, 0);
        long afterVersion;
    }

    /** A stream folded so far: its state, version, and whether every event could be read. */
    private record Folded(Listing state, long version, boolean readable) {
    }

    public Uni<ConsistencyReport> run() {
        var tally = new Tally();
        return walk(tally, new LinkedHashMap<>())
                .chain(() -> views.countWithoutStream())
                .map(orphans -> new ConsistencyReport(Instant.now(), tally.streams, tally.consistent, tally.behind,
                        tally.unreadable, orphans, tally.differenceCount, List.copyOf(tally.differences)));
    }

    /** Folds a page of events; streams cut by the page end carry over to the next one. */
    private Uni<Void> walk(Tally tally, Map<UUID, Folded> open) {
        return store.readByStream(tally.afterStream, tally.afterVersion, PAGE).chain(page -> {
            for (RecordedEvent event : page) {
                Folded before = open.getOrDefault(event.streamId(), new Folded(Listing.INITIAL, 0, true));
                open.put(event.streamId(), fold(before, event));
            }
            boolean last = page.size() < PAGE;
            var complete = new LinkedHashMap<UUID, Folded>(open);
            open.clear();
            if (!last) {
                // The page's last stream may continue on the next page.
                UUID cut = page.getLast().streamId();
                open.put(cut, complete.remove(cut));
                tally.afterStream = cut;
                tally.afterVersion = page.getLast().version();
            }
            return compare(tally, complete).chain(() -> last ? Uni.createFrom().voidItem() : walk(tally, open));
        });
    }

    private Folded fold(Folded before, RecordedEvent event) {
        if (!before.readable()) {
            return before;
        }
        try {
            return new Folded(before.state().evolve(codec.decode(event)), event.version(), true);
        } catch (RuntimeException unreadable) {
            return new Folded(before.state(), event.version(), false);
        }
    }

    private Uni<Void> compare(Tally tally, Map<UUID, Folded> streams) {
        if (streams.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return views.findAll(List.copyOf(streams.keySet())).map(found -> {
            Map<UUID, ListingView> byId = new LinkedHashMap<>();
            found.forEach(view -> byId.put(view.id(), view));
            streams.forEach((id, folded) -> {
                tally.streams++;
                if (!folded.readable()) {
                    tally.unreadable++;
                    return;
                }
                ListingView view = byId.get(id);
                // Not there yet, or older: the projector has not caught up (ProjectionLag says how far).
                if (view == null || view.version() < folded.version()) {
                    tally.behind++;
                    return;
                }
                var differences = differences(id, folded.state(), view);
                if (view.version() > folded.version()) {
                    differences.add(new Difference(id, "version", Long.toString(folded.version()), Long.toString(view.version())));
                }
                if (differences.isEmpty()) {
                    tally.consistent++;
                }
                differences.forEach(difference -> report(tally, difference));
            });
            return null;
        });
    }

    private static List<Difference> differences(UUID id, Listing expected, ListingView view) {
        var differences = new ArrayList<Difference>();
        check(differences, id, "sellerId", expected.sellerId(), view.sellerId());
        check(differences, id, "title", expected.title(), view.title());
        check(differences, id, "description", expected.description(), view.description());
        check(differences, id, "category", expected.category(), view.category());
        check(differences, id, "status", expected.status(), view.status());
        check(differences, id, "buyerId", expected.buyerId(), view.buyerId());
        check(differences, id, "reservedUntil", expected.reservedUntil(), view.reservedUntil());
        if (!expected.price().sameAs(view.price())) {
            differences.add(new Difference(id, "price", expected.price().toString(), view.price().toString()));
        }
        return differences;
    }

    private static void check(List<Difference> differences, UUID id, String field, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(new Difference(id, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    private static void report(Tally tally, Difference difference) {
        tally.differenceCount++;
        if (tally.differences.size() < MAX_REPORTED) {
            tally.differences.add(difference);
        }
    }
}
