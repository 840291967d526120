package com.agilex.listings.relay;

import com.agilex.listings.observability.ObservabilityConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * DOWN when the oldest event not yet published is older than the threshold: the relay is stalled.
 * A wellness check (/q/health/well), never a readiness one: the backlog is read from the shared
 * database, so a Kafka outage would take every command pod out of rotation at once, a full
 * write outage, while commands do not need Kafka at all. The alert
 * ListingsRelayStalled pages instead.
 */
@Wellness
@ApplicationScoped
public class RelayBacklogCheck implements HealthCheck {

    private final StoreGauges gauges;
    private final RelayConfig relay;
    private final ObservabilityConfig config;

    public RelayBacklogCheck(StoreGauges gauges, RelayConfig relay, ObservabilityConfig config) {
        this.gauges = gauges;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        StoreGauges.Sample sample = gauges.last();
        boolean stalled = relay.enabled() && sample.relayLagSeconds() > config.relayStalledAfter().toSeconds();
        return HealthCheckResponse.named("listings-relay")
                .status(!stalled)
                .withData("enabled", relay.enabled())
                .withData("backlogEvents", sample.relayBacklog())
                .withData("oldestUnpublishedSeconds", Math.round(sample.relayLagSeconds()))
                .withData("stalledAfterSeconds", config.relayStalledAfter().toSeconds())
                .build();
    }
}
