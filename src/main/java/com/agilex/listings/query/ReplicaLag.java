package com.agilex.listings.query;

import com.agilex.listings.observability.ObservabilityConfig;
import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.SafeContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * How far the read datasource is behind the primary, where it is a streaming replica:
 * {@code listings_read_replica_lag_seconds}, sampled on a timer so a scrape never waits on the
 * database. 0 on the primary itself, and on a replica that has replayed all it received (the
 * time since the last replayed commit would otherwise grow while the primary is idle). Where
 * queries are served only: that is where the replica's lag shows to clients.
 */
@ApplicationScoped
public class ReplicaLag {

    private static final Logger LOG = Logger.getLogger(ReplicaLag.class);

    private static final String LAG = """
            SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE CAST(coalesce(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) AS double precision)
                   END""";

    private final Instance<Pool> read;
    private final Vertx vertx;
    private volatile double seconds;
    private long timer = -1;

    public ReplicaLag(@ReactiveDataSource("read") Instance<Pool> read, Vertx vertx) {
        this.read = read;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent start, MeterRegistry registry, ObservabilityConfig config,
            Role role) {
        if (!role.servesQueries()) {
            return;
        }
        Gauge.builder("listings.read.replica.lag", this, lag -> lag.seconds)
                .description("How far the read datasource (a replica) is behind the primary; 0 on the primary")
                .baseUnit("seconds").register(registry);
        timer = vertx.setPeriodic(config.sampleInterval().toMillis(), tick -> sample());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sample() {
        SafeContext.run(vertx, () -> read.get().query(LAG).execute())
                .subscribe().with(rows -> seconds = rows.iterator().next().getDouble(0),
                        failure -> LOG.debugf("Could not sample the replica's lag: %s", failure.getMessage()));
    }
}
