package com.agilex.listings.platform;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads without a bearer token share one allowance per instance ({@code listings.rate-limit.anonymous-reads}):
 * a flood from anonymous clients is refused with 429 before it reaches the database.
 */
public class AnonymousReadLimit {

    private final RateLimits limits;

    public AnonymousReadLimit(RateLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request) {
        if (HttpMethod.GET.equals(request.getMethod()) && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return limits.anonymousRead();
        }
        return Uni.createFrom().voidItem();
    }
}
