package com.agilex.listings.relay;

import com.agilex.listings.eventstore.LogQueries;
import com.agilex.listings.observability.ObservabilityConfig;
import com.agilex.listings.platform.SafeContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Gauges read from PostgreSQL on a timer, so that a scrape never waits on the database: the
 * relay's backlog (events committed but not yet published, and the age of the oldest), and
 * the age of the oldest write transaction in flight (it holds every gap-safe reader back).
 * The relay's health check ({@link RelayBacklogCheck}) reads the same sample.
 */
@ApplicationScoped
public class StoreGauges {

    private static final Logger LOG = Logger.getLogger(StoreGauges.class);

    /**
     * Every database of the server, not only this one: transaction ids are the server's, so the
     * gap-safe fence (pg_snapshot_xmin) waits for a write in any database. Another user's
     * xact_start is visible only with pg_read_all_stats (or pg_monitor): the second column says
     * whether this user has it.
     */
    private static final String OLDEST_WRITE = """
            SELECT CAST(coalesce(EXTRACT(EPOCH FROM now() - min(xact_start)), 0) AS double precision),
                   pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')
            FROM pg_stat_activity WHERE backend_xid IS NOT NULL""";

    /** The last sample (zeros before the first). */
    public record Sample(long relayBacklog, double relayLagSeconds, double oldestWriteSeconds) {
    }

    private final Pool pool;
    private final LogQueries log;
    private final Vertx vertx;
    private final RelayConfig relay;
    private final ObservabilityConfig config;
    private final MeterRegistry registry;
    private volatile Sample last = new Sample(0, 0, 0);
    private volatile boolean warnedBlind;
    private long timer = -1;

    public StoreGauges(Pool pool, LogQueries log, Vertx vertx, RelayConfig relay, ObservabilityConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.log = log;
        this.vertx = vertx;
        this.relay = relay;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Only where a relay runs: the backlog is its work, and the other roles need not poll the
     * primary (their gauges would only ever say 0, so they are not registered there).
     */
    void start(@Observes StartupEvent start) {
        if (!relay.enabled()) {
            return;
        }
        Gauge.builder("listings.relay.backlog", this, gauges -> gauges.last.relayBacklog())
                .description("Events committed to the event store and not yet published").register(registry);
        Gauge.builder("listings.relay.lag", this, gauges -> gauges.last.relayLagSeconds())
                .description("Age of the oldest event not yet published").baseUnit("seconds").register(registry);
        Gauge.builder("listings.eventstore.oldest.write.transaction", this, gauges -> gauges.last.oldestWriteSeconds())
                .description("Age of the oldest write transaction in flight: the gap-safe readers wait for it")
                .baseUnit("seconds").register(registry);
        timer = vertx.setPeriodic(config.sampleInterval().toMillis(), tick -> sample());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public Sample last() {
        return last;
    }

    private void sample() {
        SafeContext.run(vertx, () -> log.backlog(relay.name())
                        .chain(backlog -> pool.query(OLDEST_WRITE).execute().map(oldest -> {
                            Row oldestRow = oldest.iterator().next();
                            warnOnceIfBlind(oldestRow.getBoolean(1));
                            return new Sample(backlog.events(), backlog.oldestSeconds(), oldestRow.getDouble(0));
                        })))
                .subscribe().with(sample -> last = sample,
                        failure -> LOG.debugf("Could not sample the event store gauges: %s", failure.getMessage()));
    }

    private void warnOnceIfBlind(boolean seesEveryone) {
        if (!seesEveryone && !warnedBlind) {
            warnedBlind = true;
            LOG.warn("The database user lacks pg_read_all_stats: listings_eventstore_oldest_write_transaction_seconds "
                    + "sees only its own transactions, not other users' that hold the event store's readers back too "
                    + "(GRANT pg_read_all_stats TO the service's user)");
        }
    }
}
