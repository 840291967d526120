package com.agilex.listings.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request has a correlation id: the caller's {@code X-Correlation-Id}, or a new one. It is
 * put back on the request (so resources read it as a header), put in the log context, and
 * echoed on the response.
 */
public class CorrelationFilter {

    public static final String HEADER = "X-Correlation-Id";
    // Ids go into logs and event metadata: keep them short and free of control characters.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.getHeaders().putSingle(HEADER, id);
        MDC.put(LogContext.CORRELATION_ID, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, request.getHeaderString(HEADER));
    }
}
