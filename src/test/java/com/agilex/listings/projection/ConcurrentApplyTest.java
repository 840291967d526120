package com.agilex.listings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.domain.PriceDirection;
import com.agilex.listings.contract.PublishedEvent;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.ReadTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two appliers of the same events at once (in the all role: the Kafka consumer and POST /events)
 * settle without row locks: each event counts once in the views and in the stats, whichever
 * applier's transaction wins each race.
 */
@QuarkusTest
class ConcurrentApplyTest {

    static final Currency EUR = Currency.getInstance("EUR");

    @Inject
    ListingProjection projection;

    @Inject
    AgroalDataSource db;

    static Money eur(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    /** Created, published, then repriced {@code changes} times: 2 + changes events. */
    static List<PublishedEvent> history(UUID listing, String seller, String category, int changes) {
        var events = new ArrayList<PublishedEvent>();
        Instant at = Instant.now();
        events.add(new PublishedEvent(UUID.randomUUID(), listing, 1, at,
                new ListingEvent.ListingCreated(seller, "Lamp", "A lamp", category, eur("10.00"))));
        events.add(new PublishedEvent(UUID.randomUUID(), listing, 2, at, new ListingEvent.ListingPublished()));
        for (int c = 1; c <= changes; c++) {
            events.add(new PublishedEvent(UUID.randomUUID(), listing, 2 + c, at, new ListingEvent.ListingPriceChanged(
                    eur((10 + c) + ".00"), eur((9 + c) + ".00"), PriceDirection.UP)));
        }
        return events;
    }

    @Test
    void the_same_batches_applied_by_two_appliers_at_once_count_once() {
        String seller = "concurrent-" + UUID.randomUUID();
        String category = "race-" + UUID.randomUUID().toString().substring(0, 8);
        int listings = 20;
        int changes = 5;
        var all = new ArrayList<PublishedEvent>();
        for (int l = 0; l < listings; l++) {
            all.addAll(history(UUID.randomUUID(), seller, category, changes));
        }
        // Batches in order per listing, as a consumer receives them; each batch raced by two appliers.
        for (int version = 1; version <= 2 + changes; version++) {
            int v = version;
            List<PublishedEvent> batch = all.stream().filter(e -> e.version() == v).toList();
            var outcomes = OnVertx.run(() -> Uni.join().all(projection.apply(batch), projection.apply(batch)).andFailFast());
            int applied = outcomes.get(0).applied().size() + outcomes.get(1).applied().size();
            int duplicates = outcomes.get(0).duplicates() + outcomes.get(1).duplicates();
            assertThat(applied).as("batch of version %d: applied once in all", v).isEqualTo(listings);
            assertThat(duplicates).as("batch of version %d: the loser's events are duplicates", v).isEqualTo(listings);
        }

        assertThat(ReadTables.rows(db, "SELECT count(*) AS n, min(version) AS low, max(version) AS high, "
                        + "min(price_amount) AS price FROM listing_view WHERE seller_id = ?", seller))
                .containsExactly("n=20, low=7, high=7, price=15.00, ");
        assertThat(ReadTables.rows(db, "SELECT drafts, active FROM seller_stats WHERE seller_id = ?", seller))
                .containsExactly("drafts=0, active=" + listings + ", ");
        assertThat(ReadTables.rows(db, "SELECT active_count, active_price_sum, min_price, max_price FROM category_stats "
                        + "WHERE category = ? AND currency = 'EUR'", category))
                .containsExactly("active_count=20, active_price_sum=300.00, min_price=15.00, max_price=15.00, ");
    }
}
