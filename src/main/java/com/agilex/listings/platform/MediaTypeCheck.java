package com.agilex.listings.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a Content-Type that is not a media type at all ({@code garbage}, {@code /}, blank) with a 415
 * problem before routing: Quarkus REST parses it while it matches the route and would otherwise
 * fail with an IllegalArgumentException, a 500.
 */
public class MediaTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnparsable(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || parses(contentType)) {
            return null;
        }
        return ProblemMappers.problem(415, null, "Unsupported Media Type", "The Content-Type header is not a media type",
                request.getUriInfo(), null);
    }

    private static boolean parses(String contentType) {
        try {
            return !contentType.isBlank() && MediaType.valueOf(contentType) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
