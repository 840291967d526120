package com.agilex.listings.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * The startup probe (/q/health/started): UP once the application has started, which in this
 * service means its migrations ran and its channels are wired. Until then Kubernetes waits
 * instead of restarting a slow start.
 */
@Startup
@ApplicationScoped
public class Started implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("listings-started");
    }
}
