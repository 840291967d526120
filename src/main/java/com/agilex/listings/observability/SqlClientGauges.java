package com.agilex.listings.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the Vert.x PostgreSQL client's gauges (postgresql_current, postgresql_queue_size), which
 * would show one connection where the dashboard expects the pool. The client registers its metrics
 * once per connection, all under the pool's datasource name; Micrometer keeps the first
 * connection's gauge, ignores the others' and logs a WARN about it (quarkusio/quarkus#47504). The
 * pool's own gauges (sql_pool_active, sql_pool_idle, sql_pool_queue_size) say what those would;
 * the client's counters and timers are one meter shared by all connections, so they stay. No
 * connection may open before Quarkus gives Micrometer's registry this filter, or that registry
 * warns once: nothing connects through the SQL client while the service starts.
 */
public class SqlClientGauges {

    private static final String PREFIX = "postgresql.";

    @Produces
    @Singleton
    MeterFilter dropPerConnectionSqlClientGauges() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                boolean perConnectionGauge = id.getType() == Meter.Type.GAUGE && id.getName().startsWith(PREFIX);
                return perConnectionGauge ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
