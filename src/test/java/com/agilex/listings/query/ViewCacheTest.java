package com.agilex.listings.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The view cache's rules: what it serves, what it keeps, and what it forgets. */
class ViewCacheTest {

    static final UUID ID = UUID.randomUUID();

    static ListingView view(long version) {
        return new ListingView(ID, "alice", "Lamp", "", "home", new Money(new BigDecimal("10.00"), Currency.getInstance("EUR")),
                ListingStatus.PUBLISHED, null, null, version, Instant.EPOCH, Instant.EPOCH);
    }

    static ViewCache open() {
        var cache = new ViewCache(100);
        cache.open();
        return cache;
    }

    @Test
    void a_view_read_is_served_again_while_nothing_is_announced_and_only_for_what_it_covers() {
        var cache = open();
        cache.read(view(3), cache.ticket());
        assertThat(cache.fresh(ID, 0)).contains(view(3));
        assertThat(cache.fresh(ID, 3)).contains(view(3));
        assertThat(cache.fresh(ID, 4)).as("minVersion beyond it").isEmpty();
    }

    @Test
    void an_announced_change_drops_the_view_and_a_read_it_overlapped_is_not_kept() {
        var cache = open();
        cache.read(view(3), cache.ticket());
        cache.changed(ID, 4);
        assertThat(cache.fresh(ID, 0)).isEmpty();

        long ticket = cache.ticket();
        cache.changed(ID, 5); // announced while the read below was on its way: it may be older
        cache.read(view(4), ticket);
        assertThat(cache.fresh(ID, 0)).isEmpty();
        cache.read(view(5), cache.ticket());
        assertThat(cache.fresh(ID, 0)).contains(view(5));
        cache.changed(UUID.randomUUID(), 1);
        assertThat(cache.fresh(ID, 0)).as("another listing's change").contains(view(5));
    }

    @Test
    void a_read_older_than_the_announced_version_is_not_kept_as_a_lagging_replica_gives_it() {
        var cache = open();
        // The primary announced version 6; the replica has not replayed it and still answers 5.
        cache.changed(ID, 6);
        cache.read(view(5), cache.ticket());
        assertThat(cache.fresh(ID, 0)).as("kept, it would be served until the next change").isEmpty();
        cache.read(view(6), cache.ticket());
        assertThat(cache.fresh(ID, 0)).contains(view(6));
        // An announcement that does not say its version (an older projector) only drops the view.
        cache.changed(ID, 0);
        assertThat(cache.fresh(ID, 0)).isEmpty();
        cache.read(view(5), cache.ticket());
        assertThat(cache.fresh(ID, 0)).as("still below what was announced").isEmpty();
    }

    @Test
    void what_was_served_is_a_floor_and_an_older_read_never_replaces_a_newer_view() {
        var cache = open();
        cache.read(view(5), cache.ticket());
        cache.read(view(4), cache.ticket());
        assertThat(cache.fresh(ID, 0)).contains(view(5));
        assertThat(cache.served(ID)).isEqualTo(5);
        cache.changed(ID, 0);
        assertThat(cache.served(ID)).as("the floor outlives the view").isEqualTo(5);
    }

    @Test
    void closed_it_serves_and_keeps_nothing_and_reopened_it_starts_empty() {
        var cache = open();
        cache.read(view(3), cache.ticket());
        cache.close();
        assertThat(cache.fresh(ID, 0)).isEmpty();
        cache.read(view(4), cache.ticket());
        cache.open();
        assertThat(cache.fresh(ID, 0)).isEmpty();
        var never = new ViewCache(100);
        never.read(view(3), never.ticket());
        assertThat(never.fresh(ID, 0)).as("never opened").isEmpty();
    }

    @Test
    void a_drop_of_everything_also_voids_the_reads_on_their_way_and_the_size_is_bounded() {
        var cache = open();
        long ticket = cache.ticket();
        cache.dropAll();
        cache.read(view(3), ticket);
        assertThat(cache.fresh(ID, 0)).isEmpty();

        var small = new ViewCache(2);
        small.open();
        for (int i = 0; i < 10; i++) {
            var other = new ListingView(UUID.randomUUID(), "a", "t", "", "c", view(1).price(), ListingStatus.DRAFT, null, null, 1,
                    Instant.EPOCH, Instant.EPOCH);
            small.read(other, small.ticket());
            assertThat(small.size()).isLessThanOrEqualTo(2);
        }
    }
}
