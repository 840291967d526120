package com.agilex.listings.command;

import com.agilex.listings.observability.LogContext;
import com.agilex.listings.observability.CommandMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every command request, whatever its answer (a mapped exception included): its name in the
 * log context, then one log line, a count and a latency when it is answered.
 */
public class CommandObservation {

    private static final Logger LOG = Logger.getLogger(CommandObservation.class);
    private static final String STARTED = CommandObservation.class.getName() + ".started";

    private final CommandMetrics metrics;

    public CommandObservation(CommandMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public void started(ContainerRequestContext request, ResourceInfo resource) {
        if (isCommand(resource)) {
            request.setProperty(STARTED, System.nanoTime());
            MDC.put(LogContext.COMMAND, resource.getResourceMethod().getName());
        }
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (!(request.getProperty(STARTED) instanceof Long started) || !isCommand(resource)) {
            return;
        }
        String command = resource.getResourceMethod().getName();
        metrics.answered(command, response.getStatus(), System.nanoTime() - started);
        LOG.infof("Command %s answered %d", command, response.getStatus());
    }

    private static boolean isCommand(ResourceInfo resource) {
        return resource != null && resource.getResourceClass() == ListingCommandResource.class
                && resource.getResourceMethod() != null;
    }
}
