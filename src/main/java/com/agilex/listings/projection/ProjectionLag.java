package com.agilex.listings.projection;

import com.agilex.listings.eventstore.LogQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How far the read model is behind the event store, measured on the tables themselves: the
 * listing events whose version listing_view does not reflect yet, and the age of the oldest.
 * It reads every event (an index-only scan on a vacuumed store): for the admin status, not for
 * a metric scraped every few seconds.
 */
@ApplicationScoped
public class ProjectionLag {

    /** Events not yet applied, and how long the oldest of them has waited (zero when none). */
    public record Lag(long events, Duration oldest) {
    }

    private static final String LAG = """
            SELECT count(*), min(e.recorded_at) FROM """ + LogQueries.LISTING_EVENTS + """
             e LEFT JOIN listing_view v ON v.id = e.stream_id
            WHERE e.version > coalesce(v.version, 0)""";

    private final Pool pool;

    public ProjectionLag(Pool pool) {
        this.pool = pool;
    }

    public Uni<Lag> measure() {
        return pool.query(LAG).execute().map(rows -> {
            var row = rows.iterator().next();
            OffsetDateTime oldest = row.getOffsetDateTime(1);
            return new Lag(row.getLong(0), oldest == null ? Duration.ZERO : Duration.between(oldest, OffsetDateTime.now()));
        });
    }
}
