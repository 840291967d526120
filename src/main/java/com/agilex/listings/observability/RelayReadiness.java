package com.agilex.listings.observability;

import com.agilex.listings.relay.RelayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN when the oldest event not yet published is older than the threshold: the relay is stalled. */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    private final StoreGauges gauges;
    private final RelayConfig relay;
    private final ObservabilityConfig config;

    public RelayReadiness(StoreGauges gauges, RelayConfig relay, ObservabilityConfig config) {
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
