package com.agilex.listings.projection;

import com.agilex.listings.observability.ObservabilityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN when the projector has failed to apply anything for longer than the threshold (it retries meanwhile). */
@Readiness
@ApplicationScoped
public class ProjectorReadiness implements HealthCheck {

    private final ProjectionCounters counters;
    private final ObservabilityConfig config;

    public ProjectorReadiness(ProjectionCounters counters, ObservabilityConfig config) {
        this.counters = counters;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Instant failingSince = counters.failingSince();
        boolean stalled = failingSince != null
                && Duration.between(failingSince, Instant.now()).compareTo(config.projectorStalledAfter()) > 0;
        var response = HealthCheckResponse.named("listings-projector").status(!stalled)
                .withData("stalledAfterSeconds", config.projectorStalledAfter().toSeconds());
        if (failingSince != null) {
            response.withData("failingSince", failingSince.toString())
                    .withData("lastError", String.valueOf(counters.lastError()));
        }
        return response.build();
    }
}
