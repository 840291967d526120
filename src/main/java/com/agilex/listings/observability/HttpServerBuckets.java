package com.agilex.listings.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Gives Quarkus' HTTP server timer (http_server_requests_seconds) the buckets of the query
 * latency SLO (p99 under 100 ms), so that the rules can count the requests slower than it.
 */
public class HttpServerBuckets {

    static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

    @Produces
    @Singleton
    MeterFilter httpServerSloBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                // Timers count in nanoseconds.
                double[] nanos = Stream.of(BUCKETS).mapToDouble(bucket -> (double) bucket.toNanos()).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
