package com.agilex.listings.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Metrics sampling and the thresholds of the readiness checks. */
@ConfigMapping(prefix = "listings.observability")
public interface ObservabilityConfig {

    /** How often the relay backlog and the oldest write transaction are read from PostgreSQL. */
    @WithDefault("PT5S")
    Duration sampleInterval();

    /** Readiness goes DOWN when the oldest unpublished event is older than this (the relay is stalled). */
    @WithDefault("PT60S")
    Duration relayStalledAfter();

    /** Readiness goes DOWN when the projector has failed to apply anything for this long. */
    @WithDefault("PT60S")
    Duration projectorStalledAfter();
}
